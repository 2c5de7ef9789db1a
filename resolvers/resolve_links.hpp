// resolve_links.hpp — the network stage over a whole report: every distinct URL and DOI of
// every document is checked once (identical links across documents share one check), served
// from the cache when fresh, archived copies found for dead links, the cache and its history
// updated, and the results written into each Link. A night without network is recognised
// (every request failing at DNS or connect, and the DOI resolver unreachable too): those
// links stay `unchecked` and no history is written for them.
#pragma once

#include <chrono>
#include <csignal>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "resolvers/link_state.hpp"
#include "resolvers/resolver_options.hpp"
#include "src/model.hpp"

namespace citecheck {

class LinkStore;

struct ResolveSettings {
  // None: no cache, no history. Results are stored as they arrive, a batch per transaction,
  // under the cache's current run when one is begun (LinkStore::begin_run), else at once.
  LinkStore* cache = nullptr;
  bool save = true;  // false: read the cache, never write it (its run could not be begun)
  DeadRule dead_rule;  // when a failing link is dead (--dead-after, --dead-span)
  // The run's clock (unix seconds): when its checks are dated and what is fresh is told.
  // Unset: the system clock. Tests pass nights to come (the hidden --now).
  std::optional<std::int64_t> now;
  bool progress = false;       // draw a progress line on stderr
  // Set asynchronously (by a signal handler) to stop the stage: no new check starts, the
  // checks under way get `grace` to finish, the rest are left unchecked; what was learnt is
  // saved and reported.
  const volatile std::sig_atomic_t* stop = nullptr;
  std::chrono::milliseconds grace{5000};
  // --resume: results checked at or after this time (the interrupted run's start) are served
  // from the cache whatever their age.
  std::optional<std::int64_t> resume_since;
  // --window (seconds): a nightly run. Each site's robots.txt Crawl-delay is honoured, and a
  // site gets only the checks its pace allows in the window; the rest wait for later nights.
  std::optional<std::int64_t> window;
  // A night shared by workers through the store (cache->shares_nights()): this run claims the
  // night's sites (registrable domains; every DOI with doi.org) a few at a time under leases
  // of lease_seconds and checks those; the links of sites other workers claim are reported
  // skipped. Empty: the run checks every link itself.
  std::string night;
  double lease_seconds = 60;
  std::size_t sites_per_claim = 0;  // at most per claim; 0: as many as the concurrency keeps busy
  bool remember_documents = true;   // record which links each document cites
  std::size_t batch_size = 256;                       // results per transaction …
  std::chrono::milliseconds batch_interval{2000};     // … or at least this often
};

struct ResolveOutcome {
  bool network_down = false;
  std::string network_reason;
  std::size_t distinct = 0, fetched = 0, from_cache = 0;
  std::size_t deferred = 0;                 // over their site's budget (--window): left for later nights
  bool interrupted = false;                 // settings.stop was set
  std::vector<std::string> left_unchecked;  // distinct links (as printed) the stop left unchecked
  std::string cache_error;                  // non-empty: results could not all be saved (why)
  std::vector<SiteAge> sites;               // with a cache, by site name
};

// The address a URL link is checked at: as printed, or what the first matching --remap rule
// makes of it. A DOI's value as it is.
std::string checked_address(const Link& link, const ResolverOptions& options);

// A URL or DOI link's key in the store ("url:REQUEST", "doi:VALUE"); nullopt for other kinds
// and for a URL without a usable host.
std::optional<std::string> link_store_key(const Link& link, const ResolverOptions& options);

// Dates each link of `m` for its archived copy (Link::archive_date) from the entry or note
// that owns it; links already dated, and links of a manuscript kept without its entries
// (src/documents_at_rest.hpp), are left as they are.
void set_archive_dates(Manuscript& m);

ResolveOutcome resolve_links(Report& report, const ResolverOptions& options, const ResolveSettings& settings);

// Removes credentials ("user:password@") from every URL and message of the report.
void redact_report(Report& report);
void redact_document(DocumentReport& d);

}  // namespace citecheck
