// Tests for parsers/footnotes.cpp: footnote markers in the text (digits glued to a word or
// after punctuation, superscripts, [1], (1)) paired with their bodies at the page bottom —
// and the many numbers in running text (years, counts, ordinals, G20, CO2) that are no markers.
#include <catch2/catch.hpp>

#include <initializer_list>
#include <string>
#include <vector>

#include "helpers.hpp"
#include "parsers/footnotes.hpp"
#include "parsers/page_furniture.hpp"

using namespace citecheck;
using citecheck::test::doc_from;

namespace {

Document doc_of(std::initializer_list<std::string> lines) {
  std::string text;
  for (const auto& l : lines) {
    text += l;
    text += '\n';
  }
  return doc_from(text);
}

FootnoteScan notes_of(const Document& d, const std::vector<ByteRange>& skip = {},
                      const std::vector<bool>& excluded = {}) {
  return find_footnotes(d, detect_page_furniture(d), skip, excluded);
}

bool has_marker(const Footnote& f) { return f.marker_bytes.end > f.marker_bytes.begin; }
bool has_body(const Footnote& f) { return f.body_bytes.end > f.body_bytes.begin; }

std::string marker_text(const Document& d, const Footnote& f) {
  return d.text.substr(f.marker_bytes.begin, f.marker_bytes.end - f.marker_bytes.begin);
}

// Byte offset just after the first occurrence of `before` — where a marker printed right
// after it starts.
std::size_t offset_after(const Document& d, const std::string& before) {
  std::size_t p = d.text.find(before);
  REQUIRE(p != std::string::npos);
  return p + before.size();
}

// Georgian page: markers glued to a word (1), after a comma (2), after a full stop (3) and
// after a closing quote before a full stop (4); the bodies at the page bottom.
Document georgian_page() {
  return doc_of({
      "სამხრეთ კავკასიის უსაფრთხოებას იკვლევს გურგენაშვილი1 თავის ნაშრომში.",
      "ომის შემდგომ,2 რეგიონში ახალი წესრიგი ჩამოყალიბდა, ხოლო",
      "საქართველოს ურთიერთობა რესპუბლიკასთან.3 გაუარესდა",
      "„ეროვნული ინტერესების გათვალისწინებით“4. ეს პროცესი გრძელდება.",
      "",
      "1 გურგენაშვილი, ნინო. 2019. კავკასიის პოლიტიკა. თბილისი.",
      "2 ბახტაძე, მიხეილ. 2005. საქართველოს ისტორია. თბილისი.",
      "3 მამულია, გურამ. 2010. ომი და მშვიდობა. თბილისი.",
      "4 რონდელი, ალექსანდრე. 2006. საგარეო პოლიტიკა. თბილისი.",
  });
}

}  // namespace

// --- Markers glued to words and punctuation (Georgian) ---------------------------------------------

TEST_CASE("four Georgian footnotes are paired in order") {
  Document d = georgian_page();
  auto scan = notes_of(d);
  REQUIRE(scan.footnotes.size() == 4);
  for (int i = 0; i < 4; ++i) {
    CHECK(scan.footnotes[i].label == std::to_string(i + 1));
    CHECK(has_marker(scan.footnotes[i]));
    CHECK(has_body(scan.footnotes[i]));
  }
  CHECK(scan.gaps.empty());
}

TEST_CASE("a marker glued to a word: გურგენაშვილი1") {
  Document d = georgian_page();
  auto scan = notes_of(d);
  REQUIRE(scan.footnotes.size() == 4);
  CHECK(scan.footnotes[0].marker_bytes.begin == offset_after(d, "გურგენაშვილი"));
  CHECK(marker_text(d, scan.footnotes[0]) == "1");
}

TEST_CASE("a marker after a comma: შემდგომ,2") {
  Document d = georgian_page();
  auto scan = notes_of(d);
  REQUIRE(scan.footnotes.size() == 4);
  CHECK(scan.footnotes[1].marker_bytes.begin == offset_after(d, "შემდგომ,"));
  CHECK(marker_text(d, scan.footnotes[1]) == "2");
}

