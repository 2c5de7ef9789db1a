// url_checker.hpp — the verdict on one URL: HEAD first, GET when HEAD is refused or
// unreliable or when the page must be read (HTML: its title tells a soft 404, a bot
// challenge, or what the page now shows); redirects followed hop by hop (at most
// max_redirects), the chain recorded; statuses as in the report contract.
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
