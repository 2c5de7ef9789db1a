#include "parsers/reference_list.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "parsers/reference_list_rules.hpp"
#include "parsers/scripts/tables.hpp"
#include "parsers/unicode_text.hpp"

namespace citecheck {

std::string_view strip_enumerator(std::string_view line);

namespace {

// Heading phrases as word keys, found by their first word: every line of a long document is
// tried against hundreds of phrases in some forty languages.
struct Phrases {
  std::vector<std::vector<std::string>> list;
  std::unordered_map<std::string, std::vector<std::size_t>> by_first;
  void add(std::vector<std::string> words) {
    if (words.empty()) return;
    by_first[words.front()].push_back(list.size());
    list.push_back(std::move(words));
  }
};

struct HeadingTables {
  Phrases phrases;
  std::set<std::string> fillers;
  Phrases back_matter;
};

const HeadingTables& heading_tables() {
  static const HeadingTables t = [] {
    HeadingTables h;
    for (auto p : tables::reference_headings()) h.phrases.add(word_keys(p));
    for (auto f : tables::heading_fillers()) {
      for (auto& w : word_keys(f)) h.fillers.insert(w);
    }
    for (auto p : tables::back_matter_headings()) h.back_matter.add(word_keys(p));
    return h;
  }();
  return t;
}

bool is_numbering(const std::string& w) {
  if (std::all_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; })) return true;
  static const std::set<std::string> roman = {"i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"};
  return roman.count(w) > 0;
}

// True when the words are a phrase of `phrases` plus fillers and numbering only.
bool matches_heading(const std::vector<std::string>& words, const Phrases& phrases,
                     const std::set<std::string>& fillers) {
  if (words.empty() || words.size() > 8) return false;
  for (std::size_t at = 0; at < words.size(); ++at) {
    auto starting = phrases.by_first.find(words[at]);
    if (starting == phrases.by_first.end()) continue;
    for (std::size_t index : starting->second) {
      const auto& phrase = phrases.list[index];
      if (at + phrase.size() > words.size()) continue;
      if (!std::equal(phrase.begin(), phrase.end(), words.begin() + static_cast<long>(at))) continue;
      bool rest_ok = true;
      for (std::size_t k = 0; k < words.size() && rest_ok; ++k) {
        if (k >= at && k < at + phrase.size()) continue;
        // Leading numbering ("7.", "IV.") only; a trailing number is a page (a contents line),
        // and so is a leading one of three digits or more ("152 References": a running head).
        if (is_numbering(words[k])) rest_ok = k < at && !(words[k].size() > 2 && words[k][0] <= '9');
        else rest_ok = fillers.count(words[k]) > 0;
      }
      if (rest_ok) return true;
    }
  }
  return false;
}

// A word made of digits only, in any digit system ("152", "١٥٢").
bool digits_word(std::string_view w) {
  if (w.empty()) return false;
  for (std::size_t i = 0; i < w.size();)
    if (!is_digit(next_code_point(w, i))) return false;
  return true;
}

// A back-matter heading's label: 1-3 digits ("Appendix 2", "ملحق ١"), one letter ("Приложение
// А"), a letter and one or two digits ("Table S1") or a roman numeral ("Annex IV").
bool is_short_label(std::string_view w) {
  std::size_t letters = 0, digits = 0, count = 0;
  for (std::size_t i = 0; i < w.size() && count < 8; ++count) {
    char32_t cp = next_code_point(w, i);
    if (is_digit(cp)) ++digits;
    else if (is_letter(cp) && digits == 0) ++letters;
    else return false;
  }
  if (count == 0 || count >= 8) return false;
  if (letters == 0) return digits <= 3;
  if (letters == 1) return digits <= 2;
  if (digits > 0) return false;
  static const RE2 roman("^(?:x{0,2})(?:ix|iv|v?i{0,3})$");
  return RE2::FullMatch(w, roman);
}

// Dot leaders ("Appendix ........ 154", "References …… 45", "Index _____ 300"): a line of a
// table of contents, whatever its words.
bool has_leaders(std::string_view line) {
  int run = 0;
  for (std::size_t i = 0; i < line.size();) {
    char32_t cp = next_code_point(line, i);
    if (cp == '.' || cp == '_' || cp == 0x00B7 || cp == 0x2024 || cp == 0x2219) ++run;
    else if (cp == 0x2026) run += 3;  // "…"
    else if (cp != ' ' && cp != '\t') run = 0;
    if (run >= 3) return true;
  }
  return false;
}

