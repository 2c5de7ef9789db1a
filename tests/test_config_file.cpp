// citecheck.toml: settings with their lines, host sections, refusals that name the file and
// the line, the legacy JSON format, and where the file is found.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "src/config_file.hpp"

using namespace citecheck;

namespace {

std::filesystem::path temp_dir(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() / ("citecheck-test-" + std::to_string(getpid()) + "-" + name);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

std::string write(const std::filesystem::path& path, const std::string& text) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path) << text;
  return path.string();
}

}  // namespace

TEST_CASE("a TOML config: settings as the command line spells them, with their lines", "[config_file]") {
  auto dir = temp_dir("toml");
  std::string path = write(dir / "citecheck.toml",
                           "# nightly run\n"
                           "timeout = 6\n"
                           "max_retry_after = 2.5\n"
                           "no_archive = true\n"
                           "exclude = ['linkedin\\.com', '^https://x\\.com/']\n"
                           "mailto = \"editors@journal.example\"\n");
  ConfigFile f = read_config_file(path);
  CHECK_FALSE(f.legacy_json);
  REQUIRE(f.settings.size() == 5);
  CHECK(f.settings[0].key == "timeout");
  CHECK(f.settings[0].values == std::vector<std::string>{"6"});
  CHECK(f.settings[0].line == 2);
  CHECK(f.settings[1].values == std::vector<std::string>{"2.5"});
  CHECK(f.settings[2].values == std::vector<std::string>{"true"});
  CHECK(f.settings[3].array);
  CHECK(f.settings[3].values == std::vector<std::string>{"linkedin\\.com", "^https://x\\.com/"});
  CHECK(f.settings[3].line == 5);
  std::filesystem::remove_all(dir);
}

TEST_CASE("a host section: limits, headers and accepted statuses", "[config_file]") {
  auto dir = temp_dir("hosts");
  std::string path = write(dir / "citecheck.toml",
                           "[hosts.\"Intranet.Example.org\"]\n"
                           "concurrency = 1\n"
                           "interval_ms = 1000\n"
                           "headers = { Authorization = \"Bearer abc\" }\n"
                           "accept = \"200..=299,403\"\n"
                           "[hosts.\"slow.example\"]\n"
                           "head_unreliable = true\n"
                           "accept = [200, 403]\n");
  ConfigFile f = read_config_file(path);
  REQUIRE(f.hosts.count("intranet.example.org"));
  const HostRule& r = f.hosts.at("intranet.example.org");
  CHECK(r.concurrency == 1);
  CHECK(r.interval_ms == 1000);
  CHECK(r.headers == std::vector<std::string>{"Authorization: Bearer abc"});
  REQUIRE(r.accept);
  CHECK(r.accept->contains(403));
  CHECK_FALSE(r.accept->contains(404));
  const HostRule& slow = f.hosts.at("slow.example");
  CHECK(slow.head_unreliable == true);
  CHECK(slow.accept->contains(403));
  CHECK_FALSE(slow.accept->contains(201));
  std::filesystem::remove_all(dir);
}

TEST_CASE("bad host settings are refused with the file, the line and a suggestion", "[config_file]") {
  auto dir = temp_dir("bad-hosts");
  std::string typo = write(dir / "typo.toml", "[hosts.\"a.example\"]\nconcurrency = 2\nintervall_ms = 10\n");
  CHECK_THROWS_WITH(read_config_file(typo), Catch::Contains(typo + ":3: hosts.\"a.example\": unknown key 'intervall_ms' (did you mean 'interval_ms'?)"));
  std::string word = write(dir / "word.toml", "[hosts.\"a.example\"]\nconcurrency = \"many\"\n");
  CHECK_THROWS_WITH(read_config_file(word), Catch::Contains(word + ":2: hosts.\"a.example\".concurrency must be a whole number"));
  std::string accept = write(dir / "accept.toml", "[hosts.\"a.example\"]\n\naccept = \"2xx\"\n");
  CHECK_THROWS_WITH(read_config_file(accept), Catch::Contains(accept + ":3: hosts.\"a.example\".accept"));
  std::string inject = write(dir / "inject.toml", "[hosts.\"a.example\"]\nheaders = { X = \"1\\r\\nHost: evil\" }\n");
  CHECK_THROWS_WITH(read_config_file(inject), Catch::Contains("line break"));
  std::string syntax = write(dir / "syntax.toml", "timeout = 6\nretries = = 2\n");
  CHECK_THROWS_WITH(read_config_file(syntax), Catch::Contains(syntax + ":2: not valid TOML"));
  CHECK_THROWS_WITH(read_config_file((dir / "none.toml").string()), Catch::Contains("cannot read the config file"));
  std::filesystem::remove_all(dir);
}

TEST_CASE("the legacy JSON config is read into the same settings", "[config_file]") {
  auto dir = temp_dir("json");
  std::string path = write(dir / "citecheck.json", R"({"timeout": 6, "per_host_interval_ms": 200,
    "hosts": {"journal.example": {"concurrency": 1, "headers": {"X-Token": "abc"}}}})");
  ConfigFile f = read_config_file(path);
  CHECK(f.legacy_json);
  REQUIRE(f.settings.size() == 2);
  CHECK(f.settings[0].key == "per_host_interval");  // the option's name now
  CHECK(f.settings[0].values == std::vector<std::string>{"200"});
  CHECK(f.settings[1].key == "timeout");
  CHECK(f.hosts.at("journal.example").headers == std::vector<std::string>{"X-Token: abc"});
  std::string bad = write(dir / "bad.json", R"({"hosts": {"a.example": {"concurrency": "many"}}})");
  CHECK_THROWS_WITH(read_config_file(bad), Catch::Contains("concurrency must be a whole number"));
  std::filesystem::remove_all(dir);
}

TEST_CASE("citecheck.toml is found in the working folder, then XDG_CONFIG_HOME, else ~/.config", "[config_file]") {
  auto dir = temp_dir("search");
  ConfigSearch where;
  where.working_folder = (dir / "work").string();
  where.xdg_config_home = (dir / "xdg").string();
  where.home = (dir / "home").string();
  std::filesystem::create_directories(dir / "work");
  CHECK_FALSE(find_config_file(where));
  std::string home = write(dir / "home" / ".config" / "citecheck" / "citecheck.toml", "");
  CHECK_FALSE(find_config_file(where));  // XDG_CONFIG_HOME is set: ~/.config is not looked at
  std::string xdg = write(dir / "xdg" / "citecheck" / "citecheck.toml", "");
  CHECK(find_config_file(where) == xdg);
  std::string work = write(dir / "work" / "citecheck.toml", "");
  CHECK(find_config_file(where) == work);
  std::filesystem::remove(work);
  where.xdg_config_home = "relative/xdg";  // ignored, as the XDG spec says
  CHECK(find_config_file(where) == home);
  std::filesystem::remove_all(dir);
}
