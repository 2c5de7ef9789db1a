// line_models.hpp — the two models of the learned line layer: which lines are a reference
// list (zone), and which of a list's lines start an entry (entry). Trained by
// citecheck-train (bench/train_lines.cpp) into parsers/models/, compiled into the program,
// or read from a folder a user names (--line-models DIR).
#pragma once

#include <cstdint>
#include <filesystem>

#include "parsers/learned/linear_chain.hpp"

namespace citecheck {

inline constexpr std::uint32_t kLineModelBuckets = 1u << 18;
inline constexpr const char* kZoneModelKind = "reference-zone";
inline constexpr const char* kEntryModelKind = "reference-entry";

struct LineModels {
  LinearChainModel zone;   // labels: body, reference, note, furniture
  LinearChainModel entry;  // labels: start, continuation
  int zone_reference = 1, zone_note = 2, zone_furniture = 3, entry_start = 0;
};

// The models the program was built with (parsers/models/*.model). Throws ModelError when a
// committed file is damaged.
LineModels builtin_line_models();
// DIR/reference-zone.model and DIR/reference-entry.model; throws ModelError naming the file
// that is missing, unreadable, truncated, of another version or of the wrong kind.
LineModels load_line_models(const std::filesystem::path& dir);
// The built-in models, parsed on first use and never changed after: constant data like the
// heading tables. The command line parses them at start-up to refuse a damaged build early.
const LineModels& default_line_models();

}  // namespace citecheck
