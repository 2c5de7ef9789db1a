// Focused end-to-end cases for fixtures/manuscripts/en_ieee_mcu_scheduling.txt: an IEEE paper
// with numeric citations [1], [2, 5], [3–6] and a numbered "REFERENCES" list.
#include <catch2/catch.hpp>

#include <set>

#include "fixture_support.hpp"

using namespace citecheck;
using namespace citecheck::test;

namespace {
const DocumentReport& ieee() { return fixture_report("en_ieee_mcu_scheduling.txt"); }

// Lines of every entry a numeric citation points to.
std::set<int> cited_lines(const Citation* c) {
  std::set<int> lines;
  if (!c) return lines;
  if (const Reference* r = reference_by_id(ieee(), c->reference)) lines.insert(r->span.line);
  for (const auto& id : c->also_references)
    if (const Reference* r = reference_by_id(ieee(), id)) lines.insert(r->span.line);
  return lines;
}
}  // namespace

TEST_CASE("IEEE: [2, 5] cites entries 2 and 5", "[e2e][ieee]") {
  const Citation* c = citation_at(ieee(), 18, "[2, 5]");
  REQUIRE(c != nullptr);
  CHECK(c->kind == CitationKind::Numeric);
  CHECK(cited_lines(c) == std::set<int>{57, 64});
}

TEST_CASE("IEEE: the en-dash range [3–6] cites entries 3 to 6", "[e2e][ieee]") {
  CHECK(cited_lines(citation_at(ieee(), 19, "[3")) == std::set<int>{60, 62, 64, 67});
}

TEST_CASE("IEEE: [9] beyond an eight-entry list has no reference", "[e2e][ieee]") {
  CHECK(has_finding(ieee(), "citation-without-reference", 31, 0));
}

TEST_CASE("IEEE: the interval [0, 1] is not a citation", "[e2e][ieee]") {
  CHECK(citations_on(ieee(), 38).empty());
  CHECK_FALSE(has_finding(ieee(), "citation-without-reference", 38, 0));
}

TEST_CASE("IEEE: [8] repeating [4] word for word is a duplicate", "[e2e][ieee]") {
  CHECK(has_finding(ieee(), "duplicate-reference", 72));
}

TEST_CASE("IEEE: tinyurl link, wrong ISBN check digit and the uncited [7]", "[e2e][ieee]") {
  CHECK(has_finding(ieee(), "url-shortener", 69));
  CHECK(has_finding(ieee(), "invalid-isbn", 71));
  CHECK(has_finding(ieee(), "reference-never-cited", 70, 0));
}

TEST_CASE("IEEE: the year of an entry is its publication year, not its arXiv identifier", "[e2e][ieee]") {
  const Reference* banbury = reference_at(ieee(), 55);  // …, 2020, arXiv:2003.04821.
  const Reference* lai = reference_at(ieee(), 62);      // …, 2018, arXiv:1801.06601.
  REQUIRE(banbury != nullptr);
  REQUIRE(lai != nullptr);
  CHECK(banbury->work.year.value_or("") == "2020");
  CHECK(lai->work.year.value_or("") == "2018");
}

TEST_CASE("IEEE: initials-first author lists give family names", "[e2e][ieee]") {
  const Reference* lin = reference_at(ieee(), 60);  // J. Lin, W.-M. Chen, Y. Lin, J. Cohn, C. Gan, and S. Han
  REQUIRE(lin != nullptr);
  std::vector<std::string> families;
  for (const auto& p : lin->work.authors) families.push_back(p.family);
  CHECK(families == std::vector<std::string>{"Lin", "Chen", "Lin", "Cohn", "Gan", "Han"});
  const Reference* banbury = reference_at(ieee(), 55);  // C. Banbury et al.
  REQUIRE(banbury != nullptr);
  REQUIRE_FALSE(banbury->work.authors.empty());
  CHECK(banbury->work.authors[0].family == "Banbury");
}
