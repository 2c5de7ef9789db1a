// Tests for parsers/page_furniture.cpp: the lines a PDF extraction adds around the text —
// page numbers, running heads, separators, bare link lines — which later parsers skip.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "helpers.hpp"
#include "parsers/page_furniture.hpp"
#include "parsers/unicode_text.hpp"

using namespace citecheck;
using citecheck::test::doc_from;

namespace {

// Flags of the one line of a one-line document.
bool line_is(const std::string& line, LineFlag flag) {
  Document d = doc_from(line);
  PageLayout layout = detect_page_furniture(d);
  REQUIRE(layout.flags.size() == 1);
  return layout.has(1, flag);
}

}  // namespace

// --- Page numbers ---------------------------------------------------------------------------

TEST_CASE("a bare number on its own line is a page number") {
  CHECK(line_is("12", kPageNumber));
  CHECK(line_is("  7  ", kPageNumber));
}

TEST_CASE("dashed page numbers: - 12 - and — 12 —") {
  CHECK(line_is("- 12 -", kPageNumber));
  CHECK(line_is("— 12 —", kPageNumber));
}

TEST_CASE("page numbers in Arabic-Indic and Persian digits") {
  CHECK(line_is("١٢", kPageNumber));
  CHECK(line_is("- ٣ -", kPageNumber));
  CHECK(line_is("۱۴", kPageNumber));
}

TEST_CASE("page numbers with a word: Page 12, p. 12, صفحة ٥, стр. 5, გვ. 5, 12 of 30") {
  CHECK(line_is("Page 12", kPageNumber));
  CHECK(line_is("p. 12", kPageNumber));
  CHECK(line_is("صفحة ٥", kPageNumber));
  CHECK(line_is("стр. 5", kPageNumber));
  CHECK(line_is("გვ. 5", kPageNumber));
  CHECK(line_is("12 of 30", kPageNumber));
  CHECK(line_is("٥ من ٣٠", kPageNumber));
}

TEST_CASE("a page number beside the journal's name: 12 | Caucasus Survey") {
  // Regression: the header names "12 | Journal" as a page number; the pattern has no such form.
  CHECK(line_is("12 | Caucasus Survey", kPageNumber));
}

TEST_CASE("a bracketed page number alone on a line: [12]") {
  // Regression: the pattern's comment lists "[12]" alone as a page number; it is not matched.
  CHECK(line_is("[12]", kPageNumber));
}

TEST_CASE("a reference label or a line of text with numbers is no page number") {
  CHECK_FALSE(line_is("12.", kPageNumber));
  CHECK_FALSE(line_is("1. Light, Felix. 2023.", kPageNumber));
  CHECK_FALSE(line_is("2 1988-1994 წლები", kPageNumber));
  CHECK_FALSE(line_is("მე-3", kPageNumber));
}

TEST_CASE("a page number is page furniture") {
  Document d = doc_from("text\n- 12 -\ntext");
  PageLayout layout = detect_page_furniture(d);
  CHECK(layout.furniture(2));
  CHECK_FALSE(layout.furniture(1));
}

// --- Page starts --------------------------------------------------------------------------------

TEST_CASE("a form feed marks a page start, and a page number after it is still a page number") {
  Document d = doc_from("end of page one\n\f12\nსამხრეთ კავკასია");
  PageLayout layout = detect_page_furniture(d);
  CHECK(layout.has(2, kPageStart));
  CHECK(layout.has(2, kPageNumber));
  CHECK_FALSE(layout.has(3, kPageStart));
}

TEST_CASE("a form feed before text marks the page start without making the line furniture") {
  Document d = doc_from("one\n\fგამოყენებული ლიტერატურა");
  PageLayout layout = detect_page_furniture(d);
  CHECK(layout.has(2, kPageStart));
  CHECK_FALSE(layout.furniture(2));
}

// --- Blank lines and separators ------------------------------------------------------------------

TEST_CASE("empty and white-space-only lines are blank") {
  Document d = doc_from("a\n\n   \t\n\u00A0\u200B\nb");
  PageLayout layout = detect_page_furniture(d);
  CHECK(layout.has(2, kBlank));
  CHECK(layout.has(3, kBlank));
  CHECK(layout.has(4, kBlank));
  CHECK_FALSE(layout.has(5, kBlank));
}

TEST_CASE("lines without letters or digits are separators: underscores, a lone dash, spaced asterisks") {
  CHECK(line_is("____________", kSeparator));
  CHECK(line_is("-", kSeparator));
  CHECK(line_is("* * *", kSeparator));
  CHECK(line_is("—————", kSeparator));
  CHECK_FALSE(line_is("- 2 -", kSeparator));
}

