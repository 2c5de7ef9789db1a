// Focused end-to-end cases for the edge-case inputs in fixtures/manuscripts: an empty file, a
// BOM + CRLF file, a file with invalid UTF-8 bytes and a binary file; in-process and through
// the command line.
#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "fixture_support.hpp"

using namespace citecheck;
using namespace citecheck::test;

namespace {

std::string fixture_arg(const std::string& name) { return "\"" + fixture_path("manuscripts/" + name) + "\""; }

}  // namespace

TEST_CASE("Edge: an empty file gives an empty report", "[e2e][edge]") {
  const DocumentReport& r = fixture_report("empty.txt");
  CHECK(r.manuscript.references.empty());
  CHECK(r.manuscript.citations.empty());
  CHECK(r.manuscript.footnotes.empty());
  CHECK(r.manuscript.links.empty());
  INFO(findings_summary(r));
  CHECK(r.findings.empty());
}

TEST_CASE("Edge: the command line accepts an empty file with exit status 0", "[e2e][edge][cli]") {
  Run r = run_cli("check --offline " + fixture_arg("empty.txt"));
  INFO(r.out);
  CHECK(r.status == 0);
}

TEST_CASE("Edge: a BOM and CRLF line ends leave no trace in lines, columns or values", "[e2e][edge]") {
  Document d = read_text_file(fixture_path("manuscripts/crlf_bom.txt"));
  CHECK(d.line_count() == 12);
  CHECK(d.line(1) == "Nota de investigación");
  CHECK(d.text.find('\r') == std::string::npos);
  const DocumentReport& r = fixture_report("crlf_bom.txt");
  const Link* doi = link_valued(r, LinkKind::Doi, "10.36857/resu.2021.198.1693");
  REQUIRE(doi != nullptr);
  CHECK(doi->span.line == 10);
  CHECK(doi->span.column == 51);
  const Citation* c = citation_at(r, 5, "Fernández");
  REQUIRE(c != nullptr);
  CHECK(c->span.column == 28);
}

TEST_CASE("Edge: the CRLF Spanish note with 'y' between authors is clean", "[e2e][edge]") {
  const DocumentReport& r = fixture_report("crlf_bom.txt");
  CHECK(r.manuscript.references.size() == 2);
  CHECK(linked_line(r, citation_at(r, 4, "García")) == 11);
  INFO(findings_summary(r));
  CHECK(r.findings.empty());
}

TEST_CASE("Edge: invalid UTF-8 bytes are reported at their line and column", "[e2e][edge]") {
  const DocumentReport& r = fixture_report("invalid_utf8.txt");
  int n = 0;
  for (const auto& f : r.findings) {
    if (f.code != "invalid-utf8") continue;
    ++n;
    CHECK(f.severity == Severity::Warning);
    CHECK((f.span.line == 3 || f.span.line == 6));
  }
  CHECK(n >= 2);
  CHECK(has_finding(r, "invalid-utf8", 3, 0));
  CHECK(has_finding(r, "invalid-utf8", 6, 0));
}

TEST_CASE("Edge: after invalid UTF-8 the two one-line entries are still two entries", "[e2e][edge]") {
  const DocumentReport& r = fixture_report("invalid_utf8.txt");
  CHECK(r.manuscript.references.size() == 2);
  CHECK(linked_line(r, citation_at(r, 4, "Moreau")) == 11);
  CHECK(linked_line(r, citation_at(r, 4, "Keller")) == 10);
}

TEST_CASE("Edge: a binary file is refused with a reason", "[e2e][edge]") {
  CHECK_THROWS_AS(read_text_file(fixture_path("manuscripts/binary.bin")), InputError);
}

TEST_CASE("Edge: the command line refuses a binary file with exit status 3 (unreadable input) and one line", "[e2e][edge][cli]") {
  Run r = run_cli("check --offline " + fixture_arg("binary.bin"));
  INFO(r.out);
  CHECK(r.status == 3);
  CHECK(r.out.find("binary.bin") != std::string::npos);
}

TEST_CASE("Edge: the command line exits 1 on a manuscript with error findings, 0 on a clean one",
          "[e2e][edge][cli]") {
  CHECK(run_cli("check --offline " + fixture_arg("ru_labour_small_towns.txt")).status == 1);
  CHECK(run_cli("check --offline " + fixture_arg("hy_dialect_classification_clean.txt")).status == 0);
}