// The parts of a heading line between "/", "|", "–", "—", " - " (and, with
// `parentheses`, "(" and ")"): "References (Список літератури)", "Bibliography / Библиография".
// At most eight parts; more make no heading (an empty result).
std::vector<std::string_view> heading_parts(std::string_view line, bool parentheses) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (std::size_t i = 0; i < line.size();) {
    std::size_t at = i;
    char32_t cp = next_code_point(line, i);
    bool cut = cp == '/' || cp == '|' || cp == 0x2013 || cp == 0x2014 || cp == 0xFF0F ||
               (parentheses && (cp == '(' || cp == ')' || cp == 0xFF08 || cp == 0xFF09)) ||
               (cp == '-' && at > 0 && line[at - 1] == ' ' && i < line.size() && line[i] == ' ');
    if (!cut) continue;
    parts.push_back(line.substr(start, at - start));
    start = i;
    if (parts.size() > 8) return {};
  }
  parts.push_back(line.substr(start));
  return parts;
}

// `words` are a heading of `phrases` with a short label after it: "Appendix 1", "Table S2",
// "ملحق رقم ١", "Приложение № 3", "Table 1.2". Up to two label words, after an optional word
// such as "No." or "رقم".
bool matches_labelled_heading(std::vector<std::string> words, const Phrases& phrases,
                              const std::set<std::string>& fillers) {
  static const std::set<std::string> label_words = [] {
    std::set<std::string> s;
    for (auto w : tables::heading_label_words()) s.insert(name_key(w));
    return s;
  }();
  std::size_t labels = 0;
  while (labels < 2 && words.size() > 1 && is_short_label(words.back())) {
    words.pop_back();
    ++labels;
  }
  if (labels == 0) return false;
  if (words.size() > 1 && label_words.count(words.back())) words.pop_back();
  return matches_heading(words, phrases, fillers);
}

// A heading line (its enumerator already stripped) of `phrases`: one phrase with fillers and
// numbering ("List of references"), or several phrases each a heading, one the translation of
// another ("References (Список використаної літератури)", "Литература / References",
// "REFERENCES – REFERÊNCIAS"). A number standing alone beside the words ("152 | References",
// "References – 45") is a running head's or a contents line's page, and dot leaders are a
// contents line's. With `labels`, a short label may follow each phrase ("Appendix 1").
bool matches_heading_line(std::string_view body, const Phrases& phrases,
                          const std::set<std::string>& fillers, bool labels) {
  // Every part's words are words of the line: with none that opens a phrase, no part matches
  // (most short lines of a long document end here, keyed once).
  std::vector<std::string> line_words = word_keys(body, 24);
  if (std::none_of(line_words.begin(), line_words.end(),
                   [&](const std::string& w) { return phrases.by_first.count(w) > 0; }))
    return false;
  if (has_leaders(body)) return false;
  if (line_words.size() > 9) line_words.resize(9);
  auto matches = [&](const std::vector<std::string>& words) {
    return matches_heading(words, phrases, fillers) ||
           (labels && matches_labelled_heading(words, phrases, fillers));
  };
  for (auto part : heading_parts(body, false)) {
    auto words = word_keys(part, 9);
    if (!words.empty() && std::all_of(words.begin(), words.end(), [](const std::string& w) { return digits_word(w); }))
      return false;
  }
  if (matches(line_words)) return true;
  std::size_t headed = 0;
  for (auto part : heading_parts(body, true)) {
    auto words = word_keys(part, 9);
    if (words.empty()) continue;
    if (!matches(words)) return false;
    ++headed;
  }
  return headed >= 2;
}

bool plausible_heading_line(std::string_view line) {
  line = trim(line);
  // A heading and its translation ("Список использованных источников и литературы / List of
  // sources and literature") fit in 200 bytes; prose rarely does without a comma.
  if (line.empty() || line.size() > 200) return false;
  if (line.find("://") != std::string_view::npos) return false;
  char last = line.back();
  return last != ',' && last != ';';
}

// The byte offset just past the `count`-th word of `text` (words as word_keys counts them).
std::size_t end_of_words(std::string_view text, std::size_t count) {
  std::size_t seen = 0;
  bool in_word = false;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t at = i;
    char32_t cp = next_code_point(text, i);
    bool word = is_word_char(cp) || cp == 0x0640 || is_digit(cp);
    if (in_word && !word && ++seen == count) return at;
    in_word = word;
  }
  return text.size();
}

