#include "parsers/manuscript.hpp"

#include <algorithm>
#include <set>

#include "parsers/identifiers.hpp"
#include "parsers/mentions.hpp"
#include "parsers/numbered_documents.hpp"
#include "parsers/page_furniture.hpp"
#include "parsers/reference_fields.hpp"
#include "parsers/reference_list.hpp"
#include "parsers/unicode_text.hpp"
#include "resolvers/offline_link_status.hpp"

namespace citecheck {

namespace {

// The names under which a text may cite an organisation narratively: the whole name when it is
// at most three words ("World Bank (2023)"), and each acronym of a name that also has lower-case
// words ("NBS (2024)" for "NBS – National Bureau of Statistics of China"; an all-capital name
// such as "WORLD BANK" is shouting, not acronyms). Keys of three letters or more.
std::vector<std::string> organisation_keys(std::string_view name) {
  std::vector<std::string> out;
  std::vector<std::string_view> words;
  bool has_lower = false;
  for (std::size_t i = 0; i < name.size();) {
    std::size_t start = i;
    char32_t cp = next_code_point(name, i);
    if (!is_word_char(cp)) continue;
    has_lower |= is_lower(cp);
    while (i < name.size()) {
      std::size_t q = i;
      char32_t c = next_code_point(name, q);
      if (!is_word_char(c) && c != '-') break;
      has_lower |= is_lower(c);
      i = q;
    }
    words.push_back(name.substr(start, i - start));
  }
  if (!words.empty() && words.size() <= 3) out.push_back(name_key(name));
  if (has_lower && words.size() > 1) {
    for (std::string_view w : words) {
      std::size_t letters = 0, upper = 0;
      for (std::size_t i = 0; i < w.size();) {
        char32_t c = next_code_point(w, i);
        ++letters;
        upper += is_upper(c);
      }
      if (letters >= 2 && letters <= 10 && upper == letters) out.push_back(name_key(w));
    }
  }
  out.erase(std::remove_if(out.begin(), out.end(), [](const std::string& k) { return k.size() < 3; }), out.end());
  return out;
}

std::string joined(std::string s) {
  for (char& c : s)
    if (c == '\n') c = ' ';
  return s;
}

}  // namespace

ParsedDocument parse_manuscript(const Document& doc) { return parse_manuscript(doc, default_line_models()); }

ParsedDocument parse_manuscript(const Document& doc, const LineModels& models) {
  return parse_manuscript(doc, models, default_field_tagger());
}

ParsedDocument parse_manuscript(const Document& doc, const LineModels& models, const FieldTagger& fields) {
  ParsedDocument out;
  Manuscript& m = out.manuscript;
  PositionMap pos(doc);
  m.scripts = scripts_of(doc.text);

  PageLayout layout = detect_page_furniture(doc);
  const DocumentStructure* st = doc.structure ? &*doc.structure : nullptr;
  const bool notes_marked = st && (st->notes_marked || st->bibliography_only);
  auto ids = find_identifiers(doc.text);
  std::vector<ByteRange> link_ranges;
  for (const auto& id : ids)
    if (id.kind == LinkKind::Url || id.kind == LinkKind::Doi) link_ranges.push_back(id.bytes);
  ReferenceListLayout list;
  std::vector<EntryLines> entries;
  std::vector<std::optional<Work>> given_works;  // fields the file states, per entry
  std::vector<std::string> keys;
  if (st && st->references_marked) {
    list.info.present = !st->references.empty() || !st->references_heading.empty();
    list.info.heading = st->references_heading;
    list.info.heading_line = st->references_heading_line;
    // A list without a heading (a bibliography file, a JATS ref-list without a title) is
    // located at its first entry.
    if (!list.info.heading_line && !st->references.empty())
      list.info.heading_line = doc.line_of(st->references.front().bytes.begin);
    for (const MarkedReference& mr : st->references) {
      EntryLines e;
      e.label = mr.label;
      e.bytes = mr.bytes;
      e.text = doc.text.substr(mr.bytes.begin, mr.bytes.end - mr.bytes.begin);
      e.first_line = doc.line_of(mr.bytes.begin);
      e.last_line = doc.line_of(mr.bytes.end > mr.bytes.begin ? mr.bytes.end - 1 : mr.bytes.begin);
      list.numbered = list.numbered || !mr.label.empty();
      entries.push_back(std::move(e));
      given_works.push_back(mr.work);
      keys.push_back(mr.key);
    }
  } else if (notes_marked && st && !st->footnotes.empty()) {
    // The file's notes follow its body: the list is looked for in the body alone, so that
    // notes after the last entry are not taken for entries.
    std::size_t body_end = doc.text.size();
    for (const MarkedFootnote& mf : st->footnotes)
      if (mf.body) body_end = std::min(body_end, mf.body->begin);
    Document body = make_document(doc.path, doc.text.substr(0, body_end));
    list = find_reference_list(body, layout, link_ranges, models);
    entries = std::move(list.entries);
  } else {
    list = find_reference_list(doc, layout, link_ranges, models);
    entries = std::move(list.entries);
  }
  m.reference_list = list.info;

  // Reference entries.
  CitationContext ctx;
  ctx.numbered_list = list.numbered;
  // Numbers run to the list's size; a compound entry's parts ("1a", "1b") share one number.
  ctx.list_size = 0;
  if (list.numbered)
    for (const EntryLines& e : entries)
      ctx.list_size += e.label.empty() || e.label.back() < 'b' || e.label.back() > 'z';
  int n = 0;
  m.references.reserve(entries.size());  // no doubling on a list of 100,000 entries
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const EntryLines& e = entries[i];
    Reference r;
    r.id = "ref" + std::to_string(++n);
    r.label = e.label;
    r.section = e.section;
    r.raw = joined(e.text);
    if (i < given_works.size() && given_works[i]) r.work = *given_works[i];
    else r.work = parse_work(e.text, find_identifiers(e.text), &fields);  // moved in, not copied
    if (i < keys.size()) r.key = keys[i];
    r.bytes = e.bytes;
    r.span = pos.span(e.bytes.begin, e.bytes.end);
    // The script of the names and title, not of the URLs (a long Latin URL in an Arabic entry).
    r.script = dominant_script(r.work.author_text + " " + r.work.title.value_or(""));
    if (r.script.empty()) r.script = dominant_script(e.text);
    for (const Person& p : r.work.authors) {
      if (p.organisation) {
        for (auto& k : organisation_keys(p.family)) ctx.organisation_keys.insert(std::move(k));
        continue;
      }
      std::string k = name_key(p.family);
      for (auto& prefix : japanese_family_prefixes(k, m.scripts)) ctx.author_keys.insert(std::move(prefix));  // "山田" of "山田太郎"
      if (k.size() >= 3) ctx.author_keys.insert(k);
    }
    // A one-word name read as an organisation ("LUCIANO.", "SENECA.": classical authors in
    // capitals) is cited like a person's.
    if (!r.work.authors.empty() && r.work.year && *r.work.year != "n.d.") {
      const Person& a = r.work.authors.front();
      const bool one_word = a.family.find(' ') == std::string::npos && code_point_count(a.family) >= 4;
      if (!a.organisation || one_word) {
        ctx.first_author_years.insert(name_key(a.family) + "|" + *r.work.year);
        ctx.first_authors_by_year[*r.work.year].push_back(name_key(a.family));
      }
    }
    m.references.push_back(std::move(r));
  }

