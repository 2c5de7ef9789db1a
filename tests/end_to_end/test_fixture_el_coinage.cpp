// Focused end-to-end cases for fixtures/manuscripts/el_byzantine_coinage.txt: a Greek article
// with Unicode superscript footnote markers and author-date citations but no bibliography.
#include <catch2/catch.hpp>

#include "fixture_support.hpp"

using namespace citecheck;
using namespace citecheck::test;

namespace {
const DocumentReport& el() { return fixture_report("el_byzantine_coinage.txt"); }
}  // namespace

TEST_CASE("Greek: superscript markers pair with superscript bodies at the page bottom", "[e2e][el]") {
  for (auto [label, marker, body] : {std::tuple{"1", 11, 27}, std::tuple{"2", 16, 29}, std::tuple{"4", 36, 47}}) {
    const Footnote* f = footnote_labelled(el(), label);
    INFO("footnote " << label);
    REQUIRE(f != nullptr);
    REQUIRE(f->marker.has_value());
    REQUIRE(f->body.has_value());
    CHECK(f->marker->line == marker);
    CHECK(f->body->line == body);
  }
  CHECK(footnote_labelled(el(), "1")->marker->column == 47);  // σολίδιος¹,
}

TEST_CASE("Greek: the body ³ without a marker is reported", "[e2e][el]") {
  CHECK(has_finding(el(), "footnote-body-without-marker", 46, 0));
  CHECK(count_findings(el(), "footnote-sequence-gap") == 0);
}

TEST_CASE("Greek: citations without any bibliography give missing-reference-list once", "[e2e][el]") {
  CHECK(count_findings(el(), "missing-reference-list") == 1);
  CHECK(count_findings(el(), "reference-never-cited") == 0);
}

TEST_CASE("Greek: the ano teleia separates two works in one parenthesis", "[e2e][el]") {
  auto cites = citations_on(el(), 25);
  REQUIRE(cites.size() == 2);
  CHECK(cites[0]->authors == std::vector<std::string>{"Χαρβούρης"});
  CHECK(cites[0]->locator.value_or("") == "54");
  CHECK(cites[1]->authors == std::vector<std::string>{"Καραγιαννόπουλος"});
  CHECK(cites[1]->year.value_or("") == "1996");
}

TEST_CASE("Greek: page numbers and regnal years are neither footnotes nor citations", "[e2e][el]") {
  CHECK(footnote_labelled(el(), "12") == nullptr);
  CHECK(footnote_labelled(el(), "13") == nullptr);
  CHECK(citations_on(el(), 17).empty());  // (1034–1041)
  CHECK(el().manuscript.footnotes.size() == 4);
}
