// report_json.hpp — the machine report: exactly the contract in docs/report.schema.json
// (schema "citecheck-report/1", revision 1.1).
#pragma once

#include <cstddef>
#include <functional>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>

#include "src/model.hpp"

namespace citecheck {

// Writes the report item by item, so a report of a million citations never exists as one
// JSON tree in memory.
void write_json(const Report& report, std::ostream& out);
// The same with `count` documents asked of `document` one at a time, in order (what it
// returns need only live until the next call), not those of `report`: documents kept at
// rest are woken, written and let go one by one.
using DocumentSource = std::function<const DocumentReport&(std::size_t)>;
void write_json(const Report& report, std::size_t count, const DocumentSource& document, std::ostream& out);
std::string render_json(const Report& report);
// One document as the report's `documents[]` holds it, on one line (for JSON Lines).
void write_document_json(const DocumentReport& d, std::ostream& out);
// The report's `run`: times, options, completeness, inputs not read (report 1.1).
nlohmann::json run_json(const RunOutcome& run);
// The same report as a JSON value (for tests and tools; parses render_json's output).
nlohmann::json report_to_json(const Report& report);

}  // namespace citecheck
