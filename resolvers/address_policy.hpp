// address_policy.hpp — which addresses a link may not lead the checker to (the SSRF rule):
// loopback, private, link-local (cloud metadata), CGNAT, multicast, reserved, and the IPv6
// forms that embed them. Pure functions on addresses; nothing here opens a connection.
#pragma once

#include <sys/socket.h>

#include <optional>
#include <string>
#include <string_view>

namespace citecheck {

// Why an address must not be fetched without --allow-private ("loopback address 127.0.0.1",
// "cloud metadata address 169.254.169.254", "private address 10.0.0.5 (as IPv6
// ::ffff:10.0.0.5)"), or nullopt when it may be. Handles AF_INET and AF_INET6; any other
// family (or a null pointer) is refused, since it is no Internet address.
std::optional<std::string> blocked_address_reason(const sockaddr* addr);

// The same for an IP literal as written in a URL's host: "10.1.2.3", "::1", "[fe80::1%eth0]",
// and the legacy IPv4 spellings resolvers still accept ("127.1", "0x7f.0.0.1", "2130706433",
// "0177.0.0.1"). nullopt when the text is not an IP literal (a host name) or is allowed.
std::optional<std::string> blocked_address_reason(std::string_view ip_literal);

// True when `host` is written as an IP literal in any of the forms above.
bool is_ip_literal(std::string_view host);

}  // namespace citecheck
