// link_state.cpp — the fold of a link's checks into its state (rules in link_state.hpp).
#include "resolvers/link_state.hpp"

#include <algorithm>

namespace citecheck {

const char* to_string(LinkState state) {
  switch (state) {
    case LinkState::Unknown: return "unknown";
    case LinkState::Ok: return "ok";
    case LinkState::Suspect: return "suspect";
    case LinkState::Dead: return "dead";
    case LinkState::Unverifiable: return "unverifiable";
    case LinkState::Recovered: return "recovered";
  }
  return "unknown";
}

CheckOutcome outcome_of(std::string_view status) {
  if (status == "ok" || status == "redirected") return CheckOutcome::Answered;
  if (status == "broken" || status == "soft-404" || status == "server-error") return CheckOutcome::Failed;
  // A timeout says as little as a bot wall: a slow night, a firewall, a host that drops robots.
  if (status == "unverifiable" || status == "timeout") return CheckOutcome::Inconclusive;
  return CheckOutcome::Nothing;
}

LinkRecord advance(const LinkRecord& before, std::string_view status, std::int64_t at, const DeadRule& rule) {
  LinkRecord r = before;
  ++r.checks;
  const CheckOutcome outcome = outcome_of(status);
  if (outcome == CheckOutcome::Nothing) return r;
  r.last_checked_at = at;
  const bool failing = before.state == LinkState::Suspect || before.state == LinkState::Dead;
  switch (outcome) {
    case CheckOutcome::Answered:
      r.state = failing ? LinkState::Recovered : LinkState::Ok;
      r.failures = 0;
      r.first_failed_at.reset();
      r.dead_since.reset();
      r.last_ok_at = at;
      break;
    case CheckOutcome::Failed:
      if (r.failures == 0) r.first_failed_at = at;
      ++r.failures;
      if (before.state == LinkState::Dead) break;
      if (r.failures >= std::max(rule.after, 1) && at - *r.first_failed_at >= rule.span) {
        r.state = LinkState::Dead;
        r.dead_since = at;
      } else {
        r.state = LinkState::Suspect;
      }
      break;
    case CheckOutcome::Inconclusive:
      if (!failing) r.state = LinkState::Unverifiable;  // a failure streak stays open, uncounted
      break;
    case CheckOutcome::Nothing: break;
  }
  return r;
}

std::string_view night_change(const LinkRecord& before, const LinkRecord& after) {
  if (after.state == LinkState::Dead) return before.state == LinkState::Dead ? "still-broken" : "newly-broken";
  if (after.state == LinkState::Recovered && before.state != LinkState::Recovered) return "recovered";
  return "";
}

bool HistoryFold::add(std::string_view status, std::int64_t at) {
  newest_first_.emplace_back(std::string(status), at);
  const CheckOutcome outcome = outcome_of(status);
  if (answered_ && (outcome == CheckOutcome::Answered || outcome == CheckOutcome::Failed)) return false;
  if (outcome == CheckOutcome::Answered) answered_ = true;
  return true;
}

LinkRecord HistoryFold::result(int checks, const DeadRule& rule) const {
  LinkRecord r;
  for (auto row = newest_first_.rbegin(); row != newest_first_.rend(); ++row) r = advance(r, row->first, row->second, rule);
  r.checks = checks;
  return r;
}

}  // namespace citecheck
