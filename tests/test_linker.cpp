// Tests for src/linker.cpp: citations matched to reference entries across case, diacritics,
// Arabic letter variants, "et al." and scripts; twins (an entry and its romanised copy) and
// duplicates. The manuscripts are built by hand so each case shows exactly what is compared.
#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <vector>

#include "helpers.hpp"
#include "pipeline_helpers.hpp"
#include "src/linker.hpp"

using namespace citecheck;

namespace {

Person person(std::string family, std::string given = "") { return {std::move(family), std::move(given), false}; }
Person organisation(std::string name) { return {std::move(name), "", true}; }

// A reference entry; `raw` defaults to the printed author names and year.
Reference entry(std::vector<Person> authors, std::optional<std::string> year, std::string script,
                std::optional<std::string> title = std::nullopt, std::string label = "") {
  Reference r;
  r.work.authors = std::move(authors);
  r.work.year = std::move(year);
  r.work.title = std::move(title);
  r.script = std::move(script);
  r.label = std::move(label);
  for (const auto& p : r.work.authors) r.raw += p.family + ", " + p.given + ". ";
  if (r.work.year) r.raw += *r.work.year + ". ";
  if (r.work.title) r.raw += *r.work.title + ".";
  return r;
}

Citation cite(std::vector<std::string> authors, std::optional<std::string> year, bool et_al = false) {
  Citation c;
  c.kind = CitationKind::AuthorDate;
  c.authors = std::move(authors);
  c.year = std::move(year);
  c.et_al = et_al;
  return c;
}

Citation numeric(std::vector<std::string> numbers) {
  Citation c;
  c.kind = CitationKind::Numeric;
  c.numbers = std::move(numbers);
  return c;
}

// Gives references their ids ("ref1", …) and citations theirs, as the parser does.
Manuscript manuscript(std::vector<Reference> refs, std::vector<Citation> cites) {
  Manuscript m;
  for (std::size_t i = 0; i < refs.size(); ++i) refs[i].id = "ref" + std::to_string(i + 1);
  for (std::size_t i = 0; i < cites.size(); ++i) cites[i].id = "cit" + std::to_string(i + 1);
  m.references = std::move(refs);
  m.citations = std::move(cites);
  return m;
}

}  // namespace

// --- Names and years ------------------------------------------------------------------------------

TEST_CASE("a citation matching family name and year links to the entry") {
  auto m = manuscript({entry({person("Light", "Felix")}, "2023", "Latn")}, {cite({"Light"}, "2023")});
  Linkage l = link_manuscript(m);
  REQUIRE(l.citations.size() == 1);
  CHECK(l.citations[0].reference == 0);
  CHECK(l.citations[0].name == NameMatch::Family);
  CHECK(l.citations[0].year_matches);
  CHECK(l.citations[0].ambiguous.empty());
  CHECK(m.citations[0].reference.value_or("<none>") == "ref1");
}

TEST_CASE("an organisation cited by its acronym is a short form, never a given name: (BLS, 2023)") {
  Reference bls = entry({organisation("BLS – US Bureau of Labor Statistics")}, "2023", "Latn",
                        std::string("The employment situation"));
  Reference wb = entry({organisation("WORLD BANK")}, "2019", "Latn", std::string("Services for development"));
  auto m = manuscript({bls, wb}, {cite({"BLS"}, "2023"), cite({"Bank"}, "2019")});
  Linkage l = link_manuscript(m);
  REQUIRE(l.citations.size() == 2);
  CHECK(l.citations[0].reference == 0);
  CHECK(l.citations[0].name == NameMatch::Partial);
  CHECK(l.citations[1].reference == 1);
  CHECK(l.citations[1].name == NameMatch::Partial);
}

TEST_CASE("case and diacritics do not matter: GULER cites Güler") {
  auto m = manuscript({entry({person("Güler", "Ayşe")}, "2020", "Latn")}, {cite({"GULER"}, "2020")});
  Linkage l = link_manuscript(m);
  CHECK(l.citations[0].reference == 0);
  CHECK(l.citations[0].name == NameMatch::Family);
}

TEST_CASE("Turkish dotless ı: Aslanli cites Aslanlı") {
  auto m = manuscript({entry({person("Aslanlı", "Araz")}, "2021", "Latn")}, {cite({"Aslanli"}, "2021")});
  Linkage l = link_manuscript(m);
  CHECK(l.citations[0].reference == 0);
  CHECK(l.citations[0].name == NameMatch::Family);
}

