#include <catch2/catch.hpp>

#include "helpers.hpp"
#include "parsers/text_reader.hpp"

using namespace citecheck;

TEST_CASE("a BOM is stripped and CRLF becomes LF") {
  Document d = read_text("x.txt", "\xEF\xBB\xBFline one\r\nline two\r\n");
  REQUIRE(d.line_count() == 2);
  CHECK(d.line(1) == "line one");
  CHECK(d.line(2) == "line two");
  CHECK(d.issues.empty());
}
