// report_markdown.hpp — the report as Markdown (GitHub/GitLab flavour), for a merge-request
// comment or a CI job summary: a summary table per document, then its findings by severity.
#pragma once

#include <ostream>
#include <string>

#include "src/model.hpp"

namespace citecheck {

void write_markdown(const Report& report, std::ostream& out);

// Text made inert for a Markdown table cell: '|' would end the cell, a backtick open a code
// span, '*' '_' '[' ']' '<' '>' and '\' start emphasis, links or HTML; line ends end the row.
std::string markdown_cell(const std::string& text);

}  // namespace citecheck
