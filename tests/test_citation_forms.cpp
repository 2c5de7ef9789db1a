// Tests for the citation forms PDF text extractions produce (parsers/intext_citations.cpp):
// raised citation numbers glued to the text ("population.1", "Studies1,2", "saúde.2-4,18"),
// bracketed ranges ("[35]–[41]"), groups read work by work ("(Rossmann et al., 1975; Figure
// 1)"), groups cut by line and page breaks, and the narrative forms of several authors.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "helpers.hpp"
#include "parsers/intext_citations.hpp"
#include "pipeline_helpers.hpp"

using namespace citecheck;
using citecheck::test::doc_from;
using Names = std::vector<std::string>;
using Numbers = std::vector<std::string>;

namespace {

std::vector<Citation> cites_in(const std::string& text, const CitationContext& ctx = {}) {
  Document doc = doc_from(text);
  return find_intext_citations(doc, 0, doc.text.size(), ctx, {}).citations;
}

CitationContext numbered(int size = 0) {
  CitationContext ctx;
  ctx.numbered_list = true;
  ctx.list_size = size;
  return ctx;
}

CitationContext listing(std::initializer_list<const char*> keys) {
  CitationContext ctx;
  for (const char* k : keys) ctx.author_keys.insert(k);
  return ctx;
}

// The numbers of every numeric citation, in text order.
std::vector<Numbers> numbers_of(const std::vector<Citation>& cites) {
  std::vector<Numbers> out;
  for (const auto& c : cites)
    if (c.kind == CitationKind::Numeric) out.push_back(c.numbers);
  return out;
}

std::vector<Names> authors_of(const std::vector<Citation>& cites) {
  std::vector<Names> out;
  for (const auto& c : cites)
    if (c.kind == CitationKind::AuthorDate) out.push_back(c.authors);
  return out;
}

}  // namespace

// --- Raised numbers glued to the text --------------------------------------------------------

TEST_CASE("raised numbers after a full stop and after a word cite a numbered list") {
  auto cites = cites_in("Chronic pain affects 10% of the world's population.1 Studies1,2 determine\n"
                        "the prevalence of chronic pain in adults.3\n",
                        numbered());
  CHECK(numbers_of(cites) == std::vector<Numbers>{{"1"}, {"1", "2"}, {"3"}});
  REQUIRE(cites.size() == 3);
  CHECK(cites[1].raw == "1,2");
}

TEST_CASE("a raised number after a word that follows a slash: sobrepeso/obesidade35,36") {
  auto cites = cites_in("A dor crônica afeta adultos.1 Estudos2 mostram a prevalência.3 Ela se associa ao "
                        "sobrepeso/obesidade4,5. Os dados em km/h2 e fig/a3 não citam.\n",
                        numbered(40));
  CHECK(numbers_of(cites) == std::vector<Numbers>{{"1"}, {"2"}, {"3"}, {"4", "5"}});
}

TEST_CASE("raised ranges and lists: saúde.2-4,18 and previously12–14.") {
  auto cites = cites_in("Os fatores associados à saúde.2-4,18 A ocorrência de mortes súbitas foi descrita,1\n"
                        "as shown previously5–7. Later work5,8 agrees.\n",
                        numbered());
  CHECK(numbers_of(cites) ==
        std::vector<Numbers>{{"2", "3", "4", "18"}, {"1"}, {"5", "6", "7"}, {"5", "8"}});
}

TEST_CASE("a raised number after a name: Cecílio & Merhy7 afirmam") {
  auto cites = cites_in("A linha de cuidado1 é discutida por Cecílio & Merhy2 e por Bandura,3 que afirmam\n", numbered());
  CHECK(numbers_of(cites) == std::vector<Numbers>{{"1"}, {"2"}, {"3"}});
}

TEST_CASE("raised numbers in Cyrillic, Georgian and Arabic text") {
  CHECK(numbers_of(cites_in("Боль испытывают 10% населения.1 Исследования1,2 показывают рост.3\n", numbered())) ==
        std::vector<Numbers>{{"1"}, {"1", "2"}, {"3"}});
  CHECK(numbers_of(cites_in("ტკივილი აწუხებს მოსახლეობის 10%-ს.1 კვლევები1,2 აჩვენებს ზრდას.3\n", numbered())) ==
        std::vector<Numbers>{{"1"}, {"1", "2"}, {"3"}});
  CHECK(numbers_of(cites_in("يعاني ١٠٪ من السكان من الألم.١ وتشير الدراسات١،٢ إلى ارتفاعه.٣\n", numbered())) ==
        std::vector<Numbers>{{"1"}, {"1", "2"}, {"3"}});
}