TEST_CASE("a stray lone - between reference entries is furniture") {
  Document d = doc_from("1. Light, Felix. 2023. Title.\n-\n2. Markedonov, Sergey. 2020.");
  PageLayout layout = detect_page_furniture(d);
  CHECK(layout.has(2, kSeparator));
  CHECK(layout.furniture(2));
  CHECK_FALSE(layout.furniture(1));
}

// --- Bare link lines (PDF link annotations) ---------------------------------------------------

TEST_CASE("a line holding nothing but a URL is a link annotation") {
  CHECK(line_is("https://www.crisisgroup.org/europe-central-asia/caucasus", kLinkAnnotation));
  CHECK(line_is("  www.civil.ge/archives/372939  ", kLinkAnnotation));
  CHECK(line_is("mailto:editor@caucasus-survey.org", kLinkAnnotation));
}

TEST_CASE("a line with a URL and words is no link annotation") {
  CHECK_FALSE(line_is("Available at https://www.crisisgroup.org/caucasus", kLinkAnnotation));
  CHECK_FALSE(line_is("- 2023 . https://www.example.org/report", kLinkAnnotation));
}

TEST_CASE("a link annotation is not furniture: its URL is still checked") {
  Document d = doc_from("https://www.crisisgroup.org/caucasus");
  PageLayout layout = detect_page_furniture(d);
  CHECK(layout.has(1, kLinkAnnotation));
  CHECK_FALSE(layout.furniture(1));
}

// --- Running heads ---------------------------------------------------------------------------------

TEST_CASE("a short line repeated on three pages is a running head") {
  Document d = doc_from(
      "Caucasus Survey\nფაქტობრივი ტექსტი პირველ გვერდზე.\n\f"
      "Caucasus Survey\nმეორე გვერდის ტექსტი.\n\f"
      "Caucasus Survey\nმესამე გვერდის ტექსტი.");
  PageLayout layout = detect_page_furniture(d);
  CHECK(layout.has(1, kRunningHead));
  CHECK(layout.has(2, kRunningHead) == false);
  CHECK(layout.furniture(1));
}

TEST_CASE("an Arabic running head repeated with different page numbers is recognised") {
  Document d = doc_from(
      "المجلة الدولية للدراسات الإقليمية\nنص الصفحة الأولى.\n١\n\f"
      "المجلة الدولية للدراسات الإقليمية\nنص الصفحة الثانية.\n٢\n\f"
      "المجلة الدولية للدراسات الإقليمية\nنص الصفحة الثالثة.\n٣");
  PageLayout layout = detect_page_furniture(d);
  CHECK(layout.has(1, kRunningHead));
  CHECK(layout.has(3, kPageNumber));
  CHECK_FALSE(layout.has(2, kRunningHead));
}

TEST_CASE("a short line that appears only twice is no running head") {
  Document d = doc_from("Introduction\ntext\n\fIntroduction\nmore text");
  PageLayout layout = detect_page_furniture(d);
  CHECK_FALSE(layout.has(1, kRunningHead));
}

TEST_CASE("a running head is found even when a form feed starts its line") {
  // PDF extractions put the form feed on the first line of the page: "\fCaucasus Survey".
  Document d = doc_from("Caucasus Survey\ntext one\n\fCaucasus Survey\ntext two\n\fCaucasus Survey\ntext three");
  PageLayout layout = detect_page_furniture(d);
  CHECK(layout.has(1, kRunningHead));
  CHECK(layout.has(3, kRunningHead));
  CHECK(layout.has(5, kRunningHead));
}

TEST_CASE("flags has one entry per line") {
  Document d = doc_from("a\nb\nc\n");
  CHECK(detect_page_furniture(d).flags.size() == 3);
}

// --- Running heads that carry the page number -------------------------------------------------------

namespace {

// A document of `pages` pages: each opens with `head(page)` (when not empty), then `body`
// lines of text, then `foot(page)` (when not empty). Pages after the first begin with a form
// feed, as PDF extractions write them.
template <typename Head, typename Foot>
std::string paged_text(int pages, int body, Head head, Foot foot, bool form_feeds = true) {
  std::string text;
  for (int p = 0; p < pages; ++p) {
    if (p > 0 && form_feeds) text += '\f';
    std::string h = head(p), f = foot(p);
    // Without digits, and (body lines) longer than any running head, so that only the heads
    // and feet under test recur.
    text += h.empty() ? std::string("Opening line of page ") + static_cast<char>('A' + p % 26) : h;
    text += '\n';
    for (int b = 0; b < body; ++b)
      text += "Body text of the page that goes on and on, line after line, well past a short line's length.\n";
    if (!f.empty()) text += f + '\n';
  }
  return text;
}

std::string none(int) { return ""; }

}  // namespace

