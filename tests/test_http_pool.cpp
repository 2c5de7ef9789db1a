// The event loop against a loopback server the test starts: limits, retries, Retry-After,
// the back-off after 429s and its recovery, body caps, timeouts and the address rule.
#include <atomic>
#include <catch2/catch.hpp>
#include <condition_variable>
#include <map>

#include "loopback_server.hpp"
#include "resolvers/http_pool.hpp"
#include "resolvers/request_url.hpp"

using namespace citecheck;
using citecheck::test::LoopbackServer;
using Clock = std::chrono::steady_clock;

namespace {

using citecheck::test::loopback_options;

}  // namespace

TEST_CASE("at most --per-host requests run at once against one host", "[http_pool]") {
  LoopbackServer s;
  std::atomic<int> in_flight{0}, most{0};
  s.server.Get("/slow", [&](const httplib::Request&, httplib::Response& res) {
    int now = ++in_flight;
    int seen = most.load();
    while (now > seen && !most.compare_exchange_weak(seen, now)) {
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(60));
    --in_flight;
    res.set_content("ok", "text/plain");
  });
  s.start();
  ResolverOptions o = loopback_options();
  o.per_host = 2;
  HttpPool pool(o);
  int answered = 0;
  for (int i = 0; i < 8; ++i)
    pool.submit({s.url("/slow"), false, {}, 1024, true}, [&](HttpResponse&& r) { answered += r.status == 200; });
  pool.run();
  CHECK(answered == 8);
  CHECK(most.load() == 2);
}

TEST_CASE("the per-host interval spaces request starts", "[http_pool]") {
  LoopbackServer s;
  std::mutex m;
  std::vector<Clock::time_point> arrivals;
  s.server.Get("/p", [&](const httplib::Request&, httplib::Response& res) {
    std::lock_guard<std::mutex> lock(m);
    arrivals.push_back(Clock::now());
    res.set_content("ok", "text/plain");
  });
  s.start();
  ResolverOptions o = loopback_options();
  o.per_host_interval_ms = 150;
  HttpPool pool(o);
  for (int i = 0; i < 4; ++i) pool.submit({s.url("/p"), false, {}, 1024, true}, [](HttpResponse&&) {});
  pool.run();
  REQUIRE(arrivals.size() == 4);
  std::sort(arrivals.begin(), arrivals.end());
  // The pool spaces the starts 150 ms apart; the server sees each a scheduler's whim later, so
  // one gap may look short when the request before it was late. Three gaps cannot all be.
  CHECK(std::chrono::duration<double>(arrivals.back() - arrivals.front()).count() > 0.36);
}

TEST_CASE("a 500 is retried and the retry's answer counts", "[http_pool]") {
  LoopbackServer s;
  std::atomic<int> calls{0};
  s.server.Get("/flaky", [&](const httplib::Request&, httplib::Response& res) {
    if (++calls == 1) res.status = 500;
    else res.set_content("fine", "text/plain");
  });
  s.start();
  ResolverOptions o = loopback_options();
  o.retries = 2;
  HttpPool pool(o);
  HttpResponse got;
  pool.submit({s.url("/flaky"), false, {}, 1024, true}, [&](HttpResponse&& r) { got = std::move(r); });
  pool.run();
  CHECK(got.status == 200);
  CHECK(got.attempts == 2);
  CHECK(calls.load() == 2);
}

TEST_CASE("429 with Retry-After is waited for, within the bound", "[http_pool]") {
  LoopbackServer s;
  std::atomic<int> calls{0};
  s.server.Get("/busy", [&](const httplib::Request&, httplib::Response& res) {
    if (++calls == 1) {
      res.status = 429;
      res.set_header("Retry-After", "1");
    } else {
      res.set_content("now", "text/plain");
    }
  });
  s.server.Get("/never", [&](const httplib::Request&, httplib::Response& res) {
    res.status = 429;
    res.set_header("Retry-After", "3600");
  });
  s.start();
  ResolverOptions o = loopback_options();
  HttpPool pool(o);
  HttpResponse busy, never;
  auto t0 = Clock::now();
  pool.submit({s.url("/busy"), false, {}, 1024, true}, [&](HttpResponse&& r) { busy = std::move(r); });
  pool.run();
  double waited = std::chrono::duration<double>(Clock::now() - t0).count();
  CHECK(busy.status == 200);
  CHECK(waited >= 0.95);
  // An hour is past --max-retry-after: reported at once, not waited for.
  t0 = Clock::now();
  pool.submit({s.url("/never"), false, {}, 1024, true}, [&](HttpResponse&& r) { never = std::move(r); });
  pool.run();
  CHECK(never.status == 429);
  CHECK(never.attempts == 1);
  CHECK(std::chrono::duration<double>(Clock::now() - t0).count() < 5);
}