TEST_CASE("Arabic letter variants: الانصاري cites الأنصاري, عطيه cites عطية, مصطفي cites مصطفى") {
  auto m = manuscript(
      {entry({person("الأنصاري", "محمد")}, "2018", "Arab"), entry({person("عطية", "حسن")}, "2019", "Arab"),
       entry({person("مصطفى", "علي")}, "2020", "Arab")},
      {cite({"الانصاري"}, "2018"), cite({"عطيه"}, "2019"), cite({"مصطفي"}, "2020")});
  Linkage l = link_manuscript(m);
  CHECK(l.citations[0].reference == 0);
  CHECK(l.citations[1].reference == 1);
  CHECK(l.citations[2].reference == 2);
  for (const auto& c : l.citations) CHECK(c.name == NameMatch::Family);
}

TEST_CASE("Georgian capitals (Mtavruli) cite the Mkhedruli name") {
  auto m = manuscript({entry({person("ბახტაძე", "მიხეილ")}, "2005", "Geor")},
                      {cite({"\u1C91\u1C90\u1CAE\u1CA2\u1C90\u1CAB\u1C94"}, "2005")});
  Linkage l = link_manuscript(m);
  CHECK(l.citations[0].reference == 0);
  CHECK(l.citations[0].name == NameMatch::Family);
}

TEST_CASE("Cyrillic capitals: ИВАНОВ in the list, Иванов in the text") {
  auto m = manuscript({entry({person("ИВАНОВ", "И. И.")}, "2019", "Cyrl")}, {cite({"Иванов"}, "2019")});
  Linkage l = link_manuscript(m);
  CHECK(l.citations[0].reference == 0);
}

TEST_CASE("et al.: the first author of a three-author entry") {
  auto m = manuscript(
      {entry({person("Sultanova", "Leyla"), person("Brandt", "Peter"), person("Nasser", "Omar")}, "2020", "Latn")},
      {cite({"Sultanova"}, "2020", true)});
  Linkage l = link_manuscript(m);
  CHECK(l.citations[0].reference == 0);
  CHECK(l.citations[0].name == NameMatch::Family);
  CHECK(l.citations[0].year_matches);
}

TEST_CASE("a year mismatch still links, with year_matches false") {
  auto m = manuscript({entry({person("Light", "Felix")}, "2023", "Latn")}, {cite({"Light"}, "2025")});
  Linkage l = link_manuscript(m);
  CHECK(l.citations[0].reference == 0);
  CHECK_FALSE(l.citations[0].year_matches);
  CHECK(m.citations[0].reference.value_or("<none>") == "ref1");
}

TEST_CASE("of two entries by one author, the year picks the entry") {
  auto m = manuscript({entry({person("Markedonov", "Sergey")}, "2019", "Latn"),
                       entry({person("Markedonov", "Sergey")}, "2020", "Latn")},
                      {cite({"Markedonov"}, "2020")});
  Linkage l = link_manuscript(m);
  CHECK(l.citations[0].reference == 1);
  CHECK(l.citations[0].ambiguous.empty());
}

TEST_CASE("two entries with the same author and year are ambiguous") {
  auto m = manuscript({entry({person("Markedonov", "Sergey")}, "2020", "Latn", std::string("Title One")),
                       entry({person("Markedonov", "Sergey")}, "2020", "Latn", std::string("Another Title"))},
                      {cite({"Markedonov"}, "2020")});
  Linkage l = link_manuscript(m);
  CHECK(l.citations[0].reference == 0);
  CHECK(l.citations[0].ambiguous == std::vector<int>{1});
}

TEST_CASE("the second author tells apart two entries of one first author and year") {
  auto m = manuscript({entry({person("Rahimov", "Elnur")}, "2021", "Latn"),
                       entry({person("Rahimov", "Elnur"), person("Keller", "Anna")}, "2021", "Latn")},
                      {cite({"Rahimov", "Keller"}, "2021")});
  Linkage l = link_manuscript(m);
  CHECK(l.citations[0].reference == 1);
  CHECK(l.citations[0].ambiguous.empty());
}

TEST_CASE("a citation by given name links with NameMatch::GivenName") {
  auto m = manuscript({entry({person("Light", "Felix")}, "2023", "Latn")}, {cite({"Felix"}, "2023")});
  Linkage l = link_manuscript(m);
  CHECK(l.citations[0].reference == 0);
  CHECK(l.citations[0].name == NameMatch::GivenName);
}

