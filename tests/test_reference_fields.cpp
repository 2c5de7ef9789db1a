// Tests for parsers/reference_fields.cpp: one entry (or footnote body) split into authors,
// year, title, container, pages, DOI, URLs, access date and ISBN — in any script.
#include <catch2/catch.hpp>

#include <initializer_list>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "helpers.hpp"
#include "parsers/reference_fields.hpp"

using namespace citecheck;

namespace {

bool is_person(const Person& p, const std::string& family, const std::string& given) {
  return !p.organisation && p.family == family && p.given == given;
}

}  // namespace

// --- Authors: "Family, Given" -------------------------------------------------------------------

TEST_CASE("author-date entry: Family, Given. Year. Title in quotes. Journal") {
  Work w = parse_work("Light, Felix. 2023. \"Armenia after the War.\" Caucasus Survey 11 (2): 101-120.");
  REQUIRE(w.authors.size() == 1);
  CHECK(is_person(w.authors[0], "Light", "Felix"));
  REQUIRE(w.year);
  CHECK(*w.year == "2023");
  REQUIRE(w.title);
  CHECK(*w.title == "Armenia after the War");
  REQUIRE(w.pages);
  CHECK(*w.pages == "101-120");
}

TEST_CASE("Chicago's last author given-first after and: Hansen L. P. and T. J. Sargent") {
  for (const char* entry : {"Hansen, L. P., and T. J. Sargent. 2005. Robustness and Monetary Policy. New York: Mimeo.",
                            "Vilenkin, N., and A. Klimyk. 1995. Representation of Lie Groups. Springer.",
                            "Վիլենկին, Ն., և Ա. Կլիմյկ. 1995. Լիի խմբերի ներկայացումներ. Երևան.",
                            "Иванов, И., и П. С. Петров. 2001. Полимеры. Москва: Наука."}) {
    CAPTURE(entry);
    Work w = parse_work(entry);
    REQUIRE(w.authors.size() == 2);
    CHECK(w.authors[1].family.size() > 4);
    CHECK(w.authors[1].given.find('.') != std::string::npos);
    Work r = parse_work_rules(entry, {});
    REQUIRE(r.authors.size() == 2);
    CHECK(r.authors[1].family == w.authors[1].family);
  }
}

TEST_CASE("two authors, the second given-first: Farhan, Karar, and Iman Hadi") {
  Work w = parse_work("Farhan, Karar, and Iman Hadi. 2022. \"Water Policy in Iraq.\" Journal of Politics 12: 340-360.");
  REQUIRE(w.authors.size() == 2);
  CHECK(is_person(w.authors[0], "Farhan", "Karar"));
  CHECK(is_person(w.authors[1], "Hadi", "Iman"));
  CHECK(w.year.value_or("<none>") == "2022");
}

TEST_CASE("three authors: Sultanova, Leyla, Peter Brandt, and Omar Nasser") {
  Work w = parse_work(
      "Sultanova, Leyla, Peter Brandt, and Omar Nasser. 2020. \"Ports of the Caspian Sea.\" Maritime Studies 19 (2): 201-219.");
  REQUIRE(w.authors.size() == 3);
  CHECK(is_person(w.authors[0], "Sultanova", "Leyla"));
  CHECK(is_person(w.authors[1], "Brandt", "Peter"));
  CHECK(is_person(w.authors[2], "Nasser", "Omar"));
}

TEST_CASE("Arabic authors: فرحان ، كرار و هادي ، ايمان ٢٠٢٢ with Arabic-Indic year") {
  Work w = parse_work("فرحان ، كرار و هادي ، ايمان ٢٠٢٢ . \"السياسة المائية في العراق\" . مجلة العلوم السياسية ، ص ٣٤٠-٣٦٠ .");
  REQUIRE(w.authors.size() == 2);
  CHECK(is_person(w.authors[0], "فرحان", "كرار"));
  CHECK(is_person(w.authors[1], "هادي", "ايمان"));
  CHECK(w.year.value_or("<none>") == "2022");
  CHECK(w.title.value_or("<none>") == "السياسة المائية في العراق");
  CHECK(w.pages.value_or("<none>") == "340-360");
}

TEST_CASE("Arabic entry with a two-word given name: الاجودي ، حيدر الحيدر ٢٠١٦ .") {
  // Regression: a full stop printed with a space before it (" . ", the usual Arabic spacing) does not
  // end the title: title = "الأمن الإقليمي في الخليج . بغداد : دار الكتب".
  Work w = parse_work("الاجودي ، حيدر الحيدر ٢٠١٦ . الأمن الإقليمي في الخليج . بغداد : دار الكتب .");
  REQUIRE(w.authors.size() == 1);
  CHECK(is_person(w.authors[0], "الاجودي", "حيدر الحيدر"));
  CHECK(w.year.value_or("<none>") == "2016");
  CHECK(w.title.value_or("<none>") == "الأمن الإقليمي في الخليج");
}

TEST_CASE("Georgian entry: რონდელი, ალექსანდრე. 2006.") {
  Work w = parse_work("რონდელი, ალექსანდრე. 2006. საქართველოს საგარეო პოლიტიკა. თბილისი: ნეკერი.");
  REQUIRE(w.authors.size() == 1);
  CHECK(is_person(w.authors[0], "რონდელი", "ალექსანდრე"));
  CHECK(w.year.value_or("<none>") == "2006");
  CHECK(w.title.value_or("<none>") == "საქართველოს საგარეო პოლიტიკა");
}

TEST_CASE("Georgian co-authors joined by და") {
  Work w = parse_work("ბახტაძე, მიხეილ და მამულია, გურამ. 2005. ისტორია. თბილისი.");
  REQUIRE(w.authors.size() == 2);
  CHECK(is_person(w.authors[0], "ბახტაძე", "მიხეილ"));
  CHECK(is_person(w.authors[1], "მამულია", "გურამ"));
}

TEST_CASE("Russian entry with initials: Иванов, И. И. 2019.") {
  Work w = parse_work("Иванов, И. И. 2019. Кавказ и Россия. Москва: Наука.");
  REQUIRE(w.authors.size() == 1);
  CHECK(is_person(w.authors[0], "Иванов", "И. И."));
  CHECK(w.year.value_or("<none>") == "2019");
  CHECK(w.title.value_or("<none>") == "Кавказ и Россия");
}

TEST_CASE("GOST entry without a comma after the family name: Иванов И. И. Title. М.: Наука, 2019.") {
  Work w = parse_work("Иванов И. И. Кавказ и Россия. М.: Наука, 2019. 320 с.");
  REQUIRE(w.authors.size() == 1);
  CHECK(is_person(w.authors[0], "Иванов", "И. И."));
  CHECK(w.year.value_or("<none>") == "2019");
}

