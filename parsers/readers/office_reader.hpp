// office_reader.hpp — Word (.docx) and OpenDocument text (.odt) files: ZIP archives of XML
// parts, told apart by their content (word/document.xml, the ODF mimetype entry).
#pragma once

#include <string>

#include "parsers/document.hpp"

namespace citecheck {

// Throws InputError for a ZIP that is neither, and for hostile or corrupt archives.
Document read_office_document(std::string path, const std::string& bytes);

}  // namespace citecheck
