// report_formats.hpp — the report formats by name, and the one an --output file's extension
// asks for, so the command line needs to know neither.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "src/model.hpp"

namespace citecheck {

// "text", "json", "jsonl", "html", "sarif", "junit", "markdown", "csv".
const std::vector<std::string>& report_format_names();

// The format an output file's extension names (.txt .json .jsonl .html .htm .sarif .xml .md .csv, any case);
// "text" for any other extension, as before formats were inferred.
std::string format_for_output(const std::string& path);

// Writes the report in `format` (one of report_format_names()); `colour` only affects text.
void write_report(const std::string& format, const Report& report, std::ostream& out, bool colour);

}  // namespace citecheck
