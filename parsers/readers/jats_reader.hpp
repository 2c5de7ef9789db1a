// jats_reader.hpp — JATS / NLM XML articles (as publishers and PubMed Central deliver them).
#pragma once

#include <string>

#include "parsers/document.hpp"

namespace citecheck {

Document read_jats(std::string path, const std::string& bytes);

}  // namespace citecheck
