// cache.cpp — the link cache over the SQLite C API: one connection per LinkCache, statements
// prepared once at open and reused, every batch in one transaction.
#include "resolvers/cache.hpp"

#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <system_error>
#include <utility>

namespace citecheck {

namespace {

// The schema this build writes and reads (PRAGMA user_version), and the mark that tells a
// citecheck cache from another program's SQLite file (PRAGMA application_id, "CiTC").
constexpr int kSchemaVersion = 5;
constexpr int kApplicationId = 0x43695443;

// How long a writer waits for another process's write transaction before giving up.
constexpr int kBusyTimeoutMs = 10'000;

// results holds one row per key. history holds one row per key per recorded run, clustered by
// key (a WITHOUT ROWID table: the rows are the index), so a key's rows are read, appended and
// pruned by one B-tree search; it names the key by results.id, an integer, not the key text.
// seq numbers history rows in the order they were stored, across processes (it is taken from
// history_sequence inside the write transaction), to order rows of the same second.
constexpr const char* kCreateSchema = R"sql(
CREATE TABLE results (
  id         INTEGER PRIMARY KEY,
  key        TEXT NOT NULL UNIQUE,
  status     TEXT NOT NULL,
  payload    TEXT NOT NULL,
  checked_at INTEGER NOT NULL
);
CREATE TABLE history (
  key_id     INTEGER NOT NULL REFERENCES results (id),
  checked_at INTEGER NOT NULL,
  seq        INTEGER NOT NULL,
  status     TEXT NOT NULL,
  PRIMARY KEY (key_id, checked_at, seq)
) WITHOUT ROWID;
CREATE TABLE history_sequence (next INTEGER NOT NULL);
INSERT INTO history_sequence (next) VALUES (0);
)sql";

// Schema 2: runs. Rows a run writes carry its id and count only once the run is committed
// ("complete" or "interrupted", set after its report is safely written): a run killed or
// unable to write its report leaves rows that no lookup serves and no history walk counts,
// so the next run still reports what this one saw first (newly-broken). Rows without a run
// (schema 1, or stored outside a run) count at once. `since` is the start of the run a
// resumed run continues (else its own start): results checked since then are its own.
constexpr const char* kMigrateTo2 = R"sql(
CREATE TABLE runs (
  id         INTEGER PRIMARY KEY,
  started_at INTEGER NOT NULL,
  since      INTEGER NOT NULL,
  state      TEXT NOT NULL
);
ALTER TABLE results ADD COLUMN run_id INTEGER;
ALTER TABLE history ADD COLUMN run_id INTEGER;
)sql";

// Schema 3: the state of a link over nights (link_state.hpp) is folded from history rows, so
// it needs no table of its own; what is new is asked of the history across keys and of the
// documents. history_by_time answers "what failed since DATE" (`citecheck history --since`)
// without reading every key's rows; document_links says which links a document cited on its
// last run (`citecheck history DOCUMENT`), by key text, so a link never stored yet is listed
// too; document_links_by_key tells which documents cite a link.
constexpr const char* kMigrateTo3 = R"sql(
CREATE INDEX history_by_time ON history (checked_at);
CREATE TABLE document_links (
  document TEXT NOT NULL,
  key      TEXT NOT NULL,
  PRIMARY KEY (document, key)
) WITHOUT ROWID;
CREATE INDEX document_links_by_key ON document_links (key);
)sql";

// Schema 4: the shard a run checked (`--shard k/n`, empty for a whole run). Shards of one night
// may share a cache; each resumes its own interrupted run, not its neighbour's.
constexpr const char* kMigrateTo4 = R"sql(
ALTER TABLE runs ADD COLUMN lane TEXT NOT NULL DEFAULT '';
)sql";

// Schema 5: checked documents kept between runs (src/document_cache.hpp), one per path: the
// digest of what it was made from, and the document as bytes — last, so that a row is made
// with zeroblob() and filled in pieces (sqlite3_blob_write) without the whole body in memory.
// used_at lets documents no run has read for a long time (deleted or moved files) be dropped.
constexpr const char* kMigrateTo5 = R"sql(
CREATE TABLE checked_documents (
  path    TEXT PRIMARY KEY,
  digest  BLOB NOT NULL,
  used_at INTEGER NOT NULL,
  body    BLOB NOT NULL
);
CREATE INDEX checked_documents_by_use ON checked_documents (used_at);
)sql";

