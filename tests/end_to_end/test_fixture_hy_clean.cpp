// Focused end-to-end cases for fixtures/manuscripts/hy_dialect_classification_clean.txt: a clean
// Armenian linguistics paper (Armenian, Russian and English entries) that must yield nothing.
#include <catch2/catch.hpp>

#include <algorithm>

#include "fixture_support.hpp"

using namespace citecheck;
using namespace citecheck::test;

namespace {
const DocumentReport& hy() { return fixture_report("hy_dialect_classification_clean.txt"); }
}  // namespace

TEST_CASE("Armenian clean paper yields no findings at all", "[e2e][hy]") {
  INFO(findings_summary(hy()));
  CHECK(hy().findings.empty());
}

TEST_CASE("Armenian: every citation links, every entry is cited", "[e2e][hy]") {
  CHECK(hy().manuscript.references.size() == 7);
  int author_date = 0;
  for (const auto& c : hy().manuscript.citations) {
    if (c.kind != CitationKind::AuthorDate) continue;
    ++author_date;
    INFO(c.raw);
    CHECK(c.reference.has_value());
  }
  CHECK(author_date == 9);
}

TEST_CASE("Armenian: (Աճառյան 1951, էջ 412) followed by the Armenian full stop links with its page",
          "[e2e][hy]") {
  const Citation* c = citation_at(hy(), 18);
  REQUIRE(c != nullptr);
  CHECK(c->year.value_or("") == "1951");
  CHECK(c->locator.value_or("") == "412");
  CHECK(linked_line(hy(), c) == 47);
}

TEST_CASE("Armenian: a Cyrillic citation inside Armenian text links to the Russian entry", "[e2e][hy]") {
  CHECK(linked_line(hy(), citation_at(hy(), 25, "Мейе")) == 52);
}

TEST_CASE("Armenian: the second work of a parenthesis split over two lines links", "[e2e][hy]") {
  const Citation* c = citation_at(hy(), 41, "Ջահուկյան");
  REQUIRE(c != nullptr);
  CHECK(c->year.value_or("") == "1987");
  CHECK(linked_line(hy(), c) == 48);
}

TEST_CASE("Armenian: the scripts are Armenian, Cyrillic and Latin", "[e2e][hy]") {
  auto has = [&](const char* s) {
    return std::find(hy().manuscript.scripts.begin(), hy().manuscript.scripts.end(), s) !=
           hy().manuscript.scripts.end();
  };
  CHECK(has("Armn"));
  CHECK(has("Cyrl"));
  CHECK(has("Latn"));
}