TEST_CASE("a given name shared by two entries links to neither") {
  auto m = manuscript({entry({person("Light", "Felix")}, "2023", "Latn"), entry({person("Moreau", "Felix")}, "2023", "Latn")},
                      {cite({"Felix"}, "2023")});
  Linkage l = link_manuscript(m);
  CHECK(l.citations[0].reference == -1);
  CHECK_FALSE(m.citations[0].reference);
}

TEST_CASE("a family name printed without its particle: Waal cites de Waal") {
  auto m = manuscript({entry({person("de Waal", "Thomas")}, "2003", "Latn")}, {cite({"Waal"}, "2003")});
  Linkage l = link_manuscript(m);
  CHECK(l.citations[0].reference == 0);
  CHECK(l.citations[0].name == NameMatch::Partial);
}

TEST_CASE("a family name printed without the Latin article: Obaidi cites Al-Obaidi") {
  auto m = manuscript({entry({person("Al-Obaidi", "Samer")}, "2019", "Latn")}, {cite({"Obaidi"}, "2019")});
  Linkage l = link_manuscript(m);
  CHECK(l.citations[0].reference == 0);
  CHECK(l.citations[0].name == NameMatch::Partial);
}

TEST_CASE("a family name printed without the Arabic article: عبيدي cites العبيدي") {
  // The Arabic article is two letters but four bytes: the rule must count letters.
  auto m = manuscript({entry({person("العبيدي", "سامر")}, "2019", "Arab")}, {cite({"عبيدي"}, "2019")});
  Linkage l = link_manuscript(m);
  CHECK(l.citations[0].reference == 0);
  CHECK(l.citations[0].name == NameMatch::Partial);
}

TEST_CASE("an organisation cited by the shorter form of its name") {
  auto m = manuscript({entry({organisation("BBC News Türkçe")}, "2020", "Latn")}, {cite({"BBC News"}, "2020")});
  Linkage l = link_manuscript(m);
  CHECK(l.citations[0].reference == 0);
  CHECK(l.citations[0].name == NameMatch::Partial);
}

TEST_CASE("an organisation cited by its full name: World Bank") {
  auto m = manuscript({entry({organisation("World Bank")}, "2019", "Latn")}, {cite({"World Bank"}, "2019")});
  Linkage l = link_manuscript(m);
  CHECK(l.citations[0].reference == 0);
  CHECK(l.citations[0].name == NameMatch::Family);
}

TEST_CASE("a name matching no entry leaves the citation unlinked") {
  auto m = manuscript({entry({person("Light", "Felix")}, "2023", "Latn")}, {cite({"Haddad"}, "2018")});
  Linkage l = link_manuscript(m);
  CHECK(l.citations[0].reference == -1);
  CHECK(l.citations[0].name == NameMatch::None);
  CHECK_FALSE(m.citations[0].reference);
}

// --- Numeric citations ------------------------------------------------------------------------------

TEST_CASE("[3] links to the entry labelled ٣ in Arabic-Indic digits") {
  auto m = manuscript({entry({person("العبيدي", "سامر")}, "2019", "Arab", std::nullopt, "١"),
                       entry({person("الشمري", "علي")}, "2022", "Arab", std::nullopt, "٢"),
                       entry({person("حسن", "مها")}, "2020", "Arab", std::nullopt, "٣")},
                      {numeric({"3"})});
  Linkage l = link_manuscript(m);
  CHECK(l.citations[0].reference == 2);
  CHECK(m.citations[0].reference.value_or("<none>") == "ref3");
}

TEST_CASE("[1–3] links to entry 1 and lists entries 2 and 3 as further references") {
  auto m = manuscript({entry({person("Light", "Felix")}, "2023", "Latn", std::nullopt, "1"),
                       entry({person("Moreau", "Claire")}, "2022", "Latn", std::nullopt, "2"),
                       entry({person("Novak", "Ivan")}, "2017", "Latn", std::nullopt, "3")},
                      {numeric({"1", "2", "3"})});
  Linkage l = link_manuscript(m);
  CHECK(l.citations[0].reference == 0);
  CHECK(m.citations[0].also_references == std::vector<std::string>{"ref2", "ref3"});
}

TEST_CASE("a numeric citation of a label the list lacks stays unlinked") {
  auto m = manuscript({entry({person("Light", "Felix")}, "2023", "Latn", std::nullopt, "1")}, {numeric({"7"})});
  Linkage l = link_manuscript(m);
  CHECK(l.citations[0].reference == -1);
  CHECK_FALSE(m.citations[0].reference);
}

