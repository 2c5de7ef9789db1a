// postgres_store.cpp — the link store over libpq: text parameters, whole batches per
// statement (arrays unnested server-side), one transaction per batch.
#include "resolvers/postgres_store.hpp"

#include <libpq-fe.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <ctime>
#include <map>
#include <mutex>
#include <thread>
#include <utility>

#include "resolvers/request_url.hpp"

namespace citecheck {

namespace detail {
void ClosePg::operator()(pg_conn* conn) const { PQfinish(conn); }
}  // namespace detail

namespace {

// Each entry upgrades the schema by one version; applied in order, in one transaction, under
// an advisory lock (two workers starting at once: the second finds the first's work done).
// Times are unix seconds (bigint) as in the SQLite store; leases and buckets are in the
// server's clock, as double precision seconds.
constexpr const char* kMigrations[] = {
    R"sql(
CREATE TABLE runs (
  id         bigserial PRIMARY KEY,
  started_at bigint NOT NULL,
  since      bigint NOT NULL,
  state      text NOT NULL,
  lane       text NOT NULL DEFAULT ''
);
CREATE INDEX runs_by_lane ON runs (lane, id);
CREATE TABLE links (
  id         bigserial PRIMARY KEY,
  key        text NOT NULL UNIQUE,
  status     text NOT NULL,
  payload    text NOT NULL,
  checked_at bigint NOT NULL,
  run_id     bigint
);
CREATE TABLE check_log (
  link_id    bigint NOT NULL,
  checked_at bigint NOT NULL,
  seq        bigserial,
  status     text NOT NULL,
  run_id     bigint,
  PRIMARY KEY (link_id, checked_at, seq)
) PARTITION BY RANGE (checked_at);
CREATE INDEX check_log_by_time ON check_log (checked_at);
CREATE TABLE document_links (
  document text NOT NULL,
  key      text NOT NULL,
  PRIMARY KEY (document, key)
);
CREATE INDEX document_links_by_key ON document_links (key);
CREATE TABLE domains (
  night       text NOT NULL,
  site        text NOT NULL,
  links       integer NOT NULL,
  run_id      bigint,
  lease_until double precision NOT NULL DEFAULT 0,
  finished    boolean NOT NULL DEFAULT false,
  PRIMARY KEY (night, site)
);
CREATE TABLE service_budgets (
  service    text PRIMARY KEY,
  tokens     double precision NOT NULL,
  updated_at double precision NOT NULL
);
)sql",
    // 2: checked documents kept between runs (src/document_cache.hpp), one per path.
    R"sql(
CREATE TABLE checked_documents (
  path    text PRIMARY KEY,
  digest  bytea NOT NULL,
  body    bytea NOT NULL,
  used_at bigint NOT NULL
);
CREATE INDEX checked_documents_by_use ON checked_documents (used_at);
)sql",
};
constexpr int kSchemaVersion = static_cast<int>(std::size(kMigrations));
constexpr long long kSchemaLock = 0x43695443;  // "CiTC", as the SQLite store's application id

// A row counts once its run is committed (or when it has none).
#define COMMITTED(t) \
  "(" t ".run_id IS NULL OR EXISTS (SELECT 1 FROM runs u WHERE u.id = " t ".run_id AND u.state IN ('complete', 'interrupted')))"

// Keys per statement: a batch of a million keys goes in pieces the server parses quickly.
constexpr std::size_t kChunk = 10'000;

struct ResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};
using Result = std::unique_ptr<PGresult, ResultDeleter>;

// A PostgreSQL array literal of texts: {"a","b\"c"}.
std::string text_array(const std::vector<std::string>& items) {
  std::string out = "{";
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += ',';
    out += '"';
    for (char c : items[i]) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
  return out + "}";
}

template <typename Number>
std::string number_array(const std::vector<Number>& items) {
  std::string out = "{";
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += ',';
    out += std::to_string(items[i]);
  }
  return out + "}";
}

std::string text_of(const PGresult* r, int row, int column) {
  return std::string(PQgetvalue(r, row, column), static_cast<std::size_t>(PQgetlength(r, row, column)));
}

std::int64_t integer_of(const PGresult* r, int row, int column) { return std::stoll(PQgetvalue(r, row, column)); }

