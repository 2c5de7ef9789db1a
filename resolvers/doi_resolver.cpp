#include "resolvers/doi_resolver.hpp"

#include <algorithm>
#include <memory>
#include <nlohmann/json.hpp>

#include "resolvers/request_url.hpp"

namespace citecheck {

namespace {

using nlohmann::json;

std::string base(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

std::string doi_path(const std::string& doi) { return percent_encode(doi, "/()"); }

void add_years(const json& m, const char* key, std::vector<int>& years) {
  if (!m.contains(key) || !m[key].is_object()) return;
  const json& parts = m[key].value("date-parts", json::array());
  if (parts.is_array() && !parts.empty() && parts[0].is_array() && !parts[0].empty() && parts[0][0].is_number_integer())
    years.push_back(parts[0][0].get<int>());
}

void finish_years(RegisteredWork& w) {
  std::sort(w.years.begin(), w.years.end());
  w.years.erase(std::unique(w.years.begin(), w.years.end()), w.years.end());
  if (!w.years.empty()) w.year = w.years.front();
}

bool starts_with_retracted(const std::string& title) {
  std::string head;
  for (char c : title.substr(0, 10)) head.push_back(static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c));
  return head.rfind("RETRACTED", 0) == 0;
}

std::string first_string(const json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_array())
    for (const auto& s : v)
      if (s.is_string() && !s.get<std::string>().empty()) return s.get<std::string>();
  return {};
}

}  // namespace

static std::optional<RegisteredWork> crossref_work(const std::string& text) {
  json j = json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("message") || !j["message"].is_object()) return std::nullopt;
  const json& m = j["message"];
  RegisteredWork w;
  w.agency = "crossref";
  if (auto t = first_string(m.value("title", json())); !t.empty()) w.title = t;
  for (const char* key : {"subtitle", "original-title", "short-title"})
    if (m.contains(key) && m[key].is_array())
      for (const auto& s : m[key])
        if (s.is_string()) w.other_titles.push_back(s.get<std::string>());
  if (w.title && m.contains("subtitle") && m["subtitle"].is_array() && !m["subtitle"].empty() && m["subtitle"][0].is_string())
    w.other_titles.push_back(*w.title + ": " + m["subtitle"][0].get<std::string>());
  if (m.contains("author") && m["author"].is_array())
    for (const auto& a : m["author"]) {
      if (!a.is_object()) continue;
      std::string family = a.value("family", std::string());
      if (family.empty()) family = a.value("name", std::string());
      if (!family.empty()) w.family_names.push_back(family);
    }
  for (const char* key : {"issued", "published-print", "published-online", "published"}) add_years(m, key, w.years);
  finish_years(w);
  // A retraction is announced on the original's record by an update whose type is a
  // retraction; corrections and errata are updates too, and are not retractions.
  if (m.contains("updated-by") && m["updated-by"].is_array())
    for (const auto& u : m["updated-by"]) {
      if (!u.is_object()) continue;
      std::string type = u.value("type", std::string());
      std::transform(type.begin(), type.end(), type.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      if (type == "retraction" || type == "removal" || type == "withdrawal") {
        w.retraction = u.value("DOI", std::string(u.value("label", std::string("retraction"))));
        break;
      }
    }
  if (!w.retraction && m.contains("relation") && m["relation"].is_object() && m["relation"].contains("is-retracted-by")) {
    const json& r = m["relation"]["is-retracted-by"];
    w.retraction = r.is_array() && !r.empty() && r[0].is_object() ? r[0].value("id", std::string("retraction")) : "retraction";
  }
  if (!w.retraction && w.title && starts_with_retracted(*w.title)) w.retraction = "the title says RETRACTED";
  return w;
}