TEST_CASE("a body is never read past the cap", "[http_pool]") {
  LoopbackServer s;
  std::string big(8 * 1024 * 1024, 'x');
  s.server.Get("/big", [&](const httplib::Request&, httplib::Response& res) { res.set_content(big, "application/octet-stream"); });
  s.start();
  HttpPool pool(loopback_options());
  HttpResponse got;
  pool.submit({s.url("/big"), false, {}, 64 * 1024, true}, [&](HttpResponse&& r) { got = std::move(r); });
  pool.run();
  CHECK(got.status == 200);
  CHECK(got.failure == TransferFailure::None);
  CHECK(got.body.size() == 64 * 1024);
  CHECK(got.body_truncated);
}

TEST_CASE("a request past --timeout is a timeout, not an answer", "[http_pool]") {
  LoopbackServer s;
  s.server.Get("/stall", [&](const httplib::Request&, httplib::Response& res) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    res.set_content("late", "text/plain");
  });
  s.start();
  ResolverOptions o = loopback_options();
  o.timeout = 0.4;
  o.retries = 0;
  HttpPool pool(o);
  HttpResponse got;
  auto t0 = Clock::now();
  pool.submit({s.url("/stall"), false, {}, 1024, true}, [&](HttpResponse&& r) { got = std::move(r); });
  pool.run();
  CHECK(got.failure == TransferFailure::Timeout);
  CHECK(got.status == 0);
  CHECK(std::chrono::duration<double>(Clock::now() - t0).count() < 1.4);
}

TEST_CASE("without --allow-private a loopback address is refused before any request", "[http_pool][ssrf]") {
  LoopbackServer s;
  s.server.Get("/secret", [&](const httplib::Request&, httplib::Response& res) { res.set_content("secret", "text/plain"); });
  s.start();
  ResolverOptions o = loopback_options();
  o.allow_private = false;
  HttpPool pool(o);
  HttpResponse by_ip, by_name;
  pool.submit({s.url("/secret"), false, {}, 1024, true}, [&](HttpResponse&& r) { by_ip = std::move(r); });
  pool.submit({"http://localhost:" + std::to_string(s.port()) + "/secret", false, {}, 1024, true},
              [&](HttpResponse&& r) { by_name = std::move(r); });
  pool.run();
  CHECK(by_ip.failure == TransferFailure::Refused);
  CHECK(by_name.failure == TransferFailure::Refused);
  CHECK(by_ip.error.find("loopback") != std::string::npos);
  CHECK(s.seen().empty());
}

TEST_CASE("a closed port is a connect failure, not retried", "[http_pool]") {
  int port = citecheck::test::closed_loopback_port();
  HttpPool pool(loopback_options());
  HttpResponse got;
  pool.submit({"http://127.0.0.1:" + std::to_string(port) + "/", true, {}, 1024, true}, [&](HttpResponse&& r) { got = std::move(r); });
  pool.run();
  CHECK(got.failure == TransferFailure::Connect);
  CHECK(got.attempts == 1);
  CHECK(pool.stats().network_failures == 1);
}

TEST_CASE("published rate limits slow the host down", "[http_pool]") {
  LoopbackServer s;
  std::mutex m;
  std::vector<Clock::time_point> arrivals;
  s.server.Get("/api", [&](const httplib::Request&, httplib::Response& res) {
    {
      std::lock_guard<std::mutex> lock(m);
      arrivals.push_back(Clock::now());
    }
    res.set_header("x-rate-limit-limit", "5");
    res.set_header("x-rate-limit-interval", "1s");
    res.set_header("x-concurrency-limit", "1");
    res.set_content("{}", "application/json");
  });
  s.start();
  HttpPool pool(loopback_options());
  // The first answer teaches the limit (5 per second, one at a time); later starts obey it.
  pool.submit({s.url("/api"), false, {}, 1024, true}, [&](HttpResponse&&) {
    for (int i = 0; i < 3; ++i) pool.submit({s.url("/api"), false, {}, 1024, true}, [](HttpResponse&&) {});
  });
  pool.run();
  REQUIRE(arrivals.size() == 4);
  std::sort(arrivals.begin(), arrivals.end());
  for (std::size_t i = 2; i < arrivals.size(); ++i)
    CHECK(std::chrono::duration<double>(arrivals[i] - arrivals[i - 1]).count() > 0.18);
}

