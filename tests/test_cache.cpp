// Tests for resolvers/cache.cpp: freshness by status, the latest result winning, history
// streaks for nightly link-rot runs, pruning, files that are not caches, and two connections
// (and two processes) writing the same file. Every case works in its own directory under /tmp.
#include <catch2/catch.hpp>

#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "resolvers/cache.hpp"

using namespace citecheck;
namespace fs = std::filesystem;

namespace {

// A fresh directory under the system's temporary directory, removed with everything in it.
class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    std::random_device random;
    path_ = fs::temp_directory_path() / ("citecheck-cache-test-" + std::to_string(::getpid()) + "-" +
                                         std::to_string(counter++) + "-" + std::to_string(random()));
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::permissions(path_, fs::perms::owner_all, fs::perm_options::add, ec);
    fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::string file(const std::string& name) const { return (path_ / name).string(); }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

CacheEntry entry(std::string key, std::string status, std::int64_t checked_at, std::string payload = "{}") {
  return {std::move(key), std::move(status), std::move(payload), checked_at};
}

// One nightly run per status, a day apart from 1 000 000, recorded in history.
void record_runs(LinkCache& cache, const std::string& key, const std::vector<std::string>& statuses) {
  std::int64_t t = 1'000'000;
  for (const auto& status : statuses) {
    cache.store({entry(key, status, t)}, true);
    t += 86'400;
  }
}

// Sets an environment variable for the life of the object, then restores it.
class EnvVar {
 public:
  EnvVar(const char* name, const char* value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    if (value)
      ::setenv(name, value, 1);
    else
      ::unsetenv(name);
  }
  ~EnvVar() {
    if (old_)
      ::setenv(name_, old_->c_str(), 1);
    else
      ::unsetenv(name_);
  }
  EnvVar(const EnvVar&) = delete;
  EnvVar& operator=(const EnvVar&) = delete;

 private:
  const char* name_;
  std::optional<std::string> old_;
};

}  // namespace

TEST_CASE("a stored result is served while its status's time to live lasts", "[cache]") {
  TempDir dir;
  auto cache = LinkCache::open(dir.file("links.sqlite"));
  cache.store(
      {entry("url:https://example.org/a", "ok", 1000), entry("url:https://example.org/gone", "broken", 1000),
       entry("doi:10.1000/paywalled", "unverifiable", 1000),
       entry("url:ftp://example.org/file", "skipped", 1000)},
      false);
  const std::vector<std::string> keys = {"url:https://example.org/a", "url:https://example.org/gone",
                                         "doi:10.1000/paywalled", "url:ftp://example.org/file"};

  // 59 minutes 59 seconds later everything is fresh.
  CHECK(cache.lookup(keys, 1000 + 3599).size() == 4);
  // One hour later failures and other statuses are stale; ok (a week) and unverifiable (6 h) are not.
  auto after_an_hour = cache.lookup(keys, 1000 + 3600);
  CHECK(after_an_hour.size() == 2);
  CHECK(after_an_hour.count("url:https://example.org/a") == 1);
  CHECK(after_an_hour.count("doi:10.1000/paywalled") == 1);
  // Six hours later only ok is left, for a week (--recheck-after); then nothing.
  auto after_six_hours = cache.lookup(keys, 1000 + 6 * 3600);
  CHECK(after_six_hours.size() == 1);
  CHECK(after_six_hours.count("url:https://example.org/a") == 1);
  CHECK(cache.lookup(keys, 1000 + 7 * 86400 - 1).size() == 1);
  CHECK(cache.lookup(keys, 1000 + 7 * 86400).empty());
}

TEST_CASE("the time to live of each status can be set when opening", "[cache]") {
  TempDir dir;
  auto cache =
      LinkCache::open(dir.file("links.sqlite"),
                      CacheTtl{.ok = 100, .redirected = 50, .failure = 10, .unverifiable = 5, .other = 1});
  cache.store({entry("url:https://example.org/moved", "redirected", 0),
               entry("url:https://example.org/slow", "timeout", 0)},
              false);
  auto at_9 = cache.lookup({"url:https://example.org/moved", "url:https://example.org/slow"}, 9);
  CHECK(at_9.size() == 2);
  auto at_10 = cache.lookup({"url:https://example.org/moved", "url:https://example.org/slow"}, 10);
  REQUIRE(at_10.size() == 1);
  CHECK(at_10.at("url:https://example.org/moved").status == "redirected");
}

TEST_CASE("the time to live of a status word", "[cache]") {
  const CacheTtl ttl;
  CHECK(ttl.for_status("ok") == 604800);  // a week: live links are rechecked weekly
  CHECK(ttl.for_status("redirected") == 604800);
  CHECK(ttl.for_status("broken") == 3600);
  CHECK(ttl.for_status("soft-404") == 3600);
  CHECK(ttl.for_status("server-error") == 3600);
  CHECK(ttl.for_status("timeout") == 3600);
  CHECK(ttl.for_status("unverifiable") == 21600);
  CHECK(ttl.for_status("invalid") == 3600);
  CHECK(ttl.for_status("unchecked") == 3600);
}

