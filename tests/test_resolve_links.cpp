// The network stage over whole reports, against a loopback server: one check per distinct
// link across documents, the cache and its history, a night without network, DOI
// suggestions, the progress line.
#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <catch2/catch.hpp>
#include <csignal>
#include <cstdio>
#include <ctime>
#include <map>
#include <thread>
#include <filesystem>

#include "helpers.hpp"
#include "loopback_server.hpp"
#include "resolvers/cache.hpp"
#include "resolvers/progress.hpp"
#include "resolvers/resolve_links.hpp"
#include "src/checks/checks.hpp"
#include "src/pipeline.hpp"

using namespace citecheck;
using citecheck::test::LoopbackServer;

namespace {

std::string paper(const std::string& url) {
  return "Ports and power\n\nThe survey (Aliyev 2021) is the reference.\n\nReferences\n\n"
         "Aliyev, Rashid. 2021. \"Ports of the Caspian: a survey.\" Caspian Studies 4: 11-20. " +
         url + "\n";
}

ResolverOptions loopback_options(const LoopbackServer& s) {
  ResolverOptions o;
  o.allow_private = true;
  o.per_host_interval_ms = 0;
  o.timeout = 3;
  o.retries = 0;
  o.archive_lookup = false;
  o.doi_resolver = s.url("/doi");
  o.crossref_api = s.url("/crossref");
  return o;
}

Report report_of(const std::vector<std::string>& texts) {
  Report r;
  for (const auto& t : texts) r.documents.push_back(check_document(citecheck::test::doc_from(t)));
  return r;
}

const Link& first_url(const Report& r, std::size_t doc = 0) {
  for (const auto& l : r.documents.at(doc).manuscript.links)
    if (l.kind == LinkKind::Url) return l;
  throw std::runtime_error("no URL");
}

std::string temp_path(const std::string& name) {
  return (std::filesystem::temp_directory_path() / ("citecheck-test-" + std::to_string(getpid()) + "-" + name)).string();
}

}  // namespace

TEST_CASE("a URL cited by several documents is checked once", "[resolve_links]") {
  LoopbackServer s;
  s.server.Get("/ports.html", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("<html><head><title>Ports of the Caspian: a survey</title></head></html>", "text/html");
  });
  s.start();
  Report r = report_of({paper(s.url("/ports.html")), paper(s.url("/ports.html"))});
  ResolveOutcome out = resolve_links(r, loopback_options(s), {});
  CHECK(out.distinct == 1);
  CHECK(s.count("HEAD", "/ports.html") == 0);
  CHECK(s.count("GET", "/ports.html") == 1);
  CHECK(first_url(r, 0).status == LinkStatus::Ok);
  CHECK(first_url(r, 1).status == LinkStatus::Ok);
  REQUIRE(first_url(r, 1).check);
  CHECK(first_url(r, 1).check->page_title == "Ports of the Caspian: a survey");
}

TEST_CASE("a broken link says no archived copy was found only when archives were asked", "[resolve_links]") {
  LoopbackServer s;
  s.server.Get("/gone", [](const httplib::Request&, httplib::Response& res) { res.status = 404; });
  s.start();
  Report r = report_of({paper(s.url("/gone"))});
  resolve_links(r, loopback_options(s), ResolveSettings{});
  REQUIRE(first_url(r).status == LinkStatus::Broken);
  auto message = [&](bool archive_lookup) {
    NetworkCheckSettings settings;
    settings.archive_lookup = archive_lookup;
    std::vector<Finding> findings;
    check_network_results(r.documents[0].manuscript, settings, findings);
    for (const auto& f : findings)
      if (f.code == "newly-broken") return f.message;
    return std::string("<no newly-broken finding>");
  };
  CHECK(message(true).find("no archived copy was found") != std::string::npos);
  CHECK(message(false).find("archived") == std::string::npos);
  CHECK(message(false).find("the link") != std::string::npos);
}

