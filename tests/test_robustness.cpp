// Robustness: hostile inputs go through the whole pipeline (read_text → check_document →
// render_json / render_text) and come back with a report: no crash, no sanitizer report, no
// hang, no runaway memory. The "regression" cases are inputs found by the fuzzer
// (tests/fuzz/fuzz_check.cpp), minimised: each once aborted (an uncaught exception, or a
// signed overflow under UBSan).
// No timing assertions: a hang shows up as a test that does not return.
#include <catch2/catch.hpp>

#include <string>

#include "helpers.hpp"
#include "parsers/text_reader.hpp"
#include "src/pipeline.hpp"
#include "src/report_json.hpp"
#include "src/report_text.hpp"

using namespace citecheck;

namespace {

// Runs the bytes through the pipeline as the fuzz target does; returns the JSON report.
// Binary and UTF-16 input is refused with an InputError, which is a valid outcome.
std::string run_pipeline(std::string bytes) {
  Document doc;
  try {
    doc = read_text("robust.txt", std::move(bytes));
  } catch (const InputError&) {
    return "refused";
  }
  Report report;
  report.generated_at = "2026-01-01T00:00:00Z";
  report.documents.push_back(check_document(doc));
  std::string text = render_text(report, false);
  CHECK_FALSE(text.empty());
  return render_json(report);
}

std::string repeat(const std::string& s, std::size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (std::size_t i = 0; i < n; ++i) out += s;
  return out;
}

}  // namespace

// ---- Regressions from fuzzing (minimised inputs) ----

// std::stoi on an unbounded digit run of a page range (parsers/reference_fields.cpp:698,
// parse_work): throws std::out_of_range, nobody catches it → std::terminate (abort), in every
// build.
TEST_CASE("fuzz: huge second page number of a reference entry", "[robustness]") {
  std::string json = run_pipeline(std::string("Reference\nih,p.1-9999999999", 27));
  CHECK_FALSE(json.empty());
}

// Signed int overflow accumulating an entry label's digits (parsers/reference_list.cpp:252,
// entry_label, via entry_like ← find_reference_list): UB, aborts under UBSan.
TEST_CASE("fuzz: ten-digit entry label after a reference heading", "[robustness]") {
  std::string json = run_pipeline(std::string("Reference\n8446744073", 20));
  CHECK_FALSE(json.empty());
}

// Signed int overflow accumulating a run of superscript digits after a word
// (parsers/footnotes.cpp:226, marker_candidates ← find_footnotes): UB, aborts under UBSan.
TEST_CASE("fuzz: eleven superscript digits as a footnote marker", "[robustness]") {
  std::string json = run_pipeline("a" + repeat("\u00B9", 11));
  CHECK_FALSE(json.empty());
}

// The same overflow for a superscript label at the start of a line (parsers/footnotes.cpp:86,
// the Style::Superscript case of the body-label parser): UB, aborts under UBSan.
TEST_CASE("fuzz: eleven superscript digits as a footnote body label", "[robustness]") {
  std::string json = run_pipeline("a\n" + repeat("\u00B9", 11) + " b\n");
  CHECK_FALSE(json.empty());
}

// ---- Hand-written hostile inputs that pass. ----

TEST_CASE("robustness: 200 KB of opening parentheses", "[robustness]") {
  CHECK_FALSE(run_pipeline(std::string(200'000, '(')).empty());
}

TEST_CASE("robustness: 50,000 lines of only '((('", "[robustness]") {
  CHECK_FALSE(run_pipeline(repeat("(((\n", 50'000)).empty());
}

TEST_CASE("robustness: a 1 MB line of digits", "[robustness]") {
  CHECK_FALSE(run_pipeline(std::string(1'000'000, '7')).empty());
}

TEST_CASE("robustness: deeply nested brackets around a citation", "[robustness]") {
  std::string text = "Text " + repeat("([{", 20'000) + "Smith 2020" + repeat("}])", 20'000) +
                     "\n\nReferences\nSmith, J. 2020. Title.\n";
  CHECK_FALSE(run_pipeline(text).empty());
}

TEST_CASE("robustness: a 100 KB URL", "[robustness]") {
  std::string text = "See https://example.org/" + repeat("a/b-c_d?e=f&", 8'500) + " now.\n";
  std::string json = run_pipeline(text);
  CHECK(json.find("example.org") != std::string::npos);
}

TEST_CASE("robustness: 10,000 footnote-like lines '1 x'", "[robustness]") {
  CHECK_FALSE(run_pipeline("Text.1\n" + repeat("1 x\n", 10'000)).empty());
}

TEST_CASE("robustness: 20,000 lines of '1 1 1' and of '10.'", "[robustness]") {
  CHECK_FALSE(run_pipeline(repeat("1 1 1\n", 20'000)).empty());
  CHECK_FALSE(run_pipeline(repeat("10.\n", 20'000)).empty());
}

TEST_CASE("robustness: a numeric citation of 30,000 numbers", "[robustness]") {
  std::string text = "[" + repeat("1, ", 30'000) + "2]\n\nReferences\n[1] A. 2020.\n[2] B. 2021.\n";
  CHECK_FALSE(run_pipeline(text).empty());
}

TEST_CASE("robustness: marks, joiners, form feeds and DOI junk", "[robustness]") {
  std::string text =
      "\u200F\u0627\u0644\u0645\u0635\u0627\u062F\u0631\u200E\n"               // RLM المصادر LRM
      "e\u0301\u0301\u0301 (Mu\u0308ller 2020) \u0300(\u0301 2\u03010)\n"        // combining marks
      "a\u200Db\u200C(\u200DSmith\u200D 20\u200D20\u200D)\u200D\n\uFEFF[1\u200D]\n"  // joiners
      "Text\f1\f\f\n\f\n"                                                           // form feeds
      "doi:\ndoi:10.\ndoi: 10.1234/\nhttps://doi.org/\nhttps://doi.org/10.1234/%%%%\n"
      "http://\nhttps://\n<https://example.com/a-\nb>\nISBN 978-\n@@\n"
      "\n\nReferences\n\u2022\n- \n1.\n10.\n";
  CHECK_FALSE(run_pipeline(text).empty());
}
