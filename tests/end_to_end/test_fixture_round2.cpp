// Focused end-to-end cases for the round-2 fixtures (PDF extractions in the shape of the real
// Georgian and Arabic samples): Arabic footnotes numbered per page, Arabic endnotes, Georgian
// double spacing with a reference list, right-to-left artefacts, Azerbaijani, Ukrainian DSTU,
// Hebrew and Chicago notes-bibliography. Cases tagged "[.bug]" fail because of the tool, not the
// fixture (run them with `citecheck-e2e-tests "[bug]"`); remove the tag once the parser is fixed.
#include <catch2/catch.hpp>

#include "fixture_support.hpp"

using namespace citecheck;
using namespace citecheck::test;

namespace {
const DocumentReport& waqf() { return fixture_report("ar_waqf_court_footnotes.txt"); }
const DocumentReport& water() { return fixture_report("ar_water_endnotes.txt"); }
const DocumentReport& ka2() { return fixture_report("ka_migration_double_spaced.txt"); }
const DocumentReport& rtl() { return fixture_report("ar_food_security_rtl.txt"); }
const DocumentReport& az() { return fixture_report("az_dialect_lexicon.txt"); }
const DocumentReport& uk() { return fixture_report("uk_cooperatives_dstu.txt"); }
const DocumentReport& he() { return fixture_report("he_kibbutz_archives.txt"); }
const DocumentReport& chicago() { return fixture_report("en_chicago_translation_empire.txt"); }

// The footnote whose body starts on `body_line` (nullptr if none).
const Footnote* footnote_with_body(const DocumentReport& r, int body_line) {
  for (const auto& f : r.manuscript.footnotes)
    if (f.body && f.body->line == body_line) return &f;
  return nullptr;
}

// The footnote whose marker is on `marker_line` (nullptr if none).
const Footnote* footnote_with_marker(const DocumentReport& r, int marker_line) {
  for (const auto& f : r.manuscript.footnotes)
    if (f.marker && f.marker->line == marker_line) return &f;
  return nullptr;
}
}  // namespace

// --- ar_waqf_court_footnotes: numbering restarts on every page --------------------------------

TEST_CASE("Arabic footnotes: page 1 '(1)'-'(3)' pair and the numbered questions '1- ...' are text", "[e2e][round2]") {
  const Footnote* f1 = footnote_with_body(waqf(), 29);
  REQUIRE(f1 != nullptr);
  REQUIRE(f1->marker.has_value());
  CHECK(f1->marker->line == 19);
  CHECK(footnote_with_body(waqf(), 23) == nullptr);  // "1- ما الصلاحيات ..."
  CHECK(footnote_with_body(waqf(), 24) == nullptr);
}

TEST_CASE("Arabic footnotes restarting on every page pair with the body of their own page", "[e2e][round2][.bug]") {
  const Footnote* p2 = footnote_with_body(waqf(), 46);  // page 2 "(1) محمد أمين ابن عابدين"
  REQUIRE(p2 != nullptr);
  REQUIRE(p2->marker.has_value());
  CHECK(p2->marker->line == 37);
  const Footnote* p3 = footnote_with_body(waqf(), 62);  // page 3 "1 إبراهيم البيومي غانم" (marker "بنفسه1.")
  REQUIRE(p3 != nullptr);
  REQUIRE(p3->marker.has_value());
  CHECK(p3->marker->line == 56);
  const Footnote* p4 = footnote_with_body(waqf(), 81);  // page 4 "(١) Richard van Leeuwen"
  REQUIRE(p4 != nullptr);
  REQUIRE(p4->marker.has_value());
  CHECK(p4->marker->line == 73);
}

TEST_CASE("Arabic per-page footnotes: marker (4) of page 2 has no body, body (٤) of page 4 no marker", "[e2e][round2][.bug]") {
  CHECK(has_finding(waqf(), "footnote-marker-without-body", 43, 0));
  CHECK(has_finding(waqf(), "footnote-body-without-marker", 86, 0));
  CHECK(has_finding(waqf(), "footnote-sequence-gap", 60, 6));  // page 3 runs 1, 2, 3, 5
  CHECK_FALSE(has_finding(waqf(), "footnote-marker-without-body", 44, 0));  // (5) of page 2 has its body
}

// --- ar_water_endnotes: "الهوامش" and an unnumbered "قائمة المصادر والمراجع" -------------------

