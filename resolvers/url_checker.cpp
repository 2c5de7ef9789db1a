#include "resolvers/url_checker.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <memory>
#include <set>

#include "resolvers/address_policy.hpp"
#include "resolvers/html_page.hpp"
#include "resolvers/quirks.hpp"
#include "resolvers/request_url.hpp"

namespace citecheck {

namespace {

// What is sent with every check: a browser's preferences, PDFs named (a cited work is often
// one), in one GET.
constexpr const char* kAccept = "Accept: text/html,application/xhtml+xml,application/pdf;q=0.9,*/*;q=0.8";
// The one retry after a 406: servers (and their firewalls) that refuse what they take for a
// robot look at the Accept headers a browser sends; the User-Agent stays citecheck's own.
constexpr const char* kBrowserAccept = "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
constexpr const char* kBrowserLanguage = "Accept-Language: en-US,en;q=0.9,*;q=0.5";
// Bytes of a file that is not HTML (PDF, image, archive) that are read: enough to sniff a
// page served under a wrong type.
constexpr std::size_t kOtherBody = 2048;
// A refresh later than this is a page that reloads itself now and then, not a redirect.
constexpr double kMaxRefreshDelay = 30;

struct UrlRun {
  HttpPool& pool;
  const ResolverOptions& options;
  std::function<void(UrlCheck)> done;
  std::string original, current;
  std::set<std::string> seen;
  UrlCheck result;
  bool browser_headers = false;  // the retry after a 406 was sent

