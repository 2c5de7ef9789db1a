#include "parsers/unicode_text.hpp"

#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/ustring.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>

#include <algorithm>
#include <cstdint>
#include <array>
#include <map>
#include <memory>

namespace citecheck {

namespace detail {

namespace {
std::uint8_t classes_of(char32_t cp) {
  auto c = static_cast<UChar32>(cp);
  std::uint8_t f = 0;
  auto t = u_charType(c);
  if (u_isalpha(c)) f |= kLetter;
  if (t == U_NON_SPACING_MARK || t == U_COMBINING_SPACING_MARK || t == U_ENCLOSING_MARK) f |= kMark;
  if (t == U_DECIMAL_DIGIT_NUMBER) f |= kDigit;
  if (u_isUWhiteSpace(c)) f |= kSpace;
  if (u_isupper(c)) f |= kUpper;
  if (u_islower(c)) f |= kLower;
  if (c >= 0x80 && u_hasBinaryProperty(c, UCHAR_NFKD_INERT)) {
    if (!u_hasBinaryProperty(c, UCHAR_CHANGES_WHEN_CASEFOLDED)) {
      f |= kKeyKeeps;
    } else {
      // Full case folding to one code point is the simple folding u_foldCase gives.
      UChar src[2], dst[4];
      int32_t n = 0;
      U16_APPEND_UNSAFE(src, n, c);
      UErrorCode err = U_ZERO_ERROR;
      int32_t m = u_strFoldCase(dst, 4, src, n, U_FOLD_CASE_DEFAULT, &err);
      UChar32 folded = u_foldCase(c, U_FOLD_CASE_DEFAULT);
      if (U_SUCCESS(err) && m == U16_LENGTH(folded) && u_hasBinaryProperty(folded, UCHAR_NFKD_INERT) &&
          !u_hasBinaryProperty(folded, UCHAR_CHANGES_WHEN_CASEFOLDED))
        f |= kKeyFolds;
    }
  }
  return f;
}
}  // namespace

const std::uint8_t* build_bmp_classes() {
  // A constant table, computed once (thread-safe static initialisation).
  static const std::vector<std::uint8_t> table = [] {
    std::vector<std::uint8_t> t(0x10000);
    // Blocks whose code points share every property by definition (unified ideographs, Hangul
    // syllables, surrogates, private use) are classified once: half the BMP, built in half the time.
    constexpr std::pair<char32_t, char32_t> kUniform[] = {
        {0x4E00, 0x9FFF}, {0xAC00, 0xD7A3}, {0xD800, 0xDFFF}, {0xE000, 0xF8FF}};
    for (char32_t cp = 0; cp < 0x10000;) {
      const auto* block = std::find_if(std::begin(kUniform), std::end(kUniform),
                                       [&](const auto& b) { return b.first == cp; });
      if (block != std::end(kUniform)) {
        std::fill(t.begin() + cp, t.begin() + block->second + 1, classes_of(cp));
        cp = block->second + 1;
      } else {
        t[cp] = classes_of(cp);
        ++cp;
      }
    }
    return t;
  }();
  return table.data();
}

bool classify_slow(char32_t cp, std::uint8_t mask) { return (classes_of(cp) & mask) != 0; }

}  // namespace detail

char32_t previous_code_point(std::string_view s, std::size_t& i) {
  if (i == 0) return 0;
  std::size_t j = i - 1;
  while (j > 0 && (static_cast<unsigned char>(s[j]) & 0xC0) == 0x80) --j;
  std::size_t k = j;
  char32_t cp = next_code_point(s, k);
  i = j;
  return cp;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

int digit_value_slow(char32_t cp) {
  if (!is_digit(cp)) return -1;
  return u_charDigitValue(static_cast<UChar32>(cp));
}



bool is_lower_in_cased_script(char32_t cp) {
  bool cased_block = cp < 0x0590 || (cp >= 0x1E00 && cp <= 0x1FFF) || (cp >= 0x2C60 && cp <= 0x2C7F) ||
                     (cp >= 0xA640 && cp <= 0xA69F) || (cp >= 0xA720 && cp <= 0xA7FF);
  return cased_block && is_lower(cp);
}

bool is_rtl(char32_t cp) {
  if (cp < 0x590) return false;
  auto d = u_charDirection(static_cast<UChar32>(cp));
  return d == U_RIGHT_TO_LEFT || d == U_RIGHT_TO_LEFT_ARABIC;
}

bool is_closing_punctuation(char32_t cp) {
  switch (cp) {
    case '.': case ',': case ';': case ':': case ')': case ']': case '"': case '\'':
    case 0x201D: case 0x201C: case 0x2019: case 0x00BB: case 0x00AB: case 0x060C:
    case 0x061B: case 0x06D4: case 0x3002: case 0xFF0C: case 0x201E: case 0x2018:
      return true;
    default:
      return false;
  }
}

std::string fold_digits(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    if (static_cast<unsigned char>(text[i]) < 0x80) { out.push_back(text[i++]); continue; }
    std::size_t start = i;
    char32_t cp = next_code_point(text, i);
    int d = digit_value(cp);
    if (d >= 0) out.push_back(static_cast<char>('0' + d));
    else out.append(text.substr(start, i - start));
  }
  return out;
}

namespace {

char32_t fold_arabic_variant(char32_t cp) {
  switch (cp) {
    case 0x0623: case 0x0625: case 0x0622: case 0x0671: return 0x0627;  // alef forms
    case 0x0629: return 0x0647;                                          // teh marbuta
    case 0x0649: return 0x064A;                                          // alef maksura
    case 0x0624: return 0x0648;                                          // waw hamza
    case 0x0626: return 0x064A;                                          // yeh hamza
    case 0x06CC: return 0x064A;                                          // Persian yeh
    case 0x06A9: return 0x0643;                                          // Persian keheh
    case 0x0131: return 'i';                                             // dotless i
    default: return cp;
  }
}

icu::UnicodeString to_unicode(std::string_view s) {
  return icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
}

std::string to_utf8(const icu::UnicodeString& u) {
  std::string out;
  u.toUTF8String(out);
  return out;
}

}  // namespace

namespace {
bool is_ascii(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}
}  // namespace

namespace {
// Keys code point by code point where NFKD and folding act on each alone (see kKeyKeeps):
// false, with `out` unfinished, at the first code point that needs ICU.
bool name_key_without_icu(std::string_view name, std::string& out) {
  const std::uint8_t* classes = detail::bmp_classes();
  for (std::size_t i = 0; i < name.size();) {
    const std::size_t start = i;
    char32_t c = next_code_point(name, i);
    if (c < 0x80) {
      if (c >= '0' && c <= '9') out.push_back(static_cast<char>(c));
      else if (c >= 'A' && c <= 'Z') out.push_back(static_cast<char>(c + ('a' - 'A')));
      else if (c >= 'a' && c <= 'z') out.push_back(static_cast<char>(c));
      continue;
    }
    if (c >= 0x10000) return false;
    std::uint8_t f = classes[c];
    const bool kept = (f & detail::kKeyKeeps) != 0;
    if (!kept) {
      if (!(f & detail::kKeyFolds)) return false;
      c = static_cast<char32_t>(u_foldCase(static_cast<UChar32>(c), U_FOLD_CASE_DEFAULT));
      f = classes[c];
    }
    if (f & detail::kDigit) { out.push_back(static_cast<char>('0' + u_charDigitValue(static_cast<UChar32>(c)))); continue; }
    if (!(f & detail::kLetter) || c == 0x0640) continue;  // marks, punctuation, tatweel
    const char32_t folded = fold_arabic_variant(c);
    if (kept && folded == c) out.append(name.substr(start, i - start));
    else append_utf8(out, folded);
  }
  return true;
}
}  // namespace

std::string name_key(std::string_view name) {
  // Most words of most scripts need no normalisation: kept off ICU.
  std::string out;
  out.reserve(name.size());
  if (name_key_without_icu(name, out)) return out;
  return detail::name_key_by_icu(name);
}

namespace detail {
std::string name_key_by_icu(std::string_view name) {
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nfkd = icu::Normalizer2::getNFKDInstance(err);
  icu::UnicodeString u = to_unicode(name);
  if (U_SUCCESS(err)) u = nfkd->normalize(u, err);
  u.foldCase();
  std::string out;
  for (int32_t i = 0; i < u.length();) {
    UChar32 cp = u.char32At(i);
    i += U16_LENGTH(cp);
    char32_t c = fold_arabic_variant(static_cast<char32_t>(cp));
    if (c == 0x0640) continue;  // tatweel
    int d = digit_value(c);
    if (d >= 0) { out.push_back(static_cast<char>('0' + d)); continue; }
    if (!is_letter(c)) continue;  // marks (harakat, accents after NFKD), punctuation, spaces
    append_utf8(out, c);
  }
  return out;
}
}  // namespace detail

std::vector<std::string> word_keys(std::string_view s, std::size_t max_words, bool with_digits) {
  std::vector<std::string> out;
  constexpr std::size_t kNone = std::string_view::npos;
  std::size_t word_begin = kNone;  // a word's characters are contiguous: keyed from a view
  for (std::size_t i = 0; i <= s.size() && out.size() < max_words;) {
    std::size_t start = i;
    char32_t cp = i < s.size() ? next_code_point(s, i) : 0;
    if (i == start) ++i;
    if (cp && (is_word_char(cp) || cp == 0x0640 || (with_digits && is_digit(cp)))) {
      if (word_begin == kNone) word_begin = start;
    } else if (word_begin != kNone) {
      std::string k = name_key(s.substr(word_begin, start - word_begin));
      if (!k.empty()) out.push_back(std::move(k));
      word_begin = kNone;
    }
  }
  return out;
}

std::string transliteration_skeleton(std::string_view name, bool keep_semivowels) {
  // The Arabic article is dropped where it is written as one: "ال" opening an Arabic-script
  // word, "al-"/"el-"/"Al " before a Latin one. "Aliyev" and "Алиев" keep their "al".
  std::string source;
  {
    std::size_t i = 0;
    bool word_start = true;
    while (i < name.size()) {
      if (word_start && name.substr(i, 4) == "\u0627\u0644" && name.size() - i > 6) { i += 4; word_start = false; continue; }
      std::size_t st = i;
      char32_t cp = next_code_point(name, i);
      word_start = is_space(cp) || cp == '-';
      source.append(name.substr(st, i - st));
    }
  }
  std::string ascii;
  if (is_ascii(source)) {
    // ASCII is Latin already: the transliterator would only lower its case, at a hundred
    // times the cost.
    ascii = lower_ascii(source);
  } else {
    // One transliterator per thread: ICU transliterators are costly to build and not
    // safe to share between threads.
    thread_local std::unique_ptr<icu::Transliterator> translit = [] {
      UErrorCode err = U_ZERO_ERROR;
      std::unique_ptr<icu::Transliterator> t(icu::Transliterator::createInstance(
          "Any-Latin; Latin-ASCII; Lower", UTRANS_FORWARD, err));
      if (U_FAILURE(err)) t.reset();
      return t;
    }();
    icu::UnicodeString u = to_unicode(source);
    if (translit) translit->transliterate(u);
    else u.toLower();
    ascii = to_utf8(u);
  }
  std::string letters;
  for (char c : ascii)
    if (c >= 'a' && c <= 'z') letters.push_back(c);
    else if (c == ' ' || c == '-') letters.push_back(' ');
  std::string words;
  std::size_t i = 0;
  while (i < letters.size()) {
    while (i < letters.size() && letters[i] == ' ') ++i;
    std::size_t j = i;
    while (j < letters.size() && letters[j] != ' ') ++j;
    std::string_view w(letters.data() + i, j - i);
    if ((w == "al" || w == "el") && j < letters.size()) w = {};  // "Al-Obaidi", "el Hajj"
    words.append(w);
    i = j;
  }
  // Digraphs to one letter, vowels (and, unless kept, semivowels) out, doubles collapsed.
  std::string out;
  for (std::size_t k = 0; k < words.size(); ++k) {
    char c = words[k];
    char n = k + 1 < words.size() ? words[k + 1] : 0;
    if (n == 'h' && (c == 'k' || c == 's' || c == 't' || c == 'd' || c == 'g' || c == 'p' || c == 'z')) {
      c = c == 'k' ? 'x' : c == 'p' ? 'f' : c;
      ++k;
    } else if (c == 'q') {
      c = 'k';
    } else if (c == 'c' && n != 'h') {
      c = 'k';
    } else if (c == 'e' || c == 'a' || c == 'i' || c == 'o' || c == 'u' || c == 'y') {
      continue;
    } else if (c == 'w' || c == 'v') {
      // Arabic and Persian write u/o and w/v with one letter (و): a semivowel to one
      // transliteration is a consonant to another, so both forms are compared.
      if (!keep_semivowels) continue;
      c = 'v';
    } else if (c == 'z') {
      c = 'd';  // ض ذ ظ: "d" to Arabic transliteration, "z" to Persian
    }
    if (!out.empty() && out.back() == c) continue;
    out.push_back(c);
  }
  return out;
}

bool one_slip_apart(std::string_view a, std::string_view b) {
  std::u32string x, y;
  for (std::size_t i = 0; i < a.size();) x.push_back(next_code_point(a, i));
  for (std::size_t i = 0; i < b.size();) y.push_back(next_code_point(b, i));
  if (x == y) return false;
  if (x.size() > y.size()) std::swap(x, y);
  if (y.size() - x.size() > 1) return false;
  std::size_t i = 0;
  while (i < x.size() && x[i] == y[i]) ++i;
  if (x.size() < y.size()) return x.compare(i, std::u32string::npos, y, i + 1, std::u32string::npos) == 0;
  if (x.compare(i + 1, std::u32string::npos, y, i + 1, std::u32string::npos) == 0) return true;
  return i + 1 < x.size() && x[i] == y[i + 1] && x[i + 1] == y[i] &&
         x.compare(i + 2, std::u32string::npos, y, i + 2, std::u32string::npos) == 0;
}

std::vector<std::string> japanese_family_prefixes(std::string_view key, const std::vector<std::string>& scripts) {
  std::vector<std::string> out;
  if (std::find(scripts.begin(), scripts.end(), "Hira") == scripts.end() &&
      std::find(scripts.begin(), scripts.end(), "Kana") == scripts.end())
    return out;
  std::size_t k = 0;
  const std::string sc = key.empty() ? std::string() : script_code(next_code_point(key, k));
  if (sc != "Hani" && sc != "Hira" && sc != "Kana") return out;
  const std::size_t letters = code_point_count(key);
  std::size_t end = k;  // after the first letter
  for (std::size_t n = 2; n <= 3 && n < letters; ++n) {
    next_code_point(key, end);
    out.emplace_back(key.substr(0, end));
  }
  return out;
}

bool inflected_form(std::string_view word, std::string_view name) {
  if (word == name) return true;
  if (code_point_count(name) < 5) return false;
  std::size_t stem_end = name.size();
  previous_code_point(name, stem_end);
  std::string_view stem = name.substr(0, stem_end);
  if (word.size() < stem.size() || word.compare(0, stem.size(), stem) != 0) return false;
  std::size_t ending = code_point_count(word.substr(stem.size()));
  return ending <= 3 && word.size() != stem.size();
}

std::string script_code(char32_t cp) {
  if (cp < 0x80) return is_letter(cp) ? "Latn" : "";
  UErrorCode err = U_ZERO_ERROR;
  UScriptCode sc = uscript_getScript(static_cast<UChar32>(cp), &err);
  if (U_FAILURE(err) || sc == USCRIPT_COMMON || sc == USCRIPT_INHERITED || sc == USCRIPT_UNKNOWN)
    return "";
  const char* name = uscript_getShortName(sc);
  return name ? name : "";
}

namespace {

std::vector<std::pair<std::string, std::size_t>> script_counts(std::string_view text) {
  // Letters of the Basic Multilingual Plane of a long text are looked up once each: a manuscript
  // uses a few hundred distinct letters, so ICU is asked a few hundred times, not once per letter.
  constexpr std::int16_t kUnknown = -2, kNone = -1;
  std::vector<std::int16_t> memo;
  std::vector<std::size_t> counts(USCRIPT_CODE_LIMIT, 0);
  auto classify = [](char32_t cp) -> std::int16_t {
    if (!u_isalpha(static_cast<UChar32>(cp))) return kNone;
    UErrorCode err = U_ZERO_ERROR;
    UScriptCode sc = uscript_getScript(static_cast<UChar32>(cp), &err);
    if (U_FAILURE(err) || sc == USCRIPT_COMMON || sc == USCRIPT_INHERITED || sc < 0 || sc >= USCRIPT_CODE_LIMIT)
      return kNone;
    return static_cast<std::int16_t>(sc);
  };
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  // Filling the table costs more than asking ICU about every letter of a name or an entry.
  const bool memoise = n > 4096;
  std::size_t latin = 0;
  for (std::size_t i = 0; i < n;) {
    unsigned char c = p[i];
    if (c < 0x80) {
      latin += ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
      ++i;
      continue;
    }
    char32_t cp = next_code_point(text, i);
    std::int16_t sc;
    if (cp < 0x10000 && memoise) {
      if (memo.empty()) memo.assign(0x10000, kUnknown);
      sc = memo[cp];
      if (sc == kUnknown) sc = memo[cp] = classify(cp);
    } else {
      sc = classify(cp);
    }
    if (sc >= 0) ++counts[static_cast<std::size_t>(sc)];
  }
  counts[USCRIPT_LATIN] += latin;
  std::vector<std::pair<std::string, std::size_t>> out;
  for (std::size_t sc = 0; sc < counts.size(); ++sc) {
    if (!counts[sc]) continue;
    const char* name = uscript_getShortName(static_cast<UScriptCode>(sc));
    if (name) out.emplace_back(name, counts[sc]);
  }
  std::stable_sort(out.begin(), out.end(), [](auto& a, auto& b) { return a.second > b.second; });
  return out;
}

}  // namespace

std::string dominant_script(std::string_view text) {
  auto counts = script_counts(text);
  return counts.empty() ? "" : counts.front().first;
}

std::vector<std::string> scripts_of(std::string_view text) {
  auto counts = script_counts(text);
  std::size_t total = 0;
  for (auto& c : counts) total += c.second;
  std::vector<std::string> out;
  for (auto& [name, n] : counts)
    // A few stray letters (a symbol, one foreign word) do not make a script of the text.
    if (n >= 20 || n * 100 >= total) out.push_back(name);
  return out;
}

std::string_view trim(std::string_view s) {
  std::size_t b = 0, e = s.size();
  while (b < e) {
    std::size_t i = b;
    char32_t cp = next_code_point(s, i);
    if (!is_space(cp) && cp != 0xA0) break;
    b = i;
  }
  while (e > b) {
    std::size_t i = e;
    char32_t cp = previous_code_point(s, i);
    if (!is_space(cp) && cp != 0xA0) break;
    e = i;
  }
  return s.substr(b, e - b);
}

std::string fold_case(std::string_view s) {
  icu::UnicodeString u = to_unicode(s);
  u.foldCase();
  return to_utf8(u);
}

std::size_t code_point_count(std::string_view s) {
  std::size_t n = 0;
  for (char c : s)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  return n;
}

namespace {

// Levenshtein distance of two short ASCII strings.
std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j)
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

}  // namespace

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

bool skeletons_match(const std::string& a, const std::string& b) {
  if (a.size() < 2 || b.size() < 2) return false;
  if (a == b) return true;
  return std::min(a.size(), b.size()) >= 3 && edit_distance(a, b) <= 1;
}

std::string_view utf8_prefix(std::string_view s, std::size_t max_bytes) {
  if (s.size() <= max_bytes) return s;
  std::size_t n = max_bytes;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return s.substr(0, n);
}

}  // namespace citecheck