TEST_CASE("Arabic endnotes '1- ...' under الهوامش pair with the markers '(1)' in the text", "[e2e][round2][.bug]") {
  const Footnote* e1 = footnote_with_body(water(), 63);
  REQUIRE(e1 != nullptr);
  REQUIRE(e1->marker.has_value());
  CHECK(e1->marker->line == 14);
  const Footnote* e12 = footnote_with_body(water(), 78);  // continues after a page break on line 83
  REQUIRE(e12 != nullptr);
  CHECK(e12->body->end_line == 83);
  CHECK(has_finding(water(), "footnote-marker-without-body", 53, 0));  // (13)
  CHECK(footnote_with_marker(water(), 24) == nullptr);  // "المادتان (5) و(7)" are article numbers
}

TEST_CASE("Unnumbered Arabic entries 'الربيعي، صاحب. ...' are one entry per line", "[e2e][round2]") {
  CHECK(water().manuscript.references.size() == 11);
  const Reference* r = reference_at(water(), 90);
  REQUIRE(r != nullptr);
  CHECK(r->span.line == 90);
  CHECK(r->work.year.value_or("") == "2007");
  const Reference* ani = reference_at(water(), 91);  // "د.ت" = n.d.
  REQUIRE(ani != nullptr);
  CHECK(ani->span.line == 91);
  CHECK(ani->work.year.value_or("") == "n.d.");
}

TEST_CASE("Arabic endnotes: the comma-for-dot DOI and both bit.ly links are reported", "[e2e][round2]") {
  CHECK(has_finding(water(), "invalid-doi", 107, 0));
  CHECK(has_finding(water(), "url-shortener", 77, 0));
  CHECK(has_finding(water(), "url-shortener", 100, 0));
}

// --- ka_migration_double_spaced ----------------------------------------------------------------

TEST_CASE("Georgian double spacing: a citation split over a blank line links", "[e2e][round2]") {
  const Citation* c = citation_at(ka2(), 46, "ლაბაძე");
  REQUIRE(c != nullptr);
  CHECK(c->year.value_or("") == "2012");
  CHECK(linked_line(ka2(), c) == 112);
  CHECK(has_finding(ka2(), "ambiguous-citation", 46, 0));
  CHECK(has_finding(ka2(), "year-mismatch", 42, 0));
}

TEST_CASE("Georgian double spacing: footnote bodies starting with a year pair", "[e2e][round2]") {
  const Footnote* f2 = footnote_with_body(ka2(), 28);  // "2 2002 წლის ..."
  REQUIRE(f2 != nullptr);
  REQUIRE(f2->marker.has_value());
  CHECK(f2->marker->line == 17);
  const Footnote* f5 = footnote_with_body(ka2(), 83);  // "5 2007 წელს ..."
  REQUIRE(f5 != nullptr);
  REQUIRE(f5->marker.has_value());
  CHECK(f5->marker->line == 68);
}

TEST_CASE("Georgian double spacing: an entry opening a new page (' Bryman, ...') is its own entry", "[e2e][round2]") {
  const Reference* r = reference_at(ka2(), 118);
  REQUIRE(r != nullptr);
  CHECK(r->span.line == 118);
  const Citation* c = citation_at(ka2(), 64, "Bryman");
  REQUIRE(c != nullptr);
  CHECK(linked_line(ka2(), c) == 118);
}

TEST_CASE("Georgian double spacing: marker '12)6.' without a body is reported", "[e2e][round2]") {
  CHECK(has_finding(ka2(), "footnote-marker-without-body", 94, 0));
}

// --- ar_food_security_rtl: visual-order extraction ---------------------------------------------

TEST_CASE("RTL artefacts: mirrored parentheses ')الحديثي ٢٠١٧، ٤٥(' are a citation with a wrong year", "[e2e][round2]") {
  const Citation* c = citation_at(rtl(), 15, "الحديثي");
  REQUIRE(c != nullptr);
  CHECK(c->year.value_or("") == "2017");
  CHECK(linked_line(rtl(), c) == 76);
  CHECK(has_finding(rtl(), "year-mismatch", 15, 0));
  const Citation* d = citation_at(rtl(), 52, "الدليمي");
  REQUIRE(d != nullptr);
  CHECK(linked_line(rtl(), d) == 78);
}

