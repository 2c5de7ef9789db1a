// jats_reader.hpp — JATS / NLM XML articles (as publishers and PubMed Central deliver them).
#pragma once

#include <string>

#include "parsers/document.hpp"

namespace citecheck {

// `base`: what relative links resolve against when the article gives no xml:base or
// <self-uri> (--base); "" leaves them unresolved, and said.
Document read_jats(std::string path, const std::string& bytes, const std::string& base = "");

}  // namespace citecheck
