#include "src/merge_reports.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <tuple>

#include "src/report_summary.hpp"

namespace citecheck {

namespace {

using nlohmann::json;

Shard shard_of(const ShardReport& r) {
  const json& j = r.report;
  if (!j.is_object() || j.value("schema", "") != "citecheck-report/1")
    throw MergeError("'" + r.name + "' is not a citecheck JSON report (schema citecheck-report/1)");
  const json* run = j.contains("run") ? &j["run"] : nullptr;
  if (!run || !run->is_object() || !run->contains("shard") || !(*run)["shard"].is_object())
    throw MergeError("'" + r.name + "' is not the report of a shard (it has no run.shard: was it made with --shard k/n?)");
  const json& s = (*run)["shard"];
  if (!s.value("index", json()).is_number_integer() || !s.value("count", json()).is_number_integer())
    throw MergeError("'" + r.name + "': run.shard holds no whole index and count");
  return {s["index"].get<int>(), s["count"].get<int>()};
}

const json& array_at(const json& object, const char* key, const std::string& name) {
  static const json kEmpty = json::array();
  if (!object.contains(key)) return kEmpty;
  const json& a = object[key];
  if (!a.is_array()) throw MergeError("'" + name + "': " + key + " is not an array");
  return a;
}

// The set must be one night's: every shard once, the same citecheck, the same documents with
// the same links in the same order (so that ids name the same items everywhere).
void check_same_night(const std::vector<ShardReport>& shards, const std::vector<Shard>& of) {
  const int count = of.front().count;
  std::map<int, std::string> seen;
  for (std::size_t i = 0; i < shards.size(); ++i) {
    if (of[i].count != count)
      throw MergeError("'" + shards[i].name + "' is shard " + std::to_string(of[i].index) + "/" + std::to_string(of[i].count) +
                       " but '" + shards.front().name + "' is of " + std::to_string(count) + " shards");
    if (of[i].index < 0 || of[i].index >= count)
      throw MergeError("'" + shards[i].name + "': shard index " + std::to_string(of[i].index) + " out of 0 to " +
                       std::to_string(count - 1));
    auto [it, added] = seen.emplace(of[i].index, shards[i].name);
    if (!added)
      throw MergeError("shard " + std::to_string(of[i].index) + "/" + std::to_string(count) + " is given twice: '" +
                       it->second + "' and '" + shards[i].name + "'");
  }
  std::string missing;
  for (int k = 0; k < count; ++k)
    if (!seen.count(k)) missing += (missing.empty() ? "" : ", ") + std::to_string(k) + "/" + std::to_string(count);
  if (!missing.empty()) throw MergeError("shard(s) " + missing + " missing: give the report of every shard of the night");

  const json& first = shards.front().report;
  const std::string version = first.value("tool", json::object()).value("version", "");
  const json& documents = array_at(first, "documents", shards.front().name);
  for (const auto& s : shards) {
    if (s.report.value("tool", json::object()).value("version", "") != version)
      throw MergeError("'" + s.name + "' was written by another citecheck version than '" + shards.front().name + "'");
    const json& docs = array_at(s.report, "documents", s.name);
    if (docs.size() != documents.size())
      throw MergeError("'" + s.name + "' reports " + std::to_string(docs.size()) + " documents, '" + shards.front().name +
                       "' " + std::to_string(documents.size()) + ": the shards must check the same inputs");
    for (std::size_t d = 0; d < docs.size(); ++d) {
      if (docs[d].value("path", "") != documents[d].value("path", ""))
        throw MergeError("'" + s.name + "' reports '" + docs[d].value("path", "") + "' where '" + shards.front().name +
                         "' reports '" + documents[d].value("path", "") + "': the shards must check the same inputs");
      const json& links = array_at(docs[d], "links", s.name);
      const json& expected = array_at(documents[d], "links", shards.front().name);
      bool same = links.size() == expected.size();
      for (std::size_t l = 0; same && l < links.size(); ++l)
        same = links[l].value("id", "") == expected[l].value("id", "") && links[l].value("value", "") == expected[l].value("value", "");
      if (!same)
        throw MergeError("'" + s.name + "' and '" + shards.front().name + "' read other links in '" + docs[d].value("path", "") +
                         "': the shards must run the same citecheck on the same inputs");
    }
  }
}

std::tuple<long long, long long> position(const json& finding) {
  return {finding.value("line", 0LL), finding.value("column", 0LL)};
}

// One document: its links from the shards that checked them, the findings about those links
// from the same shards, every other finding once. The shards' documents are moved from, not
// copied: a night's reports are large.
json merge_document(std::vector<ShardReport>& shards, std::size_t d) {
  json out = std::move(shards.front().report["documents"][d]);
  json& links = out["links"];
  auto document = [&](std::size_t k) -> json& { return k == 0 ? out : shards[k].report["documents"][d]; };
  std::map<std::string, int> owner;  // link id → the shard that checked it; absent: every shard alike
  for (std::size_t l = 0; l < links.size(); ++l) {
    for (std::size_t k = 0; k < shards.size(); ++k) {
      const json& link = document(k)["links"][l];
      if (!link.contains("shard")) continue;
      const int o = link["shard"].get<int>();
      if (o < 0 || o >= static_cast<int>(shards.size()))
        throw MergeError("'" + shards[k].name + "': link " + link.value("id", "") + " names shard " + std::to_string(o));
      owner[link.value("id", "")] = o;
      break;
    }
    if (auto it = owner.find(links[l].value("id", "")); it != owner.end()) {
      const auto o = static_cast<std::size_t>(it->second);
      if (o != 0) links[l] = std::move(document(o)["links"][l]);
      if (links[l].contains("shard"))
        throw MergeError("'" + shards[o].name + "' does not check link " + links[l].value("id", "") +
                         ", which another shard left to it");
    }
  }
  json findings = json::array();
  std::set<std::tuple<std::string, long long, long long, std::string>> shared;
  for (std::size_t k = 0; k < shards.size(); ++k) {
    json& doc = document(k);
    if (!doc.contains("findings")) continue;
    if (!doc["findings"].is_array()) throw MergeError("'" + shards[k].name + "': findings is not an array");
    for (json& f : doc["findings"]) {
      std::optional<std::string> about_link;
      if (f.contains("items") && f["items"].is_array())
        for (const json& item : f["items"])
          if (item.is_string() && owner.count(item.get<std::string>())) {
            about_link = item.get<std::string>();
            break;
          }
      if (about_link) {
        if (owner[*about_link] == static_cast<int>(k)) findings.push_back(std::move(f));
        continue;
      }
      // Read alike by every shard (or asked by one alone, as DOI suggestions): once.
      auto [line, column] = position(f);
      if (shared.emplace(f.value("code", ""), line, column, f.value("message", "")).second) findings.push_back(std::move(f));
    }
  }
  // As a single run orders them: by position, the first shard's (every offline finding) first.
  std::stable_sort(findings.begin(), findings.end(), [](const json& a, const json& b) { return position(a) < position(b); });
  out["findings"] = std::move(findings);
  return out;
}

json summary_of(const json& documents, const json& first_summary) {
  json summary = first_summary.is_object() ? first_summary : json::object();
  std::map<std::string, std::size_t> by_status;
  for (LinkStatus s : kLinkStatuses) by_status[to_string(s)] = 0;
  std::size_t links = 0, errors = 0, warnings = 0, infos = 0;
  for (const json& d : documents) {
    for (const json& l : d["links"]) {
      ++links;
      ++by_status[l.value("status", "unchecked")];
    }
    for (const json& f : d["findings"]) {
      const std::string severity = f.value("severity", "");
      (severity == "error" ? errors : severity == "warning" ? warnings : infos) += 1;
    }
  }
  summary["documents"] = documents.size();
  summary["links"] = links;
  summary["links_by_status"] = by_status;
  summary["findings"] = {{"error", errors}, {"warning", warnings}, {"info", infos}};
  return summary;
}

}  // namespace

json merge_shard_reports(std::vector<ShardReport> shards) {
  if (shards.empty()) throw MergeError("no report to merge");
  std::vector<Shard> of;
  for (const auto& s : shards) of.push_back(shard_of(s));
  check_same_night(shards, of);
  std::vector<std::size_t> order(shards.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return of[a].index < of[b].index; });
  std::vector<ShardReport> sorted;
  for (std::size_t i : order) sorted.push_back(std::move(shards[i]));
  shards = std::move(sorted);