// libpq's message, on one line.
std::string reason_of(const std::string& message) {
  std::string out = message;
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  std::replace(out.begin(), out.end(), '\n', ' ');
  return out;
}

// A statement's result, or CacheError with the server's reason.
Result checked(pg_conn* conn, const std::string& name, Result r, const char* doing) {
  const ExecStatusType status = r ? PQresultStatus(r.get()) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    std::string reason = reason_of(PQerrorMessage(conn));
    if (PQstatus(conn) == CONNECTION_BAD) reason += "; the connection to the server was lost";
    throw CacheError(std::string("cannot ") + doing + " the link store '" + name + "': " + reason);
  }
  return r;
}

// One statement with text parameters (nullopt: NULL).
Result run(pg_conn* conn, const std::string& name, const char* sql, const std::vector<std::optional<std::string>>& params,
           const char* doing) {
  std::vector<const char*> values;
  for (const auto& p : params) values.push_back(p ? p->c_str() : nullptr);
  return checked(conn, name, Result(PQexecParams(conn, sql, static_cast<int>(values.size()), nullptr, values.data(), nullptr,
                                                 nullptr, 0)),
                 doing);
}

// One statement whose parameters are bytes (a digest, a document), sent and read in binary:
// (value, is_binary). Results come back in binary too.
Result run_bytes(pg_conn* conn, const std::string& name, const char* sql,
                 const std::vector<std::pair<std::string_view, bool>>& params, const char* doing) {
  std::vector<const char*> values;
  std::vector<int> lengths, formats;
  std::vector<std::string> texts;  // text parameters need their terminating NUL
  texts.reserve(params.size());
  for (const auto& [value, binary] : params) {
    if (binary) {
      values.push_back(value.data());
    } else {
      texts.emplace_back(value);
      values.push_back(texts.back().c_str());
    }
    lengths.push_back(static_cast<int>(value.size()));
    formats.push_back(binary ? 1 : 0);
  }
  return checked(conn, name,
                 Result(PQexecParams(conn, sql, static_cast<int>(values.size()), nullptr, values.data(), lengths.data(),
                                     formats.data(), 1)),
                 doing);
}

// Several statements without parameters (a migration).
void run_script(pg_conn* conn, const std::string& name, const char* sql, const char* doing) {
  Result r(PQexec(conn, sql));
  if (!r || PQresultStatus(r.get()) != PGRES_COMMAND_OK)
    throw CacheError(std::string("cannot ") + doing + " the link store '" + name + "': " + reason_of(PQerrorMessage(conn)));
}

// A month's partition of check_log: [start, next start) in unix seconds, UTC.
struct Month {
  int year, month;
  std::int64_t start() const { return since_epoch(year, month); }
  std::int64_t end() const { return month == 12 ? since_epoch(year + 1, 1) : since_epoch(year, month + 1); }
  std::string table() const {
    char name[32];
    std::snprintf(name, sizeof name, "check_log_%04d%02d", year, month);
    return name;
  }
  static std::int64_t since_epoch(int year, int month) {
    std::tm t{};
    t.tm_year = year - 1900;
    t.tm_mon = month - 1;
    t.tm_mday = 1;
    return static_cast<std::int64_t>(timegm(&t));
  }
  static Month of(std::int64_t at) {
    const std::time_t t = static_cast<std::time_t>(at);
    std::tm tm{};
    gmtime_r(&t, &tm);
    return {tm.tm_year + 1900, tm.tm_mon + 1};
  }
};

// Renews a run's leases on a connection of its own, every third of the lease, until stopped.
class PgLeaseKeeper final : public LeaseKeeper {
 public:
  PgLeaseKeeper(detail::PgConn conn, std::string name, std::int64_t run, std::string night, double lease)
      : conn_(std::move(conn)), name_(std::move(name)), run_(run), night_(std::move(night)), lease_(lease) {
    thread_ = std::thread([this] { loop(); });
  }
  ~PgLeaseKeeper() override {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stop_ = true;
    }
    wake_.notify_all();
    thread_.join();
  }

 private:
  void loop() {
    const auto every = std::chrono::duration<double>(std::max(0.2, lease_ / 3));
    std::unique_lock<std::mutex> lock(mutex_);
    while (!wake_.wait_for(lock, every, [this] { return stop_; })) {
      try {
        run(conn_.get(), name_,
            "UPDATE domains SET lease_until = extract(epoch FROM clock_timestamp()) + $3::double precision "
            "WHERE night = $1 AND run_id = $2::bigint",
            {night_, std::to_string(run_), std::to_string(lease_)}, "renew the leases in");
      } catch (const CacheError&) {
        // The server is away: the leases may lapse and the sites go to other workers, which
        // is what a lease is for. Try again next time; reconnect when the connection broke.
        if (PQstatus(conn_.get()) == CONNECTION_BAD) PQreset(conn_.get());
      }
    }
  }

  detail::PgConn conn_;
  std::string name_;
  std::int64_t run_;
  std::string night_;
  double lease_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ = false;
  std::thread thread_;
};

