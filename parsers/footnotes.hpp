// footnotes.hpp — footnote markers in the text (digits glued to a word or after
// punctuation, superscripts, "[1]", "(1)") and their bodies at page bottoms, paired by
// following the numbering: marker n, then body n, then marker n+1 …
#pragma once

#include <vector>

#include "parsers/document.hpp"
#include "parsers/page_furniture.hpp"

namespace citecheck {

struct FootnoteScan {
  std::vector<Footnote> footnotes;  // bytes set, ids and spans filled in by the caller
  // Labels the numbering skips (a marker and a body both missing).
  std::vector<std::pair<int, int>> gaps;  // (last label seen, next label found)
};

// `skip` (sorted) holds ranges that are no markers (citations, links); `excluded_lines`
// (1-based, may be empty) marks lines that cannot hold bodies (the reference list).
FootnoteScan find_footnotes(const Document& doc, const PageLayout& layout,
                            const std::vector<ByteRange>& skip, const std::vector<bool>& excluded_lines);

}  // namespace citecheck
