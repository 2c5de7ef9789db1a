// url_remap.hpp — lychee's --remap: 'REGEX REPLACEMENT' rewrites a URL before it is checked
// (a mirror, a staging site, http for https). The first rule whose pattern matches rewrites
// every match in the URL; the replacement may name groups as \1 or $1. The report keeps the
// address as printed and shows the one requested beside it.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace re2 {
class RE2;
}

namespace citecheck {

struct UrlRemap {
  std::shared_ptr<const re2::RE2> pattern;
  std::string rewrite;  // RE2's syntax (\1)
  std::string text;     // as given, for messages
};

// Parses 'REGEX REPLACEMENT' (two parts separated by white space). Throws ConfigError.
UrlRemap parse_url_remap(const std::string& spec);

// The URL the first matching rule makes of `url`, or nullopt when no rule matches.
std::optional<std::string> remap_url(const std::vector<UrlRemap>& rules, const std::string& url);

}  // namespace citecheck
