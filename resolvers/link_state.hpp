// link_state.hpp — the state of a link over many nights, folded from its checks one by one:
//
//   ok            the last conclusive check answered (ok, redirected), and none failed before it
//                 since the previous answer;
//   suspect(n)    n failed checks since the last answer, not yet enough (or not yet long
//                 enough) to call the link dead;
//   dead          at least DeadRule::after failed checks, the first and the latest at least
//                 DeadRule::span seconds apart, with no answer between them;
//   unverifiable  nothing conclusive is known: only inconclusive checks since the last answer
//                 (or ever) while no failure streak is open;
//   recovered     the link answers again after being suspect or dead (the next answer: ok).
//
// Checks are read by their status word (as the cache stores them):
//   failed        broken, soft-404, server-error — the server says the page is gone or failing;
//   inconclusive  unverifiable (401/403/429/999, bot challenges) and timeout: the server did
//                 not say; never counted toward dead, and never ending a failure streak;
//   answered      ok, redirected;
//   anything else (unchecked, skipped, invalid, unknown words) changes nothing.
// The rule follows the Internet Archive's dead-link bot: three failed checks at least three
// days apart before a link is called dead.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace citecheck {

enum class LinkState { Unknown, Ok, Suspect, Dead, Unverifiable, Recovered };

// "unknown", "ok", "suspect", "dead", "unverifiable", "recovered".
const char* to_string(LinkState state);

// --dead-after N --dead-span HOURS.
struct DeadRule {
  int after = 3;                       // failed checks; values below 1 count as 1
  std::int64_t span = 72 * 3600;       // seconds between the first and the latest failure
};

enum class CheckOutcome { Answered, Failed, Inconclusive, Nothing };
CheckOutcome outcome_of(std::string_view status);

struct LinkRecord {
  LinkState state = LinkState::Unknown;
  int checks = 0;    // checks folded in (every status word)
  int failures = 0;  // failed checks since the last answer (suspect's n; dead's count)
  std::optional<std::int64_t> first_failed_at;  // the streak's first failure
  std::optional<std::int64_t> dead_since;       // the check that made the link dead
  std::optional<std::int64_t> last_ok_at;       // the last answer
  std::optional<std::int64_t> last_checked_at;  // the last check of any kind
};

// The record once one more check (its status word, at unix second `at`) is folded in.
LinkRecord advance(const LinkRecord& before, std::string_view status, std::int64_t at, const DeadRule& rule);

// A key's history read newest first, as stores read it: rows older than the answer before the
// newest one (or, when the newest answer follows a failure, that failure, which tells ok from
// recovered) cannot change the record, so a healthy link costs two rows whatever its age and a
// failing one its streak since it last answered.
class HistoryFold {
 public:
  // Takes the next older row; false once older rows no longer matter.
  bool add(std::string_view status, std::int64_t at);
  // The record of the rows taken, folded oldest first; checks: every row of the key.
  LinkRecord result(int checks, const DeadRule& rule) const;

 private:
  std::vector<std::pair<std::string, std::int64_t>> newest_first_;
  bool answered_ = false;
};

// What a night's check did to the link, for the report: it became dead on this check
// ("newly-broken"), was dead before and still is ("still-broken"), answers again after being
// suspect or dead ("recovered"), or none of these ("").
std::string_view night_change(const LinkRecord& before, const LinkRecord& after);

}  // namespace citecheck
