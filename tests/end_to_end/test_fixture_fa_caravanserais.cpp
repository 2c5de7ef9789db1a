// Focused end-to-end cases for fixtures/manuscripts/fa_safavid_caravanserais.txt: a Persian
// history article with Solar Hijri years in Persian digits and a Persian + Latin "منابع".
#include <catch2/catch.hpp>

#include "fixture_support.hpp"

using namespace citecheck;
using namespace citecheck::test;

namespace {
const DocumentReport& fa() { return fixture_report("fa_safavid_caravanserais.txt"); }
}  // namespace

TEST_CASE("Persian citation with Solar Hijri year links to its entry", "[e2e][fa]") {
  const Citation* c = citation_at(fa(), 23, "رضایی");
  REQUIRE(c != nullptr);
  CHECK(c->year.value_or("") == "1398");
  CHECK(c->locator.value_or("") == "45");
  int line = linked_line(fa(), c);
  CHECK((line == 57 || line == 67));
  CHECK_FALSE(has_finding(fa(), "year-mismatch", 23));
}

TEST_CASE("Persian: entry years in Persian digits are read as years", "[e2e][fa]") {
  const Reference* r = reference_at(fa(), 57);
  REQUIRE(r != nullptr);
  CHECK(r->work.year.value_or("") == "1398");
  CHECK(count_findings(fa(), "reference-missing-year") == 0);
}

TEST_CASE("Persian: sub-section headings are sections, not parts of entries", "[e2e][fa]") {
  REQUIRE(fa().manuscript.reference_list.sections.size() == 2);
  const Reference* first = reference_at(fa(), 56);
  REQUIRE(first != nullptr);
  CHECK(first->span.line == 56);
  CHECK(first->raw.find("منابع فارسی") == std::string::npos);
  CHECK(fa().manuscript.references.size() == 8);
}

TEST_CASE("Persian: Arabic kaf ك in a citation matches Persian keheh ک in the entry", "[e2e][fa]") {
  const Citation* c = citation_at(fa(), 32);
  REQUIRE(c != nullptr);
  CHECK(linked_line(fa(), c) == 60);
}

TEST_CASE("Persian: Arabic yeh ي in a citation matches Persian ی in the entry", "[e2e][fa]") {
  const Citation* c = citation_at(fa(), 42);
  REQUIRE(c != nullptr);
  int line = linked_line(fa(), c);
  CHECK((line == 57 || line == 67));
}

TEST_CASE("Persian: a two-word surname links (باستانی پاریزی)", "[e2e][fa]") {
  CHECK(linked_line(fa(), citation_at(fa(), 28)) == 56);
  CHECK(linked_line(fa(), citation_at(fa(), 27)) == 56);  // narrative: باستانی پاریزی (۱۳۷۸)
}

TEST_CASE("Persian: the romanised copy is a translated duplicate with a conflicting URL", "[e2e][fa]") {
  CHECK(has_finding(fa(), "translated-duplicate", 67));
  CHECK((has_finding(fa(), "conflicting-urls", 67) || has_finding(fa(), "conflicting-urls", 58)));
  CHECK_FALSE(has_finding(fa(), "reference-never-cited", 67));
}

TEST_CASE("Persian: Chardin is cited without an entry, نوایی is never cited", "[e2e][fa]") {
  CHECK(has_finding(fa(), "citation-without-reference", 34, 0));
  CHECK(has_finding(fa(), "reference-never-cited", 61, 0));
}

TEST_CASE("Persian: reign years and distances in parentheses are not citations", "[e2e][fa]") {
  CHECK(citations_on(fa(), 26).empty());  // (حک. ۹۹۶-۱۰۳۸ ق.)
  CHECK(citations_on(fa(), 44).empty());  // (حدود ۶ تا ۸ فرسخ)
}

TEST_CASE("Persian: a Latin surname that is also an English word is not a given-name mismatch", "[e2e][fa]") {
  CHECK(count_findings(fa(), "author-mismatch") == 0);  // (Floor, 2000) vs Floor, W.
}
