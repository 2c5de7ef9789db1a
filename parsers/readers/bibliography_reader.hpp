// bibliography_reader.hpp — a bibliography given alone (a Zotero or BibTeX export): every
// record becomes a reference entry, so its DOIs and URLs are checked.
#pragma once

#include <string>

#include "parsers/document.hpp"

namespace citecheck {

Document read_bibtex(std::string path, const std::string& bytes);
Document read_csl_json(std::string path, const std::string& bytes);

}  // namespace citecheck
