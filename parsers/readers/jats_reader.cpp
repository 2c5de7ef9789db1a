#include "parsers/readers/jats_reader.hpp"
#include "parsers/text_reader.hpp"
namespace citecheck {
Document read_jats(std::string, const std::string&) { throw InputError("JATS reader not written yet"); }
}  // namespace citecheck
