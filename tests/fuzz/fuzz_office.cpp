// fuzz_office.cpp — libFuzzer target for the DOCX/ODT readers. The first byte chooses the way
// in: 0 → the bytes as a whole .docx/.odt archive (read_office_document: ZIP handling and
// detection); 1 → the bytes as DOCX parts, separated by form feeds, in the order document.xml,
// its rels, footnotes.xml, its rels, endnotes.xml, its rels (read_docx_parts: the XML walk
// without the ZIP's compression in the way); 2 → the bytes as an ODT content.xml. A crash, a
// sanitizer report, a hang or runaway memory is a bug; InputError is the documented refusal.
//
//   cmake -S . -B build-fuzz-office -G Ninja -DCMAKE_CXX_COMPILER=clang++ \
//         -DCITECHECK_SANITIZE=ON -DCITECHECK_FUZZ=ON
//   cmake --build build-fuzz-office --target citecheck-fuzz-office
//   build-fuzz-office/tests/citecheck-fuzz-office -max_total_time=480 -rss_limit_mb=2048 -timeout=10 CORPUS
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "parsers/readers/docx_reader.hpp"
#include "parsers/readers/odt_reader.hpp"
#include "parsers/readers/office_reader.hpp"
#include "parsers/text_reader.hpp"
#include "src/pipeline.hpp"
#include "src/report_json.hpp"
#include "src/report_text.hpp"

namespace {

void touch(const citecheck::Document& d) {
  // Every range the reader records must lie inside the text.
  std::size_t n = d.text.size(), sink = d.line_count();
  const auto& st = *d.structure;
  auto check = [&](const citecheck::ByteRange& r) {
    if (r.begin > r.end || r.end > n) __builtin_trap();
    sink += r.end - r.begin;
  };
  for (const auto& f : st.footnotes) {
    if (f.marker) check(*f.marker);
    if (f.body) check(*f.body);
  }
  for (const auto& h : st.hyperlinks) check(h.bytes);
  for (const auto& c : st.citations) check(c.bytes);
  for (const auto& r : st.references) check(r.bytes);
  if (d.origins.size() != d.line_starts.size()) __builtin_trap();
  // And the structure through the pipeline: field citations, marked notes, hyperlinks.
  citecheck::Report report;
  report.documents.push_back(citecheck::check_document(d));
  sink += citecheck::render_json(report).size() + citecheck::render_text(report, false).size();
  volatile std::size_t keep = sink;
  (void)keep;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  std::string bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  try {
    switch (data[0] % 3) {
      case 0:
        touch(citecheck::read_office_document("fuzz.docx", bytes));
        break;
      case 1: {
        std::vector<std::string> pieces(7);
        std::size_t k = 0;
        for (char c : bytes) {
          if (c == '\f' && k + 1 < pieces.size()) ++k;
          else pieces[k].push_back(c);
        }
        citecheck::DocxParts parts{pieces[0], pieces[1], pieces[2], pieces[3], pieces[4], pieces[5], pieces[6]};
        touch(citecheck::read_docx_parts("fuzz.docx", parts));
        break;
      }
      default:
        touch(citecheck::read_odt_content("fuzz.odt", bytes));
    }
  } catch (const citecheck::InputError&) {
    return 0;
  }
  return 0;
}
