// report_json.hpp — the machine report: exactly the contract in docs/report.schema.json
// (schema "citecheck-report/1").
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "src/model.hpp"

namespace citecheck {

nlohmann::json report_to_json(const Report& report);
std::string render_json(const Report& report);

}  // namespace citecheck
