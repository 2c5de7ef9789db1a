// Tests for parsers/reference_list.cpp: the reference list's heading (in many languages),
// its sub-sections, and where each entry begins and ends.
#include <catch2/catch.hpp>

#include <initializer_list>
#include <optional>
#include <string>

#include "helpers.hpp"
#include "parsers/page_furniture.hpp"
#include "parsers/reference_list.hpp"

using namespace citecheck;
using citecheck::test::doc_from;
using citecheck::test::doc_of;

namespace {

ReferenceListLayout list_of(const Document& d) { return find_reference_list(d, detect_page_furniture(d)); }

struct Label {
  std::optional<std::string> printed;
  int value = 0;
  std::size_t text_begin = 0;
};

Label label_of(std::string_view line) {
  Label l;
  l.printed = entry_label(line, l.value, l.text_begin);
  return l;
}

}  // namespace

// --- Headings in many languages ----------------------------------------------------------------

TEST_CASE("English headings: References, Bibliography, Works Cited, numbered 7. Bibliography") {
  CHECK(is_reference_heading("References"));
  CHECK(is_reference_heading("REFERENCES"));
  CHECK(is_reference_heading("Bibliography"));
  CHECK(is_reference_heading("Works Cited"));
  CHECK(is_reference_heading("7. Bibliography"));
  CHECK(is_reference_heading("IV. References"));
  CHECK(is_reference_heading("List of references"));
  CHECK(is_reference_heading("  References  "));
}

TEST_CASE("Arabic headings with letter variants and sub-section numbering") {
  CHECK(is_reference_heading("المصادر"));
  CHECK(is_reference_heading("قائمة المصادر"));
  CHECK(is_reference_heading("قائمة المراجع"));
  CHECK(is_reference_heading("المصادر والمراجع"));
  CHECK(is_reference_heading("أولاً: المصادر العربية"));
  CHECK(is_reference_heading("ثانياً: المصادر الاجنبية"));
  CHECK(is_reference_heading("ثانياً: المراجع الأجنبية"));  // أ in الأجنبية folds to ا
  CHECK(is_reference_heading("قائمة المصـادر"));            // tatweel
}

TEST_CASE("Persian headings: منابع, فهرست منابع, کتابنامه") {
  CHECK(is_reference_heading("منابع"));
  CHECK(is_reference_heading("فهرست منابع"));
  CHECK(is_reference_heading("کتابنامه"));
  CHECK(is_reference_heading("منابع فارسی"));
}

TEST_CASE("Cyrillic headings: Список литературы:, Литература, Источники и литература") {
  CHECK(is_reference_heading("Список литературы:"));
  CHECK(is_reference_heading("СПИСОК ЛИТЕРАТУРЫ"));
  CHECK(is_reference_heading("Литература"));
  CHECK(is_reference_heading("Источники и литература"));
  CHECK(is_reference_heading("Список використаних джерел"));
}

TEST_CASE("inflected Cyrillic headings: Список использованных источников") {
  // Regression: the standard GOST heading is not recognised: "источников" (genitive plural) is no
  // heading word, and "список источников" does not match with "использованных" between.
  CHECK(is_reference_heading("Список использованных источников"));
  CHECK(is_reference_heading("Список использованной литературы"));
}

TEST_CASE("Georgian, Armenian, Greek and Hebrew headings") {
  CHECK(is_reference_heading("ლიტერატურა"));
  CHECK(is_reference_heading("გამოყენებული ლიტერატურა"));
  CHECK(is_reference_heading("Գրականություն"));
  CHECK(is_reference_heading("Օգտագործված գրականություն"));
  CHECK(is_reference_heading("Βιβλιογραφία"));
  CHECK(is_reference_heading("ΒΙΒΛΙΟΓΡΑΦΙΑ"));
  CHECK(is_reference_heading("ביבליוגרפיה"));
  CHECK(is_reference_heading("רשימת מקורות"));
}

TEST_CASE("Turkish headings: Kaynakça, KAYNAKÇA, Kaynaklar") {
  CHECK(is_reference_heading("Kaynakça"));
  CHECK(is_reference_heading("KAYNAKÇA"));
  CHECK(is_reference_heading("Kaynaklar"));
}

TEST_CASE("CJK and Korean headings: 参考文献, 參考文獻, 引用文献, 참고문헌") {
  CHECK(is_reference_heading("参考文献"));
  CHECK(is_reference_heading("參考文獻"));
  CHECK(is_reference_heading("引用文献"));
  CHECK(is_reference_heading("참고문헌"));
}

TEST_CASE("prose, a contents line and a section title are no reference headings") {
  CHECK_FALSE(is_reference_heading("References to the war are rare in these sources."));
  CHECK_FALSE(is_reference_heading("Literature review"));
  CHECK_FALSE(is_reference_heading("References 45"));  // a table of contents line
  CHECK_FALSE(is_reference_heading("المصادر التي اعتمدها الباحث كثيرة ومتنوعة،"));
  CHECK_FALSE(is_reference_heading("Литература о войне 2020 года"));
  CHECK_FALSE(is_reference_heading(""));
  CHECK_FALSE(is_reference_heading("https://example.org/references"));
}

