// Focused end-to-end cases for fixtures/manuscripts/ru_labour_small_towns.txt: a Russian
// economics article with a GOST-style numbered "Список литературы".
#include <catch2/catch.hpp>

#include "fixture_support.hpp"

using namespace citecheck;
using namespace citecheck::test;

namespace {
const DocumentReport& ru() { return fixture_report("ru_labour_small_towns.txt"); }
}  // namespace

TEST_CASE("Russian: the numbered list has 11 entries, lines starting '№ 4.', '2018.' or 'ISBN' continue them",
          "[e2e][ru]") {
  CHECK(ru().manuscript.reference_list.heading == "Список литературы");
  CHECK(ru().manuscript.references.size() == 11);
  const Reference* second = reference_at(ru(), 69);  // "2018. Т. 19, № 2. С. 45–67."
  REQUIRE(second != nullptr);
  CHECK(second->span.line == 68);
  const Reference* kuznetsov = reference_at(ru(), 71);  // "ISBN 978-5-85018-945-2."
  REQUIRE(kuznetsov != nullptr);
  CHECK(kuznetsov->span.line == 70);
}

TEST_CASE("Russian: (Петров и др. 2020) links to the three-author entry", "[e2e][ru]") {
  const Citation* c = citation_at(ru(), 20, "Петров");
  REQUIRE(c != nullptr);
  CHECK(c->year.value_or("") == "2020");
  CHECK(linked_line(ru(), c) == 74);
}

TEST_CASE("Russian: (Иванов, Сидорова, 2018) links to the joint entry, not to Иванов 2019", "[e2e][ru]") {
  const Citation* c = citation_at(ru(), 23, "Сидорова");
  REQUIRE(c != nullptr);
  CHECK(c->authors == std::vector<std::string>{"Иванов", "Сидорова"});
  CHECK(linked_line(ru(), c) == 68);
}

TEST_CASE("Russian: a citation in square brackets with ё links to the entry printed with е", "[e2e][ru]") {
  const Citation* c = citation_at(ru(), 25, "Соловь");
  REQUIRE(c != nullptr);
  CHECK(c->year.value_or("") == "2021");
  CHECK(linked_line(ru(), c) == 79);
}

TEST_CASE("Russian: two Кузнецов 2020 entries without a/b make the citation ambiguous", "[e2e][ru]") {
  CHECK(has_finding(ru(), "ambiguous-citation", 35, 0));
  CHECK_FALSE(has_finding(ru(), "citation-without-reference", 35, 0));
}

TEST_CASE("Russian: cited 2017 against an entry of 2016 is a year mismatch", "[e2e][ru]") {
  CHECK(has_finding(ru(), "year-mismatch", 31, 0));
}

TEST_CASE("Russian: (Волков, 2015, с. 88) has no entry, Орлова 2014 is never cited", "[e2e][ru]") {
  CHECK(has_finding(ru(), "citation-without-reference", 37, 0));
  CHECK(has_finding(ru(), "reference-never-cited", 73, 0));
}

TEST_CASE("Russian: an ISBN with a wrong check digit is reported, a valid one is not", "[e2e][ru]") {
  CHECK(has_finding(ru(), "invalid-isbn", 71));
  CHECK_FALSE(has_finding(ru(), "invalid-isbn", 80));
}

TEST_CASE("Russian: '(2015 и 2020)' and '(стандартная ошибка 0,04)' are not citations", "[e2e][ru]") {
  CHECK(citations_on(ru(), 42).empty());
  CHECK(citations_on(ru(), 44).empty());
}