  UrlRun(HttpPool& p, const ResolverOptions& o, std::function<void(UrlCheck)> d)
      : pool(p), options(o), done(std::move(d)) {}
};

void finish(const std::shared_ptr<UrlRun>& run, LinkStatus status, std::string error = {}) {
  run->result.status = status;
  if (!error.empty()) run->result.error = std::move(error);
  if (!run->result.redirects.empty()) run->result.final_url = run->current;
  run->done(std::move(run->result));
}

// first: the check's first request; every later one is a continuation (http_pool.hpp).
void send(const std::shared_ptr<UrlRun>& run, bool first = false);

bool is_redirect(int status) { return status == 301 || status == 302 || status == 303 || status == 307 || status == 308; }

struct Refusal {
  LinkStatus status;
  std::string why;
};

// What is known about an address before anything is sent to it — the same for the printed
// URL and for every hop a redirect or a refresh leads to.
std::optional<Refusal> refused_before_asking(const ResolverOptions& options, const RequestUrl& req) {
  if (!req.http) return Refusal{LinkStatus::Skipped, "only http and https links are checked"};
  // RFC 6761: .invalid names never resolve; no DNS query is needed to know it.
  if (req.host == "invalid" || (req.host.size() > 8 && req.host.compare(req.host.size() - 8, 8, ".invalid") == 0))
    return Refusal{LinkStatus::Broken, "the host name cannot exist (.invalid is reserved, RFC 6761)"};
  if (!options.allow_private) {
    if (auto why = blocked_address_reason(req.host); why || req.host == "localhost" ||
        (req.host.size() > 10 && req.host.compare(req.host.size() - 10, 10, ".localhost") == 0))
      return Refusal{LinkStatus::Skipped,
                     "refused: " + why.value_or("loopback name " + req.host) + " (use --allow-private to check it)"};
  }
  return std::nullopt;
}

// `ref` (a Refresh URL, perhaps relative) resolved against `base`, as a browser would.
std::optional<std::string> resolve_reference(const std::string& base, const std::string& ref) {
  std::unique_ptr<CURLU, decltype(&curl_url_cleanup)> u(curl_url(), &curl_url_cleanup);
  if (!u || curl_url_set(u.get(), CURLUPART_URL, base.c_str(), 0) != CURLUE_OK) return std::nullopt;
  if (curl_url_set(u.get(), CURLUPART_URL, ref.c_str(), CURLU_NON_SUPPORT_SCHEME) != CURLUE_OK) return std::nullopt;
  char* out = nullptr;
  if (curl_url_get(u.get(), CURLUPART_URL, &out, 0) != CURLUE_OK || !out) return std::nullopt;
  std::string url = out;
  curl_free(out);
  return url;
}

// One more hop, by a Location or a refresh: the same bound, loop check and address rule as
// every request of the check.
void follow(const std::shared_ptr<UrlRun>& run, const std::string& target, bool permanent) {
  UrlCheck& res = run->result;
  if (static_cast<int>(res.redirects.size()) >= run->options.max_redirects)
    return finish(run, LinkStatus::Broken,
                  "more than " + std::to_string(run->options.max_redirects) + " redirects (last to " +
                      redact_credentials(target) + ")");
  if (permanent) res.permanent = true;
  res.redirects.push_back(target);
  if (!run->seen.insert(target).second)
    return finish(run, LinkStatus::Broken, "redirect loop: " + redact_credentials(target) + " was reached twice");
  auto next = request_url(target);
  if (!next || !next->http) return finish(run, LinkStatus::Skipped, "redirected to a non-HTTP address: " + redact_credentials(target));
  if (auto refusal = refused_before_asking(run->options, *next)) return finish(run, refusal->status, refusal->why);
  if (is_consent_url(next->url))
    return finish(run, LinkStatus::Unverifiable,
                  "redirected to a cookie-consent page (" + url_host_lower(next->url) + "): the page itself was not seen");
  run->current = next->url;
  send(run);
}

// The refresh a 2xx answer asks for (header first, then the page's <meta>), resolved; nullopt
// when there is none, it is slow (a page reloading itself) or it leads back to the same page.
std::optional<std::string> refresh_target(const std::shared_ptr<UrlRun>& run, const HttpResponse& r,
                                          const std::optional<Refresh>& meta) {
  std::optional<Refresh> refresh;
  if (auto it = r.headers.find("refresh"); it != r.headers.end()) refresh = parse_refresh(it->second);
  if (!refresh || refresh->url.empty()) refresh = meta;
  if (!refresh || refresh->url.empty() || refresh->delay > kMaxRefreshDelay) return std::nullopt;
  auto target = resolve_reference(run->current, refresh->url);
  // A refresh to javascript: or another scheme is nothing a link checker follows.
  if (!target || *target == run->current || !(target->starts_with("http://") || target->starts_with("https://")))
    return std::nullopt;
  return target;
}

void on_answer(const std::shared_ptr<UrlRun>& run, HttpResponse&& r) {
  UrlCheck& res = run->result;
  res.failure = r.failure;
  if (r.failure != TransferFailure::None) {
    switch (r.failure) {
      case TransferFailure::Refused: return finish(run, LinkStatus::Skipped, r.error);
      case TransferFailure::Dns: return finish(run, LinkStatus::Broken, "the host name does not resolve");
      case TransferFailure::Connect: return finish(run, LinkStatus::Broken, "no connection: " + r.error);
      case TransferFailure::Timeout:
      case TransferFailure::GivenUp: return finish(run, LinkStatus::Timeout, r.error);
      case TransferFailure::Tls: return finish(run, LinkStatus::Broken, "TLS failure: " + r.error);
      case TransferFailure::Cancelled: return finish(run, LinkStatus::Unchecked, r.error);
      default: return finish(run, LinkStatus::Broken, "the connection failed: " + r.error);
    }
  }
  res.http_status = r.status;
  std::string host = url_host_lower(run->current);

  if (is_redirect(r.status) && !r.redirect_url.empty())
    return follow(run, r.redirect_url, r.status == 301 || r.status == 308);

  // 406: the server found nothing it may send for these Accept headers — or took us for a
  // robot. Once more as a browser asks; a second 406 is judged below (unverifiable).
  if (r.status == 406 && !run->browser_headers) {
    run->browser_headers = true;
    return send(run);
  }

  // --accept (or the host's accept): the operator's word on which answers are ok.
  HostRule rule = run->options.rule_for(host);
  const auto& accept = rule.accept ? rule.accept : run->options.accept;
  if (accept) {
    bool success = r.status >= 200 && r.status < 300;
    if (accept->contains(r.status) && !success) return finish(run, LinkStatus::Ok);
    if (!accept->contains(r.status) && success)
      return finish(run, LinkStatus::Broken, "HTTP " + std::to_string(r.status) + " is not an accepted status (" + accept->text() + ")");
  }

  auto ctype = r.headers.count("content-type") ? r.headers.at("content-type") : std::string();
  // 204: the server says there is nothing at this address to show — no page, so nothing a
  // reader can follow. It is a definite answer, not a refusal: broken (counted toward dead),
  // unless --accept names it.
  if (r.status == 204 && !(accept && accept->contains(204)))
    return finish(run, LinkStatus::Broken, "HTTP 204 No Content: the address serves no page");
  if (r.status >= 200 && r.status < 300) {
    bool moved = !res.redirects.empty();
    if (moved && is_site_root(run->current) && !is_site_root(run->original))
      return finish(run, LinkStatus::Soft404, "redirected to the site's front page " + redact_credentials(run->current));
    if (moved && is_login_url(run->current))
      return finish(run, LinkStatus::Soft404, "redirected to a login page " + redact_credentials(run->current));
    std::optional<Refresh> meta;
    if (ctype.empty() || is_html(ctype, r.body)) {
      PageSignals page = read_page(r.body, ctype);
      if (page.citation_title) res.page_title = page.citation_title;
      else if (page.title) res.page_title = page.title;
      if (page.bot_challenge) return finish(run, LinkStatus::Unverifiable, "the server answers with a bot challenge page");
      // Whether the page behind a consent wall exists is not told: the same wall stands in
      // front of live and missing pages alike.
      if (page.consent_wall)
        return finish(run, LinkStatus::Unverifiable, "a cookie-consent wall stands in front of the page: its content was not seen");
      if (page.says_not_found)
        return finish(run, LinkStatus::Soft404,
                      "the page answers " + std::to_string(r.status) + " but says it is not found: \xE2\x80\x9C" +
                          page.not_found_text.value_or(page.title.value_or("")) + "\xE2\x80\x9D");
      if (moved && page.login_page)
        return finish(run, LinkStatus::Soft404, "redirected to a login page " + redact_credentials(run->current));
      meta = page.refresh;
    }
    if (auto target = refresh_target(run, r, meta)) {
      res.page_title.reset();  // the destination's title is the one that counts
      return follow(run, *target, false);
    }
    return finish(run, res.permanent ? LinkStatus::Redirected : LinkStatus::Ok);
  }
  if (auto why = unverifiable_reason(r.status, r.headers, host)) return finish(run, LinkStatus::Unverifiable, *why);
  if (r.status >= 500) {
    if (!r.body.empty() && is_html(ctype, r.body) && read_page(r.body, ctype).bot_challenge)
      return finish(run, LinkStatus::Unverifiable, "the server answers with a bot challenge page");
    std::string tries = r.attempts > 1 ? " after " + std::to_string(r.attempts) + " attempts" : "";
    return finish(run, LinkStatus::ServerError, "HTTP " + std::to_string(r.status) + tries);
  }
  if (r.status >= 400) {
    if (!r.body.empty() && is_html(ctype, r.body) && read_page(r.body, ctype).bot_challenge)
      return finish(run, LinkStatus::Unverifiable, "the server answers with a bot challenge page");
    return finish(run, LinkStatus::Broken, "HTTP " + std::to_string(r.status) + (r.status == 404 ? " Not Found" : r.status == 410 ? " Gone" : ""));
  }
  if (is_redirect(r.status)) return finish(run, LinkStatus::Broken, "HTTP " + std::to_string(r.status) + " without a Location");
  return finish(run, LinkStatus::Broken, "unexpected HTTP status " + std::to_string(r.status));
}

void send(const std::shared_ptr<UrlRun>& run, bool first) {
  HttpRequest req;
  req.url = run->current;
  req.continuation = !first;
  req.max_body = run->options.max_body;
  req.max_other_body = std::min(run->options.max_body, kOtherBody);
  if (run->browser_headers) req.headers = {kBrowserAccept, kBrowserLanguage};
  else req.headers = {kAccept};
  run->pool.submit(std::move(req), [run](HttpResponse&& r) { on_answer(run, std::move(r)); });
}

}  // namespace

bool is_failing(LinkStatus s) {
  return s == LinkStatus::Broken || s == LinkStatus::Soft404 || s == LinkStatus::ServerError || s == LinkStatus::Timeout;
}

void check_url(HttpPool& pool, const ResolverOptions& options, const std::string& printed,
               std::function<void(UrlCheck)> done) {
  auto run = std::make_shared<UrlRun>(pool, options, std::move(done));
  auto req = request_url(printed);
  if (!req) return finish(run, LinkStatus::Invalid, "no valid host name");
  if (auto refusal = refused_before_asking(options, *req)) return finish(run, refusal->status, refusal->why);
  run->original = run->current = req->url;
  run->seen.insert(req->url);
  send(run, true);
}

}  // namespace citecheck