// --- Entry labels in any digit system ---------------------------------------------------------------

TEST_CASE("entry labels: 1. and [12] and (3) and 4)") {
  auto a = label_of("1. Light, Felix. 2023.");
  REQUIRE(a.printed);
  CHECK(*a.printed == "1");
  CHECK(a.value == 1);
  CHECK(a.text_begin == 3);

  auto b = label_of("[12] Wang Ming. 2019.");
  REQUIRE(b.printed);
  CHECK(*b.printed == "12");
  CHECK(b.value == 12);
  CHECK(b.text_begin == 5);

  auto c = label_of("(3) Güler, Ayşe. 2020.");
  REQUIRE(c.printed);
  CHECK(c.value == 3);

  auto d = label_of("4) Иванов И. И. 2019.");
  REQUIRE(d.printed);
  CHECK(d.value == 4);
}

TEST_CASE("entry labels in Arabic-Indic and Persian digits keep their printed digits") {
  auto a = label_of("١. العبيدي، سامر ٢٠١٩ .");
  REQUIRE(a.printed);
  CHECK(*a.printed == "١");
  CHECK(a.value == 1);
  CHECK(a.text_begin == 4);  // "١" is two bytes, then ". "

  auto b = label_of("۱۲. رضایی، علی. ۱۳۹۸.");
  REQUIRE(b.printed);
  CHECK(*b.printed == "۱۲");
  CHECK(b.value == 12);

  auto c = label_of("٣- الشمري، علي ٢٠٢٢ .");
  REQUIRE(c.printed);
  CHECK(c.value == 3);
}

TEST_CASE("an entry label between dashes: - 2 -") {
  auto a = label_of("- 2 - Markedonov, Sergey. 2020.");
  REQUIRE(a.printed);
  CHECK(*a.printed == "2");
  CHECK(a.value == 2);
  CHECK(std::string_view("- 2 - Markedonov, Sergey. 2020.").substr(a.text_begin, 10) == "Markedonov");
}

TEST_CASE("years, ranges and decimals at a line start are no entry labels") {
  CHECK_FALSE(label_of("2020-2021 წლების მოვლენები").printed);
  CHECK_FALSE(label_of("1.5 million refugees").printed);
  CHECK_FALSE(label_of("2016 წლის 4-დღიანი ომი").printed);
  CHECK_FALSE(label_of("1988-1994 წლები").printed);
  CHECK_FALSE(label_of("45-60.").printed);
  CHECK_FALSE(label_of("- 2023 . https://www.crisisgroup.org/report").printed);
  CHECK_FALSE(label_of("12.").printed);  // a label with no entry after it
  CHECK_FALSE(label_of("Light, Felix. 2023.").printed);
}

// --- Finding the list ------------------------------------------------------------------------------

TEST_CASE("a numbered English list: heading, entries, labels and text without labels") {
  Document d = doc_of({
      "Introduction",
      "Some text (Light 2023).",
      "",
      "References",
      "1. Light, Felix. 2023. \"Title One.\" Journal A 5: 1-10.",
      "2. Markedonov, Sergey. 2020. \"Title Two.\" Russia in Global Affairs 18 (4): 7-20.",
      "3. Güler, Ayşe. 2020. Türkiye ve Kafkasya. Ankara: Nobel.",
  });
  auto list = list_of(d);
  CHECK(list.info.present);
  CHECK(list.info.heading == "References");
  CHECK(list.info.heading_line == 4);
  CHECK(list.first_line == 4);
  CHECK(list.last_line == 7);
  CHECK(list.numbered);
  REQUIRE(list.entries.size() == 3);
  CHECK(list.entries[0].label == "1");
  CHECK(list.entries[0].first_line == 5);
  CHECK(list.entries[0].last_line == 5);
  CHECK(list.entries[0].text == "Light, Felix. 2023. \"Title One.\" Journal A 5: 1-10.");
  CHECK(list.entries[2].label == "3");
  CHECK(list.entries[2].text == "Güler, Ayşe. 2020. Türkiye ve Kafkasya. Ankara: Nobel.");
  CHECK(list.entries[0].section.empty());
}

TEST_CASE("an entry's byte range runs from its label to the end of its last line") {
  Document d = doc_of({"References", "1. Light, Felix. 2023. Title.", "2. Moreau, Claire. 2022. Title."});
  auto list = list_of(d);
  REQUIRE(list.entries.size() == 2);
  std::string_view t(d.text);
  CHECK(t.substr(list.entries[1].bytes.begin, list.entries[1].bytes.end - list.entries[1].bytes.begin) ==
        "2. Moreau, Claire. 2022. Title.");
}

TEST_CASE("a document without a reference heading has no list") {
  Document d = doc_of({"Introduction", "შემდგომ, 2016 წლის 4-დღიანი ომი.", "Conclusion"});
  auto list = list_of(d);
  CHECK_FALSE(list.info.present);
  CHECK(list.first_line == 0);
  CHECK(list.entries.empty());
  CHECK_FALSE(list.contains(2));
}