TEST_CASE("a second run is served from the cache — history counts the failing runs", "[resolve_links]") {
  LoopbackServer s;
  s.server.Get("/gone", [](const httplib::Request&, httplib::Response& res) { res.status = 404; });
  s.start();
  std::string db = temp_path("history.sqlite");
  {
    CacheTtl always;  // a TTL of 0: every run asks again, and history grows
    always.ok = always.redirected = always.failure = always.unverifiable = always.other = 0;
    auto cache = LinkCache::open(db, always);
    ResolveSettings settings;
    settings.cache = &cache;
    settings.dead_rule = {2, 0};
    for (int run = 1; run <= 3; ++run) {
      Report r = report_of({paper(s.url("/gone"))});
      resolve_links(r, loopback_options(s), settings);
      const Link& l = first_url(r);
      CHECK(l.status == LinkStatus::Broken);
      REQUIRE(l.check);
      REQUIRE(l.check->history);
      CHECK(l.check->history->failures == run);
      CHECK(l.check->history->state == (run == 1 ? "suspect" : "dead"));
      std::vector<Finding> findings;
      check_network_results(r.documents[0].manuscript, {}, findings);
      std::string code;
      for (const auto& f : findings)
        if (!f.items.empty() && f.items[0] == l.id) code = f.code;
      CHECK(code == (run == 1 ? "unconfirmed-failure" : run == 2 ? "newly-broken" : "still-broken"));
    }
  }
  std::size_t asked = s.count("GET", "/gone");
  {
    auto cache = LinkCache::open(db);  // default TTLs: an hour for failures
    ResolveSettings settings;
    settings.cache = &cache;
    Report r = report_of({paper(s.url("/gone"))});
    ResolveOutcome out = resolve_links(r, loopback_options(s), settings);
    CHECK(out.from_cache == 1);
    CHECK(first_url(r).check->from_cache);
    CHECK(first_url(r).status == LinkStatus::Broken);
  }
  CHECK(s.count("GET", "/gone") == asked);
  std::filesystem::remove(db);
  std::filesystem::remove(db + "-wal");
  std::filesystem::remove(db + "-shm");
}

TEST_CASE("no network: every link and the DOI resolver unreachable leaves links unchecked, no history",
          "[resolve_links]") {
  int closed = citecheck::test::closed_loopback_port();
  std::string base = "http://127.0.0.1:" + std::to_string(closed);
  ResolverOptions o;
  o.allow_private = true;
  o.retries = 0;
  o.archive_lookup = false;
  o.doi_resolver = base + "/doi";
  std::string db = temp_path("down.sqlite");
  auto cache = LinkCache::open(db);
  ResolveSettings settings;
  settings.cache = &cache;
  // Many links: once the DOI resolver is found unreachable too, the rest are not tried.
  std::vector<std::string> papers{paper(base + "/a.html"), paper(base + "/b.html")};
  for (int i = 0; i < 200; ++i) papers.push_back(paper(base + "/p" + std::to_string(i) + ".html"));
  Report r = report_of(papers);
  ResolveOutcome out = resolve_links(r, o, settings);
  CHECK(out.network_down);
  CHECK(out.network_reason.find("unreachable") != std::string::npos);
  CHECK(first_url(r, 0).status == LinkStatus::Unchecked);
  CHECK(first_url(r, 1).status == LinkStatus::Unchecked);
  CHECK(first_url(r, 1).error.value_or("").find("network is unreachable") != std::string::npos);
  CHECK(cache.lookup({"url:" + base + "/a.html"}, 0).empty());
  CHECK(cache.record("url:" + base + "/a.html", DeadRule{}).checks == 0);
  std::filesystem::remove(db);
  std::filesystem::remove(db + "-wal");
  std::filesystem::remove(db + "-shm");
}

TEST_CASE("a dead link among live ones is not a network failure", "[resolve_links]") {
  LoopbackServer s;
  s.server.Get("/live", [](const httplib::Request&, httplib::Response& res) { res.set_content("%PDF", "application/pdf"); });
  s.start();
  std::string dead = "http://127.0.0.1:" + std::to_string(citecheck::test::closed_loopback_port()) + "/x";
  Report r = report_of({paper(s.url("/live")), paper(dead)});
  ResolveOutcome out = resolve_links(r, loopback_options(s), {});
  CHECK_FALSE(out.network_down);
  CHECK(first_url(r, 1).status == LinkStatus::Broken);
}

TEST_CASE("DOI suggestions: the best Crossref match above the score, with a similar title", "[resolve_links]") {
  LoopbackServer s;
  std::string query;
  s.server.Get("/crossref/works", [&](const httplib::Request& req, httplib::Response& res) {
    query = req.get_param_value("query.bibliographic");
    res.set_content(R"({"status":"ok","message-type":"work-list","message":{"items":[
      {"DOI":"10.5555/caspian.2021.1","title":["Ports of the Caspian: a survey"],"score":87.5}]}})",
                    "application/json");
  });
  s.start();
  ResolverOptions o = loopback_options(s);
  o.suggest_dois = true;
  Report r = report_of({"Ports\n\nAs shown (Aliyev 2021).\n\nReferences\n\n"
                        "Aliyev, Rashid. 2021. \"Ports of the Caspian: a survey.\" Caspian Studies 4: 11-20.\n"});
  resolve_links(r, o, {});
  const Reference& ref = r.documents[0].manuscript.references.at(0);
  CHECK(query.find("Ports of the Caspian") != std::string::npos);
  CHECK(ref.suggested_doi == "10.5555/caspian.2021.1");
  std::vector<Finding> findings;
  check_network_results(r.documents[0].manuscript, {}, findings);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].code == "doi-suggested");
}

