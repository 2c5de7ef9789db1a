// cache.hpp — the SQLite link store (link_store.hpp): one file shared by runs (and by
// processes: nightly link-rot runs and their shards may overlap). Its tables:
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

#include "resolvers/link_store.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace citecheck {

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

class LinkCache final : public LinkStore {
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
                                                     std::optional<std::int64_t> served_since = std::nullopt) override;

  // Stores results and, when record_history, appends one history row per entry — all in one
  // write transaction (BEGIN IMMEDIATE, waiting up to the busy timeout for other writers).
  // The latest result wins: an entry older (by checked_at) than the stored one for its key
  // leaves the stored one in place (its history row is still appended).
  void store(const std::vector<CacheEntry>& entries, bool record_history) override;

  // The state of a key over its committed history rows (link_state.hpp); checks counts them
  // all. A key without rows has state Unknown.
  LinkRecord record(const std::string& key, const DeadRule& rule) override;

  // The same for many keys, in one read transaction. Every key is in the result.
  std::unordered_map<std::string, LinkRecord> records(const std::vector<std::string>& keys, const DeadRule& rule) override;

  // Every committed history row of a key, oldest first.
  std::vector<HistoryRow> rows(const std::string& key) override;

  // The keys with a committed failed check (broken, soft-404, server-error) at or after since.
  std::vector<std::string> keys_failed_since(std::int64_t since) override;

  // Which keys each document cites (replacing what was recorded for it), in one transaction.
  // Not tied to a run: what a document cites does not depend on the run's answers.
  void set_document_links(const std::vector<std::pair<std::string, std::vector<std::string>>>& documents) override;
  std::vector<std::string> document_links(const std::string& document) override;
  std::vector<std::string> documents_citing(const std::string& key) override;

  // Checked documents kept between runs (src/document_cache.hpp), one per path.
  bool read_kept_document(const std::string& path, std::string_view digest, std::int64_t now,
                          const std::function<void(std::string_view)>& read) override;
  void write_kept_document(const std::string& path, std::string_view digest, std::size_t size, const BodyWriter& write,
                           std::int64_t now, std::int64_t forget_unused_before) override;

  // Drops history rows with checked_at < before (keeps the table bounded over years of runs).
  void prune_history(std::int64_t before) override;

  // A run: store() tags what it writes with the run from begin_run until commit_run (the
  // rows count from then on: complete, or interrupted — which --resume continues) or
  // discard_run (they never count). A run never ended (the process was killed) never counts.
  // since: the run's own start, or for a resumed run the resume_point() it continues.
  // lane: the shard the run checks ("1/4"; empty for a whole run).
  void begin_run(std::int64_t started_at, std::int64_t since, const std::string& lane = "") override;
  void commit_run(bool complete) override;
  void discard_run() override;
  bool in_run() const override { return run_id_ != 0; }
  // The `since` of the lane's last committed run when it was interrupted; nullopt when it
  // completed (or there was none): nothing to resume.
  std::optional<std::int64_t> resume_point(const std::string& lane = "") override;

  std::string path() const;
  std::string name() const override { return path(); }

  LinkCache(LinkCache&&) noexcept = default;
  LinkCache& operator=(LinkCache&&) noexcept = default;
  LinkCache(const LinkCache&) = delete;
  LinkCache& operator=(const LinkCache&) = delete;
  ~LinkCache() override = default;

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
      all_history_, failed_since_, forget_document_, insert_document_link_, document_links_, documents_citing_,
      select_checked_document_, touch_checked_document_, keep_checked_document_, checked_document_row_,
      forget_checked_documents_;
  std::int64_t run_id_ = 0;  // the run being written, 0 outside one
};

// The default path: $XDG_CACHE_HOME/citecheck/links.sqlite, else
// $HOME/.cache/citecheck/links.sqlite (XDG_CACHE_HOME is ignored when empty or relative, as the
// XDG base directory specification says). Throws CacheError when neither is usable.
std::string default_cache_path();

}  // namespace citecheck
