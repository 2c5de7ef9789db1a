#include "src/cli.hpp"

#include <signal.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <optional>
#include <cerrno>
#include <csignal>
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
#include "src/report_formats.hpp"
#include "src/report_output.hpp"

namespace citecheck {

namespace {

// The one global: a signal handler can only set a flag of this type, and it must reach the
// network loop, which polls it (ResolveSettings::stop). 0, or the signal that asked to stop.
volatile std::sig_atomic_t g_stop_signal = 0;

void on_stop_signal(int signal) { g_stop_signal = signal; }

// SIGINT and SIGTERM ask the run to stop and still report (README "Interrupting a run"). Once
// only: SA_RESETHAND makes a second signal end the process at once, as a user pressing
// Ctrl-C twice expects. No SA_RESTART: a blocking call returns, and the loop sees the flag.
void catch_stop_signals() {
  struct sigaction action {};
  action.sa_handler = on_stop_signal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESETHAND;
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

const char* signal_name(int signal) { return signal == SIGINT ? "SIGINT" : signal == SIGTERM ? "SIGTERM" : "a signal"; }

// Exit statuses (README "Exit status"). When several apply, the first of 7, 3, 4, 5, 6 wins
// over the findings' 0 or 1.
constexpr int kExitUsage = 2, kExitUnreadableInput = 3, kExitNetworkDown = 4, kExitIncomplete = 5,
              kExitCacheNotSaved = 6, kExitReportNotWritten = 7;

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
  // .doc and .rtf are manuscripts citecheck cannot read: taken, so the reader refuses each by
  // name with the way out, rather than the walk leaving them out unsaid.
  static const char* kExtensions[] = {".txt", ".text", ".docx", ".odt", ".pdf", ".xml", ".nxml", ".bib", ".json",
                                      ".doc", ".rtf"};
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
  bool offline = false, no_colour = false, no_cache = false, quiet = false, no_archive = false, resume = false;
  int confirm_after = 1;
  std::optional<double> cache_ttl;
  ResolverOptions net;
  check->add_option("FILE", files, "manuscripts to check: UTF-8 text, Word (.docx), OpenDocument (.odt), PDF, JATS XML, BibTeX or CSL-JSON (told from the bytes); a directory: every such file in it; - reads standard input")->required();
  CLI::Option* format_option = check->add_option("--format", format, "report format: text, json, sarif, junit, markdown or csv (default: from the --output extension, else text)")->check(CLI::IsMember(report_format_names()));
  check->add_option("-o,--output", output, "write the report to FILE instead of standard output (.json .sarif .xml .md .csv .txt choose the format when --format is not given)");
  check->add_flag("--no-color", no_colour, "never colour the text report");
  check->add_flag("--quiet", quiet, "no progress line on standard error");
  std::string line_models_dir;
  check->add_option("--line-models", line_models_dir, "read the reference-list line models from DIR (reference-zone.model, reference-entry.model) instead of the built-in ones");
  std::string field_model_file;
  check->add_option("--field-model", field_model_file, "read the reference-field tagger from FILE (reference-fields.model, as citecheck-train writes it) instead of the built-in one");
  std::string encoding;
  check->add_option("--encoding", encoding, "encoding of text files that are not UTF-8 (windows-1256, CP1251, KOI8-R…) instead of detecting it")
      ->check(CLI::Validator([](std::string& name) { return known_encoding(name) ? std::string() : "unknown encoding '" + name + "'"; }, "NAME"));
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
  c->add_flag("--resume", resume, "check only what the last, interrupted run left unchecked (its results are taken from the cache whatever their age)");
  c->add_option("--confirm-after", confirm_after, "consecutive failing runs before a link is reported broken")->check(CLI::Range(1, 100))->capture_default_str();

  try {
    app.parse(argc, argv);
    if (format_option->count() == 0 && !output.empty()) format = format_for_output(output);
    if (no_cache && !cache_path.empty()) throw CLI::ValidationError("--cache and --no-cache exclude each other");
    if (resume && (no_cache || offline))
      throw CLI::ValidationError("--resume continues the interrupted run recorded in the cache: it needs the network and the cache (not --offline or --no-cache)");
    if (!config_path.empty()) load_config_file(config_path, net);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "citecheck: " << e.what() << " (see citecheck check --help)\n";
    return kExitUsage;
  } catch (const ConfigError& e) {
    std::cerr << "citecheck: " << e.what() << "\n";
    return kExitUsage;
  }
  net.archive_lookup = !no_archive;
  for (const std::string* url : {&net.doi_resolver, &net.crossref_api, &net.datacite_api, &net.archive_api}) {
    if (url->rfind("http://", 0) != 0 && url->rfind("https://", 0) != 0) {
      std::cerr << "citecheck: '" << *url << "' is not an http(s) address (see citecheck check --help)\n";
      return kExitUsage;
    }
  }

  // The line models are checked before any input is read: a damaged or foreign model file is
  // refused by name, never replaced by something else.
  std::optional<LineModels> line_models;
  std::optional<FieldTagger> field_tagger;
  try {
    line_models = line_models_dir.empty() ? builtin_line_models() : load_line_models(line_models_dir);
    field_tagger.emplace(field_model_file.empty() ? builtin_field_tagger() : load_field_tagger(field_model_file));
  } catch (const ModelError& e) {
    std::cerr << "citecheck: " << e.what() << "\n";
    return kExitUsage;
  }

  Report report;
  report.generated_at = now_utc();
  bool input_error = false;
  auto not_read = [&](const std::string& path, const std::string& why) {
    std::cerr << "citecheck: cannot read '" << path << "': " << why << "\n";
    report.run.failed_inputs.push_back({path, why});
    input_error = true;
  };
  std::vector<std::string> inputs;
  for (const auto& path : files) {
    std::error_code ec;
    if (path != "-" && std::filesystem::is_directory(path, ec)) {
      auto found = manuscripts_in(path);
      if (found.empty())
        not_read(path, "the directory holds no manuscript citecheck reads (.txt, .docx, .odt, .pdf, .xml, .bib, .json)");
      inputs.insert(inputs.end(), found.begin(), found.end());
    } else {
      inputs.push_back(path);
    }
  }
  // Where the report goes is settled before any work: a manuscript is never overwritten, and
  // an hour of checking is not lost to a missing folder.
  if (!output.empty()) {
    if (auto input = input_at(output, inputs)) {
      std::cerr << "citecheck: refusing to write the report to '" << output << "': it is the input '" << *input
                << "' (choose another --output)\n";
      return kExitUsage;
    }
    try {
      check_output_target(output);
    } catch (const OutputError& e) {
      std::cerr << "citecheck: " << e.what() << "\n";
      return kExitUsage;
    }
  }

  catch_stop_signals();
  for (const auto& path : inputs) {
    if (g_stop_signal) {
      not_read(path, std::string("not read: the run was interrupted (") + signal_name(g_stop_signal) + ")");
      continue;
    }
    try {
      std::error_code ec;
      if (path != "-" && !std::filesystem::exists(path, ec)) throw InputError("no such file");
      Document doc = read_document_file(path, encoding);
      report.documents.push_back(check_document(doc, *line_models, *field_tagger));
    } catch (const InputError& e) {
      not_read(path, e.what());
    } catch (const std::bad_alloc&) {
      not_read(path, "out of memory");
    }
  }

  std::optional<LinkCache> cache;
  std::string cache_error;
  if (!offline) {
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
        return kExitUsage;
      }
    }
    ResolveSettings settings;
    settings.cache = cache ? &*cache : nullptr;
    settings.confirm_after = confirm_after;
    settings.progress = progress_wanted(quiet);
    settings.stop = &g_stop_signal;
    if (cache) {
      // The run's rows count only once the report is written (cache.hpp): begun here,
      // committed or discarded below.
      try {
        const auto now = static_cast<std::int64_t>(std::time(nullptr));
        if (resume) settings.resume_since = cache->resume_point();
        cache->begin_run(now, settings.resume_since.value_or(now));
      } catch (const CacheError& e) {
        cache_error = e.what();
        settings.save = false;
      }
    }
    ResolveOutcome outcome = resolve_links(report, net, settings);
    if (cache_error.empty()) cache_error = outcome.cache_error;
    if (outcome.network_down) {
      report.run.network_down = outcome.network_reason;
      std::cerr << "citecheck: " << outcome.network_reason << "; links are reported unchecked and no history was written\n";
    }
    if (outcome.interrupted) {
      report.run.complete = false;
      report.run.left_unchecked = std::move(outcome.left_unchecked);
    }
    if (cache) report.run.cache = CacheOutcome{cache->path(), cache_error.empty(), cache_error};
    NetworkCheckSettings checks;
    checks.confirm_after = confirm_after;
    checks.archive_lookup = net.archive_lookup;
    for (auto& d : report.documents) {
      check_network_results(d.manuscript, checks, d.findings);
      sort_findings(d.findings);
    }
  }
  if (g_stop_signal) {  // also when the signal came while reading, or offline
    report.run.complete = false;
    report.run.interrupted_by = signal_name(g_stop_signal);
    std::cerr << "citecheck: interrupted by " << report.run.interrupted_by << "; " << report.run.left_unchecked.size()
              << " link(s) left unchecked" << (cache ? " (run again with --resume to check only those)" : "") << "\n";
  }
  redact_report(report);

