// The operator's options through the real program against a loopback server: an excluded
// link is never requested, headers and the User-Agent reach the server, a remapped address
// is the one requested, a host's accept in citecheck.toml turns 403 into ok, flags beat the
// config file, and --dump lists without asking anything.
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <nlohmann/json.hpp>

#include "helpers.hpp"
#include "loopback_server.hpp"

using citecheck::test::LoopbackServer;

namespace fs = std::filesystem;

namespace {

struct Workdir : citecheck::test::Workdir {
  explicit Workdir(const std::string& name) : citecheck::test::Workdir("ops", name) {}
};

struct Result {
  int status = -1;
  std::string out;
  nlohmann::json report;
};

// Runs citecheck in the work folder (its citecheck.toml is the one found; no other is), with
// the network options a loopback test needs, a JSON report read back.
Result run_in(const Workdir& w, const LoopbackServer& server, const std::string& args) {
  std::string cmd = "cd '" + w.dir.string() + "' && XDG_CONFIG_HOME='" + (w.dir / "xdg").string() + "' '" +
                    CITECHECK_BINARY + "' --no-cache --allow-private --no-archive --quiet --retries 0 --doi-resolver " +
                    server.url("/doi") + " " + args + " > out.txt 2>&1";
  int rc = std::system(cmd.c_str());
  Result r;
  r.status = WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
  r.out = citecheck::test::read_file((w.dir / "out.txt").string());
  std::string report = citecheck::test::read_file((w.dir / "report.json").string());
  if (!report.empty()) r.report = nlohmann::json::parse(report);
  return r;
}

std::string paper(const std::string& first_url, const std::string& second_url) {
  return "Ports and power\n\nThe survey (Aliyev 2021) and the map (Light 2023) are cited.\n\nReferences\n\n"
         "Aliyev, Rashid. 2021. Ports of the Caspian: a survey. Caspian Studies 4: 11-20. " + first_url + "\n"
         "Light, Felix. 2023. Harbours of the Black Sea. Journal of Ports 2: 1-9. " + second_url + "\n";
}

const nlohmann::json* link_valued(const nlohmann::json& report, const std::string& value) {
  for (const auto& l : report["documents"][0]["links"])
    if (l["value"] == value) return &l;
  return nullptr;
}

// A site whose every path is a PDF (judged by HEAD alone: one request a link).
struct PdfSite : LoopbackServer {
  PdfSite() {
    server.Get(R"(/.*)", [](const httplib::Request&, httplib::Response& res) { res.set_content("%PDF-1.7", "application/pdf"); });
    start();
  }
};

std::size_t requests_to(LoopbackServer& s, const std::string& path) { return s.count("HEAD", path) + s.count("GET", path); }

}  // namespace

TEST_CASE("an excluded link is never requested and is reported skipped, with the pattern", "[operator][e2e]") {
  PdfSite server;
  Workdir w("exclude");
  w.write("paper.txt", paper(server.url("/drafts/aliyev.pdf"), server.url("/public/light.pdf")));
  Result r = run_in(w, server, "--exclude /drafts/ -o report.json paper.txt");
  INFO(r.out);
  CHECK(r.status == 0);
  CHECK(requests_to(server, "/drafts/aliyev.pdf") == 0);
  CHECK(requests_to(server, "/public/light.pdf") == 1);
  const auto* excluded = link_valued(r.report, server.url("/drafts/aliyev.pdf"));
  REQUIRE(excluded);
  CHECK((*excluded)["status"] == "skipped");
  CHECK((*excluded)["error"] == "excluded by --exclude '/drafts/'");
  CHECK((*link_valued(r.report, server.url("/public/light.pdf")))["status"] == "ok");
}

TEST_CASE("a .citecheckignore beside the manuscript excludes too, --include wins over it", "[operator][e2e]") {
  PdfSite server;
  Workdir w("ignore");
  w.write("paper.txt", paper(server.url("/drafts/aliyev.pdf"), server.url("/drafts/light.pdf")));
  w.write(".citecheckignore", "# drafts are not public yet\n/drafts/\n");
  Result r = run_in(w, server, "--include light -o report.json paper.txt");
  INFO(r.out);
  CHECK(requests_to(server, "/drafts/aliyev.pdf") == 0);
  CHECK(requests_to(server, "/drafts/light.pdf") == 1);
  const auto* excluded = link_valued(r.report, server.url("/drafts/aliyev.pdf"));
  REQUIRE(excluded);
  CHECK((*excluded)["error"] == "excluded by ./.citecheckignore:2 '/drafts/'");
  Result text = run_in(w, server, "paper.txt");
  CHECK_THAT(text.out, Catch::Contains("links checked: 2 skipped"));
}

