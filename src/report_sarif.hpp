// report_sarif.hpp — the report as SARIF 2.1.0, for code-scanning UIs (GitHub, GitLab, Azure
// DevOps) and anything else that reads static-analysis results.
#pragma once

#include <ostream>

#include "src/model.hpp"

namespace citecheck {

// One run: tool.driver names citecheck and lists every finding code as a rule; each finding is
// a result located in its file (uri relative to the working folder), with its fingerprint.
void write_sarif(const Report& report, std::ostream& out);

}  // namespace citecheck
