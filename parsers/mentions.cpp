#include "parsers/mentions.hpp"

#include <map>

#include "parsers/unicode_text.hpp"

namespace citecheck {

namespace {

constexpr std::size_t kBefore = 90;  // bytes before the year a name may start: "Searle, em Expression and Meaning (1979)"
constexpr std::size_t kAfter = 40;   // bytes after it a name may end: "1980 | Denslow"

bool name_char(char32_t cp) { return is_word_char(cp) || cp == '-' || cp == '\'' || cp == 0x2019; }

// The stop at `at` ends a sentence: a lower-case letter before it, a capital after the space.
bool sentence_break(std::string_view t, std::size_t at) {
  if (at == 0 || at + 2 >= t.size()) return false;
  std::size_t b = at;
  char32_t before = previous_code_point(t, b);
  std::size_t a = at + 2;
  char32_t after = next_code_point(t, a);
  return is_lower_in_cased_script(before) && is_upper(after);
}

}  // namespace

std::vector<Citation> find_mentions(const Document& doc, const CitationContext& ctx, const std::vector<Citation>& found,
                                    const std::vector<ByteRange>& skip, const std::vector<ByteRange>& taken) {
  std::vector<Citation> out;
  if (ctx.numbered_list || ctx.first_author_years.empty()) return out;
  std::set<std::string> cited;
  for (const Citation& c : found)
    if (!c.authors.empty() && c.year) cited.insert(name_key(c.authors.front()) + "|" + *c.year);
  // Per year, the first family names of the entries of that year no citation names.
  std::map<std::string, std::set<std::string>, std::less<>> wanted;
  for (const std::string& k : ctx.first_author_years) {
    if (cited.count(k)) continue;
    const std::size_t bar = k.rfind('|');
    const std::string year = k.substr(bar + 1);
    if (year.size() != 4 || bar == 0) continue;
    wanted[year].insert(k.substr(0, bar));
  }
  if (wanted.empty()) return out;

  std::string_view t(doc.text);
  for (std::size_t i = 0; i + 4 <= t.size() && !wanted.empty();) {
    if (!(t[i] >= '0' && t[i] <= '9')) { ++i; continue; }
    std::size_t e = i;
    while (e < t.size() && t[e] >= '0' && t[e] <= '9') ++e;
    const std::size_t year_begin = i;
    i = e;
    // Four digits standing alone, not a part of a longer number, code or word.
    if (e - year_begin != 4 || (year_begin > 0 && (is_word_char(static_cast<unsigned char>(t[year_begin - 1])) ||
                                                   t[year_begin - 1] == '.' || t[year_begin - 1] == '/')))
      continue;
    if (e < t.size() && (is_word_char(static_cast<unsigned char>(t[e])) || t[e] == '/')) continue;
    auto it = wanted.find(t.substr(year_begin, 4));
    if (it == wanted.end() || ranges_contain(skip, year_begin) || ranges_contain(taken, year_begin)) continue;

    std::size_t from = year_begin > kBefore ? year_begin - kBefore : 0;
    std::size_t to = std::min(t.size(), e + kAfter);
    // A paragraph break ends the stretch on either side.
    if (std::size_t para = t.substr(from, year_begin - from).rfind("\n\n"); para != std::string_view::npos) from += para + 2;
    if (std::size_t para = t.substr(e, to - e).find("\n\n"); para != std::string_view::npos) to = e + para;
    // So does the end of a sentence: a word in lower case, a full stop, a space, a capital
    // ("Bell wrote later. The project ended in 2001" names no work; "J. R. Searle" goes on).
    for (std::size_t k = year_begin; k > from + 2; --k) {
      if (t[k - 1] == ' ' && (t[k - 2] == '.' || t[k - 2] == '!' || t[k - 2] == '?') && k < year_begin &&
          sentence_break(t, k - 2)) {
        from = k;
        break;
      }
    }
    for (std::size_t k = e; k + 2 < to; ++k) {
      if ((t[k] == '.' || t[k] == '!' || t[k] == '?') && t[k + 1] == ' ' && sentence_break(t, k)) {
        to = k;
        break;
      }
    }
    // Whole words only: start after a non-name character, stop before one.
    while (from > 0 && from < year_begin && (static_cast<unsigned char>(t[from]) & 0xC0) == 0x80) --from;
    while (to < t.size() && (static_cast<unsigned char>(t[to]) & 0xC0) == 0x80) ++to;

    std::optional<ByteRange> name;
    for (std::size_t k = from; k < to;) {
      std::size_t start = k;
      char32_t cp = next_code_point(t, k);
      if (!is_letter(cp)) continue;
      // A word cut by the stretch's start is not looked at.
      if (start == from && from > 0) {
        std::size_t q = from;
        if (name_char(previous_code_point(t, q))) {
          while (k < to) { std::size_t n = k; if (!name_char(next_code_point(t, n))) break; k = n; }
          continue;
        }
      }
      std::size_t end = k;
      while (end < t.size()) { std::size_t n = end; if (!name_char(next_code_point(t, n))) break; end = n; }
      k = end;
      // A name is written with a capital where the script has case ("bell" is no Bell).
      if (is_lower_in_cased_script(cp)) continue;
      if (end > to && end > e + kAfter) continue;
      if (ranges_contain(taken, start) || ranges_contain(skip, start)) continue;
      if (it->second.count(name_key(t.substr(start, end - start)))) {
        // The nearest such name to the year.
        if (!name || (start < year_begin ? year_begin - end : start - e) <
                         (name->begin < year_begin ? year_begin - name->end : name->begin - e))
          name = ByteRange{start, end};
      }
    }
    if (!name) continue;
    Citation c;
    c.kind = CitationKind::AuthorDate;
    c.narrative = true;
    c.authors.push_back(std::string(t.substr(name->begin, name->end - name->begin)));
    c.year = std::string(t.substr(year_begin, 4));
    c.bytes = {std::min(name->begin, year_begin), std::max(name->end, e)};
    c.raw = std::string(t.substr(c.bytes.begin, c.bytes.end - c.bytes.begin));
    it->second.erase(name_key(c.authors.front()));
    if (it->second.empty()) wanted.erase(it);
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace citecheck
