#include "resolvers/quirks.hpp"

#include <unicode/uloc.h>

#include <algorithm>
#include <vector>

#include "parsers/unicode_text.hpp"

namespace citecheck {

namespace {

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  while (true) {
    std::size_t p = s.find(sep);
    out.push_back(s.substr(0, p));
    if (p == std::string_view::npos) break;
    s.remove_prefix(p + 1);
  }
  return out;
}

// The parts of a URL a quirk looks at, lower-cased: host (no port, user or trailing dot),
// path (without a leading '/'), query (without '?'). A URL without a scheme is read as a
// path ("/login?next=…", as a relative Location header gives it).
struct UrlParts {
  std::string host, path, query;
};

UrlParts url_parts(std::string_view url) {
  UrlParts p;
  std::size_t hash = url.find('#');
  if (hash != std::string_view::npos) url = url.substr(0, hash);
  std::size_t scheme = url.find("://");
  std::string_view rest = url;
  if (scheme != std::string_view::npos) {
    rest = url.substr(scheme + 3);
    std::size_t end = rest.find_first_of("/?");
    std::string_view authority = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end);
    std::size_t at = authority.rfind('@');
    if (at != std::string_view::npos) authority.remove_prefix(at + 1);
    if (!authority.empty() && authority.front() != '[') {
      std::size_t colon = authority.find(':');
      authority = authority.substr(0, colon);
    }
    p.host = lower_ascii(authority);
    if (!p.host.empty() && p.host.back() == '.') p.host.pop_back();
  }
  std::size_t q = rest.find('?');
  std::string_view path = rest.substr(0, q);
  while (!path.empty() && path.front() == '/') path.remove_prefix(1);
  p.path = lower_ascii(path);
  if (q != std::string_view::npos) p.query = lower_ascii(rest.substr(q + 1));
  return p;
}

std::string normalise_host(std::string_view host) {
  std::string h = lower_ascii(host);
  if (!h.empty() && h.front() != '[') {
    std::size_t colon = h.find(':');
    if (colon != std::string::npos) h.resize(colon);
  }
  if (!h.empty() && h.back() == '.') h.pop_back();
  return h;
}

bool host_in_domain(std::string_view host, std::string_view domain) {
  if (host == domain) return true;
  return host.size() > domain.size() && host.ends_with(domain) && host[host.size() - domain.size() - 1] == '.';
}

std::string header(const std::map<std::string, std::string>& headers, const std::string& name) {
  auto it = headers.find(name);
  return it == headers.end() ? std::string{} : lower_ascii(it->second);
}

bool has_header(const std::map<std::string, std::string>& headers, const std::string& name) {
  return headers.count(name) != 0;
}

// Bot protections recognised by their headers; `any_status` rows speak whatever the status
// (a challenge can come with 200 or 503), the others only on an error status (DataDome
// sends "x-datadome: protected" on ordinary pages too).
struct BotWall {
  std::string_view header;
  std::string_view value_contains;  // "" = the header's presence is enough
  bool any_status;
  std::string_view reason;
};

constexpr BotWall kBotWalls[] = {
    {"cf-mitigated", "challenge", true, "Cloudflare bot challenge"},
    {"x-amzn-waf-action", "captcha", true, "AWS WAF captcha"},
    {"x-amzn-waf-action", "challenge", true, "AWS WAF bot challenge"},
    {"x-datadome", "", false, "DataDome bot protection"},
    {"server", "datadome", false, "DataDome bot protection"},
    {"x-datadome-cid", "", false, "DataDome bot protection"},
    {"x-iinfo", "", false, "Imperva (Incapsula) bot protection"},
    {"x-cdn", "incapsula", false, "Imperva (Incapsula) bot protection"},
    {"server", "ddos-guard", false, "DDoS-Guard bot protection"},
    {"x-px-block", "", false, "PerimeterX bot protection"},
};

// Servers named in the reason of a plain 403.
struct Refuser {
  std::string_view server_contains, name;
};
constexpr Refuser kRefusers[] = {{"cloudflare", "Cloudflare"}, {"akamaighost", "Akamai"}, {"awselb", "AWS"}};

// Path segments (lower case, extension dropped) of a sign-in page.
constexpr std::string_view kLoginSegments[] = {
    "login", "log-in", "log_in", "logon", "signin", "sign-in", "sign_in", "signon", "sign-on",
    "auth", "authenticate", "authentication", "authorize", "oauth", "oauth2", "sso", "ssostart",
    "idp", "shibboleth", "saml", "saml2", "wp-login", "servicelogin", "showlogin", "openathens",
    "cas", "wayf"};
// Query keys that carry the page to return to after signing in.
constexpr std::string_view kLoginQueryKeys[] = {
    "returnurl", "return_url", "returnto", "return_to", "redirect_to", "redirect_uri", "redirecturl",
    "redirect_url"};
// First labels of sign-in hosts (login.microsoftonline.com, accounts.google.com, idp.uni.edu).
constexpr std::string_view kLoginHostLabels[] = {"login", "signin", "sso", "idp", "auth", "accounts", "cas",
                                                 "shibboleth"};

// First labels of consent hosts, and path segments of consent pages.
constexpr std::string_view kConsentHostLabels[] = {"consent", "guce", "cmp"};
constexpr std::string_view kConsentSegments[] = {"consent", "cookie-consent", "cookieconsent", "gdpr-consent",
                                                 "privacy-consent", "cookiewall", "cookie-wall"};

// File names a front page is served as.
constexpr std::string_view kIndexPages[] = {
    "index", "index.html", "index.htm", "index.shtml", "index.php", "index.asp", "index.aspx", "index.jsp",
    "default.aspx", "default.asp", "default.htm", "home", "home.html", "home.aspx", "main", "start"};