TEST_CASE("Arabic list with sub-sections أولاً: المصادر العربية / ثانياً: المصادر الاجنبية") {
  Document d = doc_of({
      "نص المقدمة (العبيدي ٢٠١٩، ٤٥).",                                                            // 1
      "",                                                                                                 // 2
      "المصادر",                                                                                          // 3
      "",                                                                                                 // 4
      "أولاً: المصادر العربية",                                                                           // 5
      "",                                                                                                 // 6
      "١. العبيدي، سامر ٢٠١٩ . \"الممرات الاقتصادية\". مجلة الدراسات الدولية .",                          // 7
      "٢. الشمري، علي و حسن، مها ٢٠٢٢ . \"تركيا وجنوب القوقاز\". مركز البحوث .",                          // 8
      "",                                                                                                 // 9
      "ثانياً: المصادر الاجنبية",                                                                         // 10
      "",                                                                                                 // 11
      "1. Al-Obaidi, Samer. 2019. \"Economic Corridors.\" Journal of International Studies.",           // 12
      "2. Al-Shammari, Ali, and Maha Hassan. 2022. \"Turkey and the South Caucasus.\" CSR.",            // 13
  });
  auto list = list_of(d);
  REQUIRE(list.info.present);
  CHECK(list.info.heading == "المصادر");
  CHECK(list.info.heading_line == 3);
  REQUIRE(list.info.sections.size() == 2);
  CHECK(list.info.sections[0].heading == "أولاً: المصادر العربية");
  CHECK(list.info.sections[0].line == 5);
  CHECK(list.info.sections[1].heading == "ثانياً: المصادر الاجنبية");
  CHECK(list.info.sections[1].line == 10);
  CHECK(list.numbered);
  REQUIRE(list.entries.size() == 4);
  CHECK(list.entries[0].label == "١");
  CHECK(list.entries[0].section == "أولاً: المصادر العربية");
  CHECK(list.entries[1].label == "٢");
  CHECK(list.entries[1].text == "الشمري، علي و حسن، مها ٢٠٢٢ . \"تركيا وجنوب القوقاز\". مركز البحوث .");
  CHECK(list.entries[2].label == "1");
  CHECK(list.entries[2].section == "ثانياً: المصادر الاجنبية");
  CHECK(list.entries[3].first_line == 13);
}

TEST_CASE("Arabic sub-sections by kind of source (أولاً: الكتب / ثانياً: البحوث والمجلات)") {
  // Regression: sub-headings that name a kind of source and no heading word are not sections:
  // "أولاً: الكتب" becomes an unlabelled entry, entry ٢ swallows "ثانياً: البحوث والمجلات",
  // and no section is recorded (4 entries instead of 3).
  Document d = doc_of({
      "المصادر",
      "أولاً: الكتب",
      "١. العبيدي، سامر ٢٠١٩ . الممرات الاقتصادية . بغداد .",
      "٢. الشمري، علي ٢٠٢٢ . تركيا وجنوب القوقاز . بيروت .",
      "ثانياً: البحوث والمجلات",
      "١. حسن، مها ٢٠٢٠ . \"الموانئ\" . مجلة الدراسات الدولية .",
  });
  auto list = list_of(d);
  REQUIRE(list.entries.size() == 3);
  CHECK(list.entries[1].text == "الشمري، علي ٢٠٢٢ . تركيا وجنوب القوقاز . بيروت .");
  REQUIRE(list.info.sections.size() == 2);
  CHECK(list.info.sections[0].heading == "أولاً: الكتب");
  CHECK(list.info.sections[1].heading == "ثانياً: البحوث والمجلات");
  CHECK(list.entries[2].section == "ثانياً: البحوث والمجلات");
}

TEST_CASE("Persian list under منابع with Persian digits") {
  Document d = doc_of({
      "منابع",
      "۱. رضایی، علی. ۱۳۹۸. سیاست خارجی ایران. تهران: نشر نی.",
      "۲. کاظمی، حسین. ۲۰۱۹. قفقاز جنوبی. تهران: سمت.",
  });
  auto list = list_of(d);
  REQUIRE(list.info.present);
  CHECK(list.numbered);
  REQUIRE(list.entries.size() == 2);
  CHECK(list.entries[0].label == "۱");
  CHECK(list.entries[1].label == "۲");
  CHECK(list.entries[1].text == "کاظمی، حسین. ۲۰۱۹. قفقاز جنوبی. تهران: سمت.");
}

TEST_CASE("Russian list under Список литературы:") {
  Document d = doc_of({
      "Список литературы:",
      "1. Иванов И. И. Кавказ и Россия. М.: Наука, 2019. 320 с.",
      "2. Петров П. П. История Грузии. СПб., 2015.",
  });
  auto list = list_of(d);
  CHECK(list.info.heading == "Список литературы:");
  REQUIRE(list.entries.size() == 2);
  CHECK(list.entries[0].text == "Иванов И. И. Кавказ и Россия. М.: Наука, 2019. 320 с.");
}

TEST_CASE("Georgian list under გამოყენებული ლიტერატურა") {
  Document d = doc_of({
      "შესავალი ტექსტი.",
      "გამოყენებული ლიტერატურა",
      "1. რონდელი, ალექსანდრე. 2006. საქართველოს საგარეო პოლიტიკა. თბილისი.",
      "2. ბახტაძე, მიხეილ, და მამულია, გურამ. 2005. ისტორია. თბილისი.",
  });
  auto list = list_of(d);
  CHECK(list.info.heading_line == 2);
  REQUIRE(list.entries.size() == 2);
  CHECK(list.entries[1].label == "2");
}