// What follows a terminator's words makes its line the closing block of a journal's layout:
// nothing, a colon, a date ("3 May 2023", "12.05.2020", "May 3, 2023", "٢٠٢٢/٣/١٢") or an
// address ("E-mail: ivan@…"). "accepted for publication in Nature 12: 33-45." and
// "accepted. J. Biol. Chem." are an entry's words wrapped onto the next line.
bool closing_block_follows(std::string_view rest) {
  rest = trim(rest);
  if (rest.empty() || rest[0] == ':' || rest.substr(0, 3) == "\uFF1A") return true;
  // An e-mail address (not the "@" of a link such as "https://medium.com/@user").
  // `rest` is at most 80 bytes (the line's opening): scanning around each "@" stays cheap.
  for (std::size_t at = rest.find('@'); at != std::string_view::npos; at = rest.find('@', at + 1)) {
    std::size_t b = at, e = at;
    while (b > 0 && rest[b - 1] != ' ' && rest[b - 1] != '\t') --b;
    while (e < rest.size() && rest[e] != ' ' && rest[e] != '\t') ++e;
    std::string_view token = rest.substr(b, e - b);
    if (at > b && token.find('/') == std::string_view::npos && token.find('.', at - b) != std::string_view::npos)
      return true;
  }
  std::size_t i = 0;
  while (i < rest.size()) {
    std::size_t j = i;
    char32_t cp = next_code_point(rest, j);
    if (cp != ' ' && cp != '\t' && cp != '-' && cp != 0x2013 && cp != 0x2014 && cp != ',' && cp != '.') break;
    i = j;
  }
  std::string folded = fold_digits(utf8_prefix(rest.substr(i), 48));
  static const RE2 numeric(R"(^\d{1,4}[./\-]\d{1,2}[./\-]\d{1,4}(?:\D|$))");
  static const RE2 day_month(R"(^\d{1,2}(?:st|nd|rd|th|er|\.)?\s+(\pL+))");
  static const RE2 month_first(R"(^(\pL+)\.?\s+\d{1,4}(?:\D|$))");
  if (RE2::PartialMatch(folded, numeric)) return true;
  std::string month;
  return (RE2::PartialMatch(folded, day_month, &month) || RE2::PartialMatch(folded, month_first, &month)) &&
         tables::month_number(name_key(month)) > 0;
}

}  // namespace

// Outside the unnamed namespace so that tests reach it (tests/test_reference_headings.cpp).
bool is_back_matter_heading(std::string_view line) {
  // A line that opens a journal's closing block ("Поступила в редакцию 10.05.2023",
  // "Received: 3 May 2023") ends the list: a terminator's words, then what such a block
  // puts after them (closing_block_follows). The words alone are not enough: "accepted",
  // "received", "published" also open the wrapped lines of entries.
  static const std::vector<std::vector<std::string>> terminators = [] {
    std::vector<std::vector<std::string>> v;
    for (auto t : tables::list_terminators()) v.push_back(word_keys(t));
    return v;
  }();
  // The opening words are enough, and a long line costs no more than a short one.
  std::string_view opening = trim(line);
  if (opening.size() > 80) {
    std::size_t cut = 80;
    while (cut > 0 && (static_cast<unsigned char>(opening[cut]) & 0xC0) == 0x80) --cut;
    opening = opening.substr(0, cut);
  }
  // Keyed word by word: most lines differ from every terminator at their first word.
  const auto first = word_keys(opening, 1);
  if (!first.empty() && std::any_of(terminators.begin(), terminators.end(), [&](const auto& t) {
        return !t.empty() && t[0] == first[0];
      })) {
    auto words = word_keys(opening);
    for (const auto& t : terminators)
      if (!t.empty() && words.size() >= t.size() && std::equal(t.begin(), t.end(), words.begin()) &&
          closing_block_follows(opening.substr(end_of_words(opening, t.size()))))
        return true;
  }
  if (!plausible_heading_line(line)) return false;
  const auto& h = heading_tables();
  // Back matter is often labelled ("Appendix 1", "Приложение А", "ملحق رقم ١", "Table 2").
  return matches_heading_line(trim(strip_enumerator(line)), h.back_matter, h.fillers, true);
}

