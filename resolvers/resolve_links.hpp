// resolve_links.hpp — the network stage over a whole report: every distinct URL and DOI of
// every document is checked once (identical links across documents share one check), served
// from the cache when fresh, archived copies found for dead links, the cache and its history
// updated, and the results written into each Link. A night without network is recognised
// (every request failing at DNS or connect, and the DOI resolver unreachable too): those
// links stay `unchecked` and no history is written for them.
#pragma once

#include <cstddef>
#include <string>

#include "resolvers/resolver_options.hpp"
#include "src/model.hpp"

namespace citecheck {

class LinkCache;

struct ResolveSettings {
  LinkCache* cache = nullptr;  // none: no cache, no history
  int confirm_after = 1;
  bool progress = false;       // draw a progress line on stderr
};

struct ResolveOutcome {
  bool network_down = false;
  std::string network_reason;
  std::size_t distinct = 0, fetched = 0, from_cache = 0;
};

ResolveOutcome resolve_links(Report& report, const ResolverOptions& options, const ResolveSettings& settings);

// Removes credentials ("user:password@") from every URL and message of the report.
void redact_report(Report& report);

}  // namespace citecheck
