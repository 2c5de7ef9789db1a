// Laws, decrees, resolutions and reports cited by their number, in the list's language or in
// a translation (parsers/numbered_documents.cpp, linked in src/linker.cpp).
#include <catch2/catch.hpp>

#include <string>

#include "pipeline_helpers.hpp"
#include "parsers/numbered_documents.hpp"
#include "src/pipeline.hpp"

using namespace citecheck;

namespace {

DocumentReport check(std::string text) { return test::check_text(std::move(text)); }
using test::count_code;

const char* kActs =
    "Referências\n"
    "Decreto nº 6.949, de 25 agosto de 2009. Promulga a Convenção Internacional sobre os Direitos das Pessoas com Deficiência.\n"
    "Lei n° 13.146, de 6 de julho de 2015. Institui a Lei Brasileira de Inclusão da Pessoa com Deficiência.\n"
    "Resolução nº 4, de 2 de outubro de 2009. Institui Diretrizes Operacionais para o Atendimento Educacional.\n"
    "Souza, M. (2019). Inclusão escolar no Brasil. Educação em Revista, 35, 1-20.\n";

}  // namespace

TEST_CASE("the number an entry for a law or decree opens with") {
  CHECK(opening_document_number("Lei nº 13.146, de 6 de julho de 2015. Institui …").value_or("-") == "13146");
  CHECK(opening_document_number("Decreto nº 6.949, de 25 agosto de 2009.").value_or("-") == "6949");
  CHECK(opening_document_number("Resolução CNE/CEB nº 4, de 2 de outubro de 2009.").value_or("-") == "4");
  CHECK(opening_document_number("Ley N.º 1581 de 2012, por la cual se dictan disposiciones").value_or("-") == "1581");
  CHECK(opening_document_number("Федеральный закон № 152-ФЗ от 27.07.2006").value_or("-") == "152");
  CHECK(opening_document_number("Public Law No. 111-148, 124 Stat. 119 (2010).").value_or("-") == "111");
  CHECK_FALSE(opening_document_number("Smith, J. 2020. Number 5 in a series.").has_value());
  CHECK_FALSE(opening_document_number("ISO 9001:2015. Quality management systems.").has_value());
  CHECK_FALSE(opening_document_number("No. 5 was the first.").has_value());
}

TEST_CASE("laws cited by number and year, also in translation, cite their entries") {
  auto r = check(std::string(
                     "A inclusão é um direito (Lei n° 13.146/2015), conforme a Convenção promulgada pelo Decreto nº "
                     "6.949, de 25 de agosto de 2009 (Souza, 2019).\n"
                     "In English: according to Resolution no. 4, of October 2, 2009, and Law no. 13,146, 2015.\n\n") +
                 kActs);
  CHECK(count_code(r, "reference-never-cited") == 0);
  CHECK(count_code(r, "citation-without-reference") == 0);
  int by_number = 0;
  for (const auto& c : r.manuscript.citations) {
    if (!c.number) continue;
    ++by_number;
    CHECK(c.reference.has_value());
  }
  CHECK(by_number == 4);
}

TEST_CASE("a number with another year, or a short number alone, cites no law") {
  auto r = check(std::string("See Table no. 4 and the earlier Lei n° 13.146/2014, but also (Souza, 2019).\n\n") + kActs);
  // Nothing cites the three acts: the year 2014 is not the law's, and "no. 4" alone names
  // too many things.
  CHECK(count_code(r, "reference-never-cited") == 3);
  for (const auto& c : r.manuscript.citations) CHECK_FALSE(c.number.has_value());
}
