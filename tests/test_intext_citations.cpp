// Tests for parsers/intext_citations.cpp: author-date citations in parentheses in any script,
// narrative ones after a listed author, numeric ones for numbered lists — and the many
// parentheses with years in them that are not citations at all.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "helpers.hpp"
#include "parsers/intext_citations.hpp"
#include "parsers/unicode_text.hpp"

using namespace citecheck;
using citecheck::test::doc_from;
using Names = std::vector<std::string>;

namespace {

CitationScan scan_text(const std::string& text, const CitationContext& ctx = {}) {
  Document doc = doc_from(text);
  return find_intext_citations(doc, 0, doc.text.size(), ctx, {});
}

std::vector<Citation> cites_in(const std::string& text, const CitationContext& ctx = {}) {
  return scan_text(text, ctx).citations;
}

// The one citation of a text (fails the test when there is not exactly one).
Citation only_citation(const std::string& text, const CitationContext& ctx = {}) {
  auto cites = cites_in(text, ctx);
  REQUIRE(cites.size() == 1);
  return cites[0];
}

CitationContext numbered() {
  CitationContext ctx;
  ctx.numbered_list = true;
  return ctx;
}

}  // namespace

// --- Author-date citations in Latin script -------------------------------------------------------

TEST_CASE("(Markedonov 2020,7): author, year and a locator after a comma without space") {
  auto c = only_citation("Russia kept its distance (Markedonov 2020,7) during the war.");
  CHECK(c.kind == CitationKind::AuthorDate);
  CHECK(c.authors == Names{"Markedonov"});
  CHECK(c.year.value_or("<none>") == "2020");
  CHECK(c.locator.value_or("<none>") == "7");
  CHECK(c.raw == "(Markedonov 2020,7)");
  CHECK_FALSE(c.narrative);
}

TEST_CASE("(Güler, 2020): a name with a diacritic and no locator") {
  auto c = only_citation("Turkey's role grew (Güler, 2020).");
  CHECK(c.authors == Names{"Güler"});
  CHECK(c.year.value_or("<none>") == "2020");
  CHECK_FALSE(c.locator);
}

TEST_CASE("(Aslanlı, 2021): Turkish dotless ı in a cited name") {
  auto c = only_citation("Bu görüş (Aslanlı, 2021) tarafından savunulmaktadır.");
  CHECK(c.authors == Names{"Aslanlı"});
  CHECK(c.year.value_or("<none>") == "2021");
}

TEST_CASE("(Janovsky et al., 2020): et al. is flagged, not taken for a name") {
  auto c = only_citation("Losses were documented (Janovsky et al., 2020).");
  CHECK(c.authors == Names{"Janovsky"});
  CHECK(c.et_al);
  CHECK(c.year.value_or("<none>") == "2020");
}

TEST_CASE("(Satanakis & Süss, 2021, 1): two authors joined by & and a locator") {
  auto c = only_citation("as argued (Satanakis & Süss, 2021, 1).");
  CHECK(c.authors == Names{"Satanakis", "Süss"});
  CHECK(c.year.value_or("<none>") == "2021");
  CHECK(c.locator.value_or("<none>") == "1");
}

TEST_CASE("(Rahimov and Keller 2021, pp. 12-14): and-joined authors, pp. locator") {
  auto c = only_citation("pipelines changed the balance (Rahimov and Keller 2021, pp. 12-14).");
  CHECK(c.authors == Names{"Rahimov", "Keller"});
  CHECK(c.locator.value_or("<none>") == "12-14");
}

TEST_CASE("(World Bank 2019): an organisation cited by name") {
  auto c = only_citation("the economic side (World Bank 2019).");
  CHECK(c.authors == Names{"World Bank"});
  CHECK(c.year.value_or("<none>") == "2019");
}

TEST_CASE("(see Markedonov 2020): a leading 'see' is no author") {
  auto c = only_citation("(see Markedonov 2020)");
  CHECK(c.authors == Names{"Markedonov"});
}

TEST_CASE("(Smith 2020a): a year suffix is kept apart from the year") {
  auto c = only_citation("(Smith 2020a)");
  CHECK(c.year.value_or("<none>") == "2020");
  CHECK(c.year_suffix.value_or("<none>") == "a");
}