// The tagger may run family-then-initials names on into the title; the rules know the
// names end at the last initial, and GOST's "//" divides the work from its journal.
TEST_CASE("GOST and Vancouver-like names before the title: the title after the last initial, // before the journal") {
  Work book = parse_work("Иванов И. И. Кавказ и Россия. М.: Наука, 2019. 320 с.");
  CHECK(book.title.value_or("<none>") == "Кавказ и Россия");
  Work latin = parse_work("Smith J. J. Caucasus and Russia. M.: Nauka, 2019. 320 p.");
  REQUIRE(latin.authors.size() == 1);
  CHECK(is_person(latin.authors[0], "Smith", "J. J."));
  CHECK(latin.title.value_or("<none>") == "Caucasus and Russia");
  Work article = parse_work("Петров А. В., Сидоров К. Л. Экономика Кавказа // Вопросы экономики. 2018. № 4. С. 12–30.");
  REQUIRE(article.authors.size() == 2);
  CHECK(is_person(article.authors[0], "Петров", "А. В."));
  CHECK(is_person(article.authors[1], "Сидоров", "К. Л."));
  CHECK(article.title.value_or("<none>") == "Экономика Кавказа");
  CHECK(article.container.value_or("<none>") == "Вопросы экономики");
  CHECK(article.year.value_or("<none>") == "2018");
  CHECK(article.pages.value_or("<none>") == "12–30");
  Work journal = parse_work("Иванов И. И. Кавказ и Россия // Россия в глобальной политике. 2019. Т. 17, № 2. С. 10–25.");
  CHECK(journal.title.value_or("<none>") == "Кавказ и Россия");
  CHECK(journal.container.value_or("<none>") == "Россия в глобальной политике");
  CHECK(journal.volume.value_or("<none>") == "17");
}

// In a numbered style the tagger's name list is taken in any script; an initial in Georgian
// (lower case to Unicode, but without capitals) is an initial.
TEST_CASE("initials first in an uncased script: გ. მამულია, ნ. ბერიძე") {
  Work w = parse_work("გ. მამულია, ნ. ბერიძე, კავკასიის ეკონომიკა, ეკონომიკის ჟურნალი 12 (2019) 45–60.");
  REQUIRE(w.authors.size() == 2);
  CHECK(is_person(w.authors[0], "მამულია", "გ."));
  CHECK(is_person(w.authors[1], "ბერიძე", "ნ."));
  CHECK(w.title.value_or("<none>") == "კავკასიის ეკონომიკა");
  CHECK(w.container.value_or("<none>") == "ეკონომიკის ჟურნალი");
  CHECK(w.year.value_or("<none>") == "2019");
  Work greek = parse_work("Α. Παπαδόπουλος, Β. Γεωργίου, Η οικονομία του Καυκάσου, Επιθεώρηση Κοινωνικών Ερευνών 45 (2018) 12–30.");
  REQUIRE(greek.authors.size() == 2);
  CHECK(is_person(greek.authors[0], "Παπαδόπουλος", "Α."));
  CHECK(greek.title.value_or("<none>") == "Η οικονομία του Καυκάσου");
}

// APA in Georgian: family names, then initials whose full stops go with the punctuation around
// each name; a Georgian entry's lone letter after a family name is its initial, not a given name.
TEST_CASE("initials after family names in Georgian: მამულია გ., ბერიძე ნ. (2019)") {
  Work w = parse_work("მამულია გ., ბერიძე ნ. (2019). მიგრაცია საქართველოში. თბილისი: უნივერსიტეტის გამომცემლობა.");
  REQUIRE(w.authors.size() == 2);
  CHECK(w.authors[0].family == "მამულია");
  CHECK(w.authors[1].family == "ბერიძე");
  CHECK(w.year.value_or("<none>") == "2019");
  CHECK(w.title.value_or("<none>") == "მიგრაცია საქართველოში");
  Work one = parse_work("მამულია გ. (2019). მიგრაცია საქართველოში. თბილისი: უნივერსიტეტი.");
  REQUIRE(one.authors.size() == 1);
  CHECK(one.authors[0].family == "მამულია");
  // Arabic's one-letter "و" (and) stays a joining word, never an initial.
  Work ar = parse_work("حسن، أحمد و علي، محمد. 2019. الهجرة في المغرب. الرباط: دار الأمان.");
  REQUIRE(ar.authors.size() == 2);
  CHECK(ar.authors[0].family == "حسن");
  CHECK(ar.authors[1].family == "علي");
}

TEST_CASE("Turkish entry keeps the dotless ı of Aslanlı") {
  Work w = parse_work("Aslanlı, Araz. 2021. Güney Kafkasya'da Güvenlik. Ankara: Nobel.");
  REQUIRE(w.authors.size() == 1);
  CHECK(is_person(w.authors[0], "Aslanlı", "Araz"));
  CHECK(w.year.value_or("<none>") == "2021");
}

TEST_CASE("Hebrew and Armenian entries: family, given, year") {
  Work he = parse_work("כהן, משה. 2018. הקווקז בין המעצמות. ירושלים: מאגנס.");
  REQUIRE(he.authors.size() == 1);
  CHECK(is_person(he.authors[0], "כהן", "משה"));
  CHECK(he.year.value_or("<none>") == "2018");
  Work hy = parse_work("Հովհաննիսյան, Արամ. 2010. Ղարաբաղյան հակամարտություն. Երևան.");
  REQUIRE(hy.authors.size() == 1);
  CHECK(is_person(hy.authors[0], "Հովհաննիսյան", "Արամ"));
}

TEST_CASE("APA style: Family, G. (Year). Title.") {
  Work w = parse_work("Güler, A. (2020). Türkiye ve Kafkasya. Ankara: Nobel.");
  REQUIRE(w.authors.size() == 1);
  CHECK(is_person(w.authors[0], "Güler", "A."));
  CHECK(w.year.value_or("<none>") == "2020");
}

TEST_CASE("APA style with & between authors: Satanakis, S., & Süss, T. (2021).") {
  Work w = parse_work("Satanakis, S., & Süss, T. (2021). Energy security in the Caspian. Vienna: IFK.");
  REQUIRE(w.authors.size() == 2);
  CHECK(is_person(w.authors[0], "Satanakis", "S."));
  CHECK(is_person(w.authors[1], "Süss", "T."));
  CHECK(w.year.value_or("<none>") == "2021");
}

TEST_CASE("a family-name particle stays with the family name: de Waal, Thomas") {
  Work w = parse_work("de Waal, Thomas. 2003. Black Garden. New York: NYU Press.");
  REQUIRE(w.authors.size() == 1);
  CHECK(is_person(w.authors[0], "de Waal", "Thomas"));
}

// --- Given-first names and organisations ------------------------------------------------------------

TEST_CASE("footnote style given-first author: Arsène Saparov, Title (Place: Publisher, Year), page") {
  Work w = parse_work("Arsène Saparov, From Conflict to Autonomy in the Caucasus (London: Routledge, 2015), 45.");
  REQUIRE(w.authors.size() == 1);
  CHECK(is_person(w.authors[0], "Saparov", "Arsène"));
  CHECK(w.year.value_or("<none>") == "2015");
}

TEST_CASE("footnote style given-first entry: the title is the words after the author") {
  // Regression: the year is taken as "right after the authors" because no ". " precedes it, so the
  // title is read after the year: title = "45" instead of the book title.
  Work w = parse_work("Arsène Saparov, From Conflict to Autonomy in the Caucasus (London: Routledge, 2015), 45.");
  CHECK(w.title.value_or("<none>") == "From Conflict to Autonomy in the Caucasus");
}

TEST_CASE("given-first author before the year: Arsène Saparov. 2015. Title") {
  // Regression: a two-word author segment ended by the year is always read as an organisation, so
  // "Arsène Saparov" becomes organisation "Arsène Saparov" instead of Saparov, Arsène.
  Work w = parse_work("Arsène Saparov. 2015. From Conflict to Autonomy in the Caucasus. London: Routledge.");
  REQUIRE(w.authors.size() == 1);
  CHECK(is_person(w.authors[0], "Saparov", "Arsène"));
}