TEST_CASE("a running head whose page number changes is a running head: 152 References, References 153") {
  // Alternating layout: the number stands outside, left on even pages, right on odd ones.
  std::string text = paged_text(4, 5, [](int p) {
    return p % 2 ? "References " + std::to_string(152 + p) : std::to_string(152 + p) + " References";
  }, none);
  Document d = doc_from(text);
  PageLayout layout = detect_page_furniture(d);
  for (int i = 1; i <= d.line_count(); ++i) {
    std::string_view l = trim(d.line(i));
    INFO(i << ": " << l);
    if (l.find("References") != std::string_view::npos) CHECK(layout.has(i, kRunningHead));
    else CHECK_FALSE(layout.has(i, kRunningHead));
  }
}

TEST_CASE("running heads with a bar, a chapter number or a page foot: 152 | References, Chapter 3 References 87") {
  Document bar = doc_from(paged_text(3, 4, [](int p) { return std::to_string(152 + p) + " | References"; }, none));
  PageLayout a = detect_page_furniture(bar);
  CHECK(a.has(1, kRunningHead));
  CHECK(a.has(6, kRunningHead));
  CHECK(a.has(11, kRunningHead));

  Document chapter = doc_from(paged_text(3, 4, [](int p) { return "Chapter 3 References " + std::to_string(87 + p); }, none));
  PageLayout b = detect_page_furniture(chapter);
  CHECK(b.has(1, kRunningHead));
  CHECK(b.has(6, kRunningHead));
  CHECK(b.has(11, kRunningHead));

  // At the foot of the page, with the journal's volume constant and the page changing.
  Document foot2 = doc_from(paged_text(3, 4, [](int) { return std::string(); },
                                       [](int p) { return "Caucasus Survey 11(2) " + std::to_string(41 + p); }));
  PageLayout c2 = detect_page_furniture(foot2);
  CHECK(c2.has(6, kRunningHead));
  CHECK(c2.has(12, kRunningHead));
  CHECK(c2.has(18, kRunningHead));
}

TEST_CASE("running heads with page numbers in Arabic-Indic, Persian and Cyrillic pages") {
  const char* arabic_digits[] = {"١٥٢", "١٥٣", "١٥٤"};
  Document ar = doc_from(paged_text(3, 4, [&](int p) { return std::string("المصادر والمراجع ") + arabic_digits[p]; }, none));
  PageLayout a = detect_page_furniture(ar);
  CHECK(a.has(1, kRunningHead));
  CHECK(a.has(6, kRunningHead));
  CHECK(a.has(11, kRunningHead));

  const char* persian_digits[] = {"۱۲", "۱۳", "۱۴"};
  Document fa = doc_from(paged_text(3, 4, [&](int p) { return std::string(persian_digits[p]) + " | فهرست منابع"; }, none));
  CHECK(detect_page_furniture(fa).has(11, kRunningHead));

  Document ru = doc_from(paged_text(3, 4, [](int p) { return "Список литературы " + std::to_string(20 + p); }, none));
  PageLayout r = detect_page_furniture(ru);
  CHECK(r.has(1, kRunningHead));
  CHECK(r.has(11, kRunningHead));

  Document ka = doc_from(paged_text(3, 4, [](int p) { return std::to_string(5 + p) + " გამოყენებული ლიტერატურა"; }, none));
  CHECK(detect_page_furniture(ka).has(6, kRunningHead));
}

TEST_CASE("a heading without a number is not taken for the running head that repeats its word") {
  Document d = doc_from(
      "Text of the article.\nReferences\nLight, Felix. 2023. Title One.\n152 References\n"
      "\fReferences 153\nMarkedonov, Sergey. 2020. Title Two.\n"
      "\f154 References\nAliyev, Kamal. 2019. Title Three.\n");
  PageLayout layout = detect_page_furniture(d);
  CHECK_FALSE(layout.has(2, kRunningHead));
  CHECK(layout.has(4, kRunningHead));
  CHECK(layout.has(5, kRunningHead));
  CHECK(layout.has(7, kRunningHead));
}