  bool to_terminal = output.empty() && isatty(STDOUT_FILENO);
  bool colour = to_terminal && !no_colour && !std::getenv("NO_COLOR");
  auto write_report = [&](std::ostream& out) {
    citecheck::write_report(format, report, out, colour);
  };
  // The report first, then the run's history: a report that cannot be written leaves no
  // history, so the next run still reports what this one found first (newly-broken).
  bool written = true;
  if (output.empty()) {
    write_report(std::cout);
    std::cout.flush();
    if (!std::cout) {
      std::cerr << "citecheck: cannot write standard output\n";
      written = false;
    }
  } else {
    try {
      write_file_atomically(output, write_report);
    } catch (const OutputError& e) {
      std::cerr << "citecheck: " << e.what() << "; the previous report, if any, is left as it was\n";
      written = false;
    }
  }
  if (cache && cache->in_run()) {
    try {
      if (written) cache->commit_run(report.run.complete);
      else cache->discard_run();
    } catch (const CacheError& e) {
      // Not committed: the history of this run does not count. A report file still says so.
      if (cache_error.empty() && written) {
        cache_error = e.what();
        report.run.cache = CacheOutcome{cache->path(), false, cache_error};
        if (!output.empty()) {
          try {
            write_file_atomically(output, write_report);
          } catch (const OutputError&) {
          }
        }
      }
    }
  }
  if (!cache_error.empty() && written)
    std::cerr << "citecheck: the link cache was not saved (" << cache_error
              << "); the report is complete but this run's history is not recorded\n";

  if (!written) return kExitReportNotWritten;
  if (input_error) return kExitUnreadableInput;
  if (report.run.network_down) return kExitNetworkDown;
  if (!report.run.complete) return kExitIncomplete;
  if (!cache_error.empty()) return kExitCacheNotSaved;
  return exit_status(report);
}

}  // namespace citecheck