TEST_CASE("in press stands for the year of a citation, in any language") {
  auto en = only_citation("as described (Seubsman et al., in press) before.");
  CHECK(en.authors == Names{"Seubsman"});
  CHECK(en.year == "in press");
  CHECK(en.raw == "(Seubsman et al., in press)");
  CHECK(only_citation("conforme (Pletsch, no prelo).").year == "in press");
  CHECK(only_citation("как показано (Иванов, в печати), это так.").year == "in press");
  CHECK(only_citation("comme l'a montré (Dupont, sous presse).").year == "in press");
}

TEST_CASE("(Kucera n.d.): a work without date") {
  auto c = only_citation("as reported (Kucera n.d.).");
  CHECK(c.authors == Names{"Kucera"});
  CHECK(c.year.value_or("<none>") == "n.d.");
}

TEST_CASE("(Smith 2020, 1450): a page number that looks like a year stays a page") {
  auto c = only_citation("(Smith 2020, 1450)");
  CHECK(c.year.value_or("<none>") == "2020");
  CHECK(c.locator.value_or("<none>") == "1450");
}

TEST_CASE("(العبيدي ١٤٢٠هـ): a Hijri year with its era mark") {
  auto c = only_citation("كما ذكر (العبيدي ١٤٢٠هـ، ٤٥) في كتابه");
  CHECK(c.authors == Names{"العبيدي"});
  CHECK(c.year.value_or("<none>") == "1420");
  CHECK(c.locator.value_or("<none>") == "45");
}

TEST_CASE("[Иванов, 2019, с. 5]: GOST author-date citation in square brackets") {
  auto c = only_citation("как показано [Иванов, 2019, с. 5], ситуация изменилась.");
  CHECK(c.kind == CitationKind::AuthorDate);
  CHECK(c.authors == Names{"Иванов"});
  CHECK(c.year.value_or("<none>") == "2019");
  CHECK(c.locator.value_or("<none>") == "5");
}

TEST_CASE("(Tanaka, ２０１９): a year in full-width digits") {
  auto c = only_citation("(Tanaka, ２０１９)");
  CHECK(c.year.value_or("<none>") == "2019");
}

TEST_CASE("the byte range of a citation covers its parentheses") {
  std::string text = "Text (Güler, 2020) more.";
  auto c = only_citation(text);
  CHECK(text.substr(c.bytes.begin, c.bytes.end - c.bytes.begin) == "(Güler, 2020)");
}

// --- Several works in one parenthesis ---------------------------------------------------------------

TEST_CASE("two works separated by a semicolon in one parenthesis: Light 2023 and Markedonov 2020, 7") {
  auto cites = cites_in("Scholars disagree (Light 2023; Markedonov 2020, 7).");
  REQUIRE(cites.size() == 2);
  CHECK(cites[0].authors == Names{"Light"});
  CHECK(cites[0].year.value_or("<none>") == "2023");
  CHECK_FALSE(cites[0].locator);
  CHECK(cites[1].authors == Names{"Markedonov"});
  CHECK(cites[1].locator.value_or("<none>") == "7");
  CHECK(cites[0].bytes.end <= cites[1].bytes.begin);
}

TEST_CASE("(Smith 2019, 2020a): two years of the same author") {
  auto cites = cites_in("(Smith 2019, 2020a)");
  REQUIRE(cites.size() == 2);
  CHECK(cites[0].authors == Names{"Smith"});
  CHECK(cites[0].year.value_or("<none>") == "2019");
  CHECK(cites[1].authors == Names{"Smith"});
  CHECK(cites[1].year.value_or("<none>") == "2020");
  CHECK(cites[1].year_suffix.value_or("<none>") == "a");
}

TEST_CASE("Arabic citations separated by the Arabic semicolon ؛") {
  auto cites = cites_in("كما تشير الدراسات (العبيدي ٢٠١٩؛ الشمري ٢٠٢٢) إلى ذلك.");
  REQUIRE(cites.size() == 2);
  CHECK(cites[0].authors == Names{"العبيدي"});
  CHECK(cites[0].year.value_or("<none>") == "2019");
  CHECK(cites[1].authors == Names{"الشمري"});
  CHECK(cites[1].year.value_or("<none>") == "2022");
}

// --- Other scripts ---------------------------------------------------------------------------------

TEST_CASE("author-date citation in Arabic script with Arabic-Indic digits") {
  auto c = only_citation("أداة للتنافس بين القوى الإقليمية (العبيدي ٢٠١٩، ٤٥). ويرى");
  CHECK(c.authors == Names{"العبيدي"});
  CHECK(c.year.value_or("<none>") == "2019");
  CHECK(c.locator.value_or("<none>") == "45");
}

