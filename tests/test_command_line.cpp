// The command line and the config file together: flags win, keys are checked, `check` may be
// left out, typos get suggestions, help shows examples and exit codes.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "src/command_line.hpp"

using namespace citecheck;

namespace {

struct Parsed {
  std::optional<int> status;
  CliOptions options;
  std::string out, err;
};

// Parses `args` (without the program name) with config files searched for in `folder` only.
Parsed parse(std::vector<std::string> args, const std::filesystem::path& folder = {}) {
  args.insert(args.begin(), "citecheck");
  std::vector<const char*> argv;
  for (const auto& a : args) argv.push_back(a.c_str());
  ConfigSearch where;
  where.working_folder = folder.empty() ? "/nonexistent-citecheck-folder" : folder.string();
  std::ostringstream out, err;
  Parsed p;
  p.status = parse_command_line(static_cast<int>(argv.size()), argv.data(), where, p.options, out, err);
  p.out = out.str();
  p.err = err.str();
  return p;
}

std::filesystem::path folder_with(const std::string& name, const std::string& file, const std::string& text) {
  auto dir = std::filesystem::temp_directory_path() / ("citecheck-test-" + std::to_string(getpid()) + "-" + name);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  std::ofstream(dir / file) << text;
  return dir;
}

}  // namespace

TEST_CASE("`citecheck FILE` works without `check`", "[command_line]") {
  Parsed p = parse({"--offline", "paper.txt"});
  CHECK_FALSE(p.status);
  CHECK(p.options.files == std::vector<std::string>{"paper.txt"});
  CHECK(p.options.offline);
  Parsed with = parse({"check", "paper.txt"});
  CHECK_FALSE(with.status);
  CHECK(with.options.files == std::vector<std::string>{"paper.txt"});
}

TEST_CASE("options on the command line win over the config file, the rest come from it", "[command_line]") {
  auto dir = folder_with("flags-win", "citecheck.toml", "timeout = 6\nper_host = 2\nuser_agent = \"FromFile/1\"\n");
  Parsed p = parse({"--timeout", "1", "paper.txt"}, dir);
  REQUIRE_FALSE(p.status);
  CHECK(p.options.net.timeout == 1);
  CHECK(p.options.net.per_host == 2);
  CHECK(p.options.net.user_agent() == "FromFile/1");
  CHECK(p.options.config_file == (dir / "citecheck.toml").string());
  std::filesystem::remove_all(dir);
}

TEST_CASE("the legacy JSON config: flags win there too, and a deprecation warning", "[command_line]") {
  auto dir = folder_with("json-config", "old.json", R"({"timeout": 6, "retries": 4})");
  Parsed p = parse({"--timeout", "1", "--config", (dir / "old.json").string(), "paper.txt"});
  REQUIRE_FALSE(p.status);
  CHECK(p.options.net.timeout == 1);
  CHECK(p.options.net.retries == 4);
  REQUIRE(p.options.warnings.size() == 1);
  CHECK_THAT(p.options.warnings[0], Catch::Contains("deprecated"));
  std::filesystem::remove_all(dir);
}

TEST_CASE("an unknown key is refused with the file, the line and the nearest key", "[command_line]") {
  auto dir = folder_with("unknown-key", "citecheck.toml", "retries = 1\ntimout = 6\n");
  Parsed p = parse({"paper.txt"}, dir);
  CHECK(p.status == 2);
  CHECK_THAT(p.err, Catch::Contains((dir / "citecheck.toml").string() + ":2: unknown key 'timout' (did you mean 'timeout'?)"));
  std::filesystem::remove_all(dir);
}

TEST_CASE("a bad value in the config file is refused with the file and the line", "[command_line]") {
  auto dir = folder_with("bad-value", "citecheck.toml", "\n\nconcurrency = 0\n");
  Parsed p = parse({"paper.txt"}, dir);
  CHECK(p.status == 2);
  CHECK_THAT(p.err, Catch::Contains((dir / "citecheck.toml").string() + ":3: concurrency"));
  auto dir2 = folder_with("bad-type", "citecheck.toml", "timeout = \"soon\"\n");
  CHECK(parse({"paper.txt"}, dir2).status == 2);
  auto dir3 = folder_with("array-for-one", "citecheck.toml", "timeout = [1, 2]\n");
  Parsed p3 = parse({"paper.txt"}, dir3);
  CHECK(p3.status == 2);
  CHECK_THAT(p3.err, Catch::Contains("timeout takes one value, not an array"));
  for (const auto& d : {dir, dir2, dir3}) std::filesystem::remove_all(d);
}

