// --remap: 'REGEX REPLACEMENT' rules, and that the remapped address is the one requested
// while the report keeps the printed one beside it.
#include <catch2/catch.hpp>

#include "helpers.hpp"
#include "loopback_server.hpp"
#include "resolvers/resolve_links.hpp"
#include "resolvers/url_remap.hpp"
#include "src/pipeline.hpp"

using namespace citecheck;
using citecheck::test::LoopbackServer;

TEST_CASE("a remap rule rewrites with groups, in RE2's syntax or lychee's", "[url_remap]") {
  std::vector<UrlRemap> rules{parse_url_remap(R"(^https://journal\.example\.org/(.*) http://mirror.example.net/$1)")};
  CHECK(remap_url(rules, "https://journal.example.org/articles/12?x=1") ==
        std::optional<std::string>("http://mirror.example.net/articles/12?x=1"));
  CHECK_FALSE(remap_url(rules, "https://other.example.org/articles/12"));
  std::vector<UrlRemap> re2_style{parse_url_remap(R"(^http://(.*)   https://\1)")};
  CHECK(remap_url(re2_style, "http://example.org/a") == std::optional<std::string>("https://example.org/a"));
}

TEST_CASE("the first matching remap rule is the one applied", "[url_remap]") {
  std::vector<UrlRemap> rules{parse_url_remap("/old/ /new/"), parse_url_remap("example example2")};
  CHECK(remap_url(rules, "https://example.org/old/page") == std::optional<std::string>("https://example.org/new/page"));
  CHECK(remap_url(rules, "https://example.org/page") == std::optional<std::string>("https://example2.org/page"));
}

TEST_CASE("a remap that is not two parts, or a bad pattern or group, is refused", "[url_remap]") {
  CHECK_THROWS_WITH(parse_url_remap("https://example.org"), Catch::Contains("expected 'REGEX REPLACEMENT'"));
  CHECK_THROWS_WITH(parse_url_remap("a b c"), Catch::Contains("expected 'REGEX REPLACEMENT'"));
  CHECK_THROWS_WITH(parse_url_remap("(unclosed x"), Catch::Contains("not a valid RE2 pattern"));
  CHECK_THROWS_WITH(parse_url_remap("^https://(a) http://$2"), Catch::Contains("--remap"));
}

TEST_CASE("a remapped link: the new address is requested, the report shows both", "[url_remap][network]") {
  LoopbackServer server;
  server.server.Get("/mirror/caspian", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("%PDF-1.7", "application/pdf");
  });
  server.start();
  Report report;
  report.documents.push_back(check_document(citecheck::test::doc_from(
      "Ports\n\nThe survey (Aliyev 2021) is cited.\n\nReferences\n\n"
      "Aliyev, Rashid. 2021. Ports of the Caspian. Caspian Studies 4: 11-20. https://journal.example.org/caspian\n")));
  ResolverOptions o = citecheck::test::loopback_options();
  o.archive_lookup = false;
  o.remaps.push_back(parse_url_remap(R"(^https://journal\.example\.org/(.*) )" + server.url("/mirror/$1")));
  resolve_links(report, o, {});
  CHECK(server.count("GET", "/mirror/caspian") == 1);
  const Link* l = nullptr;
  for (const auto& link : report.documents[0].manuscript.links)
    if (link.kind == LinkKind::Url) l = &link;
  REQUIRE(l);
  CHECK(l->value == "https://journal.example.org/caspian");
  CHECK(l->remapped_to == std::optional<std::string>(server.url("/mirror/caspian")));
  CHECK(l->status == LinkStatus::Ok);
}