TEST_CASE("(فرحان و هادي ٢٠٢٢، ٣٤٩): two Arabic authors joined by و") {
  auto c = only_citation("وهذا ما أكده (فرحان و هادي ٢٠٢٢، ٣٤٩) في دراستهما.");
  CHECK(c.authors == Names{"فرحان", "هادي"});
  CHECK(c.year.value_or("<none>") == "2022");
  CHECK(c.locator.value_or("<none>") == "349");
}

TEST_CASE("Arabic citation with a ص page locator: (العبيدي ٢٠١٩، ص ٤٥)") {
  auto c = only_citation("(العبيدي ٢٠١٩، ص ٤٥)");
  CHECK(c.locator.value_or("<none>") == "45");
}

TEST_CASE("Arabic citation with انظر (see) before the name") {
  auto c = only_citation("(انظر: العبيدي ٢٠١٩)");
  CHECK(c.authors == Names{"العبيدي"});
}

TEST_CASE("Arabic citation without date: (العبيدي د.ت)") {
  auto c = only_citation("(العبيدي د.ت)");
  CHECK(c.year.value_or("<none>") == "n.d.");
}

TEST_CASE("mirrored parentheses from right-to-left extraction: )عبدالحكيم ٢٠٢٠(") {
  auto c = only_citation("كما يقول )عبدالحكيم ٢٠٢٠( إن الممرات مهمة");
  CHECK(c.authors == Names{"عبدالحكيم"});
  CHECK(c.year.value_or("<none>") == "2020");
}

TEST_CASE("mirrored parentheses are only read on lines with right-to-left text") {
  CHECK(cites_in("the list ends )Smith 2020( here").empty());
}

TEST_CASE("(ბახტაძე, მამულია, 2005: 18): Georgian co-authors and a colon locator") {
  auto c = only_citation("ეს საკითხი განხილულია (ბახტაძე, მამულია, 2005: 18) ნაშრომში.");
  CHECK(c.authors == Names{"ბახტაძე", "მამულია"});
  CHECK(c.year.value_or("<none>") == "2005");
  CHECK(c.locator.value_or("<none>") == "18");
}

TEST_CASE("Georgian citation with გვ. locator and და connector") {
  auto c = only_citation("(ბახტაძე და მამულია 2005, გვ. 18)");
  CHECK(c.authors == Names{"ბახტაძე", "მამულია"});
  CHECK(c.locator.value_or("<none>") == "18");
}

TEST_CASE("(Иванов, 2019, с. 5): Cyrillic citation with с. locator") {
  auto c = only_citation("как отмечает автор (Иванов, 2019, с. 5), ситуация изменилась.");
  CHECK(c.authors == Names{"Иванов"});
  CHECK(c.year.value_or("<none>") == "2019");
  CHECK(c.locator.value_or("<none>") == "5");
}

TEST_CASE("(Иванов и др., 2019): the Russian et al.") {
  // Regression: "и др." is not recognised: "и" is taken for a connector and "др." for a second
  // author, giving authors {"Иванов", "др"} and et_al false.
  auto c = only_citation("(Иванов и др., 2019)");
  CHECK(c.authors == Names{"Иванов"});
  CHECK(c.et_al);
}

TEST_CASE("et al. in Arabic and Turkish: (العبيدي وآخرون ٢٠١٩), (Güler vd., 2020)") {
  auto ar = only_citation("(العبيدي وآخرون ٢٠١٩)");
  CHECK(ar.authors == Names{"العبيدي"});
  CHECK(ar.et_al);
  auto tr = only_citation("(Güler vd., 2020)");
  CHECK(tr.authors == Names{"Güler"});
  CHECK(tr.et_al);
}

