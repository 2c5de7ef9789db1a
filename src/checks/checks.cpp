#include "src/checks/checks.hpp"

#include <algorithm>

#include "src/locations.hpp"

namespace citecheck {

MessageText describe(const Reference& r) {
  std::string s;
  if (!r.work.authors.empty()) {
    s = r.work.authors[0].family;
    if (!r.work.authors[0].given.empty()) s += ", " + r.work.authors[0].given;
    if (r.work.authors.size() > 2) s += " et al.";
    else if (r.work.authors.size() == 2) s += " & " + r.work.authors[1].family;
  } else {
    s = r.raw.substr(0, 40);
  }
  MessageText year = r.work.year ? MessageText(*r.work.year + r.work.year_suffix.value_or("")) : say("no-year");
  MessageText named = say("entry.name", {s, year});
  return r.label.empty() ? say("entry", {named}) : say("entry.labelled", {r.label, named});
}

MessageText place(const Document& doc, int line) { return place_text(doc.origins, line); }

Finding finding(std::string code, Severity severity, MessageText text, SourceSpan span, std::vector<std::string> items) {
  Finding f{std::move(code), severity, in_english(text), span, std::move(items)};
  f.text = std::move(text);
  return f;
}

void sort_findings(std::vector<Finding>& findings) {
  std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
    return a.span.line != b.span.line ? a.span.line < b.span.line : a.span.column < b.span.column;
  });
}

std::vector<Finding> run_checks(const Document& doc, const ParsedDocument& parsed, const Linkage& linkage) {
  std::vector<Finding> out;
  for (const auto& issue : doc.issues) {
    Finding f;
    f.code = issue.code;
    f.severity = Severity::Warning;
    f.message = issue.message;
    f.text = issue.text;
    f.span.line = f.span.end_line = issue.line;
    f.span.column = issue.column;
    out.push_back(std::move(f));
  }
  CheckInput in{doc, parsed, linkage};
  check_citations(in, out);
  check_references(in, out);
  check_footnotes(in, out);
  check_links(in, out);
  sort_findings(out);
  return out;
}

}  // namespace citecheck
