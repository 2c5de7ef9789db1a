#include "parsers/intext_citations.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <unordered_map>

#include "parsers/raised_markers.hpp"
#include "parsers/reference_fields.hpp"
#include "parsers/scripts/tables.hpp"
#include "parsers/unicode_text.hpp"

namespace citecheck {

std::string_view strip_name(std::string_view s);

namespace {

enum class Tok { Word, Number, Punct };

struct Token {
  Tok kind;
  std::size_t begin, end;  // in the content
  std::string ascii;       // Number: ASCII digits; Word: name_key
  std::string suffix;      // Number: "a" in "2020a"
  char32_t punct = 0;
};

std::vector<Token> tokenize(std::string_view s, std::size_t max_tokens = 200) {
  std::vector<Token> out;
  std::size_t i = 0;
  while (i < s.size() && out.size() < max_tokens) {
    std::size_t start = i;
    char32_t cp = next_code_point(s, i);
    if (is_space(cp) || cp == 0xA0) continue;
    if (is_digit(cp)) {
      Token t{Tok::Number, start, i, std::string(1, static_cast<char>('0' + digit_value(cp))), "", 0};
      while (i < s.size()) {
        std::size_t k = i;
        char32_t c = next_code_point(s, k);
        if (!is_digit(c)) break;
        t.ascii.push_back(static_cast<char>('0' + digit_value(c)));
        i = k;
      }
      if (i < s.size() && s[i] >= 'a' && s[i] <= 'z') {
        std::size_t k = i + 1;
        char32_t after = k < s.size() ? next_code_point(s, k) : 0;
        if (!is_letter(after)) { t.suffix = std::string(1, s[i]); ++i; }
      }
      t.end = i;
      out.push_back(std::move(t));
      continue;
    }
    if (is_word_char(cp) || cp == 0x0640) {
      while (i < s.size()) {
        std::size_t k = i;
        char32_t c = next_code_point(s, k);
        // The tatweel, and the zero-width (non-)joiner Persian writes inside words ("بی‌تا",
        // "حسین‌زاده").
        if (is_word_char(c) || c == 0x0640 || c == 0x200C || c == 0x200D) { i = k; continue; }
        // Inner hyphen, apostrophe or abbreviation dot: "Abdel-Hakim", "O'Brien", "al.", "P."
        if (c == '-' || c == '\'' || c == 0x2019 || c == '.') {
          std::size_t kk = k;
          char32_t n = kk < s.size() ? next_code_point(s, kk) : 0;
          if (c == '.' ) { i = k; if (!is_word_char(n)) break; continue; }
          if (is_word_char(n)) { i = k; continue; }
          // "Longt-" / "ine": a word hyphenated at a line's end goes on on the next line.
          if (c == '-' && n == '\n') {
            std::size_t q = kk;
            while (q < s.size() && (s[q] == ' ' || s[q] == '\t')) ++q;
            std::size_t qq = q;
            if (q < s.size() && is_lower_in_cased_script(next_code_point(s, qq))) { i = q; continue; }
          }
        }
        break;
      }
      std::string_view w = s.substr(start, i - start);
      out.push_back({Tok::Word, start, i, name_key(w), "", 0});
      continue;
    }
    out.push_back({Tok::Punct, start, i, "", "", cp});
  }
  // "in press", "no prelo", "در دست انتشار", "بی تا" (no date): the phrase stands where a
  // year would, so it is one token, as "n.d." is.
  for (std::size_t k = 0; k + 1 < out.size(); ++k) {
    if (out[k].kind != Tok::Word || out[k + 1].kind != Tok::Word) continue;
    for (std::size_t words = 3; words >= 2; --words) {
      if (k + words > out.size()) continue;
      std::string key;
      bool all_words = true;
      for (std::size_t j = k; j < k + words; ++j) {
        all_words = all_words && out[j].kind == Tok::Word;
        key += out[j].ascii;
      }
      if (!all_words || !(tables::is_in_press_key(key) || tables::is_no_date_key(key))) continue;
      out[k].ascii = std::move(key);
      out[k].end = out[k + words - 1].end;
      out.erase(out.begin() + static_cast<long>(k + 1), out.begin() + static_cast<long>(k + words));
      break;
    }
  }
  return out;
}

// "inWerning (2012)", "andEvans, 2010": a PDF extraction (or a file's markup) that lost the
// space before a name glues it to the word before. Where a lower-case word runs into a
// capital and what follows is a listed author, the name starts there: the offset of that
// capital in `word`, or npos.
// The offset of the capital that follows one to twelve lower-case letters opening `word`
// ("inWerning", "apudMARTÍN"), or npos.
std::size_t capital_after_lower_run(std::string_view word) {
  std::size_t i = 0, lower = 0;
  while (i < word.size()) {
    std::size_t k = i;
    if (!is_lower_in_cased_script(next_code_point(word, k))) break;
    ++lower;
    i = k;
  }
  if (lower == 0 || lower > 12 || i >= word.size()) return std::string_view::npos;
  std::size_t k = i;
  return is_upper(next_code_point(word, k)) ? i : std::string_view::npos;
}

std::size_t glued_name_start(std::string_view word, const std::set<std::string>& author_keys) {
  const std::size_t i = capital_after_lower_run(word);
  if (i == std::string_view::npos) return i;
  const std::string key = name_key(word.substr(i));
  return key.size() >= 3 && author_keys.count(key) && !author_keys.count(name_key(word)) ? i : std::string_view::npos;
}


// "apudMARTÍN": the length of a secondary-source marker glued to the capital of the name
// after it, or 0.
std::size_t glued_marker_length(std::string_view word) {
  const std::size_t i = capital_after_lower_run(word);
  return i != std::string_view::npos && tables::is_secondary_source_key(name_key(word.substr(0, i))) ? i : 0;
}

bool is_year(const Token& t) {
  if (t.kind != Tok::Number || t.ascii.size() != 4) return false;
  int v = std::stoi(t.ascii);
  return v >= tables::kEarliestYear && v <= tables::kLatestYear;
}

// "n.d." or "in press": what stands in a citation where its year would.
bool is_no_date(const Token& t) {
  return t.kind == Tok::Word && (tables::is_no_date_key(t.ascii) || tables::is_in_press_key(t.ascii));
}
// The year a citation gives: "2020", "n.d." or "in press", whatever the language printed.
std::string year_of(const Token& t) {
  if (t.kind != Tok::Word) return t.ascii;
  return tables::is_in_press_key(t.ascii) ? std::string("in press") : std::string("n.d.");
}

bool is_separator(const Token& t) {
  return t.kind == Tok::Punct && (t.punct == ',' || t.punct == 0x060C || t.punct == ':' ||
                                  t.punct == '.' || t.punct == 0xFF0C || t.punct == 0xFF1A || t.punct == 0x3001);
}
bool is_dash(const Token& t) {
  return t.kind == Tok::Punct && (t.punct == '-' || t.punct == 0x2013 || t.punct == 0x2014);
}
bool is_slash(const Token& t) { return t.kind == Tok::Punct && t.punct == '/'; }

// "et al." as Chinese and Japanese glue it to a name: 等人, 等, ら, ほか ("陈静等", "佐藤ら").
constexpr std::string_view kGluedEtAl[] = {"\u7B49\u4EBA", "\u7B49", "\u3089", "\u307B\u304B"};

// "VI", "XIV", "III": a book or chapter of a classical work, in capitals (I, V and X only,
// well formed, so that "CDC" or "MD" stay acronyms).
bool book_numeral(std::string_view w) {
  static constexpr std::string_view kNumerals[] = {"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X",
                                                   "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII", "XVIII", "XIX",
                                                   "XX", "XXI", "XXII", "XXIII", "XXIV"};
  return std::find(std::begin(kNumerals), std::end(kNumerals), w) != std::end(kNumerals);
}

// "(Diógenes Laercio, VI 77, 2010, p. 230)", "Epicteto (III, 1993)": a classical work's book
// and section before the year of the edition read. From toks[from] (a book numeral), the
// index of that year in [from, end), or 0.
std::size_t classical_locator_end(const std::vector<Token>& toks, std::size_t from, std::size_t end,
                                  std::string_view content) {
  auto numeral = [&](const Token& t) {
    return t.kind == Tok::Word && book_numeral(content.substr(t.begin, t.end - t.begin));
  };
  if (from >= end || !numeral(toks[from])) return 0;
  for (std::size_t i = from + 1; i < end; ++i) {
    const Token& t = toks[i];
    if (is_year(t)) return i;
    bool part = numeral(t) || (t.kind == Tok::Number && t.ascii.size() <= 3) || is_dash(t) || is_separator(t);
    if (!part) return 0;
  }
  return 0;
}

// A locator after the year: ", 7", ": 18-20", ", p. 5", "، ٣٤٩", ", pp. 3, 7", in toks[from, to).
bool parse_locator(const std::vector<Token>& toks, std::size_t from, std::string_view content,
                   std::string& locator, std::size_t to = std::string::npos) {
  to = std::min(to, toks.size());
  std::size_t i = from;
  while (i < to && is_separator(toks[i])) ++i;
  if (i >= to) return from == to || i == to;
  bool page_word = false;
  if (toks[i].kind == Tok::Word && tables::is_locator_prefix_key(toks[i].ascii)) {
    page_word = true;
    ++i;
    while (i < to && toks[i].kind == Tok::Punct &&
           (toks[i].punct == '.' || toks[i].punct == '\'' || toks[i].punct == 0x05F3 || toks[i].punct == 0x2019))
      ++i;
  }
  // Front matter is paged in roman numerals ("p. xiv"); only after a page word, where a
  // roman numeral cannot be a name or a word of prose.
  auto roman_page = [&](const Token& t) {
    // t.ascii is the word's name_key: folded to lower case.
    return page_word && t.kind == Tok::Word && t.ascii.size() <= 8 &&
           t.ascii.find_first_not_of("ivxlcdm") == std::string::npos;
  };
  std::size_t first = i;
  bool want_number = true;
  for (; i < to; ++i) {
    const Token& t = toks[i];
    if (want_number) {
      if ((t.kind != Tok::Number || t.ascii.size() > 5) && !roman_page(t)) return false;
      want_number = false;
    } else if (is_dash(t) || is_separator(t)) {
      want_number = true;
    } else {
      return false;
    }
  }
  if (first >= to || want_number) return false;
  locator = fold_digits(trim(content.substr(toks[first].begin, toks[to - 1].end - toks[first].begin)));
  return true;
}

struct NameCheck {
  std::vector<std::string> authors;
  bool et_al = false;
  bool ok = false;
};

// Validates and splits the names in toks[from, end), before a year.
char32_t first_code_point(std::string_view content, const Token& t) {
  std::size_t k = t.begin;
  return next_code_point(content, k);
}

NameCheck check_names(const std::vector<Token>& toks, std::size_t from, std::size_t end, std::string_view content) {
  NameCheck out;
  std::size_t begin = from;
  // Skip an opening "see", "cf.", "e.g.,", "انظر", "ראו גם:" (one or two words).
  if (end > from && toks[from].kind == Tok::Word) {
    if (end > from + 1 && toks[from + 1].kind == Tok::Word &&
        tables::is_citation_prefix_key(toks[from].ascii + toks[from + 1].ascii))
      begin = from + 2;
    else if (tables::is_citation_prefix_key(toks[from].ascii))
      begin = from + 1;
    while (begin > from && begin < end && toks[begin].kind == Tok::Punct && toks[begin].punct != '&') ++begin;
  }
  // "Sexto Empírico apud Martín García", "Marx, citado por Harvey": the names after the last
  // marker are the listed source's. An extraction may glue the marker to the name
  // ("apudMARTÍN"); then the names start inside that word.
  std::size_t glued_from = std::string::npos;
  for (std::size_t i = begin; i < end; ++i) {
    if (toks[i].kind != Tok::Word) continue;
    std::size_t after = 0;
    if (i + 1 < end && toks[i + 1].kind == Tok::Word && tables::is_secondary_source_key(toks[i].ascii + toks[i + 1].ascii)) {
      after = i + 2;
    } else if (tables::is_secondary_source_key(toks[i].ascii)) {
      after = i + 1;
    } else if (std::size_t glue = glued_marker_length(content.substr(toks[i].begin, toks[i].end - toks[i].begin));
               glue) {
      begin = i;
      glued_from = toks[i].begin + glue;
      continue;
    }
    if (after == 0) continue;
    begin = after;
    glued_from = std::string::npos;
    while (begin < end && toks[begin].kind == Tok::Punct && toks[begin].punct != '&') ++begin;
  }
  std::size_t words = 0, lower_latin = 0;
  bool first_lower = false;
  std::size_t cur_begin = std::string::npos, cur_end = 0;
  auto flush = [&]() {
    if (cur_begin != std::string::npos) {
      std::string name(strip_name(content.substr(cur_begin, cur_end - cur_begin)));
      // "Longt-\n   ine": a name hyphenated at a line's end is one word.
      for (std::size_t h = name.find("-\n"); h != std::string::npos; h = name.find("-\n", h)) {
        std::size_t e = h + 2;
        while (e < name.size() && (name[e] == ' ' || name[e] == '\t')) ++e;
        name.erase(h, e - h);
      }
      if (!name.empty()) out.authors.push_back(name);
    }
    cur_begin = std::string::npos;
  };
  for (std::size_t i = begin; i < end; ++i) {
    const Token& t = toks[i];
    if (t.kind == Tok::Number) return out;
    if (t.kind == Tok::Punct) {
      // Japanese parts co-authors with a middle dot ("田中・鈴木").
      if (t.punct == ',' || t.punct == 0x060C || t.punct == '&' || t.punct == ';' || t.punct == 0xFF0C ||
          t.punct == 0x3001 || t.punct == 0x30FB) { flush(); continue; }
      // "(EMPRESÁRIOS…, 2016)": a title cut short names its work.
      if (t.punct == '.' || t.punct == 0x2026) continue;
      // "(APG - Angiosperm Phylogeny Group 2016)", "NBS – National Bureau of Statistics": an
      // institution's acronym, a dash, its name.
      if ((t.punct == '-' || t.punct == 0x2013 || t.punct == 0x2014) && cur_begin != std::string::npos && i > begin &&
          toks[i - 1].kind == Tok::Word && i + 1 < end && toks[i + 1].kind == Tok::Word) {
        std::string_view before = content.substr(toks[i - 1].begin, toks[i - 1].end - toks[i - 1].begin);
        std::size_t letters = 0, upper = 0;
        for (std::size_t k = 0; k < before.size();) {
          char32_t cp = next_code_point(before, k);
          if (is_letter(cp)) { ++letters; upper += is_upper(cp); }
        }
        if (letters >= 2 && upper == letters && toks[i - 1].begin == cur_begin) continue;
      }
      return out;  // quotes, brackets, question marks: prose, not names
    }
    if (tables::is_et_al_marker(content.substr(t.begin, t.end - t.begin), t.ascii) ||
        (t.ascii == "et" && i + 1 < end && toks[i + 1].kind == Tok::Word && toks[i + 1].ascii.rfind("al", 0) == 0)) {
      out.et_al = true;
      flush();
      if (t.ascii == "et") ++i;
      continue;
    }
    // "и др.", "და სხვ.", "և այլք": a connector and a word that together say "et al.".
    if (tables::is_connector_key(t.ascii) && i + 1 < end && toks[i + 1].kind == Tok::Word &&
        tables::is_et_al_key(t.ascii + toks[i + 1].ascii)) {
      out.et_al = true;
      flush();
      ++i;
      continue;
    }
    const std::size_t word_begin = i == begin && glued_from != std::string::npos ? glued_from : t.begin;
    std::string_view w = content.substr(word_begin, t.end - word_begin);
    if (tables::is_connector_key(t.ascii) && cur_begin != std::string::npos) { flush(); continue; }
    // "Van Huffel, and de Vos": a connector after a comma.
    if (tables::is_connector_key(t.ascii) && i > begin && toks[i - 1].kind == Tok::Punct && toks[i - 1].punct == ',' &&
        i + 1 < end && toks[i + 1].kind == Tok::Word)
      continue;
    if (w.size() <= 6 && w.back() == '.' && tables::is_not_author_abbreviation_key(t.ascii)) return out;
    ++words;
    std::size_t k = 0;
    char32_t first = next_code_point(w, k);
    // A particle opens a family name in lower case: "van Anken", "de Vos", "al-Khalil".
    if (is_lower_in_cased_script(first) && !is_name_particle(w)) {
      ++lower_latin;
      if (words == 1) first_lower = true;
    }
    if (cur_begin == std::string::npos) cur_begin = word_begin;
    cur_end = t.end;
    // "(Hillyard. Hink, Schwent, & Picton, 1973)": a full stop typed for the comma between
    // two names of a list (a capitalised word of five letters or more opens the name and
    // ends with it; more names follow).
    if (cur_begin == word_begin && w.back() == '.' && is_upper(first) && i + 1 < end && toks[i + 1].kind == Tok::Word &&
        is_upper(first_code_point(content, toks[i + 1])) && code_point_count(w) >= 6 && w.find('.') == w.size() - 1) {
      bool list_goes_on = false;
      for (std::size_t k2 = i + 2; k2 + 1 < end && !list_goes_on; ++k2)
        list_goes_on = toks[k2].kind == Tok::Punct && (toks[k2].punct == ',' || toks[k2].punct == '&') &&
                       toks[k2 + 1].kind == Tok::Word;
      if (list_goes_on) flush();
    }
  }
  flush();
  if (out.authors.empty() || words > 8) return out;
  if (out.authors.size() == 1 && book_numeral(out.authors[0])) return out;  // "Epicteto (III, 1993)"
  // Running text in a cased script ("in the early years 2020") opens in lower case; a
  // name, even an organisation in sentence case ("Global conflict tracker"), does not.
  if (first_lower && words >= 2) return out;
  if (lower_latin >= 4 && lower_latin * 2 > words) return out;
  // "(… عام ١٩٩٩)", "(in 2020)": the word before the year makes it a date in prose.
  const Token& last = toks[end - 1];
  if (last.kind == Tok::Word && tables::is_year_context_key(last.ascii)) return out;
  out.ok = true;
  return out;
}

NameCheck check_names(const std::vector<Token>& toks, std::size_t end, std::string_view content) {
  return check_names(toks, 0, end, content);
}

// An author-date citation of `names` in the year token `year` (a year or "n.d.").
Citation author_date(const NameCheck& names, const Token& year, const std::string& locator) {
  Citation c;
  c.kind = CitationKind::AuthorDate;
  c.authors = names.authors;
  c.et_al = names.et_al;
  c.year = year_of(year);
  if (!year.suffix.empty()) c.year_suffix = year.suffix;
  if (!locator.empty()) c.locator = locator;
  return c;
}

}  // namespace

namespace {

// A word that opens the next work of a group ("(Foster 1977, Veron 1995)"), not a page
// ("p. 5"), a comment ("emphasis added", "tradução nossa") or "et al.".
bool opens_work(const Token& t, std::string_view content) {
  if (t.kind != Tok::Word || tables::is_locator_prefix_key(t.ascii) || tables::is_et_al_key(t.ascii) || is_no_date(t))
    return false;
  std::string_view w = content.substr(t.begin, t.end - t.begin);
  std::size_t k = 0;
  return !is_lower_in_cased_script(next_code_point(w, k)) || is_name_particle(w);
}

// A comment after a work: ", emphasis added", ", tradução nossa" (a separator, then a word in
// lower case of a cased script that is no locator word).
bool comment_at(const std::vector<Token>& toks, std::size_t i, std::string_view content) {
  if (i + 1 >= toks.size() || !is_separator(toks[i]) || toks[i + 1].kind != Tok::Word) return false;
  const Token& t = toks[i + 1];
  if (tables::is_locator_prefix_key(t.ascii)) return false;
  std::string_view w = content.substr(t.begin, t.end - t.begin);
  const std::size_t dot = w.find('.');
  if (dot != std::string_view::npos && dot + 1 < w.size()) return false;  // "n.p.": an abbreviation, a locator
  std::size_t k = 0;
  return is_lower_in_cased_script(next_code_point(w, k)) && !is_name_particle(w);
}

// "n.p.", "s.p.", "o.S.": an abbreviation with inner full stops standing for a locator.
bool abbreviation_at(const std::vector<Token>& toks, std::size_t i, std::string_view content) {
  if (i + 1 >= toks.size() || !is_separator(toks[i]) || toks[i + 1].kind != Tok::Word) return false;
  std::string_view w = content.substr(toks[i + 1].begin, toks[i + 1].end - toks[i + 1].begin);
  return w.size() <= 8 && w.find('.') != std::string_view::npos && w.find('.') + 1 < w.size();
}

constexpr std::size_t kMaxGroup = 1500;  // bytes of one bracketed group
constexpr int kMaxGroupBreaks = 6;       // line breaks in one bracketed group

}  // namespace

namespace {
// "(World Health Organization [WHO], 2019)", "(Conselho Nacional … [CNPq], 2024)": APA's
// first use of an organisation's acronym, in brackets after its name and before the comma, as
// [begin, end) byte ranges of content.
std::vector<ByteRange> acronym_brackets(std::string_view content) {
  std::vector<ByteRange> out;
  for (std::size_t i = content.find('['); i != std::string_view::npos; i = content.find('[', i + 1)) {
    if (i < 2 || content[i - 1] != ' ') continue;
    std::size_t q = i - 1;
    if (!is_word_char(previous_code_point(content, q))) continue;
    const std::size_t close = content.find(']', i);
    if (close == std::string_view::npos || close - i < 3 || close - i > 14) continue;
    std::string_view inside = content.substr(i + 1, close - i - 1);
    std::size_t uppers = 0;
    bool letters_only = true;
    for (std::size_t k = 0; k < inside.size();) {
      char32_t cp = next_code_point(inside, k);
      if (!is_letter(cp)) letters_only = false;
      uppers += is_upper(cp);
    }
    // An acronym: letters, two capitals or more; then the comma before the year.
    std::size_t after = close + 1;
    while (after < content.size() && content[after] == ' ') ++after;
    if (!letters_only || uppers < 2 || after >= content.size() || content[after] != ',') continue;
    out.push_back({i, close + 1});
  }
  return out;
}

// The content with those brackets blanked (offsets kept), so that the name before them is
// read as the author.
std::string without_acronym_brackets(std::string_view content) {
  std::string out(content);
  for (const ByteRange& b : acronym_brackets(content))
    for (std::size_t k = b.begin - 1; k < b.end; ++k) out[k] = ' ';
  return out;
}
}  // namespace

std::vector<Citation> parse_citation_group(std::string_view printed, const CitationContext* ctx) {
  std::vector<Citation> out;
  if (printed.size() > kMaxGroup) return out;
  const std::string blanked = without_acronym_brackets(printed);
  const std::string_view content = blanked;
  // Split into parts at ';' / '؛'.
  std::vector<std::pair<std::size_t, std::size_t>> parts;
  std::size_t start = 0;
  for (std::size_t i = 0; i < content.size();) {
    std::size_t k = i;
    char32_t cp = next_code_point(content, k);
    // ';', Arabic '؛', Greek ano teleia '·' (and the middle dot it is often typed as) and
    // the Greek question mark U+037E, which is the Greek semicolon.
    if (cp == ';' || cp == 0x061B || cp == 0x0387 || cp == 0x00B7 || cp == 0x037E || cp == 0xFF1B) {
      parts.emplace_back(start, i);
      start = k;
    }
    i = k;
  }
  parts.emplace_back(start, content.size());
  // An author of the reference list (only with a context).
  auto listed_author = [&](const std::string& name) {
    if (!ctx) return false;
    std::string key = name_key(name);
    if (ctx->author_keys.count(key)) return true;
    // "van Anken", "Gómez de las Heras": the last word of a name.
    std::size_t sp = name.find_last_of(' ');
    return sp != std::string::npos && ctx->author_keys.count(name_key(std::string_view(name).substr(sp + 1)));
  };
  const std::function<bool(const std::string&)> listed =
      ctx && !ctx->author_keys.empty() ? std::function<bool(const std::string&)>(listed_author)
                                       : std::function<bool(const std::string&)>();
  std::vector<std::string> inherited;
  bool inherited_et_al = false;
  // "(Rodrigues; Fachin, 2010)", "(LÓPEZ; CANTAMUTTO, 2018)": ABNT separates co-authors by ';'
  // too, so a part of names alone names the first authors of the next part's work.
  std::vector<std::string> pending;
  std::size_t pending_begin = 0;
  // Each part, and each work in a part, stands on its own: one that is no citation ("Figure
  // 1", "unpublished data") drops neither the works before it nor those after it.
  for (auto [pb, pe] : parts) {
    std::string_view part = content.substr(pb, pe - pb);
    auto toks = tokenize(part);
    if (toks.empty()) continue;
    if (ctx) {
      for (Token& t : toks) {
        if (t.kind != Tok::Word) continue;
        std::size_t at = glued_name_start(part.substr(t.begin, t.end - t.begin), ctx->author_keys);
        if (at == std::string_view::npos) continue;
        t.begin += at;
        t.ascii = name_key(part.substr(t.begin, t.end - t.begin));
      }
    }
    bool dated = false;
    for (const Token& t : toks) dated = dated || t.kind == Tok::Number || is_no_date(t);
    if (!dated) {
      NameCheck names = check_names(toks, 0, toks.size(), part);
      // Names only: every word opens in a capital (or is a particle or connector), so that
      // "(heterochrony; e.g., Gould, 1977)" and "(J. Smith, unpublished data; Liu 2000)" lend
      // no names to the next work.
      bool capitalised = true;
      for (const Token& t : toks)
        if (t.kind == Tok::Word && !tables::is_connector_key(t.ascii) &&
            is_lower_in_cased_script(first_code_point(part, t)) && !is_name_particle(part.substr(t.begin, t.end - t.begin)))
          capitalised = false;
      if (names.ok && capitalised && !names.et_al && names.authors.size() <= 3 && toks.size() <= 8) {
        if (pending.empty()) pending_begin = pb + toks[0].begin;
        pending.insert(pending.end(), names.authors.begin(), names.authors.end());
      } else {
        pending.clear();
      }
      continue;
    }
    std::size_t pos = 0;
    bool first_work = true;
    while (pos < toks.size()) {
      // The year. Other numbers before it make the words before the year no names; with a
      // list to check against, a listed author's name may still follow them ("(2hjr, 62%
      // sequence identity, Vedadi et al., 2007)").
      std::size_t y = toks.size();
      for (std::size_t i = pos; i < toks.size(); ++i) {
        if (is_year(toks[i]) || is_no_date(toks[i])) { y = i; break; }
        if (toks[i].kind == Tok::Number && !listed && !(ctx && !ctx->organisation_keys.empty())) break;
      }
      if (y == toks.size()) break;  // no year: not a work
      NameCheck names;
      std::size_t from = pos;
      if (y == pos) {
        if (inherited.empty()) break;  // "(2020)" alone: narrative, handled by the caller
        names.authors = inherited;
        names.et_al = inherited_et_al;
        names.ok = true;
      } else {
        names = check_names(toks, pos, y, part);
        // "(DIÓGENES LAERCIO, VI 77, 2010, p. 230)": a listed author, then a classical locator.
        // Classics are often listed as one name in capitals, read as an institution's.
        for (std::size_t q = pos + 1; !names.ok && ctx && q < y; ++q) {
          if (classical_locator_end(toks, q, y + 1, part) != y) continue;
          std::size_t names_end = q;
          while (names_end > pos && is_separator(toks[names_end - 1])) --names_end;
          NameCheck before = check_names(toks, pos, names_end, part);
          if (before.ok && (listed_author(before.authors[0]) || ctx->organisation_keys.count(name_key(before.authors[0]))))
            names = std::move(before);
          break;
        }
        // "(as in Wolf, 2023)", "(reviewed in Weishampel, 1981a)", "(“low road”, Nogueira and
        // Qi, 2022)": words that are no names lead in to a listed author's name.
        for (std::size_t k = pos + 1; !names.ok && listed && k < y && k < pos + 40; ++k) {
          if (toks[k].kind != Tok::Word) continue;
          // Not inside a list of names: "e.g.Douady and Couder" is not cut to "Couder".
          const Token& before = toks[k - 1];
          if (before.kind == Tok::Word &&
              (tables::is_connector_key(before.ascii) || !is_lower_in_cased_script(first_code_point(part, before))))
            continue;
          if (before.kind == Tok::Punct && before.punct == '&') continue;
          NameCheck lead = check_names(toks, k, y, part);
          if (lead.ok && listed(lead.authors[0])) {
            names = std::move(lead);
            from = k;
          }
        }
        if (!names.ok) break;  // no names: the rest of this part is no work
      }
      std::size_t span_begin = pb + toks[from].begin;
      if (first_work && !pending.empty()) {
        names.authors.insert(names.authors.begin(), pending.begin(), pending.end());
        span_begin = pending_begin;
      }
      // Further years of the same authors: "(Smith 2019, 2020a)" — close to the first one,
      // so that a page "(Smith 2020, 1450)" stays a page.
      std::vector<Token> years{toks[y]};
      std::size_t next = y + 1;
      // "(Brown, n.d.-a)": a work without a date, told from the author's others by a letter.
      auto single_letter = [&](std::size_t i) {
        return i < toks.size() && toks[i].kind == Tok::Word && toks[i].ascii.size() == 1 && toks[i].ascii[0] >= 'a' &&
               toks[i].ascii[0] <= 'z' && toks[i].end - toks[i].begin == 1;
      };
      if (is_no_date(toks[y]) && next + 1 < toks.size() && is_dash(toks[next]) && single_letter(next + 1)) {
        years.back().suffix = toks[next + 1].ascii;
        next += 2;
      }
      auto skip_era = [&]() {
        if (next < toks.size() && toks[next].kind == Tok::Word && tables::is_era_marker_key(toks[next].ascii)) {
          ++next;
          while (next < toks.size() && toks[next].kind == Tok::Punct && toks[next].punct == '.') ++next;
        }
      };
      skip_era();
      // "(Castanet, 1986–1987)": a work that appeared over several years is cited by the first;
      // "(Lee, 2010/2011)", a reprint or an academic year, alike.
      if (next + 1 < toks.size() && (is_dash(toks[next]) || is_slash(toks[next])) && is_year(toks[next + 1]) &&
          !is_no_date(toks[y])) {
        const int span = std::stoi(toks[next + 1].ascii) - std::stoi(toks[y].ascii);
        if (span > 0 && span <= 10) next += 2;
      }
      while (next + 1 < toks.size() && is_separator(toks[next])) {
        // "(Smith, 2012a, b)": the year's other works by their letters alone.
        if (!years.back().suffix.empty() && single_letter(next + 1)) {
          years.push_back(years.back());
          years.back().suffix = toks[next + 1].ascii;
          next += 2;
          continue;
        }
        if (!(is_year(toks[next + 1]) && !is_no_date(toks[y]) &&
              std::abs(std::stoi(toks[next + 1].ascii) - std::stoi(toks[y].ascii)) <= 30))
          break;
        years.push_back(toks[next + 1]);
        next += 2;
        skip_era();
      }
      // The work ends at the part's end, where the next work opens, or after its locator
      // (and a comment after that).
      std::string locator;
      std::size_t last = next - 1;      // the work's last token
      std::size_t resume = toks.size();  // where the next work of the part begins
      // "(Bourdieu, 1979 apud Lahire, 2002)": a work known through the next one.
      bool secondary = false;
      if (next < toks.size()) {
        std::size_t stop = toks.size();  // a comment or the next work
        auto marker_at = [&](std::size_t i) {
          return toks[i].kind == Tok::Word &&
                 (tables::is_secondary_source_key(toks[i].ascii) ||
                  (i + 1 < toks.size() && toks[i + 1].kind == Tok::Word &&
                   tables::is_secondary_source_key(toks[i].ascii + toks[i + 1].ascii)));
        };
        for (std::size_t i = next; i < toks.size(); ++i) {
          if (marker_at(i) || (is_separator(toks[i]) && i + 1 < toks.size() && marker_at(i + 1))) {
            stop = marker_at(i) ? i : i + 1;
            secondary = true;
            break;
          }
          if (i + 1 < toks.size() && is_separator(toks[i]) && toks[i].punct != ':' &&
              (opens_work(toks[i + 1], part) || comment_at(toks, i, part))) {
            stop = i;
            break;
          }
        }
        bool opens = stop < toks.size() && opens_work(toks[stop + 1], part);
        std::size_t work_end = stop;  // "(Smith 2001, p. 4, apud Jones 2005)": less the comma
        while (secondary && work_end > next && is_separator(toks[work_end - 1])) --work_end;
        if (work_end == next) {
          // Nothing between the year and the next work or comment.
        } else if (parse_locator(toks, next, part, locator, work_end)) {
          last = work_end - 1;
        } else if (abbreviation_at(toks, next, part) && (next + 2 == stop)) {
          locator = std::string(part.substr(toks[next + 1].begin, toks[next + 1].end - toks[next + 1].begin));
          last = next + 1;
        } else if (listed && listed(names.authors[0]) && toks[next].kind == Tok::Word &&
                   is_lower_in_cased_script(first_code_point(part, toks[next]))) {
          // "(see Margueron and Reinberg, 2010 for a recent review)": prose after a listed
          // author's year.
          stop = toks.size();
          opens = false;
        } else {
          break;  // "(Smith 2020 war)": no work
        }
        if (opens) resume = stop + 1;
        if (secondary) resume = stop;
      }
      std::size_t span_end = pb + toks[last].end;
      for (std::size_t yi = 0; yi < years.size(); ++yi) {
        Citation c = author_date(names, years[yi], yi + 1 == years.size() ? locator : std::string());
        c.through_secondary_source = secondary;
        c.bytes = {span_begin, span_end};
        c.raw = std::string(printed.substr(span_begin, span_end - span_begin));
        out.push_back(std::move(c));
      }
      inherited = names.authors;
      inherited_et_al = names.et_al;
      first_work = false;
      pending.clear();
      pos = resume;
    }
    pending.clear();
  }
  // The acronym a work's name carried in brackets, for the linker.
  for (const ByteRange& b : acronym_brackets(printed))
    for (Citation& c : out)
      if (b.begin >= c.bytes.begin && b.end <= c.bytes.end) c.acronym = std::string(printed.substr(b.begin + 1, b.end - b.begin - 2));
  return out;
}

std::vector<Citation> parse_parenthetical(std::string_view content) { return parse_citation_group(content, nullptr); }

std::string_view strip_name(std::string_view s) {
  s = trim(s);
  while (!s.empty()) {
    std::size_t k = s.size();
    char32_t cp = previous_code_point(s, k);
    if (is_word_char(cp)) break;
    if (cp == '.') {  // keep an initial's dot, drop a sentence dot
      std::size_t j = k;
      previous_code_point(s, j);
      std::size_t jj = j;
      char32_t b2 = j > 0 ? previous_code_point(s, jj) : ' ';
      if (!is_word_char(b2)) break;
    }
    s.remove_suffix(s.size() - k);
  }
  return trim(s);
}

namespace {

// "Name (2020)" — the words before a bracketed year, when they name an author of the list.
bool narrative_names(std::string_view text, std::size_t open, const CitationContext& ctx,
                     std::vector<std::string>& authors, bool& et_al, std::size_t& begin,
                     const std::string& year = {}) {
  if (ctx.author_keys.empty() && ctx.organisation_keys.empty()) return false;
  // Collect up to five words back on the same line.
  std::vector<std::pair<std::size_t, std::size_t>> words;
  std::size_t i = open;
  while (words.size() < 10 && i > 0) {
    std::size_t e = i;
    while (e > 0) {
      std::size_t k = e;
      char32_t cp = previous_code_point(text, k);
      if (cp == '\n' && words.size() > 0 && e < i) break;  // one line break back at most
      if (!is_space(cp) && cp != ',') break;
      e = k;
    }
    // "Horner & Currie (1994)": an ampersand is a word here.
    if (e > 0 && text[e - 1] == '&' && !words.empty()) {
      words.emplace_back(e - 1, e);
      i = e - 1;
      continue;
    }
    std::size_t b = e;
    while (b > 0) {
      std::size_t k = b;
      char32_t cp = previous_code_point(text, k);
      // A name is letters with inner hyphens, apostrophes and dots ("O'Brien", "J.-P.");
      // any other mark ("。", ",", "(") ends it.
      if (!(is_word_char(cp) || cp == '-' || cp == '\'' || cp == 0x2019 || cp == '.')) break;
      b = k;
    }
    if (b == e || name_key(text.substr(b, e - b)).empty()) break;  // punctuation ends the name
    words.emplace_back(b, e);
    i = b;
  }
  std::size_t w = 0;
  auto key_at = [&](std::size_t idx) {
    return name_key(text.substr(words[idx].first, words[idx].second - words[idx].first));
  };
  if (w < words.size()) {
    std::string k = key_at(w);
    if (k == "al" && w + 1 < words.size() && key_at(w + 1) == "et") { et_al = true; w += 2; }
    else if (tables::is_et_al_key(k)) { et_al = true; w += 1; }
    // "Иванов и др. (2015)", "Popescu și colab. (2015)": a connector and a word that together
    // say "et al.".
    else if (w + 1 < words.size() && tables::is_connector_key(key_at(w + 1)) && tables::is_et_al_key(key_at(w + 1) + k)) {
      et_al = true;
      w += 2;
    }
  }
  // "Иванов И.И. (2001)", "Петров П. П. (2010)", "Smith J. (2005)": initials after a listed
  // family name (one or two words of one to three capitals, with or without dots).
  for (int skipped = 0; skipped < 2 && w + 1 < words.size(); ++skipped) {
    const std::string_view word = text.substr(words[w].first, words[w].second - words[w].first);
    std::size_t letters = 0;
    bool capitals = true;
    for (std::size_t q = 0; q < word.size();) {
      const char32_t cp = next_code_point(word, q);
      if (is_letter(cp)) { ++letters; capitals = capitals && is_upper(cp); }
      else if (cp != '.') capitals = false;
    }
    if (!capitals || letters == 0 || letters > 3) break;
    // The family name is the next word back, or the initials stand before another one.
    std::size_t next = w + 1;
    if (!ctx.author_keys.count(key_at(next)) && !(skipped == 0 && next + 1 < words.size() &&
                                                   ctx.author_keys.count(key_at(next + 1))))
      break;
    w = next;
  }
  if (w >= words.size()) return false;
  // "Zhang等（2020）": a CJK "et al." glued to the name.
  for (std::string_view mark : kGluedEtAl) {
    auto& [b, e] = words[w];
    if (e - b > mark.size() && text.substr(e - mark.size(), mark.size()) == mark) {
      e -= mark.size();
      et_al = true;
      break;
    }
  }
  // "Hembree'nin (1990)": a Turkish case ending after an apostrophe.
  {
    auto& [b, e] = words[w];
    std::string_view word = text.substr(b, e - b);
    std::size_t apos = word.find('\'');
    if (apos == std::string_view::npos) apos = word.find("\u2019");
    if (apos != std::string_view::npos && apos > 0 && !ctx.author_keys.count(key_at(w)) &&
        ctx.author_keys.count(name_key(word.substr(0, apos))))
      e = b + apos;
  }
  // "laodongqushi.com (2022)": a site cited by its domain, in lower case as domains are
  // written, for an entry under the site's name.
  bool domain = false;
  {
    auto& [b, e] = words[w];
    std::string_view word = text.substr(b, e - b);
    const std::size_t dot = word.rfind('.');
    const std::size_t tld = dot == std::string_view::npos ? 0 : word.size() - dot - 1;
    if (dot != std::string_view::npos && dot >= 3 && tld >= 2 && tld <= 4 &&
        word.find_first_not_of("abcdefghijklmnopqrstuvwxyz", dot + 1) == std::string_view::npos) {
      const std::string k = name_key(word.substr(0, dot));
      if (ctx.organisation_keys.count(k) || ctx.author_keys.count(k)) {
        e = b + dot;
        domain = true;
      }
    }
  }
  // Chinese runs words together: "研究表明王小明（2019）" ends with the name.
  {
    auto& [b, e] = words[w];
    std::size_t q = b;
    if (script_code(next_code_point(text, q)) == "Hani" && !ctx.author_keys.count(key_at(w))) {
      for (std::size_t chars = 2; chars <= 4; ++chars) {
        std::size_t start = e;
        std::size_t n = 0;
        while (n < chars && start > b) { previous_code_point(text, start); ++n; }
        if (n == chars && ctx.author_keys.count(name_key(text.substr(start, e - start)))) { b = start; break; }
      }
    }
  }
  {
    auto& [b, e] = words[w];
    if (std::size_t at = glued_name_start(text.substr(b, e - b), ctx.author_keys); at != std::string_view::npos) b += at;
  }
  // The name may be several words ("باستانی پاریزی (۱۳۷۸)", "Van der Berg (2019)", "Yarza De los
  // Ríos (2011)").
  std::size_t used = 0;
  for (std::size_t n = std::min<std::size_t>(4, words.size() - w); n >= 1 && !used; --n) {
    std::string k;
    bool whole = true;  // no "&" or connector inside a name
    for (std::size_t j = w + n; j-- > w;) {
      std::string part = key_at(j);
      if (part.empty() || (j > w && tables::is_connector_key(part))) whole = false;
      k += part;
    }
    if (whole && ctx.author_keys.count(k)) used = n;
    // An organisation, by a capitalised name.
    std::size_t q = words[w + n - 1].first;
    if (whole && !used && ctx.organisation_keys.count(k) && (domain || is_upper(next_code_point(text, q)))) used = n;
  }
  // Inflected names: the Georgian genitive "ბადურაშვილის (2004)" of "ბადურაშვილი", the
  // Russian "Иванова (2019)" of "Иванов" — the name's stem and an ending of a few letters.
  if (!used) {
    std::string k = key_at(w);
    for (const auto& author : ctx.author_keys) {
      if (inflected_form(k, author)) { used = 1; break; }
    }
  }
  // A misprinted name ("Vigotski (2021)" for the entry "Vigoski, L. S. (2021)"): capitalised,
  // five letters or more, one slip from a first author of that very year. The linker links it
  // and says the spellings differ.
  if (!used && !year.empty()) {
    std::string k = key_at(w);
    std::size_t q = words[w].first;
    auto of_year = ctx.first_authors_by_year.find(year);
    if (of_year != ctx.first_authors_by_year.end() && code_point_count(k) >= 5 && is_upper(next_code_point(text, q)))
      for (const auto& author : of_year->second)
        if (one_slip_apart(k, author)) { used = 1; break; }
  }
  if (!used) return false;
  std::size_t first_word = w + used - 1;
  authors.insert(authors.begin(), std::string(strip_name(text.substr(words[first_word].first, words[w].second - words[first_word].first))));
  begin = words[first_word].first;
  w = first_word;
  // "Smith and Jones (2020)", "Horner & Currie (1994)", "Morgan, Gulliford and Kristjánsson
  // (2017)": listed authors before the name, joined by a connector and commas.
  auto word_text = [&](std::size_t idx) {
    return std::string(strip_name(text.substr(words[idx].first, words[idx].second - words[idx].first)));
  };
  if (w + 2 < words.size()) {
    std::string_view conn = text.substr(words[w + 1].first, words[w + 1].second - words[w + 1].first);
    bool is_conn = tables::is_connector_key(name_key(conn)) || conn == "&";
    if (is_conn && ctx.author_keys.count(key_at(w + 2))) {
      authors.insert(authors.begin(), word_text(w + 2));
      begin = words[w + 2].first;
      for (std::size_t j = w + 3; j < words.size(); ++j) {
        std::string_view between = text.substr(words[j].second, words[j - 1].first - words[j].second);
        if (between.find(',') == std::string_view::npos || !ctx.author_keys.count(key_at(j))) break;
        authors.insert(authors.begin(), word_text(j));
        begin = words[j].first;
      }
    }
  }
  return true;
}

bool line_has_rtl(const Document& doc, std::size_t offset) {
  int line = doc.line_of(offset);
  std::string_view l = doc.line(line);
  if (l.size() > 4096) l = l.substr(0, 4096);
  for (std::size_t i = 0; i < l.size();) {
    if (static_cast<unsigned char>(l[i]) < 0x80) { ++i; continue; }
    if (is_rtl(next_code_point(l, i))) return true;
  }
  return false;
}


// The full-width "）" closing a "（" at `open`, within 400 bytes and one paragraph.
std::size_t find_wide_close(std::string_view t, std::size_t open, std::size_t limit) {
  std::size_t stop = std::min({t.size(), open + 400, limit});
  std::size_t close = t.find("\uFF09", open + 3);
  if (close == std::string_view::npos || close + 3 > stop) return std::string_view::npos;
  std::size_t nested = t.find("\uFF08", open + 3);
  if (nested != std::string_view::npos && nested < close) return std::string_view::npos;
  if (t.substr(open, close - open).find("\n\n") != std::string_view::npos) return std::string_view::npos;
  return close;
}

// Whether a raised note number an extraction wrote on its own line lies in [from, to).
bool crosses_raised(const std::vector<ByteRange>& raised, std::size_t from, std::size_t to) {
  auto it = std::lower_bound(raised.begin(), raised.end(), from,
                             [](const ByteRange& m, std::size_t o) { return m.begin < o; });
  return it != raised.end() && it->begin < to;
}

// [from, to) of the text with such numbers blanked out (same length, so offsets hold).
std::string without_raised(std::string_view t, std::size_t from, std::size_t to, const std::vector<ByteRange>& raised) {
  std::string out(t.substr(from, to - from));
  for (const ByteRange& m : raised)
    if (m.begin >= from && m.end <= to) std::fill(out.begin() + (m.begin - from), out.begin() + (m.end - from), ' ');
  return out;
}

// Runs of blanks and line breaks as one space: "( Karimi \n \n\n، 2017)" → "( Karimi ، 2017)".
std::string collapse_spaces(const std::string& s) {
  std::string out;
  for (char c : s) {
    bool blank = c == ' ' || c == '\n' || c == '\t';
    if (blank && !out.empty() && out.back() == ' ') continue;
    out.push_back(blank ? ' ' : c);
  }
  return out;
}

// The line starting at `from`, without its '\n', as [from, end of line).
std::string_view line_at(std::string_view t, std::size_t from, std::size_t limit) {
  const void* nl = from < limit ? std::memchr(t.data() + from, '\n', limit - from) : nullptr;
  std::size_t e = nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - t.data()) : limit;
  return t.substr(from, e - from);
}

bool blank_line(std::string_view l) {
  for (char c : l)
    if (c != ' ' && c != '\t' && c != '\r') return false;
  return true;
}

// A page number alone on a line: "12", "- 12 -".
bool page_number_line(std::string_view l) {
  std::string_view s = trim(l);
  if (s.empty() || s.size() > 12) return false;
  bool digit = false;
  for (char c : s) {
    if (c >= '0' && c <= '9') digit = true;
    else if (c != '-' && c != ' ' && c != '|') return false;
  }
  return digit;
}

// When the line break at `nl` is followed by a page break — optionally a page number line,
// then a line opening with a form feed (the next page's head, at most 80 bytes), then blank
// lines — the offset of the last line break of that run; npos otherwise.
std::size_t page_break_after(std::string_view t, std::size_t nl, std::size_t limit) {
  std::size_t at = nl + 1;
  if (at >= limit) return std::string_view::npos;
  if (t[at] != '\f') {
    std::string_view l = line_at(t, at, limit);
    if (!page_number_line(l) || at + l.size() + 1 >= limit || t[at + l.size() + 1] != '\f') return std::string_view::npos;
    at += l.size() + 1;
  }
  std::string_view head = line_at(t, at, limit);
  if (head.size() > 80 || at + head.size() >= limit) return std::string_view::npos;
  std::size_t last = at + head.size();  // the head's '\n'
  for (int n = 0; n < 3 && last + 1 < limit; ++n) {
    std::string_view l = line_at(t, last + 1, limit);
    if (!blank_line(l) || last + 1 + l.size() >= limit) break;
    last += l.size() + 1;
  }
  return last;
}

// [from, to) of the text with the page furniture a page break puts inside a citation blanked
// out (same length, so offsets hold).
void blank_page_breaks(std::string& s) {
  std::string_view v(s);
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\n') continue;
    std::size_t last = page_break_after(v, i, s.size());
    if (last == std::string_view::npos) continue;
    for (std::size_t k = i + 1; k < last; ++k)
      if (s[k] != '\n') s[k] = ' ';
    i = last - 1;
  }
}