TEST_CASE("the User-Agent names citecheck and the --mailto contact", "[resolve_links]") {
  LoopbackServer s;
  std::string agent;
  s.server.Get("/ua", [&](const httplib::Request& req, httplib::Response& res) {
    agent = req.get_header_value("User-Agent");
    res.set_content("%PDF", "application/pdf");
  });
  s.start();
  ResolverOptions o = loopback_options(s);
  o.mailto = "editors@journal.example";
  Report r = report_of({paper(s.url("/ua"))});
  resolve_links(r, o, {});
  CHECK(agent.rfind("citecheck/", 0) == 0);
  CHECK(agent.find("mailto:editors@journal.example") != std::string::npos);
}

TEST_CASE("the progress line: done/total, rate, failures, on the given stream only when enabled", "[progress]") {
  std::FILE* f = std::tmpfile();
  {
    Progress p(true, f);
    p.set_total(4);
    p.item_done(false);
    p.item_done(true);
    p.draw();
  }
  std::rewind(f);
  char buf[512] = {0};
  std::size_t n = std::fread(buf, 1, sizeof buf - 1, f);
  std::string text(buf, n);
  CHECK(text.find("2/4") != std::string::npos);
  CHECK(text.find("1 failing") != std::string::npos);
  CHECK(text.find("ETA") != std::string::npos);
  std::fclose(f);
  std::FILE* quiet = std::tmpfile();
  {
    Progress p(false, quiet);
    p.set_total(4);
    p.item_done(false);
    p.draw();
  }
  CHECK(std::ftell(quiet) == 0);
  std::fclose(quiet);
}

TEST_CASE("thousands of links decided without a request (.invalid names) neither recurse nor stall",
          "[resolve_links]") {
  std::string text = "Dead names\n\nAs shown (Aliyev 2021).\n\nReferences\n\n";
  for (int i = 0; i < 3000; ++i)
    text += "Aliyev, Rashid. 2021. \"Part " + std::to_string(i) + ".\" http://site" + std::to_string(i) + ".invalid/p\n";
  Report r = report_of({text});
  ResolverOptions o;
  o.archive_lookup = false;
  ResolveOutcome out = resolve_links(r, o, {});
  CHECK(out.distinct == 3000);
  std::size_t broken = 0;
  for (const auto& l : r.documents[0].manuscript.links) broken += l.status == LinkStatus::Broken;
  CHECK(broken == 3000);
}

namespace {

// Removes a cache file and its WAL companions when the test ends.
struct CacheFile {
  std::string path;
  explicit CacheFile(const std::string& name) : path(temp_path(name)) {}
  ~CacheFile() {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  }
};

// A cache with a run begun (at t = 1000), and settings that save into it.
struct RunningCache {
  LinkCache cache;
  ResolveSettings settings;
  explicit RunningCache(const std::string& path) : cache(LinkCache::open(path)) {
    cache.begin_run(1000, 1000);
    settings.cache = &cache;
  }
};

// Rows in the results table, whatever their run: what is on disk, not what counts.
int stored_results(const std::string& db) {
  sqlite3* raw = nullptr;
  int n = -1;
  if (sqlite3_open_v2(db.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_busy_timeout(raw, 2000);
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(raw, "SELECT count(*) FROM results", -1, &stmt, nullptr) == SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW)
      n = sqlite3_column_int(stmt, 0);
    sqlite3_finalize(stmt);
  }
  sqlite3_close(raw);
  return n;
}

}  // namespace

