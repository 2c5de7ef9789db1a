// html_page.hpp — what the first bytes of a fetched page say about it: its title and the
// title its citation metadata gives, whether it is really a "not found" page served with
// 200, a bot challenge, a sign-in form or a cookie-consent wall, and where a <meta> refresh
// sends it. Any charset, any language; the prefix may be cut anywhere (mid-tag,
// mid-character).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace citecheck {

// A refresh: the Refresh header's value or a <meta http-equiv="refresh"> content, such as
// "0; url=/new-page".
struct Refresh {
  double delay = 0;  // seconds
  std::string url;   // as written (may be relative); empty: the page reloads itself
};

// Parses a refresh value as the HTML standard does ("0;URL='/x'", "5, url=/y", "3");
// nullopt when it is none (no leading delay).
std::optional<Refresh> parse_refresh(std::string_view value);

struct PageSignals {
  std::optional<std::string> title;           // <title>, entities decoded, white space collapsed, UTF-8
  std::optional<std::string> citation_title;  // meta citation_title, else dc.title / dcterms.title, else og:title
  // The title, an <h1> or <h2> says the page does not exist (any of many languages), or on a
  // page whose main text is short, any block of that text does.
  bool says_not_found = false;
  std::optional<std::string> not_found_text;  // what said so
  // The page is a consent manager's cookie dialog and nothing else to speak of: its visible
  // text is nearly all inside the dialog (OneTrust, Cookiebot, Quantcast, Didomi, Google's
  // consent page, …). A banner beside the page's own text is not a wall.
  bool consent_wall = false;
  std::optional<Refresh> refresh;  // <meta http-equiv="refresh"> (the first one)
  bool bot_challenge = false;   // Cloudflare, DataDome, Akamai, PerimeterX, Imperva, captcha walls
  bool login_page = false;      // a sign-in page (title / <h1>, or a password form on a page with no citation metadata)
};

// Reads a page prefix (at most some tens of KiB) with gumbo, the HTML standard's parser. The
// charset comes from a byte-order mark, then the Content-Type's charset, then the first
// <meta charset> / <meta http-equiv> of the page's tree (not one in a comment or a script),
// then ICU's detector; bytes that are not valid in it become U+FFFD.
PageSignals read_page(std::string_view body_prefix, std::string_view content_type);

// True when the Content-Type is HTML (text/html, application/xhtml+xml), or the body opens
// like an HTML document (<!DOCTYPE html, <html, <head, <title …) whatever the type says.
bool is_html(std::string_view content_type, std::string_view body_prefix);

// Decodes HTML character references (&amp; &#1575; &#x10D0; &ccaron; &#146; …) in UTF-8 text
// as the HTML standard does; unknown or malformed references are kept as written.
std::string decode_html_entities(std::string_view text);

// True when a page title (or heading) says the page does not exist: the phrase is the whole
// title, or a part of it set off by " | ", " - ", " — " (or, after a site name, ":"), or
// comes with "404" ("Error 404 (Page not found)"). "Not Found: the missing children" is not.
bool title_says_not_found(std::string_view title);

}  // namespace citecheck
