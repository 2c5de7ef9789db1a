#include "resolvers/url_remap.hpp"

#include <re2/re2.h>

#include "resolvers/resolver_options.hpp"

namespace citecheck {

namespace {

// lychee users write $1 (Rust's syntax); RE2 wants \1. "$$" is a literal dollar.
std::string rewrite_in_re2_syntax(const std::string& replacement) {
  std::string out;
  for (std::size_t i = 0; i < replacement.size(); ++i) {
    char c = replacement[i];
    if (c == '$' && i + 1 < replacement.size() && replacement[i + 1] >= '0' && replacement[i + 1] <= '9') {
      out += '\\';
    } else if (c == '$' && i + 1 < replacement.size() && replacement[i + 1] == '$') {
      out += '$';
      ++i;
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

UrlRemap parse_url_remap(const std::string& spec) {
  const char* space = " \t";
  std::size_t a = spec.find_first_not_of(space);
  std::size_t a_end = a == std::string::npos ? a : spec.find_first_of(space, a);
  std::size_t b = a_end == std::string::npos ? a_end : spec.find_first_not_of(space, a_end);
  std::size_t b_end = b == std::string::npos ? b : spec.find_first_of(space, b);
  if (b == std::string::npos || (b_end != std::string::npos && spec.find_first_not_of(space, b_end) != std::string::npos))
    throw ConfigError("--remap '" + spec + "': expected 'REGEX REPLACEMENT', two parts separated by a space (write a space in the pattern as \\s)");
  std::string pattern = spec.substr(a, a_end - a), replacement = spec.substr(b, b_end == std::string::npos ? b_end : b_end - b);
  RE2::Options options;
  options.set_log_errors(false);
  auto re = std::make_shared<const RE2>(pattern, options);
  if (!re->ok()) throw ConfigError("--remap '" + spec + "': '" + pattern + "' is not a valid RE2 pattern (" + re->error() + ")");
  std::string rewrite = rewrite_in_re2_syntax(replacement), error;
  if (!re->CheckRewriteString(rewrite, &error)) throw ConfigError("--remap '" + spec + "': " + error);
  return {std::move(re), std::move(rewrite), spec};
}

std::optional<std::string> remap_url(const std::vector<UrlRemap>& rules, const std::string& url) {
  for (const auto& rule : rules) {
    std::string out = url;
    if (RE2::GlobalReplace(&out, *rule.pattern, rule.rewrite) > 0) return out;
  }
  return std::nullopt;
}

}  // namespace citecheck
