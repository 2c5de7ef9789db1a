#include "parsers/bidi_controls.hpp"

#include <algorithm>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

namespace citecheck {

namespace {

constexpr char32_t kLre = 0x202A, kRle = 0x202B, kPdf = 0x202C;

enum class Bidi { L, R, Num, Neutral };

Bidi bidi_of(char32_t c) {
  switch (u_charDirection(static_cast<UChar32>(c))) {
    case U_LEFT_TO_RIGHT: return Bidi::L;
    case U_RIGHT_TO_LEFT:
    case U_RIGHT_TO_LEFT_ARABIC: return Bidi::R;
    case U_EUROPEAN_NUMBER:
    case U_ARABIC_NUMBER: return Bidi::Num;
    default: return Bidi::Neutral;
  }
}

std::u32string decode(std::string_view s) {
  std::u32string out;
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  int32_t i = 0, n = static_cast<int32_t>(s.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    out.push_back(c < 0 ? 0xFFFD : static_cast<char32_t>(c));
  }
  return out;
}

std::string encode(const std::u32string& s) {
  std::string out;
  for (char32_t c : s) {
    uint8_t buf[4];
    int32_t len = 0;
    UBool error = false;
    U8_APPEND(buf, len, 4, static_cast<UChar32>(c), error);
    if (!error) out.append(reinterpret_cast<const char*>(buf), static_cast<std::size_t>(len));
  }
  return out;
}

// Within a right-to-left line read right to left (`v`), the stretch [b, e) holds no
// right-to-left letter: restore the logical order of its left-to-right parts. A stretch with
// Latin letters is one run ("Smith and Jones 2019", a URL), with the ",.;:" that closes it
// (visually at its right end); a stretch of numbers only is one run per number ("54 (2): 60–95"
// keeps its parentheses and dash in right-to-left order).
void restore_ltr_stretch(std::u32string& v, std::size_t b, std::size_t e) {
  while (b < e && bidi_of(v[b]) == Bidi::Neutral) ++b;
  while (e > b && bidi_of(v[e - 1]) == Bidi::Neutral) --e;
  if (b == e) return;
  bool has_letters = false;
  for (std::size_t i = b; i < e; ++i) has_letters = has_letters || bidi_of(v[i]) == Bidi::L;
  if (has_letters) {
    while (b > 0 && (v[b - 1] == ',' || v[b - 1] == '.' || v[b - 1] == ';' || v[b - 1] == ':')) --b;
    std::reverse(v.begin() + static_cast<std::ptrdiff_t>(b), v.begin() + static_cast<std::ptrdiff_t>(e));
    return;
  }
  // Numbers: digits, with single separators between digits ("1.2", "15,000").
  std::size_t i = b;
  while (i < e) {
    if (bidi_of(v[i]) != Bidi::Num) {
      ++i;
      continue;
    }
    std::size_t j = i + 1;
    while (j < e && (bidi_of(v[j]) == Bidi::Num ||
                     (j + 1 < e && bidi_of(v[j + 1]) == Bidi::Num &&
                      (v[j] == '.' || v[j] == ',' || v[j] == 0x066B || v[j] == 0x066C))))
      ++j;
    std::reverse(v.begin() + static_cast<std::ptrdiff_t>(i), v.begin() + static_cast<std::ptrdiff_t>(j));
    i = j;
  }
}

}  // namespace

std::string logical_line(std::string_view line) {
  if (line.find("\xE2\x80") == std::string_view::npos) return std::string(line);
  std::u32string cps = decode(line);
  bool has_controls = false;
  for (char32_t c : cps) has_controls = has_controls || c == kLre || c == kRle || c == kPdf;
  if (!has_controls) return std::string(line);
  bool rtl_line = cps.size() >= 2 && cps.front() == kRle && cps.back() == kPdf &&
                  std::find(cps.begin() + 1, cps.end(), kRle) == cps.end();
  std::u32string out;
  if (!rtl_line) {
    // A left-to-right line: its right-to-left stretches are already in logical order.
    for (char32_t c : cps)
      if (c != kLre && c != kRle && c != kPdf) out.push_back(c);
    return encode(out);
  }
  // The line read right to left: right-to-left stretches as written, LRE stretches reversed.
  std::u32string v;
  for (std::size_t i = 1; i + 1 < cps.size();) {
    if (cps[i] == kLre) {
      std::size_t j = i + 1;
      while (j + 1 < cps.size() && cps[j] != kPdf) ++j;
      for (std::size_t k = j; k > i + 1; --k)
        if (cps[k - 1] != kLre && cps[k - 1] != kRle) v.push_back(cps[k - 1]);
      i = j + 1;
    } else {
      if (cps[i] != kPdf && cps[i] != kRle) v.push_back(cps[i]);
      ++i;
    }
  }
  bool has_rtl = false;
  for (char32_t c : v) has_rtl = has_rtl || bidi_of(c) == Bidi::R;
  if (!has_rtl) {  // a Latin line (an English reference) on a right-to-left page
    std::reverse(v.begin(), v.end());
    return encode(v);
  }
  std::size_t i = 0;
  while (i < v.size()) {
    if (bidi_of(v[i]) == Bidi::R) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < v.size() && bidi_of(v[j]) != Bidi::R) ++j;
    restore_ltr_stretch(v, i, j);
    i = j;
  }
  return encode(v);
}

bool has_embedding_controls(std::string_view text) {
  for (std::size_t i = text.find("\xE2\x80"); i != std::string_view::npos; i = text.find("\xE2\x80", i + 1))
    if (i + 2 < text.size()) {
      auto c = static_cast<unsigned char>(text[i + 2]);
      if (c >= 0xAA && c <= 0xAC) return true;
    }
  return false;
}

}  // namespace citecheck