TEST_CASE("results are saved in batches as they arrive, before the run ends", "[resolve_links][runs]") {
  CacheFile db("batches.sqlite");
  LoopbackServer s;
  std::atomic<int> seen_while_running{-1};
  s.server.Get(R"(/fast\d)", [](const httplib::Request&, httplib::Response& res) { res.set_content("%PDF", "application/pdf"); });
  s.server.Get("/last", [&](const httplib::Request&, httplib::Response& res) {
    // The three answers before this one reach the disk while this request is still open.
    int n = 0;
    for (int i = 0; i < 300 && (n = stored_results(db.path)) < 3; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    seen_while_running = n;
    res.set_content("%PDF", "application/pdf");
  });
  s.start();
  RunningCache running(db.path);
  LinkCache& cache = running.cache;
  ResolveSettings& settings = running.settings;
  settings.batch_size = 1;
  ResolverOptions o = loopback_options(s);
  o.concurrency = 1;
  Report r = report_of({paper(s.url("/fast1")), paper(s.url("/fast2")), paper(s.url("/fast3")), paper(s.url("/last"))});
  ResolveOutcome out = resolve_links(r, o, settings);
  CHECK(seen_while_running == 3);
  CHECK(out.cache_error.empty());
  CHECK(stored_results(db.path) == 4);
  // Not counted before the run is committed (the report written), then counted.
  CHECK(cache.lookup({"url:" + s.url("/fast1")}, 1001).empty());
  cache.commit_run(true);
  CHECK(cache.lookup({"url:" + s.url("/fast1")}, 1001).size() == 1);
}

TEST_CASE("a run's own failure is in the report's history before the run is committed", "[resolve_links][runs]") {
  CacheFile db("own-history.sqlite");
  LoopbackServer s;
  s.server.Get("/gone", [](const httplib::Request&, httplib::Response& res) { res.status = 404; });
  s.start();
  CacheTtl always;
  always.ok = always.redirected = always.failure = always.unverifiable = always.other = 0;
  auto cache = LinkCache::open(db.path, always);
  ResolveSettings settings;
  settings.cache = &cache;
  settings.dead_rule = {1, 0};
  auto night = [&](bool commit) {
    cache.begin_run(1000, 1000);
    Report r = report_of({paper(s.url("/gone"))});
    resolve_links(r, loopback_options(s), settings);
    REQUIRE(first_url(r).check->history);
    LinkHistoryInfo h = *first_url(r).check->history;
    if (commit) cache.commit_run(true);
    else cache.discard_run();  // its report could not be written
    return h;
  };
  LinkHistoryInfo first = night(false);
  CHECK(first.failures == 1);
  CHECK(first.change == "newly-broken");
  // The night whose report was lost left nothing: this one is newly broken again.
  LinkHistoryInfo second = night(true);
  CHECK(second.failures == 1);
  CHECK(second.change == "newly-broken");
  LinkHistoryInfo third = night(true);
  CHECK(third.failures == 2);
  CHECK(third.change == "still-broken");
}

TEST_CASE("a stop asked before the stage leaves every link unchecked, listed, and asks nothing",
          "[resolve_links][runs]") {
  LoopbackServer s;
  s.server.Get("/a", [](const httplib::Request&, httplib::Response& res) { res.set_content("%PDF", "application/pdf"); });
  s.start();
  static volatile std::sig_atomic_t stop = SIGTERM;
  ResolveSettings settings;
  settings.stop = &stop;
  Report r = report_of({paper(s.url("/a"))});
  ResolveOutcome out = resolve_links(r, loopback_options(s), settings);
  CHECK(out.interrupted);
  CHECK(out.left_unchecked == std::vector<std::string>{s.url("/a")});
  CHECK(first_url(r).status == LinkStatus::Unchecked);
  CHECK(first_url(r).error.value_or("").find("interrupted") != std::string::npos);
  CHECK(s.seen().empty());
}

TEST_CASE("a stop mid-run: answers kept, no new check, the one in flight given the grace, then cut",
          "[resolve_links][runs]") {
  CacheFile db("stop.sqlite");
  LoopbackServer s;
  // Written by the server's thread as a signal handler would be: the stage polls it.
  static volatile std::sig_atomic_t stop = 0;
  stop = 0;
  std::atomic<bool> release{false};
  s.server.Get(R"(/fast\d)", [](const httplib::Request&, httplib::Response& res) { res.set_content("%PDF", "application/pdf"); });
  s.server.Get("/slow", [&](const httplib::Request&, httplib::Response& res) {
    stop = SIGTERM;
    for (int i = 0; i < 500 && !release; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    res.set_content("%PDF", "application/pdf");
  });
  s.start();
  RunningCache running(db.path);
  LinkCache& cache = running.cache;
  ResolveSettings& settings = running.settings;
  settings.stop = &stop;
  settings.grace = std::chrono::milliseconds(300);
  ResolverOptions o = loopback_options(s);
  o.concurrency = 1;
  Report r = report_of({paper(s.url("/fast1")), paper(s.url("/fast2")), paper(s.url("/slow")),
                        paper(s.url("/queued1")), paper(s.url("/queued2"))});
  const auto start = std::chrono::steady_clock::now();
  ResolveOutcome out = resolve_links(r, o, settings);
  release = true;
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(3));
  CHECK(out.interrupted);
  CHECK(first_url(r, 0).status == LinkStatus::Ok);
  CHECK(first_url(r, 1).status == LinkStatus::Ok);
  for (std::size_t d : {2, 3, 4}) CHECK(first_url(r, d).status == LinkStatus::Unchecked);
  std::sort(out.left_unchecked.begin(), out.left_unchecked.end());
  CHECK(out.left_unchecked == std::vector<std::string>{s.url("/queued1"), s.url("/queued2"), s.url("/slow")});
  CHECK(s.count("GET", "/queued1") + s.count("HEAD", "/queued1") == 0);
  cache.commit_run(false);
  CHECK(cache.lookup({"url:" + s.url("/fast1"), "url:" + s.url("/fast2"), "url:" + s.url("/slow")}, 1001).size() == 2);
  CHECK(cache.resume_point() == 1000);
}

TEST_CASE("credentials in a redirect's Location reach neither the cache nor the report", "[resolve_links]") {
  CacheFile db("credentials.sqlite");
  LoopbackServer s;
  s.server.Get("/moved", [&](const httplib::Request&, httplib::Response& res) {
    res.status = 302;
    res.set_header("Location", "http://editor:s3cret@127.0.0.1:" + std::to_string(s.port()) + "/here");
  });
  s.server.Get("/here", [](const httplib::Request&, httplib::Response& res) { res.set_content("%PDF", "application/pdf"); });
  s.start();
  auto cache = LinkCache::open(db.path);
  ResolveSettings settings;
  settings.cache = &cache;
  Report r = report_of({paper(s.url("/moved"))});
  resolve_links(r, loopback_options(s), settings);
  const Link& l = first_url(r);
  CHECK(l.status == LinkStatus::Ok);
  REQUIRE(l.check);
  REQUIRE(l.check->redirects.size() == 1);
  CHECK(l.check->redirects[0] == "http://***@127.0.0.1:" + std::to_string(s.port()) + "/here");
  auto stored = cache.lookup({"url:" + s.url("/moved")}, std::time(nullptr));
  REQUIRE(stored.size() == 1);
  CHECK(stored.begin()->second.payload.find("s3cret") == std::string::npos);
  CHECK(stored.begin()->second.payload.find("editor") == std::string::npos);
}

TEST_CASE("redaction covers footnote text and the URLs of a note's work, whole passwords with '@'",
          "[resolve_links]") {
  Report r;
  DocumentReport d;
  Footnote f;
  f.id = "fn1";
  f.text = "See https://user:p@ss@example.org/private and https://example.org/open.";
  f.work = Work{};
  f.work->urls = {"https://user:p@ss@example.org/private"};
  d.manuscript.footnotes.push_back(f);
  Reference ref;
  ref.raw = "Entry. ftp://admin:x@y@files.example.org/a";
  ref.work.urls = {"https://a:b@c@example.org/"};
  d.manuscript.references.push_back(ref);
  r.documents.push_back(d);
  redact_report(r);
  const auto& m = r.documents[0].manuscript;
  CHECK(m.footnotes[0].text == "See https://***@example.org/private and https://example.org/open.");
  CHECK(m.footnotes[0].work->urls == std::vector<std::string>{"https://***@example.org/private"});
  CHECK(m.references[0].raw == "Entry. ftp://***@files.example.org/a");
  CHECK(m.references[0].work.urls == std::vector<std::string>{"https://***@example.org/"});
}

TEST_CASE("the progress line counts the answers as they come, before links are done", "[progress]") {
  std::FILE* f = std::tmpfile();
  {
    Progress p(true, f);
    p.set_total(3000);
    p.set_answers(650);
    p.draw();
  }
  std::rewind(f);
  char buf[512] = {0};
  std::string text(buf, std::fread(buf, 1, sizeof buf - 1, f));
  CHECK(text.find("0/3000") != std::string::npos);
  CHECK(text.find("650 answers") != std::string::npos);
  std::fclose(f);
}

TEST_CASE("eight nights against a server whose answers change: states, findings, rechecks, stale sites",
          "[resolve_links][nights]") {
  CacheFile db("nights.sqlite");
  LoopbackServer s;
  std::atomic<int> tonight{1};
  s.server.Get("/live", [](const httplib::Request&, httplib::Response& res) { res.set_content("%PDF", "application/pdf"); });
  // Gone from night 1 to night 5, back on night 6.
  s.server.Get("/rot", [&](const httplib::Request&, httplib::Response& res) {
    if (tonight <= 5) res.status = 404;
    else res.set_content("%PDF", "application/pdf");
  });
  s.server.Get("/wall", [](const httplib::Request&, httplib::Response& res) { res.status = 403; });
  s.start();
  auto cache = LinkCache::open(db.path);  // default times to live: live links a week, the rest a night
  ResolveSettings settings;
  settings.cache = &cache;
  constexpr std::int64_t kNight1 = 1'793'498'400;  // 2026-11-01T02:00:00Z
  const std::vector<std::string> rot_codes = {"unconfirmed-failure", "unconfirmed-failure", "unconfirmed-failure",
                                              "newly-broken", "still-broken", "link-recovered", "", ""};
  const std::vector<std::string> rot_states = {"suspect", "suspect", "suspect", "dead", "dead", "recovered", "ok", "ok"};
  std::size_t live_asked = 0, rot_asked = 0, wall_asked = 0;
  auto asked = [&](const char* path) { return s.count("HEAD", path) + s.count("GET", path); };
  for (int n = 1; n <= 8; ++n) {
    INFO("night " << n);
    tonight = n;
    const std::int64_t now = kNight1 + (n - 1) * 86'400;
    settings.now = now;
    cache.begin_run(now, now);
    Report r = report_of({paper(s.url("/live")) + paper(s.url("/rot")) + paper(s.url("/wall"))});
    ResolveOutcome out = resolve_links(r, loopback_options(s), settings);
    std::vector<Finding> findings;
    check_network_results(r.documents[0].manuscript, {}, findings);
    cache.commit_run(true);
    std::map<std::string, const Link*> by_path;
    for (const auto& l : r.documents[0].manuscript.links)
      if (l.kind == LinkKind::Url) by_path[l.value.substr(l.value.rfind('/'))] = &l;
    REQUIRE(by_path.size() == 3);
    auto code_of = [&](const std::string& path) {
      std::string code;
      for (const auto& f : findings)
        if (f.items[0] == by_path.at(path)->id && f.code != "url-content-mismatch") code = f.code;
      return code;
    };
    REQUIRE(by_path.at("/rot")->check->history);
    const LinkHistoryInfo& rot = *by_path.at("/rot")->check->history;
    CHECK(code_of("/rot") == rot_codes[n - 1]);
    CHECK(rot.state == rot_states[n - 1]);
    if (n == 4) {
      CHECK(rot.change == "newly-broken");
      CHECK(rot.failures == 4);
      CHECK(rot.first_failed_at == "2026-11-01T02:00:00Z");
      CHECK_FALSE(rot.last_ok_at);
    }
    if (n >= 6) CHECK(rot.last_ok_at == "2026-11-06T02:00:00Z");
    // The refusing server: unverifiable every night, asked every night, never dead.
    CHECK(code_of("/wall") == "unverifiable-link");
    CHECK(by_path.at("/wall")->check->history->state == "unverifiable");
    CHECK(asked("/wall") > wall_asked);
    wall_asked = asked("/wall");
    // The live page: asked on night 1, answered from the store until a week has passed.
    CHECK((asked("/live") > live_asked) == (n == 1 || n == 8));
    live_asked = asked("/live");
    CHECK(by_path.at("/live")->check->history->state == "ok");
    // The failing link is asked every night until it answers, then rests a week.
    CHECK((asked("/rot") > rot_asked) == (n <= 6));
    rot_asked = asked("/rot");
    REQUIRE(out.sites.size() == 1);
    const SiteAge& site = out.sites[0];
    CHECK(site.site == "127.0.0.1");
    CHECK(site.links == 3);
    if (n == 3) {
      CHECK(site.checked == 2);  // /rot and /wall; /live served, checked two nights ago
      CHECK(site.oldest_unchecked_at == "2026-11-01T02:00:00Z");
      CHECK(site.oldest_unchecked_age_hours == Approx(48.0));
    }
    if (n == 8) CHECK(site.checked == 2);  // /live (a week old) and /wall; /rot answered two nights ago
  }
}

TEST_CASE("a nightly window: each site gets the checks its Crawl-delay allows, the most needed first",
          "[resolve_links][nights][window]") {
  CacheFile db("window.sqlite");
  LoopbackServer s;
  s.server.Get("/robots.txt", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("User-agent: *\nCrawl-delay: 1\n", "text/plain");
  });
  s.server.Get("/sus", [](const httplib::Request&, httplib::Response& res) { res.status = 404; });
  s.server.Get(R"(/(x1|x2|n1|n2))", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("%PDF", "application/pdf");
  });
  s.start();
  auto cache = LinkCache::open(db.path);
  ResolveSettings settings;
  settings.cache = &cache;
  auto night = [&](std::int64_t now, const std::vector<std::string>& paths, std::optional<std::int64_t> window) {
    settings.now = now;
    settings.window = window;
    cache.begin_run(now, now);
    std::string text;
    for (const auto& p : paths) text += paper(s.url(p));
    Report r = report_of({text});
    ResolveOutcome out = resolve_links(r, loopback_options(s), settings);
    cache.commit_run(true);
    std::map<std::string, const Link*> by_path;
    for (const auto& l : r.documents[0].manuscript.links)
      if (l.kind == LinkKind::Url) by_path[l.value.substr(l.value.rfind('/'))] = &l;
    return std::make_tuple(std::move(r), out, by_path);
  };
  constexpr std::int64_t kDay = 86'400, kStart = 1'793'498'400;  // 2026-11-01T02:00:00Z
  // Earlier nights, without a window: /x1 checked before /x2; /sus fails once.
  night(kStart, {"/x1"}, std::nullopt);
  night(kStart + kDay, {"/x2", "/sus"}, std::nullopt);
  CHECK(s.count("GET", "/robots.txt") == 0);  // robots.txt is read in nightly runs only
  // A month later every answer is stale. A 3 s window at the site's Crawl-delay of 1 s: three
  // checks. The two never-checked links and the suspect one go first; /x1 and /x2 wait.
  {
    auto [r, out, by_path] = night(kStart + 30 * kDay, {"/x1", "/x2", "/sus", "/n1", "/n2"}, 3);
    CHECK(out.deferred == 2);
    for (const char* asked : {"/n1", "/n2", "/sus"}) CHECK(s.count("GET", asked) == (std::string(asked) == "/sus" ? 2u : 1u));
    CHECK(s.count("GET", "/x1") == 1);  // only on its first night
    CHECK(s.count("GET", "/x2") == 1);
    // Left for later, they are reported from their last stored answers.
    const Link& x1 = *by_path.at("/x1");
    CHECK(x1.status == LinkStatus::Ok);
    CHECK(x1.check->from_cache);
    CHECK(x1.check->checked_at == "2026-11-01T02:00:00Z");
    REQUIRE(out.sites.size() == 1);
    CHECK(out.sites[0].deferred == 2);
    CHECK(out.sites[0].checked == 3);
    CHECK(out.sites[0].oldest_unchecked_at == "2026-11-01T02:00:00Z");
    // The checks kept the site's pace: one request a second.
    std::vector<std::chrono::steady_clock::time_point> starts;
    for (const auto& seen : s.seen())
      if (seen.path == "/n1" || seen.path == "/n2" || (seen.path == "/sus" && !starts.empty())) starts.push_back(seen.at);
    for (std::size_t i = 1; i < starts.size(); ++i) CHECK(starts[i] - starts[i - 1] >= std::chrono::milliseconds(900));
  }
  CHECK(s.count("GET", "/robots.txt") == 1);
  // The next night, a 2 s window: two checks. Due are /sus (failing) and the stale /x1, /x2:
  // the suspect one first, then the longest unchecked; /x2 waits again. robots.txt is not
  // asked again: its answer keeps as long as a live link's.
  {
    auto [r, out, by_path] = night(kStart + 31 * kDay, {"/x1", "/x2", "/sus", "/n1", "/n2"}, 2);
    CHECK(out.deferred == 1);
    CHECK(s.count("GET", "/sus") == 3);
    CHECK(s.count("GET", "/x1") == 2);
    CHECK(s.count("GET", "/x2") == 1);
    CHECK(by_path.at("/x2")->check->from_cache);
    CHECK(by_path.at("/n1")->check->from_cache);  // checked last night: fresh
    CHECK(s.count("GET", "/robots.txt") == 1);
  }
}

