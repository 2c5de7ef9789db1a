// proxy_route.hpp — requests through the proxy the environment names, without giving up the
// address rule (address_policy.hpp). Through a proxy the connection goes to the proxy, so the
// rule cannot be checked on the address connected to; instead the host's name is resolved here
// before the request is handed to the proxy, and the request is refused when any of its
// addresses is loopback, private, link-local… — the proxy would otherwise fetch an intranet
// page for a manuscript's link. Every redirect hop is a request of its own, so it is checked
// the same way. --proxy-trusted leaves resolving and the rule to the proxy (a machine without
// DNS of its own).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace citecheck {

// The proxies of the environment, as curl reads them: http_proxy (lower case only, as curl
// does: HTTP_PROXY may be set by a CGI request), https_proxy or HTTPS_PROXY, all_proxy or
// ALL_PROXY for both, and the hosts no_proxy or NO_PROXY exempts (comma-separated names, each
// matching itself and its subdomains, a leading dot ignored, or `*` for every host).
struct ProxyEnvironment {
  std::string http, https;
  std::vector<std::string> exempt;
  bool exempt_all = false;

  static ProxyEnvironment from(const std::function<const char*(const char*)>& getenv);
  // The proxy a request to this URL goes through ("" for none).
  std::string proxy_for(std::string_view scheme, std::string_view host) const;
};

// What resolving a host found, under the address rule.
struct HostVetting {
  bool resolved = false;                // the name has addresses (false: it does not resolve)
  std::optional<std::string> refused;   // the rule's reason for the first address it refuses
  std::string error;                    // why it did not resolve
};

// Resolves `host` (getaddrinfo; an IP literal as written) and checks every address.
HostVetting vet_host(const std::string& host);

}  // namespace citecheck