detail::PgConn connect(const std::string& uri, const std::string& name) {
  detail::PgConn conn(PQconnectdb(uri.c_str()));
  if (!conn) throw CacheError("cannot open the link store '" + name + "': out of memory");
  if (PQstatus(conn.get()) != CONNECTION_OK) {
    throw CacheError("cannot open the link store '" + name + "': " + reason_of(PQerrorMessage(conn.get())) +
                     "; check the address, that the server runs and that it accepts this user");
  }
  return conn;
}

}  // namespace

int PostgresStore::schema_version() { return kSchemaVersion; }

PostgresStore::PostgresStore(std::string uri, std::string name, CacheTtl ttl, detail::PgConn conn)
    : uri_(std::move(uri)), name_(std::move(name)), ttl_(ttl), conn_(std::move(conn)) {}

PostgresStore::~PostgresStore() = default;

PostgresStore PostgresStore::open(const std::string& uri, CacheTtl ttl) {
  const std::string name = redact_credentials(uri);
  detail::PgConn conn = connect(uri, name);
  pg_conn* c = conn.get();
  // A batch waiting on another worker's lock gives up as the SQLite store does, after 10 s.
  run(c, name, "SET lock_timeout = '10s'", {}, "open");
  run(c, name, "SET client_min_messages = warning", {}, "open");
  run(c, name, "BEGIN", {}, "open");
  try {
    run(c, name, "SELECT pg_advisory_xact_lock($1::bigint)", {std::to_string(kSchemaLock)}, "open");
    int version = 0;
    Result exists = run(c, name, "SELECT to_regclass('citecheck_schema') IS NOT NULL", {}, "open");
    if (text_of(exists.get(), 0, 0) == "t") {
      Result v = run(c, name, "SELECT max(version) FROM citecheck_schema", {}, "open");
      version = PQgetisnull(v.get(), 0, 0) ? 0 : static_cast<int>(integer_of(v.get(), 0, 0));
    } else {
      if (Result links = run(c, name, "SELECT to_regclass('links') IS NOT NULL", {}, "open"); text_of(links.get(), 0, 0) == "t")
        throw CacheError("cannot open the link store '" + name +
                         "': the database has a table 'links' that citecheck did not make; give citecheck a database "
                         "(or a schema, with ?options=-csearch_path=NAME) of its own");
      run(c, name, "CREATE TABLE citecheck_schema (version integer NOT NULL)", {}, "create");
    }
    if (version > kSchemaVersion)
      throw CacheError("cannot open the link store '" + name + "': it was written by a newer citecheck (schema " +
                       std::to_string(version) + ", this one reads " + std::to_string(kSchemaVersion) +
                       "); upgrade citecheck");
    for (int v = version; v < kSchemaVersion; ++v) {
      run_script(c, name, kMigrations[v], "upgrade");
      run(c, name, "INSERT INTO citecheck_schema (version) VALUES ($1::integer)", {std::to_string(v + 1)}, "upgrade");
    }
    run(c, name, "COMMIT", {}, "open");
  } catch (...) {
    PQclear(PQexec(c, "ROLLBACK"));
    throw;
  }
  return PostgresStore(uri, name, ttl, std::move(conn));
}

namespace {

// BEGIN … COMMIT, rolled back when left by an exception.
class Transaction {
 public:
  Transaction(pg_conn* conn, const std::string& name, const char* doing) : conn_(conn) {
    run(conn, name, "BEGIN", {}, doing);
  }
  ~Transaction() {
    if (open_) PQclear(PQexec(conn_, "ROLLBACK"));
  }
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit(const std::string& name, const char* doing) {
    open_ = false;
    run(conn_, name, "COMMIT", {}, doing);
  }