TEST_CASE("a marker after a full stop: რესპუბლიკასთან.3") {
  Document d = georgian_page();
  auto scan = notes_of(d);
  REQUIRE(scan.footnotes.size() == 4);
  CHECK(scan.footnotes[2].marker_bytes.begin == offset_after(d, "რესპუბლიკასთან."));
}

TEST_CASE("a marker after a closing quote and before a full stop: გათვალისწინებით“4.") {
  Document d = georgian_page();
  auto scan = notes_of(d);
  REQUIRE(scan.footnotes.size() == 4);
  CHECK(scan.footnotes[3].marker_bytes.begin == offset_after(d, "გათვალისწინებით“"));
  CHECK(marker_text(d, scan.footnotes[3]) == "4");
}

TEST_CASE("a footnote body's text is the line without its label") {
  Document d = georgian_page();
  auto scan = notes_of(d);
  REQUIRE(scan.footnotes.size() == 4);
  CHECK(scan.footnotes[0].text == "გურგენაშვილი, ნინო. 2019. კავკასიის პოლიტიკა. თბილისი.");
  CHECK(scan.footnotes[3].text == "რონდელი, ალექსანდრე. 2006. საგარეო პოლიტიკა. თბილისი.");
}

// --- Bodies without a space, bodies that start with a year ------------------------------------------

TEST_CASE("a body glued to its label: 4Glantz, Mary. 2022.") {
  Document d = doc_of({
      "Russia's position changed1 after the war,2 as Moscow3 and Washington4 noted.",
      "",
      "1 Markedonov, Sergey. 2020. Title One.",
      "2 Light, Felix. 2023. Title Two.",
      "3 Moreau, Claire. 2022. Title Three.",
      "4Glantz, Mary. 2022. \"Russia and the Caucasus.\" USIP.",
  });
  auto scan = notes_of(d);
  REQUIRE(scan.footnotes.size() == 4);
  CHECK(scan.footnotes[3].label == "4");
  CHECK(scan.footnotes[3].text == "Glantz, Mary. 2022. \"Russia and the Caucasus.\" USIP.");
}

TEST_CASE("a body that starts with a year: 2 1988-1994 წლები") {
  Document d = doc_of({
      "პირველი ომი1 და მისი შედეგები.2 განხილულია ქვემოთ.",
      "",
      "1 ბახტაძე, მიხეილ. 2005. ისტორია. თბილისი.",
      "2 1988-1994 წლები ყარაბაღის პირველი ომის პერიოდია.",
  });
  auto scan = notes_of(d);
  REQUIRE(scan.footnotes.size() == 2);
  CHECK(scan.footnotes[1].label == "2");
  CHECK(scan.footnotes[1].text == "1988-1994 წლები ყარაბაღის პირველი ომის პერიოდია.");
}

TEST_CASE("a body continued on the next line keeps both lines") {
  Document d = doc_of({
      "ტექსტი1 და ტექსტი.2",
      "",
      "1 ბახტაძე, მიხეილ. 2005. საქართველოს ისტორია.",
      "თბილისი: უნივერსიტეტის გამომცემლობა.",
      "2 მამულია, გურამ. 2010. ომი. თბილისი.",
  });
  auto scan = notes_of(d);
  REQUIRE(scan.footnotes.size() == 2);
  CHECK(scan.footnotes[0].text == "ბახტაძე, მიხეილ. 2005. საქართველოს ისტორია.\nთბილისი: უნივერსიტეტის გამომცემლობა.");
  CHECK(scan.footnotes[1].text == "მამულია, გურამ. 2010. ომი. თბილისი.");
}