  // In-text citations everywhere but the reference list and links.
  std::vector<ByteRange> skip;
  for (const auto& id : ids) skip.push_back(id.bytes);
  if (st && st->references_marked) {
    for (const Reference& r : m.references) skip.push_back(r.bytes);
  } else {
    // The lists are no place for in-text citations, but the footnotes on their pages are.
    for (auto [region_from, region_to] : list.regions) {
      int from = region_from;
      for (auto [block_from, block_to] : list.footnote_blocks) {
        if (block_to < from || block_from > region_to) continue;
        if (block_from > from) skip.push_back({doc.line_begin(from), doc.line_end(block_from - 1)});
        from = block_to + 1;
      }
      if (from <= region_to) skip.push_back({doc.line_begin(from), doc.line_end(region_to)});
    }
  }
  skip = sorted_ranges(std::move(skip));
  // A bibliography given alone has no text that cites.
  CitationScan cites;
  if (!(st && st->bibliography_only)) cites = find_intext_citations(doc, 0, doc.text.size(), ctx, skip);
  m.citations = std::move(cites.citations);
  out.malformed = std::move(cites.malformed);
  for (const auto& mc : out.malformed) out.malformed_spans.push_back(pos.span(mc.bytes.begin, mc.bytes.end));

  // Footnotes: citations and links are no markers; the reference list holds no bodies.
  std::vector<ByteRange> not_markers = skip;
  for (const Citation& c : m.citations) not_markers.push_back(c.bytes);
  for (const auto& mc : out.malformed) not_markers.push_back(mc.bytes);
  not_markers = sorted_ranges(std::move(not_markers));
  FootnoteScan notes;
  if (notes_marked) {
    notes.footnotes = marked_footnotes(doc, *st);
  } else {
    std::vector<bool> excluded;
    if (list.first_line) {
      excluded.assign(static_cast<std::size_t>(doc.line_count()), false);
      for (auto [from, to] : list.regions)
        for (int l = from; l <= to; ++l) excluded[l - 1] = true;
      for (auto [from, to] : list.footnote_blocks)
        for (int l = from; l <= to; ++l) excluded[l - 1] = false;
    } else if (st && st->references_marked) {
      excluded.assign(static_cast<std::size_t>(doc.line_count()), false);
      for (const Reference& r : m.references)
        for (int l = r.span.line; l <= r.span.end_line && l <= doc.line_count(); ++l) excluded[l - 1] = true;
    }
    notes = find_footnotes(doc, layout, not_markers, excluded);
  }
  out.footnote_gaps = notes.gaps;
  n = 0;
  for (Footnote& f : notes.footnotes) {
    f.id = "fn" + std::to_string(++n);
    if (f.marker_bytes.end > f.marker_bytes.begin) f.marker = pos.span(f.marker_bytes.begin, f.marker_bytes.end);
    if (f.body_bytes.end > f.body_bytes.begin) {
      f.body = pos.span(f.body_bytes.begin, f.body_bytes.end);
      Work w = parse_work(f.text, find_identifiers(f.text), &fields);
      if (looks_like_work(w)) f.work = std::move(w);
    }
    m.footnotes.push_back(std::move(f));
  }

