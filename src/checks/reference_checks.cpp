// The reference list itself: entries never cited, entries without a year, the same work
// listed twice (in one script, or as a translated/romanised copy), one work with two URLs.
#include <set>
#include <unordered_map>

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
  std::vector<std::vector<std::size_t>> citations_of(refs.size());
  for (std::size_t i = 0; i < m.citations.size(); ++i) {
    int r = lk.citations[i].reference;
    if (r >= 0) {
      cited[r] = true;
      citations_of[r].push_back(i);
    }
    // An ambiguous citation may mean any of its entries: none of them is reported uncited.
    for (int a : lk.citations[i].ambiguous) cited[a] = true;
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
    out.push_back({"no-citations-found", Severity::Info,
                   "the reference list has " + std::to_string(refs.size()) +
                       " entries but no in-text citation was recognised, so none is reported as uncited",
                   {m.reference_list.heading_line, 1, m.reference_list.heading_line, 1}, {}});
  } else if (!bibliography_only) {
    for (std::size_t r = 0; r < refs.size(); ++r) {
      if (cited[r]) continue;
      out.push_back({"reference-never-cited", Severity::Warning,
                     describe(refs[r]) + " is never cited in the text", refs[r].span, {refs[r].id}});
    }
  }

  for (std::size_t r = 0; r < refs.size(); ++r) {
    if (refs[r].work.year) continue;
    std::vector<std::string> items{refs[r].id};
    std::string how;
    for (std::size_t i : citations_of[r]) {
      items.push_back(m.citations[i].id);
      if (how.empty() && m.citations[i].year)
        how = "; it is cited as " + m.citations[i].raw + " on " + place(in.doc, m.citations[i].span.line);
    }
    out.push_back({"reference-missing-year", Severity::Warning,
                   describe(refs[r]) + " has no year of publication (write n.d. if it has none)" + how, refs[r].span,
                   items});
  }

  for (const auto& d : lk.duplicates) {
    const Reference& a = refs[d.a];
    const Reference& b = refs[d.b];
    out.push_back({"duplicate-reference", Severity::Warning,
                   describe(b) + " repeats " + describe(a) + " (" + place(in.doc, a.span.line) + ")" +
                       (d.shares_link ? ": same DOI or URL" : ": same author, year and title"),
                   b.span, {a.id, b.id}});
  }

  for (const auto& t : lk.twins) {
    const Reference& a = refs[t.a];
    const Reference& b = refs[t.b];
    out.push_back({"translated-duplicate", Severity::Info,
                   describe(b) + " is the " + b.script + " copy of " + describe(a) + " (" + place(in.doc, a.span.line) + ", " + a.script +
                       "); a citation of either counts for both",
                   b.span, {a.id, b.id}});
    auto ua = urls_of(a), ub = urls_of(b);
    if (!ua.empty() && !ub.empty() && ua != ub) {
      out.push_back({"conflicting-urls", Severity::Warning,
                     "one work, two URLs: " + describe(a) + " (" + place(in.doc, a.span.line) + ") gives " +
                         a.work.urls.front() + " but its copy " + describe(b) + " gives " + b.work.urls.front(),
                     b.span, {a.id, b.id}});
    }
  }
  for (const auto& d : lk.duplicates) {
    const Reference& a = refs[d.a];
    const Reference& b = refs[d.b];
    auto ua = urls_of(a), ub = urls_of(b);
    if (!d.shares_link && !ua.empty() && !ub.empty() && ua != ub)
      out.push_back({"conflicting-urls", Severity::Warning,
                     "one work, two URLs: " + describe(a) + " gives " + a.work.urls.front() + " but " + describe(b) +
                         " gives " + b.work.urls.front(),
                     b.span, {a.id, b.id}});
  }
}

}  // namespace citecheck
