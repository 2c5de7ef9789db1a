// Tests for resolvers/metadata_match.cpp: does what a DOI is registered for (Crossref,
// DataCite) name the work the manuscript cites? Titles across case, diacritics, markup,
// subtitles and scripts; years across online-first dates and the Hijri calendars; first
// authors across romanisations.
#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <vector>

#include "resolvers/metadata_match.hpp"

using namespace citecheck;

namespace {

CitedWork cited(std::optional<std::string> title, std::optional<int> year, std::optional<std::string> family) {
  CitedWork c;
  c.title = std::move(title);
  c.year = year;
  c.first_family = std::move(family);
  return c;
}

RegisteredWork registered(std::optional<std::string> title, std::vector<int> years, std::vector<std::string> families,
                          std::vector<std::string> other_titles = {}) {
  RegisteredWork r;
  r.agency = "crossref";
  r.title = std::move(title);
  r.other_titles = std::move(other_titles);
  r.years = years;
  if (!years.empty()) r.year = *std::min_element(years.begin(), years.end());
  r.family_names = std::move(families);
  return r;
}

const FieldComparison* field(const MetadataVerdict& v, const std::string& name) {
  for (const auto& f : v.fields)
    if (f.field == name) return &f;
  return nullptr;
}

}  // namespace

TEST_CASE("title similarity folds case, diacritics, markup, punctuation and digits", "[resolvers][metadata_match]") {
  CHECK(title_similarity("The <i>Shahnameh</i> in Georgian translation", "The Shahnameh in Georgian Translation") == 1.0);
  CHECK(title_similarity("Türk Dili Tarihi", "TURK DILI TARIHI") == 1.0);
  CHECK(title_similarity("تاريخ باكو ١٩٠٠–١٩٢٠", "تاريخ باكو 1900-1920") == 1.0);
  CHECK(title_similarity("H<sub>2</sub>O &amp; oil in the Absheron peninsula", "H2O & Oil in the Absheron Peninsula") == 1.0);
  CHECK(title_similarity("", "Ports of the Caspian") == 0.0);
}

TEST_CASE("a subtitle on one side only still scores high", "[resolvers][metadata_match]") {
  CHECK(title_similarity("Ports of the Caspian", "Ports of the Caspian: A Survey of Trade, 1850–1914") >= 0.75);
  CHECK(title_similarity("Порты Каспийского моря в XIX веке", "Порты Каспийского моря в XIX веке: торговля и общество") >= 0.75);
  CHECK(title_similarity("الموانئ في بحر قزوين", "الموانئ في بحر قزوين: دراسة تاريخية") >= 0.75);
  // Two words are too few to be "contained": "The Caspian" is in many titles.
  CHECK(title_similarity("The Caspian", "The Caspian: oil, caviar and empire in the nineteenth century") < 0.75);
}

TEST_CASE("titles that share only short words are far apart", "[resolvers][metadata_match]") {
  CHECK(title_similarity("On the origin of the species", "On the economics of the oil trade") < 0.5);
  CHECK(title_similarity("Ports of the Caspian", "Deep learning for protein structure prediction") == 0.0);
}

TEST_CASE("Chinese titles are compared by character bigrams", "[resolvers][metadata_match]") {
  CHECK(title_similarity("里海港口研究", "里海港口研究") == 1.0);
  CHECK(title_similarity("里海港口研究", "里海港口的历史研究") >= 0.75);
  CHECK(title_similarity("里海港口研究", "蛋白质结构预测") == 0.0);
}

TEST_CASE("a DOI registered for the cited work agrees on every field", "[resolvers][metadata_match]") {
  auto v = compare_metadata(cited("Ports of the Caspian", 2019, "Aliyev"),
                            registered("Ports of the Caspian: A Survey of Trade, 1850–1914", {2019}, {"Aliyev", "Smith"}));
  CHECK_FALSE(v.mismatch);
  REQUIRE(v.fields.size() == 3);
  CHECK(v.fields[0].field == "title");
  CHECK(v.fields[0].agrees);
  CHECK(v.fields[1].field == "year");
  CHECK(v.fields[1].agrees);
  CHECK(v.fields[2].field == "first author");
  CHECK(v.fields[2].agrees);
}

TEST_CASE("a subtitle registered apart from the title", "[resolvers][metadata_match]") {
  auto v = compare_metadata(cited("Порты Каспия: торговля и общество в XIX веке", 2015, "Иванов"),
                            registered("Порты Каспия", {2015}, {"Иванов"}, {"Торговля и общество в XIX веке"}));
  CHECK_FALSE(v.mismatch);
  REQUIRE(field(v, "title"));
  CHECK(field(v, "title")->agrees);
  CHECK(field(v, "title")->registered == "Порты Каспия: Торговля и общество в XIX веке");
}

TEST_CASE("a DOI typo pointing to a totally different paper is a mismatch", "[resolvers][metadata_match]") {
  auto v = compare_metadata(cited("Ports of the Caspian", 2019, "Aliyev"),
                            registered("Deep learning for protein structure prediction", {2018}, {"Smith", "Chen"}));
  CHECK(v.mismatch);
  REQUIRE(field(v, "title"));
  CHECK_FALSE(field(v, "title")->agrees);
  CHECK(field(v, "title")->registered == "Deep learning for protein structure prediction");
  CHECK(field(v, "year")->agrees);  // 2018 is within a year of 2019: chance, not evidence
  CHECK_FALSE(field(v, "first author")->agrees);
}