  // Notes cite without brackets too ("იხ. Nodia, Scholtbach 2006: 45–61").
  {
    std::vector<ByteRange> bodies;
    for (const Footnote& f : m.footnotes) bodies.push_back(f.body_bytes);
    // Each scan leaves alone the citations the scans before it found.
    auto taken = [&m] {
      std::vector<ByteRange> out;
      for (const Citation& c : m.citations) out.push_back(c.bytes);
      return sorted_ranges(std::move(out));
    };
    for (Citation& c : find_note_citations(doc, bodies, ctx, taken())) m.citations.push_back(std::move(c));
    // Then running text ("Dinosauria Owen, 1842"), except where a note citation now stands.
    if (!(st && st->bibliography_only)) {
      for (Citation& c : find_bare_citations(doc, ctx, skip, taken())) m.citations.push_back(std::move(c));
      // Last, entries no citation names but the text mentions by author and year.
      for (Citation& c : find_mentions(doc, ctx, m.citations, skip, taken())) m.citations.push_back(std::move(c));
      // Laws, decrees and reports cited by their numbers.
      for (Citation& c : find_numbered_document_citations(doc, m.references, skip, taken())) m.citations.push_back(std::move(c));
    }
    std::sort(m.citations.begin(), m.citations.end(),
              [](const Citation& a, const Citation& b) { return a.bytes.begin < b.bytes.begin; });
  }
  // Citations the file records (reference-manager fields, JATS xrefs) replace the guesses.
  if (st) {
    apply_field_citations(doc, *st, m.citations, out.edited_fields);
    for (const EditedField& e : out.edited_fields) out.edited_spans.push_back(pos.span(e.bytes.begin, e.bytes.end));
  }
  n = 0;
  for (Citation& c : m.citations) {
    c.id = "cit" + std::to_string(++n);
    c.span = pos.span(c.bytes.begin, c.bytes.end);
  }