TEST_CASE("a body ends where the next page begins") {
  Document d = doc_of({
      "ტექსტი1 და ტექსტი.2",
      "",
      "1 ბახტაძე, მიხეილ. 2005. ისტორია.",
      "2 მამულია, გურამ. 2010. ომი. თბილისი.",
      "- 7 -",
      "\fმეორე გვერდის ტექსტი იწყება აქ.",
  });
  auto scan = notes_of(d);
  REQUIRE(scan.footnotes.size() == 2);
  CHECK(scan.footnotes[1].text == "მამულია, გურამ. 2010. ომი. თბილისი.");
}

// --- Numbers that are no markers ----------------------------------------------------------------------

TEST_CASE("years, counts and ordinals are no markers: 2016 წლის 4-დღიანი, მე-3") {
  // Each decoy follows the real marker of the same number and precedes its body: taken for
  // a marker, it would replace the real one (the last marker before the body wins).
  Document d = doc_of({
      "ომის შესახებ წერს გურგენაშვილი1 და ბახტაძე.2 ამ ნაშრომებში",
      "აღწერილია რესპუბლიკასთან.3 ურთიერთობის მე-3 ეტაპი და",
      "„ინტერესების გათვალისწინებით“4. 2016 წლის 4-დღიანი ომი.",
      "",
      "1 გურგენაშვილი, ნინო. 2019. პოლიტიკა. თბილისი.",
      "2 ბახტაძე, მიხეილ. 2005. ისტორია. თბილისი.",
      "3 მამულია, გურამ. 2010. ომი. თბილისი.",
      "4 რონდელი, ალექსანდრე. 2006. პოლიტიკა. თბილისი.",
  });
  auto scan = notes_of(d);
  REQUIRE(scan.footnotes.size() == 4);
  CHECK(scan.footnotes[2].marker_bytes.begin == offset_after(d, "რესპუბლიკასთან."));
  CHECK(scan.footnotes[3].marker_bytes.begin == offset_after(d, "გათვალისწინებით“"));
}

TEST_CASE("CO2 is a chemical formula, not footnote marker 2") {
  Document d = doc_of({
      "ემისიებს იკვლევს გურგენაშვილი1 და ბახტაძე.2 მათი აზრით CO2 ემისიები იზრდება.",
      "",
      "1 გურგენაშვილი, ნინო. 2019. პოლიტიკა. თბილისი.",
      "2 ბახტაძე, მიხეილ. 2005. ისტორია. თბილისი.",
  });
  auto scan = notes_of(d);
  REQUIRE(scan.footnotes.size() == 2);
  CHECK(scan.footnotes[1].marker_bytes.begin == offset_after(d, "ბახტაძე."));
}

TEST_CASE("G20 is a name, not footnote marker 20") {
  // Twenty notes; "G20" follows the real marker 20 and precedes body 20.
  std::string text;
  for (int i = 1; i <= 20; ++i) text += "წინადადება" + std::to_string(i) + " გრძელდება.\n";
  text += "სამიტზე G20 ქვეყნები შეიკრიბნენ.\n\n";
  for (int i = 1; i <= 20; ++i) text += std::to_string(i) + " ავტორი, სახელი. 2020. სათაური.\n";
  Document d = doc_from(text);
  auto scan = notes_of(d);
  REQUIRE(scan.footnotes.size() == 20);
  CHECK(scan.footnotes[19].label == "20");
  CHECK(scan.footnotes[19].marker_bytes.begin == offset_after(d, "წინადადება20") - 2);
}

TEST_CASE("a number missing from the text leaves its body without a marker") {
  // "მე-3" is the only 3 in the text: an ordinal, so footnote 3 has a body and no marker.
  Document d = doc_of({
      "წერს გურგენაშვილი1 და ბახტაძე.2 ომის მე-3 ეტაპი და რონდელი.4 აღნიშნავს.",
      "",
      "1 გურგენაშვილი, ნინო. 2019. პოლიტიკა. თბილისი.",
      "2 ბახტაძე, მიხეილ. 2005. ისტორია. თბილისი.",
      "3 მამულია, გურამ. 2010. ომი. თბილისი.",
      "4 რონდელი, ალექსანდრე. 2006. პოლიტიკა. თბილისი.",
  });
  auto scan = notes_of(d);
  REQUIRE(scan.footnotes.size() == 4);
  CHECK(scan.footnotes[2].label == "3");
  CHECK_FALSE(has_marker(scan.footnotes[2]));
  CHECK(has_body(scan.footnotes[2]));
}

