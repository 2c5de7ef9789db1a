#include "parsers/text_reader.hpp"

#include "parsers/bidi_controls.hpp"

#include <algorithm>
#include <cstdint>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

namespace citecheck {

std::string_view Document::line(int n) const {
  std::size_t b = line_begin(n), e = line_end(n);
  return std::string_view(text).substr(b, e - b);
}

std::size_t Document::line_end(int n) const {
  if (n < line_count()) return line_starts[n] - 1;
  return (!text.empty() && text.back() == '\n') ? text.size() - 1 : text.size();
}

int Document::line_of(std::size_t offset) const {
  auto it = std::upper_bound(line_starts.begin(), line_starts.end(), offset);
  return static_cast<int>(it - line_starts.begin());
}

static inline bool is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

void PositionMap::position(std::size_t offset, int& line, int& column) {
  line = doc_.line_of(offset);
  std::size_t from = doc_.line_begin(line);
  int col = 1;
  if (line == cached_line_ && offset >= cached_offset_) {
    from = cached_offset_;
    col = cached_column_;
  }
  const std::string& t = doc_.text;
  for (std::size_t i = from; i < offset && i < t.size(); ++i)
    if (!is_continuation(static_cast<unsigned char>(t[i]))) ++col;
  cached_line_ = line;
  cached_offset_ = offset;
  cached_column_ = col;
  column = col;
}

SourceSpan PositionMap::span(std::size_t begin, std::size_t end) {
  SourceSpan s;
  position(begin, s.line, s.column);
  std::size_t last = end > begin ? end - 1 : begin;
  position(last, s.end_line, s.end_column);
  return s;
}

std::vector<ByteRange> sorted_ranges(std::vector<ByteRange> v) {
  std::sort(v.begin(), v.end(), [](const ByteRange& a, const ByteRange& b) { return a.begin < b.begin; });
  std::vector<ByteRange> out;
  for (const auto& r : v) {
    if (!out.empty() && r.begin <= out.back().end) out.back().end = std::max(out.back().end, r.end);
    else out.push_back(r);
  }
  return out;
}

bool ranges_contain(const std::vector<ByteRange>& sorted, std::size_t offset) {
  auto it = std::upper_bound(sorted.begin(), sorted.end(), offset,
                             [](std::size_t o, const ByteRange& r) { return o < r.begin; });
  return it != sorted.begin() && std::prev(it)->contains(offset);
}

Document make_document(std::string path, std::string text) {
  Document doc;
  doc.path = std::move(path);
  doc.text = std::move(text);
  doc.line_starts.reserve(doc.text.size() / 40 + 1);
  doc.line_starts.push_back(0);
  const char* base = doc.text.data();
  const char* p = base;
  const char* end = base + doc.text.size();
  while ((p = static_cast<const char*>(std::memchr(p, '\n', end - p))) != nullptr) {
    ++p;
    if (p == end) break;  // a final newline does not open an empty last line
    doc.line_starts.push_back(static_cast<std::size_t>(p - base));
  }
  return doc;
}

namespace {

// Length of the valid UTF-8 sequence at p, or 0 when it is not valid (overlongs,
// surrogates and code points above U+10FFFF are invalid).
std::size_t valid_utf8_length(const unsigned char* p, const unsigned char* end) {
  unsigned char c = p[0];
  if (c < 0x80) return 1;
  std::size_t n;
  unsigned char lo = 0x80, hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) n = 2;
  else if (c == 0xE0) { n = 3; lo = 0xA0; }
  else if (c >= 0xE1 && c <= 0xEC) n = 3;
  else if (c == 0xED) { n = 3; hi = 0x9F; }
  else if (c >= 0xEE && c <= 0xEF) n = 3;
  else if (c == 0xF0) { n = 4; lo = 0x90; }
  else if (c >= 0xF1 && c <= 0xF3) n = 4;
  else if (c == 0xF4) { n = 4; hi = 0x8F; }
  else return 0;
  if (static_cast<std::size_t>(end - p) < n) return 0;
  if (p[1] < lo || p[1] > hi) return 0;
  for (std::size_t i = 2; i < n; ++i)
    if (!is_continuation(p[i])) return 0;
  return n;
}

// valid_utf8_length with the common cases inline: two-byte letters (Arabic, Cyrillic,
// Greek, Hebrew, Armenian) and three-byte ones (Georgian, Indic, CJK) outside the ranges
// that need the stricter second-byte rules.
inline std::size_t fast_valid_length(const unsigned char* p, const unsigned char* end) {
  unsigned char c = *p;
  if (c >= 0xC2 && c <= 0xDF && end - p >= 2 && (p[1] & 0xC0) == 0x80) return 2;
  if (((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) && end - p >= 3 && (p[1] & 0xC0) == 0x80 &&
      (p[2] & 0xC0) == 0x80)
    return 3;
  return valid_utf8_length(p, end);
}

bool needs_rewrite(const std::string& b) {
  if (b.size() >= 3 && static_cast<unsigned char>(b[0]) == 0xEF &&
      static_cast<unsigned char>(b[1]) == 0xBB && static_cast<unsigned char>(b[2]) == 0xBF)
    return true;
  if (b.find('\r') != std::string::npos) return true;
  const auto* p = reinterpret_cast<const unsigned char*>(b.data());
  const auto* end = p + b.size();
  while (p < end) {
    // ASCII sixteen bytes at a time, and two-byte letters (Arabic, Cyrillic, Greek,
    // Hebrew, Armenian) inline: most manuscripts are made of little else.
    if (end - p >= 16) {
      std::uint64_t w[2];
      std::memcpy(w, p, 16);
      if (((w[0] | w[1]) & 0x8080808080808080ULL) == 0) { p += 16; continue; }
    }
    unsigned char c = *p;
    if (c < 0x80) { ++p; continue; }
    std::size_t n = fast_valid_length(p, end);
    if (n == 0) return true;
    p += n;
  }
  return false;
}

// pdftotext's extraction of a right-to-left page keeps the embedding controls and writes the
// Latin and numeric stretches of each line in visual order: put those lines back in logical
// order (line count unchanged, so line numbers stay those of the file).
Document with_logical_order(Document doc) {
  if (!has_embedding_controls(doc.text)) return doc;
  std::string out;
  out.reserve(doc.text.size());
  for (int n = 1; n <= doc.line_count(); ++n) {
    std::string_view line = doc.line(n);
    bool page = !line.empty() && line.front() == '\f';
    if (page) out.push_back('\f');
    out += logical_line(page ? line.substr(1) : line);
    if (n < doc.line_count() || (!doc.text.empty() && doc.text.back() == '\n')) out.push_back('\n');
  }
  Document fixed = make_document(std::move(doc.path), std::move(out));
  fixed.issues = std::move(doc.issues);
  return fixed;
}

}  // namespace

Document read_text(std::string path, std::string bytes) {
  auto starts = [&](std::string_view bom) { return bytes.compare(0, bom.size(), bom) == 0; };
  if (starts("\xFF\xFE") || starts("\xFE\xFF"))
    throw InputError("the file is UTF-16 text; save it as UTF-8 (e.g. iconv -f UTF-16 -t UTF-8)");
  if (bytes.find('\0') != std::string::npos) {
    // UTF-16 text is full of NULs too; name it, since the fix differs.
    bool bom16 = bytes.size() >= 2 && ((static_cast<unsigned char>(bytes[0]) == 0xFF &&
                                        static_cast<unsigned char>(bytes[1]) == 0xFE) ||
                                       (static_cast<unsigned char>(bytes[0]) == 0xFE &&
                                        static_cast<unsigned char>(bytes[1]) == 0xFF));
    if (bom16)
      throw InputError("the file is UTF-16 text; save it as UTF-8 (e.g. iconv -f UTF-16 -t UTF-8)");
    throw InputError("binary data (NUL bytes at offset " + std::to_string(bytes.find('\0')) +
                     "); give a plain-text extraction of the manuscript");
  }
  if (!needs_rewrite(bytes)) return with_logical_order(make_document(std::move(path), std::move(bytes)));

  struct Repair { std::size_t input_offset, output_offset; };
  std::vector<Repair> repairs;
  std::size_t repair_count = 0;
  std::string out;
  out.reserve(bytes.size());
  const auto* begin = reinterpret_cast<const unsigned char*>(bytes.data());
  const auto* p = begin;
  const auto* end = begin + bytes.size();
  if (bytes.size() >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) p += 3;
  while (p < end) {
    // Copy the longest run of valid text that needs no change in one append.
    const auto* run = p;
    while (p < end) {
      if (end - p >= 16) {
        std::uint64_t w[2];
        std::memcpy(w, p, 16);
        if (((w[0] | w[1]) & 0x8080808080808080ULL) == 0 && std::memchr(p, '\r', 16) == nullptr) {
          p += 16;
          continue;
        }
      }
      unsigned char c = *p;
      if (c == '\r') break;
      if (c < 0x80) { ++p; continue; }
      std::size_t n = fast_valid_length(p, end);
      if (n == 0) break;
      p += n;
    }
    out.append(reinterpret_cast<const char*>(run), static_cast<std::size_t>(p - run));
    if (p >= end) break;
    if (*p == '\r') {
      out.push_back('\n');
      ++p;
      if (p < end && *p == '\n') ++p;
      continue;
    }
    ++repair_count;
    if (repairs.size() < 20) repairs.push_back({static_cast<std::size_t>(p - begin), out.size()});
    out.append("\xEF\xBF\xBD");
    ++p;  // resynchronise on the next byte
  }
  bytes.clear();
  bytes.shrink_to_fit();
  Document doc = with_logical_order(make_document(std::move(path), std::move(out)));
  if (!repairs.empty()) {
    PositionMap map(doc);
    for (std::size_t i = 0; i < repairs.size(); ++i) {
      InputIssue issue;
      issue.code = "invalid-utf8";
      map.position(repairs[i].output_offset, issue.line, issue.column);
      issue.message = "invalid UTF-8 at byte offset " + std::to_string(repairs[i].input_offset) +
                      " replaced with U+FFFD";
      if (i + 1 == repairs.size() && repair_count > repairs.size())
        issue.message += " (and " + std::to_string(repair_count - repairs.size()) +
                         " more invalid bytes; is the file in another encoding such as "
                         "Windows-1256 or CP1251?)";
      doc.issues.push_back(std::move(issue));
    }
  }
  return doc;
}

std::string read_file_bytes(const std::string& path) {
  std::string bytes;
  if (path == "-") {
    std::ostringstream ss;
    ss << std::cin.rdbuf();
    return ss.str();
  }
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) throw InputError("is a directory; give the manuscript files inside it");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(std::string("cannot open: ") + std::strerror(errno));
  in.seekg(0, std::ios::end);
  std::streamoff size = in.tellg();
  if (size < 0) throw InputError("cannot read (is it a directory?)");
  bytes.resize(static_cast<std::size_t>(size));
  in.seekg(0, std::ios::beg);
  in.read(bytes.data(), size);
  if (!in) throw InputError("cannot read: read error");
  return bytes;
}

Document read_text_file(const std::string& path) {
  return read_text(path == "-" ? "<stdin>" : path, read_file_bytes(path));
}

}  // namespace citecheck
