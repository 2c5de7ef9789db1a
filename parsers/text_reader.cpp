#include "parsers/text_reader.hpp"

#include "parsers/bidi_controls.hpp"

#include <unicode/ucnv.h>
#include <unicode/ucnv_cb.h>
#include <unicode/ucsdet.h>

#include <algorithm>
#include <cstdint>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <optional>
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

// How much of a file is UTF-8: its invalid sequences and its valid multi-byte characters.
struct Utf8Census {
  std::size_t invalid = 0, multibyte = 0;
};

Utf8Census utf8_census(std::string_view b) {
  Utf8Census c;
  const auto* p = reinterpret_cast<const unsigned char*>(b.data());
  const auto* end = p + b.size();
  while (p < end) {
    if (*p < 0x80) { ++p; continue; }
    std::size_t n = fast_valid_length(p, end);
    if (n == 0) { ++c.invalid; ++p; continue; }
    ++c.multibyte;
    p += n;
  }
  return c;
}

// Below this many invalid sequences a file is UTF-8 with stray bytes, each reported where it
// is; a file in a legacy encoding has an invalid sequence at nearly every letter.
constexpr std::size_t kLegacyMinInvalid = 8;
// ICU's confidence (0-100) under which its guess is not trusted: short or mixed samples
// score 10 for everything.
constexpr int32_t kLegacyMinConfidence = 20;

// ICU's to-Unicode callback: a byte sequence the encoding does not map becomes U+FFFD and is
// counted (ICU's own substitute is U+001A for many code pages, a control character in the
// text).
void substitute_and_count(const void* context, UConverterToUnicodeArgs* args, const char*, int32_t,
                          UConverterCallbackReason reason, UErrorCode* err) {
  if (reason > UCNV_IRREGULAR) return;  // reset, close, clone: nothing to substitute
  ++*static_cast<std::size_t*>(const_cast<void*>(context));
  *err = U_ZERO_ERROR;
  static constexpr UChar kReplacement[] = {0xFFFD};
  ucnv_cbToUWriteUChars(args, kReplacement, 1, 0, err);
}

struct Decoded {
  std::string utf8;
  std::size_t substituted = 0;  // byte sequences the encoding does not map
};

// `bytes` decoded from `encoding` into UTF-8; nullopt when ICU has no such converter.
std::optional<Decoded> decode_legacy(std::string_view bytes, const std::string& encoding) {
  UErrorCode err = U_ZERO_ERROR;
  std::unique_ptr<UConverter, decltype(&ucnv_close)> cnv(ucnv_open(encoding.c_str(), &err), &ucnv_close);
  if (U_FAILURE(err) || !cnv) return std::nullopt;
  Decoded d;
  ucnv_setToUCallBack(cnv.get(), substitute_and_count, &d.substituted, nullptr, nullptr, &err);
  if (U_FAILURE(err)) return std::nullopt;
  // One input byte never makes more than three UTF-8 bytes (a BMP character, or U+FFFD); a
  // four-byte character comes from at least two input bytes.
  d.utf8.resize(bytes.size() * 3 + 16);
  int32_t n = ucnv_toAlgorithmic(UCNV_UTF8, cnv.get(), d.utf8.data(), static_cast<int32_t>(d.utf8.size()),
                                 bytes.data(), static_cast<int32_t>(bytes.size()), &err);
  if (U_FAILURE(err)) return std::nullopt;
  d.utf8.resize(static_cast<std::size_t>(n));
  return d;
}

struct Detected {
  std::string encoding;
  int32_t confidence = 0;
};

// ICU's charset detector, shown the lines that hold non-ASCII bytes (an English abstract and
// a Russian reference list: the references are the evidence). Unicode and EBCDIC answers are
// skipped: the bytes are not UTF-8, and a text file is not EBCDIC.
std::optional<Detected> detect_legacy(std::string_view bytes) {
  std::string sample;
  constexpr std::size_t kSample = 1 << 16;
  for (std::size_t at = 0; at < bytes.size() && sample.size() < kSample;) {
    std::size_t nl = bytes.find('\n', at);
    std::size_t end = nl == std::string_view::npos ? bytes.size() : nl + 1;
    std::string_view line = bytes.substr(at, end - at);
    if (std::any_of(line.begin(), line.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; }))
      sample.append(line.substr(0, kSample - sample.size()));
    at = end;
  }
  UErrorCode err = U_ZERO_ERROR;
  std::unique_ptr<UCharsetDetector, decltype(&ucsdet_close)> det(ucsdet_open(&err), &ucsdet_close);
  if (U_FAILURE(err)) return std::nullopt;
  ucsdet_setText(det.get(), sample.data(), static_cast<int32_t>(sample.size()), &err);
  int32_t count = 0;
  const UCharsetMatch** matches = ucsdet_detectAll(det.get(), &count, &err);
  if (U_FAILURE(err)) return std::nullopt;
  for (int32_t i = 0; i < count; ++i) {
    const char* name = ucsdet_getName(matches[i], &err);
    int32_t confidence = ucsdet_getConfidence(matches[i], &err);
    if (U_FAILURE(err) || !name) return std::nullopt;
    std::string_view n(name);
    if (n.starts_with("UTF-") || n.starts_with("IBM42")) continue;
    if (confidence < kLegacyMinConfidence) return std::nullopt;
    return Detected{std::string(n), confidence};
  }
  return std::nullopt;
}