TEST_CASE("an organisation followed directly by its year: Crisis Group 2020") {
  Work w = parse_work("Crisis Group 2020. The Nagorno-Karabakh Conflict: A Visual Explainer. Brussels.");
  REQUIRE(w.authors.size() == 1);
  CHECK(w.authors[0].organisation);
  CHECK(w.authors[0].family == "Crisis Group");
  CHECK(w.year.value_or("<none>") == "2020");
}

TEST_CASE("an organisation as author: World Bank. 2019. Report title") {
  Work w = parse_work("World Bank. 2019. South Caucasus Connectivity Report. Washington, DC. https://bit.ly/3xYzAbc");
  REQUIRE(w.authors.size() == 1);
  CHECK(w.authors[0].organisation);
  CHECK(w.authors[0].family == "World Bank");
  CHECK(w.title.value_or("<none>") == "South Caucasus Connectivity Report");
  CHECK(w.urls == std::vector<std::string>{"https://bit.ly/3xYzAbc"});
}

TEST_CASE("parse_authors splits Family, Given pairs at connectors in many scripts") {
  auto en = parse_authors("Farhan, Karar, and Iman Hadi");
  REQUIRE(en.size() == 2);
  CHECK(is_person(en[1], "Hadi", "Iman"));
  auto ar = parse_authors("فرحان ، كرار و هادي ، ايمان");
  REQUIRE(ar.size() == 2);
  CHECK(is_person(ar[0], "فرحان", "كرار"));
  CHECK(is_person(ar[1], "هادي", "ايمان"));
  auto ru = parse_authors("Иванов, Иван и Петров, Пётр");
  REQUIRE(ru.size() == 2);
  CHECK(is_person(ru[1], "Петров", "Пётр"));
}

TEST_CASE("parse_authors: a long name without commas is an organisation") {
  auto p = parse_authors("Ministry of Foreign Affairs of Georgia");
  REQUIRE(p.size() == 1);
  CHECK(p[0].organisation);
  CHECK(p[0].family == "Ministry of Foreign Affairs of Georgia");
}

TEST_CASE("parse_authors stops at et al.") {
  // Regression: "et" is an author connector (French/Latin "and"), so "Janovsky, Jakub, et al." is
  // split at it and "al" becomes a second author: {Janovsky, Jakub}, {al}.
  // The Greek "κ.ά." (και άλλοι), as Greek styles print it, and the Armenian "և այլք" too.
  for (auto [list, family, given] : {std::tuple{"Janovsky, Jakub, et al.", "Janovsky", "Jakub"},
                                     std::tuple{"Παπαδόπουλος, Γιώργος, κ.ά.", "Παπαδόπουλος", "Γιώργος"},
                                     std::tuple{"Պետրոսյան, Արամ, և այլք", "Պետրոսյան", "Արամ"}}) {
    auto p = parse_authors(list);
    REQUIRE(p.size() == 1);
    CHECK(is_person(p[0], family, given));
  }
}

// --- The year ---------------------------------------------------------------------------------------

TEST_CASE("a year found only in a date: September 28, 2020") {
  Work w = parse_work("Kucera, Joshua. \"Karabakh Fighting Escalates.\" Eurasianet, September 28, 2020. https://eurasianet.org/x");
  CHECK(w.year.value_or("<none>") == "2020");
  REQUIRE(w.authors.size() == 1);
  CHECK(is_person(w.authors[0], "Kucera", "Joshua"));
  CHECK(w.title.value_or("<none>") == "Karabakh Fighting Escalates");
}

TEST_CASE("a year inside a quoted title is not the year of the work") {
  Work w = parse_work("Markedonov, Sergey. \"The 2020 Karabakh War and Russia.\" Russia in Global Affairs, 2021.");
  CHECK(w.year.value_or("<none>") == "2021");
  CHECK(w.title.value_or("<none>") == "The 2020 Karabakh War and Russia");
}

TEST_CASE("a year inside a «title» in guillemets is not the year of the work") {
  Work w = parse_work("Маркедонов, С. «Карабах после 1994 года». Россия в глобальной политике, 2019.");
  CHECK(w.year.value_or("<none>") == "2019");
}

TEST_CASE("n.d. marks a work without date") {
  Work w = parse_work("Ministry of Defence of Armenia. n.d. \"Casualty List.\" https://mil.am/en/list");
  CHECK(w.year.value_or("<none>") == "n.d.");
  REQUIRE(w.authors.size() == 1);
  CHECK(w.authors[0].organisation);
  CHECK(w.authors[0].family == "Ministry of Defence of Armenia");
}

TEST_CASE("in press, in any language, stands where the year would: the year is 'in press'") {
  Work en = parse_work("Seubsman, S., Yiengprugsawan, V., Sleigh, A., in press. A large national cohort. Asia Pac. J. Public Health.");
  CHECK(en.year.value_or("<none>") == "in press");
  CHECK(en.authors.size() == 3);
  CHECK(parse_work("Pletsch, M. D. (no prelo). Plano de Atendimento Educacional Especializado. Revista X.").year.value_or("<none>") ==
        "in press");
  CHECK(parse_work("Иванов И. И. (в печати). Очерки истории языка. М.: Наука.").year.value_or("<none>") == "in press");
  CHECK(parse_work("الأنصاري، محمد. (قيد النشر). دراسات في اللغة. بيروت.").year.value_or("<none>") == "in press");
  // A publisher's name is no "in press", and a year printed wins.
  CHECK(parse_work("Smith, J. Theory of Everything. Cambridge University Press.").year.value_or("<none>") == "<none>");
  CHECK(parse_work("Smith, J. (2020). Theory, in press elsewhere. Cambridge University Press.").year.value_or("<none>") == "2020");
}

TEST_CASE("Arabic د.ت marks a work without date") {
  Work w = parse_work("العبيدي ، سامر د.ت . الممرات الاقتصادية . بغداد .");
  CHECK(w.year.value_or("<none>") == "n.d.");
  REQUIRE(w.authors.size() == 1);
  CHECK(is_person(w.authors[0], "العبيدي", "سامر"));
}

TEST_CASE("a year with a letter suffix: 2020a") {
  Work w = parse_work("Markedonov, Sergey. 2020a. \"Title One.\" Journal A.");
  CHECK(w.year.value_or("<none>") == "2020");
  CHECK(w.year_suffix.value_or("<none>") == "a");
}

TEST_CASE("a Persian year in Persian digits") {
  Work w = parse_work("کاظمی، حسین. ۲۰۱۹. قفقاز جنوبی. تهران: سمت.");
  CHECK(w.year.value_or("<none>") == "2019");
  REQUIRE(w.authors.size() == 1);
  CHECK(is_person(w.authors[0], "کاظمی", "حسین"));
}

TEST_CASE("a Solar Hijri year in a Persian entry: ۱۳۹۸") {
  // Persian entries are usually dated in the Solar Hijri calendar (۱۳۹۸ = 2019/20).
  Work w = parse_work("رضایی، علی. ۱۳۹۸. سیاست خارجی ایران. تهران: نشر نی.");
  CHECK(w.year.value_or("<none>") == "1398");
}

TEST_CASE("a year range of a period is not taken for pages") {
  Work w = parse_work("Cornell, Svante. 2011. Azerbaijan since Independence, 1993–2003. Armonk: Sharpe.");
  CHECK(w.year.value_or("<none>") == "2011");
  CHECK_FALSE(w.pages);
}

// --- Identifiers and access dates -----------------------------------------------------------------

