// Focused end-to-end cases for fixtures/manuscripts/tr_reading_motivation.txt: a Turkish APA
// article with "Kaynakça", 've'/'vd.' connectors and dotless ı.
#include <catch2/catch.hpp>

#include "fixture_support.hpp"

using namespace citecheck;
using namespace citecheck::test;

namespace {
const DocumentReport& tr() { return fixture_report("tr_reading_motivation.txt"); }
}  // namespace

TEST_CASE("Turkish: dotless ı in (Aslanlı, 2019) matches the entry printed Aslanli", "[e2e][tr]") {
  const Citation* c = citation_at(tr(), 51, "Aslanl");
  REQUIRE(c != nullptr);
  CHECK(linked_line(tr(), c) == 63);
  CHECK_FALSE(has_finding(tr(), "citation-without-reference", 51, 0));
}

TEST_CASE("Turkish: (Öztürk vd., 2021) links to the three-author entry joined by 've'", "[e2e][tr]") {
  const Citation* c = citation_at(tr(), 59, "Öztürk");
  REQUIRE(c != nullptr);
  CHECK(linked_line(tr(), c) == 73);
}

TEST_CASE("Turkish: a citation split over a line break is found and linked", "[e2e][tr]") {
  const Citation* c = citation_at(tr(), 30);
  REQUIRE(c != nullptr);
  CHECK(c->year.value_or("") == "2022");
  CHECK(linked_line(tr(), c) == 75);
}

TEST_CASE("Turkish: '(Güler, 202)' is a malformed citation", "[e2e][tr]") {
  CHECK(has_finding(tr(), "malformed-citation", 52, 0));
}

TEST_CASE("Turkish: the wrapped URL is re-joined and its utm_*/fbclid parameters reported", "[e2e][tr]") {
  CHECK(link_valued(tr(), LinkKind::Url,
                    "https://okumakulturu.example.org/rapor-2022?utm_source=facebook&utm_medium=social"
                    "&fbclid=IwAR2xQh7Lk") != nullptr);
  CHECK(has_finding(tr(), "url-tracking-parameters", 71));
}

TEST_CASE("Turkish: the tracking-parameter finding suggests the address as printed, scheme and all", "[e2e][tr]") {
  const Finding* found = nullptr;
  for (const auto& f : tr().findings)
    if (f.code == "url-tracking-parameters") found = &f;
  REQUIRE(found);
  const std::string tail = "cite it without them: https://okumakulturu.example.org/rapor-2022";
  REQUIRE(found->message.size() >= tail.size());
  CHECK(found->message.substr(found->message.size() - tail.size()) == tail);
}

TEST_CASE("Turkish: a bit.ly link is a shortener", "[e2e][tr]") {
  CHECK(has_finding(tr(), "url-shortener", 70));
}

TEST_CASE("Turkish: an entry without a year cited with one is reference-missing-year", "[e2e][tr]") {
  CHECK(has_finding(tr(), "reference-missing-year", 75));
  CHECK_FALSE(has_finding(tr(), "year-mismatch", 30));
}

TEST_CASE("Turkish: the organisation author 'Türkiye İstatistik Kurumu' is kept whole", "[e2e][tr]") {
  const Reference* r = reference_at(tr(), 75);
  REQUIRE(r != nullptr);
  REQUIRE_FALSE(r->work.authors.empty());
  CHECK(r->work.authors[0].family == "Türkiye İstatistik Kurumu");
  CHECK(r->work.authors[0].given.empty());
}

TEST_CASE("Turkish: statistics in parentheses are not citations", "[e2e][tr]") {
  CHECK(citations_on(tr(), 50).empty());  // (r = .46, p < .001)
  CHECK(citations_on(tr(), 52).size() <= 1);  // only (Güler, 202), not (β = .04, p = .37)
}