 private:
  pg_conn* conn_;
  bool open_ = true;
};

std::optional<std::string> run_param(std::int64_t run) {
  if (run == 0) return std::nullopt;
  return std::to_string(run);
}

}  // namespace

std::unordered_map<std::string, CacheEntry> PostgresStore::lookup(const std::vector<std::string>& keys, std::int64_t now,
                                                                  std::optional<std::int64_t> served_since) {
  std::unordered_map<std::string, CacheEntry> fresh;
  for (std::size_t at = 0; at < keys.size(); at += kChunk) {
    std::vector<std::string> chunk(keys.begin() + static_cast<std::ptrdiff_t>(at),
                                   keys.begin() + static_cast<std::ptrdiff_t>(std::min(keys.size(), at + kChunk)));
    Result r = run(conn_.get(), name_,
                   "SELECT l.key, l.status, l.payload, l.checked_at FROM links l WHERE l.key = ANY($1::text[]) AND " COMMITTED("l"),
                   {text_array(chunk)}, "read");
    for (int i = 0; i < PQntuples(r.get()); ++i) {
      CacheEntry e{text_of(r.get(), i, 0), text_of(r.get(), i, 1), text_of(r.get(), i, 2), integer_of(r.get(), i, 3)};
      if (!ttl_.serves(e.status, e.checked_at, now, served_since)) continue;
      std::string key = e.key;
      fresh.insert_or_assign(std::move(key), std::move(e));
    }
  }
  return fresh;
}

void PostgresStore::make_partitions(const std::vector<std::int64_t>& times) {
  std::map<std::int64_t, Month> wanted;
  for (std::int64_t t : times) {
    const Month m = Month::of(t);
    if (!months_made_.count(m.start())) wanted.emplace(m.start(), m);
  }
  if (wanted.empty()) return;
  // Two workers making the same month wait for each other instead of failing.
  run(conn_.get(), name_, "SELECT pg_advisory_xact_lock($1::bigint)", {std::to_string(kSchemaLock + 1)}, "write to");
  for (const auto& [start, m] : wanted) {
    const std::string sql = "CREATE TABLE IF NOT EXISTS " + m.table() + " PARTITION OF check_log FOR VALUES FROM (" +
                            std::to_string(m.start()) + ") TO (" + std::to_string(m.end()) + ")";
    run(conn_.get(), name_, sql.c_str(), {}, "write to");
  }
}

void PostgresStore::store(const std::vector<CacheEntry>& entries, bool record_history) {
  if (entries.empty()) return;
  // One row per key for the upsert (a statement may not change a row twice): the latest check,
  // the later entry among equals. Every entry still makes its history row, in batch order.
  std::unordered_map<std::string, std::size_t> latest;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    auto [it, added] = latest.emplace(entries[i].key, i);
    if (!added && entries[i].checked_at >= entries[it->second].checked_at) it->second = i;
  }
  std::vector<std::size_t> upserts;
  for (std::size_t i = 0; i < entries.size(); ++i)
    if (latest[entries[i].key] == i) upserts.push_back(i);
  Transaction tx(conn_.get(), name_, "write to");
  const std::optional<std::string> run_id = run_param(run_id_);
  for (std::size_t at = 0; at < upserts.size(); at += kChunk) {
    std::vector<std::string> keys, statuses, payloads;
    std::vector<std::int64_t> times;
    for (std::size_t i = at; i < std::min(upserts.size(), at + kChunk); ++i) {
      const CacheEntry& e = entries[upserts[i]];
      keys.push_back(e.key);
      statuses.push_back(e.status);
      payloads.push_back(e.payload);
      times.push_back(e.checked_at);
    }
    run(conn_.get(), name_,
        "INSERT INTO links (key, status, payload, checked_at, run_id) "
        "SELECT u.key, u.status, u.payload, u.checked_at, $5::bigint "
        "FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[]) AS u (key, status, payload, checked_at) "
        "ON CONFLICT (key) DO UPDATE SET status = excluded.status, payload = excluded.payload, "
        "checked_at = excluded.checked_at, run_id = excluded.run_id WHERE excluded.checked_at >= links.checked_at",
        {text_array(keys), text_array(statuses), text_array(payloads), number_array(times), run_id}, "write to");
  }
  if (record_history) {
    std::vector<std::int64_t> all_times;
    for (const auto& e : entries) all_times.push_back(e.checked_at);
    make_partitions(all_times);
    for (std::size_t at = 0; at < entries.size(); at += kChunk) {
      std::vector<std::string> keys, statuses;
      std::vector<std::int64_t> times;
      for (std::size_t i = at; i < std::min(entries.size(), at + kChunk); ++i) {
        keys.push_back(entries[i].key);
        statuses.push_back(entries[i].status);
        times.push_back(entries[i].checked_at);
      }
      // seq is drawn as rows are inserted, in batch order: rows of one key and second keep it.
      run(conn_.get(), name_,
          "INSERT INTO check_log (link_id, checked_at, status, run_id) "
          "SELECT l.id, u.checked_at, u.status, $4::bigint "
          "FROM unnest($1::text[], $2::text[], $3::bigint[]) WITH ORDINALITY AS u (key, status, checked_at, n) "
          "JOIN links l ON l.key = u.key ORDER BY u.n",
          {text_array(keys), text_array(statuses), number_array(times), run_id}, "write to");
    }
  }
  tx.commit(name_, "write to");
}