TEST_CASE("the host of a URL, for the per-host limits", "[http_pool]") {
  CHECK(url_host_lower("https://User:pw@Example.ORG:8443/a?b#c") == "example.org");
  CHECK(url_host_lower("http://[::1]:8080/x") == "::1");
  CHECK(url_host_lower("https://مثال.example/مسار") == "مثال.example");
}

TEST_CASE("the printed URL becomes a request: encoded path, no fragment, no credentials", "[http_pool]") {
  auto r = request_url("https://user:pw@Example.org/مقالات/بحث?q=أ#section");
  REQUIRE(r);
  CHECK(r->url == "https://Example.org/%D9%85%D9%82%D8%A7%D9%84%D8%A7%D8%AA/%D8%A8%D8%AD%D8%AB?q=%D8%A3");
  CHECK(r->host == "example.org");
  CHECK(request_url("www.example.org/a")->url == "http://www.example.org/a");
  CHECK_FALSE(request_url("ftp://example.org/file")->http);
  CHECK(redact_credentials("see https://editor:secret@example.org/x and http://a.org/@me") ==
        "see https://***@example.org/x and http://a.org/@me");
}

TEST_CASE("a continuation goes ahead of its host's queue: checks once started finish first", "[http_pool]") {
  LoopbackServer s;
  s.server.Get(R"(/(\w+))", [](const httplib::Request&, httplib::Response& res) { res.set_content("ok", "text/plain"); });
  s.start();
  ResolverOptions o = loopback_options();
  o.per_host = 1;
  o.concurrency = 1;
  HttpPool pool(o);
  std::vector<std::string> order;
  auto note = [&](std::string name) { return [&order, name](HttpResponse&&) { order.push_back(name); }; };
  pool.submit({s.url("/a"), false, {}, 1024, true}, [&](HttpResponse&&) {
    order.push_back("a");
    HttpRequest next{s.url("/a2"), false, {}, 1024, true};
    next.continuation = true;
    pool.submit(std::move(next), note("a2"));
  });
  for (const char* name : {"b", "c", "d"}) pool.submit({s.url(std::string("/") + name), false, {}, 1024, true}, note(name));
  pool.run();
  CHECK(order == std::vector<std::string>{"a", "a2", "b", "c", "d"});
}

TEST_CASE("cancel_new: queued new checks end unsent, continuations and transfers in flight go on",
          "[http_pool]") {
  LoopbackServer s;
  s.server.Get(R"(/(\w+))", [](const httplib::Request&, httplib::Response& res) {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    res.set_content("ok", "text/plain");
  });
  s.start();
  ResolverOptions o = loopback_options();
  o.per_host = 1;
  o.concurrency = 1;
  HttpPool pool(o);
  std::map<std::string, std::string> outcome;
  auto note = [&](std::string name) {
    return [&outcome, name](HttpResponse&& r) {
      outcome[name] = r.failure == TransferFailure::Cancelled ? "cancelled:" + r.error : std::to_string(r.status);
    };
  };
  pool.submit({s.url("/first"), false, {}, 1024, true}, [&](HttpResponse&& r) {
    outcome["first"] = std::to_string(r.status);
    HttpRequest next{s.url("/second"), false, {}, 1024, true};
    next.continuation = true;
    pool.submit(std::move(next), note("second"));
  });
  for (const char* name : {"x", "y"}) pool.submit({s.url(std::string("/") + name), false, {}, 1024, true}, note(name));
  bool cancelled = false;
  pool.run([&] {
    if (!cancelled) {  // the first request is in flight by the first tick
      cancelled = true;
      pool.cancel_new("stopping");
    }
  });
  CHECK(outcome["first"] == "200");
  CHECK(outcome["second"] == "200");
  CHECK(outcome["x"] == "cancelled:stopping");
  CHECK(outcome["y"] == "cancelled:stopping");
  CHECK(s.count("GET", "/x") == 0);
}