TEST_CASE("Chinese list under 参考文献 with [n] labels") {
  Document d = doc_of({
      "参考文献",
      "[1] 王明. 南高加索地区研究[M]. 北京: 社会科学文献出版社, 2019.",
      "[2] 李华. 中亚能源政策[J]. 国际问题研究, 2020(3): 45-60.",
  });
  auto list = list_of(d);
  REQUIRE(list.info.present);
  CHECK(list.numbered);
  REQUIRE(list.entries.size() == 2);
  CHECK(list.entries[0].label == "1");
  CHECK(list.entries[1].text == "李华. 中亚能源政策[J]. 国际问题研究, 2020(3): 45-60.");
}

TEST_CASE("Turkish list under KAYNAKÇA, unnumbered, one entry per line") {
  Document d = doc_of({
      "KAYNAKÇA",
      "Aslanlı, Araz. 2021. Güney Kafkasya'da Güvenlik. Ankara: Nobel.",
      "Güler, Ayşe. 2020. Türkiye ve Kafkasya. İstanbul: Ötüken.",
  });
  auto list = list_of(d);
  REQUIRE(list.info.present);
  CHECK_FALSE(list.numbered);
  REQUIRE(list.entries.size() == 2);
  CHECK(list.entries[0].label.empty());
  CHECK(list.entries[1].text == "Güler, Ayşe. 2020. Türkiye ve Kafkasya. İstanbul: Ötüken.");
}

TEST_CASE("Armenian, Greek and Hebrew lists are found under their headings") {
  Document hy = doc_of({"Գրականություն", "1. Հովհաննիսյան, Արամ. 2010. Պատմություն. Երևան.",
                        "2. Պետրոսյան, Դավիթ. 2015. Ղարաբաղ. Երևան."});
  CHECK(list_of(hy).entries.size() == 2);
  Document el = doc_of({"Βιβλιογραφία", "1. Παπαδόπουλος, Γιώργος. 2015. Ο Καύκασος. Αθήνα.",
                        "2. Νικολάου, Μαρία. 2018. Ενέργεια. Αθήνα."});
  CHECK(list_of(el).entries.size() == 2);
  Document he = doc_of({"ביבליוגרפיה", "כהן, משה. 2018. הקווקז. ירושלים.", "לוי, דוד. 2020. אנרגיה. תל אביב."});
  auto list = list_of(he);
  REQUIRE(list.entries.size() == 2);
  CHECK(list.entries[0].text == "כהן, משה. 2018. הקווקז. ירושלים.");
}

// --- Entries over several lines ------------------------------------------------------------------------

TEST_CASE("a numbered entry continued over lines keeps its lines joined by newlines") {
  Document d = doc_of({
      "References",
      "1. Light, Felix. 2023. \"Title One.\" Journal of",
      "   Caucasus Studies 5: 1-10.",
      "2. Markedonov, Sergey. 2020. \"Title Two.\"",
      "Russia in Global Affairs 18 (4): 7-20.",
  });
  auto list = list_of(d);
  REQUIRE(list.entries.size() == 2);
  CHECK(list.entries[0].first_line == 2);
  CHECK(list.entries[0].last_line == 3);
  CHECK(list.entries[0].text == "Light, Felix. 2023. \"Title One.\" Journal of\nCaucasus Studies 5: 1-10.");
  CHECK(list.entries[1].text == "Markedonov, Sergey. 2020. \"Title Two.\"\nRussia in Global Affairs 18 (4): 7-20.");
}

TEST_CASE("a continuation line starting with a year does not open a new numbered entry") {
  // "2023. Report …" reads like a label "2023." but is out of the numbering's sequence.
  Document d = doc_of({
      "References",
      "1. Light, Felix. 2023. Title.",
      "2. Crisis Group.",
      "2023. The Nagorno-Karabakh Conflict: A Visual Explainer.",
      "3. Moreau, Claire. 2022. Title.",
  });
  auto list = list_of(d);
  REQUIRE(list.entries.size() == 3);
  CHECK(list.entries[1].text == "Crisis Group.\n2023. The Nagorno-Karabakh Conflict: A Visual Explainer.");
  CHECK(list.entries[2].label == "3");
}

TEST_CASE("a numbered entry continued after blank lines by a line starting - 2023 . https://") {
  Document d = doc_of({
      "References",                                                                       // 1
      "1. Light, Felix. 2023. \"Title One.\" Journal A 5: 1-10.",                          // 2
      "2. Crisis Group. Nagorno-Karabakh Conflict: A Visual",                              // 3
      "Explainer. Report, Brussels",                                                       // 4
      "",                                                                                  // 5
      "",                                                                                  // 6
      "- 2023 . https://www.crisisgroup.org/content/nagorno-karabakh-conflict-visual-explainer",  // 7
      "3. Markedonov, Sergey. 2020. \"Title Two.\" Russia in Global Affairs.",             // 8
  });
  auto list = list_of(d);
  REQUIRE(list.entries.size() == 3);
  CHECK(list.entries[1].first_line == 3);
  CHECK(list.entries[1].last_line == 7);
  CHECK(list.entries[1].text ==
        "Crisis Group. Nagorno-Karabakh Conflict: A Visual\nExplainer. Report, Brussels\n"
        "- 2023 . https://www.crisisgroup.org/content/nagorno-karabakh-conflict-visual-explainer");
  CHECK(list.entries[2].label == "3");
}

