#include "parsers/page_furniture.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "parsers/unicode_text.hpp"

namespace citecheck {

namespace {

const RE2& page_number_pattern() {
  // Digits folded to ASCII first. "12", "- 12 -", "— 12 —", "Page 12", "p. 12", "12 of 30",
  // "[12]" alone. A reference label "12." is not a page number.
  static const RE2 re(R"((?i)^(?:(?:[-–—]\s*)?(?:page\s+|p\.\s*|صفحة\s*|стр\.\s*|გვ\.\s*)?\d{1,4}(?:\s*(?:of|/|من)\s*\d{1,4})?(?:\s*[-–—])?|\[\d{1,4}\]|\d{1,4}\s*[|•·]\s*\S.{0,60}|\S.{0,60}[|•·]\s*\d{1,4})$)");
  return re;
}

const RE2& bare_link_pattern() {
  static const RE2 re(R"((?i)^(?:https?://|mailto:|www\.)\S+$)");
  return re;
}

// The numbers of a short line, at most four: kept in place, not on the heap, since a long
// document has many such lines.
struct Numbers {
  std::array<int, 4> values{};
  std::size_t size = 0;
  const int* begin() const { return values.data(); }
  const int* end() const { return values.data() + size; }
};

// A short line whose words stay while its numbers change: "152 References",
// "References | 153", "Chapter 3 References 87". `key` holds its letters and marks as printed,
// each other run (digits of any system, punctuation, spaces) one space, so all these forms of
// one running head meet; `numbers` its digit runs' values. False when the line has no digit,
// fewer than two letters, more than four numbers or one longer than six digits.

bool numbered_line_key(std::string_view line, std::string& key, Numbers& numbers) {
  key.clear();
  numbers.size = 0;
  std::size_t letters = 0;
  int value = 0, digits = 0;
  bool gap = false;
  for (std::size_t i = 0; i <= line.size();) {
    std::size_t at = i;
    char32_t cp = i < line.size() ? next_code_point(line, i) : 0;
    if (i == at) ++i;
    int d = cp ? digit_value(cp) : -1;
    if (d >= 0) {
      if (++digits > 6) return false;
      value = value * 10 + d;
      gap = true;
      continue;
    }
    if (digits > 0) {
      if (numbers.size == numbers.values.size()) return false;
      numbers.values[numbers.size++] = value;
      value = digits = 0;
    }
    if (cp && (is_letter(cp) || is_mark(cp))) {
      if (gap && !key.empty()) key.push_back(' ');
      gap = false;
      key.append(line.substr(at, i - at));
      ++letters;
    } else {
      gap = true;
    }
  }
  return numbers.size > 0 && letters >= 2;
}

// One short line with numbers, where it stands.
struct NumberedLine {
  int line = 0;            // 1-based
  int page = 0;            // form feeds before it (0 when the document has none)
  int rank = 0;            // its place among the page's non-blank lines, from the top (1 = first)
  Numbers numbers;
};

// Flags the running heads among the lines of one key (in document order). Each line's page
// number is the one of its numbers that the others do not share (the "3" of "Chapter 3" is
// in most of them); lines with no such number, or with several, are not running heads.
// With pages known (form feeds), a page number is the page's ordinal plus a fixed offset:
// lines at a page's top or bottom whose number minus page agrees on three pages are heads,
// which "Ibid., 45." notes that happen to recur at a page's foot never do. Without pages,
// the numbers must rise by one or two at a time, a page's length of lines apart (fifteen
// lines or more per page, and no page more than twice another).
// A printed page number is at least the page's ordinal less a cover page or two; a smaller
// one ("Table 1", "Table 2", "Table 3" at the tops of pages 9 to 11, a book's bibliography
// numbered apart from its front matter) counts from five pages on.
void flag_numbered_heads(const std::vector<NumberedLine>& group, const std::vector<int>& page_lines,
                         bool paged, std::vector<std::uint8_t>& flags) {
  std::unordered_map<int, int> shared;  // value → lines holding it
  for (const auto& g : group) {
    for (const int* v = g.numbers.begin(); v != g.numbers.end(); ++v)
      if (std::find(g.numbers.begin(), v, *v) == v) ++shared[*v];  // once a line
  }
  auto page_number = [&](const NumberedLine& g) {
    int found = -1, count = 0;
    for (int v : g.numbers)
      if (shared[v] * 2 <= static_cast<int>(group.size())) found = v, ++count;
    return count == 1 ? found : -1;
  };
  if (paged) {
    struct Offset { int pages = 0, last_page = -1; };
    std::unordered_map<int, Offset> offsets;
    std::vector<std::pair<int, int>> heads;  // (line, offset)
    for (const auto& g : group) {
      int v = page_number(g);
      int from_bottom = page_lines[static_cast<std::size_t>(g.page)] - g.rank + 1;
      if (v < 0 || (g.rank > 3 && from_bottom > 3)) continue;
      Offset& o = offsets[v - g.page];
      if (o.last_page != g.page) ++o.pages, o.last_page = g.page;
      heads.emplace_back(g.line, v - g.page);
    }
    for (auto [line, offset] : heads) {
      int pages = offsets[offset].pages;
      if (pages >= 5 || (pages >= 3 && offset >= -2)) flags[static_cast<std::size_t>(line - 1)] |= kRunningHead;
    }
    return;
  }
  std::vector<std::pair<int, int>> run;  // (line, number) of the current run
  int last_value = 0, last_line = 0, shortest = 0, longest = 0;
  auto close_run = [&] {
    // The run's first page, counted from the document's start at its longest page length.
    bool page_like = run.size() >= 3 && run.front().second >= (run.front().first - 1) / std::max(longest, 1) - 2;
    if (run.size() >= 5 || page_like)
      for (auto [line, value] : run) flags[static_cast<std::size_t>(line - 1)] |= kRunningHead;
    run.clear();
  };
  for (const auto& g : group) {
    int v = page_number(g);
    if (v < 0) continue;
    int step = v - last_value, per_page = step > 0 ? (g.line - last_line) / step : 0;
    bool next_page = !run.empty() && (step == 1 || step == 2) && per_page >= 15;
    if (next_page && run.size() >= 2 && (per_page > 2 * shortest || longest > 2 * per_page)) {
      // The page lengths disagree: a new run may start at the previous line.
      auto previous = run.back();
      close_run();
      run.push_back(previous);
      shortest = longest = per_page;
    } else if (next_page) {
      shortest = run.size() == 1 ? per_page : std::min(shortest, per_page);
      longest = run.size() == 1 ? per_page : std::max(longest, per_page);
    } else {
      close_run();
    }
    run.emplace_back(g.line, v);
    last_value = v;
    last_line = g.line;
  }
  close_run();
}

}  // namespace

PageLayout detect_page_furniture(const Document& doc) {
  PageLayout layout;
  const int n = doc.line_count();
  layout.flags.assign(static_cast<std::size_t>(n), 0);
  // Where each short line recurs: how often, first and last, and how often at a page's edge.
  // `close` counts repeats fewer than 15 lines after the one before: a page is longer.
  struct Recurrence { int count = 0, first = 0, last = 0, at_edge = 0, close = 0; };
  std::unordered_map<std::string_view, Recurrence> short_lines;
  // Short lines with numbers, counted by a hash of their words (numbered_line_key): only the
  // words that recur are kept with their lines, so a long text costs a count per key.
  std::unordered_map<std::size_t, int> numbered_counts;
  std::vector<int> page_lines(1, 0);  // non-blank lines of each page
  std::string key;
  Numbers numbers;
  auto numbered_hash = [&](std::string_view line) -> std::optional<std::size_t> {
    if (line.size() > 80 || !numbered_line_key(line, key, numbers)) return std::nullopt;
    return std::hash<std::string_view>{}(key);
  };
  for (int i = 1; i <= n; ++i) {
    std::string_view raw = doc.line(i);
    std::uint8_t& f = layout.flags[i - 1];
    if (!raw.empty() && raw[0] == '\f') {
      f |= kPageStart;
      page_lines.push_back(0);
    }
    std::string_view line = trim(raw);
    if (line.empty()) { f |= kBlank; continue; }
    ++page_lines.back();
    bool has_word = false;
    for (std::size_t k = 0; k < line.size();) {
      char32_t cp = next_code_point(line, k);
      if ((is_letter(cp) && cp != 0x0640) || is_digit(cp)) { has_word = true; break; }
    }
    if (!has_word) { f |= kSeparator; continue; }
    if (line.size() <= 90 && RE2::FullMatch(fold_digits(line), page_number_pattern())) f |= kPageNumber;
    if (line.size() < 2000 && RE2::FullMatch(line, bare_link_pattern())) f |= kLinkAnnotation;
    if (line.size() <= 80) {
      Recurrence& r = short_lines[line];
      if (r.count++ == 0) r.first = i;
      else if (i - r.last < 15) ++r.close;
      r.last = i;
      if (!(f & kLinkAnnotation))
        if (auto h = numbered_hash(line)) ++numbered_counts[*h];
    }
  }
  // A short line that recurs at the edges of three or more pages is a running head or foot
  // (journal title, author names). Entries and footnotes never repeat verbatim there.
  // The same pass gathers the numbered lines whose words recur, where they stand; with pages
  // known, only those among the three first or last lines of their page (where heads are).
  const bool paged = page_lines.size() > 1;
  std::unordered_map<std::size_t, std::vector<NumberedLine>> numbered;
  int page = 0, rank = 0;
  // A head stands at a page's edge: with pages known, only its occurrences among the three
  // first or last lines of a page count ("Medline", "(2005)." end entries all down a list).
  if (paged) {
    for (int i = 1; i <= n; ++i) {
      if (layout.flags[i - 1] & kPageStart) ++page, rank = 0;
      if (layout.flags[i - 1] & kBlank) continue;
      ++rank;
      if (rank > 3 && page_lines[static_cast<std::size_t>(page)] - rank >= 3) continue;
      std::string_view line = trim(doc.line(i));
      if (line.size() > 80) continue;
      if (auto it = short_lines.find(line); it != short_lines.end()) ++it->second.at_edge;
    }
    page = 0;
    rank = 0;
  }
  // Without pages, a head comes once a page or two. Repeats a few lines apart are the text's
  // own, and so are repeats chapters apart (a "Bibliography" closing each chapter of a thesis
  // is a heading, however often it comes). A page holds 15 to ~75 lines.
  auto spaced_like_pages = [](const Recurrence& r) {
    if (r.count < 3 || r.close * 5 > r.count - 1) return false;
    const int mean_gap = (r.last - r.first) / (r.count - 1);
    return mean_gap >= 15 && mean_gap <= 150;
  };
  // And it stands where pages meet: most of its copies beside a page number or another such
  // line, or at gaps of the page's length or a multiple of it. "CrossRef Medline" closing one
  // entry in five comes at gaps of 28, 49, 36, 29 lines, away from page numbers.
  std::unordered_set<std::string_view> unpaged_heads;
  if (!paged) {
    std::unordered_map<std::string_view, std::vector<int>> at;
    for (int i = 1; i <= n; ++i) {
      if (layout.flags[i - 1] & kBlank) continue;
      std::string_view line = trim(doc.line(i));
      if (line.empty() || line.size() > 80) continue;
      if (auto it = short_lines.find(line); it != short_lines.end() && spaced_like_pages(it->second))
        at[line].push_back(i);
    }
    // Lines of a head of several lines ("bioRxiv preprint", "doi:", "The copyright holder…")
    // stand beside each other.
    std::vector<char> recurring_at(static_cast<std::size_t>(n) + 1, 0);
    for (const auto& [line, lines] : at)
      for (int i : lines) recurring_at[static_cast<std::size_t>(i)] = 1;
    for (const auto& [line, lines] : at) {
      std::vector<int> gaps;
      for (std::size_t k = 1; k < lines.size(); ++k) gaps.push_back(lines[k] - lines[k - 1]);
      std::vector<int> sorted = gaps;
      std::nth_element(sorted.begin(), sorted.begin() + static_cast<long>(sorted.size() / 2), sorted.end());
      const int page_length = sorted[sorted.size() / 2];
      const int slack = std::max(2, page_length / 12);
      std::size_t regular = 0, beside_page_edge = 0;
      for (int g : gaps) {
        const int pages = std::max(1, (g + page_length / 2) / page_length);
        regular += std::abs(g - pages * page_length) <= slack;
      }
      for (int i : lines)
        for (int j = std::max(1, i - 3); j <= std::min(n, i + 3); ++j)
          if ((layout.flags[j - 1] & kPageNumber) || (j != i && std::abs(j - i) <= 2 && recurring_at[j])) {
            ++beside_page_edge;
            break;
          }
      if (regular * 5 >= gaps.size() * 3 || beside_page_edge * 5 >= lines.size() * 3) unpaged_heads.insert(line);
    }
  }
  auto running_head = [&](std::string_view line, const Recurrence& r) {
    return paged ? r.at_edge >= 3 : unpaged_heads.count(line) > 0;
  };
  for (int i = 1; i <= n; ++i) {
    if (layout.flags[i - 1] & kPageStart) ++page, rank = 0;
    if (layout.flags[i - 1] & kBlank) continue;
    ++rank;
    std::string_view line = trim(doc.line(i));
    if (line.empty() || line.size() > 80) continue;
    if (layout.flags[i - 1] & (kLinkAnnotation | kSeparator)) continue;
    const bool edge = !paged || rank <= 3 || page_lines[static_cast<std::size_t>(page)] - rank < 3;
    auto it = short_lines.find(line);
    if (edge && it != short_lines.end() && running_head(line, it->second)) layout.flags[i - 1] |= kRunningHead;
    if (paged && rank > 3 && page_lines[static_cast<std::size_t>(page)] - rank >= 3) continue;
    if (auto h = numbered_hash(line); h && numbered_counts[*h] >= 3)
      numbered[*h].push_back({i, page, rank, numbers});
  }
  // A running head that carries the page's number differs on every page ("152 References",
  // "References 153"): it recurs by its words, with its number changing with the page.
  // (Two different words meeting by their hash only pool their lines: each must still agree
  // with its pages.)
  for (const auto& [words, group] : numbered)
    if (group.size() >= 3) flag_numbered_heads(group, page_lines, paged, layout.flags);
  return layout;
}

}  // namespace citecheck
