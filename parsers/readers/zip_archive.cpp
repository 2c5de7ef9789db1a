#include "parsers/readers/zip_archive.hpp"

#include <zip.h>

#include <algorithm>
#include <memory>

#include "parsers/text_reader.hpp"

namespace citecheck {

namespace {

std::string libzip_reason(zip_error_t* err) {
  std::string s = zip_error_strerror(err);
  zip_error_fini(err);
  return s;
}

std::string quoted(std::string_view name) {
  std::string out(name.substr(0, 200));
  for (char& c : out)
    if (static_cast<unsigned char>(c) < 0x20) c = '?';
  return "'" + out + "'";
}

std::string size_text(std::uint64_t bytes) {
  if (bytes >= (1u << 20)) return std::to_string(bytes >> 20) + " MiB";
  return std::to_string(bytes) + " bytes";
}

}  // namespace

bool zip_name_is_traversal(std::string_view name) {
  if (name.empty()) return false;
  if (name.front() == '/' || name.find('\\') != std::string_view::npos) return true;
  if (name.size() >= 2 && name[1] == ':' && std::isalpha(static_cast<unsigned char>(name[0]))) return true;
  std::size_t i = 0;
  while (i <= name.size()) {
    std::size_t slash = name.find('/', i);
    if (slash == std::string_view::npos) slash = name.size();
    if (name.substr(i, slash - i) == "..") return true;
    i = slash + 1;
  }
  return false;
}

ZipArchive::ZipArchive(const std::string& bytes, ZipLimits limits) : limits_(limits) {
  // 22 bytes: the end-of-central-directory record alone (libzip opens an empty source as an
  // empty archive, which a file on disk never is).
  if (bytes.size() < 22) throw InputError("not a readable ZIP archive (only " + std::to_string(bytes.size()) + " bytes)");
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &err);
  if (!src) throw InputError("cannot open the ZIP archive (libzip: " + libzip_reason(&err) + ")");
  zip_ = zip_open_from_source(src, ZIP_RDONLY, &err);
  if (!zip_) {
    zip_source_free(src);
    throw InputError("not a readable ZIP archive, corrupt or truncated (libzip: " + libzip_reason(&err) +
                     "); open it in Word or LibreOffice and save it again");
  }
  zip_error_fini(&err);
  zip_int64_t n = zip_get_num_entries(zip_, 0);
  if (n < 0 || static_cast<std::uint64_t>(n) > limits_.max_entries) {
    zip_discard(zip_);
    zip_ = nullptr;
    throw InputError("the ZIP archive holds " + std::to_string(n) + " entries, more than the " +
                     std::to_string(limits_.max_entries) + " citecheck reads; refused as hostile input");
  }
  names_.reserve(static_cast<std::size_t>(n));
  for (zip_int64_t i = 0; i < n; ++i) {
    const char* name = zip_get_name(zip_, static_cast<zip_uint64_t>(i), ZIP_FL_ENC_RAW);
    std::string s = name ? name : "";
    if (zip_name_is_traversal(s)) {
      zip_discard(zip_);
      zip_ = nullptr;
      throw InputError("path-traversal entry name " + quoted(s) + " in the ZIP archive; refused as hostile input");
    }
    names_.push_back(std::move(s));
  }
}

ZipArchive::~ZipArchive() {
  if (zip_) zip_discard(zip_);
}

bool ZipArchive::has(std::string_view name) const {
  return std::find(names_.begin(), names_.end(), name) != names_.end();
}

std::optional<std::string> ZipArchive::read(const std::string& name) {
  auto it = std::find(names_.begin(), names_.end(), name);
  if (it == names_.end()) return std::nullopt;
  auto index = static_cast<zip_uint64_t>(it - names_.begin());
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat_index(zip_, index, ZIP_FL_ENC_RAW, &st) != 0)
    throw InputError("cannot read entry " + quoted(name) + " of the ZIP archive (libzip: " +
                     zip_strerror(zip_) + ")");
  if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE)
    throw InputError("entry " + quoted(name) + " is password-protected; save an unprotected copy and check that");
  std::uint64_t compressed = (st.valid & ZIP_STAT_COMP_SIZE) ? st.comp_size : 0;
  zip_file_t* f = zip_fopen_index(zip_, index, 0);
  if (!f) {
    int code = zip_error_code_zip(zip_get_error(zip_));
    if (code == ZIP_ER_NOPASSWD || code == ZIP_ER_WRONGPASSWD || code == ZIP_ER_ENCRNOTSUPP)
      throw InputError("entry " + quoted(name) + " is password-protected; save an unprotected copy and check that");
    throw InputError("cannot read entry " + quoted(name) + " of the ZIP archive (libzip: " +
                     zip_strerror(zip_) + ")");
  }
  std::unique_ptr<zip_file_t, int (*)(zip_file_t*)> guard(f, zip_fclose);
  std::string out;
  char chunk[1 << 16];
  for (;;) {
    zip_int64_t got = zip_fread(f, chunk, sizeof chunk);
    if (got < 0)
      throw InputError("entry " + quoted(name) + " of the ZIP archive is corrupt (libzip: " + zip_file_strerror(f) + ")");
    if (got == 0) break;
    out.append(chunk, static_cast<std::size_t>(got));
    total_read_ += static_cast<std::uint64_t>(got);
    if (out.size() > limits_.max_entry_bytes)
      throw InputError("entry " + quoted(name) + " expands to more than " + size_text(limits_.max_entry_bytes) +
                       "; refused as hostile input (a ZIP bomb?)");
    if (total_read_ > limits_.max_total_bytes)
      throw InputError("the ZIP archive expands to more than " + size_text(limits_.max_total_bytes) +
                       "; refused as hostile input (a ZIP bomb?)");
    if (out.size() > limits_.ratio_floor && out.size() > limits_.max_ratio * std::max<std::uint64_t>(compressed, 1))
      throw InputError("entry " + quoted(name) + " expands more than " + std::to_string(limits_.max_ratio) +
                       " times its compressed size; it looks like a ZIP bomb and is refused");
  }
  return out;
}

}  // namespace citecheck