// Finds the bracket closing the one at `open` within one paragraph; npos when there is none.
// A raised note number's line (and the blank line after it) that an extraction put inside
// the citation is read across as one line break.
std::size_t find_close(std::string_view t, std::size_t open, std::size_t limit, char opener, char closer,
                       const Document& doc, const std::vector<ByteRange>& raised) {
  std::size_t end = std::min(t.size(), open + kMaxGroup);
  end = std::min(end, limit);
  // A group of citations spans a few lines of text ("(Debener, …, 2012; de Vos," /
  // "Gandras, …)"); one blank line may fall between them in double-spaced text (a PDF
  // extraction that puts an empty line between all lines), two never.
  int blank_lines = 0, breaks = 0;
  bool newline = false;
  // Beyond two lines only a group of several works, one of them ended already by a
  // separator (a bracket opened in prose and never closed does not reach lines further on).
  bool separated = false;
  for (std::size_t i = open + 1; i < end; ++i) {
    char c = t[i];
    if (c == closer) return i;
    if (c == opener) return std::string_view::npos;
    if (c == ';' || c == ',') separated = true;
    else if (static_cast<unsigned char>(c) == 0xD8 && i + 1 < end &&
             (static_cast<unsigned char>(t[i + 1]) == 0x8C || static_cast<unsigned char>(t[i + 1]) == 0x9B))
      separated = true;  // "،" and "؛"

    if (c == '\n' && !newline && !raised.empty() && raised_marker_at_line_start(raised, doc, i + 1) >= 0) {
      const int marker_line = doc.line_of(i + 1);
      if (marker_line + 2 <= doc.line_count() && doc.line_begin(marker_line + 2) - 1 < end) {
        i = doc.line_begin(marker_line + 2) - 1;  // the blank line's end
        if (++breaks > kMaxGroupBreaks) return std::string_view::npos;
        newline = true;
        continue;
      }
    }
    if (c == '\n') {
      // A page break: the next page's head ("\f336 Hoehnea") and the blank lines after it,
      // and a page number before it, are read across as one line break.
      if (std::size_t skip_to = page_break_after(t, i, end); skip_to != std::string_view::npos) {
        if (++breaks > kMaxGroupBreaks) return std::string_view::npos;
        i = skip_to;
        newline = true;
        continue;
      }
      if (newline) {
        if (++blank_lines >= 2) return std::string_view::npos;
      } else if (++breaks > kMaxGroupBreaks || (breaks >= 2 && !separated)) {
        return std::string_view::npos;
      }
      newline = true;
    } else if (c != ' ' && c != '\t' && c != '\r') {
      newline = false;
    }
  }
  return std::string_view::npos;
}