TEST_CASE("et al. and and in more languages: dkk. m.fl. mfl. jt ir kt. u.c. și colab. ve ark. т.б.") {
  struct Case { const char* text; Names authors; bool et_al; };
  for (const Case& c : {
           Case{"(Susanto dkk., 2015)", {"Susanto"}, true},         // Indonesian, Malay
           Case{"(Andersson m.fl., 2015)", {"Andersson"}, true},    // Swedish, Danish
           Case{"(Hansen mfl., 2015)", {"Hansen"}, true},           // Norwegian
           Case{"(Tamm jt, 2015)", {"Tamm"}, true},                 // Estonian
           Case{"(Kazlauskas ir kt., 2015)", {"Kazlauskas"}, true}, // Lithuanian
           Case{"(Bērziņš u.c., 2015)", {"Bērziņš"}, true},         // Latvian
           Case{"(Popescu și colab., 2015)", {"Popescu"}, true},    // Romanian
           Case{"(Yılmaz ve ark., 2015)", {"Yılmaz"}, true},        // Turkish
           Case{"(Жұмабаев т.б., 2018)", {"Жұмабаев"}, true},       // Kazakh
           Case{"(Әлиев және Сейітов, 2010)", {"Әлиев", "Сейітов"}, false},
           Case{"(Ткаченко та ін., 2015)", {"Ткаченко"}, true},     // Ukrainian
           Case{"(Касцюк і інш., 2018)", {"Касцюк"}, true},         // Belarusian
           Case{"(Пятроў і Сідараў, 2010)", {"Пятроў", "Сідараў"}, false},
           Case{"(Ганбат нар, 2018)", {"Ганбат"}, true},            // Mongolian
           Case{"(Болд ба Дорж, 2010)", {"Болд", "Дорж"}, false},
           Case{"(Jankauskas ir Petrauskas, 2010)", {"Jankauskas", "Petrauskas"}, false},
           Case{"(Kalniņš un Ozoliņš, 2010)", {"Kalniņš", "Ozoliņš"}, false},
           Case{"(Ionescu și Popa, 2010)", {"Ionescu", "Popa"}, false},
           Case{"(Ionescu şi Popa, 2010)", {"Ionescu", "Popa"}, false},  // the cedilla ş
       }) {
    CAPTURE(c.text);
    auto cite = only_citation(c.text);
    CHECK(cite.authors == c.authors);
    CHECK(cite.et_al == c.et_al);
  }
}

TEST_CASE("Chinese and Japanese et al. glued to the name: （陈静等，2018）") {
  auto zh = only_citation("已有研究表明（陈静等，2018），港口对区域经济有显著影响。");
  CHECK(zh.authors == Names{"陈静"});
  CHECK(zh.et_al);
  auto zh2 = only_citation("（陈静等人，2018）");
  CHECK(zh2.authors == Names{"陈静"});
  CHECK(zh2.et_al);
}

TEST_CASE("years by letter alone and works over two years: (Smith, 2012a, b), (Brown, n.d.-a), (Lee, 2010/2011)") {
  auto ab = cites_in("Ports grew (Smith, 2012a, b).");
  REQUIRE(ab.size() == 2);
  CHECK(ab[0].year_suffix.value_or("<none>") == "a");
  CHECK(ab[1].year.value_or("<none>") == "2012");
  CHECK(ab[1].year_suffix.value_or("<none>") == "b");
  auto nd = only_citation("Others disagree (Brown, n.d.-a).");
  CHECK(nd.year.value_or("<none>") == "n.d.");
  CHECK(nd.year_suffix.value_or("<none>") == "a");
  auto two = only_citation("See (Lee, 2010/2011).");
  CHECK(two.year.value_or("<none>") == "2010");
  CitationContext ctx;
  ctx.author_keys = {name_key("Lee")};
  auto narrative = only_citation("See Lee (2010/2011) on this.", ctx);
  CHECK(narrative.narrative);
  CHECK(narrative.year.value_or("<none>") == "2010");
}

TEST_CASE("Armenian et al.: (Հովհաննիսյան և այլք, 2010)") {
  // Regression: the two-word marker is stored as one key ("ևայլք") but read word by word: "և" is
  // taken for a connector and "այլք" for a second author, et_al false.
  auto hy = only_citation("(Հովհաննիսյան և այլք, 2010)");
  CHECK(hy.authors == Names{"Հովհաննիսյան"});
  CHECK(hy.et_al);
}

TEST_CASE("Georgian et al.: (ბახტაძე და სხვ., 2005)") {
  // Regression: as for "и др." and "և այլք": "და" is read as a connector and "სხვ." as a second
  // author {"ბახტაძე", "სხვ"}, et_al false.
  auto c = only_citation("(ბახტაძე და სხვ., 2005)");
  CHECK(c.authors == Names{"ბახტაძე"});
  CHECK(c.et_al);
}

TEST_CASE("a page range locator after a colon: (Güler 2020: 45-47)") {
  auto c = only_citation("(Güler 2020: 45-47)");
  CHECK(c.locator.value_or("<none>") == "45-47");
}

