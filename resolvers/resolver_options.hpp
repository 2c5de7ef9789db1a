// resolver_options.hpp — how the resolvers may use the network: endpoints, limits, timeouts,
// politeness per host, and which answers count as ok. Filled from the command line and the
// config file (src/config_file.hpp).
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "resolvers/accepted_statuses.hpp"
#include "resolvers/proxy_route.hpp"
#include "resolvers/url_remap.hpp"

namespace citecheck {

// Limits and extra headers for one host (and its subdomains).
struct HostRule {
  std::optional<int> concurrency;       // simultaneous transfers
  std::optional<int> interval_ms;       // minimum time between two request starts
  std::vector<std::string> headers;     // "Name: value", sent to this host only
  std::optional<bool> head_unreliable;  // go straight to GET
  std::optional<AcceptedStatuses> accept;  // replaces the global --accept for this host
};

struct ResolverOptions {
  bool allow_private = false;  // fetch loopback / private / link-local addresses (tests, intranets)
  // Through a proxy (http_proxy, https_proxy, all_proxy): false — each host is resolved and
  // checked here first (proxy_route.hpp); true — resolving and the address rule are the proxy's.
  bool proxy_trusted = false;
  // How a proxied request's host is resolved and checked (tests stand in their own names).
  std::function<HostVetting(const std::string&)> vet_host = citecheck::vet_host;
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
  int shards = 1;  // --shard k/n: n runs share the night, and the budget of the services they all ask
  // Workers sharing a night through a store (link_store.hpp): before each request to a host,
  // the seconds to wait for the budget all workers share (0: go). Unset: no shared budget.
  std::function<double(const std::string& host)> shared_budget;

  std::optional<AcceptedStatuses> accept;  // --accept: the statuses that make a link ok (default: 2xx)
  std::vector<UrlRemap> remaps;            // --remap, in order
  std::string custom_user_agent;           // --user-agent: replaces citecheck's own
  std::vector<std::string> headers;        // --header "Name: value", sent with every request

  std::string user_agent() const;
  // The rule for a host: an exact entry, else the nearest parent domain's, else defaults
  // for the services citecheck knows (doi.org, Crossref, DataCite, the Wayback Machine).
  HostRule rule_for(const std::string& host) const;
};

// Why "Name: value" cannot be sent as a header (no colon, an empty or malformed name, a line
// break that would inject another header), or nullopt when it can.
std::optional<std::string> header_problem(const std::string& header);

struct ConfigError : std::runtime_error {
  using std::runtime_error::runtime_error;
};


}  // namespace citecheck
