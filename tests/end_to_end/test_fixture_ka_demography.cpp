// Focused end-to-end cases for fixtures/manuscripts/ka_mountain_demography.txt: a Georgian
// journal article with "გამოყენებული ლიტერატურა".
#include <catch2/catch.hpp>

#include "fixture_support.hpp"

using namespace citecheck;
using namespace citecheck::test;

namespace {
const DocumentReport& ka() { return fixture_report("ka_mountain_demography.txt"); }
}  // namespace

TEST_CASE("Georgian: (ბახტაძე, მამულია, 2005: 18) names two authors and links", "[e2e][ka]") {
  const Citation* c = citation_at(ka(), 19);
  REQUIRE(c != nullptr);
  CHECK(c->authors == std::vector<std::string>{"ბახტაძე", "მამულია"});
  CHECK(c->year.value_or("") == "2005");
  CHECK(c->locator.value_or("") == "18");
  CHECK(linked_line(ka(), c) == 55);
}

TEST_CASE("Georgian: 'და' joins two authors in a citation split over a line break", "[e2e][ka]") {
  const Citation* c = citation_at(ka(), 39);
  REQUIRE(c != nullptr);
  CHECK(c->year.value_or("") == "2005");
  CHECK(linked_line(ka(), c) == 55);
}

TEST_CASE("Georgian: the given name მარიამ used as the surname is an author mismatch", "[e2e][ka]") {
  CHECK(has_finding(ka(), "author-mismatch", 45, 0));
}

TEST_CASE("Georgian: an entry without a year cited with 2014 is reference-missing-year", "[e2e][ka]") {
  CHECK(has_finding(ka(), "reference-missing-year", 57, 0));
}

TEST_CASE("Georgian: ჯაოშვილი has no entry, ცაგარეიშვილი is never cited", "[e2e][ka]") {
  CHECK(has_finding(ka(), "citation-without-reference", 25, 0));
  CHECK(has_finding(ka(), "reference-never-cited", 63, 0));
}

TEST_CASE("Georgian: the entry of an organisation whose title starts with a year keeps its year", "[e2e][ka]") {
  const Reference* r = reference_at(ka(), 61);  // საქსტატი (2016). 2014 წლის …
  REQUIRE(r != nullptr);
  CHECK(r->work.year.value_or("") == "2016");
}
