// link_store.hpp — where link-check results and their history live between runs. Two stores
// keep the same contract:
//
//   LinkCache (cache.hpp)          one SQLite file, for one machine (and its --shard runs);
//   PostgresStore (postgres_store.hpp)  a PostgreSQL database (`--cache postgresql://…`), one
//                                  live history for a team, and elastic workers that share a
//                                  night by claiming whole sites under short leases.
//
// What both hold: the latest result per key (status, opaque JSON payload, checked_at), served
// while fresh; one history row per key per run that asked for it, from which a link's state
// over nights is folded (link_state.hpp); the runs, whose rows count only once they are
// committed — after the run's report is safely written — so a run whose report is lost leaves
// no trace in what later runs report; and which links each document cited on its last run.
//
// A store object is one connection: use it from one thread at a time.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "resolvers/link_state.hpp"

namespace citecheck {

// One check result for a key. The store does not interpret payload.
struct CacheEntry {
  std::string key;      // e.g. "url:https://example.org/a", "doi:10.1000/x", "crossref:10.1000/x"
  std::string status;   // link status word: "ok", "redirected", "broken", "soft-404", …
  std::string payload;  // JSON text (http_status, final_url, redirects, metadata…), opaque here
  std::int64_t checked_at = 0;  // unix seconds
};

// One committed history row of a key.
struct HistoryRow {
  std::string status;
  std::int64_t checked_at = 0;
};

// Seconds a stored result stays fresh, by status.
struct CacheTtl {
  // Live links are rechecked after a week (--recheck-after); failing and unverifiable ones
  // every night.
  std::int64_t ok = 7 * 86400;
  std::int64_t redirected = 7 * 86400;
  std::int64_t failure = 3600;  // broken, soft-404, server-error, timeout
  std::int64_t unverifiable = 6 * 3600;
  std::int64_t other = 3600;  // invalid, skipped, unchecked and unknown words
  std::int64_t for_status(std::string_view status) const;
  // Whether a result stored at checked_at is served at `now`: fresh by its status, or checked
  // at or after served_since (--resume) whatever its age.
  bool serves(std::string_view status, std::int64_t checked_at, std::int64_t now,
              std::optional<std::int64_t> served_since = std::nullopt) const;
};

// Every store failure: the message names the store, the reason and, where there is one, the
// way out, e.g. "cannot open the link cache '/x/links.sqlite': file is not a database; delete it
// or choose another cache file". Every member but name() may throw it.
class CacheError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A site of a night, as workers share it (PostgreSQL only): its registrable domain and how
// many distinct links it has.
struct NightSite {
  std::string site;
  std::size_t links = 0;
};

// How a night stands, as one worker sees it: sites to claim (never claimed, or given back by a
// dead or interrupted worker), sites other workers hold unfinished under a live lease (to wait
// for: their worker may die, and they come back), and how many other workers hold live leases.
struct NightBoard {
  std::size_t claimable = 0;
  std::size_t held_elsewhere = 0;
  std::size_t other_workers = 0;
};

// Keeps the leases of a run's claimed sites alive (a thread of its own, on a connection of
// its own) until destroyed. A worker that dies stops renewing them: once they expire, other
// workers take its sites over.
class LeaseKeeper {
 public:
  virtual ~LeaseKeeper() = default;
};

class LinkStore {
 public:
  virtual ~LinkStore() = default;

  // The fresh results among `keys`: key -> entry, only entries whose checked_at + ttl(status)
  // > now. Keys not stored, or stale, are absent. served_since (--resume): results checked at
  // or after it are fresh whatever their age. Rows of runs not committed are never served.
  virtual std::unordered_map<std::string, CacheEntry> lookup(const std::vector<std::string>& keys, std::int64_t now,
                                                             std::optional<std::int64_t> served_since = std::nullopt) = 0;

  // Stores results and, when record_history, appends one history row per entry, in one
  // transaction. The latest result wins: an entry older (by checked_at) than the stored one
  // for its key leaves the stored one in place (its history row is still appended).
  virtual void store(const std::vector<CacheEntry>& entries, bool record_history) = 0;

  // The state of a key over its committed history rows; checks counts them all. A key without
  // rows has state Unknown.
  virtual LinkRecord record(const std::string& key, const DeadRule& rule) = 0;
  // The same for many keys, in one read. Keys without rows are left out (their record is
  // LinkRecord{}): a first night over an archive holds no record per link.
  virtual std::unordered_map<std::string, LinkRecord> records(const std::vector<std::string>& keys,
                                                              const DeadRule& rule) = 0;
  // Every committed history row of a key, oldest first.
  virtual std::vector<HistoryRow> rows(const std::string& key) = 0;
  // The keys with a committed failed check (broken, soft-404, server-error) at or after since.
  virtual std::vector<std::string> keys_failed_since(std::int64_t since) = 0;

