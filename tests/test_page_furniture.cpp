// Tests for parsers/page_furniture.cpp: the lines a PDF extraction adds around the text —
// page numbers, running heads, separators, bare link lines — which later parsers skip.
#include <catch2/catch.hpp>

#include <string>

#include "helpers.hpp"
#include "parsers/page_furniture.hpp"

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