namespace {

// An entry's first line: "Family, G." / "Family, Given" / "فرحان ، كرار", or a short name and
// its year with more after it ("Okuma Kültürü Platformu. (2022). …", "Crisis Group 2020.
// Getting…"). "Berkeley: University Press, 1992." and "Jerome, 1997." are tails of entries.
bool looks_like_entry_start(std::string_view line) {
  static const RE2 name_comma(
      R"(^(?:\p{Lu}[\pL\pM'’\-]+(?:\s+\p{Lu}[\pL\pM'’\-]+){0,2}|[\p{Lo}\pM]+(?:\s[\p{Lo}\pM]+){0,2})\s*[,،]\s*\pL)");
  static const RE2 name_year(
      R"(^[^0-9:;()\[\]]{2,70}?[\s.,]\(?((?:1[3-9]|20)[0-9]{2})[a-z]?\)?\s*[.,:]\s+\S+\s+\S)");
  // "EPICTETO. Disertaciones…", "WORLD BANK. Global…", "DIÓN DE PRUSA. Discursos…": an author
  // (a classic, an institution) in capitals, a full stop, the title (ABNT and its kin).
  static const RE2 capitals_stop(R"(^\p{Lu}[\p{Lu}\pM'’\-]{2,}(?:\s+\p{Lu}[\p{Lu}\pM'’\-]*){0,4}\.\s+\p{Lu}\p{Ll})");
  std::string_view t = trim(line);
  if (RE2::PartialMatch(t, name_comma) || RE2::PartialMatch(t, capitals_stop)) return true;
  std::string folded = fold_digits(t.substr(0, 200));
  return RE2::PartialMatch(folded, name_year);
}

// "______", "ـــــــ", "———": the rule above a page's footnotes.
bool is_footnote_rule(std::string_view line) {
  line = trim(line);
  if (line.size() < 3) return false;
  std::size_t count = 0;
  for (std::size_t i = 0; i < line.size();) {
    char32_t cp = next_code_point(line, i);
    if (cp != '_' && cp != 0x2014 && cp != 0x2013 && cp != 0x0640 && cp != '-' && cp != 0x2015 && cp != 0x2500) return false;
    ++count;
  }
  return count >= 5;
}

bool starts_with_bullet(std::string_view line, std::size_t& text_begin) {
  std::string_view t = line;
  std::size_t lead = 0;
  while (lead < t.size() && (t[lead] == ' ' || t[lead] == '\t' || t[lead] == '\f')) ++lead;
  std::size_t i = lead;
  if (i >= t.size()) return false;
  char32_t cp = next_code_point(t, i);
  bool bullet = cp == 0x2022 || cp == 0x25AA || cp == 0x25CF || cp == 0x25E6 || cp == 0x2023 ||
                cp == 0x2219 || cp == 0x00B7 || cp == '*' || cp == 0x2013 || cp == '-' || cp == 0x25A0;
  if (!bullet || i >= t.size() || (t[i] != ' ' && t[i] != '\t')) return false;
  while (i < t.size() && (t[i] == ' ' || t[i] == '\t')) ++i;
  if (i >= t.size()) return false;
  text_begin = i;
  return true;
}

std::size_t indentation(std::string_view line) {
  std::size_t n = 0;
  while (n < line.size() && (line[n] == ' ' || line[n] == '\t' || line[n] == '\f')) ++n;
  return n;
}

}  // namespace

// "الف) ", "ب) ", "a) ", "(c) ", "IV. ", "3 - ": an enumerator before a heading's words.
std::string_view strip_enumerator(std::string_view line) {
  static const RE2 re(R"(^\s*\(?(?:\pL{1,3}|\pN{1,3}|[IVXivx]{1,4})\s*[).:\-–]\s+)");
  re2::StringPiece in(line.data(), line.size());
  if (RE2::Consume(&in, re)) return std::string_view(in.data(), in.size());
  return line;
}

// Inside a list, a short line of nothing but words for kinds of sources ("أولاً: الكتب",
// "Books", "ثانياً: البحوث والمجلات") heads a sub-section.
bool is_source_kind_heading(std::string_view line) {
  if (!plausible_heading_line(line)) return false;
  auto words = word_keys(strip_enumerator(line));
  if (words.empty() || words.size() > 6) return false;
  const auto& t = heading_tables();
  for (const auto& w : words)
    if (!t.fillers.count(w) || is_numbering(w)) return false;
  return true;
}

bool is_reference_heading(std::string_view line) {
  if (!plausible_heading_line(line)) return false;
  const auto& t = heading_tables();
  // No label after a reference heading: "References 45" is a contents line.
  return matches_heading_line(trim(strip_enumerator(line)), t.phrases, t.fillers, false);
}

