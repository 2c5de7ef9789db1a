// DOIs against fake doi.org, Crossref and DataCite endpoints on loopback, answering with the
// recorded JSON of fixtures/http/ (the real services' formats).
#include <catch2/catch.hpp>
#include <filesystem>

#include "helpers.hpp"
#include "loopback_server.hpp"
#include "resolvers/doi_resolver.hpp"

using namespace citecheck;
using citecheck::test::LoopbackServer;

namespace {

// Serves fixtures/http/<service>/<path>.json, or the service's own not-found answer.
struct FakeServices {
  LoopbackServer s;
  FakeServices() {
    auto serve = [](const std::string& dir, const std::string& not_found, const char* not_found_type) {
      return [dir, not_found, not_found_type](const httplib::Request& req, httplib::Response& res) {
        std::string file = citecheck::test::fixture_path("http/" + dir + "/" + std::string(req.matches[1]) + ".json");
        if (std::filesystem::exists(file)) {
          res.set_content(citecheck::test::read_file(file), "application/json");
        } else {
          res.status = 404;
          res.set_content(not_found, not_found_type);
        }
      };
    };
    s.server.Get(R"(/doi/api/handles/(.+))", serve("doi/api/handles", R"({"responseCode":100,"handle":"?"})", "application/json"));
    s.server.Get(R"(/crossref/works/(.+))", serve("crossref/works", "Resource not found.", "text/plain"));
    s.server.Get(R"(/datacite/dois/(.+))", serve("datacite/dois", R"({"errors":[{"status":"404","title":"The resource you are looking for doesn't exist."}]})", "application/json"));
    s.start();
  }
  ResolverOptions options() {
    ResolverOptions o;
    o.allow_private = true;
    o.per_host_interval_ms = 0;
    o.doi_resolver = s.url("/doi");
    o.crossref_api = s.url("/crossref");
    o.datacite_api = s.url("/datacite");
    return o;
  }
  DoiCheck check(const std::string& doi) {
    ResolverOptions o = options();
    HttpPool pool(o);
    DoiCheck got;
    check_doi(pool, o, doi, [&](DoiCheck c) { got = std::move(c); });
    pool.run();
    return got;
  }
};

}  // namespace

TEST_CASE("a registered DOI exists and Crossref says what it names", "[doi_resolver]") {
  FakeServices f;
  DoiCheck c = f.check("10.5555/caspian.2021.1");
  CHECK(c.status == LinkStatus::Ok);
  REQUIRE(c.registered);
  CHECK(c.registered->agency == "crossref");
  CHECK(c.registered->title == "Ports of the Caspian: a survey");
  CHECK(c.registered->year == 2021);
  REQUIRE_FALSE(c.registered->family_names.empty());
  CHECK(c.registered->family_names[0] == "Aliyev");
  CHECK_FALSE(c.registered->retraction);
  CHECK_FALSE(c.target_url.empty());
}

TEST_CASE("a DOI the handle system does not know is broken", "[doi_resolver]") {
  FakeServices f;
  DoiCheck c = f.check("10.5555/does-not-exist");
  CHECK(c.status == LinkStatus::Broken);
  CHECK(c.http_status == 404);
  CHECK_FALSE(c.registered);
  CHECK(f.s.count("GET", "/crossref/works/10.5555/does-not-exist") == 0);
}

TEST_CASE("a retraction on the cited work's record is found", "[doi_resolver]") {
  FakeServices f;
  DoiCheck c = f.check("10.5555/retracted.2019");
  REQUIRE(c.registered);
  REQUIRE(c.registered->retraction);
  CHECK(*c.registered->retraction == "10.5555/retraction-notice");
}

TEST_CASE("a DataCite DOI is read from DataCite when Crossref does not know it", "[doi_resolver]") {
  FakeServices f;
  DoiCheck c = f.check("10.5556/dataset.42");
  CHECK(c.status == LinkStatus::Ok);
  REQUIRE(c.registered);
  CHECK(c.registered->agency == "datacite");
  CHECK(c.registered->title.has_value());
  CHECK(f.s.count("GET", "/crossref/works/10.5556/dataset.42") == 1);
}

TEST_CASE("Crossref records: corrections are not retractions — a RETRACTED title is", "[doi_resolver]") {
  auto corrected = parse_crossref_work(R"({"status":"ok","message":{"title":["Caspian ports"],
    "updated-by":[{"DOI":"10.5555/erratum","type":"correction","label":"Correction"}],
    "issued":{"date-parts":[[2020,5]]},"published-online":{"date-parts":[[2019,12,1]]}}})");
  REQUIRE(corrected);
  CHECK_FALSE(corrected->retraction);
  CHECK(corrected->year == 2019);
  CHECK(corrected->years == std::vector<int>{2019, 2020});
  auto titled = parse_crossref_work(R"({"message":{"title":["RETRACTED: Caspian ports"]}})");
  REQUIRE(titled);
  CHECK(titled->retraction);
  CHECK_FALSE(parse_crossref_work("not json"));
  CHECK_FALSE(parse_crossref_work(R"({"message":"nope"})"));
}

TEST_CASE("hostile agency JSON (wrong types) is no record, not a crash", "[doi_resolver]") {
  CHECK_NOTHROW(parse_crossref_work(R"({"message":{"title":[1,2],"author":[{"family":5}],"updated-by":[{"type":7}]}})"));
  CHECK_NOTHROW(parse_datacite_doi(R"({"data":{"attributes":{"titles":"x","creators":[{"name":3}],"publicationYear":{}}}})"));
}

TEST_CASE("DataCite names: family name from familyName or 'Family, Given'", "[doi_resolver]") {
  auto w = parse_datacite_doi(R"({"data":{"id":"10.5556/x","type":"dois","attributes":{"doi":"10.5556/x",
    "titles":[{"title":"Caspian sturgeon counts"},{"title":"Sturgeon","titleType":"Subtitle"}],
    "creators":[{"name":"Mammadova, Aysel","nameType":"Personal"},{"name":"Caspian Institute","nameType":"Organizational"}],
    "publicationYear":"2018"}}})");
  REQUIRE(w);
  CHECK(w->title == "Caspian sturgeon counts");
  CHECK(w->family_names == std::vector<std::string>{"Mammadova", "Caspian Institute"});
  CHECK(w->year == 2018);
}
