// report_junit.hpp — the report as JUnit XML, the test-report format CI servers (GitLab,
// Jenkins, Azure DevOps, GitHub test-report actions) show without a plug-in.
#pragma once

#include <ostream>

#include "src/model.hpp"

namespace citecheck {

void write_junit(const Report& report, std::ostream& out);

}  // namespace citecheck
