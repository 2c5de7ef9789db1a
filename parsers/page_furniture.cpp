#include "parsers/page_furniture.hpp"

#include <re2/re2.h>

#include <string>
#include <unordered_map>

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

}  // namespace

PageLayout detect_page_furniture(const Document& doc) {
  PageLayout layout;
  const int n = doc.line_count();
  layout.flags.assign(static_cast<std::size_t>(n), 0);
  std::unordered_map<std::string_view, int> short_lines;
  for (int i = 1; i <= n; ++i) {
    std::string_view raw = doc.line(i);
    std::uint8_t& f = layout.flags[i - 1];
    if (!raw.empty() && raw[0] == '\f') f |= kPageStart;
    std::string_view line = trim(raw);
    if (line.empty()) { f |= kBlank; continue; }
    bool has_word = false;
    for (std::size_t k = 0; k < line.size();) {
      char32_t cp = next_code_point(line, k);
      if ((is_letter(cp) && cp != 0x0640) || is_digit(cp)) { has_word = true; break; }
    }
    if (!has_word) { f |= kSeparator; continue; }
    if (line.size() <= 90 && RE2::FullMatch(fold_digits(line), page_number_pattern())) f |= kPageNumber;
    if (line.size() < 2000 && RE2::FullMatch(line, bare_link_pattern())) f |= kLinkAnnotation;
    if (line.size() <= 80) ++short_lines[line];
  }
  // A short line that recurs on three or more pages is a running head or foot (journal
  // title, author names). Entries and footnotes never repeat verbatim that often.
  for (int i = 1; i <= n; ++i) {
    std::string_view line = trim(doc.line(i));
    if (line.empty() || line.size() > 80) continue;
    if (layout.flags[i - 1] & (kLinkAnnotation | kSeparator)) continue;
    auto it = short_lines.find(line);
    if (it != short_lines.end() && it->second >= 3) layout.flags[i - 1] |= kRunningHead;
  }
  return layout;
}

}  // namespace citecheck
