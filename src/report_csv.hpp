// report_csv.hpp — the findings as CSV (RFC 4180), for spreadsheets and dashboards that
// import tables: a header row, then one row per finding.
#pragma once

#include <ostream>
#include <string>

#include "src/model.hpp"

namespace citecheck {

void write_csv(const Report& report, std::ostream& out);

// One RFC 4180 field: quoted when it holds a comma, a double quote or a line end, with its
// double quotes doubled.
std::string csv_field(const std::string& text);

}  // namespace citecheck
