// Tests for resolvers/postgres_store.cpp against a throwaway PostgreSQL cluster on loopback
// (tests/scripts/pg_cluster.sh, started by ctest's `postgres` fixture; its URI is read from
// the file CITECHECK_TEST_POSTGRES_URI_FILE names). Each case works in a schema of its own.
#include <catch2/catch.hpp>

#include <libpq-fe.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "resolvers/link_store.hpp"
#include "resolvers/postgres_store.hpp"
#include "src/history_command.hpp"

using namespace citecheck;

namespace {

std::string base_uri() {
  const char* file = std::getenv("CITECHECK_TEST_POSTGRES_URI_FILE");
  REQUIRE(file != nullptr);
  std::ifstream in(file);
  std::string uri;
  std::getline(in, uri);
  REQUIRE(!uri.empty());
  return uri;
}

void execute(const std::string& uri, const std::string& sql) {
  PGconn* conn = PQconnectdb(uri.c_str());
  REQUIRE(PQstatus(conn) == CONNECTION_OK);
  PGresult* r = PQexec(conn, sql.c_str());
  const ExecStatusType status = PQresultStatus(r);
  const std::string error = PQerrorMessage(conn);
  PQclear(r);
  PQfinish(conn);
  INFO(error);
  REQUIRE((status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK));
}

std::string scalar(const std::string& uri, const std::string& sql) {
  PGconn* conn = PQconnectdb(uri.c_str());
  REQUIRE(PQstatus(conn) == CONNECTION_OK);
  PGresult* r = PQexec(conn, sql.c_str());
  INFO(PQerrorMessage(conn));
  REQUIRE(PQresultStatus(r) == PGRES_TUPLES_OK);
  std::string value = PQntuples(r) ? PQgetvalue(r, 0, 0) : "";
  PQclear(r);
  PQfinish(conn);
  return value;
}

// A new, empty schema; the URI that works in it alone.
std::string fresh_schema(const std::string& name) {
  const std::string uri = base_uri();
  execute(uri, "DROP SCHEMA IF EXISTS " + name + " CASCADE; CREATE SCHEMA " + name);
  return uri + (uri.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" + name;
}

CacheEntry entry(std::string key, std::string status, std::int64_t at) { return {std::move(key), std::move(status), "{}", at}; }

constexpr std::int64_t kDay = 86'400;
constexpr std::int64_t kJan2026 = 1'767'225'600;  // 2026-01-01T00:00:00Z

}  // namespace

TEST_CASE("postgres store: results are served while fresh, and only once their run is committed", "[postgres]") {
  const std::string uri = fresh_schema("t_fresh");
  auto store = open_link_store(uri);
  REQUIRE(store->shares_nights());
  store->begin_run(kJan2026, kJan2026);
  store->store({entry("url:https://a.example/x", "ok", kJan2026), entry("url:https://a.example/y", "broken", kJan2026)}, true);
  // Not yet committed: a run whose report is lost leaves no trace.
  CHECK(store->lookup({"url:https://a.example/x"}, kJan2026 + 10).empty());
  CHECK(store->rows("url:https://a.example/x").empty());
  store->commit_run(true);
  auto fresh = store->lookup({"url:https://a.example/x", "url:https://a.example/y", "url:https://a.example/z"}, kJan2026 + 10);
  CHECK(fresh.size() == 2);
  CHECK(fresh.at("url:https://a.example/x").status == "ok");
  // A failure is fresh for an hour, a live link for a week.
  fresh = store->lookup({"url:https://a.example/x", "url:https://a.example/y"}, kJan2026 + 2 * 3600);
  CHECK(fresh.size() == 1);
  CHECK(fresh.count("url:https://a.example/x") == 1);
  CHECK(store->lookup({"url:https://a.example/x"}, kJan2026 + 8 * kDay).empty());
  // --resume serves what was checked since the interrupted run's start, whatever its age.
  CHECK(store->lookup({"url:https://a.example/y"}, kJan2026 + 8 * kDay, kJan2026).size() == 1);
  // A second connection (another worker) sees the same.
  auto other = open_link_store(uri);
  CHECK(other->lookup({"url:https://a.example/x"}, kJan2026 + 10).size() == 1);
}

TEST_CASE("postgres store: the latest check wins and every check is a history row, in order", "[postgres]") {
  const std::string uri = fresh_schema("t_latest");
  auto store = open_link_store(uri);
  store->store({entry("url:https://b.example/", "broken", kJan2026 + 100), entry("url:https://b.example/", "ok", kJan2026 + 100)},
               true);
  store->store({entry("url:https://b.example/", "broken", kJan2026 + 50)}, true);  // older, arriving late
  auto fresh = store->lookup({"url:https://b.example/"}, kJan2026 + 200);
  REQUIRE(fresh.size() == 1);
  CHECK(fresh.at("url:https://b.example/").status == "ok");
  CHECK(fresh.at("url:https://b.example/").checked_at == kJan2026 + 100);
  auto rows = store->rows("url:https://b.example/");
  REQUIRE(rows.size() == 3);
  CHECK(rows[0].status == "broken");
  CHECK(rows[0].checked_at == kJan2026 + 50);
  CHECK(rows[1].status == "broken");  // same second: the order they were stored in
  CHECK(rows[2].status == "ok");
  // Keys with quotes, backslashes and commas survive the array literals.
  const std::string odd = "url:https://c.example/a\"b\\c,d{e}";
  store->store({entry(odd, "ok", kJan2026)}, true);
  CHECK(store->lookup({odd}, kJan2026 + 1).size() == 1);
  CHECK(store->rows(odd).size() == 1);
}

TEST_CASE("postgres store: a link's state over nights is folded from the check log", "[postgres]") {
  const std::string uri = fresh_schema("t_state");
  auto store = open_link_store(uri);
  const std::string key = "url:https://d.example/gone";
  store->store({entry(key, "ok", kJan2026)}, true);
  for (int night = 1; night <= 4; ++night) store->store({entry(key, "broken", kJan2026 + night * kDay)}, true);
  DeadRule rule;  // 3 failures at least 72 h apart
  LinkRecord r = store->record(key, rule);
  CHECK(r.state == LinkState::Dead);
  CHECK(r.failures == 4);
  CHECK(r.checks == 5);
  CHECK(r.first_failed_at == kJan2026 + kDay);
  CHECK(r.dead_since == kJan2026 + 4 * kDay);
  store->store({entry(key, "ok", kJan2026 + 5 * kDay)}, true);
  auto records = store->records({key, "url:https://d.example/never"}, rule);
  CHECK(records.at(key).state == LinkState::Recovered);
  CHECK(records.count("url:https://d.example/never") == 0);  // no rows: left out
  CHECK(store->record("url:https://d.example/never", rule).state == LinkState::Unknown);
  CHECK(store->keys_failed_since(kJan2026 + 4 * kDay) == std::vector<std::string>{key});
  CHECK(store->keys_failed_since(kJan2026 + 5 * kDay).empty());
}

TEST_CASE("postgres store: the check log is partitioned by month and pruning drops whole months", "[postgres]") {
  const std::string uri = fresh_schema("t_prune");
  auto store = open_link_store(uri);
  const std::string key = "url:https://e.example/";
  store->store({entry(key, "ok", kJan2026 + 3 * kDay)}, true);        // January
  store->store({entry(key, "ok", kJan2026 + 40 * kDay)}, true);       // February
  store->store({entry(key, "broken", kJan2026 + 62 * kDay)}, true);   // March 4
  const std::string partitions =
      "SELECT string_agg(c.relname, ',' ORDER BY c.relname) FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
      "WHERE i.inhparent = 't_prune.check_log'::regclass";
  CHECK(scalar(uri, partitions) == "check_log_202601,check_log_202602,check_log_202603");
  store->prune_history(kJan2026 + 45 * kDay);  // February 15
  CHECK(scalar(uri, partitions) == "check_log_202602,check_log_202603");
  auto rows = store->rows(key);
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].checked_at == kJan2026 + 62 * kDay);
  // A month dropped comes back when rows for it arrive again.
  store->store({entry(key, "ok", kJan2026 + 5 * kDay)}, true);
  CHECK(store->rows(key).size() == 2);
}

