#include "parsers/reference_fields.hpp"

#include "parsers/dates.hpp"
#include "parsers/learned/field_tagger.hpp"
#include "parsers/numbered_documents.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <set>
#include <string>

#include "parsers/scripts/tables.hpp"
#include "parsers/unicode_text.hpp"

namespace citecheck {

namespace {

struct Region { std::size_t begin, end; };  // content of a quoted or starred title

// Splits a string into words at white space.
std::vector<std::string_view> words_of(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size()) {
      std::size_t k = i;
      if (!is_space(next_code_point(s, k))) break;
      i = k;
    }
    std::size_t start = i;
    while (i < s.size()) {
      std::size_t k = i;
      if (is_space(next_code_point(s, k))) break;
      i = k;
    }
    if (i > start) out.push_back(s.substr(start, i - start));
  }
  return out;
}

// Strips punctuation (of any script) from both ends of a segment.
std::string_view strip_punct(std::string_view s) {
  s = trim(s);
  auto punct = [](char32_t cp) {
    return !is_word_char(cp) && !is_digit(cp) && cp != '&';
  };
  while (!s.empty()) {
    std::size_t k = 0;
    char32_t cp = next_code_point(s, k);
    if (!punct(cp) && !is_space(cp)) break;
    s.remove_prefix(k);
  }
  while (!s.empty()) {
    std::size_t k = s.size();
    char32_t cp = previous_code_point(s, k);
    // Keep the full stop of an initial ("J.") — a name ends "Smith, J."
    if (cp == '.' && k >= 1) {
      std::size_t j = k;
      char32_t before = previous_code_point(s, j);
      std::size_t jj = j;
      char32_t before2 = j > 0 ? previous_code_point(s, jj) : ' ';
      if (is_upper(before) && (is_space(before2) || before2 == '.' || before2 == ',' || j == 0)) break;
    }
    if (!punct(cp) && !is_space(cp)) break;
    s.remove_suffix(s.size() - k);
  }
  return s;
}

bool is_connector(std::string_view word) {
  // "И." is an initial, not the Russian "и"; so are "E;" and "Y," ("van Anken, E; Braakman,
  // I", "Guédon, Y; Refahi, Y") and a capital alone ("Иванов, И"): a connector is followed by
  // a name, not by punctuation, and is not a capital letter.
  if (word.find('.') != std::string_view::npos) return false;
  if (!word.empty()) {
    std::size_t e = word.size();
    char32_t last = previous_code_point(word, e);
    if (last == ',' || last == ';' || last == 0x060C || last == 0x061B) return false;
    std::size_t q = 0;
    char32_t first = next_code_point(word, q);
    if (q == word.size() && is_upper(first)) return false;
  }
  std::string k = name_key(word);
  return tables::is_connector_key(k.empty() ? word : std::string_view(k));
}

bool is_particle(std::string_view word) { return is_name_particle(word); }

// "P.", "J.-P.", "PK" (Vancouver initials); in scripts without case one letter with a full
// stop or a geresh: "ד'", "א׳", "م.", "გ." (Mkhedruli is lower case to Unicode, but has no capitals).
bool is_initials(std::string_view w) {
  {
    std::size_t q = 0;
    char32_t first = w.empty() ? 0 : next_code_point(w, q);
    if (first && is_letter(first) && !is_upper(first) && !is_lower_in_cased_script(first) && q < w.size()) {
      char32_t mark = next_code_point(w, q);
      if (q == w.size() && (mark == '.' || mark == '\'' || mark == 0x05F3 || mark == 0x2019)) return true;
    }
    // A lone Georgian letter is a given name's initial whose full stop was taken off with the
    // punctuation around a name ("მამულია გ., ბერიძე ნ."): Georgian has no one-letter words
    // in a list of authors, unlike Arabic or Hebrew ("و", "ו": and).
    if (q == w.size() && first >= 0x10D0 && first <= 0x10FF) return true;
  }
  std::size_t letters = 0;
  bool all_upper = true;
  for (std::size_t i = 0; i < w.size();) {
    char32_t cp = next_code_point(w, i);
    if (is_letter(cp)) { ++letters; if (!is_upper(cp)) all_upper = false; }
    else if (cp != '.' && cp != '-') return false;
  }
  return letters >= 1 && letters <= 3 && all_upper && (letters <= 2 || w.find('.') != std::string_view::npos);
}

bool name_word(std::string_view w, bool allow_lower) {
  bool any_letter = false;
  bool first = true;
  for (std::size_t i = 0; i < w.size();) {
    char32_t cp = next_code_point(w, i);
    if (is_digit(cp)) return false;
    if (is_word_char(cp)) {
      if (first && is_lower_in_cased_script(cp) && !allow_lower && !is_particle(w)) return false;
      any_letter = true;
      first = false;
    } else if (cp != '.' && cp != '-' && cp != '\'' && cp != 0x2019 && cp != 0x0640) {
      return false;
    }
  }
  return any_letter;
}

// A family or given name part: 1-4 name words.
bool name_part(std::string_view s, bool allow_one_lower) {
  auto ws = words_of(s);
  if (ws.empty() || ws.size() > 4) return false;
  int lower = 0;
  for (auto w : ws) {
    if (!name_word(w, true)) return false;
    std::size_t k = 0;
    if (is_lower_in_cased_script(next_code_point(w, k)) && !is_particle(w)) ++lower;
  }
  return lower == 0 || (allow_one_lower && lower == 1 && ws.size() <= 3);
}

// "والخطيب": Arabic glues "and" (و) to the next word, and a family name with the article
// (ال) after it is "and al-Khatib". Some names open with و ("وليد", "وائل") and one with "وال"
// ("والي"), so only و, ال and three letters more are taken for the connector and a name.
std::size_t glued_arabic_and(std::string_view w) {
  constexpr std::string_view kWaAl = "\u0648\u0627\u0644";
  if (w.size() <= kWaAl.size() || w.substr(0, kWaAl.size()) != kWaAl) return 0;
  std::size_t letters = 0;
  for (std::size_t i = kWaAl.size(); i < w.size() && is_letter(next_code_point(w, i));) ++letters;
  return letters >= 3 ? 2 : 0;  // the connector's two bytes
}

std::vector<std::string_view> split_any(std::string_view s, bool on_commas) {
  // Splits at connectors ("and", "&", "و", "და", "и", ";") and, when asked, at commas.
  std::vector<std::string_view> parts;
  std::size_t start = 0, i = 0;
  while (i < s.size()) {
    std::size_t k = i;
    char32_t cp = next_code_point(s, k);
    if (cp == ';' || cp == 0x061B || (on_commas && (cp == ',' || cp == 0x060C || cp == 0xFF0C || cp == 0x3001))) {
      parts.push_back(s.substr(start, i - start));
      start = i = k;
      continue;
    }
    if (is_space(cp)) {
      // A connector word between spaces.
      std::size_t w = k;
      while (w < s.size() && s[w] == ' ') ++w;
      std::size_t e = w;
      while (e < s.size()) {
        std::size_t kk = e;
        if (is_space(next_code_point(s, kk))) break;
        e = kk;
      }
      std::string_view word = s.substr(w, e - w);
      if (!word.empty() && e < s.size() && is_connector(strip_punct(word).empty() ? word : word)) {
        parts.push_back(s.substr(start, i - start));
        start = i = e;
        continue;
      }
      if (const std::size_t wa = glued_arabic_and(word); wa && e < s.size()) {
        parts.push_back(s.substr(start, i - start));
        start = w + wa;
        i = e;
        continue;
      }
      // Hebrew glues "and" (ו) to the next name: "לוי, ד' ושרון, ר'". After an initial it
      // can only be the conjunction.
      if (word.size() > 4 && word.substr(0, 2) == "\u05D5") {
        std::size_t pb = i;
        while (pb > start && s[pb - 1] == ' ') --pb;
        std::size_t pw = pb;
        while (pw > start && s[pw - 1] != ' ') --pw;
        if (is_initials(s.substr(pw, pb - pw))) {
          parts.push_back(s.substr(start, i - start));
          start = w + 2;
          i = e;
          continue;
        }
      }
    }
    i = k;
  }
  parts.push_back(s.substr(start));
  std::vector<std::string_view> out;
  for (auto p : parts) {
    p = strip_punct(p);
    p.remove_prefix(glued_arabic_and(p));  // "…، والخطيب، محمد": a name after a comma and "and"
    if (!p.empty()) out.push_back(p);
  }
  return out;
}

Person given_first(std::string_view chunk) {
  auto ws = words_of(chunk);
  Person p;
  // "Smith JK" (Vancouver), "Иванов И. И." (GOST): initials last.
  std::size_t n = ws.size();
  while (n > 1 && is_initials(ws[n - 1])) --n;
  if (n < ws.size()) {
    p.family = std::string(chunk.substr(0, ws[n - 1].data() + ws[n - 1].size() - chunk.data()));
    p.given = std::string(trim(chunk.substr(ws[n].data() - chunk.data())));
    return p;
  }
  p.family = std::string(ws.back());
  p.given = std::string(trim(chunk.substr(0, ws.back().data() - chunk.data())));
  return p;
}