// Query keys that only choose a language.
constexpr std::string_view kLanguageQueryKeys[] = {"lang", "locale", "hl", "language", "lng"};

template <std::size_t N>
bool in(const std::string_view (&table)[N], std::string_view s) {
  return std::find(std::begin(table), std::end(table), s) != std::end(table);
}

std::string_view without_extension(std::string_view segment) {
  std::size_t dot = segment.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return segment;
  std::string_view ext = segment.substr(dot + 1);
  constexpr std::string_view kExtensions[] = {"php", "aspx", "asp", "jsp", "html", "htm", "do", "cgi", "sso", "action"};
  return in(kExtensions, ext) ? segment.substr(0, dot) : segment;
}

std::vector<std::string_view> query_keys(std::string_view query) {
  std::vector<std::string_view> keys;
  if (query.empty()) return keys;
  for (auto pair : split(query, '&')) {
    if (pair.empty()) continue;
    keys.push_back(pair.substr(0, pair.find('=')));
  }
  return keys;
}

// An ISO 639-1 language code (ICU's list), optionally with a region or script: "ar",
// "pt-br", "zh-hans", "en_us".
bool is_language_segment(std::string_view s) {
  std::size_t sep = s.find_first_of("-_");
  std::string_view lang = s.substr(0, sep);
  if (lang.size() != 2) return false;
  if (sep != std::string_view::npos) {
    std::string_view sub = s.substr(sep + 1);
    if (sub.size() < 2 || sub.size() > 4) return false;
    for (char c : sub)
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) return false;
  }
  for (const char* const* code = uloc_getISOLanguages(); *code; ++code)
    if (lang == *code) return true;
  return false;
}

}  // namespace

std::optional<std::string> unverifiable_reason(int http_status,
                                               const std::map<std::string, std::string>& lower_case_headers,
                                               std::string_view host) {
  const auto& headers = lower_case_headers;
  std::string h = normalise_host(host);
  std::string code = " (" + std::to_string(http_status) + ")";
  for (const auto& wall : kBotWalls) {
    if (!wall.any_status && http_status < 400) continue;
    if (!has_header(headers, std::string(wall.header))) continue;
    if (!wall.value_contains.empty() &&
        header(headers, std::string(wall.header)).find(wall.value_contains) == std::string::npos)
      continue;
    return std::string(wall.reason) + (wall.any_status ? "" : code);
  }
  switch (http_status) {
    case 999:
      return host_in_domain(h, "linkedin.com") ? "LinkedIn refuses robots (999)" : "the server refuses robots (999)";
    case 401:
      return "login required (401)";
    case 406:  // the checker asks a second time with a browser's Accept headers before this
      return "the server refuses robots (406 Not Acceptable, to a browser's Accept headers too)";
    case 403: {
      std::string server = header(headers, "server");
      for (const auto& r : kRefusers)
        if (server.find(r.server_contains) != std::string::npos) return std::string(r.name) + " refuses robots (403)";
      return "the server refuses robots (403)";
    }
    case 429: {
      std::string after = header(headers, "retry-after");
      bool seconds = !after.empty() && after.size() < 8 &&
                     std::all_of(after.begin(), after.end(), [](char c) { return c >= '0' && c <= '9'; });
      return seconds ? "rate limited (429, retry after " + after + " s)" : "rate limited (429)";
    }
    case 451:
      return "unavailable for legal reasons where the check ran (451)";
    default:
      return std::nullopt;
  }
}

bool is_login_url(std::string_view url) {
  UrlParts p = url_parts(url);
  if (!p.host.empty()) {
    std::string_view first = std::string_view(p.host).substr(0, p.host.find('.'));
    if (p.host.find('.') != std::string::npos && in(kLoginHostLabels, first)) return true;
  }
  for (auto segment : split(p.path, '/')) {
    std::string_view stem = without_extension(segment);
    if (in(kLoginSegments, stem)) return true;
    if (stem.starts_with("login") || stem.starts_with("signin")) return true;  // LoginPage.aspx
  }
  for (auto key : query_keys(p.query))
    if (in(kLoginQueryKeys, key)) return true;
  return false;
}

bool is_consent_url(std::string_view url) {
  UrlParts p = url_parts(url);
  bool consent = false;
  if (p.host.find('.') != std::string::npos)
    consent = in(kConsentHostLabels, std::string_view(p.host).substr(0, p.host.find('.')));
  for (auto segment : split(p.path, '/')) consent = consent || in(kConsentSegments, without_extension(segment));
  if (!consent || p.query.empty()) return false;
  // The page to go on to, as a parameter's value, percent-encoded or not.
  for (auto pair : split(p.query, '&')) {
    std::size_t eq = pair.find('=');
    if (eq == std::string_view::npos) continue;
    std::string_view value = pair.substr(eq + 1);
    for (std::string_view scheme : {"http://", "https://", "http%3a%2f%2f", "https%3a%2f%2f"})
      if (value.starts_with(scheme)) return true;
  }
  return false;
}

bool is_site_root(std::string_view url) {
  UrlParts p = url_parts(url);
  for (auto key : query_keys(p.query))
    if (!in(kLanguageQueryKeys, key)) return false;
  std::string_view path = p.path;
  while (!path.empty() && path.back() == '/') path.remove_suffix(1);
  if (path.empty()) return true;
  auto segments = split(path, '/');
  if (segments.size() > 2) return false;
  if (segments.size() == 2) return is_language_segment(segments[0]) && in(kIndexPages, segments[1]);
  return in(kIndexPages, segments[0]) || is_language_segment(segments[0]);
}

}  // namespace citecheck
