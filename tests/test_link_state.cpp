// Tests for resolvers/link_state.cpp: the state of a link over nights — every transition, the
// span that is not reached yet, inconclusive checks (refusals, timeouts) never counted toward
// dead, and recovery. Nights are a day apart from 2026-11-01T02:00:00Z.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "resolvers/link_state.hpp"

using namespace citecheck;

namespace {

constexpr std::int64_t kNight1 = 1'793'498'400;  // 2026-11-01T02:00:00Z
constexpr std::int64_t kDay = 86'400;

std::int64_t night(int n) { return kNight1 + (n - 1) * kDay; }

// One check per night, from night 1, under `rule`.
LinkRecord nights(const std::vector<std::string>& statuses, DeadRule rule = {}) {
  LinkRecord r;
  for (std::size_t i = 0; i < statuses.size(); ++i) r = advance(r, statuses[i], night(static_cast<int>(i) + 1), rule);
  return r;
}

}  // namespace

TEST_CASE("link state: what each status word says of a link", "[link_state]") {
  CHECK(outcome_of("ok") == CheckOutcome::Answered);
  CHECK(outcome_of("redirected") == CheckOutcome::Answered);
  CHECK(outcome_of("broken") == CheckOutcome::Failed);
  CHECK(outcome_of("soft-404") == CheckOutcome::Failed);
  CHECK(outcome_of("server-error") == CheckOutcome::Failed);
  CHECK(outcome_of("unverifiable") == CheckOutcome::Inconclusive);
  CHECK(outcome_of("timeout") == CheckOutcome::Inconclusive);
  CHECK(outcome_of("skipped") == CheckOutcome::Nothing);
  CHECK(outcome_of("invalid") == CheckOutcome::Nothing);
  CHECK(outcome_of("unchecked") == CheckOutcome::Nothing);
  CHECK(outcome_of("gibberish") == CheckOutcome::Nothing);
}

TEST_CASE("link state: a first answer is ok, with the time it answered", "[link_state]") {
  LinkRecord r = nights({"ok"});
  CHECK(r.state == LinkState::Ok);
  CHECK(r.failures == 0);
  CHECK(r.last_ok_at == night(1));
  CHECK(r.last_checked_at == night(1));
  CHECK_FALSE(r.first_failed_at);
}

TEST_CASE("link state: a first failure makes a link suspect(1), not dead", "[link_state]") {
  LinkRecord r = nights({"ok", "broken"});
  CHECK(r.state == LinkState::Suspect);
  CHECK(r.failures == 1);
  CHECK(r.first_failed_at == night(2));
  CHECK(r.last_ok_at == night(1));
}

TEST_CASE("link state: three failures within two days are not dead yet — the span is not reached", "[link_state]") {
  LinkRecord r;
  r = advance(r, "broken", kNight1, {});
  r = advance(r, "soft-404", kNight1 + kDay, {});
  r = advance(r, "server-error", kNight1 + 2 * kDay, {});  // 48 h after the first
  CHECK(r.state == LinkState::Suspect);
  CHECK(r.failures == 3);
  // A fourth, 72 h after the first: dead now.
  r = advance(r, "broken", kNight1 + 3 * kDay, {});
  CHECK(r.state == LinkState::Dead);
  CHECK(r.failures == 4);
  CHECK(r.dead_since == kNight1 + 3 * kDay);
  CHECK(r.first_failed_at == kNight1);
}

TEST_CASE("link state: the span reached with too few failures is not dead either", "[link_state]") {
  LinkRecord r;
  r = advance(r, "broken", kNight1, {});
  r = advance(r, "broken", kNight1 + 10 * kDay, {});  // 240 h apart, but two failures of three
  CHECK(r.state == LinkState::Suspect);
  CHECK(r.failures == 2);
  r = advance(r, "broken", kNight1 + 11 * kDay, {});
  CHECK(r.state == LinkState::Dead);
  CHECK(r.dead_since == kNight1 + 11 * kDay);
}

TEST_CASE("link state: three failures exactly 72 hours apart make a dead link", "[link_state]") {
  LinkRecord r;
  r = advance(r, "broken", kNight1, {});
  r = advance(r, "broken", kNight1 + 36 * 3600, {});
  r = advance(r, "broken", kNight1 + 72 * 3600 - 1, {});
  CHECK(r.state == LinkState::Suspect);  // one second short
  r = advance(r, "broken", kNight1 + 72 * 3600, {});
  CHECK(r.state == LinkState::Dead);
}

TEST_CASE("link state: refusals and timeouts never count toward dead and never end a failing streak",
          "[link_state]") {
  LinkRecord r = nights({"broken", "unverifiable", "timeout", "timeout", "unverifiable"});
  CHECK(r.state == LinkState::Suspect);
  CHECK(r.failures == 1);  // five nights, only one failure counted
  CHECK(r.first_failed_at == night(1));
  CHECK(r.last_checked_at == night(5));
  // Two more real failures, the span long reached: dead.
  r = advance(r, "broken", night(6), {});
  CHECK(r.state == LinkState::Suspect);
  r = advance(r, "broken", night(7), {});
  CHECK(r.state == LinkState::Dead);
  CHECK(r.failures == 3);
}

