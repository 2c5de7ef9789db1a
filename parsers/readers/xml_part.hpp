// xml_part.hpp — parses one XML part of a file the tool was given (a DOCX/ODT part, a JATS
// article) with the limits hostile input needs: pugixml never fetches or expands external
// entities and keeps unknown entity references as text; on top of that a DOCTYPE internal
// subset that declares entities is refused, and nesting depth is bounded so that our own
// tree walks cannot exhaust the stack.
#pragma once

#include <pugixml.hpp>
#include <string>
#include <string_view>

namespace citecheck {

struct XmlLimits {
  std::size_t max_bytes = 512u << 20;  // a single part larger than this is refused
  int max_depth = 256;
};

// Read: the elements and their text. Rewrite: also what a part written back must keep (the
// XML declaration, comments, processing instructions, white space between elements); the
// elements and their text are the same.
enum class XmlUse { Read, Rewrite };

// Parses `bytes` into `doc`; throws InputError naming `what` ("word/document.xml") and the reason.
void parse_xml_part(pugi::xml_document& doc, std::string_view bytes, const std::string& what,
                    const XmlLimits& limits = {}, XmlUse use = XmlUse::Read);

// The local name of an element or attribute ("w:p" → "p").
std::string_view local_name(const char* qualified);

// An element with that local name, whatever its prefix ("w:p", "text:p" are "p").
bool is_named(pugi::xml_node n, std::string_view local);

// All text below a node, in document order, walked without recursion.
std::string deep_text(pugi::xml_node n);

// An attribute's value by local name ("w:id", "r:id" → "id"); nullptr when absent.
const char* attribute_value(pugi::xml_node n, std::string_view local);

}  // namespace citecheck
