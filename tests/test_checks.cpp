// Checks: each finding code from a small manuscript written for it, through the pipeline.
#include <catch2/catch.hpp>

#include <algorithm>

#include "helpers.hpp"
#include "src/pipeline.hpp"

using namespace citecheck;

namespace {

DocumentReport check(std::string text) { return check_document(test::doc_from(std::move(text))); }

std::vector<const Finding*> findings(const DocumentReport& r, const std::string& code) {
  std::vector<const Finding*> out;
  for (const auto& f : r.findings)
    if (f.code == code) out.push_back(&f);
  return out;
}

const char* kList =
    "References\n"
    "Light, Felix. 2023. \"Karabakh Refugees in Armenia.\" Reuters.\n"
    "Salem, Marwan. 2020. \"Strategic Variables.\" Political Journal 43: 91-142.\n";

}  // namespace

TEST_CASE("a page outside the entry's page range is locator-out-of-range") {
  auto r = check(std::string("As argued (Salem 2020, 150) and (Light 2023).\n\n") + kList);
  auto f = findings(r, "locator-out-of-range");
  REQUIRE(f.size() == 1);
  CHECK(f[0]->span.line == 1);
  CHECK(f[0]->message.find("91-142") != std::string::npos);
}

TEST_CASE("a page inside the range is no finding") {
  auto r = check(std::string("As argued (Salem 2020, 103) and (Light 2023).\n\n") + kList);
  CHECK(findings(r, "locator-out-of-range").empty());
}

TEST_CASE("a URL dated years before the entry's year is url-date-mismatch") {
  auto r = check(
      "The crisis (Al-Hajj 2020) began early.\n\nReferences\n"
      "Al-Hajj, Saeed. 2020. \"Battleground.\" https://studies.example.net/ar/reports/2016/05/160502100617839.html\n");
  auto f = findings(r, "url-date-mismatch");
  REQUIRE(f.size() == 1);
  CHECK(f[0]->span.line == 4);
}

TEST_CASE("a URL dated the year before (online first) is no url-date-mismatch") {
  auto r = check(
      "The crisis (Light 2023) began early.\n\nReferences\n"
      "Light, Felix. 2023. \"Title.\" https://example.org/2022/12/10/karabakh-refugees/\n");
  CHECK(findings(r, "url-date-mismatch").empty());
}

TEST_CASE("a citation with the wrong year is a year-mismatch error naming both years") {
  auto r = check(std::string("Refugees stayed (Light 2025). Salem (2020) disagrees (Salem 2020).\n\n") + kList);
  auto f = findings(r, "year-mismatch");
  REQUIRE(f.size() == 1);
  CHECK(f[0]->severity == Severity::Error);
  CHECK(f[0]->message.find("2025") != std::string::npos);
  CHECK(f[0]->message.find("2023") != std::string::npos);
}

TEST_CASE("an entry nobody cites is reference-never-cited, a cited one is not") {
  auto r = check(std::string("Refugees stayed (Light 2023).\n\n") + kList);
  auto f = findings(r, "reference-never-cited");
  REQUIRE(f.size() == 1);
  CHECK(f[0]->span.line == 5);
}

TEST_CASE("a reference list with no recognised citation gives one note, not one warning per entry") {
  auto r = check(std::string("No citation here.\n\n") + kList);
  CHECK(findings(r, "reference-never-cited").empty());
  CHECK(findings(r, "no-citations-found").size() == 1);
}

TEST_CASE("citations without any reference list are one missing-reference-list error") {
  auto r = check("First (Light 2023), then (Salem 2020), then (Light 2023).\n");
  CHECK(findings(r, "missing-reference-list").size() == 1);
  CHECK(findings(r, "citation-without-reference").empty());
}

TEST_CASE("a citation that matches no entry is citation-without-reference") {
  auto r = check(std::string("Refugees (Light 2023) and towns (Novak 2019).\n\n") + kList);
  auto f = findings(r, "citation-without-reference");
  REQUIRE(f.size() == 1);
  CHECK(f[0]->message.find("Novak") != std::string::npos);
}

TEST_CASE("invalid UTF-8 is repaired and reported with its byte offset") {
  auto r = check(std::string("ok\nbad \xC3\x28 byte\n"));
  auto f = findings(r, "invalid-utf8");
  REQUIRE(f.size() == 1);
  CHECK(f[0]->span.line == 2);
  CHECK(f[0]->message.find("byte offset 7") != std::string::npos);
}

TEST_CASE("findings are ordered by line") {
  auto r = check(std::string("Towns (Novak 2019).\nRefugees (Light 2025).\n\n") + kList);
  REQUIRE(r.findings.size() >= 2);
  CHECK(std::is_sorted(r.findings.begin(), r.findings.end(),
                       [](const Finding& a, const Finding& b) { return a.span.line < b.span.line; }));
}

