// localize.hpp — says a report's findings in its language (--lang): each finding's message is
// rendered from its key and arguments in the report's language; the English message is kept
// for the fingerprint, which never depends on the language.
#pragma once

#include "src/languages.hpp"
#include "src/model.hpp"

namespace citecheck {

// The report's language (report.language), English when the code is unknown.
const Language& language_of(const Report& report);

// Renders each finding of `d` that has a key in `lang` (English leaves them as they are).
void localize_findings(DocumentReport& d, const Language& lang);

}  // namespace citecheck
