// nearest_name.hpp — "did you mean …?": the known name closest to a mistyped one (a flag on
// the command line, a key of the config file), by edit distance.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace citecheck {

// The candidate at the smallest edit distance (insertions, deletions, substitutions and
// swaps of neighbours) from `typed`, when it is close enough to be a typo: at most 2 edits,
// or a third of the name's length for long names. Ties go to the first candidate.
std::optional<std::string> nearest_name(std::string_view typed, const std::vector<std::string>& candidates);

}  // namespace citecheck
