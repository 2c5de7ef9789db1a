// Tests for the learned field tagger (parsers/learned/field_features.cpp, field_tagger.cpp)
// and the fields parse_work takes from it: entries written for these tests — journal
// articles, books, chapters and web pages in Latin, Cyrillic and Arabic script — and the
// model file's refusals.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "parsers/identifiers.hpp"
#include "parsers/learned/field_features.hpp"
#include "parsers/learned/field_tagger.hpp"
#include "parsers/reference_fields.hpp"

using namespace citecheck;

namespace {

std::vector<std::uint8_t> shapes(std::string_view text) {
  std::vector<std::uint8_t> out;
  for (const auto& t : field_tokens(text, find_identifiers(text))) {
    out.push_back(static_cast<std::uint8_t>(t.kind));
    out.push_back(t.shape);
  }
  return out;
}

}  // namespace

TEST_CASE("field tokens: words, numbers, marks and each link as one token", "[fields]") {
  std::string_view text = "Light, F. (2023a). Title. https://doi.org/10.1000/xyz1 45–67";
  auto tokens = field_tokens(text, find_identifiers(text));
  std::vector<std::string> got;
  for (const auto& t : tokens) got.emplace_back(text.substr(t.begin, t.end - t.begin));
  CHECK(got == std::vector<std::string>{"Light", ",", "F", ".", "(", "2023", "a", ")", ".", "Title", ".",
                                        "https://doi.org/10.1000/xyz1", "45", "–", "67"});
  CHECK(tokens[11].kind == TokenKind::Link);
  CHECK(tokens[5].kind == TokenKind::Number);
  CHECK(tokens[5].shape != tokens[12].shape);  // a year is not a page number
  CHECK(tokens[9].space_before);
  CHECK_FALSE(tokens[1].space_before);
}

TEST_CASE("field tokens: one entry in Latin and Cyrillic script, or with Arabic digits and comma, has one shape", "[fields]") {
  auto latin = shapes("Ivanov, I. I. (2019). Kavkaz i Rossiya. Voprosy istorii, 12(3), 45–67.");
  auto cyrillic = shapes("Иванов, И. И. (2019). Кавказ и Россия. Вопросы истории, 12(3), 45–67.");
  CHECK(latin == cyrillic);
  // Arabic-Indic digits and the Arabic comma read as digits and a comma.
  CHECK(shapes("12(3), 45-67") == shapes("١٢(٣)، ٤٥-٦٧"));
}

TEST_CASE("field tokens: words a PDF extraction glued together are cut where the space stood", "[fields]") {
  auto words = [](std::string_view text) {
    std::vector<std::string> out;
    for (const auto& t : field_tokens(text, find_identifiers(text))) out.emplace_back(text.substr(t.begin, t.end - t.begin));
    return out;
  };
  CHECK(words("superheavy isotopesBraz. J. Phys.") ==
        std::vector<std::string>{"superheavy", "isotopes", "Braz", ".", "J", ".", "Phys", "."});
  CHECK(words("inAmerican Astronomical") == std::vector<std::string>{"in", "American", "Astronomical"});
  CHECK(words("tensor networksarXiv:1606") == std::vector<std::string>{"tensor", "networks", "arXiv", ":", "1606"});
  // Names and words whose capitals are their own stay whole.
  CHECK(words("McDonald eBay iPhone arXiv") == std::vector<std::string>{"McDonald", "eBay", "iPhone", "arXiv"});
  CHECK(words("Вопросы историиРоссии") == std::vector<std::string>{"Вопросы", "истории", "России"});
}

TEST_CASE("field tokens: a 20 MB entry is read only at its start", "[fields]") {
  std::string huge = "Light, F. (2023). " + std::string(20 << 20, 'a');
  auto tokens = field_tokens(huge, {});
  REQUIRE_FALSE(tokens.empty());
  CHECK(tokens.back().end <= 4000);
}

TEST_CASE("fields of a journal article, a book, a chapter and a web page (Latin script)", "[fields]") {
  Work article = parse_work("Light, F. (2023). Armenia after the war. Caucasus Survey, 11(2), 101–120.");
  CHECK(article.title.value_or("") == "Armenia after the war");
  CHECK(article.container.value_or("") == "Caucasus Survey");
  CHECK(article.volume.value_or("") == "11");
  CHECK(article.issue.value_or("") == "2");
  CHECK(article.pages.value_or("") == "101–120");
  CHECK(article.year.value_or("") == "2023");
  REQUIRE(article.authors.size() == 1);
  CHECK(article.authors[0].family == "Light");

  Work vancouver = parse_work("Travers KJ, Patil CK, Walter P. Functional and genomic analyses reveal an essential "
                              "coordination. Cell. 2000;101(3):249-58.");
  CHECK(vancouver.title.value_or("") == "Functional and genomic analyses reveal an essential coordination");
  CHECK(vancouver.container.value_or("") == "Cell");
  CHECK(vancouver.volume.value_or("") == "101");
  CHECK(vancouver.issue.value_or("") == "3");
  CHECK(vancouver.pages.value_or("") == "249-58");

  Work book = parse_work("Saparov, A. (2015). From conflict to autonomy in the Caucasus. London: Routledge.");
  CHECK(book.title.value_or("") == "From conflict to autonomy in the Caucasus");
  CHECK_FALSE(book.volume);
  CHECK_FALSE(book.pages);

  Work chapter = parse_work("Smith, J. (2010). Water rights in the Jordan basin. In A. Brown (Ed.), Handbook of "
                            "water law (pp. 45–67). Oxford: Clarendon Press.");
  CHECK(chapter.title.value_or("") == "Water rights in the Jordan basin");
  CHECK(chapter.container.value_or("") == "Handbook of water law");
  CHECK(chapter.pages.value_or("") == "45–67");
  CHECK_FALSE(chapter.volume);

  Work web = parse_work("Kucera, Joshua. 2020. \"Karabakh Fighting Escalates.\" Eurasianet, September 28. "
                        "https://eurasianet.org/karabakh-fighting-escalates");
  CHECK(web.title.value_or("") == "Karabakh Fighting Escalates");
  CHECK(web.urls == std::vector<std::string>{"https://eurasianet.org/karabakh-fighting-escalates"});
  CHECK_FALSE(web.volume);
}