// --- Twins: one work listed in two scripts ------------------------------------------------------------

TEST_CASE("an Arabic entry and its romanised copy are twins: العبيدي ↔ Al-Obaidi") {
  auto m = manuscript({entry({person("العبيدي", "سامر")}, "2019", "Arab"),
                       entry({person("Al-Obaidi", "Samer")}, "2019", "Latn")},
                      {});
  Linkage l = link_manuscript(m);
  REQUIRE(l.twins.size() == 1);
  CHECK(l.twins[0].a == 0);
  CHECK(l.twins[0].b == 1);
  CHECK_FALSE(l.twins[0].shares_link);
  CHECK(l.twin_of == std::vector<int>{1, 0});
  CHECK(l.duplicates.empty());
}

TEST_CASE("الشمري ↔ Al-Shammari are twins, a third entry of another name is not") {
  auto m = manuscript({entry({person("الشمري", "علي")}, "2022", "Arab"),
                       entry({person("Al-Shammari", "Ali")}, "2022", "Latn"),
                       entry({person("Rahimov", "Elnur")}, "2022", "Latn")},
                      {});
  Linkage l = link_manuscript(m);
  REQUIRE(l.twins.size() == 1);
  CHECK(l.twin_of == std::vector<int>{1, 0, -1});
}

TEST_CASE("entries in two scripts sharing a URL are twins even when the names differ") {
  auto ar = entry({organisation("مركز البحوث الاستراتيجية")}, "2022", "Arab");
  ar.work.urls = {"https://www.example.org/ar/research/turkey-caucasus-2022"};
  auto en = entry({organisation("Center for Strategic Research")}, "2022", "Latn");
  en.work.urls = {"https://example.org/ar/research/turkey-caucasus-2022/"};
  auto m = manuscript({ar, en}, {});
  Linkage l = link_manuscript(m);
  REQUIRE(l.twins.size() == 1);
  CHECK(l.twins[0].shares_link);
}

TEST_CASE("entries of different years are not twins") {
  auto m = manuscript({entry({person("العبيدي", "سامر")}, "2019", "Arab"),
                       entry({person("Al-Obaidi", "Samer")}, "2021", "Latn")},
                      {});
  Linkage l = link_manuscript(m);
  CHECK(l.twins.empty());
  CHECK(l.twin_of == std::vector<int>{-1, -1});
}

TEST_CASE("two Latin names one letter apart as skeletons are not twins, whatever the script of the title") {
  // Karimov and Qasimi are one edit apart as skeletons; the second entry is Arab by its title.
  auto m = manuscript({entry({person("Karimov", "Said")}, "2018", "Latn"),
                       entry({person("Qasimi", "Layla")}, "2018", "Arab")},
                      {});
  Linkage l = link_manuscript(m);
  CHECK(l.twins.empty());
}

TEST_CASE("a Cyrillic entry and its romanised copy are twins: Алиев ↔ Aliyev") {
  // Regression: the skeleton drops a leading "al" from any word of 5+ letters, so both names shrink
  // to an empty skeleton, too short to compare, and the twins are missed.
  auto m = manuscript({entry({person("Алиев", "Ильхам")}, "2015", "Cyrl"),
                       entry({person("Aliyev", "Ilham")}, "2015", "Latn")},
                      {});
  Linkage l = link_manuscript(m);
  REQUIRE(l.twins.size() == 1);
  CHECK(l.twin_of == std::vector<int>{1, 0});
}

TEST_CASE("a Georgian entry and its romanised copy are twins: ბახტაძე ↔ Bakhtadze") {
  auto m = manuscript({entry({person("ბახტაძე", "მიხეილ")}, "2005", "Geor"),
                       entry({person("Bakhtadze", "Mikheil")}, "2005", "Latn")},
                      {});
  Linkage l = link_manuscript(m);
  REQUIRE(l.twins.size() == 1);
}

TEST_CASE("a Persian entry dated ۱۳۹۸ and its English copy dated 2019 are twins") {
  // 1398 in the Solar Hijri calendar is 2019/20.
  auto m = manuscript({entry({person("رضایی", "علی")}, "1398", "Arab"), entry({person("Rezaei", "Ali")}, "2019", "Latn")},
                      {});
  Linkage l = link_manuscript(m);
  REQUIRE(l.twins.size() == 1);
  CHECK(l.twin_of == std::vector<int>{1, 0});
}

