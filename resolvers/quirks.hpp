// quirks.hpp — what particular sites do to a link checker, as tables: answers that mean
// "refused a robot" rather than "broken", login and cookie-consent redirects and redirects
// to a site's front page.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace citecheck {

// Why an answer (to a GET) says nothing about whether the link works — the site refuses
// robots, wants a login or rate-limits us — or nullopt when the answer can be trusted.
// `lower_case_headers` maps lower-case header names to their values. Bot-protection
// headers are looked at first ("Cloudflare bot challenge" whatever the status), then the
// status: 999 ("LinkedIn refuses robots (999)"), 401 ("login required (401)"), 403 ("the
// server refuses robots (403)"), 406 (to a browser's Accept headers too), 429 ("rate limited
// (429)"), 451.
std::optional<std::string> unverifiable_reason(int http_status,
                                               const std::map<std::string, std::string>& lower_case_headers,
                                               std::string_view host);

// True when a URL (typically a redirect target) is a sign-in page: /login, /signin, /sign-in,
// /accounts/login, /auth, /sso, /wp-login.php, /idp/…, /Shibboleth.sso, Atypon's
// /action/showLogin, a login./sso./idp. host, or a query with returnUrl=, redirect_to=, ….
bool is_login_url(std::string_view url);

// True when a URL (a redirect target) is a cookie-consent page that will send the visitor on
// to the page asked for: a consent host (consent.google.com, consent.youtube.com,
// guce.yahoo.com, consent.example.org) or a /consent path, with an absolute URL in a query
// parameter (continue=https://…, done=https%3A%2F%2F…).
bool is_consent_url(std::string_view url);

// True when a URL is a site's front page: https://host, https://host/, /index.html (and
// index.php, default.aspx, home), or a language root (/en/, /ar/, /pt-br/, /en/index.html).
// A query other than a language choice (?lang=ar) makes it no front page.
bool is_site_root(std::string_view url);

}  // namespace citecheck
