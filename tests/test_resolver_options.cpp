// Host rules (limits, headers, accepted statuses per host), the services' own limits, and
// the headers sent.
#include <catch2/catch.hpp>

#include "loopback_server.hpp"
#include "resolvers/http_pool.hpp"
#include "resolvers/resolver_options.hpp"

using namespace citecheck;

TEST_CASE("a host rule applies to the host and its subdomains, over the defaults", "[resolver_options]") {
  ResolverOptions o;
  o.hosts["journal.example"].concurrency = 1;
  o.hosts["journal.example"].interval_ms = 500;
  o.hosts["journal.example"].headers = {"X-Token: abc"};
  o.hosts["journal.example"].accept = AcceptedStatuses::parse("403");
  HostRule sub = o.rule_for("www.journal.example");
  CHECK(sub.concurrency == 1);
  CHECK(sub.interval_ms == 500);
  CHECK(sub.headers == std::vector<std::string>{"X-Token: abc"});
  REQUIRE(sub.accept);
  CHECK(sub.accept->contains(403));
  CHECK_FALSE(o.rule_for("other.example").concurrency);
  CHECK(o.rule_for("other.example").headers.empty());
  CHECK_FALSE(o.rule_for("other.example").accept);
  // The services get their published limits.
  CHECK(o.rule_for("api.crossref.org").concurrency == 5);
  CHECK(o.rule_for("web.archive.org").interval_ms == 1000);
}

TEST_CASE("a header must be 'Name: value' without line breaks", "[resolver_options]") {
  CHECK_FALSE(header_problem("Authorization: Bearer abc"));
  CHECK_FALSE(header_problem("X-Empty:"));
  CHECK(header_problem("Authorization Bearer abc"));
  CHECK(header_problem(": value"));
  CHECK(header_problem("Bad Name: value"));
  CHECK(header_problem("X: 1\r\nHost: evil"));
}

TEST_CASE("a --header goes to every host and a --user-agent replaces citecheck's own", "[resolver_options]") {
  citecheck::test::LoopbackServer s;
  std::string journal, agent;
  s.server.Get("/p", [&](const httplib::Request& req, httplib::Response& res) {
    journal = req.get_header_value("X-Journal");
    agent = req.get_header_value("User-Agent");
    res.set_content("ok", "text/plain");
  });
  s.start();
  ResolverOptions o;
  o.allow_private = true;
  o.per_host_interval_ms = 0;
  o.headers = {"X-Journal: caspian"};
  o.custom_user_agent = "Mozilla/5.0 (compatible; citecheck)";
  HttpPool pool(o);
  pool.submit({s.url("/p"), false, {}, 1024, true}, [](HttpResponse&&) {});
  pool.run();
  CHECK(journal == "caspian");
  CHECK(agent == "Mozilla/5.0 (compatible; citecheck)");
}

TEST_CASE("a host's configured headers go to that host only", "[resolver_options]") {
  citecheck::test::LoopbackServer s;
  std::string token;
  s.server.Get("/p", [&](const httplib::Request& req, httplib::Response& res) {
    token = req.get_header_value("X-Token");
    res.set_content("ok", "text/plain");
  });
  s.start();
  ResolverOptions o;
  o.allow_private = true;
  o.per_host_interval_ms = 0;
  o.hosts["127.0.0.1"].headers = {"X-Token: abc"};
  HttpPool pool(o);
  pool.submit({s.url("/p"), false, {}, 1024, true}, [](HttpResponse&&) {});
  pool.run();
  CHECK(token == "abc");
  ResolverOptions other;
  other.allow_private = true;
  other.hosts["journal.example"].headers = {"X-Token: abc"};
  HttpPool pool2(other);
  pool2.submit({s.url("/p"), false, {}, 1024, true}, [](HttpResponse&&) {});
  pool2.run();
  CHECK(token.empty());
}