TEST_CASE("twins do not make a citation ambiguous") {
  // The Arabic citation matches only the Arabic entry; the English one only its copy.
  auto m = manuscript({entry({person("العبيدي", "سامر")}, "2019", "Arab"),
                       entry({person("Al-Obaidi", "Samer")}, "2019", "Latn")},
                      {cite({"العبيدي"}, "2019"), cite({"Al-Obaidi"}, "2019")});
  Linkage l = link_manuscript(m);
  CHECK(l.citations[0].reference == 0);
  CHECK(l.citations[0].ambiguous.empty());
  CHECK(l.citations[1].reference == 1);
  CHECK(l.citations[1].ambiguous.empty());
}

// --- Duplicates in one script ---------------------------------------------------------------------------

TEST_CASE("two entries with the same DOI are duplicates sharing a link") {
  auto a = entry({person("Rahimov", "Elnur")}, "2021", "Latn", std::string("Pipelines and Power"));
  a.work.doi = "10.1016/j.enpol.2020.111930";
  auto b = entry({person("Rahimov", "E.")}, "2020", "Latn", std::string("Pipelines"));
  b.work.doi = "10.1016/j.enpol.2020.111930";
  auto m = manuscript({a, b}, {});
  Linkage l = link_manuscript(m);
  REQUIRE(l.duplicates.size() == 1);
  CHECK(l.duplicates[0].a == 0);
  CHECK(l.duplicates[0].b == 1);
  CHECK(l.duplicates[0].shares_link);
}

TEST_CASE("two entries with the same author, year and title are duplicates") {
  auto m = manuscript({entry({person("Novak", "Ivan")}, "2017", "Latn", std::string("Railways of the Caucasus")),
                       entry({person("Novak", "I.")}, "2017", "Latn", std::string("Railways of the Caucasus"))},
                      {});
  Linkage l = link_manuscript(m);
  REQUIRE(l.duplicates.size() == 1);
  CHECK_FALSE(l.duplicates[0].shares_link);
}

TEST_CASE("two works of one author and year with different titles are no duplicates") {
  auto m = manuscript({entry({person("Novak", "Ivan")}, "2017", "Latn", std::string("Railways of the Caucasus")),
                       entry({person("Novak", "Ivan")}, "2017", "Latn", std::string("Ports of the Black Sea"))},
                      {});
  CHECK(link_manuscript(m).duplicates.empty());
}

TEST_CASE("Arabic duplicates: the same entry twice with hamza variants in the title") {
  // الأمن الإقليمي and الامن الاقليمي are one title written with and without hamza.
  auto m = manuscript({entry({person("الشمري", "علي")}, "2022", "Arab", std::string("الأمن الإقليمي في الخليج")),
                       entry({person("الشمري", "علي")}, "2022", "Arab", std::string("الامن الاقليمي في الخليج"))},
                      {});
  CHECK(link_manuscript(m).duplicates.size() == 1);
}

// --- Footnotes citing listed works --------------------------------------------------------------------

TEST_CASE("a footnote whose work is a listed entry points to it") {
  auto m = manuscript({entry({person("Light", "Felix")}, "2023", "Latn"), entry({person("Glantz", "Mary")}, "2022", "Latn")},
                      {});
  Footnote f;
  f.id = "fn1";
  Work w;
  w.authors = {person("Glantz", "Mary")};
  w.year = "2022";
  f.work = w;
  Footnote comment;
  comment.id = "fn2";
  m.footnotes = {f, comment};
  Linkage l = link_manuscript(m);
  CHECK(l.footnote_reference == std::vector<int>{1, -1});
}

// --- comparable_url ------------------------------------------------------------------------------------

TEST_CASE("comparable_url ignores scheme, host case, www. and a trailing slash") {
  CHECK(comparable_url("https://WWW.Example.org/research/") == comparable_url("http://example.org/research"));
}

TEST_CASE("comparable_url drops tracking parameters and keeps the others") {
  CHECK(comparable_url("https://www.tandfonline.com/doi/full/10.1080/x?utm_source=newsletter&utm_medium=email") ==
        comparable_url("https://www.tandfonline.com/doi/full/10.1080/x"));
  CHECK(comparable_url("https://example.org/view?id=5&fbclid=abc") == comparable_url("https://example.org/view?id=5"));
  CHECK(comparable_url("https://example.org/view?id=5") != comparable_url("https://example.org/view?id=6"));
}