TEST_CASE("notes such as Ibid., 45. that recur with other numbers are no running heads") {
  // At the foot of their pages, but their numbers do not follow the pages.
  const int locators[] = {45, 12, 78, 46};
  Document d = doc_from(paged_text(4, 4, none, [&](int p) { return "Ibid., " + std::to_string(locators[p]) + "."; }));
  PageLayout layout = detect_page_furniture(d);
  for (int i = 1; i <= d.line_count(); ++i) CHECK_FALSE(layout.has(i, kRunningHead));
  // With the note's number before it, two numbers change: no page number.
  Document n = doc_from(paged_text(3, 4, none, [](int p) {
    return std::to_string(10 + 3 * p) + " Там же. С. " + std::to_string(20 + p) + ".";
  }));
  PageLayout nl = detect_page_furniture(n);
  for (int i = 1; i <= n.line_count(); ++i) CHECK_FALSE(nl.has(i, kRunningHead));
}

TEST_CASE("a numbered line in the middle of its pages is no running head") {
  // "Figure 1", "Figure 2", "Figure 3" one a page, in the page's middle: not at its top or foot.
  std::string text;
  for (int p = 0; p < 3; ++p) {
    if (p) text += '\f';
    text += "Opening line.\nSecond line.\nThird line.\nFourth line.\nFigure " + std::to_string(p + 1) +
            "\nSixth line.\nSeventh line.\nEighth line.\nNinth line.\n";
  }
  Document d = doc_from(text);
  PageLayout layout = detect_page_furniture(d);
  REQUIRE(trim(d.line(14)) == "Figure 2");
  CHECK_FALSE(layout.has(5, kRunningHead));
  CHECK_FALSE(layout.has(14, kRunningHead));
  CHECK_FALSE(layout.has(23, kRunningHead));
}

TEST_CASE("a numbered running head twice only is no running head") {
  Document d = doc_from(paged_text(2, 4, [](int p) { return "References " + std::to_string(152 + p); }, none));
  PageLayout layout = detect_page_furniture(d);
  CHECK_FALSE(layout.has(1, kRunningHead));
}

TEST_CASE("without form feeds a running head is found by its page numbers a page apart") {
  // A copy without page breaks: the head every 22 lines, its number rising by one.
  Document d = doc_from(paged_text(4, 20, [](int p) { return "Bibliography " + std::to_string(201 + p); },
                                   [](int p) { return p == 1 ? std::string("Ibid., 17.") : std::string(); }, false));
  PageLayout layout = detect_page_furniture(d);
  REQUIRE(trim(d.line(65)) == "Bibliography 204");
  CHECK(layout.has(1, kRunningHead));
  CHECK(layout.has(22, kRunningHead));
  CHECK(layout.has(44, kRunningHead));
  CHECK(layout.has(65, kRunningHead));
  CHECK_FALSE(layout.has(43, kRunningHead));
  // Numbers that do not rise a page at a time, or lines too close together, are text.
  Document close = doc_from("Table 1\nrow\nTable 2\nrow\nTable 3\nrow\n");
  PageLayout cl = detect_page_furniture(close);
  CHECK_FALSE(cl.has(1, kRunningHead));
  CHECK_FALSE(cl.has(5, kRunningHead));
  Document jumps = doc_from(paged_text(3, 20, [](int p) { return "Ibid., " + std::to_string(p == 1 ? 90 : 40 + p) + "."; },
                                       none, false));
  PageLayout jl = detect_page_furniture(jumps);
  CHECK_FALSE(jl.has(1, kRunningHead));
}

TEST_CASE("many short numbered lines keep page furniture linear") {
  std::string text;
  for (int i = 0; i < 200000; ++i) {
    if (i % 40 == 0) text += '\f';
    text += "Line " + std::to_string(i) + " of text " + std::to_string(i % 7) + "\n";
  }
  Document d = doc_from(text);
  PageLayout layout = detect_page_furniture(d);
  CHECK(layout.flags.size() == 200000u);
}