TEST_CASE("a nightly window leaves a link never answered unchecked, saying why", "[resolve_links][window]") {
  CacheFile db("window-new.sqlite");
  LoopbackServer s;
  s.server.Get(R"(/p\d)", [](const httplib::Request&, httplib::Response& res) { res.set_content("%PDF", "application/pdf"); });
  s.start();
  auto cache = LinkCache::open(db.path);
  ResolveSettings settings;
  settings.cache = &cache;
  settings.window = 1;
  ResolverOptions options = loopback_options(s);
  options.per_host_interval_ms = 500;  // two checks fit in a 1 s window
  Report r = report_of({paper(s.url("/p1")) + paper(s.url("/p2")) + paper(s.url("/p3"))});
  cache.begin_run(1'800'000'000, 1'800'000'000);
  ResolveOutcome out = resolve_links(r, options, settings);
  CHECK(out.deferred == 1);
  std::size_t unchecked = 0;
  for (const auto& l : r.documents[0].manuscript.links) {
    if (l.kind != LinkKind::Url || l.status != LinkStatus::Unchecked) continue;
    ++unchecked;
    REQUIRE(l.error);
    CHECK(l.error->find("not checked tonight: 127.0.0.1 has 3 links to check and the night's window (--window) allows 2") == 0);
  }
  CHECK(unchecked == 1);
  CHECK(s.count("GET", "/p3") == 0);  // input order among equals: the third waits
  REQUIRE(out.sites.size() == 1);
  CHECK(out.sites[0].never_checked == 1);
  CHECK(out.sites[0].deferred == 1);
}

