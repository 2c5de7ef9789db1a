// read_document.hpp — the one entry point from a file to a Document: the format is told
// from the bytes (ZIP with word/document.xml or an ODF mimetype, %PDF-, an XML root
// <article>, BibTeX, CSL-JSON), not only the name, and each format has its reader.
#pragma once

#include <string>
#include <string_view>

#include "parsers/document.hpp"

namespace citecheck {

enum class InputFormat { Text, Zip, Pdf, Jats, Bibtex, CslJson, OldWord, Rtf, OtherXml };

// What the bytes are (the extension only breaks ties that the bytes leave open: a .bib
// file whose first entry is preceded by prose).
InputFormat detect_format(std::string_view bytes, std::string_view path);

// Reads any supported format; throws InputError with the reason and the way out.
// `encoding` (an ICU converter name) is the encoding of a plain-text file that is not UTF-8;
// `base` (--base) is the address relative links resolve against when the file names none.
Document read_document(std::string path, std::string bytes, std::string_view encoding = {}, const std::string& base = "");
Document read_document_file(const std::string& path, std::string_view encoding = {}, const std::string& base = "");

}  // namespace citecheck
