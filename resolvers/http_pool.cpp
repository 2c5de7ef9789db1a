#include "resolvers/http_pool.hpp"

#include <curl/curl.h>
#include <sys/socket.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <deque>
#include <future>
#include <optional>
#include <random>
#include <unordered_map>
#include <unordered_set>

#include "parsers/unicode_text.hpp"
#include "resolvers/address_policy.hpp"

namespace citecheck {

namespace {

using Clock = std::chrono::steady_clock;

constexpr std::size_t kMaxHeaderBytes = 64 * 1024;

std::string trim(const std::string& s) {
  std::size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return {};
  std::size_t e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

// Seconds of a Retry-After header (delta-seconds; an HTTP date counts from now).
std::optional<double> retry_after_seconds(const std::map<std::string, std::string>& headers) {
  auto it = headers.find("retry-after");
  if (it == headers.end()) return std::nullopt;
  const std::string& v = it->second;
  if (!v.empty() && std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return v.size() > 6 ? 1e6 : std::stod(v);
  time_t when = curl_getdate(v.c_str(), nullptr);
  if (when < 0) return std::nullopt;
  return std::max(0.0, std::difftime(when, std::time(nullptr)));
}

// "1s", "60s", "1m" → seconds (Crossref's x-rate-limit-interval).
std::optional<double> interval_seconds(const std::string& v) {
  char* end = nullptr;
  double n = std::strtod(v.c_str(), &end);
  if (end == v.c_str() || n <= 0) return std::nullopt;
  std::string unit = trim(end);
  if (unit.empty() || unit == "s") return n;
  if (unit == "ms") return n / 1000;
  if (unit == "m") return n * 60;
  return std::nullopt;
}

}  // namespace

std::string url_host_lower(std::string_view url) {
  auto scheme = url.find("://");
  std::size_t start = scheme == std::string_view::npos ? 0 : scheme + 3;
  std::size_t end = url.find_first_of("/?#", start);
  std::string authority(url.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
  if (auto at = authority.rfind('@'); at != std::string::npos) authority.erase(0, at + 1);
  if (!authority.empty() && authority[0] == '[') {
    auto close = authority.find(']');
    return lower_ascii(authority.substr(1, close == std::string::npos ? std::string::npos : close - 1));
  }
  if (auto colon = authority.find(':'); colon != std::string::npos) authority.resize(colon);
  return lower_ascii(authority);
}

struct Task {
  HttpRequest request;
  HttpPool::Callback done;
  std::string host;
  int attempt = 0;
};

struct Host {
  std::string name;
  int active = 0, limit = 4;
  Clock::duration interval{};
  Clock::time_point next_start{};
  std::deque<std::unique_ptr<Task>> queue;
  bool runnable = false;  // in the round-robin list
  double timeout_seconds = 0;
  bool given_up = false;
  std::vector<std::string> headers;
  // Extra spacing after 429 answers: it doubles on each 429 (1 s at first, at most 60 s) and
  // halves on each other answer, so a host that throttled once is back to its pace after a
  // few answers. The concurrency limit stays: a slow page never holds up the host's others.
  Clock::duration backoff{};
  Clock::time_point backoff_raised{};  // a 429 to a request sent before this says nothing new
  // Through a proxy: the host's addresses, resolved and checked once, before its first request.
  enum class Vetting { NotAsked, Asked, Known } vetting = Vetting::NotAsked;
  std::future<HostVetting> vetting_answer;
  HostVetting verdict;

  Clock::duration spacing() const { return std::max(interval, backoff); }
};

struct Transfer {
  CURL* easy = nullptr;
  std::unique_ptr<Task> task;
  Host* host = nullptr;
  curl_slist* headers = nullptr;
  HttpResponse response;
  std::size_t header_bytes = 0;
  bool headers_too_large = false;
  std::optional<std::string> refused;  // the address rule's reason
  Clock::time_point started;
  std::size_t max_body = 0, max_other_body = 0;
  bool body_limit_chosen = false;  // by the answer's Content-Type, at its first body bytes
  bool allow_private = false;
  bool proxied = false;  // connected to the proxy, whose address the rule does not apply to
};

// An answer whose Content-Type names anything but HTML (absent: it may be HTML).
bool other_than_html(const std::map<std::string, std::string>& headers) {
  auto it = headers.find("content-type");
  if (it == headers.end()) return false;
  std::string type = lower_ascii(trim(it->second.substr(0, it->second.find(';'))));
  return !type.empty() && type != "text/html" && type != "application/xhtml+xml";
}

struct HttpPool::Impl {
  const ResolverOptions options;  // a copy: the pool may outlive the caller's value
  PoolStats& stats;
  CURLM* multi = nullptr;
  std::vector<CURL*> idle_handles;
  std::unordered_map<std::string, std::unique_ptr<Host>> hosts;
  std::deque<Host*> runnable;
  std::multimap<Clock::time_point, std::unique_ptr<Task>> delayed;
  std::size_t running = 0;
  std::mt19937 rng{std::random_device{}()};
  std::string user_agent;
  std::unordered_set<Transfer*> in_flight;
  // cancel_new(): no task that is not a continuation starts; cancel_all(): none at all.
  bool cancel_new = false, cancel_everything = false;
  std::string cancel_reason;
  const ProxyEnvironment proxies = ProxyEnvironment::from([](const char* name) -> const char* { return std::getenv(name); });

  Impl(const ResolverOptions& o, PoolStats& s) : options(o), stats(s) {
    static const bool initialised = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
    (void)initialised;
    multi = curl_multi_init();
    curl_multi_setopt(multi, CURLMOPT_MAXCONNECTS, static_cast<long>(std::max(16, o.concurrency * 2)));
    curl_multi_setopt(multi, CURLMOPT_PIPELINING, CURLPIPE_MULTIPLEX);
    user_agent = o.user_agent();
  }

  ~Impl() {
    for (CURL* e : idle_handles) curl_easy_cleanup(e);
    curl_multi_cleanup(multi);
  }

  Host& host_for(const std::string& name) {
    auto& slot = hosts[name];
    if (!slot) {
      slot = std::make_unique<Host>();
      slot->name = name;
      HostRule rule = options.rule_for(name);
      slot->limit = std::max(1, rule.concurrency.value_or(options.per_host));
      slot->interval = std::chrono::milliseconds(rule.interval_ms.value_or(options.per_host_interval_ms));
      // --header first, then the host's own: curl sends both, the host's last.
      slot->headers = options.headers;
      slot->headers.insert(slot->headers.end(), rule.headers.begin(), rule.headers.end());
    }
    return *slot;
  }

  void make_runnable(Host& h) {
    if (!h.runnable && !h.queue.empty()) {
      h.runnable = true;
      runnable.push_back(&h);
    }
  }

  void enqueue(std::unique_ptr<Task> task, bool front) {
    Host& h = host_for(task->host);
    if (front) h.queue.push_front(std::move(task));
    else h.queue.push_back(std::move(task));
    make_runnable(h);
  }

  static curl_socket_t open_socket(void* clientp, curlsocktype purpose, curl_sockaddr* address) {
    auto* t = static_cast<Transfer*>(clientp);
    if (purpose == CURLSOCKTYPE_IPCXN && !t->allow_private && !t->proxied) {
      if (auto reason = blocked_address_reason(&address->addr)) {
        t->refused = *reason;
        return CURL_SOCKET_BAD;
      }
    }
    return ::socket(address->family, address->socktype, address->protocol);
  }

  static std::size_t on_header(char* data, std::size_t size, std::size_t n, void* userp) {
    auto* t = static_cast<Transfer*>(userp);
    std::size_t len = size * n;
    t->header_bytes += len;
    if (t->header_bytes > kMaxHeaderBytes) {
      t->headers_too_large = true;
      return 0;
    }
    std::string line(data, len);
    if (line.rfind("HTTP/", 0) == 0) {  // a new response (after 100 Continue): start over
      t->response.headers.clear();
      return len;
    }
    auto colon = line.find(':');
    if (colon != std::string::npos) t->response.headers[lower_ascii(trim(line.substr(0, colon)))] = trim(line.substr(colon + 1));
    return len;
  }

  static std::size_t on_body(char* data, std::size_t size, std::size_t n, void* userp) {
    auto* t = static_cast<Transfer*>(userp);
    std::size_t len = size * n;
    if (!t->body_limit_chosen) {
      t->body_limit_chosen = true;
      if (other_than_html(t->response.headers)) t->max_body = std::min(t->max_body, t->max_other_body);
    }
    std::size_t room = t->max_body - std::min(t->max_body, t->response.body.size());
    if (len > room) {
      t->response.body.append(data, room);
      t->response.body_truncated = true;
      return 0;  // enough: stop the transfer (never read a whole large body)
    }
    t->response.body.append(data, len);
    return len;
  }

  // The proxy a request goes through, as the environment says ("" for none).
  std::string proxy_of(const HttpRequest& r, const Host& host) const {
    const std::size_t colon = r.url.find("://");
    return colon == std::string::npos ? std::string() : proxies.proxy_for(std::string_view(r.url).substr(0, colon), host.name);
  }

  // Whether the host's front request may go to the proxy now: its host resolved and checked
  // (resolving runs beside the loop, so one slow name never stalls the others). false: asked
  // again soon (`wake`), or answered here (a refused or unresolvable name).
  bool proxied_request_ready(Host& h, Clock::time_point& wake) {
    if (h.vetting == Host::Vetting::NotAsked && is_ip_literal(h.name)) {  // nothing to resolve
      h.verdict.resolved = true;
      h.verdict.refused = blocked_address_reason(std::string_view(h.name));
      h.vetting = Host::Vetting::Known;
    }
    if (h.vetting == Host::Vetting::NotAsked) {
      h.vetting_answer = std::async(std::launch::async, options.vet_host, h.name);
      h.vetting = Host::Vetting::Asked;
    }
    if (h.vetting == Host::Vetting::Asked) {
      if (h.vetting_answer.wait_for(std::chrono::seconds(0)) != std::future_status::ready) {
        wake = std::min(wake, Clock::now() + std::chrono::milliseconds(20));
        return false;
      }
      h.verdict = h.vetting_answer.get();
      h.vetting = Host::Vetting::Known;
    }
    if (h.verdict.resolved && !h.verdict.refused) return true;
    auto task = std::move(h.queue.front());
    h.queue.pop_front();
    HttpResponse r;
    if (h.verdict.refused) {
      r.failure = TransferFailure::Refused;
      r.error = "refused: " + *h.verdict.refused + " (use --allow-private to check it)";
      ++stats.refused;
    } else {
      r.failure = TransferFailure::Dns;
      r.error = "the host name does not resolve";
      ++stats.network_failures;
    }
    task->done(std::move(r));
    return false;
  }

  void start(std::unique_ptr<Task> task, Host& host) {
    CURL* e;
    if (!idle_handles.empty()) {
      e = idle_handles.back();
      idle_handles.pop_back();
      curl_easy_reset(e);
    } else {
      e = curl_easy_init();
    }
    auto* t = new Transfer;
    t->easy = e;
    t->host = &host;
    t->max_body = task->request.max_body;
    t->max_other_body = task->request.max_other_body;
    t->allow_private = options.allow_private;
    t->started = Clock::now();
    const HttpRequest& r = task->request;
    // The proxy is set here, never read by curl from the environment, so the address rule
    // and curl agree on which requests go through it ("" turns curl's own reading off).
    const std::string proxy = proxy_of(r, host);
    t->proxied = !proxy.empty();
    curl_easy_setopt(e, CURLOPT_PROXY, proxy.c_str());
    for (const auto& h : host.headers) t->headers = curl_slist_append(t->headers, h.c_str());
    for (const auto& h : r.headers) t->headers = curl_slist_append(t->headers, h.c_str());
    t->task = std::move(task);

    curl_easy_setopt(e, CURLOPT_URL, t->task->request.url.c_str());
    curl_easy_setopt(e, CURLOPT_PRIVATE, t);
    curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(e, CURLOPT_USERAGENT, user_agent.c_str());
    if (t->headers) curl_easy_setopt(e, CURLOPT_HTTPHEADER, t->headers);
    curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");
    curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, static_cast<long>(options.timeout * 1000));
    curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options.connect_timeout * 1000));
    curl_easy_setopt(e, CURLOPT_HTTP_VERSION, CURL_HTTP_VERSION_2TLS);
    curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 2L);
    curl_easy_setopt(e, CURLOPT_OPENSOCKETFUNCTION, &Impl::open_socket);
    curl_easy_setopt(e, CURLOPT_OPENSOCKETDATA, t);
    curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, &Impl::on_header);
    curl_easy_setopt(e, CURLOPT_HEADERDATA, t);
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, &Impl::on_body);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, t);
    if (t->task->request.head) curl_easy_setopt(e, CURLOPT_NOBODY, 1L);
    else curl_easy_setopt(e, CURLOPT_HTTPGET, 1L);

    ++host.active;
    ++running;
    in_flight.insert(t);
    ++stats.requests;
    host.next_start = Clock::now() + host.spacing();
    curl_multi_add_handle(multi, e);
  }

  // Hands out transfers under the limits; returns when the next host becomes startable.
  Clock::time_point start_ready() {
    Clock::time_point now = Clock::now(), wake = now + std::chrono::seconds(1);
    std::size_t n = runnable.size();
    for (std::size_t i = 0; i < n && running < static_cast<std::size_t>(options.concurrency); ++i) {
      Host* h = runnable.front();
      runnable.pop_front();
      h->runnable = false;
      if (h->queue.empty()) continue;
      if (cancel_new) {  // cancelled tasks are answered here, in the loop, never inside submit()
        std::vector<std::unique_ptr<Task>> cancelled;
        for (auto it = h->queue.begin(); it != h->queue.end();) {
          if (cancel_everything || !(*it)->request.continuation) {
            cancelled.push_back(std::move(*it));
            it = h->queue.erase(it);
          } else {
            ++it;
          }
        }
        complete_cancelled(cancelled);
        if (h->queue.empty()) continue;
      }
      if (h->given_up) {
        while (!h->queue.empty()) {
          auto task = std::move(h->queue.front());
          h->queue.pop_front();
          HttpResponse r;
          r.failure = TransferFailure::GivenUp;
          r.error = "not tried: " + h->name + " timed out repeatedly on earlier requests";
          task->done(std::move(r));
        }
        continue;
      }
      if (h->active >= h->limit) continue;  // back in the list when a transfer ends
      if (now < h->next_start) {
        wake = std::min(wake, h->next_start);
        make_runnable(*h);
        continue;
      }
      if (!options.allow_private && !options.proxy_trusted && !proxy_of(h->queue.front()->request, *h).empty() &&
          !proxied_request_ready(*h, wake)) {
        make_runnable(*h);
        continue;
      }
      if (options.shared_budget) {
        if (const double wait = options.shared_budget(h->name); wait > 0) {
          h->next_start = now + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(wait));
          wake = std::min(wake, h->next_start);
          make_runnable(*h);
          continue;
        }
      }
      auto task = std::move(h->queue.front());
      h->queue.pop_front();
      start(std::move(task), *h);
      make_runnable(*h);
    }
    if (!delayed.empty()) wake = std::min(wake, delayed.begin()->first);
    return wake;
  }

  void promote_delayed() {
    Clock::time_point now = Clock::now();
    while (!delayed.empty() && delayed.begin()->first <= now) {
      auto task = std::move(delayed.begin()->second);
      delayed.erase(delayed.begin());
      enqueue(std::move(task), true);
    }
  }

  // Services publish their limits: Crossref's x-rate-limit-limit / -interval and
  // x-concurrency-limit; stay under them for the rest of the run.
  void obey_rate_headers(Host& h, const std::map<std::string, std::string>& headers) {
    auto lim = headers.find("x-rate-limit-limit");
    auto iv = headers.find("x-rate-limit-interval");
    if (lim != headers.end() && iv != headers.end()) {
      double limit = std::atof(lim->second.c_str());
      auto seconds = interval_seconds(iv->second);
      if (limit >= 1 && seconds) {
        auto min_gap = std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(*seconds / limit * 1.1));
        h.interval = std::max(h.interval, min_gap);
      }
    }
    auto conc = headers.find("x-concurrency-limit");
    if (conc != headers.end()) {
      int c = std::atoi(conc->second.c_str());
      if (c >= 1) h.limit = std::min(h.limit, c);
    }
  }

  // The host's pace after an answer (Host::backoff). Retry-After holds back the whole host,
  // not only the request that got it.
  void pace(Host& h, const HttpResponse& response, Clock::time_point started) {
    if (response.failure != TransferFailure::None) return;
    auto now = Clock::now();
    if (response.status == 429) {
      if (started >= h.backoff_raised) {
        constexpr Clock::duration kFirst = std::chrono::seconds(1), kMost = std::chrono::seconds(60);
        h.backoff = h.backoff == Clock::duration::zero() ? kFirst : std::min(h.backoff * 2, kMost);
        h.backoff_raised = now;
        h.next_start = std::max(h.next_start, now + h.backoff);
      }
      if (auto ra = retry_after_seconds(response.headers); ra && *ra <= options.max_retry_after)
        h.next_start = std::max(h.next_start, now + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(*ra)));
      return;
    }
    if (response.status == 503 || h.backoff == Clock::duration::zero()) return;
    h.backoff /= 2;
    // Below the host's own interval (or a tenth of a second) it no longer slows anything.
    if (h.backoff <= std::max<Clock::duration>(h.interval, std::chrono::milliseconds(100))) h.backoff = {};
  }

  double backoff(int attempt) {
    std::uniform_real_distribution<double> jitter(0.5, 1.5);
    return std::min(8.0, 0.5 * std::pow(2.0, attempt)) * jitter(rng);
  }

  static HttpResponse cancelled_response(const std::string& reason) {
    HttpResponse r;
    r.failure = TransferFailure::Cancelled;
    r.error = reason;
    return r;
  }

  void complete_cancelled(std::vector<std::unique_ptr<Task>>& tasks) {
    for (auto& task : tasks) task->done(cancelled_response(cancel_reason));
  }

  // A transfer stopped in flight (cancel_all): its handle goes back to the idle list.
  void drop(Transfer* t) {
    --t->host->active;
    --running;
    in_flight.erase(t);
    curl_multi_remove_handle(multi, t->easy);
    curl_slist_free_all(t->headers);
    idle_handles.push_back(t->easy);
    std::unique_ptr<Task> task = std::move(t->task);
    delete t;
    task->done(cancelled_response(cancel_reason));
  }

  void finish(Transfer* t, CURLcode code) {
    Host& h = *t->host;
    --h.active;
    --running;
    in_flight.erase(t);
    HttpResponse& r = t->response;
    long status = 0;
    curl_easy_getinfo(t->easy, CURLINFO_RESPONSE_CODE, &status);
    char* redirect = nullptr;
    curl_easy_getinfo(t->easy, CURLINFO_REDIRECT_URL, &redirect);
    if (redirect) r.redirect_url = redirect;
    char* ip = nullptr;
    curl_easy_getinfo(t->easy, CURLINFO_PRIMARY_IP, &ip);
    if (ip) r.primary_ip = ip;
    bool answered = code == CURLE_OK || (code == CURLE_WRITE_ERROR && r.body_truncated);
    if (answered) {
      r.status = static_cast<int>(status);
      r.failure = TransferFailure::None;
    } else if (t->refused) {
      r.failure = TransferFailure::Refused;
      r.error = "refused: " + *t->refused + " (use --allow-private to check it)";
    } else if (t->headers_too_large) {
      r.failure = TransferFailure::Other;
      r.error = "the response headers exceed 64 KiB";
    } else {
      switch (code) {
        case CURLE_COULDNT_RESOLVE_HOST: r.failure = TransferFailure::Dns; break;
        case CURLE_COULDNT_CONNECT: r.failure = TransferFailure::Connect; break;
        case CURLE_OPERATION_TIMEDOUT: r.failure = TransferFailure::Timeout; break;
        case CURLE_SSL_CONNECT_ERROR:
        case CURLE_PEER_FAILED_VERIFICATION:
        case CURLE_SSL_CERTPROBLEM:
        case CURLE_SSL_CIPHER:
        case CURLE_SSL_CACERT_BADFILE: r.failure = TransferFailure::Tls; break;
        case CURLE_RECV_ERROR:
        case CURLE_SEND_ERROR:
        case CURLE_GOT_NOTHING:
        case CURLE_PARTIAL_FILE:
        case CURLE_HTTP2:
        case CURLE_HTTP2_STREAM: r.failure = TransferFailure::Reset; break;
        case CURLE_UNSUPPORTED_PROTOCOL: r.failure = TransferFailure::Refused; break;
        default: r.failure = TransferFailure::Other;
      }
      r.error = curl_easy_strerror(code);
      if (code == CURLE_OPERATION_TIMEDOUT)
        r.error = "no complete answer within " + std::to_string(static_cast<int>(options.timeout)) + " s";
      if (code == CURLE_COULDNT_RESOLVE_HOST) r.error = "the host name does not resolve";
      if (code == CURLE_UNSUPPORTED_PROTOCOL) r.error = "only http and https are fetched";
    }
    Clock::time_point started = t->started;
    double elapsed = std::chrono::duration<double>(Clock::now() - started).count();

    curl_multi_remove_handle(multi, t->easy);
    curl_slist_free_all(t->headers);
    idle_handles.push_back(t->easy);
    std::unique_ptr<Task> task = std::move(t->task);
    HttpResponse response = std::move(t->response);
    delete t;
    response.attempts = task->attempt + 1;

    if (response.failure == TransferFailure::None) {
      ++stats.answers;
      obey_rate_headers(h, response.headers);
    } else if (response.failure == TransferFailure::Dns || response.failure == TransferFailure::Connect) {
      ++stats.network_failures;
    } else if (response.failure == TransferFailure::Refused) {
      ++stats.refused;
    }
    if (response.failure == TransferFailure::Timeout) {
      h.timeout_seconds += elapsed;
      if (h.timeout_seconds >= options.host_budget) h.given_up = true;
    }
    pace(h, response, started);

    // Retry what may pass on a second try.
    bool transient = response.failure == TransferFailure::Timeout || response.failure == TransferFailure::Reset ||
                     response.status == 429 || (response.status >= 500 && response.status != 501 && response.status <= 599);
    if (task->request.retry && transient && task->attempt < options.retries && !h.given_up) {
      double wait = backoff(task->attempt);
      if (response.status == 429 || response.status == 503) {
        if (auto ra = retry_after_seconds(response.headers)) {
          if (*ra > options.max_retry_after) wait = -1;  // not worth waiting: report it
          else wait = std::max(wait, *ra);
        }
      }
      if (wait >= 0) {
        ++stats.retries;
        ++task->attempt;
        auto when = Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(wait));
        delayed.emplace(when, std::move(task));
        make_runnable(h);
        return;
      }
    }
    make_runnable(h);
    task->done(std::move(response));
  }

  void drain_messages() {
    int left = 0;
    while (CURLMsg* msg = curl_multi_info_read(multi, &left)) {
      if (msg->msg != CURLMSG_DONE) continue;
      Transfer* t = nullptr;
      curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, &t);
      finish(t, msg->data.result);
    }
  }
};

