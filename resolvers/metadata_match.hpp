// metadata_match.hpp — does a DOI's registered metadata (Crossref, DataCite) name the work the
// manuscript cites? Titles by normalised word overlap in any script, years within a year
// (and across the Hijri calendars), first authors by name key or transliteration skeleton.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "src/model.hpp"  // RegisteredWork

namespace citecheck {

// 0..1: how far two titles share their words. NFKC/NFKD, case, diacritics, punctuation,
// digits of any script and tags (<i>, <sub>, <mml:math>) and entities are folded away;
// Chinese and Japanese are compared by character bigrams. The score is the larger of the
// Dice coefficient and the containment of the shorter title in the longer (when the shorter
// has at least three words, two of them content words), so a subtitle present on one side
// only still scores high. Words of one or two letters weigh a quarter, of three letters a half
// ("of", "the", "في", "и" do not make two titles alike). 0 when either has no words.
double title_similarity(std::string_view a, std::string_view b);

struct FieldComparison {
  std::string field;       // "title", "year", "first author"
  std::string cited, registered;
  bool agrees = false;
  std::string note;        // "in another script (Arab, Latn): not compared", "compared in transliteration", …
};

struct MetadataVerdict {
  bool mismatch = false;
  std::vector<FieldComparison> fields;  // only the fields both sides give
};

struct CitedWork {
  std::optional<std::string> title;
  std::optional<int> year;
  std::optional<std::string> first_family;
  std::string first_family_script_hint;  // ISO 15924 of the reference entry, when the name alone does not tell
};

// Compares what the manuscript cites with what the DOI is registered for.
// Title: agrees at similarity >= 0.75 with the title, any other title, or title + ": " +
// other title; < 0.5 in the same script is a clear disagreement. A title in another script
// is compared in transliteration, and otherwise not compared (agrees, with a note).
// Year: agrees within one year of any registered date (a Solar or lunar Hijri year counts
// as its Gregorian years). First author: agrees with the first or second registered family
// name by name key, by containment ("Berg" in "van den Berg"), or by transliteration skeleton.
// mismatch: the title clearly disagrees; or year and author both disagree; or one of them
// disagrees and the title was compared without agreeing (0.5–0.75).
MetadataVerdict compare_metadata(const CitedWork& cited, const RegisteredWork& registered);

}  // namespace citecheck
