#include "src/report_json.hpp"

#include <sstream>

#include "src/locations.hpp"
#include "src/report_fingerprint.hpp"

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

constexpr auto kReplace = nlohmann::json::error_handler_t::replace;

using Origins = std::vector<LineOrigin>;

json footnote_json(const Footnote& f, const Origins& o) {
  json j = {{"id", f.id}, {"label", f.label}};
  j["marker"] = f.marker ? json{{"line", f.marker->line}, {"column", f.marker->column}} : json(nullptr);
  j["body"] = f.body ? json{{"line", f.body->line}, {"column", f.body->column}, {"end_line", f.body->end_line}}
                     : json(nullptr);
  if (f.marker) add_location_fields(j["marker"], o, f.marker->line);
  if (f.body) add_location_fields(j["body"], o, f.body->line);
  j["text"] = f.text;
  if (f.work) j["work"] = work_fields(*f.work);
  return j;
}

json reference_json(const Reference& r, const Origins& o) {
  json j = {{"id", r.id}, {"label", r.label}, {"section", r.section}, {"line", r.span.line},
            {"column", r.span.column}, {"end_line", r.span.end_line}, {"raw", r.raw}};
  j.update(work_fields(r.work));
  if (!r.script.empty()) j["script"] = r.script;
  if (!r.key.empty()) j["key"] = r.key;
  add_location_fields(j, o, r.span.line);
  return j;
}

json citation_json(const Citation& c, const Origins& o) {
  json j = {{"id", c.id}, {"kind", to_string(c.kind)}, {"line", c.span.line}, {"column", c.span.column},
            {"raw", c.raw}, {"authors", c.authors}, {"year", opt(c.year)}, {"locator", opt(c.locator)},
            {"reference", opt(c.reference)}};
  if (c.span.end_line != c.span.line) j["end_line"] = c.span.end_line;
  if (c.kind == CitationKind::Numeric) {
    j["numbers"] = c.numbers;
    if (!c.also_references.empty()) j["also_references"] = c.also_references;
  }
  if (c.et_al) j["et_al"] = true;
  if (c.narrative) j["narrative"] = true;
  if (!c.source.empty()) j["source"] = c.source;
  if (!c.targets.empty()) j["targets"] = c.targets;
  if (c.doi) j["doi"] = *c.doi;
  add_location_fields(j, o, c.span.line);
  return j;
}

json link_json(const Link& l, const Origins& o) {
  json j = {{"id", l.id}, {"kind", to_string(l.kind)}, {"value", l.value}, {"line", l.span.line},
            {"column", l.span.column}, {"owner", opt(l.owner)}, {"status", to_string(l.status)},
            {"http_status", l.http_status ? json(*l.http_status) : json(nullptr)},
            {"final_url", opt(l.final_url)}, {"error", opt(l.error)}};
  if (l.span.end_line != l.span.line) j["end_line"] = l.span.end_line;
  if (l.remapped_to) j["remapped_to"] = *l.remapped_to;
  if (l.wrapped) j["wrapped"] = true;
  if (l.hyperlink) j["hyperlink"] = true;
  add_location_fields(j, o, l.span.line);
  if (const LinkCheck* c = l.check.get()) {
    if (!c->redirects.empty()) j["redirects"] = c->redirects;
    if (c->page_title) j["page_title"] = *c->page_title;
    if (c->archived_url) {
      j["archived_url"] = *c->archived_url;
      if (c->archived_at) j["archived_at"] = *c->archived_at;
    }
    if (!c->checked_at.empty()) j["checked_at"] = c->checked_at;
    if (c->from_cache) j["from_cache"] = true;
    if (c->history) {
      j["consecutive_failures"] = c->history->consecutive_failures;
      if (c->history->first_failed_at) j["first_failed_at"] = *c->history->first_failed_at;
    }
    if (c->registered) {
      const RegisteredWork& w = *c->registered;
      j["registered"] = {{"agency", w.agency}, {"title", opt(w.title)}, {"year", w.year ? json(*w.year) : json(nullptr)},
                         {"authors", w.family_names}};
      if (w.retraction) j["registered"]["retraction"] = *w.retraction;
    }
  }
  return j;
}

json finding_json(const Finding& f, const FindingIdentity& identity, const Origins& o) {
  json j = {{"code", f.code}, {"severity", to_string(f.severity)}, {"message", f.message},
            {"line", f.span.line}, {"column", f.span.column}, {"items", f.items},
            {"fingerprint", identity.fingerprint}};
  add_location_fields(j, o, f.span.line);
  return j;
}