TEST_CASE("superscript digits glued to a word cite too: population¹,²") {
  CHECK(numbers_of(cites_in("Pain affects the population¹,² and grows with age.³\n", numbered())) ==
        std::vector<Numbers>{{"1", "2"}, {"3"}});
}

TEST_CASE("raised numbers are no citations when the list is not numbered") {
  CHECK(cites_in("Chronic pain affects the world's population.1 Studies1,2 determine it.\n").empty());
}

TEST_CASE("a raised number whose note body stands at the page's foot stays a footnote marker") {
  auto cites = cites_in("The policy changed in the following years.1 Studies2,3 describe it.\n"
                        "\n"
                        "1 The ministry published the decree in March.\n"
                        "\fNext page of the article, where the text goes on.4\n",
                        numbered());
  CHECK(numbers_of(cites) == std::vector<Numbers>{{"2", "3"}, {"4"}});
}

TEST_CASE("a note body on a later page does not make a raised number a marker") {
  auto cites = cites_in("The policy changed in the following years.1 It was debated.2\n"
                        "\fSecond page.\n"
                        "1 dose was given to every patient.\n",
                        numbered());
  CHECK(numbers_of(cites) == std::vector<Numbers>{{"1"}, {"2"}});
}

TEST_CASE("an endnote with the number keeps it a marker in a text without page breaks") {
  auto cites = cites_in("Реформа прошла в следующем году.1 Исследования2,3 описывают её.\n"
                        "\n"
                        "Примечания\n"
                        "1 Указ опубликован в марте.\n",
                        numbered());
  CHECK(numbers_of(cites) == std::vector<Numbers>{{"2", "3"}});
}

TEST_CASE("raised numbers after et al, a possessive, a hyphenated name and an acronym") {
  auto cites = cites_in("Vale et al1 emphasize it; Selye’s2 model, Cunha & Vieira-da-Silva3 and the CCU.4 Later.5\n",
                        numbered());
  CHECK(numbers_of(cites) == std::vector<Numbers>{{"1"}, {"2"}, {"3"}, {"4"}, {"5"}});
}

TEST_CASE("numbers glued to formulae, units, identifiers, years and ordinals are no citations") {
  auto cites = cites_in("Water (H2O) and CO2 levels1 rose; 5 mg and 10km and m2 were used.2 The COVID-19 wave\n"
                        "of 2019.3 came on the 21st day. Version2.1 failed, see p.3 and Fig.4; notes_v2 too.\n"
                        "Sox2 cells, Sox2 lines and Sox2 mutants were grown.\n",
                        numbered());
  CHECK(numbers_of(cites) == std::vector<Numbers>{{"1"}, {"2"}});
}

TEST_CASE("a raised number above the list's size is no citation") {
  CHECK(numbers_of(cites_in("As reported earlier.1 Later studies2 and the cohort.45 were small.\n", numbered(10))) ==
        std::vector<Numbers>{{"1"}, {"2"}});
}

TEST_CASE("a raised number far beyond the numbers cited so far is no citation unless more follow it") {
  // "Caco17" leaps from 2 to 17 and nothing goes on from it; 20-25 is followed by 26.
  CHECK(numbers_of(cites_in("Early work.1 Then more.2 The Caco17 line grew. Later.3\n", numbered())) ==
        std::vector<Numbers>{{"1"}, {"2"}, {"3"}});
  CHECK(numbers_of(cites_in("Early work.1 Then more.2 Surveys of ≥ 90%20-25. Vigitel26 and others27,28.\n", numbered())) ==
        std::vector<Numbers>{{"1"}, {"2"}, {"20", "21", "22", "23", "24", "25"}, {"26"}, {"27", "28"}});
}