// The statements a LinkCache reuses.
constexpr const char* kSelectResult =
    "SELECT status, payload, checked_at FROM results WHERE key = ?1 AND (results.run_id IS NULL OR "
    "EXISTS (SELECT 1 FROM runs u WHERE u.id = results.run_id AND u.state IN ('complete', 'interrupted')))";
// The latest result wins: an older check arriving late (another process) changes nothing.
constexpr const char* kUpsertResult =
    "INSERT INTO results (key, status, payload, checked_at, run_id) VALUES (?1, ?2, ?3, ?4, ?5) "
    "ON CONFLICT (key) DO UPDATE SET status = excluded.status, payload = excluded.payload, "
    "checked_at = excluded.checked_at, run_id = excluded.run_id WHERE excluded.checked_at >= results.checked_at";
constexpr const char* kSelectKeyId = "SELECT id FROM results WHERE key = ?1";
constexpr const char* kInsertHistory =
    "INSERT INTO history (key_id, checked_at, seq, status, run_id) VALUES (?1, ?2, ?3, ?4, ?5)";
constexpr const char* kSelectSequence = "SELECT next FROM history_sequence";
constexpr const char* kUpdateSequence = "UPDATE history_sequence SET next = ?1";
constexpr const char* kCountHistory =
    "SELECT count(*) FROM history WHERE key_id = ?1 AND (history.run_id IS NULL OR "
    "EXISTS (SELECT 1 FROM runs u WHERE u.id = history.run_id AND u.state IN ('complete', 'interrupted')))";
// Newest first; rows of the same second in reverse order of storing.
constexpr const char* kWalkHistory =
    "SELECT status, checked_at FROM history WHERE key_id = ?1 AND (history.run_id IS NULL OR "
    "EXISTS (SELECT 1 FROM runs u WHERE u.id = history.run_id AND u.state IN ('complete', 'interrupted')))"
    " ORDER BY checked_at DESC, seq DESC";
// Every committed row of a key, oldest first (`citecheck history URL`).
constexpr const char* kAllHistory =
    "SELECT status, checked_at FROM history WHERE key_id = ?1 AND (history.run_id IS NULL OR "
    "EXISTS (SELECT 1 FROM runs u WHERE u.id = history.run_id AND u.state IN ('complete', 'interrupted')))"
    " ORDER BY checked_at, seq";
// The keys with a committed failure at or after a time, through history_by_time.
constexpr const char* kFailedSince =
    "SELECT DISTINCT r.key FROM history h JOIN results r ON r.id = h.key_id WHERE h.checked_at >= ?1 AND "
    "h.status IN ('broken', 'soft-404', 'server-error') AND (h.run_id IS NULL OR "
    "EXISTS (SELECT 1 FROM runs u WHERE u.id = h.run_id AND u.state IN ('complete', 'interrupted'))) ORDER BY r.key";
constexpr const char* kForgetDocument = "DELETE FROM document_links WHERE document = ?1";
constexpr const char* kInsertDocumentLink = "INSERT OR IGNORE INTO document_links (document, key) VALUES (?1, ?2)";
constexpr const char* kDocumentLinks = "SELECT key FROM document_links WHERE document = ?1 ORDER BY key";
constexpr const char* kDocumentsCiting = "SELECT document FROM document_links WHERE key = ?1 ORDER BY document";
constexpr const char* kInsertRun = "INSERT INTO runs (started_at, since, state, lane) VALUES (?1, ?2, 'running', ?3)";
constexpr const char* kFinishRun = "UPDATE runs SET state = ?2 WHERE id = ?1";
// The last run of a lane that was committed: when it was interrupted, what a --resume continues.
constexpr const char* kLastRun =
    "SELECT since, state FROM runs WHERE state IN ('complete', 'interrupted') AND lane = ?1 ORDER BY id DESC LIMIT 1";
// Key by key, so that only the old rows at the start of each key's range are visited.
constexpr const char* kPruneHistory =
    "DELETE FROM history WHERE key_id IN (SELECT id FROM results) AND checked_at < ?1";

