// reference_fields.hpp — splits one bibliographic entry (a reference-list entry or a
// footnote body) into its fields: authors, year, title, container, volume/issue/pages,
// DOI, URLs, access date, ISBN. Script-neutral: the same rules read "Light, Felix. 2023."
// and "الاجودي ، حيدر الحيدر ٢٠١٦ ." and "რონდელი, ალექსანდრე. 2006.".
#pragma once

#include <string_view>
#include <vector>

#include "parsers/identifiers.hpp"
#include "src/model.hpp"

namespace citecheck {

class FieldTagger;

// `text` is the entry without its label (lines joined by '\n'). The rules read names, years,
// identifiers and access dates; the built-in field tagger (parsers/learned/field_tagger.hpp)
// reads title, container, volume, issue and pages.
Work parse_work(std::string_view text);

// Like parse_work, reusing identifiers already found in `text`.
Work parse_work(std::string_view text, const std::vector<FoundIdentifier>& ids);
// With another tagger; nullptr: the rules alone.
Work parse_work(std::string_view text, const std::vector<FoundIdentifier>& ids, const FieldTagger* tagger);
// The rules alone, and the tagger alone (names split by parse_authors): what citecheck-eval
// fields compares.
Work parse_work_rules(std::string_view text, const std::vector<FoundIdentifier>& ids);
Work parse_work_tagged(std::string_view text, const std::vector<FoundIdentifier>& ids, const FieldTagger& tagger);

// Splits a printed author segment ("Farhan, Karar, and Iman Hadi", "فرحان ، كرار و هادي ، ايمان",
// "Crisis Group") into people or an organisation.
std::vector<Person> parse_authors(std::string_view segment);

// A particle of a family name: "van", "de", "von", "al-", "ibn" (any case).
bool is_name_particle(std::string_view word);

// True when a footnote body reads as a citation of a work (authors and a year, or a title
// with a link) rather than a comment.
bool looks_like_work(const Work& work);

}  // namespace citecheck
