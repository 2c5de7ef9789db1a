// reference_list.hpp — finds the reference list: its heading (in many languages), its
// sub-sections, and where each entry begins and ends (numbered in any digit system,
// bulleted, hanging or blank-line separated, continued over lines and page breaks).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "parsers/document.hpp"
#include "parsers/learned/line_models.hpp"
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
  int first_line = 0, last_line = 0;  // first list's heading … last list's last line; 0 when absent
  // Every list, heading line to last line: a thesis may close each chapter with its own.
  std::vector<std::pair<int, int>> regions;
  std::vector<EntryLines> entries;
  // Blocks inside a list's span that belong to the page, not to the list: footnotes at the
  // bottom of its pages (after a "____" rule, up to the page's number or running head), and a
  // figure caption or box the list resumes after. Sorted by line.
  std::vector<std::pair<int, int>> footnote_blocks;
  bool numbered = false;
  bool contains(int line) const {
    for (auto [from, to] : regions)
      if (line >= from && line <= to) return true;
    return false;
  }
};

// True when a line is a reference-list heading ("References", "قائمة المصادر",
// "ثانياً: المصادر الاجنبية", "Список литературы:", "7. Bibliography").
bool is_reference_heading(std::string_view line);

// A printed entry label at the start of a line: "1.", "[1]", "(1)", "1)", "- 1 -", "١.".
// Returns the label's digits as printed and sets `value` and `text_begin` (byte offset of the
// text after the label).
std::optional<std::string> entry_label(std::string_view line, int& value, std::size_t& text_begin);

// The reference lists of a document. Headings of the tables anchor them; the learned line
// layer (`models`) says how far each list runs, where a list without a heading lies, and
// where each entry of an unnumbered list starts; labels in sequence number the entries of a
// numbered one. `links` (sorted, not overlapping) are the document's URLs and DOIs.
ReferenceListLayout find_reference_list(const Document& doc, const PageLayout& layout,
                                        const std::vector<ByteRange>& links, const LineModels& models);
// The same with the models the program was built with.
ReferenceListLayout find_reference_list(const Document& doc, const PageLayout& layout,
                                        const std::vector<ByteRange>& links = {});

}  // namespace citecheck