TEST_CASE("RTL artefacts: a two-work citation split over two lines links both works", "[e2e][round2]") {
  const Citation* a = citation_at(rtl(), 44, "Al-Ansari");
  const Citation* b = citation_at(rtl(), 44, "الجبوري");
  REQUIRE(a != nullptr);
  REQUIRE(b != nullptr);
  CHECK(linked_line(rtl(), a) == 86);
  CHECK(linked_line(rtl(), b) == 74);
  CHECK(b->year.value_or("") == "2020");
}

TEST_CASE("RTL artefacts: '(FAO 2021' whose ')' moved to the line start is a citation", "[e2e][round2][.bug]") {
  const Citation* c = citation_at(rtl(), 13, "FAO");
  REQUIRE(c != nullptr);
  CHECK(linked_line(rtl(), c) == 90);
  CHECK_FALSE(has_finding(rtl(), "reference-never-cited", 90, 0));
}

TEST_CASE("RTL artefacts: a URL wrapped inside the host name without a hyphen is re-joined", "[e2e][round2][.bug]") {
  CHECK(link_valued(rtl(), LinkKind::Url, "https://www.arabeconomics.example.org/en/food-security-2019") != nullptr);
  CHECK(link_valued(rtl(), LinkKind::Url, "https://www.arab") == nullptr);
  CHECK(has_finding(rtl(), "url-wrapped", 88, 0));
}

TEST_CASE("RTL artefacts: the romanised twin with another URL is a conflict", "[e2e][round2]") {
  CHECK(has_finding(rtl(), "translated-duplicate", 88, 0));
  CHECK(has_finding(rtl(), "conflicting-urls", 88, 0));
}

TEST_CASE("RTL artefacts: '(Nadhir 2016, 150' cites Al-Ansari by his given name", "[e2e][round2]") {
  CHECK(has_finding(rtl(), "author-mismatch", 68, 0));
}

// --- az_dialect_lexicon ------------------------------------------------------------------------

TEST_CASE("Azerbaijani: 'Haciyev' (dotted i) links to the entry 'Hacıyev'", "[e2e][round2]") {
  const Citation* c = citation_at(az(), 48, "Haciyev");
  REQUIRE(c != nullptr);
  CHECK(linked_line(az(), c) == 65);
  CHECK_FALSE(has_finding(az(), "year-mismatch", 48, 0));
}

TEST_CASE("Azerbaijani: 'Qanunun (2002)' (the year of a law) is not a citation", "[e2e][round2]") {
  CHECK(citations_on(az(), 58).empty());
}

TEST_CASE("Azerbaijani: a running head inside an entry does not change the entry's year", "[e2e][round2][.bug]") {
  const Reference* r = reference_at(az(), 68);  // Qasımov ... 2016 / page 56 + running head "... 2021, № 2" / URL
  REQUIRE(r != nullptr);
  CHECK(r->work.year.value_or("") == "2016");
  CHECK_FALSE(has_finding(az(), "year-mismatch", 49, 0));
}

TEST_CASE("Azerbaijani: '(bax: Əliyeva, 201: 33)' with a three-digit year is malformed", "[e2e][round2][.bug]") {
  CHECK(has_finding(az(), "malformed-citation", 59, 0));
}

// --- uk_cooperatives_dstu ----------------------------------------------------------------------

TEST_CASE("Ukrainian DSTU: numeric citations with a page locator '[1, с. 45]' are read", "[e2e][round2][.bug]") {
  const Citation* c = citation_at(uk(), 19, "[1");
  REQUIRE(c != nullptr);
  CHECK(c->kind == CitationKind::Numeric);
  CHECK(c->locator.value_or("") == "45");
  CHECK(linked_line(uk(), c) == 60);
  REQUIRE(citation_at(uk(), 31, "[9") != nullptr);  // "[9, арк. 14]" (folio)
  CHECK(has_finding(uk(), "citation-without-reference", 41, 0));  // [14, с. 203]
}

TEST_CASE("Ukrainian DSTU: an entry cited by number counts for its 'References' copy", "[e2e][round2][.bug]") {
  CHECK_FALSE(has_finding(uk(), "reference-never-cited", 86, 0));  // References 2, cited as [2; 7]
  CHECK_FALSE(has_finding(uk(), "reference-never-cited", 104, 0));  // References 12, cited as [12]
}

