#include "parsers/footnotes.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <map>
#include <unordered_map>

#include "parsers/raised_markers.hpp"
#include "parsers/scripts/tables.hpp"
#include "parsers/unicode_text.hpp"

namespace citecheck {

namespace {

// Plain: "1 text", "4Glantz"; Punct: the endnote forms "1. text", "1- text", "1) text" (a
// chain of its own, so a numbered list in the text does not steal a footnote's label).
enum class Style { Plain, Punct, Superscript, Bracket, Paren };

struct Marker { std::size_t begin, end; int value; };
struct Body { int line; int value; std::size_t text_begin; };  // text_begin: byte offset in doc

int superscript_value(char32_t cp) {
  switch (cp) {
    case 0x2070: return 0; case 0x00B9: return 1; case 0x00B2: return 2; case 0x00B3: return 3;
    case 0x2074: return 4; case 0x2075: return 5; case 0x2076: return 6; case 0x2077: return 7;
    case 0x2078: return 8; case 0x2079: return 9; default: return -1;
  }
}


// Reads a run of 1-3 decimal digits at i; returns the value or -1.
int read_number(std::string_view s, std::size_t& i, int max_digits = 3) {
  int v = 0, n = 0;
  while (i < s.size()) {
    std::size_t k = i;
    int d = digit_value(next_code_point(s, k));
    if (d < 0) break;
    if (n < 9) v = v * 10 + d;  // "9780230583498": the run is read whole but its value stays bounded
    ++n;
    i = k;
  }
  return (n >= 1 && n <= max_digits) ? v : -1;
}

std::optional<Body> body_candidate(const Document& doc, int line, Style style) {
  std::string_view l = doc.line(line);
  std::size_t i = 0;
  while (i < l.size() && (l[i] == ' ' || l[i] == '\t' || l[i] == '\f')) ++i;
  if (i >= l.size()) return std::nullopt;
  // Every style opens with a digit (of any script), a superscript digit or a bracket: a line
  // opening with another ASCII character is no body, whatever the style (most lines).
  if (const auto c0 = static_cast<unsigned char>(l[i]);
      c0 < 0x80 && !(c0 >= '0' && c0 <= '9') && c0 != '[' && c0 != '(' && c0 != ')')
    return std::nullopt;
  int value = -1;
  switch (style) {
    case Style::Plain:
    case Style::Punct: {
      value = read_number(l, i);
      if (value <= 0 || i >= l.size()) return std::nullopt;
      std::size_t k = i;
      char32_t next = next_code_point(l, k);
      // A separator then a space ("12.5", "2020-21", "3%" are no labels).
      bool punct = (next == '.' || next == '-' || next == ')' || next == 0x2013) && k < l.size() &&
                   (l[k] == ' ' || l[k] == '\t');
      if (punct != (style == Style::Punct)) return std::nullopt;
      if (punct) next = ' ';
      if (next == ' ' || next == '\t' || next == 0xA0) {
        while (k < l.size() && (l[k] == ' ' || l[k] == '\t')) ++k;
        if (k >= l.size()) return std::nullopt;
        i = k;
      } else if (!is_letter(next) && next != 0x201E && next != 0x201C && next != '"' && next != 0xAB) {
        return std::nullopt;
      }
      break;
    }
    case Style::Superscript: {
      int n = 0;
      value = 0;
      while (i < l.size()) {
        std::size_t k = i;
        int d = superscript_value(next_code_point(l, k));
        if (d < 0) break;
        if (n < 9) value = value * 10 + d;  // a long run is no label; its value stays bounded
        ++n;
        i = k;
      }
      if (n == 0 || n > 3) return std::nullopt;
      while (i < l.size() && (l[i] == ' ' || l[i] == '\t')) ++i;
      break;
    }
    case Style::Bracket:
    case Style::Paren: {
      char open = style == Style::Bracket ? '[' : '(';
      char close = style == Style::Bracket ? ']' : ')';
      // Right-to-left extraction may mirror the brackets: ")1(".
      bool mirrored = style == Style::Paren && l[i] == ')';
      if (l[i] != open && !mirrored) return std::nullopt;
      ++i;
      value = read_number(l, i);
      if (value <= 0 || i >= l.size() || l[i] != (mirrored ? '(' : close)) return std::nullopt;
      ++i;
      while (i < l.size() && (l[i] == ' ' || l[i] == '\t' || l[i] == '-')) ++i;
      break;
    }
  }
  if (value <= 0 || i >= l.size()) return std::nullopt;
  return Body{line, value, doc.line_begin(line) + i};
}

bool is_initialism(std::string_view s, std::size_t end) {
  // The word before a digit run is 1-4 ASCII capitals ("G20", "CO2", "MH17"): no marker.
  std::size_t b = end;
  int caps = 0;
  while (b > 0 && caps < 6) {
    char c = s[b - 1];
    if (c >= 'A' && c <= 'Z') { ++caps; --b; continue; }
    break;
  }
  if (caps == 0 || caps > 4) return false;
  if (b == 0) return true;
  std::size_t k = b;
  char32_t before = previous_code_point(s, k);
  return !is_letter(before);
}

// Right-to-left raised note numbers an extraction wrote on lines of their own
// (parsers/raised_markers) are markers where they stand, also inside a citation their line
// cut in two (the citation scan reads across them).
void add_raised_rtl_markers(const Document& doc, const std::vector<bool>& excluded_lines, std::vector<Marker>& plain) {
  const std::size_t before = plain.size();
  for (const ByteRange& r : raised_rtl_markers(doc)) {
    if (!excluded_lines.empty() && excluded_lines[doc.line_of(r.begin) - 1]) continue;
    std::size_t i = r.begin;
    int value = read_number(doc.text, i);
    if (value > 0) plain.push_back({r.begin, r.end, value});
  }
  if (plain.size() > before)
    std::stable_sort(plain.begin(), plain.end(), [](const Marker& x, const Marker& y) { return x.begin < y.begin; });
}

// Marker candidates of every style in one pass over the text (indexed by Style; Punct
// bodies take Plain markers). Most characters cost a byte comparison: only digits,
// superscripts and brackets are looked at more closely.
using MarkerSets = std::array<std::vector<Marker>, 5>;

MarkerSets marker_candidates(const Document& doc, const std::vector<ByteRange>& skip,
                             const std::vector<bool>& excluded_lines) {
  MarkerSets sets;
  std::vector<Marker>& plain = sets[static_cast<std::size_t>(Style::Plain)];
  std::string_view t(doc.text);
  char32_t prev = '\n', prev2 = '\n';
  std::size_t i = 0;
  while (i < t.size()) {
    std::size_t start = i;
    unsigned char byte = static_cast<unsigned char>(t[i]);
    if (byte < 0x80 && !(byte >= '0' && byte <= '9') && byte != '[' && byte != '(' && byte != ')') {
      ++i;
      prev2 = prev;
      prev = byte;
      continue;
    }
    char32_t cp = next_code_point(t, i);
    if (is_digit(cp) && !is_digit(prev)) {
      bool after_word = is_word_char(prev);
      // After punctuation that follows a word, or right after a closing bracket
      // ("…: 12)6." — the marker of a sentence ending in a citation).
      bool after_punct = is_closing_punctuation(prev) &&
                         (is_word_char(prev2) || is_closing_punctuation(prev2) || prev == ')' || prev == ']');
      // "in 2020.1", "in 2007,2": after a year's full stop or comma.
      if (!after_punct && (prev == '.' || prev == ',') && is_digit(prev2)) {
        std::size_t q = start;
        previous_code_point(t, q);
        int run = 0;
        while (q > 0 && run < 6) {
          std::size_t qq = q;
          if (!is_digit(previous_code_point(t, qq))) break;
          q = qq;
          ++run;
        }
        std::size_t qq = q;
        after_punct = run == 4 && (q == 0 || !is_word_char(previous_code_point(t, qq)));
      }
      if (after_word || after_punct) {
        std::size_t k = start;
        int value = read_number(t, k);
        char32_t next = 0;
        if (k < t.size()) { std::size_t kk = k; next = next_code_point(t, kk); }
        bool next_ok = k >= t.size() || !(is_word_char(next) || is_digit(next) || next == '%' ||
                                          next == '/' || next == '-' || (next == '.' && k + 1 < t.size() && is_digit(static_cast<unsigned char>(t[k + 1]))));
        // "p.3", "გვ.3", "с.3": a page reference glued to its abbreviation.
        bool page_ref = false;
        if (after_punct && prev == '.') {
          std::size_t w_end = start;
          previous_code_point(t, w_end);  // the full stop
          std::size_t w_begin = w_end;
          while (w_begin > 0) {
            std::size_t q = w_begin;
            if (!is_word_char(previous_code_point(t, q))) break;
            w_begin = q;
          }
          page_ref = w_end - w_begin <= 12 && tables::is_locator_prefix_key(name_key(t.substr(w_begin, w_end - w_begin)));
        }
        // "km2", "m2", "χ2", "كم٢": a unit or variable with its power, not a marker.
        bool unit = false;
        if (after_word) {
          std::size_t w_begin = start;
          while (w_begin > 0) {
            std::size_t q = w_begin;
            if (!is_word_char(previous_code_point(t, q))) break;
            w_begin = q;
          }
          std::string_view word = t.substr(w_begin, start - w_begin);
          std::size_t q = 0;
          bool short_lower = code_point_count(word) <= 2 && is_lower_in_cased_script(next_code_point(word, q));
          // "notes_v2", "fig/a3": part of a file name or code, not a word of the text.
          bool in_code = w_begin > 0 && std::string_view("_/\\@#").find(t[w_begin - 1]) != std::string_view::npos;
          unit = short_lower || in_code || (word.size() <= 24 && tables::is_unit_key(name_key(word)));
        }
        if (value > 0 && next_ok && !page_ref && !unit && !ranges_contain(skip, start) &&
            !(after_word && is_initialism(t, start))) {
          int line = doc.line_of(start);
          if (excluded_lines.empty() || !excluded_lines[line - 1]) plain.push_back({start, k, value});
        }
        i = std::max(i, k);
        prev2 = '0';
        prev = '0';
        continue;
      }
    } else if ((cp == 0xB2 || cp == 0xB3 || cp == 0xB9 || (cp >= 0x2070 && cp <= 0x2079)) &&
               superscript_value(cp) >= 0 && superscript_value(prev) < 0 && !is_space(prev) &&
               prev != '\n') {
      std::size_t k = start;
      int value = 0, n = 0;
      while (k < t.size()) {
        std::size_t kk = k;
        int d = superscript_value(next_code_point(t, kk));
        if (d < 0) break;
        if (n++ < 9) value = value * 10 + d;
        k = kk;
      }
      if (value > 0 && n <= 3 && !ranges_contain(skip, start)) sets[static_cast<std::size_t>(Style::Superscript)].push_back({start, k, value});
      i = k;
    } else if (cp == '[' || cp == '(' || cp == ')') {
      // At a line start "(6)" is a body, unless punctuation follows it: "(6)، …" is a marker
      // the extraction wrapped onto the next line.
      bool wrapped_marker = false;
      if (prev == '\n') {
        std::size_t k = i;
        read_number(t, k);
        if (k + 1 < t.size() && (t[k] == ')' || t[k] == ']')) {
          std::size_t kk = k + 1;
          char32_t after = next_code_point(t, kk);
          wrapped_marker = after == 0x060C || after == ',' || after == '.' || after == ';' || after == 0x061B;
        }
      }
      if ((prev != '\n' || wrapped_marker) && !ranges_contain(skip, start)) {
        std::size_t k = i;
        int value = read_number(t, k);
        char close = cp == '[' ? ']' : cp == ')' ? '(' : ')';
        if (value > 0 && k < t.size() && t[k] == close) {
          // Not at a line start: that is a body.
          sets[static_cast<std::size_t>(cp == '[' ? Style::Bracket : Style::Paren)].push_back({start, k + 1, value});
          i = k + 1;
        }
      }
    }
    prev2 = prev;
    prev = cp;
  }
  add_raised_rtl_markers(doc, excluded_lines, plain);
  sets[static_cast<std::size_t>(Style::Punct)] = plain;
  return sets;
}

struct Chain {
  std::vector<std::pair<std::optional<Marker>, std::optional<Body>>> notes;
  std::vector<int> labels;
  std::vector<std::pair<int, int>> gaps;
  int pairs = 0;
};

// Markers and bodies by label value, in text order, so each lookup is a binary search.
struct Index {
  std::unordered_map<int, std::vector<Marker>> markers;
  std::unordered_map<int, std::vector<Body>> bodies;
};

const Marker* last_marker_before(const Index& ix, int value, std::size_t floor, std::size_t limit) {
  auto it = ix.markers.find(value);
  if (it == ix.markers.end()) return nullptr;
  const auto& v = it->second;
  auto hi = std::lower_bound(v.begin(), v.end(), limit, [](const Marker& m, std::size_t o) { return m.begin < o; });
  if (hi == v.begin()) return nullptr;
  const Marker* m = &*std::prev(hi);
  return m->begin >= floor ? m : nullptr;
}

const Body* first_body_after(const Index& ix, int value, int floor_line, int limit_line) {
  auto it = ix.bodies.find(value);
  if (it == ix.bodies.end()) return nullptr;
  const auto& v = it->second;
  auto lo = std::upper_bound(v.begin(), v.end(), floor_line, [](int l, const Body& b) { return l < b.line; });
  return (lo != v.end() && lo->line < limit_line) ? &*lo : nullptr;
}

const Marker* first_marker_after(const Index& ix, int value, std::size_t floor, std::size_t limit) {
  auto it = ix.markers.find(value);
  if (it == ix.markers.end()) return nullptr;
  const auto& v = it->second;
  auto lo = std::lower_bound(v.begin(), v.end(), floor, [](const Marker& m, std::size_t o) { return m.begin < o; });
  return (lo != v.end() && lo->begin < limit) ? &*lo : nullptr;
}

// Follows the numbering from `start`. At each step the next note is the one whose body comes
// first among: the next label, a label a few further on (a note is missing), or `start`
// again (numbering that restarts on every page or chapter). A pair needs a marker before its
// body: footnotes sit on the page of their marker, so the marker nearest before the body is
// taken; endnotes are far from their markers, so there the first marker after the previous
// one is. Labels passed over leave a lone marker or body, or a gap.
Chain build_chain(const Document& doc, const Index& ix, int start, bool endnotes = false) {
  Chain chain;
  std::size_t marker_floor = 0;
  int body_floor = 0;
  auto find_pair = [&](int value, Marker& m, Body& b) {
    auto it = ix.bodies.find(value);
    if (it == ix.bodies.end()) return false;
    const auto& v = it->second;
    auto lo = std::upper_bound(v.begin(), v.end(), body_floor, [](int l, const Body& x) { return l < x.line; });
    for (int tries = 0; lo != v.end() && tries < 4; ++lo, ++tries) {
      std::size_t limit = doc.line_begin(lo->line);
      const Marker* mk = endnotes ? first_marker_after(ix, value, marker_floor, limit)
                                  : last_marker_before(ix, value, marker_floor, limit);
      if (mk) { m = *mk; b = *lo; return true; }
    }
    return false;
  };
  auto record_lone = [&](int label, std::size_t marker_limit, int body_limit) {
    std::optional<Marker> lone_marker;
    std::optional<Body> lone_body;
    if (const Marker* mk = first_marker_after(ix, label, marker_floor, marker_limit)) lone_marker = *mk;
    if (const Body* bd = first_body_after(ix, label, body_floor, body_limit)) lone_body = *bd;
    if (!lone_marker && !lone_body) return false;
    chain.notes.push_back({lone_marker, lone_body});
    chain.labels.push_back(label);
    return true;
  };
  int k = start, last_label = start - 1;
  for (int steps = 0; steps < 100000; ++steps) {
    struct Option { int label; Marker m; Body b; };
    std::optional<Option> best;
    auto consider = [&](int label) {
      Marker m{};
      Body b{};
      if (!find_pair(label, m, b)) return;
      if (!best || b.line < best->b.line) best = Option{label, m, b};
    };
    for (int j = k; j <= k + 3; ++j) consider(j);
    if (k > start) consider(start);
    if (!best) break;
    const bool restart = best->label == start && k > start;
    if (restart) {
      // What the numbering left unfinished before it started again.
      for (int label = k; label <= k + 2; ++label)
        if (!record_lone(label, best->m.begin, best->b.line)) break;
    } else {
      for (int missing = k; missing < best->label; ++missing)
        if (!record_lone(missing, best->m.begin, best->b.line)) chain.gaps.emplace_back(missing - 1, missing + 1);
    }
    chain.notes.push_back({best->m, best->b});
    chain.labels.push_back(best->label);
    ++chain.pairs;
    marker_floor = best->m.end;
    body_floor = best->b.line;
    last_label = best->label;
    k = best->label + 1;
  }
  // The note after the last pair: a marker whose body never came ("apply.9" at the end of
  // the text), or a body without its marker. Only once the numbering is established.
  if (chain.pairs >= 2) record_lone(last_label + 1, doc.text.size(), doc.line_count() + 1);
  return chain;
}

// The author's note: "თამარ ლომსაძე*" on the byline with "* …" at the page's foot. It stands
// outside the numbering and is taken only when both are there.
void add_author_note(const Document& doc, const PageLayout& layout, const std::vector<ByteRange>& skip,
                     const std::vector<bool>& excluded_lines, FootnoteScan& scan) {
  std::string_view t(doc.text);
  std::optional<Marker> star;
  for (std::size_t p = t.find('*'); p != std::string_view::npos && p < t.size(); p = t.find('*', p + 1)) {
    if (p == 0 || t[p - 1] == '\n' || t[p - 1] == '*' || (p + 1 < t.size() && t[p + 1] == '*')) continue;
    std::size_t q = p;
    if (!is_word_char(previous_code_point(t, q))) continue;
    std::size_t after = p + 1;
    if (after < t.size() && !(t[after] == ' ' || t[after] == '\n' || t[after] == ',' || t[after] == '.')) continue;
    if (ranges_contain(skip, p)) continue;
    star = Marker{p, p + 1, 0};
    break;
  }
  if (star) {
    for (int line = doc.line_of(star->begin) + 1; line <= doc.line_count(); ++line) {
      if (!excluded_lines.empty() && excluded_lines[line - 1]) continue;
      std::string_view l = doc.line(line);
      std::size_t i = 0;
      while (i < l.size() && (l[i] == ' ' || l[i] == '\f')) ++i;
      if (i + 2 >= l.size() || l[i] != '*' || l[i + 1] == '*' || (l[i + 1] == ' ' && l[i + 2] == '*')) continue;
      std::size_t text_begin = i + 1;
      while (text_begin < l.size() && l[text_begin] == ' ') ++text_begin;
      int last = line;
      while (last + 1 <= doc.line_count() && !layout.furniture(last + 1) && !layout.has(last + 1, kLinkAnnotation) &&
             !body_candidate(doc, last + 1, Style::Plain) && trim(doc.line(last + 1)).substr(0, 1) != "*" &&
             last - line < 6)
        ++last;
      Footnote fn;
      fn.label = "*";
      fn.marker_bytes = {star->begin, star->end};
      fn.body_bytes = {doc.line_begin(line) + text_begin, doc.line_end(last)};
      std::string text(trim(l.substr(text_begin)));
      for (int k = line + 1; k <= last; ++k) {
        text.push_back('\n');
        text.append(trim(doc.line(k)));
      }
      fn.text = std::move(text);
      scan.footnotes.insert(scan.footnotes.begin(), std::move(fn));
      break;
    }
  }
}

}  // namespace

FootnoteScan find_footnotes(const Document& doc, const PageLayout& layout, const std::vector<ByteRange>& skip,
                            const std::vector<bool>& excluded_lines) {
  FootnoteScan scan;
  Chain best;
  // Marker and body styles that go together, in order of preference: the same style, then
  // the mixed forms journals print ("(1)" in the text with "1- …" endnotes in Arabic
  // journals, superscripts with "1 …" bodies).
  constexpr std::pair<Style, Style> kPairings[] = {
      {Style::Plain, Style::Plain},   {Style::Superscript, Style::Superscript}, {Style::Bracket, Style::Bracket},
      {Style::Paren, Style::Paren},   {Style::Plain, Style::Punct},             {Style::Paren, Style::Punct},
      {Style::Superscript, Style::Plain}, {Style::Paren, Style::Plain},         {Style::Bracket, Style::Punct},
  };
  // An endnotes section ("الهوامش", "Notes"): when there is one, a chain whose bodies all lie
  // in it is preferred to one that takes a numbered list of the text for notes.
  int notes_from = 0, notes_to = 0;
  for (int line = 1; line <= doc.line_count() && !notes_from; ++line) {
    std::string_view l = trim(doc.line(line));
    if (l.empty() || l.size() > 60) continue;
    if (tables::is_notes_heading_key(name_key(l))) notes_from = line + 1;
  }
  if (notes_from) {
    notes_to = doc.line_count();
    for (int line = notes_from; line <= doc.line_count(); ++line)
      if (!excluded_lines.empty() && excluded_lines[line - 1]) { notes_to = line - 1; break; }
  }
  std::map<Style, std::vector<Body>> bodies_by_style;
  std::optional<MarkerSets> markers_by_style;
  auto bodies_of = [&](Style style) -> const std::vector<Body>& {
    if (!bodies_by_style.count(style)) {
      auto& v = bodies_by_style[style];
      for (int line = 1; line <= doc.line_count(); ++line) {
        if (layout.furniture(line) || layout.has(line, kLinkAnnotation)) continue;
        if (!excluded_lines.empty() && excluded_lines[line - 1]) continue;
        if (auto b = body_candidate(doc, line, style)) v.push_back(*b);
      }
    }
    return bodies_by_style[style];
  };
  auto markers_of = [&](Style style) -> const std::vector<Marker>& {
    if (!markers_by_style) markers_by_style = marker_candidates(doc, skip, excluded_lines);
    return (*markers_by_style)[static_cast<std::size_t>(style)];
  };
  // The best chain for one set of markers and bodies. `weak` sets (mixed styles, numbered
  // list forms) need two pairs to be believed.
  auto evaluate = [&](const std::vector<Marker>& markers, const std::vector<Body>& bodies, bool weak) {
    Chain chain;
    if (bodies.empty() || markers.empty()) return chain;
    Index ix;
    for (const Marker& m : markers) ix.markers[m.value].push_back(m);
    for (const Body& b : bodies) ix.bodies[b.value].push_back(b);
    chain = build_chain(doc, ix, 1);
    if (notes_from) {
      Index in_notes;
      in_notes.markers = ix.markers;
      for (const Body& b : bodies)
        if (b.line >= notes_from && b.line <= notes_to) in_notes.bodies[b.value].push_back(b);
      Chain endnotes = build_chain(doc, in_notes, 1, true);
      if (endnotes.pairs >= chain.pairs && endnotes.pairs > 0) chain = std::move(endnotes);
    }
    if (chain.pairs < 3) {
      // An excerpt may start its numbering later; it needs a longer run to be believed.
      int lowest = 0;
      for (const Body& b : bodies)
        if (lowest == 0 || b.value < lowest) lowest = b.value;
      if (lowest > 1) {
        Chain later = build_chain(doc, ix, lowest);
        if (later.pairs >= 3) chain = later;
      }
    }
    if (weak && chain.pairs < 2) chain = Chain{};
    return chain;
  };
  for (auto [marker_style, body_style] : kPairings) {
    Chain chain = evaluate(markers_of(marker_style), bodies_of(body_style),
                           body_style == Style::Punct || marker_style != body_style);
    if (chain.pairs > best.pairs) best = std::move(chain);
  }
  // A document that mixes styles: superscripts with a plain glued digit where the
  // extraction lost the superscript, "(1)" pages with a page of glued digits.
  for (Style other : {Style::Superscript, Style::Paren}) {
    std::vector<Marker> markers = markers_of(other);
    const auto& plain_markers = markers_of(Style::Plain);
    if (markers.empty() || plain_markers.empty()) continue;
    markers.insert(markers.end(), plain_markers.begin(), plain_markers.end());
    std::sort(markers.begin(), markers.end(), [](const Marker& x, const Marker& y) { return x.begin < y.begin; });
    std::vector<Body> bodies = bodies_of(other);
    const auto& plain_bodies = bodies_of(Style::Plain);
    bodies.insert(bodies.end(), plain_bodies.begin(), plain_bodies.end());
    std::sort(bodies.begin(), bodies.end(), [](const Body& x, const Body& y) { return x.line < y.line; });
    Chain chain = evaluate(markers, bodies, true);
    if (chain.pairs > best.pairs) best = std::move(chain);
  }
  if (best.pairs == 0) {
    add_author_note(doc, layout, skip, excluded_lines, scan);
    return scan;
  }

  std::vector<int> body_lines;
  for (auto& [m, b] : best.notes)
    if (b) body_lines.push_back(b->line);
  std::sort(body_lines.begin(), body_lines.end());

  for (std::size_t i = 0; i < best.notes.size(); ++i) {
    auto& [m, b] = best.notes[i];
    Footnote fn;
    fn.label = std::to_string(best.labels[i]);
    if (m) fn.marker_bytes = {m->begin, m->end};
    if (b) {
      int first = b->line;
      std::string_view first_line = doc.line(first);
      std::size_t indent = 0;
      while (indent < first_line.size() && (first_line[indent] == ' ' || first_line[indent] == '\f')) ++indent;
      int last = first;
      for (int line = first + 1; line <= doc.line_count() && line < first + 40; ++line) {
        if (layout.furniture(line) || layout.has(line, kPageStart)) break;
        // A link alone on a line continues a body whose last line did not end ("…Society 7,"),
        // and otherwise is a PDF link annotation after the notes.
        if (layout.has(line, kLinkAnnotation)) {
          std::string_view prev = trim(doc.line(last));
          char end = prev.empty() ? '.' : prev.back();
          if (end == '.' || end == ')' || end == ']') break;
        }
        if (!excluded_lines.empty() && excluded_lines[line - 1]) break;
        if (std::binary_search(body_lines.begin(), body_lines.end(), line)) break;
        std::string_view l = doc.line(line);
        std::size_t ind = 0;
        while (ind < l.size() && (l[ind] == ' ' || l[ind] == '\t')) ++ind;
        // Main text resuming after the notes: another margin, double-spaced again.
        bool next_blank = line + 1 > doc.line_count() || layout.has(line + 1, kBlank);
        if (ind != indent && next_blank) break;
        last = line;
      }
      fn.body_bytes = {b->text_begin, doc.line_end(last)};
      std::string text(trim(std::string_view(doc.text).substr(b->text_begin, doc.line_end(first) - b->text_begin)));
      for (int line = first + 1; line <= last; ++line) {
        text.push_back('\n');
        text.append(trim(doc.line(line)));
      }
      fn.text = std::move(text);
    }
    scan.footnotes.push_back(std::move(fn));
  }
  scan.gaps = best.gaps;

  add_author_note(doc, layout, skip, excluded_lines, scan);
  return scan;
}

}  // namespace citecheck
