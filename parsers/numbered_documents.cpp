#include "parsers/numbered_documents.hpp"

#include <algorithm>
#include <map>

#include "parsers/unicode_text.hpp"

namespace citecheck {

namespace {

bool ascii_digit(char c) { return c >= '0' && c <= '9'; }

// The length of a number sign at `i` ("nº", "n°", "n.º", "no.", "Nr.", "№", "núm."), spaces
// after it included, when a digit follows; 0 otherwise. A sign starts a word.
std::size_t number_sign(std::string_view t, std::size_t i) {
  if (i > 0) {
    std::size_t q = i;
    if (is_word_char(previous_code_point(t, q))) return 0;
  }
  static constexpr std::string_view kSigns[] = {
      "n.\xC2\xBA", "n.\xC2\xB0", "N.\xC2\xBA", "N.\xC2\xB0", "n\xC2\xBA", "n\xC2\xB0", "N\xC2\xBA", "N\xC2\xB0",
      "\xE2\x84\x96", "no.", "No.", "NO.", "nr.", "Nr.", "NR.", "n\xC3\xBAm.", "N\xC3\xBAm.", "Nr", "nr"};
  for (std::string_view s : kSigns) {
    if (t.substr(i, s.size()) != s) continue;
    std::size_t k = i + s.size();
    while (k < t.size() && t[k] == ' ') ++k;
    if (k < t.size() && ascii_digit(t[k]) && k - (i + s.size()) <= 2) return k - i;
  }
  return 0;
}

// A number whose digit groups may be split by a dot or comma before three digits ("13.146",
// "6,949"): its digits and where it ends.
std::string read_number(std::string_view t, std::size_t& k) {
  std::string digits;
  while (k < t.size()) {
    if (ascii_digit(t[k])) { digits.push_back(t[k++]); continue; }
    if ((t[k] == '.' || t[k] == ',') && !digits.empty() && k + 3 < t.size() && ascii_digit(t[k + 1]) && ascii_digit(t[k + 2]) && ascii_digit(t[k + 3]) &&
        (k + 4 >= t.size() || !ascii_digit(t[k + 4]))) {
      k += 1;
      continue;
    }
    break;
  }
  return digits;
}

bool plausible_year(std::string_view y) { return y.size() == 4 && (y.substr(0, 2) == "18" || y.substr(0, 2) == "19" || y.substr(0, 2) == "20"); }

// The year printed right after a document's number: "/2015", or a four-digit year within the
// next few words of the same clause (", de 28 de dezembro de 2016", ", of October 2, 2009").
std::optional<ByteRange> year_after(std::string_view t, std::size_t k) {
  if (k < t.size() && t[k] == '/') {
    std::size_t b = k + 1;
    if (b < t.size() && t[b] == ' ') ++b;  // "13.146/ 2015"
    std::size_t e = b;
    while (e < t.size() && ascii_digit(t[e])) ++e;
    if (e - b == 4 && plausible_year(t.substr(b, 4))) return ByteRange{b, e};
    return std::nullopt;
  }
  const std::size_t stop = std::min(t.size(), k + 50);
  for (std::size_t i = k; i < stop; ++i) {
    const char c = t[i];
    if (c == ')' || c == ';' || c == '(' || c == '[' || c == ']') return std::nullopt;
    if (c == '\n' && i + 1 < t.size() && t[i + 1] == '\n') return std::nullopt;
    if (c == '.' && i + 1 < t.size() && t[i + 1] == ' ') return std::nullopt;  // the clause ends
    if (!ascii_digit(c) || (i > 0 && (ascii_digit(t[i - 1]) || is_word_char(static_cast<unsigned char>(t[i - 1])))))
      continue;
    std::size_t e = i;
    while (e < t.size() && ascii_digit(t[e])) ++e;
    if (e - i == 4 && plausible_year(t.substr(i, 4)) && (e >= t.size() || !is_word_char(static_cast<unsigned char>(t[e]))))
      return ByteRange{i, e};
    i = e;
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> opening_document_number(std::string_view entry) {
  std::string_view t = trim(entry);
  std::size_t words = 0;
  for (std::size_t i = 0; i < t.size() && i < 120;) {
    if (std::size_t sign = number_sign(t, i)) {
      if (words == 0) return std::nullopt;
      std::size_t k = i + sign;
      std::string digits = read_number(t, k);
      if (digits.empty() || digits.size() > 9) return std::nullopt;
      return digits;
    }
    char32_t cp = next_code_point(t, i);
    if (is_letter(cp)) {
      // A word: letters, with "/" and "-" inside ("CNE/CEB").
      while (i < t.size()) {
        std::size_t n = i;
        char32_t c = next_code_point(t, n);
        if (!is_word_char(c) && c != '/' && c != '-') break;
        i = n;
      }
      if (++words > 5) return std::nullopt;
      continue;
    }
    if (cp == ' ' || cp == ',' || cp == '-' || cp == 0x2013) continue;
    return std::nullopt;  // digits, brackets or other marks before any number sign
  }
  return std::nullopt;
}

std::vector<Citation> find_numbered_document_citations(const Document& doc, const std::vector<Reference>& refs,
                                                       const std::vector<ByteRange>& skip,
                                                       const std::vector<ByteRange>& taken) {
  std::vector<Citation> out;
  // Number → the years of the entries that carry it.
  std::map<std::string, std::vector<std::string>, std::less<>> numbers;
  for (const Reference& r : refs)
    if (r.work.number) numbers[*r.work.number].push_back(r.work.year.value_or(""));
  if (numbers.empty()) return out;
  std::string_view t(doc.text);
  for (std::size_t i = 0; i < t.size(); ++i) {
    const char c = t[i];
    if (c != 'n' && c != 'N' && static_cast<unsigned char>(c) != 0xE2) continue;
    std::size_t sign = number_sign(t, i);
    if (!sign || ranges_contain(skip, i) || ranges_contain(taken, i)) continue;
    std::size_t k = i + sign;
    std::string digits = read_number(t, k);
    auto it = numbers.find(digits);
    if (digits.empty() || it == numbers.end()) { i = k; continue; }
    std::optional<ByteRange> year = year_after(t, k);
    const auto& years = it->second;
    if (year) {
      if (std::find(years.begin(), years.end(), std::string(t.substr(year->begin, 4))) == years.end()) { i = k; continue; }
    } else if (digits.size() < 3 || years.size() != 1) {
      i = k;
      continue;  // "no. 4" alone names too many things
    }
    // The document's name as printed: up to three capitalised words before the sign.
    std::size_t name_begin = i;
    {
      std::size_t q = i;
      while (q > 0 && t[q - 1] == ' ') --q;
      for (int w = 0; w < 3 && q > 0; ++w) {
        std::size_t b = q;
        std::size_t p = q;
        char32_t first = 0;
        while (p > 0) {
          std::size_t r = p;
          char32_t cp = previous_code_point(t, r);
          if (!is_word_char(cp)) break;
          first = cp;
          p = r;
        }
        if (p == b || !is_upper(first)) break;
        name_begin = p;
        q = p;
        while (q > 0 && t[q - 1] == ' ') --q;
      }
    }
    Citation cit;
    cit.kind = CitationKind::AuthorDate;
    cit.narrative = true;
    cit.authors.push_back(name_begin < i ? std::string(trim(t.substr(name_begin, i - name_begin)))
                                         : std::string(t.substr(i, sign)));
    if (year) cit.year = std::string(t.substr(year->begin, 4));
    cit.number = digits;
    const std::size_t end = year ? std::max(k, year->end) : k;
    cit.bytes = {name_begin, end};
    cit.raw = std::string(t.substr(name_begin, end - name_begin));
    out.push_back(std::move(cit));
    i = end;
  }
  return out;
}

}  // namespace citecheck
