// The reference list itself: entries never cited, entries without a year, the same work
// listed twice (in one script, or as a translated/romanised copy), one work with two URLs.
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "src/checks/checks.hpp"

namespace citecheck {

namespace {

std::set<std::string> urls_of(const Reference& r) {
  std::set<std::string> s;
  for (const auto& u : r.work.urls) s.insert(comparable_url(u));
  return s;
}

}  // namespace

void check_references(const CheckInput& in, std::vector<Finding>& out) {
  const Manuscript& m = in.m();
  const auto& refs = m.references;
  const Linkage& lk = in.linkage;
  if (refs.empty()) return;

  std::unordered_map<std::string, std::size_t> index_of;
  for (std::size_t k = 0; k < refs.size(); ++k) index_of.emplace(refs[k].id, k);
  std::vector<bool> cited(refs.size(), false);
  std::unordered_set<const void*> marked_sets;
  std::vector<std::vector<std::size_t>> citations_of(refs.size());
  for (std::size_t i = 0; i < m.citations.size(); ++i) {
    int r = lk.citations[i].reference;
    if (r >= 0) {
      cited[r] = true;
      citations_of[r].push_back(i);
    }
    // An ambiguous citation may mean any of its entries: none of them is reported uncited.
    // Citations share their sets: each is walked once, not once per citation.
    if (const EntrySet& set = lk.citations[i].ambiguous; !set.empty() && marked_sets.insert(set.identity()).second)
      for (int a : set) cited[a] = true;
    for (const auto& id : m.citations[i].also_references)
      if (auto it = index_of.find(id); it != index_of.end()) cited[it->second] = true;
  }
  for (int r : lk.footnote_reference)
    if (r >= 0) cited[r] = true;
  for (std::size_t r = 0; r < refs.size(); ++r)
    if (lk.twin_of[r] >= 0 && cited[lk.twin_of[r]]) cited[r] = true;
  // A work listed twice is cited when either copy is; the duplicate has its own finding.
  for (const auto& d : lk.duplicates)
    if (cited[d.a] || cited[d.b]) cited[d.a] = cited[d.b] = true;
  std::size_t cited_count = 0;
  for (bool c : cited) cited_count += c;

  // A bibliography given alone (a .bib or CSL-JSON export) has no text to cite it.
  const bool bibliography_only = in.doc.structure && in.doc.structure->bibliography_only;
  if (!bibliography_only && m.citations.empty() && cited_count == 0) {
    // A list with no citation at all in the text: most likely a citation style citecheck
    // does not read, so one note instead of one warning per entry.
    out.push_back(finding("no-citations-found", Severity::Info,
                          counted("no-citations-found", static_cast<long long>(refs.size())),
                          {m.reference_list.heading_line, 1, m.reference_list.heading_line, 1}));
  } else if (!bibliography_only) {
    for (std::size_t r = 0; r < refs.size(); ++r) {
      if (cited[r]) continue;
      out.push_back(finding("reference-never-cited", Severity::Warning, say("reference-never-cited", {describe(refs[r])}),
                            refs[r].span, {refs[r].id}));
    }
  }

  for (std::size_t r = 0; r < refs.size(); ++r) {
    if (refs[r].work.year) continue;
    std::vector<std::string> items{refs[r].id};
    MessageText text = say("reference-missing-year", {describe(refs[r])});
    bool cited_with_year = false;
    for (std::size_t i : citations_of[r]) {
      items.push_back(m.citations[i].id);
      if (!cited_with_year && m.citations[i].year) {
        cited_with_year = true;
        text = say("reference-missing-year.cited", {describe(refs[r]), m.citations[i].raw,
                                                    place(in.doc, m.citations[i].span.line)});
      }
    }
    out.push_back(finding("reference-missing-year", Severity::Warning, std::move(text), refs[r].span, items));
  }

  for (const auto& d : lk.duplicates) {
    const Reference& a = refs[d.a];
    const Reference& b = refs[d.b];
    out.push_back(finding("duplicate-reference", Severity::Warning,
                          say(d.shares_link ? "duplicate-reference.link" : "duplicate-reference.work",
                              {describe(b), describe(a), place(in.doc, a.span.line)}),
                          b.span, {a.id, b.id}));
  }

  for (const auto& t : lk.twins) {
    const Reference& a = refs[t.a];
    const Reference& b = refs[t.b];
    out.push_back(finding("translated-duplicate", Severity::Info,
                          say("translated-duplicate", {describe(b), b.script, describe(a), place(in.doc, a.span.line), a.script}),
                          b.span, {a.id, b.id}));
    auto ua = urls_of(a), ub = urls_of(b);
    if (!ua.empty() && !ub.empty() && ua != ub) {
      out.push_back(finding("conflicting-urls", Severity::Warning,
                            say("conflicting-urls.copy", {describe(a), place(in.doc, a.span.line), a.work.urls.front(),
                                                          describe(b), b.work.urls.front()}),
                            b.span, {a.id, b.id}));
    }
  }
  for (const auto& d : lk.duplicates) {
    const Reference& a = refs[d.a];
    const Reference& b = refs[d.b];
    auto ua = urls_of(a), ub = urls_of(b);
    if (!d.shares_link && !ua.empty() && !ub.empty() && ua != ub)
      out.push_back(finding("conflicting-urls", Severity::Warning,
                            say("conflicting-urls", {describe(a), a.work.urls.front(), describe(b), b.work.urls.front()}),
                            b.span, {a.id, b.id}));
  }
}

}  // namespace citecheck
