// postgres_store.hpp — the link store in PostgreSQL (`--cache postgresql://…`), over libpq: one
// live history for a team, and elastic workers sharing a night. Its tables (versioned in
// citecheck_schema, migrated under an advisory lock when a newer citecheck first connects):
//
//   links            the latest result per key, served while fresh (as the SQLite store);
//   check_log        one row per key per run that asked for it, partitioned by month of the
//                    check (check_log_YYYYMM, made as rows arrive), so pruning years of history
//                    drops whole partitions;
//   runs             one row per command-line run; rows count once their run is committed;
//   document_links   which links each document cited on its last run;
//   checked_documents  documents as checked on their last run, kept to skip parsing them
//                    again while their bytes stay the same (src/document_cache.hpp);
//   domains          a night's sites (registrable domains; every DOI goes with doi.org): which
//                    run holds each, its lease, and whether that run checked it;
//   service_budgets  a token bucket per shared service (the Wayback Machine, Crossref, …), so
//                    that all workers together stay under its limit.
//
// Workers claim whole sites with `UPDATE … WHERE site IN (SELECT … FOR UPDATE SKIP LOCKED
// LIMIT n)`: one worker at a time asks a site, so its pace (1 request/s per site) holds
// across machines. A lease is renewed while its worker lives; when a worker dies, its sites
// come back once the lease expires. A site counts as done only when the run that checked it is
// committed (its report written), like the rows themselves: a worker killed before its report
// leaves its sites to be checked again, never a gap. Time for leases and buckets is the
// server's clock, so workers on machines whose clocks disagree still agree.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "resolvers/link_store.hpp"

struct pg_conn;

namespace citecheck {

namespace detail {
struct ClosePg {
  void operator()(pg_conn* conn) const;
};
using PgConn = std::unique_ptr<pg_conn, ClosePg>;
}  // namespace detail

class PostgresStore final : public LinkStore {
 public:
  // Connects (libpq's URI syntax; PGPASSWORD, ~/.pgpass and the other PG* variables apply) and
  // creates or upgrades the schema. Throws CacheError naming the address without its password:
  // the server unreachable, authentication refused, a schema newer than this citecheck reads.
  static PostgresStore open(const std::string& uri, CacheTtl ttl = {});

  std::unordered_map<std::string, CacheEntry> lookup(const std::vector<std::string>& keys, std::int64_t now,
                                                     std::optional<std::int64_t> served_since = std::nullopt) override;
  void store(const std::vector<CacheEntry>& entries, bool record_history) override;
  LinkRecord record(const std::string& key, const DeadRule& rule) override;
  std::unordered_map<std::string, LinkRecord> records(const std::vector<std::string>& keys, const DeadRule& rule) override;
  std::vector<HistoryRow> rows(const std::string& key) override;
  std::vector<std::string> keys_failed_since(std::int64_t since) override;
  void set_document_links(const std::vector<std::pair<std::string, std::vector<std::string>>>& documents) override;
  std::vector<std::string> document_links(const std::string& document) override;
  std::vector<std::string> documents_citing(const std::string& key) override;
  bool read_kept_document(const std::string& path, std::string_view digest, std::int64_t now,
                          const std::function<void(std::string_view)>& read) override;
  void write_kept_document(const std::string& path, std::string_view digest, std::size_t size, const BodyWriter& write,
                           std::int64_t now, std::int64_t forget_unused_before) override;
  void prune_history(std::int64_t before) override;
  void begin_run(std::int64_t started_at, std::int64_t since, const std::string& lane = "") override;
  void commit_run(bool complete) override;
  void discard_run() override;
  bool in_run() const override { return run_id_ != 0; }
  std::optional<std::int64_t> resume_point(const std::string& lane = "") override;
  std::string name() const override { return name_; }

  bool shares_nights() const override { return true; }
  void add_sites(const std::string& night, const std::vector<NightSite>& sites) override;
  std::vector<std::string> claim_sites(const std::string& night, std::size_t most, double lease_seconds) override;
  void finish_sites(const std::string& night, const std::vector<std::string>& sites) override;
  NightBoard night_board(const std::string& night) override;
  std::unique_ptr<LeaseKeeper> keep_leases(const std::string& night, double lease_seconds) override;
  double take_service_token(const std::string& service, double per_second, double burst) override;

  // The schema version this build writes and reads.
  static int schema_version();

  PostgresStore(PostgresStore&&) noexcept = default;
  PostgresStore& operator=(PostgresStore&&) noexcept = default;
  ~PostgresStore() override;

 private:
  PostgresStore(std::string uri, std::string name, CacheTtl ttl, detail::PgConn conn);
  void end_run(const char* state);
  // Makes the monthly partitions of check_log that rows checked at these times go to.
  void make_partitions(const std::vector<std::int64_t>& times);

  std::string uri_, name_;
  CacheTtl ttl_;
  detail::PgConn conn_;
  std::int64_t run_id_ = 0;
  std::set<std::int64_t> months_made_;  // partition starts known to exist
};

}  // namespace citecheck
