// Tests for parsers/raised_markers.cpp: right-to-left note numbers that a PDF-to-text
// extraction wrote on a line of their own, before a blank line.
#include <catch2/catch.hpp>

#include <string>

#include "helpers.hpp"
#include "parsers/raised_markers.hpp"

using namespace citecheck;
using citecheck::test::doc_from;

namespace {

std::string text_at(const Document& d, const ByteRange& r) { return d.text.substr(r.begin, r.end - r.begin); }

}  // namespace

TEST_CASE("a lone number between right-to-left lines, before a blank line, is a raised marker") {
  Document d = doc_from(
      "منها اتصال الحروف وتغير أشكالها\n"
      "  12 \n"
      "\n"
      "بحسب موقعها في الكلمة.\n"
      "وقد استخدمنا مجموعة بيانات\n"
      "٣\n"
      "\n"
      "من المخطوطات المحفوظة.\n");
  auto markers = raised_rtl_markers(d);
  REQUIRE(markers.size() == 2);
  CHECK(text_at(d, markers[0]) == "12");
  CHECK(text_at(d, markers[1]) == "٣");  // Arabic-Indic digits too
  CHECK(raised_marker_at_line_start(markers, d, d.line_begin(2)) == 0);
  CHECK(raised_marker_at_line_start(markers, d, d.line_begin(6)) == 1);
  CHECK(raised_marker_at_line_start(markers, d, d.line_begin(4)) == -1);
}

TEST_CASE("no raised marker: left-to-right text, a page break, four digits, no blank line after") {
  CHECK(raised_rtl_markers(doc_from("The archive holds\n3\n\nthree collections.\n")).empty());
  CHECK(raised_rtl_markers(doc_from("آخر سطر في الصفحة\n7\n\n\fأول سطر في الصفحة التالية\n")).empty());
  CHECK(raised_rtl_markers(doc_from("سطر من النص\n2024\n\nسطر آخر من النص\n")).empty());
  CHECK(raised_rtl_markers(doc_from("سطر من النص\n4\nسطر آخر من النص\n")).empty());
  CHECK(raised_rtl_markers(doc_from("")).empty());
}