TEST_CASE("numbered captions at the tops of later pages are no running heads, a book's long bibliography is") {
  // "Table 1" to "Table 3" open pages 9 to 11: the numbers are far below the pages' ordinals.
  Document tables = doc_from(paged_text(12, 4, [](int p) {
    return p >= 8 && p <= 10 ? "Table " + std::to_string(p - 7) : std::string();
  }, none));
  PageLayout t = detect_page_furniture(tables);
  REQUIRE(trim(tables.line(41)) == "Table 1");
  CHECK_FALSE(t.has(41, kRunningHead));
  CHECK_FALSE(t.has(46, kRunningHead));
  CHECK_FALSE(t.has(51, kRunningHead));
  // A book numbers its pages after twelve pages of front matter: its bibliography's head on
  // five pages is a running head all the same.
  Document book = doc_from(paged_text(18, 4, [](int p) {
    return p >= 13 ? "Bibliography " + std::to_string(p - 12) : std::string();
  }, none));
  PageLayout b = detect_page_furniture(book);
  REQUIRE(trim(book.line(66)) == "Bibliography 1");
  CHECK(b.has(66, kRunningHead));
  CHECK(b.has(86, kRunningHead));
  // Without form feeds, likewise: "Figure 1" to "Figure 3" a page apart, deep in the text.
  Document figures = doc_from(paged_text(14, 20, [](int p) {
    return p >= 10 && p <= 12 ? "Figure " + std::to_string(p - 9) : std::string();
  }, none, false));
  PageLayout f = detect_page_furniture(figures);
  REQUIRE(trim(figures.line(211)) == "Figure 1");
  CHECK_FALSE(f.has(211, kRunningHead));
  CHECK_FALSE(f.has(232, kRunningHead));
}

namespace {

// `count` pages of `lines_per_page` lines of prose, without form feeds; `head` (when not
// empty) opens every page.
std::string unpaged_pages(int count, int lines_per_page, const std::string& head) {
  std::string text;
  for (int p = 0; p < count; ++p) {
    if (!head.empty()) text += head + "\n";
    for (int l = 0; l < lines_per_page; ++l)
      text += "The argument of the chapter goes on here, line " + std::to_string(l) + " of page " +
              std::to_string(p) + ".\n";
  }
  return text;
}

}  // namespace

TEST_CASE("without form feeds a short line atop every page is a running head") {
  Document d = doc_from(unpaged_pages(6, 45, "Journal of Caucasian Studies"));
  PageLayout layout = detect_page_furniture(d);
  CHECK(layout.has(1, kRunningHead));
  CHECK(layout.has(47, kRunningHead));
}

TEST_CASE("without form feeds a heading that closes every chapter is no running head") {
  // Three chapters of several pages each, each closed by its own list under one heading.
  std::string text;
  std::vector<int> heading_lines;
  for (int chapter = 0; chapter < 3; ++chapter) {
    text += unpaged_pages(5, 44, "");
    heading_lines.push_back(static_cast<int>(std::count(text.begin(), text.end(), '\n')) + 1);
    text += "Bibliography\nAbashidze, N. (2019). Title of a work. Tbilisi: Press.\n";
  }
  Document d = doc_from(text);
  PageLayout layout = detect_page_furniture(d);
  for (int line : heading_lines) {
    CHECK(d.line(line) == "Bibliography");
    CHECK_FALSE(layout.has(line, kRunningHead));
  }
}

TEST_CASE("without form feeds an entry's tail line repeated at irregular gaps is no running head") {
  // "CrossRef Medline" alone on the last line of one entry in several, 15 to 50 lines apart:
  // the tail of entries, not the head of pages.
  std::string text = "References\n";
  std::vector<int> tails;
  const int entry_lines[] = {19, 35, 22, 48, 27, 41, 16, 30};
  int line = 1;
  for (int lines : entry_lines) {
    for (int l = 0; l < lines - 1; ++l) {
      text += l == 0 ? "Author AB, Other CD (" + std::to_string(1990 + line % 30) + ") A title of work " + std::to_string(line) + ". J Biol 12:45-56.\n"
                     : "continued text of the entry, its title and its journal, line " + std::to_string(line) + "\n";
      ++line;
    }
    text += "CrossRef Medline\n";
    tails.push_back(++line);
  }
  Document d = doc_from(text);
  PageLayout layout = detect_page_furniture(d);
  for (int tail : tails) {
    CHECK(d.line(tail) == "CrossRef Medline");
    CHECK_FALSE(layout.has(tail, kRunningHead));
  }
}

TEST_CASE("without form feeds a head beside its page number is a running head, however long the pages") {
  // Pages of different lengths (figures take room), each with "PLOS ONE" and its number.
  std::string text;
  std::vector<int> heads;
  const int page_lines[] = {60, 34, 52, 41, 63};
  int line = 0;
  for (int p = 0; p < 5; ++p) {
    for (int l = 0; l < page_lines[p]; ++l, ++line) text += "Body text of the article goes on and on, line " + std::to_string(l) + ".\n";
    text += "PLOS ONE\n";
    heads.push_back(++line);
    text += std::to_string(p + 1) + " / 5\n";
    ++line;
  }
  Document d = doc_from(text);
  PageLayout layout = detect_page_furniture(d);
  for (int head : heads) {
    CHECK(d.line(head) == "PLOS ONE");
    CHECK(layout.has(head, kRunningHead));
  }
}