template <typename T, typename ToJson>
void write_array(std::ostream& out, const char* name, const std::vector<T>& items, const Origins& origins,
                 ToJson to_json) {
  out << "      \"" << name << "\": [";
  for (std::size_t i = 0; i < items.size(); ++i)
    out << (i ? ",\n        " : "\n        ") << to_json(items[i], origins).dump(-1, ' ', false, kReplace);
  out << (items.empty() ? "]" : "\n      ]");
}

void write_document(std::ostream& out, const DocumentReport& d) {
  const Manuscript& m = d.manuscript;
  json reference_list = {{"present", m.reference_list.present}};
  if (m.reference_list.present) {
    reference_list["heading"] = m.reference_list.heading;
    reference_list["line"] = m.reference_list.heading_line;
    json sections = json::array();
    for (const auto& s : m.reference_list.sections) sections.push_back({{"heading", s.heading}, {"line", s.line}});
    reference_list["sections"] = sections;
    add_location_fields(reference_list, d.origins, m.reference_list.heading_line);
  }
  out << "    {\n      \"path\": " << json(d.path).dump(-1, ' ', false, kReplace) << ",\n      \"format\": "
      << json(d.format).dump() << ",\n      \"scripts\": " << json(m.scripts).dump()
      << ",\n      \"reference_list\": " << reference_list.dump(-1, ' ', false, kReplace) << ",\n";
  write_array(out, "footnotes", m.footnotes, d.origins, footnote_json);
  out << ",\n";
  write_array(out, "references", m.references, d.origins, reference_json);
  out << ",\n";
  write_array(out, "citations", m.citations, d.origins, citation_json);
  out << ",\n";
  write_array(out, "links", m.links, d.origins, link_json);
  out << ",\n";
  const std::vector<FindingIdentity> identities = identify_findings(d);
  std::size_t next = 0;  // write_array hands the findings over in order
  write_array(out, "findings", d.findings, d.origins,
              [&](const Finding& f, const Origins& o) { return finding_json(f, identities[next++], o); });
  out << "\n    }";
}

// How the run went: always whether it is complete; the rest only when it applies.
void write_run(std::ostream& out, const RunOutcome& run) {
  out << "  \"complete\": " << (run.complete ? "true" : "false") << ",\n";
  if (!run.complete) {
    out << "  \"interrupted_by\": " << json(run.interrupted_by).dump() << ",\n";
    out << "  \"left_unchecked\": " << json(run.left_unchecked).dump(-1, ' ', false, kReplace) << ",\n";
  }
  if (!run.failed_inputs.empty()) {
    json failed = json::array();
    for (const auto& f : run.failed_inputs) failed.push_back({{"path", f.path}, {"error", f.error}});
    out << "  \"failed_inputs\": " << failed.dump(-1, ' ', false, kReplace) << ",\n";
  }
  if (run.network_down) out << "  \"network_down\": " << json(*run.network_down).dump(-1, ' ', false, kReplace) << ",\n";
  if (run.cache) {
    json cache = {{"path", run.cache->path}, {"saved", run.cache->saved}};
    if (!run.cache->saved) cache["error"] = run.cache->error;
    out << "  \"cache\": " << cache.dump(-1, ' ', false, kReplace) << ",\n";
  }
}

}  // namespace

void write_json(const Report& report, std::ostream& out) {
  std::size_t fn = 0, refs = 0, cites = 0, links = 0, err = 0, warn = 0, info = 0;
  out << "{\n  \"schema\": \"citecheck-report/1\",\n  \"tool\": "
      << json{{"name", "citecheck"}, {"version", report.tool_version}}.dump()
      << ",\n  \"generated_at\": " << json(report.generated_at).dump() << ",\n  \"documents\": [";
  for (std::size_t i = 0; i < report.documents.size(); ++i) {
    const auto& d = report.documents[i];
    out << (i ? ",\n" : "\n");
    write_document(out, d);
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
  out << (report.documents.empty() ? "],\n" : "\n  ],\n");
  write_run(out, report.run);
  json summary = {{"documents", report.documents.size()}, {"footnotes", fn}, {"references", refs},
                  {"citations", cites}, {"links", links},
                  {"findings", {{"error", err}, {"warning", warn}, {"info", info}}}};
  out << "  \"summary\": " << summary.dump() << "\n}\n";
}

std::string render_json(const Report& report) {
  std::ostringstream out;
  write_json(report, out);
  return out.str();
}

nlohmann::json report_to_json(const Report& report) { return nlohmann::json::parse(render_json(report)); }

}  // namespace citecheck