TEST_CASE("comparable_url keeps the path's case") {
  CHECK(comparable_url("https://example.org/Report") != comparable_url("https://example.org/report"));
}

TEST_CASE("comparable_url ignores a trailing slash before a query too") {
  // Regression: the trailing slash is only dropped at the very end, so ".../path/?id=5" and
  // ".../path?id=5" stay different.
  CHECK(comparable_url("https://example.org/path/?id=5") == comparable_url("https://example.org/path?id=5"));
}

// --- Co-authors, year letters and short names of institutions ----------------------------------

TEST_CASE("et al. prefers the entry with three or more authors: (Gates et al., 2007)") {
  auto m = manuscript({entry({person("Gates", "TA"), person("Sampson", "SD")}, "2007", "Latn"),
                       entry({person("Gates", "TA"), person("Sampson", "SD"), person("Zanno", "LE")}, "2007", "Latn")},
                      {cite({"Gates"}, "2007", true)});
  Linkage l = link_manuscript(m);
  CHECK(l.citations[0].reference == 1);
}

TEST_CASE("two cited authors prefer the entry of exactly those two: (Lawson and Weinstein, 2002)") {
  auto m = manuscript({entry({person("Lawson", "ND"), person("Vogel", "AM"), person("Weinstein", "BM")}, "2002", "Latn"),
                       entry({person("Lawson", "ND"), person("Weinstein", "BM")}, "2002", "Latn")},
                      {cite({"Lawson", "Weinstein"}, "2002")});
  Linkage l = link_manuscript(m);
  CHECK(l.citations[0].reference == 1);
}

TEST_CASE("the third cited author tells two entries apart: (Evans, Reisz & Dupuis, 2007)") {
  auto m = manuscript({entry({person("Evans", "DC"), person("Reisz", "RR")}, "2007", "Latn"),
                       entry({person("Evans", "DC"), person("Reisz", "RR"), person("Dupuis", "K")}, "2007", "Latn")},
                      {cite({"Evans", "Reisz", "Dupuis"}, "2007")});
  Linkage l = link_manuscript(m);
  CHECK(l.citations[0].reference == 1);
}

TEST_CASE("year letters follow the list's order when the entries print none: (Weishampel, 1981b)") {
  Citation b = cite({"Weishampel"}, "1981");
  b.year_suffix = "b";
  Citation a = cite({"Weishampel"}, "1981");
  a.year_suffix = "a";
  auto m = manuscript({entry({person("Weishampel", "DB")}, "1981", "Latn", std::string("Acoustic analyses")),
                       entry({person("Weishampel", "DB")}, "1981", "Latn", std::string("The nasal cavity"))},
                      {b, a});
  Linkage l = link_manuscript(m);
  CHECK(l.citations[0].reference == 1);
  CHECK(l.citations[0].ambiguous.empty());
  CHECK(l.citations[1].reference == 0);
}

TEST_CASE("year letters in Cyrillic entries follow the list's order too") {
  Citation b = cite({"Иванов"}, "2019");
  b.year_suffix = "b";
  auto m = manuscript({entry({person("Иванов", "И. И.")}, "2019", "Cyrl", std::string("Первая работа")),
                       entry({person("Иванов", "И. И.")}, "2019", "Cyrl", std::string("Вторая работа"))},
                      {b});
  CHECK(link_manuscript(m).citations[0].reference == 1);
}

TEST_CASE("an institution cited by the acronym its entry prints: (Inep, 2024), (CGEE, 2023)") {
  Reference inep = entry({organisation("Instituto Nacional de Estudos e Pesquisas Educacionais Anísio Teixeira")}, "2024",
                         "Latn");
  inep.raw = "Instituto Nacional de Estudos e Pesquisas Educacionais Anísio Teixeira. (2024). Resumo técnico. Inep.";
  Reference cgee = entry({organisation("Centro de Gestão e Estudos Estratégicos")}, "2023", "Latn");
  cgee.raw = "Centro de Gestão e Estudos Estratégicos. (2023). Boletim Anual OCTI 2022.";
  auto m = manuscript({inep, cgee}, {cite({"Inep"}, "2024"), cite({"CGEE"}, "2023"), cite({"OCTI"}, "2023")});
  Linkage l = link_manuscript(m);
  CHECK(l.citations[0].reference == 0);
  CHECK(l.citations[1].reference == 1);  // the initials of its name
  CHECK(l.citations[2].reference == 1);  // a word of the entry
}

