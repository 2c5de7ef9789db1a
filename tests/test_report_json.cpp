// The JSON report's run object (report 1.1): times, options as typed values, completeness and
// the inputs not read; the old top-level fields stay for readers of report 1.0.
#include <catch2/catch.hpp>

#include <set>
#include <sstream>

#include "src/report_json.hpp"

using namespace citecheck;

TEST_CASE("the run object says when, with what options and how the run went", "[report_json]") {
  Report r;
  r.generated_at = "2026-12-06T09:00:00Z";
  r.run.started_at = "2026-12-06T09:00:00Z";
  r.run.finished_at = "2026-12-06T09:04:10Z";
  r.run.options = {{"files", std::vector<std::string>{"archive/", "paper.docx"}},
                   {"offline", false},
                   {"concurrency", 16LL},
                   {"timeout", 2.5},
                   {"mailto", std::string("editors@journal.example")}};
  r.run.failed_inputs = {{"archive/old.doc", "an old binary Word file (.doc)"}};
  r.run.complete = false;
  r.run.interrupted_by = "SIGTERM";
  r.run.left_unchecked = {"https://a.example/1", "10.1000/x"};
  const nlohmann::json j = report_to_json(r);
  const nlohmann::json& run = j["run"];
  CHECK(run["started_at"] == "2026-12-06T09:00:00Z");
  CHECK(run["finished_at"] == "2026-12-06T09:04:10Z");
  CHECK(run["complete"] == false);
  CHECK(run["interrupted_by"] == "SIGTERM");
  CHECK(run["left_unchecked"] == 2);
  CHECK(run["options"] == nlohmann::json::parse(R"({"files": ["archive/", "paper.docx"], "offline": false,
      "concurrency": 16, "timeout": 2.5, "mailto": "editors@journal.example"})"));
  CHECK(run["failed_inputs"] == nlohmann::json::parse(R"j([{"path": "archive/old.doc", "error": "an old binary Word file (.doc)"}])j"));
  CHECK(!run.contains("network_down"));
  // Report 1.0's fields are still there.
  CHECK(j["complete"] == false);
  CHECK(j["left_unchecked"] == nlohmann::json{"https://a.example/1", "10.1000/x"});
  CHECK(j["failed_inputs"].size() == 1);
}

TEST_CASE("a complete run lists no failed input and no interruption", "[report_json]") {
  Report r;
  r.generated_at = r.run.started_at = r.run.finished_at = "2023-11-14T22:13:20Z";
  const nlohmann::json j = report_to_json(r);
  CHECK(j["run"]["complete"] == true);
  CHECK(j["run"]["failed_inputs"] == nlohmann::json::array());
  CHECK(!j["run"].contains("interrupted_by"));
  CHECK(!j["run"].contains("left_unchecked"));
  CHECK(!j.contains("failed_inputs"));
  CHECK(j["summary"]["links_by_status"].size() == 10);
}

TEST_CASE("long arrays, rendered by several threads, come out whole and in order", "[report_json]") {
  // More items than one thread renders and than one batch holds, with one of each item kind.
  constexpr int kItems = 20'000;
  DocumentReport d;
  d.path = "long.txt";
  for (int i = 1; i <= kItems; ++i) {
    Reference r;
    r.id = "ref" + std::to_string(i);
    r.raw = "Entry " + std::to_string(i) + " \xff";  // invalid UTF-8: replaced, not thrown on
    r.span = {i, 1, i, 10};
    d.manuscript.references.push_back(r);
    Link l;
    l.id = "link" + std::to_string(i);
    l.value = "https://a.example/" + std::to_string(i);
    d.manuscript.links.push_back(l);
    Finding f;
    f.code = "reference-never-cited";
    f.message = "never cited: " + std::to_string(i);
    f.span = {i, 1, i, 1};
    f.items = {r.id};
    d.findings.push_back(f);
  }
  Report report;
  report.documents.push_back(d);
  const std::string text = render_json(report);
  const nlohmann::json j = nlohmann::json::parse(text);
  const auto& doc = j["documents"][0];
  REQUIRE(doc["references"].size() == kItems);
  REQUIRE(doc["links"].size() == kItems);
  REQUIRE(doc["findings"].size() == kItems);
  std::set<std::string> fingerprints;
  for (int i = 0; i < kItems; ++i) {
    INFO(i);
    REQUIRE(doc["references"][i]["id"] == "ref" + std::to_string(i + 1));
    REQUIRE(doc["references"][i]["raw"] == "Entry " + std::to_string(i + 1) + " \xEF\xBF\xBD");
    REQUIRE(doc["links"][i]["id"] == "link" + std::to_string(i + 1));
    REQUIRE(doc["findings"][i]["items"][0] == "ref" + std::to_string(i + 1));
    fingerprints.insert(doc["findings"][i]["fingerprint"].get<std::string>());
  }
  CHECK(fingerprints.size() == kItems);  // each finding got its own identity, not a neighbour's
  // Indented as a report of few items is: one item a line.
  CHECK(text.find("\n        {\"accessed\":null") != std::string::npos);
  // And one line per document in JSON Lines.
  std::ostringstream line;
  write_document_json(d, line);
  CHECK(line.str().find('\n') == std::string::npos);
  CHECK(nlohmann::json::parse(line.str())["findings"].size() == kItems);
}
