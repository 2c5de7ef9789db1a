// resolver_options.hpp — how the resolvers may use the network: endpoints, limits, timeouts,
// politeness per host. Filled from the command line and an optional JSON config file.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace citecheck {

// Limits and extra headers for one host (and its subdomains).
struct HostRule {
  std::optional<int> concurrency;       // simultaneous transfers
  std::optional<int> interval_ms;       // minimum time between two request starts
  std::vector<std::string> headers;     // "Name: value", sent to this host only
  std::optional<bool> head_unreliable;  // go straight to GET
};

struct ResolverOptions {
  bool allow_private = false;  // fetch loopback / private / link-local addresses (tests, intranets)
  int concurrency = 64;        // transfers in flight, all hosts together
  int per_host = 4;            // transfers in flight per host
  int per_host_interval_ms = 50;
  double timeout = 20, connect_timeout = 10;  // seconds, per request
  int retries = 2;                            // after timeouts, resets and 5xx
  double max_retry_after = 30;                // seconds; a longer Retry-After is not waited for
  int max_redirects = 10;
  std::size_t max_body = 64 * 1024;           // bytes of a body ever read
  double host_budget = 60;                    // seconds of timeouts a host may cost before it is given up

  std::string doi_resolver = "https://doi.org";
  std::string crossref_api = "https://api.crossref.org";
  std::string datacite_api = "https://api.datacite.org";
  std::string archive_api = "https://web.archive.org";
  std::string mailto;       // identifies us to Crossref's polite pool
  bool suggest_dois = false;
  double suggest_threshold = 60;  // Crossref relevance score

  bool archive_lookup = true;
  std::map<std::string, HostRule> hosts;  // by lower-case host name

  std::string user_agent() const;
  // The rule for a host: an exact entry, else the nearest parent domain's, else defaults
  // for the services citecheck knows (doi.org, Crossref, DataCite, the Wayback Machine).
  HostRule rule_for(const std::string& host) const;
};

struct ConfigError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Reads a JSON config file into options (see README, "Config file"). Throws ConfigError.
void load_config_file(const std::string& path, ResolverOptions& options);

}  // namespace citecheck