TEST_CASE("an Arabic institution cited by a word of its entry") {
  Reference fao = entry({organisation("منظمة الأغذية والزراعة للأمم المتحدة")}, "2021", "Arab");
  fao.raw = "منظمة الأغذية والزراعة للأمم المتحدة (الفاو). ٢٠٢١. حالة الأمن الغذائي.";
  auto m = manuscript({fao}, {cite({"الفاو"}, "2021")});
  CHECK(link_manuscript(m).citations[0].reference == 0);
}

TEST_CASE("a family name misprinted by one letter links to the entry of that year and says so") {
  auto m = manuscript({entry({person("Getzmann", "S."), person("Golob", "E. J."), person("Wascher", "E.")}, "2016", "Latn"),
                       entry({person("Vygotsky", "L. S.")}, "1978", "Latn"),
                       entry({person("Ахмедов", "Р.")}, "2011", "Cyrl")},
                      {cite({"Getzman", "Golob", "Wascher"}, "2016"), cite({"Vygotksy"}, "1978"),
                       cite({"Ахмедав"}, "2011")});
  Linkage l = link_manuscript(m);
  for (std::size_t i = 0; i < 3; ++i) {
    INFO(i);
    CHECK(l.citations[i].reference == static_cast<int>(i));
    CHECK(l.citations[i].misspelled);
  }
}

TEST_CASE("a one-letter difference is no link in another year, for short names, or when the name is right elsewhere") {
  auto m = manuscript({entry({person("Getzmann", "S.")}, "2016", "Latn"),     // 0
                       entry({person("Jansen", "K.")}, "2010", "Latn"),       // 1
                       entry({person("Jensen", "P.")}, "2012", "Latn"),       // 2
                       entry({person("Wong", "L.")}, "2019", "Latn")},        // 3
                      {cite({"Getzman"}, "2017"), cite({"Jensen"}, "2010"), cite({"Wang"}, "2019")});
  Linkage l = link_manuscript(m);
  CHECK(l.citations[0].reference == -1);  // another year
  CHECK(l.citations[1].reference == 2);   // "Jensen" is an author of the list: the year differs, the name does not
  CHECK_FALSE(l.citations[1].misspelled);
  CHECK(l.citations[2].reference == -1);  // four letters: Wang and Wong are two people
}

TEST_CASE("software and works cited by their title link to the entry of that title and year") {
  auto m = manuscript({entry({person("Emsley", "P"), person("Cowtan", "K")}, "2004", "Latn",
                             std::string("Coot: model-building tools for molecular graphics")),
                       entry({person("Adams", "PD")}, "2010", "Latn", std::string("PHENIX: a comprehensive Python-based system"))},
                      {cite({"Coot"}, "2004"), cite({"Phenix"}, "2010"), cite({"Phenix"}, "2012"), cite({"Co"}, "2004")});
  Linkage l = link_manuscript(m);
  CHECK(l.citations[0].reference == 0);
  CHECK(l.citations[1].reference == 1);
  CHECK(l.citations[2].reference == -1);  // another year
  CHECK(l.citations[3].reference == -1);  // too short to name a title
}

TEST_CASE("software cited by name links to an entry whose title was not read, by the name after its year") {
  Reference kabsch = entry({person("Kabsch", "W")}, "2010", "Latn");
  kabsch.raw = "Kabsch, W (2010). Xds. Acta Crystallographica Section D 66:125-132.";
  auto m = manuscript({kabsch}, {cite({"Xds"}, "2010"), cite({"Acta"}, "2010")});
  Linkage l = link_manuscript(m);
  CHECK(l.citations[0].reference == 0);
  CHECK(l.citations[1].reference == -1);  // a word of the entry, not the one after its year
}

// --- An institution named in another language ----------------------------------------------------

TEST_CASE("an institution cited in translation links by cognate words and year") {
  Reference mec = entry({organisation("Ministério da Educação")}, "2008", "Latn", std::string("Política Nacional"));
  Reference other = entry({organisation("Ministério da Saúde")}, "2008", "Latn", std::string("Diretrizes"));
  auto m = manuscript({mec, other}, {cite({"Ministry of Education"}, "2008"), cite({"Ministry of Education"}, "2011")});
  Linkage l = link_manuscript(m);
  REQUIRE(l.citations.size() == 2);
  CHECK(l.citations[0].reference == 0);
  CHECK(l.citations[0].ambiguous.empty());
  // Another year: the translation is no evidence enough, the citation stays unlinked.
  CHECK(l.citations[1].reference == -1);
}

