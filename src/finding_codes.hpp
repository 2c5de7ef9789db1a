// finding_codes.hpp — every finding code with its severity and one sentence of help, for the
// reports that describe their rules up front (SARIF's tool.driver.rules, the JSON schema's enum
// of codes, tools/schema_codes.cpp) and what to do about each (the HTML report). README.md's table
// of finding codes is the long form; the test readme_finding_codes keeps the two in step.
#pragma once

#include <string_view>
#include <vector>

#include "src/model.hpp"

namespace citecheck {

struct FindingCode {
  Severity severity;  // the most severe a finding of this code can be
  std::string_view code, help;
  std::string_view action;  // what the editor or author should do (the HTML report's advice)
};

const std::vector<FindingCode>& finding_codes();
// The code's row, or nullptr for a code the table does not know.
const FindingCode* finding_code(std::string_view code);

}  // namespace citecheck