TEST_CASE("percentages and fractions glued to words are no markers: ინფლაცია2%, ნახევარი1/2") {
  Document d = doc_of({
      "მოსახლეობის ზრდა1 იყო მცირე, წილი2 კი ინფლაცია2%-ზე ნაკლები და ნახევარი1/2 რჩება.",
      "",
      "1 ბახტაძე, მიხეილ. 2005. ისტორია.",
      "2 მამულია, გურამ. 2010. ომი.",
  });
  auto scan = notes_of(d);
  REQUIRE(scan.footnotes.size() == 2);
  CHECK(scan.footnotes[0].marker_bytes.begin == offset_after(d, "ზრდა"));
  CHECK(scan.footnotes[1].marker_bytes.begin == offset_after(d, "წილი"));
}

TEST_CASE("a page reference glued to its abbreviation is no marker: p.3") {
  // "p.3" reads like a marker after a full stop; it follows the real marker 3 here.
  // Regression: "p.3" is a marker candidate (digit after '.' after a letter); being the last "3"
  // before body 3 it replaces the real marker "noted3" (marker found at "p.3", byte 65).
  Document d = doc_of({
      "The corridor1 changed trade,2 as officials noted3 earlier (see p.3 above).",
      "",
      "1 Markedonov, Sergey. 2020. Title One.",
      "2 Light, Felix. 2023. Title Two.",
      "3 Moreau, Claire. 2022. Title Three.",
  });
  auto scan = notes_of(d);
  REQUIRE(scan.footnotes.size() == 3);
  CHECK(scan.footnotes[2].marker_bytes.begin == offset_after(d, "noted"));
}

TEST_CASE("a Georgian page reference glued to its abbreviation is no marker: გვ.3") {
  // Regression: as for "p.3": the locator "გვ.3" (page 3) is taken for marker 3 instead of "ავტორი3".
  Document d = doc_of({
      "ტექსტი1 და ტექსტი,2 როგორც ავტორი3 აღნიშნავს (იხ. გვ.3 ზემოთ).",
      "",
      "1 ბახტაძე, მიხეილ. 2005. ისტორია.",
      "2 მამულია, გურამ. 2010. ომი.",
      "3 რონდელი, ალექსანდრე. 2006. პოლიტიკა.",
  });
  auto scan = notes_of(d);
  REQUIRE(scan.footnotes.size() == 3);
  CHECK(scan.footnotes[2].marker_bytes.begin == offset_after(d, "ავტორი"));
}

TEST_CASE("a page number line between pages is neither marker nor body") {
  Document d = doc_of({
      "ტექსტი1 და ტექსტი2 დასასრული.",
      "",
      "1 ბახტაძე, მიხეილ. 2005. ისტორია.",
      "2",
      "\fმეორე გვერდი.",
      "2 მამულია, გურამ. 2010. ომი.",
  });
  auto scan = notes_of(d);
  REQUIRE(scan.footnotes.size() == 2);
  CHECK(scan.footnotes[1].text == "მამულია, გურამ. 2010. ომი.");
}

// --- Numbering: gaps and missing bodies --------------------------------------------------------------

