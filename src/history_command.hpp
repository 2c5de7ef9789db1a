// history_command.hpp — `citecheck history`: what the cache recorded of links over nights,
// read from the store alone (no network, no manuscript parsing): the checks of a URL or DOI
// night by night with the state each left (resolvers/link_state.hpp), the state of every link
// a manuscript cited on its last run, or the links that became dead since a date.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "resolvers/link_state.hpp"

namespace citecheck {

class LinkStore;

struct HistoryQuery {
  std::vector<std::string> targets;   // URLs and DOIs as printed, or manuscript paths
  std::optional<std::int64_t> since;  // also: the links that became dead at or after it
  DeadRule rule;
  bool json = false;  // else text
};

// Writes the answer; returns 0, or 3 when a target is unknown to the store (a manuscript never
// checked with this cache, a link never checked), said on `errors` by name.
int write_history(LinkStore& store, const HistoryQuery& query, std::ostream& out, std::ostream& errors);

}  // namespace citecheck