TEST_CASE("Greek and Armenian citations with σ. and էջ locators") {
  auto el = only_citation("(Παπαδόπουλος, 2015, σ. 45)");
  CHECK(el.authors == Names{"Παπαδόπουλος"});
  CHECK(el.locator.value_or("<none>") == "45");
  auto hy = only_citation("(Հովհաննիսյան, 2010, էջ 15)");
  CHECK(hy.authors == Names{"Հովհաննիսյան"});
  CHECK(hy.locator.value_or("<none>") == "15");
}

TEST_CASE("Hebrew citation: (כהן, 2018)") {
  auto c = only_citation("כפי שנטען (כהן, 2018) בספרו");
  CHECK(c.authors == Names{"כהן"});
  CHECK(c.year.value_or("<none>") == "2018");
}

TEST_CASE("Hebrew citation with the page abbreviation עמ': (כהן, 2018, עמ' 12)") {
  // Regression: עמ' (page) is missing from the locator prefixes, so the whole citation is dropped.
  auto c = only_citation("כפי שנטען (כהן, 2018, עמ' 12) בספרו");
  CHECK(c.authors == Names{"כהן"});
  CHECK(c.locator.value_or("<none>") == "12");
}

TEST_CASE("Persian citation with a Gregorian year in Persian digits: (کاظمی، ۲۰۱۹: ۴۵)") {
  auto c = only_citation("این دیدگاه (کاظمی، ۲۰۱۹: ۴۵) را تأیید می‌کند.");
  CHECK(c.authors == Names{"کاظمی"});
  CHECK(c.year.value_or("<none>") == "2019");
  CHECK(c.locator.value_or("<none>") == "45");
}

TEST_CASE("Persian citation with a Solar Hijri year: (رضایی، ۱۳۹۸: ۴۵)") {
  // Persian publications are usually dated in the Solar Hijri calendar.
  auto c = only_citation("این دیدگاه (رضایی، ۱۳۹۸: ۴۵) را تأیید می‌کند.");
  CHECK(c.authors == Names{"رضایی"});
  CHECK(c.year.value_or("<none>") == "1398");
  CHECK(c.locator.value_or("<none>") == "45");
}

TEST_CASE("Chinese citation in full-width parentheses: （王明，2019）") {
  // Regression: only ASCII '(' opens a citation, and the full-width comma ，ends the names as
  // "prose"; Chinese text prints citations in full-width brackets.
  auto c = only_citation("这一观点（王明，2019）得到了支持。");
  CHECK(c.authors == Names{"王明"});
  CHECK(c.year.value_or("<none>") == "2019");
}

// --- Citations split over lines ---------------------------------------------------------------------

TEST_CASE("a citation split across two lines is one citation with the break as a space") {
  auto c = only_citation("pipelines changed the balance (Rahimov &\nKeller, 2021) while ports");
  CHECK(c.authors == Names{"Rahimov", "Keller"});
  CHECK(c.year.value_or("<none>") == "2021");
  CHECK(c.raw == "(Rahimov & Keller, 2021)");
}

TEST_CASE("an Arabic citation split after the name is found") {
  auto c = only_citation("كما ناقش (الشمري\n٢٠٢٢، ١١٠) الأمر");
  CHECK(c.authors == Names{"الشمري"});
  CHECK(c.locator.value_or("<none>") == "110");
}

// Double-spaced extractions put an empty line between all lines, so one blank line may fall
// inside a citation; two end the paragraph.
TEST_CASE("a citation may span one blank line of double-spaced text") {
  auto cites = cites_in("(Rahimov &\n\nKeller, 2021)");
  REQUIRE(cites.size() == 1);
  CHECK(cites[0].authors == std::vector<std::string>{"Rahimov", "Keller"});
}

TEST_CASE("a parenthesis is not closed across two blank lines") {
  CHECK(cites_in("(Rahimov &\n\n\nKeller, 2021)").empty());
}

// --- Parentheses that are not citations -----------------------------------------------------------

TEST_CASE("a year alone in parentheses is no citation: (١٨١٣)") {
  CHECK(cites_in("معاهدة كلستان (١٨١٣) أنهت الحرب").empty());
  CHECK(cites_in("the Treaty of Gulistan (1813) ended the war").empty());
}

TEST_CASE("Arabic prose with a year in parentheses: (وهي المنظمة التي تأسست عام ١٩٩٩)") {
  CHECK(cites_in("ثم ظهرت المنظمة (وهي المنظمة التي تأسست عام ١٩٩٩) في المنطقة").empty());
}

TEST_CASE("Arabic date phrase: (منذ عام ١٩٩١)") {
  CHECK(cites_in("شهدت المنطقة (منذ عام ١٩٩١) تحولات").empty());
}