TEST_CASE("an unnumbered entry continued after a blank line by - 2023 . https://") {
  // Regression: in an unnumbered list "- " is read as a bullet, so the "- 2023 . https://…" tail of
  // the Crisis Group entry becomes an entry of its own (4 entries instead of 3).
  Document d = doc_of({
      "References",
      "Crisis Group. Nagorno-Karabakh Conflict: A Visual Explainer. Report, Brussels",
      "",
      "- 2023 . https://www.crisisgroup.org/content/nagorno-karabakh",
      "Light, Felix. 2023. \"Title One.\" Journal A 5: 1-10.",
      "Markedonov, Sergey. 2020. \"Title Two.\" Russia in Global Affairs.",
  });
  auto list = list_of(d);
  REQUIRE(list.entries.size() == 3);
  CHECK(list.entries[0].last_line == 4);
  CHECK(list.entries[1].text == "Light, Felix. 2023. \"Title One.\" Journal A 5: 1-10.");
}

TEST_CASE("stray lone - lines between numbered entries are not entries") {
  Document d = doc_of({
      "References",
      "1. Light, Felix. 2023. \"Title One.\" Journal A.",
      "-",
      "2. Markedonov, Sergey. 2020. \"Title Two.\" Russia in Global Affairs.",
      "-",
  });
  auto list = list_of(d);
  REQUIRE(list.entries.size() == 2);
  CHECK(list.entries[0].text == "Light, Felix. 2023. \"Title One.\" Journal A.");
  CHECK(list.entries[1].text == "Markedonov, Sergey. 2020. \"Title Two.\" Russia in Global Affairs.");
}

TEST_CASE("stray lone - lines in an unnumbered list are not entries") {
  Document d = doc_of({
      "Bibliography",
      "Light, Felix. 2023. \"Title One.\" Journal A.",
      "-",
      "Markedonov, Sergey. 2020. \"Title Two.\" Russia in Global Affairs.",
      "  -  ",
  });
  auto list = list_of(d);
  REQUIRE(list.entries.size() == 2);
  CHECK(list.entries[1].text == "Markedonov, Sergey. 2020. \"Title Two.\" Russia in Global Affairs.");
}

TEST_CASE("an entry continues over a page break with a page number") {
  Document d = doc_of({
      "References",
      "1. Light, Felix. 2023. \"Title One.\" Journal of",
      "- 12 -",
      "\fCaucasus Studies 5: 1-10.",
      "2. Markedonov, Sergey. 2020. \"Title Two.\" Russia in Global Affairs.",
  });
  auto list = list_of(d);
  REQUIRE(list.entries.size() == 2);
  CHECK(list.entries[0].last_line == 4);
  CHECK(list.entries[0].text == "Light, Felix. 2023. \"Title One.\" Journal of\nCaucasus Studies 5: 1-10.");
}

TEST_CASE("a hanging-indent list: indented lines continue the entry above") {
  Document d = doc_of({
      "Bibliography",
      "Light, Felix. 2023. \"Title One.\" Journal of Caucasus",
      "    Studies 5: 1-10.",
      "Markedonov, Sergey. 2020. \"The 2020 Karabakh War.\"",
      "    Russia in Global Affairs 18 (4): 7-20.",
  });
  auto list = list_of(d);
  CHECK_FALSE(list.numbered);
  REQUIRE(list.entries.size() == 2);
  CHECK(list.entries[0].text == "Light, Felix. 2023. \"Title One.\" Journal of Caucasus\nStudies 5: 1-10.");
  CHECK(list.entries[1].first_line == 4);
  CHECK(list.entries[1].last_line == 5);
}

TEST_CASE("an unnumbered line that ends mid-sentence is continued by the next line") {
  Document d = doc_of({
      "References",
      "Light, Felix. 2023. \"Title One.\" Journal of Caucasus",
      "Studies 5: 1-10.",
      "Moreau, Claire. 2022. \"Frozen Conflicts.\" European Security 31: 500-521.",
  });
  auto list = list_of(d);
  REQUIRE(list.entries.size() == 2);
  CHECK(list.entries[0].last_line == 3);
}

TEST_CASE("an unnumbered entry continues on a line that starts with its URL") {
  Document d = doc_of({
      "References",
      "Kucera, Joshua. 2020. \"Karabakh Ceasefire.\" Eurasianet.",
      "https://eurasianet.org/karabakh-ceasefire",
      "Moreau, Claire. 2022. \"Frozen Conflicts.\" European Security 31: 500-521.",
  });
  auto list = list_of(d);
  REQUIRE(list.entries.size() == 2);
  CHECK(list.entries[0].text ==
        "Kucera, Joshua. 2020. \"Karabakh Ceasefire.\" Eurasianet.\nhttps://eurasianet.org/karabakh-ceasefire");
}

