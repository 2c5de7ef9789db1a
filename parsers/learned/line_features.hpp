// line_features.hpp — what the learned line layer sees of a line: its shape, never its words.
// Token shapes by Unicode category, punctuation and digit patterns, year-like tokens, name-list
// shape, relative indentation and length, position in the page and the document, and the
// same of its neighbours. Because no feature names a word, a model trained on English data
// carries over to Arabic, Georgian or Cyrillic lists (letter case is a feature only where the
// script has it).
#pragma once

#include <cstdint>
#include <vector>

#include "parsers/document.hpp"
#include "parsers/learned/linear_chain.hpp"
#include "parsers/page_furniture.hpp"

namespace citecheck {

// Classes of a line's first and last visible characters.
enum class CharClass : std::uint8_t { None, Upper, Lower, Uncased, Digit, Open, Close, Dash, Quote, Period, Comma,
                                      Semicolon, Colon, Other };

struct LineShape {
  bool blank = true;
  std::uint8_t furniture = 0;   // PageLayout flags
  std::uint16_t indent = 0;     // leading spaces (a tab counts four)
  std::uint32_t length = 0;     // code points of the trimmed line (counted up to a cap)
  CharClass first = CharClass::None, last = CharClass::None;
  std::uint8_t label_kind = 0;  // 0 none, 1 "12.", 2 "[12]", 3 "(12)", 4 "12)", 5 other ("- 12 -")
  int label_value = 0;
  bool name_comma = false;      // "Family, …" / "فرحان ، …": a first word then a comma
  bool caps_word = false;       // an upper-case first word of two letters or more ("SMITH")
  bool name_initials = false;   // "Family AB," / "Family AB " / "Family A.B.": a name, then initials
  bool note_number = false;     // "4 The model…": digits, a space, a letter
  bool dash_run = false;        // "——", "--", "___": an author repeated from the entry above
  bool ends_hyphen = false;     // a word broken at the line's end
  bool ends_link = false;       // the last token is a URL or DOI
  bool has_link = false;
  bool page_range = false;      // "123–145", "pp. 12-19"
  bool volume_issue = false;    // "12(3)", "12:345"
  bool anchor = false;          // a reference-list heading of the tables
  bool back_matter = false;     // a heading that closes a list (appendix, tables, …)
  std::uint8_t years = 0;       // year-like tokens (1300–2099: Hijri years too; any digit system), capped
  std::uint8_t first_year_at = 255;  // code point index of the first, capped; 255 when none
  std::uint8_t initials = 0, early_initials = 0;  // "A." tokens; in the first 30 code points
  std::uint8_t words = 0;       // space-separated tokens, capped
  std::uint8_t digit_tenths = 0, punct_tenths = 0, upper_tenths = 0;  // shares of the line
};

// One shape per line of the document (index = line - 1). Linear; a long line costs no more
// than its first few hundred code points.
std::vector<LineShape> line_shapes(const Document& doc, const PageLayout& layout);

// Features of the zone model, one list per entry of `lines` (1-based line numbers of the
// document's non-blank lines, in order).
std::vector<FeatureList> zone_features(const std::vector<LineShape>& shapes, const std::vector<int>& lines,
                                       std::uint32_t buckets);

// The same one item at a time, so that a long document's features need not all be held at
// once (what the whole sequence contributes is computed when the context is made).
class ZoneFeatureContext {
 public:
  ZoneFeatureContext(const std::vector<LineShape>& shapes, const std::vector<int>& lines);
  void features(std::size_t item, std::uint32_t buckets, FeatureList& out) const;

 private:
  const std::vector<LineShape>& shapes_;
  const std::vector<int>& lines_;
  std::uint32_t full_;
  std::vector<int> last_anchor_;  // per item: the last heading at or before it, -1 when none
};

// The length full lines of `lines` have (their 90th percentile): the right margin of a
// wrapped list or page; 0 for no lines.
std::uint32_t full_length(const std::vector<LineShape>& shapes, const std::vector<int>& lines);

// The lines of [from, to] that carry text of the list: not blank, not page furniture. The
// entry model labels these, in training and at run time alike.
std::vector<int> list_text_lines(const std::vector<LineShape>& shapes, int from, int to);

// Features of the entry model: is each of `lines` (the text lines of one list, in order) the
// first line of an entry, or the continuation of the one above?
std::vector<FeatureList> entry_features(const std::vector<LineShape>& shapes, const std::vector<int>& lines,
                                        std::uint32_t buckets);

}  // namespace citecheck
