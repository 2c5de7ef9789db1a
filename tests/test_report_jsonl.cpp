// JSON Lines: one line per document, handed on as each is written, then the end line.
#include <catch2/catch.hpp>

#include <sstream>

#include "helpers.hpp"
#include "src/pipeline.hpp"
#include "src/report_json.hpp"
#include "src/report_jsonl.hpp"

using namespace citecheck;

TEST_CASE("each document is one line, flushed when written, then an end line", "[report_jsonl]") {
  std::ostringstream out;
  std::vector<std::string> flushed;  // what had been written at each flush
  JsonlReport lines(out, [&] { flushed.push_back(out.str()); });
  DocumentReport errors = check_document(test::doc_from(test::read_file(test::fixture_path("cli/errors.txt"))));
  DocumentReport clean = check_document(test::doc_from(test::read_file(test::fixture_path("cli/clean.txt"))));
  lines.document(errors);
  REQUIRE(flushed.size() == 1);
  CHECK(std::count(flushed[0].begin(), flushed[0].end(), '\n') == 1);  // the line, whole, at once
  lines.document(clean);
  Report r;
  r.generated_at = r.run.started_at = r.run.finished_at = "2023-11-14T22:13:20Z";
  lines.end(r);
  REQUIRE(flushed.size() == 3);

  std::istringstream in(out.str());
  std::vector<nlohmann::json> parsed;
  for (std::string line; std::getline(in, line);) parsed.push_back(nlohmann::json::parse(line));
  REQUIRE(parsed.size() == 3);
  CHECK(parsed[0]["type"] == "document");
  CHECK(parsed[0]["schema"] == "citecheck-report/1");
  CHECK(parsed[0]["summary"]["findings"] == nlohmann::json{{"error", 2}, {"warning", 1}, {"info", 0}});
  CHECK(parsed[1]["summary"]["references"] == 4);
  CHECK(parsed[2]["type"] == "end");
  CHECK(parsed[2]["summary"]["documents"] == 2);
  CHECK(parsed[2]["summary"]["findings"] == nlohmann::json{{"error", 2}, {"warning", 1}, {"info", 0}});
  CHECK(parsed[2]["run"]["complete"] == true);
  // A line's document is the JSON report's document, field for field.
  Report whole;
  whole.documents.push_back(errors);
  CHECK(parsed[0]["document"] == report_to_json(whole)["documents"][0]);
  CHECK(lines.totals().errors == 2);
}
