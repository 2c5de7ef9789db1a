// fuzz_check.cpp — libFuzzer target: arbitrary bytes through the whole pipeline
// (read_text → check_document → every report format). A crash, a sanitizer report, a
// hang or runaway memory on any input is a bug; an InputError (binary, UTF-16) is the
// documented refusal and ends the run for that input.
//
// Opt-in build (clang only), see tests/CMakeLists.txt:
//   cmake -S . -B build-fuzz -G Ninja -DCMAKE_CXX_COMPILER=clang++ \
//         -DCITECHECK_SANITIZE=ON -DCITECHECK_FUZZ=ON
//   cmake --build build-fuzz --target citecheck-fuzz
//   build-fuzz/tests/citecheck-fuzz -max_len=4096 -timeout=10 -rss_limit_mb=2048 CORPUS_DIR
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <utility>

#include "parsers/text_reader.hpp"
#include "src/pipeline.hpp"
#include "src/report_formats.hpp"
#include "src/report_json.hpp"
#include "src/report_text.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string bytes(reinterpret_cast<const char*>(data), size);
  citecheck::Document doc;
  try {
    doc = citecheck::read_text("fuzz.txt", std::move(bytes));
  } catch (const citecheck::InputError&) {
    return 0;  // binary or UTF-16 input: refused with a message, as documented
  }
  citecheck::Report report;
  report.generated_at = "2026-01-01T00:00:00Z";
  report.documents.push_back(citecheck::check_document(doc));
  std::string json = citecheck::render_json(report);
  std::string text = citecheck::render_text(report, false);
  std::string coloured = citecheck::render_text(report, true);
  std::ostringstream others;  // SARIF, JUnit, Markdown, CSV (and text, JSON) through the CLI's dispatch
  for (const auto& format : citecheck::report_format_names()) citecheck::write_report(format, report, others, false);
  // Keep the results observable so nothing is optimised away.
  volatile size_t sink = json.size() + text.size() + coloured.size() + others.str().size();
  (void)sink;
  return 0;
}