// "Adams, PD; Afonine, PV; …; Zwart, PH", "Travers KJ, Patil CK, …, Walter P", "BALDISSERA,
// M.D., SOUZA, C.F., … and MONTEIRO, S.G.": a long list of names and initials, which runs to
// more words than an author segment usually has. Each piece between separators is a name of
// at most four words or initials, and there are at least three pieces.
bool reads_as_name_list(std::string_view segment) {
  if (segment.size() > 20000) return false;
  std::string_view s = strip_punct(segment);
  auto ws = words_of(s);
  // A closing "et al." is no name.
  if (!ws.empty()) {
    std::string last = name_key(ws.back());
    std::string two = ws.size() >= 2 ? name_key(ws[ws.size() - 2]) + last : "";
    std::string_view cut;
    if (tables::is_et_al_key(two)) cut = ws[ws.size() - 2];
    else if (ws.size() >= 2 && tables::is_et_al_key(last) && last.size() > 1) cut = ws.back();
    if (!cut.empty()) s = strip_punct(s.substr(0, static_cast<std::size_t>(cut.data() - s.data())));
  }
  auto parts = split_any(s, true);
  if (parts.size() < 3) return false;
  for (auto p : parts)
    if (!(is_initials(p) || name_part(p, true))) return false;
  return true;
}

}  // namespace

std::vector<Person> parse_authors(std::string_view segment) {
  std::vector<Person> people;
  segment = strip_punct(segment);
  // "Janovsky, Jakub, et al.", "Петров С. Н. и др.": the list ends at its "et al." (one word
  // or two), which is no author.
  {
    auto ws = words_of(segment);
    for (std::size_t k = 0; k < ws.size(); ++k) {
      std::string key = name_key(ws[k]);
      std::string two = k + 1 < ws.size() ? key + name_key(ws[k + 1]) : "";
      if ((k > 0 && tables::is_et_al_marker(ws[k], key) && key.size() > 1) ||
          (!two.empty() && tables::is_et_al_marker(ws[k], two))) {
        segment = strip_punct(segment.substr(0, static_cast<std::size_t>(ws[k].data() - segment.data())));
        break;
      }
    }
  }
  if (segment.empty()) return people;
  bool has_comma = segment.find(',') != std::string_view::npos ||
                   segment.find("\u060C") != std::string_view::npos ||
                   segment.find("\uFF0C") != std::string_view::npos || segment.find("\u3001") != std::string_view::npos;
  auto chunks = split_any(segment, false);
  if (!has_comma) {
    // Without a comma, a name is either an organisation ("Crisis Group", "BBC NEWS TURKCE",
    // "Türkiye İstatistik Kurumu") or a person written given-first ("Arsène Saparov").
    // "C. P. ANDRIEUX et J. M. SAVEANT": initials before each family name in capitals are
    // people, which capitals alone ("BBC NEWS") are not.
    const bool initials_first = !chunks.empty() && std::all_of(chunks.begin(), chunks.end(), [](auto c) {
      auto ws = words_of(c);
      if (ws.size() < 2 || !name_word(ws.back(), false) || code_point_count(ws.back()) < 2) return false;
      for (std::size_t k = 0; k + 1 < ws.size(); ++k)
        if (!is_initials(ws[k]) || ws[k].find('.') == std::string_view::npos) return false;
      return true;
    });
    bool organisation = false;
    for (auto w : words_of(segment)) {
      if (tables::is_organisation_word_key(name_key(w))) organisation = true;
      if (initials_first) continue;
      std::size_t letters = 0, upper = 0;
      for (std::size_t q = 0; q < w.size();) {
        char32_t cp = next_code_point(w, q);
        if (is_letter(cp)) { ++letters; if (is_upper(cp)) ++upper; }
      }
      if (letters >= 2 && upper == letters) organisation = true;  // an acronym or all capitals
    }
    bool all_short = chunks.size() >= 2 && std::all_of(chunks.begin(), chunks.end(), [](auto c) {
      return name_part(c, false) && words_of(c).size() <= 3;
    });
    bool person_like = words_of(segment).size() <= 3 && name_part(segment, true);
    if (organisation || (!all_short && !person_like)) {
      Person org;
      org.family = std::string(segment);
      org.organisation = true;
      people.push_back(org);
      return people;
    }
    for (auto c : chunks) people.push_back(given_first(c));
    return people;
  }
  for (std::size_t ci = 0; ci < chunks.size(); ++ci) {
    auto parts = split_any(chunks[ci], true);
    if (parts.empty()) continue;
    std::size_t k = 0;
    bool stop = false;
    while (k < parts.size()) {
      std::string_view fam = parts[k];
      if (fam.empty()) { ++k; continue; }
      if (tables::is_et_al_key(name_key(fam))) { stop = true; break; }
      auto fam_words = words_of(fam);
      // Chinese, Japanese and Korean names are written whole, without a comma inside: "李华，陈刚",
      // "이영희, 박민수".
      const std::string fam_script = script_code([&] { std::size_t q = 0; return next_code_point(fam, q); }());
      if (fam_words.size() == 1 && (fam_script == "Hani" || fam_script == "Hang" || fam_script == "Hira" || fam_script == "Kana")) {
        people.push_back({std::string(fam), "", false});
        ++k;
        continue;
      }
      if (fam_words.size() >= 2 && fam_words.size() <= 4 && is_initials(fam_words.front()) &&
          !is_particle(fam_words.front()) && !is_initials(fam_words.back()) && name_part(fam, true)) {
        people.push_back(given_first(fam));  // "J. Lin", "W.-M. Chen" (IEEE)
        ++k;
        continue;
      }
      if (fam_words.size() >= 2 && is_initials(fam_words.back()) && !is_initials(fam_words.front()) &&
          name_part(fam, true)) {
        people.push_back(given_first(fam));  // "Иванов И. И.", "Acemoglu D."
        ++k;
        continue;
      }
      if (k + 1 < parts.size() && name_part(fam, true) && name_part(parts[k + 1], false) &&
          !(words_of(fam).size() >= 2 && words_of(parts[k + 1]).size() >= 2 && people.size() > 0)) {
        people.push_back({std::string(fam), std::string(parts[k + 1]), false});
        k += 2;
        continue;
      }
      if (name_part(fam, true) && words_of(fam).size() <= 3) {
        if (words_of(fam).size() == 1) people.push_back({std::string(fam), "", false});
        else people.push_back(given_first(fam));
        ++k;
        // A name followed by something that is no name ends the author list.
        if (k < parts.size()) stop = true;
        break;
      }
      stop = true;
      break;
    }
    if (stop) break;
  }
  if (people.empty()) {
    Person org;
    org.family = std::string(segment);
    org.organisation = true;
    people.push_back(org);
  }
  return people;
}