TEST_CASE("raised numbers are not looked for when the text cites in brackets") {
  auto cites = cites_in("Light is absorbed [1], [2] and [3]. The Sox2 gene2 matters.\n", numbered());
  CHECK(numbers_of(cites) == std::vector<Numbers>{{"1"}, {"2"}, {"3"}});
}

TEST_CASE("a right-to-left note number on a line of its own cites a numbered list when no note has it") {
  auto cites = cites_in("يعاني كثير من السكان من الألم المزمن\n"
                        "3\n"
                        "\n"
                        "وتشير الدراسات إلى ارتفاع نسبته مع التقدم في العمر\n",
                        numbered());
  CHECK(numbers_of(cites) == std::vector<Numbers>{{"3"}});
}

// --- Bracketed ranges -------------------------------------------------------------------------

TEST_CASE("[35]–[41]: a range with both ends bracketed expands") {
  auto cites = cites_in("as reported before [35]–[41], and in [3]-[5] too.", numbered());
  CHECK(numbers_of(cites) == std::vector<Numbers>{{"35", "36", "37", "38", "39", "40", "41"}, {"3", "4", "5"}});
  REQUIRE(cites.size() == 2);
  CHECK(cites[0].raw == "[35]–[41]");
}

TEST_CASE("[٣]–[٥] in Arabic-Indic digits expands too") {
  CHECK(numbers_of(cites_in("كما ورد في [٣]–[٥].", numbered())) == std::vector<Numbers>{{"3", "4", "5"}});
}

// --- Groups read work by work -----------------------------------------------------------------

TEST_CASE("one item that is no work does not drop the group: Rossmann et al., 1975 with Figure 1 in one bracket") {
  CHECK(authors_of(cites_in("a common fold (Rossmann et al., 1975; Figure 1) and")) == std::vector<Names>{{"Rossmann"}});
  CHECK(authors_of(cites_in("a library (Figure 1—figure supplement 1D; Bowman et al., 2013).")) ==
        std::vector<Names>{{"Bowman"}});
  CHECK(authors_of(cites_in("as seen (J. Smith, unpublished data; Liu et al. 2000).")) == std::vector<Names>{{"Liu"}});
}

TEST_CASE("an odd item in Cyrillic, Georgian and Arabic groups") {
  CHECK(authors_of(cites_in("как показано (Иванов, 2019; рис. 2).")) == std::vector<Names>{{"Иванов"}});
  CHECK(authors_of(cites_in("როგორც ჩანს (ბახტაძე, 2005; ცხრილი 1).")) == std::vector<Names>{{"ბახტაძე"}});
  CHECK(authors_of(cites_in("كما يتبين (العبيدي ٢٠١٩؛ الجدول ٢).")) == std::vector<Names>{{"العبيدي"}});
}

TEST_CASE("a family name with a particle: (van Anken and Braakman, 2005)") {
  auto cites = cites_in("or by autophagy (Ellgaard and Helenius, 2003; van Anken and Braakman, 2005).");
  CHECK(authors_of(cites) == std::vector<Names>{{"Ellgaard", "Helenius"}, {"van Anken", "Braakman"}});
}

TEST_CASE("works separated by commas: (Foster 1977, Foster 1983, Veron 1995)") {
  auto cites = cites_in("reef growth (Foster 1977, Foster 1983, Veron 1995) varies.");
  REQUIRE(cites.size() == 3);
  CHECK(authors_of(cites) == std::vector<Names>{{"Foster"}, {"Foster"}, {"Veron"}});
  CHECK(cites[1].year.value_or("") == "1983");
  CHECK(cites[2].raw == "Veron 1995");
}

TEST_CASE("an organisation: (WHO, 2009)") {
  auto cites = cites_in("seat belt use (3% in 2005; WHO, 2009) rose.");
  CHECK(authors_of(cites) == std::vector<Names>{{"WHO"}});
}

TEST_CASE("a full stop typed for a comma between two names of a list") {
  auto cites = cites_in("the channel selection (Hillyard. Hink, Schwent, & Picton, 1973) and (Natl. Inst. Health, 2019).");
  CHECK(authors_of(cites) == std::vector<Names>{{"Hillyard", "Hink", "Schwent", "Picton"}, {"Natl. Inst. Health"}});
}

