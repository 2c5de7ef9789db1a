// An --output file's extension names the report format.
#include <catch2/catch.hpp>

#include "src/report_formats.hpp"

using namespace citecheck;

TEST_CASE("the output extension chooses the report format", "[report_formats]") {
  CHECK(format_for_output("report.sarif") == "sarif");
  CHECK(format_for_output("out/report.json") == "json");
  CHECK(format_for_output("junit.xml") == "junit");
  CHECK(format_for_output("summary.md") == "markdown");
  CHECK(format_for_output("findings.csv") == "csv");
  CHECK(format_for_output("report.txt") == "text");
  CHECK(format_for_output("archive/night.jsonl") == "jsonl");
  CHECK(format_for_output("for-the-author.html") == "html");
  CHECK(format_for_output("REPORT.HTM") == "html");
  CHECK(format_for_output("REPORT.SARIF") == "sarif");
  CHECK(format_for_output("report.sarif.json") == "json");
  CHECK(format_for_output("report") == "text");
  CHECK(format_for_output("report.log") == "text");
  CHECK(format_for_output(".json") == "text");  // a hidden file named json, not an extension
}
