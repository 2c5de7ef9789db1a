// robots.hpp — what a site's robots.txt asks of citecheck in a nightly run: its Crawl-delay,
// the seconds a polite robot leaves between two requests (not in RFC 9309, but honoured by the
// crawlers sites tune it for). Groups and agents are read as RFC 9309 says: one or more
// user-agent lines start a group, a group naming citecheck's product token (case-insensitive)
// wins over the `*` group, and several groups for one agent count as one.
#pragma once

#include <optional>
#include <string_view>

namespace citecheck {

// The product token citecheck's User-Agent starts with, as robots.txt files name it.
inline constexpr std::string_view kRobotsToken = "citecheck";

// The Crawl-delay (seconds, > 0) the robots.txt asks of `product_token`, or nullopt.
std::optional<double> crawl_delay(std::string_view robots_txt, std::string_view product_token = kRobotsToken);

}  // namespace citecheck
