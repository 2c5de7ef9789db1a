#include "resolvers/request_url.hpp"

#include "parsers/unicode_text.hpp"

#include <re2/re2.h>
#include <unicode/idna.h>

#include <memory>

namespace citecheck {

namespace {

bool unreserved(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
         c == '_' || c == '~';
}

// Encodes what a printed URL may hold but a request line may not: non-ASCII bytes, spaces,
// quotes, angle brackets. Existing %XX escapes and reserved delimiters stay as they are.
std::string encode_loose(const std::string& s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size());
  for (unsigned char c : s) {
    if (c >= 0x80 || c <= 0x20 || c == '"' || c == '<' || c == '>' || c == '\\' || c == '^' || c == '`' ||
        c == '{' || c == '|' || c == '}' || c == 0x7F) {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

}  // namespace

// A Unicode host name in its ASCII (IDNA, UTS #46) form: "тест.example" → "xn--e1aybc.example".
std::optional<std::string> ascii_host(const std::string& host) {
  bool ascii = true;
  for (unsigned char c : host) ascii = ascii && c < 0x80;
  if (ascii) return host;
  UErrorCode err = U_ZERO_ERROR;
  thread_local std::unique_ptr<icu::IDNA> idna(icu::IDNA::createUTS46Instance(UIDNA_NONTRANSITIONAL_TO_ASCII, err));
  if (!idna) return std::nullopt;
  std::string out;
  icu::StringByteSink<std::string> sink(&out);
  icu::IDNAInfo info;
  err = U_ZERO_ERROR;
  idna->nameToASCII_UTF8(host, sink, info, err);
  if (U_FAILURE(err) || info.hasErrors() || out.empty()) return std::nullopt;
  return out;
}

std::string percent_encode(const std::string& s, const char* keep) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (unreserved(c) || (c && std::string_view(keep).find(static_cast<char>(c)) != std::string_view::npos)) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

std::optional<RequestUrl> request_url(const std::string& printed) {
  std::string url = printed;
  if (auto hash = url.find('#'); hash != std::string::npos) url.resize(hash);
  std::string lowered = lower_ascii(url.substr(0, 8));
  if (lowered.rfind("www.", 0) == 0) url = "http://" + url;
  auto scheme_end = url.find("://");
  if (scheme_end == std::string::npos || scheme_end == 0) return std::nullopt;
  RequestUrl r;
  std::string scheme = lower_ascii(url.substr(0, scheme_end));
  r.http = scheme == "http" || scheme == "https";
  std::size_t auth_start = scheme_end + 3;
  std::size_t auth_end = url.find_first_of("/?", auth_start);
  if (auth_end == std::string::npos) auth_end = url.size();
  std::string authority = url.substr(auth_start, auth_end - auth_start);
  if (auto at = authority.rfind('@'); at != std::string::npos) authority.erase(0, at + 1);
  std::string host = authority;
  if (!host.empty() && host[0] == '[') {
    auto close = host.find(']');
    if (close == std::string::npos) return std::nullopt;
    host = host.substr(1, close - 1);
  } else if (auto colon = host.find(':'); colon != std::string::npos) {
    host.resize(colon);
  }
  while (!host.empty() && host.back() == '.') host.pop_back();
  if (host.empty()) return std::nullopt;
  r.host = lower_ascii(host);
  auto ascii = ascii_host(host);
  if (!ascii) return std::nullopt;
  if (*ascii != host) {  // the authority with the host in its IDNA form, port kept
    authority.replace(authority.find(host), host.size(), *ascii);
    r.host = lower_ascii(*ascii);
  }
  std::string rest = url.substr(auth_end);
  if (rest.empty()) rest = "/";
  r.url = scheme + "://" + authority + encode_loose(rest);
  return r;
}

std::string redact_credentials(const std::string& text) {
  // Up to the authority's last '@': a password may hold '@' itself (user:p@ss@host), and
  // hiding only up to the first would print the rest of it.
  static const RE2 userinfo(R"(([A-Za-z][A-Za-z0-9+.-]*://)[^/\s?#]+@)");
  if (text.find('@') == std::string::npos) return text;
  std::string out = text;
  RE2::GlobalReplace(&out, userinfo, R"(\1***@)");
  return out;
}

}  // namespace citecheck
