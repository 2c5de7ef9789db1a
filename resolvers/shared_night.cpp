// shared_night.cpp — the claim loop of a worker (rules in shared_night.hpp).
#include "resolvers/shared_night.hpp"

#include <algorithm>
#include <chrono>
#include <map>
#include <set>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "resolvers/http_pool.hpp"
#include "resolvers/link_store.hpp"
#include "resolvers/shard.hpp"

namespace citecheck {

namespace {

// The services every worker may ask, by host, with the rate all workers share (requests/s)
// and the burst; the same published limits the pool keeps per process (resolver_options.cpp).
struct SharedService {
  std::string host;
  double per_second, burst;
};

std::vector<SharedService> shared_services(const ResolverOptions& options) {
  std::vector<SharedService> out;
  for (const std::string* api : {&options.archive_api, &options.crossref_api, &options.datacite_api}) {
    const std::string host = url_host_lower(*api);
    if (host.empty()) continue;
    const HostRule rule = options.rule_for(host);
    const int interval = std::max(1, rule.interval_ms.value_or(options.per_host_interval_ms));
    out.push_back({host, 1000.0 / interval, static_cast<double>(std::max(1, rule.concurrency.value_or(options.per_host)))});
  }
  return out;
}

void add_up(ResolveOutcome& total, ResolveOutcome&& batch) {
  total.distinct += batch.distinct;
  total.fetched += batch.fetched;
  total.from_cache += batch.from_cache;
  total.deferred += batch.deferred;
  total.interrupted = total.interrupted || batch.interrupted;
  if (batch.network_down && !total.network_down) {
    total.network_down = true;
    total.network_reason = batch.network_reason;
  }
  for (auto& l : batch.left_unchecked) total.left_unchecked.push_back(std::move(l));
  if (total.cache_error.empty()) total.cache_error = batch.cache_error;
  for (auto& s : batch.sites) total.sites.push_back(std::move(s));
}

class Worker {
 public:
  Worker(Report& report, const ResolverOptions& options, const ResolveSettings& settings)
      : report_(report), options_(options), settings_(settings), store_(*settings.cache) {}

  ResolveOutcome run() {
    const auto started = std::chrono::steady_clock::now();
    gather();
    try {
      remember_documents();
    } catch (const CacheError& e) {  // said like any cache failure; the checks go on
      outcome_.cache_error = e.what();
    }
    try {
      store_.add_sites(settings_.night, sites_list());
      // Waiting for other workers' sites is bounded: ten leases without a claim, then the
      // worker leaves (a site still held then is checked by a worker still waiting, or on a
      // later night).
      const auto most_idle = std::chrono::duration<double>(10 * settings_.lease_seconds);
      auto last_claim = std::chrono::steady_clock::now();
      for (;;) {
        if (stopped() || past_window(started)) break;
        std::vector<std::string> claimed =
            store_.claim_sites(settings_.night, share(store_.night_board(settings_.night)), settings_.lease_seconds);
        if (claimed.empty()) {
          // Sites held by others: their workers may die, and the sites come back when the
          // leases expire. Wait for that, a second at a time (never longer than a lease).
          if (store_.night_board(settings_.night).held_elsewhere == 0) break;
          if (std::chrono::steady_clock::now() - last_claim > most_idle) break;
          pause(std::chrono::milliseconds(std::clamp<long>(static_cast<long>(settings_.lease_seconds * 250), 100, 1000)));
          continue;
        }
        if (!check(claimed)) break;
        last_claim = std::chrono::steady_clock::now();
      }
    } catch (const CacheError& e) {
      if (outcome_.cache_error.empty()) outcome_.cache_error = e.what();
      left_because_ = std::string("not checked: the store could not share the night's sites (") + e.what() + ")";
    }
    if (left_because_.empty() && (outcome_.interrupted || stopped()))
      left_because_ = "not checked: the run was interrupted (the night's other workers check its sites)";
    if (left_because_.empty() && outcome_.network_down) left_because_ = "not checked: the network is unreachable";
    mark_others();
    return std::move(outcome_);
  }

 private:
  Report& report_;
  const ResolverOptions& options_;
  const ResolveSettings& settings_;
  LinkStore& store_;
  ResolveOutcome outcome_;
  std::map<std::string, std::vector<Link*>> links_of_site_;  // the unchecked links of each site
  std::map<std::string, std::size_t> distinct_;               // distinct keys per site
  std::string left_because_;  // why links of unclaimed sites are left: empty, another worker has them