TEST_CASE("postgres store: documents and the runs an interrupted night resumes", "[postgres]") {
  const std::string uri = fresh_schema("t_docs");
  auto store = open_link_store(uri);
  store->set_document_links({{"/archive/a.txt", {"url:https://f.example/1", "doi:10.1/x"}}, {"/archive/b.txt", {"doi:10.1/x"}}});
  store->set_document_links({{"/archive/a.txt", {"url:https://f.example/2"}}});
  CHECK(store->document_links("/archive/a.txt") == std::vector<std::string>{"url:https://f.example/2"});
  CHECK(store->documents_citing("doi:10.1/x") == std::vector<std::string>{"/archive/b.txt"});
  store->begin_run(kJan2026, kJan2026, "1/4");
  store->commit_run(false);
  store->begin_run(kJan2026 + 10, kJan2026 + 10);
  store->commit_run(true);
  CHECK(store->resume_point("1/4") == kJan2026);
  CHECK(!store->resume_point(""));
}

TEST_CASE("postgres store: checked documents are kept one per path, binary-safe, and dropped when unread", "[postgres]") {
  const std::string uri = fresh_schema("t_kept");
  auto store = open_link_store(uri);
  // Bytes a text parameter could not carry: NUL, and bytes that are no UTF-8.
  const std::string digest("\x00\x01" "digest" "\xff", 9), body("kept\x00" "document" "\xfe\x80", 15);
  CHECK(!store->kept_document("/archive/a.txt", digest, kJan2026));
  store->keep_document("/archive/a.txt", digest, body, kJan2026, 0);
  auto found = store->kept_document("/archive/a.txt", digest, kJan2026 + 30 * kDay);  // marks it used
  REQUIRE(found);
  CHECK(*found == body);
  CHECK(!store->kept_document("/archive/a.txt", std::string("\x00\x01" "digest" "\xfe", 9), kJan2026));
  // Another connection (another worker) finds it too.
  CHECK(open_link_store(uri)->kept_document("/archive/a.txt", digest, kJan2026 + 30 * kDay));
  // A new digest replaces the path's document; documents unread since the given time go.
  store->keep_document("/archive/b.txt", "b", "b-body", kJan2026, 0);
  store->keep_document("/archive/a.txt", "a2", "a2-body", kJan2026 + 40 * kDay, kJan2026 + 10 * kDay);
  CHECK(!store->kept_document("/archive/b.txt", "b", kJan2026 + 40 * kDay));
  CHECK(!store->kept_document("/archive/a.txt", digest, kJan2026 + 40 * kDay));
  CHECK(*store->kept_document("/archive/a.txt", "a2", kJan2026 + 40 * kDay) == "a2-body");
}