TEST_CASE("Georgian prose with a year and a count: (მაგ. 2016 წლის 4-დღიანი ომი)") {
  CHECK(cites_in("კონფლიქტები (მაგ. 2016 წლის 4-დღიანი ომი) გაგრძელდა.").empty());
}

TEST_CASE("English prose in parentheses with a year: (in 2020), (since 1991), (the war of 2020)") {
  CHECK(cites_in("the war (in 2020) ended").empty());
  CHECK(cites_in("the borders (since 1991) changed").empty());
  CHECK(cites_in("tensions (the war of 2020) rose").empty());
}

TEST_CASE("Russian prose with a year: (в 2020 году)") {
  CHECK(cites_in("конфликт (в 2020 году) обострился").empty());
}

TEST_CASE("numbers that are not years: (Resolution 822, 1993), (see Table 2), (1988-1994)") {
  CHECK(cites_in("the UN (Resolution 822, 1993) demanded").empty());
  CHECK(cites_in("figures (see Table 2) show").empty());
  CHECK(cites_in("the first war (1988-1994) ended").empty());
}

TEST_CASE("skip ranges are left alone") {
  Document doc = doc_from("A (Güler, 2020) B (Light 2023)");
  std::vector<ByteRange> skip{{2, 15}};
  auto scan = find_intext_citations(doc, 0, doc.text.size(), {}, skip);
  REQUIRE(scan.citations.size() == 1);
  CHECK(scan.citations[0].authors == Names{"Light"});
}

TEST_CASE("only the given byte range is scanned") {
  Document doc = doc_from("(Güler, 2020) and (Light 2023)");
  auto scan = find_intext_citations(doc, 14, doc.text.size(), {}, {});
  REQUIRE(scan.citations.size() == 1);
  CHECK(scan.citations[0].authors == Names{"Light"});
}

// --- Narrative citations ----------------------------------------------------------------------------

TEST_CASE("Light (2023): a narrative citation when Light is an author of the list") {
  CitationContext ctx;
  ctx.author_keys = {"light"};
  auto c = only_citation("As Light (2023) argues, the war changed everything.", ctx);
  CHECK(c.narrative);
  CHECK(c.authors == Names{"Light"});
  CHECK(c.year.value_or("<none>") == "2023");
  CHECK(c.raw == "Light (2023)");
}

TEST_CASE("narrative citations with a two-word et al. or initials: Иванов и др. (2015), Иванов И.И. (2001)") {
  // Regression: the narrative scan stopped at "др." or "И.И." and the bare-name scan took the
  // citation without its closing bracket ("Иванов и др. (2015").
  struct Case { const char* text; const char* name; bool et_al; };
  for (const Case& c : {Case{"Как показали Иванов и др. (2015), порты росли.", "Иванов", true},
                        Case{"Popescu și colab. (2015) arată acest lucru.", "Popescu", true},
                        Case{"გელაშვილი და სხვ. (2018) აღნიშნავენ.", "გელაშვილი", true},
                        Case{"Как писал Иванов И.И. (2001), причина в другом.", "Иванов", false},
                        Case{"Петров П. П. (2010) не согласен.", "Петров", false},
                        Case{"Smith J. (2005) agreed.", "Smith", false}}) {
    CAPTURE(c.text);
    CitationContext ctx;
    ctx.author_keys = {name_key(c.name)};
    auto cite = only_citation(c.text, ctx);
    CHECK(cite.narrative);
    CHECK(cite.et_al == c.et_al);
    CHECK(cite.authors == Names{c.name});
    CHECK(cite.raw.back() == ')');
  }
}

TEST_CASE("Turkish 'ile' joins two authors: Kaya ile Demir'in (2010)") {
  CitationContext ctx;
  ctx.author_keys = {name_key("Kaya"), name_key("Demir")};
  auto c = only_citation("Kaya ile Demir'in (2010) çalışması bunu gösterir.", ctx);
  CHECK(c.authors == Names{"Kaya", "Demir"});
}

TEST_CASE("Persian words with the zero-width non-joiner: (کریمی، بی‌تا), (حسین‌زاده، ۱۴۰۰)") {
  auto nd = only_citation("همچنین (کریمی، بی\u200Cتا) آمده است.");
  CHECK(nd.authors == Names{"کریمی"});
  CHECK(nd.year.value_or("<none>") == "n.d.");
  auto name = only_citation("(حسین\u200Cزاده، ۱۴۰۰)");
  REQUIRE(name.authors.size() == 1);
  CHECK(name_key(name.authors[0]) == name_key("حسینزاده"));
  CHECK(name.year.value_or("<none>") == "1400");
}

