#include "src/command_line.hpp"

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <map>
#include <ostream>

#include "parsers/text_reader.hpp"
#include "resolvers/link_store.hpp"
#include "src/languages.hpp"
#include "src/nearest_name.hpp"
#include "src/report_formats.hpp"
#include "src/time_values.hpp"

namespace citecheck {

namespace {

const char* const kFooter = R"(Examples:
  citecheck paper.docx                       check a manuscript, report on the terminal
  citecheck --offline manuscripts/           every manuscript of a folder, without the network
  citecheck -o report.json archive/          a JSON report (the format follows the extension)
  citecheck --annotate marked.docx paper.docx   a copy of the manuscript with a comment on each finding
  citecheck --exclude 'linkedin\.com' --accept '200..=299,403' paper.pdf
  citecheck --remap 'https://journal\.example/(.*) http://localhost:8080/$1' article.xml
  citecheck --dump paper.txt                 list the links and DOIs that would be checked
  citecheck --shard 1/4 -o night-1.json archive/   one of four processes sharing a night's links
  citecheck merge -o night.json night-*.json       the four shards' reports as one

Exit status: 0 no error finding; 1 error findings; 2 usage or config error; 3 an input could
not be read; 4 the network is down; 5 interrupted; 6 the cache was not saved; 7 the report
(or the --annotate copy) could not be written.

Config: citecheck.toml in the working folder, else $XDG_CONFIG_HOME/citecheck/citecheck.toml
(~/.config/citecheck/), or --config FILE; a key for every option (timeout = 30), and options
on the command line win. See README.md.)";

// `citecheck FILE…` means `citecheck check FILE…`: only the program's own --help and
// --version (and the subcommands themselves) come without it.
std::vector<std::string> with_subcommand(int argc, const char* const* argv) {
  std::vector<std::string> args(argv, argv + argc);
  if (args.size() > 1 && args[1] != "check" && args[1] != "history" && args[1] != "merge" &&
      args[1] != "--help" && args[1] != "-h" &&
      args[1] != "--version")
    args.insert(args.begin() + 1, "check");
  return args;
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

std::string key_of(const std::string& long_name) {
  std::string key = long_name;
  for (char& c : key)
    if (c == '-') c = '_';
  return key;
}

// "did you mean --timeout?" for the first word of the command line that looks like an option
// and is none.
std::string suggestion_for(const std::vector<std::string>& args, const std::vector<CLI::Option*>& known) {
  std::vector<std::string> names{"--help", "--version"};
  for (const CLI::Option* o : known)
    for (const auto& l : o->get_lnames()) names.push_back("--" + l);
  for (std::size_t i = 1; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--") break;
    if (a.rfind("--", 0) != 0) continue;
    std::string name = a.substr(0, a.find('='));
    if (std::find(names.begin(), names.end(), name) != names.end()) continue;
    if (auto near = nearest_name(name, names)) return " (did you mean " + *near + "?)";
  }
  return "";
}

// The config file's settings, for the options the command line left alone.
void apply_config(const ConfigFile& file, const std::vector<CLI::Option*>& known) {
  std::map<std::string, CLI::Option*> by_key;
  for (CLI::Option* o : known)
    for (const auto& l : o->get_lnames())
      if (l != "config" && l != "help" && l != "now") by_key[key_of(l)] = o;
  std::vector<std::string> keys{"hosts"};
  for (const auto& [k, o] : by_key) keys.push_back(k);
  for (const ConfigSetting& s : file.settings) {
    const std::string where = file.path + (s.line > 0 ? ":" + std::to_string(s.line) : std::string());
    auto it = by_key.find(s.key);
    if (it == by_key.end()) {
      std::string msg = where + ": unknown key '" + s.key + "'";
      if (s.key == "config") msg += " (a config file cannot name another)";
      else if (auto near = nearest_name(s.key, keys)) msg += " (did you mean '" + *near + "'?)";
      throw ConfigError(msg + "; the keys are the long options without '--', with '_' for '-'");
    }
    CLI::Option* o = it->second;
    if (o->count() > 0) continue;  // given on the command line: it wins
    if (s.array && o->get_items_expected_max() <= 1)
      throw ConfigError(where + ": " + s.key + " takes one value, not an array");
    try {
      for (const auto& v : s.values) o->add_result(v);
      o->run_callback();
    } catch (const CLI::ParseError& e) {
      std::string why = e.what();
      const std::string flag = "--" + o->get_lnames().front() + ": ";
      if (why.rfind(flag, 0) == 0) why.erase(0, flag.size());  // the key already names it
      throw ConfigError(where + ": " + s.key + ": " + why);
    }
  }
}

}  // namespace

std::optional<int> parse_command_line(int argc, const char* const* argv, const ConfigSearch& where,
                                      CliOptions& o, std::ostream& out, std::ostream& err) {
  CLI::App app{"citecheck — verifies the citations and bibliography of a manuscript", "citecheck"};
  app.set_version_flag("--version", std::string("citecheck ") + CITECHECK_VERSION);
  app.require_subcommand(1);
  app.footer(kFooter);
  CLI::App* check = app.add_subcommand("check", "check manuscripts and report findings (the default: `citecheck FILE...`)");
  check->footer(kFooter);
  std::string config_path, accept;
  std::vector<std::string> include, exclude, exclude_files, remaps, headers;
  check->add_option("FILE", o.files, "manuscripts to check: UTF-8 text, Word (.docx), OpenDocument (.odt), PDF, JATS XML, BibTeX or CSL-JSON (told from the bytes); a directory: every such file in it; - reads standard input")->required();
  CLI::Option* format_option = check->add_option("--format", o.format, "report format: text, json, jsonl, html, sarif, junit, markdown or csv (default: from the --output extension, else text)")->check(CLI::IsMember(report_format_names()));
  check->add_option("-o,--output", o.output, "write the report to FILE instead of standard output (.json .jsonl .html .sarif .xml .md .csv .txt choose the format when --format is not given)");
  check->add_option("--annotate", o.annotate, "write a copy of the Word manuscript (one .docx) to OUT.docx with a Word comment on each finding, by \"citecheck\"")->type_name("OUT.docx");
  check->add_option("--lang", o.lang, "language of the messages, advice and summaries: " + language_codes() + " (default en)")
      ->check(CLI::Validator(
          [](std::string& code) {
            return find_language(code) ? std::string()
                                       : "unknown language '" + code + "' (available: " + language_codes() + ")";
          },
          "LANG"));
  check->add_flag("--no-color", o.no_colour, "never colour the text report");
  check->add_flag("--quiet", o.quiet, "no progress line on standard error");
  check->add_flag("--dump", o.dump, "list the links and DOIs that would be checked, and check nothing (no network)");
  check->add_option("--line-models", o.line_models_dir, "read the reference-list line models from DIR (reference-zone.model, reference-entry.model) instead of the built-in ones");
  check->add_option("--field-model", o.field_model_file, "read the reference-field tagger from FILE (reference-fields.model, as citecheck-train writes it) instead of the built-in one");
  check->add_option("--encoding", o.encoding, "encoding of text files that are not UTF-8 (windows-1256, CP1251, KOI8-R…) instead of detecting it")
      ->check(CLI::Validator([](std::string& name) { return known_encoding(name) ? std::string() : "unknown encoding '" + name + "'"; }, "NAME"));
  check->add_option("--config", config_path, "config file (default: ./citecheck.toml, else $XDG_CONFIG_HOME/citecheck/citecheck.toml)");
  // Repeatable options take one value each time, so that `--exclude x paper.txt` leaves the file.
  auto* s = check->add_option_group("Links");
  s->add_option("--exclude", exclude, "do not check links matching this RE2 pattern (repeatable)")->allow_extra_args(false);
  s->add_option("--include", include, "check links matching this RE2 pattern even when excluded; given, links matching no --include are excluded (repeatable)")->allow_extra_args(false);
  s->add_option("--exclude-file", exclude_files, "a file of --exclude patterns, one a line, # comments (repeatable; a .citecheckignore beside an input is read too)")->allow_extra_args(false);
  s->add_option("--accept", accept, "HTTP statuses that make a link ok, e.g. 200..=299,403 (default: every 2xx)");
  s->add_option("--remap", remaps, "'REGEX REPLACEMENT': check the address the rewrite makes of a URL (\\1 or $1 for groups; repeatable)")->allow_extra_args(false);
  s->add_option("--user-agent", o.net.custom_user_agent, "the User-Agent sent (default: citecheck's own, with --mailto)");
  s->add_option("--header", headers, "'Name: value' sent with every request (repeatable)")->allow_extra_args(false);
  s->add_option("--base", o.base, "address relative links resolve against when the document gives none (JATS)");
  auto* g = check->add_option_group("Network");
  g->add_flag("--offline", o.offline, "do not use the network: links stay unchecked");
  g->add_flag("--allow-private", o.net.allow_private, "fetch loopback, private and link-local addresses (tests, intranets)");
  g->add_option("--concurrency", o.net.concurrency, "requests in flight, all hosts together")->check(CLI::Range(1, 1024))->capture_default_str();
  g->add_option("--per-host", o.net.per_host, "requests in flight per host")->check(CLI::Range(1, 64))->capture_default_str();
  CLI::Option* per_host_interval_option = g->add_option("--per-host-interval", o.net.per_host_interval_ms, "minimum milliseconds between two requests to one host")->check(CLI::Range(0, 600000))->capture_default_str();
  g->add_option("--timeout", o.net.timeout, "seconds a request may take in all")->check(CLI::Range(0.1, 600.0))->capture_default_str();
  g->add_option("--connect-timeout", o.net.connect_timeout, "seconds to connect")->check(CLI::Range(0.1, 600.0))->capture_default_str();
  g->add_option("--retries", o.net.retries, "retries after timeouts, resets, 5xx and 429")->check(CLI::Range(0, 10))->capture_default_str();
  g->add_option("--max-retry-after", o.net.max_retry_after, "longest Retry-After (seconds) waited for")->check(CLI::Range(0.0, 3600.0))->capture_default_str();
  g->add_option("--doi-resolver", o.net.doi_resolver, "DOI resolver (its /api/handles/ answers whether a DOI exists)")->capture_default_str();
  g->add_option("--crossref-api", o.net.crossref_api, "Crossref REST API")->capture_default_str();
  g->add_option("--datacite-api", o.net.datacite_api, "DataCite REST API")->capture_default_str();
  g->add_option("--archive-api", o.net.archive_api, "Wayback Machine")->capture_default_str();
  g->add_option("--mailto", o.net.mailto, "contact address sent in the User-Agent (Crossref's polite pool)");
  g->add_flag("--suggest-dois", o.net.suggest_dois, "ask Crossref for the DOI of entries that have a title but no DOI");
  g->add_flag("--no-archive", o.no_archive, "do not look dead links up in the Wayback Machine");
  g->add_flag("--proxy-trusted", o.net.proxy_trusted, "through a proxy (http_proxy, https_proxy, all_proxy), let the proxy resolve names and keep out private addresses, instead of resolving and checking each host here first");
  std::string shard_text;
  std::optional<int> shard_count;
  g->add_option("--shard", shard_text, "check only shard k of n of the links (0-based, by registrable domain; DOIs go with doi.org), or auto: the index from JOB_COMPLETION_INDEX or SLURM_ARRAY_TASK_ID");
  g->add_option("--shards", shard_count, "with --shard auto: how many shards (else SLURM_ARRAY_TASK_COUNT)")->check(CLI::Range(1, static_cast<int>(kShardSlots)));
  auto* c = check->add_option_group("Cache");
  c->add_option("--cache,--store", o.cache_path, "SQLite cache and history file (default: $XDG_CACHE_HOME/citecheck/links.sqlite), or a PostgreSQL store shared by a team's runs and workers (postgresql://user@host/db)");
  c->add_option("--night", o.night, "with a PostgreSQL store: this run is one worker of the night NAME (e.g. the date); workers claim whole sites under leases and check only those")->check([](const std::string& v) {
    return v.empty() || v.size() > 200 ? std::string("give a night name of 1 to 200 characters") : std::string();
  });
  c->add_option("--lease", o.lease_seconds, "with --night: seconds a worker's claim on a site lasts unless renewed; a dead worker's sites go to others after it")->check(CLI::Range(1.0, 3600.0))->capture_default_str();
  c->add_flag("--no-cache", o.no_cache, "neither read nor write the cache");
  c->add_flag("--reparse", o.reparse, "read and check every manuscript anew, even one whose bytes are unchanged since a run kept it checked in the cache");
  c->add_option("--cache-ttl", o.cache_ttl, "seconds a cached result stays fresh, for every status (0: check again, keep history)")->check(CLI::Range(0.0, 1e9));
  c->add_flag("--resume", o.resume, "check only what the last, interrupted run left unchecked (its results are taken from the cache whatever their age)");
  CLI::Option* dead_after_option =
      c->add_option("--dead-after", o.dead_rule.after, "failed checks (since the link last answered) before it is called dead; timeouts and refusals never count")->check(CLI::Range(1, 100))->capture_default_str();
  CLI::Option* dead_span_option =
      c->add_option("--dead-span", o.dead_span_hours, "hours at least between a dead link's first and latest failed check")->check(CLI::Range(0.0, 1e6))->capture_default_str();
  std::optional<int> confirm_after;
  c->add_option("--confirm-after", confirm_after, "older spelling of --dead-after N --dead-span 0")->check(CLI::Range(1, 100))->excludes(dead_after_option);
  c->add_option("--window", o.window, "a nightly run: each site gets the checks its pace allows in this time (8h; bare numbers are hours), 1 request/s and its robots.txt Crawl-delay; the rest wait for later nights")->check(duration_validator("hours"));
  c->add_option("--recheck-after", o.recheck_after, "how long a live link is answered from the cache before it is checked again (days, or 12h, 3d…); failing links are checked on every run")->check(duration_validator("days"))->capture_default_str();
  check->add_option("--fail-on", o.fail_on, "which findings make the exit status 1: any (every error), new (only links newly dead on this run: newly-broken), none")->check(CLI::IsMember({"any", "new", "none"}))->capture_default_str()->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
  // Hidden (an empty group): the run's clock, for tests that play several nights in a row.
  std::string now_text;
  check->add_option("--now", now_text, "the run's time (tests)")->check(instant_validator())->group("");

  CLI::App* history = app.add_subcommand("history", "what the cache recorded of links over nights");
  std::string history_format = "text", since_text;
  double history_span_hours = 72;
  history->add_option("TARGET", o.history_query.targets, "URLs or DOIs (their checks night by night), or manuscripts (the state of every link they cite)");
  history->add_option("--since", since_text, "the links that became dead since this date and what they are now (2026-11-01, 2026-11-01T02:00:00Z)")->check(instant_validator());
  history->add_option("--format", history_format, "text or json")->check(CLI::IsMember({"text", "json"}))->capture_default_str();
  history->add_option("--cache,--store", o.history_cache, "the SQLite cache (default: $XDG_CACHE_HOME/citecheck/links.sqlite) or PostgreSQL store (postgresql://…)");
  history->add_option("--dead-after", o.history_query.rule.after, "as for check")->check(CLI::Range(1, 100))->capture_default_str();
  history->add_option("--dead-span", history_span_hours, "as for check (hours)")->check(CLI::Range(0.0, 1e6))->capture_default_str();

  CLI::App* merge = app.add_subcommand("merge", "join the JSON reports of a run's shards (--shard k/n) into one report");
  merge->add_option("REPORT", o.merge_inputs, "the shards' JSON reports, one per shard")->required();
  merge->add_option("-o,--output", o.output, "write the merged report here (atomically) instead of standard output");

  std::vector<CLI::Option*> known = check->get_options();
  for (CLI::App* group : {static_cast<CLI::App*>(s), static_cast<CLI::App*>(g), static_cast<CLI::App*>(c)})
    for (CLI::Option* opt : group->get_options()) known.push_back(opt);
  known.erase(std::remove_if(known.begin(), known.end(), [](CLI::Option* opt) { return opt->get_lnames().empty(); }),
              known.end());

  const std::vector<std::string> args = with_subcommand(argc, argv);
  std::vector<const char*> arg_pointers;
  for (const auto& a : args) arg_pointers.push_back(a.c_str());
  try {
    app.parse(static_cast<int>(arg_pointers.size()), arg_pointers.data());
    if (history->parsed()) {
      if (o.history_query.targets.empty() && since_text.empty())
        throw CLI::ValidationError("history needs a URL, a DOI or a manuscript, or --since DATE");
      o.history = true;
      if (!since_text.empty()) o.history_query.since = parse_instant(since_text);
      o.history_query.rule.span = static_cast<std::int64_t>(history_span_hours * 3600);
      o.history_query.json = history_format == "json";
      return std::nullopt;
    }
    if (merge->parsed()) {
      o.merge = true;
      o.format = "json";
      return std::nullopt;
    }
    if (!config_path.empty()) o.config_file = config_path;
    else o.config_file = find_config_file(where);
    if (o.config_file) {
      ConfigFile file = read_config_file(*o.config_file);
      if (file.legacy_json)
        o.warnings.push_back("the JSON config file '" + file.path +
                             "' is deprecated and will not be read by the next release: write it as citecheck.toml (see README, \"Config file\")");
      apply_config(file, known);
      for (auto& [host, rule] : file.hosts) o.net.hosts[host] = std::move(rule);
    }
    if (confirm_after) {
      o.dead_rule.after = *confirm_after;
      if (dead_span_option->count() == 0) o.dead_span_hours = 0;
    }
    o.dead_rule.span = static_cast<std::int64_t>(o.dead_span_hours * 3600);
    // A nightly run goes at the crawlers' pace, one request a second per site, unless told.
    if (!o.window.empty() && per_host_interval_option->count() == 0) o.net.per_host_interval_ms = 1000;
    if (!o.window.empty() && (o.offline || o.no_cache))
      throw CLI::ValidationError("--window spreads a site's checks over nights: it needs the network and the cache (not --offline or --no-cache)");
    if (!now_text.empty()) o.now = parse_instant(now_text);
    o.fail_policy = o.fail_on == "new" ? FailOn::New : o.fail_on == "none" ? FailOn::None : FailOn::Any;
    o.format_given = format_option->count() > 0;
    if (!o.format_given && !o.output.empty()) o.format = format_for_output(o.output);
    if (o.no_cache && !o.cache_path.empty()) throw CLI::ValidationError("--cache and --no-cache exclude each other");
    if (o.resume && (o.no_cache || o.offline))
      throw CLI::ValidationError("--resume continues the interrupted run recorded in the cache: it needs the network and the cache (not --offline or --no-cache)");
    if (!o.night.empty()) {
      if (!is_postgres_address(o.cache_path))
        throw CLI::ValidationError("--night shares a night between workers through a PostgreSQL store: give --cache postgresql://…");
      if (!shard_text.empty()) throw CLI::ValidationError("--night and --shard exclude each other: workers of a night split it by claiming sites");
      if (o.resume) throw CLI::ValidationError("--night and --resume exclude each other: a worker of a night takes over what a dead worker left");
      if (o.offline) throw CLI::ValidationError("--night shares the links to check between workers: it has no use with --offline");
    }
    if (!shard_text.empty()) {
      o.shard = shard_text == "auto" ? shard_from_environment(shard_count, [](const char* name) -> const char* { return std::getenv(name); })
                                     : parse_shard(shard_text);
      if (shard_text != "auto" && shard_count && *shard_count != o.shard->count)
        throw ConfigError("--shards " + std::to_string(*shard_count) + " disagrees with --shard " + shard_text);
      if (o.offline) throw CLI::ValidationError("--shard splits the links to check between runs: it has no use with --offline");
      o.net.shards = o.shard->count;
      // Suggestions are asked of Crossref, whose budget belongs to the shard of doi.org.
      if (shard_of_domain("doi.org", o.shard->count) != o.shard->index) o.net.suggest_dois = false;
    } else if (shard_count) {
      throw CLI::ValidationError("--shards n goes with --shard auto");
    }
    for (const auto& p : include) o.selection.include(p, "--include");
    for (const auto& p : exclude) o.selection.exclude(p, "--exclude");
    for (const auto& f : exclude_files) o.selection.exclude_file(f);
    for (const auto& r : remaps) o.net.remaps.push_back(parse_url_remap(r));
    if (!accept.empty()) o.net.accept = AcceptedStatuses::parse(accept);
    for (const auto& h : headers) {
      if (auto why = header_problem(h)) throw ConfigError("--header: " + *why);
      o.net.headers.push_back(h);
    }
    if (o.net.custom_user_agent.find_first_of("\r\n") != std::string::npos)
      throw ConfigError("--user-agent may not hold a line break");
    o.net.archive_lookup = !o.no_archive;
    for (const std::string* url : {&o.net.doi_resolver, &o.net.crossref_api, &o.net.datacite_api, &o.net.archive_api})
      if (url->rfind("http://", 0) != 0 && url->rfind("https://", 0) != 0)
        throw ConfigError("'" + *url + "' is not an http(s) address (see citecheck --help)");
    if (!o.base.empty() && o.base.rfind("http://", 0) != 0 && o.base.rfind("https://", 0) != 0)
      throw ConfigError("--base '" + o.base + "' is not an http(s) address");
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e, out, err);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e, out, err);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e, out, err);
  } catch (const CLI::ParseError& e) {
    err << "citecheck: " << e.what() << suggestion_for(args, known) << " (see citecheck "
        << (history->parsed() ? "history" : merge->parsed() ? "merge" : "check") << " --help)\n";
    return kExitUsage;
  } catch (const ConfigError& e) {
    err << "citecheck: " << e.what() << "\n";
    return kExitUsage;
  }
  return std::nullopt;
}

}  // namespace citecheck