  // Links, owned by the entry or footnote body they sit in. Note bodies, by start, for a
  // binary search (a long document holds thousands of notes and links).
  std::vector<std::size_t> by_body;
  for (std::size_t i = 0; i < m.footnotes.size(); ++i)
    if (m.footnotes[i].body_bytes.end > m.footnotes[i].body_bytes.begin) by_body.push_back(i);
  std::sort(by_body.begin(), by_body.end(), [&](std::size_t a, std::size_t b) {
    return m.footnotes[a].body_bytes.begin < m.footnotes[b].body_bytes.begin;
  });
  auto note_at = [&](std::size_t offset) -> const Footnote* {
    auto it = std::upper_bound(by_body.begin(), by_body.end(), offset,
                               [&](std::size_t o, std::size_t i) { return o < m.footnotes[i].body_bytes.begin; });
    if (it == by_body.begin()) return nullptr;
    const Footnote& f = m.footnotes[*std::prev(it)];
    return f.body_bytes.contains(offset) ? &f : nullptr;
  };
  // Hyperlink targets and record DOIs the text does not print join the printed links.
  std::vector<bool> from_structure(ids.size(), false);
  if (st) {
    std::set<std::string> listed;
    for (const Reference& r : m.references) {
      if (r.work.doi) listed.insert(*r.work.doi);
      for (const auto& u : r.work.urls) listed.insert(u);
    }
    auto extra = structure_links(*st, ids, listed);
    if (!extra.empty()) {
      std::vector<std::pair<FoundIdentifier, bool>> merged;
      merged.reserve(ids.size() + extra.size());
      for (auto& id : ids) merged.push_back({std::move(id), false});
      for (auto& id : extra) merged.push_back({std::move(id), true});
      std::stable_sort(merged.begin(), merged.end(),
                       [](const auto& a, const auto& b) { return a.first.bytes.begin < b.first.bytes.begin; });
      ids.clear();
      from_structure.clear();
      for (auto& [id, extra_one] : merged) {
        ids.push_back(std::move(id));
        from_structure.push_back(extra_one);
      }
    }
  }
  n = 0;
  std::size_t ref_i = 0;
  m.links.reserve(ids.size());
  for (std::size_t k = 0; k < ids.size(); ++k) {
    const FoundIdentifier& id = ids[k];
    Link l;
    l.id = "link" + std::to_string(++n);
    l.kind = id.kind;
    l.value = id.value;
    l.bytes = id.bytes;
    l.wrapped = id.wrapped;
    l.span = pos.span(id.bytes.begin, id.bytes.end);
    l.link_annotation = layout.has(l.span.line, kLinkAnnotation);
    while (ref_i < m.references.size() && m.references[ref_i].bytes.end <= id.bytes.begin) ++ref_i;
    if (ref_i < m.references.size() && m.references[ref_i].bytes.contains(id.bytes.begin))
      l.owner = m.references[ref_i].id;
    if (!l.owner)
      if (const Footnote* f = note_at(id.bytes.begin)) l.owner = f->id;
    // A bare link line inside a footnote or an entry is part of it, not a PDF annotation.
    if (l.owner) l.link_annotation = false;
    l.hyperlink = from_structure[k];
    set_offline_status(l, id);
    m.links.push_back(std::move(l));
  }
  return out;
}

}  // namespace citecheck