std::unordered_map<std::string, LinkRecord> PostgresStore::records(const std::vector<std::string>& keys,
                                                                   const DeadRule& rule) {
  std::unordered_map<std::string, LinkRecord> out;
  for (std::size_t at = 0; at < keys.size(); at += kChunk) {
    std::vector<std::string> chunk(keys.begin() + static_cast<std::ptrdiff_t>(at),
                                   keys.begin() + static_cast<std::ptrdiff_t>(std::min(keys.size(), at + kChunk)));
    Result r = run(conn_.get(), name_,
                   "SELECT l.key, h.status, h.checked_at FROM links l JOIN check_log h ON h.link_id = l.id "
                   "WHERE l.key = ANY($1::text[]) AND " COMMITTED("h") " ORDER BY l.key, h.checked_at DESC, h.seq DESC",
                   {text_array(chunk)}, "read");
    const int n = PQntuples(r.get());
    for (int i = 0; i < n;) {
      const std::string key = text_of(r.get(), i, 0);
      HistoryFold fold;
      bool taking = true;
      int count = 0;
      for (; i < n && text_of(r.get(), i, 0) == key; ++i, ++count)
        if (taking) taking = fold.add(text_of(r.get(), i, 1), integer_of(r.get(), i, 2));
      out[key] = fold.result(count, rule);
    }
  }
  return out;
}

LinkRecord PostgresStore::record(const std::string& key, const DeadRule& rule) {
  auto found = records({key}, rule);
  return found.count(key) ? found[key] : LinkRecord{};
}

std::vector<HistoryRow> PostgresStore::rows(const std::string& key) {
  Result r = run(conn_.get(), name_,
                 "SELECT h.status, h.checked_at FROM links l JOIN check_log h ON h.link_id = l.id "
                 "WHERE l.key = $1 AND " COMMITTED("h") " ORDER BY h.checked_at, h.seq",
                 {key}, "read");
  std::vector<HistoryRow> out;
  for (int i = 0; i < PQntuples(r.get()); ++i) out.push_back({text_of(r.get(), i, 0), integer_of(r.get(), i, 1)});
  return out;
}

std::vector<std::string> PostgresStore::keys_failed_since(std::int64_t since) {
  Result r = run(conn_.get(), name_,
                 "SELECT DISTINCT l.key FROM check_log h JOIN links l ON l.id = h.link_id WHERE h.checked_at >= $1::bigint "
                 "AND h.status IN ('broken', 'soft-404', 'server-error') AND " COMMITTED("h") " ORDER BY l.key",
                 {std::to_string(since)}, "read");
  std::vector<std::string> out;
  for (int i = 0; i < PQntuples(r.get()); ++i) out.push_back(text_of(r.get(), i, 0));
  return out;
}