TEST_CASE("fields of a journal article and a book in Cyrillic script", "[fields]") {
  Work article = parse_work("Иванов, И. И. (2019). Кавказ и Россия в новое время. Вопросы истории, 12(3), 45–67.");
  CHECK(article.title.value_or("") == "Кавказ и Россия в новое время");
  CHECK(article.container.value_or("") == "Вопросы истории");
  CHECK(article.volume.value_or("") == "12");
  CHECK(article.issue.value_or("") == "3");
  CHECK(article.pages.value_or("") == "45–67");
  REQUIRE_FALSE(article.authors.empty());
  CHECK(article.authors[0].family == "Иванов");

  Work book = parse_work("Петров, С. Н. (2015). Региональные рынки труда. Москва: Наука.");
  CHECK(book.title.value_or("") == "Региональные рынки труда");
  CHECK_FALSE(book.volume);
}

TEST_CASE("fields of a journal article in Arabic script with Arabic-Indic digits", "[fields]") {
  Work article = parse_work("العبيدي، سامر (٢٠١٩). الممرات الاقتصادية في الخليج. مجلة الدراسات الدولية، ٧٧(٢)، ٣٠-٦٠.");
  CHECK(article.title.value_or("") == "الممرات الاقتصادية في الخليج");
  CHECK(article.container.value_or("") == "مجلة الدراسات الدولية");
  CHECK(article.volume.value_or("") == "77");
  CHECK(article.issue.value_or("") == "2");
  CHECK(article.pages.value_or("") == "30-60");
  CHECK(article.year.value_or("") == "2019");
}

// --- The model file ------------------------------------------------------------------------------

namespace {

std::string source_model(const char* name) {
  std::ifstream in(std::filesystem::path(CITECHECK_SOURCE_DIR) / "parsers" / "models" / name, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::filesystem::path written(const std::string& name, const std::string& bytes) {
  auto dir = std::filesystem::temp_directory_path() / "citecheck-field-model";
  std::filesystem::create_directories(dir);
  auto p = dir / name;
  std::ofstream(p, std::ios::binary) << bytes;
  return p;
}

}  // namespace

TEST_CASE("the field model file is the built-in one, and a copy of it tags alike", "[fields][models]") {
  FieldTagger builtin = builtin_field_tagger();
  CHECK(builtin.model().labels() == field_label_names());
  FieldTagger loaded = load_field_tagger(written("same.model", source_model("reference-fields.model")));
  std::string_view entry = "Light, F. (2023). Armenia after the war. Caucasus Survey, 11(2), 101–120.";
  auto tokens = field_tokens(entry, find_identifiers(entry));
  CHECK(loaded.labels(tokens) == builtin.labels(tokens));
}

TEST_CASE("a missing, truncated, edited, foreign or other-version field model is refused by name", "[fields][models]") {
  const std::string model = source_model("reference-fields.model");
  REQUIRE(model.size() > 1000);
  auto refused = [](const std::filesystem::path& p, const std::string& why) {
    try {
      load_field_tagger(p);
      FAIL("accepted: " << why);
    } catch (const ModelError& e) {
      std::string msg = e.what();
      INFO(msg);
      CHECK(msg.find(p.string()) != std::string::npos);
      CHECK(msg.find(why) != std::string::npos);
    }
  };
  refused(std::filesystem::temp_directory_path() / "citecheck-field-model" / "no-such.model", "missing");
  refused(written("cut.model", model.substr(0, model.size() / 2)), "truncated");
  std::string edited = model;
  std::size_t at = edited.find(' ', edited.size() / 2) + 1;  // a weight
  edited[at] = edited[at] == '1' ? '2' : '1';
  refused(written("edited.model", edited), "checksum");
  std::string other = model;
  other.replace(0, std::string("citecheck-linear-chain 1").size(), "citecheck-linear-chain 9");
  refused(written("other.model", other), "this citecheck reads");
  refused(written("zone.model", source_model("reference-zone.model")),
          "'reference-zone' model where a 'reference-fields' model is needed");
}
