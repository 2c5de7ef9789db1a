// pipeline_helpers.hpp — running the whole pipeline on literal text, for the tests that assert
// on findings and citations.
#pragma once

#include <cstddef>
#include <string>

#include "helpers.hpp"
#include "src/pipeline.hpp"

namespace citecheck::test {

inline DocumentReport check_text(std::string text) { return check_document(doc_from(std::move(text))); }

inline std::size_t count_code(const DocumentReport& r, const std::string& code) {
  std::size_t n = 0;
  for (const auto& f : r.findings) n += f.code == code;
  return n;
}

}  // namespace citecheck::test