void PostgresStore::set_document_links(const std::vector<std::pair<std::string, std::vector<std::string>>>& documents) {
  if (documents.empty()) return;
  Transaction tx(conn_.get(), name_, "write to");
  for (const auto& [document, given] : documents) {
    // Left as it is when its links are those recorded, as in the SQLite store.
    std::vector<std::string> keys = given;
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    Result recorded = run(conn_.get(), name_, "SELECT key FROM document_links WHERE document = $1 ORDER BY key COLLATE \"C\"",
                          {document}, "read");
    if (static_cast<std::size_t>(PQntuples(recorded.get())) == keys.size()) {
      bool same = true;
      for (int i = 0; same && i < PQntuples(recorded.get()); ++i) same = text_of(recorded.get(), i, 0) == keys[static_cast<std::size_t>(i)];
      if (same) continue;
    }
    run(conn_.get(), name_, "DELETE FROM document_links WHERE document = $1", {document}, "write to");
    for (std::size_t at = 0; at < keys.size(); at += kChunk) {
      std::vector<std::string> chunk(keys.begin() + static_cast<std::ptrdiff_t>(at),
                                     keys.begin() + static_cast<std::ptrdiff_t>(std::min(keys.size(), at + kChunk)));
      run(conn_.get(), name_,
          "INSERT INTO document_links (document, key) SELECT $1, k FROM unnest($2::text[]) AS k ON CONFLICT DO NOTHING",
          {document, text_array(chunk)}, "write to");
    }
  }
  tx.commit(name_, "write to");
}

bool PostgresStore::read_kept_document(const std::string& path, std::string_view digest, std::int64_t now,
                                       const std::function<void(std::string_view)>& read) {
  const std::int64_t today = now - now % 86400;
  Result r = run_bytes(conn_.get(), name_, "SELECT body, used_at < $3::bigint FROM checked_documents WHERE path = $1 AND digest = $2",
                       {{path, false}, {digest, true}, {std::to_string(today), false}}, "read");
  if (PQntuples(r.get()) == 0) return false;
  read(std::string_view(PQgetvalue(r.get(), 0, 0), static_cast<std::size_t>(PQgetlength(r.get(), 0, 0))));
  // Binary boolean: one byte. Marked as used once a day at most, as in the SQLite store.
  if (PQgetlength(r.get(), 0, 1) == 1 && PQgetvalue(r.get(), 0, 1)[0])
    run(conn_.get(), name_, "UPDATE checked_documents SET used_at = $2::bigint WHERE path = $1", {path, std::to_string(today)},
        "write to");
  return true;
}

void PostgresStore::write_kept_document(const std::string& path, std::string_view digest, std::size_t size,
                                        const BodyWriter& write, std::int64_t now, std::int64_t forget_unused_before) {
  // libpq sends a parameter whole: the body is gathered first.
  std::string body;
  body.reserve(size);
  write([&](std::string_view piece) { body.append(piece); });
  if (body.size() != size) throw CacheError("cannot write to the link store '" + name_ + "': a kept document came out of another size than announced");
  const std::string today = std::to_string(now - now % 86400);
  Transaction tx(conn_.get(), name_, "write to");
  run_bytes(conn_.get(), name_,
            "INSERT INTO checked_documents (path, digest, body, used_at) VALUES ($1, $2, $3, $4::bigint) "
            "ON CONFLICT (path) DO UPDATE SET digest = excluded.digest, body = excluded.body, used_at = excluded.used_at",
            {{path, false}, {digest, true}, {body, true}, {today, false}}, "write to");
  run(conn_.get(), name_, "DELETE FROM checked_documents WHERE used_at < $1::bigint", {std::to_string(forget_unused_before)},
      "write to");
  tx.commit(name_, "write to");
}

std::vector<std::string> PostgresStore::document_links(const std::string& document) {
  Result r = run(conn_.get(), name_, "SELECT key FROM document_links WHERE document = $1 ORDER BY key", {document}, "read");
  std::vector<std::string> out;
  for (int i = 0; i < PQntuples(r.get()); ++i) out.push_back(text_of(r.get(), i, 0));
  return out;
}

std::vector<std::string> PostgresStore::documents_citing(const std::string& key) {
  Result r = run(conn_.get(), name_, "SELECT document FROM document_links WHERE key = $1 ORDER BY document", {key}, "read");
  std::vector<std::string> out;
  for (int i = 0; i < PQntuples(r.get()); ++i) out.push_back(text_of(r.get(), i, 0));
  return out;
}