TEST_CASE("a year in parentheses after a word that is no listed author is no citation") {
  CitationContext ctx;
  ctx.author_keys = {"light"};
  CHECK(cites_in("The Treaty of Gulistan (1813) ended the war.", ctx).empty());
}

TEST_CASE("organisations cited narratively by their short name or acronym, only when capitalised") {
  CitationContext ctx;
  ctx.organisation_keys = {"worldbank", "nbs", "who"};
  auto bank = only_citation("The growth rate predicted by the World Bank (2023) is lower.", ctx);
  CHECK(bank.narrative);
  CHECK(bank.authors == Names{"World Bank"});
  auto nbs = only_citation("Source: own calculations with data from NBS (2024).", ctx);
  CHECK(nbs.authors == Names{"NBS"});
  CHECK(nbs.year.value_or("<none>") == "2024");
  // "who" is a word; WHO an organisation.
  CHECK(cites_in("the patients who (2019) were enrolled", ctx).empty());
  CHECK(cites_in("nbs (2024) in lower case is not the bureau", ctx).empty());
}

TEST_CASE("a narrative name of four words: Yarza De los Ríos (2011)") {
  CitationContext ctx;
  ctx.author_keys = {"yarzadelosrios"};
  auto c = only_citation("Como propõe Yarza De los Ríos (2011), a pedagogia…", ctx);
  CHECK(c.authors == Names{"Yarza De los Ríos"});
}

TEST_CASE("narrative citation with a locator and an Arabic name: العبيدي (٢٠١٩، ٤٥)") {
  CitationContext ctx;
  ctx.author_keys = {"العبيدي"};
  auto c = only_citation("ويرى العبيدي (٢٠١٩، ٤٥) أن", ctx);
  CHECK(c.narrative);
  CHECK(c.authors == Names{"العبيدي"});
  CHECK(c.locator.value_or("<none>") == "45");
}

TEST_CASE("narrative citation of two authors: Rahimov and Keller (2021)") {
  CitationContext ctx;
  ctx.author_keys = {"rahimov", "keller"};
  auto c = only_citation("Rahimov and Keller (2021) show", ctx);
  CHECK(c.authors == Names{"Rahimov", "Keller"});
}

TEST_CASE("narrative citation with et al.: Sultanova et al. (2020)") {
  CitationContext ctx;
  ctx.author_keys = {"sultanova"};
  auto c = only_citation("Sultanova et al. (2020) describe the ports", ctx);
  CHECK(c.authors == Names{"Sultanova"});
  CHECK(c.et_al);
}

// --- Numeric citations ------------------------------------------------------------------------------

TEST_CASE("[1] is a numeric citation when the list is numbered") {
  auto c = only_citation("as shown earlier [1].", numbered());
  CHECK(c.kind == CitationKind::Numeric);
  CHECK(c.numbers == Names{"1"});
  CHECK(c.raw == "[1]");
}

TEST_CASE("[1–3] expands to 1, 2, 3") {
  auto c = only_citation("several studies [1–3] agree", numbered());
  CHECK(c.numbers == Names{"1", "2", "3"});
}

TEST_CASE("[2, 5] lists two works") {
  auto c = only_citation("see [2, 5]", numbered());
  CHECK(c.numbers == Names{"2", "5"});
}

TEST_CASE("parts of compound entries: [1a], [1b,c], [1a–c], [2, 3a]") {
  CHECK(only_citation("as reviewed [1a].", numbered()).numbers == Names{"1a"});
  CHECK(only_citation("reagents [1b,c] exist", numbered()).numbers == Names{"1b", "1c"});
  CHECK(only_citation("kits [1a–c] exist", numbered()).numbers == Names{"1a", "1b", "1c"});
  CHECK(only_citation("kits [12a-b] exist", numbered()).numbers == Names{"12a", "12b"});
  CHECK(only_citation("both [2, 3a] agree", numbered()).numbers == Names{"2", "3a"});
  // A page word after a part is its locator, not a part.
  auto located = only_citation("as shown [4a, p. 7].", numbered());
  CHECK(located.numbers == Names{"4a"});
  CHECK(located.locator == "p. 7");
}

TEST_CASE("[٣] in Arabic-Indic digits cites entry 3") {
  auto c = only_citation("كما ورد في [٣]", numbered());
  CHECK(c.numbers == Names{"3"});
}

