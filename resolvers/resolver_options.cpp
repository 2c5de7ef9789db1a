#include "resolvers/resolver_options.hpp"

#include "parsers/unicode_text.hpp"

#include <algorithm>
#include <cctype>
#include <string_view>

namespace citecheck {

namespace {

// Published limits of the services citecheck asks (Crossref: 50 requests/s in the public
// pool and 5 concurrent; DataCite: 3,000 requests per 5 minutes; the Wayback Machine
// throttles hard). Response headers (x-rate-limit-*) tighten these at run time. Keyed by the
// services' own host names: a mirror or a test server gets the ordinary limits (or those of
// the config file).
HostRule service_default(const std::string& host, int shards) {
  struct Row {
    const char* host;
    int concurrency, interval_ms;
    bool every_shard;  // asked by every shard of a night (--shard), which share its budget
  };
  // DOIs and their metadata are all checked by the shard of doi.org (resolvers/shard.hpp):
  // that shard has the registries' budget to itself. Every shard looks dead links up in the
  // Wayback Machine, so each gets its share.
  static const Row kServices[] = {
      {"api.crossref.org", 5, 25, false},  {"api.datacite.org", 4, 110, false}, {"web.archive.org", 2, 1000, true},
      {"archive.org", 2, 1000, true},      {"doi.org", 8, 20, false},           {"dx.doi.org", 8, 20, false},
  };
  for (const auto& row : kServices) {
    if (host != row.host) continue;
    const int share = row.every_shard ? std::max(1, shards) : 1;
    return {std::max(1, row.concurrency / share), row.interval_ms * share, {}, false, {}};
  }
  return {};
}

}  // namespace

std::string ResolverOptions::user_agent() const {
  if (!custom_user_agent.empty()) return custom_user_agent;
  std::string ua = std::string("citecheck/") + CITECHECK_VERSION +
                   " (citation and link checker; +https://github.com/citecheck/citecheck";
  if (!mailto.empty()) ua += "; mailto:" + mailto;
  return ua + ")";
}

HostRule ResolverOptions::rule_for(const std::string& host) const {
  HostRule rule = service_default(host, shards);
  for (std::string h = host;;) {
    if (auto it = hosts.find(h); it != hosts.end()) {
      const HostRule& r = it->second;
      if (r.concurrency) rule.concurrency = r.concurrency;
      if (r.interval_ms) rule.interval_ms = r.interval_ms;
      if (r.head_unreliable) rule.head_unreliable = r.head_unreliable;
      if (r.accept) rule.accept = r.accept;
      rule.headers.insert(rule.headers.end(), r.headers.begin(), r.headers.end());
      break;
    }
    auto dot = h.find('.');
    if (dot == std::string::npos) break;
    h = h.substr(dot + 1);
  }
  return rule;
}

std::optional<std::string> header_problem(const std::string& header) {
  std::size_t colon = header.find(':');
  if (colon == std::string::npos) return "'" + header + "' is not 'Name: value'";
  if (header.find_first_of("\r\n") != std::string::npos) return "a header may not hold a line break";
  std::string name = header.substr(0, colon);
  if (name.empty()) return "'" + header + "' has no header name";
  // RFC 9110 token characters.
  for (unsigned char c : name)
    if (!(std::isalnum(c) || std::string_view("!#$%&'*+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos))
      return "'" + name + "' is not a header name";
  return std::nullopt;
}

}  // namespace citecheck
