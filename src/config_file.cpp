#include "src/config_file.hpp"

#include <algorithm>
#include <charconv>
#include <functional>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <toml++/toml.h>

#include "parsers/unicode_text.hpp"
#include "src/nearest_name.hpp"

namespace citecheck {

namespace {

const std::vector<std::string>& host_keys() {
  static const std::vector<std::string> keys{"concurrency", "interval_ms", "headers", "accept", "head_unreliable"};
  return keys;
}

std::string unknown_key(const std::string& key, const std::vector<std::string>& known) {
  std::string msg = "unknown key '" + key + "'";
  if (auto near = nearest_name(key, known)) return msg + " (did you mean '" + *near + "'?)";
  std::string list;
  for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
  return msg + " (the keys are " + list + ")";
}

std::string number_text(double d) {
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d);
  return ec == std::errc() ? std::string(buf, end) : std::to_string(d);
}

// A value of the file as the command line would spell it; nullopt for tables and nested arrays.
std::optional<std::string> scalar_text(const toml::node& v) {
  if (auto s = v.as_string()) return s->get();
  if (auto i = v.as_integer()) return std::to_string(i->get());
  if (auto f = v.as_floating_point()) return number_text(f->get());
  if (auto b = v.as_boolean()) return b->get() ? "true" : "false";
  return std::nullopt;
}

std::optional<std::string> scalar_text(const nlohmann::json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number_integer()) return std::to_string(v.get<long long>());
  if (v.is_number()) return number_text(v.get<double>());
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  return std::nullopt;
}

// One setting of a host's section, from TOML or JSON, for the same checks (read_host).
struct HostValue {
  std::string key;
  int line = 0;
  std::optional<std::string> scalar;                          // a single value
  std::vector<std::string> items;                             // an array's scalar items
  std::vector<std::pair<std::string, std::string>> table;     // a table of strings (headers)
  bool is_array = false, is_table = false, is_int = false, is_bool = false, bad_item = false;
};

// `fail(what, line)` throws.
HostRule read_host(const std::string& host, const std::vector<HostValue>& values,
                   const std::function<void(const std::string&, int)>& fail) {
  HostRule rule;
  const std::string where = "hosts.\"" + host + "\"";
  for (const auto& v : values) {
    const std::string key = where + "." + v.key;
    if (v.key == "concurrency" || v.key == "interval_ms") {
      int n = 0;
      if (!v.is_int || !v.scalar || std::from_chars(v.scalar->data(), v.scalar->data() + v.scalar->size(), n).ec != std::errc())
        fail(key + " must be a whole number", v.line);
      if (v.key == "concurrency" && (n < 1 || n > 64)) fail(key + " must be between 1 and 64", v.line);
      if (v.key == "interval_ms" && (n < 0 || n > 600000)) fail(key + " must be between 0 and 600000 (milliseconds)", v.line);
      (v.key == "concurrency" ? rule.concurrency : rule.interval_ms) = n;
    } else if (v.key == "head_unreliable") {
      if (!v.is_bool) fail(key + " must be true or false", v.line);
      rule.head_unreliable = *v.scalar == "true";
    } else if (v.key == "accept") {
      std::string spec;
      if (v.is_array && !v.bad_item)
        for (const auto& item : v.items) spec += (spec.empty() ? "" : ",") + item;
      else if (v.scalar && !v.is_bool)
        spec = *v.scalar;
      else
        fail(key + " must be a string such as \"200..=299,403\" or an array of statuses", v.line);
      try {
        rule.accept = AcceptedStatuses::parse(spec);
      } catch (const ConfigError& e) {
        fail(key + ": " + e.what(), v.line);
      }
    } else if (v.key == "headers") {
      std::vector<std::string> headers;
      if (v.is_table && !v.bad_item)
        for (const auto& [name, value] : v.table) headers.push_back(name + ": " + value);
      else if (v.is_array && !v.bad_item)
        headers = v.items;
      else
        fail(key + " must be a table of header names and values, such as { Authorization = \"Bearer …\" }", v.line);
      for (const auto& h : headers)
        if (auto why = header_problem(h)) fail(key + ": " + *why, v.line);
      rule.headers = std::move(headers);
    } else {
      fail(where + ": " + unknown_key(v.key, host_keys()), v.line);
    }
  }
  return rule;
}