HttpPool::HttpPool(const ResolverOptions& options) : impl_(std::make_unique<Impl>(options, stats_)) {}

HttpPool::~HttpPool() = default;

void HttpPool::submit(HttpRequest request, Callback done) {
  auto task = std::make_unique<Task>();
  task->host = url_host_lower(request.url);
  const bool front = request.continuation;
  task->request = std::move(request);
  task->done = std::move(done);
  impl_->enqueue(std::move(task), front);
}

void HttpPool::cancel_new(const std::string& reason) {
  Impl& m = *impl_;
  if (!m.cancel_new) m.cancel_reason = reason;
  m.cancel_new = true;
  for (auto& [name, host] : m.hosts) m.make_runnable(*host);  // start_ready answers their queues
}

void HttpPool::cancel_all(const std::string& reason) {
  Impl& m = *impl_;
  cancel_new(reason);
  m.cancel_everything = true;
  std::vector<Transfer*> running(m.in_flight.begin(), m.in_flight.end());
  for (Transfer* t : running) m.drop(t);
  std::vector<std::unique_ptr<Task>> delayed;
  for (auto& [when, task] : m.delayed) delayed.push_back(std::move(task));
  m.delayed.clear();
  m.complete_cancelled(delayed);
  for (auto& [name, host] : m.hosts) m.make_runnable(*host);
}

