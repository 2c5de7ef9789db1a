#include "parsers/readers/bibliography_reader.hpp"
#include "parsers/text_reader.hpp"
namespace citecheck {
Document read_bibtex(std::string, const std::string&) { throw InputError("BibTeX reader not written yet"); }
Document read_csl_json(std::string, const std::string&) { throw InputError("CSL-JSON reader not written yet"); }
}  // namespace citecheck
