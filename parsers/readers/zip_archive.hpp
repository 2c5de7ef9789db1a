// zip_archive.hpp — a ZIP archive read from memory with the limits hostile input needs:
// entry names that climb out of the archive, ZIP bombs, too many entries, encrypted
// entries and corrupt data are refused with an InputError saying which.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

struct zip;  // libzip's zip_t, kept out of this header

namespace citecheck {

struct ZipLimits {
  std::size_t max_entries = 20000;
  std::uint64_t max_entry_bytes = 256ull << 20;  // uncompressed, counted while reading
  std::uint64_t max_total_bytes = 512ull << 20;  // all entries read together
  std::uint64_t ratio_floor = 1ull << 20;        // the ratio is checked once an entry is larger
  std::uint64_t max_ratio = 100;                 // uncompressed : compressed
};

class ZipArchive {
 public:
  // `bytes` must outlive the archive (it is read in place). Throws InputError when the bytes
  // are not a readable ZIP, hold too many entries or a path-traversal entry name.
  explicit ZipArchive(const std::string& bytes, ZipLimits limits = {});
  ~ZipArchive();
  ZipArchive(const ZipArchive&) = delete;
  ZipArchive& operator=(const ZipArchive&) = delete;

  bool has(std::string_view name) const;
  const std::vector<std::string>& names() const { return names_; }
  // The entry's uncompressed bytes; nullopt when there is no such entry. Throws InputError
  // for encrypted entries, corrupt data and the size limits.
  std::optional<std::string> read(const std::string& name);

 private:
  struct zip* zip_ = nullptr;
  ZipLimits limits_;
  std::uint64_t total_read_ = 0;
  std::vector<std::string> names_;
};

// True when `name` escapes the archive's root: a ".." component, an absolute path, a drive
// letter or a backslash.
bool zip_name_is_traversal(std::string_view name);

}  // namespace citecheck