void HttpPool::run(const std::function<void()>& on_tick) {
  Impl& m = *impl_;
  auto last_tick = Clock::now();
  for (;;) {
    m.promote_delayed();
    Clock::time_point wake = m.start_ready();
    bool queued = !m.runnable.empty();
    if (m.running == 0 && !queued && m.delayed.empty()) break;
    auto now = Clock::now();
    long wait_ms = static_cast<long>(std::chrono::duration_cast<std::chrono::milliseconds>(wake - now).count());
    wait_ms = std::clamp(wait_ms, 0L, 100L);
    if (m.running > 0 || wait_ms > 0) {
      int ready = 0;
      curl_multi_poll(m.multi, nullptr, 0, static_cast<int>(wait_ms), &ready);
    }
    int still = 0;
    curl_multi_perform(m.multi, &still);
    m.drain_messages();
    if (on_tick && Clock::now() - last_tick > std::chrono::milliseconds(100)) {
      last_tick = Clock::now();
      on_tick();
    }
  }
  if (on_tick) on_tick();
}

std::chrono::milliseconds HttpPool::spacing(const std::string& host) const {
  auto it = impl_->hosts.find(host);
  Clock::duration d = it == impl_->hosts.end() ? std::chrono::milliseconds(impl_->options.rule_for(host).interval_ms.value_or(
                                                     impl_->options.per_host_interval_ms))
                                               : it->second->spacing();
  return std::chrono::duration_cast<std::chrono::milliseconds>(d);
}

void HttpPool::abandon_queued(TransferFailure failure, const std::string& reason) {
  Impl& m = *impl_;
  std::vector<std::unique_ptr<Task>> tasks;
  for (auto& [name, host] : m.hosts)
    while (!host->queue.empty()) {
      tasks.push_back(std::move(host->queue.front()));
      host->queue.pop_front();
    }
  for (auto& [when, task] : m.delayed) tasks.push_back(std::move(task));
  m.delayed.clear();
  for (auto& task : tasks) {
    HttpResponse r;
    r.failure = failure;
    r.error = reason;
    task->done(std::move(r));
  }
}

}  // namespace citecheck
