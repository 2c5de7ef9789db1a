// mentions.hpp — an entry named in passing: its first author and its year close together in
// one stretch of text, with no citation form around them. "em O pensamento de Gottlob Frege,
// em 1918", "Searle, em Expression and Meaning (1979)", a table row "1980 | Denslow | …".
// Authors in the humanities cite this way, and survey tables list the works they draw on
// this way; without it every such entry is reported never cited.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "parsers/document.hpp"
#include "parsers/intext_citations.hpp"
#include "src/model.hpp"

namespace citecheck {

// Mentions of the author-date entries (`ctx.first_author_years`) that none of `found` cites by
// first author and year: at most one each, the first in the text. The name is a word of the
// text whose name_key is the entry's first family name, within a few words of the year on the
// same line or the line before; a paragraph break ends the stretch. `skip` and `taken` (sorted)
// are left alone. Each mention is a narrative citation of that author and year.
std::vector<Citation> find_mentions(const Document& doc, const CitationContext& ctx, const std::vector<Citation>& found,
                                    const std::vector<ByteRange>& skip, const std::vector<ByteRange>& taken);

}  // namespace citecheck
