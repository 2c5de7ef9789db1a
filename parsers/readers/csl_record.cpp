#include "parsers/readers/csl_record.hpp"

#include <algorithm>

#include "parsers/dates.hpp"
#include "parsers/identifiers.hpp"
#include "parsers/unicode_text.hpp"

namespace citecheck {

namespace {

using nlohmann::json;

std::optional<std::string> text_field(const json& item, const char* key) {
  auto it = item.find(key);
  if (it == item.end()) return std::nullopt;
  std::string s;
  if (it->is_string()) s = it->get<std::string>();
  else if (it->is_number_integer()) s = std::to_string(it->get<long long>());
  else return std::nullopt;
  std::string_view t = trim(s);
  if (t.empty()) return std::nullopt;
  return std::string(t);
}

// "issued": {"date-parts": [[2020, 5]]}, or {"raw": "2020-05"}, or {"literal": "n.d."}.
std::optional<std::string> issued_year(const json& item) {
  auto it = item.find("issued");
  if (it == item.end() || !it->is_object()) return std::nullopt;
  auto parts = it->find("date-parts");
  if (parts != it->end() && parts->is_array() && !parts->empty() && (*parts)[0].is_array() && !(*parts)[0].empty()) {
    const json& y = (*parts)[0][0];
    if (y.is_number_integer()) return std::to_string(y.get<long long>());
    if (y.is_string()) {
      std::string s = fold_digits(y.get<std::string>());
      if (s.size() >= 4 && std::isdigit(static_cast<unsigned char>(s[0]))) return s.substr(0, 4);
    }
  }
  for (const char* k : {"raw", "literal"}) {
    auto r = it->find(k);
    if (r == it->end() || !r->is_string()) continue;
    std::string s = fold_digits(r->get<std::string>());
    for (std::size_t i = 0; i + 4 <= s.size(); ++i) {
      bool digits = true;
      for (std::size_t j = 0; j < 4; ++j) digits = digits && std::isdigit(static_cast<unsigned char>(s[i + j]));
      if (digits && (i == 0 || !std::isdigit(static_cast<unsigned char>(s[i - 1]))) &&
          (i + 4 == s.size() || !std::isdigit(static_cast<unsigned char>(s[i + 4]))))
        return s.substr(i, 4);
    }
  }
  return std::nullopt;
}

// "accessed": {"date-parts": [[2024, 3, 12]]} → "2024-03-12" (ISO, as the archive lookup
// wants it), a year and month alone → "2024-03"; {"raw": "…"} as written.
std::optional<std::string> accessed_date(const json& item) {
  auto it = item.find("accessed");
  if (it == item.end() || !it->is_object()) return std::nullopt;
  auto parts = it->find("date-parts");
  if (parts != it->end() && parts->is_array() && !parts->empty() && (*parts)[0].is_array()) {
    std::string out;
    std::size_t n = 0;
    int ymd[3] = {0, 0, 0};
    for (const json& p : (*parts)[0]) {
      long long v = -1;
      if (p.is_number_integer()) v = p.get<long long>();
      else if (p.is_string()) {
        std::string s = fold_digits(p.get<std::string>());
        if (!s.empty() && s.size() <= 4 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }))
          v = std::stoll(s);
      }
      const long long max = n == 0 ? 9999 : n == 1 ? 12 : 31;
      if (v < (n == 0 ? 1000 : 1) || v > max || n == 3) break;
      std::string digits = std::to_string(v);
      if (n > 0) out += "-" + std::string(2 - std::min<std::size_t>(2, digits.size()), '0');
      out += digits;
      ymd[n] = static_cast<int>(v);
      ++n;
    }
    if (n == 3) return checked_iso_date(ymd[0], ymd[1], ymd[2]);  // [2021, 2, 31]: no such day
    if (n > 0) return out;
  }
  auto raw = it->find("raw");
  if (raw != it->end() && raw->is_string()) {
    const std::string written = raw->get<std::string>();
    std::string_view t = trim(written);
    if (!t.empty()) return std::string(t);
  }
  return std::nullopt;
}

}  // namespace

Work work_from_csl(const json& item) {
  Work w;
  if (!item.is_object()) return w;
  auto authors = item.find("author");
  if (authors == item.end() || !authors->is_array() || authors->empty()) authors = item.find("editor");
  if (authors != item.end() && authors->is_array()) {
    for (const json& a : *authors) {
      if (!a.is_object()) continue;
      Person p;
      if (auto lit = text_field(a, "literal")) {
        p.family = *lit;
        p.organisation = true;
      } else {
        p.family = text_field(a, "family").value_or("");
        p.given = text_field(a, "given").value_or("");
        if (auto particle = text_field(a, "non-dropping-particle")) p.family = *particle + " " + p.family;
      }
      if (p.family.empty()) continue;
      if (!w.author_text.empty()) w.author_text += "; ";
      w.author_text += p.given.empty() ? p.family : p.family + ", " + p.given;
      w.authors.push_back(std::move(p));
    }
  }
  w.year = issued_year(item);
  w.title = text_field(item, "title");
  w.container = text_field(item, "container-title");
  w.volume = text_field(item, "volume");
  w.issue = text_field(item, "issue");
  w.pages = text_field(item, "page");
  w.isbn = text_field(item, "ISBN");
  if (auto doi = text_field(item, "DOI")) {
    std::string d = normalise_doi(*doi);
    if (!d.empty()) w.doi = d;
  }
  if (auto url = text_field(item, "URL")) w.urls.push_back(*url);
  w.accessed = accessed_date(item);
  return w;
}

bool json_nesting_within(std::string_view text, int max_depth) {
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
      continue;
    }
    if (c == '"') in_string = true;
    else if (c == '[' || c == '{') {
      if (++depth > max_depth) return false;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return true;
}

std::string csl_display_line(const Work& w) {
  std::string out = w.author_text;
  if (w.year) out += (out.empty() ? "(" : " (") + *w.year + ").";
  else if (!out.empty()) out += ".";
  if (w.title) out += (out.empty() ? "" : " ") + *w.title + ".";
  if (w.container) out += " " + *w.container;
  if (w.volume) out += ", " + *w.volume;
  if (w.issue) out += "(" + *w.issue + ")";
  if (w.pages) out += ", " + *w.pages;
  if (w.container || w.volume || w.pages) out += ".";
  if (w.doi) out += " https://doi.org/" + *w.doi;
  for (const auto& u : w.urls) out += " " + u;
  return std::string(trim(out));
}

}  // namespace citecheck
