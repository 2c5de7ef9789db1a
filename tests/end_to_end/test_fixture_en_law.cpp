// Focused end-to-end cases for fixtures/manuscripts/en_law_river_personhood.txt: a law-review
// article with footnotes only, form feeds, running heads and page numbers alone on a line.
#include <catch2/catch.hpp>

#include "fixture_support.hpp"

using namespace citecheck;
using namespace citecheck::test;

namespace {
const DocumentReport& law() { return fixture_report("en_law_river_personhood.txt"); }
}  // namespace

TEST_CASE("Law: markers glued after a full stop, a quote, a comma or a word pair with their bodies",
          "[e2e][law]") {
  struct Want { const char* label; int marker_line, marker_column, body_line; };
  for (const Want& w : {Want{"1", 11, 91, 22}, Want{"2", 13, 60, 23}, Want{"3", 14, 89, 24},
                        Want{"4", 32, 82, 42}, Want{"5", 36, 99, 44}, Want{"6", 38, 51, 47},
                        Want{"8", 57, 95, 72}}) {
    INFO("footnote " << w.label);
    const Footnote* f = footnote_labelled(law(), w.label);
    REQUIRE(f != nullptr);
    REQUIRE(f->marker.has_value());
    REQUIRE(f->body.has_value());
    CHECK(f->marker->line == w.marker_line);
    CHECK(f->marker->column == w.marker_column);
    CHECK(f->body->line == w.body_line);
  }
}

TEST_CASE("Law: page numbers alone on a line are not footnote bodies", "[e2e][law]") {
  for (const auto& f : law().manuscript.footnotes) {
    if (!f.body) continue;
    INFO("footnote " << f.label);
    CHECK(f.body->line != 25);
    CHECK(f.body->line != 50);
    CHECK(f.body->line != 73);
  }
  CHECK(law().manuscript.footnotes.size() == 8);
}

TEST_CASE("Law: a footnote body continues over three lines", "[e2e][law]") {
  const Footnote* f = footnote_labelled(law(), "5");
  REQUIRE(f != nullptr);
  REQUIRE(f->body.has_value());
  CHECK(f->body->end_line == 46);
}

TEST_CASE("Law: footnote 4 cites a work whose URL the footnote owns", "[e2e][law]") {
  const Footnote* f = footnote_labelled(law(), "4");
  REQUIRE(f != nullptr);
  REQUIRE(f->work.has_value());
  REQUIRE_FALSE(f->work->authors.empty());
  CHECK(f->work->authors[0].family == "Smith");
  CHECK(f->work->year.value_or("") == "2020");
  const Link* l = link_valued(law(), LinkKind::Url, "https://global.oup.com/academic/product/rivers-and-rights-9780198855620");
  REQUIRE(l != nullptr);
  CHECK(l->owner.value_or("") == f->id);
}

TEST_CASE("Law: footnote 6 in OSCOLA style has its quoted title and journal", "[e2e][law]") {
  const Footnote* f = footnote_labelled(law(), "6");
  REQUIRE(f != nullptr);
  REQUIRE(f->work.has_value());
  CHECK(f->work->year.value_or("") == "2018");
  CHECK(f->work->title.value_or("") == "Creating Legal Rights for Rivers: Lessons from Australia, New Zealand, and India");
  CHECK(f->work->container.value_or("") == "Ecology and Society");
  CHECK(f->work->doi.value_or("") == "10.5751/es-09854-230107");
}

TEST_CASE("Law: numbering 6 → 8 is a gap, marker 9 has no body", "[e2e][law]") {
  CHECK(has_finding(law(), "footnote-sequence-gap", 57));
  CHECK(has_finding(law(), "footnote-marker-without-body", 63, 0));
  CHECK(count_findings(law(), "footnote-body-without-marker") == 0);
}

TEST_CASE("Law: a footnote-only paper has no reference list and no list finding", "[e2e][law]") {
  CHECK_FALSE(law().manuscript.reference_list.present);
  CHECK(count_findings(law(), "missing-reference-list") == 0);
  CHECK(count_findings(law(), "citation-without-reference") == 0);
}