std::optional<std::string> entry_label(std::string_view line, int& value, std::size_t& text_begin) {
  std::size_t i = indentation(line);
  auto skip_spaces = [&](std::size_t& k) {
    while (k < line.size() && (line[k] == ' ' || line[k] == '\t')) ++k;
  };
  auto digits = [&](std::size_t& k, std::string& printed, int& v) {
    std::size_t start = k;
    v = 0;
    int count = 0;
    while (k < line.size()) {
      std::size_t j = k;
      int d = digit_value(next_code_point(line, j));
      if (d < 0) break;
      if (count < 9) v = v * 10 + d;  // "8446744073" is no label; its value stays bounded
      ++count;
      k = j;
    }
    printed = std::string(line.substr(start, k - start));
    return count >= 1 && count <= 4;
  };
  std::string printed;
  std::size_t k = i;
  if (k >= line.size()) return std::nullopt;
  char open = line[k];
  if (open == '[' || open == '(') {
    ++k;
    if (!digits(k, printed, value)) return std::nullopt;
    if (k >= line.size() || line[k] != (open == '[' ? ']' : ')')) return std::nullopt;
    ++k;
  } else if (open == '-' || (static_cast<unsigned char>(open) == 0xE2 && line.substr(k, 3) == "\u2013")) {
    k += open == '-' ? 1 : 3;
    skip_spaces(k);
    if (!digits(k, printed, value)) return std::nullopt;
    skip_spaces(k);
    if (k < line.size() && line[k] == '-') ++k;
    else if (line.substr(k, 3) == "\u2013") k += 3;
    else return std::nullopt;
  } else {
    if (!digits(k, printed, value)) return std::nullopt;
    std::size_t after_digits = k;
    skip_spaces(k);
    if (k < line.size() && (line[k] == '.' || line[k] == ')' || line[k] == '-')) {
      ++k;
    } else if (line.substr(k, 3) == "\u2013" || line.substr(k, 2) == "\u06D4") {
      k += line.substr(k, 3) == "\u2013" ? 3 : 2;
    } else {
      return std::nullopt;
    }
    // "2020-2021" or "1.5" are not labels: the label's punctuation is followed by a space.
    if (k < line.size() && line[k] != ' ' && line[k] != '\t' && k == after_digits + 1) {
      std::size_t j = k;
      char32_t next = next_code_point(line, j);
      if (is_digit(next)) return std::nullopt;
    }
  }
  skip_spaces(k);
  if (k >= line.size()) return std::nullopt;
  // "2019. DOI: …" or "(2019): 77-95." continue an entry: a year is never a label.
  if (value >= 1300 && value <= 2099) return std::nullopt;
  text_begin = k;
  return printed;
}

namespace {

// "4 The model…": one to three digits (any digit system), a space, then a letter — a note
// body's opening, which no unnumbered entry has (entries open with a name or a title).
bool starts_with_note_number(std::string_view line) {
  std::size_t i = 0, digits = 0;
  while (i < line.size() && line[i] == ' ') ++i;
  while (i < line.size()) {
    std::size_t at = i;
    char32_t cp = next_code_point(line, i);
    if (is_digit(cp)) {
      ++digits;
      continue;
    }
    i = at;
    break;
  }
  if (digits == 0 || digits > 3 || i >= line.size() || line[i] != ' ') return false;
  while (i < line.size() && line[i] == ' ') ++i;
  if (i >= line.size()) return false;
  return is_letter(next_code_point(line, i));
}

}  // namespace

ReferenceListLayout find_reference_list(const Document& doc, const PageLayout& layout,
                                        const std::vector<ByteRange>& links) {
  return find_reference_list(doc, layout, links, default_line_models());
}

}  // namespace citecheck

namespace citecheck::list_rules {

bool back_matter_heading(std::string_view line) { return is_back_matter_heading(line); }
bool footnote_rule(std::string_view line) { return is_footnote_rule(line); }
bool note_number_opening(std::string_view line) { return starts_with_note_number(line); }
bool bullet(std::string_view line, std::size_t& text_begin) { return starts_with_bullet(line, text_begin); }
std::size_t indentation(std::string_view line) { return citecheck::indentation(line); }
bool source_kind_heading(std::string_view line) { return is_source_kind_heading(line); }
bool entry_start_shape(std::string_view line) { return looks_like_entry_start(line); }

}  // namespace citecheck::list_rules