TEST_CASE("brackets with numbers are no citations when the list is not numbered") {
  CHECK(cites_in("as shown earlier [1] and [2, 5].").empty());
}

TEST_CASE("brackets with words are no numeric citations") {
  CHECK(cites_in("王明. 南高加索地区研究[M]. 北京", numbered()).empty());
  CHECK(cites_in("the text [sic] and [emphasis added]", numbered()).empty());
}

// --- Malformed citations ----------------------------------------------------------------------------

TEST_CASE("(Smith 2020 never closed is reported as malformed and still cites Smith 2020") {
  auto scan = scan_text("as argued (Smith 2020\nin the next paragraph.");
  REQUIRE(scan.citations.size() == 1);
  CHECK(scan.citations[0].authors == Names{"Smith"});
  CHECK(scan.citations[0].year.value_or("<none>") == "2020");
  REQUIRE(scan.malformed.size() == 1);
  CHECK(scan.malformed[0].raw == "Smith 2020");
  CHECK_FALSE(scan.malformed[0].reason.empty());
}

TEST_CASE("(Smith 202) with a three-digit year is reported as malformed") {
  auto scan = scan_text("as argued (Smith 202) before.");
  CHECK(scan.citations.empty());
  REQUIRE(scan.malformed.size() == 1);
  CHECK(scan.malformed[0].raw == "(Smith 202)");
}

TEST_CASE("(Güler, 20200) with a five-digit year is reported as malformed") {
  auto scan = scan_text("(Güler, 20200)");
  REQUIRE(scan.malformed.size() == 1);
}

// --- parse_parenthetical directly -------------------------------------------------------------------

TEST_CASE("parse_parenthetical reads the inside of one parenthesis") {
  auto cites = parse_parenthetical("Satanakis & Süss, 2021, 1");
  REQUIRE(cites.size() == 1);
  CHECK(cites[0].authors == Names{"Satanakis", "Süss"});
  CHECK(cites[0].locator.value_or("<none>") == "1");
}

TEST_CASE("parse_parenthetical returns nothing for a bare year or prose") {
  CHECK(parse_parenthetical("2020").empty());
  CHECK(parse_parenthetical("in 2020").empty());
  CHECK(parse_parenthetical("").empty());
}

// --- Citations without brackets inside notes ------------------------------------------------

TEST_CASE("a note cites listed works without brackets: იხ. Nodia, Scholtbach 2006: 45–61") {
  Document d = test::doc_from("2. დაწვრილებით იხ. Nodia, Scholtbach 2006: 45–61; ასევე გეგეშიძე 2016: 12.\n");
  CitationContext ctx;
  ctx.author_keys = {"nodia", name_key("გეგეშიძე")};
  auto cites = find_note_citations(d, {{0, d.text.size()}}, ctx, {});
  REQUIRE(cites.size() == 2);
  CHECK(cites[0].authors == std::vector<std::string>{"Nodia", "Scholtbach"});
  CHECK(cites[0].year == "2006");
  CHECK(cites[0].locator == "45–61");
  CHECK(cites[1].year == "2016");
}

TEST_CASE("a year in a note's prose is no citation: 2012 წლის არჩევნები") {
  Document d = test::doc_from("1. ნოდია 2012 წლის არჩევნებზე წერდა.\n");
  CitationContext ctx;
  ctx.author_keys = {name_key("ნოდია")};
  CHECK(find_note_citations(d, {{0, d.text.size()}}, ctx, {}).empty());
}

// --- A citation cut by a raised note number on a line of its own ----------------------------------

TEST_CASE("an Arabic citation cut by a raised note number's line is read across it") {
  // pdftotext wrote the raised "4" of the next line on a line of its own, then a blank line.
  Citation c = only_citation(
      "وقد أشار باحثون آخرون إلى نتائج مشابهة في المخطوطات الفارسية (Karimi\n"
      "4\n"
      "\n"
      "، 2017) مما يدل على أن المشكلة ليست خاصة بالعربية.\n");
  REQUIRE(c.authors.size() == 1);
  CHECK(c.authors[0] == "Karimi");
  CHECK(c.year == "2017");
  CHECK(c.raw == "(Karimi ، 2017)");  // the number is not part of it
}

TEST_CASE("a lone number between left-to-right lines does not join a parenthesis across it") {
  auto cites = cites_in(
      "The survey of the archive (Smith\n"
      "4\n"
      "\n"
      "2017) covered three collections.\n");
  CHECK(cites.empty());
}
