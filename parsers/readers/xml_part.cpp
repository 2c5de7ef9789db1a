#include "parsers/readers/xml_part.hpp"

#include <cstring>
#include <vector>

#include "parsers/text_reader.hpp"

namespace citecheck {

namespace {

// The DOCTYPE's internal subset ("[ … ]"), if any, before the root element.
std::string_view internal_subset(std::string_view bytes) {
  std::size_t d = bytes.find("<!DOCTYPE");
  if (d == std::string_view::npos) return {};
  std::size_t root = bytes.find('<', d + 9);
  std::size_t open = bytes.find('[', d);
  if (open == std::string_view::npos || (root != std::string_view::npos && open > root)) return {};
  std::size_t close = bytes.find("]>", open);
  if (close == std::string_view::npos) close = bytes.size();
  return bytes.substr(open, close - open);
}

}  // namespace

std::string_view local_name(const char* qualified) {
  const char* colon = std::strrchr(qualified, ':');
  return colon ? std::string_view(colon + 1) : std::string_view(qualified);
}

bool is_named(pugi::xml_node n, std::string_view local) {
  return n.type() == pugi::node_element && local_name(n.name()) == local;
}

const char* attribute_value(pugi::xml_node n, std::string_view local) {
  for (pugi::xml_attribute a = n.first_attribute(); a; a = a.next_attribute())
    if (local_name(a.name()) == local) return a.value();
  return nullptr;
}

std::string deep_text(pugi::xml_node n) {
  std::string out;
  std::vector<pugi::xml_node> stack{n};
  while (!stack.empty()) {
    pugi::xml_node x = stack.back();
    stack.pop_back();
    if (x.type() == pugi::node_pcdata || x.type() == pugi::node_cdata) out += x.value();
    for (pugi::xml_node c = x.last_child(); c; c = c.previous_sibling()) stack.push_back(c);
  }
  return out;
}

void parse_xml_part(pugi::xml_document& doc, std::string_view bytes, const std::string& what,
                    const XmlLimits& limits, XmlUse use) {
  if (bytes.size() > limits.max_bytes)
    throw InputError(what + " is " + std::to_string(bytes.size() >> 20) + " MiB of XML, more than the " +
                     std::to_string(limits.max_bytes >> 20) + " MiB citecheck reads");
  if (internal_subset(bytes).find("<!ENTITY") != std::string_view::npos)
    throw InputError(what + " declares its own XML entities (a DOCTYPE internal subset); citecheck does not "
                     "expand them, since they are how XML bombs and external-entity attacks work");
  // No DTD processing at all: entity references other than the five predefined ones and
  // character references stay as literal text.
  unsigned options = pugi::parse_default & ~pugi::parse_doctype;
  options |= pugi::parse_ws_pcdata_single;
  if (use == XmlUse::Rewrite) options |= pugi::parse_declaration | pugi::parse_comments | pugi::parse_pi | pugi::parse_ws_pcdata;
  pugi::xml_parse_result r = doc.load_buffer(bytes.data(), bytes.size(), options, pugi::encoding_auto);
  if (!r)
    throw InputError(what + " is not well-formed XML (" + r.description() + " at byte " +
                     std::to_string(r.offset) + ")");
  // Depth, walked without recursion.
  std::vector<std::pair<pugi::xml_node, int>> stack{{doc, 0}};
  while (!stack.empty()) {
    auto [node, depth] = stack.back();
    stack.pop_back();
    if (depth > limits.max_depth)
      throw InputError(what + " nests elements more than " + std::to_string(limits.max_depth) +
                       " deep; refused as hostile input");
    for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling())
      if (c.type() == pugi::node_element) stack.push_back({c, depth + 1});
  }
}

}  // namespace citecheck
