// The finding codes' table is the one source of the codes the reports describe: SARIF's
// rules, the JSON schema's enum (written from it by tools/schema_codes.cpp), the HTML
// report's advice. readme_finding_codes checks it against the codes the checks emit.
#include <catch2/catch.hpp>

#include <fstream>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "helpers.hpp"
#include "src/finding_codes.hpp"

using namespace citecheck;

TEST_CASE("the schema's finding codes are the program's, in its order", "[finding_codes]") {
  std::ifstream in(std::string(CITECHECK_SOURCE_DIR) + "/docs/report.schema.json");
  const nlohmann::json schema = nlohmann::json::parse(in);
  std::vector<std::string> in_schema = schema["$defs"]["finding_code"]["enum"];
  std::vector<std::string> in_program;
  for (const auto& c : finding_codes()) in_program.emplace_back(c.code);
  INFO("run: cmake --build build --target schema-codes");
  CHECK(in_schema == in_program);
  CHECK(schema["$defs"]["finding"]["properties"]["code"]["$ref"] == "#/$defs/finding_code");
  CHECK(schema["$id"] == "https://citecheck.github.io/citecheck/report/1.1/schema.json");
}

TEST_CASE("every finding code says what to do, once", "[finding_codes]") {
  std::set<std::string_view> seen;
  for (const auto& c : finding_codes()) {
    INFO(c.code);
    CHECK(seen.insert(c.code).second);
    CHECK(c.action.size() > 10);
    CHECK(finding_code(c.code) == &c);
  }
  CHECK(finding_code("no-such-code") == nullptr);
  CHECK(finding_code("year-mismatch")->action == "Make the year in the citation and in the entry agree.");
}