TEST_CASE("a DOI in an entry is the entry's doi, lower-cased, without label") {
  Work w = parse_work("Sultanova, Leyla. 2020. \"Ports.\" Maritime Studies 19 (2): 201-219. DOI: 10.1007/S40152-020-00170-4");
  CHECK(w.doi.value_or("<none>") == "10.1007/s40152-020-00170-4");
  CHECK(w.urls.empty());
}

TEST_CASE("a doi.org URL in an entry is its DOI, not one of its URLs") {
  Work w = parse_work("Rahimov, Elnur. 2021. \"Pipelines.\" Energy Policy 148. https://doi.org/10.1016/j.enpol.2020.111930");
  CHECK(w.doi.value_or("<none>") == "10.1016/j.enpol.2020.111930");
  CHECK(w.urls.empty());
}

TEST_CASE("a doi: label with no DOI after it gives no doi") {
  Work w = parse_work("Light, Felix. 2023. \"Title.\" Journal A. doi: forthcoming");
  CHECK_FALSE(w.doi);
}

TEST_CASE("URLs of an entry, re-joined where a line break cut them") {
  Work w = parse_work(
      "Al-Shammari, Ali. 2022. \"Turkey.\" CSR. https://www.example.org/en/research/turkey-\ncaucasus-2022 "
      "<https://archive.org/web/2023/x>");
  CHECK(w.urls == std::vector<std::string>{"https://www.example.org/en/research/turkey-caucasus-2022",
                                           "https://archive.org/web/2023/x"});
}

TEST_CASE("an access date in brackets after the URL: (8. 04.2022)") {
  Work w = parse_work("Civil.ge. 2020. \"Ceasefire Statement.\" https://civil.ge/archives/378023 (8. 04.2022)");
  CHECK(w.accessed.value_or("<none>") == "2022-04-08");
  CHECK(w.year.value_or("<none>") == "2020");
}

TEST_CASE("an access date after 'Accessed': Accessed April 8, 2022") {
  Work w = parse_work("Kucera, Joshua. 2020. \"Karabakh.\" Eurasianet. https://eurasianet.org/x. Accessed April 8, 2022.");
  CHECK(w.accessed.value_or("<none>") == "2022-04-08");
  CHECK(w.year.value_or("<none>") == "2020");
}

TEST_CASE("an access date in Russian: (дата обращения: 15.03.2022)") {
  Work w = parse_work("Иванов, И. И. 2020. Кавказ. URL: https://ria.ru/x (дата обращения: 15.03.2022).");
  CHECK(w.accessed.value_or("<none>") == "2022-03-15");
  CHECK(w.year.value_or("<none>") == "2020");
}

TEST_CASE("an access date in Turkish: Erişim tarihi: 12.05.2021") {
  Work w = parse_work("Güler, Ayşe. 2020. Kafkasya. https://www.aa.com.tr/x Erişim tarihi: 12.05.2021.");
  CHECK(w.accessed.value_or("<none>") == "2021-05-12");
}

TEST_CASE("an access date in Georgian: ნანახია 12 მარტი 2022") {
  Work w = parse_work("რონდელი, ალექსანდრე. 2006. ტექსტი. https://civil.ge/x ნანახია 12 მარტი 2022.");
  CHECK(w.accessed.value_or("<none>") == "2022-03-12");
  CHECK(w.year.value_or("<none>") == "2006");
}

namespace {

// Each entry's access date as parse_work reads it ("<none>" when it finds none).
void check_access_dates(std::initializer_list<std::pair<const char*, const char*>> cases) {
  for (const auto& [entry, accessed] : cases) {
    INFO(entry);
    CHECK(parse_work(entry).accessed.value_or("<none>") == accessed);
  }
}

}  // namespace

TEST_CASE("an impossible access date keeps only its year and month: Accessed 2021-02-31") {
  check_access_dates({
      {"Kucera, Joshua. 2020. \"Karabakh.\" Eurasianet. https://eurasianet.org/x. Accessed 2021-02-31.", "2021-02"},
      {"Güler, Ayşe. 2020. Kafkasya. https://www.aa.com.tr/x Erişim tarihi: 31.04.2021.", "2021-04"},
      {"Light, Felix. 2023. Title. https://example.org/x. Accessed 29 February 2024.", "2024-02-29"},
      {"Light, Felix. 2023. Title. https://example.org/x. Accessed February 29, 2023.", "2023-02"},
  });
}

TEST_CASE("a numeric access date that cannot be day-first is read month-first: 12/25/2021") {
  check_access_dates({{"Light, Felix. 2023. Title. https://example.org/x (accessed 12/25/2021).", "2021-12-25"}});
}

TEST_CASE("an access date in German: Zugriff am 3. März 2022, abgerufen am 12. Oktober 2021") {
  check_access_dates({
      {"Müller, Anna. 2020. Der Kaukasus. https://www.bpb.de/x (Zugriff am 3. März 2022).", "2022-03-03"},
      {"Müller, Anna. 2020. Der Kaukasus. https://www.bpb.de/x, abgerufen am 5. Mai 2021.", "2021-05-05"},
      {"Müller, Anna. 2020. Der Kaukasus. https://www.bpb.de/x, abgerufen am 12. Oktober 2021.", "2021-10-12"},
  });
}

TEST_CASE("an access date in Ukrainian, months in the genitive: дата звернення 12 березня 2021") {
  check_access_dates({
      {"Шевченко, О. 2020. Економіка. URL: https://www.ukrinform.ua/x (дата звернення: 12 березня 2021).", "2021-03-12"},
      {"Шевченко, О. 2020. Економіка. URL: https://www.ukrinform.ua/x (дата звернення: 07 травня 2022).", "2022-05-07"},
      {"Шевченко, О. 2019. Економіка. Режим доступу: https://www.ukrinform.ua/x (звернено 3 листопада 2020).", "2020-11-03"},
      {"Шевченко, О. 2019. Економіка. URL: https://www.ukrinform.ua/x (дата звернення: 15.09.2021).", "2021-09-15"},
  });
}

TEST_CASE("an access date in Persian: تاریخ دسترسی and دسترسی در") {
  check_access_dates({
      {"رضایی، علی. ۱۳۹۹. اقتصاد ایران. https://www.isna.ir/x (تاریخ دسترسی: ۲۰۲۱/۰۵/۱۲).", "2021-05-12"},
      {"رضایی، علی. ۲۰۲۰. اقتصاد ایران. https://www.isna.ir/x دسترسی در ۱۲ مارس ۲۰۲۲.", "2022-03-12"},
      {"رضایی، علی. ۲۰۲۰. اقتصاد ایران. https://www.isna.ir/x تاریخ دسترسی ۵ ژوئن ۲۰۲۱.", "2021-06-05"},
  });
}

TEST_CASE("an access date in the Solar Hijri or Hijri calendar is converted to the Gregorian day") {
  check_access_dates({
      {"رضایی، علی. ۱۳۹۹. اقتصاد ایران. https://www.isna.ir/x (تاریخ دسترسی: ۱۴۰۰/۰۲/۲۲).", "2021-05-12"},
      {"رضایی، علی. ۱۳۹۹. اقتصاد ایران. https://www.isna.ir/x (تاریخ دسترسی: ۳۰/۱۲/۱۴۰۰).", "<none>"},
      {"العتيبي، خالد. ١٤٤١. الاقتصاد. https://www.spa.gov.sa/x (تاريخ الدخول: ١٤٤٥/٠٩/٠١).", "2024-03-11"},
  });
}

