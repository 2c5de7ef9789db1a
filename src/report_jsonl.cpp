#include "src/report_jsonl.hpp"

#include <nlohmann/json.hpp>

#include "src/report_json.hpp"

namespace citecheck {

namespace {
constexpr const char* kSchema = "\"schema\": \"citecheck-report/1\"";
constexpr auto kReplace = nlohmann::json::error_handler_t::replace;
}  // namespace

void JsonlReport::document(const DocumentReport& d) {
  ReportTotals own;
  own.add(d);
  totals_.add(d);
  out_ << "{\"type\": \"document\", " << kSchema << ", \"document\": ";
  write_document_json(d, out_);
  out_ << ", \"summary\": " << own.to_json().dump() << "}\n";
  flush_();
}

void JsonlReport::end(const Report& report) {
  const nlohmann::json tool = {{"name", "citecheck"}, {"version", report.tool_version}};
  out_ << "{\"type\": \"end\", " << kSchema << ", \"tool\": " << tool.dump()
       << ", \"generated_at\": " << nlohmann::json(report.generated_at).dump()
       << ", \"run\": " << run_json(report.run).dump(-1, ' ', false, kReplace) << ", \"summary\": " << totals_.to_json().dump()
       << "}\n";
  flush_();
}

void write_jsonl(const Report& report, std::ostream& out) {
  JsonlReport lines(out, [] {});
  for (const auto& d : report.documents) lines.document(d);
  lines.end(report);
}

}  // namespace citecheck
