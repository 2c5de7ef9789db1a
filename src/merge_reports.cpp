#include "src/merge_reports.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <tuple>

#include "parsers/text_reader.hpp"
#include "src/report_summary.hpp"

namespace citecheck {

namespace {

using nlohmann::json;

constexpr const char* kSchema = "citecheck-report/1";

// Which shard a run object says it checked.
Shard shard_in(const json& run, const std::string& name) {
  if (!run.is_object() || !run.contains("shard") || !run["shard"].is_object())
    throw MergeError("'" + name + "' is not the report of a shard (it has no run.shard: was it made with --shard k/n?)");
  const json& s = run["shard"];
  if (!s.value("index", json()).is_number_integer() || !s.value("count", json()).is_number_integer())
    throw MergeError("'" + name + "': run.shard holds no whole index and count");
  return {s["index"].get<int>(), s["count"].get<int>()};
}

std::string version_of(const json& report) {
  const json tool = report.value("tool", json::object());
  return tool.is_object() ? tool.value("version", "") : "";
}

const json& array_at(const json& object, const char* key, const std::string& name) {
  static const json kEmpty = json::array();
  if (!object.is_object() || !object.contains(key)) return kEmpty;
  const json& a = object[key];
  if (!a.is_array()) throw MergeError("'" + name + "': " + key + " is not an array");
  return a;
}

// The set must be one night's: every shard once, of one count, by one citecheck. Returns the
// order that sorts the inputs by shard.
std::vector<std::size_t> check_set(const std::vector<Shard>& of, const std::vector<std::string>& names,
                                   const std::vector<std::string>& versions) {
  const int count = of.front().count;
  std::map<int, std::string> seen;
  for (std::size_t i = 0; i < of.size(); ++i) {
    if (of[i].count != count)
      throw MergeError("'" + names[i] + "' is shard " + of[i].label() + " but '" + names.front() + "' is of " +
                       std::to_string(count) + " shards");
    if (of[i].index < 0 || of[i].index >= count)
      throw MergeError("'" + names[i] + "': shard index " + std::to_string(of[i].index) + " out of 0 to " +
                       std::to_string(count - 1));
    auto [it, added] = seen.emplace(of[i].index, names[i]);
    if (!added) throw MergeError("shard " + of[i].label() + " is given twice: '" + it->second + "' and '" + names[i] + "'");
    if (versions[i] != versions.front())
      throw MergeError("'" + names[i] + "' was written by another citecheck version than '" + names.front() + "'");
  }
  std::string missing;
  for (int k = 0; k < count; ++k)
    if (!seen.count(k)) missing += (missing.empty() ? "" : ", ") + Shard{k, count}.label();
  if (!missing.empty()) throw MergeError("shard(s) " + missing + " missing: give the report of every shard of the night");
  std::vector<std::size_t> order(of.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return of[a].index < of[b].index; });
  return order;
}

// One document as every shard read it: the same path and the same links in the same order
// (so that ids name the same items everywhere).
void check_same_document(const std::vector<json*>& docs, const std::vector<std::string>& names) {
  const json& first = *docs.front();
  if (!first.is_object()) throw MergeError("'" + names.front() + "': a document is not an object");
  const json& expected = array_at(first, "links", names.front());
  for (std::size_t k = 1; k < docs.size(); ++k) {
    const json& doc = *docs[k];
    if (!doc.is_object() || doc.value("path", "") != first.value("path", ""))
      throw MergeError("'" + names[k] + "' reports '" + (doc.is_object() ? doc.value("path", "") : "?") + "' where '" +
                       names.front() + "' reports '" + first.value("path", "") + "': the shards must check the same inputs");
    const json& links = array_at(doc, "links", names[k]);
    bool same = links.size() == expected.size();
    for (std::size_t l = 0; same && l < links.size(); ++l)
      same = links[l].value("id", "") == expected[l].value("id", "") && links[l].value("value", "") == expected[l].value("value", "");
    if (!same)
      throw MergeError("'" + names[k] + "' and '" + names.front() + "' read other links in '" + first.value("path", "") +
                       "': the shards must run the same citecheck on the same inputs");
  }
}

std::tuple<long long, long long> position(const json& finding) {
  return {finding.value("line", 0LL), finding.value("column", 0LL)};
}

// One document (docs[k]: shard k's, moved from): its links from the shards that checked them,
// the findings about those links from the same shards, every other finding once.
json merge_document(const std::vector<json*>& docs, const std::vector<std::string>& names) {
  check_same_document(docs, names);
  json out = std::move(*docs.front());
  json& links = out["links"];
  auto document = [&](std::size_t k) -> json& { return k == 0 ? out : *docs[k]; };
  std::map<std::string, int> owner;  // link id → the shard that checked it; absent: every shard alike
  for (std::size_t l = 0; l < links.size(); ++l) {
    for (std::size_t k = 0; k < docs.size(); ++k) {
      const json& link = document(k)["links"][l];
      if (!link.contains("shard")) continue;
      const int o = link["shard"].is_number_integer() ? link["shard"].get<int>() : -1;
      if (o < 0 || o >= static_cast<int>(docs.size()))
        throw MergeError("'" + names[k] + "': link " + link.value("id", "") + " names shard " + link["shard"].dump());
      owner[link.value("id", "")] = o;
      break;
    }
    if (auto it = owner.find(links[l].value("id", "")); it != owner.end()) {
      const auto o = static_cast<std::size_t>(it->second);
      if (o != 0) links[l] = std::move(document(o)["links"][l]);
      if (links[l].contains("shard"))
        throw MergeError("'" + names[o] + "' does not check link " + links[l].value("id", "") +
                         ", which another shard left to it");
    }
  }
  json findings = json::array();
  std::set<std::tuple<std::string, long long, long long, std::string>> shared;
  for (std::size_t k = 0; k < docs.size(); ++k) {
    json& doc = document(k);
    if (!doc.contains("findings")) continue;
    if (!doc["findings"].is_array()) throw MergeError("'" + names[k] + "': findings is not an array");
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

// The counts of a summary for these documents: items as in `base` (every shard read the same),
// links by status and findings by severity counted again.
json summary_of(const std::vector<const json*>& documents, const json& base) {
  json summary = base.is_object() ? base : json::object();
  std::map<std::string, std::size_t> by_status;
  for (LinkStatus s : kLinkStatuses) by_status[to_string(s)] = 0;
  std::size_t links = 0, errors = 0, warnings = 0, infos = 0;
  for (const json* document : documents) {
    const json& d = *document;
    for (const json& l : array_at(d, "links", "")) {
      ++links;
      ++by_status[l.value("status", "unchecked")];
    }
    for (const json& f : array_at(d, "findings", "")) {
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

// Adds the numbers of one summary to another, field by field (the JSON Lines end line's
// totals are the documents' summaries added up).
void add_summary(json& total, const json& one) {
  if (!one.is_object()) return;
  if (!total.is_object()) total = json::object();
  for (auto it = one.begin(); it != one.end(); ++it) {
    if (it.value().is_number_integer()) total[it.key()] = total.value(it.key(), 0LL) + it.value().get<long long>();
    else if (it.value().is_object()) add_summary(total[it.key()], it.value());
  }
}

struct MergedRun {
  json run;
  bool complete = true;
};

// The run: from the first start to the last end, complete when every shard was; each shard's
// run object kept under `shards`.
MergedRun merge_runs(const std::vector<const json*>& runs, const std::vector<std::string>& names) {
  MergedRun m;
  json& run = m.run;
  run = *runs.front();
  run.erase("shard");
  json shard_runs = json::array(), failed = json::array();
  long long left = 0, deferred = 0;
  std::set<std::string> failed_paths;
  for (std::size_t k = 0; k < runs.size(); ++k) {
    const json& r = *runs[k];
    shard_runs.push_back(r);
    if (r.value("started_at", "") < run.value("started_at", "")) run["started_at"] = r["started_at"];
    if (r.value("finished_at", "") > run.value("finished_at", "")) run["finished_at"] = r["finished_at"];
    if (!r.value("complete", true)) {
      m.complete = false;
      if (!run.contains("interrupted_by") || run["interrupted_by"].is_null()) run["interrupted_by"] = r.value("interrupted_by", "");
      left += r.value("left_unchecked", 0LL);
    }
    deferred += r.value("deferred", 0LL);
    for (const json& f : array_at(r, "failed_inputs", names[k]))
      if (failed_paths.insert(f.value("path", "")).second) failed.push_back(f);
    if (r.contains("network_down") && !run.contains("network_down")) run["network_down"] = r["network_down"];
    if (r.contains("cache") && r["cache"].is_object() && !r["cache"].value("saved", true)) run["cache"] = r["cache"];
  }
  run["complete"] = m.complete;
  run["failed_inputs"] = std::move(failed);
  if (deferred) run["deferred"] = deferred;
  if (m.complete) {
    run.erase("interrupted_by");
    run.erase("left_unchecked");
  } else {
    run["left_unchecked"] = left;
  }
  if (run.contains("options") && run["options"].is_object()) {
    run["options"].erase("shard");
    run["options"].erase("output");  // each shard's own file
  }
  run["shards"] = std::move(shard_runs);
  return m;
}

// The last non-empty line of a file (a JSON Lines report's end line), read from the end.
std::string last_line(std::ifstream& in) {
  in.seekg(0, std::ios::end);
  std::streamoff at = in.tellg();
  std::string tail;
  while (at > 0) {
    const std::streamoff chunk = std::min<std::streamoff>(at, 64 * 1024);
    at -= chunk;
    std::string part(static_cast<std::size_t>(chunk), '\0');
    in.seekg(at);
    in.read(part.data(), chunk);
    tail = part + tail;
    const std::size_t end = tail.find_last_not_of("\r\n");
    if (end == std::string::npos) continue;
    const std::size_t start = tail.find_last_of('\n', end);
    if (start != std::string::npos || at == 0) return tail.substr(start == std::string::npos ? 0 : start + 1, end + 1 - (start == std::string::npos ? 0 : start + 1));
  }
  return {};
}

// The next non-empty line as a JSON record, or nullopt at the end of the file.
std::optional<json> next_record(std::ifstream& in, const std::string& name) {
  std::string line;
  while (std::getline(in, line)) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    json record = json::parse(line, nullptr, false);
    if (record.is_discarded() || !record.is_object())
      throw MergeError("'" + name + "' holds a line that is not a JSON record: not a citecheck JSON Lines report");
    return record;
  }
  return std::nullopt;
}

}  // namespace

json merge_shard_reports(std::vector<ShardReport> shards) {
  if (shards.empty()) throw MergeError("no report to merge");
  std::vector<Shard> of;
  std::vector<std::string> names, versions;
  for (const auto& s : shards) {
    if (!s.report.is_object() || s.report.value("schema", "") != kSchema)
      throw MergeError("'" + s.name + "' is not a citecheck JSON report (schema citecheck-report/1)");
    of.push_back(shard_in(s.report.value("run", json()), s.name));
    names.push_back(s.name);
    versions.push_back(version_of(s.report));
  }
  std::vector<ShardReport> sorted;
  for (std::size_t i : check_set(of, names, versions)) sorted.push_back(std::move(shards[i]));
  shards = std::move(sorted);
  names.clear();
  for (const auto& s : shards) names.push_back(s.name);

  const json& first = shards.front().report;
  const std::size_t count = array_at(first, "documents", names.front()).size();
  for (const auto& s : shards)
    if (array_at(s.report, "documents", s.name).size() != count)
      throw MergeError("'" + s.name + "' reports " + std::to_string(array_at(s.report, "documents", s.name).size()) +
                       " documents, '" + names.front() + "' " + std::to_string(count) + ": the shards must check the same inputs");
  json documents = json::array();
  for (std::size_t d = 0; d < count; ++d) {
    std::vector<json*> docs;
    for (auto& s : shards) docs.push_back(&s.report["documents"][d]);
    documents.push_back(merge_document(docs, names));
  }
  std::vector<const json*> runs;
  for (const auto& s : shards) runs.push_back(&s.report["run"]);
  MergedRun merged = merge_runs(runs, names);
  json& run = merged.run;

  json out = json::object();
  out["schema"] = kSchema;
  out["tool"] = first.value("tool", json::object());
  out["generated_at"] = run["started_at"];
  std::vector<const json*> merged_documents;
  for (const json& d : documents) merged_documents.push_back(&d);
  out["summary"] = summary_of(merged_documents, first.value("summary", json::object()));
  out["documents"] = std::move(documents);
  // The fields report 1.0 readers find at the top level.
  out["complete"] = merged.complete;
  json left_list = json::array(), sites = json::array();
  for (const auto& s : shards) {
    for (const json& u : array_at(s.report, "left_unchecked", s.name)) left_list.push_back(u);
    for (const json& site : array_at(s.report, "sites", s.name)) sites.push_back(site);
  }
  if (!merged.complete) {
    out["interrupted_by"] = run["interrupted_by"];
    out["left_unchecked"] = std::move(left_list);
  }
  if (!run["failed_inputs"].empty()) out["failed_inputs"] = run["failed_inputs"];
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

bool is_json_lines_report(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::string line;
  if (!in || !std::getline(in, line)) return false;
  json record = json::parse(line, nullptr, false);
  return !record.is_discarded() && record.is_object() && record.contains("type");
}

void merge_shard_lines(const std::vector<std::string>& paths, std::ostream& out) {
  if (paths.empty()) throw MergeError("no report to merge");
  std::vector<std::unique_ptr<std::ifstream>> files;
  std::vector<json> ends;
  std::vector<Shard> of;
  std::vector<std::string> versions;
  for (const auto& path : paths) {
    auto in = std::make_unique<std::ifstream>(path, std::ios::binary);
    if (!*in) throw InputError("cannot open '" + path + "'");
    json end = json::parse(last_line(*in), nullptr, false);
    if (end.is_discarded() || !end.is_object() || end.value("type", "") != "end")
      throw MergeError("'" + path + "' does not end with its end line: a partial JSON Lines report (was its run killed?)");
    if (end.value("schema", "") != kSchema)
      throw MergeError("'" + path + "' is not a citecheck JSON Lines report (schema citecheck-report/1)");
    of.push_back(shard_in(end.value("run", json()), path));
    versions.push_back(version_of(end));
    in->clear();
    in->seekg(0);
    files.push_back(std::move(in));
    ends.push_back(std::move(end));
  }
  std::vector<std::string> names;
  std::vector<std::size_t> order = check_set(of, paths, versions);
  for (std::size_t i : order) names.push_back(paths[i]);

  constexpr auto kReplace = json::error_handler_t::replace;
  json totals = json::object();
  bool any_document = false;
  for (;;) {
    std::vector<std::optional<json>> records;
    for (std::size_t i : order) records.push_back(next_record(*files[i], paths[i]));
    auto is = [](const std::optional<json>& r, const char* type) { return r && r->value("type", "") == type; };
    const bool document = is(records.front(), "document");
    for (std::size_t k = 0; k < records.size(); ++k)
      if (is(records[k], "document") != document || (!document && !is(records[k], "end")))
        throw MergeError("'" + names[k] + "' and '" + names.front() +
                         "' hold other documents: the shards must check the same inputs");
    if (!document) break;
    std::vector<json*> docs;
    for (auto& r : records) {
      if (!r->contains("document")) throw MergeError("a document line without its document");
      docs.push_back(&(*r)["document"]);
    }
    const json base = records.front()->value("summary", json::object());
    json merged = merge_document(docs, names);
    json summary = summary_of({&merged}, base);
    add_summary(totals, summary);
    any_document = true;
    // Built key by key: an initializer list would copy the document.
    json line = json::object();
    line["type"] = "document";
    line["schema"] = kSchema;
    line["document"] = std::move(merged);
    line["summary"] = std::move(summary);
    out << line.dump(-1, ' ', false, kReplace) << "\n";
  }
  std::vector<const json*> runs;
  for (std::size_t i : order) runs.push_back(&ends[i]["run"]);
  MergedRun merged = merge_runs(runs, names);
  if (!any_document) totals = ends[order.front()].value("summary", json::object());
  out << json{{"type", "end"}, {"schema", kSchema}, {"tool", ends[order.front()].value("tool", json::object())},
              {"generated_at", merged.run["started_at"]}, {"run", std::move(merged.run)}, {"summary", totals}}
             .dump(-1, ' ', false, kReplace)
      << "\n";
}

}  // namespace citecheck