TEST_CASE("a number skipped by both markers and bodies is a gap") {
  Document d = doc_of({
      "ტექსტი1 ტექსტი2 ტექსტი4 ტექსტი5 დასასრული.",
      "",
      "1 ბახტაძე, მიხეილ. 2005. ისტორია.",
      "2 მამულია, გურამ. 2010. ომი.",
      "4 რონდელი, ალექსანდრე. 2006. პოლიტიკა.",
      "5 გურგენაშვილი, ნინო. 2019. კავკასია.",
  });
  auto scan = notes_of(d);
  REQUIRE(scan.footnotes.size() == 4);
  CHECK(scan.footnotes[2].label == "4");
  REQUIRE(scan.gaps.size() == 1);
  CHECK(scan.gaps[0] == std::pair<int, int>(2, 4));
}

TEST_CASE("a marker without a body is kept as a footnote without body") {
  Document d = doc_of({
      "ტექსტი1 ტექსტი2 ტექსტი3 დასასრული.",
      "",
      "1 ბახტაძე, მიხეილ. 2005. ისტორია.",
      "3 რონდელი, ალექსანდრე. 2006. პოლიტიკა.",
  });
  auto scan = notes_of(d);
  REQUIRE(scan.footnotes.size() == 3);
  CHECK(scan.footnotes[1].label == "2");
  CHECK(has_marker(scan.footnotes[1]));
  CHECK_FALSE(has_body(scan.footnotes[1]));
}

// --- Other marker styles and scripts -----------------------------------------------------------------

TEST_CASE("superscript markers ¹ ² ³ and superscript body labels") {
  Document d = doc_of({
      "The corridor¹ changed trade,² as officials³ admitted.",
      "",
      "¹ Markedonov, Sergey. 2020. Title One.",
      "² Light, Felix. 2023. Title Two.",
      "³ Moreau, Claire. 2022. Title Three.",
  });
  auto scan = notes_of(d);
  REQUIRE(scan.footnotes.size() == 3);
  CHECK(scan.footnotes[1].label == "2");
  CHECK(marker_text(d, scan.footnotes[1]) == "²");
  CHECK(scan.footnotes[2].text == "Moreau, Claire. 2022. Title Three.");
}

TEST_CASE("Arabic markers in Arabic-Indic digits glued to words: القوقاز١") {
  Document d = doc_of({
      "شهدت منطقة جنوب القوقاز١ تحولات كبيرة في طرق النقل،٢ وأصبحت الممرات أداة للتنافس.",
      "",
      "١ العبيدي، سامر ٢٠١٩ . الممرات الاقتصادية . بغداد .",
      "٢ الشمري، علي ٢٠٢٢ . تركيا وجنوب القوقاز . بيروت .",
  });
  auto scan = notes_of(d);
  REQUIRE(scan.footnotes.size() == 2);
  CHECK(scan.footnotes[0].label == "1");
  CHECK(scan.footnotes[0].marker_bytes.begin == offset_after(d, "القوقاز"));
  CHECK(scan.footnotes[1].marker_bytes.begin == offset_after(d, "النقل،"));
  CHECK(scan.footnotes[1].text == "الشمري، علي ٢٠٢٢ . تركيا وجنوب القوقاز . بيروت .");
}

TEST_CASE("Arabic markers in parentheses: الاقتصادية(١) with bodies (١) …") {
  Document d = doc_of({
      "تناولت الدراسات الممرات الاقتصادية(١) ودور تركيا(٢) في المنطقة.",
      "",
      "(١) العبيدي، سامر ٢٠١٩ . الممرات الاقتصادية . بغداد .",
      "(٢) الشمري، علي ٢٠٢٢ . تركيا وجنوب القوقاز . بيروت .",
  });
  auto scan = notes_of(d);
  REQUIRE(scan.footnotes.size() == 2);
  CHECK(scan.footnotes[1].label == "2");
  CHECK(marker_text(d, scan.footnotes[1]) == "(٢)");
  CHECK(scan.footnotes[0].text == "العبيدي، سامر ٢٠١٩ . الممرات الاقتصادية . بغداد .");
}

