#include "parsers/learned/line_features.hpp"

#include <algorithm>

#include "parsers/reference_list.hpp"
#include "parsers/unicode_text.hpp"

namespace citecheck {

namespace {

constexpr std::size_t kShapeBytes = 320;     // the part of a line its shape is read from
constexpr std::uint32_t kLengthCap = 4000;   // code points counted at most

CharClass classify(char32_t cp) {
  if (cp == 0) return CharClass::None;
  if (is_digit(cp)) return CharClass::Digit;
  if (is_letter(cp)) {
    if (is_upper(cp)) return CharClass::Upper;
    if (is_lower_in_cased_script(cp)) return CharClass::Lower;
    return CharClass::Uncased;
  }
  switch (cp) {
    case '(': case '[': case '{': case '<': case 0xAB: return CharClass::Open;
    case ')': case ']': case '}': case '>': case 0xBB: return CharClass::Close;
    case '-': case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015: case 0x2212: case '_':
      return CharClass::Dash;
    case '"': case '\'': case 0x2018: case 0x2019: case 0x201C: case 0x201D: case 0x201E: return CharClass::Quote;
    case '.': case 0x06D4: case 0x3002: return CharClass::Period;
    case ',': case 0x060C: case 0x3001: return CharClass::Comma;
    case ';': case 0x061B: return CharClass::Semicolon;
    case ':': return CharClass::Colon;
    default: return CharClass::Other;
  }
}

bool is_dash(char32_t cp) { return classify(cp) == CharClass::Dash; }

std::uint8_t cap8(unsigned v, unsigned cap) { return static_cast<std::uint8_t>(std::min(v, cap)); }

LineShape shape_of(std::string_view raw) {
  LineShape s;
  std::size_t lead = 0;
  unsigned indent = 0;
  while (lead < raw.size() && (raw[lead] == ' ' || raw[lead] == '\t' || raw[lead] == '\f')) {
    indent += raw[lead] == '\t' ? 4 : raw[lead] == ' ' ? 1 : 0;
    ++lead;
  }
  std::string_view t = trim(raw);
  if (t.empty()) return s;
  s.blank = false;
  s.indent = static_cast<std::uint16_t>(std::min(indent, 999u));

  // Length in code points, bounded: the bytes that start one (the text is valid UTF-8), counted
  // without decoding, since a paragraph's line runs to thousands of them. A code point takes
  // four bytes at most, so the cap's four times as many bytes hold the cap at least: counted in
  // one loop without an exit, which the compiler turns into vector adds.
  const std::size_t scan = std::min<std::size_t>(t.size(), 4 * kLengthCap);
  std::uint32_t length = 0;
  for (std::size_t i = 0; i < scan; ++i) length += (static_cast<unsigned char>(t[i]) & 0xC0) != 0x80;
  s.length = std::min(length, kLengthCap);

  std::string_view head = t.substr(0, std::min(t.size(), kShapeBytes));
  while (!head.empty() && (static_cast<unsigned char>(head.back()) & 0xC0) == 0x80 && head.size() < t.size())
    head.remove_suffix(1);  // do not cut a code point (its lead byte is dropped with it below)
  if (head.size() < t.size() && !head.empty() && static_cast<unsigned char>(head.back()) >= 0xC0) head.remove_suffix(1);

  std::size_t i = 0;
  s.first = classify(next_code_point(head, i));
  {
    std::size_t k = t.size();
    char32_t last = previous_code_point(t, k);
    s.last = classify(last);
    s.ends_hyphen = (last == '-' || last == 0x2010 || last == 0xAD) && k > 0 &&
                    is_letter([&] { std::size_t j = k; return previous_code_point(t, j); }());
    std::size_t sp = t.rfind(' ');
    std::string_view tok = sp == std::string_view::npos ? t : t.substr(sp + 1);
    s.ends_link = tok.find("://") != std::string_view::npos || tok.find("doi.org") != std::string_view::npos ||
                  tok.substr(0, 3) == "10." || tok.substr(0, 4) == "www.";
  }
  int value = 0;
  std::size_t text_begin = 0;
  if (entry_label(raw, value, text_begin)) {
    char c = t[0];
    s.label_kind = c == '[' ? 2 : c == '(' ? 3 : (c == '-' || static_cast<unsigned char>(c) >= 0x80) ? 5 : 0;
    if (!s.label_kind) {
      std::size_t k = 0;
      while (k < t.size() && (is_digit(static_cast<unsigned char>(t[k])) || static_cast<unsigned char>(t[k]) >= 0x80)) {
        std::size_t j = k;
        if (!is_digit(next_code_point(t, j))) break;
        k = j;
      }
      while (k < t.size() && t[k] == ' ') ++k;
      s.label_kind = k < t.size() && t[k] == ')' ? 4 : 1;
    }
    s.label_value = value;
  }

  // One pass over the head: words, years, initials, digit and punctuation shares.
  unsigned words = 0, years = 0, initials = 0, early = 0, digits = 0, puncts = 0, letters = 0, uppers = 0, cps = 0;
  unsigned first_word_letters = 0, first_word_uppers = 0;
  bool in_first_word = true, first_word_done = false;
  char32_t prev = ' ', prev2 = ' ';
  unsigned digit_run = 0, digit_run_value = 0;
  std::size_t digit_run_start_cp = 0;
  char32_t before_run = ' ';
  unsigned letter_run = 0;
  auto end_digit_run = [&](char32_t after) {
    if (digit_run == 4 && !is_letter(before_run) && digit_run_value >= 1300 && digit_run_value <= 2099 &&
        !is_digit(after)) {
      ++years;
      if (s.first_year_at == 255) s.first_year_at = cap8(static_cast<unsigned>(digit_run_start_cp), 254);
    }
    digit_run = 0;
    digit_run_value = 0;
  };
  for (std::size_t k = 0; k < head.size();) {
    char32_t cp = next_code_point(head, k);
    bool space = cp == ' ' || cp == '\t' || is_space(cp);
    int dv = digit_value(cp);
    if (dv >= 0) {
      if (digit_run == 0) { before_run = prev; digit_run_start_cp = cps; }
      ++digit_run;
      digit_run_value = digit_run_value * 10 + static_cast<unsigned>(dv);
      if (digit_run > 6) digit_run_value = 0;
      ++digits;
    } else if (digit_run) {
      // "2005a" is a year with its suffix: a letter right after four digits does not spoil it.
      end_digit_run(cp);
    }
    if (is_letter(cp)) {
      ++letters;
      ++letter_run;
      if (is_upper(cp)) ++uppers;
      if (in_first_word) { ++first_word_letters; if (is_upper(cp)) ++first_word_uppers; }
    } else if (!is_mark(cp)) {
      if (cp == '.' && letter_run == 1 && !is_letter(prev2)) {
        ++initials;
        if (cps < 30) ++early;
      }
      letter_run = 0;
      if (!space && dv < 0) ++puncts;
      if (in_first_word && first_word_letters > 0) {
        in_first_word = false;
        first_word_done = true;
        // "Family, Given" / "Family , Given" / "فرحان ، كرار": a comma, then a letter (not
        // "Jerome, 1997.", the tail of "St. Jerome").
        std::size_t j = k;
        bool comma = cp == ',' || cp == 0x060C;
        if (!comma && cp == ' ') {
          while (j < head.size() && head[j] == ' ') ++j;
          if (j < head.size()) {
            char32_t nx = next_code_point(head, j);
            comma = nx == ',' || nx == 0x060C;
          }
        }
        if (comma && words == 0) {
          while (j < head.size() && head[j] == ' ') ++j;
          s.name_comma = j < head.size() && is_letter(next_code_point(head, j));
        }
      }
    }
    if (space && !(prev == ' ' || is_space(prev))) ++words;
    if (dv >= 0 && (prev == '-' || prev == 0x2013) && is_digit(prev2)) s.page_range = true;
    if (dv >= 0 && (prev == '(' || prev == ':') && is_digit(prev2)) s.volume_issue = true;
    prev2 = prev;
    prev = cp;
    ++cps;
  }
  if (digit_run) end_digit_run(' ');
  if (!(prev == ' ')) ++words;
  (void)first_word_done;
  s.caps_word = first_word_letters >= 2 && first_word_uppers == first_word_letters;
  // "Travers KJ, …", "Albers HE (2012)", "Smith J.A.": a capitalised word, a space, then one to
  // three capitals (with dots) up to a comma, a space or a bracket.
  if (s.first == CharClass::Upper && first_word_letters >= 2 && first_word_uppers == 1) {
    std::size_t k = 0;
    while (k < head.size()) {
      std::size_t j = k;
      char32_t cp = next_code_point(head, j);
      if (!is_letter(cp) && cp != '-' && cp != '\'' && cp != 0x2019) break;
      k = j;
    }
    if (k < head.size() && head[k] == ' ') {
      ++k;
      unsigned caps = 0;
      bool ok = true;
      while (k < head.size()) {
        std::size_t j = k;
        char32_t cp = next_code_point(head, j);
        if (is_upper(cp)) { ++caps; k = j; continue; }
        if (cp == '.' || cp == '-') { k = j; continue; }
        ok = cp == ',' || cp == ' ' || cp == '(' || cp == 0x060C;
        break;
      }
      s.name_initials = ok && caps >= 1 && caps <= 3;
    }
  }
  s.years = cap8(years, 3);
  s.initials = cap8(initials, 6);
  s.early_initials = cap8(early, 3);
  s.words = cap8(words, 60);
  if (cps) {
    s.digit_tenths = cap8(digits * 10 / cps, 10);
    s.punct_tenths = cap8(puncts * 10 / cps, 10);
  }
  if (letters) s.upper_tenths = cap8(uppers * 10 / letters, 10);
  s.has_link = head.find("://") != std::string_view::npos || head.find("doi") != std::string_view::npos ||
               head.find("DOI") != std::string_view::npos || head.find("www.") != std::string_view::npos;
  // "——. 1999." / "--- (2004)" / "_____": the author of the entry above, repeated.
  {
    std::size_t k = 0;
    unsigned dashes = 0;
    while (k < head.size()) {
      std::size_t j = k;
      if (!is_dash(next_code_point(head, j))) break;
      ++dashes;
      k = j;
    }
    s.dash_run = dashes >= 2 || (dashes == 1 && k < head.size() && (head[k] == ',' || head[k] == '.'));
  }
  // "4 The model…": a note body's opening.
  {
    std::size_t k = 0, d = 0;
    while (k < head.size()) {
      std::size_t j = k;
      if (!is_digit(next_code_point(head, j))) break;
      ++d;
      k = j;
    }
    if (d >= 1 && d <= 3 && k < head.size() && head[k] == ' ') {
      while (k < head.size() && head[k] == ' ') ++k;
      s.note_number = k < head.size() && is_letter(next_code_point(head, k));
    }
  }
  // A heading is a few words: the table lookup (case folding, normalisation) is kept for them.
  s.anchor = s.length <= 120 && s.words <= 10 && s.years == 0 && s.digit_tenths <= 3 && s.last != CharClass::Comma &&
             is_reference_heading(t);
  return s;
}

// Feature templates. The value space of each is small; the hash spreads them.
enum Templ : std::uint32_t {
  kBias = 1, kLen, kYears, kInit, kDigits, kPunct, kUpper, kLabel, kFirst, kLast, kLink, kFurn, kAnchor,
  kNameComma, kWords, kPageRange, kVolIssue, kCaps, kNoteNum, kDashRun, kHyphen, kEndLink, kYearAt,
  kEarlyInit, kPosition, kAtPageStart, kBlankBefore, kBlankAfter, kSinceAnchor, kFirstPrevLast, kYearsLabel,
  kLenLast, kLabelSeq, kIndentPrev, kIndentMin, kIndentNext, kPrevLenFirst, kIndentBlank, kPrevLastLen,
  kSeqPrevLast, kFirstYearAt, kLenRegion, kNameCommaPrevLast, kBlankFirst, kYearAtPrevLast, kOpening, kOpeningPrevFull, kNameInitials,
};

struct Emitter {
  FeatureList& out;
  std::uint32_t buckets;
  // Inlined at each use, where the template is a constant: its half of the hash is then
  // worked out when compiling.
  __attribute__((always_inline)) void operator()(std::uint32_t templ, std::uint32_t value, std::uint32_t offset = 0) {
    out.push_back(feature_hash(templ * 8 + offset, value, buckets));
  }
};

std::uint32_t length_bucket(std::uint32_t length, std::uint32_t reference) {
  if (reference == 0) return 0;
  return std::min<std::uint32_t>(12, length * 10 / reference);
}

std::uint32_t log_bucket(long v) {
  if (v < 0) return 99;
  std::uint32_t b = 0;
  while (v > 0 && b < 20) { v >>= 1; ++b; }
  return b;
}

std::uint32_t u(CharClass c) { return static_cast<std::uint32_t>(c); }

}  // namespace

std::uint32_t full_length(const std::vector<LineShape>& shapes, const std::vector<int>& lines) {
  std::vector<std::uint32_t> lengths;
  lengths.reserve(lines.size());
  for (int l : lines) lengths.push_back(shapes[l - 1].length);
  if (lengths.empty()) return 0;
  auto at = lengths.begin() + static_cast<long>(lengths.size() * 9 / 10);
  std::nth_element(lengths.begin(), at, lengths.end());
  return *at;
}

std::vector<LineShape> line_shapes(const Document& doc, const PageLayout& layout) {
  std::vector<LineShape> out(static_cast<std::size_t>(doc.line_count()));
  for (int i = 1; i <= doc.line_count(); ++i) {
    out[i - 1] = shape_of(doc.line(i));
    if (static_cast<std::size_t>(i - 1) < layout.flags.size()) out[i - 1].furniture = layout.flags[i - 1];
  }
  return out;
}

std::vector<FeatureList> zone_features(const std::vector<LineShape>& shapes, const std::vector<int>& lines,
                                       std::uint32_t buckets) {
  std::vector<FeatureList> out(lines.size());
  ZoneFeatureContext context(shapes, lines);
  for (std::size_t j = 0; j < lines.size(); ++j) context.features(j, buckets, out[j]);
  return out;
}

ZoneFeatureContext::ZoneFeatureContext(const std::vector<LineShape>& shapes, const std::vector<int>& lines)
    : shapes_(shapes), lines_(lines), full_(full_length(shapes, lines)), last_anchor_(lines.size(), -1) {
  int last = -1;
  for (std::size_t j = 0; j < lines.size(); ++j) {
    if (shapes[static_cast<std::size_t>(lines[j] - 1)].anchor) last = static_cast<int>(j);
    last_anchor_[j] = last;
  }
}

void ZoneFeatureContext::features(std::size_t item, std::uint32_t buckets, FeatureList& f) const {
  const auto& shapes = shapes_;
  const auto& lines = lines_;
  const std::uint32_t full = full_;
  const long n = static_cast<long>(lines.size());
  const long j = static_cast<long>(item);
  const int last_anchor = last_anchor_[item];
  {
    const int line = lines[static_cast<std::size_t>(j)];
    const LineShape& s = shapes[line - 1];
    f.clear();
    f.reserve(96);
    Emitter emit{f, buckets};
    emit(kBias, 0);
    for (long o = -2; o <= 2; ++o) {
      const std::uint32_t off = static_cast<std::uint32_t>(o + 2);
      if (j + o < 0 || j + o >= n) { emit(kFirst, 99, off); continue; }
      const LineShape& t = shapes[lines[static_cast<std::size_t>(j + o)] - 1];
      emit(kLen, length_bucket(t.length, full), off);
      emit(kYears, t.years, off);
      emit(kInit, std::min<std::uint32_t>(t.initials, 4), off);
      emit(kDigits, t.digit_tenths, off);
      emit(kPunct, t.punct_tenths, off);
      emit(kUpper, t.upper_tenths / 2, off);
      emit(kLabel, t.label_kind, off);
      emit(kFirst, u(t.first), off);
      emit(kLast, u(t.last), off);
      emit(kLink, t.has_link, off);
      emit(kFurn, t.furniture & (kPageNumber | kRunningHead | kSeparator | kLinkAnnotation), off);
      emit(kAnchor, t.anchor, off);
      emit(kNameComma, t.name_comma, off);
      emit(kWords, log_bucket(t.words), off);
      emit(kPageRange, t.page_range * 2 + t.volume_issue, off);
      emit(kNoteNum, t.note_number, off);
      emit(kNameInitials, t.name_initials, off);
    }
    emit(kCaps, s.caps_word);
    emit(kDashRun, s.dash_run);
    emit(kEarlyInit, s.early_initials);
    emit(kYearAt, s.first_year_at == 255 ? 99 : std::min<std::uint32_t>(s.first_year_at / 10, 8));
    emit(kPosition, static_cast<std::uint32_t>(j * 10 / std::max<long>(n, 1)));
    emit(kAtPageStart, (s.furniture & kPageStart) != 0);
    emit(kBlankBefore, line > 1 && shapes[line - 2].blank);
    emit(kBlankAfter, line < static_cast<int>(shapes.size()) && shapes[line].blank);
    emit(kSinceAnchor, last_anchor < 0 ? 99 : log_bucket(j - last_anchor));
    const LineShape* p = j > 0 ? &shapes[lines[static_cast<std::size_t>(j - 1)] - 1] : nullptr;
    emit(kFirstPrevLast, u(s.first) * 32 + (p ? u(p->last) : 31));
    emit(kYearsLabel, s.years * 8u + s.label_kind);
    emit(kLenLast, length_bucket(s.length, full) * 32 + u(s.last));
  }
}

std::vector<int> list_text_lines(const std::vector<LineShape>& shapes, int from, int to) {
  std::vector<int> out;
  for (int i = std::max(from, 1); i <= to && i <= static_cast<int>(shapes.size()); ++i) {
    const LineShape& s = shapes[i - 1];
    if (s.blank || (s.furniture & (kPageNumber | kRunningHead | kSeparator))) continue;
    out.push_back(i);
  }
  return out;
}

std::vector<FeatureList> entry_features(const std::vector<LineShape>& shapes, const std::vector<int>& lines,
                                        std::uint32_t buckets) {
  std::vector<FeatureList> out(lines.size());
  const std::uint32_t full = full_length(shapes, lines);
  std::uint16_t min_indent = 999;
  for (int l : lines) min_indent = std::min(min_indent, shapes[l - 1].indent);
  int last_label = 0;
  for (std::size_t j = 0; j < lines.size(); ++j) {
    const int line = lines[j];
    const LineShape& s = shapes[line - 1];
    const LineShape* p = j > 0 ? &shapes[lines[j - 1] - 1] : nullptr;
    const LineShape* nx = j + 1 < lines.size() ? &shapes[lines[j + 1] - 1] : nullptr;
    FeatureList& f = out[j];
    f.reserve(48);
    Emitter emit{f, buckets};
    emit(kBias, 1);
    // A label in sequence with the last one is the strongest sign of a numbered entry's start;
    // a number out of sequence ("1247–1266.", a wrapped "12(3)") is not a label.
    std::uint32_t seq = 0;
    if (s.label_kind) {
      if (s.label_value == last_label + 1) seq = 1;
      else if (s.label_value == 1) seq = 2;
      else if (last_label && s.label_value > last_label && s.label_value <= last_label + 3) seq = 3;
      else seq = 4;
      if (seq <= 3) last_label = s.label_value;
    }
    emit(kLabelSeq, seq);
    emit(kLabel, s.label_kind);
    emit(kFirst, u(s.first));
    emit(kLast, u(s.last));
    emit(kNameComma, s.name_comma);
    emit(kCaps, s.caps_word);
    emit(kDashRun, s.dash_run);
    emit(kNoteNum, s.note_number);
    emit(kFirstYearAt, s.first_year_at == 255 ? 99 : s.first_year_at < 12 ? 0 : s.first_year_at < 30 ? 1 : s.first_year_at < 60 ? 2 : 3);
    emit(kYears, s.years);
    emit(kEarlyInit, s.early_initials);
    emit(kLink, s.has_link);
    emit(kLenRegion, length_bucket(s.length, full));
    const std::uint32_t indent_prev = !p ? 9 : s.indent < p->indent ? 0 : s.indent == p->indent ? 1 : 2;
    emit(kIndentPrev, indent_prev);
    emit(kIndentMin, s.indent > min_indent);
    const bool blank_before = line > 1 && shapes[line - 2].blank;
    emit(kBlankBefore, blank_before);
    emit(kAtPageStart, (s.furniture & kPageStart) != 0 || (line > 1 && (shapes[line - 2].furniture & (kPageNumber | kRunningHead))));
    emit(kIndentBlank, indent_prev * 2 + blank_before);
    const std::uint32_t prev_len = p ? length_bucket(p->length, full) : 99;
    const std::uint32_t prev_last = p ? u(p->last) : 31;
    emit(kLast, prev_last, 1);
    emit(kLen, prev_len, 1);
    emit(kHyphen, p && p->ends_hyphen);
    emit(kEndLink, p && p->ends_link);
    emit(kFirstPrevLast, u(s.first) * 32 + prev_last);
    emit(kPrevLenFirst, prev_len * 32 + u(s.first));
    emit(kPrevLastLen, prev_last * 16 + std::min<std::uint32_t>(prev_len, 15));
    emit(kSeqPrevLast, seq * 32 + prev_last);
    emit(kNameCommaPrevLast, s.name_comma * 32u + prev_last);
    emit(kBlankFirst, blank_before * 32u + u(s.first));
    // An entry's opening: "Family, Given (1999)." / "Family I, Other J (2001)" / "[Key] …".
    const std::uint32_t year_early = s.first_year_at == 255 ? 3 : s.first_year_at < 15 ? 0 : s.first_year_at < 45 ? 1 : 2;
    const std::uint32_t opening = ((s.name_comma || s.name_initials) * 2u + (s.early_initials > 0)) * 4 + year_early;
    emit(kNameInitials, s.name_initials * 32u + prev_last);
    emit(kOpening, opening * 32 + u(s.first));
    emit(kOpeningPrevFull, opening * 4 + (prev_len >= 9 ? 2u : prev_len >= 7 ? 1u : 0u) + (p ? 0u : 3u) * 64);
    emit(kYearAtPrevLast, (s.first_year_at == 255 ? 9u : std::min<std::uint32_t>(s.first_year_at / 15, 8)) * 32 + prev_last);
    if (nx) {
      emit(kIndentNext, nx->indent < s.indent ? 0 : nx->indent == s.indent ? 1 : 2);
      emit(kFirst, u(nx->first), 2);
      emit(kLabel, nx->label_kind, 2);
    } else {
      emit(kIndentNext, 9);
    }
  }
  return out;
}

}  // namespace citecheck
