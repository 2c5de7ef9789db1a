#include "src/report_sarif.hpp"

#include <filesystem>
#include <map>
#include <string>
#include <system_error>

#include <nlohmann/json.hpp>

#include "resolvers/request_url.hpp"
#include "src/finding_codes.hpp"
#include "src/locations.hpp"
#include "src/report_fingerprint.hpp"

namespace citecheck {

namespace {

using nlohmann::json;
namespace fs = std::filesystem;

// The project's address, the same as the JSON schema's versioned $id lives under; a rule's
// help is the README's table of finding codes there.
constexpr const char* kInformationUri = "https://citecheck.github.io/citecheck/";
// Versioned so that a later change of the fingerprint's recipe can be told from a new finding.
constexpr const char* kFingerprintKey = "citecheck/v1";

const char* sarif_level(Severity s) {
  switch (s) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Info: return "note";
  }
  return "warning";
}

// Code-scanning UIs match results to files of the checkout by a path relative to its root,
// which is where CI runs the tool; a file outside the working folder keeps an absolute file URI.
// Percent-encoded (but '/'), so spaces, '#', '%' and UTF-8 in a name make a valid uri-reference.
json artifact_location(const std::string& path) {
  std::error_code ec;
  fs::path p = fs::path(path).lexically_normal();
  if (p.is_absolute()) {
    const fs::path relative = p.lexically_relative(fs::current_path(ec));
    if (ec || relative.empty() || *relative.begin() == "..") return {{"uri", "file://" + percent_encode(p.string(), "/")}};
    p = relative;
  }
  return {{"uri", percent_encode(p.generic_string(), "/")}, {"uriBaseId", "%SRCROOT%"}};
}

json rules_json(std::map<std::string, int>& rule_index) {
  json rules = json::array();
  for (const FindingCode& c : finding_codes()) {
    rule_index[std::string(c.code)] = static_cast<int>(rules.size());
    rules.push_back({{"id", c.code},
                     {"shortDescription", {{"text", c.help}}},
                     {"helpUri", std::string(kInformationUri) + "#finding-codes"},
                     {"defaultConfiguration", {{"level", sarif_level(c.severity)}}}});
  }
  return rules;
}

json result_json(const DocumentReport& d, const Finding& f, const FindingIdentity& identity,
                 const std::map<std::string, int>& rule_index) {
  json result = {{"ruleId", f.code},
                 {"level", sarif_level(f.severity)},
                 {"message", {{"text", f.message}}},
                 {"partialFingerprints", {{kFingerprintKey, identity.fingerprint}}}};
  if (auto it = rule_index.find(f.code); it != rule_index.end()) result["ruleIndex"] = it->second;
  if (d.path == "<stdin>") return result;  // no file a viewer could open
  json physical = {{"artifactLocation", artifact_location(d.path)}};
  // Lines and columns are the file's own only for plain text; in the other formats they count
  // lines of the extracted text, which a viewer of the file cannot find, so the place goes to
  // the properties in the file's terms (paragraph, page, xpath, record) instead.
  if (d.format == "text" && f.span.line > 0) {
    physical["region"] = {{"startLine", f.span.line}};
    if (f.span.column > 0) physical["region"]["startColumn"] = f.span.column;
  } else {
    json place = json::object();
    add_location_fields(place, d.origins, f.span.line);
    if (place.contains("source_line")) physical["region"] = {{"startLine", place["source_line"]}};
    if (!place.empty()) result["properties"] = {{"location", place}};
  }
  result["locations"] = json::array({{{"physicalLocation", physical}}});
  return result;
}

json invocation_json(const RunOutcome& run) {
  json notifications = json::array();
  for (const auto& failed : run.failed_inputs)
    notifications.push_back({{"level", "error"},
                             {"message", {{"text", "cannot read '" + failed.path + "': " + failed.error}}},
                             {"locations", json::array({{{"physicalLocation", {{"artifactLocation", artifact_location(failed.path)}}}}})}});
  if (run.network_down)
    notifications.push_back({{"level", "warning"}, {"message", {{"text", "network down: " + *run.network_down}}}});
  json invocation = {{"executionSuccessful", run.complete && run.failed_inputs.empty()}};
  if (!notifications.empty()) invocation["toolExecutionNotifications"] = notifications;
  return invocation;
}

}  // namespace

void write_sarif(const Report& report, std::ostream& out) {
  std::map<std::string, int> rule_index;
  json driver = {{"name", "citecheck"},
                 {"version", report.tool_version},
                 {"semanticVersion", report.tool_version},
                 {"informationUri", kInformationUri},
                 {"rules", rules_json(rule_index)}};
  json results = json::array();
  for (const auto& d : report.documents) {
    const std::vector<FindingIdentity> identities = identify_findings(d);
    for (std::size_t i = 0; i < d.findings.size(); ++i)
      results.push_back(result_json(d, d.findings[i], identities[i], rule_index));
  }
  json run = {{"tool", {{"driver", driver}}},
              // citecheck counts columns in code points, not SARIF's default UTF-16 code units.
              {"columnKind", "unicodeCodePoints"},
              {"invocations", json::array({invocation_json(report.run)})},
              {"results", results}};
  json log = {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
              {"version", "2.1.0"},
              {"runs", json::array({run})}};
  out << log.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
}

}  // namespace citecheck
