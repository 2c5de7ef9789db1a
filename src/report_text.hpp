// report_text.hpp — the editor's report: one compiler-style line per finding
// (path:line:column: severity: message [code]), then a short summary.
#pragma once

#include <string>

#include "src/model.hpp"

namespace citecheck {

std::string render_text(const Report& report, bool colour);

}  // namespace citecheck
