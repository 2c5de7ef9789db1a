// pipeline.hpp — one document through the stages: parsers → linker → checks.
#pragma once

#include "parsers/document.hpp"
#include "parsers/learned/field_tagger.hpp"
#include "parsers/learned/line_models.hpp"
#include "src/model.hpp"

namespace citecheck {

// What a report needs beyond the findings (costly, so only when asked).
struct CheckOptions {
  bool excerpts = false;  // each finding's text as printed, with its surroundings (HTML)
};

DocumentReport check_document(const Document& doc, const LineModels& models, const FieldTagger& fields,
                              const CheckOptions& options = {});
// With the built-in field tagger.
DocumentReport check_document(const Document& doc, const LineModels& models, const CheckOptions& options = {});
// With the built-in models.
DocumentReport check_document(const Document& doc);

// Which findings fail a run (--fail-on): any error finding (the default); only links that
// became dead on this run (newly-broken), so that a nightly job alerts once per dead link and
// not every night for the archive's standing errors; or none.
enum class FailOn { Any, New, None };

// Exit status of a run: 1 when a finding fails it by the policy, else 0.
int exit_status(const Report& report, FailOn policy = FailOn::Any);
// The same for one document: whether its findings fail the run under `policy`.
bool fails_run(const DocumentReport& d, FailOn policy);

}  // namespace citecheck