TEST_CASE("a failing link's archived copy is asked once, when it starts failing, then kept", "[resolve_links][nights]") {
  CacheFile db("archive.sqlite");
  LoopbackServer s;
  s.server.Get("/gone", [](const httplib::Request&, httplib::Response& res) { res.status = 404; });
  s.server.Get("/lost", [](const httplib::Request&, httplib::Response& res) { res.status = 404; });
  s.server.Get("/slow", [](const httplib::Request&, httplib::Response& res) { res.status = 504; });
  // The Wayback Machine: a capture of /gone (a redirect to it, then the capture), none of /lost.
  s.server.Get(R"(/archive/web/(\d+)/(.*))", [&](const httplib::Request& req, httplib::Response& res) {
    const std::string target = req.matches[2];
    if (target.find("/gone") == std::string::npos) {
      res.status = 404;
    } else if (std::string(req.matches[1]) != "20190304050607") {
      res.status = 302;
      res.set_header("Location", s.url("/archive/web/20190304050607/" + target));
    } else {
      res.set_content("<html>the page</html>", "text/html");
    }
  });
  s.server.Get("/hang", [](const httplib::Request&, httplib::Response& res) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    res.set_content("late", "text/plain");
  });
  s.start();
  auto cache = LinkCache::open(db.path);
  ResolveSettings settings;
  settings.cache = &cache;
  ResolverOptions options = loopback_options(s);
  options.archive_lookup = true;
  options.archive_api = s.url("/archive");
  options.timeout = 1;
  auto asked = [&](const std::string& target) {
    std::size_t n = 0;
    for (const auto& seen : s.seen())
      if (seen.path.rfind("/archive/web/", 0) == 0 && seen.path.find(target) != std::string::npos) ++n;
    return n;
  };
  auto night = [&](std::int64_t now) {
    settings.now = now;
    cache.begin_run(now, now);
    Report r = report_of({paper(s.url("/gone")) + paper(s.url("/lost")) + paper(s.url("/slow")) + paper(s.url("/hang"))});
    resolve_links(r, options, settings);
    cache.commit_run(true);
    std::map<std::string, const Link*> by_path;
    for (const auto& l : r.documents[0].manuscript.links)
      if (l.kind == LinkKind::Url) by_path[l.value.substr(l.value.rfind('/'))] = &l;
    return std::make_pair(std::move(r), by_path);
  };
  constexpr std::int64_t kDay = 86'400, kStart = 1'793'498'400;
  {
    auto [r, by_path] = night(kStart);
    CHECK(by_path.at("/gone")->check->archived_url == s.url("/archive/web/20190304050607/") + s.url("/gone"));
    CHECK(by_path.at("/gone")->check->archived_at == "2019-03-04T05:06:07Z");
    CHECK_FALSE(by_path.at("/lost")->check->archived_url);
    CHECK(by_path.at("/hang")->status == LinkStatus::Timeout);
  }
  CHECK(asked("/gone") == 2);  // the redirect to the nearest capture, then the capture
  CHECK(asked("/lost") == 1);
  CHECK(asked("/slow") == 1);
  CHECK(asked("/hang") == 0);  // a timeout says nothing of the link: no lookup
  // The next night, every link fails again: the archive is not asked, the copy still shown.
  {
    auto [r, by_path] = night(kStart + kDay);
    CHECK(by_path.at("/gone")->status == LinkStatus::Broken);
    CHECK(by_path.at("/gone")->check->archived_url == s.url("/archive/web/20190304050607/") + s.url("/gone"));
  }
  CHECK(asked("/gone") == 2);
  CHECK(asked("/lost") == 1);
  CHECK(asked("/slow") == 1);
  // Six weeks on: "no capture" is asked again (the page may have been archived meanwhile); a
  // capture found is kept forever.
  night(kStart + 42 * kDay);
  CHECK(asked("/lost") == 2);
  CHECK(asked("/gone") == 2);
}