TEST_CASE("cancel_all stops transfers in flight at once", "[http_pool]") {
  LoopbackServer s;
  std::atomic<bool> release{false};
  s.server.Get("/hang", [&](const httplib::Request&, httplib::Response& res) {
    for (int i = 0; i < 300 && !release; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    res.set_content("late", "text/plain");
  });
  s.start();
  ResolverOptions o = loopback_options();
  o.timeout = 10;
  HttpPool pool(o);
  std::string error;
  TransferFailure failure = TransferFailure::None;
  pool.submit({s.url("/hang"), false, {}, 1024, true}, [&](HttpResponse&& r) {
    failure = r.failure;
    error = r.error;
  });
  const auto start = Clock::now();
  pool.run([&] {
    if (Clock::now() - start > std::chrono::milliseconds(200)) pool.cancel_all("interrupted");
  });
  release = true;
  CHECK(failure == TransferFailure::Cancelled);
  CHECK(error == "interrupted");
  CHECK(Clock::now() - start < std::chrono::seconds(2));
}

TEST_CASE("429s back a host off, and other answers bring it back to its pace", "[http_pool][backoff]") {
  LoopbackServer s;
  std::atomic<int> calls{0};
  // The first two requests are throttled, every later one answered.
  s.server.Get(R"(/p/(\d+))", [&](const httplib::Request&, httplib::Response& res) {
    if (++calls <= 2) res.status = 429;
    else res.set_content("ok", "text/plain");
  });
  s.start();
  ResolverOptions o = loopback_options();
  o.per_host = 4;
  o.retries = 2;
  HttpPool pool(o);
  CHECK(pool.spacing("127.0.0.1") == std::chrono::milliseconds(0));
  int ok = 0;
  for (int i = 0; i < 8; ++i)
    pool.submit({s.url("/p/" + std::to_string(i)), false, {}, 1024, true}, [&](HttpResponse&& r) { ok += r.status == 200; });
  pool.run();
  CHECK(ok == 8);
  // The server's log: eight pages, two of them asked twice (the 429, then the retry's 200).
  auto seen = s.seen();
  CHECK(seen.size() == 10);
  CHECK(calls.load() == 10);
  std::map<std::string, int> per_path;
  for (const auto& r : seen) ++per_path[r.path];
  CHECK(per_path.size() == 8);
  int twice = 0;
  for (const auto& [path, n] : per_path) twice += n == 2;
  CHECK(twice == 2);
  // Eight answers after the back-off: the host is at its own pace again.
  CHECK(pool.spacing("127.0.0.1") == std::chrono::milliseconds(0));
}

TEST_CASE("repeated 429s double the host's spacing, an answer halves it", "[http_pool][backoff]") {
  LoopbackServer s;
  s.server.Get("/throttled", [](const httplib::Request&, httplib::Response& res) { res.status = 429; });
  s.server.Get("/fine", [](const httplib::Request&, httplib::Response& res) { res.set_content("ok", "text/plain"); });
  s.start();
  ResolverOptions o = loopback_options();
  o.per_host_interval_ms = 20;
  HttpPool pool(o);
  HttpRequest throttled{s.url("/throttled"), false, {}, 1024, false};
  pool.submit(throttled, [](HttpResponse&&) {});
  pool.run();
  CHECK(pool.spacing("127.0.0.1") == std::chrono::milliseconds(1000));
  pool.submit(throttled, [](HttpResponse&&) {});
  pool.run();
  CHECK(pool.spacing("127.0.0.1") == std::chrono::milliseconds(2000));
  pool.submit({s.url("/fine"), false, {}, 1024, false}, [](HttpResponse&&) {});
  pool.run();
  CHECK(pool.spacing("127.0.0.1") == std::chrono::milliseconds(1000));
  CHECK(s.count("GET", "/throttled") == 2);
}

TEST_CASE("after a 429 a slow page does not hold up the host's other pages", "[http_pool][backoff]") {
  LoopbackServer s;
  std::mutex m;
  std::condition_variable cv;
  bool fast_answered = false, slow_saw_fast = false;
  std::atomic<int> limited{0};
  s.server.Get("/limited", [&](const httplib::Request&, httplib::Response& res) {
    if (++limited == 1) res.status = 429;
    else res.set_content("ok", "text/plain");
  });
  // The slow page answers once the fast one is answered, or after 3 s at most (within the
  // client's 5 s timeout: no retry muddles the log).
  s.server.Get("/slow", [&](const httplib::Request&, httplib::Response& res) {
    std::unique_lock<std::mutex> lock(m);
    slow_saw_fast = cv.wait_for(lock, std::chrono::seconds(3), [&] { return fast_answered; });
    res.set_content("slow", "text/plain");
  });
  s.server.Get("/fast", [&](const httplib::Request&, httplib::Response& res) {
    res.set_content("fast", "text/plain");
    std::lock_guard<std::mutex> lock(m);
    fast_answered = true;
    cv.notify_all();
  });
  s.start();
  ResolverOptions o = loopback_options();
  o.per_host = 4;
  HttpPool pool(o);
  int ok = 0;
  pool.submit({s.url("/limited"), false, {}, 1024, true}, [&](HttpResponse&& r) {
    ok += r.status == 200;
    // Backed off now: the slow page, then the fast one, on the same host.
    pool.submit({s.url("/slow"), false, {}, 1024, true}, [&](HttpResponse&& r2) { ok += r2.status == 200; });
    pool.submit({s.url("/fast"), false, {}, 1024, true}, [&](HttpResponse&& r2) { ok += r2.status == 200; });
  });
  pool.run();
  CHECK(ok == 3);
  CHECK(slow_saw_fast);
  // The server's order: the fast page came while the slow one was still being answered.
  auto seen = s.seen();
  REQUIRE(seen.size() == 4);
  CHECK(seen[2].path == "/slow");
  CHECK(seen[3].path == "/fast");
}

TEST_CASE("a body that is not HTML is read only to its first bytes", "[http_pool]") {
  LoopbackServer s;
  std::string pdf = "%PDF-1.7\n" + std::string(1024 * 1024, 'x');
  std::string page = "<!doctype html><title>t</title>" + std::string(200 * 1024, 'x');
  s.server.Get("/paper.pdf", [&](const httplib::Request&, httplib::Response& res) { res.set_content(pdf, "application/pdf"); });
  s.server.Get("/page.html", [&](const httplib::Request&, httplib::Response& res) { res.set_content(page, "text/html"); });
  s.start();
  HttpPool pool(loopback_options());
  HttpResponse file, html;
  HttpRequest req{s.url("/paper.pdf"), false, {}, 64 * 1024, true};
  req.max_other_body = 2048;
  pool.submit(req, [&](HttpResponse&& r) { file = std::move(r); });
  req.url = s.url("/page.html");
  pool.submit(req, [&](HttpResponse&& r) { html = std::move(r); });
  pool.run();
  CHECK(file.status == 200);
  CHECK(file.body.size() == 2048);
  CHECK(file.body_truncated);
  CHECK(html.status == 200);
  CHECK(html.body.size() == 64 * 1024);
  // Unless asked, every type is read to max_body alike (a DOI's JSON record is no page).
  HttpResponse whole;
  pool.submit({s.url("/paper.pdf"), false, {}, 64 * 1024, true}, [&](HttpResponse&& r) { whole = std::move(r); });
  pool.run();
  CHECK(whole.body.size() == 64 * 1024);
}

namespace {

// The proxy variables for the time of a test, and none after.
struct ProxyVariables {
  explicit ProxyVariables(const std::string& proxy, const char* exempt = nullptr) {
    clear();
    setenv("http_proxy", proxy.c_str(), 1);
    if (exempt) setenv("no_proxy", exempt, 1);
  }
  ~ProxyVariables() { clear(); }
  static void clear() {
    for (const char* v : {"http_proxy", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY", "no_proxy", "NO_PROXY"})
      unsetenv(v);
  }
};

// Names as a resolver would give them, without DNS.
HostVetting fake_vetting(const std::string& host) {
  HostVetting v;
  if (host == "public.example") v.resolved = true;
  if (host == "intranet.example") {
    v.resolved = true;
    v.refused = "intranet.example resolves to a private address 10.0.0.5";
  }
  if (host == "nowhere.example") v.error = "Name or service not known";
  return v;
}

}  // namespace

TEST_CASE("through a loopback proxy, public hosts are fetched and private ones refused before asking it",
          "[http_pool][proxy]") {
  LoopbackServer proxy;
  proxy.server.Get(".*", [](const httplib::Request&, httplib::Response& res) { res.set_content("via the proxy", "text/plain"); });
  proxy.start();
  ResolverOptions o;  // the address rule on: no --allow-private
  o.timeout = 5;
  o.retries = 0;
  o.per_host_interval_ms = 0;
  o.vet_host = fake_vetting;
  auto fetch = [&](const ResolverOptions& options, const std::string& url) {
    HttpPool pool(options);
    HttpResponse got;
    pool.submit({url, false, {}, 1024, false}, [&](HttpResponse&& r) { got = std::move(r); });
    pool.run();
    return got;
  };
  auto proxy_saw = [&](const std::string& host) {
    std::size_t n = 0;
    for (const auto& seen : proxy.seen()) n += seen.path.find(host) != std::string::npos;
    return n;
  };
  {
    ProxyVariables env("http://127.0.0.1:" + std::to_string(proxy.port()));
    // A public name: through the proxy, though the proxy itself is on loopback.
    HttpResponse ok = fetch(o, "http://public.example/page");
    CHECK(ok.failure == TransferFailure::None);
    CHECK(ok.status == 200);
    CHECK(ok.body == "via the proxy");
    CHECK(proxy_saw("public.example/page") == 1);
    // A name that resolves to a private address: refused here; the proxy never hears of it.
    HttpResponse refused = fetch(o, "http://intranet.example/admin");
    CHECK(refused.failure == TransferFailure::Refused);
    CHECK(refused.error == "refused: intranet.example resolves to a private address 10.0.0.5 (use --allow-private to check it)");
    CHECK(proxy_saw("intranet.example") == 0);
    // A private address written in the URL: refused the same way.
    HttpResponse literal = fetch(o, "http://10.1.2.3/x");
    CHECK(literal.failure == TransferFailure::Refused);
    CHECK(proxy_saw("10.1.2.3") == 0);
    // A name that does not resolve is a name that does not resolve.
    HttpResponse nowhere = fetch(o, "http://nowhere.example/");
    CHECK(nowhere.failure == TransferFailure::Dns);
    CHECK(proxy_saw("nowhere.example") == 0);
    // --proxy-trusted: the proxy resolves and decides.
    ResolverOptions trusted = o;
    trusted.proxy_trusted = true;
    CHECK(fetch(trusted, "http://intranet.example/admin").status == 200);
    CHECK(proxy_saw("intranet.example") == 1);
  }
  {
    // no_proxy: the host is asked directly, and the rule is checked on the address connected to.
    ProxyVariables env("http://127.0.0.1:" + std::to_string(proxy.port()), "localhost,.public.example");
    LoopbackServer direct;
    direct.server.Get("/d", [](const httplib::Request&, httplib::Response& res) { res.set_content("direct", "text/plain"); });
    direct.start();
    HttpResponse loopback = fetch(o, "http://localhost:" + std::to_string(direct.port()) + "/d");
    CHECK(loopback.failure == TransferFailure::Refused);
    CHECK(loopback.error.find("loopback address") != std::string::npos);
    CHECK(direct.seen().empty());
    const std::size_t before = proxy.seen().size();
    fetch(o, "http://www.public.example/page");  // exempt (a subdomain): no DNS here, so it fails, but not via the proxy
    CHECK(proxy.seen().size() == before);
  }
}

TEST_CASE("proxy variables are read as curl reads them", "[proxy]") {
  std::map<std::string, std::string> vars;
  auto env_of = [&](const char* name) -> const char* {
    auto it = vars.find(name);
    return it == vars.end() ? nullptr : it->second.c_str();
  };
  vars = {{"HTTP_PROXY", "http://cgi-injected:1"}, {"HTTPS_PROXY", "http://p:3128"}};
  ProxyEnvironment e = ProxyEnvironment::from(env_of);
  CHECK(e.proxy_for("http", "example.org").empty());  // HTTP_PROXY in capitals is not read
  CHECK(e.proxy_for("https", "example.org") == "http://p:3128");
  vars = {{"all_proxy", "socks5h://s:1080"}, {"http_proxy", "http://h:8080"}, {"no_proxy", " .Example.org, 10.0.0.1 "}};
  e = ProxyEnvironment::from(env_of);
  CHECK(e.proxy_for("http", "journal.org") == "http://h:8080");
  CHECK(e.proxy_for("https", "journal.org") == "socks5h://s:1080");
  CHECK(e.proxy_for("http", "example.org").empty());
  CHECK(e.proxy_for("http", "www.EXAMPLE.org").empty());
  CHECK(e.proxy_for("http", "notexample.org") == "http://h:8080");
  CHECK(e.proxy_for("http", "10.0.0.1").empty());
  vars = {{"http_proxy", "http://h:8080"}, {"NO_PROXY", "*"}};
  CHECK(ProxyEnvironment::from(env_of).proxy_for("http", "journal.org").empty());
}
