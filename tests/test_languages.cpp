#include <catch2/catch.hpp>

#include <set>

#include "src/finding_codes.hpp"
#include "src/languages.hpp"

using namespace citecheck;

namespace {

// The {n} placeholders of a wording, as a set ("{1}", "{2}").
std::set<std::string> placeholders(std::string_view w) {
  std::set<std::string> out;
  for (std::size_t i = w.find('{'); i != std::string_view::npos; i = w.find('{', i + 1)) {
    std::size_t close = w.find('}', i);
    if (close != std::string_view::npos && close > i + 1 && w[i + 1] >= '0' && w[i + 1] <= '9')
      out.insert(std::string(w.substr(i, close - i + 1)));
  }
  return out;
}

// A table with one row: what it lacks must be said in English.
const Wordings& one_row() {
  static const Wordings table = {{"citation-without-reference", "keine Quelle passt zu {1}"}};
  return table;
}

bool never_singular(long long) { return false; }

}  // namespace

TEST_CASE("the French table has every English row with the same placeholders") {
  const Language& fr = *find_language("fr");
  for (const auto& [key, english] : english_wordings()) {
    auto it = french_wordings().find(key);
    INFO(key);
    REQUIRE(it != french_wordings().end());
    CHECK(placeholders(it->second) == placeholders(english));
  }
  CHECK(fr.name == "français");
}

TEST_CASE("the French table says what to do about every finding code") {
  const Language& fr = *find_language("fr");
  for (const FindingCode& c : finding_codes()) {
    INFO(c.code);
    CHECK(french_wordings().count("advice." + std::string(c.code)) == 1);
    CHECK(advice(c.code, fr) != std::string(c.action));
  }
  CHECK(advice("year-mismatch", fr) == "Accordez l’année de la citation et celle de l’entrée.");
  CHECK(advice("year-mismatch", english()) == "Make the year in the citation and in the entry agree.");
}

TEST_CASE("a message in French with its arguments as printed") {
  const Language& fr = *find_language("fr");
  MessageText entry = say("entry.labelled", {"6", say("entry.name", {"Moreau, Claire", "2022"})});
  MessageText m = say("year-mismatch", {"2024", "2022", entry, say("place.line", {"34"})});
  CHECK(render(m, fr) ==
        "l’année citée, 2024, diffère de celle de l’entrée bibliographique, 2022 (l’entrée 6 «\u00A0Moreau, Claire "
        "(2022)\u00A0», ligne 34)");
  CHECK(in_english(m) == "cited year 2024 differs from the reference entry's 2022 (entry 6 \u201CMoreau, Claire (2022)\u201D, line 34)");
  // Printed text is never read as a wording, even when it looks like one.
  CHECK(render(say("citation-without-reference", {"(Smith {1} 2020)"}), fr) ==
        "aucune entrée de la bibliographie ne correspond à la citation (Smith {1} 2020)");
}

TEST_CASE("plural rules: French counts 0 and 1 as singular and English only 1") {
  const Language& fr = *find_language("fr");
  CHECK(count_in(fr, "html.errors", 0) == "0 erreur");
  CHECK(count_in(fr, "html.errors", 1) == "1 erreur");
  CHECK(count_in(fr, "html.errors", 2) == "2 erreurs");
  CHECK(count_in(english(), "html.errors", 0) == "0 errors");
  CHECK(count_in(english(), "html.errors", 1) == "1 error");
  CHECK(render(counted("failed-checks", 3), fr) == "3 vérifications en échec");
}

TEST_CASE("a row a language lacks is said in English and a reason it does not know stays as given") {
  const Language partial{"xx", "partial", never_singular, one_row};
  CHECK(render(say("citation-without-reference", {"(Haddad 2018)"}), partial) == "keine Quelle passt zu (Haddad 2018)");
  CHECK(render(say("footnote-marker-without-body", {"3"}), partial) == "footnote marker 3 has no footnote text");
  const Language& fr = *find_language("fr");
  CHECK(render(phrase("the citation's closing parenthesis is missing"), fr) == "la parenthèse fermante de la citation manque");
  CHECK(render(phrase("HTTP 404"), fr) == "HTTP 404");
  CHECK(render(say("no-such-key"), fr) == "no-such-key");
}

TEST_CASE("the languages are English then French and an unknown code is none") {
  CHECK(language_codes() == "en, fr");
  CHECK(english().code == "en");
  CHECK(find_language("fr") != nullptr);
  CHECK(find_language("de") == nullptr);
  CHECK(find_language("") == nullptr);
}
