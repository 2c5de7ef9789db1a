// Finding fingerprints: the same text gives the same identities, moving text leaves them
// alone, and no two findings of one document share one.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

#include "helpers.hpp"
#include "src/pipeline.hpp"
#include "src/report_fingerprint.hpp"

using namespace citecheck;
using citecheck::test::doc_from;
using citecheck::test::fixture_path;

namespace {

std::string errors_txt() { return citecheck::test::read_file(fixture_path("cli/errors.txt")); }

// code -> fingerprint, for comparing runs whose findings sit on other lines.
std::multiset<std::pair<std::string, std::string>> identities(const std::string& text) {
  DocumentReport d = check_document(doc_from(text));
  auto ids = identify_findings(d);
  REQUIRE(ids.size() == d.findings.size());
  std::multiset<std::pair<std::string, std::string>> out;
  for (std::size_t i = 0; i < ids.size(); ++i) out.insert({d.findings[i].code, ids[i].fingerprint});
  return out;
}

// A short manuscript whose text cites `citing` and (Keller 2020), and lists only Keller.
std::string ports_citing(const std::string& citing) {
  return "Ports\n\nAs argued " + citing + "\nand (Keller 2020) adds the ferries.\n\nReferences\n\n" +
         "Keller, Anna. 2020. \"Caspian ferries.\" Maritime Studies 19 (2): 201-219.\n";
}

}  // namespace

TEST_CASE("two runs over the same manuscript give the same fingerprints", "[report_fingerprint]") {
  const auto first = identities(errors_txt());
  REQUIRE(first.size() == 3);  // year-mismatch, citation-without-reference, url-shortener
  CHECK(identities(errors_txt()) == first);
  for (const auto& [code, fp] : first) {
    CHECK(fp.size() == 32);
    CHECK(fp.find_first_not_of("0123456789abcdef") == std::string::npos);
  }
}

TEST_CASE("a paragraph inserted above the findings leaves their fingerprints alone", "[report_fingerprint]") {
  std::string text = errors_txt();
  const auto before = identities(text);
  const std::size_t after_title = text.find("\n\n") + 2;
  text.insert(after_title,
              "A new opening paragraph, added in revision, pushes every line below it\n"
              "down by three lines and cites nothing.\n\n");
  DocumentReport moved = check_document(doc_from(text));
  REQUIRE(std::any_of(moved.findings.begin(), moved.findings.end(),
                      [](const Finding& f) { return f.code == "year-mismatch" && f.span.line == 7; }));
  CHECK(identities(text) == before);
}

TEST_CASE("re-wrapping a citation over two lines keeps its fingerprint", "[report_fingerprint]") {
  std::string text = errors_txt();
  const auto before = identities(text);
  const std::size_t at = text.find("(Haddad 2018;");
  REQUIRE(at != std::string::npos);
  text.replace(at, 13, "(Haddad\n2018;");
  CHECK(identities(text) == before);
}

TEST_CASE("different findings, and true duplicates, have different fingerprints", "[report_fingerprint]") {
  // The same missing work cited twice, word for word: two findings with one code and subject.
  const std::string text = ports_citing("(Haddad 2018), the ports grew. Later, the same (Haddad 2018) says more,");
  DocumentReport d = check_document(doc_from(text));
  auto ids = identify_findings(d);
  const auto uncited = std::count_if(d.findings.begin(), d.findings.end(),
                                     [](const Finding& f) { return f.code == "citation-without-reference"; });
  REQUIRE(uncited == 2);
  std::set<std::string> distinct;
  for (const auto& id : ids) distinct.insert(id.fingerprint);
  CHECK(distinct.size() == ids.size());
  // The first of the two keeps the identity it has when it is the only one.
  const std::string alone = ports_citing("(Haddad 2018), the ports grew,");
  DocumentReport single = check_document(doc_from(alone));
  auto single_ids = identify_findings(single);
  REQUIRE(single.findings.size() == 1);
  CHECK(single_ids[0].fingerprint == ids[0].fingerprint);
  CHECK(single_ids[0].subject == "(Haddad 2018)");
}

TEST_CASE("a finding without items is identified by its message with the numbers masked", "[report_fingerprint]") {
  DocumentReport d = check_document(doc_from("Title\n\nBad bytes \xff here and \xfe there.\n"));
  auto ids = identify_findings(d);
  REQUIRE(d.findings.size() >= 2);
  CHECK(d.findings[0].code == "invalid-utf8");
  CHECK(ids[0].subject.find_first_of("0123456789") == std::string::npos);
  CHECK(ids[0].fingerprint != ids[1].fingerprint);
}