namespace {

const RE2& no_date_pattern() {
  // Persian writes "بی‌تا" with a zero-width non-joiner, or a space, or neither. The Russian
  // "б. г." and "б. д." only in lower case: "Б. Д." are a name's initials.
  static const RE2 re(
      R"((?i)(?:^|[\s(,.])(n\.\s?d|s\.\s?d|(?-i:б\.\s?[гд])|د\s?\.\s?ت|b\.\s?g|بی[\s\x{200C}]?تا|بدون تاريخ)\.?(?:$|[\s),.:]))");
  return re;
}
// "in press" and its kin (tables::in_press_markers) where the year would stand.
const RE2& in_press_pattern() {
  static const RE2 re = [] {
    std::string alternatives;
    for (std::string_view marker : tables::in_press_markers()) {
      if (!alternatives.empty()) alternatives += '|';
      // Word by word, so "in press" is also read as "in  press" or across a line break.
      std::size_t from = 0;
      while (from <= marker.size()) {
        std::size_t space = marker.find(' ', from);
        if (from > 0) alternatives += "\\s+";
        alternatives += RE2::QuoteMeta(std::string(marker.substr(from, space == std::string_view::npos ? space : space - from)));
        if (space == std::string_view::npos) break;
        from = space + 1;
      }
    }
    return RE2("(?i)(?:^|[\\s(,.;])(" + alternatives + ")(?:$|[\\s),.:;])");
  }();
  return re;
}
// The words for pages, volume and issue are knowledge, language by language: what the citation
// styles print in English, Russian, Greek, Arabic, Persian, Georgian, Armenian, Hebrew, German,
// French, Portuguese and Polish ("pp. 45–67", "т. 12, вып. 3, сс. 45–67", "τ. 12, τχ. 3",
// "مج ١٢، ع ٣، ص ٤٥–٦٧", "ტ. 12, № 3, გვ. 45–67"). A word stands alone: the boundary before it is
// any character but a letter or digit (RE2's \b knows only ASCII words). The one-letter Arabic
// words (م, ع) are taken only after a separator, so that "١٩٩٩ م" (the era) stays a year's. A
// one-letter word ("т. 12", ABNT's "v. 12, n. 3", "ج ٣") counts only before at most four digits
// that are not a year: an initial before a year ("Kitayama, T. 1999") is no volume.
// Between a word and its number, any space: Word and the citation processors put a no-break
// space there (CSL's "Vol.\u00A081, no.\u00A022, p.\u00A045"), which RE2's \s does not match.
std::string any_space(std::string pattern) {
  static constexpr std::string_view kAscii = R"(\s*)";
  static constexpr std::string_view kAny = R"([\s\x{00A0}\x{2007}\x{2009}\x{202F}]*)";
  for (std::size_t at = pattern.find(kAscii); at != std::string::npos; at = pattern.find(kAscii, at + kAny.size()))
    pattern.replace(at, kAscii.size(), kAny);
  return pattern;
}
// The words for pages, for a range and for one page alike.
constexpr const char* kPageWords = R"(pp?\.|ss?\.|сс?\.|стр\.|σσ?\.|صص|ص\s*ص|ص|გვ\.|էջ|עמ'|עמודים)";
const RE2& pages_pattern() {
  static const RE2 re(any_space(std::string(R"((?i)(?:(?:^|[^\pL\pN'])(?:)") + kPageWords +
                                R"()|:)\s*([0-9]{1,6}\s*[-–—]\s*[0-9]{1,6}))"));
  return re;
}
const RE2& single_page_pattern() {
  static const RE2 re(any_space(std::string(R"((?i)(?:^|[^\pL\pN'])()") + kPageWords +
                                R"()\s*([0-9]{1,6})(?:[^0-9\-–—]|$))"));
  return re;
}
const RE2& bare_pages_pattern() {
  static const RE2 re(any_space(R"((?:^|[\s(,])([0-9]{1,5}\s*[-–—]\s*[0-9]{1,5})(?:$|[\s).,]))"));
  return re;
}
const RE2& volume_pattern() {
  static const RE2 re(any_space(
      R"((?i)(?:^|[^\pL\pN'])(?:vols?\.?|volume|bd\.|jg\.|том|τόμ\.|τόμος|مجلد|المجلد|مج\.?|جلد|ტომი|հատոր|כרך)\s*([0-9]+))"
      R"(|(?:(?:^|[^\pL\pN'])(?:[tvтτტհ]\.|ج\.?)|(?:^|[,،؛;(.])\s*م\.?)\s*([0-9]{1,4})(?:[^0-9]|$))"));
  return re;
}
const RE2& issue_pattern() {
  static const RE2 re(any_space(
      R"((?i)(?:(?:^|[^\pL\pN'])(?:no\.?|nr\.?|n°|issue|iss\.|heft|вып\.|выпуск|τχ\.|τεύχ\.|τεύχος|عدد\.?|العدد|شماره|ნომერი|გამოშ\.|թիվ|גל'|גיליון)|№)\s*([0-9]+(?:\s*[-–/]\s*[0-9]+)?))"
      R"(|(?:(?:^|[^\pL\pN'])(?:n\.|ش\.?)|(?:^|[,،؛;(.])\s*ع\.?)\s*([0-9]{1,3})(?:[^0-9]|$))"));
  return re;
}
const RE2& numeric_date() {  // 8. 04.2022 / 08/04/2022
  static const RE2 re(R"(\b([0-9]{1,2})\s*[./]\s*([0-9]{1,2})\s*[./]\s*([0-9]{4})\b)");
  return re;
}
const RE2& iso_date() {
  static const RE2 re(R"(\b([0-9]{4})[-/.]([0-9]{1,2})[-/.]([0-9]{1,2})\b)");
  return re;
}
const RE2& worded_date() {  // "8 April 2022", "April 8, 2022", German "3. März 2022"
  static const RE2 re(R"(([0-9]{1,2})?\.?\s*([\pL]+)\.?\s*([0-9]{1,2})?,?\s+([0-9]{4}))");
  return re;
}

struct YearToken {
  std::size_t begin, end;
  std::string year, suffix;
  bool in_range = false;
};

std::vector<YearToken> year_tokens(std::string_view flat) {
  std::vector<YearToken> out;
  std::size_t i = 0;
  char32_t prev = 0;
  while (i < flat.size()) {
    std::size_t start = i;
    char32_t cp = next_code_point(flat, i);
    if (!is_digit(cp) || is_digit(prev) || is_letter(prev)) { prev = cp; continue; }
    std::string digits;
    digits.push_back(static_cast<char>('0' + digit_value(cp)));
    std::size_t k = i;
    char32_t next = 0;
    while (k < flat.size()) {
      std::size_t kk = k;
      next = next_code_point(flat, kk);
      if (!is_digit(next)) break;
      digits.push_back(static_cast<char>('0' + digit_value(next)));
      k = kk;
      next = 0;
    }
    i = k;
    prev = '0';
    if (digits.size() != 4) continue;
    int v = std::stoi(digits);
    if (v < tables::kEarliestYear || v > tables::kLatestYear) continue;
    // One end of a number range ("pp. 1450–1470", "1993–2003") is a weaker year: the
    // entry's year is looked for outside ranges first.
    auto dash_digit_after = [&](std::size_t q) {
      if (q < flat.size() && flat[q] == '-') return q + 1 < flat.size() && flat[q + 1] >= '0' && flat[q + 1] <= '9';
      if (flat.substr(q, 3) == "\u2013") return q + 3 < flat.size() && is_digit(static_cast<unsigned char>(flat[q + 3]));
      return false;
    };
    bool in_range = dash_digit_after(k);
    if (!in_range && start > 0) {
      std::size_t q = start;
      char32_t d = previous_code_point(flat, q);
      if ((d == '-' || d == 0x2013) && q > 0) in_range = is_digit(previous_code_point(flat, q));
    }
    // "arXiv:2003.04821", "1801.06601", "2020.5": an identifier or a decimal, not a year.
    if (k + 1 < flat.size() && flat[k] == '.' && flat[k + 1] >= '0' && flat[k + 1] <= '9') continue;
    if (start >= 1 && flat[start - 1] == ':' && start >= 6) {
      std::string lead = fold_case(flat.substr(start - 6, 5));
      if (lead == "arxiv") continue;
    }
    YearToken t{start, k, digits, "", in_range};
    // "2020a" — one lower-case letter glued to the year, then no more letters.
    if (next && next >= 'a' && next <= 'z') {
      std::size_t kk = k + 1;
      char32_t after = kk < flat.size() ? next_code_point(flat, kk) : 0;
      if (!is_letter(after)) { t.suffix = std::string(1, static_cast<char>(next)); t.end = k + 1; i = t.end; }
      else continue;
    }
    out.push_back(t);
  }
  return out;
}

// The mark that closes a title opened by a double or angle quotation mark (“…”, „…“, «…»,
// "…"), or 0 for any other character.
char32_t double_quote_closer(char32_t open) {
  switch (open) {
    case 0x201C: return 0x201D;
    case 0x201E: return 0x201C;
    case 0x00AB: return 0x00BB;
    case '"': return '"';
    default: return 0;
  }
}

std::vector<Region> title_regions(std::string_view flat) {
  std::vector<Region> out;
  std::size_t i = 0;
  std::size_t open_at = std::string_view::npos;
  char32_t closer = 0;
  while (i < flat.size()) {
    std::size_t start = i;
    char32_t cp = next_code_point(flat, i);
    if (open_at != std::string_view::npos) {
      if (cp == closer || (closer == 0x201D && cp == 0x201C && start > open_at + 1)) {
        out.push_back({open_at, start});
        open_at = std::string_view::npos;
      }
      continue;
    }
    closer = cp == '*' ? '*' : cp == 0x2018 ? 0x2019 : double_quote_closer(cp);
    if (!closer) continue;
    if (cp == 0x2018) {  // ‘ is also an apostrophe; only a title when it opens a word run
      if (start > 0 && !is_space(flat[start - 1]) && flat[start - 1] != '(') continue;
    }
    open_at = i;
  }
  return out;
}

bool in_regions(const std::vector<Region>& rs, std::size_t offset) {
  for (auto& r : rs)
    if (offset >= r.begin && offset < r.end) return true;
  return false;
}

std::optional<std::string> parse_date(std::string_view s) {
  // Each form is checked against the calendar: 2021-02-31 is no day (its year and month are
  // kept), and a numeric date that cannot be day-first (12/25/2021) is read month-first.
  // Numeric dates with a Solar Hijri or Hijri year (۱۴۰۰/۰۲/۲۲) are converted to Gregorian.
  std::string f = fold_digits(s);
  int a, b, c;
  if (RE2::PartialMatch(f, iso_date(), &a, &b, &c) && b >= 1 && b <= 12 && c >= 1 && c <= 31)
    return access_date_iso(a, b, c);
  if (RE2::PartialMatch(f, numeric_date(), &a, &b, &c)) {
    if (b >= 1 && b <= 12 && (is_calendar_date(c, b, a) || a > 12 || a < 1)) return access_date_iso(c, b, a);
    if (a >= 1 && a <= 12 && is_calendar_date(c, a, b)) return access_date_iso(c, a, b);
  }
  re2::StringPiece input(f);
  std::string d1, month, d2;
  int year;
  while (RE2::FindAndConsume(&input, worded_date(), &d1, &month, &d2, &year)) {
    int m = tables::month_number(name_key(month));
    if (!m) continue;
    int day = !d1.empty() ? std::stoi(d1) : !d2.empty() ? std::stoi(d2) : 0;
    return checked_iso_date(year, m, day);
  }
  return std::nullopt;
}

// Where a ". " ends the author segment. Not after an initial ("P.") that more of the name
// follows; but "Иванов И. И. Региональные рынки…" (GOST) and "Acemoglu D., Robinson J. A.
// Why Nations Fail" end after their last initial, where a capitalised title word begins.
std::size_t author_stop(std::string_view flat, std::size_t limit) {
  auto word_at = [&](std::size_t from, std::size_t& end) {
    std::size_t b = from;
    while (b < flat.size() && flat[b] == ' ') ++b;
    end = b;
    while (end < flat.size() && flat[end] != ' ') ++end;
    return flat.substr(b, end - b);
  };
  for (std::size_t i = 0; i + 1 < limit; ++i) {
    if (flat[i] != '.' || flat[i + 1] != ' ') continue;
    std::size_t k = i;
    std::size_t letters = 0;
    bool upper = false;
    while (k > 0) {
      std::size_t j = k;
      char32_t cp = previous_code_point(flat, j);
      if (!is_word_char(cp)) break;
      upper = is_upper(cp);
      ++letters;
      k = j;
    }
    if (letters == 0) {
      // "الأمن الإقليمي في الخليج . بغداد": a full stop set off by spaces ends a sentence
      // too, after a word (not after another mark or a year).
      if (i >= 2 && flat[i - 1] == ' ') {
        std::size_t q = i - 1;
        while (q > 0 && flat[q - 1] == ' ') --q;
        std::size_t qq = q;
        if (q > 0 && is_word_char(previous_code_point(flat, qq))) return i;
      }
      continue;
    }
    if (letters == 1 && upper) {
      std::size_t end1, end2;
      std::string_view next = word_at(i + 1, end1);
      // "Rodrigues, R. S.; Fachin, G. R. B.": an initial before a separator goes on the list.
      std::string_view bare = next;
      while (!bare.empty() && (bare.back() == ';' || bare.back() == ',')) bare.remove_suffix(1);
      if (next.empty() || is_initials(bare)) continue;
      std::size_t q = 0;
      char32_t first = next_code_point(next, q);
      std::string_view after = word_at(end1, end2);
      std::string after_key = name_key(after);
      // "C. Banbury et al.", "K. Osei and R. Lindqvist": the name goes on; "Иванов И. И.
      // Кавказ и Россия": a title does ("и" is followed by no initial).
      std::size_t end3;
      bool name_continues = is_initials(after) || tables::is_et_al_key(after_key) || after_key == "et" ||
                            (is_connector(after) && is_initials(word_at(end2, end3)));
      // "…, and T. J. Sargent. 2005", "…, և Ա. Կլիմյկ.": initials after a connector open a name
      // written given-first, whose family name comes next ("Иванов И. И. Кавказ…" has its
      // initials after the family name, and a title follows them).
      if (!name_continues) {
        std::size_t b = k;
        for (;;) {
          while (b > 0 && flat[b - 1] == ' ') --b;
          std::size_t e = b;
          while (b > 0 && flat[b - 1] != ' ') --b;
          std::string_view before = flat.substr(b, e - b);
          if (before.empty()) break;
          if (is_initials(before)) continue;
          name_continues = is_connector(before);
          break;
        }
      }
      bool title_word = is_upper(first) && next.back() != ',' && !name_continues;
      if (title_word && i + 1 < limit) return i + 1;  // keep the initial's full stop
      continue;
    }
    return i;
  }
  return limit;
}

}  // namespace