// The inside of a numeric citation: parts separated by ';', each a number or a range, then
// either more numbers after commas or one locator after a page word. Entry labels start at 1,
// so "[0, 1]" (an interval) is none.
bool parse_numeric(std::string_view content, std::vector<std::string>& numbers, std::optional<std::string>& locator) {
  std::size_t start = 0;
  bool any = false;
  while (start <= content.size()) {
    std::size_t semi = content.find(';', start);
    std::string_view part = content.substr(start, semi == std::string_view::npos ? std::string_view::npos : semi - start);
    auto toks = tokenize(part, 40);
    std::size_t i = 0;
    bool want_number = true;
    while (i < toks.size()) {
      const Token& tk = toks[i];
      if (want_number) {
        if (tk.kind != Tok::Number || tk.ascii.size() > 4) return false;
        if (!tk.suffix.empty()) {
          // Parts of a compound entry: "1a", "1b,c", "1a–c" (chemistry's "[1] a) …; b) …").
          char letter = tk.suffix[0];
          if (letter < 'a' || letter > 'z' || tk.ascii == "0") return false;
          numbers.push_back(tk.ascii + letter);
          ++i;
          auto one_letter = [&](std::size_t k) {
            return k < toks.size() && toks[k].kind == Tok::Word && toks[k].ascii.size() == 1 &&
                   toks[k].ascii[0] >= 'a' && toks[k].ascii[0] <= 'z' && part.substr(toks[k].begin, toks[k].end - toks[k].begin).size() == 1 &&
                   (k + 1 >= toks.size() || !(toks[k + 1].kind == Tok::Punct && toks[k + 1].punct == '.'));
          };
          while (i + 1 < toks.size() && one_letter(i + 1)) {
            const char next = toks[i + 1].ascii[0];
            if (is_dash(toks[i]) && next > letter && next - letter <= 12) {
              for (char c = static_cast<char>(letter + 1); c <= next; ++c) numbers.push_back(tk.ascii + c);
            } else if (toks[i].kind == Tok::Punct && toks[i].punct == ',' && next > letter) {
              numbers.push_back(tk.ascii + next);
            } else {
              break;
            }
            letter = next;
            i += 2;
          }
          any = true;
          want_number = false;
          continue;
        }
        int from = std::stoi(tk.ascii), to = from;
        if (i + 2 < toks.size() && is_dash(toks[i + 1]) && toks[i + 2].kind == Tok::Number && toks[i + 2].ascii.size() <= 4) {
          to = std::stoi(toks[i + 2].ascii);
          i += 2;
        }
        if (from == 0 || to < from || to - from > 50) return false;
        for (int v = from; v <= to; ++v) numbers.push_back(std::to_string(v));
        any = true;
        want_number = false;
        ++i;
        continue;
      }
      if (!(tk.kind == Tok::Punct && (tk.punct == ',' || tk.punct == 0x060C))) return false;
      // After a comma: another number, or a locator that runs to the part's end.
      if (i + 1 < toks.size() && toks[i + 1].kind == Tok::Word && tables::is_locator_prefix_key(toks[i + 1].ascii)) {
        std::string_view loc = trim(part.substr(toks[i + 1].begin));
        if (!locator) locator = fold_digits(loc);
        break;
      }
      want_number = true;
      ++i;
    }
    if (want_number && i >= toks.size() && !toks.empty() && toks.back().kind == Tok::Punct) return false;
    if (semi == std::string_view::npos) break;
    start = semi + 1;
  }
  return any;
}

