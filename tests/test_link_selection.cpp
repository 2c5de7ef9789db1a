// Which links are checked: --include / --exclude patterns, exclude files and .citecheckignore,
// and that an excluded link is reported skipped and never requested.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "helpers.hpp"
#include "loopback_server.hpp"
#include "resolvers/link_selection.hpp"
#include "resolvers/resolve_links.hpp"
#include "src/pipeline.hpp"

using namespace citecheck;
using citecheck::test::LoopbackServer;

namespace {

std::filesystem::path temp_dir(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() / ("citecheck-test-" + std::to_string(getpid()) + "-" + name);
  std::filesystem::create_directories(dir);
  return dir;
}

const Link* url_link(const DocumentReport& d, const std::string& value) {
  for (const auto& l : d.manuscript.links)
    if (l.value == value) return &l;
  return nullptr;
}

}  // namespace

TEST_CASE("an --exclude pattern matches anywhere in the address and says which pattern", "[link_selection]") {
  LinkSelection s;
  s.exclude(R"(linkedin\.com)", "--exclude");
  CHECK(s.excluded("https://www.linkedin.com/in/rashid-aliyev") ==
        std::optional<std::string>(R"(excluded by --exclude 'linkedin\.com')"));
  CHECK_FALSE(s.excluded("https://journal.example.org/articles/12"));
}

TEST_CASE("an --include wins over every exclude, with includes given, the rest are excluded", "[link_selection]") {
  LinkSelection s;
  s.exclude(R"(^https://journal\.example\.org/)", "--exclude");
  s.include(R"(/articles/)", "--include");
  CHECK_FALSE(s.excluded("https://journal.example.org/articles/12"));
  CHECK(s.excluded("https://journal.example.org/about") ==
        std::optional<std::string>(R"(excluded by --exclude '^https://journal\.example\.org/')"));
  CHECK(s.excluded("https://archive.example.net/x") ==
        std::optional<std::string>("excluded: it matches no --include pattern"));
}

TEST_CASE("an exclude file: one pattern a line, comments and blank lines skipped, lines named", "[link_selection]") {
  auto dir = temp_dir("ignore");
  std::ofstream(dir / ".citecheckignore") << "# social networks refuse robots\n\nlinkedin\\.com\n  x\\.com/  \r\n";
  LinkSelection s;
  s.exclude_file((dir / ".citecheckignore").string());
  const std::string file = (dir / ".citecheckignore").string();
  CHECK(s.excluded("https://linkedin.com/in/a") == "excluded by " + file + ":3 'linkedin\\.com'");
  CHECK(s.excluded("https://x.com/status/1") == "excluded by " + file + ":4 'x\\.com/'");
  CHECK_FALSE(s.excluded("https://example.org/#social"));
  CHECK(ignore_file_beside((dir / "paper.txt").string()) == file);
  CHECK(ignore_file_beside(dir.string()) == file);
  CHECK_FALSE(ignore_file_beside((dir / "sub" / "paper.txt").string()));
  std::filesystem::remove_all(dir);
}

TEST_CASE("a pattern RE2 refuses is an error naming it and where it came from", "[link_selection]") {
  LinkSelection s;
  CHECK_THROWS_WITH(s.exclude("journal.(org", "--exclude"), Catch::Contains("--exclude: 'journal.(org' is not a valid RE2 pattern"));
  auto dir = temp_dir("bad-ignore");
  std::ofstream(dir / "patterns") << "ok\\.org\n[unclosed\n";
  CHECK_THROWS_WITH(s.exclude_file((dir / "patterns").string()), Catch::Contains("patterns:2: '[unclosed'"));
  CHECK_THROWS_WITH(s.exclude_file((dir / "none").string()), Catch::Contains("cannot read the exclude file"));
  std::filesystem::remove_all(dir);
}

TEST_CASE("excluded URLs and DOIs are marked skipped with the reason, a DOI is matched as its doi.org address",
          "[link_selection]") {
  auto doc = check_document(citecheck::test::doc_from(
      "Ports\n\nThe survey (Aliyev 2021; Light 2023) is cited.\n\nReferences\n\n"
      "Aliyev, Rashid. 2021. Ports of the Caspian. Caspian Studies 4: 11-20. https://www.linkedin.com/pulse/ports\n"
      "Light, Felix. 2023. Harbours. Journal of Ports 2: 1-9. https://doi.org/10.1234/harbours.2023\n"));
  LinkSelection s;
  s.exclude(R"(linkedin\.com)", "--exclude");
  s.exclude(R"(doi\.org/10\.1234/)", "--exclude");
  CHECK(apply_link_selection(doc.manuscript, s) == 2);
  const Link* url = url_link(doc, "https://www.linkedin.com/pulse/ports");
  REQUIRE(url);
  CHECK(url->status == LinkStatus::Skipped);
  CHECK(url->excluded);
  CHECK(url->error == std::optional<std::string>(R"(excluded by --exclude 'linkedin\.com')"));
  const Link* doi = url_link(doc, "10.1234/harbours.2023");
  REQUIRE(doi);
  CHECK(doi->status == LinkStatus::Skipped);
}

TEST_CASE("an excluded link is never requested, the others are", "[link_selection][network]") {
  LoopbackServer server;
  server.server.Get(R"(/.*)", [](const httplib::Request&, httplib::Response& res) { res.set_content("ok", "text/plain"); });
  server.start();
  Report report;
  report.documents.push_back(check_document(citecheck::test::doc_from(
      "Ports\n\nThe survey (Aliyev 2021) and the map (Light 2023).\n\nReferences\n\n"
      "Aliyev, Rashid. 2021. Ports of the Caspian. Caspian Studies 4: 11-20. " + server.url("/private/draft") + "\n"
      "Light, Felix. 2023. Harbours. Journal of Ports 2: 1-9. " + server.url("/public/map") + "\n")));
  LinkSelection s;
  s.exclude("/private/", "--exclude");
  apply_link_selection(report.documents[0].manuscript, s);
  ResolverOptions o = citecheck::test::loopback_options();
  o.archive_lookup = false;
  resolve_links(report, o, {});
  CHECK(server.count("HEAD", "/private/draft") + server.count("GET", "/private/draft") == 0);
  CHECK(server.count("HEAD", "/public/map") + server.count("GET", "/public/map") >= 1);
  const Link* excluded = url_link(report.documents[0], server.url("/private/draft"));
  REQUIRE(excluded);
  CHECK(excluded->status == LinkStatus::Skipped);
  CHECK(url_link(report.documents[0], server.url("/public/map"))->status == LinkStatus::Ok);
}