TEST_CASE("postgres store: refuses a newer schema and a database it did not make, naming the address without its password", "[postgres]") {
  const std::string uri = fresh_schema("t_refuse");
  { auto store = open_link_store(uri); }
  execute(uri, "INSERT INTO t_refuse.citecheck_schema (version) VALUES (99)");
  try {
    open_link_store(uri);
    FAIL("opened a store of a newer schema");
  } catch (const CacheError& e) {
    CHECK(std::string(e.what()).find("newer citecheck (schema 99") != std::string::npos);
  }
  const std::string foreign = fresh_schema("t_foreign");
  execute(foreign, "CREATE TABLE t_foreign.links (x integer)");
  CHECK_THROWS_WITH(open_link_store(foreign), Catch::Contains("a table 'links' that citecheck did not make"));
  // Nothing listens on port 1: the message names the address, hides the password, and says
  // what to check.
  try {
    open_link_store("postgresql://worker:s3cret@127.0.0.1:1/citecheck?connect_timeout=5");
    FAIL("connected to nothing");
  } catch (const CacheError& e) {
    const std::string message = e.what();
    CHECK(message.find("s3cret") == std::string::npos);
    CHECK(message.find("127.0.0.1:1/citecheck") != std::string::npos);
    CHECK(message.find("check the address") != std::string::npos);
  }
}

