// Tests for the heading helpers of parsers/reference_list.cpp and their tables
// (parsers/scripts/tables.cpp): reference headings in many languages, a heading printed with its
// translation, back-matter headings with labels, and the lines of a journal's closing block
// that end a list (but not the wrapped lines of an entry that open with the same words).
#include <catch2/catch.hpp>

#include <initializer_list>
#include <string>
#include <string_view>

#include "helpers.hpp"
#include "parsers/page_furniture.hpp"
#include "parsers/reference_list.hpp"

namespace citecheck {
// Defined in parsers/reference_list.cpp, not declared in its header (used by the list finder).
bool is_back_matter_heading(std::string_view line);
bool is_source_kind_heading(std::string_view line);
}  // namespace citecheck

using namespace citecheck;
using citecheck::test::doc_from;

namespace {

Document doc_of(std::initializer_list<std::string_view> lines) {
  std::string text;
  for (auto l : lines) {
    text += l;
    text += '\n';
  }
  return doc_from(text);
}

ReferenceListLayout list_of(const Document& d) { return find_reference_list(d, detect_page_furniture(d)); }

// A numbered list of two entries, then `line`, then a third entry: the list's last line is 3
// when `line` ends the list, 5 when the list runs on through it.
int list_end_around(std::string_view line) {
  Document d = doc_of({
      "References",
      "1. Light, Felix. 2023. Title One. Journal A 5: 1-10.",
      "2. Markedonov, Sergey. 2020. Title Two. Russia in Global Affairs 4: 7-19,",
      line,
      "3. Aliyev, Kamal. 2019. Title Three. Baku: Elm.",
  });
  return list_of(d).last_line;
}

}  // namespace

// --- 1. The headings table: cited and used literature in many languages -------------------------

TEST_CASE("Spanish and Portuguese headings: Literatura citada, Obras citadas, Referências bibliográficas", "[headings]") {
  for (const char* h : {"Literatura citada", "LITERATURA CITADA", "Literatura consultada", "Bibliografía citada",
                        "Bibliografia citada", "Obras citadas", "Referencias citadas", "Referências bibliográficas",
                        "REFERÊNCIAS BIBLIOGRÁFICAS", "Referencias bibliográficas", "Bibliografía consultada"}) {
    INFO(h);
    CHECK(is_reference_heading(h));
  }
}

TEST_CASE("Russian headings: Литературные ссылки, Цитированная литература, Библиографический список", "[headings]") {
  for (const char* h : {"Литературные ссылки", "ЛИТЕРАТУРНЫЕ ССЫЛКИ", "Список использованной литературы",
                        "Использованная литература", "Цитированная литература", "Библиографический список",
                        "Список литературных источников", "Литература:"}) {
    INFO(h);
    CHECK(is_reference_heading(h));
  }
}

TEST_CASE("Ukrainian and Belarusian headings: Список використаної літератури, Література", "[headings]") {
  for (const char* h : {"Список використаної літератури", "СПИСОК ВИКОРИСТАНОЇ ЛІТЕРАТУРИ", "Список літератури",
                        "Використана література", "Література", "Використані джерела", "Джерела та література",
                        "Спіс літаратуры", "Літаратура"}) {
    INFO(h);
    CHECK(is_reference_heading(h));
  }
}

TEST_CASE("Kazakh, Kyrgyz, Uzbek, Tatar and Azerbaijani headings: Әдебиеттер тізімі, Adabiyotlar ro'yxati", "[headings]") {
  for (const char* h : {"Әдебиеттер тізімі", "ӘДЕБИЕТТЕР ТІЗІМІ", "Пайдаланылған әдебиеттер тізімі", "Адабияттар",
                        "Колдонулган адабияттар", "Фойдаланилган адабиётлар", "Әдәбият", "Foydalanilgan adabiyotlar",
                        "Adabiyotlar ro'yxati", "Ədəbiyyat siyahısı"}) {
    INFO(h);
    CHECK(is_reference_heading(h));
  }
}

TEST_CASE("Malay, Scandinavian, Dutch, Finnish, Hungarian, Lithuanian, Hebrew, Hindi and Korean headings: Rujukan, Källor, Bronnen, ספרות, सन्दर्भ, 참고 문헌", "[headings]") {
  for (const char* h : {"Rujukan", "Daftar Rujukan", "Referensi", "Referenser", "Litteraturförteckning", "Källor",
                        "Referanser", "Litteraturliste", "Kilder", "Bronnen", "Referenties", "Viitteet",
                        "Lähdeluettelo", "Hivatkozott irodalom", "Literatūros sąrašas", "Izvori", "Bibliyografya",
                        "Kaynak Listesi", "Mənbələr", "Manbalar", "Использованные источники", "ספרות",
                        "רשימת ספרות", "सन्दर्भ", "संदर्भ ग्रंथ सूची", "참고 문헌", "Адабиёт", "سەرچاوەکان"}) {
    INFO(h);
    CHECK(is_reference_heading(h));
  }
}

