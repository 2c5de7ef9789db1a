// http_pool.hpp — the one network event loop: a libcurl multi handle that runs every request
// of a run under a global and a per-host concurrency limit, a per-host minimum interval
// (stretched by 429 answers and relaxed again as answers come, and tightened by the
// rate-limit headers services publish), retries with
// exponential backoff and jitter, Retry-After within a bound, and the address rule (no
// loopback/private/link-local address unless allowed, checked on the address actually
// connected to). Requests are submitted with a callback; callbacks may submit more requests
// (the next redirect hop), and run() returns when no work is left.
// Redirects are not followed here: the caller follows them hop by hop, so every hop is
// scheduled, limited and address-checked like any request.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "resolvers/resolver_options.hpp"

namespace citecheck {

struct HttpRequest {
  std::string url;  // absolute http(s) URL, ASCII (percent-encoded), without user-info
  bool head = false;
  std::vector<std::string> headers;  // "Name: value"
  std::size_t max_body = 64 * 1024;  // bytes kept; the transfer stops there
  bool retry = true;                 // retry timeouts, resets, 5xx, 429 and 503
  // Part of a check already under way (the next redirect hop, the retry after a 406, a DOI's
  // metadata after its handle): it goes ahead of its host's queue, so that checks once
  // started finish before new ones start — results (and the progress line) come in steadily
  // instead of all at the end of a window — and survives cancel_new().
  bool continuation = false;
  // Bytes kept when the answer names a Content-Type that is not HTML (a PDF, an image, an
  // archive): enough to sniff a page served under a wrong type; the transfer stops there, so
  // a GET of a large file costs little more than a HEAD. By default the same as max_body.
  std::size_t max_other_body = static_cast<std::size_t>(-1);
};

enum class TransferFailure {
  None,     // an HTTP answer arrived (any status)
  Refused,  // not fetched by policy (private address, scheme)
  Dns,      // the host name does not resolve
  Connect,  // no connection (refused, unreachable)
  Timeout,
  Tls,      // certificate or handshake failure
  Reset,    // the connection broke mid-answer
  GivenUp,  // not sent: the host already cost its time budget in timeouts
  Cancelled,  // not sent, or stopped in flight: the run is being interrupted
  Other,
};

struct HttpResponse {
  int status = 0;  // 0 when no HTTP answer
  TransferFailure failure = TransferFailure::None;
  std::string error;                          // human reason when failure != None
  std::map<std::string, std::string> headers;  // lower-case names; the last value of a name
  std::string body;                            // at most max_body bytes
  bool body_truncated = false;
  std::string redirect_url;  // absolute target of a 3xx Location
  std::string primary_ip;
  int attempts = 0;
};

struct PoolStats {
  std::size_t requests = 0, answers = 0, network_failures = 0, retries = 0, refused = 0;
};

class HttpPool {
 public:
  using Callback = std::function<void(HttpResponse&&)>;

  explicit HttpPool(const ResolverOptions& options);
  ~HttpPool();
  HttpPool(const HttpPool&) = delete;
  HttpPool& operator=(const HttpPool&) = delete;

  void submit(HttpRequest request, Callback done);
  // Runs until every submitted request (and every request its callbacks submit) is done.
  // on_tick, when set, is called about ten times a second (progress display).
  void run(const std::function<void()>& on_tick = {});
  // Completes every queued request unsent with `failure` (the network is down).
  void abandon_queued(TransferFailure failure, const std::string& reason);
  // From now on no new check starts: queued requests that are not continuations complete
  // unsent (Cancelled, with `reason`); continuations and transfers in flight go on.
  void cancel_new(const std::string& reason);
  // Stops everything at once: transfers in flight, queued and delayed requests complete with
  // Cancelled. Callbacks then run as usual (and may submit; those requests are cancelled too).
  void cancel_all(const std::string& reason);
  const PoolStats& stats() const { return stats_; }
  // How far apart two request starts on `host` are now: its interval, or longer while it is
  // backed off after 429 answers.
  std::chrono::milliseconds spacing(const std::string& host) const;

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
  PoolStats stats_;
};

// The host part of an absolute URL, lower-case, without port or brackets.
std::string url_host_lower(std::string_view url);

}  // namespace citecheck
