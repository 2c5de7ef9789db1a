// End to end: manuscripts saved in legacy encodings (fixtures/encodings, made from the UTF-8
// manuscripts of fixtures/manuscripts with iconv) are checked as their originals are, with
// one legacy-encoding warning; in-process and through the command line (--encoding).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "fixture_support.hpp"

using namespace citecheck;
using namespace citecheck::test;

namespace {

struct LegacyFixture {
  const char* original;   // fixtures/manuscripts/
  const char* converted;  // fixtures/encodings/
  const char* encoding;
};
constexpr LegacyFixture kFixtures[] = {
    {"ar_water_endnotes.txt", "ar_water_endnotes.cp1256.txt", "windows-1256"},
    {"ru_labour_small_towns.txt", "ru_labour_small_towns.cp1251.txt", "windows-1251"},
};

DocumentReport report_of(const std::string& relative) {
  return check_document(read_text_file(fixture_path(relative)));
}

std::string describe(const Finding& f) {
  return f.code + "@" + std::to_string(f.span.line) + ":" + std::to_string(f.span.column) + " " + f.message;
}

}  // namespace

TEST_CASE("Encodings: a legacy-encoded manuscript gets the findings of its UTF-8 original plus one warning", "[e2e][encodings]") {
  for (const auto& fx : kFixtures) {
    INFO(fx.converted);
    DocumentReport original = report_of(std::string("manuscripts/") + fx.original);
    DocumentReport legacy = report_of(std::string("encodings/") + fx.converted);
    CHECK(legacy.manuscript.references.size() == original.manuscript.references.size());
    CHECK(legacy.manuscript.citations.size() == original.manuscript.citations.size());
    CHECK(legacy.manuscript.footnotes.size() == original.manuscript.footnotes.size());
    CHECK(count_findings(legacy, "invalid-utf8") == 0);
    CHECK(count_findings(legacy, "missing-reference-list") == count_findings(original, "missing-reference-list"));
    REQUIRE(count_findings(legacy, "legacy-encoding") == 1);
    std::vector<std::string> rest, expected;
    for (const auto& f : legacy.findings) {
      if (f.code == "legacy-encoding") CHECK(f.message.find(fx.encoding) != std::string::npos);
      else rest.push_back(describe(f));
    }
    for (const auto& f : original.findings) expected.push_back(describe(f));
    CHECK(rest == expected);
  }
}

TEST_CASE("Encodings: the command line names the encoding once and --encoding forces one", "[e2e][encodings][cli]") {
  std::string ru = "\"" + fixture_path("encodings/ru_labour_small_towns.cp1251.txt") + "\"";
  Run detected = run_cli("check --offline " + ru);
  INFO(detected.out);
  CHECK(detected.out.find("warning: the file is not UTF-8: it was read as windows-1251") != std::string::npos);
  CHECK(detected.out.find("[invalid-utf8]") == std::string::npos);
  CHECK(detected.out.find("[missing-reference-list]") == std::string::npos);

  Run forced = run_cli("check --offline --encoding CP1251 " + ru);
  INFO(forced.out);
  CHECK(forced.status == detected.status);
  CHECK(forced.out.find("it was read as CP1251, as --encoding asks [legacy-encoding]") != std::string::npos);

  Run unknown = run_cli("check --offline --encoding cp-nonesuch " + ru);
  INFO(unknown.out);
  CHECK(unknown.status == 2);
  CHECK(unknown.out.find("unknown encoding 'cp-nonesuch'") != std::string::npos);
}
