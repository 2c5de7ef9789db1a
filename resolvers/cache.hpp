// cache.hpp — the link-check result cache and its history, in one SQLite file shared by runs
// (and by processes: nightly link-rot runs may overlap). Its tables:
//
//   results  the latest result per key (status, opaque JSON payload, checked_at), served by
//            `lookup` while fresh — fresh means checked_at + ttl(status) > now;
//   history  one row (key, status, checked_at) per key per run that asked for it, from which
//            `record` folds the link's state over nights (link_state.hpp: ok, suspect(n),
//            dead, unverifiable, recovered); `prune_history` keeps it bounded;
//   runs     one row per command-line run (begin_run … commit_run / discard_run). Rows stored
//            during a run are written batch by batch as results arrive, but count (lookup,
//            history) only once the run is committed — after its report is safely written —
//            so a run whose report is lost leaves no trace in what later runs report;
//   document_links  which links (keys) each document cited on its last run, for
//            `citecheck history DOCUMENT`.
// Schema 3 added document_links and an index of history by time; schemas 1 and 2 are
// upgraded in place when opened.
//
// A LinkCache is one SQLite connection: use one object from one thread at a time (open another
// object, or another process, for concurrency; SQLite's locking makes them safe together).
// A moved-from LinkCache may only be destroyed or assigned to.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "resolvers/link_state.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace citecheck {

// One check result for a key. The cache does not interpret payload.
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
};

// Every cache failure: the message names the file, the reason and, where there is one, the
// way out, e.g. "cannot open the link cache '/x/links.sqlite': file is not a database; delete it
// or choose another cache file". Every LinkCache member but path() may throw it (disk full,
// another process holding the write lock for more than 10 s, …).
class CacheError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

namespace detail {
struct CloseDb {
  void operator()(sqlite3* db) const;
};
struct FinalizeStmt {
  void operator()(sqlite3_stmt* stmt) const;
};
using Db = std::unique_ptr<sqlite3, CloseDb>;
using Stmt = std::unique_ptr<sqlite3_stmt, FinalizeStmt>;
}  // namespace detail

class LinkCache {
 public:
  // Opens or creates the database (creating parent directories): WAL journal, busy timeout
  // 10 s, synchronous=NORMAL, schema created or checked by PRAGMA user_version. Throws
  // CacheError (path + SQLite's reason) when the file is not a database, is another program's
  // database or a newer schema, or the file or its directory cannot be written.
  static LinkCache open(const std::string& path, CacheTtl ttl = {});

  // The fresh results among `keys` (one read transaction): key -> entry, only entries whose
  // checked_at + ttl(status) > now. Keys not cached, or stale, are absent.
  // served_since (--resume): results checked at or after it are fresh whatever their age.
  // Rows of runs not committed (running, killed, discarded) are never served.
  std::unordered_map<std::string, CacheEntry> lookup(const std::vector<std::string>& keys,
                                                     std::int64_t now,
                                                     std::optional<std::int64_t> served_since = std::nullopt);

  // Stores results and, when record_history, appends one history row per entry — all in one
  // write transaction (BEGIN IMMEDIATE, waiting up to the busy timeout for other writers).
  // The latest result wins: an entry older (by checked_at) than the stored one for its key
  // leaves the stored one in place (its history row is still appended).
  void store(const std::vector<CacheEntry>& entries, bool record_history);

  // The state of a key over its committed history rows (link_state.hpp); checks counts them
  // all. A key without rows has state Unknown.
  LinkRecord record(const std::string& key, const DeadRule& rule);

  // The same for many keys, in one read transaction. Every key is in the result.
  std::unordered_map<std::string, LinkRecord> records(const std::vector<std::string>& keys, const DeadRule& rule);

  // Every committed history row of a key, oldest first.
  std::vector<HistoryRow> rows(const std::string& key);

  // The keys with a committed failed check (broken, soft-404, server-error) at or after since.
  std::vector<std::string> keys_failed_since(std::int64_t since);

  // Which keys each document cites (replacing what was recorded for it), in one transaction.
  // Not tied to a run: what a document cites does not depend on the run's answers.
  void set_document_links(const std::vector<std::pair<std::string, std::vector<std::string>>>& documents);
  std::vector<std::string> document_links(const std::string& document);
  std::vector<std::string> documents_citing(const std::string& key);

  // Drops history rows with checked_at < before (keeps the table bounded over years of runs).
  void prune_history(std::int64_t before);

  // A run: store() tags what it writes with the run from begin_run until commit_run (the
  // rows count from then on: complete, or interrupted — which --resume continues) or
  // discard_run (they never count). A run never ended (the process was killed) never counts.
  // since: the run's own start, or for a resumed run the resume_point() it continues.
  // lane: the shard the run checks ("1/4"; empty for a whole run).
  void begin_run(std::int64_t started_at, std::int64_t since, const std::string& lane = "");
  void commit_run(bool complete);
  void discard_run();
  bool in_run() const { return run_id_ != 0; }
  // The `since` of the lane's last committed run when it was interrupted; nullopt when it
  // completed (or there was none): nothing to resume.
  std::optional<std::int64_t> resume_point(const std::string& lane = "");

  std::string path() const;

  LinkCache(LinkCache&&) noexcept = default;
  LinkCache& operator=(LinkCache&&) noexcept = default;
  LinkCache(const LinkCache&) = delete;
  LinkCache& operator=(const LinkCache&) = delete;
  ~LinkCache() = default;

 private:
  class Transaction;  // BEGIN … COMMIT, rolled back when left by an exception

  LinkCache(std::string path, CacheTtl ttl, detail::Db db);
  LinkRecord record_in_transaction(const std::string& key, const DeadRule& rule);
  void end_run(const char* state);
  // The first column of every row `select` gives for one text parameter.
  std::vector<std::string> texts_for(sqlite3_stmt* select, const std::string& value);

  std::string path_;
  CacheTtl ttl_;
  detail::Db db_;  // declared before the statements: they are finalized first
  detail::Stmt begin_read_, begin_write_, commit_, rollback_;
  detail::Stmt select_result_, upsert_result_, select_key_id_, insert_history_, select_sequence_,
      update_sequence_, count_history_, walk_history_, prune_history_, insert_run_, finish_run_, last_run_,
      all_history_, failed_since_, forget_document_, insert_document_link_, document_links_, documents_citing_;
  std::int64_t run_id_ = 0;  // the run being written, 0 outside one
};

// The default path: $XDG_CACHE_HOME/citecheck/links.sqlite, else
// $HOME/.cache/citecheck/links.sqlite (XDG_CACHE_HOME is ignored when empty or relative, as the
// XDG base directory specification says). Throws CacheError when neither is usable.
std::string default_cache_path();

// How the store names a document: its absolute path, with "." and ".." and symbolic links
// resolved where the file exists, so `citecheck history paper.txt` finds what
// `citecheck check ./drafts/../paper.txt` recorded.
std::string document_key(const std::string& path);

// The statuses with the short failure time to live: "broken", "soft-404", "server-error", "timeout".
bool is_failure_status(std::string_view status);

}  // namespace citecheck
