// The CSV report's fields follow RFC 4180: quoted only when they must be, quotes doubled.
#include <catch2/catch.hpp>

#include <sstream>

#include "helpers.hpp"
#include "src/pipeline.hpp"
#include "src/report_csv.hpp"

using namespace citecheck;

TEST_CASE("CSV fields are quoted when they hold a comma, a quote or a line end", "[report_csv]") {
  CHECK(csv_field("year-mismatch") == "year-mismatch");
  CHECK(csv_field("Rahimov, Elnur") == "\"Rahimov, Elnur\"");
  CHECK(csv_field("the title \"Ports\"") == "\"the title \"\"Ports\"\"\"");
  CHECK(csv_field("two\nlines") == "\"two\nlines\"");
  CHECK(csv_field("carriage\rreturn") == "\"carriage\rreturn\"");
  CHECK(csv_field("العبيدي ٢٠١٩؛ ٤٥") == "العبيدي ٢٠١٩؛ ٤٥");  // the Arabic comma is no separator
  CHECK(csv_field("") == "");
}

TEST_CASE("the CSV report has a header and one CRLF-ended row per finding", "[report_csv]") {
  Report r;
  r.documents.push_back(check_document(citecheck::test::doc_from(
      citecheck::test::read_file(citecheck::test::fixture_path("cli/errors.txt")))));
  std::ostringstream out;
  write_csv(r, out);
  const std::string csv = out.str();
  CHECK(csv.rfind("document,line,column,severity,code,fingerprint,message\r\n", 0) == 0);
  std::size_t rows = 0;
  for (std::size_t at = csv.find("\r\n"); at != std::string::npos; at = csv.find("\r\n", at + 2)) ++rows;
  CHECK(rows == 1 + r.documents[0].findings.size());
  CHECK(csv.find("\ntest.txt,6,7,error,citation-without-reference,") != std::string::npos);
  CHECK(csv.find(",\"cited year 2019 differs from the reference entry's 2021 (entry “Rahimov, Elnur & Keller (2021)”, line 11)\"\r\n") !=
        std::string::npos);
}
