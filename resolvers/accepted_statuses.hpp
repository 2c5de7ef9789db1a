// accepted_statuses.hpp — lychee's --accept: the HTTP statuses that make a link ok, such as
// "200..=299,403" (inclusive range), "200..300" (end excluded) or "403". Given, the set
// replaces the default (every 2xx), for all hosts or, in a host's section of the config
// file, for that host; it is judged on the final answer, after redirects are followed.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace citecheck {

class AcceptedStatuses {
 public:
  // Throws ConfigError (resolver_options.hpp) on anything but statuses 100–999 and ranges.
  static AcceptedStatuses parse(std::string_view spec);
  bool contains(int status) const;
  const std::string& text() const { return text_; }

 private:
  std::vector<std::pair<int, int>> ranges_;  // inclusive
  std::string text_;
};

}  // namespace citecheck