  // The night's unchecked URL and DOI links, by site.
  void gather() {
    std::map<std::string, std::unordered_set<std::string>> keys;
    for (auto& d : report_.documents)
      for (auto& l : d.manuscript.links) {
        if (l.status != LinkStatus::Unchecked) continue;
        auto site = shard_domain(l, options_);
        auto key = link_store_key(l, options_);
        if (!site || !key) continue;  // refused without a request: every worker says so alike
        links_of_site_[*site].push_back(&l);
        keys[*site].insert(*key);
      }
    for (auto& [site, k] : keys) distinct_[site] = k.size();
  }

  std::vector<NightSite> sites_list() const {
    std::vector<NightSite> out;
    for (const auto& [site, n] : distinct_) out.push_back({site, n});
    return out;
  }

  void remember_documents() {
    if (!settings_.save) return;
    std::vector<std::pair<std::string, std::vector<std::string>>> documents;
    for (const auto& d : report_.documents) {
      if (d.path == "<stdin>") continue;
      std::vector<std::string> keys;
      for (const auto& l : d.manuscript.links)
        if (auto key = link_store_key(l, options_)) keys.push_back(*key);
      documents.emplace_back(document_key(d.path), std::move(keys));
    }
    store_.set_document_links(documents);
  }

  // How many sites to claim now (guided self-scheduling): a share of what is left to claim for the
  // workers there are — so that early claims are big and late ones small, and a night of few
  // sites is not taken whole by the first worker — at most enough to keep the transfers busy
  // (the concurrency over what one host may take), at least one.
  std::size_t share(const NightBoard& board) const {
    std::size_t most = settings_.sites_per_claim;
    if (most == 0) most = static_cast<std::size_t>(std::max(4, options_.concurrency / std::max(1, options_.per_host)));
    const std::size_t workers = board.other_workers + 1;
    const std::size_t fair = (board.claimable + 2 * workers - 1) / (2 * workers);
    return std::clamp<std::size_t>(fair, 1, most);
  }

  bool stopped() const { return settings_.stop && *settings_.stop; }

  bool past_window(std::chrono::steady_clock::time_point started) const {
    return settings_.window && std::chrono::steady_clock::now() - started >= std::chrono::seconds(*settings_.window);
  }

  void pause(std::chrono::milliseconds total) {
    const auto until = std::chrono::steady_clock::now() + total;
    while (!stopped() && std::chrono::steady_clock::now() < until) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }

  // Checks the claimed sites' links with the ordinary stage: every other unchecked link is
  // set aside (skipped) for the batch and put back after. False when the night must end here
  // (interrupted, no network).
  bool check(const std::vector<std::string>& claimed) {
    const std::set<std::string> mine(claimed.begin(), claimed.end());
    std::vector<Link*> aside;
    for (auto& [site, links] : links_of_site_)
      if (!mine.count(site))
        for (Link* l : links)
          if (l->status == LinkStatus::Unchecked) {
            l->status = LinkStatus::Skipped;
            aside.push_back(l);
          }
    ResolverOptions options = options_;
    // DOI suggestions ask Crossref for the whole report: the worker of doi.org's site does.
    options.suggest_dois = options_.suggest_dois && mine.count("doi.org");
    const std::vector<SharedService> services = shared_services(options_);
    LinkStore* store = &store_;
    options.shared_budget = [services, store](const std::string& host) -> double {
      for (const auto& s : services)
        if (s.host == host) {
          try {
            return store->take_service_token(host, s.per_second, s.burst);
          } catch (const CacheError&) {
            return 0;  // the store is away: the per-process limits still hold
          }
        }
      return 0;
    };
    ResolveSettings settings = settings_;
    settings.night.clear();
    settings.remember_documents = false;
    ResolveOutcome batch = resolve_links(report_, options, settings);
    for (Link* l : aside) l->status = LinkStatus::Unchecked;
    const bool go_on = !batch.interrupted && !batch.network_down;
    add_up(outcome_, std::move(batch));
    for (const auto& site : claimed) links_of_site_.erase(site);
    // Finished only when checked: an interrupted batch's sites go back to the night when
    // the run ends.
    if (go_on) store_.finish_sites(settings_.night, claimed);
    return go_on;
  }

  // The links of sites this worker did not check.
  void mark_others() {
    for (auto& [site, links] : links_of_site_)
      for (Link* l : links) {
        if (l->status != LinkStatus::Unchecked) continue;
        if (!left_because_.empty()) {
          l->error = left_because_;
          continue;
        }
        l->status = LinkStatus::Skipped;
        l->error = "checked by another worker of the night '" + settings_.night + "' (" + site +
                   "; the store shares the night's sites)";
      }
  }
};

}  // namespace

ResolveOutcome check_shared_night(Report& report, const ResolverOptions& options, const ResolveSettings& settings) {
  return Worker(report, options, settings).run();
}

}  // namespace citecheck
