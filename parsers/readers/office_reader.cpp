#include "parsers/readers/office_reader.hpp"
#include "parsers/text_reader.hpp"
namespace citecheck {
Document read_office_document(std::string, const std::string&) { throw InputError("DOCX/ODT reader not written yet"); }
}  // namespace citecheck
