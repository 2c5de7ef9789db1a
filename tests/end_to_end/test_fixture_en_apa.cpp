// Focused end-to-end cases for fixtures/manuscripts/en_apa_sleep_memory.txt: an English APA-7
// paper with DOIs in three spellings, split citations, n.d., 2020a/2020b and a wrapped URL.
#include <catch2/catch.hpp>

#include "fixture_support.hpp"

using namespace citecheck;
using namespace citecheck::test;

namespace {
const DocumentReport& apa() { return fixture_report("en_apa_sleep_memory.txt"); }
}  // namespace

TEST_CASE("APA: two works in one parenthesis over a line break give two citations, 2020a picks the a entry",
          "[e2e][apa]") {
  CHECK(linked_line(apa(), citation_at(apa(), 20, "Smith")) == 90);
  const Citation* jl = citation_at(apa(), 21, "Jones");
  REQUIRE(jl != nullptr);
  CHECK(jl->year_suffix.value_or("") == "a");
  CHECK(linked_line(apa(), jl) == 76);
}

TEST_CASE("APA: a citation split after '&' is found and linked", "[e2e][apa]") {
  const Citation* c = citation_at(apa(), 28, "Okonkwo");
  REQUIRE(c != nullptr);
  CHECK(c->year.value_or("") == "2017");
  CHECK(linked_line(apa(), c) == 86);
}

TEST_CASE("APA: an n.d. citation links to the n.d. entry without a missing-year finding", "[e2e][apa]") {
  const Citation* c = citation_at(apa(), 21, "National");
  REQUIRE(c != nullptr);
  CHECK(c->year.value_or("") == "n.d.");
  CHECK(linked_line(apa(), c) == 80);
  CHECK_FALSE(has_finding(apa(), "reference-missing-year", 80));
}

TEST_CASE("APA: doi:, https://doi.org/ and http://dx.doi.org/ DOIs are normalised alike", "[e2e][apa]") {
  CHECK(link_valued(apa(), LinkKind::Doi, "10.1146/annurev-psych-010418-102857") != nullptr);
  CHECK(link_valued(apa(), LinkKind::Doi, "10.1016/j.sleh.2017.12.004") != nullptr);
  CHECK(link_valued(apa(), LinkKind::Doi, "10.1016/j.cognition.2021.104712") != nullptr);
}

TEST_CASE("APA: a DOI containing parentheses is kept whole", "[e2e][apa]") {
  CHECK(link_valued(apa(), LinkKind::Doi, "10.1016/0165-1781(89)90047-4") != nullptr);
}

TEST_CASE("APA: a URL wrapped after a hyphen keeps the hyphen", "[e2e][apa]") {
  CHECK(link_valued(apa(), LinkKind::Url, "https://www.apa.org/science/about/psa/2019/06/open-science-practices") !=
        nullptr);
  CHECK(has_finding(apa(), "url-wrapped", 65, 0));
}

TEST_CASE("APA: a three-digit DOI registrant is an invalid DOI", "[e2e][apa]") {
  CHECK(has_finding(apa(), "invalid-doi", 75));
}

TEST_CASE("APA: (Nguyen, 2020) with two Nguyen 2020 entries is ambiguous", "[e2e][apa]") {
  CHECK(has_finding(apa(), "ambiguous-citation", 29, 0));
  CHECK_FALSE(has_finding(apa(), "reference-never-cited", 82, 0));
  CHECK_FALSE(has_finding(apa(), "reference-never-cited", 84, 0));
}

TEST_CASE("APA: an unclosed parenthesis is malformed but still cites its entry", "[e2e][apa]") {
  CHECK(has_finding(apa(), "malformed-citation", 42, 0));
  CHECK(linked_line(apa(), citation_at(apa(), 42, "Brown")) == 67);
  CHECK_FALSE(has_finding(apa(), "reference-never-cited", 67, 0));
}

TEST_CASE("APA: Patel cited 2016 against 2018, Jones & Lee 2020b never cited", "[e2e][apa]") {
  CHECK(has_finding(apa(), "year-mismatch", 30, 0));
  CHECK(has_finding(apa(), "reference-never-cited", 78, 0));
}

TEST_CASE("APA: a confidence interval and a protocol number are not citations", "[e2e][apa]") {
  CHECK(citations_on(apa(), 13).empty());  // 95% CI [0.06, 0.23]
  CHECK(citations_on(apa(), 43).empty());  // (protocol 2021-117)
  CHECK(citations_on(apa(), 41).empty());  // (151 women; M age = 20.4 years, SD = 1.9)
}