struct LegacyText {
  Decoded decoded;
  std::string encoding;
  MessageText how;  // why this encoding, for the message
};

// The file decoded from a legacy encoding, when its bytes are not UTF-8 and the encoding is
// given (--encoding) or detected with confidence. Valid UTF-8 is never decoded again: a
// wrong guess would turn correct text into mojibake.
std::optional<LegacyText> legacy_text(std::string_view bytes, std::string_view forced) {
  if (forced.empty() && (bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF") ||
                         bytes.find('\0') != std::string_view::npos))
    return std::nullopt;  // UTF-16 or binary: refused by name
  Utf8Census census = utf8_census(bytes);
  if (census.invalid == 0) return std::nullopt;
  LegacyText t;
  if (!forced.empty()) {
    t.encoding = std::string(forced);
    t.how = say("legacy-encoding.given");
  } else {
    if (census.invalid < kLegacyMinInvalid || census.invalid <= 4 * census.multibyte) return std::nullopt;
    auto found = detect_legacy(bytes);
    if (!found) return std::nullopt;
    t.encoding = found->encoding;
    t.how = say("legacy-encoding.detected", {std::to_string(found->confidence)});
  }
  auto decoded = decode_legacy(bytes, t.encoding);
  if (!decoded) return std::nullopt;
  t.decoded = std::move(*decoded);
  return t;
}

// `valid`: the caller has already found the bytes valid UTF-8 with nothing to rewrite
// (needs_rewrite is a pass over the whole text, not to be taken twice).
Document read_utf8_text(std::string path, std::string bytes, bool valid = false);

}  // namespace

bool known_encoding(std::string_view name) {
  UErrorCode err = U_ZERO_ERROR;
  std::unique_ptr<UConverter, decltype(&ucnv_close)> cnv(ucnv_open(std::string(name).c_str(), &err), &ucnv_close);
  return U_SUCCESS(err) && cnv && err != U_USING_DEFAULT_WARNING;
}

Document read_text(std::string path, std::string bytes, std::string_view encoding) {
  if (!needs_rewrite(bytes)) return read_utf8_text(std::move(path), std::move(bytes), true);
  auto legacy = legacy_text(bytes, encoding);
  if (!legacy) return read_utf8_text(std::move(path), std::move(bytes));
  bytes.clear();
  bytes.shrink_to_fit();
  Document doc = read_utf8_text(std::move(path), std::move(legacy->decoded.utf8));
  InputIssue issue;
  issue.code = "legacy-encoding";
  issue.text = say("legacy-encoding", {legacy->encoding, legacy->how});
  if (legacy->decoded.substituted > 0)
    issue.text = counted("legacy-encoding.undefined", static_cast<long long>(legacy->decoded.substituted),
                         {issue.text, legacy->encoding});
  issue.message = in_english(issue.text);
  // At the first character the decoding changed: ASCII reads the same in every such encoding.
  auto first = std::find_if(doc.text.begin(), doc.text.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
  if (first == doc.text.end()) {
    issue.line = issue.column = 1;
  } else {
    PositionMap map(doc);
    map.position(static_cast<std::size_t>(first - doc.text.begin()), issue.line, issue.column);
  }
  doc.issues.insert(doc.issues.begin(), std::move(issue));
  return doc;
}

namespace {

Document read_utf8_text(std::string path, std::string bytes, bool valid) {
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
  if (valid || !needs_rewrite(bytes)) return with_logical_order(make_document(std::move(path), std::move(bytes)));

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
      issue.text = say("invalid-utf8", {std::to_string(repairs[i].input_offset)});
      if (i + 1 == repairs.size() && repair_count > repairs.size())
        issue.text = counted("invalid-utf8.more", static_cast<long long>(repair_count - repairs.size()), {issue.text});
      issue.message = in_english(issue.text);
      doc.issues.push_back(std::move(issue));
    }
  }
  return doc;
}

}  // namespace

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

Document read_text_file(const std::string& path, std::string_view encoding) {
  return read_text(path == "-" ? "<stdin>" : path, read_file_bytes(path), encoding);
}

}  // namespace citecheck
