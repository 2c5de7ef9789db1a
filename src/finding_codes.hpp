// finding_codes.hpp — every finding code with its severity and one sentence of help, for the
// reports that describe their rules up front (SARIF's tool.driver.rules). README.md's table
// of finding codes is the long form; the test readme_finding_codes keeps the two in step.
#pragma once

#include <string_view>
#include <vector>

#include "src/model.hpp"

namespace citecheck {

struct FindingCode {
  Severity severity;  // the most severe a finding of this code can be
  std::string_view code, help;
};

const std::vector<FindingCode>& finding_codes();

}  // namespace citecheck