// --- Citation numbers raised above the line ----------------------------------------------------
//
// A superscript citation number loses its height in a PDF's text extraction and is glued to
// what precedes it: "world's population.1 Studies1,2 determine", "saúde.2-4,18", "Cecílio &
// Merhy7", "as shown previously12–14.", or it is written in superscript digits
// ("population¹,²"). Right-to-left extractions write it on a line of its own
// (parsers/raised_markers). Footnote markers look the same; they are told apart by the
// reference list (numbered), by the page feet (no note body with that number) and by the
// numbers themselves (labels of the list, first cited in order).

int superscript_digit(char32_t cp) {
  switch (cp) {
    case 0x2070: return 0; case 0x00B9: return 1; case 0x00B2: return 2; case 0x00B3: return 3;
    case 0x2074: return 4; case 0x2075: return 5; case 0x2076: return 6; case 0x2077: return 7;
    case 0x2078: return 8; case 0x2079: return 9; default: return -1;
  }
}

// next_code_point for a lead byte, inlined in the scan over every code point of the document.
inline char32_t decode_multibyte(std::string_view t, std::size_t& i) {
  const auto c = static_cast<unsigned char>(t[i]);
  if (c >= 0xC2 && c < 0xE0 && i + 2 <= t.size()) {
    const char32_t cp = (static_cast<char32_t>(c & 0x1F) << 6) | (static_cast<unsigned char>(t[i + 1]) & 0x3F);
    i += 2;
    return cp;
  }
  if (c >= 0xE0 && c < 0xF0 && i + 3 <= t.size()) {
    const char32_t cp = (static_cast<char32_t>(c & 0x0F) << 12) |
                        (static_cast<char32_t>(static_cast<unsigned char>(t[i + 1]) & 0x3F) << 6) |
                        (static_cast<unsigned char>(t[i + 2]) & 0x3F);
    i += 3;
    return cp;
  }
  return next_code_point(t, i);
}

