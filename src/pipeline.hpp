// pipeline.hpp — one document through the stages: parsers → linker → checks.
#pragma once

#include "parsers/document.hpp"
#include "parsers/learned/field_tagger.hpp"
#include "parsers/learned/line_models.hpp"
#include "src/model.hpp"

namespace citecheck {

DocumentReport check_document(const Document& doc, const LineModels& models, const FieldTagger& fields);
DocumentReport check_document(const Document& doc, const LineModels& models);
// With the built-in models.
DocumentReport check_document(const Document& doc);

// Exit status of a run: 0 without error findings, 1 with some.
int exit_status(const Report& report);

}  // namespace citecheck
