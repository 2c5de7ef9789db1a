// unicode_text.hpp — the Unicode knowledge the parsers share (ICU underneath): decoding,
// digits of every script, letters, scripts, and the keys names are compared by.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace citecheck {

// Decodes the code point at text[i] (text is valid UTF-8) and advances i past it.
inline char32_t next_code_point(std::string_view s, std::size_t& i) {
  auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) { ++i; return c; }
  int n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
  if (n == 1 || i + static_cast<std::size_t>(n) > s.size()) { ++i; return 0xFFFD; }
  char32_t cp = c & (0x7F >> n);
  for (int k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  i += static_cast<std::size_t>(n);
  return cp;
}
// Decodes the code point that ends just before text[i] and moves i back to its start.
char32_t previous_code_point(std::string_view text, std::size_t& i);
void append_utf8(std::string& out, char32_t cp);

namespace detail {
// Character classes of the Basic Multilingual Plane, built from ICU once.
enum : std::uint8_t { kLetter = 1, kMark = 2, kDigit = 4, kSpace = 8, kUpper = 16, kLower = 32,
                      // name_key's fast path: NFKD leaves the code point alone and never touches
                      // its neighbours, and case folding keeps it (kKeyKeeps) or maps it to one
                      // such code point (kKeyFolds).
                      kKeyKeeps = 64, kKeyFolds = 128 };
const std::uint8_t* build_bmp_classes();
// Asked for every character of the text: inline, so that the lookup is a load, not a call.
inline const std::uint8_t* bmp_classes() {
  static const std::uint8_t* const table = build_bmp_classes();
  return table;
}
bool classify_slow(char32_t cp, std::uint8_t mask);
inline bool has_class(char32_t cp, std::uint8_t mask) {
  if (cp < 0x10000) return (bmp_classes()[cp] & mask) != 0;
  return classify_slow(cp, mask);
}
}  // namespace detail

inline bool is_letter(char32_t cp) {  // general category L*
  if (cp < 0x80) return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
  return detail::has_class(cp, detail::kLetter);
}
inline bool is_mark(char32_t cp) { return cp >= 0x300 && detail::has_class(cp, detail::kMark); }  // Mn Mc Me
inline bool is_word_char(char32_t cp) {  // letter or mark
  if (cp < 0x80) return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
  return detail::has_class(cp, detail::kLetter | detail::kMark);
}
inline bool is_digit(char32_t cp) {  // Nd in any script
  if (cp < 0x80) return cp >= '0' && cp <= '9';
  return detail::has_class(cp, detail::kDigit);
}
int digit_value_slow(char32_t cp);
inline int digit_value(char32_t cp) {  // 0-9, or -1
  if (cp < 0x80) return (cp >= '0' && cp <= '9') ? static_cast<int>(cp - '0') : -1;
  return digit_value_slow(cp);
}
inline bool is_space_slow(char32_t cp) {  // White_Space, and the zero-width spaces PDFs leave
  if (cp == 0x200B || cp == 0x200E || cp == 0x200F || cp == 0xFEFF || cp == 0x2060) return true;
  return detail::has_class(cp, detail::kSpace);
}
inline bool is_space(char32_t cp) {  // White_Space
  if (cp < 0x80) return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\f' || cp == '\v' || cp == '\r';
  return is_space_slow(cp);
}
inline bool is_upper(char32_t cp) {
  if (cp < 0x80) return cp >= 'A' && cp <= 'Z';
  return detail::has_class(cp, detail::kUpper);
}
inline bool is_lower(char32_t cp) {
  if (cp < 0x80) return cp >= 'a' && cp <= 'z';
  return detail::has_class(cp, detail::kLower);
}
// Lower case in a script where case marks names (Latin, Greek, Cyrillic, Armenian);
// Georgian Mkhedruli is "lowercase" to Unicode but has no capitalised names.
bool is_lower_in_cased_script(char32_t cp);
bool is_rtl(char32_t cp);         // strong right-to-left (Hebrew, Arabic, Syriac, Thaana, NKo)
// Closing punctuation a footnote marker may follow: . , ; : ” » ) ’ " etc.
bool is_closing_punctuation(char32_t cp);