TEST_CASE("postgres store: workers claim whole sites, biggest first, once each, and a dead worker's sites come back", "[postgres]") {
  const std::string uri = fresh_schema("t_claims");
  auto a = open_link_store(uri), b = open_link_store(uri), c = open_link_store(uri);
  const std::string night = "2026-01-01";
  a->add_sites(night, {{"big.example", 30}, {"mid.example", 20}, {"small.example", 10}});
  b->add_sites(night, {{"big.example", 99}, {"other.example", 5}});  // the first count stays
  a->begin_run(kJan2026, kJan2026);
  b->begin_run(kJan2026, kJan2026);
  c->begin_run(kJan2026, kJan2026);
  CHECK(c->night_board(night).claimable == 4);
  CHECK(c->night_board(night).other_workers == 0);
  CHECK(a->claim_sites(night, 2, 60) == std::vector<std::string>{"big.example", "mid.example"});
  CHECK(b->claim_sites(night, 5, 1) == std::vector<std::string>{"small.example", "other.example"});
  CHECK(c->claim_sites(night, 5, 60).empty());
  NightBoard board = c->night_board(night);
  CHECK(board.claimable == 0);
  CHECK(board.held_elsewhere == 4);
  CHECK(board.other_workers == 2);
  a->finish_sites(night, {"big.example", "mid.example"});
  CHECK(c->night_board(night).held_elsewhere == 2);
  CHECK(c->night_board(night).other_workers == 2);  // a still lives: it may claim again
  // b dies (its one-second leases lapse): its sites can be claimed again, and c takes them over.
  std::this_thread::sleep_for(std::chrono::milliseconds(1300));
  CHECK(c->night_board(night).claimable == 2);
  auto taken = c->claim_sites(night, 5, 60);
  std::sort(taken.begin(), taken.end());
  CHECK(taken == std::vector<std::string>{"other.example", "small.example"});
  // a commits: its finished sites are done for the night, even once their leases lapse.
  a->commit_run(true);
  execute(uri, "UPDATE t_claims.domains SET lease_until = 0");
  b->begin_run(kJan2026, kJan2026);
  auto again = b->claim_sites(night, 5, 60);
  std::sort(again.begin(), again.end());
  CHECK(again == std::vector<std::string>{"other.example", "small.example"});  // c never finished them
  // Another night is another set of sites.
  CHECK(b->claim_sites("2026-01-02", 5, 60).empty());
}

TEST_CASE("postgres store: an interrupted or discarded run gives its sites back at once", "[postgres]") {
  const std::string uri = fresh_schema("t_release");
  auto a = open_link_store(uri), b = open_link_store(uri);
  const std::string night = "n";
  a->add_sites(night, {{"one.example", 2}, {"two.example", 1}});
  a->begin_run(kJan2026, kJan2026);
  REQUIRE(a->claim_sites(night, 2, 600).size() == 2);
  a->finish_sites(night, {"one.example"});
  a->commit_run(false);  // interrupted: one.example was checked, two.example was not
  b->begin_run(kJan2026, kJan2026);
  CHECK(b->claim_sites(night, 5, 600) == std::vector<std::string>{"two.example"});
  b->finish_sites(night, {"two.example"});
  b->discard_run();  // its report was lost: its checks never count, so neither does the site
  a->begin_run(kJan2026, kJan2026);
  CHECK(a->claim_sites(night, 5, 600) == std::vector<std::string>{"two.example"});
}

