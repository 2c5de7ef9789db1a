// Entries named in passing: the first author and the year close together with no citation
// form around them (parsers/mentions.cpp, wired in parsers/manuscript.cpp). Such an entry is
// cited; one the text names with another year, or not at all, is still never cited.
#include <catch2/catch.hpp>

#include <string>

#include "helpers.hpp"
#include "src/pipeline.hpp"

using namespace citecheck;

namespace {

DocumentReport check(std::string text) { return check_document(test::doc_from(std::move(text))); }

std::vector<std::string> never_cited(const DocumentReport& r) {
  std::vector<std::string> out;
  for (const auto& f : r.findings)
    if (f.code == "reference-never-cited") out.push_back(f.message);
  return out;
}

bool mentions(const std::vector<std::string>& messages, const std::string& name) {
  for (const auto& m : messages)
    if (m.find(name) != std::string::npos) return true;
  return false;
}

const Citation* citation_of(const DocumentReport& r, const std::string& author) {
  for (const auto& c : r.manuscript.citations)
    if (!c.authors.empty() && c.authors.front() == author) return &c;
  return nullptr;
}

}  // namespace

TEST_CASE("a table row naming an entry's author and year cites it") {
  auto r = check(
      "Classifications of successional groups used in earlier studies (Moura 2010).\n\n"
      "Year | Author | Groups\n"
      "1982 | Whitmore | Pioneer, late secondary and climax\n"
      "1995 | Ferraz & Lima | Pioneer, early and late secondary\n\n"
      "References\n"
      "Ferraz, A.B. & Lima, C. 1995. Grupos ecológicos de uma floresta estacional. Revista Árvore 19: 10-22.\n"
      "Moura, R. 2010. Sucessão secundária no planalto. Acta Botanica 24: 101-113.\n"
      "Whitmore, T.C. 1982. On pattern and process in forests. Blackwell, Oxford.\n");
  auto nc = never_cited(r);
  CHECK_FALSE(mentions(nc, "Whitmore"));
  CHECK_FALSE(mentions(nc, "Ferraz"));
  const Citation* c = citation_of(r, "Whitmore");
  REQUIRE(c);
  CHECK(c->year.value_or("") == "1982");
  CHECK(c->reference.has_value());
}

TEST_CASE("an author and the year of the work named in running text cite the work") {
  auto r = check(
      "A teoria parte de Gottlob Frege, em 1918, e chega a Searle, em Expression and Meaning (1979), "
      "sem esquecer a crítica (AUSTIN, 1962).\n\n"
      "Referências\n"
      "AUSTIN, J. L. How to Do Things with Words. Oxford: Clarendon Press, 1962.\n"
      "FREGE, G. The Thought. Mind, v. 65, n. 259, p. 289-311, 1918.\n"
      "SEARLE, J. R. Expression and Meaning. New York: Cambridge University Press, 1979.\n"
      "SEARLE, J. R. Intentionality. New York: Cambridge University Press, 1983.\n");
  auto nc = never_cited(r);
  CHECK_FALSE(mentions(nc, "Frege"));
  CHECK_FALSE(mentions(nc, "FREGE"));
  CHECK_FALSE(mentions(nc, "Expression and Meaning"));
  // Searle's other work is not named with its year: still never cited.
  CHECK(nc.size() == 1);
}

TEST_CASE("a name and a year far apart, in another paragraph or in lower case, cite nothing") {
  auto r = check(
      "The bell rang in 2001 as the study began (Costa 2015).\n\n"
      "Bell wrote much later. The project ended in 2001.\n\n"
      "References\n"
      "Bell, A. 2001. Sound and silence. Oxford University Press.\n"
      "Costa, M. 2015. Field notes. Lisboa: Colibri.\n");
  CHECK(never_cited(r).size() == 1);
  CHECK_FALSE(citation_of(r, "bell"));
}

TEST_CASE("a classical author listed by one name in capitals is mentioned like a person") {
  auto r = check(
      "Así lo muestra la descripción que hace Séneca de su amigo Demetrio (1986, p. 348), y también el "
      "retrato posterior (ONFRAY, 2004; HADOT, 2013; PAQUET, 1975; SLOTERDIJK, 1983).\n\n"
      "Referencias\n"
      "HADOT, P. La ciudadela interior. Salamanca: Alcántara, 2013.\n"
      "ONFRAY, M. Cinismos. Retrato de los filósofos llamados perros. Buenos Aires: Paidós, 2004.\n"
      "PAQUET, L. Les Cyniques grecs: fragments et témoignages. Ottawa: L'Université d'Ottawa, 1975.\n"
      "SENECA. Epístolas morales a Lucilio I. Madrid: Gredos, 1986.\n"
      "SLOTERDIJK, P. Kritik der zynischen Vernunft. Frankfurt am Main: Suhrkamp, 1983.\n");
  CHECK(never_cited(r).empty());
  const Citation* c = citation_of(r, "Séneca");
  REQUIRE(c);
  CHECK(c->reference.has_value());
}
