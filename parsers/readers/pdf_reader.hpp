// pdf_reader.hpp — PDF files through poppler: text page by page (each page after the first
// begins with a form feed, as in a pdftotext extraction) and the link annotations' URIs.
#pragma once

#include <string>

#include "parsers/document.hpp"

namespace citecheck {

// Throws InputError for encrypted, image-only (no text layer), corrupt or truncated PDFs.
Document read_pdf(std::string path, const std::string& bytes);

}  // namespace citecheck
