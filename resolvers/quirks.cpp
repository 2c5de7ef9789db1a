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

// A domain under any country's top level: the labels of `name`, then one or two short
// labels ("com", "co.uk", "com.br", "de"), with any subdomain before them.
bool host_in_domain_any_tld(std::string_view host, std::string_view name) {
  auto labels = split(host, '.');
  auto want = split(name, '.');
  if (labels.size() < want.size() + 1) return false;
  for (std::size_t start = 0; start + want.size() < labels.size(); ++start) {
    if (!std::equal(want.begin(), want.end(), labels.begin() + static_cast<std::ptrdiff_t>(start))) continue;
    std::size_t tail = labels.size() - start - want.size();
    if (tail > 2) continue;
    bool short_labels = true;
    for (std::size_t i = start + want.size(); i < labels.size(); ++i)
      short_labels = short_labels && !labels[i].empty() && labels[i].size() <= 3;
    if (short_labels) return true;
  }
  return false;
}

struct HostRule {
  std::string_view domain;
  bool any_tld;  // "amazon" matches amazon.com, amazon.co.uk, amazon.de, …
};

// Hosts that answer HEAD wrongly (403/404/405, or a bot wall) while GET gives the page.
constexpr HostRule kHeadUnreliable[] = {
    {"linkedin.com", false},         {"twitter.com", false},          {"x.com", false},
    {"facebook.com", false},         {"instagram.com", false},        {"threads.net", false},
    {"tiktok.com", false},           {"medium.com", false},           {"amazon", true},
    {"books.google", true},          {"researchgate.net", false},     {"academia.edu", false},
    {"jstor.org", false},            {"tandfonline.com", false},      {"sciencedirect.com", false},
    {"onlinelibrary.wiley.com", false}, {"journals.sagepub.com", false}, {"ssrn.com", false},
    {"academic.oup.com", false},     {"science.org", false},          {"pubs.acs.org", false},
    {"muse.jhu.edu", false},         {"dl.acm.org", false},           {"ieeexplore.ieee.org", false},
    {"cambridge.org", false},        {"brill.com", false},            {"degruyter.com", false},
};

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

bool head_unreliable(std::string_view host) {
  std::string h = normalise_host(host);
  for (const auto& rule : kHeadUnreliable)
    if (rule.any_tld ? host_in_domain_any_tld(h, rule.domain) : host_in_domain(h, rule.domain)) return true;
  return false;
}

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