TEST_CASE("an online-first year a year before the issue agrees", "[resolvers][metadata_match]") {
  auto v = compare_metadata(cited("Oil and empire in Baku", 2021, "Mammadov"),
                            registered("Oil and Empire in Baku", {2020, 2021}, {"Mammadov"}));
  CHECK_FALSE(v.mismatch);
  CHECK(field(v, "year")->agrees);
  auto early = compare_metadata(cited("Oil and empire in Baku", 2022, "Mammadov"),
                                registered("Oil and Empire in Baku", {2020, 2021}, {"Mammadov"}));
  CHECK(field(early, "year")->agrees);
  CHECK(field(early, "year")->registered == "2021");
}

TEST_CASE("a lone wrong year is reported but is no mismatch when the title agrees", "[resolvers][metadata_match]") {
  auto v = compare_metadata(cited("Oil and empire in Baku", 2017, "Mammadov"),
                            registered("Oil and Empire in Baku", {2020}, {"Mammadov"}));
  CHECK_FALSE(v.mismatch);
  REQUIRE(field(v, "year"));
  CHECK_FALSE(field(v, "year")->agrees);
  CHECK(field(v, "year")->cited == "2017");
  CHECK(field(v, "year")->registered == "2020");
}

TEST_CASE("a lone wrong year with a title that only half agrees is a mismatch", "[resolvers][metadata_match]") {
  auto v = compare_metadata(cited("A study of the Caspian trade", 2010, "Mammadov"),
                            registered("The history of the Caspian trade", {2020}, {"Mammadov"}));
  CHECK(v.mismatch);
  CHECK_FALSE(field(v, "title")->agrees);
  CHECK(field(v, "first author")->agrees);
}

TEST_CASE("wrong year and wrong author together are a mismatch even without a title", "[resolvers][metadata_match]") {
  auto v = compare_metadata(cited(std::nullopt, 2010, "Gelashvili"), registered("Some other paper", {2021}, {"Novak"}));
  CHECK(v.mismatch);
  CHECK_FALSE(field(v, "title"));
  auto only_author = compare_metadata(cited(std::nullopt, 2021, "Gelashvili"), registered("Some other paper", {2021}, {"Novak"}));
  CHECK_FALSE(only_author.mismatch);
  CHECK_FALSE(field(only_author, "first author")->agrees);
}

TEST_CASE("a title cited in Arabic and registered in English is not compared", "[resolvers][metadata_match]") {
  auto v = compare_metadata(cited("الموانئ في بحر قزوين", 2019, "عبدالحكيم"),
                            registered("Ports of the Caspian Sea", {2019}, {"Abdel-Hakim"}));
  CHECK_FALSE(v.mismatch);
  REQUIRE(field(v, "title"));
  CHECK(field(v, "title")->agrees);
  CHECK(field(v, "title")->note.find("not compared") != std::string::npos);
  CHECK(field(v, "first author")->agrees);
}

TEST_CASE("a translated citation whose year and author both disagree is a mismatch", "[resolvers][metadata_match]") {
  auto v = compare_metadata(cited("الموانئ في بحر قزوين", 2005, "عبدالحكيم"),
                            registered("Deep learning for protein structure prediction", {2021}, {"Smith"}));
  CHECK(v.mismatch);
}

TEST_CASE("a romanised title is compared with the registered Cyrillic in transliteration", "[resolvers][metadata_match]") {
  auto v = compare_metadata(cited("Porty Kaspiiskogo moria", 2015, "Ivanov"),
                            registered("Порты Каспийского моря", {2015}, {"Иванов"}));
  CHECK_FALSE(v.mismatch);
  CHECK(field(v, "title")->agrees);
  CHECK(field(v, "title")->note == "compared in transliteration");
  CHECK(field(v, "first author")->agrees);
}

TEST_CASE("first authors across romanisations, particles and scripts", "[resolvers][metadata_match]") {
  auto agrees = [](const std::string& cited_name, std::vector<std::string> families) {
    auto v = compare_metadata(cited(std::nullopt, std::nullopt, cited_name), registered(std::nullopt, {}, std::move(families)));
    return field(v, "first author") && field(v, "first author")->agrees;
  };
  CHECK(agrees("Güler", {"Guler"}));
  CHECK(agrees("Алиев", {"Aliyev"}));
  CHECK(agrees("Berg", {"van den Berg"}));
  CHECK(agrees("Hakim", {"Abdel-Hakim"}));
  CHECK(agrees("أحمد", {"احمد"}));
  CHECK(agrees("Smith", {"Chen", "Smith"}));        // registered second
  CHECK_FALSE(agrees("Smith", {"Chen", "Li", "Smith"}));  // third is too far down
  CHECK_FALSE(agrees("Li", {"Williams"}));
  CHECK_FALSE(agrees("Gelashvili", {"Novak"}));
}

TEST_CASE("Solar and lunar Hijri years agree with their Gregorian years", "[resolvers][metadata_match]") {
  auto solar = compare_metadata(cited(std::nullopt, 1398, "Rezaei"), registered(std::nullopt, {2019}, {"Rezaei"}));
  CHECK(field(solar, "year")->agrees);
  auto lunar = compare_metadata(cited(std::nullopt, 1441, "Al-Hashimi"), registered(std::nullopt, {2020}, {"Hashimi"}));
  CHECK(field(lunar, "year")->agrees);
  auto off = compare_metadata(cited(std::nullopt, 1398, "Rezaei"), registered(std::nullopt, {2010}, {"Rezaei"}));
  CHECK_FALSE(field(off, "year")->agrees);
}

TEST_CASE("fields missing on either side are not compared", "[resolvers][metadata_match]") {
  auto v = compare_metadata(cited("Ports of the Caspian", std::nullopt, std::nullopt), registered(std::nullopt, {2019}, {"Aliyev"}));
  CHECK(v.fields.empty());
  CHECK_FALSE(v.mismatch);
  auto w = compare_metadata(cited(std::nullopt, 2019, std::nullopt), registered("Ports", {}, {}));
  CHECK(w.fields.empty());
}
