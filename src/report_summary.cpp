#include "src/report_summary.hpp"

namespace citecheck {

void ReportTotals::add(const DocumentReport& d) {
  ++documents;
  footnotes += d.manuscript.footnotes.size();
  references += d.manuscript.references.size();
  citations += d.manuscript.citations.size();
  links += d.manuscript.links.size();
  for (const Link& l : d.manuscript.links) ++links_by_status[static_cast<std::size_t>(l.status)];
  for (const Finding& f : d.findings) {
    if (f.severity == Severity::Error) ++errors;
    else if (f.severity == Severity::Warning) ++warnings;
    else ++infos;
  }
}

nlohmann::json ReportTotals::to_json() const {
  nlohmann::json by_status = nlohmann::json::object();
  for (LinkStatus s : kLinkStatuses) by_status[to_string(s)] = links_by_status[static_cast<std::size_t>(s)];
  return {{"documents", documents}, {"footnotes", footnotes}, {"references", references}, {"citations", citations},
          {"links", links},         {"links_by_status", by_status},
          {"findings", {{"error", errors}, {"warning", warnings}, {"info", infos}}}};
}

ReportTotals totals_of(const Report& report) {
  ReportTotals t;
  for (const auto& d : report.documents) t.add(d);
  return t;
}

}  // namespace citecheck