bool is_name_particle(std::string_view word) {
  static const std::set<std::string, std::less<>> particles = {
      "van", "von", "de", "da", "del", "della", "di", "du", "le", "la", "al", "el", "bin", "ibn",
      "abu", "ben", "ter", "den", "der", "dos", "das", "des", "y", "al-", "el-", "bint", "op",
      "las", "los", "do", "zu", "vom", "dei", "degli", "dello"};
  return word.size() <= 6 && particles.count(fold_case(word)) > 0;
}

Work parse_work(std::string_view text) { return parse_work(text, find_identifiers(text)); }

Work parse_work(std::string_view text, const std::vector<FoundIdentifier>& ids) {
  return parse_work(text, ids, &default_field_tagger());
}

namespace {
// How sure the rules are of what they read.
struct RulesReading {
  // The entry reads as names followed by the year (author-date), where the rules' knowledge of
  // name order is surest.
  bool names_then_year = false;
  // The pages stand after a word for pages ("pp.", "გვ.", "էջ", "ص") or a volume's colon
  // ("12:45–67"): knowledge, like the words for volume and issue.
  bool pages_named = false;
};
Work rules_fields(std::string_view text, const std::vector<FoundIdentifier>& ids, RulesReading& reading);
}  // namespace

Work parse_work_rules(std::string_view text, const std::vector<FoundIdentifier>& ids) {
  RulesReading reading;
  return rules_fields(text, ids, reading);
}

