// document.hpp — a manuscript's text as the readers hand it to the parsers: normalised
// UTF-8 plus the map back to lines and columns of the original file.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "src/model.hpp"

namespace citecheck {

// A problem the reader repaired (it is reported as a finding, not an error).
struct InputIssue {
  std::string code;  // "invalid-utf8"
  std::string message;
  int line = 0, column = 0;
};

struct Document {
  std::string path;
  std::string format = "text";
  std::string text;                     // UTF-8, LF line ends, no BOM
  std::vector<std::size_t> line_starts; // byte offset of each line (index 0 = line 1)
  std::vector<InputIssue> issues;

  int line_count() const { return static_cast<int>(line_starts.size()); }
  // 1-based line number, without its '\n'.
  std::string_view line(int n) const;
  std::size_t line_begin(int n) const { return line_starts[n - 1]; }
  std::size_t line_end(int n) const;  // offset of the '\n' (or text end)
  // 1-based line containing a byte offset.
  int line_of(std::size_t offset) const;
};

// Turns byte offsets into line/column spans. Columns count code points, so on a very long
// line each lookup would rescan it; the map remembers its last answer and counts forward
// from there, which keeps increasing lookups linear.
class PositionMap {
 public:
  explicit PositionMap(const Document& doc) : doc_(doc) {}
  SourceSpan span(std::size_t begin, std::size_t end);  // end is exclusive
  void position(std::size_t offset, int& line, int& column);

 private:
  const Document& doc_;
  int cached_line_ = 0;
  std::size_t cached_offset_ = 0;
  int cached_column_ = 1;
};

Document make_document(std::string path, std::string text);

// Ranges sorted by start, overlaps merged, so that `ranges_contain` is a binary search.
std::vector<ByteRange> sorted_ranges(std::vector<ByteRange> ranges);
// True when an offset lies in one of `sorted` (as made by sorted_ranges).
bool ranges_contain(const std::vector<ByteRange>& sorted, std::size_t offset);

}  // namespace citecheck