void PostgresStore::prune_history(std::int64_t before) {
  Transaction tx(conn_.get(), name_, "write to");
  // Whole months before the cut are dropped (no row-by-row delete, no bloat); the month the
  // cut falls in loses its older rows.
  Result parts = run(conn_.get(), name_,
                     "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
                     "WHERE i.inhparent = 'check_log'::regclass",
                     {}, "write to");
  for (int i = 0; i < PQntuples(parts.get()); ++i) {
    const std::string table = text_of(parts.get(), i, 0);
    int year = 0, month = 0;
    if (std::sscanf(table.c_str(), "check_log_%4d%2d", &year, &month) != 2 || month < 1 || month > 12) continue;
    const Month m{year, month};
    if (m.end() > before) continue;
    run(conn_.get(), name_, ("DROP TABLE " + table).c_str(), {}, "write to");
    months_made_.erase(m.start());
  }
  run(conn_.get(), name_, "DELETE FROM check_log WHERE checked_at < $1::bigint", {std::to_string(before)}, "write to");
  tx.commit(name_, "write to");
}

void PostgresStore::begin_run(std::int64_t started_at, std::int64_t since, const std::string& lane) {
  Result r = run(conn_.get(), name_,
                 "INSERT INTO runs (started_at, since, state, lane) VALUES ($1::bigint, $2::bigint, 'running', $3) RETURNING id",
                 {std::to_string(started_at), std::to_string(since), lane}, "write to");
  run_id_ = integer_of(r.get(), 0, 0);
}

void PostgresStore::end_run(const char* state) {
  if (run_id_ == 0) return;
  const std::string id = std::to_string(run_id_);
  run_id_ = 0;  // whatever happens: the rows stored from now on belong to no run
  Transaction tx(conn_.get(), name_, "write to");
  run(conn_.get(), name_, "UPDATE runs SET state = $2 WHERE id = $1::bigint", {id, std::string(state)}, "write to");
  // Sites it did not finish go back at once; a discarded run's checks never count, so its
  // finished sites go back too.
  run(conn_.get(), name_,
      "UPDATE domains SET lease_until = 0 WHERE run_id = $1::bigint AND (NOT finished OR $2 = 'discarded')",
      {id, std::string(state)}, "write to");
  tx.commit(name_, "write to");
}

void PostgresStore::commit_run(bool complete) { end_run(complete ? "complete" : "interrupted"); }

void PostgresStore::discard_run() { end_run("discarded"); }

std::optional<std::int64_t> PostgresStore::resume_point(const std::string& lane) {
  Result r = run(conn_.get(), name_,
                 "SELECT since, state FROM runs WHERE state IN ('complete', 'interrupted') AND lane = $1 ORDER BY id DESC LIMIT 1",
                 {lane}, "read");
  if (PQntuples(r.get()) == 1 && text_of(r.get(), 0, 1) == "interrupted") return integer_of(r.get(), 0, 0);
  return std::nullopt;
}

void PostgresStore::add_sites(const std::string& night, const std::vector<NightSite>& sites) {
  for (std::size_t at = 0; at < sites.size(); at += kChunk) {
    std::vector<std::string> names;
    std::vector<std::size_t> counts;
    for (std::size_t i = at; i < std::min(sites.size(), at + kChunk); ++i) {
      names.push_back(sites[i].site);
      counts.push_back(sites[i].links);
    }
    run(conn_.get(), name_,
        "INSERT INTO domains (night, site, links) SELECT $1, u.site, u.links "
        "FROM unnest($2::text[], $3::integer[]) AS u (site, links) ON CONFLICT DO NOTHING",
        {night, text_array(names), number_array(counts)}, "write to");
  }
}