TEST_CASE("bracketed markers [1] [2] with bracketed body labels") {
  Document d = doc_of({
      "The ceasefire[1] held until the spring[2] of the next year.",
      "",
      "[1] Kucera, Joshua. 2020. Ceasefire. Eurasianet.",
      "[2] Light, Felix. 2023. Spring. Caucasus Survey.",
  });
  auto scan = notes_of(d);
  REQUIRE(scan.footnotes.size() == 2);
  CHECK(marker_text(d, scan.footnotes[0]) == "[1]");
  CHECK(scan.footnotes[1].text == "Light, Felix. 2023. Spring. Caucasus Survey.");
}

TEST_CASE("Cyrillic markers glued after words and punctuation") {
  Document d = doc_of({
      "Как отмечает Иванов1, ситуация изменилась.2 Позже3 это подтвердилось.",
      "",
      "1 Иванов И. И. Кавказ и Россия. М.: Наука, 2019.",
      "2 Петров П. П. История Грузии. СПб., 2015.",
      "3 Сидоров С. С. Война. М., 2021.",
  });
  auto scan = notes_of(d);
  REQUIRE(scan.footnotes.size() == 3);
  CHECK(scan.footnotes[0].marker_bytes.begin == offset_after(d, "Иванов"));
  CHECK(scan.footnotes[1].marker_bytes.begin == offset_after(d, "изменилась."));
}

TEST_CASE("endnote bodies labelled 1. and 2. are footnote bodies") {
  Document d = doc_of({
      "Russia's position changed1 after the war.2",
      "",
      "Notes",
      "1. Markedonov, Sergey. 2020. Title One.",
      "2. Light, Felix. 2023. Title Two.",
  });
  auto scan = notes_of(d);
  REQUIRE(scan.footnotes.size() == 2);
  CHECK(scan.footnotes[0].text == "Markedonov, Sergey. 2020. Title One.");
  CHECK(scan.footnotes[1].text == "Light, Felix. 2023. Title Two.");
}

TEST_CASE("mirrored parenthesised markers from right-to-left extraction: )١(") {
  Document d = doc_of({
      "تناولت الدراسات الممرات الاقتصادية)١( ودور تركيا)٢( في المنطقة.",
      "",
      ")١( العبيدي، سامر ٢٠١٩ . الممرات الاقتصادية . بغداد .",
      ")٢( الشمري، علي ٢٠٢٢ . تركيا وجنوب القوقاز . بيروت .",
  });
  auto scan = notes_of(d);
  REQUIRE(scan.footnotes.size() == 2);
  CHECK(scan.footnotes[0].marker_bytes.begin == offset_after(d, "الاقتصادية"));
  CHECK(scan.footnotes[1].text == "الشمري، علي ٢٠٢٢ . تركيا وجنوب القوقاز . بيروت .");
}

TEST_CASE("a marker after the last note whose body never came is kept without body") {
  Document d = doc_of({
      "ტექსტი1 და ტექსტი2 ამ ნაწილში.",
      "",
      "1 ბახტაძე, მიხეილ. 2005. ისტორია.",
      "2 მამულია, გურამ. 2010. ომი.",
      "",
      "შემდეგი გვერდის ტექსტი, სადაც ავტორი3 ბოლო შენიშვნას აკეთებს.",
  });
  auto scan = notes_of(d);
  REQUIRE(scan.footnotes.size() == 3);
  CHECK(scan.footnotes[2].label == "3");
  CHECK(scan.footnotes[2].marker_bytes.begin == offset_after(d, "ავტორი"));
  CHECK_FALSE(has_body(scan.footnotes[2]));
}

TEST_CASE("a link alone on a line continues a body that did not end") {
  Document d = doc_of({
      "ტექსტი1 და ტექსტი2 დასასრული.",
      "",
      "1 Light, Felix. 2023. \"Armenia.\" Caucasus Survey 7,",
      "https://doi.org/10.1080/23761199.2023.1",
      "2 Moreau, Claire. 2022. Title Two.",
  });
  auto scan = notes_of(d);
  REQUIRE(scan.footnotes.size() == 2);
  CHECK(scan.footnotes[0].text ==
        "Light, Felix. 2023. \"Armenia.\" Caucasus Survey 7,\nhttps://doi.org/10.1080/23761199.2023.1");
}

