// Citations against the reference list: unmatched, wrong year, cited by a given name,
// ambiguous, malformed; a document that cites but has no reference list.
#include <cstdio>
#include <map>
#include <set>

#include "parsers/dates.hpp"
#include "parsers/unicode_text.hpp"
#include "src/checks/checks.hpp"

namespace citecheck {

namespace {

// A personal communication or an interview, cited by its date to the month ("(J. Smith,
// personal communication, April 18, 2024)", "(Gestora de Educação Especial, abril de 2024)"):
// by APA's rule and most others, such sources are cited in the text only, never listed.
bool personal_communication(const Citation& c) {
  static const std::set<std::string> phrases = {
      "personalcommunication", "perscomm", "persoonlijkemededeling", "comunicacaopessoal", "comunicacionpersonal",
      "communicationpersonnelle", "personlichemitteilung", "comunicazionepersonale", "личноесообщение",
      "особистеповідомлення", "kisiselgorusme"};
  // The words of each comma-separated part of the citation, folded.
  std::vector<std::vector<std::string>> parts;
  std::string_view rest = c.raw;
  while (true) {
    std::size_t comma = rest.find_first_of(",;");
    parts.push_back(word_keys(rest.substr(0, comma)));
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  for (std::size_t p = 0; p < parts.size(); ++p) {
    const auto& words = parts[p];
    for (std::size_t k = 0; k + 1 < words.size(); ++k)
      if (phrases.count(words[k] + words[k + 1])) return true;
    // A month opening a part after the first ("…, April 2024", "…, 18 abril de 2024"); a name
    // that is also a month ("May, 2019") opens the first part and is left alone.
    if (p > 0 && !words.empty() && words.front().size() >= 3 && month_of_name_key(words.front()) > 0) return true;
  }
  return false;
}

std::string manager_name(const std::string& source) {
  if (source == "zotero") return "Zotero";
  if (source == "mendeley") return "Mendeley";
  if (source == "endnote") return "EndNote";
  return source;
}

// What the file itself records about citations: reference-manager fields edited by hand,
// JATS cross-references that name no entry.
void check_recorded_citations(const CheckInput& in, std::vector<Finding>& out) {
  const Manuscript& m = in.m();
  const auto& edited = in.parsed.edited_fields;
  std::multimap<std::size_t, const Citation*> at;  // field citations by start
  if (!edited.empty())
    for (const Citation& c : m.citations)
      if (!c.source.empty()) at.emplace(c.bytes.begin, &c);
  for (std::size_t k = 0; k < edited.size(); ++k) {
    const EditedField& e = edited[k];
    std::vector<std::string> items;
    auto [from, to] = at.equal_range(e.bytes.begin);
    for (auto it = from; it != to; ++it)
      if (it->second->bytes.end == e.bytes.end) items.push_back(it->second->id);
    std::string who = manager_name(e.source);
    SourceSpan span = in.parsed.edited_spans[k];
    if (e.content)
      out.push_back(finding("citation-field-edited", Severity::Error,
                            say("citation-field-edited.content", {who, e.shown, e.recorded}), span, items));
    else if (!e.recorded.empty())
      out.push_back(finding("citation-field-edited", Severity::Warning,
                            say("citation-field-edited.generated", {who, e.shown, e.recorded}), span, items));
    else
      out.push_back(finding("citation-field-edited", Severity::Warning,
                            say("citation-field-edited.recorded", {who, e.shown}), span, items));
  }
  std::set<std::string> keys;
  for (const Reference& r : m.references)
    if (!r.key.empty()) keys.insert(r.key);
  for (const Citation& c : m.citations)
    for (const std::string& t : c.targets)
      if (!keys.count(t))
        out.push_back(finding("unresolved-xref", Severity::Error, say("unresolved-xref", {c.raw, t}), c.span, {c.id}));
}

}  // namespace

void check_citations(const CheckInput& in, std::vector<Finding>& out) {
  const Manuscript& m = in.m();
  const auto& refs = m.references;
  for (std::size_t k = 0; k < in.parsed.malformed.size(); ++k) {
    const auto& mc = in.parsed.malformed[k];
    out.push_back(finding("malformed-citation", Severity::Warning, say("malformed-citation", {mc.raw, mc.reason}),
                          in.parsed.malformed_spans[k]));
  }
  check_recorded_citations(in, out);
  if (!m.reference_list.present) {
    // One finding for the whole document rather than one per citation.
    std::size_t author_date = 0;
    for (const auto& c : m.citations) author_date += c.kind == CitationKind::AuthorDate;
    if (author_date > 0) {
      const Citation& c = m.citations.front();
      out.push_back(finding("missing-reference-list", Severity::Error,
                            counted("missing-reference-list", static_cast<long long>(author_date), {c.raw}), c.span,
                            {c.id}));
    }
    return;
  }
  std::map<std::pair<int, const void*>, MessageText> named_entries;  // by chosen entry and ambiguity
  for (std::size_t i = 0; i < m.citations.size(); ++i) {
    const Citation& c = m.citations[i];
    const CitationLink& link = in.linkage.citations[i];
    if (link.reference < 0) {
      if (!c.targets.empty()) continue;  // unresolved-xref says which rid names nothing
      if (c.kind == CitationKind::Numeric) {
        out.push_back(finding("citation-without-reference", Severity::Error,
                              say("citation-without-reference.numeric", {c.raw}), c.span, {c.id}));
      } else if (!c.through_secondary_source && !personal_communication(c)) {
        out.push_back(finding("citation-without-reference", Severity::Error, say("citation-without-reference", {c.raw}),
                              c.span, {c.id}));
      }
      continue;
    }
    const Reference& r = refs[link.reference];
    if (c.kind == CitationKind::Numeric) continue;
    if (!link.ambiguous.empty()) {
      std::vector<std::string> items{c.id, r.id};
      // The message names a few, the items some more: a citation that fits hundreds of
      // look-alike entries costs no more than one that fits twenty.
      constexpr std::size_t kNamed = 5, kItems = 20;
      for (std::size_t k = 0; k < link.ambiguous.size() && k < kItems; ++k) items.push_back(refs[link.ambiguous[k]].id);
      // Citations of one author and year name the same entries: their list is made once and
      // shared by their findings.
      auto [named, fresh] = named_entries.try_emplace({link.reference, link.ambiguous.identity()});
      if (fresh) {
        MessageText others = say("entry.at", {describe(r), place(in.doc, r.span.line)});
        for (std::size_t k = 0; k < link.ambiguous.size() && k < kNamed; ++k) {
          const Reference& other = refs[link.ambiguous[k]];
          others = say("list.next", {std::move(others), say("entry.at", {describe(other), place(in.doc, other.span.line)})});
        }
        if (link.ambiguous.size() > kNamed)
          others = counted("list.more", static_cast<long long>(link.ambiguous.size() - kNamed), {std::move(others)});
        named->second = std::move(others);
      }
      out.push_back(finding("ambiguous-citation", Severity::Warning, say("ambiguous-citation", {c.raw, named->second}),
                            c.span, items));
    }
    if (c.year && r.work.year && !link.year_matches && *c.year != *r.work.year) {
      out.push_back(finding("year-mismatch", Severity::Error,
                            say("year-mismatch", {*c.year, *r.work.year, describe(r), place(in.doc, r.span.line)}),
                            c.span, {c.id, r.id}));
    }
    // "(سالم ٢٠٢٠، ١٥٠)" for an article on pages 91–142: the page cannot be in the work.
    if (c.locator && r.work.pages) {
      // Numbers of at most six digits (longer ones are no pages), read without overflow.
      auto number_at = [](const std::string& s, std::size_t& i) {
        while (i < s.size() && !(s[i] >= '0' && s[i] <= '9')) ++i;
        int v = 0, n = 0;
        for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i, ++n)
          if (n < 7) v = v * 10 + (s[i] - '0');
        return n >= 1 && n <= 6 ? v : -1;
      };
      std::size_t pi = 0, li = 0;
      int first = number_at(*r.work.pages, pi), last = number_at(*r.work.pages, pi);
      bool locator_is_number = !c.locator->empty() && (*c.locator)[0] >= '0' && (*c.locator)[0] <= '9';
      int page = locator_is_number ? number_at(*c.locator, li) : -1;
      if (first > 0 && last >= first && last - first < 5000 && page > 0 && (page < first || page > last)) {
        out.push_back(finding("locator-out-of-range", Severity::Warning,
                              say("locator-out-of-range", {c.raw, std::to_string(page), *r.work.pages, describe(r),
                                                           place(in.doc, r.span.line)}),
                              c.span, {c.id, r.id}));
      }
    }
    if (link.misspelled && !r.work.authors.empty()) {
      out.push_back(finding("author-mismatch", Severity::Warning,
                            say("author-mismatch.spelling", {c.raw, c.authors[0], describe(r), place(in.doc, r.span.line),
                                                             r.work.authors[0].family}),
                            c.span, {c.id, r.id}));
    }
    if (link.name == NameMatch::GivenName) {
      std::string family = r.work.authors.empty() ? "" : r.work.authors[0].family;
      out.push_back(finding("author-mismatch", Severity::Warning,
                            family.empty() ? say("author-mismatch.given", {c.raw, c.authors[0], describe(r), place(in.doc, r.span.line)})
                                           : say("author-mismatch.given-family", {c.raw, c.authors[0], describe(r),
                                                                                  place(in.doc, r.span.line), family}),
                            c.span, {c.id, r.id}));
    }
  }
  // A note that cites a listed work with another year ("Das, Sahibs and Munshis (1978)" for
  // the bibliography's "Das, … 1987").
  for (std::size_t f = 0; f < m.footnotes.size(); ++f) {
    int r = in.linkage.footnote_reference[f];
    const Footnote& fn = m.footnotes[f];
    if (r < 0 || !fn.work || !fn.work->year || !refs[r].work.year || !fn.body) continue;
    const std::string& a = *fn.work->year;
    const std::string& b = *refs[r].work.year;
    if (a == b || a == "n.d." || b == "n.d.") continue;
    out.push_back(finding("year-mismatch", Severity::Error,
                          say("year-mismatch.footnote", {fn.label, a, describe(refs[r]), place(in.doc, refs[r].span.line)}),
                          *fn.body, {fn.id, refs[r].id}));
  }
}

}  // namespace citecheck
