#include "src/cli.hpp"

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <optional>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "parsers/readers/read_document.hpp"
#include "parsers/text_reader.hpp"
#include "resolvers/cache.hpp"
#include "resolvers/progress.hpp"
#include "resolvers/resolve_links.hpp"
#include "resolvers/resolver_options.hpp"
#include "src/checks/checks.hpp"
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


// The files of a directory citecheck can read, recursively, in a stable order.
std::vector<std::string> manuscripts_in(const std::string& dir) {
  static const char* kExtensions[] = {".txt", ".text", ".docx", ".odt", ".pdf", ".xml", ".nxml", ".bib", ".json"};
  std::vector<std::string> out;
  std::error_code ec;
  for (auto it = std::filesystem::recursive_directory_iterator(dir, std::filesystem::directory_options::skip_permission_denied, ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    if (!it->is_regular_file(ec)) continue;
    std::string ext = it->path().extension().string();
    for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    bool known = std::find_if(std::begin(kExtensions), std::end(kExtensions),
                              [&](const char* k) { return ext == k; }) != std::end(kExtensions);
    if (!known) continue;
    // A folder of JSON or XML holds more than bibliographies and articles (configs, reports):
    // only those whose bytes say CSL-JSON or JATS are taken.
    if (ext == ".json" || ext == ".xml" || ext == ".nxml") {
      try {
        // By content alone: a .json name would make any JSON "meant as CSL-JSON".
        InputFormat f = detect_format(read_file_bytes(it->path().string()), "");
        if (f != InputFormat::CslJson && f != InputFormat::Jats) continue;
      } catch (const InputError&) {
        continue;
      }
    }
    out.push_back(it->path().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

int run_cli(int argc, char** argv) {
  CLI::App app{"citecheck — verifies the citations and bibliography of a manuscript", "citecheck"};
  app.set_version_flag("--version", std::string("citecheck ") + CITECHECK_VERSION);
  app.require_subcommand(1);
  CLI::App* check = app.add_subcommand("check", "check manuscripts and report findings");
  std::vector<std::string> files;
  std::string format = "text", output, cache_path, config_path;
  bool offline = false, no_colour = false, no_cache = false, quiet = false, no_archive = false;
  int confirm_after = 1;
  std::optional<double> cache_ttl;
  ResolverOptions net;
  check->add_option("FILE", files, "manuscripts to check: UTF-8 text, Word (.docx), OpenDocument (.odt), PDF, JATS XML, BibTeX or CSL-JSON (told from the bytes); a directory: every such file in it; - reads standard input")->required();
  check->add_option("--format", format, "report format")->check(CLI::IsMember({"text", "json"}));
  check->add_option("-o,--output", output, "write the report to FILE instead of standard output");
  check->add_flag("--no-color", no_colour, "never colour the text report");
  check->add_flag("--quiet", quiet, "no progress line on standard error");
  std::string line_models_dir;
  check->add_option("--line-models", line_models_dir, "read the reference-list line models from DIR (reference-zone.model, reference-entry.model) instead of the built-in ones");
  auto* g = check->add_option_group("Network");
  g->add_flag("--offline", offline, "do not use the network: links stay unchecked");
  g->add_flag("--allow-private", net.allow_private, "fetch loopback, private and link-local addresses (tests, intranets)");
  g->add_option("--concurrency", net.concurrency, "requests in flight, all hosts together")->check(CLI::Range(1, 1024))->capture_default_str();
  g->add_option("--per-host", net.per_host, "requests in flight per host")->check(CLI::Range(1, 64))->capture_default_str();
  g->add_option("--per-host-interval", net.per_host_interval_ms, "minimum milliseconds between two requests to one host")->check(CLI::Range(0, 600000))->capture_default_str();
  g->add_option("--timeout", net.timeout, "seconds a request may take in all")->check(CLI::Range(0.1, 600.0))->capture_default_str();
  g->add_option("--connect-timeout", net.connect_timeout, "seconds to connect")->check(CLI::Range(0.1, 600.0))->capture_default_str();
  g->add_option("--retries", net.retries, "retries after timeouts, resets, 5xx and 429")->check(CLI::Range(0, 10))->capture_default_str();
  g->add_option("--max-retry-after", net.max_retry_after, "longest Retry-After (seconds) waited for")->check(CLI::Range(0.0, 3600.0))->capture_default_str();
  g->add_option("--doi-resolver", net.doi_resolver, "DOI resolver (its /api/handles/ answers whether a DOI exists)")->capture_default_str();
  g->add_option("--crossref-api", net.crossref_api, "Crossref REST API")->capture_default_str();
  g->add_option("--datacite-api", net.datacite_api, "DataCite REST API")->capture_default_str();
  g->add_option("--archive-api", net.archive_api, "Wayback Machine")->capture_default_str();
  g->add_option("--mailto", net.mailto, "contact address sent in the User-Agent (Crossref's polite pool)");
  g->add_flag("--suggest-dois", net.suggest_dois, "ask Crossref for the DOI of entries that have a title but no DOI");
  g->add_flag("--no-archive", no_archive, "do not look dead links up in the Wayback Machine");
  g->add_option("--config", config_path, "JSON file with limits and headers per host (see README)");
  auto* c = check->add_option_group("Cache");
  c->add_option("--cache", cache_path, "SQLite cache and history file (default: $XDG_CACHE_HOME/citecheck/links.sqlite)");
  c->add_flag("--no-cache", no_cache, "neither read nor write the cache");
  c->add_option("--cache-ttl", cache_ttl, "seconds a cached result stays fresh, for every status (0: check again, keep history)")->check(CLI::Range(0.0, 1e9));
  c->add_option("--confirm-after", confirm_after, "consecutive failing runs before a link is reported broken")->check(CLI::Range(1, 100))->capture_default_str();

  try {
    app.parse(argc, argv);
    if (no_cache && !cache_path.empty()) throw CLI::ValidationError("--cache and --no-cache exclude each other");
    if (!config_path.empty()) load_config_file(config_path, net);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "citecheck: " << e.what() << " (see citecheck check --help)\n";
    return 2;
  } catch (const ConfigError& e) {
    std::cerr << "citecheck: " << e.what() << "\n";
    return 2;
  }
  net.archive_lookup = !no_archive;
  for (const std::string* url : {&net.doi_resolver, &net.crossref_api, &net.datacite_api, &net.archive_api}) {
    if (url->rfind("http://", 0) != 0 && url->rfind("https://", 0) != 0) {
      std::cerr << "citecheck: '" << *url << "' is not an http(s) address (see citecheck check --help)\n";
      return 2;
    }
  }

  // The line models are checked before any input is read: a damaged or foreign model file is
  // refused by name, never replaced by something else.
  std::optional<LineModels> line_models;
  try {
    line_models = line_models_dir.empty() ? builtin_line_models() : load_line_models(line_models_dir);
  } catch (const ModelError& e) {
    std::cerr << "citecheck: " << e.what() << "\n";
    return 2;
  }

  Report report;
  report.generated_at = now_utc();
  bool input_error = false;
  std::vector<std::string> inputs;
  for (const auto& path : files) {
    std::error_code ec;
    if (path != "-" && std::filesystem::is_directory(path, ec)) {
      auto found = manuscripts_in(path);
      if (found.empty()) {
        std::cerr << "citecheck: cannot read '" << path << "': the directory holds no manuscript citecheck reads (.txt, .docx, .odt, .pdf, .xml, .bib, .json)\n";
        input_error = true;
      }
      inputs.insert(inputs.end(), found.begin(), found.end());
    } else {
      inputs.push_back(path);
    }
  }
  for (const auto& path : inputs) {
    try {
      std::error_code ec;
      if (path != "-" && !std::filesystem::exists(path, ec)) throw InputError("no such file");
      Document doc = read_document_file(path);
      report.documents.push_back(check_document(doc, *line_models));
    } catch (const InputError& e) {
      std::cerr << "citecheck: cannot read '" << path << "': " << e.what() << "\n";
      input_error = true;
    } catch (const std::bad_alloc&) {
      std::cerr << "citecheck: cannot read '" << path << "': out of memory\n";
      input_error = true;
    }
  }

  bool network_down = false;
  if (!offline) {
    std::optional<LinkCache> cache;
    if (!no_cache) {
      CacheTtl ttl;
      if (cache_ttl) {
        auto t = static_cast<std::int64_t>(*cache_ttl);
        ttl.ok = ttl.redirected = ttl.failure = ttl.unverifiable = ttl.other = t;
      }
      std::string path = cache_path.empty() ? default_cache_path() : cache_path;
      try {
        cache.emplace(LinkCache::open(path, ttl));
      } catch (const CacheError& e) {
        std::cerr << "citecheck: " << e.what() << " (use --no-cache or another --cache FILE)\n";
        return 2;
      }
    }
    ResolveSettings settings;
    settings.cache = cache ? &*cache : nullptr;
    settings.confirm_after = confirm_after;
    settings.progress = progress_wanted(quiet);
    ResolveOutcome outcome;
    try {
      outcome = resolve_links(report, net, settings);
    } catch (const CacheError& e) {
      std::cerr << "citecheck: " << e.what() << "\n";
      return 2;
    }
    if (outcome.network_down) {
      network_down = true;
      std::cerr << "citecheck: " << outcome.network_reason << "; links are reported unchecked and no history was written\n";
    }
    NetworkCheckSettings checks;
    checks.confirm_after = confirm_after;
    for (auto& d : report.documents) {
      check_network_results(d.manuscript, checks, d.findings);
      sort_findings(d.findings);
    }
  }
  redact_report(report);

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
  if (input_error || network_down) return 2;
  return exit_status(report);
}

}  // namespace citecheck
