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
#include <memory>

#include "parsers/readers/read_document.hpp"
#include "parsers/text_reader.hpp"
#include "resolvers/cache.hpp"
#include "resolvers/progress.hpp"
#include "resolvers/resolve_links.hpp"
#include "resolvers/resolver_options.hpp"
#include "src/checks/checks.hpp"
#include "src/pipeline.hpp"
#include "src/report_formats.hpp"
#include "src/report_jsonl.hpp"
#include "src/report_output.hpp"
#include "src/history_command.hpp"
#include "src/time_values.hpp"

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
  return rfc3339(t);
}

// CLI11 validators for the time values of time_values.hpp.
CLI::Validator instant_validator() {
  return CLI::Validator(
      [](std::string& text) {
        return parse_instant(text) ? std::string() : "'" + text + "' is not a date (2026-12-06, 2026-12-06T02:00:00Z or @UNIX-SECONDS)";
      },
      "TIME");
}

CLI::Validator duration_validator(const char* bare_unit) {
  return CLI::Validator(
      [bare_unit](std::string& text) {
        return parse_duration(text, 1) ? std::string()
                                       : "'" + text + "' is not a duration (a whole number of " + bare_unit +
                                             ", or with a unit: 90s, 30m, 8h, 7d)";
      },
      "DURATION");
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
  DeadRule dead_rule;
  double dead_span_hours = 72;
  std::optional<int> confirm_after;
  std::string recheck_after = "7d", fail_on = "any", now_text;
  std::optional<double> cache_ttl;
  ResolverOptions net;
  check->add_option("FILE", files, "manuscripts to check: UTF-8 text, Word (.docx), OpenDocument (.odt), PDF, JATS XML, BibTeX or CSL-JSON (told from the bytes); a directory: every such file in it; - reads standard input")->required();
  CLI::Option* format_option = check->add_option("--format", format, "report format: text, json, jsonl, html, sarif, junit, markdown or csv (default: from the --output extension, else text)")->check(CLI::IsMember(report_format_names()));
  check->add_option("-o,--output", output, "write the report to FILE instead of standard output (.json .jsonl .html .sarif .xml .md .csv .txt choose the format when --format is not given)");
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
  CLI::Option* dead_after_option =
      c->add_option("--dead-after", dead_rule.after, "failed checks (since the link last answered) before it is called dead; timeouts and refusals never count")->check(CLI::Range(1, 100))->capture_default_str();
  CLI::Option* dead_span_option =
      c->add_option("--dead-span", dead_span_hours, "hours at least between a dead link's first and latest failed check")->check(CLI::Range(0.0, 1e6))->capture_default_str();
  c->add_option("--confirm-after", confirm_after, "older spelling of --dead-after N --dead-span 0")->check(CLI::Range(1, 100))->excludes(dead_after_option);
  c->add_option("--recheck-after", recheck_after, "how long a live link is answered from the cache before it is checked again (days, or 12h, 3d…); failing links are checked on every run")->check(duration_validator("days"))->capture_default_str();
  check->add_option("--fail-on", fail_on, "which findings make the exit status 1: any (every error), new (only links newly dead on this run: newly-broken), none")->check(CLI::IsMember({"any", "new", "none"}))->capture_default_str()->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
  // Hidden (an empty group): the run's clock, for tests that play several nights in a row.
  check->add_option("--now", now_text, "the run's time (tests)")->check(instant_validator())->group("");

  CLI::App* history = app.add_subcommand("history", "what the cache recorded of links over nights");
  HistoryQuery history_query;
  std::string history_cache, history_format = "text";
  std::string since_text;
  double history_span_hours = 72;
  history->add_option("TARGET", history_query.targets, "URLs or DOIs (their checks night by night), or manuscripts (the state of every link they cite)");
  history->add_option("--since", since_text, "the links that became dead since this date and what they are now (2026-11-01, 2026-11-01T02:00:00Z)")->check(instant_validator());
  history->add_option("--format", history_format, "text or json")->check(CLI::IsMember({"text", "json"}))->capture_default_str();
  history->add_option("--cache", history_cache, "the SQLite cache (default: $XDG_CACHE_HOME/citecheck/links.sqlite)");
  history->add_option("--dead-after", history_query.rule.after, "as for check")->check(CLI::Range(1, 100))->capture_default_str();
  history->add_option("--dead-span", history_span_hours, "as for check (hours)")->check(CLI::Range(0.0, 1e6))->capture_default_str();

  try {
    app.parse(argc, argv);
    if (format_option->count() == 0 && !output.empty()) format = format_for_output(output);
    if (no_cache && !cache_path.empty()) throw CLI::ValidationError("--cache and --no-cache exclude each other");
    if (resume && (no_cache || offline))
      throw CLI::ValidationError("--resume continues the interrupted run recorded in the cache: it needs the network and the cache (not --offline or --no-cache)");
    if (!config_path.empty()) load_config_file(config_path, net);
    if (history->parsed() && history_query.targets.empty() && since_text.empty())
      throw CLI::ValidationError("history needs a URL, a DOI or a manuscript, or --since DATE");
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "citecheck: " << e.what() << " (see citecheck " << (history->parsed() ? "history" : "check")
              << " --help)\n";
    return kExitUsage;
  } catch (const ConfigError& e) {
    std::cerr << "citecheck: " << e.what() << "\n";
    return kExitUsage;
  }
  if (history->parsed()) {
    if (!since_text.empty()) history_query.since = parse_instant(since_text);
    history_query.rule.span = static_cast<std::int64_t>(history_span_hours * 3600);
    history_query.json = history_format == "json";
    try {
      const std::string path = history_cache.empty() ? default_cache_path() : history_cache;
      std::error_code ec;
      if (!std::filesystem::exists(path, ec)) {
        std::cerr << "citecheck: there is no link cache at '" << path << "' (give the --cache FILE the checks used)\n";
        return kExitUsage;
      }
      LinkCache store = LinkCache::open(path);
      return write_history(store, history_query, std::cout, std::cerr);
    } catch (const CacheError& e) {
      std::cerr << "citecheck: " << e.what() << "\n";
      return kExitUsage;
    }
  }
  if (confirm_after) {
    dead_rule.after = *confirm_after;
    if (dead_span_option->count() == 0) dead_span_hours = 0;
  }
  dead_rule.span = static_cast<std::int64_t>(dead_span_hours * 3600);
  const std::optional<std::int64_t> clock = now_text.empty() ? std::nullopt : parse_instant(now_text);
  const FailOn fail_policy = fail_on == "new" ? FailOn::New : fail_on == "none" ? FailOn::None : FailOn::Any;
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
  report.generated_at = report.run.started_at = clock ? rfc3339(*clock) : now_utc();
  // As they took effect (a config file's values included); never its headers, which may
  // carry credentials.
  auto text_option = [&](const char* name, const std::string& value) {
    if (!value.empty()) report.run.options.push_back({name, value});
  };
  report.run.options = {{"files", files},
                        {"format", format},
                        {"offline", offline},
                        {"allow-private", net.allow_private},
                        {"concurrency", static_cast<long long>(net.concurrency)},
                        {"per-host", static_cast<long long>(net.per_host)},
                        {"per-host-interval", static_cast<long long>(net.per_host_interval_ms)},
                        {"timeout", net.timeout},
                        {"connect-timeout", net.connect_timeout},
                        {"retries", static_cast<long long>(net.retries)},
                        {"max-retry-after", net.max_retry_after},
                        {"doi-resolver", net.doi_resolver},
                        {"crossref-api", net.crossref_api},
                        {"datacite-api", net.datacite_api},
                        {"archive-api", net.archive_api},
                        {"suggest-dois", net.suggest_dois},
                        {"no-archive", no_archive},
                        {"no-cache", no_cache},
                        {"resume", resume},
                        {"dead-after", static_cast<long long>(dead_rule.after)},
                        {"dead-span", dead_span_hours},
                        {"recheck-after", recheck_after},
                        {"fail-on", fail_on}};
  text_option("output", output);
  text_option("mailto", net.mailto);
  text_option("config", config_path);
  text_option("cache", cache_path);
  if (cache_ttl) report.run.options.push_back({"cache-ttl", *cache_ttl});
  text_option("encoding", encoding);
  text_option("line-models", line_models_dir);
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
  const bool streaming = format == "jsonl";
  const std::string partial_suffix = ".partial";
  if (!output.empty()) {
    auto input = input_at(output, inputs);
    if (!input && streaming) input = input_at(output + partial_suffix, inputs);
    if (input) {
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

  // --format jsonl: each document goes out as soon as it is done, to `output`.partial (renamed
  // over `output` when the run ends) or standard output; offline, a document is done once
  // checked, online once the link stage (shared by every document) has run.
  std::unique_ptr<ReportFile> partial;
  std::optional<JsonlReport> lines;
  std::string stream_error;
  if (streaming) {
    try {
      if (!output.empty()) partial = std::make_unique<ReportFile>(output, partial_suffix);
    } catch (const OutputError& e) {
      std::cerr << "citecheck: " << e.what() << "\n";
      return kExitReportNotWritten;
    }
    std::ostream& out = partial ? partial->stream() : std::cout;
    lines.emplace(out, [&partial] {
      if (partial) return partial->flush();
      std::cout.flush();
      if (!std::cout) throw OutputError("cannot write standard output");
    });
  }
  // Writes a finished document as a line and lets it go; after a write error, nothing more.
  auto stream_document = [&](DocumentReport&& d) {
    if (!stream_error.empty()) return;
    Report one;
    one.documents.push_back(std::move(d));
    redact_report(one);
    try {
      lines->document(one.documents.front());
    } catch (const OutputError& e) {
      stream_error = e.what();
    }
  };
  CheckOptions check_options;
  check_options.excerpts = format == "html";

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
      DocumentReport checked = check_document(doc, *line_models, *field_tagger, check_options);
      if (streaming && offline) stream_document(std::move(checked));
      else report.documents.push_back(std::move(checked));
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
      ttl.ok = ttl.redirected = *parse_duration(recheck_after, 86400);
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
    settings.dead_rule = dead_rule;
    settings.now = clock;
    settings.progress = progress_wanted(quiet);
    settings.stop = &g_stop_signal;
    if (cache) {
      // The run's rows count only once the report is written (cache.hpp): begun here,
      // committed or discarded below.
      try {
        const auto now = clock.value_or(static_cast<std::int64_t>(std::time(nullptr)));
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
    report.run.sites = std::move(outcome.sites);
    NetworkCheckSettings checks;
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
  // Before the documents are streamed away; documents streamed as they were checked (offline
  // jsonl) count through the stream's totals below.
  int findings_status = exit_status(report, fail_policy);
  report.run.finished_at = clock ? rfc3339(*clock) : now_utc();
  if (streaming) {
    for (auto& d : report.documents) stream_document(std::move(d));
    report.documents.clear();
    if (stream_error.empty()) {
      try {
        lines->end(report);
        if (partial) partial->commit();
      } catch (const OutputError& e) {
        stream_error = e.what();
      }
    }
    if (fail_policy == FailOn::Any && lines->totals().errors > 0) findings_status = 1;
    if (!stream_error.empty()) {
      std::cerr << "citecheck: " << stream_error << "; the previous report, if any, is left as it was\n";
      partial.reset();  // the .partial file goes
      written = false;
    }
  } else if (output.empty()) {
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
        // A JSON Lines report has let its documents go: its end line keeps saying saved, and
        // the exit status and standard error tell (README "JSON Lines").
        if (!output.empty() && !streaming) {
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
  return findings_status;
}

}  // namespace citecheck