TEST_CASE("an ISBN in an entry") {
  Work w = parse_work("Novak, Ivan. 2017. Railways of the Caucasus. London: Routledge. ISBN 978-0-306-40615-7.");
  CHECK(w.isbn.value_or("<none>") == "9780306406157");
}

// --- Pages, volume, issue ---------------------------------------------------------------------------

TEST_CASE("pages after pp. and after a colon") {
  Work a = parse_work("Light, Felix. 2023. \"Title.\" In Handbook, pp. 45-67. London.");
  CHECK(a.pages.value_or("<none>") == "45-67");
  Work b = parse_work("Light, Felix. 2023. \"Title.\" Journal 5: 1–10.");
  CHECK(b.pages.value_or("<none>") == "1–10");
}

TEST_CASE("pages in an Arabic entry: ص ٣٠-٦٠") {
  Work w = parse_work("العبيدي، سامر ٢٠١٩ . \"الممرات\". مجلة الدراسات الدولية، عدد ٧٧ ، ص ٣٠-٦٠ .");
  CHECK(w.pages.value_or("<none>") == "30-60");
  CHECK(w.issue.value_or("<none>") == "77");
}

TEST_CASE("volume and issue: vol. 19, no. 2") {
  Work w = parse_work("Sultanova, Leyla. 2020. \"Ports.\" Maritime Studies, vol. 19, no. 2, pp. 201-219.");
  CHECK(w.volume.value_or("<none>") == "19");
  CHECK(w.issue.value_or("<none>") == "2");
  CHECK(w.pages.value_or("<none>") == "201-219");
}

TEST_CASE("the words for volume and issue and pages in other languages") {
  struct Case { const char* entry; const char* volume; const char* issue; const char* pages; };
  for (const Case& c : {
           Case{"Иванов И. И. Полимеры в медицине // Вестник химии. 2001. Т. 12, вып. 3. С. 45–67.", "12", "3", "45–67"},
           Case{"Смирнова, А. «Реформы». Вопросы истории, т. 8, вып. 2, 2019 г., сс. 101–119.", "8", "2", "101–119"},
           Case{"Παπαδόπουλος, Γ. «Η μεταρρύθμιση». Ιστορικά, τ. 21, τχ. 4, σσ. 33–58, 2010.", "21", "4", "33–58"},
           Case{"العبيدي، سامر. \"الممرات\". مجلة الدراسات الدولية، مج ١٢، ع ٣، ص ٤٥–٦٧، ٢٠١٩.", "12", "3", "45–67"},
           Case{"الحسيني، علي. \"الموانئ\". مجلة البحوث، م 14، عدد 2، ص 5–19، 2011.", "14", "2", "5–19"},
           Case{"رضایی، حسن. «بنادر». فصلنامه تاریخ، ج ۷، ش ۲، صص ۱۱–۳۰، ۱۳۹۸.", "7", "2", "11–30"},
           Case{"ბერიძე, ნ. „რეფორმა“. მაცნე, ტ. 5, № 2, გვ. 12–29, 2015.", "5", "2", "12–29"},
           Case{"Պետրոսյան, Ա. «Բարեփոխում»: Պատմություն, հ. 3, № 4, էջ 7–21, 2018.", "3", "4", "7–21"},
           Case{"SILVA, J. Portos do Brasil. Revista de História, v. 31, n. 2, p. 77-98, 2017.", "31", "2", "77-98"},
       }) {
    CAPTURE(c.entry);
    Work w = parse_work_rules(c.entry, {});
    CHECK(w.volume.value_or("<none>") == c.volume);
    CHECK(w.issue.value_or("<none>") == c.issue);
    CHECK(w.pages.value_or("<none>") == c.pages);
  }
}


TEST_CASE("volume and issue and pages after their words and a no-break space") {
  // As Zotero's and Mendeley's CSL processors write them into Word files.
  Work w = parse_work_rules("Battye, R. A., 1998. Knots. Phys. Rev. Lett. Vol.\u00A081, no.\u00A022, p.\u00A04798\u20134801.", {});
  CHECK(w.volume.value_or("<none>") == "81");
  CHECK(w.issue.value_or("<none>") == "22");
  CHECK(w.pages.value_or("<none>") == "4798\u20134801");
  Work r = parse_work_rules("Иванов И. И. Полимеры // Вестник химии. 2001. Т.\u202F12, вып.\u202F3. С.\u00A045–67.", {});
  CHECK(r.volume.value_or("<none>") == "12");
  CHECK(r.issue.value_or("<none>") == "3");
  CHECK(r.pages.value_or("<none>") == "45–67");
}
TEST_CASE("the number after a volume word is not the pages as well") {
  // The tagger never saw Georgian's "ტ." and takes the lone number for pages.
  Work w = parse_work("ჰალლი, ბ. კვანტური თეორია მათემატიკოსებისთვის, ტ. 267. ნიუ-იორკი: სპრინგერი, 2013.");
  CHECK(w.volume.value_or("<none>") == "267");
  CHECK_FALSE(w.pages);
  // Nor the issue: "ტ. 7" is the volume alone.
  Work d = parse_work("ჯ. დ. ბექენსთეინ, „შავი ხვრელები და ენტროპია“, ფიზ. მიმოხ. დ, ტ. 7, გვ. 2333–2346, 1973.");
  CHECK(d.volume.value_or("<none>") == "7");
  CHECK_FALSE(d.issue);
  Work p = parse_work("Hall, B. 2013. Quantum Theory. Springer, vol. 267, pp. 12-19.");
  CHECK(p.volume.value_or("<none>") == "267");
  CHECK(p.pages.value_or("<none>") == "12-19");
}

TEST_CASE("one page after its word") {
  struct Case { const char* entry; const char* pages; };
  for (const Case& c : {
           Case{"ბერიძე, ნ. „რეფორმა“. მაცნე, ტ. 70, 1993, გვ. 1704.", "1704"},
           Case{"Պետրոսյան, Ա. Բարեփոխում. Երևան, 2018 (էջ 41).", "41"},
           Case{"Иванов И. И. Полимеры // Вестник химии. 2014. Т. 112. С. 201601.", "201601"},
           Case{"Παπαδόπουλος, Γ. «Η μεταρρύθμιση». Ιστορικά, τ. 21, 2010, σ. 33.", "33"},
       }) {
    CAPTURE(c.entry);
    CHECK(parse_work(c.entry).pages.value_or("<none>") == c.pages);
  }
  // A one-letter word before a year is an initial.
  CHECK_FALSE(parse_work_rules("Smith, P. 2004. Ports. London: Verso.", {}).pages);
}

TEST_CASE("a lone number the tagger reads as an issue is the volume") {
  // "س" (السنة, the journal's year of publication) is no word of the rules; the tagger reads the
  // number after it as an issue. With no volume, it is the volume.
  Work w = parse_work("العبيدي، سامر. \"الممرات\". مجلة الدراسات، س 22، ص 243–247، 2019.");
  CHECK(w.volume.value_or("<none>") == "22");
  CHECK_FALSE(w.issue);
  // In brackets it stays an issue.
  Work b = parse_work("Haegeman, J. et al. (2015) 'Gauging quantum states: from global to local symmetries', Phys. Rev. X, (1), p. 011024.");
  CHECK(b.issue.value_or("<none>") == "1");
  CHECK_FALSE(b.volume);
}