// Pages SQLite keeps in memory per connection (negative: KiB): enough for a batch of tens of
// thousands of results without spilling to the file mid-transaction.
constexpr const char* kSelectCheckedDocument = "SELECT body, used_at FROM checked_documents WHERE path = ?1 AND digest = ?2";
constexpr const char* kTouchCheckedDocument = "UPDATE checked_documents SET used_at = ?2 WHERE path = ?1";
constexpr const char* kKeepCheckedDocument =
    "INSERT INTO checked_documents (path, digest, used_at, body) VALUES (?1, ?2, ?4, zeroblob(?3)) "
    "ON CONFLICT (path) DO UPDATE SET digest = excluded.digest, body = excluded.body, used_at = excluded.used_at";
constexpr const char* kCheckedDocumentRow = "SELECT rowid FROM checked_documents WHERE path = ?1";
constexpr const char* kForgetCheckedDocuments = "DELETE FROM checked_documents WHERE used_at < ?1";
constexpr const char* kCacheSize = "PRAGMA cache_size = -16384";
// Pages the WAL may hold before a commit copies them back into the database (a checkpoint,
// two fsyncs). SQLite's default, 1000 pages, checkpoints on every other batch of 10,000
// results; 8192 pages (32 MiB) does it every eight or so. The last connection to close
// checkpoints whatever is left and removes the WAL.
constexpr const char* kWalAutocheckpoint = "PRAGMA wal_autocheckpoint = 8192";

// What to do about an SQLite error, by its primary result code.
const char* hint_for(int rc) {
  switch (rc & 0xff) {
    case SQLITE_NOTADB: return "delete it or choose another cache file";
    case SQLITE_CORRUPT: return "the file is damaged; delete it to start a new cache";
    case SQLITE_CANTOPEN: return "choose a cache file in a directory you can write to";
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_AUTH: return "check the permissions of the file and its directory";
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return "another process kept the cache locked for more than 10 s";
    case SQLITE_FULL: return "the disk is full";
    case SQLITE_IOERR: return "the disk or file system reported an error";
    default: return nullptr;
  }
}

[[noreturn]] void refuse(const std::string& path, const std::string& reason) {
  throw CacheError("cannot open the link cache '" + path + "': " + reason);
}

[[noreturn]] void fail(sqlite3* db, int rc, const std::string& path, std::string_view doing) {
  std::string message = "cannot " + std::string(doing) + " the link cache '" + path + "': ";
  message += db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  // The system's reason, for I/O errors only: after a failed open SQLite has retried
  // read-only, and errno tells of the retry, not of the first failure.
  if (const int sys = db ? sqlite3_system_errno(db) : 0; sys != 0 && (rc & 0xff) == SQLITE_IOERR) {
    message += std::string(" (") + std::strerror(sys) + ")";
  }
  if (const char* hint = hint_for(rc)) message += std::string("; ") + hint;
  throw CacheError(message);
}

// Steps a statement that may be retried as a whole (BEGIN, COMMIT, PRAGMA) while SQLite
// answers SQLITE_BUSY without having waited (the busy handler is skipped where waiting could
// deadlock); gives up after the busy timeout.
int step_retrying_busy(sqlite3_stmt* stmt) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(kBusyTimeoutMs);
  for (;;) {
    const int rc = sqlite3_step(stmt);
    if ((rc & 0xff) != SQLITE_BUSY || std::chrono::steady_clock::now() >= deadline) return rc;
    sqlite3_reset(stmt);
    sqlite3_sleep(5);
  }
}

std::string column_text(sqlite3_stmt* stmt, int column) {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, column));
  if (!text) return {};
  return std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(stmt, column)));
}

const std::string& key_of(const std::string& key) { return key; }
const std::string& key_of(const CacheEntry& entry) { return entry.key; }

// The items of a batch in the order of their keys (equal keys in batch order): B-tree pages are
// then visited once each, in file order, instead of at random.
template <typename T>
std::vector<const T*> in_key_order(const std::vector<T>& items) {
  std::vector<const T*> order;
  order.reserve(items.size());
  for (const T& item : items) order.push_back(&item);
  std::stable_sort(order.begin(), order.end(),
                   [](const T* a, const T* b) { return key_of(*a) < key_of(*b); });
  return order;
}

}  // namespace

namespace detail {
void CloseDb::operator()(sqlite3* db) const { sqlite3_close_v2(db); }
void FinalizeStmt::operator()(sqlite3_stmt* stmt) const { sqlite3_finalize(stmt); }
}  // namespace detail

