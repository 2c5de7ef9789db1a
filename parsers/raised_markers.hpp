// raised_markers.hpp — right-to-left note numbers that a PDF-to-text extraction wrote on a
// line of their own. A raised number sits higher than its line, so pdftotext (and poppler)
// write it first, on a line of its own followed by a blank line: "…the text" / "4" / "" /
// "، 2017) … its line". The PDF reader puts it back; a text file's lines stay as they are, so
// the footnote scan takes the lone number as a marker where it stands, and a citation the
// number's line cuts in two is read across it.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "parsers/document.hpp"

namespace citecheck {

// The digits of a line that is only a note number (1-3 digits of any digit system, blanks
// around them), as [begin, end) in the line; nullopt for any other line.
std::optional<ByteRange> lone_note_number(std::string_view line);

// The digits of every such lone number, in text order: 1-3 digits alone on a line, a blank
// line after it, right-to-left text on the lines before and after that, and no page break
// next to it (a page number stands alone too).
std::vector<ByteRange> raised_rtl_markers(const Document& doc);

// The index of the marker whose line starts at `offset`, or -1 (a binary search).
int raised_marker_at_line_start(const std::vector<ByteRange>& markers, const Document& doc, std::size_t offset);

}  // namespace citecheck