TEST_CASE("an institution's acronym, a dash and its name: (APG - Angiosperm Phylogeny Group 2016)") {
  auto cites = cites_in("following the system (APG - Angiosperm Phylogeny Group 2016) and the data (NBS – National Bureau of Statistics, 2013).");
  CHECK(authors_of(cites) ==
        std::vector<Names>{{"APG - Angiosperm Phylogeny Group"}, {"NBS – National Bureau of Statistics"}});
  // Two names about a dash are no such name.
  CHECK(cites_in("(Smith - Jones 2010)").empty());
}

TEST_CASE("an organisation with its acronym in brackets: (World Health Organization [WHO], 2019)") {
  auto cites = cites_in("as advised (World Health Organization [WHO], 2019) and (Instituto Nacional de Estatística [INE], 2021, p. 4).");
  REQUIRE(authors_of(cites) == std::vector<Names>{{"World Health Organization"}, {"Instituto Nacional de Estatística"}});
  CHECK(cites[0].year.value_or("") == "2019");
  CHECK(cites[0].raw == "(World Health Organization [WHO], 2019)");
  // Brackets that are no acronym stay what they were: no work.
  CHECK(cites_in("(Smith [in press], 2019)").empty());
}

TEST_CASE("ABNT separates co-authors by a semicolon: Rodrigues and Fachin, 2010") {
  auto cites = cites_in("pesquisas ( Rodrigues; Fachin, 2010). Outras ( Pinto; Matias; Moreiro-González, 2016; "
                        "Repiso, 2019).");
  CHECK(authors_of(cites) ==
        std::vector<Names>{{"Rodrigues", "Fachin"}, {"Pinto", "Matias", "Moreiro-González"}, {"Repiso"}});
}

TEST_CASE("prefixes before the names: see, cf., e.g., см., انظر") {
  CHECK(authors_of(cites_in("(see Markedonov 2020)")) == std::vector<Names>{{"Markedonov"}});
  CHECK(authors_of(cites_in("(cf. Markedonov 2020)")) == std::vector<Names>{{"Markedonov"}});
  CHECK(authors_of(cites_in("(heterochrony; e.g.,Gould, 1977;Alberch et al., 1979)")) ==
        std::vector<Names>{{"Gould"}, {"Alberch"}});
  CHECK(authors_of(cites_in("(см. Иванов, 2019)")) == std::vector<Names>{{"Иванов"}});
  CHECK(authors_of(cites_in("(انظر العبيدي ٢٠١٩)")) == std::vector<Names>{{"العبيدي"}});
}

TEST_CASE("a lead-in before a listed author's name is passed over, before another name it is no citation") {
  auto ctx = listing({"wolf", "nogueira", "qi"});
  CHECK(authors_of(cites_in("(as in Wolf, 2023)", ctx)) == std::vector<Names>{{"Wolf"}});
  CHECK(authors_of(cites_in("(“low road”, Nogueira and Qi, 2022)", ctx)) == std::vector<Names>{{"Nogueira", "Qi"}});
  CHECK(cites_in("(the war in Georgia 2008)", ctx).empty());
  CHECK(cites_in("(as in Wolf, 2023)").empty());  // no list to check against
}

TEST_CASE("a comment or a page abbreviation after the locator keeps the citation") {
  auto cites = cites_in("“…” (Newstead et al., 2018, p. 446, tradução nossa). “…” (Xi, 2016, n.p.)");
  REQUIRE(cites.size() == 2);
  CHECK(cites[0].locator.value_or("") == "446");
  CHECK(cites[1].locator.value_or("") == "n.p.");
}

TEST_CASE("a work that appeared over several years: (Castanet, 1986–1987)") {
  auto cites = cites_in("bone layers (Castanet, 1985; Castanet, 1986–1987) form");
  REQUIRE(cites.size() == 2);
  CHECK(cites[1].year.value_or("") == "1986");
}

TEST_CASE("a group cut by line breaks is read across them") {
  auto cites = cites_in("oddball paradigms (Debener, Makeig, Delorme, & Engel, 2005; de Vos,\n"
                        "Gandras, & Debener, 2014; Zink, Hunyadi, Van Huffel, and de Vos 2016;\n"
                        "Krigolson et al., 2017) were used.");
  CHECK(authors_of(cites) == std::vector<Names>{{"Debener", "Makeig", "Delorme", "Engel"},
                                                {"de Vos", "Gandras", "Debener"},
                                                {"Zink", "Hunyadi", "Van Huffel", "de Vos"},
                                                {"Krigolson"}});
}

