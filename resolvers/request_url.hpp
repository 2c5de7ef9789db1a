// request_url.hpp — from a URL as the manuscript prints it to the URL citecheck requests:
// a scheme for "www." links, no fragment, no user-info (credentials never leave the
// machine), non-ASCII path and query bytes percent-encoded as UTF-8 (the host stays Unicode:
// libcurl converts it with IDNA). And the reverse care for reports: credentials in a URL are
// never printed.
#pragma once

#include <optional>
#include <string>

namespace citecheck {

struct RequestUrl {
  std::string url;   // what is requested
  std::string host;  // lower-case, without port or brackets
  bool http = true;  // http or https (anything else is not fetched)
};

// A host name in its ASCII form (IDNA, UTS #46: "тест.рф" → "xn--e1aybc.xn--p1ai"); an ASCII
// name as it is; nullopt when IDNA refuses it.
std::optional<std::string> ascii_host(const std::string& host);

// nullopt when the text has no usable host.
std::optional<RequestUrl> request_url(const std::string& printed);

// The URL with any "user:password@" removed ("https://***@host/…").
std::string redact_credentials(const std::string& text);

// Percent-encodes every byte outside RFC 3986's unreserved set, except those in keep.
std::string percent_encode(const std::string& s, const char* keep = "");

}  // namespace citecheck