ConfigFile read_toml(const std::string& path) {
  auto fail = [&](const std::string& what, int line) -> void {
    throw ConfigError(path + (line > 0 ? ":" + std::to_string(line) : std::string()) + ": " + what);
  };
  toml::table file;
  try {
    file = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    fail("not valid TOML: " + std::string(e.description()), static_cast<int>(e.source().begin.line));
  }
  ConfigFile out;
  out.path = path;
  for (auto&& [key, value] : file) {
    const std::string name(key.str());
    const int line = static_cast<int>(key.source().begin.line);
    if (name == "hosts") {
      const toml::table* hosts = value.as_table();
      if (!hosts) fail("hosts must be sections such as [hosts.\"example.org\"]", line);
      for (auto&& [host_key, section] : *hosts) {
        const std::string host(host_key.str());
        const toml::table* t = section.as_table();
        if (!t) fail("hosts.\"" + host + "\" must be a section of settings (concurrency, interval_ms, headers, accept, head_unreliable)",
                     static_cast<int>(host_key.source().begin.line));
        std::vector<HostValue> values;
        for (auto&& [k, v] : *t) {
          HostValue hv;
          hv.key = std::string(k.str());
          hv.line = static_cast<int>(k.source().begin.line);
          hv.scalar = scalar_text(v);
          hv.is_int = v.is_integer();
          hv.is_bool = v.is_boolean();
          if (const toml::array* a = v.as_array()) {
            hv.is_array = true;
            for (auto&& item : *a) {
              auto text = scalar_text(item);
              if (!text || item.is_boolean()) hv.bad_item = true;
              else hv.items.push_back(*text);
            }
          } else if (const toml::table* tt = v.as_table()) {
            hv.is_table = true;
            for (auto&& [hk, hvv] : *tt) {
              if (!hvv.is_string()) hv.bad_item = true;
              else hv.table.emplace_back(std::string(hk.str()), hvv.as_string()->get());
            }
          }
          values.push_back(std::move(hv));
        }
        out.hosts[lower_ascii(host)] = read_host(host, values, fail);
      }
      continue;
    }
    ConfigSetting s;
    s.key = name;
    s.line = line;
    if (const toml::array* a = value.as_array()) {
      s.array = true;
      for (auto&& item : *a) {
        auto text = scalar_text(item);
        if (!text) fail(name + ": an array of plain values (strings, numbers) is expected", line);
        s.values.push_back(*text);
      }
    } else if (auto text = scalar_text(value)) {
      s.values.push_back(*text);
    } else {
      fail(name + " takes a string, a number, true or false, or an array of them", line);
    }
    out.settings.push_back(std::move(s));
  }
  // toml++ keeps a table's keys sorted: the file's order, for the first bad line to be the one said.
  std::stable_sort(out.settings.begin(), out.settings.end(),
                   [](const ConfigSetting& a, const ConfigSetting& b) { return a.line < b.line; });
  return out;
}

// The format of earlier releases: the same settings, `per_host_interval_ms` for the
// --per-host-interval option, no line numbers.
ConfigFile read_legacy_json(const std::string& path, const std::string& text) {
  auto fail = [&](const std::string& what, int) -> void { throw ConfigError(path + ": " + what); };
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded()) fail("not valid JSON (the config file is TOML now: citecheck.toml)", 0);
  if (!j.is_object()) fail("the top level must be an object", 0);
  ConfigFile out;
  out.path = path;
  out.legacy_json = true;
  for (auto& [name, value] : j.items()) {
    if (name == "hosts") {
      if (!value.is_object()) fail("hosts must be an object keyed by host name", 0);
      for (auto& [host, section] : value.items()) {
        if (!section.is_object()) fail("hosts." + host + " must be an object", 0);
        std::vector<HostValue> values;
        for (auto& [k, v] : section.items()) {
          HostValue hv;
          hv.key = k;
          hv.scalar = scalar_text(v);
          hv.is_int = v.is_number_integer();
          hv.is_bool = v.is_boolean();
          if (v.is_array()) {
            hv.is_array = true;
            for (auto& item : v) {
              auto t = scalar_text(item);
              if (!t || item.is_boolean()) hv.bad_item = true;
              else hv.items.push_back(*t);
            }
          } else if (v.is_object()) {
            hv.is_table = true;
            for (auto& [hk, hvv] : v.items()) {
              if (!hvv.is_string()) hv.bad_item = true;
              else hv.table.emplace_back(hk, hvv.get<std::string>());
            }
          }
          values.push_back(std::move(hv));
        }
        out.hosts[lower_ascii(host)] = read_host(host, values, fail);
      }
      continue;
    }
    ConfigSetting s;
    s.key = name == "per_host_interval_ms" ? "per_host_interval" : name;
    if (value.is_array()) {
      s.array = true;
      for (auto& item : value) {
        auto t = scalar_text(item);
        if (!t) fail(name + ": an array of plain values is expected", 0);
        s.values.push_back(*t);
      }
    } else if (auto t = scalar_text(value)) {
      s.values.push_back(*t);
    } else {
      fail(name + " takes a string, a number, true or false, or an array of them", 0);
    }
    out.settings.push_back(std::move(s));
  }
  return out;
}

}  // namespace

ConfigFile read_config_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::error_code ec;
  if (!in || std::filesystem::is_directory(path, ec)) throw ConfigError("cannot read the config file '" + path + "'");
  std::ostringstream text;
  text << in.rdbuf();
  const std::string bytes = text.str();
  std::size_t first = bytes.find_first_not_of(" \t\r\n");
  const bool json_name = path.size() > 5 && lower_ascii(path.substr(path.size() - 5)) == ".json";
  if (json_name || (first != std::string::npos && bytes[first] == '{')) return read_legacy_json(path, bytes);
  return read_toml(path);
}

ConfigSearch ConfigSearch::from_environment() {
  ConfigSearch where;
  if (const char* x = std::getenv("XDG_CONFIG_HOME")) where.xdg_config_home = x;
  if (const char* h = std::getenv("HOME")) where.home = h;
  return where;
}

std::optional<std::string> find_config_file(const ConfigSearch& where) {
  namespace fs = std::filesystem;
  std::vector<fs::path> places{fs::path(where.working_folder) / "citecheck.toml"};
  if (!where.xdg_config_home.empty() && fs::path(where.xdg_config_home).is_absolute())
    places.push_back(fs::path(where.xdg_config_home) / "citecheck" / "citecheck.toml");
  else if (!where.home.empty())
    places.push_back(fs::path(where.home) / ".config" / "citecheck" / "citecheck.toml");
  std::error_code ec;
  for (const auto& p : places)
    if (fs::is_regular_file(p, ec)) return p.string();
  return std::nullopt;
}

}  // namespace citecheck
