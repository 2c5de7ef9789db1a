#include "src/pipeline.hpp"

#include "parsers/manuscript.hpp"
#include "src/checks/checks.hpp"
#include "src/excerpts.hpp"
#include "src/linker.hpp"

namespace citecheck {

const char* to_string(CitationKind k) {
  switch (k) {
    case CitationKind::AuthorDate: return "author-date";
    case CitationKind::Numeric: return "numeric";
    case CitationKind::Footnote: return "footnote";
  }
  return "";
}

const char* to_string(LinkKind k) {
  switch (k) {
    case LinkKind::Url: return "url";
    case LinkKind::Doi: return "doi";
    case LinkKind::Email: return "email";
    case LinkKind::Isbn: return "isbn";
  }
  return "";
}

const char* to_string(LinkStatus s) {
  switch (s) {
    case LinkStatus::Unchecked: return "unchecked";
    case LinkStatus::Ok: return "ok";
    case LinkStatus::Redirected: return "redirected";
    case LinkStatus::Broken: return "broken";
    case LinkStatus::ServerError: return "server-error";
    case LinkStatus::Timeout: return "timeout";
    case LinkStatus::Unverifiable: return "unverifiable";
    case LinkStatus::Soft404: return "soft-404";
    case LinkStatus::Invalid: return "invalid";
    case LinkStatus::Skipped: return "skipped";
  }
  return "";
}

const char* to_string(Severity s) {
  switch (s) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Info: return "info";
  }
  return "";
}

DocumentReport check_document(const Document& doc) { return check_document(doc, default_line_models()); }

DocumentReport check_document(const Document& doc, const LineModels& models, const CheckOptions& options) {
  return check_document(doc, models, default_field_tagger(), options);
}

DocumentReport check_document(const Document& doc, const LineModels& models, const FieldTagger& fields,
                              const CheckOptions& options) {
  DocumentReport report;
  report.path = doc.path;
  report.format = doc.format;
  report.origins = doc.origins;
  ParsedDocument parsed = parse_manuscript(doc, models, fields);
  Linkage linkage = link_manuscript(parsed.manuscript);
  report.findings = run_checks(doc, parsed, linkage);
  if (options.excerpts) add_excerpts(doc, parsed.manuscript, report.findings);
  report.manuscript = std::move(parsed.manuscript);
  return report;
}

bool fails_run(const DocumentReport& d, FailOn policy) {
  if (policy == FailOn::None) return false;
  for (const auto& f : d.findings)
    if (policy == FailOn::Any ? f.severity == Severity::Error : f.code == "newly-broken") return true;
  return false;
}

int exit_status(const Report& report, FailOn policy) {
  for (const auto& d : report.documents)
    if (fails_run(d, policy)) return 1;
  return 0;
}

}  // namespace citecheck
