#include "src/cli.hpp"

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "parsers/text_reader.hpp"
#include "src/pipeline.hpp"
#include "src/report_json.hpp"
#include "src/report_text.hpp"

namespace citecheck {

namespace {

std::string now_utc() {
  std::time_t t = std::time(nullptr);
  // Reproducible builds and tests may pin the clock.
  if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH")) t = static_cast<std::time_t>(std::atoll(epoch));
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace

int run_cli(int argc, char** argv) {
  CLI::App app{"citecheck — verifies the citations and bibliography of a manuscript", "citecheck"};
  app.set_version_flag("--version", std::string("citecheck ") + CITECHECK_VERSION);
  app.require_subcommand(1);
  CLI::App* check = app.add_subcommand("check", "check manuscripts and report findings");
  std::vector<std::string> files;
  std::string format = "text", output;
  bool offline = true, no_colour = false;
  check->add_option("FILE", files, "manuscripts to check (plain UTF-8 text; - reads standard input)")->required();
  check->add_flag("--offline", offline, "do not use the network (the default: link checking comes with the resolvers)");
  check->add_option("--format", format, "report format")->check(CLI::IsMember({"text", "json"}));
  check->add_option("-o,--output", output, "write the report to FILE instead of standard output");
  check->add_flag("--no-color", no_colour, "never colour the text report");

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "citecheck: " << e.what() << " (see citecheck check --help)\n";
    return 2;
  }

  Report report;
  report.generated_at = now_utc();
  bool input_error = false;
  for (const auto& path : files) {
    try {
      std::error_code ec;
      if (path != "-" && std::filesystem::is_directory(path, ec))
        throw InputError("is a directory; give the manuscript files inside it");
      if (path != "-" && !std::filesystem::exists(path, ec)) throw InputError("no such file");
      Document doc = read_text_file(path);
      report.documents.push_back(check_document(doc));
    } catch (const InputError& e) {
      std::cerr << "citecheck: cannot read '" << path << "': " << e.what() << "\n";
      input_error = true;
    } catch (const std::bad_alloc&) {
      std::cerr << "citecheck: cannot read '" << path << "': out of memory\n";
      input_error = true;
    }
  }

  bool to_terminal = output.empty() && isatty(STDOUT_FILENO);
  bool colour = to_terminal && !no_colour && !std::getenv("NO_COLOR");
  std::ofstream file;
  if (!output.empty()) {
    file.open(output, std::ios::binary);
    if (!file) {
      std::cerr << "citecheck: cannot write '" << output << "': " << std::strerror(errno) << "\n";
      return 2;
    }
  }
  std::ostream& out = output.empty() ? std::cout : file;
  if (format == "json") write_json(report, out);
  else out << render_text(report, colour);
  out.flush();
  if (!out) {
    std::cerr << "citecheck: cannot write '" << (output.empty() ? "standard output" : output) << "'\n";
    return 2;
  }
  if (input_error) return 2;
  return exit_status(report);
}

}  // namespace citecheck
