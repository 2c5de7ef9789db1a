// fuzz_bibliography.cpp — libFuzzer target: arbitrary bytes as a BibTeX file and as CSL-JSON
// (read_bibtex, read_csl_json), then the whole pipeline on each Document. A crash, a
// sanitizer report, a hang or runaway memory is a bug; an InputError (no entries, invalid
// or too deeply nested JSON) is the documented refusal.
//
//   cmake --build build-fuzz --target citecheck-fuzz-bibliography
//   build-fuzz/tests/citecheck-fuzz-bibliography -max_total_time=240 -rss_limit_mb=2048 -timeout=10 CORPUS fixtures/bibliographies
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "parsers/readers/bibliography_reader.hpp"
#include "parsers/text_reader.hpp"
#include "src/pipeline.hpp"

namespace {

void run(citecheck::Document (*reader)(std::string, const std::string&), const std::string& bytes) {
  citecheck::Document doc;
  try {
    doc = reader("fuzz.bib", bytes);
  } catch (const citecheck::InputError&) {
    return;
  }
  if (doc.origins.size() != doc.line_starts.size() || !doc.structure) std::abort();
  for (const auto& r : doc.structure->references)
    if (r.bytes.begin > r.bytes.end || r.bytes.end > doc.text.size()) std::abort();
  volatile std::size_t sink = citecheck::check_document(doc).findings.size();
  (void)sink;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string bytes(reinterpret_cast<const char*>(data), size);
  run(citecheck::read_bibtex, bytes);
  run(citecheck::read_csl_json, bytes);
  return 0;
}
