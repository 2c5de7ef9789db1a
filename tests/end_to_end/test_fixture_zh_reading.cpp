// Focused end-to-end cases for fixtures/manuscripts/zh_library_reading_promotion.txt: a Chinese
// article in the GB/T 7714 author-year system with full-width punctuation and digits.
#include <catch2/catch.hpp>

#include "fixture_support.hpp"

using namespace citecheck;
using namespace citecheck::test;

namespace {
const DocumentReport& zh() { return fixture_report("zh_library_reading_promotion.txt"); }
}  // namespace

TEST_CASE("Chinese: （王小明，２０１９） with full-width digits is a citation of 2019 that links",
          "[e2e][zh]") {
  const Citation* c = citation_at(zh(), 20, "王小明");
  REQUIRE(c != nullptr);
  CHECK(c->year.value_or("") == "2019");
  CHECK(linked_line(zh(), c) == 53);
}

TEST_CASE("Chinese: the enumeration comma 、 separates two authors", "[e2e][zh]") {
  const Citation* c = citation_at(zh(), 21, "李华");
  REQUIRE(c != nullptr);
  CHECK(c->authors == std::vector<std::string>{"李华", "陈刚"});
  CHECK(linked_line(zh(), c) == 50);
}

TEST_CASE("Chinese: 'Zhang等（2020）' and '（Zhang et al.，2020：45）' link to ZHANG Y, LIU X, CHEN H",
          "[e2e][zh]") {
  CHECK(linked_line(zh(), citation_at(zh(), 24, "Zhang")) == 58);
  const Citation* c = citation_at(zh(), 25, "et al.");
  REQUIRE(c != nullptr);
  CHECK(c->locator.value_or("") == "45");
  CHECK(linked_line(zh(), c) == 58);
}

TEST_CASE("Chinese: a Japanese full name links to the Japanese entry", "[e2e][zh]") {
  CHECK(linked_line(zh(), citation_at(zh(), 26, "田中太郎")) == 57);
}

TEST_CASE("Chinese: the GB/T 7714 list has 7 entries, 'DOI:' and access-date lines continue them",
          "[e2e][zh]") {
  CHECK(zh().manuscript.references.size() == 7);
  const Reference* liu = reference_at(zh(), 52);
  REQUIRE(liu != nullptr);
  CHECK(liu->span.line == 51);
  CHECK(liu->work.doi.value_or("") == "10.13666/j.cnki.jnlc.2016.03.009");
  CHECK(count_findings(zh(), "reference-missing-year") == 0);
}

TEST_CASE("Chinese: entry authors are split at the full-width comma", "[e2e][zh]") {
  const Reference* r = reference_at(zh(), 50);
  REQUIRE(r != nullptr);
  REQUIRE(r->work.authors.size() == 2);
  CHECK(r->work.authors[0].family == "李华");
  CHECK(r->work.authors[1].family == "陈刚");
}

TEST_CASE("Chinese: 刘洋 cited 2017 against 2016, 张伟 has no entry, 赵敏 is never cited", "[e2e][zh]") {
  CHECK(has_finding(zh(), "year-mismatch", 31, 0));
  CHECK(has_finding(zh(), "citation-without-reference", 32, 0));
  CHECK(has_finding(zh(), "reference-never-cited", 54, 0));
}

TEST_CASE("Chinese: abstract labels in brackets and statistics are not citations", "[e2e][zh]") {
  CHECK(citations_on(zh(), 9).empty());   // [目的/意义]
  CHECK(citations_on(zh(), 37).empty());  // （P<0.01）
  CHECK(citations_on(zh(), 6).empty());   // （武汉大学信息管理学院，武汉 430072）
}
