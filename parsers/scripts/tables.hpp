// tables.hpp — script- and language-specific knowledge, as data. Adding a language is
// adding rows here (plus a test), never a new branch in a detector.
#pragma once

#include <span>
#include <string_view>

namespace citecheck::tables {

// Headings that open a reference list ("References", "المصادر", "ლიტერატურა", …). Compared
// by name_key, so case, diacritics and Arabic letter variants do not matter.
std::span<const std::string_view> reference_headings();
// Words that may stand around a heading word without making it something else:
// "List of", "قائمة", "Список", numbering such as "أولاً", "Part".
std::span<const std::string_view> heading_fillers();
// Headings that end a reference list (appendices, notes, author information, …).
std::span<const std::string_view> back_matter_headings();
// Words between a back-matter heading and its label: "Appendix No. 2", "ملحق رقم 1".
std::span<const std::string_view> heading_label_words();
// Opening words of lines that end a reference list ("Поступила в редакцию 10.05.2023") when
// a colon, a date or an address follows them.
std::span<const std::string_view> list_terminators();
// Headings of an endnotes section ("Notes", "الهوامش", "Примечания", "შენიშვნები").
std::span<const std::string_view> notes_headings();
bool is_notes_heading_key(std::string_view key);

// Words joining two authors: "and", "&", "و", "და", "и", "ve", "und", "et", "y", "e", "i".
std::span<const std::string_view> author_connectors();
// "et al.", "وآخرون", "და სხვ.", "и др.", "ve ark.", … (the key after name_key).
std::span<const std::string_view> et_al_markers();
// "n.d.", "b.g.", "د.ت", "s.d." and the like: no date.
std::span<const std::string_view> no_date_markers();
// Words that turn a parenthesised year into running text: "(in 2020)", "(عام ١٩٩٩)",
// "(2020 წლის)", "(since 1991)".
std::span<const std::string_view> year_context_words();
// Page locator prefixes: "p.", "pp.", "ص", "გვ.", "с.", "S.", "s.", "стр.".
std::span<const std::string_view> locator_prefixes();
// Hosts of URL shorteners.
std::span<const std::string_view> url_shortener_hosts();
// Query parameters that only track the reader (utm_*, fbclid, …); a trailing '*' is a prefix.
std::span<const std::string_view> tracking_parameters();
// True when a query parameter's name only tracks the reader (utm_source, fbclid, …).
bool is_tracking_parameter(std::string_view name);
// Words that introduce a retrieval/access date: "accessed", "retrieved", "تاريخ الاسترداد".
std::span<const std::string_view> access_date_words();
// Month names (any language, as name_key) → month number, for dates in entries: ICU's
// names of every locale (parsers/dates.hpp), 0 for none.
int month_number(std::string_view key);

}  // namespace citecheck::tables

namespace citecheck::tables {
// Words that may open a parenthetical citation: "see", "cf.", "e.g.", "انظر", "იხ.", "см.".
std::span<const std::string_view> citation_prefixes();
std::span<const std::string_view> secondary_source_markers();  // "apud", "citado por", …
// "St.", "Dr.", "Gen.": an abbreviated title or place word opening a parenthetical.
bool is_not_author_abbreviation_key(std::string_view key);
}  // namespace citecheck::tables

namespace citecheck::tables {
// Membership tests on name_key forms, against sets built once from the tables above.
bool is_et_al_key(std::string_view key);
// An "et al." as printed: "т.б.", "u.c.", "jt", "u. a." are markers, but "Т. Б.", "U. C.",
// "J. T." with capitals are a name's initials. `printed` is the marker's first word as printed,
// `key` the name key of the marker (one word or two).
bool is_et_al_marker(std::string_view printed, std::string_view key);
bool is_no_date_key(std::string_view key);
// "in press", "no prelo", "в печати", "قيد النشر": a work accepted but not yet out, in place of
// its year. Keys are the phrase's name_key forms run together.
bool is_in_press_key(std::string_view key);
std::span<const std::string_view> in_press_markers();
bool is_year_context_key(std::string_view key);
bool is_locator_prefix_key(std::string_view key);
bool is_citation_prefix_key(std::string_view key);
// "apud", "cited in", "citado por", "цит. по": the names after it are the listed source's.
bool is_secondary_source_key(std::string_view key);
bool is_connector_key(std::string_view key);  // "and", "و", "და", … (by name_key; "&" too)
}  // namespace citecheck::tables

namespace citecheck::tables {
// Earliest and latest year a citation or entry may carry. Solar Hijri (Persian, ۱۳۹۸) and
// Hijri (Arabic, ١٤٢٠هـ) years are real publication years, hence the low bound.
constexpr int kEarliestYear = 1300, kLatestYear = 2099;
// Era or calendar marks written after a year: "هـ", "ش", "م", "г.", "წ." (name_key forms).
bool is_era_marker_key(std::string_view key);
// Unit and variable abbreviations a digit follows without being a footnote marker:
// "km2", "m²", "كم٢", "χ2", "x2" (name_key forms).
bool is_unit_key(std::string_view key);
}  // namespace citecheck::tables

namespace citecheck::tables {
// Words that make an author an organisation ("Crisis Group", "Türkiye İstatistik Kurumu",
// "المركز العربي…", "Институт экономики"), by name_key.
bool is_organisation_word_key(std::string_view key);
}  // namespace citecheck::tables
