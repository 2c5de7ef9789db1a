#include "src/report_json.hpp"

#include <algorithm>
#include <exception>
#include <sstream>
#include <thread>
#include <variant>

#include "src/locations.hpp"
#include "src/report_fingerprint.hpp"
#include "src/report_summary.hpp"

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
  if (w.number) j["number"] = *w.number;
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
  if (c.through_secondary_source) j["through_secondary_source"] = true;
  if (c.number) j["number"] = *c.number;
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
  if (l.shard) j["shard"] = *l.shard;
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
    if (const LinkHistoryInfo* h = c->history ? &*c->history : nullptr) {
      j["state"] = h->state;
      if (!h->change.empty()) j["state_change"] = h->change;
      j["consecutive_failures"] = h->failures;
      if (h->first_failed_at) j["first_failed_at"] = *h->first_failed_at;
      j["last_ok_at"] = opt(h->last_ok_at);
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

// Where the writer breaks lines: the report is indented for people; a JSON Lines document
// is one line.
struct Layout {
  const char* open;   // before a document's key
  const char* item;   // before an array's item
  const char* close;  // before a non-empty array's closing bracket
  const char* end;    // before the document's closing brace
};
constexpr Layout kIndented{"\n      ", "\n        ", "\n      ", "\n    "};
constexpr Layout kOneLine{"", "", "", ""};

// Threads that render a long array's items side by side: a report of 100,000 entries spends
// most of its time making each item's JSON, which needs nothing from the other items.
unsigned render_threads(std::size_t items) {
  constexpr std::size_t kItemsPerThread = 1024;
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  return static_cast<unsigned>(std::min<std::size_t>({cores, 4, items / kItemsPerThread + 1}));
}

// Items [begin, end) as the array writes them: a comma before all but the array's first.
template <typename T, typename ToJson>
void render_items(std::string& into, const Layout& layout, const std::vector<T>& items, std::size_t begin, std::size_t end,
                  const Origins& origins, const ToJson& to_json) {
  for (std::size_t i = begin; i < end; ++i) {
    if (i) into += ',';
    into += layout.item;
    into += to_json(items[i], i, origins).dump(-1, ' ', false, kReplace);
  }
}

// Batches of items are cut in one slice per thread and written in order, so the output is the
// same whatever the number of threads, and memory holds one batch of text at a time.
template <typename T, typename ToJson>
void write_array(std::ostream& out, const Layout& layout, const char* name, const std::vector<T>& items,
                 const Origins& origins, ToJson to_json) {
  out << layout.open << "\"" << name << "\": [";
  const unsigned threads = render_threads(items.size());
  constexpr std::size_t kBatch = 8192;
  std::vector<std::string> slices(threads);
  for (std::size_t at = 0; at < items.size(); at += kBatch) {
    const std::size_t end = std::min(items.size(), at + kBatch), per = (end - at + threads - 1) / threads;
    std::vector<std::exception_ptr> errors(threads);
    auto render = [&](unsigned t) {
      try {
        slices[t].clear();
        render_items(slices[t], layout, items, std::min(end, at + t * per), std::min(end, at + (t + 1) * per), origins, to_json);
      } catch (...) {
        errors[t] = std::current_exception();
      }
    };
    std::vector<std::thread> helpers;
    for (unsigned t = 1; t < threads; ++t) helpers.emplace_back(render, t);
    render(0);
    for (auto& h : helpers) h.join();
    for (unsigned t = 0; t < threads; ++t) {
      if (errors[t]) std::rethrow_exception(errors[t]);
      out << slices[t];
    }
  }
  out << (items.empty() ? "" : layout.close) << "]";
}

void write_document(std::ostream& out, const DocumentReport& d, const Layout& layout) {
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
  out << "{" << layout.open << "\"path\": " << json(d.path).dump(-1, ' ', false, kReplace) << "," << layout.open
      << "\"format\": " << json(d.format).dump() << "," << layout.open << "\"scripts\": " << json(m.scripts).dump()
      << "," << layout.open << "\"reference_list\": " << reference_list.dump(-1, ' ', false, kReplace) << ",";
  auto by_item = [](auto to_json) {
    return [to_json](const auto& item, std::size_t, const Origins& o) { return to_json(item, o); };
  };
  write_array(out, layout, "footnotes", m.footnotes, d.origins, by_item(footnote_json));
  out << ",";
  write_array(out, layout, "references", m.references, d.origins, by_item(reference_json));
  out << ",";
  write_array(out, layout, "citations", m.citations, d.origins, by_item(citation_json));
  out << ",";
  write_array(out, layout, "links", m.links, d.origins, by_item(link_json));
  out << ",";
  const std::vector<FindingIdentity> identities = identify_findings(d);
  write_array(out, layout, "findings", d.findings, d.origins,
              [&](const Finding& f, std::size_t i, const Origins& o) { return finding_json(f, identities[i], o); });
  out << layout.end << "}";
}

json failed_inputs_json(const RunOutcome& run) {
  json failed = json::array();
  for (const auto& f : run.failed_inputs) failed.push_back({{"path", f.path}, {"error", f.error}});
  return failed;
}

json cache_json(const CacheOutcome& c) {
  json cache = {{"path", c.path}, {"saved", c.saved}, {"reused_documents", c.reused_documents}};
  if (!c.saved) cache["error"] = c.error;
  return cache;
}

// How the run went: always whether it is complete; the rest only when it applies. Kept at the
// top level for readers of report 1.0; report 1.1 gathers it in `run` (run_json).
void write_run(std::ostream& out, const RunOutcome& run) {
  out << "  \"complete\": " << (run.complete ? "true" : "false") << ",\n";
  if (!run.complete) {
    out << "  \"interrupted_by\": " << json(run.interrupted_by).dump() << ",\n";
    out << "  \"left_unchecked\": " << json(run.left_unchecked).dump(-1, ' ', false, kReplace) << ",\n";
  }
  if (!run.failed_inputs.empty())
    out << "  \"failed_inputs\": " << failed_inputs_json(run).dump(-1, ' ', false, kReplace) << ",\n";
  if (run.network_down) out << "  \"network_down\": " << json(*run.network_down).dump(-1, ' ', false, kReplace) << ",\n";
  if (run.cache) out << "  \"cache\": " << cache_json(*run.cache).dump(-1, ' ', false, kReplace) << ",\n";
  if (!run.sites.empty()) {
    json sites = json::array();
    for (const auto& s : run.sites) {
      sites.push_back({{"site", s.site}, {"links", s.links}, {"checked", s.checked}, {"never_checked", s.never_checked},
                       {"oldest_unchecked_at", opt(s.oldest_unchecked_at)},
                       {"oldest_unchecked_age_hours", s.oldest_unchecked_age_hours ? json(*s.oldest_unchecked_age_hours) : json(nullptr)}});
      if (s.deferred) sites.back()["deferred"] = s.deferred;
    }
    out << "  \"sites\": " << sites.dump(-1, ' ', false, kReplace) << ",\n";
  }
  out << "  \"run\": " << run_json(run).dump(-1, ' ', false, kReplace) << ",\n";
}

}  // namespace

