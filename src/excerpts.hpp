// excerpts.hpp — what a finding is about as the manuscript prints it, with a little of the
// text around it, so an editor can find the place in any viewer (the HTML report quotes it).
#pragma once

#include <vector>

#include "parsers/document.hpp"
#include "src/model.hpp"

namespace citecheck {

// Gives each finding the excerpt of its first item that has printed text (a citation, an
// entry, a footnote's marker or text, a link), else of its line: at most kExcerptContext
// bytes of context on either side, within the paragraph (an entry: none; a link: within its
// entry or footnote), cut at whole characters and words,
// and at most kExcerptText bytes of the item itself. Line ends read as spaces.
inline constexpr std::size_t kExcerptContext = 120, kExcerptText = 400;
void add_excerpts(const Document& doc, const Manuscript& manuscript, std::vector<Finding>& findings);

}  // namespace citecheck