TEST_CASE("words that merely open alike are no cognates: Department of Economics is not of Education") {
  Reference econ = entry({organisation("Department of Economics")}, "2015", "Latn", std::string("Annual report"));
  auto m = manuscript({econ}, {cite({"Department of Education"}, "2015"), cite({"International Office"}, "2015")});
  Linkage l = link_manuscript(m);
  REQUIRE(l.citations.size() == 2);
  CHECK(l.citations[0].reference == -1);
  CHECK(l.citations[1].reference == -1);
}

TEST_CASE("the entry that opens with the cited name beats one that mentions it: (ARGENTINA…, 2018)") {
  Reference dossier = entry({organisation("ARGENTINA de regreso al")}, "2018", "Latn", std::string("FMI, crisis y disputas"));
  Reference interview = entry({person("Peña", "M.")}, "2018", "Latn", std::string("Entrevista. Iprofesional, Argentina"));
  auto m = manuscript({interview, dossier}, {cite({"ARGENTINA"}, "2018")});
  Linkage l = link_manuscript(m);
  REQUIRE(l.citations.size() == 1);
  CHECK(l.citations[0].reference == 1);
  CHECK(l.citations[0].ambiguous.empty());
}

TEST_CASE("an acronym in brackets finds the entry of that year printing it: [CNPq]") {
  Reference council = entry({organisation("Conselho Nacional de Desenvolvimento Científico e Tecnológico")}, "2024", "Latn",
                            std::string("Tabela de Áreas do Conhecimento"));
  council.raw += " Brasília: CNPq.";
  Reference other = entry({person("Pletsch", "M.")}, "2024", "Latn", std::string("Inclusão escolar. Brasília: CNPqx"));
  Citation c = cite({"National Council for Scientific and Technological Development"}, "2024");
  c.acronym = "CNPq";
  Citation wrong_year = c;
  wrong_year.year = "2019";
  auto m = manuscript({other, council}, {c, wrong_year});
  Linkage l = link_manuscript(m);
  REQUIRE(l.citations.size() == 2);
  CHECK(l.citations[0].reference == 1);
  CHECK(l.citations[1].reference == -1);
}

TEST_CASE("Arabic two-author citations with the glued and link: (الحسيني والخطيب، 2011)") {
  DocumentReport r = test::check_text(
      "مقدمة\n\nوقد أشار باحثون إلى ذلك (الحسيني والخطيب، 2011؛ السعدي وآخرون، 2015).\n\nالمراجع\n\n"
      "الحسيني، علي، والخطيب، محمد. (2011). الموانئ. بيروت: دار العلم.\n"
      "السعدي، أحمد، والنعيمي، خالد، والراوي، سعد. (2015). التجارة البحرية. مجلة البحوث، 14(2)، 5–19.\n");
  CHECK(test::count_code(r, "citation-without-reference") == 0);
  CHECK(test::count_code(r, "reference-never-cited") == 0);
}

TEST_CASE("Japanese citations by family name link to names printed whole: （山田，2010） for 山田太郎") {
  DocumentReport r = test::check_text(
      "はじめに\n\n港湾経済の研究は増えている（山田，2010）。先行研究（佐藤ら，2015；田中・鈴木，2018）も同様である。"
      "山田（2010）はこの点を指摘した。\n\n参考文献\n\n"
      "山田太郎. 港湾経済の研究[M]. 東京: 岩波書店, 2010.\n"
      "佐藤花子, 高橋一郎, 伊藤次郎. 港と都市[J]. 経済地理学年報, 2015, 61(2): 45-52.\n"
      "田中健, 鈴木明. 地域経済論[M]. 大阪: 大阪大学出版会, 2018.\n");
  CHECK(r.manuscript.citations.size() == 4);
  for (const Citation& c : r.manuscript.citations) {
    CAPTURE(c.raw);
    CHECK(c.reference.has_value());
  }
  CHECK(test::count_code(r, "citation-without-reference") == 0);
  CHECK(test::count_code(r, "reference-never-cited") == 0);
}

TEST_CASE("a Chinese name is cited whole: 王明 cites 王明, never 王明华") {
  DocumentReport r = test::check_text(
      "引言\n\n港口经济研究近年来受到广泛关注（王明，2010）。\n\n参考文献\n\n"
      "王明华. 港口经济研究[M]. 上海: 上海人民出版社, 2010.\n");
  CHECK(test::count_code(r, "citation-without-reference") == 1);
}