TEST_CASE("postgres store: a live worker's leases are renewed and outlast their length", "[postgres]") {
  const std::string uri = fresh_schema("t_keeper");
  auto a = open_link_store(uri), b = open_link_store(uri);
  a->add_sites("n", {{"kept.example", 1}});
  a->begin_run(kJan2026, kJan2026);
  b->begin_run(kJan2026, kJan2026);
  REQUIRE(a->claim_sites("n", 1, 1).size() == 1);
  {
    auto keeper = a->keep_leases("n", 1);
    std::this_thread::sleep_for(std::chrono::milliseconds(2500));
    CHECK(b->claim_sites("n", 1, 1).empty());
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));  // no keeper: the lease lapses
  CHECK(b->claim_sites("n", 1, 1) == std::vector<std::string>{"kept.example"});
}

TEST_CASE("postgres store: a shared service's token bucket holds across connections", "[postgres]") {
  const std::string uri = fresh_schema("t_bucket");
  auto a = open_link_store(uri), b = open_link_store(uri);
  // 2 requests/s, a burst of 2: two go at once (from either worker), the third waits.
  CHECK(a->take_service_token("web.archive.org", 2, 2) == 0);
  CHECK(b->take_service_token("web.archive.org", 2, 2) == 0);
  const double wait = a->take_service_token("web.archive.org", 2, 2);
  CHECK(wait > 0);
  CHECK(wait <= 0.5);
  std::this_thread::sleep_for(std::chrono::duration<double>(wait + 0.05));
  CHECK(b->take_service_token("web.archive.org", 2, 2) == 0);
  // Over 1.5 s at 2/s, no more than the burst plus 3 tokens are handed out.
  int taken = 0;
  const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(1500);
  while (std::chrono::steady_clock::now() < until) {
    if ((taken % 2 ? a : b)->take_service_token("web.archive.org", 2, 2) == 0) ++taken;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  CHECK(taken >= 2);
  CHECK(taken <= 4);
  // Other services have buckets of their own.
  CHECK(a->take_service_token("api.crossref.org", 2, 2) == 0);
}

TEST_CASE("link store: a file store refuses to share nights, saying what does", "[postgres]") {
  char dir[] = "/tmp/citecheck-store-XXXXXX";
  REQUIRE(mkdtemp(dir) != nullptr);
  {
    auto store = open_link_store(std::string(dir) + "/links.sqlite");
    CHECK(!store->shares_nights());
    CHECK_THROWS_WITH(store->claim_sites("n", 1, 60), Catch::Contains("PostgreSQL store"));
  }
  std::filesystem::remove_all(dir);
  CHECK(is_postgres_address("postgresql://h/db"));
  CHECK(is_postgres_address("postgres://h/db"));
  CHECK(!is_postgres_address("/var/cache/postgres://x"));
}

TEST_CASE("postgres store: citecheck history reads a link's nights and what broke since a date from it", "[postgres]") {
  const std::string uri = fresh_schema("t_history");
  auto store = open_link_store(uri);
  const std::string key = "url:https://g.example/paper";
  store->store({entry(key, "ok", kJan2026)}, true);
  for (int night = 1; night <= 3; ++night) store->store({entry(key, "broken", kJan2026 + night * 2 * kDay)}, true);
  store->set_document_links({{"/archive/paper.txt", {key}}});
  HistoryQuery query;
  query.targets = {"https://g.example/paper"};
  std::ostringstream out, errors;
  REQUIRE(write_history(*store, query, out, errors) == 0);
  INFO(out.str());
  CHECK(out.str().find("https://g.example/paper: dead") != std::string::npos);
  CHECK(out.str().find("cited by /archive/paper.txt") != std::string::npos);
  HistoryQuery since;
  since.since = kJan2026 + 5 * kDay;
  since.json = true;
  std::ostringstream json_out;
  REQUIRE(write_history(*store, since, json_out, errors) == 0);
  CHECK(json_out.str().find("https://g.example/paper") != std::string::npos);
  HistoryQuery unknown;
  unknown.targets = {"https://g.example/never"};
  std::ostringstream none;
  CHECK(write_history(*store, unknown, none, errors) == 3);
}
