// A finding quotes what it is about as printed, with the words around it.
#include <catch2/catch.hpp>

#include "helpers.hpp"
#include "src/pipeline.hpp"

using namespace citecheck;

namespace {
const Finding* finding(const DocumentReport& d, const std::string& code) {
  for (const auto& f : d.findings)
    if (f.code == code) return &f;
  return nullptr;
}
}  // namespace

TEST_CASE("a citation's finding quotes it with its sentence around it", "[excerpts]") {
  CheckOptions options;
  options.excerpts = true;
  const DocumentReport d = check_document(test::doc_from(test::read_file(test::fixture_path("cli/errors.txt"))),
                                          default_line_models(), options);
  const Finding* f = finding(d, "citation-without-reference");
  REQUIRE(f);
  REQUIRE(f->excerpt);
  // One work of a bracket of two: the work, with the bracket around it. 120 bytes back reach
  // into "the Caspian", cut to the whole word; line ends read as spaces; the paragraph ends after.
  CHECK(f->excerpt->text == "Haddad 2018");
  CHECK(f->excerpt->before ==
        "Caspian Sea matter as much as the pipelines (Sultanova 2020), a point made early by Novak (2017) and long before them (");
  CHECK(f->excerpt->after == "; World Bank 2019).");
}

TEST_CASE("a link is quoted within its entry, an entry alone", "[excerpts]") {
  CheckOptions options;
  options.excerpts = true;
  const DocumentReport d = check_document(test::doc_from(test::read_file(test::fixture_path("cli/errors.txt"))),
                                          default_line_models(), options);
  const Finding* f = finding(d, "url-shortener");
  REQUIRE(f);
  REQUIRE(f->excerpt);
  CHECK(f->excerpt->before == "World Bank. 2019. South Caucasus Connectivity Report. Washington, DC. ");
  CHECK(f->excerpt->text == "https://bit.ly/3xYzAbc");
  CHECK(f->excerpt->after == "");
}

TEST_CASE("an Arabic citation is quoted whole, cut at whole words", "[excerpts]") {
  CheckOptions options;
  options.excerpts = true;
  std::string text = "مقدمة\n\n";
  for (int i = 0; i < 30; ++i) text += "كلمة ";
  text += "كما يرى (الحسيني ٢٠١٨) في دراسته عن الموانئ.\n\nالمراجع\n\nالعبيدي، أحمد. ٢٠١٩. الموانئ. بغداد: دار الكتب.\n";
  const DocumentReport d = check_document(test::doc_from(text), default_line_models(), options);
  const Finding* f = finding(d, "citation-without-reference");
  REQUIRE(f);
  REQUIRE(f->excerpt);
  CHECK(f->excerpt->text == "(الحسيني ٢٠١٨)");
  CHECK(f->excerpt->before.size() <= 120);
  CHECK(f->excerpt->before.rfind("كلمة ", 0) == 0);  // a whole first word
  CHECK(f->excerpt->before.substr(f->excerpt->before.size() - 14) == "كما يرى ");
  CHECK(f->excerpt->after == " في دراسته عن الموانئ.");  // to the paragraph's end
}

TEST_CASE("without the option, findings carry no excerpt", "[excerpts]") {
  const DocumentReport d = check_document(test::doc_from(test::read_file(test::fixture_path("cli/errors.txt"))));
  for (const auto& f : d.findings) CHECK(!f.excerpt);
}