TEST_CASE("a blank-line separated list: each paragraph is one entry") {
  Document d = doc_of({
      "References",
      "",
      "Light, Felix. 2023. \"Title One.\" Journal of Caucasus.",
      "Studies 5: 1-10",
      "",
      "Markedonov, Sergey. 2020. \"Title Two.\" Russia in.",
      "Global Affairs 18 (4): 7-20",
  });
  auto list = list_of(d);
  REQUIRE(list.entries.size() == 2);
  CHECK(list.entries[0].text == "Light, Felix. 2023. \"Title One.\" Journal of Caucasus.\nStudies 5: 1-10");
  CHECK(list.entries[1].first_line == 6);
}

TEST_CASE("a bulleted list: each bullet opens an entry, without the bullet") {
  Document d = doc_of({
      "Sources",
      "• Light, Felix. 2023. \"Title One.\" Journal A",
      "• Markedonov, Sergey. 2020. \"Title Two.\" Russia in Global Affairs",
  });
  auto list = list_of(d);
  REQUIRE(list.entries.size() == 2);
  CHECK(list.entries[0].text == "Light, Felix. 2023. \"Title One.\" Journal A");
}

TEST_CASE("entries labelled between dashes (- 1 -, - 2 -) make a numbered list") {
  Document d = doc_of({
      "References",
      "- 1 - Light, Felix. 2023. Title One.",
      "- 2 - Markedonov, Sergey. 2020. Title Two.",
  });
  auto list = list_of(d);
  CHECK(list.numbered);
  REQUIRE(list.entries.size() == 2);
  CHECK(list.entries[1].label == "2");
  CHECK(list.entries[1].text == "Markedonov, Sergey. 2020. Title Two.");
}

TEST_CASE("Persian sub-sections enumerated with letters: الف) منابع فارسی / ب) منابع انگلیسی") {
  CHECK(is_reference_heading("الف) منابع فارسی"));
  CHECK(is_reference_heading("ب) منابع انگلیسی"));
  Document d = doc_of({
      "منابع",
      "الف) منابع فارسی",
      "۱. رضایی، علی. ۱۳۹۸. سیاست خارجی ایران. تهران: نشر نی.",
      "۲. کاظمی، حسین. ۱۳۹۹. قفقاز جنوبی. تهران: سمت.",
      "ب) منابع انگلیسی",
      "1. Light, Felix. 2023. Title One. London.",
      "2. Moreau, Claire. 2022. Title Two. Paris.",
  });
  auto list = list_of(d);
  REQUIRE(list.info.sections.size() == 2);
  CHECK(list.info.sections[0].heading == "الف) منابع فارسی");
  CHECK(list.info.sections[1].heading == "ب) منابع انگلیسی");
  REQUIRE(list.entries.size() == 4);
  CHECK(list.entries[1].text == "کاظمی، حسین. ۱۳۹۹. قفقاز جنوبی. تهران: سمت.");
  CHECK(list.entries[2].section == "ب) منابع انگلیسی");
}

TEST_CASE("an entry whose last line is the wrapped tail of its URL ends there") {
  // "ceasefire-2020" ends with no full stop; knowing it is the end of a link tells the parser
  // that the next line opens a new entry.
  Document d = doc_of({
      "References",
      "Kucera, Joshua. 2020. \"Karabakh.\" Eurasianet. https://eurasianet.org/karabakh-",
      "ceasefire-2020",
      "Light, Felix. 2023. \"Title One.\" Journal A 5: 1-10.",
  });
  std::size_t url_begin = d.text.find("https://");
  std::size_t url_end = d.text.find("ceasefire-2020") + std::string("ceasefire-2020").size();
  std::vector<ByteRange> links{{url_begin, url_end}};
  auto list = find_reference_list(d, detect_page_furniture(d), links);
  REQUIRE(list.entries.size() == 2);
  CHECK(list.entries[0].last_line == 3);
  CHECK(list.entries[1].text == "Light, Felix. 2023. \"Title One.\" Journal A 5: 1-10.");
}

// --- Where the list starts and ends -----------------------------------------------------------------------

TEST_CASE("back matter after the list ends it") {
  Document d = doc_of({
      "References",
      "1. Light, Felix. 2023. Title One.",
      "2. Markedonov, Sergey. 2020. Title Two.",
      "Appendix",
      "Table A1. Crossings in 2020.",
  });
  auto list = list_of(d);
  CHECK(list.last_line == 3);
  CHECK(list.entries.size() == 2);
  CHECK_FALSE(list.contains(5));
}

TEST_CASE("Arabic back matter (الملاحق) ends an Arabic list") {
  Document d = doc_of({
      "قائمة المراجع",
      "١. العبيدي، سامر ٢٠١٩ . الممرات الاقتصادية . بغداد .",
      "٢. الشمري، علي ٢٠٢٢ . تركيا وجنوب القوقاز . بيروت .",
      "الملاحق",
      "جدول ١ : المعابر الحدودية ٢٠٢٠",
  });
  auto list = list_of(d);
  CHECK(list.last_line == 3);
  CHECK(list.entries.size() == 2);
}