TEST_CASE("a citation that misprints the first author's name by one letter gets an author-mismatch warning, not two errors") {
  auto r = check("Listeners ignore irrelevant speech (Getzman, Golob & Wascher, 2016).\n\nReferences\n\n"
                 "Getzmann, S., Golob, E. J., & Wascher, E. (2016). Focused and divided attention in a simulated\n"
                 "cocktail-party situation. Psychophysiology, 53(7), 1000-1011.\n");
  auto mismatch = findings(r, "author-mismatch");
  REQUIRE(mismatch.size() == 1);
  CHECK(mismatch[0]->message.find("'Getzman'") != std::string::npos);
  CHECK(mismatch[0]->message.find("'Getzmann'") != std::string::npos);
  CHECK(findings(r, "citation-without-reference").empty());
  CHECK(findings(r, "reference-never-cited").empty());
}

// Chemistry's compound entries: "[1] a) …; b) …" are parts cited as "[1a]", "[1b,c]", "[1a–c]",
// or all at once as "[1]".
TEST_CASE("compound entries: each part is an entry, cited by its letter or with its group") {
  const std::string list =
      "References\n"
      "[1] a) M. Schneider, A. Belsom, J. Rappsilber, Trends Biochem. Sci. 2018, 43, 157-169;\n"
      "b) A. N. Calabrese, S. E. Radford, Methods 2018, 147, 187-205;\n"
      "c) J. Gubbens, E. Ruijter, L. E. V. de Fays, R. V. A. Orru, Chem. Biol. 2009, 16,\n"
      "3-14.\n"
      "[2] A. Sinz, Angew. Chem. Int. Ed. 2018, 57, 6390-6396.\n"
      "[3] a) C. Iacobucci, M. Gotze, C. Piotrowski, Nat. Protoc. 2018, 13, 2864-2889;\n"
      "b )M. Q. Müller, F. Dreiocker, C. H. Ihling, M. Schäfer, A. Sinz, Anal. Chem. 2010, 82,\n"
      "6958-6968.\n";
  auto r = check("Cross-linking has matured [1] and is reviewed [2]. Kits [3a] and cleavable reagents\n"
                 "[3b] help.\n\n" + list);
  REQUIRE(r.manuscript.references.size() == 6);
  std::vector<std::string> labels;
  for (const auto& e : r.manuscript.references) labels.push_back(e.label);
  CHECK(labels == std::vector<std::string>{"1a", "1b", "1c", "2", "3a", "3b"});
  CHECK(r.manuscript.references[1].raw.rfind("A. N. Calabrese", 0) == 0);
  CHECK(r.manuscript.references[2].work.year == "2009");
  CHECK(r.manuscript.references[4].span.line == 10);
  CHECK(findings(r, "reference-never-cited").empty());
  CHECK(findings(r, "citation-without-reference").empty());

  // A part nobody cites is reported by its own label; ranges and lists of letters cite parts.
  auto partial = check("Cross-linking [1a,b] and kits [3a–b] help [2].\n\n" + list);
  auto never = findings(partial, "reference-never-cited");
  REQUIRE(never.size() == 1);
  CHECK(never[0]->message.find("entry 1c ") != std::string::npos);
}

TEST_CASE("an entry in press has no reference-missing-year, and its in-press citations link to it") {
  auto r = check("Cohort data (Seubsman et al., in press) and plates (Bell & Brink, in press) agree.\n\n"
                 "References\n"
                 "Bell, PR; Brink, KS (in press). Kazaklambia convincens. Cretaceous Research.\n"
                 "Seubsman, S., Yiengprugsawan, V., Sleigh, A., in press. A large national cohort. Asia Pac. J. Public Health.\n");
  CHECK(findings(r, "reference-missing-year").empty());
  CHECK(findings(r, "citation-without-reference").empty());
  CHECK(findings(r, "reference-never-cited").empty());
  REQUIRE(r.manuscript.citations.size() == 2);
  CHECK(r.manuscript.citations[0].reference == r.manuscript.references[1].id);
}

TEST_CASE("personal communications dated to the month need no entry") {
  auto r = check(std::string("As one manager put it (Special Education Manager, April 2024), and another\n"
                             "(Gestora de Educação Especial, 18 de abril de 2024); see also (J. Smith, personal\n"
                             "communication, 2023). But (May, 2019) and (Nowak, 2021) are missing, as is (Salem 2020).\n\n") +
                 kList);
  auto f = findings(r, "citation-without-reference");
  REQUIRE(f.size() == 2);
  CHECK(f[0]->message.find("(May, 2019)") != std::string::npos);
  CHECK(f[1]->message.find("(Nowak, 2021)") != std::string::npos);
}
