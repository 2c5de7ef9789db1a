#include "src/report_json.hpp"

namespace citecheck {

namespace {

using nlohmann::json;

json opt(const std::optional<std::string>& v) { return v ? json(*v) : json(nullptr); }

json work_fields(const Work& w) {
  json authors = json::array();
  for (const auto& p : w.authors) {
    json a = {{"family", p.family}};
    if (!p.given.empty()) a["given"] = p.given;
    if (p.organisation) a["literal"] = p.family;
    authors.push_back(std::move(a));
  }
  json j = {{"authors", authors},   {"year", opt(w.year)},       {"title", opt(w.title)},
            {"container", opt(w.container)}, {"doi", opt(w.doi)}, {"urls", w.urls},
            {"accessed", opt(w.accessed)}};
  if (w.volume) j["volume"] = *w.volume;
  if (w.issue) j["issue"] = *w.issue;
  if (w.pages) j["pages"] = *w.pages;
  if (w.isbn) j["isbn"] = *w.isbn;
  return j;
}

json document_json(const DocumentReport& d) {
  const Manuscript& m = d.manuscript;
  json footnotes = json::array();
  for (const auto& f : m.footnotes) {
    json j = {{"id", f.id}, {"label", f.label}};
    j["marker"] = f.marker ? json{{"line", f.marker->line}, {"column", f.marker->column}} : json(nullptr);
    j["body"] = f.body ? json{{"line", f.body->line}, {"column", f.body->column}, {"end_line", f.body->end_line}}
                       : json(nullptr);
    j["text"] = f.text;
    if (f.work) j["work"] = work_fields(*f.work);
    footnotes.push_back(std::move(j));
  }
  json references = json::array();
  for (const auto& r : m.references) {
    json j = {{"id", r.id}, {"label", r.label}, {"section", r.section}, {"line", r.span.line},
              {"column", r.span.column}, {"end_line", r.span.end_line}, {"raw", r.raw}};
    j.update(work_fields(r.work));
    if (!r.script.empty()) j["script"] = r.script;
    references.push_back(std::move(j));
  }
  json citations = json::array();
  for (const auto& c : m.citations) {
    json j = {{"id", c.id}, {"kind", to_string(c.kind)}, {"line", c.span.line}, {"column", c.span.column},
              {"raw", c.raw}, {"authors", c.authors}, {"year", opt(c.year)}, {"locator", opt(c.locator)},
              {"reference", opt(c.reference)}};
    if (c.span.end_line != c.span.line) j["end_line"] = c.span.end_line;
    if (c.kind == CitationKind::Numeric) {
      j["numbers"] = c.numbers;
      if (!c.also_references.empty()) j["also_references"] = c.also_references;
    }
    if (c.et_al) j["et_al"] = true;
    citations.push_back(std::move(j));
  }
  json links = json::array();
  for (const auto& l : m.links) {
    json j = {{"id", l.id}, {"kind", to_string(l.kind)}, {"value", l.value}, {"line", l.span.line},
              {"column", l.span.column}, {"owner", opt(l.owner)}, {"status", to_string(l.status)},
              {"http_status", l.http_status ? json(*l.http_status) : json(nullptr)},
              {"final_url", opt(l.final_url)}, {"error", opt(l.error)}};
    if (l.span.end_line != l.span.line) j["end_line"] = l.span.end_line;
    if (l.wrapped) j["wrapped"] = true;
    links.push_back(std::move(j));
  }
  json findings = json::array();
  for (const auto& f : d.findings) {
    findings.push_back({{"code", f.code}, {"severity", to_string(f.severity)}, {"message", f.message},
                        {"line", f.span.line}, {"column", f.span.column}, {"items", f.items}});
  }
  json reference_list = {{"present", m.reference_list.present}};
  if (m.reference_list.present) {
    reference_list["heading"] = m.reference_list.heading;
    reference_list["line"] = m.reference_list.heading_line;
    json sections = json::array();
    for (const auto& s : m.reference_list.sections) sections.push_back({{"heading", s.heading}, {"line", s.line}});
    reference_list["sections"] = sections;
  }
  return {{"path", d.path},         {"format", d.format},         {"scripts", m.scripts},
          {"reference_list", reference_list}, {"footnotes", footnotes}, {"references", references},
          {"citations", citations}, {"links", links},             {"findings", findings}};
}

}  // namespace

json report_to_json(const Report& report) {
  json docs = json::array();
  std::size_t fn = 0, refs = 0, cites = 0, links = 0, err = 0, warn = 0, info = 0;
  for (const auto& d : report.documents) {
    docs.push_back(document_json(d));
    fn += d.manuscript.footnotes.size();
    refs += d.manuscript.references.size();
    cites += d.manuscript.citations.size();
    links += d.manuscript.links.size();
    for (const auto& f : d.findings) {
      if (f.severity == Severity::Error) ++err;
      else if (f.severity == Severity::Warning) ++warn;
      else ++info;
    }
  }
  return {{"schema", "citecheck-report/1"},
          {"tool", {{"name", "citecheck"}, {"version", report.tool_version}}},
          {"generated_at", report.generated_at},
          {"documents", docs},
          {"summary",
           {{"documents", report.documents.size()}, {"footnotes", fn}, {"references", refs}, {"citations", cites},
            {"links", links}, {"findings", {{"error", err}, {"warning", warn}, {"info", info}}}}}};
}

std::string render_json(const Report& report) {
  // Invalid UTF-8 cannot reach here (the reader repairs it), but never throw on output.
  return report_to_json(report).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace citecheck