TEST_CASE("a contents line 'References 45' is not taken for the heading") {
  Document d = doc_of({
      "Contents",
      "Introduction 1",
      "References 45",
      "Introduction",
      "The war of 2020 changed the region.",
      "References",
      "1. Light, Felix. 2023. Title One.",
      "2. Markedonov, Sergey. 2020. Title Two.",
  });
  auto list = list_of(d);
  CHECK(list.info.heading_line == 6);
  CHECK(list.entries.size() == 2);
}

TEST_CASE("a heading word over prose earlier in the text does not start the list") {
  Document d = doc_of({
      "Sources",
      "This article draws on interviews conducted in Tbilisi and Baku",
      "with officials who asked not to be named, and on press reports.",
      "Bibliography",
      "Light, Felix. 2023. \"Title One.\" Journal A 5: 1-10.",
      "Markedonov, Sergey. 2020. \"Title Two.\" Russia in Global Affairs.",
  });
  auto list = list_of(d);
  CHECK(list.info.heading == "Bibliography");
  CHECK(list.info.heading_line == 4);
  CHECK(list.entries.size() == 2);
}

TEST_CASE("contains() tells the lines of the list") {
  Document d = doc_of({"text", "References", "1. Light, Felix. 2023. Title.", "2. Moreau, Claire. 2022. Title."});
  auto list = list_of(d);
  CHECK_FALSE(list.contains(1));
  CHECK(list.contains(2));
  CHECK(list.contains(4));
}

TEST_CASE("an unnumbered list's page ends in the page's footnotes when the rule was drawn, not printed") {
  // LibreOffice and Word draw the footnote rule: the extraction shows a blank line, then the note.
  auto doc = doc_from(
      "Text that cites (Beridze 2006) and ends with a note.4\n\nReferences\n"
      "Beridze, Nino. 2006. A history of the manuscript book. Tbilisi.\n"
      "Smith, John. 2019. Handwritten text recognition. Cambridge.\n\n"
      "4 The model and its training data are published under an open licence;\n"
      "version 1.2 was prepared in December 2023.\n");
  auto list = find_reference_list(doc, detect_page_furniture(doc));
  REQUIRE(list.entries.size() == 2);
  CHECK(list.entries[1].last_line == 5);
  REQUIRE(list.footnote_blocks.size() == 1);
  CHECK(list.footnote_blocks[0] == std::pair<int, int>{7, 8});
}

TEST_CASE("entries that open with digits are no footnote block") {
  auto doc = doc_from(
      "Intro (Nodia 2006).\n\nReferences\nNodia, Ghia. 2006. Georgian politics. Tbilisi.\n\n"
      "3M Company. 2019. Annual report. St Paul.\n\n2019. Statistics yearbook. Tbilisi.\n\n"
      "12345 Smith, J. 2020. A title. Place.\n");
  auto list = find_reference_list(doc, detect_page_furniture(doc));
  CHECK_FALSE(list.entries.empty());
  CHECK(list.footnote_blocks.empty());
}

// --- Entry boundaries in lists as a PDF extraction prints them ---------------------------------

namespace {
std::vector<std::string> first_lines(const ReferenceListLayout& l) {
  std::vector<std::string> out;
  for (const auto& e : l.entries) out.push_back(e.text.substr(0, e.text.find('\n')));
  return out;
}
}  // namespace

TEST_CASE("a numbered list whose first labels the extraction lost: the unlabelled entries are split and labels alone on a line open theirs") {
  auto l = list_of(doc_of({"References",
                           "Yu. G. GOLOLOBOV, I. N. ZHMUROVA et L. F. KASUKHIN.",
                           "Tetrahedron, 37, 437 (1981).",
                           "S. C. K. WONG et A. W. JOHNSON. J. Org. Chem. 37, 1850",
                           "(1972).",
                           "E. ZBIRAL et E. BAUER. Phosphorus, 2, 35 (1972).",
                           "4.",
                           "T. AUBERT, M. FARNIER, B. HANQUET et R. GUILARD. Synth.",
                           "Commun. 17, 1831 (1987).",
                           "5. E. ZBIRAL, E. BAUER et J. STROH. Monatsh. Chem. 102, 168",
                           "(1971).",
                           "6.",
                           "F. BENACHENHOU, M. A. MESLI, M. EL BORAI, B. HANQUET et",
                           "R. GUILARD. J. Heterocycl. Chem. 25, 1531 (1988).",
                           "7. G. A. SWAN. J. Chem. Soc. 2038 (1958).",
                           "8. G. R. CLEMO et S. P. POPLI. J. Chem. Soc. 1406 (1951).",
                           "9. F. R. CROWNE et J. G. BRECKENRIDGE. Can. J. Chem. 32, 641",
                           "(1954).",
                           "10. R. APPEL et P. VOLZ. Chem. Ber. 108, 623 (1975)."}));
  REQUIRE(l.entries.size() == 10);
  CHECK(first_lines(l)[1] == "S. C. K. WONG et A. W. JOHNSON. J. Org. Chem. 37, 1850");
  CHECK(l.entries[3].label == "4");
  CHECK(l.entries[3].text.rfind("T. AUBERT", 0) == 0);
  CHECK(l.entries[5].label == "6");
  CHECK(l.entries[5].last_line == 14);
}

