// reference_list_finder.cpp — where the reference lists lie and where their entries start.
//
// Rules anchor, models decide. A heading of the tables (~40 languages) anchors a list; the
// zone model, which reads every line's shape and its neighbours', says how far the list runs
// (to a heading that closes it, or to the first run of body text) and finds a list that has
// no heading at all. Within a list, labels that run in sequence number the entries; in an
// unnumbered list the entry model says which lines start an entry. Footnote blocks at page
// feet, sub-section headings and bullets stay rules: they are knowledge, not guesses.
#include <algorithm>
#include <cmath>
#include <string>
#include <unordered_map>
#include <vector>

#include <re2/re2.h>

#include "parsers/learned/line_features.hpp"
#include "parsers/reference_list.hpp"
#include "parsers/reference_list_rules.hpp"
#include "parsers/scripts/tables.hpp"
#include "parsers/unicode_text.hpp"

namespace citecheck {

namespace {

// Consecutive body lines that end a list (one or two are a mislabelled entry line).
constexpr int kBodyRunEnds = 4;
// A list without a heading must hold at least this many reference lines, with a year in a
// third of them, before it is believed.
constexpr int kHeadlessMinLines = 8;
// The longest interruption (in text lines) a list resumes after.
constexpr int kInterruptionLines = 40;

struct Zones {
  std::vector<int> label;           // per line (index = line); -1 for blank lines
  int reference, furniture;
};

Zones label_zones(const std::vector<LineShape>& shapes, const LineModels& models) {
  Zones z{std::vector<int>(shapes.size() + 1, -1), models.zone_reference, models.zone_furniture};
  std::vector<int> text;
  text.reserve(shapes.size());
  for (std::size_t i = 0; i < shapes.size(); ++i)
    if (!shapes[i].blank) text.push_back(static_cast<int>(i) + 1);
  // The lines before the first heading are only read when there is none (a list without a
  // heading): where a heading stands, the lists lie below it, and the body above is most of a
  // paper's text.
  std::size_t first = 0;
  while (first < text.size() && !shapes[static_cast<std::size_t>(text[first] - 1)].anchor) ++first;
  if (first == text.size()) first = 0;
  // One line's features at a time: a long document's would take far more memory than its text.
  ZoneFeatureContext context(shapes, text);
  const std::size_t nl = models.zone.labels().size();
  std::vector<float> emissions((text.size() - first) * nl), scores;
  FeatureList features;
  for (std::size_t k = first; k < text.size(); ++k) {
    context.features(k, models.zone.buckets(), features);
    models.zone.item_scores(features, scores);
    std::copy(scores.begin(), scores.end(), emissions.begin() + static_cast<long>((k - first) * nl));
  }
  auto labels = models.zone.decode_scores(emissions);
  for (std::size_t k = first; k < text.size(); ++k) z.label[static_cast<std::size_t>(text[k])] = labels[k - first];
  return z;
}

// Below a heading, what keeps a list going: a line shaped like an entry's (a year, a label,
// "Family, …", initials, a link); continuation lines of long entries read like prose, and the
// model alone would cut a list at the first of them. Else the zone model's reading of the
// line by itself (not with its neighbours, nor the chain's, which would carry a list over the
// prose between two lists).
bool list_evidence(const std::vector<LineShape>& shapes, int line, const LineModels& models) {
  const LineShape& s = shapes[static_cast<std::size_t>(line) - 1];
  if (s.years > 0 || s.label_kind != 0 || s.name_comma || s.name_initials || s.initials >= 2 || s.has_link ||
      s.page_range || s.volume_issue)
    return true;
  // The line on its own, without the neighbours that make every line near a list look like one.
  std::vector<float> scores;
  models.zone.item_scores(zone_features(shapes, {line}, models.zone.buckets())[0], scores);
  return std::exp(scores[static_cast<std::size_t>(models.zone_reference)]) +
             std::exp(scores[static_cast<std::size_t>(models.zone_note)]) >= 0.5f;
}

// "1 Smith J…", "2 Brown…": entries numbered by a bare number, in sequence from 1 right after
// the heading. Such lines are entries, not the page's footnote bodies.
int bare_number(std::string_view line) {
  std::size_t i = 0;
  while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
  int v = 0, count = 0;
  while (i < line.size() && count < 4) {
    std::size_t j = i;
    int d = digit_value(next_code_point(line, j));
    if (d < 0) break;
    v = v * 10 + d;
    ++count;
    i = j;
  }
  return count ? v : -1;
}

// A label alone on its line ("14.", "(14)"): the extraction set the list's label column apart
// from the entries' text. (A bare "14" or "[14]" is taken for a page number before this.)
std::optional<std::string> label_alone(std::string_view line, int& value, std::size_t& text_begin) {
  static const RE2 re(R"(^\s*(\[|\()?(\d{1,4})([.)\]])\s*$)");
  std::string open, digits, close;
  if (line.size() > 16 || !RE2::FullMatch(line, re, &open, &digits, &close)) return std::nullopt;
  const bool closed = open.empty() ? (close == "." || close == ")") : (open == "[" ? close == "]" : close == ")");
  if (!closed) return std::nullopt;
  value = std::stoi(digits);
  text_begin = line.size();
  return digits;  // as entry_label gives it: the number without its marks
}

// Labels printed alone on their lines ("[1]⏎Segal BH. …", "12⏎Meyer KC. …"), line → value.
// The page-number pattern takes such a line for a folio, but folios are a page apart (fifteen
// lines or more): three or more numbers rising one by one a few lines apart are labels.
std::unordered_map<int, int> labels_alone(const Document& doc, int from, int to) {
  std::vector<std::pair<int, int>> candidates;  // (line, value)
  for (int i = from; i <= to; ++i) {
    std::string_view line = trim(doc.line(i));
    if (line.empty() || line.size() > 8) continue;
    int value = 0;
    std::size_t text_begin = 0;
    if (label_alone(line, value, text_begin)) {
      candidates.emplace_back(i, value);
    } else if (std::all_of(line.begin(), line.end(), [](char c) { return c >= '0' && c <= '9'; }) && line.size() <= 4) {
      candidates.emplace_back(i, std::stoi(std::string(line)));
    }
  }
  // Each number's successor: the next candidate one higher, fewer than 15 lines on (a folio
  // between two labels does not break their chain).
  const std::size_t m = candidates.size();
  std::vector<int> next(m, -1), chain(m, 1);
  for (std::size_t k = 0; k < m; ++k)
    for (std::size_t j = k + 1; j < m && candidates[j].first - candidates[k].first < 15; ++j)
      if (candidates[j].second == candidates[k].second + 1) { next[k] = static_cast<int>(j); break; }
  for (std::size_t k = m; k-- > 0;)
    if (next[k] >= 0) chain[k] = chain[static_cast<std::size_t>(next[k])] + 1;
  std::unordered_map<int, int> out;
  std::vector<bool> reached(m, false);
  for (std::size_t k = 0; k < m; ++k) {
    if (reached[k] || chain[k] < 3) continue;
    for (int j = static_cast<int>(k); j >= 0; j = next[static_cast<std::size_t>(j)]) {
      reached[static_cast<std::size_t>(j)] = true;
      out.emplace(candidates[static_cast<std::size_t>(j)].first, candidates[static_cast<std::size_t>(j)].second);
    }
  }
  return out;
}

// The part label that opens a line or an entry's text ("a) M. Schneider", "b )A.N .C",
// "(c) J. Gubbens"): its letter, with `text_begin` set past it; 0 when none.
char part_label(std::string_view text, std::size_t& text_begin) {
  static const RE2 re(R"(^(\s*(?:\(([a-z])\)|([a-z]) ?\))\s*))");
  re2::StringPiece input(text.data(), text.size()), whole, boxed, bare;
  if (!RE2::Consume(&input, re, &whole, &boxed, &bare)) return 0;
  text_begin = whole.size();
  return !boxed.empty() ? boxed[0] : bare[0];
}

// The layout a list's geometry shows, when it shows one.
enum class Geometry { None, Hanging, FirstLine, BlankSeparated };

Geometry list_geometry(const std::vector<LineShape>& shapes, const std::vector<int>& lines) {
  if (lines.size() < 4) return Geometry::None;
  std::uint16_t base = 999;
  for (int l : lines) base = std::min(base, shapes[l - 1].indent);
  std::size_t indented = 0, blank_gaps = 0, consecutive_indented = 0;
  bool gaps_open_entries = true;
  for (std::size_t k = 0; k < lines.size(); ++k) {
    const bool in = shapes[lines[k] - 1].indent > base;
    indented += in;
    if (k > 0 && in && shapes[lines[k - 1] - 1].indent > base) ++consecutive_indented;
    if (k > 0 && lines[k] > 1 && shapes[lines[k] - 2].blank && !(shapes[lines[k] - 1].furniture & kPageStart)) {
      ++blank_gaps;
      const LineShape& s = shapes[lines[k] - 1];
      gaps_open_entries = gaps_open_entries && (s.name_comma || s.name_initials || s.label_kind || s.first_year_at < 60 ||
                                                s.first == CharClass::Upper || s.first == CharClass::Uncased);
    }
  }
  const std::size_t n = lines.size();
  // Blank lines between most entries: each gap opens one (a gap at a page break is no sign).
  if (blank_gaps >= 2 && gaps_open_entries && blank_gaps * 4 >= n && blank_gaps * 5 <= n * 4) return Geometry::BlankSeparated;
  if (indented == 0) return Geometry::None;
  // Hanging: the first line at the margin, its continuations indented; a list whose entries
  // all fit on one line has no indented lines and is left to the model.
  if (indented * 10 >= n * 2 && shapes[lines[0] - 1].indent == base) return Geometry::Hanging;
  // First-line indents: indented lines never follow one another.
  if (indented * 10 >= n * 2 && consecutive_indented * 10 <= indented && shapes[lines[0] - 1].indent > base)
    return Geometry::FirstLine;
  return Geometry::None;
}

// A line's end that ends an entry: '.', ')' or a link.
bool closes_entry(const LineShape& s) {
  return s.last == CharClass::Period || s.last == CharClass::Close || s.ends_link;
}

// "De Vries GJ (2008)", "Van Anken BJ, …", "Le Moal M, …": a name whose capitalised particle
// hides the name-and-initials shape of the line features (one word, then initials).
// Also in lower case ("van Leeuwen FW, …", "de la Torre JC, …").
bool particle_name_initials(std::string_view line) {
  static const RE2 re(
      R"(^\s*(?:\p{Lu}[\p{Ll}\pM'’]{0,3}|\p{Ll}{1,3}(?:\s+\p{Ll}{1,3})?)\s+\p{Lu}[\p{Ll}\pM'’\-]+\s+\p{Lu}{1,3}[\s,(])");
  return RE2::PartialMatch(line.substr(0, std::min<std::size_t>(line.size(), 80)), re);
}

// "Ludwig M, Stern J, …", "Wersinger SR, Caldwell HK, …": two authors with their initials open
// the line — an entry's author list, not the wrapped middle of one (which opens with the
// initials or the name the break cut off).
bool two_names_with_initials(std::string_view line) {
  static const RE2 re(R"(^\s*(?:\p{Lu}[\p{Ll}\pM'’\-]+(?:\s+\p{Lu}[\p{Ll}\pM'’\-]+)?\s+\p{Lu}{1,3},\s+){2})");
  return RE2::PartialMatch(line.substr(0, std::min<std::size_t>(line.size(), 80)), re);
}

// Lines that look like a name with initials and are not: a journal and its volume ("Biochem J
// 67:333-340", "Brain Res 457:143"), a publisher's place ("Princeton, NJ: Princeton University
// Press").
bool journal_or_place_opening(std::string_view line) {
  static const RE2 journal(R"(^\s*\p{Lu}\p{Ll}+\.?\s+\p{Lu}{1,2}\.?\s+\d)");
  static const RE2 place(R"(^\s*\p{Lu}[\p{L}\-. ]{1,30},\s*\p{Lu}{2}\s*:)");
  std::string_view head = line.substr(0, std::min<std::size_t>(line.size(), 80));
  return RE2::PartialMatch(head, journal) || RE2::PartialMatch(head, place);
}

// "Yu. G. GOLOLOBOV, I. N. …", "S. C. K. WONG et A. W. …", "M. Schneider, A. Belsom": an author
// written initials first, the opening of entries in chemistry's and physics' styles.
bool initials_first_name(std::string_view line) {
  static const RE2 re(R"(^\s*(?:\p{Lu}\p{Ll}?\.[\s\-]?){1,4}\s*\p{Lu}[\p{L}\pM'’\-]+(?:,|\s|$))");
  return RE2::PartialMatch(line.substr(0, std::min<std::size_t>(line.size(), 80)), re);
}

// A line that ends on an initial ("… C. J. MOODY et C. W."): a wrapped author list, whatever
// the next line opens with.
bool ends_with_initial(std::string_view line) {
  static const RE2 re(R"((?:^|[\s,.])\p{Lu}\p{Ll}?\.\s*$)");
  return RE2::PartialMatch(line.substr(line.size() > 40 ? line.size() - 40 : 0), re);
}

// Which of an unnumbered list's lines start an entry. Where the page's geometry says it
// (hanging or first-line indents, blank lines between entries) the geometry decides; else the
// entry model, with one rule beside it: a line shaped like an entry's opening after a line
// that ended an entry short of the margin.
std::vector<bool> entry_starts(const Document& doc, const std::vector<LineShape>& shapes,
                               const std::vector<int>& lines, const LineModels& models) {
  std::vector<bool> out(lines.size(), false);
  if (lines.empty()) return out;
  std::uint16_t base = 999;
  for (int l : lines) base = std::min(base, shapes[l - 1].indent);
  switch (list_geometry(shapes, lines)) {
    case Geometry::Hanging:
      for (std::size_t k = 0; k < lines.size(); ++k) out[k] = shapes[lines[k] - 1].indent == base;
      return out;
    case Geometry::FirstLine:
      for (std::size_t k = 0; k < lines.size(); ++k) out[k] = shapes[lines[k] - 1].indent > base;
      out[0] = true;
      return out;
    case Geometry::BlankSeparated:
      for (std::size_t k = 0; k < lines.size(); ++k) out[k] = k == 0 || (lines[k] > 1 && shapes[lines[k] - 2].blank);
      return out;
    case Geometry::None:
      break;
  }
  auto labels = models.entry.decode(entry_features(shapes, lines, models.entry.buckets()));
  const std::uint32_t margin = full_length(shapes, lines);
  std::size_t near_margin = 0, closed_long = 0, open_at_margin = 0;
  for (int l : lines) {
    const LineShape& s = shapes[l - 1];
    const bool at_margin = s.length * 10 >= margin * 9;
    near_margin += at_margin;
    closed_long += s.length >= 40 && closes_entry(s);
    open_at_margin += at_margin && !closes_entry(s);
  }
  // Wrapped at a margin: many lines about as long as the longest. Only then does a line that
  // reaches the margin say its entry goes on.
  const bool wrapped = lines.size() >= 4 && margin >= 50 && near_margin * 10 >= lines.size() * 3;
  // An entry to a line, as a word processor's text gives it: nearly every line long and
  // closed like an entry's end, and (almost) none run to the margin open, as the lines of a
  // wrapped entry do.
  const bool entry_per_line =
      lines.size() >= 3 && closed_long * 10 >= lines.size() * 8 && open_at_margin * 10 < lines.size();
  for (std::size_t k = 0; k < lines.size(); ++k) {
    out[k] = labels[k] == models.entry_start;
    if (out[k] || k == 0) continue;
    const LineShape& prev = shapes[lines[k - 1] - 1];
    const LineShape& cur = shapes[lines[k] - 1];
    const bool short_of_margin = !wrapped || prev.length * 100 < margin * 85;
    const bool closed = closes_entry(prev) || prev.last == CharClass::Semicolon;
    // An entry ends in '.', ')', ';' or a link, but also in ',' or nothing; after those, only
    // short of the margin (a wrapped author list breaks after a comma too).
    const bool prev_may_end = !prev.ends_hyphen && prev.last != CharClass::Colon && (closed || short_of_margin);
    // "Family, A. B." / "Family AB," / "Family, Given (1999)": a name with its initials or
    // its year right after it opens an entry.
    const std::string_view text = doc.line(lines[k]);
    const bool not_a_name = journal_or_place_opening(text);
    const bool strong_opening =
        !not_a_name && (cur.name_initials || (cur.name_comma && (cur.early_initials > 0 || cur.first_year_at < 40)) ||
                        (cur.first == CharClass::Lower && particle_name_initials(text)));
    // After a comma the names may be the same entry's editors ("In: Hutton, W.,⏎Giddens, A.
    // (eds.)"): only a name with its year opens a new one there.
    const bool dated_opening = (cur.name_comma || cur.name_initials) && cur.first_year_at < 40;
    // A name with its initials and its year soon after ("Chabout J, Sarkar A, … (2015) Male…")
    // opens an entry even after a line run to the margin: entries end in words too ("…
    // CrossRef Medline"). Not after a comma, a connector sign or a break inside a word, where a
    // wrapped author list goes on.
    const bool list_may_end = prev.last != CharClass::Comma && prev.last != CharClass::Other &&
                              prev.last != CharClass::Colon && !prev.ends_hyphen;
    const bool dated_names = cur.first_year_at < 60 && list_may_end && !not_a_name &&
                             (cur.name_initials || particle_name_initials(text));
    // Two of them, dated or not, open an entry there too.
    const bool names_run = list_may_end && two_names_with_initials(text);
    // In such a list, after a closed line, a capital or a quote opens the next entry ("NBS –
    // National Bureau of Statistics…", "WORLD BANK. …").
    const bool line_per_entry = entry_per_line && closed &&
                                (cur.first == CharClass::Upper || cur.first == CharClass::Uncased ||
                                 cur.first == CharClass::Quote || cur.first == CharClass::Open);
    // An author initials first after a line closed on something else than an initial.
    const bool initials_opening = (prev.last == CharClass::Period || prev.last == CharClass::Close) &&
                                  !prev.ends_hyphen && cur.early_initials > 0 &&
                                  initials_first_name(text) && !ends_with_initial(doc.line(lines[k - 1]));
    if (prev_may_end && strong_opening && (prev.last != CharClass::Comma || dated_opening)) out[k] = true;
    else if (initials_opening) out[k] = true;
    else if (dated_names || names_run || line_per_entry) out[k] = true;
    else if (closed && list_rules::entry_start_shape(text)) out[k] = true;
  }
  return out;
}

}  // namespace

ReferenceListLayout find_reference_list(const Document& doc, const PageLayout& layout,
                                        const std::vector<ByteRange>& links, const LineModels& models) {
  (void)links;  // the line features see a line's closing link themselves
  ReferenceListLayout out;
  const int n = doc.line_count();
  if (n == 0) return out;
  const std::vector<LineShape> shapes = line_shapes(doc, layout);
  const Zones zones = label_zones(shapes, models);
  auto skip_line = [&](int i) { return shapes[i - 1].blank || layout.furniture(i); };

  // Lists anchored on a heading: each runs while its lines are list lines.
  std::vector<int> headings;
  for (int i = 1; i <= n; ++i)
    if (shapes[i - 1].anchor && !layout.furniture(i)) headings.push_back(i);
  // After a run of body lines, the list goes on when reference lines follow soon: a figure
  // caption or a box set in the middle of the list. Returns the line it resumes at, or 0.
  auto resumes_after = [&](int from) {
    int text = 0;
    for (int i = from; i <= n && text < kInterruptionLines; ++i) {
      if (skip_line(i)) continue;
      if (shapes[i - 1].anchor || list_rules::back_matter_heading(doc.line(i))) return 0;
      ++text;
      int run = 0;
      for (int j = i; j <= n && run < 3; ++j) {
        if (skip_line(j)) continue;
        if (zones.label[j] != zones.reference) break;
        ++run;
      }
      if (run >= 3) return i;
    }
    return 0;
  };
  int covered_to = 0;
  for (int h : headings) {
    if (h <= covered_to) continue;  // a sub-section heading of the list above (or seen below one that heads none)
    int last = h, body_run = 0, list_lines = 0, stop = n;
    for (int i = h + 1; i <= n; ++i) {
      stop = i;
      if (skip_line(i)) continue;
      std::string_view line = doc.line(i);
      if (list_rules::back_matter_heading(line)) break;
      if (shapes[i - 1].anchor) {
        // Prose and then another heading: this one heads no list ("Sources" over a note on
        // the interviews, then "Bibliography"); the next one is tried on its own.
        if (list_lines == 0 && body_run > 0) {
          stop = i - 1;
          break;
        }
        last = i;
        body_run = 0;
        continue;
      }
      if (list_evidence(shapes, i, models)) {
        last = i;
        body_run = 0;
        ++list_lines;
      } else if (zones.label[i] != zones.furniture && ++body_run >= kBodyRunEnds) {
        int again = list_lines ? resumes_after(i + 1) : 0;
        if (!again) break;
        out.footnote_blocks.emplace_back(last + 1, again - 1);
        body_run = 0;
        i = again - 1;
      }
    }
    // A heading that heads no list (a contents line, a section title): the headings up to where
    // its scan stopped would see the same lines, so they are not scanned again.
    if (list_lines == 0) {
      covered_to = stop;
      continue;
    }
    while (!out.footnote_blocks.empty() && out.footnote_blocks.back().first > last) out.footnote_blocks.pop_back();
    out.regions.emplace_back(h, last);
    covered_to = last;
  }
  // No heading: a long run of reference lines, believed when it looks like entries and not
  // like prose that cites — a document without a heading, or a list after the anchored ones
  // whose heading the extraction lost. Never before an anchored list: the text is there.
  {
    std::vector<bool> covered(static_cast<std::size_t>(n) + 2, false);
    for (auto [from, to] : out.regions)
      for (int l = from; l <= to; ++l) covered[static_cast<std::size_t>(l)] = true;
    const int after = out.regions.empty() ? 0 : out.regions.back().second;
    // "(Rahimov & Keller, 2021, 12)": a bracket with a name and a year is the text citing.
    static const RE2 cites(R"(\([^()]*\pL[^()]*(?:1[3-9]|20)\d\d[^()]*\))");
    for (int i = after + 1; i <= n;) {
      if (covered[static_cast<std::size_t>(i)] || skip_line(i) || zones.label[i] != zones.reference) { ++i; continue; }
      int from = i, last = i, lines = 0, years = 0, citing = 0, openings = 0, notes = 0, body_run = 0;
      int in_sequence = 0, expected = -1, first_number = -1;  // bare numbers counting up: "1 S. Chen…", "2 …"
      for (; i <= n && !covered[static_cast<std::size_t>(i)]; ++i) {
        if (skip_line(i)) continue;
        if (zones.label[i] == zones.reference) {
          last = i;
          body_run = 0;
          ++lines;
          years += shapes[i - 1].years > 0;
          std::string_view l = doc.line(i);
          citing += shapes[i - 1].years > 0 && RE2::PartialMatch(fold_digits(l.substr(0, std::min<std::size_t>(l.size(), 600))), cites);
          const LineShape& sh = shapes[i - 1];
          openings += sh.name_comma || sh.name_initials || sh.label_kind != 0;
          if (sh.note_number || (sh.first == CharClass::Digit && sh.label_kind == 0)) {
            ++notes;
            const int number = bare_number(l);
            if (number >= 0 && (expected < 0 || number == expected)) {
              if (expected < 0) first_number = number;
              ++in_sequence;
              expected = number + 1;
            }
          }
        } else if (++body_run >= kBodyRunEnds) {
          break;
        }
      }
      // Entries open with a name or a label, a quarter of the lines at least; footnote bodies
      // ("8 See …", "9Schimmelfennig…") open with their number, and a rule stands above them.
      // A list numbered by bare numbers that count up, run after run (the physics journals'
      // "1 S. Chen, X. Gong, …"), is no page's notes — unless a notes heading stands above it.
      bool under_rule = false, under_notes_heading = false;
      for (int k = from - 1; k >= 1 && k >= from - 3; --k) {
        under_rule = under_rule || list_rules::footnote_rule(doc.line(k));
        std::string_view above = trim(doc.line(k));
        under_notes_heading = under_notes_heading ||
                              (!above.empty() && above.size() <= 60 && tables::is_notes_heading_key(name_key(above)));
      }
      const bool numbered_list = in_sequence >= kHeadlessMinLines && in_sequence * 5 >= notes * 4 && !under_notes_heading;
      if (numbered_list) openings = std::max(openings, in_sequence);
      // A year in most entries: in a third of the lines, or a quarter when entries run over
      // three lines or more and nearly every opening line has its year.
      const bool dated = years * 3 >= lines || (years * 4 >= lines && years * 5 >= openings * 4);
      if (lines >= kHeadlessMinLines && dated && citing * 4 < lines && openings >= 3 &&
          openings * 4 >= lines && (notes * 4 < lines || numbered_list) && !under_rule) {
        // The chain reads the first entry after prose as prose: a line or two above the run that
        // open an entry (a name with its year, or the number before the run's first) belong to it.
        for (int back = 0, k = from - 1; back < 2 && k >= 1 && !covered[static_cast<std::size_t>(k)]; --k) {
          if (skip_line(k)) continue;
          const LineShape& sh = shapes[k - 1];
          const bool opens = numbered_list ? bare_number(doc.line(k)) == first_number - 1
                                           : (sh.name_comma || sh.name_initials) && sh.years > 0;
          if (!opens) break;
          from = k;
          if (numbered_list) --first_number;
          ++back;
        }
        out.regions.emplace_back(from, last);
      }
    }
    std::sort(out.regions.begin(), out.regions.end());
  }
  if (out.regions.empty()) return out;

  out.first_line = out.regions.front().first;
  out.last_line = out.regions.back().second;
  out.info.present = true;
  // The report names the first list's heading; a list without one is located at its first entry.
  for (auto [from, to] : out.regions) {
    if (!shapes[from - 1].anchor) continue;
    out.info.heading = std::string(trim(doc.line(from)));
    out.info.heading_line = from;
    break;
  }
  if (!out.info.heading_line) out.info.heading_line = out.first_line;

  for (auto [region_from, region_to] : out.regions) {
    const bool headless = !shapes[region_from - 1].anchor;
    const int body_from = headless ? region_from : region_from + 1;
    // Numbered when labels run in sequence ("1.", "[2]", "(3)"); a page range ("1247–1266.")
    // or a wrapped "12(3)" at a line's start is out of sequence and no label.
    int in_sequence = 0, labelled = 0, previous = 0;
    int bare_in_sequence = 0, bare_previous = 0;
    bool first_text = true, bare_numbers = false;
    const std::unordered_map<int, int> alone = labels_alone(doc, body_from, region_to);
    for (int i = body_from; i <= region_to; ++i) {
      if (skip_line(i) && !alone.count(i)) continue;
      int v;
      std::size_t tb;
      if (entry_label(doc.line(i), v, tb) || alone.count(i)) {
        if (auto a = alone.find(i); a != alone.end()) v = a->second;
        ++labelled;
        if (v == previous + 1 || (previous == 0 && v == 1)) ++in_sequence;
        previous = v;
      }
      if (list_rules::note_number_opening(doc.line(i))) {
        int b = bare_number(doc.line(i));
        if (first_text ? b == 1 : b == bare_previous + 1) {
          ++bare_in_sequence;
          bare_previous = b;
        }
      }
      first_text = false;
    }
    const bool numbered = in_sequence >= 2 && in_sequence * 2 >= labelled;
    bare_numbers = !numbered && bare_in_sequence >= 2;
    out.numbered = out.numbered || numbered || bare_numbers;

    std::string section;
    EntryLines* current = nullptr;
    auto start_entry = [&](int line, std::string label, std::size_t text_begin) {
      out.entries.push_back({});
      EntryLines& e = out.entries.back();
      e.label = std::move(label);
      e.section = section;
      e.first_line = e.last_line = line;
      std::size_t lb = doc.line_begin(line);
      e.bytes = {lb + list_rules::indentation(doc.line(line)), doc.line_end(line)};
      e.text = std::string(trim(doc.line(line).substr(text_begin)));
      current = &e;
    };
    auto continue_entry = [&](int line) {
      current->last_line = line;
      current->bytes.end = doc.line_end(line);
      if (!current->text.empty()) current->text.push_back('\n');
      current->text.append(trim(doc.line(line)));
    };
    // The page's footnotes run from `from` to its number, running head or next page.
    auto footnote_block_from = [&](int from) {
      int j = from + 1;
      while (j <= region_to && !layout.has(j, kPageNumber) && !layout.has(j, kRunningHead) && !layout.has(j, kPageStart))
        ++j;
      out.footnote_blocks.emplace_back(from, j - 1);
      return j - 1;
    };
    // An unnumbered section's lines wait here for the entry model.
    std::vector<int> pending;
    auto flush_pending = [&] {
      if (pending.empty()) return;
      auto starts = entry_starts(doc, shapes, pending, models);
      // A dash opens entries only in a list that uses dashes as bullets: one dash alone is a
      // separator the entry above wrapped at ("… apresentação Covas, M.⏎   - São Paulo: …").
      auto opens_with_dash = [&](int line) { return trim(doc.line(line)).substr(0, 1) == "-"; };
      std::size_t dashes = 0;
      for (int line : pending) {
        std::size_t at = 0;
        dashes += opens_with_dash(line) && list_rules::bullet(doc.line(line), at);
      }
      for (std::size_t k = 0; k < pending.size(); ++k) {
        int line = pending[k];
        std::size_t bullet_text = 0;
        bool bullet = list_rules::bullet(doc.line(line), bullet_text) && (dashes >= 2 || !opens_with_dash(line));
        // A bullet opens an entry ("• Light, Felix. 2023…"), but not a dash before a year
        // ("- 2023 . https://…", the tail of the entry above).
        std::string_view after = doc.line(line).substr(bullet ? bullet_text : 0);
        std::size_t at = 0;
        const bool bullet_opens = bullet && !after.empty() &&
                                  (list_rules::entry_start_shape(after) || !is_digit(next_code_point(after, at)));
        if (!current || starts[k] || bullet_opens) {
          start_entry(line, "", bullet ? bullet_text : list_rules::indentation(doc.line(line)));
        } else {
          continue_entry(line);
        }
      }
      pending.clear();
    };

    int expected = 0;  // next label of a numbered list; 0 = any
    // Chemistry's compound entries ("[1] a) M. Schneider, …;⏎b) A. N. Calabrese, …"): each
    // part is a work of its own, cited as "[1a]", or with its group as "[1]". The parts are
    // entries labelled "1a", "1b"; `next_part` is the letter the current group expects.
    std::string group_label;
    char next_part = 0;
    bool after_blank = true;
    current = nullptr;
    std::size_t block = 0;
    const std::size_t blocks_found = out.footnote_blocks.size();
    for (int i = body_from; i <= region_to; ++i) {
      std::string_view line = doc.line(i);
      // A caption or box the list resumed after is no part of any entry.
      while (block < blocks_found && out.footnote_blocks[block].second < i) ++block;
      if (block < blocks_found && out.footnote_blocks[block].first <= i) {
        i = out.footnote_blocks[block].second;
        continue;
      }
      if (list_rules::footnote_rule(line)) {
        i = footnote_block_from(i);
        continue;
      }
      if (shapes[i - 1].blank) { after_blank = true; continue; }
      if (layout.furniture(i) && !alone.count(i)) continue;
      // Word and LibreOffice draw the footnote rule rather than print it: on a page of an
      // unnumbered list, a block after a blank line that opens with a bare note number ("4
      // The model…") and runs to the page's end is the page's footnotes.
      if (!numbered && !bare_numbers && after_blank && list_rules::note_number_opening(line) &&
          (current || !pending.empty())) {
        i = footnote_block_from(i);
        continue;
      }
      if (shapes[i - 1].anchor || list_rules::source_kind_heading(line)) {
        flush_pending();
        section = std::string(trim(line));
        out.info.sections.push_back({section, i});
        expected = 0;
        next_part = 0;
        current = nullptr;
        after_blank = true;
        continue;
      }
      after_blank = false;
      if (bare_numbers) {
        int b = list_rules::note_number_opening(line) ? bare_number(line) : -1;
        if (b > 0 && (expected == 0 || b == expected || (b > expected && b <= expected + 2))) {
          std::size_t k = 0;
          while (k < line.size() && (line[k] == ' ' || is_digit(static_cast<unsigned char>(line[k])) ||
                                     static_cast<unsigned char>(line[k]) >= 0x80)) {
            std::size_t j = k;
            char32_t cp = next_code_point(line, j);
            if (cp != ' ' && !is_digit(cp)) break;
            k = j;
          }
          std::string label = std::string(trim(line.substr(0, k)));
          start_entry(i, label, k);
          expected = b + 1;
        } else if (current) {
          continue_entry(i);
        } else {
          start_entry(i, "", list_rules::indentation(line));
        }
        continue;
      }
      if (numbered) {
        int value = 0;
        std::size_t text_begin = 0;
        auto label = entry_label(line, value, text_begin);
        if (!label) label = label_alone(line, value, text_begin);
        if (auto a = alone.find(i); !label && a != alone.end()) {
          label = std::string(trim(line));
          value = a->second;
          text_begin = line.size();
        }
        bool in_seq = label && (expected == 0 || value == expected || value == 1 ||
                                (value > expected && value <= expected + 2));
        // A bullet ("•", not a dash that may begin "- 2023 …") opens an entry in a numbered
        // list too: lists mix them ("١- …" for books, "• …" for reports).
        std::size_t bullet_at = 0;
        if (!label && list_rules::bullet(line, bullet_at) && trim(line).substr(0, 1) != "-" &&
            list_rules::entry_start_shape(line.substr(bullet_at))) {
          start_entry(i, "", bullet_at);
          continue;
        }
        std::size_t part_begin = 0;
        if (in_seq) {
          flush_pending();
          start_entry(i, *label, text_begin);
          expected = value + 1;
          next_part = 0;
          if (part_label(line.substr(text_begin), part_begin) == 'a') {
            group_label = *label;
            current->label += 'a';
            current->text = std::string(trim(line.substr(text_begin + part_begin)));
            next_part = 'b';
          }
        } else if (current && next_part && part_label(line, part_begin) == next_part) {
          start_entry(i, group_label + next_part, part_begin);
          ++next_part;
        } else if (expected == 0) {
          // Before the section's first label ("… (1981).⏎14. T. AUBERT…": the extraction lost
          // the first numbers), the entry model splits the lines as in an unnumbered list.
          pending.push_back(i);
        } else if (current) {
          continue_entry(i);
        } else if (!layout.has(i, kLinkAnnotation)) {
          start_entry(i, "", list_rules::indentation(line));
        }
        continue;
      }
      pending.push_back(i);
    }
    flush_pending();
  }
  std::sort(out.footnote_blocks.begin(), out.footnote_blocks.end());
  return out;
}

}  // namespace citecheck