TEST_CASE("failure statuses are broken, soft-404, server-error and timeout", "[cache]") {
  CHECK(is_failure_status("broken"));
  CHECK(is_failure_status("soft-404"));
  CHECK(is_failure_status("server-error"));
  CHECK(is_failure_status("timeout"));
  CHECK_FALSE(is_failure_status("ok"));
  CHECK_FALSE(is_failure_status("redirected"));
  CHECK_FALSE(is_failure_status("unverifiable"));
  CHECK_FALSE(is_failure_status("invalid"));
  CHECK_FALSE(is_failure_status("skipped"));
  CHECK_FALSE(is_failure_status("unchecked"));
}

TEST_CASE("lookup returns the stored entry as it was written, and nothing for unknown keys", "[cache]") {
  TempDir dir;
  auto cache = LinkCache::open(dir.file("links.sqlite"));
  const std::string key = "url:https://ar.wikipedia.org/wiki/ابن_خلدون";
  const std::string payload =
      R"({"http_status":200,"final_url":"https://ar.wikipedia.org/wiki/%D8%A7","title":"ابن خلدون"})";
  cache.store({entry(key, "ok", 5000, payload)}, false);
  auto found = cache.lookup({key, "doi:10.1000/never-seen"}, 5001);
  REQUIRE(found.size() == 1);
  const CacheEntry& e = found.at(key);
  CHECK(e.key == key);
  CHECK(e.status == "ok");
  CHECK(e.payload == payload);
  CHECK(e.checked_at == 5000);
  CHECK(cache.lookup({}, 5001).empty());
}

TEST_CASE("storing a key again overwrites its result", "[cache]") {
  TempDir dir;
  auto cache = LinkCache::open(dir.file("links.sqlite"));
  cache.store({entry("doi:10.1000/x", "ok", 1000, R"({"http_status":200})")}, false);
  cache.store({entry("doi:10.1000/x", "broken", 2000, R"({"http_status":404})")}, false);
  auto found = cache.lookup({"doi:10.1000/x"}, 2001);
  REQUIRE(found.size() == 1);
  CHECK(found.at("doi:10.1000/x").status == "broken");
  CHECK(found.at("doi:10.1000/x").payload == R"({"http_status":404})");
  CHECK(found.at("doi:10.1000/x").checked_at == 2000);
}

TEST_CASE("an older result stored late does not replace a newer one", "[cache]") {
  TempDir dir;
  auto cache = LinkCache::open(dir.file("links.sqlite"));
  cache.store({entry("url:https://example.org/a", "ok", 2000)}, true);
  cache.store({entry("url:https://example.org/a", "timeout", 1500)}, true);
  auto found = cache.lookup({"url:https://example.org/a"}, 2001);
  REQUIRE(found.size() == 1);
  CHECK(found.at("url:https://example.org/a").status == "ok");
  CHECK(found.at("url:https://example.org/a").checked_at == 2000);
  // Its history row is still written, in its place by time: ok is the newest row.
  LinkRecord h = cache.record("url:https://example.org/a", DeadRule{2, 0});
  CHECK(h.checks == 2);
  CHECK(h.failures == 0);
}

TEST_CASE("history: ok, broken, broken is a streak of two failures from the first broken", "[cache]") {
  TempDir dir;
  auto cache = LinkCache::open(dir.file("links.sqlite"));
  record_runs(cache, "url:https://example.org/a", {"ok", "broken", "broken"});
  LinkRecord h = cache.record("url:https://example.org/a", DeadRule{3, 0});
  CHECK(h.checks == 3);
  CHECK(h.failures == 2);
  CHECK(h.first_failed_at == std::optional<std::int64_t>(1'086'400));
}

TEST_CASE("history: broken, ok has no failing streak", "[cache]") {
  TempDir dir;
  auto cache = LinkCache::open(dir.file("links.sqlite"));
  record_runs(cache, "url:https://example.org/a", {"broken", "ok"});
  LinkRecord h = cache.record("url:https://example.org/a", DeadRule{1, 0});
  CHECK(h.checks == 2);
  CHECK(h.failures == 0);
  CHECK(h.first_failed_at == std::nullopt);
  CHECK(h.state == LinkState::Recovered);
}

TEST_CASE("history: an unverifiable run between two broken ones neither counts nor ends the streak",
          "[cache]") {
  TempDir dir;
  auto cache = LinkCache::open(dir.file("links.sqlite"));
  record_runs(cache, "url:https://example.org/a", {"broken", "unverifiable", "broken"});
  LinkRecord h = cache.record("url:https://example.org/a", DeadRule{5, 0});
  CHECK(h.checks == 3);
  CHECK(h.failures == 2);
  CHECK(h.first_failed_at == std::optional<std::int64_t>(1'000'000));
}