  const json& first = shards.front().report;
  json out = json::object();
  out["schema"] = first["schema"];
  out["tool"] = first.value("tool", json::object());
  json documents = json::array();
  for (std::size_t d = 0; d < first["documents"].size(); ++d) documents.push_back(merge_document(shards, d));

  // The run: from the first start to the last end, complete when every shard was.
  json run = first["run"];
  run.erase("shard");
  json shard_runs = json::array();
  bool complete = true;
  long long left = 0, deferred = 0;
  json left_list = json::array(), failed = json::array(), sites = json::array();
  std::set<std::string> failed_paths;
  for (const auto& s : shards) {
    const json& r = s.report["run"];
    shard_runs.push_back(r);
    if (r.value("started_at", "") < run.value("started_at", "")) run["started_at"] = r["started_at"];
    if (r.value("finished_at", "") > run.value("finished_at", "")) run["finished_at"] = r["finished_at"];
    if (!r.value("complete", true)) {
      complete = false;
      if (!run.contains("interrupted_by") || run["interrupted_by"] == json()) run["interrupted_by"] = r.value("interrupted_by", "");
      left += r.value("left_unchecked", 0LL);
    }
    deferred += r.value("deferred", 0LL);
    for (const json& f : array_at(r, "failed_inputs", s.name))
      if (failed_paths.insert(f.value("path", "")).second) failed.push_back(f);
    if (r.contains("network_down") && !run.contains("network_down")) run["network_down"] = r["network_down"];
    if (r.contains("cache") && !r["cache"].value("saved", true)) run["cache"] = r["cache"];
    for (const json& u : array_at(s.report, "left_unchecked", s.name)) left_list.push_back(u);
    for (const json& site : array_at(s.report, "sites", s.name)) sites.push_back(site);
  }
  run["complete"] = complete;
  run["failed_inputs"] = failed;
  if (deferred) run["deferred"] = deferred;
  if (complete) {
    run.erase("interrupted_by");
    run.erase("left_unchecked");
  } else {
    run["left_unchecked"] = left;
  }
  if (run.contains("options")) {
    run["options"].erase("shard");
    run["options"].erase("output");  // each shard's own file
  }
  run["shards"] = std::move(shard_runs);

  out["generated_at"] = run["started_at"];
  out["summary"] = summary_of(documents, first.value("summary", json::object()));
  out["documents"] = std::move(documents);
  // The fields report 1.0 readers find at the top level.
  out["complete"] = complete;
  if (!complete) {
    out["interrupted_by"] = run["interrupted_by"];
    out["left_unchecked"] = std::move(left_list);
  }
  if (!failed.empty()) out["failed_inputs"] = failed;
  if (run.contains("network_down")) out["network_down"] = run["network_down"];
  if (run.contains("cache")) out["cache"] = run["cache"];
  if (!sites.empty()) {
    // A site is one host, and a host belongs to one shard: the lists never overlap.
    std::stable_sort(sites.begin(), sites.end(),
                     [](const json& a, const json& b) { return a.value("site", "") < b.value("site", ""); });
    out["sites"] = std::move(sites);
  }
  out["run"] = std::move(run);
  return out;
}

}  // namespace citecheck
