// quirks.hpp — what particular sites do to a link checker, as tables: hosts that answer HEAD
// wrongly, answers that mean "refused a robot" rather than "broken", login redirects and
// redirects to a site's front page.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace citecheck {

// Hosts known to answer HEAD with 403/404/405 while GET gives 200 (linkedin.com, x.com,
// researchgate.net, tandfonline.com, sciencedirect.com, amazon.*, books.google.*, …): the host
// itself or any subdomain. Case, a trailing dot and a port are ignored.
bool head_unreliable(std::string_view host);

// Why an answer (to a GET) says nothing about whether the link works — the site refuses
// robots, wants a login or rate-limits us — or nullopt when the answer can be trusted.
// `lower_case_headers` maps lower-case header names to their values. Bot-protection
// headers are looked at first ("Cloudflare bot challenge" whatever the status), then the
// status: 999 ("LinkedIn refuses robots (999)"), 401 ("login required (401)"), 403 ("the
// server refuses robots (403)"), 429 ("rate limited (429)"), 451.
std::optional<std::string> unverifiable_reason(int http_status,
                                               const std::map<std::string, std::string>& lower_case_headers,
                                               std::string_view host);

// True when a URL (typically a redirect target) is a sign-in page: /login, /signin, /sign-in,
// /accounts/login, /auth, /sso, /wp-login.php, /idp/…, /Shibboleth.sso, Atypon's
// /action/showLogin, a login./sso./idp. host, or a query with returnUrl=, redirect_to=, ….
bool is_login_url(std::string_view url);

// True when a URL is a site's front page: https://host, https://host/, /index.html (and
// index.php, default.aspx, home), or a language root (/en/, /ar/, /pt-br/, /en/index.html).
// A query other than a language choice (?lang=ar) makes it no front page.
bool is_site_root(std::string_view url);

}  // namespace citecheck