TEST_CASE("name-and-initials lists: a journal with its volume opens no entry, two authors or a lower-case particle do") {
  auto l = list_of(doc_of({"References",
                           "Meyer H (1957) The ninhydrin reaction and its analytical applications.",
                           "Biochem J 67:333-340. CrossRef Medline",
                           "Treit D, Aujla H, Menard J (1998) Does the bed nucleus of the stria terminalis",
                           "mediate fear behaviors? Behav Neurosci 112:379-386. CrossRef Medline",
                           "van Leeuwen FW, Caffe AR, De Vries GJ (1985) Vasopressin cells in the bed",
                           "nucleus of the stria terminalis of the rat: sex differences and the influence",
                           "of androgens. Brain Res 325:391-394. CrossRef Medline",
                           "Wersinger SR, Caldwell HK, Martinez L, Gold P, Hu S-B, Young WS 3rd",
                           "(2007) Vasopressin 1a receptor knockout mice have a subtle olfactory deficit",
                           "but normal aggression. Genes Brain Behav 6:540-551. CrossRef Medline"}));
  CHECK(first_lines(l) == std::vector<std::string>{
                              "Meyer H (1957) The ninhydrin reaction and its analytical applications.",
                              "Treit D, Aujla H, Menard J (1998) Does the bed nucleus of the stria terminalis",
                              "van Leeuwen FW, Caffe AR, De Vries GJ (1985) Vasopressin cells in the bed",
                              "Wersinger SR, Caldwell HK, Martinez L, Gold P, Hu S-B, Young WS 3rd"});
}

TEST_CASE("labels printed alone on their lines, bracketed or bare, open entries though they look like folios") {
  auto bracketed = list_of(doc_of({"References",
                                   "[1]",
                                   "Segal BH. Aspergillosis[J]. N Engl J Med, 2009,360(18):1870-1884.",
                                   "[2]",
                                   "Ben-Ami R, Lewis RE, Kontoyiannis DP. Enemy of the (immunosuppressed) state: an update on the",
                                   "pathogenesis of Aspergillus fumigatus infection[J]. Br J Haematol, 2010,150(4):406-417.",
                                   "[3]",
                                   "Balajee SA, Marr KA. Phenotypic and genotypic identification of human pathogenic aspergilli[J].",
                                   "Future Microbiol, 2006,1(4):435-445.",
                                   "[4]",
                                   "Meyer KC. Bronchoalveolar lavage as a diagnostic tool[J]. Semin Respir Crit Care Med, 2007,",
                                   "28(5):546-560.",
                                   "[5] Segal BH, Walsh TJ. Current approaches to diagnosis and treatment of invasive aspergillosis[J].",
                                   "Am J Respir Crit Care Med, 2006,173(7):707-717."}));
  REQUIRE(bracketed.entries.size() == 5);
  CHECK(bracketed.entries[0].label == "1");
  CHECK(bracketed.entries[0].first_line == 2);
  CHECK(bracketed.entries[0].text.rfind("Segal BH.", 0) == 0);
  CHECK(bracketed.entries[1].first_line == 4);
  CHECK(bracketed.entries[1].last_line == 6);
  CHECK(bracketed.entries[3].label == "4");
  CHECK(bracketed.entries[4].label == "5");

  auto bare = list_of(doc_of({"Библиография",
                              "1",
                              "Иванов И. И. История русской литературы. М.: Наука, 1998. 320 с.",
                              "2",
                              "Петров П. П. Очерки по истории языка // Вопросы языкознания. 2001. № 3.",
                              "С. 12–30.",
                              "3",
                              "Сидоров С. С. Словарь. СПб.: Азбука, 2005."}));
  REQUIRE(bare.entries.size() == 3);
  CHECK(bare.entries[1].first_line == 4);
  CHECK(bare.entries[1].last_line == 6);
}

TEST_CASE("a dash opening one wrapped line is the entry's separator, dashes on many lines are bullets") {
  Document d = doc_of({
      "Referências",
      "Almeida, B.C. & Pires, J.S. 2001. Florística de um trecho de mata ciliar no vale do",
      "   Paraíba do Sul. Revista Brasileira de Botânica 24(2): 121-130.",
      "Moura, A.A. & Lima, J.P.O. 1998. A reserva florestal e sua aplicação no Estado do Rio:",
      "   apresentação Souza, M.; prefácio Nunes, F. J.",
      "   - Rio de Janeiro: Editora Terra, Secretaria do Ambiente do Estado do Rio.",
      "Teixeira, R.R. & Campos, G.J. 1992. Análise da vegetação num gradiente altitudinal.",
      "   Acta Botanica 6: 1-20.",
  });
  auto list = list_of(d);
  REQUIRE(list.entries.size() == 3);
  CHECK(list.entries[1].last_line == 6);
  Document bullets = doc_of({
      "Sources",
      "- Light, Felix. 2023. \"Title One.\" Journal A",
      "- Markedonov, Sergey. 2020. \"Title Two.\" Russia in Global Affairs",
      "- Nodia, Ghia. 2006. \"Title Three.\" Tbilisi: CIPDD",
  });
  CHECK(list_of(bullets).entries.size() == 3);
}
