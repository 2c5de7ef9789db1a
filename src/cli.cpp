#include "src/cli.hpp"

#include <signal.h>
#include <unistd.h>

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
#include <map>
#include <set>

#include "parsers/readers/read_document.hpp"
#include "parsers/text_reader.hpp"
#include "resolvers/cache.hpp"
#include "resolvers/link_selection.hpp"
#include "resolvers/request_url.hpp"
#include "resolvers/progress.hpp"
#include "resolvers/resolve_links.hpp"
#include "resolvers/resolver_options.hpp"
#include "src/checks/checks.hpp"
#include "src/command_line.hpp"
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

// The command line's patterns, with those of the .citecheckignore beside the input (each
// file read once).
const LinkSelection& selection_for(const std::string& input, const LinkSelection& global,
                                   std::map<std::string, LinkSelection>& by_file) {
  auto ignore = ignore_file_beside(input);
  if (!ignore) return global;
  auto [it, added] = by_file.try_emplace(*ignore);
  if (added) {
    LinkSelection file;
    file.exclude_file(*ignore);
    it->second = global;
    it->second.add(file);
  }
  return it->second;
}

// --dump: each distinct URL and DOI the run would ask about, one a line, as it would be asked
// (a DOI as its doi.org address; a remapped URL followed by the address printed).
void write_dump(const Report& report, const ResolverOptions& net, std::ostream& out) {
  std::set<std::string> listed;
  for (const auto& d : report.documents)
    for (const auto& l : d.manuscript.links) {
      if (l.status != LinkStatus::Unchecked || (l.kind != LinkKind::Url && l.kind != LinkKind::Doi)) continue;
      std::string address = l.kind == LinkKind::Doi ? selection_address(l) : checked_address(l, net);
      if (l.kind == LinkKind::Url && !request_url(address)) continue;
      if (!listed.insert(address).second) continue;
      out << redact_credentials(address);
      if (l.kind == LinkKind::Url && address != l.value) out << "\t(remapped from " << redact_credentials(l.value) << ")";
      out << "\n";
    }
}

}  // namespace

int run_cli(int argc, char** argv) {
  CliOptions options;
  if (auto status = parse_command_line(argc, argv, ConfigSearch::from_environment(), options, std::cout, std::cerr))
    return *status;
  for (const auto& w : options.warnings) std::cerr << "citecheck: warning: " << w << "\n";
  const CliOptions& o = options;
  const std::string& output = o.output;

  // The line models are checked before any input is read: a damaged or foreign model file is
  // refused by name, never replaced by something else.
  std::optional<LineModels> line_models;
  try {
    line_models = o.line_models_dir.empty() ? builtin_line_models() : load_line_models(o.line_models_dir);
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
  for (const auto& path : o.files) {
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

  // Each input's links are matched against the command line's patterns and the
  // .citecheckignore beside it (read once per folder).
  std::map<std::string, LinkSelection> ignore_files;
  catch_stop_signals();
  for (const auto& path : inputs) {
    if (g_stop_signal) {
      not_read(path, std::string("not read: the run was interrupted (") + signal_name(g_stop_signal) + ")");
      continue;
    }
    try {
      std::error_code ec;
      if (path != "-" && !std::filesystem::exists(path, ec)) throw InputError("no such file");
      Document doc = read_document_file(path, o.encoding, o.base);
      report.documents.push_back(check_document(doc, *line_models));
      apply_link_selection(report.documents.back().manuscript, selection_for(path, o.selection, ignore_files));
    } catch (const InputError& e) {
      not_read(path, e.what());
    } catch (const std::bad_alloc&) {
      not_read(path, "out of memory");
    } catch (const ConfigError& e) {
      std::cerr << "citecheck: " << e.what() << "\n";
      return kExitUsage;
    }
  }
  if (o.dump) {
    write_dump(report, o.net, std::cout);
    return input_error ? kExitUnreadableInput : 0;
  }

  std::optional<LinkCache> cache;
  std::string cache_error;
  if (!o.offline) {
    if (!o.no_cache) {
      CacheTtl ttl;
      if (o.cache_ttl) {
        auto t = static_cast<std::int64_t>(*o.cache_ttl);
        ttl.ok = ttl.redirected = ttl.failure = ttl.unverifiable = ttl.other = t;
      }
      std::string path = o.cache_path.empty() ? default_cache_path() : o.cache_path;
      try {
        cache.emplace(LinkCache::open(path, ttl));
      } catch (const CacheError& e) {
        std::cerr << "citecheck: " << e.what() << " (use --no-cache or another --cache FILE)\n";
        return kExitUsage;
      }
    }
    ResolveSettings settings;
    settings.cache = cache ? &*cache : nullptr;
    settings.confirm_after = o.confirm_after;
    settings.progress = progress_wanted(o.quiet);
    settings.stop = &g_stop_signal;
    if (cache) {
      // The run's rows count only once the report is written (cache.hpp): begun here,
      // committed or discarded below.
      try {
        const auto now = static_cast<std::int64_t>(std::time(nullptr));
        if (o.resume) settings.resume_since = cache->resume_point();
        cache->begin_run(now, settings.resume_since.value_or(now));
      } catch (const CacheError& e) {
        cache_error = e.what();
        settings.save = false;
      }
    }
    ResolveOutcome outcome = resolve_links(report, o.net, settings);
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
    checks.confirm_after = o.confirm_after;
    checks.archive_lookup = o.net.archive_lookup;
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
  bool colour = to_terminal && !o.no_colour && !std::getenv("NO_COLOR");
  auto write_report = [&](std::ostream& out) {
    citecheck::write_report(o.format, report, out, colour);
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
