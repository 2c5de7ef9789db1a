#include "resolvers/url_checker.hpp"

#include <memory>
#include <set>

#include "resolvers/address_policy.hpp"
#include "resolvers/html_page.hpp"
#include "resolvers/quirks.hpp"
#include "resolvers/request_url.hpp"

namespace citecheck {

namespace {

struct UrlRun {
  HttpPool& pool;
  const ResolverOptions& options;
  std::function<void(UrlCheck)> done;
  std::string original, current;
  std::set<std::string> seen;
  UrlCheck result;
  bool head_tried_get = false;

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
void send(const std::shared_ptr<UrlRun>& run, bool head, bool first = false);

bool is_redirect(int status) { return status == 301 || status == 302 || status == 303 || status == 307 || status == 308; }

void on_answer(const std::shared_ptr<UrlRun>& run, bool head, HttpResponse&& r) {
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
      default:
        // A server that drops HEAD may still answer GET.
        if (head) return send(run, false);
        return finish(run, LinkStatus::Broken, "the connection failed: " + r.error);
    }
  }
  res.http_status = r.status;
  std::string host = url_host_lower(run->current);

  if (is_redirect(r.status) && !r.redirect_url.empty()) {
    if (static_cast<int>(res.redirects.size()) >= run->options.max_redirects)
      return finish(run, LinkStatus::Broken,
                    "more than " + std::to_string(run->options.max_redirects) + " redirects (last to " +
                        redact_credentials(r.redirect_url) + ")");
    if (r.status == 301 || r.status == 308) res.permanent = true;
    res.redirects.push_back(r.redirect_url);
    if (!run->seen.insert(r.redirect_url).second)
      return finish(run, LinkStatus::Broken, "redirect loop: " + redact_credentials(r.redirect_url) + " was reached twice");
    auto next = request_url(r.redirect_url);
    if (!next || !next->http) return finish(run, LinkStatus::Skipped, "redirected to a non-HTTP address: " + redact_credentials(r.redirect_url));
    run->current = next->url;
    return send(run, head && r.status != 303);
  }

  // HEAD is refused or unreliable on many servers: ask again with GET before judging.
  if (head && r.status >= 400) return send(run, false);

  // --accept (or the host's accept): the operator's word on which answers are ok.
  HostRule rule = run->options.rule_for(host);
  if (const auto& accept = rule.accept ? rule.accept : run->options.accept) {
    bool success = r.status >= 200 && r.status < 300;
    if (accept->contains(r.status) && !success) return finish(run, LinkStatus::Ok);
    if (!accept->contains(r.status) && success) {
      if (head) return send(run, false);
      return finish(run, LinkStatus::Broken, "HTTP " + std::to_string(r.status) + " is not an accepted status (" + accept->text() + ")");
    }
  }

  auto ctype = r.headers.count("content-type") ? r.headers.at("content-type") : std::string();
  if (r.status >= 200 && r.status < 300) {
    bool moved = !res.redirects.empty();
    if (moved && is_site_root(run->current) && !is_site_root(run->original))
      return finish(run, LinkStatus::Soft404, "redirected to the site's front page " + redact_credentials(run->current));
    if (moved && is_login_url(run->current))
      return finish(run, LinkStatus::Soft404, "redirected to a login page " + redact_credentials(run->current));
    bool html = ctype.empty() || is_html(ctype, r.body);
    if (head && html) return send(run, false);  // read the page: its title may say "not found"
    if (!head && html) {
      PageSignals page = read_page(r.body, ctype);
      if (page.citation_title) res.page_title = page.citation_title;
      else if (page.title) res.page_title = page.title;
      if (page.bot_challenge) return finish(run, LinkStatus::Unverifiable, "the server answers with a bot challenge page");
      if (page.says_not_found)
        return finish(run, LinkStatus::Soft404, "the page answers 200 but says it is not found: \xE2\x80\x9C" + page.title.value_or("") + "\xE2\x80\x9D");
      if (moved && page.login_page)
        return finish(run, LinkStatus::Soft404, "redirected to a login page " + redact_credentials(run->current));
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

void send(const std::shared_ptr<UrlRun>& run, bool head, bool first) {
  HttpRequest req;
  req.url = run->current;
  req.head = head;
  req.continuation = !first;
  req.max_body = run->options.max_body;
  req.headers = {"Accept: text/html,application/xhtml+xml,application/pdf;q=0.9,*/*;q=0.8"};
  run->pool.submit(std::move(req), [run, head](HttpResponse&& r) { on_answer(run, head, std::move(r)); });
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
  if (!req->http) return finish(run, LinkStatus::Skipped, "only http and https links are checked");
  // RFC 6761: .invalid names never resolve; no DNS query is needed to know it.
  if (req->host == "invalid" || (req->host.size() > 8 && req->host.compare(req->host.size() - 8, 8, ".invalid") == 0))
    return finish(run, LinkStatus::Broken, "the host name cannot exist (.invalid is reserved, RFC 6761)");
  if (!options.allow_private) {
    if (auto why = blocked_address_reason(req->host); why || req->host == "localhost" ||
        (req->host.size() > 10 && req->host.compare(req->host.size() - 10, 10, ".localhost") == 0))
      return finish(run, LinkStatus::Skipped,
                    "refused: " + why.value_or("loopback name " + req->host) + " (use --allow-private to check it)");
  }
  run->original = run->current = req->url;
  run->seen.insert(req->url);
  HostRule rule = options.rule_for(req->host);
  bool head = !(rule.head_unreliable.value_or(false) || head_unreliable(req->host));
  send(run, head, true);
}

}  // namespace citecheck