std::vector<std::string> PostgresStore::claim_sites(const std::string& night, std::size_t most, double lease_seconds) {
  if (run_id_ == 0) throw CacheError("cannot claim sites in the link store '" + name_ + "': no run was begun");
  // Biggest first: the night's longest site starts early. SKIP LOCKED: workers claiming at the
  // same moment take different sites instead of queueing on the same rows.
  Result r = run(conn_.get(), name_,
                 "UPDATE domains d SET run_id = $2::bigint, lease_until = extract(epoch FROM clock_timestamp()) + "
                 "$3::double precision, finished = false "
                 "WHERE d.night = $1 AND d.site IN (SELECT c.site FROM domains c WHERE c.night = $1 AND "
                 "(c.run_id IS NULL OR (c.lease_until < extract(epoch FROM clock_timestamp()) AND NOT (c.finished AND "
                 "EXISTS (SELECT 1 FROM runs u WHERE u.id = c.run_id AND u.state IN ('complete', 'interrupted')))))"
                 " ORDER BY c.links DESC, c.site LIMIT $4::integer FOR UPDATE SKIP LOCKED) RETURNING d.site, d.links",
                 {night, std::to_string(run_id_), std::to_string(lease_seconds), std::to_string(most)}, "write to");
  std::vector<std::pair<std::int64_t, std::string>> claimed;  // RETURNING keeps no order: sorted here
  for (int i = 0; i < PQntuples(r.get()); ++i) claimed.emplace_back(-integer_of(r.get(), i, 1), text_of(r.get(), i, 0));
  std::sort(claimed.begin(), claimed.end());
  std::vector<std::string> out;
  for (auto& [links, site] : claimed) out.push_back(std::move(site));
  return out;
}

void PostgresStore::finish_sites(const std::string& night, const std::vector<std::string>& sites) {
  if (sites.empty() || run_id_ == 0) return;
  run(conn_.get(), name_, "UPDATE domains SET finished = true WHERE night = $1 AND run_id = $2::bigint AND site = ANY($3::text[])",
      {night, std::to_string(run_id_), text_array(sites)}, "write to");
}

NightBoard PostgresStore::night_board(const std::string& night) {
  Result r = run(conn_.get(), name_,
                 "SELECT count(*) FILTER (WHERE run_id IS NULL OR (lease_until < extract(epoch FROM clock_timestamp()) AND "
                 "NOT (finished AND EXISTS (SELECT 1 FROM runs u WHERE u.id = run_id AND u.state IN ('complete', "
                 "'interrupted'))))), "
                 "count(*) FILTER (WHERE run_id IS DISTINCT FROM $2::bigint AND run_id IS NOT NULL AND NOT finished AND "
                 "lease_until >= extract(epoch FROM clock_timestamp())), "
                 "count(DISTINCT run_id) FILTER (WHERE run_id IS DISTINCT FROM $2::bigint AND run_id IS NOT NULL AND "
                 "lease_until >= extract(epoch FROM clock_timestamp())) FROM domains WHERE night = $1",
                 {night, run_param(run_id_)}, "read");
  NightBoard board;
  board.claimable = static_cast<std::size_t>(integer_of(r.get(), 0, 0));
  board.held_elsewhere = static_cast<std::size_t>(integer_of(r.get(), 0, 1));
  board.other_workers = static_cast<std::size_t>(integer_of(r.get(), 0, 2));
  return board;
}

std::unique_ptr<LeaseKeeper> PostgresStore::keep_leases(const std::string& night, double lease_seconds) {
  if (run_id_ == 0) throw CacheError("cannot keep leases in the link store '" + name_ + "': no run was begun");
  return std::make_unique<PgLeaseKeeper>(connect(uri_, name_), name_, run_id_, night, lease_seconds);
}

double PostgresStore::take_service_token(const std::string& service, double per_second, double burst) {
  const std::string rate = std::to_string(per_second), cap = std::to_string(burst);
  run(conn_.get(), name_,
      "INSERT INTO service_budgets (service, tokens, updated_at) VALUES ($1, $2::double precision, "
      "extract(epoch FROM clock_timestamp())) ON CONFLICT (service) DO NOTHING",
      {service, cap}, "write to");
  // Refill by the time passed, take one when there is one; else say how long until there is.
  Result r = run(conn_.get(), name_,
                 "WITH b AS (SELECT least($3::double precision, tokens + (extract(epoch FROM clock_timestamp()) - updated_at) * "
                 "$2::double precision) AS available FROM service_budgets WHERE service = $1 FOR UPDATE) "
                 "UPDATE service_budgets s SET tokens = CASE WHEN b.available >= 1 THEN b.available - 1 ELSE b.available END, "
                 "updated_at = extract(epoch FROM clock_timestamp()) FROM b WHERE s.service = $1 RETURNING b.available",
                 {service, rate, cap}, "write to");
  if (PQntuples(r.get()) != 1) return 1 / std::max(per_second, 1e-3);
  const double available = std::stod(PQgetvalue(r.get(), 0, 0));
  if (available >= 1) return 0;
  return (1 - available) / std::max(per_second, 1e-3);
}

}  // namespace citecheck
