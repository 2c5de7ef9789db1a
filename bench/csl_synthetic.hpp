// csl_synthetic.hpp — labelled reference strings in citation styles the real data lacks
// (GOST, ABNT, Vancouver, IEEE, APA, MLA…): the fields of real tagged strings are made into
// CSL-JSON records, rendered by `pandoc --citeproc` with Debian's citation-style-language-styles,
// and each field's value is found again in the rendered entry. Training and evaluation data for
// the field tagger, made offline; needs /usr/bin/pandoc and /usr/share/citation-style-language.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "bench/grobid_corpus.hpp"

namespace citecheck::corpus {

// The styles rendered, by CSL file name (without .csl).
const std::vector<std::string>& synthetic_styles();

// Whether pandoc and the styles are installed; `why` says what is missing.
bool synthetic_available(std::string& why);

// Every source string with an author, a title and a year, rendered in `per_source` styles
// (chosen by `seed`, or all styles when per_source is 0), each named "<style>/<source name>".
// `language` (BCP 47, "ar", "ru", "ka"…; empty for English) is the language of the terms the
// styles print: "م 12، عدد 3، ص 45–67", "т. 12, вып. 3, сс. 45–67", as a document in that
// language has them. `work_dir` holds pandoc's input and output. Throws std::runtime_error when
// pandoc fails.
std::vector<TaggedCitation> render_synthetic(const std::vector<TaggedCitation>& sources, std::size_t per_source,
                                             unsigned seed, const std::filesystem::path& work_dir,
                                             const std::string& language = "");

}  // namespace citecheck::corpus