TEST_CASE("Polish, Czech and Slovak headings: Literatura cytowana, Použitá literatura, Zoznam použitej literatúry", "[headings]") {
  for (const char* h : {"Literatura cytowana", "Bibliografia", "Wykaz literatury", "Použitá literatura",
                        "Seznam literatury", "Seznam použité literatury", "Zoznam použitej literatúry",
                        "Použitá literatúra", "Literatúra"}) {
    INFO(h);
    CHECK(is_reference_heading(h));
  }
}

TEST_CASE("Bulgarian and Serbian headings: Използвана литература, Цитирана литература, Коришћена литература", "[headings]") {
  for (const char* h : {"Използвана литература", "Литература", "Цитирана литература", "Коришћена литература",
                        "Библиографија", "Korišćena literatura"}) {
    INFO(h);
    CHECK(is_reference_heading(h));
  }
}

TEST_CASE("German, Italian, Romanian and Turkish headings: Zitierte Literatur, Riferimenti bibliografici, Referințe", "[headings]") {
  for (const char* h : {"Literaturverzeichnis", "Zitierte Literatur", "Quellen- und Literaturverzeichnis",
                        "Bibliografia citata", "Riferimenti bibliografici", "Bibliografie", "Referințe",
                        "Referinţe bibliografice", "Kaynakça", "KAYNAKLAR"}) {
    INFO(h);
    CHECK(is_reference_heading(h));
  }
}

TEST_CASE("Georgian, Armenian, Persian and Arabic kin: ციტირებული ლიტერატურა, Հղումներ, منابع و مراجع, مراجع", "[headings]") {
  for (const char* h : {"ციტირებული ლიტერატურა", "დამოწმებული ლიტერატურა", "ლიტერატურის სია", "Հղումներ",
                        "Օգտագործված գրականության ցանկ", "منابع و مراجع", "فهرست منابع و مآخذ", "مراجع",
                        "المراجع والمصادر", "قائمة المراجع والمصادر", "الببليوغرافيا"}) {
    INFO(h);
    CHECK(is_reference_heading(h));
  }
}

TEST_CASE("new heading words plus arbitrary words stay no heading", "[headings]") {
  CHECK_FALSE(is_reference_heading("Literatura citada en el capítulo anterior sobre la guerra"));
  CHECK_FALSE(is_reference_heading("Цитированная литература о войне"));
  CHECK_FALSE(is_reference_heading("Obras citadas 45"));  // a contents line
}

// --- 2. A heading printed with its translation ------------------------------------------------------

TEST_CASE("a heading with its translation in parentheses is a heading", "[headings]") {
  CHECK(is_reference_heading("References (Список використаної літератури)"));
  CHECK(is_reference_heading("Список литературы (References)"));
  CHECK(is_reference_heading("المصادر (References)"));
  CHECK(is_reference_heading("ლიტერატურა (References)"));
}

TEST_CASE("two headings joined by a slash, a bar or a dash are a heading", "[headings]") {
  CHECK(is_reference_heading("Bibliography / Библиография"));
  CHECK(is_reference_heading("Литература / References"));
  CHECK(is_reference_heading("REFERENCES – REFERÊNCIAS"));
  CHECK(is_reference_heading("Referencias — References"));
  CHECK(is_reference_heading("Kaynakça | References"));
  CHECK(is_reference_heading("Literatur/Literature"));
  CHECK(is_reference_heading("References - Referências"));
  CHECK(is_reference_heading("قائمة المصادر والمراجع / Bibliography"));
  CHECK(is_reference_heading("Список использованных источников и литературы / List of sources and literature"));
}

TEST_CASE("a translated heading keeps its numbering and fillers", "[headings]") {
  CHECK(is_reference_heading("7. References / Список литературы"));
  CHECK(is_reference_heading("IV. Bibliography (Библиография)"));
  CHECK(is_reference_heading("List of references / Список литературы:"));
}

