// --accept: status sets and ranges, globally and per host, judged on the final answer.
#include <catch2/catch.hpp>

#include "loopback_server.hpp"
#include "resolvers/accepted_statuses.hpp"
#include "resolvers/url_checker.hpp"

using namespace citecheck;
using citecheck::test::LoopbackServer;

namespace {

UrlCheck check_one(const std::string& url, const ResolverOptions& o) {
  HttpPool pool(o);
  UrlCheck got;
  check_url(pool, o, url, [&](UrlCheck c) { got = std::move(c); });
  pool.run();
  return got;
}

}  // namespace

TEST_CASE("accepted statuses: single codes, inclusive and exclusive ranges", "[accepted_statuses]") {
  auto a = AcceptedStatuses::parse("200..=299, 403");
  CHECK(a.contains(200));
  CHECK(a.contains(299));
  CHECK(a.contains(403));
  CHECK_FALSE(a.contains(300));
  CHECK_FALSE(a.contains(404));
  auto b = AcceptedStatuses::parse("200..204");
  CHECK(b.contains(203));
  CHECK_FALSE(b.contains(204));
}

TEST_CASE("accepted statuses that are not statuses or ranges are refused", "[accepted_statuses]") {
  CHECK_THROWS_WITH(AcceptedStatuses::parse("2xx"), Catch::Contains("'2xx' is not a status"));
  CHECK_THROWS_WITH(AcceptedStatuses::parse("299..=200"), Catch::Contains("'299..=200'"));
  CHECK_THROWS_WITH(AcceptedStatuses::parse("200,,403"), Catch::Contains("is not a status"));
  CHECK_THROWS_WITH(AcceptedStatuses::parse("99"), Catch::Contains("100-999"));
  CHECK_THROWS(AcceptedStatuses::parse(""));
}

TEST_CASE("a per-host accept turns that host's 403 into ok, and only that host's", "[accepted_statuses][network]") {
  LoopbackServer server;
  server.server.Get("/members", [](const httplib::Request&, httplib::Response& res) { res.status = 403; });
  server.start();
  ResolverOptions o = citecheck::test::loopback_options();
  CHECK(check_one(server.url("/members"), o).status == LinkStatus::Unverifiable);
  o.hosts["127.0.0.1"].accept = AcceptedStatuses::parse("200..=299,403");
  UrlCheck c = check_one(server.url("/members"), o);
  CHECK(c.status == LinkStatus::Ok);
  CHECK(c.http_status == 403);
  ResolverOptions other = citecheck::test::loopback_options();
  other.hosts["journal.example.org"].accept = AcceptedStatuses::parse("403");
  CHECK(check_one(server.url("/members"), other).status == LinkStatus::Unverifiable);
}

TEST_CASE("a global accept without 2xx makes a 200 a failure, the host's set replaces it", "[accepted_statuses][network]") {
  LoopbackServer server;
  server.server.Get("/empty", [](const httplib::Request&, httplib::Response& res) { res.status = 204; });
  server.start();
  ResolverOptions o = citecheck::test::loopback_options();
  o.accept = AcceptedStatuses::parse("200");
  UrlCheck c = check_one(server.url("/empty"), o);
  CHECK(c.status == LinkStatus::Broken);
  CHECK(c.error == "HTTP 204 is not an accepted status (200)");
  o.hosts["127.0.0.1"].accept = AcceptedStatuses::parse("200..=299");
  CHECK(check_one(server.url("/empty"), o).status == LinkStatus::Ok);
}