TEST_CASE("headers and the User-Agent reach the server, a flag beats the config file's key", "[operator][e2e]") {
  LoopbackServer server;
  std::mutex m;
  std::string agent, journal, token;
  server.server.Get(R"(/.*)", [&](const httplib::Request& req, httplib::Response& res) {
    std::lock_guard<std::mutex> lock(m);
    agent = req.get_header_value("User-Agent");
    journal = req.get_header_value("X-Journal");
    token = req.get_header_value("X-Token");
    res.set_content("%PDF-1.7", "application/pdf");
  });
  server.start();
  Workdir w("headers");
  w.write("paper.txt", paper(server.url("/a.pdf"), server.url("/b.pdf")));
  w.write("citecheck.toml",
          "user_agent = \"FromFile/1\"\nheader = [\"X-Journal: from-file\"]\n"
          "[hosts.\"127.0.0.1\"]\nheaders = { X-Token = \"host-secret\" }\n");
  Result r = run_in(w, server, "--user-agent FromFlag/2 -o report.json paper.txt");
  INFO(r.out);
  CHECK(r.status == 0);
  CHECK(agent == "FromFlag/2");
  CHECK(journal == "from-file");
  CHECK(token == "host-secret");
}

TEST_CASE("a remapped URL is the one requested, the report shows both addresses", "[operator][e2e]") {
  LoopbackServer server;
  server.server.Get(R"(/mirror/.*)", [](const httplib::Request&, httplib::Response& res) { res.status = 404; });
  server.start();
  Workdir w("remap");
  w.write("paper.txt", paper("https://journal.example.org/caspian.pdf", "https://journal.example.org/light.pdf"));
  Result r = run_in(w, server, "--remap '^https://journal\\.example\\.org/(.*) " + server.url("/mirror/$1") + "' -o report.json paper.txt");
  INFO(r.out);
  CHECK(r.status == 1);  // the mirror says 404: broken links are errors
  CHECK(requests_to(server, "/mirror/caspian.pdf") >= 1);
  const auto* l = link_valued(r.report, "https://journal.example.org/caspian.pdf");
  REQUIRE(l);
  CHECK((*l)["remapped_to"] == server.url("/mirror/caspian.pdf"));
  CHECK((*l)["status"] == "broken");
  bool named = false;
  for (const auto& f : r.report["documents"][0]["findings"])
    named = named || f["message"].get<std::string>().find("https://journal.example.org/caspian.pdf (checked as " +
                                                          server.url("/mirror/caspian.pdf") + ")") != std::string::npos;
  CHECK(named);
}

TEST_CASE("a host's accept in citecheck.toml turns its 403 into ok", "[operator][e2e]") {
  LoopbackServer server;
  server.server.Get(R"(/.*)", [](const httplib::Request&, httplib::Response& res) { res.status = 403; });
  server.start();
  Workdir w("accept");
  w.write("paper.txt", paper(server.url("/members/a"), server.url("/members/b")));
  Result before = run_in(w, server, "-o report.json paper.txt");
  CHECK((*link_valued(before.report, server.url("/members/a")))["status"] == "unverifiable");
  w.write("citecheck.toml", "[hosts.\"127.0.0.1\"]\naccept = \"200..=299,403\"\n");
  Result after = run_in(w, server, "-o report.json paper.txt");
  INFO(after.out);
  CHECK((*link_valued(after.report, server.url("/members/a")))["status"] == "ok");
  CHECK((*link_valued(after.report, server.url("/members/a")))["http_status"] == 403);
}

TEST_CASE("the --dump option lists the links and DOIs that would be checked, and asks nothing", "[operator][e2e]") {
  LoopbackServer server;
  server.server.Get(R"(/.*)", [](const httplib::Request&, httplib::Response& res) { res.set_content("ok", "text/plain"); });
  server.start();
  Workdir w("dump");
  w.write("paper.txt",
          "Ports and power\n\nThe survey (Aliyev 2021), the map (Light 2023) and the atlas (Rossi 2019).\n\nReferences\n\n"
          "Aliyev, Rashid. 2021. Ports of the Caspian. Caspian Studies 4: 11-20. https://doi.org/10.1234/caspian.2021\n"
          "Light, Felix. 2023. Harbours. Journal of Ports 2: 1-9. https://journal.example.org/light\n"
          "Rossi, Anna. 2019. Atlas. https://www.linkedin.com/pulse/atlas\n");
  Result r = run_in(w, server, "--dump --exclude linkedin --remap 'journal\\.example\\.org mirror.example.net' paper.txt");
  CHECK(r.status == 0);
  CHECK(r.out == "https://doi.org/10.1234/caspian.2021\n"
                 "https://mirror.example.net/light\t(remapped from https://journal.example.org/light)\n");
  CHECK(server.seen().empty());
}
