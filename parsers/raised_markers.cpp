#include "parsers/raised_markers.hpp"

#include <algorithm>
#include <string_view>

#include "parsers/unicode_text.hpp"

namespace citecheck {

namespace {

bool blank(const Document& doc, int line) { return trim(doc.line(line)).empty(); }

bool right_to_left(const Document& doc, int line) {
  std::string_view l = doc.line(line);
  if (l.find('\f') != std::string_view::npos) return false;
  for (std::size_t i = 0; i < l.size();)
    if (is_rtl(next_code_point(l, i))) return true;
  return false;
}

}  // namespace

std::optional<ByteRange> lone_note_number(std::string_view line) {
  if (line.size() > 16) return std::nullopt;  // three four-byte digits and some blanks
  std::size_t i = 0;
  while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
  const std::size_t begin = i;
  int digits = 0;
  while (i < line.size()) {
    std::size_t k = i;
    if (!is_digit(next_code_point(line, k))) break;
    i = k;
    ++digits;
  }
  const std::size_t end = i;
  while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
  if (digits < 1 || digits > 3 || i != line.size()) return std::nullopt;
  return ByteRange{begin, end};
}

std::vector<ByteRange> raised_rtl_markers(const Document& doc) {
  std::vector<ByteRange> out;
  for (int line = 2; line + 2 <= doc.line_count(); ++line) {
    auto digits = lone_note_number(doc.line(line));
    if (!digits) continue;
    if (!blank(doc, line + 1) || blank(doc, line - 1) || !right_to_left(doc, line - 1) ||
        !right_to_left(doc, line + 2))
      continue;
    out.push_back({doc.line_begin(line) + digits->begin, doc.line_begin(line) + digits->end});
  }
  return out;
}

int raised_marker_at_line_start(const std::vector<ByteRange>& markers, const Document& doc, std::size_t offset) {
  auto it = std::lower_bound(markers.begin(), markers.end(), offset,
                             [](const ByteRange& m, std::size_t o) { return m.end <= o; });
  if (it == markers.end()) return -1;
  return doc.line_begin(doc.line_of(it->begin)) == offset ? static_cast<int>(it - markers.begin()) : -1;
}

}  // namespace citecheck
