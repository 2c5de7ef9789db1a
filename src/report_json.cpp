#include "src/report_json.hpp"

#include <algorithm>
#include <exception>
#include <sstream>
#include <thread>
#include <variant>

#include "src/json_object_writer.hpp"
#include "src/locations.hpp"
#include "src/report_fingerprint.hpp"
#include "src/report_summary.hpp"

namespace citecheck {

namespace {

using nlohmann::json;

json opt(const std::optional<std::string>& v) { return v ? json(*v) : json(nullptr); }

// The report's items are written member by member (json_object_writer.hpp): the same text as
// a nlohmann tree's dump, without the tree.
void work_fields(JsonObjectWriter& j, const Work& w) {
  std::string authors = "[";
  for (const auto& p : w.authors) {
    if (authors.size() > 1) authors += ',';
    JsonObjectWriter a;
    a.string("family", p.family);
    if (!p.given.empty()) a.string("given", p.given);
    if (p.organisation) a.string("literal", p.family);
    a.append_to(authors);
  }
  authors += ']';
  j.raw("authors", std::move(authors));
  j.string_or_null("year", w.year);
  j.string_or_null("title", w.title);
  j.string_or_null("container", w.container);
  j.string_or_null("doi", w.doi);
  j.strings("urls", w.urls);
  j.string_or_null("accessed", w.accessed);
  if (w.volume) j.string("volume", *w.volume);
  if (w.issue) j.string("issue", *w.issue);
  if (w.pages) j.string("pages", *w.pages);
  if (w.isbn) j.string("isbn", *w.isbn);
  if (w.number) j.string("number", *w.number);
}

constexpr auto kReplace = nlohmann::json::error_handler_t::replace;

using Origins = std::vector<LineOrigin>;

void append_footnote(std::string& out, const Footnote& f, const Origins& o) {
  JsonObjectWriter j;
  j.string("id", f.id);
  j.string("label", f.label);
  if (f.marker) {
    JsonObjectWriter m;
    m.integer("line", f.marker->line);
    m.integer("column", f.marker->column);
    add_location_fields(m, o, f.marker->line);
    j.raw("marker", m.str());
  } else {
    j.raw("marker", "null");
  }
  if (f.body) {
    JsonObjectWriter b;
    b.integer("line", f.body->line);
    b.integer("column", f.body->column);
    b.integer("end_line", f.body->end_line);
    add_location_fields(b, o, f.body->line);
    j.raw("body", b.str());
  } else {
    j.raw("body", "null");
  }
  j.string("text", f.text);
  if (f.work) {
    JsonObjectWriter w;
    work_fields(w, *f.work);
    j.raw("work", w.str());
  }
  j.append_to(out);
}

void append_reference(std::string& out, const Reference& r, const Origins& o) {
  JsonObjectWriter j;
  j.string("id", r.id);
  j.string("label", r.label);
  j.string("section", r.section);
  j.integer("line", r.span.line);
  j.integer("column", r.span.column);
  j.integer("end_line", r.span.end_line);
  j.string("raw", r.raw);
  work_fields(j, r.work);
  if (!r.script.empty()) j.string("script", r.script);
  if (!r.key.empty()) j.string("key", r.key);
  add_location_fields(j, o, r.span.line);
  j.append_to(out);
}

void append_citation(std::string& out, const Citation& c, const Origins& o) {
  JsonObjectWriter j;
  j.string("id", c.id);
  j.string("kind", to_string(c.kind));
  j.integer("line", c.span.line);
  j.integer("column", c.span.column);
  j.string("raw", c.raw);
  j.strings("authors", c.authors);
  j.string_or_null("year", c.year);
  j.string_or_null("locator", c.locator);
  j.string_or_null("reference", c.reference);
  if (c.span.end_line != c.span.line) j.integer("end_line", c.span.end_line);
  if (c.kind == CitationKind::Numeric) {
    j.strings("numbers", c.numbers);
    if (!c.also_references.empty()) j.strings("also_references", c.also_references);
  }
  if (c.et_al) j.boolean("et_al", true);
  if (c.narrative) j.boolean("narrative", true);
  if (c.through_secondary_source) j.boolean("through_secondary_source", true);
  if (c.number) j.string("number", *c.number);
  if (!c.source.empty()) j.string("source", c.source);
  if (!c.targets.empty()) j.strings("targets", c.targets);
  if (c.doi) j.string("doi", *c.doi);
  add_location_fields(j, o, c.span.line);
  j.append_to(out);
}

void append_link(std::string& out, const Link& l, const Origins& o) {
  JsonObjectWriter j;
  j.string("id", l.id);
  j.string("kind", to_string(l.kind));
  j.string("value", l.value);
  j.integer("line", l.span.line);
  j.integer("column", l.span.column);
  j.string_or_null("owner", l.owner);
  j.string("status", to_string(l.status));
  j.integer_or_null("http_status", l.http_status);
  j.string_or_null("final_url", l.final_url);
  j.string_or_null("error", l.error);
  if (l.span.end_line != l.span.line) j.integer("end_line", l.span.end_line);
  if (l.remapped_to) j.string("remapped_to", *l.remapped_to);
  if (l.shard) j.integer("shard", *l.shard);
  if (l.wrapped) j.boolean("wrapped", true);
  if (l.hyperlink) j.boolean("hyperlink", true);
  add_location_fields(j, o, l.span.line);
  if (const LinkCheck* c = l.check.get()) {
    if (!c->redirects.empty()) j.strings("redirects", c->redirects);
    if (c->page_title) j.string("page_title", *c->page_title);
    if (c->archived_url) {
      j.string("archived_url", *c->archived_url);
      if (c->archived_at) j.string("archived_at", *c->archived_at);
    }
    if (!c->checked_at.empty()) j.string("checked_at", c->checked_at);
    if (c->from_cache) j.boolean("from_cache", true);
    if (const LinkHistoryInfo* h = c->history ? &*c->history : nullptr) {
      j.string("state", h->state);
      if (!h->change.empty()) j.string("state_change", h->change);
      j.integer("consecutive_failures", h->failures);
      if (h->first_failed_at) j.string("first_failed_at", *h->first_failed_at);
      j.string_or_null("last_ok_at", h->last_ok_at);
    }
    if (c->registered) {
      const RegisteredWork& w = *c->registered;
      JsonObjectWriter r;
      r.string("agency", w.agency);
      r.string_or_null("title", w.title);
      r.integer_or_null("year", w.year);
      r.strings("authors", w.family_names);
      if (w.retraction) r.string("retraction", *w.retraction);
      j.raw("registered", r.str());
    }
  }
  j.append_to(out);
}

void append_finding(std::string& out, const Finding& f, const FindingIdentity& identity, const Origins& o) {
  JsonObjectWriter j;
  j.string("code", f.code);
  j.string("severity", to_string(f.severity));
  j.string("message", f.message);
  j.integer("line", f.span.line);
  j.integer("column", f.span.column);
  j.strings("items", f.items);
  j.string("fingerprint", identity.fingerprint);
  add_location_fields(j, o, f.span.line);
  j.append_to(out);
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
template <typename T, typename Append>
void render_items(std::string& into, const Layout& layout, const std::vector<T>& items, std::size_t begin, std::size_t end,
                  const Origins& origins, const Append& append) {
  for (std::size_t i = begin; i < end; ++i) {
    if (i) into += ',';
    into += layout.item;
    append(into, items[i], i, origins);
  }
}

// Batches of items are cut in one slice per thread and written in order, so the output is the
// same whatever the number of threads, and memory holds one batch of text at a time.
template <typename T, typename Append>
void write_array(std::ostream& out, const Layout& layout, const char* name, const std::vector<T>& items,
                 const Origins& origins, Append append) {
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
        render_items(slices[t], layout, items, std::min(end, at + t * per), std::min(end, at + (t + 1) * per), origins, append);
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
  auto by_item = [](auto append) {
    return [append](std::string& into, const auto& item, std::size_t, const Origins& o) { append(into, item, o); };
  };
  write_array(out, layout, "footnotes", m.footnotes, d.origins, by_item(append_footnote));
  out << ",";
  write_array(out, layout, "references", m.references, d.origins, by_item(append_reference));
  out << ",";
  write_array(out, layout, "citations", m.citations, d.origins, by_item(append_citation));
  out << ",";
  write_array(out, layout, "links", m.links, d.origins, by_item(append_link));
  out << ",";
  const std::vector<FindingIdentity> identities = identify_findings(d);
  write_array(out, layout, "findings", d.findings, d.origins,
              [&](std::string& into, const Finding& f, std::size_t i, const Origins& o) { append_finding(into, f, identities[i], o); });
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
