// config_file.hpp — citecheck.toml: a key for every command-line option (its long name with
// '_' for '-': `timeout = 6`, `exclude = ["linkedin\\.com"]`, `no_archive = true`) and a
// section per host (`[hosts."example.org"]`: concurrency, interval_ms, headers, accept,
// head_unreliable). Found in the working folder, then $XDG_CONFIG_HOME/citecheck/ (else
// ~/.config/citecheck/), or named with --config. Options given on the command line always
// win over the file. The JSON config of earlier releases is still read, with a warning.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "resolvers/resolver_options.hpp"

namespace citecheck {

// One top-level key, its value(s) as the command line would give them.
struct ConfigSetting {
  std::string key;
  std::vector<std::string> values;  // one, or an array's items
  bool array = false;
  int line = 0;  // 0: the format gives no line (JSON)
};

struct ConfigFile {
  std::string path;
  bool legacy_json = false;  // the deprecated JSON format
  std::vector<ConfigSetting> settings;
  std::map<std::string, HostRule> hosts;  // by lower-case host name
};

// Reads a TOML (or, by its .json name or a leading '{', legacy JSON) config file. The
// settings' keys are checked by the caller, who knows the options; the host sections here.
// Throws ConfigError: "FILE:LINE: what is wrong (did you mean …?)".
ConfigFile read_config_file(const std::string& path);

// Where citecheck looks for citecheck.toml when --config is not given.
struct ConfigSearch {
  std::string working_folder = ".";
  std::string xdg_config_home;  // ignored when empty or relative (XDG base directory spec)
  std::string home;
  static ConfigSearch from_environment();
};

// The first citecheck.toml of: the working folder, $XDG_CONFIG_HOME/citecheck/, else
// $HOME/.config/citecheck/; nullopt when there is none.
std::optional<std::string> find_config_file(const ConfigSearch& where);

}  // namespace citecheck
