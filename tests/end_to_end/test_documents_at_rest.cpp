// An archive run keeps its checked documents as bytes while the links are checked and the
// report is written (src/documents_at_rest.hpp). Through the real program: each document of
// a folder's JSON or JSON Lines report is the one a run over that file alone reports, with the
// network's findings; the summary adds them up; the exit status still counts their errors; a
// dead link's archived copy is looked for at its entry's date though the entry is at rest.
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "helpers.hpp"
#include "loopback_server.hpp"

using citecheck::test::LoopbackServer;

namespace fs = std::filesystem;

namespace {

struct Workdir : citecheck::test::Workdir {
  explicit Workdir(const std::string& name) : citecheck::test::Workdir("at-rest-e2e", name) {}
};

// A site with a live PDF, a dead page, and the Wayback Machine, which has nothing: only the
// dates it is asked at matter here.
struct Site : LoopbackServer {
  Site() {
    server.Get("/live.pdf", [](const httplib::Request&, httplib::Response& res) { res.set_content("%PDF-1.7", "application/pdf"); });
    server.Get("/gone", [](const httplib::Request&, httplib::Response& res) { res.status = 404; });
    server.Get(R"(/archive/.*)", [](const httplib::Request&, httplib::Response& res) { res.status = 404; });
    start();
  }
};

struct Run {
  int status = -1;
  std::string out;
};

Run run(const Workdir& w, const Site& s, const std::string& args) {
  std::string cmd = "cd '" + w.dir.string() + "' && XDG_CONFIG_HOME='" + (w.dir / "xdg").string() + "' '" + CITECHECK_BINARY +
                    "' --no-cache --allow-private --quiet --retries 0 --archive-api '" + s.url("/archive") + "' " + args +
                    " 2> err.txt";
  int rc = std::system(cmd.c_str());
  Run r;
  r.status = WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
  return r;
}

// A document as reported, without the times of its checks (each run checks anew).
nlohmann::json timeless(nlohmann::json d) {
  for (auto& l : d["links"]) l.erase("checked_at");
  return d;
}

void write(const fs::path& p, const std::string& text) { std::ofstream(p) << text; }

}  // namespace

TEST_CASE("a folder's documents kept at rest are reported as each file alone", "[at-rest][e2e]") {
  Site s;
  Workdir w("folder");
  fs::create_directories(w.dir / "archive");
  // Three papers: one cites a dead page (from 2018: its copy is looked for in July 2018), one
  // a live PDF the third also cites (checked once), one has a citation without an entry.
  write(w.dir / "archive" / "a.txt",
        "Harbours\n\nThe survey (Aliyev 2018) is cited.\n\nReferences\n\n"
        "Aliyev, Rashid. 2018. Ports of the Caspian. Caspian Studies 4: 11-20. " + s.url("/gone") + "\n");
  write(w.dir / "archive" / "b.txt",
        "Maps\n\nThe map (Light 2023) is cited.\n\nReferences\n\n"
        "Light, Felix. 2023. Harbours of the Black Sea. Journal of Ports 2: 1-9. " + s.url("/live.pdf") + "\n");
  write(w.dir / "archive" / "c.txt",
        "Seas\n\nThe map (Light 2023) and (Novak 2019) are cited.\n\nReferences\n\n"
        "Light, Felix. 2023. Harbours of the Black Sea. Journal of Ports 2: 1-9. " + s.url("/live.pdf") + "\n");

  Run folder = run(w, s, "-o report.json archive");
  CHECK(folder.status == 1);  // error findings in the documents at rest count
  auto report = nlohmann::json::parse(citecheck::test::read_file((w.dir / "report.json").string()));
  REQUIRE(report["documents"].size() == 3);
  CHECK(s.count("GET", "/live.pdf") == 1);

  std::size_t errors = 0, links = 0;
  for (const auto& d : report["documents"]) {
    const std::string name = fs::path(d["path"].get<std::string>()).filename().string();
    INFO(name);
    Run alone = run(w, s, "-o alone.json archive/" + name);
    auto single = nlohmann::json::parse(citecheck::test::read_file((w.dir / "alone.json").string()));
    REQUIRE(single["documents"].size() == 1);
    CHECK(timeless(d) == timeless(single["documents"][0]));
    for (const auto& f : d["findings"]) errors += f["severity"] == "error";
    links += d["links"].size();
  }
  CHECK(report["summary"]["findings"]["error"] == errors);
  CHECK(report["summary"]["links"] == links);
  // The dead link's finding was made after the link stage, from the woken entry.
  bool broken = false;
  for (const auto& f : report["documents"][0]["findings"]) broken = broken || f["code"] == "newly-broken";
  CHECK(broken);
  // Its archived copy was looked for at its entry's year, not at today's date.
  std::size_t at_entry_date = 0;
  for (const auto& seen : s.seen())
    if (seen.path.rfind("/archive/", 0) == 0 && seen.path.find("2018") != std::string::npos) ++at_entry_date;
  CHECK(at_entry_date >= 1);

  // JSON Lines online keeps them at rest too, with the same documents.
  Run lines = run(w, s, "--format jsonl -o report.jsonl archive");
  CHECK(lines.status == 1);
  std::istringstream in(citecheck::test::read_file((w.dir / "report.jsonl").string()));
  std::string line;
  std::size_t i = 0;
  while (std::getline(in, line)) {
    auto j = nlohmann::json::parse(line);
    if (j["type"] != "document") continue;
    REQUIRE(i < 3);
    CHECK(timeless(j["document"]) == timeless(report["documents"][i]));
    ++i;
  }
  CHECK(i == 3);
  CHECK(run(w, s, "--fail-on none -o report.json archive").status == 0);
}