TEST_CASE("history: failures of every kind make one streak, ended only by ok or redirected, timeouts not counted",
          "[cache]") {
  TempDir dir;
  auto cache = LinkCache::open(dir.file("links.sqlite"));
  record_runs(cache, "url:https://example.org/a",
              {"timeout", "redirected", "server-error", "skipped", "soft-404", "unchecked", "timeout"});
  LinkRecord h = cache.record("url:https://example.org/a", DeadRule{2, 0});
  CHECK(h.checks == 7);
  CHECK(h.failures == 2);
  CHECK(h.first_failed_at == std::optional<std::int64_t>(1'000'000 + 2 * 86'400));
  CHECK(h.state == LinkState::Dead);
  CHECK(h.dead_since == std::optional<std::int64_t>(1'000'000 + 4 * 86'400));
  CHECK(h.last_ok_at == std::optional<std::int64_t>(1'000'000 + 86'400));
}

TEST_CASE("history: a key never recorded has no runs", "[cache]") {
  TempDir dir;
  auto cache = LinkCache::open(dir.file("links.sqlite"));
  cache.store({entry("url:https://example.org/a", "broken", 1000)}, false);  // result only
  LinkRecord h = cache.record("url:https://example.org/a", DeadRule{1, 0});
  CHECK(h.checks == 0);
  CHECK(h.failures == 0);
  CHECK(h.first_failed_at == std::nullopt);
  CHECK(h.state == LinkState::Unknown);
}

TEST_CASE("history: rows of the same second are ordered as they were stored", "[cache]") {
  TempDir dir;
  auto cache = LinkCache::open(dir.file("links.sqlite"));
  cache.store({entry("url:https://example.org/fixed", "broken", 1000),
               entry("url:https://example.org/fixed", "ok", 1000)},
              true);
  cache.store({entry("url:https://example.org/fell", "ok", 1000),
               entry("url:https://example.org/fell", "broken", 1000)},
              true);
  CHECK(cache.record("url:https://example.org/fixed", DeadRule{1, 0}).failures == 0);
  CHECK(cache.record("url:https://example.org/fell", DeadRule{1, 0}).failures == 1);
}

TEST_CASE("history: rows of the same second from two connections are ordered as they were stored",
          "[cache]") {
  TempDir dir;
  auto first = LinkCache::open(dir.file("links.sqlite"));
  auto second = LinkCache::open(dir.file("links.sqlite"));
  first.store({entry("url:https://example.org/a", "ok", 1000)}, true);
  second.store({entry("url:https://example.org/a", "broken", 1000)}, true);
  first.store({entry("url:https://example.org/a", "soft-404", 1000)}, true);
  LinkRecord h = second.record("url:https://example.org/a", DeadRule{2, 0});
  CHECK(h.checks == 3);
  CHECK(h.failures == 2);
  CHECK(h.state == LinkState::Dead);
}

TEST_CASE("record: the default rule calls a link dead after three failures over 72 hours", "[cache]") {
  TempDir dir;
  auto cache = LinkCache::open(dir.file("links.sqlite"));
  record_runs(cache, "url:https://example.org/a", {"ok", "broken", "broken", "broken"});
  LinkRecord three = cache.record("url:https://example.org/a", DeadRule{});
  CHECK(three.state == LinkState::Suspect);  // three failures, 48 hours apart
  CHECK(three.failures == 3);
  CHECK(three.last_ok_at == std::optional<std::int64_t>(1'000'000));
  record_runs(cache, "url:https://example.org/b", {"ok", "broken", "broken", "broken", "broken"});
  LinkRecord four = cache.record("url:https://example.org/b", DeadRule{});
  CHECK(four.state == LinkState::Dead);
  CHECK(four.dead_since == std::optional<std::int64_t>(1'000'000 + 4 * 86'400));
  CHECK(four.first_failed_at == std::optional<std::int64_t>(1'000'000 + 86'400));
}

TEST_CASE("record: an answer after a failure is recovered, after another answer ok", "[cache]") {
  TempDir dir;
  auto cache = LinkCache::open(dir.file("links.sqlite"));
  record_runs(cache, "url:https://example.org/a", {"ok", "broken", "unverifiable", "ok"});
  CHECK(cache.record("url:https://example.org/a", DeadRule{}).state == LinkState::Recovered);
  record_runs(cache, "url:https://example.org/b", {"broken", "ok", "ok"});
  CHECK(cache.record("url:https://example.org/b", DeadRule{}).state == LinkState::Ok);
}

TEST_CASE("record: the walk back to the last answers gives what folding every row gives", "[cache]") {
  const std::vector<std::vector<std::string>> histories = {
      {"broken", "broken", "broken", "broken", "ok", "broken", "timeout", "broken"},
      {"ok", "ok", "broken", "unverifiable", "ok"},
      {"broken", "broken", "broken", "broken", "broken", "unverifiable", "ok", "unverifiable"},
      {"timeout", "timeout", "skipped"},
      {"ok", "broken", "ok", "broken", "broken", "broken", "broken"},
      {"redirected", "soft-404", "server-error", "unchecked", "ok", "ok", "ok"}};
  for (const auto& statuses : histories) {
    TempDir dir;
    auto cache = LinkCache::open(dir.file("links.sqlite"));
    record_runs(cache, "url:https://example.org/a", statuses);
    LinkRecord folded;
    std::int64_t t = 1'000'000;
    for (const auto& status : statuses) {
      folded = advance(folded, status, t, DeadRule{});
      t += 86'400;
    }
    LinkRecord walked = cache.record("url:https://example.org/a", DeadRule{});
    INFO("statuses ending " << statuses.back() << ", " << statuses.size() << " rows");
    CHECK(walked.state == folded.state);
    CHECK(walked.failures == folded.failures);
    CHECK(walked.first_failed_at == folded.first_failed_at);
    CHECK(walked.dead_since == folded.dead_since);
    CHECK(walked.last_ok_at == folded.last_ok_at);
    CHECK(walked.last_checked_at == folded.last_checked_at);
    CHECK(walked.checks == static_cast<int>(statuses.size()));
  }
}

TEST_CASE("histories of many keys at once, with keys that have none", "[cache]") {
  TempDir dir;
  auto cache = LinkCache::open(dir.file("links.sqlite"));
  record_runs(cache, "url:https://example.org/a", {"broken", "broken"});
  record_runs(cache, "doi:10.1000/x", {"ok"});
  auto all = cache.records({"url:https://example.org/a", "doi:10.1000/x", "crossref:10.1000/x"}, DeadRule{1, 0});
  REQUIRE(all.size() == 2);  // a key without rows is left out
  CHECK(all.at("url:https://example.org/a").checks == 2);
  CHECK(all.at("url:https://example.org/a").failures == 2);
  CHECK(all.at("url:https://example.org/a").state == LinkState::Dead);
  CHECK(all.at("doi:10.1000/x").checks == 1);
  CHECK(all.at("doi:10.1000/x").failures == 0);
  CHECK(all.count("crossref:10.1000/x") == 0);
  CHECK(cache.record("crossref:10.1000/x", DeadRule{1, 0}).checks == 0);
}

TEST_CASE("pruning drops history rows older than the given time and keeps results", "[cache]") {
  TempDir dir;
  auto cache = LinkCache::open(dir.file("links.sqlite"));
  cache.store({entry("url:https://example.org/a", "broken", 100)}, true);
  cache.store({entry("url:https://example.org/a", "broken", 200)}, true);
  cache.store({entry("url:https://example.org/a", "broken", 300)}, true);
  cache.prune_history(200);
  LinkRecord h = cache.record("url:https://example.org/a", DeadRule{1, 0});
  CHECK(h.checks == 2);
  CHECK(h.failures == 2);
  CHECK(h.first_failed_at == std::optional<std::int64_t>(200));
  cache.prune_history(1000);
  CHECK(cache.record("url:https://example.org/a", DeadRule{1, 0}).checks == 0);
  auto found = cache.lookup({"url:https://example.org/a"}, 301);
  REQUIRE(found.size() == 1);
  CHECK(found.at("url:https://example.org/a").checked_at == 300);
}

TEST_CASE("the cache keeps its contents when closed and opened again", "[cache]") {
  TempDir dir;
  {
    auto cache = LinkCache::open(dir.file("links.sqlite"));
    cache.store({entry("doi:10.1000/x", "ok", 1000)}, true);
  }
  auto cache = LinkCache::open(dir.file("links.sqlite"));
  CHECK(cache.path() == dir.file("links.sqlite"));
  CHECK(cache.lookup({"doi:10.1000/x"}, 1001).size() == 1);
  CHECK(cache.record("doi:10.1000/x", DeadRule{1, 0}).checks == 1);
}

TEST_CASE("a moved cache keeps working", "[cache]") {
  TempDir dir;
  auto first = LinkCache::open(dir.file("links.sqlite"));
  LinkCache second = std::move(first);
  second.store({entry("doi:10.1000/x", "ok", 1000)}, false);
  auto third = LinkCache::open(dir.file("other.sqlite"));
  third = std::move(second);
  CHECK(third.path() == dir.file("links.sqlite"));
  CHECK(third.lookup({"doi:10.1000/x"}, 1001).size() == 1);
}

TEST_CASE("opening creates the missing parent directories", "[cache]") {
  TempDir dir;
  const std::string path = dir.file("cache/citecheck/links.sqlite");
  auto cache = LinkCache::open(path);
  CHECK(fs::is_regular_file(path));
}

TEST_CASE("a file that is not a database is refused with its path", "[cache]") {
  TempDir dir;
  const std::string path = dir.file("links.sqlite");
  {
    std::ofstream out(path, std::ios::binary);
    for (int i = 0; i < 200; ++i) out << "PK\x03\x04 this is a .docx, not a cache \xff\xfe\n";
  }
  try {
    LinkCache::open(path);
    FAIL("a garbage file was opened as a cache");
  } catch (const CacheError& e) {
    const std::string message = e.what();
    CHECK_THAT(message, Catch::Contains("'" + path + "'"));
    CHECK_THAT(message, Catch::Contains("not a database"));
  }
}

TEST_CASE("another program's SQLite database is refused and left untouched", "[cache]") {
  TempDir dir;
  const std::string path = dir.file("places.sqlite");
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  REQUIRE(sqlite3_exec(db, "CREATE TABLE bookmarks (url TEXT)", nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(db);
  try {
    LinkCache::open(path);
    FAIL("another program's database was opened as a cache");
  } catch (const CacheError& e) {
    CHECK_THAT(std::string(e.what()),
               Catch::Contains("'" + path + "'") && Catch::Contains("another program"));
  }
}

TEST_CASE("a cache written by a newer citecheck is refused", "[cache]") {
  TempDir dir;
  const std::string path = dir.file("links.sqlite");
  LinkCache::open(path);
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  REQUIRE(sqlite3_exec(db, "PRAGMA user_version = 99", nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(db);
  try {
    LinkCache::open(path);
    FAIL("a newer schema was opened");
  } catch (const CacheError& e) {
    CHECK_THAT(std::string(e.what()),
               Catch::Contains("'" + path + "'") && Catch::Contains("newer citecheck (schema 99"));
  }
}

TEST_CASE("a cache in a directory that cannot be written is refused with its path", "[cache]") {
  TempDir dir;
  // Permission bits do not stop root, and the tests may run as root: /proc/self is a directory
  // nobody can create files in.
  std::string path = "/proc/self/links.sqlite";
  if (::geteuid() != 0) {
    fs::create_directory(dir.path() / "read-only");
    fs::permissions(dir.path() / "read-only", fs::perms::owner_read | fs::perms::owner_exec);
    path = dir.file("read-only/links.sqlite");
  }
  try {
    LinkCache::open(path);
    FAIL("a cache was opened in an unwritable directory");
  } catch (const CacheError& e) {
    CHECK_THAT(std::string(e.what()), Catch::Contains("'" + path + "'"));
  }
}

TEST_CASE("a cache whose directory would have to replace a file is refused with its path", "[cache]") {
  TempDir dir;
  std::ofstream(dir.file("notes.txt")) << "a file, not a directory\n";
  const std::string path = dir.file("notes.txt/citecheck/links.sqlite");
  try {
    LinkCache::open(path);
    FAIL("a cache was opened below a regular file");
  } catch (const CacheError& e) {
    CHECK_THAT(std::string(e.what()),
               Catch::Contains("'" + path + "'") && Catch::Contains("cannot create the directory"));
  }
}

TEST_CASE("the default cache path is under XDG_CACHE_HOME when it is set", "[cache]") {
  EnvVar xdg("XDG_CACHE_HOME", "/var/cache/nightly");
  EnvVar home("HOME", "/home/editor");
  CHECK(default_cache_path() == "/var/cache/nightly/citecheck/links.sqlite");
}

TEST_CASE("the default cache path is under ~/.cache without XDG_CACHE_HOME", "[cache]") {
  EnvVar home("HOME", "/home/editor");
  {
    EnvVar xdg("XDG_CACHE_HOME", nullptr);
    CHECK(default_cache_path() == "/home/editor/.cache/citecheck/links.sqlite");
  }
  {
    EnvVar xdg("XDG_CACHE_HOME", "relative/cache");  // ignored, as the XDG specification says
    CHECK(default_cache_path() == "/home/editor/.cache/citecheck/links.sqlite");
  }
}

TEST_CASE("two caches open on one file see each other's writes", "[cache]") {
  TempDir dir;
  auto a = LinkCache::open(dir.file("links.sqlite"));
  auto b = LinkCache::open(dir.file("links.sqlite"));
  a.store({entry("url:https://example.org/a", "broken", 1000)}, true);
  b.store({entry("url:https://example.org/a", "broken", 2000), entry("doi:10.1000/x", "ok", 2000)}, true);
  auto seen_by_a = a.lookup({"url:https://example.org/a", "doi:10.1000/x"}, 2001);
  REQUIRE(seen_by_a.size() == 2);
  CHECK(seen_by_a.at("url:https://example.org/a").checked_at == 2000);
  LinkRecord h = a.record("url:https://example.org/a", DeadRule{1, 0});
  CHECK(h.checks == 2);
  CHECK(h.failures == 2);
  CHECK(h.state == LinkState::Dead);
  CHECK(b.record("url:https://example.org/a", DeadRule{1, 0}).checks == 2);
}

TEST_CASE("two processes writing one cache at the same time both succeed", "[cache]") {
  TempDir dir;
  const std::string path = dir.file("nightly/links.sqlite");
  constexpr int kBatches = 20, kPerBatch = 100;
  auto write_batches = [&](const std::string& who) {
    auto cache = LinkCache::open(path);
    for (int batch = 0; batch < kBatches; ++batch) {
      std::vector<CacheEntry> entries;
      for (int i = 0; i < kPerBatch; ++i) {
        entries.push_back(
            entry("url:https://example.org/" + who + "/" + std::to_string(batch * kPerBatch + i), "broken",
                  1000 + batch));
        entries.push_back(entry("url:https://example.org/shared/" + std::to_string(i),
                                who == "parent" ? "ok" : "broken", 1000 + batch));
      }
      cache.store(entries, true);
    }
  };

  int go[2];
  REQUIRE(::pipe(go) == 0);
  std::cout.flush();  // nothing buffered is written twice
  std::fflush(nullptr);
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    // The child writes once the parent says go, and reports by its exit status only.
    ::close(go[1]);
    char byte;
    int status = ::read(go[0], &byte, 1) == 1 ? 0 : 3;
    try {
      if (status == 0) write_batches("child");
    } catch (...) {
      status = 1;
    }
    ::_exit(status);
  }
  ::close(go[0]);
  REQUIRE(::write(go[1], "g", 1) == 1);
  ::close(go[1]);
  bool parent_ok = true;
  try {
    write_batches("parent");
  } catch (const CacheError& e) {
    UNSCOPED_INFO(e.what());
    parent_ok = false;
  }
  int status = 0;
  REQUIRE(::waitpid(child, &status, 0) == child);
  CHECK(parent_ok);
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);

  auto cache = LinkCache::open(path);
  std::vector<std::string> keys;
  for (const std::string who : {"parent", "child"}) {
    for (int i = 0; i < kBatches * kPerBatch; ++i)
      keys.push_back("url:https://example.org/" + who + "/" + std::to_string(i));
  }
  CHECK(cache.lookup(keys, 1001).size() == keys.size());
  auto shared = cache.records({"url:https://example.org/shared/0", "url:https://example.org/shared/99"}, DeadRule{1, 0});
  CHECK(shared.at("url:https://example.org/shared/0").checks == 2 * kBatches);
  CHECK(shared.at("url:https://example.org/shared/99").checks == 2 * kBatches);
  CHECK(cache.record("url:https://example.org/child/0", DeadRule{1, 0}).checks == 1);
}

// --- runs: a run's rows count once it is committed (after its report is written) -----------

TEST_CASE("rows stored during a run count only once the run is committed", "[cache][runs]") {
  TempDir dir;
  LinkCache cache = LinkCache::open(dir.file("links.sqlite"));
  const std::string key = "url:https://example.org/a";
  cache.begin_run(1000, 1000);
  REQUIRE(cache.in_run());
  cache.store({entry(key, "broken", 1000)}, true);
  // Another process sees nothing of it either.
  LinkCache other = LinkCache::open(dir.file("links.sqlite"));
  CHECK(cache.lookup({key}, 1001).empty());
  CHECK(other.lookup({key}, 1001).empty());
  CHECK(cache.record(key, DeadRule{1, 0}).checks == 0);
  cache.commit_run(true);
  CHECK_FALSE(cache.in_run());
  CHECK(other.lookup({key}, 1001).size() == 1);
  LinkRecord h = other.record(key, DeadRule{1, 0});
  CHECK(h.checks == 1);
  CHECK(h.failures == 1);
  CHECK(h.first_failed_at == 1000);
}

TEST_CASE("a discarded run and a run never ended (a killed process) leave nothing that counts",
          "[cache][runs]") {
  TempDir dir;
  const std::string path = dir.file("links.sqlite");
  const std::string key = "url:https://example.org/a";
  {
    LinkCache committed = LinkCache::open(path);
    committed.begin_run(500, 500);
    committed.store({entry(key, "ok", 500)}, true);
    committed.commit_run(true);
  }
  {
    LinkCache discarded = LinkCache::open(path);
    discarded.begin_run(1000, 1000);
    discarded.store({entry(key, "broken", 1000)}, true);
    discarded.discard_run();
  }
  {
    LinkCache killed = LinkCache::open(path);
    killed.begin_run(2000, 2000);
    killed.store({entry(key, "broken", 2000)}, true);
  }  // closed without commit_run or discard_run
  LinkCache cache = LinkCache::open(path);
  LinkRecord h = cache.record(key, DeadRule{1, 0});
  CHECK(h.checks == 1);
  CHECK(h.failures == 0);
  // The result of the uncommitted runs replaced the committed one's row and is not served: the
  // link is simply checked again.
  CHECK(cache.lookup({key}, 2001).empty());
}

TEST_CASE("resume: after an interrupted run, what it checked is served whatever its age", "[cache][runs]") {
  TempDir dir;
  LinkCache cache = LinkCache::open(dir.file("links.sqlite"));
  CHECK_FALSE(cache.resume_point().has_value());  // no run yet
  cache.begin_run(1000, 1000);
  cache.store({entry("url:https://example.org/a", "ok", 1000), entry("url:https://example.org/b", "broken", 1001)}, true);
  cache.commit_run(false);  // interrupted
  REQUIRE(cache.resume_point() == 1000);
  const std::int64_t much_later = 1000 + 30 * 86'400;
  CHECK(cache.lookup({"url:https://example.org/a", "url:https://example.org/b"}, much_later).empty());
  CHECK(cache.lookup({"url:https://example.org/a", "url:https://example.org/b"}, much_later, 1000).size() == 2);
  // The resumed run continues the same night: its `since` is the interrupted run's.
  cache.begin_run(much_later, 1000);
  cache.commit_run(true);
  CHECK_FALSE(cache.resume_point().has_value());  // the last run completed: nothing to resume
}

TEST_CASE("resume: each shard of a night resumes its own run in a shared cache", "[cache][runs]") {
  TempDir dir;
  LinkCache cache = LinkCache::open(dir.file("links.sqlite"));
  cache.begin_run(1000, 1000, "1/4");
  cache.commit_run(false);  // shard 1 interrupted …
  cache.begin_run(1100, 1100, "2/4");
  cache.commit_run(true);   // … then shard 2 completed
  CHECK(cache.resume_point("1/4") == 1000);
  CHECK_FALSE(cache.resume_point("2/4").has_value());
  CHECK_FALSE(cache.resume_point().has_value());  // a whole run has nothing of theirs to resume
  cache.begin_run(1200, 1000, "1/4");
  cache.commit_run(true);
  CHECK_FALSE(cache.resume_point("1/4").has_value());
}

TEST_CASE("a cache of schema 1 is upgraded in place and its rows keep counting", "[cache][runs]") {
  TempDir dir;
  const std::string path = dir.file("links.sqlite");
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  const char* v1 = R"sql(
    CREATE TABLE results (id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, status TEXT NOT NULL,
                          payload TEXT NOT NULL, checked_at INTEGER NOT NULL);
    CREATE TABLE history (key_id INTEGER NOT NULL REFERENCES results (id), checked_at INTEGER NOT NULL,
                          seq INTEGER NOT NULL, status TEXT NOT NULL,
                          PRIMARY KEY (key_id, checked_at, seq)) WITHOUT ROWID;
    CREATE TABLE history_sequence (next INTEGER NOT NULL);
    INSERT INTO history_sequence (next) VALUES (1);
    INSERT INTO results (id, key, status, payload, checked_at) VALUES (1, 'url:https://example.org/a', 'broken', '{}', 1000);
    INSERT INTO history (key_id, checked_at, seq, status) VALUES (1, 1000, 0, 'broken');
    PRAGMA application_id = 1130976323;
    PRAGMA user_version = 1;)sql";
  REQUIRE(sqlite3_exec(db, v1, nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(db);
  LinkCache cache = LinkCache::open(path);
  CHECK(cache.lookup({"url:https://example.org/a"}, 1001).size() == 1);
  CHECK(cache.record("url:https://example.org/a", DeadRule{1, 0}).failures == 1);
  cache.begin_run(2000, 2000);
  cache.store({entry("url:https://example.org/a", "broken", 2000)}, true);
  cache.commit_run(true);
  CHECK(cache.record("url:https://example.org/a", DeadRule{1, 0}).failures == 2);
}

TEST_CASE("a cache of schema 2 is upgraded to 3 in place: its runs and rows keep counting", "[cache][runs]") {
  TempDir dir;
  const std::string path = dir.file("links.sqlite");
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  // Schema 2 as citecheck wrote it: schema 1 plus runs and the run_id columns.
  const char* v2 = R"sql(
    CREATE TABLE results (id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, status TEXT NOT NULL,
                          payload TEXT NOT NULL, checked_at INTEGER NOT NULL, run_id INTEGER);
    CREATE TABLE history (key_id INTEGER NOT NULL REFERENCES results (id), checked_at INTEGER NOT NULL,
                          seq INTEGER NOT NULL, status TEXT NOT NULL, run_id INTEGER,
                          PRIMARY KEY (key_id, checked_at, seq)) WITHOUT ROWID;
    CREATE TABLE history_sequence (next INTEGER NOT NULL);
    CREATE TABLE runs (id INTEGER PRIMARY KEY, started_at INTEGER NOT NULL, since INTEGER NOT NULL, state TEXT NOT NULL);
    INSERT INTO history_sequence (next) VALUES (3);
    INSERT INTO runs (id, started_at, since, state) VALUES (1, 1000000, 1000000, 'complete'),
                                                           (2, 1086400, 1086400, 'complete'),
                                                           (3, 1172800, 1172800, 'running');
    INSERT INTO results (id, key, status, payload, checked_at, run_id)
      VALUES (1, 'url:https://example.org/a', 'broken', '{}', 1172800, 3);
    INSERT INTO history (key_id, checked_at, seq, status, run_id) VALUES (1, 1000000, 0, 'broken', 1),
                                                                          (1, 1086400, 1, 'broken', 2),
                                                                          (1, 1172800, 2, 'broken', 3);
    PRAGMA application_id = 1130976323;
    PRAGMA user_version = 2;)sql";
  REQUIRE(sqlite3_exec(db, v2, nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(db);
  LinkCache cache = LinkCache::open(path);
  // Run 3 never ended (killed): two failures count, 24 hours apart.
  LinkRecord r = cache.record("url:https://example.org/a", DeadRule{});
  CHECK(r.checks == 2);
  CHECK(r.failures == 2);
  CHECK(r.state == LinkState::Suspect);
  cache.begin_run(1'259'200, 1'259'200);
  cache.store({entry("url:https://example.org/a", "broken", 1'259'200)}, true);
  cache.commit_run(true);
  r = cache.record("url:https://example.org/a", DeadRule{});
  CHECK(r.failures == 3);
  CHECK(r.state == LinkState::Dead);  // 1,000,000 to 1,259,200: 72 hours
  // What schema 3 adds works on the upgraded file.
  cache.set_document_links({{"/archive/paper.txt", {"url:https://example.org/a"}}});
  CHECK(cache.document_links("/archive/paper.txt") == std::vector<std::string>{"url:https://example.org/a"});
  CHECK(cache.keys_failed_since(1'200'000) == std::vector<std::string>{"url:https://example.org/a"});
  // And schema 5's kept documents.
  cache.keep_document("/archive/paper.txt", "digest", "body", 1'300'000, 0);
  CHECK(cache.kept_document("/archive/paper.txt", "digest", 1'300'000) == std::optional<std::string>("body"));
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &stmt, nullptr) == SQLITE_OK);
  REQUIRE(sqlite3_step(stmt) == SQLITE_ROW);
  CHECK(sqlite3_column_int(stmt, 0) == 5);
  sqlite3_finalize(stmt);
  sqlite3_close(db);
}

TEST_CASE("document links: a document's links are replaced by its next run, and told by key", "[cache]") {
  TempDir dir;
  LinkCache cache = LinkCache::open(dir.file("links.sqlite"));
  cache.set_document_links({{"/archive/a.txt", {"url:https://example.org/x", "url:https://example.org/y"}},
                            {"/archive/b.txt", {"url:https://example.org/y"}}});
  CHECK(cache.document_links("/archive/a.txt") ==
        std::vector<std::string>{"url:https://example.org/x", "url:https://example.org/y"});
  CHECK(cache.documents_citing("url:https://example.org/y") ==
        std::vector<std::string>{"/archive/a.txt", "/archive/b.txt"});
  cache.set_document_links({{"/archive/a.txt", {"doi:10.1000/z"}}});  // the manuscript was edited
  CHECK(cache.document_links("/archive/a.txt") == std::vector<std::string>{"doi:10.1000/z"});
  CHECK(cache.documents_citing("url:https://example.org/y") == std::vector<std::string>{"/archive/b.txt"});
  CHECK(cache.document_links("/archive/c.txt").empty());
}

TEST_CASE("failed since: committed failures at or after the time, not refusals, not uncommitted runs", "[cache][runs]") {
  TempDir dir;
  LinkCache cache = LinkCache::open(dir.file("links.sqlite"));
  cache.store({entry("url:https://example.org/old", "broken", 1000), entry("url:https://example.org/wall", "unverifiable", 3000),
               entry("url:https://example.org/new", "soft-404", 3000), entry("url:https://example.org/slow", "timeout", 3000)},
              true);
  cache.begin_run(4000, 4000);
  cache.store({entry("url:https://example.org/killed", "broken", 4000)}, true);
  CHECK(cache.keys_failed_since(2000) == std::vector<std::string>{"url:https://example.org/new"});
  CHECK(cache.keys_failed_since(0) == std::vector<std::string>{"url:https://example.org/new", "url:https://example.org/old"});
  CHECK(cache.rows("url:https://example.org/killed").empty());
  cache.commit_run(true);
  CHECK(cache.rows("url:https://example.org/killed").size() == 1);
  const auto rows = cache.rows("url:https://example.org/new");
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].status == "soft-404");
  CHECK(rows[0].checked_at == 3000);
}

TEST_CASE("a document is named by its absolute path, however it was given", "[cache]") {
  TempDir dir;
  std::ofstream(dir.file("paper.txt")) << "x";
  fs::create_directories(dir.path() / "drafts");
  const std::string canonical = fs::canonical(dir.file("paper.txt")).string();
  CHECK(document_key((dir.path() / "drafts" / ".." / "paper.txt").string()) == canonical);
  CHECK(document_key(canonical) == canonical);
}