static std::optional<RegisteredWork> datacite_doi(const std::string& text) {
  json j = json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("data") || !j["data"].is_object()) return std::nullopt;
  const json& a = j["data"].value("attributes", json::object());
  if (!a.is_object()) return std::nullopt;
  RegisteredWork w;
  w.agency = "datacite";
  if (a.contains("titles") && a["titles"].is_array())
    for (const auto& t : a["titles"]) {
      if (!t.is_object() || !t.contains("title") || !t["title"].is_string()) continue;
      bool main = !t.contains("titleType") || t["titleType"].is_null();
      if (main && !w.title) w.title = t["title"].get<std::string>();
      else w.other_titles.push_back(t["title"].get<std::string>());
    }
  if (a.contains("creators") && a["creators"].is_array())
    for (const auto& c : a["creators"]) {
      if (!c.is_object()) continue;
      std::string family = c.value("familyName", std::string());
      if (family.empty()) {
        family = c.value("name", std::string());
        if (c.value("nameType", std::string()) != "Organizational")
          if (auto comma = family.find(','); comma != std::string::npos) family.resize(comma);
      }
      if (!family.empty()) w.family_names.push_back(family);
    }
  if (a.contains("publicationYear")) {
    const json& y = a["publicationYear"];
    if (y.is_number_integer()) w.years.push_back(y.get<int>());
    else if (y.is_string() && !y.get<std::string>().empty()) w.years.push_back(std::atoi(y.get<std::string>().c_str()));
  }
  if (a.contains("dates") && a["dates"].is_array())
    for (const auto& d : a["dates"])
      if (d.is_object() && d.contains("date") && d["date"].is_string()) {
        std::string type = d.value("dateType", std::string());
        if (type == "Issued" || type == "Available" || type == "Created") {
          int y = std::atoi(d["date"].get<std::string>().substr(0, 4).c_str());
          if (y > 0) w.years.push_back(y);
        }
      }
  finish_years(w);
  if (w.title && starts_with_retracted(*w.title)) w.retraction = "the title says RETRACTED";
  return w;
}

// The agencies' JSON is trusted for nothing: a field of an unexpected type means no record.
std::optional<RegisteredWork> parse_crossref_work(const std::string& text) {
  try {
    return crossref_work(text);
  } catch (const json::exception&) {
    return std::nullopt;
  }
}

std::optional<RegisteredWork> parse_datacite_doi(const std::string& text) {
  try {
    return datacite_doi(text);
  } catch (const json::exception&) {
    return std::nullopt;
  }
}

namespace {

struct DoiRun {
  HttpPool& pool;
  const ResolverOptions& options;
  std::string doi;
  std::function<void(DoiCheck)> done;
  DoiCheck result;
};

LinkStatus failure_status(const HttpResponse& r) {
  switch (r.failure) {
    case TransferFailure::Timeout:
    case TransferFailure::GivenUp: return LinkStatus::Timeout;
    case TransferFailure::Refused: return LinkStatus::Skipped;
    case TransferFailure::None: break;
    default: return LinkStatus::Unverifiable;
  }
  if (r.status >= 500) return LinkStatus::ServerError;
  return LinkStatus::Unverifiable;
}

void fetch_datacite(const std::shared_ptr<DoiRun>& run) {
  HttpRequest req;
  req.url = base(run->options.datacite_api) + "/dois/" + doi_path(run->doi);
  req.continuation = true;
  req.headers = {"Accept: application/vnd.api+json, application/json"};
  req.max_body = 4 * 1024 * 1024;
  run->pool.submit(std::move(req), [run](HttpResponse&& r) {
    if (r.failure == TransferFailure::None && r.status == 200) run->result.registered = parse_datacite_doi(r.body);
    run->done(std::move(run->result));
  });
}

void fetch_crossref(const std::shared_ptr<DoiRun>& run) {
  HttpRequest req;
  req.url = base(run->options.crossref_api) + "/works/" + doi_path(run->doi);
  req.continuation = true;
  if (!run->options.mailto.empty()) req.url += "?mailto=" + percent_encode(run->options.mailto, "@");
  req.headers = {"Accept: application/json"};
  req.max_body = 4 * 1024 * 1024;  // a work record with thousands of references
  run->pool.submit(std::move(req), [run](HttpResponse&& r) {
    if (r.failure == TransferFailure::None && r.status == 200) {
      run->result.registered = parse_crossref_work(r.body);
      if (run->result.registered) return run->done(std::move(run->result));
    }
    if (r.failure == TransferFailure::None && r.status == 404) return fetch_datacite(run);
    run->done(std::move(run->result));  // exists; metadata unknown
  });
}

}  // namespace

