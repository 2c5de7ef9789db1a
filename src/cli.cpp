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
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <set>

#include "parsers/readers/read_document.hpp"
#include "parsers/text_reader.hpp"
#include "resolvers/cache.hpp"
#include "resolvers/link_selection.hpp"
#include "resolvers/request_url.hpp"
#include "resolvers/progress.hpp"
#include "resolvers/resolve_links.hpp"
#include "resolvers/shard.hpp"
#include "resolvers/resolver_options.hpp"
#include "src/annotate_docx.hpp"
#include "src/document_cache.hpp"
#include "src/documents_at_rest.hpp"
#include "src/localize.hpp"
#include "src/checks/checks.hpp"
#include "src/command_line.hpp"
#include "src/pipeline.hpp"
#include "src/report_formats.hpp"
#include "src/report_output.hpp"
#include "src/report_json.hpp"
#include "src/report_jsonl.hpp"
#include "src/history_command.hpp"
#include "src/merge_reports.hpp"
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

std::string now_utc() {
  std::time_t t = std::time(nullptr);
  // Reproducible builds and tests may pin the clock.
  if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH")) t = static_cast<std::time_t>(std::atoll(epoch));
  return rfc3339(t);
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

// `citecheck history`: the cache alone answers.
int run_history(const CliOptions& o) {
  try {
    const std::string path = o.history_cache.empty() ? default_cache_path() : o.history_cache;
    std::error_code ec;
    if (!is_postgres_address(path) && !std::filesystem::exists(path, ec)) {
      std::cerr << "citecheck: there is no link cache at '" << path << "' (give the --cache FILE the checks used)\n";
      return kExitUsage;
    }
    std::unique_ptr<LinkStore> store = open_link_store(path);
    return write_history(*store, o.history_query, std::cout, std::cerr);
  } catch (const CacheError& e) {
    std::cerr << "citecheck: " << e.what() << "\n";
    return kExitUsage;
  }
}

// `citecheck merge`: the shards' reports as one (merge_reports.hpp). JSON Lines reports are
// merged as they stream, a document at a time; JSON reports whole.
int run_merge(const CliOptions& o) {
  if (!o.output.empty()) {
    if (auto input = input_at(o.output, o.merge_inputs)) {
      std::cerr << "citecheck: refusing to write the merged report to '" << o.output << "': it is the input '" << *input
                << "' (choose another --output)\n";
      return kExitUsage;
    }
    try {
      check_output_target(o.output);
    } catch (const OutputError& e) {
      std::cerr << "citecheck: " << e.what() << "\n";
      return kExitUsage;
    }
  }
  std::size_t lines = 0;
  for (const auto& path : o.merge_inputs) lines += is_json_lines_report(path);
  if (lines != 0 && lines != o.merge_inputs.size()) {
    std::cerr << "citecheck: cannot merge JSON and JSON Lines reports together: give the shards' reports in one format\n";
    return kExitUsage;
  }
  std::function<void(std::ostream&)> write;
  nlohmann::json merged;
  try {
    if (lines) {
      // Checked before anything is written: the streaming merge below would stop half-way.
      write = [&](std::ostream& out) { merge_shard_lines(o.merge_inputs, out); };
    } else {
      std::vector<ShardReport> shards;
      for (const auto& path : o.merge_inputs) {
        try {
          shards.push_back({path, nlohmann::json::parse(read_file_bytes(path))});
        } catch (const nlohmann::json::exception& e) {
          std::cerr << "citecheck: '" << path << "' is not a JSON report (" << e.what() << "); merge reads --format json or jsonl reports\n";
          return kExitUnreadableInput;
        }
      }
      merged = merge_shard_reports(std::move(shards));
      write = [&](std::ostream& out) { out << merged.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n"; };
    }
    if (o.output.empty()) {
      write(std::cout);
      std::cout.flush();
      if (std::cout) return 0;
      std::cerr << "citecheck: cannot write standard output\n";
      return kExitReportNotWritten;
    }
    write_file_atomically(o.output, write);
  } catch (const InputError& e) {
    std::cerr << "citecheck: cannot read: " << e.what() << "\n";
    return kExitUnreadableInput;
  } catch (const MergeError& e) {
    std::cerr << "citecheck: cannot merge: " << e.what() << (o.output.empty() ? "" : "; the previous report, if any, is left as it was") << "\n";
    return kExitUsage;
  } catch (const nlohmann::json::exception& e) {  // a field of the wrong type: not citecheck's report
    std::cerr << "citecheck: cannot merge: a report is not as citecheck writes it (" << e.what() << ")\n";
    return kExitUnreadableInput;
  } catch (const OutputError& e) {
    std::cerr << "citecheck: " << e.what() << "; the previous report, if any, is left as it was\n";
    return kExitReportNotWritten;
  }
  return 0;
}

// Why --annotate cannot be done with these inputs and outputs, if it cannot: it copies one
// Word manuscript, never over the manuscript or the report. An input that cannot be read is
// left to the run, which says so (exit 3).
std::optional<std::string> annotation_refused(const CliOptions& o, const std::vector<std::string>& inputs) {
  std::error_code ec;
  const bool folder = o.files.size() == 1 && std::filesystem::is_directory(o.files.front(), ec);
  if (o.files.size() != 1 || folder || inputs.size() != 1)
    return "--annotate writes one commented copy of one Word manuscript: give a single .docx file, not " +
           (folder ? "a directory" : std::to_string(o.files.size()) + " files");
  const std::string& input = inputs.front();
  if (input == "-") return std::string("--annotate needs the Word manuscript as a file, not standard input");
  try {
    if (!is_word_document(read_file_bytes(input)))
      return "--annotate writes Word comments: '" + input + "' is not a Word document (.docx); save it as .docx first";
  } catch (const InputError&) {
  }
  if (auto same = input_at(o.annotate, inputs))
    return "refusing to write the annotated copy to '" + o.annotate + "': it is the input '" + *same + "' (choose another --annotate)";
  if (!o.output.empty()) {
    const auto a = std::filesystem::weakly_canonical(o.annotate, ec), r = std::filesystem::weakly_canonical(o.output, ec);
    if (input_at(o.annotate, {o.output}) || (!a.empty() && a == r))
      return "--annotate and --output name the same file '" + o.annotate + "'; give the copy and the report different names";
  }
  try {
    check_output_target(o.annotate);
  } catch (const OutputError& e) {
    return std::string(e.what()) + " (--annotate)";
  }
  return std::nullopt;
}

// The options as they took effect (a config file's values included), for the JSON report's
// run object; never the headers, which may carry credentials.
std::vector<RunOption> options_in_effect(const CliOptions& o) {
  const ResolverOptions& net = o.net;
  std::vector<RunOption> out = {{"files", o.files},
                                {"format", o.format},
                                {"offline", o.offline},
                                {"allow-private", net.allow_private},
                                {"proxy-trusted", net.proxy_trusted},
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
                                {"no-archive", o.no_archive},
                                {"no-cache", o.no_cache},
                                {"reparse", o.reparse},
                                {"resume", o.resume},
                                {"dead-after", static_cast<long long>(o.dead_rule.after)},
                                {"dead-span", o.dead_span_hours},
                                {"recheck-after", o.recheck_after},
                                {"fail-on", o.fail_on}};
  auto text_option = [&](const char* name, const std::string& value) {
    if (!value.empty()) out.push_back({name, value});
  };
  text_option("output", o.output);
  text_option("annotate", o.annotate);
  text_option("lang", o.lang);
  text_option("mailto", net.mailto);
  if (o.config_file) text_option("config", *o.config_file);
  text_option("cache", o.cache_path);
  if (o.cache_ttl) out.push_back({"cache-ttl", *o.cache_ttl});
  text_option("encoding", o.encoding);
  text_option("line-models", o.line_models_dir);
  text_option("field-model", o.field_model_file);
  text_option("base", o.base);
  text_option("user-agent", net.custom_user_agent);
  if (o.shard) text_option("shard", o.shard->label());
  text_option("window", o.window);
  return out;
}

}  // namespace

int run_cli(int argc, char** argv) {
  CliOptions options;
  if (auto status = parse_command_line(argc, argv, ConfigSearch::from_environment(), options, std::cout, std::cerr))
    return *status;
  if (options.history) return run_history(options);
  if (options.merge) return run_merge(options);
  for (const auto& w : options.warnings) std::cerr << "citecheck: warning: " << w << "\n";
  const CliOptions& o = options;
  const std::string& output = o.output;
  const std::optional<std::int64_t>& clock = o.now;

  // The models are checked before any input is read: a damaged or foreign model file is
  // refused by name, never replaced by something else.
  std::optional<LineModels> line_models;
  std::optional<FieldTagger> field_tagger;
  try {
    line_models = o.line_models_dir.empty() ? builtin_line_models() : load_line_models(o.line_models_dir);
    field_tagger.emplace(o.field_model_file.empty() ? builtin_field_tagger() : load_field_tagger(o.field_model_file));
  } catch (const ModelError& e) {
    std::cerr << "citecheck: " << e.what() << "\n";
    return kExitUsage;
  }

  Report report;
  report.generated_at = report.run.started_at = clock ? rfc3339(*clock) : now_utc();
  report.language = o.lang;
  const Language* language = find_language(o.lang);  // checked when the options were read
  if (!language) language = &english();
  report.run.options = options_in_effect(o);
  report.run.shard = o.shard;
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
  const bool streaming = o.format == "jsonl";
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

  // --annotate: one Word manuscript, and a copy that is neither it nor the report, in a
  // folder that exists; settled before any work, as for the report.
  const bool annotating = !o.annotate.empty() && !o.dump;
  if (annotating) {
    if (auto why = annotation_refused(o, inputs)) {
      std::cerr << "citecheck: " << *why << "\n";
      return kExitUsage;
    }
  }

  // --format jsonl: each document goes out as soon as it is done, to `output`.partial (renamed
  // over `output` when the run ends) or standard output; offline, a document is done once
  // checked, online once the link stage (shared by every document) has run.
  std::unique_ptr<ReportFile> partial;
  std::optional<JsonlReport> lines;
  std::string stream_error;
  if (streaming && !o.dump) {
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
  // What every document gets once its links are checked (or at once, offline): the findings
  // of the network's answers, the report's language, no credentials.
  NetworkCheckSettings network_checks;
  network_checks.archive_lookup = o.net.archive_lookup;
  auto finish = [&](DocumentReport& d) {
    if (!o.offline) {
      check_network_results(d.manuscript, network_checks, d.findings);
      sort_findings(d.findings);
    }
    localize_findings(d, *language);
    redact_document(d);
  };
  // Writes a finished document as a line and lets it go; after a write error, nothing more.
  auto stream_document = [&](const DocumentReport& d) {
    if (!stream_error.empty()) return;
    try {
      lines->document(d);
    } catch (const OutputError& e) {
      stream_error = e.what();
    }
  };
  // The documents of an archive run wait for the link stage and the report as bytes
  // (documents_at_rest.hpp) when the report is written a document at a time: JSON, and JSON
  // Lines online (offline, each line is written as its document is checked). Not for one
  // manuscript, which would only be held twice when woken; nor for --annotate, --dump, or
  // --suggest-dois, whose answers go into the entries.
  std::optional<DocumentsAtRest> resting;
  if (inputs.size() > 1 && (o.format == "json" || (streaming && !o.offline)) && !annotating && !o.dump &&
      !o.net.suggest_dois)
    resting.emplace();
  int findings_status = 0;
  // Document i of the report, finished, whether it was kept at rest or not.
  auto finished_document = [&](std::size_t i) {
    DocumentReport d = resting->wake(i, report.documents[i]);
    finish(d);
    if (fails_run(d, o.fail_policy)) findings_status = 1;
    return d;
  };
  CheckOptions check_options;
  check_options.excerpts = o.format == "html";

  // The link store, opened before any input is read: it also keeps each manuscript as checked,
  // so that a rerun (a nightly job over an archive) reads and parses only what changed.
  std::unique_ptr<LinkStore> cache;
  if (!o.offline && !o.no_cache && !o.dump) {
    CacheTtl ttl;
    ttl.ok = ttl.redirected = *parse_duration(o.recheck_after, 86400);
    if (o.cache_ttl) {
      auto t = static_cast<std::int64_t>(*o.cache_ttl);
      ttl.ok = ttl.redirected = ttl.failure = ttl.unverifiable = ttl.other = t;
    }
    std::string path = o.cache_path.empty() ? default_cache_path() : o.cache_path;
    try {
      cache = open_link_store(path, ttl);
    } catch (const CacheError& e) {
      std::cerr << "citecheck: " << e.what() << " (use --no-cache or another --cache FILE)\n";
      return kExitUsage;
    }
  }
  // Not for --annotate, which needs the manuscript's text as read.
  std::optional<DocumentCache> kept_documents;
  if (cache && !o.reparse && !annotating) {
    if (auto build = running_build_id()) {
      DocumentCacheSettings kept;
      kept.build_id = *build;
      kept.line_models_dir = o.line_models_dir;
      kept.field_model_file = o.field_model_file;
      kept.encoding = o.encoding;
      kept.base = o.base;
      kept.excerpts = check_options.excerpts;
      try {
        kept_documents.emplace(*cache, kept, clock.value_or(static_cast<std::int64_t>(std::time(nullptr))));
      } catch (const CacheError& e) {
        std::cerr << "citecheck: warning: " << e.what() << "; every manuscript is checked anew\n";
      }
    }
  }

  std::optional<std::string> annotated_text;        // the Word manuscript's text as read
  std::optional<DocumentReport> annotated_copy;     // its report, when the stream lets it go
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
      DocumentReport checked;
      if (kept_documents) {
        // Kept from an earlier run when its bytes and everything else it came from are the same;
        // by the file's real path, so a job started from another folder finds it too.
        const std::string name = path == "-" ? "<stdin>" : path;
        std::error_code real_ec;
        std::string where = path == "-" ? name : std::filesystem::weakly_canonical(path, real_ec).string();
        if (real_ec || where.empty()) where = name;
        std::string bytes = read_file_bytes(path);
        const std::string digest = kept_documents->digest(where, bytes);
        if (auto found = kept_documents->find(where, digest)) {
          checked = std::move(*found);
          checked.path = name;  // as this run names it
        } else {
          checked = check_document(read_document(name, std::move(bytes), o.encoding, o.base), *line_models, *field_tagger,
                                   check_options);
          kept_documents->keep(where, digest, checked);
        }
      } else {
        Document doc = read_document_file(path, o.encoding, o.base);
        checked = check_document(doc, *line_models, *field_tagger, check_options);
        if (annotating) annotated_text = std::move(doc.text);
      }
      apply_link_selection(checked.manuscript, selection_for(path, o.selection, ignore_files));
      if (o.shard) apply_shard(checked.manuscript, o.net, *o.shard);
      if (lines && o.offline) {
        finish(checked);
        if (annotating) annotated_copy = checked;  // streamed away below
        stream_document(checked);
      } else {
        report.documents.push_back(resting ? resting->rest(std::move(checked)) : std::move(checked));
      }
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

  std::unique_ptr<LeaseKeeper> leases;  // a worker of a shared night: kept until its run is committed
  std::string cache_error;
  if (!o.offline) {
    ResolveSettings settings;
    settings.cache = cache.get();
    settings.dead_rule = o.dead_rule;
    settings.now = clock;
    settings.progress = progress_wanted(o.quiet);
    settings.stop = &g_stop_signal;
    if (!o.window.empty()) settings.window = static_cast<std::int64_t>(*parse_duration(o.window, 3600));
    if (cache) {
      // The run's rows count only once the report is written (cache.hpp): begun here,
      // committed or discarded below.
      try {
        const auto now = clock.value_or(static_cast<std::int64_t>(std::time(nullptr)));
        const std::string lane = o.shard ? o.shard->label() : "";
        if (o.resume) settings.resume_since = cache->resume_point(lane);
        cache->begin_run(now, settings.resume_since.value_or(now), lane);
        if (!o.night.empty()) {
          settings.night = o.night;
          settings.lease_seconds = o.lease_seconds;
          leases = cache->keep_leases(o.night, o.lease_seconds);
        }
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
    if (cache)
      report.run.cache = CacheOutcome{cache->name(), cache_error.empty(), cache_error, kept_documents ? kept_documents->hits() : 0};
    report.run.sites = std::move(outcome.sites);
    report.run.deferred = outcome.deferred;
  }
  if (g_stop_signal) {  // also when the signal came while reading, or offline
    report.run.complete = false;
    report.run.interrupted_by = signal_name(g_stop_signal);
    std::cerr << "citecheck: interrupted by " << report.run.interrupted_by << "; " << report.run.left_unchecked.size()
              << " link(s) left unchecked" << (cache ? " (run again with --resume to check only those)" : "") << "\n";
  }
  if (!resting)
    for (auto& d : report.documents) finish(d);

  // The commented copy of the manuscript, before the report (whose documents a stream lets go).
  bool annotated = true;
  if (annotating && annotated_text) {
    // Offline JSON Lines kept a copy, finished when checked; otherwise the report holds it.
    const DocumentReport* d = annotated_copy ? &*annotated_copy : report.documents.empty() ? nullptr : &report.documents.front();
    CommentAuthor author;
    author.date = report.generated_at;
    author.language = o.lang;
    try {
      if (d) write_annotated_docx(inputs.front(), o.annotate, *annotated_text, *d, author);
    } catch (const OutputError& e) {
      std::cerr << "citecheck: " << e.what() << " (the annotated copy); a previous one, if any, is left as it was\n";
      annotated = false;
    } catch (const AnnotationError& e) {
      std::cerr << "citecheck: cannot write the annotated copy '" << o.annotate << "': " << e.what() << "\n";
      annotated = false;
    }
  }

  bool to_terminal = output.empty() && isatty(STDOUT_FILENO);
  bool colour = to_terminal && !o.no_colour && !std::getenv("NO_COLOR");
  auto write_report = [&](std::ostream& out) {
    if (!resting) return citecheck::write_report(o.format, report, out, colour);
    DocumentReport current;
    write_json(report, report.documents.size(), [&](std::size_t i) -> const DocumentReport& {
      current = finished_document(i);
      return current;
    }, out);
  };
  // The report first, then the run's history: a report that cannot be written leaves no
  // history, so the next run still reports what this one found first (newly-broken).
  bool written = true;
  // Before the documents are streamed away; documents streamed as they were checked (offline
  // jsonl) count through the stream's totals below, documents at rest as they are woken.
  if (!resting) findings_status = exit_status(report, o.fail_policy);
  report.run.finished_at = clock ? rfc3339(*clock) : now_utc();
  if (lines) {
    for (std::size_t i = 0; i < report.documents.size(); ++i) {
      if (resting) stream_document(finished_document(i));
      else stream_document(report.documents[i]);
      report.documents[i] = DocumentReport{};  // let go once written
    }
    report.documents.clear();
    if (stream_error.empty()) {
      try {
        lines->end(report);
        if (partial) partial->commit();
      } catch (const OutputError& e) {
        stream_error = e.what();
      }
    }
    if (o.fail_policy == FailOn::Any && lines->totals().errors > 0) findings_status = 1;
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
      leases.reset();  // the run's sites are done (or given back): no lease to keep
    } catch (const CacheError& e) {
      // Not committed: the history of this run does not count. A report file still says so.
      if (cache_error.empty() && written) {
        cache_error = e.what();
        report.run.cache = CacheOutcome{cache->name(), false, cache_error, kept_documents ? kept_documents->hits() : 0};
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

  if (!written || !annotated) return kExitReportNotWritten;
  if (input_error) return kExitUnreadableInput;
  if (report.run.network_down) return kExitNetworkDown;
  if (!report.run.complete) return kExitIncomplete;
  if (!cache_error.empty()) return kExitCacheNotSaved;
  return findings_status;
}

}  // namespace citecheck