TEST_CASE("a link line after a finished body is a PDF link annotation, not part of the body") {
  Document d = doc_of({
      "ტექსტი1 და ტექსტი2 დასასრული.",
      "",
      "1 Light, Felix. 2023. Title One.",
      "2 Moreau, Claire. 2022. Title Two.",
      "https://www.example.org/annotation",
  });
  auto scan = notes_of(d);
  REQUIRE(scan.footnotes.size() == 2);
  CHECK(scan.footnotes[1].text == "Moreau, Claire. 2022. Title Two.");
}

// --- What the caller rules out ------------------------------------------------------------------------

TEST_CASE("a marker inside a skip range (a citation, a link) is not taken") {
  Document d = doc_of({
      "ტექსტი1 და ტექსტი2 დასასრული.",
      "",
      "1 ბახტაძე, მიხეილ. 2005. ისტორია.",
      "2 მამულია, გურამ. 2010. ომი.",
  });
  std::size_t m1 = offset_after(d, "ტექსტი");
  auto scan = notes_of(d, {{m1, m1 + 1}});
  REQUIRE(scan.footnotes.size() == 2);
  CHECK_FALSE(has_marker(scan.footnotes[0]));
  CHECK(has_body(scan.footnotes[0]));
  CHECK(has_marker(scan.footnotes[1]));
}

TEST_CASE("excluded lines (the reference list) hold no bodies") {
  Document d = doc_of({
      "ტექსტი1 და ტექსტი2 დასასრული.",
      "ლიტერატურა",
      "1 ბახტაძე, მიხეილ. 2005. ისტორია.",
      "2 მამულია, გურამ. 2010. ომი.",
  });
  std::vector<bool> excluded{false, true, true, true};
  auto scan = notes_of(d, {}, excluded);
  CHECK(scan.footnotes.empty());
}

TEST_CASE("a text without notes has no footnotes") {
  Document d = doc_of({
      "2016 წლის 4-დღიანი ომის მე-3 დღეს G20 ქვეყნებმა CO2 ემისიებზე ისაუბრეს.",
      "1988-1994 წლები.",
  });
  CHECK(notes_of(d).footnotes.empty());
}

// --- Numbering per page, endnotes, the author's note -------------------------------------------

// Many Arabic journals number the footnotes of every page from 1: the chain starts again when
// a body numbered 1 comes before the next number's.
TEST_CASE("footnote numbering that restarts on every page is followed page by page") {
  Document d = doc_of({
      "يرى الباحث أن الاتفاق فشل(1) وأن الوساطة لم تنجح(2) في ذلك.",
      "____________",
      "(1) محمد علي، السياسة الدولية، بغداد، 2010، ص 45.",
      "(2) المصدر نفسه، ص 50.",
      "12",
      "وفي الصفحة التالية يعود الترقيم(1) من جديد.",
      "____________",
      "(1) حسن الجنابي، العراق والمياه، 2016، ص 12.",
      "13",
  });
  auto scan = notes_of(d);
  REQUIRE(scan.footnotes.size() == 3);
  CHECK(d.line_of(scan.footnotes[2].marker_bytes.begin) == 6);
  CHECK(d.line_of(scan.footnotes[2].body_bytes.begin) == 8);
  CHECK(scan.gaps.empty());
}

