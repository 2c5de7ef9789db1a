// text_reader.hpp — reads a plain-text manuscript (a PDF text extraction, usually) into a
// Document: decodes UTF-8, repairs what it must and refuses what it cannot read.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

#include "parsers/document.hpp"

namespace citecheck {

// An input the tool cannot check: the message names the reason and the way out.
struct InputError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Normalises raw bytes: strips a UTF-8 BOM, turns CRLF and lone CR into LF, replaces
// invalid UTF-8 with U+FFFD (recording each repair with its byte offset). Throws
// InputError for binary data (NUL bytes) and UTF-16 text.
// Bytes that are not UTF-8 are decoded from `encoding` when one is given (an ICU converter
// name: windows-1256, CP1251, KOI8-R…), else from the legacy encoding ICU's detector finds
// when the whole file is plainly in one, with one `legacy-encoding` issue naming it. Valid
// UTF-8 is never decoded again.
Document read_text(std::string path, std::string bytes, std::string_view encoding = {});

// True when ICU has a converter of that name (or alias).
bool known_encoding(std::string_view name);

// The bytes of a file ("-" is standard input); InputError when it cannot be read.
std::string read_file_bytes(const std::string& path);

// Reads a file ("-" is standard input) and decodes it with read_text.
Document read_text_file(const std::string& path, std::string_view encoding = {});

}  // namespace citecheck