TEST_CASE("an initial before a year or the era after one is no volume or issue") {
  CHECK_FALSE(parse_work_rules("Komatsu, E. & Kitayama, T. 1999, Astrophys. J., 526, L1", {}).volume);
  CHECK_FALSE(parse_work_rules("Ferreira, N. 2004. Portos. Lisboa: Edições.", {}).issue);
  CHECK_FALSE(parse_work_rules("Иванов Т. 2008. Реформы. Москва: Наука.", {}).volume);
  CHECK_FALSE(parse_work_rules("العبيدي، سامر، ١٩٩٩ م ١٢ مقالة", {}).volume);
  CHECK_FALSE(parse_work_rules("Light, Felix. 2023. \"Title.\" Journal, 5, 1-10.", {}).volume);
}

// --- Works and comments -------------------------------------------------------------------------------

TEST_CASE("looks_like_work: a cited work yes, a comment no") {
  CHECK(looks_like_work(parse_work("Glantz, Mary. 2022. \"Ukraine and the Caucasus.\" USIP.")));
  CHECK_FALSE(looks_like_work(parse_work("ეს საკითხი ქვემოთ უფრო დეტალურად იქნება განხილული.")));
  CHECK_FALSE(looks_like_work(parse_work("See the discussion in the previous section.")));
}

TEST_CASE("looks_like_work: a title with a link counts as a cited work") {
  CHECK(looks_like_work(parse_work("\"Ceasefire Statement.\" https://civil.ge/archives/378023")));
}

TEST_CASE("author_text keeps the printed author segment") {
  Work w = parse_work("Farhan, Karar, and Iman Hadi. 2022. Title.");
  CHECK(w.author_text == "Farhan, Karar, and Iman Hadi");
}

// --- Long author lists and initials that look like connectors --------------------------------

TEST_CASE("Family, Initials separated by semicolons: Vedadi, M, Lew, J, Artz, J … Hui, R (2007)") {
  Work w = parse_work("Vedadi, M; Lew, J; Artz, J; Amani, M; Zhao, Y; Dong, AP; Wasney, GA; Gao, M; Hills, T;\n"
                      "Brokx, S; Qiu, W; Sharma, S; Diassiti, A; Alam, Z; Melone, M; Mulichak, A; Hui, R (2007).\n"
                      "Genome-scale protein expression and structural biology of Plasmodium falciparum.\n"
                      "Molecular and Biochemical Parasitology, 151, 100-110.");
  REQUIRE(w.authors.size() == 17);
  CHECK(is_person(w.authors[0], "Vedadi", "M"));
  CHECK(is_person(w.authors[4], "Zhao", "Y"));  // "Y" is an initial here, not the Spanish "and"
  CHECK(is_person(w.authors[16], "Hui", "R"));
  CHECK(w.year.value_or("") == "2007");
  CHECK(w.title.value_or("") == "Genome-scale protein expression and structural biology of Plasmodium falciparum");
}

TEST_CASE("a long Vancouver author list before the year: Travers KJ, Patil CK, … Walter P (2000)") {
  Work w = parse_work("Travers KJ, Patil CK, Wodicka L, Lockhart DJ, Weissman JS, Walter P (2000) Functional and "
                      "genomic analyses reveal an essential coordination between the unfolded protein response and "
                      "ER-associated degradation. Cell 101: 249-258.");
  REQUIRE(w.authors.size() == 6);
  CHECK(is_person(w.authors[0], "Travers", "KJ"));
  CHECK(is_person(w.authors[5], "Walter", "P"));
  CHECK(w.year.value_or("") == "2000");
}

TEST_CASE("a capital initial is no connector: van Anken, E and Braakman, I (2005)") {
  Work w = parse_work("van Anken, E; Braakman, I (2005). Versatility of the endoplasmic reticulum protein folding factory.");
  REQUIRE(w.authors.size() == 2);
  CHECK(is_person(w.authors[0], "van Anken", "E"));
  CHECK(is_person(w.authors[1], "Braakman", "I"));
}

TEST_CASE("initials after semicolons in Cyrillic and Georgian: Иванов, И, Петров, П, Сидоров, С (2019)") {
  Work ru = parse_work("Иванов, И; Петров, П; Сидоров, С; Кузнецов, А; Смирнов, В; Попов, Д; Лебедев, Е (2019). "
                       "Региональные рынки труда. Вопросы экономики, 5, 1-10.");
  REQUIRE(ru.authors.size() == 7);
  CHECK(is_person(ru.authors[0], "Иванов", "И"));  // "И" is an initial, not the Russian "и"
  CHECK(is_person(ru.authors[6], "Лебедев", "Е"));
  CHECK(ru.year.value_or("") == "2019");
  Work ka = parse_work("ბახტაძე, მ; მამულია, გ; ნოდია, გ; გეგეშიძე, ა; ლომსაძე, თ; რონდელი, ა (2005). სათაური. ჟურნალი.");
  REQUIRE(ka.authors.size() == 6);
  CHECK(is_person(ka.authors[0], "ბახტაძე", "მ"));
  CHECK(is_person(ka.authors[5], "რონდელი", "ა"));
  CHECK(ka.year.value_or("") == "2005");
}

TEST_CASE("a long list in capitals with a particle: BALDISSERA, M.D., … DE CARVALHO, L.M. and MONTEIRO, S.G., 2016") {
  Work w = parse_work("BALDISSERA, M.D., SOUZA, C.F., GRANDO, T.H., DOLCI, G.S., COSSETIN, L.F., MOREIRA, K.L.S., "
                      "VEIGA, M.L., DE CARVALHO, L.M. and MONTEIRO, S.G., 2016. Title of the study. Journal, vol. 4, "
                      "pp. 3-5.");
  REQUIRE(w.authors.size() == 9);
  CHECK(is_person(w.authors[0], "BALDISSERA", "M.D."));
  CHECK(is_person(w.authors[7], "DE CARVALHO", "L.M."));
  CHECK(is_person(w.authors[8], "MONTEIRO", "S.G."));
  CHECK(w.year.value_or("") == "2016");
}

TEST_CASE("a long list of Arabic names before the year") {
  Work w = parse_work("العبيدي، م؛ الجبوري، ع؛ الحديثي، س؛ النجار، ح؛ الربيعي، ص؛ الشمري، ف؛ الأنصاري، ك (٢٠١٩). "
                      "الأمن الغذائي في العراق. مجلة الدراسات.");
  REQUIRE(w.authors.size() == 7);
  CHECK(w.authors[0].family == "العبيدي");
  CHECK(w.authors[6].family == "الأنصاري");
  CHECK(w.year.value_or("") == "2019");
}

TEST_CASE("a long stretch of prose before a year is still no author list") {
  Work w = parse_work("Report of the commission on the state of the national economy and the regional labour "
                      "markets of the country, with tables, 2019.");
  CHECK(w.authors.size() <= 1);
}

// Where the year comes last, the names end where the field tagger says (the rules used to run
// them into the journal's abbreviated name: "Sauli, Nucl").
TEST_CASE("numbered physics entries: names, then the journal, the year last") {
  Work a = parse_work("K. Tanaka, Nucl. Phys. B 412 (2003) 117.");
  REQUIRE(a.authors.size() == 1);
  CHECK(is_person(a.authors[0], "Tanaka", "K."));
  Work b = parse_work("A. Ferreira, B. Costa, Phys. Rev. Lett. 88 (2002) 051301.");
  REQUIRE(b.authors.size() == 2);
  CHECK(is_person(b.authors[0], "Ferreira", "A."));
  CHECK(is_person(b.authors[1], "Costa", "B."));
  CHECK(b.year.value_or("<none>") == "2002");
  Work c = parse_work("R. Almeida and P. Souza, Opt. Lett. 31, 2421 (2006).");
  REQUIRE(c.authors.size() == 2);
  CHECK(c.authors[1].family == "Souza");
}