TEST_CASE("a heading phrase with other words beside a separator is no heading", "[headings]") {
  CHECK_FALSE(is_reference_heading("References to the earlier work"));
  CHECK_FALSE(is_reference_heading("References – see the earlier chapter"));
  CHECK_FALSE(is_reference_heading("Bibliography / Notes on method"));
  CHECK_FALSE(is_reference_heading("Литература / о войне 2020 года"));
  CHECK_FALSE(is_reference_heading("Sources (interviews with officials in Tbilisi)"));
  CHECK_FALSE(is_reference_heading("Journal of Eurasian Studies / Bibliography / Review"));
}

// --- 3. Running heads with page numbers are no headings -------------------------------------------

TEST_CASE("a heading beside a page number is a running head, not a heading", "[headings]") {
  CHECK_FALSE(is_reference_heading("152 | References"));
  CHECK_FALSE(is_reference_heading("References | 153"));
  CHECK_FALSE(is_reference_heading("152 References"));
  CHECK_FALSE(is_reference_heading("References 153"));
  CHECK_FALSE(is_reference_heading("Chapter 3 References 87"));
  CHECK_FALSE(is_reference_heading("Список литературы – 153"));
  CHECK_FALSE(is_reference_heading("١٥٢ | المصادر"));
  // Section numbering before a heading is still numbering.
  CHECK(is_reference_heading("7 References"));
  CHECK(is_reference_heading("12. Bibliography"));
}

TEST_CASE("running heads with changing page numbers inside a list are neither headings nor entries", "[headings]") {
  Document d = doc_from(
      "Text of the article before the list.\n"
      "References\n"
      "Light, Felix. 2023. Title One. Journal A 5: 1-10.\n"
      "Markedonov, Sergey. 2020. Title Two. Russia in Global Affairs 4: 7-19.\n"
      "152 References\n"
      "\fReferences 153\n"
      "Aliyev, Kamal. 2019. Title Three. Baku: Elm.\n"
      "Baghdasaryan, Ani. 2021. Title Four. Yerevan: YSU Press.\n"
      "\f154 References\n"
      "Chkheidze, Nino. 2018. Title Five. Tbilisi: Ilia State University.\n"
      "Dzhaparidze, Levan. 2017. Title Six. Tbilisi: Artanuji.\n"
      "\fReferences 155\n"
      "Esenova, Aigul. 2016. Title Seven. Almaty: KazNU.\n");
  auto list = list_of(d);
  CHECK(list.info.heading_line == 2);
  CHECK(list.info.sections.empty());
  CHECK(list.last_line >= 13);
  // How the entries split is the list finder's; no entry holds a running head.
  REQUIRE_FALSE(list.entries.empty());
  for (const auto& e : list.entries) CHECK(e.text.find("References") == std::string::npos);
}

// --- 4. Closing-block terminators ----------------------------------------------------------------------

TEST_CASE("a line opening a journal's closing block ends the list: a colon or a date follows", "[headings]") {
  for (const char* l : {"Received: 3 May 2023", "Received 3 May 2023; accepted 12 June 2023",
                        "Accepted 12.05.2020", "ACCEPTED: 12 June 2020", "Published online: 4 July 2021",
                        "Поступила в редакцию 10.05.2023", "Поступила в редакцию 10 мая 2023 г.",
                        "Статья поступила: 01.02.2022", "Надійшла до редакції 15.03.2021",
                        "تاريخ الاستلام: ٢٠٢٢/٣/١٢", "تاريخ الاستلام ١٢ مارس ٢٠٢٢", "მიღებულია 12.03.2022",
                        "Geliş tarihi: 12.03.2022", "Received May 3, 2023", "Corresponding author: Ivan Petrov",
                        "E-mail: ivan.petrov@example.org", "Email ivan.petrov@example.org",
                        "Corresponding author. E-mail ivan.petrov@example.org", "Article history", "Received"}) {
    INFO(l);
    CHECK(is_back_matter_heading(l));
  }
}

TEST_CASE("terminator words opening an entry's wrapped line do not end the list", "[headings]") {
  for (const char* l : {"accepted for publication in Nature 12: 33-45.", "accepted. J. Biol. Chem. 295: 12-20.",
                        "received wisdom in the South Caucasus. Caucasus Survey 8: 1-20.",
                        "published by the Institute of Oriental Studies, 2019.", "Received Ideas. London: Verso, 2001.",
                        "принята к публикации в журнале Вопросы истории.", "Published 2019 by Routledge.",
                        "email correspondence with the author, 2020.",
                        "Published online https://medium.com/@caucasus/the-war-of-2020"}) {
    INFO(l);
    CHECK_FALSE(is_back_matter_heading(l));
  }
}