  // Which keys each document cites (replacing what was recorded for it), in one transaction.
  virtual void set_document_links(const std::vector<std::pair<std::string, std::vector<std::string>>>& documents) = 0;
  virtual std::vector<std::string> document_links(const std::string& document) = 0;
  virtual std::vector<std::string> documents_citing(const std::string& key) = 0;

  // Checked documents kept between runs (src/document_cache.hpp), one per path: hands `read`
  // the body kept for `path` when it was made from what `digest` names (and marks it used at
  // `now`), and says whether there was one. The bytes live only during the call: a document of
  // 100,000 entries is read where the store holds it, not copied first.
  virtual bool read_kept_document(const std::string& path, std::string_view digest, std::int64_t now,
                                  const std::function<void(std::string_view)>& read) = 0;
  // The same, copied out (tests, small documents).
  std::optional<std::string> kept_document(const std::string& path, std::string_view digest, std::int64_t now) {
    std::optional<std::string> body;
    read_kept_document(path, digest, now, [&](std::string_view b) { body.emplace(b); });
    return body;
  }
  // Keeps a body of `size` bytes for `path`, replacing what the path held, and drops the
  // documents no run has read since forget_unused_before. `write` hands the bytes over in
  // pieces, in order (put(piece)), so a store can write them as they come; a body whose pieces
  // do not add up to `size` is not kept (CacheError).
  using BodyWriter = std::function<void(const std::function<void(std::string_view)>& put)>;
  virtual void write_kept_document(const std::string& path, std::string_view digest, std::size_t size,
                                   const BodyWriter& write, std::int64_t now, std::int64_t forget_unused_before) = 0;
  // The same for a body at hand.
  void keep_document(const std::string& path, std::string_view digest, std::string_view body, std::int64_t now,
                     std::int64_t forget_unused_before) {
    write_kept_document(path, digest, body.size(), [&](const auto& put) { put(body); }, now, forget_unused_before);
  }

  // Drops history rows with checked_at < before.
  virtual void prune_history(std::int64_t before) = 0;

  // A run: store() tags what it writes with the run from begin_run until commit_run (the rows
  // count from then on: complete, or interrupted — which --resume continues) or discard_run
  // (they never count). A run never ended (the process was killed) never counts.
  // since: the run's own start, or for a resumed run the resume_point() it continues.
  // lane: the shard the run checks ("1/4"; empty for a whole run).
  virtual void begin_run(std::int64_t started_at, std::int64_t since, const std::string& lane = "") = 0;
  virtual void commit_run(bool complete) = 0;
  virtual void discard_run() = 0;
  virtual bool in_run() const = 0;
  // The `since` of the lane's last committed run when it was interrupted; nullopt when it
  // completed (or there was none): nothing to resume.
  virtual std::optional<std::int64_t> resume_point(const std::string& lane = "") = 0;

  // How messages name the store: a file's path, or a database address without its password.
  virtual std::string name() const = 0;

  // --- Elastic workers: a night's sites claimed whole, under leases (a shared store only). ---

  // Whether several processes on several machines may share nights through this store.
  virtual bool shares_nights() const { return false; }
  // Adds the night's sites (a site already added by another worker stays as it is).
  virtual void add_sites(const std::string& night, const std::vector<NightSite>& sites);
  // Claims up to `most` sites of the night for the current run, biggest first, for
  // `lease_seconds`: sites never claimed, and sites whose lease expired unless the run that
  // finished them was committed. Requires a run (begin_run).
  virtual std::vector<std::string> claim_sites(const std::string& night, std::size_t most, double lease_seconds);
  // The run checked these sites: once it is committed they are done for the night.
  virtual void finish_sites(const std::string& night, const std::vector<std::string>& sites);
  // The night as the current run sees it.
  virtual NightBoard night_board(const std::string& night);
  // Renews the current run's leases every lease_seconds / 3 until the keeper is destroyed.
  virtual std::unique_ptr<LeaseKeeper> keep_leases(const std::string& night, double lease_seconds);
  // One request to a service every worker asks (the Wayback Machine, Crossref…) from a token
  // bucket in the store that refills `per_second` up to `burst`: 0 when a token was taken,
  // else the seconds until one is there.
  virtual double take_service_token(const std::string& service, double per_second, double burst);
};

// Opens the store `where` names: a PostgreSQL connection URI (postgresql://… or postgres://…)
// or the path of an SQLite file. Throws CacheError.
std::unique_ptr<LinkStore> open_link_store(const std::string& where, CacheTtl ttl = {});

// Whether `where` names a PostgreSQL database rather than a file.
bool is_postgres_address(std::string_view where);

// The statuses with the short failure time to live: "broken", "soft-404", "server-error", "timeout".
bool is_failure_status(std::string_view status);

// How the store names a document: its absolute path, with "." and ".." and symbolic links
// resolved where the file exists, so `citecheck history paper.txt` finds what
// `citecheck check ./drafts/../paper.txt` recorded.
std::string document_key(const std::string& path);

}  // namespace citecheck
