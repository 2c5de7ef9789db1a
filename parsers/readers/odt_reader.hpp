// odt_reader.hpp — OpenDocument text (.odt): content.xml's paragraphs and headings as lines,
// text:note footnotes and endnotes, text:a links, and Zotero's reference marks and
// bibliography sections.
#pragma once

#include <string>

#include "parsers/document.hpp"

namespace citecheck {

// Reads content.xml (already extracted); throws InputError for malformed or hostile XML and
// for a content.xml without office:text.
Document read_odt_content(std::string path, const std::string& content_xml);

}  // namespace citecheck