// A cheap first look for the scan over every code point: a decimal digit of any script or a
// superscript digit (¹²³⁰⁴-⁹).
bool may_be_digit(char32_t cp) {
  if (cp < 0x2070) return cp == 0xB2 || cp == 0xB3 || cp == 0xB9 || is_digit(cp);
  return cp <= 0x2079 ? superscript_digit(cp) >= 0 : is_digit(cp);
}

struct RaisedGroup {
  std::size_t begin, end;   // the digits and their separators
  std::vector<int> numbers; // expanded
  std::string word;         // name_key of the word the group is glued to ("" after punctuation)
  bool lone = false;        // a right-to-left number on a line of its own
};

// Reads "1", "1,2", "2-4,18", "12–14" (or the same in superscript digits) at i; empty when
// there is no well-formed group. `end` is where the group stops.
std::vector<int> read_raised_group(std::string_view t, std::size_t i, bool superscript, std::size_t& end) {
  std::vector<int> out;
  int range_from = -1;
  std::size_t pos = i;
  end = i;
  for (int items = 0; items < 60; ++items) {
    int v = 0, n = 0;
    std::size_t k = pos;
    while (k < t.size()) {
      std::size_t kk = k;
      char32_t cp = next_code_point(t, kk);
      int d = superscript ? superscript_digit(cp) : digit_value(cp);
      if (d < 0 || (superscript ? false : superscript_digit(cp) >= 0)) break;
      if (n < 4) v = v * 10 + d;
      ++n;
      k = kk;
    }
    if (n == 0 || n > 3 || v == 0) return {};
    if (range_from >= 0) {
      if (v < range_from || v - range_from > 50) return {};
      for (int x = range_from + 1; x <= v; ++x) out.push_back(x);
      range_from = -1;
    } else {
      out.push_back(v);
    }
    end = k;
    if (k >= t.size()) break;
    std::size_t kk = k;
    char32_t sep = next_code_point(t, kk);
    bool dash = sep == '-' || sep == 0x2013 || sep == 0x207B;
    if (!(sep == ',' || sep == 0x060C || dash)) break;
    // A separator only joins when a number of the same kind follows.
    std::size_t probe = kk;
    if (probe >= t.size()) break;
    char32_t after = next_code_point(t, probe);
    bool digit_after = superscript ? superscript_digit(after) >= 0 : (digit_value(after) >= 0 && superscript_digit(after) < 0);
    if (!digit_after) break;
    if (dash) {
      if (range_from >= 0) return {};
      range_from = out.back();
    }
    pos = kk;
  }
  if (range_from >= 0) return {};
  // What follows: a space, a line break, punctuation — not a letter, digit, "%", "/" or a
  // decimal part ("version2.1").
  if (end < t.size()) {
    std::size_t k = end;
    char32_t next = next_code_point(t, k);
    if (is_word_char(next) || is_digit(next) || superscript_digit(next) >= 0 || next == '%' || next == '/' ||
        next == 0x00B0 || next == '-' || next == '_' || next == '@')
      return {};
    if ((next == '.' || next == ',') && k < t.size() && is_digit(static_cast<unsigned char>(t[k]))) return {};
  }
  return out;
}

// The word ending at `end` (letters and marks), as [begin, end).
std::size_t word_start(std::string_view t, std::size_t end) {
  std::size_t b = end;
  for (int n = 0; b > 0 && n < 64; ++n) {
    std::size_t q = b;
    if (!is_word_char(previous_code_point(t, q))) break;
    b = q;
  }
  return b;
}

