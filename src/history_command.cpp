#include "src/history_command.hpp"

#include <nlohmann/json.hpp>
#include <ostream>

#include "parsers/identifiers.hpp"
#include "resolvers/cache.hpp"
#include "resolvers/request_url.hpp"
#include "src/time_values.hpp"

namespace citecheck {

namespace {

using nlohmann::json;

// One link's history as the store tells it.
struct LinkStory {
  std::string key;
  LinkRecord record;
  struct Check {
    HistoryRow row;
    LinkState state;
  };
  std::vector<Check> checks;
  std::optional<std::int64_t> died_since;  // it became dead at or after --since (then: when)
  std::vector<std::string> documents;
};

bool starts_with_ci(const std::string& s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(s[i])) != prefix[i]) return false;
  return true;
}

// The store's key of a URL or DOI as a user types it, or "" for anything else (a manuscript).
std::string key_of_link(const std::string& target) {
  if (starts_with_ci(target, "doi:") || target.rfind("10.", 0) == 0 || starts_with_ci(target, "https://doi.org/") ||
      starts_with_ci(target, "http://doi.org/") || starts_with_ci(target, "https://dx.doi.org/"))
    return "doi:" + normalise_doi(target);
  if (starts_with_ci(target, "http://") || starts_with_ci(target, "https://") || starts_with_ci(target, "www.")) {
    if (auto req = request_url(target)) return "url:" + req->url;
  }
  return {};
}

LinkStory story_of(LinkStore& store, const std::string& key, const HistoryQuery& q) {
  LinkStory s;
  s.key = key;
  for (HistoryRow& row : store.rows(key)) {
    LinkRecord before = s.record;
    s.record = advance(s.record, row.status, row.checked_at, q.rule);
    if (q.since && row.checked_at >= *q.since && before.state != LinkState::Dead && s.record.state == LinkState::Dead)
      s.died_since = row.checked_at;
    s.checks.push_back({std::move(row), s.record.state});
  }
  s.documents = store.documents_citing(key);
  return s;
}

std::string printed(const std::string& key) { return key.substr(key.find(':') + 1); }

json opt_time(const std::optional<std::int64_t>& t) { return t ? json(rfc3339(*t)) : json(nullptr); }

json story_json(const LinkStory& s) {
  json checks = json::array();
  for (const auto& c : s.checks)
    checks.push_back({{"checked_at", rfc3339(c.row.checked_at)}, {"status", c.row.status}, {"state", to_string(c.state)}});
  json j = {{"link", printed(s.key)},
            {"kind", s.key.rfind("doi:", 0) == 0 ? "doi" : "url"},
            {"state", to_string(s.record.state)},
            {"failures", s.record.failures},
            {"first_failed_at", opt_time(s.record.first_failed_at)},
            {"dead_since", opt_time(s.record.dead_since)},
            {"last_ok_at", opt_time(s.record.last_ok_at)},
            {"last_checked_at", opt_time(s.record.last_checked_at)},
            {"documents", s.documents},
            {"checks", checks}};
  if (s.died_since) j["died_at"] = rfc3339(*s.died_since);
  return j;
}

void story_text(const LinkStory& s, bool with_checks, std::ostream& out) {
  const LinkRecord& r = s.record;
  out << printed(s.key) << ": " << to_string(r.state);
  if (r.state == LinkState::Suspect) out << "(" << r.failures << ")";
  if (r.first_failed_at) out << ", failing since " << rfc3339(*r.first_failed_at) << " (" << r.failures << " failed)";
  if (r.dead_since) out << ", dead since " << rfc3339(*r.dead_since);
  out << ", last answered " << (r.last_ok_at ? rfc3339(*r.last_ok_at) : std::string("never"));
  if (r.last_checked_at) out << ", last checked " << rfc3339(*r.last_checked_at);
  out << "\n";
  if (!with_checks) return;
  for (const auto& c : s.checks)
    out << "  " << rfc3339(c.row.checked_at) << "  " << c.row.status << " -> " << to_string(c.state) << "\n";
  for (const auto& d : s.documents) out << "  cited by " << d << "\n";
}

}  // namespace

int write_history(LinkStore& store, const HistoryQuery& q, std::ostream& out, std::ostream& errors) {
  int status = 0;
  json links = json::array(), documents = json::array(), broke = json::array();
  for (const std::string& target : q.targets) {
    if (std::string key = key_of_link(target); !key.empty()) {
      LinkStory s = story_of(store, key, q);
      if (s.checks.empty()) {
        errors << "citecheck: the cache has no check of '" << target << "' (check a manuscript citing it first)\n";
        status = 3;
        continue;
      }
      if (q.json) links.push_back(story_json(s));
      else story_text(s, true, out);
      continue;
    }
    const std::string document = document_key(target);
    std::vector<std::string> keys = store.document_links(document);
    if (keys.empty()) {
      errors << "citecheck: the cache has no record of the manuscript '" << target
             << "' (check it with this cache first; a manuscript without links has none)\n";
      status = 3;
      continue;
    }
    json entry = {{"path", document}, {"links", json::array()}};
    if (!q.json) out << document << ":\n";
    for (const std::string& key : keys) {
      LinkStory s = story_of(store, key, q);
      if (q.json) {
        json j = story_json(s);
        j.erase("checks");
        j.erase("documents");
        entry["links"].push_back(std::move(j));
      } else {
        out << "  ";
        story_text(s, false, out);
      }
    }
    if (q.json) documents.push_back(std::move(entry));
  }
  if (q.since) {
    if (!q.json) out << "links that became dead since " << rfc3339(*q.since) << ":\n";
    std::size_t found = 0;
    for (const std::string& key : store.keys_failed_since(*q.since)) {
      LinkStory s = story_of(store, key, q);
      if (!s.died_since) continue;
      ++found;
      if (q.json) {
        json j = story_json(s);
        j.erase("checks");
        broke.push_back(std::move(j));
      } else {
        out << "  ";
        story_text(s, false, out);
        out << "    died " << rfc3339(*s.died_since);
        for (const auto& d : s.documents) out << "; cited by " << d;
        out << "\n";
      }
    }
    if (!q.json && found == 0) out << "  none\n";
  }
  if (q.json) {
    json j = {{"schema", "citecheck-history/1"}, {"links", links}, {"documents", documents}};
    if (q.since) {
      j["since"] = rfc3339(*q.since);
      j["became_dead"] = broke;
    }
    out << j.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
  }
  return status;
}

}  // namespace citecheck
