// Links, offline: invalid DOIs and ISBNs, URLs with tracking parameters, URL shorteners,
// URLs a PDF wrapped over two lines.
#include <re2/re2.h>

#include <cctype>
#include <cstdlib>

#include "parsers/identifiers.hpp"
#include "parsers/scripts/tables.hpp"
#include "src/checks/checks.hpp"

namespace citecheck {

namespace {

// A URL's tracking parameters, and the URL as printed without them: scheme, host, path, the
// other parameters and the fragment kept, so that the suggestion can be pasted as it is.
struct TrackingSplit {
  std::vector<std::string> tracking;
  std::string clean;
};

TrackingSplit split_tracking(const std::string& url) {
  TrackingSplit out{{}, url};
  std::size_t q = url.find('?');
  if (q == std::string::npos) return out;
  std::size_t hash = url.find('#', q);
  std::string query = url.substr(q + 1, hash == std::string::npos ? std::string::npos : hash - q - 1);
  std::string kept;
  for (std::size_t start = 0; start < query.size();) {
    std::size_t amp = query.find('&', start);
    std::string param = query.substr(start, amp == std::string::npos ? std::string::npos : amp - start);
    if (tables::is_tracking_parameter(param.substr(0, param.find('=')))) out.tracking.push_back(param);
    else if (!param.empty()) kept += (kept.empty() ? "" : "&") + param;
    if (amp == std::string::npos) break;
    start = amp + 1;
  }
  out.clean = url.substr(0, q) + (kept.empty() ? "" : "?" + kept) + (hash == std::string::npos ? "" : url.substr(hash));
  return out;
}

}  // namespace

namespace {

// The year a URL's path is dated with ("/2016/05/…", "/20160502-…"), or 0.
int url_path_year(const std::string& url) {
  static const RE2 dated(R"(^[a-z]+://[^/]+(?:/[^/?#]*)*?/((?:19|20)\d\d)(?:/(?:0?[1-9]|1[0-2])(?:/|$)|(?:0[1-9]|1[0-2])(?:[0-3]\d)?[^0-9/]))");
  std::string year;
  if (RE2::PartialMatch(url, dated, &year)) return std::stoi(year);
  return 0;
}

}  // namespace

// An entry that says 2020 whose URL is dated 2016: one of them is wrong.
void check_url_dates(const CheckInput& in, std::vector<Finding>& out) {
  for (const Reference& r : in.m().references) {
    if (!r.work.year || r.work.year->size() != 4 || !std::isdigit(static_cast<unsigned char>((*r.work.year)[0]))) continue;
    int year = std::stoi(*r.work.year);
    for (const auto& url : r.work.urls) {
      int dated = url_path_year(url);
      // Online-first and print years differ by one; a Solar Hijri year is another calendar.
      if (!dated || year < 1900 || std::abs(dated - year) <= 1) continue;
      out.push_back(finding("url-date-mismatch", Severity::Warning,
                            say("url-date-mismatch", {url, std::to_string(dated), describe(r), *r.work.year}), r.span,
                            {r.id}));
      break;
    }
  }
}

void check_links(const CheckInput& in, std::vector<Finding>& out) {
  check_url_dates(in, out);
  for (const Link& l : in.m().links) {
    std::vector<std::string> items{l.id};
    if (l.owner) items.push_back(*l.owner);
    if ((l.kind == LinkKind::Url || l.kind == LinkKind::Doi) && l.wrapped && !l.link_annotation)
      out.push_back(finding("url-wrapped", Severity::Info,
                            say(l.kind == LinkKind::Doi ? "url-wrapped.doi" : "url-wrapped",
                                {std::to_string(l.span.line), std::to_string(l.span.end_line), l.value}),
                            l.span, items));
    if (l.kind == LinkKind::Doi && l.status == LinkStatus::Invalid) {
      out.push_back(finding("invalid-doi", Severity::Error, say("invalid-doi", {l.value, phrase(l.error.value_or(""))}),
                            l.span, items));
      continue;
    }
    if (l.kind == LinkKind::Isbn && l.status == LinkStatus::Invalid) {
      out.push_back(finding("invalid-isbn", Severity::Warning, say("invalid-isbn", {l.value, phrase(l.error.value_or(""))}),
                            l.span, items));
      continue;
    }
    if (l.kind != LinkKind::Url) continue;
    if (l.status == LinkStatus::Invalid) {
      out.push_back(finding("invalid-url", Severity::Warning, say("invalid-url", {l.value, phrase(l.error.value_or(""))}),
                            l.span, items));
      continue;
    }
    const TrackingSplit split = split_tracking(l.value);
    if (!split.tracking.empty()) {
      std::string list;
      for (auto& p : split.tracking) list += (list.empty() ? "" : ", ") + p;
      out.push_back(finding("url-tracking-parameters", Severity::Warning,
                            say("url-tracking-parameters", {list, split.clean}), l.span, items));
    }
    std::string host = url_host(l.value);
    for (auto s : tables::url_shortener_hosts()) {
      if (host == s) {
        out.push_back(finding("url-shortener", Severity::Warning, say("url-shortener", {l.value, host}), l.span, items));
        break;
      }
    }
  }
}

}  // namespace citecheck
