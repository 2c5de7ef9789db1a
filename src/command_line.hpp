// command_line.hpp — the options of `citecheck [check] [OPTIONS] FILE...` (CLI11), then the
// config file: every option has a key there, and an option given on the command line always
// wins over it. `check` may be left out. A mistyped option or key gets a suggestion. Also
// `citecheck history [OPTIONS] [URL|DOI|FILE...]`, which reads the cache alone (no config), and
// `citecheck merge [-o FILE] REPORT...`, which joins the JSON reports of a sharded run.
#pragma once

#include <iosfwd>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "resolvers/link_selection.hpp"
#include "resolvers/link_state.hpp"
#include "resolvers/resolver_options.hpp"
#include "resolvers/shard.hpp"
#include "src/config_file.hpp"
#include "src/history_command.hpp"
#include "src/pipeline.hpp"

namespace citecheck {

struct CliOptions {
  std::vector<std::string> files;
  std::string format = "text", output, cache_path, line_models_dir, field_model_file, encoding, base;
  std::string lang = "en";  // --lang: the language of the messages (languages.hpp); never taken from the locale
  std::string annotate;  // --annotate: where the commented copy of the (one, Word) manuscript goes
  bool format_given = false;
  bool offline = false, no_colour = false, no_cache = false, reparse = false, quiet = false, no_archive = false, resume = false,
       dump = false;
  // A link's state over nights (resolvers/link_state.hpp): --dead-after, --dead-span (hours
  // here, seconds in the rule), or the older --confirm-after N (span 0 unless given).
  DeadRule dead_rule;
  double dead_span_hours = 72;
  std::string recheck_after = "7d";  // a duration (time_values.hpp), bare numbers are days
  std::string window;                // --window: a nightly run's length (a duration; bare numbers are hours)
  std::string fail_on = "any";
  FailOn fail_policy = FailOn::Any;
  std::optional<std::int64_t> now;  // --now (hidden, tests): the run's clock
  std::optional<double> cache_ttl;
  std::optional<Shard> shard;  // --shard k/n (or auto, with --shards n): this run checks that part of the links
  std::string night;           // --night NAME: one worker of a night shared through a PostgreSQL store
  double lease_seconds = 60;   // --lease: how long a worker's claim on a site lasts unrenewed
  ResolverOptions net;
  LinkSelection selection;  // --include, --exclude, --exclude-file (not the .citecheckignore files)
  std::optional<std::string> config_file;  // the one read, if any
  std::vector<std::string> warnings;       // to say on standard error (a deprecated config format)
  // `citecheck history`: what it asks, and of which cache.
  bool history = false;
  HistoryQuery history_query;
  std::string history_cache;
  // `citecheck merge`: the shards' JSON reports, joined into one.
  bool merge = false;
  std::vector<std::string> merge_inputs;
};

// Exit statuses (README "Exit status"). When several apply, the first of 7, 3, 4, 5, 6 wins
// over the findings' 0 or 1.
constexpr int kExitUsage = 2, kExitUnreadableInput = 3, kExitNetworkDown = 4, kExitIncomplete = 5,
              kExitCacheNotSaved = 6, kExitReportNotWritten = 7;

// Fills `options` from argv and the config file (--config, else the first citecheck.toml
// `where` finds). nullopt: go on and check; else the process's exit status, with what to say
// (help, version, the usage error) written to out or err.
std::optional<int> parse_command_line(int argc, const char* const* argv, const ConfigSearch& where,
                                      CliOptions& options, std::ostream& out, std::ostream& err);

}  // namespace citecheck