void check_doi(HttpPool& pool, const ResolverOptions& options, const std::string& doi, std::function<void(DoiCheck)> done) {
  auto run = std::make_shared<DoiRun>(DoiRun{pool, options, doi, std::move(done), {}});
  HttpRequest req;
  req.url = base(options.doi_resolver) + "/api/handles/" + doi_path(doi);
  req.headers = {"Accept: application/json"};
  req.max_body = 1024 * 1024;
  pool.submit(std::move(req), [run](HttpResponse&& r) {
    DoiCheck& res = run->result;
    res.failure = r.failure;
    if (r.failure != TransferFailure::None) {
      res.status = failure_status(r);
      res.error = "the DOI resolver could not be asked: " + r.error;
      return run->done(std::move(res));
    }
    res.http_status = r.status;
    json j = json::parse(r.body, nullptr, false);
    int code = j.is_object() && j.contains("responseCode") && j["responseCode"].is_number_integer() ? j["responseCode"].get<int>() : -1;
    if (code == 100 || (code == -1 && r.status == 404)) {
      res.status = LinkStatus::Broken;
      res.error = "the DOI is not registered (doi.org: handle not found)";
      return run->done(std::move(res));
    }
    if (code != 1 && code != 200) {
      res.status = failure_status(r);
      res.error = "the DOI resolver answered HTTP " + std::to_string(r.status) +
                  (code >= 0 ? " with responseCode " + std::to_string(code) : "");
      return run->done(std::move(res));
    }
    res.status = LinkStatus::Ok;
    if (j.contains("values") && j["values"].is_array())
      for (const auto& v : j["values"])
        if (v.is_object() && v.contains("type") && v["type"] == "URL" && v.contains("data") && v["data"].is_object() &&
            v["data"].contains("value") && v["data"]["value"].is_string())
          res.target_url = v["data"]["value"].get<std::string>();
    fetch_crossref(run);
  });
}

void suggest_doi(HttpPool& pool, const ResolverOptions& options, const std::string& query,
                 std::function<void(std::optional<DoiSuggestion>)> done) {
  HttpRequest req;
  req.url = base(options.crossref_api) + "/works?rows=1&select=DOI,title,score&query.bibliographic=" + percent_encode(query);
  if (!options.mailto.empty()) req.url += "&mailto=" + percent_encode(options.mailto, "@");
  req.headers = {"Accept: application/json"};
  req.max_body = 1024 * 1024;
  pool.submit(std::move(req), [done = std::move(done)](HttpResponse&& r) {
    if (r.failure != TransferFailure::None || r.status != 200) return done(std::nullopt);
    json j = json::parse(r.body, nullptr, false);
    if (j.is_discarded() || !j.is_object() || !j.contains("message") || !j["message"].is_object()) return done(std::nullopt);
    const json& items = j["message"].value("items", json::array());
    if (!items.is_array() || items.empty() || !items[0].is_object()) return done(std::nullopt);
    DoiSuggestion s;
    try {
      s.doi = items[0].value("DOI", std::string());
      s.title = first_string(items[0].value("title", json()));
      s.score = items[0].value("score", 0.0);
    } catch (const json::exception&) {
      return done(std::nullopt);
    }
    if (s.doi.empty()) return done(std::nullopt);
    done(s);
  });
}

}  // namespace citecheck
