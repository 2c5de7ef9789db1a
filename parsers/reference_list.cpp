#include "parsers/reference_list.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "parsers/scripts/tables.hpp"
#include "parsers/unicode_text.hpp"

namespace citecheck {

std::string_view strip_enumerator(std::string_view line);

namespace {

struct HeadingTables {
  std::vector<std::vector<std::string>> phrases;
  std::set<std::string> fillers;
  std::vector<std::vector<std::string>> back_matter;
};

const HeadingTables& heading_tables() {
  static const HeadingTables t = [] {
    HeadingTables h;
    for (auto p : tables::reference_headings()) h.phrases.push_back(word_keys(p));
    for (auto f : tables::heading_fillers()) {
      for (auto& w : word_keys(f)) h.fillers.insert(w);
    }
    for (auto p : tables::back_matter_headings()) h.back_matter.push_back(word_keys(p));
    // Longest phrases first, so "список литературы" wins over "литература".
    std::sort(h.phrases.begin(), h.phrases.end(),
              [](const auto& a, const auto& b) { return a.size() > b.size(); });
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
bool matches_heading(const std::vector<std::string>& words,
                     const std::vector<std::vector<std::string>>& phrases,
                     const std::set<std::string>& fillers) {
  if (words.empty() || words.size() > 8) return false;
  for (const auto& phrase : phrases) {
    if (phrase.empty() || phrase.size() > words.size()) continue;
    for (std::size_t at = 0; at + phrase.size() <= words.size(); ++at) {
      if (!std::equal(phrase.begin(), phrase.end(), words.begin() + static_cast<long>(at))) continue;
      bool rest_ok = true;
      for (std::size_t k = 0; k < words.size() && rest_ok; ++k) {
        if (k >= at && k < at + phrase.size()) continue;
        // Leading numbering ("7.", "IV.") only; a trailing number is a page (a contents line).
        if (is_numbering(words[k])) rest_ok = k < at;
        else rest_ok = fillers.count(words[k]) > 0;
      }
      if (rest_ok) return true;
    }
  }
  return false;
}

bool plausible_heading_line(std::string_view line) {
  line = trim(line);
  if (line.empty() || line.size() > 120) return false;
  if (line.find("://") != std::string_view::npos) return false;
  char last = line.back();
  return last != ',' && last != ';';
}

bool is_back_matter_heading(std::string_view line) {
  // A line that opens a journal's closing block ("Поступила в редакцию 10.05.2023",
  // "Received: 3 May 2023") ends the list whatever follows on it.
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
  auto words = word_keys(opening);
  for (const auto& t : terminators)
    if (!t.empty() && words.size() >= t.size() && std::equal(t.begin(), t.end(), words.begin())) return true;
  if (!plausible_heading_line(line)) return false;
  const auto& h = heading_tables();
  return matches_heading(word_keys(strip_enumerator(line)), h.back_matter, h.fillers);
}

const RE2& year_anywhere() {
  static const RE2 re(R"((?:^|[^0-9])(1[5-9][0-9][0-9]|20[0-9][0-9])(?:[^0-9]|$))");
  return re;
}
const RE2& name_comma_start() {
  // "Family, Given", "Family ، Given", "FAMILY, G."
  static const RE2 re(R"(^[\pL\pM'’\-]{2,}(?:\s[\pL\pM'’\-]+)?\s*[,،]\s*\pL)");
  return re;
}

bool looks_like_entry_start(std::string_view line);

bool entry_like(std::string_view line) {
  int value;
  std::size_t text_begin;
  if (entry_label(line, value, text_begin)) return true;
  if (looks_like_entry_start(line)) return true;
  std::string folded = fold_digits(line);
  // Prose cites: a bracket holding a name and a year ("(Rahimov & Keller, 2021, 12)") marks a
  // line of the text, not of the list (whose "(2020)" holds a year alone).
  static const RE2 cited(R"(\([^()]*\pL[^()]*(?:1[3-9]|20)\d\d[^()]*\))");
  if (RE2::PartialMatch(folded, cited)) return false;
  if (RE2::PartialMatch(folded, year_anywhere())) return true;
  if (line.find("http") != std::string_view::npos || line.find("doi") != std::string_view::npos ||
      line.find("DOI") != std::string_view::npos || line.find("www.") != std::string_view::npos)
    return true;
  return RE2::PartialMatch(trim(line), name_comma_start());
}

bool ends_entry(std::string_view line) {
  line = trim(line);
  if (line.empty()) return true;
  std::size_t k = line.size();
  char32_t last = previous_code_point(line, k);
  if (last == '.' || last == '>' || last == ')' || last == ']' || last == 0x06D4) return true;
  // A line that ends in a link (or the wrapped tail of one) ends its entry.
  std::size_t sp = line.rfind(' ');
  std::string_view token = sp == std::string_view::npos ? line : line.substr(sp + 1);
  return token.find("://") != std::string_view::npos || token.find("doi.org") != std::string_view::npos ||
         (token.find('/') != std::string_view::npos && token.find('.') != std::string_view::npos) ||
         (token.find('?') != std::string_view::npos && token.find('=') != std::string_view::npos);
}

// An entry's first line: "Family, G." / "Family, Given" / "فرحان ، كرار", or a short name and
// its year with more after it ("Okuma Kültürü Platformu. (2022). …", "Crisis Group 2020.
// Getting…"). "Berkeley: University Press, 1992." and "Jerome, 1997." are tails of entries.
bool looks_like_entry_start(std::string_view line) {
  static const RE2 name_comma(
      R"(^(?:\p{Lu}[\pL\pM'’\-]+(?:\s+\p{Lu}[\pL\pM'’\-]+){0,2}|[\p{Lo}\pM]+(?:\s[\p{Lo}\pM]+){0,2})\s*[,،]\s*\pL)");
  static const RE2 name_year(
      R"(^[^0-9:;()\[\]]{2,70}?[\s.,]\(?((?:1[3-9]|20)[0-9]{2})[a-z]?\)?\s*[.,:]\s+\S+\s+\S)");
  std::string_view t = trim(line);
  if (RE2::PartialMatch(t, name_comma)) return true;
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
  return matches_heading(word_keys(strip_enumerator(line)), t.phrases, t.fillers);
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
  ReferenceListLayout out;
  auto ends_with_link = [&](int line) {
    std::size_t end = doc.line_end(line);
    std::string_view l = doc.line(line);
    std::size_t content_end = doc.line_begin(line) + (trim(l).empty() ? 0 : (trim(l).data() - l.data()) + trim(l).size());
    auto it = std::upper_bound(links.begin(), links.end(), content_end,
                               [](std::size_t o, const ByteRange& r) { return o < r.begin; });
    if (it == links.begin()) return false;
    --it;
    // The link ends at the line's end, allowing trailing punctuation and a closing '>'.
    return it->end <= end && it->end + 3 >= content_end && it->end > doc.line_begin(line);
  };
  const int n = doc.line_count();
  std::vector<int> headings;
  for (int i = 1; i <= n; ++i) {
    if (layout.furniture(i)) continue;
    if (is_reference_heading(doc.line(i))) headings.push_back(i);
  }
  if (headings.empty()) return out;

  int list_end = n;
  // A candidate belongs to the list when the lines up to the next candidate are mostly
  // entries; walking back from the last one finds where the list starts.
  // Judged by its first forty lines: prose after the list (an appendix without a heading the
  // table knows) does not make the list disappear.
  auto region_is_entries = [&](int from, int to) {
    int lines = 0, entries = 0;
    for (int i = from; i <= to && lines < 40; ++i) {
      if (layout.furniture(i) || layout.has(i, kLinkAnnotation)) continue;
      if (is_back_matter_heading(doc.line(i))) break;
      ++lines;
      if (entry_like(doc.line(i))) ++entries;
    }
    return lines == 0 ? 0 : (entries * 2 >= lines ? 1 : -1);
  };
  std::size_t first = headings.size();
  for (std::size_t h = headings.size(); h-- > 0;) {
    int to = h + 1 < headings.size() ? headings[h + 1] - 1 : n;
    int verdict = region_is_entries(headings[h] + 1, to);
    bool last = h + 1 == headings.size();
    if (verdict < 0 || (last && verdict == 0)) {
      if (first == headings.size() && last) continue;  // the last heading heads no list; try earlier
      break;
    }
    first = h;
  }
  if (first == headings.size()) return out;

  int heading_line = headings[first];
  for (int i = heading_line + 1; i <= n; ++i) {
    if (!layout.furniture(i) && is_back_matter_heading(doc.line(i))) { list_end = i - 1; break; }
  }
  std::set<int> section_lines(headings.begin() + static_cast<long>(first) + 1, headings.end());
  out.first_line = heading_line;
  out.last_line = list_end;
  out.info.present = true;
  out.info.heading = std::string(trim(doc.line(heading_line)));
  out.info.heading_line = heading_line;

  // Numbered when labelled lines outnumber the rest of the entry-like starts.
  int labelled = 0;
  for (int i = heading_line + 1; i <= list_end; ++i) {
    int v;
    std::size_t tb;
    if (!layout.furniture(i) && entry_label(doc.line(i), v, tb)) ++labelled;
  }
  out.numbered = labelled >= 2;

  bool blank_separated = false;
  if (!out.numbered) {
    // Count the blank gaps between two text lines only (not those after the heading).
    // Every text line after a gap must open an entry, or the gaps are only page breaks.
    int blanks_between = 0, text_lines = 0;
    bool seen_text = false, gap = false, gaps_open_entries = true;
    for (int i = heading_line + 1; i <= list_end; ++i) {
      if (layout.has(i, kBlank)) { gap = seen_text; continue; }
      if (layout.furniture(i)) continue;
      if (gap) {
        ++blanks_between;
        std::size_t bt;
        std::string_view l = doc.line(i);
        if (!looks_like_entry_start(l) && !(starts_with_bullet(l, bt) && looks_like_entry_start(l.substr(bt))))
          gaps_open_entries = false;
      }
      gap = false;
      seen_text = true;
      ++text_lines;
    }
    blank_separated = blanks_between >= 1 && gaps_open_entries && blanks_between * 3 >= text_lines - 1;
  }
  std::size_t base_indent = std::string::npos;
  std::vector<std::size_t> lengths;
  for (int i = heading_line + 1; i <= list_end; ++i) {
    if (layout.furniture(i)) continue;
    base_indent = std::min(base_indent, indentation(doc.line(i)));
    lengths.push_back(code_point_count(trim(doc.line(i))));
  }
  // A PDF wraps long entries at the right margin: when many lines are about as long as the
  // longest, a line that reaches the margin is followed by the rest of its entry even when
  // it happens to end with a full stop.
  std::size_t margin = 0;
  bool wrapped_layout = false;
  if (lengths.size() >= 4) {
    std::vector<std::size_t> sorted_lengths = lengths;
    std::sort(sorted_lengths.begin(), sorted_lengths.end());
    margin = sorted_lengths[sorted_lengths.size() * 9 / 10];
    std::size_t near_margin = 0;
    for (auto l : lengths) near_margin += l * 10 >= margin * 9;
    wrapped_layout = margin >= 50 && near_margin * 10 >= lengths.size() * 3;
  }
  // Hanging indent is a layout of the whole list; a lone indented line is a page start of
  // the extraction (" Bryman, A. (2016)…"), not a continuation.
  std::size_t indented = 0, counted = 0;
  for (int i = heading_line + 1; i <= list_end; ++i) {
    if (layout.furniture(i)) continue;
    ++counted;
    if (indentation(doc.line(i)) > base_indent) ++indented;
  }
  const bool hanging_layout = counted >= 3 && indented * 10 >= counted * 3;
  auto reaches_margin = [&](int line) {
    return wrapped_layout && code_point_count(trim(doc.line(line))) * 100 >= margin * 85;
  };

  std::string section;
  int expected = 0;  // next label in a numbered list; 0 = any
  bool after_blank = true;
  EntryLines* current = nullptr;
  auto start_entry = [&](int line, std::string label, std::size_t text_begin) {
    out.entries.push_back({});
    EntryLines& e = out.entries.back();
    e.label = std::move(label);
    e.section = section;
    e.first_line = e.last_line = line;
    std::size_t lb = doc.line_begin(line);
    e.bytes = {lb + indentation(doc.line(line)), doc.line_end(line)};
    e.text = std::string(trim(doc.line(line).substr(text_begin)));
    current = &e;
  };
  auto continue_entry = [&](int line) {
    current->last_line = line;
    current->bytes.end = doc.line_end(line);
    current->text.push_back('\n');
    current->text.append(trim(doc.line(line)));
  };

  // The page's footnotes run from `from` to its number, running head or next page; returns
  // the block's last line.
  auto footnote_block_from = [&](int from) {
    int j = from + 1;
    while (j <= list_end && !layout.has(j, kPageNumber) && !layout.has(j, kRunningHead) && !layout.has(j, kPageStart))
      ++j;
    out.footnote_blocks.emplace_back(from, j - 1);
    return j - 1;
  };
  for (int i = heading_line + 1; i <= list_end; ++i) {
    if (is_footnote_rule(doc.line(i))) {
      i = footnote_block_from(i);
      continue;
    }
    if (layout.has(i, kBlank)) { after_blank = true; continue; }
    if (layout.furniture(i)) continue;
    std::string_view line = doc.line(i);
    // Word and LibreOffice draw the footnote rule rather than print it: on a page of an
    // unnumbered list, a block after a blank line that opens with a bare note number ("4 The
    // model…") and runs to the page's end is the page's footnotes.
    if (!out.numbered && after_blank && starts_with_note_number(line)) {
      i = footnote_block_from(i);
      continue;
    }
    if (section_lines.count(i) || is_source_kind_heading(line)) {
      section = std::string(trim(line));
      out.info.sections.push_back({section, i});
      expected = 0;
      current = nullptr;
      after_blank = true;
      continue;
    }
    int value = 0;
    std::size_t text_begin = 0;
    auto label = entry_label(line, value, text_begin);
    bool blank_before = after_blank;
    after_blank = false;
    if (out.numbered) {
      bool in_sequence = label && (expected == 0 || value == expected || value == 1 ||
                                   (value > expected && value <= expected + 2));
      // A bullet ("•", not a dash that may begin "- 2023 …") opens an entry in a numbered list
      // too: lists mix them ("١- …" for books, "• …" for reports).
      std::size_t bullet_at = 0;
      if (!label && starts_with_bullet(line, bullet_at) && trim(line).substr(0, 1) != "-" &&
          looks_like_entry_start(line.substr(bullet_at))) {
        start_entry(i, "", bullet_at);
        continue;
      }
      if (in_sequence) {
        start_entry(i, *label, text_begin);
        expected = value + 1;
      } else if (current) {
        continue_entry(i);
      } else if (!layout.has(i, kLinkAnnotation)) {
        start_entry(i, "", indentation(line));
      }
      continue;
    }
    std::size_t bullet_text = 0;
    bool bullet = starts_with_bullet(line, bullet_text);
    bool starts_new;
    if (!current) starts_new = true;
    else if (bullet) starts_new = looks_like_entry_start(line.substr(bullet_text)) ||
                                 !is_digit(next_code_point(line, bullet_text));
    else if (blank_separated) starts_new = blank_before;
    else if (hanging_layout && indentation(line) > base_indent) starts_new = false;  // hanging indent
    else starts_new = (ends_entry(doc.line(current->last_line)) || ends_with_link(current->last_line)) &&
                      (!reaches_margin(current->last_line) || looks_like_entry_start(line));
    // A line that begins with a link or lower-case text continues the entry before it.
    std::string_view t = trim(line);
    if (starts_new && current && !bullet) {
      std::size_t k = 0;
      char32_t first_cp = next_code_point(t, k);
      static const RE2 continuation(R"((?i)^(?:https?:|www\.|doi\b|url\b|<|\[\d|\(\d|available|retrieved|accessed|\d))");
      if (RE2::PartialMatch(fold_digits(t.substr(0, 40)), continuation) || is_lower_in_cased_script(first_cp))
        starts_new = false;
    }
    if (starts_new) start_entry(i, "", bullet ? bullet_text : indentation(line));
    else continue_entry(i);
  }
  return out;
}

}  // namespace citecheck