TEST_CASE("link state: a link that only refuses or times out is unverifiable, however long", "[link_state]") {
  LinkRecord r = nights({"unverifiable", "timeout", "unverifiable", "timeout", "unverifiable", "timeout"});
  CHECK(r.state == LinkState::Unverifiable);
  CHECK(r.failures == 0);
  CHECK_FALSE(r.last_ok_at);
  // An answer makes it ok (it never failed: nothing to recover from).
  CHECK(nights({"ok", "unverifiable"}).state == LinkState::Unverifiable);
  CHECK(nights({"ok", "unverifiable", "ok"}).state == LinkState::Ok);
  CHECK(nights({"unverifiable", "broken"}).state == LinkState::Suspect);
}

TEST_CASE("link state: a dead link that keeps failing stays dead, from the night it died", "[link_state]") {
  LinkRecord r = nights({"broken", "broken", "broken", "broken", "broken", "timeout", "soft-404"});
  CHECK(r.state == LinkState::Dead);
  CHECK(r.dead_since == night(4));
  CHECK(r.failures == 6);
  CHECK(r.first_failed_at == night(1));
}

TEST_CASE("link state: an answer after dead is recovered, the next answer ok", "[link_state]") {
  LinkRecord r = nights({"ok", "broken", "broken", "broken", "broken", "redirected"});
  CHECK(r.state == LinkState::Recovered);
  CHECK(r.failures == 0);
  CHECK_FALSE(r.first_failed_at);
  CHECK_FALSE(r.dead_since);
  CHECK(r.last_ok_at == night(6));
  r = advance(r, "ok", night(7), {});
  CHECK(r.state == LinkState::Ok);
}

TEST_CASE("link state: an answer after suspect is recovered too, and the count starts again", "[link_state]") {
  LinkRecord r = nights({"broken", "broken", "ok"});
  CHECK(r.state == LinkState::Recovered);
  r = advance(r, "broken", night(4), {});
  CHECK(r.state == LinkState::Suspect);
  CHECK(r.failures == 1);
  CHECK(r.first_failed_at == night(4));
  CHECK(r.last_ok_at == night(3));
}

TEST_CASE("link state: recovered then a refusal is unverifiable, not suspect", "[link_state]") {
  CHECK(nights({"broken", "ok", "unverifiable"}).state == LinkState::Unverifiable);
}

TEST_CASE("link state: statuses that say nothing of the link change nothing but the count", "[link_state]") {
  LinkRecord before = nights({"broken", "broken"});
  LinkRecord after = advance(before, "skipped", night(3), {});
  CHECK(after.state == LinkState::Suspect);
  CHECK(after.failures == 2);
  CHECK(after.last_checked_at == night(2));
  CHECK(after.checks == 3);
  CHECK(nights({"invalid"}).state == LinkState::Unknown);
}

TEST_CASE("link state: --dead-after 1 --dead-span 0 calls the first failure dead", "[link_state]") {
  DeadRule at_once{1, 0};
  LinkRecord r = nights({"ok", "broken"}, at_once);
  CHECK(r.state == LinkState::Dead);
  CHECK(r.dead_since == night(2));
  // Values below 1 count as 1.
  CHECK(nights({"broken"}, DeadRule{0, 0}).state == LinkState::Dead);
  // A longer rule: five failures over a week.
  DeadRule week{5, 7 * kDay};
  CHECK(nights({"broken", "broken", "broken", "broken", "broken", "broken", "broken"}, week).state == LinkState::Suspect);
  CHECK(nights({"broken", "broken", "broken", "broken", "broken", "broken", "broken", "broken"}, week).state ==
        LinkState::Dead);
}

TEST_CASE("link state: what a night did — newly-broken, still-broken, recovered, or nothing", "[link_state]") {
  const LinkRecord suspect3 = nights({"broken", "broken", "broken"});
  const LinkRecord dead = advance(suspect3, "broken", night(4), {});
  CHECK(night_change(suspect3, dead) == "newly-broken");
  CHECK(night_change(dead, advance(dead, "broken", night(5), {})) == "still-broken");
  CHECK(night_change(dead, advance(dead, "timeout", night(5), {})) == "still-broken");
  CHECK(night_change(dead, dead) == "still-broken");  // served from the cache: dead, and it was
  CHECK(night_change(dead, advance(dead, "ok", night(5), {})) == "recovered");
  CHECK(night_change(suspect3, advance(suspect3, "ok", night(4), {})) == "recovered");
  CHECK(night_change(suspect3, advance(suspect3, "broken", kNight1 + 2 * kDay + 3600, {})) == "");
  const LinkRecord recovered = advance(dead, "ok", night(5), {});
  CHECK(night_change(recovered, recovered) == "");  // recovered on an earlier night
  CHECK(night_change(LinkRecord{}, nights({"ok"})) == "");
  CHECK(std::string(to_string(LinkState::Suspect)) == "suspect");
  CHECK(std::string(to_string(LinkState::Recovered)) == "recovered");
}
