// The config file: limits and headers per host, the services' own limits, bad files.
#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "loopback_server.hpp"
#include "resolvers/http_pool.hpp"
#include "resolvers/resolver_options.hpp"

using namespace citecheck;

namespace {

std::string write_temp(const std::string& name, const std::string& text) {
  auto path = std::filesystem::temp_directory_path() / ("citecheck-test-" + std::to_string(getpid()) + "-" + name);
  std::ofstream(path) << text;
  return path.string();
}

}  // namespace

TEST_CASE("a host rule applies to the host and its subdomains, over the defaults", "[resolver_options]") {
  ResolverOptions o;
  std::string path = write_temp("config.json", R"({
    "concurrency": 16, "per_host": 2, "timeout": 30,
    "hosts": {"Journal.Example": {"concurrency": 1, "interval_ms": 500, "headers": {"X-Token": "abc"}}}})");
  load_config_file(path, o);
  std::filesystem::remove(path);
  CHECK(o.concurrency == 16);
  CHECK(o.per_host == 2);
  CHECK(o.timeout == 30);
  HostRule sub = o.rule_for("www.journal.example");
  CHECK(sub.concurrency == 1);
  CHECK(sub.interval_ms == 500);
  CHECK(sub.headers == std::vector<std::string>{"X-Token: abc"});
  CHECK_FALSE(o.rule_for("other.example").concurrency);
  CHECK(o.rule_for("other.example").headers.empty());
  // The services get their published limits.
  CHECK(o.rule_for("api.crossref.org").concurrency == 5);
  CHECK(o.rule_for("web.archive.org").interval_ms == 1000);
}

TEST_CASE("a broken config file is a clear error", "[resolver_options]") {
  ResolverOptions o;
  std::string bad = write_temp("bad.json", "{\"concurrency\": \"many\"}");
  CHECK_THROWS_WITH(load_config_file(bad, o), Catch::Contains("concurrency must be an integer"));
  std::string not_json = write_temp("not.json", "hosts = 3");
  CHECK_THROWS_WITH(load_config_file(not_json, o), Catch::Contains("not valid JSON"));
  std::string injected = write_temp("inject.json", R"({"hosts": {"a.example": {"headers": {"X": "1\r\nHost: evil"}}}})");
  CHECK_THROWS_WITH(load_config_file(injected, o), Catch::Contains("line break"));
  CHECK_THROWS_WITH(load_config_file("/nonexistent/citecheck.json", o), Catch::Contains("cannot read"));
  for (const auto& p : {bad, not_json, injected}) std::filesystem::remove(p);
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
