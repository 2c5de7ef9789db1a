// page_furniture.hpp — what a PDF extraction adds around the text: page breaks, page
// numbers, running heads, separator lines and the bare link lines PDFs list at a page's end.
#pragma once

#include <cstdint>
#include <vector>

#include "parsers/document.hpp"

namespace citecheck {

enum LineFlag : std::uint8_t {
  kBlank = 1,
  kPageStart = 2,       // begins with a form feed
  kPageNumber = 4,      // "12", "- 12 -", "Page 12", "12 | Journal"
  kRunningHead = 8,     // a short line repeated on many pages
  kLinkAnnotation = 16, // nothing but a URL or mailto: (a PDF link annotation)
  kSeparator = 32,      // no letters or digits: "____", "-", "* * *"
};

struct PageLayout {
  std::vector<std::uint8_t> flags;  // index = line - 1
  bool has(int line, LineFlag f) const { return (flags[line - 1] & f) != 0; }
  // Lines that carry no text of the manuscript itself.
  bool furniture(int line) const {
    return (flags[line - 1] & (kBlank | kPageNumber | kRunningHead | kSeparator)) != 0;
  }
};

PageLayout detect_page_furniture(const Document& doc);

}  // namespace citecheck