TEST_CASE("every option has a key: link selection, accept and headers from the config file", "[command_line]") {
  auto dir = folder_with("keys", "citecheck.toml",
                         "exclude = ['linkedin\\.com']\n"
                         "accept = \"200..=299,403\"\n"
                         "header = [\"X-Journal: caspian\"]\n"
                         "remap = [\"^https://old\\\\.example/ https://new.example/\"]\n"
                         "no_archive = true\n"
                         "format = \"json\"\n"
                         "base = \"https://journal.example.org/articles/\"\n");
  Parsed p = parse({"paper.txt"}, dir);
  REQUIRE_FALSE(p.status);
  CHECK(p.options.selection.excluded("https://www.linkedin.com/in/a"));
  REQUIRE(p.options.net.accept);
  CHECK(p.options.net.accept->contains(403));
  CHECK(p.options.net.headers == std::vector<std::string>{"X-Journal: caspian"});
  REQUIRE(p.options.net.remaps.size() == 1);
  CHECK_FALSE(p.options.net.archive_lookup);
  CHECK(p.options.format == "json");
  CHECK(p.options.base == "https://journal.example.org/articles/");
  std::filesystem::remove_all(dir);
}

TEST_CASE("selection options from the command line, bad patterns, statuses and headers are usage errors",
          "[command_line]") {
  Parsed p = parse({"--exclude", "a\\.example", "--exclude", "b\\.example", "--include", "b\\.example/keep",
                    "--header", "Authorization: Bearer t", "--user-agent", "Mozilla/5.0 (citecheck)", "paper.txt"});
  REQUIRE_FALSE(p.status);
  CHECK(p.options.selection.excluded("https://a.example/x"));
  CHECK(p.options.selection.excluded("https://b.example/x"));
  CHECK_FALSE(p.options.selection.excluded("https://b.example/keep/1"));
  CHECK(p.options.net.user_agent() == "Mozilla/5.0 (citecheck)");
  Parsed last = parse({"--exclude", "a\\.example", "--header", "X-Journal: caspian", "paper.txt"});
  REQUIRE_FALSE(last.status);  // a repeatable option takes one value: the file stays a file
  CHECK(last.options.files == std::vector<std::string>{"paper.txt"});
  CHECK(last.options.net.headers == std::vector<std::string>{"X-Journal: caspian"});
  Parsed regex = parse({"--exclude", "(unclosed", "paper.txt"});
  CHECK(regex.status == 2);
  CHECK_THAT(regex.err, Catch::Contains("not a valid RE2 pattern"));
  CHECK(parse({"--accept", "2xx", "paper.txt"}).status == 2);
  Parsed header = parse({"--header", "no colon", "paper.txt"});
  CHECK(header.status == 2);
  CHECK_THAT(header.err, Catch::Contains("--header"));
  CHECK(parse({"--base", "journal.example.org", "paper.txt"}).status == 2);
}

TEST_CASE("a mistyped option gets a suggestion on the one error line", "[command_line]") {
  Parsed p = parse({"--timout", "3", "paper.txt"});
  CHECK(p.status == 2);
  CHECK_THAT(p.err, Catch::Contains("did you mean --timeout?"));
  CHECK(std::count(p.err.begin(), p.err.end(), '\n') == 1);
  Parsed far = parse({"--frobnicate", "paper.txt"});
  CHECK(far.status == 2);
  CHECK_THAT(far.err, !Catch::Contains("did you mean"));
}

TEST_CASE("the help shows examples and the exit codes", "[command_line]") {
  for (const auto& args : {std::vector<std::string>{"--help"}, std::vector<std::string>{"check", "--help"}}) {
    Parsed p = parse(args);
    CHECK(p.status == 0);
    CHECK_THAT(p.out, Catch::Contains("Examples:"));
    CHECK_THAT(p.out, Catch::Contains("citecheck paper.docx"));
    CHECK_THAT(p.out, Catch::Contains("Exit status: 0 no error finding; 1 error findings; 2 usage or config error"));
  }
}
