// csl_record.hpp — a CSL-JSON item (what Zotero and Mendeley store in a Word field and
// export as .json) as the Work the checks compare.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "src/model.hpp"

namespace citecheck {

// Fields the item lacks stay empty; a malformed field (a number where a string belongs)
// is skipped, never thrown on. The DOI is normalised as a printed one would be.
Work work_from_csl(const nlohmann::json& item);

// True when JSON text nests arrays and objects no deeper than `max_depth` (strings are
// skipped). Checked before parsing, so that hostile nesting never reaches the parser.
bool json_nesting_within(std::string_view text, int max_depth = 256);

// One line an editor can read: "Family, G.; Other, H. (2020). Title. Container. https://doi.org/…".
std::string csl_display_line(const Work& work);

}  // namespace citecheck
