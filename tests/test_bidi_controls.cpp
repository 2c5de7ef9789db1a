// Right-to-left lines as poppler and pdftotext extract them, back in logical order.
#include <catch2/catch.hpp>

#include "helpers.hpp"
#include "parsers/bidi_controls.hpp"

using namespace citecheck;

namespace {
const std::string kLre = "\xE2\x80\xAA", kRle = "\xE2\x80\xAB", kPdf = "\xE2\x80\xAC";
}

TEST_CASE("an Arabic line's Latin and numeric stretches come back in typing order") {
  // "(الخالدي، 2015)." extracted as RLE "(الخالدي" LRE ".)2015 ،" PDF PDF.
  std::string extracted = kRle + "(\xD8\xA7\xD9\x84\xD8\xAE\xD8\xA7\xD9\x84\xD8\xAF\xD9\x8A" + kLre + " .)2015 \xD8\x8C" + kPdf + kPdf;
  std::string logical = logical_line(extracted);
  CHECK(logical.find("2015") != std::string::npos);
  CHECK(logical.find(kRle) == std::string::npos);
  CHECK(logical.find(kLre) == std::string::npos);
  CHECK(logical.find("(\xD8\xA7\xD9\x84\xD8\xAE\xD8\xA7\xD9\x84\xD8\xAF\xD9\x8A") == 0);
  CHECK(logical.find("5102") == std::string::npos);
}

TEST_CASE("lines without embedding controls are unchanged") {
  CHECK(logical_line("(Smith 2020), p. 4") == "(Smith 2020), p. 4");
  CHECK_FALSE(has_embedding_controls("plain \xD8\xA7 text"));
  CHECK(has_embedding_controls("x" + kRle + "y"));
}

TEST_CASE("a pdftotext extraction of an Arabic page is read in logical order") {
  std::string text = kRle + "\xD9\x83\xD9\x85\xD8\xA7 \xD9\x82\xD8\xA7\xD9\x84 (" + kLre + "Smith and Jones 2019" + kPdf + ")." + kPdf + "\n";
  Document doc = citecheck::test::doc_from(text);
  CHECK(doc.text.find("Smith and Jones 2019") != std::string::npos);
  CHECK(doc.text.find("\xE2\x80\xAB") == std::string::npos);
  CHECK(doc.line_count() == 1);
}
