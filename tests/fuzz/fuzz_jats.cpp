// fuzz_jats.cpp — libFuzzer target: arbitrary bytes as a JATS article (read_jats), then the
// whole pipeline on the Document it gives. A crash, a sanitizer report, a hang or runaway
// memory is a bug; an InputError (not well-formed, entities, not an <article>) is the
// documented refusal. The structure's byte ranges must lie inside the text.
//
//   cmake -S . -B build-fuzz -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DCITECHECK_SANITIZE=ON -DCITECHECK_FUZZ=ON
//   cmake --build build-fuzz --target citecheck-fuzz-jats
//   build-fuzz/tests/citecheck-fuzz-jats -max_total_time=240 -rss_limit_mb=2048 -timeout=10 CORPUS fixtures/jats
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "parsers/readers/jats_reader.hpp"
#include "parsers/text_reader.hpp"
#include "src/pipeline.hpp"

namespace {

void check_range(const citecheck::Document& doc, citecheck::ByteRange r) {
  if (r.begin > r.end || r.end > doc.text.size()) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string bytes(reinterpret_cast<const char*>(data), size);
  citecheck::Document doc;
  try {
    doc = citecheck::read_jats("fuzz.xml", bytes);
  } catch (const citecheck::InputError&) {
    return 0;
  }
  if (doc.origins.size() != doc.line_starts.size() || !doc.structure) std::abort();
  const auto& st = *doc.structure;
  for (const auto& c : st.citations) check_range(doc, c.bytes);
  for (const auto& h : st.hyperlinks) check_range(doc, h.bytes);
  for (const auto& r : st.references) check_range(doc, r.bytes);
  for (const auto& f : st.footnotes) {
    if (f.marker) check_range(doc, *f.marker);
    if (f.body) check_range(doc, *f.body);
  }
  volatile std::size_t sink = citecheck::check_document(doc).findings.size();
  (void)sink;
  return 0;
}