// ASCII letters lower-cased, every other byte as it is (URLs, host names, header names).
std::string lower_ascii(std::string_view s);

// Replaces every decimal digit of any script (٠-٩, ۰-۹, ０-９, …) by its ASCII digit.
std::string fold_digits(std::string_view text);

// A key names are compared by: NFKD, marks removed, case folded, Arabic letter variants
// (أ إ آ ٱ → ا, ة → ه, ى → ي, ؤ → و, ئ → ي) and tatweel folded, dotless ı → i; only letters
// and digits kept. "Güler" and "Guler", "Aslanlı" and "Aslanli", "أحمد" and "احمد" meet.
std::string name_key(std::string_view name);
namespace detail {
// name_key through ICU's NFKD and case folding, for every word: what the fast path must equal.
std::string name_key_by_icu(std::string_view name);
}  // namespace detail

// The name_keys of a text's words (runs of letters and marks, and of digits when
// `with_digits`), at most `max_words` of them.
std::vector<std::string> word_keys(std::string_view text, std::size_t max_words = static_cast<std::size_t>(-1),
                                   bool with_digits = true);

// A Latin consonant skeleton for comparing a name across scripts ("عبدالحكيم" and
// "Abdel-Hakim" both give "bdlhkm"): transliterated to ASCII, a leading Arabic article
// dropped, vowels and semivowels dropped, doubled letters collapsed.
// `keep_semivowels` keeps w/v (و) as consonants: the two forms are both compared, since
// "يوسف" is "Yusuf" (a vowel) but "Алиев" is "Aliyev" (a consonant).
std::string transliteration_skeleton(std::string_view name, bool keep_semivowels = false);
// Two skeletons name the same person: equal, or (from three letters) one edit apart.
bool skeletons_match(const std::string& a, const std::string& b);
// Whether two names are one typing slip apart: a letter added, dropped, changed, or two
// neighbours swapped ("Getzman" / "Getzmann", "Vygotksy" / "Vygotsky"). Equal names are not.
bool one_slip_apart(std::string_view a, std::string_view b);

// True when `word` (a name_key) is an inflected form of `name` (a name_key): the name less its
// last letter, then an ending of at most three letters ("ბადურაშვილის" of "ბადურაშვილი",
// "Иванова" of "Иванов"). Names shorter than five letters are compared exactly.
bool inflected_form(std::string_view word, std::string_view name);

// The keys a Japanese name printed whole, family before given with no space ("山田太郎"), is
// cited by: its first two and three letters ("山田", "山田太"; "佐々木" of "佐々木次郎"), never
// the whole. Empty for names of fewer than three letters and for other scripts than Han and
// kana. Only for documents in Japanese (with kana among their `scripts`): a Chinese name is
// cited whole ("王明" is no "王明华").
std::vector<std::string> japanese_family_prefixes(std::string_view key, const std::vector<std::string>& scripts);

// ISO 15924 code ("Latn", "Arab", "Geor", …) of a code point's script; "" for common.
std::string script_code(char32_t cp);
// The script most of the letters of a text are in ("" when it has none).
std::string dominant_script(std::string_view text);
// Scripts that make up a noticeable share of a text's letters, most frequent first.
std::vector<std::string> scripts_of(std::string_view text);

// Trims Unicode white space (and the no-break and zero-width spaces PDFs leave).
std::string_view trim(std::string_view s);
// Case-folds a string (full Unicode folding).
std::string fold_case(std::string_view s);
// Number of code points.
std::size_t code_point_count(std::string_view s);

// The longest prefix of at most `max_bytes` that does not cut a UTF-8 sequence.
std::string_view utf8_prefix(std::string_view s, std::size_t max_bytes);

}  // namespace citecheck