TEST_CASE("a group cut by a page break is read across the next page's head") {
  auto cites = cites_in("no estrato inferior da floresta (Budowski 1965,\n"
                        "\f336 Hoehnea\n"
                        "\n"
                        "Gómez-Pompa 1971, Swaine & Whitmore 1988, Cat-\n"
                        "harino et al. 2006).\n");
  CHECK(authors_of(cites) ==
        std::vector<Names>{{"Budowski"}, {"Gómez-Pompa"}, {"Swaine", "Whitmore"}, {"Catharino"}});
}

TEST_CASE("a bracket opened in prose does not reach three lines on") {
  auto cites = cites_in(".(الأغذية والزراعة (FAO 2021\n"
                        "وقد ارتبط هذا التراجع بعوامل متعددة منها شح المياه\n"
                        "وهو ما أكده )الحديثي ٢٠١٧، ٤٥( في دراسته\n");
  REQUIRE(!cites.empty());
  CHECK(cites[0].authors == Names{"FAO"});
}

// --- Narrative citations of several authors and years -----------------------------------------

TEST_CASE("narrative citations joined by & and by commas") {
  auto ctx = listing({"horner", "currie", "morgan", "gulliford", "kristjansson"});
  auto a = cites_in("as in Horner & Currie (1994), the crest", ctx);
  REQUIRE(a.size() == 1);
  CHECK(a[0].authors == Names{"Horner", "Currie"});
  auto b = cites_in("the scale of Morgan, Gulliford and Kristjánsson (2017) measures", ctx);
  REQUIRE(b.size() == 1);
  CHECK(b[0].authors == Names{"Morgan", "Gulliford", "Kristjánsson"});
}

TEST_CASE("a narrative citation of several years: Solomon (1992, 1999 with a semicolon)") {
  auto cites = cites_in("moral virtues by Solomon (1992; 1999) and", listing({"solomon"}));
  REQUIRE(cites.size() == 2);
  CHECK(cites[0].year.value_or("") == "1992");
  CHECK(cites[1].year.value_or("") == "1999");
  CHECK(cites[1].authors == Names{"Solomon"});
}

// --- Works read through others, classics, front-matter pages ---------------------------------

TEST_CASE("apud and its kin: the names after the marker are the listed source's") {
  auto a = cites_in("o habitus (Bourdieu, 1979 apud Lahire, 2002, p. 4) e", listing({"lahire"}));
  REQUIRE(a.size() == 2);
  CHECK(a[0].authors == Names{"Bourdieu"});
  CHECK(a[0].through_secondary_source);
  CHECK(a[1].authors == Names{"Lahire"});
  CHECK_FALSE(a[1].through_secondary_source);
  CHECK(a[1].locator.value_or("") == "4");
  auto b = cites_in("el cínico (SEXTO EMPÍRICO apudMARTÍN GARCÍA. 2008, p. 188) dice", listing({"martingarcia"}));
  REQUIRE(b.size() == 1);
  CHECK(b[0].authors == Names{"MARTÍN GARCÍA"});
  auto c = cites_in("la plus-value (Marx, 1867, citado por Harvey, 2010) y", listing({"harvey"}));
  REQUIRE(c.size() == 2);
  CHECK(c[1].authors == Names{"Harvey"});
  auto d = cites_in("as argued (Smith 2001 cited in Jones 2005) before", listing({"jones"}));
  REQUIRE(d.size() == 2);
  CHECK(d[1].authors == Names{"Jones"});
}

TEST_CASE("the original read through another work needs no entry of its own") {
  auto r = test::check_text(
      "O conceito (BOURDIEU, 1979 apud LAHIRE, 2002) é central.\n\nREFERÊNCIAS\n\n"
      "LAHIRE, B. Homem plural: os determinantes da ação. Petrópolis: Vozes, 2002.\n"
      "SILVA, J. Outro livro de sociologia da educação. São Paulo: Cortez, 2010.\n");
  CHECK(test::count_code(r, "citation-without-reference") == 0);
  REQUIRE(r.manuscript.citations.size() == 2);
  CHECK(r.manuscript.citations[1].reference.value_or("") == r.manuscript.references[0].id);
}

