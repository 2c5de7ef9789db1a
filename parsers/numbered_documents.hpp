// numbered_documents.hpp — laws, decrees, resolutions, standards and reports named by their
// number. Legal and policy writing cites them that way, in any language, and often in
// another language than the list: the list holds "Lei nº 13.146, de 6 de julho de 2015.
// Institui …" and the text cites "(Lei n° 13.146/2015)" or, translated, "Law no. 13,146,
// 2015". The number and the year are what both share.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "parsers/document.hpp"
#include "src/model.hpp"

namespace citecheck {

// The number of the document an entry opens with ("Decreto nº 6.949, de 25 agosto de 2009" →
// "6949"): at most five words, a number sign (nº, n°, n.º, no., No., Nr., №, núm.), a number
// whose digit groups may be split by dots or commas. Digits only; nullopt when the entry does
// not open so.
std::optional<std::string> opening_document_number(std::string_view entry);

// Citations of the entries' numbered documents in doc.text outside `skip` and `taken` (sorted):
// a number sign and a number that is an entry's, with its year right after ("/2015", ", 2015",
// ", de 28 de dezembro de 2016", ", of October 2, 2009"). Without a year, only a number of
// three digits or more that one entry alone carries. Each citation names the document as
// printed before the sign ("Lei", "Resolution"), its year, and the number (Citation::number).
std::vector<Citation> find_numbered_document_citations(const Document& doc, const std::vector<Reference>& refs,
                                                       const std::vector<ByteRange>& skip,
                                                       const std::vector<ByteRange>& taken);

}  // namespace citecheck