json run_json(const RunOutcome& run) {
  json options = json::object();
  for (const RunOption& o : run.options) std::visit([&](const auto& v) { options[o.name] = v; }, o.value);
  json j = {{"started_at", run.started_at}, {"finished_at", run.finished_at}, {"complete", run.complete},
            {"options", options}, {"failed_inputs", failed_inputs_json(run)}};
  if (!run.complete) {
    j["interrupted_by"] = run.interrupted_by;
    j["left_unchecked"] = run.left_unchecked.size();
  }
  if (run.network_down) j["network_down"] = *run.network_down;
  if (run.cache) j["cache"] = cache_json(*run.cache);
  if (run.shard) j["shard"] = {{"index", run.shard->index}, {"count", run.shard->count}};
  if (run.deferred) j["deferred"] = run.deferred;
  return j;
}

void write_document_json(const DocumentReport& d, std::ostream& out) { write_document(out, d, kOneLine); }

void write_json(const Report& report, std::ostream& out) {
  write_json(report, report.documents.size(), [&](std::size_t i) -> const DocumentReport& { return report.documents[i]; },
             out);
}

void write_json(const Report& report, std::size_t count, const DocumentSource& document, std::ostream& out) {
  out << "{\n  \"schema\": \"citecheck-report/1\",\n  \"tool\": "
      << json{{"name", "citecheck"}, {"version", report.tool_version}}.dump()
      << ",\n  \"generated_at\": " << json(report.generated_at).dump() << ",\n  \"documents\": [";
  // The summary is added up as the documents go by: they need not all be in memory at once.
  ReportTotals totals;
  for (std::size_t i = 0; i < count; ++i) {
    out << (i ? ",\n    " : "\n    ");
    const DocumentReport& d = document(i);
    write_document(out, d, kIndented);
    totals.add(d);
  }
  out << (count == 0 ? "],\n" : "\n  ],\n");
  write_run(out, report.run);
  out << "  \"summary\": " << totals.to_json().dump() << "\n}\n";
}

std::string render_json(const Report& report) {
  std::ostringstream out;
  write_json(report, out);
  return out.str();
}

nlohmann::json report_to_json(const Report& report) { return nlohmann::json::parse(render_json(report)); }

}  // namespace citecheck
