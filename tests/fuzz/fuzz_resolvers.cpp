// fuzz_resolvers.cpp — libFuzzer target for what the network hands citecheck: arbitrary bytes
// as an HTML page prefix (with a content type), as Crossref and DataCite JSON, as a URL
// printed in a manuscript, a redirect target and a capture address. A crash, a sanitizer
// report or a hang is a bug: servers are not trusted.
//
//   cmake --build build-fuzz --target citecheck-fuzz-resolvers
//   build-fuzz/tests/citecheck-fuzz-resolvers -max_len=65536 -timeout=10 CORPUS_DIR
#include <cstddef>
#include <cstdint>
#include <string>

#include "resolvers/archive.hpp"
#include "resolvers/doi_resolver.hpp"
#include "resolvers/html_page.hpp"
#include "resolvers/metadata_match.hpp"
#include "resolvers/request_url.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string bytes(reinterpret_cast<const char*>(data), size);
  // The first line picks a content type, the rest is the body.
  auto nl = bytes.find('\n');
  std::string type = nl == std::string::npos ? "text/html" : bytes.substr(0, nl);
  std::string body = nl == std::string::npos ? bytes : bytes.substr(nl + 1);
  citecheck::PageSignals page = citecheck::read_page(body, type);
  (void)citecheck::is_html(type, body);
  auto crossref = citecheck::parse_crossref_work(body);
  auto datacite = citecheck::parse_datacite_doi(body);
  for (const auto* work : {&crossref, &datacite}) {
    if (!*work) continue;
    citecheck::CitedWork cited;
    cited.title = page.title.value_or(type);
    cited.year = 2020;
    cited.first_family = type;
    (void)citecheck::compare_metadata(cited, **work);
  }
  (void)citecheck::title_similarity(type, body.substr(0, 2000));
  (void)citecheck::request_url(type);
  (void)citecheck::redact_credentials(body);
  (void)citecheck::capture_time(type);
  return 0;
}
