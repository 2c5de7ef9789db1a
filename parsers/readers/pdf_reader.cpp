#include "parsers/readers/pdf_reader.hpp"
#include "parsers/text_reader.hpp"
namespace citecheck {
Document read_pdf(std::string, const std::string&) { throw InputError("PDF reader not written yet"); }
}  // namespace citecheck