namespace {

// One use of a prepared statement: binds, steps, and on leaving resets it and drops its
// bindings (which point into the caller's strings, bound without copying).
class Use {
 public:
  Use(sqlite3_stmt* stmt, const std::string& path) : stmt_(stmt), path_(path) {}
  ~Use() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  Use(const Use&) = delete;
  Use& operator=(const Use&) = delete;

  Use& text(int index, std::string_view value) {
    check(sqlite3_bind_text64(stmt_, index, value.data(), value.size(), SQLITE_STATIC, SQLITE_UTF8));
    return *this;
  }
  Use& blob(int index, std::string_view value) {
    check(sqlite3_bind_blob64(stmt_, index, value.data(), value.size(), SQLITE_STATIC));
    return *this;
  }
  Use& integer(int index, std::int64_t value) {
    check(sqlite3_bind_int64(stmt_, index, value));
    return *this;
  }
  // A run's id, or NULL outside a run (0).
  Use& run_id(int index, std::int64_t id) {
    check(id == 0 ? sqlite3_bind_null(stmt_, index) : sqlite3_bind_int64(stmt_, index, id));
    return *this;
  }
  // True while there is a row; throws on an error.
  bool next(std::string_view doing) {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    fail(sqlite3_db_handle(stmt_), rc, path_, doing);
  }
  void run(std::string_view doing) {
    while (next(doing)) {
    }
  }
  sqlite3_stmt* operator*() const { return stmt_; }

 private:
  void check(int rc) {
    if (rc != SQLITE_OK) fail(sqlite3_db_handle(stmt_), rc, path_, "use");
  }
  sqlite3_stmt* stmt_;
  const std::string& path_;
};

detail::Stmt prepare(sqlite3* db, const char* sql, const std::string& path) {
  sqlite3_stmt* stmt = nullptr;
  const int rc = sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  detail::Stmt owned(stmt);
  if (rc != SQLITE_OK) fail(db, rc, path, "open");
  return owned;
}

// Runs one statement once at open (PRAGMAs, BEGIN/COMMIT), retrying on SQLITE_BUSY; returns
// the first column of its first row as text (PRAGMA answers), or "" when it has none.
std::string run_once(sqlite3* db, const char* sql, const std::string& path) {
  detail::Stmt stmt = prepare(db, sql, path);
  int rc = step_retrying_busy(stmt.get());
  std::string first;
  if (rc == SQLITE_ROW) {
    first = column_text(stmt.get(), 0);
    while ((rc = sqlite3_step(stmt.get())) == SQLITE_ROW) {
    }
  }
  if (rc != SQLITE_DONE) fail(db, rc, path, "open");
  return first;
}

int pragma_int(sqlite3* db, const char* sql, const std::string& path) {
  return std::atoi(run_once(db, sql, path).c_str());
}

// Creates the schema in a new (empty) file, or checks that an existing file is ours and of a
// schema this build reads. Two processes opening a new file at once are serialized by the
// write transaction; the second finds the schema made.
void ensure_schema(sqlite3* db, const std::string& path) {
  auto check_ours = [&](int version) {
    if (version > kSchemaVersion) {
      refuse(path, "it was written by a newer citecheck (schema " + std::to_string(version) +
                       ", this one reads " + std::to_string(kSchemaVersion) +
                       "); upgrade citecheck or choose another cache file");
    }
    if (pragma_int(db, "PRAGMA application_id", path) != kApplicationId) {
      refuse(path, "it is another program's SQLite database; choose another cache file");
    }
  };
  auto exec = [&](const char* sql, std::string_view doing) {
    char* error = nullptr;
    const int rc = sqlite3_exec(db, sql, nullptr, nullptr, &error);
    sqlite3_free(error);
    if (rc != SQLITE_OK) fail(db, rc, path, doing);
  };
  if (int version = pragma_int(db, "PRAGMA user_version", path); version == kSchemaVersion) {
    check_ours(version);
    return;
  }
  run_once(db, "BEGIN IMMEDIATE", path);
  try {
    if (int version = pragma_int(db, "PRAGMA user_version", path); version != 0) {
      check_ours(version);  // another process may have created or upgraded it meanwhile
      if (version < kSchemaVersion) {
        if (version < 2) exec(kMigrateTo2, "upgrade");
        if (version < 3) exec(kMigrateTo3, "upgrade");
        if (version < 4) exec(kMigrateTo4, "upgrade");
        if (version < 5) exec(kMigrateTo5, "upgrade");
        run_once(db, ("PRAGMA user_version = " + std::to_string(kSchemaVersion)).c_str(), path);
      }
    } else {
      if (pragma_int(db, "SELECT count(*) FROM sqlite_schema", path) != 0) {
        refuse(path, "it is another program's SQLite database; choose another cache file");
      }
      exec(kCreateSchema, "create");
      exec(kMigrateTo2, "create");
      exec(kMigrateTo3, "create");
      exec(kMigrateTo4, "create");
      exec(kMigrateTo5, "create");
      run_once(db, ("PRAGMA application_id = " + std::to_string(kApplicationId)).c_str(), path);
      run_once(db, ("PRAGMA user_version = " + std::to_string(kSchemaVersion)).c_str(), path);
    }
    run_once(db, "COMMIT", path);
  } catch (...) {
    sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
}

}  // namespace

// BEGIN (deferred, for reads) or BEGIN IMMEDIATE (for writes: the write lock is taken at
// once, so a writer never has to upgrade a read snapshot another process made stale) …
// COMMIT; rolled back when left without commit().
class LinkCache::Transaction {
 public:
  Transaction(LinkCache& cache, bool write) : cache_(cache) {
    sqlite3_stmt* begin = write ? cache.begin_write_.get() : cache.begin_read_.get();
    const int rc = step_retrying_busy(begin);
    sqlite3_reset(begin);
    if (rc != SQLITE_DONE) fail(cache.db_.get(), rc, cache.path_, write ? "write to" : "read");
  }
  ~Transaction() {
    if (open_) {
      sqlite3_step(cache_.rollback_.get());
      sqlite3_reset(cache_.rollback_.get());
    }
  }
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  void commit() {
    // A COMMIT answered SQLITE_BUSY leaves the transaction open; it is retried.
    const int rc = step_retrying_busy(cache_.commit_.get());
    sqlite3_reset(cache_.commit_.get());
    if (rc != SQLITE_DONE) fail(cache_.db_.get(), rc, cache_.path_, "write to");
    open_ = false;
  }

