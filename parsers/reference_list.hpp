// reference_list.hpp — finds the reference list: its heading (in many languages), its
// sub-sections, and where each entry begins and ends (numbered in any digit system,
// bulleted, hanging or blank-line separated, continued over lines and page breaks).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "parsers/document.hpp"
#include "parsers/page_furniture.hpp"

namespace citecheck {

struct EntryLines {
  std::string label;    // as printed ("١", "12", ""), digits not folded
  std::string section;  // the sub-section heading it sits under ("" when none)
  int first_line = 0, last_line = 0;
  ByteRange bytes;      // from the label to the end of the last line
  std::string text;     // the entry without its label, lines joined by '\n'
};

struct ReferenceListLayout {
  ReferenceListInfo info;
  int first_line = 0, last_line = 0;  // heading line … last line of the list; 0 when absent
  std::vector<EntryLines> entries;
  // Footnotes printed at the bottom of the list's pages (after a "____" separator, up to the
  // page's number or running head): part of the page, not of the list.
  std::vector<std::pair<int, int>> footnote_blocks;
  bool numbered = false;
  bool contains(int line) const { return first_line && line >= first_line && line <= last_line; }
};

// True when a line is a reference-list heading ("References", "قائمة المصادر",
// "ثانياً: المصادر الاجنبية", "Список литературы:", "7. Bibliography").
bool is_reference_heading(std::string_view line);

// A printed entry label at the start of a line: "1.", "[1]", "(1)", "1)", "- 1 -", "١.".
// Returns the label's digits as printed and sets `value` and `text_begin` (byte offset of the
// text after the label).
std::optional<std::string> entry_label(std::string_view line, int& value, std::size_t& text_begin);

// `links` (sorted, not overlapping) are the URLs and DOIs of the document: a line that ends
// with one, or with the wrapped tail of one, ends its entry.
ReferenceListLayout find_reference_list(const Document& doc, const PageLayout& layout,
                                        const std::vector<ByteRange>& links = {});

}  // namespace citecheck