TEST_CASE("front matter pages in roman numerals are locators: (World Bank, 2023b, p. xiv)") {
  auto cites = cites_in("prices (World Bank, 2023b, p. xiv) rose");
  REQUIRE(cites.size() == 1);
  CHECK(cites[0].authors == Names{"World Bank"});
  CHECK(cites[0].year_suffix.value_or("") == "b");
  CHECK(cites[0].locator.value_or("") == "xiv");
}

TEST_CASE("a classic's book and section before the edition's year") {
  auto a = cites_in("un pasaje (DIÓGENES LAERCIO, VI 77, 2010, p. 230) y (Diógenes Laercio VI, 40, 2010)",
                    listing({"diogeneslaercio"}));
  REQUIRE(a.size() == 2);
  CHECK(a[0].authors == Names{"DIÓGENES LAERCIO"});
  CHECK(a[0].year.value_or("") == "2010");
  CHECK(a[1].authors == Names{"Diógenes Laercio"});
  auto b = cites_in("en autores como Epicteto (III, 1993, p. 321), el mismo", listing({"epicteto"}));
  REQUIRE(b.size() == 1);
  CHECK(b[0].authors == Names{"Epicteto"});
  CHECK(b[0].narrative);
  // A numeral alone is no author.
  CHECK(cites_in("como en (III, 1993, p. 321), el mismo").empty());
}

TEST_CASE("an author in capitals then a full stop opens an entry: EPICTETO. Disertaciones") {
  auto r = test::check_text(
      "Como en Epicteto (1993) y Luciano (1981) y Bretón (2005).\n\nReferencias\n\n"
      "BRETÓN, A. Antología del humor negro. Barcelona: Anagrama, 2005.\n"
      "EPICTETO. Disertaciones por Arriano. Madrid: Gredos, 1993.\n"
      "LUCIANO. Obras completas de un autor antiguo. Madrid: Gredos, 1981.\n");
  REQUIRE(r.manuscript.references.size() == 3);
  CHECK(r.manuscript.references[1].raw.rfind("EPICTETO.", 0) == 0);
  CHECK(test::count_code(r, "reference-never-cited") == 0);
}

TEST_CASE("a misprinted name before its year is a narrative citation with a warning") {
  auto r = test::check_text(
      "A teoria histórico-cultural de Vigotski (2021) e a de Vigotski (2019) divergem.\n\nReferências\n\n"
      "Vigoski, L. S. (2021). A construção do pensamento e da linguagem. Martins Fontes.\n"
      "Pletsch, M. D. (2014). Repensando a inclusão escolar. Nau Editora.\n");
  REQUIRE(r.manuscript.citations.size() == 1);  // 2019 is no year of Vigoski's: prose
  CHECK(r.manuscript.citations[0].narrative);
  CHECK(r.manuscript.citations[0].reference.value_or("") == r.manuscript.references[0].id);
  CHECK(test::count_code(r, "author-mismatch") == 1);
  CHECK(test::count_code(r, "citation-without-reference") == 0);
}

TEST_CASE("the acronym in brackets stays with the citation for the linker") {
  auto cites = cites_in("of Human Sciences (National Council for Scientific and Technological Development [CNPq], 2024) and");
  REQUIRE(cites.size() == 1);
  CHECK(cites[0].acronym.value_or("") == "CNPq");
  CHECK(cites[0].year.value_or("") == "2024");
}

TEST_CASE("a listed site cited by its domain in lower case: laodongqushi.com (2022)") {
  CitationContext ctx;
  ctx.organisation_keys.insert("laodongqushi");
  auto cites = cites_in("Sources: own calculations, laodongqushi.com (2022), and others (2022).", ctx);
  REQUIRE(cites.size() == 1);
  CHECK(cites[0].authors == Names{"laodongqushi"});
  CHECK(cites[0].narrative);
  // A lower-case word that is no domain stays prose even when an organisation has its name.
  ctx.organisation_keys.insert("who");
  CHECK(cites_in("those who (2019) said", ctx).empty());
}
