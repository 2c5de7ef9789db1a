// Author-year citations printed without brackets in running text ("Hadrosauridae Cope, 1869",
// "как показал Иванов, 2015, с. 12"): taken only where the first author and the year are an
// entry's, so that prose naming a person and a year is left alone (parsers/intext_citations.cpp,
// find_bare_citations, wired in parsers/manuscript.cpp).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "pipeline_helpers.hpp"
#include "parsers/intext_citations.hpp"
#include "parsers/unicode_text.hpp"
#include "src/pipeline.hpp"

using namespace citecheck;

namespace {

DocumentReport check(std::string text) { return test::check_text(std::move(text)); }
using test::count_code;

const Citation* citation_with(const DocumentReport& r, const std::string& raw) {
  for (const auto& c : r.manuscript.citations)
    if (c.raw == raw) return &c;
  return nullptr;
}

const char* kTaxonomy =
    "Systematic palaeontology\n"
    "\n"
    "Dinosauria Owen, 1842\n"
    "Ornithischia Seeley, 1888\n"
    "Hadrosauridae Cope, 1869\n"
    "\n"
    "The crest is hollow, as in other lambeosaurines (Evans, 2010). Seeley in 1890 wrote\n"
    "to the society about a new quarry.\n"
    "\n"
    "References\n"
    "\n"
    "Cope, ED (1869). Synopsis of the extinct Batrachia, Reptilia, and Aves of North America.\n"
    "Transactions of the American Philosophical Society 14:1-252.\n"
    "Evans, DC (2010). Cranial anatomy and systematics of Hypacrosaurus altispinus.\n"
    "Zoological Journal of the Linnean Society 159:398-434.\n"
    "Owen, R (1842). Report on British fossil reptiles. Part II. Report of the British\n"
    "Association for the Advancement of Science 11:60-204.\n"
    "Seeley, HG (1888). The classification of the Dinosauria. Report of the British\n"
    "Association for the Advancement of Science 1887:698-699.\n";

}  // namespace

TEST_CASE("a name and a year without brackets cite the entry of that author and year") {
  auto r = check(kTaxonomy);
  for (const char* raw : {"Owen, 1842", "Seeley, 1888", "Cope, 1869"}) {
    INFO(raw);
    const Citation* c = citation_with(r, raw);
    REQUIRE(c != nullptr);
    REQUIRE(c->reference.has_value());
    CHECK(c->year == std::string(raw).substr(std::string(raw).size() - 4));
  }
  CHECK(count_code(r, "reference-never-cited") == 0);
  CHECK(count_code(r, "citation-without-reference") == 0);
}

TEST_CASE("a listed author with a year that is none of the author's entries is prose, not a citation") {
  auto r = check(kTaxonomy);
  // "Seeley in 1890": a word between; and Seeley's entry is of 1888 anyway.
  for (const auto& c : r.manuscript.citations) CHECK(c.year != std::optional<std::string>("1890"));
  auto again = check(std::string("The quarry was reopened by Seeley, 1890, after a flood.\n\n") + kTaxonomy);
  for (const auto& c : again.manuscript.citations) CHECK(c.raw != "Seeley, 1890");
  CHECK(count_code(again, "citation-without-reference") == 0);
}

TEST_CASE("a bracketed citation is not found a second time by the bare scan") {
  auto r = check(kTaxonomy);
  std::size_t evans = 0;
  for (const auto& c : r.manuscript.citations) evans += !c.authors.empty() && c.authors[0] == "Evans";
  CHECK(evans == 1);
}

TEST_CASE("bare citations in Cyrillic and Portuguese text with a locator and a second author") {
  CitationContext ctx;
  ctx.author_keys = {name_key("Иванов"), name_key("Петрова"), name_key("Searle")};
  ctx.first_author_years = {name_key("Иванов") + "|2015", name_key("Searle") + "|1969"};
  Document doc = test::doc_from(
      "Как показали Иванов и Петрова, 2015, с. 12–14, эта модель неустойчива.\n"
      "Os atos de fala foram mencionados em Searle, 1969, p. 157 e retomados depois.\n"
      "Петрова, 2015 писала о другом.\n");
  auto cites = find_bare_citations(doc, ctx, {}, {});
  REQUIRE(cites.size() == 2);
  CHECK(cites[0].authors == std::vector<std::string>{"Иванов", "Петрова"});
  CHECK(cites[0].year == "2015");
  CHECK(cites[0].locator == "12–14");
  CHECK(cites[1].authors == std::vector<std::string>{"Searle"});
  CHECK(cites[1].year == "1969");
  CHECK(cites[1].locator == "157");
}

TEST_CASE("bare citations skip the ranges they are told to leave alone") {
  CitationContext ctx;
  ctx.author_keys = {name_key("Owen")};
  ctx.first_author_years = {name_key("Owen") + "|1842"};
  std::string text = "Dinosauria Owen, 1842\nOwen, R (1842). Report on British fossil reptiles.\n";
  Document doc = test::doc_from(text);
  const std::size_t list_from = text.find("Owen, R");
  auto cites = find_bare_citations(doc, ctx, {{list_from, text.size()}}, {});
  REQUIRE(cites.size() == 1);
  CHECK(cites[0].bytes.begin == text.find("Owen"));
  CHECK(find_bare_citations(doc, ctx, {{0, text.size()}}, {}).empty());
}

// An extraction that lost the space before a name ("inWerning (2012)", "andEvans, 2010").
TEST_CASE("a listed name glued to the word before it is still cited") {
  auto r = check(
      "The slides follow the methods described inWerning (2012). The measurements (modified from those "
      "inDodson, 1975, andEvans, 2010) and the work of McDonald (2011) agree.\n\n"
      "References\n"
      "Dodson, P (1975). Taxonomic implications of relative growth. Systematic Zoology 24:37-54.\n"
      "Evans, DC (2010). Cranial anatomy and systematics. Zoological Journal 159:398-434.\n"
      "McDonald, AT (2011). The taxonomy of iguanodontians. PLoS ONE 6:e22581.\n"
      "Werning, S (2012). The ontogenetic osteohistology of Tenontosaurus. PLoS ONE 7:e33539.\n");
  CHECK(count_code(r, "reference-never-cited") == 0);
  CHECK(count_code(r, "citation-without-reference") == 0);
  const Citation* w = citation_with(r, "Werning (2012)");
  REQUIRE(w);
  CHECK(w->reference.has_value());
}

TEST_CASE("a narrative citation with a remark after its year: Kelman (2021, tradução nossa)") {
  auto r = check(
      "Segundo Kelman (2021, tradução nossa), a inovação chega às bibliotecas; Silveira (2019, n.p) "
      "destaca o trabalho remoto e Ruiz (2021, p. 3, our translation) concorda.\n\n"
      "Referências\n"
      "KELMAN, A. Innovation in public libraries. Library Journal, v. 12, 2021.\n"
      "RUIZ, M. Bibliotecas y comunidad. Madrid: Trea, 2021.\n"
      "SILVEIRA, D. Home office bateu recorde no Brasil. G1, 2019.\n");
  CHECK(count_code(r, "reference-never-cited") == 0);
  CHECK(count_code(r, "citation-without-reference") == 0);
  // Read as narrative citations with their brackets, not only as mentions of name and year.
  for (const char* raw : {"Kelman (2021, tradução nossa)", "Silveira (2019, n.p)", "Ruiz (2021, p. 3, our translation)"}) {
    const Citation* c = citation_with(r, raw);
    CHECK(c);
    if (c) CHECK(c->reference.has_value());
  }
}