TEST_CASE("family names in capitals after initials are people, not an organisation") {
  Work w = parse_work("C. P. DUMONT et J. M. GIRARD. Bull. Soc. Chim. Fr. 2090 (1973);");
  REQUIRE(w.authors.size() == 2);
  CHECK(is_person(w.authors[0], "DUMONT", "C. P."));
  CHECK(is_person(w.authors[1], "GIRARD", "J. M."));
  CHECK_FALSE(w.authors[0].organisation);
  Work one = parse_work("E. J. LAURENT. Chem. Ber. 71, 600 (1939).");
  REQUIRE(one.authors.size() == 1);
  CHECK(is_person(one.authors[0], "LAURENT", "E. J."));
  // Capitals without initials stay an organisation.
  Work org = parse_work("BBC NEWS TURKCE. 2020. Deprem raporu.");
  REQUIRE(org.authors.size() == 1);
  CHECK(org.authors[0].organisation);
}

// In scripts the tagger's training data does not hold, the rules keep the names.
TEST_CASE("GOST names before a title keep to the rules") {
  Work w = parse_work("Петров П. П. Экономика региона. М.: Наука, 2015. 210 с.");
  REQUIRE(w.authors.size() == 1);
  CHECK(is_person(w.authors[0], "Петров", "П. П."));
}

// A page or an arXiv number after the year is no year: where the names do not end at the year,
// the tagger's date is taken (the rules took the last year-like number).
TEST_CASE("the year of a physics entry is not its page or arXiv number") {
  CHECK(parse_work("S. Moreau and T. Klein, Phys. Rev. D 77, 114003 (2008), arXiv:0711.2079 [hep-ph].").year.value_or("<none>") == "2008");
  CHECK(parse_work("H. Weber, Commun. Math. Sci. 14 (2009) 2013-2017.").year.value_or("<none>") == "2009");
}

TEST_CASE("a page number that looks like a year, after the volume, is the page") {
  Work a = parse_work("Moreira, L., Tanaka, H., Ito, S., et al. 2016, MNRAS, 457, 1522");
  CHECK(a.year.value_or("<none>") == "2016");
  CHECK(a.volume.value_or("<none>") == "457");
  CHECK(a.pages.value_or("<none>") == "1522");
  Work b = parse_work("P. Laine et al., Eur. Phys. J. C71, 1661 (2011), arXiv:1012.5412 [hep-ph].");
  CHECK(b.year.value_or("<none>") == "2011");
  CHECK(b.pages.value_or("<none>") == "1661");
}

TEST_CASE("a short number closing the journal's name is not part of it") {
  Work w = parse_work("A. Ruiz, G. Bauer, and J. Kowal, JHEP 06, 108 (2013), arXiv:1305.0007 [hep-ph].");
  CHECK(w.container.value_or("<none>") == "JHEP");
}

// Volume and pages, or the word arXiv, that a title runs into in a list without a journal
// name are not the title's.
TEST_CASE("a title does not keep the volume and page or arXiv after it") {
  CHECK(parse_work("D. Moreau, F. Lindqvist, M. M. Okafor, Matrix product state representations 7 401. "
                   "URL http://arxiv.org/abs/quant-ph/0608197v2").title.value_or("<none>") ==
        "Matrix product state representations");
  CHECK(parse_work("P. Rossi, E. Almeida, Phase diagram of a lattice gauge theory with tensor networks arXiv:1606.05510.")
            .title.value_or("<none>") == "Phase diagram of a lattice gauge theory with tensor networks");
}

// IEEE with the date last and a link broken by the extraction after it: what follows the
// year is no title when a container and a volume stand between the title and the year.
TEST_CASE("a title before a closing date keeps its place over words after the date") {
  Work w = parse_work(
      "K. Ito, M. Sato, and H. Mori, \"A drift chamber for high particle fluxes,\" Nucl. Instrum. Methods Phys. Res. "
      "A, vol. 412, no. 2, pp. 101-109, Mar. 1998. [Online ]. Available:http: // www.sciencedirect. com/science/article/0168");
  CHECK(w.title.value_or("<none>") == "A drift chamber for high particle fluxes");
  CHECK(w.year.value_or("<none>") == "1998");
}

TEST_CASE("a title opened by a quotation mark ends at its closing mark") {
  Work w = parse_work(
      "W. Li, R. Chen: \"Test Sequences for Omnidirectional Video Coding\", Joint Video Exploration Team of ITU-T "
      "SG16 WP3 and ISO/IEC JTC1/SC29/WG11, JVET-D0179, 4th Meeting.");
  CHECK(w.title.value_or("<none>") == "Test Sequences for Omnidirectional Video Coding");
  // A PDF extraction moves the space before the closing mark: `Quality ",Joint`.
  Work h = parse_work(
      "A. Kowal, B. Nowak, C. Lis, D. Wrona, E. Zajac, \"AhG3: Objective Quality Metrics for Omnidirectional( 360°)Videos "
      "\",Joint Video Exploration Team of ITU -TSG16 WP3 and ISO /IECJTC1 /SC29/WG11,JVET- F0044,6th Meeting , April2017 .");
  CHECK(h.title.value_or("<none>") == "AhG3: Objective Quality Metrics for Omnidirectional( 360°)Videos");
  // A span that ends at the closing mark is whole, marks inside it included.
  Work q = parse_work("Light, Felix. 2023. \"Armenia after the War.\" Caucasus Survey 11 (2): 101-120.");
  CHECK(q.title.value_or("<none>") == "Armenia after the War");
}

// A report titled by the year it covers and dated when it came out: the date is its year.
TEST_CASE("a year between two stretches of title yields to a full date after it") {
  const char* dated =
      "NBS – National Bureau of Statistics of China. 中国统计年鉴. 2015. Statistical communiqué on the national "
      "economic and social development. Apr. 28, 2016. Available at: https://www.stats.gov.cn/tjsj/zxfb/201602.html. "
      "Last access: Mar. 2, 2024.";
  Work w = parse_work(dated);
  CHECK(w.year.value_or("<none>") == "2016");
  CHECK_FALSE(w.pages);  // "Apr. 28, 2016" is a date, not volume 28 and page 2016
  // Without a publication date, and for a translation's bare year, the first year stays.
  CHECK(parse_work("NBS – National Bureau of Statistics of China. 中国统计年鉴. 2015. Statistical communiqué on the "
                   "national economic and social development. Available at: https://www.stats.gov.cn/tjsj/zxfb/201602.html. "
                   "Last access: Mar. 2, 2024.")
            .year.value_or("<none>") == "2015");
  CHECK(parse_work("ADORNO, T. Negative Dialektik. Frankfurt am Main: Suhrkamp, 1966 (Trad. cast. Dialéctica negativa. "
                   "Madrid: Taurus, 1975).")
            .year.value_or("<none>") == "1966");
}

TEST_CASE("a tagged name span holding another script's title keeps to the rules' name") {
  Work w = parse_work("XINHUASHE. 年轻人为何越来越忙碌，我们如何应对？ [Why are young people ever busier?]. Xinhuashe, "
                      "Mar. 5, 2021. Available at: https://www.xinhuanet.com/busy/. Last access: Feb. 2, 2024.");
  REQUIRE(w.authors.size() == 1);
  CHECK(w.authors[0].family == "XINHUASHE");
}