// Endnotes under "الهوامش": a numbered outline in the introduction must not take their labels.
TEST_CASE("endnotes under a notes heading win over a numbered list of the text") {
  Document d = doc_of({
      "نصت الاتفاقية على مبدأين(1) واعتمدتها الدول(2) لاحقاً.",
      "1- ما الصلاحيات؟",
      "2- كيف تجري المحاسبة؟",
      "وتابعت الدراسة البحث(3) في الأرشيف.",
      "الهوامش",
      "1- صاحب الربيعي، المياه في الشرق الأوسط، دمشق، 2007، ص 45.",
      "2- المصدر نفسه، ص 52.",
      "3- وزارة الموارد المائية، التقرير السنوي، بغداد، 2021، ص 9.",
  });
  auto scan = notes_of(d);
  REQUIRE(scan.footnotes.size() == 3);
  CHECK(d.line_of(scan.footnotes[0].body_bytes.begin) == 6);
  CHECK(d.line_of(scan.footnotes[1].body_bytes.begin) == 7);
}

TEST_CASE("the author's * note on the byline pairs with the * line at the page's foot") {
  Document d = doc_of({
      "თამარ ლომსაძე*",
      "",
      "სტატია განიხილავს ადმინისტრაციულ დისკრეციას.",
      "__________________",
      "* თბილისის სახელმწიფო უნივერსიტეტის დოქტორანტი.",
  });
  auto scan = notes_of(d);
  REQUIRE(scan.footnotes.size() == 1);
  CHECK(scan.footnotes[0].label == "*");
  CHECK(d.line_of(scan.footnotes[0].body_bytes.begin) == 5);
}

TEST_CASE("a unit's power is no marker: km2, m2, كم٢") {
  Document d = doc_of({
      "The hall (240 m2) and the basin (4800 km2) were measured. Area كم٢ only.",
      "2 This line looks like a body.",
  });
  CHECK(notes_of(d).footnotes.empty());
}

// --- Raised right-to-left markers that an extraction put on a line of their own ----------------

namespace {

// An Arabic page as pdftotext writes it: each raised note number on its own line, followed by
// a blank line, before the line it ends; the notes at the foot; a page number before the break.
Document arabic_raised_markers_page(const std::string& around = "") {
  return doc_of({
      "تواجه أنظمة التعرف الآلي على الحروف صعوبات خاصة في الخط العربي" + around,
      "1",
      "",
      "منها اتصال الحروف وتغير أشكالها بحسب موقعها في الكلمة.",
      "وقد استخدمنا مجموعة بيانات من المخطوطات المحفوظة في المكتبة",
      "2",
      "",
      "الوطنية، وراجعها باحثان مستقلان.",
      "",
      "1 نقصد بالرقمنة هنا التصوير والوصف معا.",
      "2 انظر وصف المجموعة في الملحق.",
      "",
      "7",
      "",
      "\fالنتائج",
  });
}

}  // namespace

TEST_CASE("a right-to-left raised marker on a line of its own pairs with its note") {
  Document d = arabic_raised_markers_page();
  auto scan = notes_of(d);
  REQUIRE(scan.footnotes.size() == 2);
  for (const Footnote& f : scan.footnotes) {
    CHECK(has_marker(f));
    CHECK(has_body(f));
    CHECK(marker_text(d, f) == f.label);
  }
  CHECK(d.line_of(scan.footnotes[0].marker_bytes.begin) == 2);
  CHECK(d.line_of(scan.footnotes[1].marker_bytes.begin) == 6);
}

TEST_CASE("a lone number is no raised marker beside a page break or in left-to-right text") {
  // The page number 7 before the form feed stays a page number.
  Document d = arabic_raised_markers_page();
  for (const Footnote& f : notes_of(d).footnotes) CHECK(f.label != "7");
  // Left-to-right lines around a lone number: a list item or a table cell, not a raised mark.
  Document latin = doc_of({
      "The archive holds three collections of manuscripts",
      "1",
      "",
      "and the catalogue describes each of them in detail.",
      "",
      "1 On the catalogue see the appendix.",
  });
  auto scan = notes_of(latin);
  for (const Footnote& f : scan.footnotes) CHECK_FALSE(has_marker(f));
}
