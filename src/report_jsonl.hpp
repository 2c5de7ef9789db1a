// report_jsonl.hpp — the report as JSON Lines, for archive runs: one line per document,
// written as the document is done, then one `end` line with how the run went and the totals.
// Each line is valid against `$defs/jsonl_line` of docs/report.schema.json; a stream without
// its `end` line is a partial run (README "JSON Lines").
#pragma once

#include <functional>
#include <ostream>

#include "src/model.hpp"
#include "src/report_summary.hpp"

namespace citecheck {

class JsonlReport {
 public:
  // `flush` hands each finished line on (to the file, to the pipe) and throws when it cannot.
  JsonlReport(std::ostream& out, std::function<void()> flush) : out_(out), flush_(std::move(flush)) {}
  // {"type": "document", "schema": …, "document": {…as in the JSON report}, "summary": {…of it}}
  void document(const DocumentReport& d);
  // {"type": "end", "schema": …, "tool": …, "generated_at": …, "run": {…}, "summary": {…}}: the
  // totals of the documents written; the report's own documents are not looked at.
  void end(const Report& report);
  const ReportTotals& totals() const { return totals_; }

 private:
  std::ostream& out_;
  std::function<void()> flush_;
  ReportTotals totals_;
};

// A whole report as JSON Lines at once (--format jsonl when nothing streams).
void write_jsonl(const Report& report, std::ostream& out);

}  // namespace citecheck
