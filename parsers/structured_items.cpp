#include "parsers/structured_items.hpp"

#include <algorithm>

#include "parsers/intext_citations.hpp"
#include "parsers/unicode_text.hpp"

namespace citecheck {

namespace {

std::string text_of(const Document& doc, ByteRange r) {
  std::string s = doc.text.substr(r.begin, r.end - r.begin);
  for (char& c : s)
    if (c == '\n' || c == '\f') c = ' ';
  return s;
}

// Whitespace collapsed, so that a re-wrapped or re-spaced field is not "edited".
std::string collapsed(std::string_view s) {
  std::string out;
  std::size_t i = 0;
  bool space = false;
  while (i < s.size()) {
    std::size_t at = i;
    char32_t cp = next_code_point(s, i);
    if (is_space(cp) || cp == 0xA0 || cp == 0x202F) {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.append(s.substr(at, i - at));
  }
  return out;
}

// "(Smith 2019; Jones 2020a, 4)" → its citations as printed; "[3]" and note text → none.
std::vector<Citation> printed_citations(std::string_view shown) {
  std::string_view t = trim(shown);
  if (t.size() >= 2 && (t.front() == '(' || t.front() == '[')) t = t.substr(1);
  if (!t.empty() && (t.back() == ')' || t.back() == ']')) t.remove_suffix(1);
  return parse_parenthetical(t);
}

bool same_person(const std::string& printed, const Person& recorded) {
  std::string a = name_key(printed), b = name_key(recorded.family);
  if (a.empty() || b.empty()) return false;
  if (a == b || b.find(a) != std::string::npos || a.find(b) != std::string::npos) return true;
  return skeletons_match(transliteration_skeleton(printed), transliteration_skeleton(recorded.family));
}

std::string record_label(const Work& w) {
  std::string s = w.authors.empty() ? w.title.value_or("?") : w.authors[0].family;
  if (w.authors.size() == 2) s += " & " + w.authors[1].family;
  else if (w.authors.size() > 2) s += " et al.";
  return s + " " + w.year.value_or("n.d.");
}

// What disagrees between the printed citations and the records, or "".
bool content_disagrees(const std::vector<Citation>& printed, const std::vector<Work>& items) {
  for (const Citation& p : printed) {
    bool matched = false;
    for (const Work& w : items) {
      bool year_ok = !p.year || !w.year || fold_digits(*p.year) == fold_digits(*w.year);
      bool name_ok = p.authors.empty() || w.authors.empty();
      for (const Person& person : w.authors)
        if (!p.authors.empty() && same_person(p.authors[0], person)) name_ok = true;
      if (year_ok && name_ok) matched = true;
    }
    if (!matched) return true;
  }
  return false;
}

bool all_digits_and_marks(std::string_view s) {
  bool digit = false;
  std::size_t i = 0;
  while (i < s.size()) {
    char32_t cp = next_code_point(s, i);
    if (is_digit(cp)) digit = true;
    else if (is_letter(cp)) return false;
  }
  return digit;
}

// The labels of a numeric citation as printed: "[1, 3–5]" → 1, 3, 4, 5 (digits folded).
std::vector<std::string> numbers_in(std::string_view s) {
  std::string folded = fold_digits(s);
  std::vector<std::string> out;
  std::string cur;
  for (char c : folded + " ") {
    if (c >= '0' && c <= '9') {
      cur.push_back(c);
    } else if (!cur.empty()) {
      if (cur.size() <= 6) out.push_back(cur);
      cur.clear();
    }
  }
  return out;
}

// In items sorted by start and barely overlapping, the first whose range may reach `offset`:
// one before the first that starts at or after it (a long item may start earlier still, but
// citations and links do not nest).
template <typename T>
std::size_t first_reaching(const std::vector<T>& items, std::size_t offset) {
  auto it = std::lower_bound(items.begin(), items.end(), offset,
                             [](const T& item, std::size_t o) { return item.bytes.begin < o; });
  std::size_t i = static_cast<std::size_t>(it - items.begin());
  return i > 0 ? i - 1 : 0;
}

}  // namespace

std::vector<Footnote> marked_footnotes(const Document& doc, const DocumentStructure& st) {
  std::vector<Footnote> out;
  out.reserve(st.footnotes.size());
  for (const MarkedFootnote& mf : st.footnotes) {
    Footnote f;
    f.label = mf.label;
    if (mf.marker) f.marker_bytes = *mf.marker;
    if (mf.body) {
      f.body_bytes = *mf.body;
      f.text = std::string(trim(text_of(doc, *mf.body)));
    }
    out.push_back(std::move(f));
  }
  return out;
}

void apply_field_citations(const Document& doc, const DocumentStructure& st, std::vector<Citation>& cites,
                           std::vector<EditedField>& edited) {
  if (st.citations.empty()) return;
  std::vector<Citation> added;
  std::vector<bool> drop(cites.size(), false);
  std::vector<ByteRange> note_bodies;
  for (const MarkedFootnote& mf : st.footnotes)
    if (mf.body) note_bodies.push_back(*mf.body);
  note_bodies = sorted_ranges(std::move(note_bodies));
  for (const FieldCitation& fc : st.citations) {
    if (fc.bytes.end > doc.text.size() || fc.bytes.begin > fc.bytes.end) continue;
    std::string shown = text_of(doc, fc.bytes);
    // What the text heuristics found inside the field: replaced by the record. `cites` is
    // sorted by start, so only the few around the field are looked at.
    std::vector<Citation> overlapping;
    std::vector<std::size_t> overlapping_at;
    std::size_t first = first_reaching(cites, fc.bytes.begin);
    for (std::size_t i = first; i < cites.size() && cites[i].bytes.begin <= fc.bytes.end; ++i) {
      bool inside = cites[i].bytes.overlaps(fc.bytes) ||
                    (fc.bytes.begin == fc.bytes.end && cites[i].bytes.contains(fc.bytes.begin));
      if (inside) {
        overlapping.push_back(cites[i]);
        overlapping_at.push_back(i);
        drop[i] = true;
      }
    }
    std::vector<Citation> printed = printed_citations(shown);
    if (printed.empty()) printed = overlapping;
    bool in_note = ranges_contain(note_bodies, fc.bytes.begin);

    if (fc.source == "jats") {
      Citation c;
      if (printed.size() == 1) c = printed.front();
      c.source = "jats";
      c.targets = fc.targets;
      c.bytes = fc.bytes;
      c.raw = shown.empty() ? "xref " + (fc.targets.empty() ? std::string("?") : fc.targets.front()) : shown;
      if (printed.size() != 1) {
        c.kind = all_digits_and_marks(shown) || shown.empty() ? CitationKind::Numeric : CitationKind::AuthorDate;
        if (c.kind == CitationKind::Numeric) c.numbers = numbers_in(shown);
      }
      c.reference.reset();
      added.push_back(std::move(c));
      continue;
    }
    if (fc.items.empty()) {
      // A field without a record we could read: what the text says stands.
      for (std::size_t i : overlapping_at) drop[i] = false;
      continue;
    }
    CitationKind kind = in_note ? CitationKind::Footnote
                        : !printed.empty() ? printed.front().kind
                        : all_digits_and_marks(shown) ? CitationKind::Numeric
                                                      : CitationKind::AuthorDate;
    for (std::size_t k = 0; k < fc.items.size(); ++k) {
      const Work& w = fc.items[k];
      Citation c;
      c.source = fc.source;
      c.kind = kind;
      c.bytes = fc.bytes;
      c.raw = shown;
      for (const Person& p : w.authors) c.authors.push_back(p.family);
      c.et_al = w.authors.size() > 2;
      c.year = w.year;
      c.doi = w.doi;
      if (k < printed.size()) {
        c.locator = printed[k].locator;
        c.narrative = printed[k].narrative;
        c.year_suffix = printed[k].year_suffix;
      }
      if (kind == CitationKind::Numeric) c.numbers = numbers_in(shown);
      added.push_back(std::move(c));
    }
    EditedField e;
    e.bytes = fc.bytes;
    e.source = fc.source;
    e.shown = shown;
    if (content_disagrees(printed, fc.items)) {
      e.content = true;
      for (const Work& w : fc.items) e.recorded += (e.recorded.empty() ? "" : "; ") + record_label(w);
      edited.push_back(std::move(e));
    } else if (!fc.generated_text.empty() && collapsed(fc.generated_text) != collapsed(shown)) {
      e.recorded = fc.generated_text;
      edited.push_back(std::move(e));
    } else if (fc.marked_edited) {
      e.recorded = fc.generated_text;
      edited.push_back(std::move(e));
    }
  }
  std::vector<Citation> kept;
  kept.reserve(cites.size() + added.size());
  for (std::size_t i = 0; i < cites.size(); ++i)
    if (!drop[i]) kept.push_back(std::move(cites[i]));
  for (Citation& c : added) kept.push_back(std::move(c));
  std::stable_sort(kept.begin(), kept.end(), [](const Citation& a, const Citation& b) { return a.bytes.begin < b.bytes.begin; });
  cites = std::move(kept);
}

std::vector<FoundIdentifier> structure_links(const DocumentStructure& st, const std::vector<FoundIdentifier>& text_ids,
                                             const std::set<std::string>& listed) {
  std::vector<FoundIdentifier> out;
  auto printed_here = [&](const FoundIdentifier& id) {
    for (std::size_t i = first_reaching(text_ids, id.bytes.begin);
         i < text_ids.size() && text_ids[i].bytes.begin <= id.bytes.end; ++i) {
      const FoundIdentifier& t = text_ids[i];
      if (t.bytes.overlaps(id.bytes) && t.kind == id.kind && t.value == id.value) return true;
    }
    return false;
  };
  auto add = [&](std::string_view target, ByteRange bytes) {
    std::string_view t = trim(target);
    std::string lower = lower_ascii(t.substr(0, 8));
    if (lower.rfind("http://", 0) != 0 && lower.rfind("https://", 0) != 0 && lower.rfind("doi:", 0) != 0) return;
    FoundIdentifier id;
    auto found = find_identifiers(t);
    if (!found.empty() && found.front().bytes.begin == 0) {
      id = found.front();
    } else {
      id.kind = LinkKind::Url;
      id.value = std::string(t);
    }
    id.bytes = bytes;
    id.wrapped = false;
    if (printed_here(id)) return;
    for (const FoundIdentifier& o : out)
      if (o.bytes.begin == id.bytes.begin && o.value == id.value) return;
    out.push_back(std::move(id));
  };
  for (const Hyperlink& h : st.hyperlinks) add(h.target, h.bytes);
  for (const FieldCitation& fc : st.citations)
    for (const Work& w : fc.items) {
      if (w.doi && !listed.count(*w.doi)) add("https://doi.org/" + *w.doi, fc.bytes);
      else if (!w.doi)
        for (const auto& u : w.urls)
          if (!listed.count(u)) add(u, fc.bytes);
    }
  std::stable_sort(out.begin(), out.end(),
                   [](const FoundIdentifier& a, const FoundIdentifier& b) { return a.bytes.begin < b.bytes.begin; });
  return out;
}

}  // namespace citecheck
