// Manuscripts kept as checked in the cache, through the real program: a rerun over unchanged
// files serves them from the store (run.cache.reused_documents) with the same report; a file
// that changed, --reparse, another --encoding or --base and a damaged store all read the
// manuscript anew, and what they report is the file as it is now.
#include <sqlite3.h>
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "helpers.hpp"
#include "loopback_server.hpp"

using citecheck::test::LoopbackServer;

namespace fs = std::filesystem;

namespace {

struct Workdir : citecheck::test::Workdir {
  explicit Workdir(const std::string& name) : citecheck::test::Workdir("kept-e2e", name) {}
};

struct Site : LoopbackServer {
  Site() {
    server.Get(R"(/.*)", [](const httplib::Request&, httplib::Response& res) { res.set_content("%PDF-1.7", "application/pdf"); });
    start();
  }
};

struct Run {
  int status = -1;
  std::string err;
  nlohmann::json report;
};

Run run(const Workdir& w, const std::string& args) {
  std::string cmd = "cd '" + w.dir.string() + "' && XDG_CONFIG_HOME='" + (w.dir / "xdg").string() + "' '" + CITECHECK_BINARY +
                    "' --cache cache.sqlite --allow-private --no-archive --quiet --retries 0 -o report.json " + args +
                    " 2> err.txt";
  int rc = std::system(cmd.c_str());
  Run r;
  r.status = WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
  r.err = citecheck::test::read_file((w.dir / "err.txt").string());
  std::string report = citecheck::test::read_file((w.dir / "report.json").string());
  if (!report.empty()) r.report = nlohmann::json::parse(report);
  return r;
}

std::size_t reused(const Run& r) { return r.report["run"]["cache"]["reused_documents"].get<std::size_t>(); }

// The documents as reported; of each link, what the document says and its status (a rerun
// answers links from the cache: their history and origin differ from the first run's).
nlohmann::json documents(const Run& r) {
  nlohmann::json d = r.report["documents"];
  for (auto& doc : d)
    for (auto& l : doc["links"]) {
      nlohmann::json kept;
      for (const char* key : {"id", "kind", "value", "line", "column", "owner", "status", "http_status"})
        if (l.contains(key)) kept[key] = l[key];
      l = kept;
    }
  return d;
}

std::string paper(const Site& s, const std::string& extra_entry = "") {
  return "Ports and power\n\nThe survey (Aliyev 2021) and the map (Light 2023) are cited, and (Novak 2019) too.\n\n"
         "References\n\n"
         "Aliyev, Rashid. 2021. Ports of the Caspian: a survey. Caspian Studies 4: 11-20. " + s.url("/aliyev.pdf") + "\n"
         "Light, Felix. 2023. Harbours of the Black Sea. Journal of Ports 2: 1-9. " + s.url("/light.pdf") + "\n" + extra_entry;
}

// Overwrites every kept document's bytes in the store.
void damage_kept_documents(const fs::path& store) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(store.string().c_str(), &db) == SQLITE_OK);
  CHECK(sqlite3_exec(db, "UPDATE checked_documents SET body = x'00010203'", nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(db);
}

}  // namespace

TEST_CASE("a rerun serves unchanged manuscripts as checked, with the same report", "[kept-documents][e2e]") {
  Site site;
  Workdir w("rerun");
  w.write("a.txt", paper(site));
  fs::create_directories(w.dir / "archive");
  fs::copy_file(citecheck::test::fixture_path("manuscripts/ka_mountain_demography.txt"), w.dir / "archive/ka.txt");
  fs::copy_file(citecheck::test::fixture_path("manuscripts/ar_water_endnotes.txt"), w.dir / "archive/ar.txt");
  Run first = run(w, "a.txt archive");
  INFO(first.err);
  REQUIRE(first.report.is_object());
  CHECK(reused(first) == 0);
  CHECK(first.report["documents"].size() == 3);

  Run second = run(w, "a.txt archive");
  INFO(second.err);
  CHECK(second.status == first.status);
  CHECK(reused(second) == 3);
  CHECK(documents(second) == documents(first));
  CHECK(second.report["summary"] == first.report["summary"]);

  // Named another way (another working folder, ./, a symbolic link): the same file, kept once;
  // the report names it as this run does.
  fs::create_symlink(w.dir / "archive", w.dir / "shelf");
  Run renamed = run(w, "./a.txt shelf/ka.txt ../" + w.dir.filename().string() + "/archive/ar.txt");
  INFO(renamed.err);
  CHECK(reused(renamed) == 3);
  REQUIRE(renamed.report["documents"].size() == 3);
  CHECK(renamed.report["documents"][0]["path"] == "./a.txt");
  CHECK(renamed.report["documents"][1]["path"] == "shelf/ka.txt");

  // --reparse reads them all again, and says the same.
  Run reparsed = run(w, "--reparse a.txt archive");
  CHECK(reused(reparsed) == 0);
  CHECK(documents(reparsed) == documents(first));
}

TEST_CASE("a changed manuscript, another encoding or another base read the file anew", "[kept-documents][e2e]") {
  Site site;
  Workdir w("changed");
  w.write("a.txt", paper(site));
  Run first = run(w, "a.txt");
  INFO(first.err);
  REQUIRE(first.report.is_object());
  // (Novak 2019) has no entry: reported until the entry is added.
  auto cites_without_entry = [](const Run& r) {
    std::size_t n = 0;
    for (const auto& f : r.report["documents"][0]["findings"]) n += f["code"] == "citation-without-reference";
    return n;
  };
  CHECK(cites_without_entry(first) == 1);

  w.write("a.txt", paper(site, "Novak, Ana. 2019. Lighthouses. Journal of Ports 1: 5-8.\n"));
  Run changed = run(w, "a.txt");
  INFO(changed.err);
  CHECK(reused(changed) == 0);
  CHECK(cites_without_entry(changed) == 0);
  CHECK(changed.report["documents"][0]["references"].size() == 3);
  CHECK(reused(run(w, "a.txt")) == 1);

  // The reading options are part of what a kept document was made from.
  CHECK(reused(run(w, "--encoding windows-1252 a.txt")) == 0);
  CHECK(reused(run(w, "--encoding windows-1252 a.txt")) == 1);
  CHECK(reused(run(w, "--base https://journal.example/ a.txt")) == 0);
}

TEST_CASE("a damaged kept document is read anew and replaced", "[kept-documents][e2e]") {
  Site site;
  Workdir w("damaged");
  w.write("a.txt", paper(site));
  Run first = run(w, "a.txt");
  INFO(first.err);
  REQUIRE(first.report.is_object());
  damage_kept_documents(w.dir / "cache.sqlite");
  Run second = run(w, "a.txt");
  INFO(second.err);
  CHECK(second.status == first.status);
  CHECK(reused(second) == 0);
  CHECK(documents(second) == documents(first));
  CHECK(reused(run(w, "a.txt")) == 1);  // the fresh one replaced it
}