TEST_CASE("an entry continued by an 'accepted for publication' line keeps it, and the list goes on", "[headings]") {
  CHECK(list_end_around("accepted for publication in Nature 12: 33-45.") == 5);
  CHECK(list_end_around("received wisdom. Caucasus Survey 8: 1-20.") == 5);
  Document d = doc_of({
      "References",
      "1. Light, Felix. 2023. Title One. Journal A 5: 1-10.",
      "2. Markedonov, Sergey. 2020. Title Two. Forthcoming,",
      "accepted. J. Biol. Chem. 295: 12-20.",
      "3. Aliyev, Kamal. 2019. Title Three. Baku: Elm.",
  });
  auto list = list_of(d);
  REQUIRE(list.entries.size() == 3);
  CHECK(list.entries[1].last_line == 4);
}

TEST_CASE("a dated closing-block line after the list ends it", "[headings]") {
  CHECK(list_end_around("Received: 3 May 2023") == 3);
  CHECK(list_end_around("Поступила в редакцию 10.05.2023") == 3);
  CHECK(list_end_around("Accepted 12.05.2020") == 3);
}

// --- 5. Back matter with labels ---------------------------------------------------------------------

TEST_CASE("back-matter headings with a label end a list: Appendix 1, Приложение А, ملحق رقم 1", "[headings]") {
  for (const char* h : {"Appendix", "Appendix 1", "Appendix A", "APPENDIX B", "Appendix C", "Appendix IV",
                        "Appendix No. 2", "Appendices", "Anexo 1", "Anexos", "Apéndice 2", "Приложение 1",
                        "Приложение А", "Приложение № 3", "Додаток Б", "ملحق رقم 1", "ملحق رقم ١", "الملحق (٢)",
                        "پیوست ۱", "დანართი 1", "Supplementary material", "Supplementary Materials",
                        "Supporting information", "Table 1", "Table S1", "Table 1.2", "Figure 3",
                        "Figure captions", "List of figures", "List of tables", "Tables and figures",
                        "Таблица 2", "جدول ١", "Ek 1", "Appendix 1 / Приложение 1"}) {
    INFO(h);
    CHECK(is_back_matter_heading(h));
  }
}

TEST_CASE("a contents line or a long number after a back-matter word is no heading", "[headings]") {
  for (const char* l : {"Appendix ........ 154", "Appendix 1 ........ 154", "Appendix …… 154",
                        "Приложение . . . . . 154", "Appendix 2024", "Appendix 12345", "Table 1 shows the crossings",
                        "Appendix to the second edition", "152 | Appendix", "Appendix | 153"}) {
    INFO(l);
    CHECK_FALSE(is_back_matter_heading(l));
  }
}

TEST_CASE("a labelled appendix ends the list", "[headings]") {
  CHECK(list_end_around("Appendix 1") == 3);
  CHECK(list_end_around("Приложение А") == 3);
  CHECK(list_end_around("ملحق رقم ١") == 3);
  CHECK(list_end_around("Table 1") == 3);
  CHECK(list_end_around("Figure captions") == 3);
  CHECK(list_end_around("Supplementary material") == 3);
}

TEST_CASE("labels are for back matter: a reference heading with a label is still a contents line", "[headings]") {
  CHECK_FALSE(is_reference_heading("References 1"));
  CHECK_FALSE(is_reference_heading("Bibliography A1"));
}

TEST_CASE("source-kind sub-headings are unchanged: Books, أولاً: الكتب", "[headings]") {
  CHECK(is_source_kind_heading("Books"));
  CHECK(is_source_kind_heading("أولاً: الكتب"));
  CHECK_FALSE(is_source_kind_heading("Books 45"));
}

// --- Bounded work ---------------------------------------------------------------------------------------

TEST_CASE("heading tests on a very long line and on many heading-like lines stay fast", "[headings]") {
  std::string huge(20u << 20, 'a');
  for (std::size_t i = 0; i < huge.size(); i += 97) huge[i] = ' ';
  CHECK_FALSE(is_reference_heading(huge));
  CHECK_FALSE(is_back_matter_heading(huge));
  std::string separators;
  for (int i = 0; i < 200000; ++i) separators += "References / ";
  CHECK_FALSE(is_reference_heading(separators));
  std::string text;
  for (int i = 0; i < 100000; ++i) text += i % 2 ? "References / Литература\n" : "Appendix 1 — Приложение 1\n";
  Document d = doc_from(text);
  PageLayout layout = detect_page_furniture(d);
  int headings = 0;
  for (int i = 1; i <= d.line_count(); ++i) headings += is_reference_heading(d.line(i));
  CHECK(headings == 50000);
  CHECK(layout.flags.size() == 100000u);
}
