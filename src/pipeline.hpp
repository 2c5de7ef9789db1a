// pipeline.hpp — one document through the stages: parsers → linker → checks.
#pragma once

#include "parsers/document.hpp"
#include "parsers/learned/line_models.hpp"
#include "src/model.hpp"

namespace citecheck {

// What a report needs beyond the findings (costly, so only when asked).
struct CheckOptions {
  bool excerpts = false;  // each finding's text as printed, with its surroundings (HTML)
};

DocumentReport check_document(const Document& doc, const LineModels& models, const CheckOptions& options = {});
// With the built-in line models.
DocumentReport check_document(const Document& doc);

// Exit status of a run: 0 without error findings, 1 with some.
int exit_status(const Report& report);

}  // namespace citecheck