// Groups glued to the text in [begin, end), in text order, before the filters that need the
// whole document.
std::vector<RaisedGroup> raised_group_candidates(const Document& doc, std::size_t begin, std::size_t end,
                                                 const std::vector<ByteRange>& skip, const std::vector<ByteRange>& taken) {
  std::vector<RaisedGroup> out;
  std::string_view t(doc.text);
  // Only digits are looked at closely; the two code points before one are read back from it.
  // Right after a digit run or a group stepped over, the scan sees '0' before it.
  std::size_t stepped_to = std::string_view::npos;
  std::size_t i = begin;
  while (i < end) {
    const std::size_t start = i;
    unsigned char byte = static_cast<unsigned char>(t[i]);
    char32_t cp;
    if (byte < 0x80) {
      ++i;
      if (byte < '0' || byte > '9') continue;
      cp = byte;
    } else {
      cp = decode_multibyte(t, i);
      if (!may_be_digit(cp)) continue;
    }
    const bool superscript = superscript_digit(cp) >= 0;
    char32_t prev = '\n', prev2 = '\n';
    std::size_t back = start;
    if (back == stepped_to) {
      prev = prev2 = '0';
    } else if (back > begin) {
      prev = previous_code_point(t, back);
      if (back == stepped_to) prev2 = '0';
      else if (back > begin) prev2 = previous_code_point(t, back);
    }
    if (is_digit(prev) || superscript_digit(prev) >= 0) continue;
    const bool after_word = is_word_char(prev);
    // After punctuation that ends a word, a quotation or a bracket: "population.1",
    // "Bandura,6", "activity).6", "(SIH)18"; not after a number's ("2.5", "1,000", "2020.1").
    const bool after_punct = is_closing_punctuation(prev) &&
                             (is_word_char(prev2) || prev2 == ')' || prev2 == ']' || prev2 == 0x201D || prev2 == 0x2019 ||
                              prev2 == '"' || prev2 == 0xBB || (prev != '.' && prev != ',' && prev != ':' && prev2 == '%'));
    // "≥ 90%20-25": a number glued to a percent sign is no quantity of its own.
    const bool after_percent = prev == '%' && is_digit(prev2);
    const bool glued = superscript ? !is_space(prev) && prev != '\n' : (after_word || after_punct || after_percent);
    std::size_t group_end = start;
    std::vector<int> numbers;
    if (glued && !ranges_contain(skip, start) && !ranges_contain(taken, start))
      numbers = read_raised_group(t, start, superscript, group_end);
    if (numbers.empty()) {
      // Step over the rest of the digit run.
      while (i < end) {
        std::size_t k = i;
        char32_t c = next_code_point(t, k);
        if (!is_digit(c) && superscript_digit(c) < 0) break;
        i = k;
      }
      stepped_to = i;
      continue;
    }
    RaisedGroup g{start, group_end, std::move(numbers), "", false};
    bool keep = true;
    if (after_word && !superscript) {
      const std::size_t wb = word_start(t, start);
      std::string_view word = t.substr(wb, start - wb);
      std::size_t q = 0;
      const char32_t first = next_code_point(word, q);
      std::size_t letters = 0, upper = 0;
      for (std::size_t k = 0; k < word.size();) {
        char32_t c = next_code_point(word, k);
        if (is_letter(c)) { ++letters; if (is_upper(c)) ++upper; }
      }
      // "Selye’s21": the word is a possessive ending, not a unit.
      std::size_t before_word = wb;
      const char32_t mark = wb > 0 ? previous_code_point(t, before_word) : 0;
      const bool possessive = mark == '\'' || mark == 0x2019;
      // "Vale et al25": "al" of "et al." is no unit either.
      bool et_al = false;
      if (wb > 1 && t[wb - 1] == ' ') {
        const std::size_t pb = word_start(t, wb - 1);
        et_al = tables::is_et_al_key(name_key(t.substr(pb, wb - 1 - pb)) + name_key(word));
      }
      // "CO2", "G20", "COVID19": a number on a word in capitals is part of its name, unless
      // several numbers follow ("DMG1,12").
      if (letters >= 1 && upper == letters && g.numbers.size() == 1 && letters <= 8) keep = false;
      // "km2", "mg3", "x2", "notes_v2", "fig/a3": units, variables and code.
      if (!possessive && !et_al) {
        if (code_point_count(word) <= 2 && is_lower_in_cased_script(first)) keep = false;
        // (Not a word of prose after a slash: "sobrepeso/obesidade35,36".)
        const bool prose_after_slash = wb > 0 && t[wb - 1] == '/' && letters == code_point_count(word) && letters >= 5;
        if (wb > 0 && std::string_view("_/\\@#.").find(t[wb - 1]) != std::string_view::npos && !prose_after_slash)
          keep = false;
        if (word.size() <= 24 && tables::is_unit_key(name_key(word))) keep = false;
      }
      g.word = name_key(word);
    }
    if (after_punct && prev == '.') {
      // "p.3", "Fig.3", "Eq.2", "No.5": a locator or an abbreviated label before its number.
      std::size_t w_end = start;
      previous_code_point(t, w_end);
      const std::size_t wb = word_start(t, w_end);
      std::string_view word = t.substr(wb, w_end - wb);
      std::size_t q = 0;
      const char32_t first = word.empty() ? 0 : next_code_point(word, q);
      if (word.size() <= 12 && tables::is_locator_prefix_key(name_key(word))) keep = false;
      // (An acronym in capitals ends a sentence: "mortalidade por CCU.17".)
      std::size_t capitals = 0;
      for (std::size_t k = 0; k < word.size();) capitals += is_upper(next_code_point(word, k)) ? 1 : 0;
      if (!word.empty() && is_upper(first) && capitals == 1 && code_point_count(word) <= 4) keep = false;
    }
    if (keep) out.push_back(std::move(g));
    i = std::max(i, group_end);
    stepped_to = i;
  }
  return out;
}

// Lines that may be note bodies, by the number they open with: "4 Glantz…", "4Glantz…",
// "¹ …", "4. …" (not in `skip`, which holds the reference list). `endnotes` holds those of
// an endnotes section ("Notes", "Примечания", "الهوامش", "შენიშვნები").
struct NoteBodies {
  std::vector<int> lines, endnotes;  // ascending
};

std::unordered_map<int, NoteBodies> note_body_lines(const Document& doc, const std::vector<ByteRange>& skip) {
  std::unordered_map<int, NoteBodies> out;
  bool in_notes = false;
  for (int line = 1; line <= doc.line_count(); ++line) {
    if (!in_notes) {
      std::string_view l = trim(doc.line(line));
      in_notes = !l.empty() && l.size() <= 60 && tables::is_notes_heading_key(name_key(l));
    }
    std::string_view l = doc.line(line);
    std::size_t i = 0;
    while (i < l.size() && (l[i] == ' ' || l[i] == '\t' || l[i] == '\f')) ++i;
    if (i >= l.size()) continue;
    unsigned char b = static_cast<unsigned char>(l[i]);
    if (!(b >= '0' && b <= '9') && b < 0x80) continue;
    int v = 0, n = 0;
    bool superscript = false;
    while (i < l.size()) {
      std::size_t k = i;
      char32_t cp = next_code_point(l, k);
      int d = superscript_digit(cp);
      if (d >= 0) superscript = true;
      else d = digit_value(cp);
      if (d < 0) break;
      if (n < 4) v = v * 10 + d;
      ++n;
      i = k;
    }
    if (n == 0 || n > 3 || v == 0 || i >= l.size()) continue;
    std::size_t k = i;
    char32_t next = next_code_point(l, k);
    if (next == '.' || next == ')') {
      if (k >= l.size() || l[k] != ' ') continue;
      next = ' ';
    }
    if (!(next == ' ' || next == '\t' || next == 0xA0 || (is_letter(next) && (superscript || is_upper(next))) ||
          next == 0x201C || next == '"'))
      continue;
    while (k < l.size() && (l[k] == ' ' || l[k] == '\t')) ++k;
    if (k >= l.size()) continue;
    std::size_t q = k;
    if (!is_word_char(next_code_point(l, q)) && l[k] != '"' && static_cast<unsigned char>(l[k]) < 0x80) continue;
    if (ranges_contain(skip, doc.line_begin(line))) continue;
    out[v].lines.push_back(line);
    if (in_notes) out[v].endnotes.push_back(line);
  }
  return out;
}

