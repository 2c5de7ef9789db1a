#include "resolvers/proxy_route.hpp"

#include <netdb.h>
#include <sys/socket.h>

#include "parsers/unicode_text.hpp"
#include "resolvers/address_policy.hpp"

namespace citecheck {

ProxyEnvironment ProxyEnvironment::from(const std::function<const char*(const char*)>& getenv) {
  auto first = [&](std::initializer_list<const char*> names) -> std::string {
    for (const char* n : names)
      if (const char* v = getenv(n); v && *v) return v;
    return {};
  };
  ProxyEnvironment env;
  const std::string all = first({"all_proxy", "ALL_PROXY"});
  env.http = first({"http_proxy"});
  if (env.http.empty()) env.http = all;
  env.https = first({"https_proxy", "HTTPS_PROXY"});
  if (env.https.empty()) env.https = all;
  const std::string exempt = first({"no_proxy", "NO_PROXY"});
  std::size_t at = 0;
  while (at <= exempt.size()) {
    std::size_t comma = exempt.find(',', at);
    if (comma == std::string::npos) comma = exempt.size();
    std::string name = lower_ascii(trim(std::string_view(exempt).substr(at, comma - at)));
    if (name == "*") env.exempt_all = true;
    while (!name.empty() && name.front() == '.') name.erase(0, 1);
    if (!name.empty() && name != "*") env.exempt.push_back(name);
    at = comma + 1;
  }
  return env;
}

std::string ProxyEnvironment::proxy_for(std::string_view scheme, std::string_view host) const {
  const std::string& proxy = scheme == "https" ? https : http;
  if (proxy.empty() || exempt_all) return {};
  const std::string h = lower_ascii(host);
  for (const std::string& e : exempt)
    if (h == e || (h.size() > e.size() && h.compare(h.size() - e.size(), e.size(), e) == 0 && h[h.size() - e.size() - 1] == '.'))
      return {};
  return proxy;
}

HostVetting vet_host(const std::string& host) {
  HostVetting v;
  if (is_ip_literal(host)) {
    v.resolved = true;
    v.refused = blocked_address_reason(std::string_view(host));
    return v;
  }
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  if (int rc = getaddrinfo(host.c_str(), nullptr, &hints, &found); rc != 0) {
    v.error = gai_strerror(rc);
    return v;
  }
  v.resolved = true;
  for (addrinfo* a = found; a && !v.refused; a = a->ai_next) v.refused = blocked_address_reason(a->ai_addr);
  freeaddrinfo(found);
  if (v.refused) v.refused = host + " resolves to a " + *v.refused;
  return v;
}

}  // namespace citecheck
