// time_values.hpp — instants and durations as the command line and the reports write them:
// RFC 3339 UTC ("2026-12-06T02:00:00Z"), plain dates ("2026-12-06", midnight UTC), and
// durations with a unit ("90s", "30m", "8h", "7d").
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace citecheck {

// Unix seconds as "YYYY-MM-DDThh:mm:ssZ".
std::string rfc3339(std::int64_t unix_seconds);

// "2026-12-06", "2026-12-06T02:00:00Z" (also with "+00:00", or a space for the "T"), or
// "@1700000000" (unix seconds). Nothing for anything else, or an impossible date.
std::optional<std::int64_t> parse_instant(std::string_view text);

// A whole number with a unit: s, m, h or d; a bare number is in `bare_unit_seconds`.
// Nothing for anything else or a negative value.
std::optional<std::int64_t> parse_duration(std::string_view text, std::int64_t bare_unit_seconds);

}  // namespace citecheck
