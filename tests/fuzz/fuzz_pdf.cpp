// fuzz_pdf.cpp — libFuzzer target: arbitrary bytes as a PDF through read_pdf (poppler's parser,
// the page text, the right-to-left repair, the DocumentBuilder). A crash, a sanitizer report, a
// hang or runaway memory is a bug; an InputError (corrupt, encrypted, image-only, too many
// pages) is the documented refusal.
//
// Opt-in build (clang only), see tests/CMakeLists.txt:
//   cmake -S . -B build-fuzz-pdf -G Ninja -DCMAKE_CXX_COMPILER=clang++ \
//         -DCITECHECK_SANITIZE=ON -DCITECHECK_FUZZ=ON
//   cmake --build build-fuzz-pdf --target citecheck-fuzz-pdf
//   mkdir -p corpus && cp fixtures/pdf/*.pdf fixtures/formats/*.pdf corpus/
//   build-fuzz-pdf/tests/citecheck-fuzz-pdf -max_total_time=360 -rss_limit_mb=2048 -timeout=10 corpus
// Inputs that crashed or hung go to fixtures/pdf/crashers/ (read by tests/test_pdf_reader.cpp).
#include <cstddef>
#include <cstdint>
#include <string>

#include "parsers/readers/pdf_reader.hpp"
#include "parsers/text_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string bytes(reinterpret_cast<const char*>(data), size);
  try {
    citecheck::Document doc = citecheck::read_pdf("fuzz.pdf", bytes);
    // Every line has its origin and the offsets stay inside the text.
    if (doc.origins.size() != doc.line_starts.size()) __builtin_trap();
    for (std::size_t start : doc.line_starts)
      if (start > doc.text.size()) __builtin_trap();
  } catch (const citecheck::InputError&) {
    return 0;
  }
  return 0;
}