 private:
  LinkCache& cache_;
  bool open_ = true;
};

LinkCache::LinkCache(std::string path, CacheTtl ttl, detail::Db db)
    : path_(std::move(path)), ttl_(ttl), db_(std::move(db)) {
  sqlite3* raw = db_.get();
  begin_read_ = prepare(raw, "BEGIN", path_);
  begin_write_ = prepare(raw, "BEGIN IMMEDIATE", path_);
  commit_ = prepare(raw, "COMMIT", path_);
  rollback_ = prepare(raw, "ROLLBACK", path_);
  select_result_ = prepare(raw, kSelectResult, path_);
  upsert_result_ = prepare(raw, kUpsertResult, path_);
  insert_history_ = prepare(raw, kInsertHistory, path_);
  select_sequence_ = prepare(raw, kSelectSequence, path_);
  update_sequence_ = prepare(raw, kUpdateSequence, path_);
  select_key_id_ = prepare(raw, kSelectKeyId, path_);
  count_history_ = prepare(raw, kCountHistory, path_);
  walk_history_ = prepare(raw, kWalkHistory, path_);
  prune_history_ = prepare(raw, kPruneHistory, path_);
  insert_run_ = prepare(raw, kInsertRun, path_);
  finish_run_ = prepare(raw, kFinishRun, path_);
  last_run_ = prepare(raw, kLastRun, path_);
  all_history_ = prepare(raw, kAllHistory, path_);
  failed_since_ = prepare(raw, kFailedSince, path_);
  forget_document_ = prepare(raw, kForgetDocument, path_);
  insert_document_link_ = prepare(raw, kInsertDocumentLink, path_);
  document_links_ = prepare(raw, kDocumentLinks, path_);
  documents_citing_ = prepare(raw, kDocumentsCiting, path_);
  select_checked_document_ = prepare(raw, kSelectCheckedDocument, path_);
  touch_checked_document_ = prepare(raw, kTouchCheckedDocument, path_);
  keep_checked_document_ = prepare(raw, kKeepCheckedDocument, path_);
  checked_document_row_ = prepare(raw, kCheckedDocumentRow, path_);
  forget_checked_documents_ = prepare(raw, kForgetCheckedDocuments, path_);
}

LinkCache LinkCache::open(const std::string& path, CacheTtl ttl) {
  if (path.empty()) throw CacheError("cannot open the link cache: the path is empty");
  const std::filesystem::path parent = std::filesystem::path(path).parent_path();
  std::error_code ec;
  if (!parent.empty() && (std::filesystem::create_directories(parent, ec), ec)) {
    refuse(path, "cannot create the directory '" + parent.string() + "': " + ec.message());
  }
  // What SQLite would only call "unable to open database file", said precisely. The directory
  // must be writable even when the file exists: the WAL lives beside it (-wal, -shm).
  if (std::filesystem::is_directory(path, ec)) refuse(path, "it is a directory; give the path of a file");
  const std::string directory = parent.empty() ? "." : parent.string();
  if (::access(directory.c_str(), W_OK | X_OK) != 0) {
    refuse(path, "cannot create files in the directory '" + directory + "' (" + std::strerror(errno) +
                     "); choose a cache file in a directory you can write to");
  }
  if (::access(path.c_str(), F_OK) == 0 && ::access(path.c_str(), R_OK | W_OK) != 0) {
    refuse(path,
           std::string("the file cannot be written (") + std::strerror(errno) + "); check its permissions");
  }
  sqlite3* raw = nullptr;
  // NOMUTEX: a LinkCache is used by one thread at a time (cache.hpp), so SQLite need not lock.
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  detail::Db db(raw);  // closed on every way out, even when the open failed
  if (rc != SQLITE_OK) fail(raw, rc, path, "open");
  sqlite3_busy_timeout(raw, kBusyTimeoutMs);
  // The first statement reads the header: a file that is not a database fails here.
  run_once(raw, "PRAGMA journal_mode = WAL", path);
  if (sqlite3_db_readonly(raw, "main") == 1) {
    refuse(path, "the file cannot be written; check its permissions");
  }
  run_once(raw, "PRAGMA synchronous = NORMAL", path);
  run_once(raw, kCacheSize, path);
  run_once(raw, kWalAutocheckpoint, path);
  ensure_schema(raw, path);
  return LinkCache(path, ttl, std::move(db));
}

std::unordered_map<std::string, CacheEntry> LinkCache::lookup(const std::vector<std::string>& keys,
                                                              std::int64_t now,
                                                              std::optional<std::int64_t> served_since) {
  std::unordered_map<std::string, CacheEntry> fresh;
  if (keys.empty()) return fresh;
  fresh.reserve(keys.size());
  Transaction tx(*this, false);
  for (const std::string* key : in_key_order(keys)) {
    Use select(select_result_.get(), path_);
    if (!select.text(1, *key).next("read")) continue;
    CacheEntry entry{*key, column_text(*select, 0), column_text(*select, 1),
                     sqlite3_column_int64(*select, 2)};
    if (!ttl_.serves(entry.status, entry.checked_at, now, served_since)) continue;
    fresh.insert_or_assign(*key, std::move(entry));
  }
  tx.commit();
  return fresh;
}

void LinkCache::store(const std::vector<CacheEntry>& entries, bool record_history) {
  if (entries.empty()) return;
  Transaction tx(*this, true);
  std::int64_t seq = 0;
  if (record_history) {
    Use select(select_sequence_.get(), path_);
    if (select.next("write to")) seq = sqlite3_column_int64(*select, 0);
  }
  // Entries of one key keep their order: the later one is the later history row.
  for (const CacheEntry* e : in_key_order(entries)) {
    Use(upsert_result_.get(), path_)
        .text(1, e->key)
        .text(2, e->status)
        .text(3, e->payload)
        .integer(4, e->checked_at)
        .run_id(5, run_id_)
        .run("write to");
    if (!record_history) continue;
    std::int64_t key_id = 0;
    {
      Use select(select_key_id_.get(), path_);
      if (!select.text(1, e->key).next("write to")) continue;  // cannot happen: just upserted
      key_id = sqlite3_column_int64(*select, 0);
    }
    Use(insert_history_.get(), path_)
        .integer(1, key_id)
        .integer(2, e->checked_at)
        .integer(3, seq++)
        .text(4, e->status)
        .run_id(5, run_id_)
        .run("write to");
  }
  if (record_history) Use(update_sequence_.get(), path_).integer(1, seq).run("write to");
  tx.commit();
}

// Walks the key's rows newest first only as far as they matter (HistoryFold).
LinkRecord LinkCache::record_in_transaction(const std::string& key, const DeadRule& rule) {
  std::int64_t key_id = 0;
  {
    Use select(select_key_id_.get(), path_);
    if (!select.text(1, key).next("read")) return {};  // never stored, so no history either
    key_id = sqlite3_column_int64(*select, 0);
  }
  int total = 0;
  {
    Use count(count_history_.get(), path_);
    if (count.integer(1, key_id).next("read")) total = sqlite3_column_int(*count, 0);
  }
  HistoryFold fold;
  Use walk(walk_history_.get(), path_);
  walk.integer(1, key_id);
  while (walk.next("read"))
    if (!fold.add(column_text(*walk, 0), sqlite3_column_int64(*walk, 1))) break;
  return fold.result(total, rule);
}

LinkRecord LinkCache::record(const std::string& key, const DeadRule& rule) {
  Transaction tx(*this, false);
  LinkRecord r = record_in_transaction(key, rule);
  tx.commit();
  return r;
}

std::unordered_map<std::string, LinkRecord> LinkCache::records(const std::vector<std::string>& keys,
                                                               const DeadRule& rule) {
  std::unordered_map<std::string, LinkRecord> out;
  if (keys.empty()) return out;
  Transaction tx(*this, false);
  for (const std::string* key : in_key_order(keys)) {
    LinkRecord r = record_in_transaction(*key, rule);
    if (r.checks > 0) out.insert_or_assign(*key, r);
  }
  tx.commit();
  return out;
}

std::vector<HistoryRow> LinkCache::rows(const std::string& key) {
  std::vector<HistoryRow> out;
  Transaction tx(*this, false);
  std::int64_t key_id = 0;
  {
    Use select(select_key_id_.get(), path_);
    if (select.text(1, key).next("read")) key_id = sqlite3_column_int64(*select, 0);
  }
  if (key_id != 0) {
    Use all(all_history_.get(), path_);
    all.integer(1, key_id);
    while (all.next("read")) out.push_back({column_text(*all, 0), sqlite3_column_int64(*all, 1)});
  }
  tx.commit();
  return out;
}

std::vector<std::string> LinkCache::keys_failed_since(std::int64_t since) {
  std::vector<std::string> out;
  Transaction tx(*this, false);
  {
    Use select(failed_since_.get(), path_);
    select.integer(1, since);
    while (select.next("read")) out.push_back(column_text(*select, 0));
  }
  tx.commit();
  return out;
}

void LinkCache::set_document_links(const std::vector<std::pair<std::string, std::vector<std::string>>>& documents) {
  if (documents.empty()) return;
  Transaction tx(*this, true);
  for (const auto& [document, keys] : documents) {
    // A document whose links are those recorded (most of an archive, night after night) is
    // left as it is: reading its rows costs far less than deleting and inserting them again.
    std::vector<std::string> wanted = keys;
    std::sort(wanted.begin(), wanted.end());
    wanted.erase(std::unique(wanted.begin(), wanted.end()), wanted.end());
    std::vector<std::string> recorded;
    {
      Use select(document_links_.get(), path_);
      select.text(1, document);
      while (select.next("read")) recorded.push_back(column_text(*select, 0));
    }
    if (recorded == wanted) continue;
    Use(forget_document_.get(), path_).text(1, document).run("write to");
    for (const std::string& key : wanted) Use(insert_document_link_.get(), path_).text(1, document).text(2, key).run("write to");
  }
  tx.commit();
}

std::vector<std::string> LinkCache::texts_for(sqlite3_stmt* statement, const std::string& value) {
  std::vector<std::string> out;
  Transaction tx(*this, false);
  {
    Use select(statement, path_);
    select.text(1, value);
    while (select.next("read")) out.push_back(column_text(*select, 0));
  }
  tx.commit();
  return out;
}

std::vector<std::string> LinkCache::document_links(const std::string& document) {
  return texts_for(document_links_.get(), document);
}

std::vector<std::string> LinkCache::documents_citing(const std::string& key) {
  return texts_for(documents_citing_.get(), key);
}

bool LinkCache::read_kept_document(const std::string& path, std::string_view digest, std::int64_t now,
                                   const std::function<void(std::string_view)>& read) {
  const std::int64_t today = now - now % 86400;
  bool found = false, touch = false;
  Transaction tx(*this, false);
  {
    Use select(select_checked_document_.get(), path_);
    select.text(1, path).blob(2, digest);
    if (select.next("read")) {
      found = true;
      const auto* data = static_cast<const char*>(sqlite3_column_blob(*select, 0));
      const auto size = static_cast<std::size_t>(sqlite3_column_bytes(*select, 0));
      touch = sqlite3_column_int64(*select, 1) < today;
      read(std::string_view(data ? data : "", data ? size : 0));
    }
  }
  tx.commit();
  // Marked as used once a day at most: a rerun that finds everything kept stays a reader.
  if (touch) {
    Transaction write(*this, true);
    Use(touch_checked_document_.get(), path_).text(1, path).integer(2, today).run("write to");
    write.commit();
  }
  return found;
}

void LinkCache::write_kept_document(const std::string& path, std::string_view digest, std::size_t size,
                                    const BodyWriter& write, std::int64_t now, std::int64_t forget_unused_before) {
  Transaction tx(*this, true);
  Use(keep_checked_document_.get(), path_)
      .text(1, path)
      .blob(2, digest)
      .integer(3, static_cast<std::int64_t>(size))
      .integer(4, now - now % 86400)
      .run("write to");
  std::int64_t row = 0;
  {
    Use select(checked_document_row_.get(), path_);
    select.text(1, path);
    if (!select.next("read")) refuse(path_, "the kept document just written is gone");
    row = sqlite3_column_int64(*select, 0);
  }
  sqlite3_blob* blob = nullptr;
  if (int rc = sqlite3_blob_open(db_.get(), "main", "checked_documents", "body", row, 1, &blob); rc != SQLITE_OK) {
    sqlite3_blob_close(blob);
    fail(db_.get(), rc, path_, "write to");
  }
  std::size_t at = 0;
  int rc = SQLITE_OK;
  write([&](std::string_view piece) {
    if (rc != SQLITE_OK || piece.empty()) return;
    if (at + piece.size() > size) {
      rc = SQLITE_TOOBIG;
      return;
    }
    rc = sqlite3_blob_write(blob, piece.data(), static_cast<int>(piece.size()), static_cast<int>(at));
    at += piece.size();
  });
  sqlite3_blob_close(blob);
  if (rc != SQLITE_OK) fail(db_.get(), rc, path_, "write to");
  if (at != size) refuse(path_, "a kept document came out shorter than its size; it is not kept");
  Use(forget_checked_documents_.get(), path_).integer(1, forget_unused_before).run("write to");
  tx.commit();
}

void LinkCache::prune_history(std::int64_t before) {
  Transaction tx(*this, true);
  Use(prune_history_.get(), path_).integer(1, before).run("write to");
  tx.commit();
}

void LinkCache::begin_run(std::int64_t started_at, std::int64_t since, const std::string& lane) {
  Transaction tx(*this, true);
  Use(insert_run_.get(), path_).integer(1, started_at).integer(2, since).text(3, lane).run("write to");
  tx.commit();
  run_id_ = sqlite3_last_insert_rowid(db_.get());
}

void LinkCache::end_run(const char* state) {
  if (run_id_ == 0) return;
  const std::int64_t id = run_id_;
  run_id_ = 0;  // whatever happens: the rows stored from now on belong to no run
  Transaction tx(*this, true);
  Use(finish_run_.get(), path_).integer(1, id).text(2, state).run("write to");
  tx.commit();
}

void LinkCache::commit_run(bool complete) { end_run(complete ? "complete" : "interrupted"); }

void LinkCache::discard_run() { end_run("discarded"); }

std::optional<std::int64_t> LinkCache::resume_point(const std::string& lane) {
  Transaction tx(*this, false);
  std::optional<std::int64_t> since;
  {
    Use last(last_run_.get(), path_);
    last.text(1, lane);
    if (last.next("read") && column_text(*last, 1) == "interrupted") since = sqlite3_column_int64(*last, 0);
  }
  tx.commit();
  return since;
}

std::string LinkCache::path() const { return path_; }

std::string default_cache_path() {
  const std::filesystem::path file = std::filesystem::path("citecheck") / "links.sqlite";
  // The XDG base directory specification: an empty or relative value is ignored.
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && xdg[0] == '/') {
    return (std::filesystem::path(xdg) / file).string();
  }
  if (const char* home = std::getenv("HOME"); home && home[0] != '\0') {
    return (std::filesystem::path(home) / ".cache" / file).string();
  }
  throw CacheError(
      "cannot find a place for the link cache: neither XDG_CACHE_HOME nor HOME is set; "
      "set one of them");
}

}  // namespace citecheck
