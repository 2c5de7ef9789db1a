// url_checker.hpp — the verdict on one URL: one GET (the body read only as far as a page's
// title and text need; a file's transfer stops at its first bytes), retried by the pool as
// the same GET; once more with a browser's Accept headers after a 406. Redirects — Location,
// and a Refresh header or <meta http-equiv="refresh"> — are followed hop by hop (at most
// max_redirects, each hop through the same address rule as the first request), the chain
// recorded; statuses as in the report contract.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "resolvers/http_pool.hpp"
#include "src/model.hpp"

namespace citecheck {

struct UrlCheck {
  LinkStatus status = LinkStatus::Unchecked;
  std::optional<int> http_status;
  std::string final_url;               // set when redirected
  std::vector<std::string> redirects;  // each hop's target
  bool permanent = false;              // a 301/308 among the hops
  std::string error;                   // why, when not ok
  std::optional<std::string> page_title;
  TransferFailure failure = TransferFailure::None;  // of the last request
};

// Checks `printed` (the URL as the manuscript prints it) through the pool; `done` is called
// exactly once, from within pool.run().
void check_url(HttpPool& pool, const ResolverOptions& options, const std::string& printed,
               std::function<void(UrlCheck)> done);

// True for statuses that mean the link is failing (for history and archive lookups).
bool is_failing(LinkStatus status);

}  // namespace citecheck
