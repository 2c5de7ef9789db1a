#include "resolvers/resolve_links.hpp"

#include <ctime>
#include <functional>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "resolvers/archive.hpp"
#include "resolvers/cache.hpp"
#include "resolvers/doi_resolver.hpp"
#include "resolvers/http_pool.hpp"
#include "resolvers/metadata_match.hpp"
#include "resolvers/progress.hpp"
#include "resolvers/request_url.hpp"
#include "resolvers/robots.hpp"
#include "resolvers/shard.hpp"
#include "resolvers/shared_night.hpp"
#include "resolvers/url_checker.hpp"
#include "resolvers/url_remap.hpp"
#include "src/time_values.hpp"

namespace citecheck {

namespace {

using nlohmann::json;

// One distinct URL or DOI and everything learnt about it.
struct Resolution {
  LinkStatus status = LinkStatus::Unchecked;
  std::optional<int> http_status;
  OptionalText final_url, error;  // absent rather than empty: a job per distinct link
  std::vector<std::string> redirects;
  bool permanent = false;
  OptionalText page_title, archived_url, archived_at;
  std::shared_ptr<const RegisteredWork> registered;  // DOIs only: URLs carry no metadata space
  TransferFailure failure = TransferFailure::None;
  std::int64_t checked_at = 0;
  bool from_cache = false;
};

struct Job {
  LinkKind kind = LinkKind::Url;
  // "url:REQUEST" (REQUEST: the URL fetched) or "doi:VALUE". The request and the address
  // are read from it and from `value` rather than kept as copies: an archive's night holds
  // a job per distinct link, and four copies of every URL were a fifth of its memory.
  std::string key;
  std::string value;     // as printed
  std::string remapped;  // what --remap made of `value`; "" when it is checked as printed
  std::string archive_date;         // YYYYMMDD… to look a capture up at
  std::vector<Link*> links;
  Resolution result;
  bool fetched = false;
  bool deferred = false;  // over its site's budget for the night (--window): not asked tonight
  // With a cache: the link's record once tonight's check is folded in (LinkStage::record).
  std::shared_ptr<const LinkHistoryInfo> history;