TEST_CASE("Ukrainian DSTU: the publication year follows the publisher, not the years in the title", "[e2e][round2][.bug]") {
  const Reference* r12 = reference_at(uk(), 80);  // Голодомор 1932–1933 рр. ... 2007. 1128 с.
  REQUIRE(r12 != nullptr);
  CHECK(r12->work.year.value_or("") == "2007");
  const Reference* r10 = reference_at(uk(), 74);  // Звіт ... за 1923–1924 операційний рік. Вінниця, 1924.
  REQUIRE(r10 != nullptr);
  CHECK(r10->work.year.value_or("") == "1924");
  CHECK(r10->span.end_line == 74);  // the running head with page 43 (line 76) is not part of it
}

TEST_CASE("Ukrainian DSTU: 'DOI: https://doi.org/10.15407uhj...' without the '/' is an invalid DOI", "[e2e][round2][.bug]") {
  CHECK(has_finding(uk(), "invalid-doi", 66, 0));
}

TEST_CASE("Ukrainian DSTU: the Bondar copies give two URLs", "[e2e][round2]") {
  CHECK(has_finding(uk(), "conflicting-urls", 94, 0));
}

// --- he_kibbutz_archives -----------------------------------------------------------------------

TEST_CASE("Hebrew: (כהן, 2018, עמ' 12) is ambiguous between two different כהן of 2018", "[e2e][round2]") {
  CHECK(has_finding(he(), "ambiguous-citation", 16, 0));
  CHECK(has_finding(he(), "duplicate-reference", 58, 0));
  CHECK(has_finding(he(), "url-shortener", 65, 0));
}

TEST_CASE("Hebrew: the prefix ו- joins two authors ('לוי ושרון')", "[e2e][round2][.bug]") {
  const Citation* c = citation_at(he(), 39, "לוי");
  REQUIRE(c != nullptr);
  CHECK(c->authors.size() == 2);
  CHECK(linked_line(he(), c) == 55);
  CHECK_FALSE(has_finding(he(), "reference-never-cited", 55, 0));
}

TEST_CASE("Hebrew: 'ראו גם:' opens a citation and a narrative 'גולדמן (2012)' is read", "[e2e][round2][.bug]") {
  CHECK(has_finding(he(), "year-mismatch", 32, 0));  // (ראו גם: Near, 1997, ...) vs Near 1992
  CHECK(has_finding(he(), "citation-without-reference", 40, 0));  // גולדמן (2012)
}

// --- en_chicago_translation_empire -------------------------------------------------------------

TEST_CASE("Chicago: footnote bodies below the Bibliography heading are footnotes", "[e2e][round2][.bug]") {
  const Footnote* f12 = footnote_with_body(chicago(), 83);
  REQUIRE(f12 != nullptr);
  REQUIRE(f12->marker.has_value());
  CHECK(f12->marker->line == 69);
  CHECK(has_finding(chicago(), "footnote-sequence-gap", 69, 0));
  const Reference* das = reference_at(chicago(), 80);
  REQUIRE(das != nullptr);
  CHECK(das->span.end_line == 90);  // continues after the notes, the page number and the running head
  CHECK(das->work.year.value_or("") == "1987");
}

TEST_CASE("Chicago: 'Place: Publisher, Year.' continuation lines are not entries", "[e2e][round2][.bug]") {
  CHECK(chicago().manuscript.references.size() == 11);
  const Reference* wil = reference_at(chicago(), 107);
  REQUIRE(wil != nullptr);
  CHECK(wil->work.year.value_or("") == "2008");  // not 1835 from the subtitle
}

TEST_CASE("Chicago: works cited only in footnotes are cited — a note's second work counts too", "[e2e][round2][.bug]") {
  CHECK(has_finding(chicago(), "reference-never-cited", 100, 0));  // Robinson: really uncited
  CHECK(count_findings(chicago(), "reference-never-cited") == 1);  // Venuti is cited in note 10
  CHECK(has_finding(chicago(), "year-mismatch", 58, 1));  // note 8: Das 1978, bibliography 1987
}

TEST_CASE("Chicago: a duplicate entry, a bit.ly link and a hyphen for the DOI slash", "[e2e][round2]") {
  CHECK(has_finding(chicago(), "duplicate-reference", 98, 0));
  CHECK(has_finding(chicago(), "url-shortener", 99, 0));
  CHECK(has_finding(chicago(), "invalid-doi", 106, 0));
}
