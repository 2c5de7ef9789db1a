#include "bench/csl_synthetic.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string_view>

#include "parsers/reference_fields.hpp"
#include "parsers/unicode_text.hpp"

namespace fs = std::filesystem;

namespace citecheck::corpus {

namespace {

const fs::path kStyles = "/usr/share/citation-style-language/styles";
const fs::path kPandoc = "/usr/bin/pandoc";

std::string clean(std::string_view s) {
  std::string out(trim(s));
  while (!out.empty() && (out.back() == '.' || out.back() == ',' || out.back() == ';' || out.back() == ':')) out.pop_back();
  return std::string(trim(out));
}

std::string first_year(std::string_view s) {
  for (std::size_t i = 0; i + 4 <= s.size(); ++i) {
    bool four = true;
    for (std::size_t k = 0; k < 4; ++k) four = four && s[i + k] >= '0' && s[i + k] <= '9';
    bool alone = (i == 0 || !(s[i - 1] >= '0' && s[i - 1] <= '9')) && (i + 4 == s.size() || !(s[i + 4] >= '0' && s[i + 4] <= '9'));
    if (four && alone) return std::string(s.substr(i, 4));
  }
  return "";
}

// A source string's fields as a CSL-JSON record; null when it lacks names, a title or a year.
nlohmann::json record_of(const TaggedCitation& c, const std::string& id, std::vector<Person>& people) {
  people = parse_authors(c.first[kFieldAuthor]);
  const std::string title = clean(c.first[kFieldTitle]), year = first_year(c.first[kFieldYear]);
  if (people.empty() || title.size() < 8 || year.empty()) return nullptr;
  nlohmann::json r;
  r["id"] = id;
  nlohmann::json authors = nlohmann::json::array();
  for (const Person& p : people) {
    if (p.family.empty()) return nullptr;
    if (p.organisation) authors.push_back({{"literal", p.family}});
    else authors.push_back({{"family", p.family}, {"given", p.given}});
  }
  r["author"] = authors;
  r["title"] = title;
  r["issued"] = {{"date-parts", {{std::stoi(year)}}}};
  const std::string container = clean(c.first[kFieldContainer]);
  r["type"] = container.empty() ? "book" : "article-journal";
  if (!container.empty()) r["container-title"] = container;
  for (auto [label, key] : {std::pair<std::uint8_t, const char*>{kFieldVolume, "volume"}, {kFieldIssue, "issue"},
                            {kFieldPages, "page"}, {kFieldPublisher, "publisher"}, {kFieldPlace, "publisher-place"}}) {
    const std::string v = clean(c.first[label]);
    if (!v.empty()) r[key] = v;
  }
  return r;
}

std::string unescape(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') { out.push_back(s[i]); continue; }
    std::size_t semi = s.find(';', i);
    if (semi == std::string_view::npos || semi - i > 10) { out.push_back('&'); continue; }
    std::string_view e = s.substr(i + 1, semi - i - 1);
    if (e == "amp") out += '&';
    else if (e == "lt") out += '<';
    else if (e == "gt") out += '>';
    else if (e == "quot") out += '"';
    else if (e == "nbsp") out += ' ';
    else if (!e.empty() && e[0] == '#') {
      const bool hex = e.size() > 1 && (e[1] == 'x' || e[1] == 'X');
      append_utf8(out, static_cast<char32_t>(std::strtoul(std::string(e.substr(hex ? 2 : 1)).c_str(), nullptr, hex ? 16 : 10)));
    } else {
      out.append(s.substr(i, semi - i + 1));
    }
    i = semi;
  }
  return out;
}

// pandoc's HTML bibliography: each entry's text by its id, tags and the numbered styles'
// left-margin label dropped.
std::map<std::string, std::string> entries_of(const std::string& html) {
  std::map<std::string, std::string> out;
  const std::string open = "<div id=\"ref-";
  for (std::size_t at = html.find(open); at != std::string::npos;) {
    const std::size_t id_end = html.find('"', at + open.size());
    const std::string id = html.substr(at + open.size(), id_end - at - open.size());
    const std::size_t next = html.find(open, id_end);
    std::string body = html.substr(html.find('>', id_end) + 1, (next == std::string::npos ? html.size() : next) - id_end);
    for (std::size_t m = body.find("<div class=\"csl-left-margin\">"); m != std::string::npos;
         m = body.find("<div class=\"csl-left-margin\">")) {
      const std::size_t e = body.find("</div>", m);
      body.erase(m, e == std::string::npos ? std::string::npos : e + 6 - m);
    }
    std::string text;
    bool in_tag = false;
    for (char ch : body) {
      if (ch == '<') in_tag = true;
      else if (ch == '>') in_tag = false;
      else if (!in_tag) text.push_back(ch);
    }
    text = unescape(text);
    std::string flat;
    bool space = false;
    for (char ch : text) {
      if (ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r') { space = true; continue; }
      if (space && !flat.empty()) flat.push_back(' ');
      space = false;
      flat.push_back(ch);
    }
    // GOST and others number the entry inside it ("1. Smith J. …"): the list's label, not the entry's.
    std::size_t k = 0;
    while (k < flat.size() && flat[k] >= '0' && flat[k] <= '9') ++k;
    if (k > 0 && k + 1 < flat.size() && flat[k] == '.' && flat[k + 1] == ' ') flat.erase(0, k + 2);
    out[id] = flat;
    at = next;
  }
  return out;
}

bool initial_token(std::string_view w) {
  std::size_t letters = 0;
  for (std::size_t i = 0; i < w.size();) {
    char32_t cp = next_code_point(w, i);
    if (is_letter(cp)) ++letters;
    else if (cp != '.' && cp != '-') return false;
  }
  return letters >= 1 && letters <= 3;
}

// The names: from the first family name (or the start, when only initials stand before it)
// to the last one, with the initials or given names printed after it and "et al.".
bool label_names(TaggedCitation& c, const std::vector<Person>& people) {
  const std::string folded = lower_same_length(c.text);
  std::size_t from = std::string::npos, to = 0, search = 0;
  for (const Person& p : people) {
    const std::string family = lower_same_length(p.family);
    const std::size_t at = folded.find(family, search);
    if (at == std::string::npos) continue;
    from = std::min(from, at);
    to = std::max(to, at + family.size());
    search = at + family.size();
  }
  if (from == std::string::npos) return false;
  if (from > 0 && from <= 16) {
    bool digits = false;
    for (std::size_t k = 0; k < from; ++k) digits = digits || (c.text[k] >= '0' && c.text[k] <= '9');
    if (!digits) from = 0;
  }
  // The last author's given name or initials after the family name.
  const std::string given = lower_same_length(people.back().given);
  for (;;) {
    std::size_t k = to;
    while (k < c.text.size() && (c.text[k] == ' ' || c.text[k] == ',')) ++k;
    std::size_t e = k;
    while (e < c.text.size() && c.text[e] != ' ' && c.text[e] != ',' && c.text[e] != ';' && c.text[e] != '(') ++e;
    if (e == k) break;
    std::string_view w = std::string_view(c.text).substr(k, e - k);
    std::string word = lower_same_length(w);
    while (!word.empty() && word.back() == '.') word.pop_back();
    const bool given_word = !word.empty() && given.find(word) != std::string::npos;
    if (!initial_token(w) && !given_word) break;
    to = e;
  }
  for (std::string_view tail : {", et al.", " et al.", " et al", ", et al"}) {
    if (std::string_view(c.text).substr(to, tail.size()) == tail) { to += tail.size(); break; }
  }
  std::fill(c.labels.begin() + static_cast<long>(from), c.labels.begin() + static_cast<long>(to), kFieldAuthor);
  return true;
}

TaggedCitation labelled(const std::string& name, const std::string& text, const nlohmann::json& r,
                        const std::vector<Person>& people) {
  TaggedCitation c;
  c.name = name;
  c.text = text;
  c.labels.assign(text.size(), kFieldOther);
  if (!label_names(c, people)) return {};
  // Long values first, so a number is looked for only where no title or name already stands.
  std::vector<std::pair<std::string, std::uint8_t>> values;
  auto put = [&](const char* key, std::uint8_t label) {
    if (r.contains(key)) values.emplace_back(r[key].get<std::string>(), label);
  };
  put("title", kFieldTitle);
  put("container-title", kFieldContainer);
  put("publisher", kFieldPublisher);
  put("publisher-place", kFieldPlace);
  put("volume", kFieldVolume);
  put("issue", kFieldIssue);
  std::stable_sort(values.begin(), values.end(), [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
  // A field the style prints otherwise than given ("IEEE Trans Inform Theory" for "IEEE
  // Trans. Inform. Theory", a place left out) would teach the tagger its words are no field:
  // such a rendering is left out whole.
  for (const auto& [v, label] : values)
    if (!label_first_free(c, v, label, true)) return {};
  if (!label_first_free(c, std::to_string(r["issued"]["date-parts"][0][0].get<int>()), kFieldYear)) return {};
  // Pages: a style prints "45–67", "45-67" or "45–7"; the first page, then the range's end.
  if (r.contains("page")) {
    std::string p = r["page"].get<std::string>();
    std::size_t k = 0;
    while (k < p.size() && p[k] >= '0' && p[k] <= '9') ++k;
    if (k == 0 || !label_first_free(c, p.substr(0, k), kFieldPages)) return {};
    {
      std::size_t at = std::find(c.labels.begin(), c.labels.end(), kFieldPages) - c.labels.begin() + k;
      std::size_t e = at;
      if (e < c.text.size() && c.text[e] == '-') ++e;
      else if (c.text.compare(e, 3, "\xE2\x80\x93") == 0) e += 3;
      if (e > at) {
        std::size_t d = e;
        while (d < c.text.size() && c.text[d] >= '0' && c.text[d] <= '9' && c.labels[d] == kFieldOther) ++d;
        if (d > e) std::fill(c.labels.begin() + static_cast<long>(at), c.labels.begin() + static_cast<long>(d), kFieldPages);
      }
    }
  }
  fill_first_spans(c);
  return c;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The terms of languages pandoc's citeproc has no locale for, or only part of one (it prints
// English for the rest): what a Georgian, Armenian or Hebrew reference list writes for a
// volume, an issue, pages, "and" and "et al.".
std::string locale_terms(const std::string& language) {
  auto term = [](const char* name, const char* value, bool short_form) {
    return std::string("<term name=\"") + name + "\"" + (short_form ? " form=\"short\"><single>" : ">") + value +
           (short_form ? std::string("</single><multiple>") + value + "</multiple>" : std::string()) + "</term>";
  };
  std::string terms;
  if (language == "ka")
    terms = term("and", "და", false) + term("et-al", "და სხვ.", false) + term("volume", "ტ.", true) +
            term("issue", "№", true) + term("page", "გვ.", true) + term("edition", "გამოც.", true) +
            term("editor", "რედ.", true);
  else if (language == "hy")
    terms = term("and", "և", false) + term("et-al", "և այլք", false) + term("volume", "հ.", true) +
            term("issue", "№", true) + term("page", "էջ", true) + term("edition", "հրատ.", true) +
            term("editor", "խմբ.", true);
  else if (language == "he")
    terms = term("volume", "כרך", true) + term("issue", "גל'", true);
  return terms.empty() ? "" : "<locale><terms>" + terms + "</terms></locale>";
}

// The style file pandoc is given: the installed one, or a copy carrying the language's terms.
fs::path style_for(const std::string& style, const std::string& language, const fs::path& work_dir) {
  const fs::path installed = kStyles / (style + ".csl");
  const std::string terms = locale_terms(language);
  if (terms.empty()) return installed;
  std::string csl = slurp(installed);
  const std::size_t info = csl.find("</info>");
  if (info == std::string::npos) throw std::runtime_error("CSL style without <info>: " + installed.string());
  csl.insert(info + 7, terms);
  const fs::path copy = work_dir / (style + "-" + language + ".csl");
  std::ofstream(copy) << csl;
  return copy;
}

}  // namespace

const std::vector<std::string>& synthetic_styles() {
  static const std::vector<std::string> styles{
      "apa", "chicago-author-date", "modern-language-association", "ieee", "vancouver", "elsevier-vancouver",
      "gost-r-7-0-5-2008", "associacao-brasileira-de-normas-tecnicas", "harvard-cite-them-right", "nature",
      "american-medical-association", "iso690-author-date-en", "springer-basic-author-date", "american-chemical-society"};
  return styles;
}

bool synthetic_available(std::string& why) {
  std::error_code ec;
  if (!fs::exists(kPandoc, ec)) { why = "pandoc is not installed (apt-get install pandoc)"; return false; }
  for (const auto& s : synthetic_styles())
    if (!fs::exists(kStyles / (s + ".csl"), ec)) {
      why = "CSL style " + s + " is missing (apt-get install citation-style-language-styles)";
      return false;
    }
  return true;
}

std::vector<TaggedCitation> render_synthetic(const std::vector<TaggedCitation>& sources, std::size_t per_source,
                                             unsigned seed, const fs::path& work_dir, const std::string& language) {
  const auto& styles = synthetic_styles();
  std::mt19937 rng(seed);
  std::vector<nlohmann::json> records(sources.size());
  std::vector<std::vector<Person>> people(sources.size());
  std::vector<std::vector<std::size_t>> by_style(styles.size());
  for (std::size_t i = 0; i < sources.size(); ++i) {
    records[i] = record_of(sources[i], "r" + std::to_string(i), people[i]);
    if (records[i].is_null()) continue;
    if (per_source == 0) {
      for (auto& s : by_style) s.push_back(i);
    } else {
      std::vector<std::size_t> order(styles.size());
      for (std::size_t k = 0; k < order.size(); ++k) order[k] = k;
      std::shuffle(order.begin(), order.end(), rng);
      for (std::size_t k = 0; k < per_source && k < order.size(); ++k) by_style[order[k]].push_back(i);
    }
  }
  fs::create_directories(work_dir);
  std::vector<TaggedCitation> out;
  for (std::size_t s = 0; s < styles.size(); ++s) {
    if (by_style[s].empty()) continue;
    nlohmann::json bib = nlohmann::json::array();
    for (std::size_t i : by_style[s]) bib.push_back(records[i]);
    const fs::path refs = work_dir / "refs.json", doc = work_dir / "doc.md", html = work_dir / "out.html";
    std::ofstream(refs) << bib.dump();
    std::ofstream(doc) << "---\n" << (language.empty() ? "" : "lang: " + language + "\n") << "nocite: '@*'\n---\n";
    const std::string cmd = kPandoc.string() + " '" + doc.string() + "' --citeproc --bibliography '" + refs.string() +
                            "' --csl '" + style_for(styles[s], language, work_dir).string() + "' -t html --wrap=none -o '" +
                            html.string() + "' 2>/dev/null";
    if (std::system(cmd.c_str()) != 0) throw std::runtime_error("pandoc failed: " + cmd);
    const auto entries = entries_of(slurp(html));
    for (std::size_t i : by_style[s]) {
      auto it = entries.find("r" + std::to_string(i));
      if (it == entries.end()) continue;
      TaggedCitation c = labelled(styles[s] + "/" + sources[i].name, it->second, records[i], people[i]);
      if (!c.text.empty()) out.push_back(std::move(c));
    }
  }
  return out;
}

}  // namespace citecheck::corpus