// A name list that turns to another script after a full stop has run into a title or a
// journal's name; names in two scripts stay names.
TEST_CASE("a tagged name list does not keep a sentence in another script") {
  Work mixed = parse_work("Иванов И. И., Smith J. 2019. Кавказ и Россия. М.: Наука.");
  REQUIRE(mixed.authors.size() == 2);
  CHECK(mixed.authors[1].family == "Smith");
  CHECK(mixed.year.value_or("<none>") == "2019");
  Work w = parse_work("NBS – National Bureau of Statistics of China. 中国统计年鉴. 2015. Statistical communiqué on the "
                      "national economic and social development. Apr. 28, 2016.");
  CHECK(w.author_text.find("中国") == std::string::npos);
  CHECK(w.year.value_or("<none>") == "2016");  // the report's date, not the year it covers
}

// A period a title covers, written into it with no mark before it, is the title's; the
// entry's year stays the one after the names.
TEST_CASE("a second year glued to the title's last word is the title's") {
  Work w = parse_work("Santos, R. M., & Lima, P. (2020). Políticas de saúde no Brasil: análise dos planos de 2003 a 2018. "
                      "Hucitec Editora.");
  CHECK(w.year.value_or("<none>") == "2020");
  CHECK(w.title.value_or("<none>") == "Políticas de saúde no Brasil: análise dos planos de 2003 a 2018");
  // A mark before the year: the rule leaves it alone.
  Work c = parse_work("Aliyev, R. (2018). Oil and the state in Azerbaijan, 2014. Baku University Press.");
  CHECK(c.year.value_or("<none>") == "2018");
}

// "… inequality 56 (9) 4668-4673": with no journal named, the number the title ends in,
// right before an issue in brackets, is the volume.
TEST_CASE("a number closing the title before an issue in brackets is the volume") {
  Work w = parse_work("K. Petrov, L. Nowak, M. M. Sauer, A sharper form of hadamard's inequality 41 (3) 1204-1219. "
                      "arXiv:1203.04512");
  CHECK(w.title.value_or("<none>") == "A sharper form of hadamard's inequality");
  CHECK(w.volume.value_or("<none>") == "41");
  // A title that ends in a number with no issue after it keeps it.
  CHECK(parse_work("Rahimov, E. (2015). Local action plans under Agenda 21. Environmental Policy, 12(3), 45-67.")
            .title.value_or("<none>") == "Local action plans under Agenda 21");
}

TEST_CASE("an abbreviated journal keeps its stops and commas in a script without capitals") {
  // Nothing tells a stop that ends an abbreviation from one that ends a field without capitals:
  // the tagger's container runs on across them.
  Work w = parse_work("გელაშვილი, ჯ. 1997. ფიზიკური მოდელები. საქ. მეცნ. აკად. მოამბე, ფიზ. სერ. 386: 531–534.");
  CHECK(w.container.value_or("<none>") == "საქ. მეცნ. აკად. მოამბე, ფიზ. სერ");
  CHECK(w.pages.value_or("<none>") == "531–534");
}

TEST_CASE("a four-digit volume after a one-letter word") {
  CHECK(parse_work_rules("ვიხლინინი, ა. სმარტ-X. SPIE-ს შრომები, ტ. 8443, № 8, 2012.", {}).volume.value_or("<none>") == "8443");
  CHECK_FALSE(parse_work_rules("Kitayama, T. 1999. Ports. London: Verso.", {}).volume);
}

TEST_CASE("Arabic's and glued to a name with the article") {
  // "والخطيب" is "and al-Khatib"; "والي" (Wali) and "وليد" (Walid) are names.
  Work w = parse_work("الحسيني، علي، والخطيب، محمد. (2011). الموانئ. بيروت: دار العلم.");
  REQUIRE(w.authors.size() == 2);
  CHECK(w.authors[0].family == "الحسيني");
  CHECK(w.authors[1].family == "الخطيب");
  Work s = parse_work("السعدي، أحمد والنعيمي، خالد. (2015). التجارة البحرية. مجلة البحوث، 14(2)، 5–19.");
  REQUIRE(s.authors.size() == 2);
  CHECK(s.authors[1].family == "النعيمي");
  Work v = parse_work("والي، أحمد. (2011). الموانئ. بيروت: دار العلم.");
  REQUIRE_FALSE(v.authors.empty());
  CHECK(v.authors[0].family == "والي");
}

TEST_CASE("China's GB/T 7714: names up to the first full stop and the title up to the type mark") {
  Work a = parse_work("陈静, 刘洋, 赵强. 港口与城市发展[J]. 经济地理, 2018, 38(2): 45-52.");
  REQUIRE(a.authors.size() == 3);
  CHECK(a.authors[0].family == "陈静");
  CHECK(a.authors[2].family == "赵强");
  CHECK(a.title.value_or("<none>") == "港口与城市发展");
  CHECK(a.container.value_or("<none>") == "经济地理");
  CHECK(a.year.value_or("<none>") == "2018");
  CHECK(a.volume.value_or("<none>") == "38");
  CHECK(a.pages.value_or("<none>") == "45-52");
  Work b = parse_work("王明. 港口经济研究[M]. 上海: 上海人民出版社, 2010.");
  REQUIRE(b.authors.size() == 1);
  CHECK(b.authors[0].family == "王明");
  CHECK(b.title.value_or("<none>") == "港口经济研究");
  CHECK_FALSE(b.container);
}

TEST_CASE("Korean names are written whole: 이영희, 박민수") {
  Work w = parse_work("최지훈, 정수진, 강동원. (2018). 지역 경제론. 부산: 부산대학교출판부.");
  REQUIRE(w.authors.size() == 3);
  CHECK(w.authors[0].family == "최지훈");
  CHECK(w.authors[1].family == "정수진");
  CHECK(w.authors[2].family == "강동원");
}

TEST_CASE("Persian no date with the zero-width non-joiner: (بی‌تا)") {
  CHECK(parse_work("کریمی، رضا (بی\u200Cتا). اقتصاد بنادر. تهران: سمت.").year.value_or("<none>") == "n.d.");
  CHECK(parse_work("کریمی، رضا (بی تا). اقتصاد بنادر. تهران: سمت.").year.value_or("<none>") == "n.d.");
}

TEST_CASE("initials that spell a short et al. or no date are initials: Т. Б. J. T. U. C. Б. Д.") {
  // "т.б." (Kazakh), "jt" (Estonian), "u.c." (Latvian) mark et al. and "б. д." no date only in
  // lower case.
  Work ru = parse_work("Иванова Т. Б., Петров А. А. Порты // Вопросы истории. 2019. № 3. С. 40–52.");
  CHECK(ru.authors.size() == 2);
  Work en = parse_work("Smith, J. T., & Brown, K. (2010). Ports. Journal of History, 12(3), 45–67.");
  CHECK(en.authors.size() == 2);
  Work lv = parse_work("Bērziņš, U. C., Kalniņš, A. (2015). Ostas. Latvijas Vēsture, 12(3), 45–67.");
  CHECK(lv.authors.size() == 2);
  Work nd = parse_work("Соколов Б. Д. Торговля. М.: Наука, 2005. 200 с.");
  CHECK(nd.year.value_or("<none>") == "2005");
}