// The raised numbers of [begin, end) that cite entries of a numbered list.
std::vector<Citation> raised_number_citations(const Document& doc, std::size_t begin, std::size_t end,
                                              const CitationContext& ctx, const std::vector<ByteRange>& skip,
                                              const std::vector<ByteRange>& taken, const std::vector<ByteRange>& raised) {
  std::vector<Citation> out;
  std::vector<RaisedGroup> groups = raised_group_candidates(doc, begin, end, skip, taken);
  for (const ByteRange& r : raised) {
    if (r.begin < begin || r.end > end || ranges_contain(skip, r.begin)) continue;
    std::size_t e = r.begin;
    auto numbers = read_raised_group(doc.text, r.begin, false, e);
    if (numbers.size() == 1) groups.push_back({r.begin, r.end, std::move(numbers), "", true});
  }
  if (groups.empty()) return out;
  std::sort(groups.begin(), groups.end(), [](const RaisedGroup& a, const RaisedGroup& b) { return a.begin < b.begin; });
  // "Ire1 foci … Ire1 clustering", "Caco2 cells": a word that carries the same number again
  // and again is a name (a gene, a cell line, a model), not a citation.
  std::unordered_map<std::string, int> repeats;
  for (const RaisedGroup& g : groups)
    if (!g.word.empty() && g.numbers.size() == 1) ++repeats[g.word + "|" + std::to_string(g.numbers[0])];
  // Page breaks, for "a note body at this page's foot".
  std::vector<int> page_starts;
  for (int line = 1; line <= doc.line_count(); ++line) {
    std::string_view l = doc.line(line);
    if (!l.empty() && l[0] == '\f') page_starts.push_back(line);
  }
  const auto bodies = note_body_lines(doc, skip);
  // A body with this number after the marker: on the marker's page; without page breaks,
  // within about a page, or anywhere after in an endnotes section.
  auto note_body_near = [&](int value, int line) {
    auto it = bodies.find(value);
    if (it == bodies.end()) return false;
    auto after = std::upper_bound(it->second.lines.begin(), it->second.lines.end(), line);
    if (after == it->second.lines.end()) return false;
    if (!page_starts.empty()) {
      auto next_page = std::upper_bound(page_starts.begin(), page_starts.end(), line);
      return next_page == page_starts.end() || *after < *next_page;
    }
    return *after - line <= 60 ||
           std::upper_bound(it->second.endnotes.begin(), it->second.endnotes.end(), line) != it->second.endnotes.end();
  };
  // Numbered entries are first cited in order: a new number comes close after the highest
  // cited so far.
  // A group that leaps further is taken when the groups after it go on from it (the numbers
  // skipped were cited where the scan does not look: a table, a caption, a unit).
  std::vector<const RaisedGroup*> kept;
  for (const RaisedGroup& g : groups) {
    if (!g.word.empty() && g.numbers.size() == 1 && repeats[g.word + "|" + std::to_string(g.numbers[0])] >= 3) continue;
    bool plausible = true;
    for (int v : g.numbers)
      if (ctx.list_size > 0 && v > ctx.list_size) plausible = false;
    if (!plausible) continue;
    if (g.numbers.size() == 1 && note_body_near(g.numbers[0], doc.line_of(g.begin))) continue;
    kept.push_back(&g);
  }
  constexpr int kLeap = 5;
  constexpr std::size_t kLookAhead = 3;
  auto lowest_above = [](const RaisedGroup& g, int floor) {
    int lowest = 0;
    for (int v : g.numbers)
      if (v > floor && (lowest == 0 || v < lowest)) lowest = v;
    return lowest;
  };
  int highest = 0;
  for (std::size_t gi = 0; gi < kept.size(); ++gi) {
    const RaisedGroup& g = *kept[gi];
    const int lowest_new = lowest_above(g, highest);
    if (lowest_new > highest + kLeap) {
      int top = *std::max_element(g.numbers.begin(), g.numbers.end());
      bool followed = false;
      for (std::size_t h = gi + 1; h < kept.size() && h <= gi + kLookAhead && !followed; ++h) {
        int next_new = lowest_above(*kept[h], top);
        followed = next_new > 0 && next_new <= top + kLeap;
      }
      if (!followed) continue;
    }
    for (int v : g.numbers) highest = std::max(highest, v);
    Citation c;
    c.kind = CitationKind::Numeric;
    for (int v : g.numbers) c.numbers.push_back(std::to_string(v));
    c.bytes = {g.begin, g.end};
    c.raw = std::string(doc.text.substr(g.begin, g.end - g.begin));
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace

CitationScan find_intext_citations(const Document& doc, std::size_t begin, std::size_t end,
                                   const CitationContext& ctx, const std::vector<ByteRange>& skip) {
  CitationScan scan;
  std::string_view t(doc.text);
  end = std::min(end, t.size());
  std::vector<ByteRange> taken;
  const std::vector<ByteRange> raised = raised_rtl_markers(doc);
  auto add = [&](std::vector<Citation> cites, std::size_t content_begin, std::size_t open, std::size_t close) {
    bool single = cites.size() == 1;
    for (auto& c : cites) {
      if (single) {
        c.bytes = {open, close + 1};
        c.raw = std::string(t.substr(open, close + 1 - open));
      } else {
        c.bytes = {content_begin + c.bytes.begin, content_begin + c.bytes.end};
      }
      if (crosses_raised(raised, c.bytes.begin, c.bytes.end) || c.raw.find('\f') != std::string::npos) {
        std::string clean = without_raised(t, c.bytes.begin, c.bytes.end, raised);
        blank_page_breaks(clean);
        c.raw = collapse_spaces(clean);
      }
      for (char& ch : c.raw)
        if (ch == '\n') ch = ' ';
      scan.citations.push_back(std::move(c));
    }
    taken.push_back({open, close + 1});
  };

  // Parenthetical and narrative author-date citations, in ASCII or full-width brackets
  // ("（王明，2019）").
  std::vector<std::size_t> opens;
  for (std::size_t p = begin; p < end;) {
    const void* hit = std::memchr(t.data() + p, '(', end - p);
    if (!hit) break;
    opens.push_back(static_cast<std::size_t>(static_cast<const char*>(hit) - t.data()));
    p = opens.back() + 1;
  }
  std::size_t ascii_opens = opens.size();
  for (std::size_t p = t.find("\uFF08", begin); p != std::string_view::npos && p < end; p = t.find("\uFF08", p + 3))
    opens.push_back(p);
  if (opens.size() > ascii_opens) std::sort(opens.begin(), opens.end());
  std::size_t consumed_until = begin;
  for (std::size_t open : opens) {
    if (open < consumed_until) continue;
    if (ranges_contain(skip, open)) continue;
    bool wide = t[open] != '(';
    std::size_t close = wide ? find_wide_close(t, open, end) : find_close(t, open, end, '(', ')', doc, raised);
    std::size_t content_begin = wide ? open + 3 : open + 1;
    std::size_t close_len = wide ? 3 : 1;
    if (close == std::string_view::npos) {
      if (wide) continue;
      // "(Smith 2020" never closed: a citation that lost its bracket.
      // Look at most 120 bytes ahead, on the same line: a bounded search, so a line of
      // a million brackets stays linear.
      std::size_t window = std::min<std::size_t>(end - open - 1, 120);
      const void* nl = std::memchr(t.data() + open + 1, '\n', window);
      if (nl) window = static_cast<std::size_t>(static_cast<const char*>(nl) - (t.data() + open + 1));
      std::string_view rest = t.substr(open + 1, window);
      std::size_t first_char = 0;
      while (first_char < rest.size() && rest[first_char] == ' ') ++first_char;
      if (first_char >= rest.size()) continue;
      std::size_t probe = first_char;
      if (!is_word_char(next_code_point(rest, probe))) continue;
      std::string_view line = doc.line(doc.line_of(open));
      std::string_view lead = trim(line).substr(0, 3);
      // Right-to-left extraction moves the closing bracket to the start of the line
      // (".(… (Nadhir 2016, 150"): there the bracket is not missing.
      bool moved = line_has_rtl(doc, open) &&
                   (lead.substr(0, 2) == ".(" || lead.substr(0, 1) == "(" || lead.substr(0, 3) == "\u060C(");
      // "(البيس، 2018: 47؛ Gause, 2019" — several works, the bracket lost.
      if (rest.find(';') != std::string_view::npos || rest.find("\u061B") != std::string_view::npos) {
        auto several = parse_citation_group(rest, &ctx);
        if (several.size() >= 2) {
          if (!moved)
            scan.malformed.push_back({{open, open + 1 + rest.size()}, std::string(rest),
                                      phrase("the citation's closing parenthesis is missing")});
          add(std::move(several), open + 1, open, open + rest.size());
          continue;
        }
      }
      auto toks = tokenize(rest, 12);
      if (toks.size() >= 2 && toks[0].kind == Tok::Word) {
        for (std::size_t i = 1; i < toks.size(); ++i) {
          if (toks[i].kind != Tok::Number) continue;
          // Names, then a year: the citation's text is there, its bracket is not (the
          // sentence may simply run on: "(Brown & Davis, 2018 and were applied").
          NameCheck names;
          // "(მაგ. 2016 წლის …": a year-context word after the year makes it prose.
          bool prose_after = i + 1 < toks.size() && toks[i + 1].kind == Tok::Word &&
                             tables::is_year_context_key(toks[i + 1].ascii);
          if (is_year(toks[i]) && i <= 8 && !prose_after && (names = check_names(toks, i, rest)).ok) {
            ByteRange bytes{open, open + 1 + toks[i].end};
            if (!moved)
              scan.malformed.push_back({bytes, std::string(rest.substr(0, toks[i].end)),
                                        phrase("the citation's closing parenthesis is missing")});
            // It still cites a work.
            Citation c = author_date(names, toks[i], "");
            c.bytes = bytes;
            c.raw = "(" + std::string(rest.substr(0, toks[i].end));
            for (char& ch : c.raw) if (ch == '\n') ch = ' ';
            scan.citations.push_back(std::move(c));
          }
          break;
        }
      }
      continue;
    }
    std::string_view content = t.substr(content_begin, close - content_begin);
    std::string unraised;  // the content without a raised note number or a page head read across
    const bool page_break = content.find('\f') != std::string_view::npos;
    if (crosses_raised(raised, content_begin, close) || page_break) {
      unraised = without_raised(t, content_begin, close, raised);
      if (page_break) blank_page_breaks(unraised);
      content = unraised;
    }
    auto cites = parse_citation_group(content, &ctx);
    if (!cites.empty()) {
      add(std::move(cites), content_begin, open, close + close_len - 1);
      consumed_until = close + close_len;
      continue;
    }
    // "(2020)", "(2020, p. 5)", "(1992; 1999)", "(2013, 2014, 2015)" after a name of the
    // reference list.
    auto toks = tokenize(content);
    // "Diógenes Laercio (VI 71, 2010, p. 228)": the book and section before the year.
    if (std::size_t y = classical_locator_end(toks, 0, toks.size(), content)) toks.erase(toks.begin(), toks.begin() + y);
    if (!toks.empty() && (is_year(toks[0]) || is_no_date(toks[0]))) {
      std::string locator;
      std::vector<std::size_t> years{0};
      std::size_t after_year = 1;
      auto skip_era = [&]() {  // "(١٤٣٥هـ: ٧٧)": an era mark after the year
        if (after_year < toks.size() && toks[after_year].kind == Tok::Word && tables::is_era_marker_key(toks[after_year].ascii))
          ++after_year;
      };
      skip_era();
      // "Lee (2010/2011)", "Castanet (1986–1987)": a work over two years, cited by the first.
      if (after_year + 1 < toks.size() && (is_dash(toks[after_year]) || is_slash(toks[after_year])) &&
          is_year(toks[after_year + 1]) && !is_no_date(toks[0])) {
        const int span = std::stoi(toks[after_year + 1].ascii) - std::stoi(toks[0].ascii);
        if (span > 0 && span <= 10) after_year += 2;
      }
      while (after_year + 1 < toks.size() && toks[after_year].kind == Tok::Punct &&
             (toks[after_year].punct == ',' || toks[after_year].punct == ';' || toks[after_year].punct == 0x060C ||
              toks[after_year].punct == 0x061B) &&
             is_year(toks[after_year + 1]) && !is_no_date(toks[0]) &&
             std::abs(std::stoi(toks[after_year + 1].ascii) - std::stoi(toks[0].ascii)) <= 30) {
        years.push_back(after_year + 1);
        after_year += 2;
        skip_era();
      }
      // After several years, a ';' may go on to other sources ("NBS (2013, 2014; China Labor
      // Statistical Yearbook)").
      const bool rest_elsewhere = years.size() > 1 && after_year < toks.size() && toks[after_year].kind == Tok::Punct &&
                                  (toks[after_year].punct == ';' || toks[after_year].punct == 0x061B);
      // "Kelman (2021, tradução nossa)", "Silveira (2019, n.p)": a short remark after a comma
      // (a translation, an emphasis, a missing page) leaves the year a citation's.
      bool remark = after_year + 1 < toks.size() && toks.size() - after_year <= 6 && toks[after_year].kind == Tok::Punct &&
                    (toks[after_year].punct == ',' || toks[after_year].punct == 0x060C);
      for (std::size_t k = after_year + 1; remark && k < toks.size(); ++k)
        remark = !is_year(toks[k]) && !(toks[k].kind == Tok::Punct && toks[k].punct == ';');
      if (toks.size() == after_year || rest_elsewhere || parse_locator(toks, after_year, content, locator) || remark) {
        std::vector<std::string> authors;
        bool et_al = false;
        std::size_t name_begin = open;
        if (narrative_names(t, open, ctx, authors, et_al, name_begin, year_of(toks[0]))) {
          for (std::size_t yi : years) {
            Citation c;
            c.authors = authors;
            c.et_al = et_al;
            c.kind = CitationKind::AuthorDate;
            c.narrative = true;
            c.year = year_of(toks[yi]);
            if (!toks[yi].suffix.empty()) c.year_suffix = toks[yi].suffix;
            if (!locator.empty() && yi == years.back()) c.locator = locator;
            c.bytes = {name_begin, close + close_len};
            c.raw = std::string(t.substr(name_begin, close + close_len - name_begin));
            for (char& ch : c.raw) if (ch == '\n') ch = ' ';
            scan.citations.push_back(std::move(c));
          }
          taken.push_back({name_begin, close + close_len});
        }
      }
      continue;
    }
    // "(Smith 202)": names, then a number that is almost a year.
    if (toks.size() >= 2 && toks.size() <= 10) {
      for (std::size_t i = 1; i < toks.size(); ++i) {
        if (toks[i].kind != Tok::Number) continue;
        bool almost = (toks[i].ascii.size() == 3 || toks[i].ascii.size() == 5) &&
                      (toks[i].ascii.rfind("19", 0) == 0 || toks[i].ascii.rfind("20", 0) == 0);
        std::string locator;
        if (almost && check_names(toks, i, content).ok &&
            (i + 1 == toks.size() || parse_locator(toks, i + 1, content, locator))) {
          scan.malformed.push_back({{open, close + close_len}, std::string(t.substr(open, close + close_len - open)),
                                    counted("malformed-citation.year-digits", static_cast<long long>(toks[i].ascii.size()),
                                            {std::string(content.substr(toks[i].begin, toks[i].end - toks[i].begin))})});
        }
        break;
      }
    }
  }

  // Calls on_pair(open, close) for each `opener` … `closer` pair in [begin, end) that is not
  // skipped; a pair the callback takes is stepped over.
  // A callback may take more than the pair: it sets `taken_until` past what it took.
  std::size_t taken_until = 0;
  auto scan_pairs = [&](char opener, char closer, auto on_pair) {
    for (std::size_t p = begin; p < end;) {
      const void* hit = std::memchr(t.data() + p, opener, end - p);
      if (!hit) break;
      std::size_t open = static_cast<std::size_t>(static_cast<const char*>(hit) - t.data());
      p = open + 1;
      if (ranges_contain(skip, open)) continue;
      std::size_t close = find_close(t, open, end, opener, closer, doc, raised);
      if (close == std::string_view::npos) continue;
      if (on_pair(open, close)) p = std::max(close + 1, taken_until);
    }
  };

  // Square brackets hold author-date citations in GOST style: "[Иванов, 2019, с. 5]".
  scan_pairs('[', ']', [&](std::size_t open, std::size_t close) {
    auto cites = parse_citation_group(t.substr(open + 1, close - open - 1), &ctx);
    if (cites.empty()) return false;
    add(std::move(cites), open + 1, open, close);
    return true;
  });

  // Parentheses mirrored by right-to-left extraction: ")عبدالحكيم ٢٠٢٠(".
  taken = sorted_ranges(std::move(taken));
  scan_pairs(')', '(', [&](std::size_t open, std::size_t close) {
    if (ranges_contain(taken, open) || ranges_contain(taken, close) || !line_has_rtl(doc, open)) return false;
    auto cites = parse_citation_group(t.substr(open + 1, close - open - 1), &ctx);
    if (cites.empty()) return false;
    add(std::move(cites), open + 1, open, close);
    return true;
  });

  // Numeric citations, when the list is numbered: "[1]", "[1–3]", "[2, 5]", and with
  // locators "[1, с. 45]", "[5, с. 12; 6, с. 88]", "[9, арк. 14–30]" (DSTU, GOST).
  if (ctx.numbered_list) {
    scan_pairs('[', ']', [&](std::size_t open, std::size_t close) {
      if (close - open > 120) return false;
      std::string_view content = t.substr(open + 1, close - open - 1);
      std::vector<std::string> numbers;
      std::optional<std::string> locator;
      if (!parse_numeric(content, numbers, locator)) return false;
      // "[35]–[41]": a range whose ends are both bracketed.
      std::size_t last = close;
      if (numbers.size() == 1 && !locator && is_digit(static_cast<unsigned char>(numbers[0].back()))) {
        std::size_t k = close + 1;
        while (k < end && t[k] == ' ') ++k;
        std::size_t after_dash = k;
        char32_t dash = k < end ? next_code_point(t, after_dash) : 0;
        if (dash == '-' || dash == 0x2013 || dash == 0x2014) {
          k = after_dash;
          while (k < end && t[k] == ' ') ++k;
          if (k < end && t[k] == '[' && !ranges_contain(skip, k)) {
            std::size_t close2 = find_close(t, k, end, '[', ']', doc, raised);
            std::vector<std::string> to;
            std::optional<std::string> loc2;
            if (close2 != std::string_view::npos && close2 - k <= 12 &&
                parse_numeric(t.substr(k + 1, close2 - k - 1), to, loc2) && to.size() == 1 && !loc2 &&
                is_digit(static_cast<unsigned char>(to[0].back()))) {
              const int a = std::stoi(numbers[0]), b = std::stoi(to[0]);
              if (b > a && b - a <= 50) {
                for (int v = a + 1; v <= b; ++v) numbers.push_back(std::to_string(v));
                last = close2;
                taken_until = close2 + 1;
              }
            }
          }
        }
      }
      Citation c;
      c.kind = CitationKind::Numeric;
      c.numbers = std::move(numbers);
      c.locator = locator;
      c.bytes = {open, last + 1};
      c.raw = std::string(t.substr(open, last + 1 - open));
      for (char& ch : c.raw) if (ch == '\n') ch = ' ';
      scan.citations.push_back(std::move(c));
      return true;
    });
  }
  // Raised citation numbers, when the document does not cite in brackets ("[1]").
  if (ctx.numbered_list) {
    std::size_t bracketed = 0;
    for (const Citation& c : scan.citations) bracketed += c.kind == CitationKind::Numeric;
    if (bracketed < 3) {
      std::vector<ByteRange> cited;
      for (const Citation& c : scan.citations) cited.push_back(c.bytes);
      cited = sorted_ranges(std::move(cited));
      for (Citation& c : raised_number_citations(doc, begin, end, ctx, skip, cited, raised))
        scan.citations.push_back(std::move(c));
    }
  }
  // "(לוי ושרון, 2015)", "(فرحان وهادي ٢٠٢٢)": Hebrew and Arabic glue "and" (ו, و) to the
  // next name. Split there when the rest is an author of the list ("وليد" stays whole).
  for (Citation& c : scan.citations) {
    if (c.kind != CitationKind::AuthorDate) continue;
    std::vector<std::string> split;
    for (const std::string& name : c.authors) {
      std::size_t cut = std::string::npos;
      for (std::size_t sp = name.find(' '); sp != std::string::npos; sp = name.find(' ', sp + 1)) {
        std::string_view rest = std::string_view(name).substr(sp + 1);
        for (std::string_view conj : {"\u05D5", "\u0648"}) {
          if (rest.size() > conj.size() && rest.substr(0, conj.size()) == conj &&
              ctx.author_keys.count(name_key(rest.substr(conj.size())))) {
            cut = sp;
            break;
          }
        }
        if (cut != std::string::npos) break;
      }
      if (cut == std::string::npos) {
        split.push_back(name);
      } else {
        split.push_back(name.substr(0, cut));
        std::string_view rest = std::string_view(name).substr(cut + 1);
        split.push_back(std::string(rest.substr(2)));  // both conjunctions are two bytes
      }
    }
    c.authors = std::move(split);
    // "（陈静等，2018）", "（山田ら，2010）": Chinese and Japanese glue "et al." to the name.
    if (c.authors.size() == 1) {
      std::string& name = c.authors.front();
      for (std::string_view mark : kGluedEtAl) {
        if (name.size() <= mark.size() || std::string_view(name).substr(name.size() - mark.size()) != mark) continue;
        const std::string_view rest = std::string_view(name).substr(0, name.size() - mark.size());
        std::size_t k = 0;
        const bool han_name = script_code(next_code_point(rest, k)) == "Hani" && code_point_count(rest) >= 2;
        if (han_name || ctx.author_keys.count(name_key(rest))) {
          name.resize(rest.size());
          c.et_al = true;
        }
        break;
      }
    }
  }

  // "(established 1923)", "(light 2025)": a lower-case word in a cased script is a citation
  // only when it names an author of the reference list (as "light" names "Light, Felix").
  scan.citations.erase(
      std::remove_if(scan.citations.begin(), scan.citations.end(),
                     [&](const Citation& c) {
                       if (c.kind != CitationKind::AuthorDate || c.authors.empty()) return false;
                       std::string_view first = c.authors[0];
                       // "van Anken": a particle before a capitalised name.
                       std::size_t sp = first.find(' ');
                       if (sp != std::string_view::npos && is_name_particle(first.substr(0, sp))) first.remove_prefix(sp + 1);
                       std::size_t q = 0;
                       if (!is_lower_in_cased_script(next_code_point(first, q))) return false;
                       // "laodongqushi.com (2022)": a listed site by its domain.
                       const std::string& a = c.authors[0];
                       if (c.narrative && c.raw.size() > a.size() && c.raw.compare(0, a.size(), a) == 0 &&
                           c.raw[a.size()] == '.' && ctx.organisation_keys.count(name_key(a)))
                         return false;
                       return !ctx.author_keys.count(name_key(c.authors[0]));
                     }),
      scan.citations.end());
  std::sort(scan.citations.begin(), scan.citations.end(),
            [](const Citation& a, const Citation& b) { return a.bytes.begin < b.bytes.begin; });
  return scan;
}

namespace {

// An author-date citation without brackets whose names start at toks[i]: names and their
// separators up to a year (at most eight tokens on), then perhaps a locator. `end_tok` is its
// last token. Token offsets are into `text`, which check_names reads the names from.
std::optional<Citation> bare_author_date(const std::vector<Token>& toks, std::size_t i, std::string_view text,
                                         std::size_t& end_tok) {
  std::size_t y = i + 1;
  while (y < toks.size() && y < i + 8 && !(is_year(toks[y]) || is_no_date(toks[y]))) {
    if (toks[y].kind == Tok::Number) break;
    if (toks[y].kind == Tok::Punct &&
        !(toks[y].punct == ',' || toks[y].punct == 0x060C || toks[y].punct == '&' || toks[y].punct == '.'))
      break;
    ++y;
  }
  if (y >= toks.size() || !(is_year(toks[y]) || is_no_date(toks[y]))) return std::nullopt;
  NameCheck names =
      check_names(std::vector<Token>(toks.begin() + static_cast<long>(i), toks.begin() + static_cast<long>(y)), y - i, text);
  if (!names.ok) return std::nullopt;
  // "2012 წლის": a year-context word after the year, on its line, makes it prose.
  if (y + 1 < toks.size() && toks[y + 1].kind == Tok::Word && tables::is_year_context_key(toks[y + 1].ascii) &&
      text.substr(toks[y].end, toks[y + 1].begin - toks[y].end).find('\n') == std::string_view::npos)
    return std::nullopt;
  end_tok = y;
  std::string locator;
  // ": 45–61", ", 12", ", p. 157", ", с. 12–14": a locator running to the next ';' or '.'.
  std::size_t k = y + 1;
  if (k + 1 < toks.size() && is_separator(toks[k]) && toks[k].punct != '.') {
    std::size_t n = k + 1;
    if (toks[n].kind == Tok::Word && tables::is_locator_prefix_key(toks[n].ascii)) {
      ++n;
      if (n < toks.size() && toks[n].kind == Tok::Punct && toks[n].punct == '.') ++n;
    }
    if (n < toks.size() && toks[n].kind == Tok::Number) {
      std::size_t last = n;
      while (last + 2 < toks.size() && is_dash(toks[last + 1]) && toks[last + 2].kind == Tok::Number) last += 2;
      locator = fold_digits(text.substr(toks[n].begin, toks[last].end - toks[n].begin));
      end_tok = last;
    }
  }
  Citation c = author_date(names, toks[y], locator);
  c.raw = std::string(text.substr(toks[i].begin, toks[end_tok].end - toks[i].begin));
  for (char& ch : c.raw) if (ch == '\n') ch = ' ';
  return c;
}

}  // namespace

std::vector<Citation> find_note_citations(const Document& doc, const std::vector<ByteRange>& bodies,
                                          const CitationContext& ctx, const std::vector<ByteRange>& taken) {
  std::vector<Citation> out;
  if (ctx.author_keys.empty()) return out;
  std::string_view t(doc.text);
  for (const ByteRange& body : bodies) {
    if (body.end <= body.begin || body.end - body.begin > 20000) continue;
    std::string_view text = t.substr(body.begin, body.end - body.begin);
    auto toks = tokenize(text, 2000);
    for (std::size_t i = 0; i < toks.size(); ++i) {
      if (toks[i].kind != Tok::Word) continue;
      // A listed author; or, after "see" (იხ., см., انظر), a capitalised name of a cased
      // script ("იხ. Markedonov 2019") — a work that may be missing from the list.
      bool listed = ctx.author_keys.count(toks[i].ascii) > 0;
      if (!listed) {
        std::size_t p = i;
        while (p > 0 && toks[p - 1].kind == Tok::Punct && (toks[p - 1].punct == '.' || toks[p - 1].punct == ':')) --p;
        bool after_see = p > 0 && toks[p - 1].kind == Tok::Word && tables::is_citation_prefix_key(toks[p - 1].ascii);
        std::size_t q = toks[i].begin;
        char32_t first = next_code_point(text, q);
        if (!(after_see && is_upper(first) && first < 0x590)) continue;
      }
      std::size_t end_tok = 0;
      std::optional<Citation> c = bare_author_date(toks, i, text, end_tok);
      if (!c) continue;
      c->bytes = {body.begin + toks[i].begin, body.begin + toks[end_tok].end};
      if (ranges_contain(taken, c->bytes.begin)) continue;
      out.push_back(std::move(*c));
      i = end_tok;
    }
  }
  return out;
}

std::vector<Citation> find_bare_citations(const Document& doc, const CitationContext& ctx,
                                          const std::vector<ByteRange>& skip, const std::vector<ByteRange>& taken) {
  std::vector<Citation> out;
  if (ctx.first_author_years.empty()) return out;
  std::string_view t(doc.text);
  constexpr std::size_t kReach = 160;  // names before the year: "Freunberger, Klimesch, Doppelmayr & Höller, 2007"
  std::size_t done_to = 0;             // a citation found ends here: no year before it is looked at again
  std::set<std::string, std::less<>> years;  // of the entries: other years are not tokenized around
  for (const std::string& k : ctx.first_author_years) years.insert(k.substr(k.rfind('|') + 1));
  for (std::size_t i = 0; i + 4 <= t.size();) {
    // A run of four ASCII digits standing alone (a year of a Latin-digit text; other digit
    // systems are read by the note and bracket scans).
    if (!(t[i] >= '0' && t[i] <= '9')) { ++i; continue; }
    std::size_t e = i;
    while (e < t.size() && t[e] >= '0' && t[e] <= '9') ++e;
    const std::size_t year_begin = i;
    i = e;
    if (e - year_begin != 4 || year_begin < done_to || (year_begin > 0 && is_word_char(static_cast<unsigned char>(t[year_begin - 1]))))
      continue;
    if (!years.count(t.substr(year_begin, 4)) || ranges_contain(skip, year_begin) || ranges_contain(taken, year_begin))
      continue;
    // The window: back to the line before, at most kReach bytes; on past the year for a locator.
    std::size_t from = year_begin > kReach ? year_begin - kReach : 0;
    while (from > 0 && (static_cast<unsigned char>(t[from]) & 0xC0) == 0x80) --from;
    // A paragraph break within the window ends it (searched in the window only: linear time).
    if (std::size_t para = t.substr(from, year_begin - from).rfind("\n\n"); para != std::string_view::npos)
      from += para + 2;
    std::size_t to = std::min(t.size(), e + 40);
    while (to < t.size() && (static_cast<unsigned char>(t[to]) & 0xC0) == 0x80) ++to;
    std::string_view text = t.substr(from, to - from);
    auto toks = tokenize(text, 400);
    std::size_t y = 0;
    while (y < toks.size() && toks[y].begin < year_begin - from) ++y;
    if (y >= toks.size() || toks[y].begin != year_begin - from || !is_year(toks[y])) continue;
    // The names start at a listed author at most eight tokens before the year; the furthest
    // that reads as names is the first author.
    for (std::size_t a = y > 8 ? y - 8 : 0; a < y; ++a) {
      if (toks[a].kind != Tok::Word || !ctx.author_keys.count(toks[a].ascii)) continue;
      if (from + toks[a].begin < done_to || ranges_contain(skip, from + toks[a].begin) ||
          ranges_contain(taken, from + toks[a].begin))
        continue;
      std::size_t end_tok = 0;
      std::optional<Citation> c = bare_author_date(toks, a, text, end_tok);
      if (!c || end_tok < y || c->authors.empty() || !c->year) continue;
      if (!ctx.first_author_years.count(name_key(c->authors.front()) + "|" + *c->year)) continue;
      c->bytes = {from + toks[a].begin, from + toks[end_tok].end};
      c->narrative = true;
      done_to = c->bytes.end;
      i = std::max(i, done_to);
      out.push_back(std::move(*c));
      break;
    }
  }
  return out;
}

}  // namespace citecheck