TEST_CASE("a stop while robots.txt files are read ends the night at once", "[resolve_links][window]") {
  CacheFile db("window-stop.sqlite");
  LoopbackServer s;
  s.server.Get("/robots.txt", [](const httplib::Request&, httplib::Response& res) {
    std::this_thread::sleep_for(std::chrono::seconds(3));
    res.set_content("User-agent: *\nCrawl-delay: 1\n", "text/plain");
  });
  s.server.Get("/a", [](const httplib::Request&, httplib::Response& res) { res.set_content("%PDF", "application/pdf"); });
  s.start();
  auto cache = LinkCache::open(db.path);
  static volatile std::sig_atomic_t stop = 0;
  stop = 0;
  ResolveSettings settings;
  settings.cache = &cache;
  settings.window = 3600;
  settings.stop = &stop;
  Report r = report_of({paper(s.url("/a"))});
  std::thread signal([] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    stop = SIGTERM;
  });
  const auto t0 = std::chrono::steady_clock::now();
  ResolveOutcome out = resolve_links(r, loopback_options(s), settings);
  const auto took = std::chrono::steady_clock::now() - t0;
  signal.join();
  CHECK(took < std::chrono::milliseconds(2000));  // not the 3 s robots.txt takes
  CHECK(out.interrupted);
  CHECK(s.count("GET", "/a") == 0);
  CHECK(first_url(r).status == LinkStatus::Unchecked);
}