  std::string_view request() const { return kind == LinkKind::Url ? std::string_view(key).substr(4) : std::string_view(); }
  const std::string& address() const { return remapped.empty() ? value : remapped; }
};

LinkStatus status_from(const std::string& word) {
  for (LinkStatus s : {LinkStatus::Unchecked, LinkStatus::Ok, LinkStatus::Redirected, LinkStatus::Broken,
                       LinkStatus::ServerError, LinkStatus::Timeout, LinkStatus::Unverifiable, LinkStatus::Soft404,
                       LinkStatus::Invalid, LinkStatus::Skipped})
    if (word == to_string(s)) return s;
  return LinkStatus::Unchecked;
}

json opt(const std::optional<std::string>& s) { return s ? json(*s) : json(nullptr); }

// Only what is set: a cached run parses ten thousand of these.
std::string to_payload(const Resolution& r) {
  json j = json::object();
  if (r.http_status) j["http_status"] = *r.http_status;
  if (r.final_url) j["final_url"] = *r.final_url;
  if (r.error) j["error"] = *r.error;
  if (!r.redirects.empty()) j["redirects"] = r.redirects;
  if (r.permanent) j["permanent"] = true;
  if (r.page_title) j["page_title"] = *r.page_title;
  if (r.archived_url) j["archived_url"] = *r.archived_url;
  if (r.archived_at) j["archived_at"] = *r.archived_at;
  if (r.registered) {
    const RegisteredWork& w = *r.registered;
    j["registered"] = {{"agency", w.agency}, {"title", opt(w.title)}, {"other_titles", w.other_titles},
                       {"year", w.year ? json(*w.year) : json(nullptr)}, {"years", w.years},
                       {"family_names", w.family_names}, {"retraction", opt(w.retraction)}};
  }
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

OptionalText unless_empty(std::string s) { return s.empty() ? OptionalText() : OptionalText(std::move(s)); }

std::optional<std::string> opt_str(const json& j, const char* key) {
  if (j.contains(key) && j[key].is_string()) return j[key].get<std::string>();
  return std::nullopt;
}

std::optional<Resolution> from_payload(const CacheEntry& e) {
  json j = json::parse(e.payload, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return std::nullopt;
  try {
    Resolution r;
    r.status = status_from(e.status);
    if (j.contains("http_status") && j["http_status"].is_number_integer()) r.http_status = j["http_status"].get<int>();
    r.final_url = unless_empty(j.value("final_url", std::string()));
    r.error = unless_empty(j.value("error", std::string()));
    r.redirects = j.value("redirects", std::vector<std::string>{});
    r.permanent = j.value("permanent", false);
    r.page_title = opt_str(j, "page_title");
    r.archived_url = opt_str(j, "archived_url");
    r.archived_at = opt_str(j, "archived_at");
    if (j.contains("registered") && j["registered"].is_object()) {
      const json& w = j["registered"];
      RegisteredWork reg;
      reg.agency = w.value("agency", std::string());
      reg.title = opt_str(w, "title");
      reg.other_titles = w.value("other_titles", std::vector<std::string>{});
      if (w.contains("year") && w["year"].is_number_integer()) reg.year = w["year"].get<int>();
      reg.years = w.value("years", std::vector<int>{});
      reg.family_names = w.value("family_names", std::vector<std::string>{});
      reg.retraction = opt_str(w, "retraction");
      r.registered = std::make_shared<const RegisteredWork>(std::move(reg));
    }
    r.checked_at = e.checked_at;
    r.from_cache = true;
    return r;
  } catch (const json::exception&) {
    return std::nullopt;  // a payload of an older version: check again
  }
}

// The date to look an archived copy up at: the access date, else the year of the work.
std::string archive_date(const Work* w) {
  if (!w) return {};
  if (w->accessed && w->accessed->size() == 10) {
    std::string d = *w->accessed;
    return d.substr(0, 4) + d.substr(5, 2) + d.substr(8, 2);
  }
  if (w->year && w->year->size() == 4 && (*w->year)[0] >= '1' && (*w->year)[0] <= '2') return *w->year + "0701";
  return {};
}

// What every link of a job gets: the status fields, and one shared LinkCheck. Credentials
// in redirect targets are removed here, once.
std::shared_ptr<LinkCheck> details_of(Resolution& r, std::unordered_map<std::int64_t, std::string>& times) {
  auto c = std::make_shared<LinkCheck>();
  for (auto& hop : r.redirects) c->redirects.push_back(redact_credentials(hop));
  c->permanent_redirect = r.permanent;
  c->page_title = std::move(r.page_title);
  c->archived_url = std::move(r.archived_url);
  c->archived_at = std::move(r.archived_at);
  c->registered = std::move(r.registered);
  c->from_cache = r.from_cache;
  if (r.status != LinkStatus::Unchecked) {
    auto t = times.find(r.checked_at);
    if (t == times.end()) t = times.emplace(r.checked_at, rfc3339(r.checked_at)).first;  // most share a second
    c->checked_at = t->second;
  }
  return c;
}

// A URL or DOI link's key in the cache ("doi:VALUE", "url:REQUEST"), with the URL requested
// and the address it is checked at; nullopt for a URL without a usable host.
struct LinkKey {
  std::string key, request, address;
};
std::optional<LinkKey> link_key(const Link& l, const ResolverOptions& options) {
  if (l.kind == LinkKind::Doi) return LinkKey{"doi:" + l.value, "", l.value};
  std::string address = checked_address(l, options);
  auto req = request_url(address);
  if (!req) return std::nullopt;
  return LinkKey{"url:" + req->url, req->url, std::move(address)};
}

// The works that own links (reference entries and notes that cite a work), by id.
std::unordered_map<std::string, const Work*> works_by_id(const Manuscript& m) {
  std::unordered_map<std::string, const Work*> works;
  works.reserve(m.references.size() + m.footnotes.size());
  for (const auto& r : m.references) works.emplace(r.id, &r.work);
  for (const auto& f : m.footnotes)
    if (f.work) works.emplace(f.id, &*f.work);
  return works;
}


// The stage, step by step: collect the distinct links, serve what the cache has, fetch the
// rest — saving results in batches as they arrive — then read the failing links' records and
// write everything back into the links.
class LinkStage {
 public:
  // The options are copied: a nightly run tightens a host's interval to its Crawl-delay.
  LinkStage(Report& report, const ResolverOptions& options, const ResolveSettings& settings)
      : report_(report),
        options_(options),
        settings_(settings),
        now_(settings.now.value_or(static_cast<std::int64_t>(std::time(nullptr)))) {}

  ResolveOutcome run() {
    collect();
    remember_documents();
    serve_from_cache();
    read_records();
    if (settings_.window) {
      read_crawl_delays();
      spend_budgets();
    }
    fetch();
    record();
    outcome_.sites = site_ages();
    write_back();
    return outcome_;
  }

 private:
  Report& report_;
  ResolverOptions options_;
  const ResolveSettings& settings_;
  std::int64_t now_;
  ResolveOutcome outcome_;
  std::vector<std::unique_ptr<Job>> jobs_;
  // Finished jobs waiting for the next batch, and jobs that failed before the network was
  // known to be up (saved once it is; dropped on a night without network).
  std::vector<Job*> ready_, held_;
  std::unordered_map<std::string, LinkRecord> records_;  // before this run (read_records)
  std::vector<CacheEntry> snapshots_;  // archive answers learnt tonight, saved with the next batch
  std::chrono::steady_clock::time_point last_save_ = std::chrono::steady_clock::now();

  // One job per distinct URL (as requested) or DOI, across all documents.
  void collect() {
    std::unordered_map<std::string, Job*> by_key;
    std::size_t links = 0;
    for (const auto& d : report_.documents) links += d.manuscript.links.size();
    by_key.reserve(links);  // no rehashing of a 100,000-link night's keys
    for (auto& d : report_.documents) {
      set_archive_dates(d.manuscript);
      for (auto& l : d.manuscript.links) {
        if (l.status != LinkStatus::Unchecked || (l.kind != LinkKind::Url && l.kind != LinkKind::Doi)) continue;
        auto id = link_key(l, options_);
        if (!id) continue;
        if (l.kind == LinkKind::Url && id->address != l.value) l.remapped_to = id->address;
        const std::string& key = id->key;
        Job*& job = by_key[key];
        if (!job) {
          jobs_.push_back(std::make_unique<Job>());
          job = jobs_.back().get();
          job->kind = l.kind;
          job->key = key;
          job->value = l.value;
          if (id->address != l.value) job->remapped = id->address;
          job->archive_date = l.archive_date;
        }
        job->links.push_back(&l);
      }
    }
    outcome_.distinct = jobs_.size();
  }

  // Which links each document cites, for `citecheck history DOCUMENT`. A cache that cannot
  // take it is said like any other; the checks go on.
  void remember_documents() {
    if (!saving() || !settings_.remember_documents) return;
    std::unordered_map<const Link*, const Job*> job_of;
    for (auto& j : jobs_)
      for (const Link* l : j->links) job_of.emplace(l, j.get());
    std::vector<std::pair<std::string, std::vector<std::string>>> documents;
    for (const auto& d : report_.documents) {
      if (d.path == "<stdin>") continue;
      std::vector<std::string> keys;
      for (const auto& l : d.manuscript.links) {
        if (auto it = job_of.find(&l); it != job_of.end()) {
          keys.push_back(it->second->key);
        } else if (l.shard) {
          // Checked by another shard of the night: still one of the document's links, so a
          // cache the shards share keeps the document's whole list whichever shard wrote last.
          if (auto id = link_key(l, options_)) keys.push_back(id->key);
        }
      }
      documents.emplace_back(document_key(d.path), std::move(keys));
    }
    try {
      settings_.cache->set_document_links(documents);
    } catch (const CacheError& e) {
      outcome_.cache_error = e.what();
    }
  }

  // A slice of jobs at a time: the stored rows of a whole archive never sit in memory at once.
  void serve_from_cache() {
    if (!settings_.cache || jobs_.empty()) return;
    constexpr std::size_t kSlice = 8192;
    for (std::size_t at = 0; at < jobs_.size(); at += kSlice) {
      const std::size_t end = std::min(jobs_.size(), at + kSlice);
      std::vector<std::string> keys;
      keys.reserve(end - at);
      for (std::size_t i = at; i < end; ++i) keys.push_back(jobs_[i]->key);
      std::unordered_map<std::string, CacheEntry> fresh;
      try {
        fresh = settings_.cache->lookup(keys, now_, settings_.resume_since);
      } catch (const CacheError& e) {  // checked again instead; the report says why
        outcome_.cache_error = e.what();
        return;
      }
      for (std::size_t i = at; i < end; ++i) {
        Job& j = *jobs_[i];
        auto it = fresh.find(j.key);
        if (it == fresh.end()) continue;
        if (auto r = from_payload(it->second)) {
          j.result = std::move(*r);
          ++outcome_.from_cache;
        }
      }
    }
  }

  // What the store says of an archive key: a capture, known none (looked up within 30 days),
  // or nothing known (nullopt: ask).
  std::optional<std::optional<Snapshot>> stored_snapshot(const std::string& key) {
    if (!settings_.cache) return std::nullopt;
    std::unordered_map<std::string, CacheEntry> found;
    try {
      found = settings_.cache->lookup({key}, now_, std::numeric_limits<std::int64_t>::min());
    } catch (const CacheError&) {
      return std::nullopt;
    }
    auto it = found.find(key);
    if (it == found.end()) return std::nullopt;
    json j = json::parse(it->second.payload, nullptr, false);
    if (j.is_object() && j.contains("url") && j["url"].is_string() && j.contains("at") && j["at"].is_string())
      return std::optional<Snapshot>(Snapshot{j["url"].get<std::string>(), j["at"].get<std::string>()});
    constexpr std::int64_t kMissingKept = 30 * 86'400;  // someone may archive the page meanwhile
    if (now_ - it->second.checked_at < kMissingKept) return std::optional<Snapshot>();
    return std::nullopt;
  }

  // With a cache, the archive is asked only when tonight's check makes the link suspect or
  // dead (timeouts and refusals never do).
  bool archive_worth_asking(const Job& j) const {
    if (!settings_.cache) return true;
    LinkRecord before;
    if (auto it = records_.find(j.key); it != records_.end()) before = it->second;
    const LinkState after = advance(before, to_string(j.result.status), now_, settings_.dead_rule).state;
    return after == LinkState::Suspect || after == LinkState::Dead;
  }

  bool saving() const { return settings_.cache && settings_.save && outcome_.cache_error.empty(); }

  // One transaction for the batch. A cache that cannot be written (disk full, a lock held
  // past the busy timeout) is said once and not asked again: the run goes on and reports.
  void save_ready() {
    last_save_ = std::chrono::steady_clock::now();
    std::vector<CacheEntry> entries;
    for (Job* j : ready_)
      if (j->result.status != LinkStatus::Unchecked)
        entries.push_back({j->key, to_string(j->result.status), to_payload(j->result), j->result.checked_at});
    ready_.clear();
    std::vector<CacheEntry> snapshots = std::move(snapshots_);
    snapshots_.clear();
    if (!saving()) return;
    try {
      if (!entries.empty()) settings_.cache->store(entries, true);
      if (!snapshots.empty()) settings_.cache->store(snapshots, false);  // not a check of the link: no history
    } catch (const CacheError& e) {
      outcome_.cache_error = e.what();
    }
  }

  // The network part: one pool, fed a window of jobs at a time.
  struct Fetch {
    LinkStage& stage;
    HttpPool pool;
    Progress progress;
    std::vector<Job*> order;
    std::size_t next_job = 0, wanted = 0;
    bool feeding = false, stopped = false;
    // A night without network: when requests fail at DNS or connect and nothing has
    // answered yet, ask the DOI resolver (up whenever the network is). If it fails too, stop:
    // the links not yet asked are left unchecked instead of waiting out a timeout each.
    enum class Canary { NotAsked, Asked, Up, Down } canary = Canary::NotAsked;
    std::string canary_error;
    // Interruption (settings.stop): when the grace for checks under way ends.
    std::optional<std::chrono::steady_clock::time_point> stop_deadline;
    bool cancelled_all = false;

    Fetch(LinkStage& s) : stage(s), pool(s.options_), progress(s.settings_.progress) {}

    // Jobs go to the pool a window at a time, as earlier ones finish, so that 100,000 links
    // do not hold 100,000 requests in memory; in round-robin order of hosts, so that a
    // window is never all one publisher's (which the per-host limit would serialise).
    void plan() {
      std::vector<std::vector<Job*>> hosts;
      std::unordered_map<std::string, std::size_t> host_index;
      std::size_t total = 0;
      for (auto& jp : stage.jobs_) {
        if (jp->result.from_cache || jp->deferred) continue;
        std::string host = jp->kind == LinkKind::Doi ? std::string() : url_host_lower(jp->request());
        auto [it, added] = host_index.emplace(host, hosts.size());
        if (added) hosts.emplace_back();
        hosts[it->second].push_back(jp.get());
        ++total;
      }
      for (std::size_t round = 0; order.size() < total; ++round)
        for (auto& list : hosts)
          if (round < list.size()) order.push_back(list[round]);
      progress.set_total(total);
    }

    // A job may finish at once (a .invalid name, a private address) and ask for the next one
    // from inside submit: count the request and let the outer call submit it, so that a run
    // of such jobs loops instead of recursing.
    void feed() {
      ++wanted;
      if (feeding) return;
      feeding = true;
      while (wanted > 0 && next_job < order.size() && !stopped) {
        --wanted;
        submit(order[next_job++]);
      }
      wanted = 0;
      feeding = false;
    }

    bool network_known_up() const { return canary == Canary::Up || pool.stats().answers > 0; }

    void watch(TransferFailure f) {
      bool network_failure = f == TransferFailure::Dns || f == TransferFailure::Connect;
      if (canary == Canary::NotAsked && network_failure && pool.stats().answers == 0) {
        canary = Canary::Asked;
        HttpRequest req;
        req.url = stage.options_.doi_resolver;
        req.head = true;
        req.retry = false;
        req.continuation = true;  // decides the run: never cancelled as a new check
        pool.submit(std::move(req), [this](HttpResponse&& r) {
          bool down = r.failure == TransferFailure::Dns || r.failure == TransferFailure::Connect ||
                      r.failure == TransferFailure::Timeout;
          canary = down ? Canary::Down : Canary::Up;
          canary_error = r.error;
        });
      }
      if (canary == Canary::Down && !stopped && pool.stats().answers == 0) {
        stopped = true;
        pool.abandon_queued(TransferFailure::Connect, "not tried: the network is unreachable");
      }
    }

    // A job's result is complete (its archived copy looked up, when it needed one).
    void finished(Job* j) {
      Resolution& r = j->result;
      if (r.failure == TransferFailure::Cancelled) {  // stopped by the interruption: learnt nothing
        r = Resolution{};
        return;
      }
      progress.item_done(is_failing(r.status));
      // Until something has answered, a failure may be the machine's network, not the link's.
      if (r.failure != TransferFailure::None && !network_known_up()) stage.held_.push_back(j);
      else stage.ready_.push_back(j);
    }

    void submit(Job* j) {
      j->fetched = true;
      std::int64_t now = stage.now_;
      if (j->kind == LinkKind::Doi) {
        check_doi(pool, stage.options_, j->value, [this, j, now](DoiCheck c) {
          Resolution& r = j->result;
          r.status = c.status;
          r.http_status = c.http_status;
          r.final_url = unless_empty(c.target_url);
          r.error = unless_empty(c.error);
          if (c.registered) r.registered = std::make_shared<const RegisteredWork>(std::move(*c.registered));
          r.failure = c.failure;
          r.checked_at = now;
          // Metadata requests cut short by the interruption: the DOI is checked again later.
          if (stop_deadline && r.status == LinkStatus::Ok && !r.registered) r.failure = TransferFailure::Cancelled;
          watch(c.failure);
          finished(j);
          feed();
        });
        return;
      }
      check_url(pool, stage.options_, j->address(), [this, j, now](UrlCheck c) {
        Resolution& r = j->result;
        r.status = c.status;
        r.http_status = c.http_status;
        // A Location may carry credentials: they go neither into the cache nor the report.
        r.final_url = unless_empty(redact_credentials(c.final_url));
        r.redirects = std::move(c.redirects);
        for (auto& hop : r.redirects) hop = redact_credentials(hop);
        r.permanent = c.permanent;
        r.error = unless_empty(c.error);
        r.page_title = c.page_title;
        r.failure = c.failure;
        r.checked_at = now;
        watch(c.failure);
        if (stage.options_.archive_lookup && is_failing(c.status) && !stopped) look_up_archive(j);
        else finished(j);
        feed();
      });
    }

    // A failing link's archived copy nearest its date. A capture, once found, is kept in the
    // cache forever ("archive:URL@DATE"; "none found" for 30 days), so the archive is asked
    // once per link, on the night it starts failing (becomes suspect) or dies — never for a
    // timeout or a refusal, which say nothing of the link — and the copy is reported every
    // night after from the store. Without a cache, every failing link is asked.
    void look_up_archive(Job* j) {
      std::string date = j->archive_date;
      if (date.empty()) {
        std::string today = rfc3339(stage.now_);
        date = today.substr(0, 4) + today.substr(5, 2) + today.substr(8, 2);
      }
      // The archive is asked for the address the manuscript cites, not a --remap mirror's.
      std::string cited(j->request());
      if (!j->remapped.empty())
        if (auto printed = request_url(j->value)) cited = printed->url;
      const std::string key = "archive:" + cited + "@" + date;
      if (auto known = stage.stored_snapshot(key)) {
        if (*known) {
          j->result.archived_url = (*known)->url;
          j->result.archived_at = (*known)->at;
        }
        return finished(j);
      }
      if (!stage.archive_worth_asking(*j)) return finished(j);
      find_snapshot(pool, stage.options_, cited, date, [this, j, key](std::optional<Snapshot> s, bool answered) {
        json payload = json::object();
        if (s) {
          j->result.archived_url = s->url;
          j->result.archived_at = s->at;
          payload = {{"url", s->url}, {"at", s->at}};
        }
        if (answered) stage.snapshots_.push_back({key, s ? "ok" : "broken", payload.dump(), stage.now_});
        finished(j);
      });
    }

    void suggest_dois() {
      const ResolverOptions& options = stage.options_;
      for (auto& d : stage.report_.documents)
        for (auto& ref : d.manuscript.references) {
          if (ref.work.doi || !ref.work.title || ref.work.title->size() < 12) continue;
          std::string query = *ref.work.title;
          if (!ref.work.authors.empty()) query += " " + ref.work.authors[0].family;
          if (ref.work.year) query += " " + *ref.work.year;
          Reference* target = &ref;
          suggest_doi(pool, options, query, [target, &options](std::optional<DoiSuggestion> s) {
            if (!s || s->score < options.suggest_threshold) return;
            if (title_similarity(*target->work.title, s->title) < 0.75) return;
            target->suggested_doi = s->doi;
            target->suggested_title = s->title;
          });
        }
    }

    // About ten times a second: the interruption, the batches, the progress line.
    void tick() {
      const auto now = std::chrono::steady_clock::now();
      const ResolveSettings& settings = stage.settings_;
      if (settings.stop && *settings.stop && !stop_deadline) {
        stopped = true;
        stop_deadline = now + settings.grace;
        stage.outcome_.interrupted = true;
        pool.cancel_new("not checked: the run was interrupted");
      }
      if (stop_deadline && !cancelled_all && now >= *stop_deadline) {
        cancelled_all = true;
        pool.cancel_all("not checked: the run was interrupted");
      }
      if (network_known_up() && !stage.held_.empty()) {
        stage.ready_.insert(stage.ready_.end(), stage.held_.begin(), stage.held_.end());
        stage.held_.clear();
      }
      if (stage.ready_.size() >= settings.batch_size ||
          (!stage.ready_.empty() && now - stage.last_save_ >= settings.batch_interval))
        stage.save_ready();
      progress.set_answers(pool.stats().answers);
      progress.draw();
    }
  };

  void fetch() {
    if (settings_.stop && *settings_.stop) outcome_.interrupted = true;  // stopped before any request
    if (outcome_.interrupted || (!has_work() && !options_.suggest_dois)) return;  // fresh in the cache: no network
    Fetch f(*this);
    f.plan();
    const std::size_t window = std::max<std::size_t>(512, static_cast<std::size_t>(options_.concurrency) * 16);
    for (std::size_t i = 0; i < window; ++i) f.feed();
    if (options_.suggest_dois) f.suggest_dois();
    f.pool.run([&f] { f.tick(); });
    f.progress.finish();
    // No answer from anyone, only DNS/connect failures, and the DOI resolver unreachable too.
    if (f.canary == Fetch::Canary::Down && f.pool.stats().answers == 0) {
      outcome_.network_down = true;
      outcome_.network_reason = "the network is unreachable: every link failed at DNS or connect, and so did " +
                                options_.doi_resolver + " (" + f.canary_error + ")";
    } else {
      ready_.insert(ready_.end(), held_.begin(), held_.end());
    }
    held_.clear();
    save_ready();
  }

  // Nightly mode (--window): each site's robots.txt Crawl-delay, read once a cache lifetime
  // (its answer is stored under "robots:ORIGIN", without history), becomes the interval
  // between two requests to that host when it is longer than ours.
  void read_crawl_delays() {
    std::map<std::string, std::string> origin_of_host;  // host → scheme://host[:port]
    for (auto& j : jobs_) {
      if (j->kind != LinkKind::Url || j->result.from_cache) continue;
      const std::string_view request = j->request();
      const std::string host = url_host_lower(request);
      const std::size_t authority = request.find("://");
      const std::size_t path = authority == std::string_view::npos ? std::string_view::npos : request.find('/', authority + 3);
      origin_of_host.emplace(host, request.substr(0, path));
    }
    if (origin_of_host.empty()) return;
    std::map<std::string, std::optional<double>> delays;  // by origin
    std::vector<std::string> keys;
    for (auto& [host, origin] : origin_of_host) keys.push_back("robots:" + origin);
    std::unordered_map<std::string, CacheEntry> known;
    if (settings_.cache) {
      try {
        known = settings_.cache->lookup(keys, now_);
      } catch (const CacheError& e) {
        if (outcome_.cache_error.empty()) outcome_.cache_error = e.what();
      }
    }
    std::vector<CacheEntry> learnt;
    {
      HttpPool pool(options_);
      for (auto& [host, origin] : origin_of_host) {
        const std::string key = "robots:" + origin;
        if (auto it = known.find(key); it != known.end()) {
          json j = json::parse(it->second.payload, nullptr, false);
          if (j.is_object() && j.contains("crawl_delay") && j["crawl_delay"].is_number())
            delays[origin] = j["crawl_delay"].get<double>();
          else delays[origin] = std::nullopt;
          continue;
        }
        HttpRequest req;
        req.url = origin + "/robots.txt";
        req.retry = false;
        req.max_body = 64 * 1024;
        const std::string o = origin;
        pool.submit(std::move(req), [this, o, key, &delays, &learnt](HttpResponse&& r) {
          if (r.failure != TransferFailure::None) return;  // no answer: no delay asked, nothing stored
          std::optional<double> delay = r.status >= 200 && r.status < 300 ? crawl_delay(r.body) : std::nullopt;
          delays[o] = delay;
          json payload = {{"crawl_delay", delay ? json(*delay) : json(nullptr)}, {"http_status", r.status}};
          learnt.push_back({key, "ok", payload.dump(), now_});
        });
      }
      // A stop (SIGINT, SIGTERM) cuts this short too: the checks then never start.
      bool cancelled = false;
      pool.run([&] {
        if (!cancelled && settings_.stop && *settings_.stop) {
          cancelled = true;
          pool.cancel_all("not checked: the run was interrupted");
        }
      });
    }
    if (saving() && !learnt.empty()) {
      try {
        settings_.cache->store(learnt, false);
      } catch (const CacheError& e) {
        outcome_.cache_error = e.what();
      }
    }
    for (auto& [host, origin] : origin_of_host) {
      auto it = delays.find(origin);
      if (it == delays.end() || !it->second) continue;
      HostRule rule = options_.rule_for(host);
      const int asked = static_cast<int>(*it->second * 1000);
      if (asked > rule.interval_ms.value_or(options_.per_host_interval_ms)) {
        rule.interval_ms = asked;
        options_.hosts[host] = std::move(rule);  // the whole rule: a parent domain's headers stay
      }
    }
  }

  // Nightly mode (--window): a site (registrable domain) gets as many checks as its pace
  // allows in the window — the window over the longest interval between two requests to
  // its hosts. The links it cannot have tonight wait for a later night, in this order of
  // need: never checked, then suspect (failing, not yet dead), then the longest unchecked.
  // A link left for later is reported from its last stored answer, however old; with none,
  // it is unchecked.
  void spend_budgets() {
    std::map<std::string, std::vector<Job*>> by_site;
    for (auto& j : jobs_)
      if (j->kind == LinkKind::Url && !j->result.from_cache)
        by_site[registrable_domain(url_host_lower(j->request()))].push_back(j.get());
    std::vector<Job*> deferred;
    for (auto& [site, jobs] : by_site) {
      int spacing_ms = 1;
      for (Job* j : jobs)
        spacing_ms = std::max(spacing_ms, options_.rule_for(url_host_lower(j->request())).interval_ms.value_or(options_.per_host_interval_ms));
      const auto budget = static_cast<std::size_t>(std::max<std::int64_t>(1, *settings_.window * 1000 / spacing_ms));
      if (jobs.size() <= budget) continue;
      auto need = [this](const Job* j) {
        auto it = records_.find(j->key);
        if (it == records_.end() || it->second.checks == 0) return std::make_pair(0, std::int64_t{0});
        if (it->second.state == LinkState::Suspect) return std::make_pair(1, std::int64_t{0});
        return std::make_pair(2, it->second.last_checked_at.value_or(0));
      };
      std::stable_sort(jobs.begin(), jobs.end(), [&](const Job* a, const Job* b) { return need(a) < need(b); });
      for (std::size_t i = budget; i < jobs.size(); ++i) {
        jobs[i]->deferred = true;
        jobs[i]->result.error = "not checked tonight: " + site + " has " + std::to_string(jobs.size()) +
                                " links to check and the night's window (--window) allows " + std::to_string(budget) +
                                " at one request every " + std::to_string(spacing_ms) + " ms; a later night checks it";
        deferred.push_back(jobs[i]);
      }
    }
    outcome_.deferred = deferred.size();
    if (deferred.empty() || !settings_.cache) return;
    std::vector<std::string> keys;
    for (Job* j : deferred) keys.push_back(j->key);
    std::unordered_map<std::string, CacheEntry> stored;
    try {
      stored = settings_.cache->lookup(keys, now_, std::numeric_limits<std::int64_t>::min());
    } catch (const CacheError& e) {
      if (outcome_.cache_error.empty()) outcome_.cache_error = e.what();
    }
    for (Job* j : deferred)
      if (auto it = stored.find(j->key); it != stored.end())
        if (auto r = from_payload(it->second)) j->result = std::move(*r);
  }

  bool has_work() const {
    for (const auto& j : jobs_)
      if (!j->result.from_cache && !j->deferred) return true;
    return false;
  }

  // Each job's outcome, and with a cache the link's record: what committed runs say, before and
  // after this run's check (equal when the run did not ask; rows of a run count only once it is
  // committed, after the report — see cache.hpp), kept in the job as what the report says.
  void record() {
    for (auto& j : jobs_) {
      Resolution& r = j->result;
      if (!j->fetched) {
        if (j->result.from_cache || j->deferred) continue;
        if (outcome_.network_down) r.error = "not checked: the network is unreachable";
        else if (outcome_.interrupted) r.error = "not checked: the run was interrupted";
        if (outcome_.interrupted && !outcome_.network_down) outcome_.left_unchecked.push_back(redact_credentials(j->value));
        continue;
      }
      if (outcome_.network_down && r.failure != TransferFailure::None) {  // learnt nothing: no history
        r = Resolution{};
        r.error = "not checked: the network is unreachable";
        r.checked_at = now_;
        j->fetched = false;
        continue;
      }
      if (r.status == LinkStatus::Unchecked) {
        j->fetched = false;
        if (outcome_.interrupted) {
          r.error = "not checked: the run was interrupted";
          outcome_.left_unchecked.push_back(redact_credentials(j->value));
        }
        continue;
      }
      ++outcome_.fetched;
    }
    if (!settings_.cache) return;
    for (auto& j : jobs_) {
      if (j->kind != LinkKind::Url || !(j->fetched || j->result.from_cache)) continue;
      LinkRecord before, after;
      if (auto it = records_.find(j->key); it != records_.end()) before = after = it->second;
      if (j->result.from_cache && answered(j->result.status) && before.state == LinkState::Unknown) {
        before.state = after.state = LinkState::Ok;
        before.last_ok_at = after.last_ok_at = j->result.checked_at;
      }
      if (j->fetched) after = advance(before, to_string(j->result.status), j->result.checked_at, settings_.dead_rule);
      LinkHistoryInfo info;
      info.state = to_string(after.state);
      info.change = night_change(before, after);
      info.failures = after.failures;
      if (after.first_failed_at) info.first_failed_at = rfc3339(*after.first_failed_at);
      if (after.last_ok_at) info.last_ok_at = rfc3339(*after.last_ok_at);
      info.dead_after = std::max(settings_.dead_rule.after, 1);
      info.dead_span_hours = static_cast<double>(settings_.dead_rule.span) / 3600;
      j->history = std::make_shared<const LinkHistoryInfo>(std::move(info));
    }
    records_ = {};  // folded into the jobs' history: not kept through the write-back and the report
  }

  // The records of the links before this run's checks, read before any is saved (outside a
  // run, a saved row would count at once). Only those that can say more than "ok": links
  // to be checked (they may fail, or recover) and links served from the store as failing or
  // inconclusive. A link served as answering changed nothing tonight: it is ok, last
  // answered when it was checked.
  void read_records() {
    if (!settings_.cache) return;
    std::vector<std::string> keys;
    for (auto& j : jobs_)
      if (j->kind == LinkKind::Url && !(j->result.from_cache && answered(j->result.status))) keys.push_back(j->key);
    try {
      records_ = settings_.cache->records(keys, settings_.dead_rule);
    } catch (const CacheError& e) {
      if (outcome_.cache_error.empty()) outcome_.cache_error = e.what();
    }
  }

  static bool answered(LinkStatus s) { return s == LinkStatus::Ok || s == LinkStatus::Redirected; }

  // Per site, how old the answers are that this run served instead of asking.
  std::vector<SiteAge> site_ages() const {
    if (!settings_.cache) return {};
    std::map<std::string, SiteAge> by_site;
    std::unordered_map<std::string, std::int64_t> oldest;
    for (const auto& j : jobs_) {
      if (j->kind != LinkKind::Url) continue;
      std::string host = url_host_lower(j->request());
      SiteAge& site = by_site[host];
      site.site = host;
      ++site.links;
      if (j->deferred) ++site.deferred;
      if (j->fetched) {
        ++site.checked;
      } else if (j->result.from_cache) {
        if (!oldest.count(host) || j->result.checked_at < oldest[host]) oldest[host] = j->result.checked_at;
      } else if (j->result.status == LinkStatus::Unchecked) {
        ++site.never_checked;
      }
    }
    std::vector<SiteAge> out;
    for (auto& [name, site] : by_site) {
      if (auto t = oldest.find(name); t != oldest.end()) {
        site.oldest_unchecked_at = rfc3339(t->second);
        site.oldest_unchecked_age_hours = static_cast<double>(now_ - t->second) / 3600;
      }
      out.push_back(std::move(site));
    }
    return out;
  }

  // The last step: each job is let go once its links hold the answer, so that the jobs and
  // the answers made of them are not all in memory at once.
  void write_back() {
    std::unordered_map<std::int64_t, std::string> times;
    for (auto& j : jobs_) {
      Resolution& r = j->result;
      auto details = details_of(r, times);
      details->history = std::move(j->history);
      for (Link* l : j->links) {
        l->status = r.status;
        l->http_status = r.http_status;
        if (r.final_url) l->final_url = r.final_url;
        if (r.error) l->error = r.error;
        l->check = details;
      }
      j.reset();
    }
    jobs_.clear();
  }
};

}  // namespace

std::string checked_address(const Link& link, const ResolverOptions& options) {
  if (link.kind != LinkKind::Url) return link.value;
  return remap_url(options.remaps, link.value).value_or(link.value);
}

std::optional<std::string> link_store_key(const Link& link, const ResolverOptions& options) {
  if (link.kind != LinkKind::Url && link.kind != LinkKind::Doi) return std::nullopt;
  auto id = link_key(link, options);
  if (!id) return std::nullopt;
  return id->key;
}

void set_archive_dates(Manuscript& m) {
  if (m.references.empty() && m.footnotes.empty()) return;
  const auto works = works_by_id(m);
  for (auto& l : m.links) {
    if (!l.archive_date.empty() || !l.owner) continue;
    if (auto owner = works.find(*l.owner); owner != works.end()) l.archive_date = archive_date(owner->second);
  }
}

ResolveOutcome resolve_links(Report& report, const ResolverOptions& options, const ResolveSettings& settings) {
  if (!settings.night.empty() && settings.cache) return check_shared_night(report, options, settings);
  return LinkStage(report, options, settings).run();
}

void redact_report(Report& report) {
  for (auto& d : report.documents) redact_document(d);
}

void redact_document(DocumentReport& d) {
  for (auto& l : d.manuscript.links) {
    if (l.kind != LinkKind::Url) continue;
    l.value = redact_credentials(l.value);
    if (l.final_url) l.final_url = redact_credentials(*l.final_url);
    if (l.remapped_to) l.remapped_to = redact_credentials(*l.remapped_to);
    if (l.error) l.error = redact_credentials(*l.error);
  }
  for (auto& r : d.manuscript.references) {
    r.raw = redact_credentials(r.raw);
    for (auto& u : r.work.urls) u = redact_credentials(u);
  }
  for (auto& f : d.manuscript.footnotes) {
    f.text = redact_credentials(f.text);
    if (f.work)
      for (auto& u : f.work->urls) u = redact_credentials(u);
  }
  for (auto& c : d.manuscript.citations) c.raw = redact_credentials(c.raw);
  for (auto& f : d.findings) {
    f.message = redact_credentials(f.message);
    if (f.english_message) f.english_message = redact_credentials(*f.english_message);
  }
}

}  // namespace citecheck
