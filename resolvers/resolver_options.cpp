#include "resolvers/resolver_options.hpp"

#include "parsers/unicode_text.hpp"

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace citecheck {

namespace {

// Published limits of the services citecheck asks (Crossref: 50 requests/s in the public
// pool and 5 concurrent; DataCite: 3,000 requests per 5 minutes; the Wayback Machine
// throttles hard). Response headers (x-rate-limit-*) tighten these at run time. Keyed by the
// services' own host names: a mirror or a test server gets the ordinary limits (or those of
// the config file).
HostRule service_default(const std::string& host) {
  struct Row {
    const char* host;
    int concurrency, interval_ms;
  };
  static const Row kServices[] = {
      {"api.crossref.org", 5, 25},  {"api.datacite.org", 4, 110}, {"web.archive.org", 2, 1000},
      {"archive.org", 2, 1000},     {"doi.org", 8, 20},           {"dx.doi.org", 8, 20},
  };
  for (const auto& row : kServices)
    if (host == row.host) return {row.concurrency, row.interval_ms, {}, false};
  return {};
}

}  // namespace

std::string ResolverOptions::user_agent() const {
  std::string ua = std::string("citecheck/") + CITECHECK_VERSION +
                   " (citation and link checker; +https://github.com/citecheck/citecheck";
  if (!mailto.empty()) ua += "; mailto:" + mailto;
  return ua + ")";
}

HostRule ResolverOptions::rule_for(const std::string& host) const {
  HostRule rule = service_default(host);
  for (std::string h = host;;) {
    if (auto it = hosts.find(h); it != hosts.end()) {
      const HostRule& r = it->second;
      if (r.concurrency) rule.concurrency = r.concurrency;
      if (r.interval_ms) rule.interval_ms = r.interval_ms;
      if (r.head_unreliable) rule.head_unreliable = r.head_unreliable;
      rule.headers.insert(rule.headers.end(), r.headers.begin(), r.headers.end());
      break;
    }
    auto dot = h.find('.');
    if (dot == std::string::npos) break;
    h = h.substr(dot + 1);
  }
  return rule;
}

void load_config_file(const std::string& path, ResolverOptions& o) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ConfigError("cannot read config file '" + path + "'");
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception& e) {
    throw ConfigError("config file '" + path + "' is not valid JSON: " + e.what());
  }
  auto fail = [&](const std::string& what) { throw ConfigError("config file '" + path + "': " + what); };
  if (!j.is_object()) fail("the top level must be an object");
  try {
    auto set_int = [&](const char* key, int& field, int min) {
      if (!j.contains(key)) return;
      if (!j[key].is_number_integer() || j[key].get<int>() < min) fail(std::string(key) + " must be an integer >= " + std::to_string(min));
      field = j[key].get<int>();
    };
    auto set_num = [&](const char* key, double& field) {
      if (!j.contains(key)) return;
      if (!j[key].is_number() || j[key].get<double>() <= 0) fail(std::string(key) + " must be a positive number");
      field = j[key].get<double>();
    };
    auto set_str = [&](const char* key, std::string& field) {
      if (!j.contains(key)) return;
      if (!j[key].is_string()) fail(std::string(key) + " must be a string");
      field = j[key].get<std::string>();
    };
    set_int("concurrency", o.concurrency, 1);
    set_int("per_host", o.per_host, 1);
    set_int("per_host_interval_ms", o.per_host_interval_ms, 0);
    set_int("retries", o.retries, 0);
    set_num("timeout", o.timeout);
    set_num("connect_timeout", o.connect_timeout);
    set_str("doi_resolver", o.doi_resolver);
    set_str("crossref_api", o.crossref_api);
    set_str("datacite_api", o.datacite_api);
    set_str("archive_api", o.archive_api);
    set_str("mailto", o.mailto);
    if (j.contains("hosts")) {
      if (!j["hosts"].is_object()) fail("hosts must be an object keyed by host name");
      for (auto& [name, value] : j["hosts"].items()) {
        if (!value.is_object()) fail("hosts." + name + " must be an object");
        HostRule r;
        if (value.contains("concurrency")) r.concurrency = value["concurrency"].get<int>();
        if (value.contains("interval_ms")) r.interval_ms = value["interval_ms"].get<int>();
        if (value.contains("head_unreliable")) r.head_unreliable = value["head_unreliable"].get<bool>();
        if ((r.concurrency && *r.concurrency < 1) || (r.interval_ms && *r.interval_ms < 0))
          fail("hosts." + name + ": concurrency must be >= 1 and interval_ms >= 0");
        if (value.contains("headers")) {
          if (!value["headers"].is_object()) fail("hosts." + name + ".headers must be an object");
          for (auto& [h, v] : value["headers"].items()) {
            std::string text = v.get<std::string>();
            if (h.find_first_of(":\r\n") != std::string::npos || text.find_first_of("\r\n") != std::string::npos)
              fail("hosts." + name + ".headers: a header name or value has a colon or line break");
            r.headers.push_back(h + ": " + text);
          }
        }
        o.hosts[lower_ascii(name)] = std::move(r);
      }
    }
  } catch (const nlohmann::json::exception& e) {
    fail(std::string("a value has the wrong type (") + e.what() + ")");
  }
}

}  // namespace citecheck
