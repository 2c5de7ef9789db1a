// text_reader.hpp — reads a plain-text manuscript (a PDF text extraction, usually) into a
// Document: decodes UTF-8, repairs what it must and refuses what it cannot read.
#pragma once

#include <stdexcept>
#include <string>

#include "parsers/document.hpp"

namespace citecheck {

// An input the tool cannot check: the message names the reason and the way out.
struct InputError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Normalises raw bytes: strips a UTF-8 BOM, turns CRLF and lone CR into LF, replaces
// invalid UTF-8 with U+FFFD (recording each repair with its byte offset). Throws
// InputError for binary data (NUL bytes) and UTF-16 text.
Document read_text(std::string path, std::string bytes);

// The bytes of a file ("-" is standard input); InputError when it cannot be read.
std::string read_file_bytes(const std::string& path);

// Reads a file ("-" is standard input) and decodes it with read_text.
Document read_text_file(const std::string& path);

}  // namespace citecheck