namespace {
Work rules_fields(std::string_view text, const std::vector<FoundIdentifier>& ids, RulesReading& reading) {
  Work w;
  // Links out of the way of the field rules: masked with spaces, offsets kept.
  std::string flat(text);
  for (const auto& id : ids) {
    for (std::size_t k = id.bytes.begin; k < id.bytes.end && k < flat.size(); ++k) flat[k] = ' ';
    if (id.kind == LinkKind::Url) w.urls.push_back(id.value);
    else if (id.kind == LinkKind::Doi && id.syntax_ok && !w.doi) w.doi = id.value;
    else if (id.kind == LinkKind::Isbn && !w.isbn) w.isbn = id.value;
  }
  // Drop the "DOI:", "URL:", "Via URL:" labels left behind.
  for (char& c : flat)
    if (c == '\n' || c == '\t' || c == '\f') c = ' ';

  auto titles = title_regions(flat);
  auto years = year_tokens(flat);
  std::size_t first_quote = titles.empty() ? flat.size() : titles.front().begin - 1;

  // Access date: after an access word, or a bracketed date right after a link.
  std::string folded_lower = fold_case(flat);
  std::size_t access_at = std::string::npos;
  for (auto word : tables::access_date_words()) {
    std::size_t p = folded_lower.find(std::string(word));
    if (p != std::string::npos && (access_at == std::string::npos || p < access_at)) access_at = p;
  }
  if (access_at != std::string::npos) {
    w.accessed = parse_date(std::string_view(folded_lower).substr(access_at, 60));
  } else {
    for (const auto& id : ids) {
      if (id.kind != LinkKind::Url) continue;
      std::string_view after = std::string_view(flat).substr(std::min(flat.size(), id.bytes.end));
      std::string_view t = trim(after);
      if (!t.empty() && t[0] == '(') {
        auto close = t.find(')');
        if (close != std::string_view::npos && close < 40) {
          w.accessed = parse_date(t.substr(1, close - 1));
          if (w.accessed) access_at = static_cast<std::size_t>(t.data() - flat.data());
        }
      }
    }
  }

  // Year: right after the authors when the entry opens "Authors Year"; otherwise the last
  // year outside titles and access dates (the date in "…, September 28, 2020.").
  std::size_t author_end = std::string::npos;
  bool year_after_authors = false;
  for (const auto& y : years) {
    if (in_regions(titles, y.begin)) continue;
    std::size_t stop = author_stop(flat, y.begin);
    // Names only before the year: no bracket or colon of publication details
    // ("Saparov, From Conflict (London: Routledge, 2015)" is note style, not author-date).
    std::string_view before = std::string_view(flat).substr(0, stop);
    while (!before.empty() && (before.back() == '(' || before.back() == ' ' || before.back() == '[')) before.remove_suffix(1);
    bool names_only = before.find_first_of("():[]") == std::string_view::npos;
    if (y.begin < first_quote && names_only &&
        strip_punct(std::string_view(flat).substr(stop, y.begin - stop)).empty() &&
        (words_of(std::string_view(flat).substr(0, y.begin)).size() <= 12 || reads_as_name_list(before))) {
      w.year = y.year;
      if (!y.suffix.empty()) w.year_suffix = y.suffix;
      author_end = stop;
      year_after_authors = true;
    }
    break;
  }
  if (!w.year) {
    re2::StringPiece m;
    std::string nd_text = flat.substr(0, std::min<std::size_t>(flat.size(), 400));
    const bool in_press = RE2::PartialMatch(nd_text, in_press_pattern(), &m);
    if (in_press || RE2::PartialMatch(nd_text, no_date_pattern(), &m)) {
      std::size_t at = static_cast<std::size_t>(m.data() - nd_text.data());
      if (at < first_quote && words_of(std::string_view(flat).substr(0, at)).size() <= 12) {
        w.year = in_press ? "in press" : "n.d.";
        author_end = at;
        year_after_authors = true;
        while (author_end > 0 && flat[author_end - 1] == '(') --author_end;
      }
    }
  }
  // A year after the entry's first link dates the visit ("Disponível em: https://…. Acesso
  // em: 23 jun. 2022"), not the work, in whatever language the access words are: the years
  // before the link are looked at first.
  std::size_t first_link = flat.size();
  for (const auto& id : ids)
    if (id.kind == LinkKind::Url || id.kind == LinkKind::Doi) first_link = std::min(first_link, id.bytes.begin);
  for (int pass = 0; pass < 3; ++pass) {
    if (w.year) break;
    const bool ranges_too = pass >= 1, after_link_too = pass >= 2;
    for (auto it = years.rbegin(); it != years.rend(); ++it) {
      if (in_regions(titles, it->begin) || (it->in_range && !ranges_too)) continue;
      if (!after_link_too && it->begin > first_link) continue;
      if (access_at != std::string::npos && it->begin > access_at && it->begin < access_at + 60) continue;
      w.year = it->year;
      if (!it->suffix.empty()) w.year_suffix = it->suffix;
      break;
    }
  }

  // Authors.
  if (author_end == std::string::npos) {
    author_end = author_stop(flat, std::min(first_quote, flat.size()));
    // Note style, given name first: "Arsène Saparov, From Conflict to Autonomy (London: …)":
    // the name ends at the first comma when only a few name words precede it.
    std::size_t comma = flat.find(',');
    if (comma != std::string::npos && comma < author_end && words_of(std::string_view(flat).substr(0, author_end)).size() > 6) {
      std::string_view head = std::string_view(flat).substr(0, comma);
      auto ws = words_of(head);
      std::size_t names = 0;
      bool ok = !ws.empty();
      for (auto w : ws) {
        if (is_connector(w)) continue;
        ++names;
        std::size_t q = 0;
        char32_t first = next_code_point(w, q);
        if (!name_word(w, true) || is_lower_in_cased_script(first)) ok = false;
      }
      // Not when more names follow ("J. Lin, W.-M. Chen, …" lists authors, IEEE style).
      auto rest_words = words_of(std::string_view(flat).substr(comma + 1, 40));
      bool more_names = !rest_words.empty() && (is_initials(rest_words[0]) || is_connector(rest_words[0]));
      if (ok && !more_names && names >= 2 && names <= 6) author_end = comma;
    }
  }
  std::string_view segment = std::string_view(flat).substr(0, author_end);
  // "Smith, J. (2020)": the bracket belongs to the year.
  while (!segment.empty() && (segment.back() == '(' || segment.back() == ' ')) segment.remove_suffix(1);
  w.author_text = std::string(strip_punct(segment));
  if (words_of(w.author_text).size() <= 40 || (year_after_authors && reads_as_name_list(w.author_text)))
    w.authors = parse_authors(w.author_text);

  // Title: the first quoted or starred run; else the sentence after the year or authors.
  if (!titles.empty()) {
    w.title = std::string(strip_punct(std::string_view(flat).substr(titles[0].begin, titles[0].end - titles[0].begin)));
    if (titles.size() >= 2)
      w.container = std::string(strip_punct(std::string_view(flat).substr(titles[1].begin, titles[1].end - titles[1].begin)));
  } else {
    std::size_t from = author_end;
    if (year_after_authors) {
      for (const auto& y : years)
        if (y.begin >= author_end) { from = y.end; break; }
    }
    std::string_view rest = std::string_view(flat).substr(std::min(from, flat.size()));
    rest = strip_punct(rest);
    std::size_t stop = author_stop(rest, rest.size());
    // "Title (London: Routledge, 2015), 45": the bracket opens the publication details.
    std::size_t bracket = rest.find(" (");
    if (bracket != std::string_view::npos && bracket < stop && bracket > 0) stop = bracket;
    std::string_view t = strip_punct(rest.substr(0, stop));
    if (!t.empty()) w.title = std::string(t);
    if (stop < rest.size()) {
      std::string_view after = strip_punct(rest.substr(stop + 1));
      std::size_t cstop = std::min(after.find(','), author_stop(after, after.size()));
      std::string_view c = strip_punct(after.substr(0, cstop));
      if (!c.empty() && words_of(c).size() <= 15) w.container = std::string(c);
    }
  }
  if (w.container) {
    // "(2018) 23(1) Ecology and Society 7" (OSCOLA) → "Ecology and Society".
    static const RE2 leading(R"(^\s*(?:\(?\d{4}\)\s*)?(?:\d+(?:\s*\(\d+\))?\s+)?)");
    static const RE2 trailing(R"(\s+\d+(?:\s*[-–]\s*\d+)?\s*$)");
    std::string c = *w.container;
    RE2::Replace(&c, leading, "");
    RE2::Replace(&c, trailing, "");
    w.container = std::string(strip_punct(c));
  }
  if (w.title && w.title->empty()) w.title.reset();
  if (w.container && w.container->empty()) w.container.reset();

  std::string folded = fold_digits(flat);
  std::string pages;
  if (RE2::PartialMatch(folded, pages_pattern(), &pages)) {
    reading.pages_named = true;
  } else if (!RE2::PartialMatch(folded, bare_pages_pattern(), &pages)) {
    // One page after its word ("გვ. 1704", "(էջ 41)", "С. 201601"). A one-letter word before a
    // year-like number is an initial ("Smith, P. 2004").
    std::string word, page;
    if (RE2::PartialMatch(folded, single_page_pattern(), &word, &page) &&
        !(code_point_count(word) <= 2 && page.size() == 4 && page >= "1300" && page <= "2099")) {
      w.pages = page;
      reading.pages_named = true;
    }
  }
  if (!pages.empty()) {
    // Both numbers have at most six digits (the patterns say so): no overflow.
    int a = 0, b = 0;
    std::size_t k = 0;
    while (k < pages.size() && pages[k] >= '0' && pages[k] <= '9') a = a * 10 + (pages[k++] - '0');
    if (k > 0) {
      while (k < pages.size() && !(pages[k] >= '0' && pages[k] <= '9')) ++k;
      while (k < pages.size() && pages[k] >= '0' && pages[k] <= '9') b = b * 10 + (pages[k++] - '0');
      // Two years ("1993–2003") are a period, not pages.
      if (!(a >= 1500 && a <= 2099 && b >= 1500 && b <= 2099)) {
        std::string clean;
        for (char c : pages) if (c != ' ') clean.push_back(c);
        w.pages = clean;
      }
    }
  }
  std::string v, by_letter;
  // After a one-letter word, a year-like number is a year after an initial ("Kitayama, T. 1999").
  if (RE2::PartialMatch(folded, volume_pattern(), &v, &by_letter) &&
      !(v.empty() && by_letter.size() == 4 && by_letter >= "1300" && by_letter <= "2099"))
    w.volume = v.empty() ? by_letter : v;
  if (RE2::PartialMatch(folded, issue_pattern(), &v, &by_letter)) {
    w.issue = v.empty() ? by_letter : v;
    std::erase(*w.issue, ' ');  // a double issue: "no. 2- 3" is "2-3"
  }
  reading.names_then_year = year_after_authors && !w.authors.empty();
  w.number = opening_document_number(text);
  return w;
}


// A tagged span as a field's value: on one line, without the marks around it.
std::optional<std::string> span_text(std::string_view text, const std::optional<ByteRange>& r) {
  if (!r || r->end > text.size() || r->begin >= r->end) return std::nullopt;
  std::string s(text.substr(r->begin, r->end - r->begin));
  for (char& c : s)
    if (c == '\n' || c == '\t' || c == '\f') c = ' ';
  std::string_view t = strip_punct(s);
  if (t.empty()) return std::nullopt;
  return std::string(t);
}

// The tagged names, with the period of a last initial that the tagger leaves outside the
// span ("Smith, J. A." tagged up to "A").
std::optional<std::string> author_span_text(std::string_view text, std::optional<ByteRange> r) {
  if (r && r->end < text.size() && text[r->end] == '.' && r->end > r->begin) {
    std::size_t k = r->end;
    char32_t last = previous_code_point(text, k);
    std::size_t before = k;
    const bool alone = k == r->begin || !is_letter(previous_code_point(text, before));
    if (is_letter(last) && alone) ++r->end;
  }
  return span_text(text, r);
}

// The year of a tagged date ("2005a", "June 2005", "(2005)"): its first year-like number in
// any digit system, with a letter right after it as the suffix.
void year_of(std::string_view date, Work& w) {
  for (const auto& y : year_tokens(date)) {
    w.year = y.year;
    if (!y.suffix.empty()) w.year_suffix = y.suffix;
    return;
  }
}

// Volume, issue and pages as the rules give them: ASCII digits, pages without spaces.
std::optional<std::string> numbers(std::optional<std::string> s, bool pages) {
  if (!s) return s;
  std::string_view v = *s;
  if (pages) {
    // "pp. 340-360", "ص ٣٤٠-٣٦٠", "S. 12": the word for pages the tagger took in is not part of
    // them (a letter glued to the number is: "e1234", "S12-S20").
    std::size_t k = 0;
    while (k < v.size()) {
      std::size_t j = k;
      if (!is_letter(next_code_point(v, j))) break;
      k = j;
    }
    std::size_t after = k;
    while (after < v.size() && (v[after] == '.' || v[after] == ' ')) ++after;
    if (k > 0 && after > k && v.find(' ', k) < after && after < v.size()) v.remove_prefix(after);
  }
  std::string out;
  for (char c : fold_digits(v))
    if (!(pages && c == ' ')) out.push_back(c);
  return out;
}

// "2016, MNRAS, 457, 1522", "Eur. Phys. J. C71, 1661 (2011)": a page number that looks like a
// year is tagged a year. When two years are tagged and one follows the volume with only
// punctuation between, that one is the page and the other the year.
void page_from_years(std::string_view text, TaggedFields& t) {
  auto& volume = t.first[kFieldVolume];
  auto& first = t.first[kFieldYear];
  auto& second = t.second[kFieldYear];
  // "2016, MNRAS, 457, 1522" read as pages 457 and a second year: a lone number the tagger
  // calls pages, then a year right after it, are the volume and the page.
  if (!volume && first && second && t.first[kFieldPages] && second->begin >= t.first[kFieldPages]->end) {
    auto& pages = t.first[kFieldPages];
    const std::string_view p = text.substr(pages->begin, pages->end - pages->begin);
    const bool number = !p.empty() && std::all_of(p.begin(), p.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (number && strip_punct(text.substr(pages->end, second->begin - pages->end)).empty()) {
      volume = pages;
      pages = second;
      second.reset();
      return;
    }
  }
  if (!volume || !first || !second || t.first[kFieldPages]) return;
  // "Apr. 28, 2017": a day after its month, then the year, is a date, not a volume and page.
  std::size_t w_end = volume->begin;
  while (w_end > 0 && (text[w_end - 1] == ' ' || text[w_end - 1] == '.' || text[w_end - 1] == ',')) --w_end;
  std::size_t w_begin = w_end;
  while (w_begin > 0) {
    std::size_t k = w_begin;
    if (!is_letter(previous_code_point(text, k))) break;
    w_begin = k;
  }
  if (w_begin < w_end && month_of_name_key(name_key(text.substr(w_begin, w_end - w_begin))) > 0) return;
  auto right_after_volume = [&](const ByteRange& r) {
    return r.begin >= volume->end && strip_punct(text.substr(volume->end, r.begin - volume->end)).empty();
  };
  if (right_after_volume(*second)) {
    t.first[kFieldPages] = second;
    second.reset();
  } else if (right_after_volume(*first)) {
    t.first[kFieldPages] = first;
    first = second;
    second.reset();
  }
}

// The fields the tagger decides (see parse_work).
void take_tagged(std::string_view text, const TaggedFields& t, Work& w) {
  w.title = span_text(text, t.first[kFieldTitle]);
  std::optional<std::string> title_volume;
  // "Matrix product state representations 7 401", "… with tensor networks arXiv": the volume,
  // pages or the word arXiv the tagger ran into the title are not part of it.
  if (w.title) {
    std::string_view title = *w.title;
    auto ws = words_of(title);
    // Two numbers at least ("7 401"): a title may end in one ("Agenda 21", "spins 1 2" aside).
    std::size_t keep = ws.size(), numbers = 0;
    bool arxiv = false;
    while (keep > 1) {
      std::string_view last = ws[keep - 1];
      bool numeric = true;
      for (char c : last) numeric = numeric && ((c >= '0' && c <= '9') || c == '(' || c == ')' || c == '-');
      if (numeric) ++numbers;
      else if (fold_case(last) == "arxiv") arxiv = true;
      else break;
      --keep;
    }
    // One number with an issue in brackets right after the title ("… inequality 56 (9)
    // 4668-4673") is the volume.
    bool issue_after = false;
    if (numbers == 1 && !arxiv) {
      std::size_t k = t.first[kFieldTitle]->end;
      while (k < text.size() && text[k] == ' ') ++k;
      std::size_t d = k + 1;
      while (d < text.size() && text[d] >= '0' && text[d] <= '9') ++d;
      issue_after = k < text.size() && text[k] == '(' && d > k + 1 && d < text.size() && text[d] == ')';
    }
    if (keep < ws.size() && keep >= 2 && (numbers >= 2 || issue_after || (arxiv && numbers == 0))) {
      if (issue_after && !t.first[kFieldVolume]) title_volume = std::string(ws[keep]);
      w.title = std::string(strip_punct(title.substr(0, static_cast<std::size_t>(ws[keep - 1].data() + ws[keep - 1].size() - title.data()))));
    }
  }
  w.container = span_text(text, t.first[kFieldContainer]);
  // "Title. In A. Brown (Ed.), Handbook …": a second title after the editors, with no
  // container tagged, is the book the chapter is in.
  if (!w.container && t.second[kFieldTitle] && t.first[kFieldEditor] &&
      t.first[kFieldEditor]->begin < t.second[kFieldTitle]->begin)
    w.container = span_text(text, t.second[kFieldTitle]);
  // "JHEP 06, 108": a short number closing the tagged journal is the volume's, not the name's.
  if (w.container) {
    std::string_view c = *w.container;
    std::size_t k = c.size();
    while (k > 0 && c[k - 1] >= '0' && c[k - 1] <= '9') --k;
    if (k < c.size() && c.size() - k <= 3 && k >= 2 && c[k - 1] == ' ') w.container = std::string(trim(c.substr(0, k)));
  }
  w.volume = title_volume ? title_volume : numbers(span_text(text, t.first[kFieldVolume]), false);
  w.issue = numbers(span_text(text, t.first[kFieldIssue]), false);
  w.pages = numbers(span_text(text, t.first[kFieldPages]), true);
}

// Whether a span's letters are of one script. Stray letters of another script (Latin
// initials among Georgian names) are not a second script.
bool one_script(std::string_view s) {
  std::vector<std::pair<std::string, std::size_t>> counts;
  std::size_t total = 0;
  for (std::size_t i = 0; i < s.size();) {
    char32_t cp = next_code_point(s, i);
    if (!is_letter(cp)) continue;
    std::string code = cp < 0x80 ? std::string("Latn") : script_code(cp);
    auto it = std::find_if(counts.begin(), counts.end(), [&](const auto& c) { return c.first == code; });
    if (it == counts.end()) counts.emplace_back(std::move(code), 1);
    else ++it->second;
    ++total;
  }
  std::size_t most = 0;
  for (const auto& c : counts) most = std::max(most, c.second);
  const std::size_t others = total - most;
  return others < 3 || others * 4 < total;
}

// China's GB/T 7714 marks a work's type after its title ("[J]" a journal article, "[M]" a
// book, "[C]" proceedings, "[D]" a thesis, "[EB/OL]" an online resource): "陈静, 刘洋, 赵强.
// 港口与城市发展[J]. 经济地理, 2018, 38(2): 45-52.". Chinese, Japanese and Korean names hold no
// full stop, so a list of them ends at the first one and the title runs from there to the
// marker; an article's journal follows the marker up to its comma. The tagger, which saw no
// such entries, reads the title into the names.
void gbt7714_spans(std::string_view text, TaggedFields& t) {
  if (text.find('[') == std::string_view::npos) return;
  std::size_t k = 0;
  const std::string sc = script_code(next_code_point(text, k));
  if (sc != "Hani" && sc != "Hira" && sc != "Kana" && sc != "Hang") return;
  static const RE2 marker(R"((\[(?:[JMCDRNPSZAGK]|DB|CP|EB)(?:/OL)?\]))");
  re2::StringPiece m;
  if (!RE2::PartialMatch(text, marker, &m)) return;
  const std::size_t mark = static_cast<std::size_t>(m.data() - text.data());
  std::size_t stop = std::string_view::npos;
  for (std::string_view dot : {". ", "\uFF0E", "\u3002"})  // ". ", full-width and ideographic stops
    stop = std::min(stop, text.substr(0, mark).find(dot));
  if (stop == std::string_view::npos || stop == 0) return;
  const std::size_t stop_len = text.substr(stop, 2) == ". " ? 2 : 3;
  std::size_t title_begin = stop + stop_len;
  while (title_begin < mark && text[title_begin] == ' ') ++title_begin;
  if (title_begin >= mark) return;
  t.first[kFieldAuthor] = ByteRange{0, stop};
  t.first[kFieldTitle] = ByteRange{title_begin, mark};
  t.second[kFieldTitle].reset();
  if (m.substr(0, 3) == "[J]") {
    std::size_t c = mark + m.size();
    while (c < text.size() && (text[c] == '.' || text[c] == ' ')) ++c;
    if (text.substr(c, 3) == "\uFF0E") c += 3;
    std::size_t end = text.find(',', c);
    const std::size_t wide = text.find("\uFF0C", c);  // the full-width comma
    end = std::min(end, wide);
    if (end != std::string_view::npos && end > c) t.first[kFieldContainer] = ByteRange{c, end};
  }
}

// "NBS – National Bureau of Statistics of China. 中国统计年鉴. 2015.": a tagged name list whose
// last sentence is in another script, with no initial and no comma in it, has run into a
// stretch of its own (a title or a journal's name in the language it is written in; not
// "Иванов И. И., Smith J.", names in two scripts). That sentence is given back as the
// container, before the rules below decide what it is.
void split_author_at_script_change(std::string_view text, TaggedFields& t) {
  auto& a = t.first[kFieldAuthor];
  if (!a || t.first[kFieldContainer] || a->end - a->begin < 4) return;
  // The last sentence only: one look at the span, however many full stops it holds.
  const std::string_view span = text.substr(a->begin, a->end - a->begin - 1);
  const std::size_t stop = span.rfind(". ");
  if (stop == std::string_view::npos) return;
  const std::size_t rest = a->begin + stop + 2;
  const std::string_view head = span.substr(0, stop), tail = text.substr(rest, a->end - rest);
  // The cheap signs first: most name lists open both sentences in one script.
  auto first_letter_script = [](std::string_view s) {
    for (std::size_t k = 0; k < s.size();) {
      char32_t cp = next_code_point(s, k);
      if (is_letter(cp)) return cp < 0x80 ? std::string("Latn") : script_code(cp);
    }
    return std::string();
  };
  if (first_letter_script(head) == first_letter_script(tail)) return;
  if (trim(tail).empty() || tail.find_first_of(",;") != std::string_view::npos) return;
  auto letters_of = [](std::string_view w) {
    std::size_t letters = 0;
    for (std::size_t k = 0; k < w.size();) letters += is_letter(next_code_point(w, k));
    return letters;
  };
  // An initial (a word of one letter) in the sentence, or the full stop closing one ("c.
  // გიუნთი"), is a name's.
  const auto head_words = words_of(head);
  if (head_words.empty() || letters_of(head_words.back()) < 2) return;
  for (const std::string_view w : words_of(tail))
    if (letters_of(w) == 1) return;
  if (!one_script(head) || !one_script(tail)) return;
  t.first[kFieldContainer] = ByteRange{rest, a->end};
  a->end = a->begin + stop + 1;
}

}  // namespace

Work parse_work_tagged(std::string_view text, const std::vector<FoundIdentifier>& ids, const FieldTagger& tagger) {
  Work w;
  for (const auto& id : ids) {
    if (id.kind == LinkKind::Url) w.urls.push_back(id.value);
    else if (id.kind == LinkKind::Doi && id.syntax_ok && !w.doi) w.doi = id.value;
    else if (id.kind == LinkKind::Isbn && !w.isbn) w.isbn = id.value;
  }
  TaggedFields t = tagger.tag(text, ids);
  page_from_years(text, t);
  if (auto a = span_text(text, t.first[kFieldAuthor])) {
    w.author_text = *a;
    w.authors = parse_authors(*a);
  }
  if (auto y = span_text(text, t.first[kFieldYear])) year_of(*y, w);
  take_tagged(text, t, w);
  return w;
}

Work parse_work(std::string_view text, const std::vector<FoundIdentifier>& ids, const FieldTagger* tagger) {
  RulesReading reading;
  Work w = rules_fields(text, ids, reading);
  if (!tagger) return w;
  // The tagger decides the fields it reads better than the rules on held-out real entries
  // (citecheck-eval fields); the rules keep names, years and identifiers.
  struct {
    std::optional<std::string> title, volume, issue, pages;
  } rules{w.title, w.volume, w.issue, w.pages};
  const std::optional<std::string>& rules_title = rules.title;
  TaggedFields t = tagger->tag(text, ids);
  page_from_years(text, t);
  split_author_at_script_change(text, t);
  gbt7714_spans(text, t);
  // "რონდელი, ალექსანდრე. 2006. საქართველოს …": in a script without case a given name may be
  // tagged a title; a title before the year with another one after it is not the title.
  const auto& year = t.first[kFieldYear];
  // The tagger may read the first stretch as a container (a short sentence before the year,
  // as a journal's name stands there in other styles) or, with no place beside it, as a
  // publisher; with a title after the year, a date after that and no other container, it is
  // the title's first stretch.
  const FieldLabel first_stretch =
      t.first[kFieldContainer] ? kFieldContainer
      : (t.first[kFieldPublisher] && !t.second[kFieldPublisher] && !t.first[kFieldPlace]) ? kFieldPublisher
                                                                                           : kFieldContainer;
  if (const auto& c = t.first[first_stretch], &title = t.first[kFieldTitle];
      c && title && !t.second[kFieldTitle] && !t.second[first_stretch] && year && c->end <= year->begin &&
      title->begin >= year->end) {
    // The later date, tagged or not: the first year after the title (looked for only here,
    // not in every author-date entry).
    if (!t.second[kFieldYear]) {
      const std::size_t from = title->end;
      for (const YearToken& y : year_tokens(text.substr(from))) {
        if (y.in_range) continue;
        t.second[kFieldYear] = ByteRange{from + y.begin, from + y.end};
        break;
      }
    }
    if (t.second[kFieldYear] && t.second[kFieldYear]->begin >= title->end) {
      t.second[kFieldTitle] = title;
      t.first[kFieldTitle] = c;
      t.first[first_stretch].reset();
    }
  }
  // Not when the year closes the work's particulars (a container, a volume between the title
  // and it: `"Title," Nucl. Instrum. …, vol. 376, Jun. 1996. Available: http…`): that title is
  // the work's, and what follows the year is no title.
  auto between = [&](const std::optional<ByteRange>& r, std::size_t from, std::size_t to) {
    return r && r->begin >= from && r->end <= to;
  };
  if (t.first[kFieldTitle] && t.second[kFieldTitle] && year && t.first[kFieldTitle]->end <= year->begin &&
      t.second[kFieldTitle]->begin >= year->end &&
      !between(t.first[kFieldContainer], t.first[kFieldTitle]->end, year->begin) &&
      !between(t.first[kFieldVolume], t.first[kFieldTitle]->end, year->begin)) {
    // "NBS. 年全国农民工监测调查报告. 2012. Annual report on … May 27, 2013. Available at: …": a
    // year between two stretches of title belongs to the title (the report's subject year)
    // when a later date, before any link, gives the publication.
    const auto& later = t.second[kFieldYear];
    std::size_t first_link = text.size();
    for (const auto& id : ids)
      if (id.kind == LinkKind::Url) first_link = std::min(first_link, id.bytes.begin);
    const bool bare = strip_punct(text.substr(t.first[kFieldTitle]->end, year->begin - t.first[kFieldTitle]->end)).empty() &&
                      strip_punct(text.substr(year->end, t.second[kFieldTitle]->begin - year->end)).empty();
    // The later date is a full one ("May 27, 2013", "27 maio 2013"): a month name in it or
    // just before it, not a translation's or reprint's bare year.
    auto dated = [&](const ByteRange& y) {
      const std::size_t from = y.begin > 16 ? y.begin - 16 : 0;
      for (const auto& w : word_keys(text.substr(from, y.end - from), 6, false))
        if (code_point_count(w) >= 3 && month_of_name_key(w) > 0) return true;  // not "de"
      return false;
    };
    if (bare && later && later->begin >= t.second[kFieldTitle]->end && later->end <= first_link && dated(*later)) {
      t.first[kFieldYear] = later;
      t.second[kFieldYear].reset();
    }
    t.first[kFieldTitle] = t.second[kFieldTitle];
    t.second[kFieldTitle].reset();
  }
  // "Иванов И. И. Кавказ и Россия. М.: Наука, 2019.", "Smith J. J. Caucasus and Russia": the
  // tagger may run names written family-then-initials on into the title after them, where
  // the rules know the names end at the last initial. The rules' names then stand, and the
  // rules' title, which starts where they end, is the title.
  if (const auto& a = t.first[kFieldAuthor]; a && !w.author_text.empty() &&
      (!t.first[kFieldTitle] || t.first[kFieldTitle]->begin >= a->end)) {
    const std::string_view tagged = text.substr(a->begin, a->end - a->begin);
    const std::string_view names = w.author_text;
    // Names that open with a family name and close on an initial ("Иванов И. И.", "Smith J."),
    // not "M." read alone before "GAUDRY et A. MARQUET".
    auto family_then_initial = [](std::string_view n) {
      std::size_t i = 0, first_word = 0;
      while (i < n.size()) {
        std::size_t j = i;
        if (!is_letter(next_code_point(n, j))) break;
        ++first_word;
        i = j;
      }
      if (first_word < 2 || n.size() < 4 || n.back() != '.') return false;
      std::size_t k = n.size() - 1;
      if (!is_upper(previous_code_point(n, k)) || k == 0) return false;
      std::size_t before = k;
      const char32_t b = previous_code_point(n, before);
      return b == ' ' || b == '.' || b == '-';
    };
    if (tagged.size() > names.size() && tagged.substr(0, names.size()) == names && family_then_initial(names)) {
      // Only where the rules read the title right there ("and Fan, J." after "Antoniadis, A."
      // is more names, and the tagger right).
      const std::string_view rest = trim(tagged.substr(names.size()));
      const std::size_t rest_begin = static_cast<std::size_t>(rest.data() - text.data());
      if (rules_title && rules_title->size() >= 4 && text.substr(rest_begin, rules_title->size()) == *rules_title) {
        const ByteRange names_range{a->begin, a->begin + names.size()};
        t.first[kFieldTitle] = ByteRange{rest_begin, rest_begin + rules_title->size()};
        t.second[kFieldTitle].reset();
        t.first[kFieldAuthor] = names_range;
      }
    }
  }
  // "(2022). Política … análise da produção de textos de 2004 a 2019. Pedro & João": a second
  // year tagged right after the title's last word, with no mark between them, and running to
  // the sentence's end is the title's (a period it covers). A year of its own stands apart
  // from the title by a mark in every style ("Title. 2004", "Title, 2004", "Title (2004)").
  if (auto& title = t.first[kFieldTitle]; title && year && year->end <= title->begin) {
    const auto& again = t.second[kFieldYear];
    std::size_t last = title->end;
    if (again && again->begin > title->end && trim(text.substr(title->end, again->begin - title->end)).empty() &&
        last > 0 && is_word_char(previous_code_point(text, last))) {
      std::size_t k = again->end;
      while (k < text.size() && text[k] == ' ') ++k;
      if (k == text.size() || text[k] == '.') title->end = again->end;
    }
  }
  // A title opened by a quotation mark ends at its closing mark: `"Test Sequences for Virtual
  // Reality", Joint Video Exploration Team …` (the tagger may run on into what follows). Double
  // and angle quotes only: a single one may be an apostrophe (`O'Brien`, `Smith’s`).
  if (auto& title = t.first[kFieldTitle]) {
    std::size_t b = title->begin;
    while (b > 0 && text[b - 1] == ' ') --b;
    // The mark just before the span, or else the span's own first character.
    char32_t open = 0;
    std::size_t after_open = title->begin;
    if (b > 0) {
      std::size_t q = b;
      open = previous_code_point(text, q);
    }
    if (!double_quote_closer(open)) {
      std::size_t q = title->begin;
      open = q < text.size() ? next_code_point(text, q) : 0;
      after_open = q;
    }
    if (const char32_t close = double_quote_closer(open)) {
      for (std::size_t i = after_open; i < title->end;) {
        const std::size_t at = i;
        const char32_t cp = next_code_point(text, i);
        if (cp == close || (open == 0x201E && cp == 0x201D)) {
          // Only when words follow the mark inside the span: a span ending at it is whole.
          bool words_after = false;
          for (std::size_t j = i; j < title->end && !words_after;) words_after = is_word_char(next_code_point(text, j));
          if (words_after && at > after_open) title->end = at;
          break;
        }
      }
    }
  }
  take_tagged(text, t, w);
  // Names: the rules read "names, then the year" with their knowledge of name order in every
  // script; elsewhere (numbered styles with the year at the end, names running into a title)
  // the tagger finds where the names end better (citecheck-eval fields: all authors 0.96
  // against the rules' 0.66; on the same strings carried into Arabic 0.93 against 0.20, into
  // Georgian 0.90 against 0.22, since it is trained on carried strings too). A span whose
  // letters are of two scripts ("LAODONGQUSHI. 年平均工时…，我们…") is a name the tagger ran
  // into a title in another script.
  if (!reading.names_then_year && (!t.first[kFieldAuthor] || one_script(text.substr(t.first[kFieldAuthor]->begin,
                                                                        t.first[kFieldAuthor]->end - t.first[kFieldAuthor]->begin)))) {
    if (auto a = author_span_text(text, t.first[kFieldAuthor])) {
      w.author_text = *a;
      w.authors = parse_authors(*a);
    }
    if (auto y = span_text(text, t.first[kFieldYear])) year_of(*y, w);
  }
  // "World Bank. 2019. South Caucasus Connectivity Report. Washington": no title tagged, a
  // container right after the year (where author-date styles put the title) and no volume or
  // pages (not "2016, ApJ, 763, 147"), and the sentence the rules read as the title holds
  // it: that sentence is the title.
  const auto& container = t.first[kFieldContainer];
  if (!w.title && rules_title && w.container && !w.volume && !w.pages && year && container &&
      container->begin >= year->end &&
      strip_punct(text.substr(year->end, container->begin - year->end)).empty() &&
      rules_title->find(*w.container) != std::string::npos) {
    w.title = rules_title;
    w.container.reset();
  }
  // "Eurasianet, September 28": a number right after a month's name (in any language the
  // date tables know) is a day of a date, not a volume. Not after an abbreviation or a word
  // of three letters: "J. Phys. A: Math. Gen. 23", "Chem. Ber. 71" and "Genome Res 21" name
  // journals, and across all languages "gen", "ber" and "res" are months too.
  if (w.volume && !rules.volume && t.first[kFieldVolume]) {
    std::size_t k = t.first[kFieldVolume]->begin;
    while (k > 0 && text[k - 1] == ' ') --k;
    std::size_t word_end = k;
    while (k > 0) {
      std::size_t j = k;
      if (!is_word_char(previous_code_point(text, j))) break;
      k = j;
    }
    const std::string_view word = text.substr(k, word_end - k);
    const std::size_t letters = code_point_count(word);
    if (letters >= 4 && letters <= 12 && month_of_name_key(name_key(word)) > 0) {
      w.volume.reset();
      if (w.container && w.container->size() > word.size() &&
          std::string_view(*w.container).substr(w.container->size() - word.size()) == word) {
        std::string_view c = std::string_view(*w.container).substr(0, w.container->size() - word.size());
        while (!c.empty() && (c.back() == ' ' || c.back() == ',')) c.remove_suffix(1);
        w.container = std::string(c);
      } else if (w.container && *w.container == word) {
        w.container.reset();
      }
    }
  }
  // GOST's "Title // Journal": the double slash divides the work from where it appeared.
  if (w.title) {
    const std::size_t slash = w.title->find(" // ");
    if (slash != std::string::npos && slash > 0) {
      std::string container(trim(std::string_view(*w.title).substr(slash + 4)));
      w.title = std::string(trim(std::string_view(*w.title).substr(0, slash)));
      if (!w.container && !container.empty()) w.container = std::move(container);
    }
  }
  // Volume and issue named by their words ("vol. 19", "no. 2", "عدد ٧٧") are knowledge.
  // The number after such a word is not another field as well: a tagger that never saw the
  // word ("ტ. 267", "№ 4") takes the lone number for pages, or the volume for the issue.
  auto named = [](const std::optional<std::string>& tagged, const std::optional<std::string>& by_word) {
    return tagged && by_word && fold_digits(*tagged) == *by_word;
  };
  if (!rules.issue && named(w.issue, rules.volume)) w.issue.reset();
  if (!rules.volume && named(w.volume, rules.issue)) w.volume.reset();
  if (rules.volume) w.volume = rules.volume;
  if (rules.issue) w.issue = rules.issue;
  // A lone number the tagger read as an issue, with no volume and not in brackets, is the
  // volume: journals number volumes before issues, and a bracketed number ("JHEP, (11)") is the
  // one that stands for an issue alone. The tagger takes "X. 22" for an issue when X is a volume
  // word it never saw.
  if (w.issue && !w.volume && !rules.issue && t.first[kFieldIssue]) {
    const ByteRange r = *t.first[kFieldIssue];
    std::size_t before = r.begin, after = r.end;
    while (before > 0 && text[before - 1] == ' ') --before;
    while (after < text.size() && text[after] == ' ') ++after;
    const bool bracketed = (before > 0 && (text[before - 1] == '(' || text[before - 1] == '[')) ||
                           (after < text.size() && (text[after] == ')' || text[after] == ']'));
    // "Vol. 8, No. 4" whose volume the tagger missed: a number stands right before the issue,
    // across punctuation and at most one short word.
    std::size_t k = before;
    while (k > 0 && (text[k - 1] == ' ' || text[k - 1] == '.' || text[k - 1] == ',' || text[k - 1] == ':')) --k;
    for (int letters = 0; k > 0 && letters <= 4;) {
      std::size_t j = k;
      const char32_t cp = previous_code_point(text, j);
      if (!is_letter(cp) && cp != '#' && cp != 0x2116) break;  // "No.", "#", "№"
      k = j;
      ++letters;
    }
    while (k > 0 && (text[k - 1] == ' ' || text[k - 1] == '.' || text[k - 1] == ',')) --k;
    const bool number_before = k > 0 && [&] { std::size_t j = k; return is_digit(previous_code_point(text, j)); }();
    if (!bracketed && !number_before) {
      w.volume = std::move(w.issue);
      w.issue.reset();
    }
  }
  if (!rules.pages && (named(w.pages, rules.volume) || named(w.pages, rules.issue))) w.pages.reset();
  if (!w.pages || (reading.pages_named && rules.pages)) w.pages = rules.pages;
  // Two years in a book's title are a period ("Azerbaijan since Independence, 1993–2003"),
  // not pages.
  if (w.pages && !w.volume && !w.container) {
    auto ys = year_tokens(*w.pages);
    if (ys.size() == 2 && std::stoi(ys[0].year) >= 1500 && std::stoi(ys[0].year) < std::stoi(ys[1].year)) w.pages.reset();
  }
  return w;
}

bool looks_like_work(const Work& work) {
  bool has_people = !work.authors.empty() && !work.authors.front().organisation;
  if (has_people && work.year) return true;
  if ((work.doi || !work.urls.empty()) && work.title) return true;
  return false;
}

}  // namespace citecheck
