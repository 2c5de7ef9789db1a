#include "src/linker.hpp"

#include <algorithm>
#include <cctype>
#include <set>

#include "parsers/identifiers.hpp"
#include "parsers/scripts/tables.hpp"
#include "parsers/unicode_text.hpp"

namespace citecheck {

namespace {

std::vector<std::string> word_keys(std::string_view s, std::size_t max_words) {
  std::vector<std::string> out;
  std::string cur;
  for (std::size_t i = 0; i <= s.size() && out.size() < max_words;) {
    std::size_t st = i;
    char32_t cp = i < s.size() ? next_code_point(s, i) : ' ';
    if (i == st) ++i;
    if (is_word_char(cp) || cp == 0x0640) {
      cur.append(s.substr(st, i - st));
    } else if (!cur.empty()) {
      std::string k = name_key(cur);
      if (!k.empty()) out.push_back(k);
      cur.clear();
    }
  }
  return out;
}

struct EntryKeys {
  std::string family;                 // first author's family name (or organisation)
  std::vector<std::string> families;  // all authors
  std::string given_first;            // first word of the first author's given names
  bool organisation = false;
  std::string raw_key;                // the entry's opening, letters only
  std::vector<std::string> author_words;
};

EntryKeys keys_of(const Reference& r) {
  EntryKeys k;
  const auto& a = r.work.authors;
  if (!a.empty()) {
    k.family = name_key(a[0].family);
    k.organisation = a[0].organisation;
    auto g = word_keys(a[0].given, 1);
    if (!g.empty()) k.given_first = g[0];
    for (const auto& p : a) k.families.push_back(name_key(p.family));
    for (const auto& p : a) {
      for (auto& w : word_keys(p.given, 4)) k.author_words.push_back(w);
      for (auto& w : word_keys(p.family, 6)) k.author_words.push_back(w);
    }
  }
  k.raw_key = name_key(std::string_view(r.raw).substr(0, 400));
  return k;
}

bool starts_with(const std::string& s, const std::string& p) { return s.size() >= p.size() && s.compare(0, p.size(), p) == 0; }

NameMatch match_name(const std::string& cited, const EntryKeys& e) {
  if (cited.empty()) return NameMatch::None;
  if (cited == e.family) return NameMatch::Family;
  // An organisation cited by a shorter form ("BBC NEWS" for "BBC NEWS TURKCE").
  if (e.organisation && cited.size() >= 4 && (starts_with(e.family, cited) || starts_with(cited, e.family)) && !e.family.empty())
    return NameMatch::Partial;
  // A family name printed with a particle or article the citation drops, or vice versa.
  if (cited.size() >= 4 && e.family.size() >= 4 &&
      (e.family.size() > cited.size() ? e.family.compare(e.family.size() - cited.size(), cited.size(), cited) == 0
                                      : cited.compare(cited.size() - e.family.size(), e.family.size(), e.family) == 0) &&
      std::max(e.family.size(), cited.size()) - std::min(e.family.size(), cited.size()) <= 3)
    return NameMatch::Partial;
  // A long name (an organisation, a title-first entry) found verbatim in the entry.
  if (cited.size() >= 8 && e.raw_key.find(cited) != std::string::npos) return NameMatch::Partial;
  if (!e.given_first.empty() && cited == e.given_first) return NameMatch::GivenName;
  for (const auto& w : e.author_words)
    if (w == cited && w.size() >= 3) return NameMatch::GivenName;
  return NameMatch::None;
}

bool same_year(const Citation& c, const Reference& r) {
  return c.year && r.work.year && *c.year == *r.work.year &&
         (!c.year_suffix || !r.work.year_suffix || *c.year_suffix == *r.work.year_suffix);
}

// Levenshtein distance of two short ASCII strings.
std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j)
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

bool skeletons_match(const std::string& a, const std::string& b) {
  if (a.size() < 2 || b.size() < 2) return false;
  if (a == b) return true;
  return std::min(a.size(), b.size()) >= 4 && edit_distance(a, b) <= 1;
}

double title_similarity(const std::optional<std::string>& a, const std::optional<std::string>& b) {
  if (!a || !b) return 0;
  auto wa = word_keys(*a, 40), wb = word_keys(*b, 40);
  std::set<std::string> sa(wa.begin(), wa.end()), sb(wb.begin(), wb.end());
  if (sa.empty() || sb.empty()) return 0;
  std::size_t common = 0;
  for (auto& w : sa) common += sb.count(w);
  return static_cast<double>(common) / static_cast<double>(std::max(sa.size(), sb.size()));
}

std::set<std::string> link_set(const Reference& r) {
  std::set<std::string> s;
  for (const auto& u : r.work.urls) s.insert(comparable_url(u));
  if (r.work.doi) s.insert("doi:" + *r.work.doi);
  return s;
}

// Years of a work and its copy: equal, or a Solar Hijri year and its Gregorian one
// (۱۳۹۸ is 2019/20).
bool same_year_any_calendar(const std::optional<std::string>& a, const std::optional<std::string>& b) {
  if (a == b) return true;
  if (!a || !b || a->size() != 4 || b->size() != 4 || !std::isdigit(static_cast<unsigned char>((*a)[0])) ||
      !std::isdigit(static_cast<unsigned char>((*b)[0])))
    return false;
  int x = std::stoi(*a), y = std::stoi(*b);
  if (x > y) std::swap(x, y);
  return x >= 1300 && x <= 1420 && y >= 1900 && (y - x == 621 || y - x == 622);
}

bool shares(const std::set<std::string>& a, const std::set<std::string>& b) {
  for (const auto& x : a)
    if (b.count(x)) return true;
  return false;
}

}  // namespace

std::string comparable_url(std::string_view url) {
  std::string u(url);
  std::size_t scheme = u.find("://");
  std::string rest = scheme == std::string::npos ? u : u.substr(scheme + 3);
  std::size_t slash = rest.find_first_of("/?#");
  std::string host = rest.substr(0, slash);
  for (char& c : host) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  if (host.rfind("www.", 0) == 0) host.erase(0, 4);
  std::string path = slash == std::string::npos ? "" : rest.substr(slash);
  // Drop tracking parameters.
  std::size_t q = path.find('?');
  if (q != std::string::npos) {
    std::string query = path.substr(q + 1), kept;
    path.resize(q);
    std::size_t start = 0;
    while (start <= query.size()) {
      std::size_t amp = query.find('&', start);
      std::string param = query.substr(start, amp == std::string::npos ? std::string::npos : amp - start);
      std::string name = param.substr(0, param.find('='));
      bool tracking = false;
      for (auto t : tables::tracking_parameters()) {
        if (t.back() == '*' ? name.rfind(std::string(t.substr(0, t.size() - 1)), 0) == 0 : name == t) tracking = true;
      }
      if (!tracking && !param.empty()) kept += (kept.empty() ? "" : "&") + param;
      if (amp == std::string::npos) break;
      start = amp + 1;
    }
    if (!kept.empty()) path += "?" + kept;
  }
  while (!path.empty() && path.back() == '/') path.pop_back();
  return host + path;
}

Linkage link_manuscript(Manuscript& m) {
  Linkage out;
  const auto& refs = m.references;
  std::vector<EntryKeys> keys;
  keys.reserve(refs.size());
  for (const auto& r : refs) keys.push_back(keys_of(r));

  // Twins: an entry in one script and its copy in another (same year; shared link, or
  // names that transliterate alike).
  out.twin_of.assign(refs.size(), -1);
  {
    struct Candidate { int score; int a, b; bool link; };
    std::vector<Candidate> cands;
    std::vector<std::set<std::string>> links;
    std::vector<std::string> skeletons;
    for (const auto& r : refs) {
      links.push_back(link_set(r));
      skeletons.push_back(r.work.authors.empty() ? "" : transliteration_skeleton(r.work.authors[0].family));
    }
    for (std::size_t i = 0; i < refs.size(); ++i) {
      for (std::size_t j = i + 1; j < refs.size(); ++j) {
        if (refs[i].script.empty() || refs[j].script.empty() || refs[i].script == refs[j].script) continue;
        if (!same_year_any_calendar(refs[i].work.year, refs[j].work.year)) continue;
        bool link = shares(links[i], links[j]);
        bool names = skeletons_match(skeletons[i], skeletons[j]);
        if (!link && !names) continue;
        cands.push_back({(link ? 2 : 0) + (names ? 1 : 0), static_cast<int>(i), static_cast<int>(j), link});
      }
    }
    std::stable_sort(cands.begin(), cands.end(), [](auto& x, auto& y) { return x.score > y.score; });
    for (const auto& c : cands) {
      if (out.twin_of[c.a] >= 0 || out.twin_of[c.b] >= 0) continue;
      out.twin_of[c.a] = c.b;
      out.twin_of[c.b] = c.a;
      out.twins.push_back({c.a, c.b, c.link});
    }
  }

  // Duplicates in one script: same DOI or URL, or same first author, year and title.
  {
    std::vector<std::set<std::string>> links;
    for (const auto& r : refs) links.push_back(link_set(r));
    for (std::size_t i = 0; i < refs.size(); ++i) {
      for (std::size_t j = i + 1; j < refs.size(); ++j) {
        if (refs[i].script != refs[j].script) continue;
        bool same_link = shares(links[i], links[j]);
        bool same_work = !keys[i].family.empty() && keys[i].family == keys[j].family &&
                         refs[i].work.year == refs[j].work.year && refs[i].work.year_suffix == refs[j].work.year_suffix &&
                         title_similarity(refs[i].work.title, refs[j].work.title) >= 0.8;
        if (same_link || same_work) out.duplicates.push_back({static_cast<int>(i), static_cast<int>(j), same_link});
      }
    }
  }

  auto twin_pair = [&](int a, int b) { return a >= 0 && out.twin_of[a] == b; };

  out.citations.resize(m.citations.size());
  for (std::size_t ci = 0; ci < m.citations.size(); ++ci) {
    Citation& c = m.citations[ci];
    CitationLink& link = out.citations[ci];
    if (c.kind == CitationKind::Numeric) {
      for (std::size_t k = 0; k < c.numbers.size(); ++k) {
        for (std::size_t r = 0; r < refs.size(); ++r) {
          if (fold_digits(refs[r].label) != c.numbers[k]) continue;
          if (k == 0 && link.reference < 0) {
            link.reference = static_cast<int>(r);
            link.name = NameMatch::Family;
            link.year_matches = true;
          } else if (k > 0) {
            c.also_references.push_back(refs[r].id);
          }
          break;
        }
      }
      if (link.reference >= 0) c.reference = refs[link.reference].id;
      continue;
    }
    if (c.authors.empty()) continue;
    std::string first = name_key(c.authors[0]);
    std::string second = c.authors.size() > 1 ? name_key(c.authors[1]) : "";
    // Score: name quality first, then year, then the second author.
    int best_score = -1;
    std::vector<int> best;
    std::vector<int> scores(refs.size(), -1);
    for (std::size_t r = 0; r < refs.size(); ++r) {
      NameMatch nm = match_name(first, keys[r]);
      if (nm == NameMatch::None) {
        // "Smith and Jones" matched as one organisation-like string.
        std::string all;
        for (auto& a : c.authors) all += name_key(a);
        if (c.authors.size() > 1 && all.size() >= 8 && keys[r].raw_key.find(all) != std::string::npos) nm = NameMatch::Partial;
        else continue;
      }
      int s = static_cast<int>(nm) * 100;
      if (same_year(c, refs[r])) s += 20;
      else if (!refs[r].work.year) s += 5;
      if (!second.empty() && keys[r].families.size() > 1 &&
          (keys[r].families[1] == second || std::find(keys[r].author_words.begin(), keys[r].author_words.end(), second) != keys[r].author_words.end()))
        s += 3;
      scores[r] = s;
      if (s > best_score) { best_score = s; best.assign(1, static_cast<int>(r)); }
      else if (s == best_score) best.push_back(static_cast<int>(r));
    }
    if (best.empty()) continue;
    // Prefer the entry in the citation's own script among twins.
    std::string cscript = dominant_script(c.authors[0]);
    int chosen = best[0];
    for (int r : best)
      if (refs[r].script == cscript) { chosen = r; break; }
    for (int r : best)
      if (r != chosen && !twin_pair(chosen, r)) link.ambiguous.push_back(r);
    link.reference = chosen;
    link.name = static_cast<NameMatch>(best_score / 100);
    link.year_matches = same_year(c, refs[chosen]);
    // A given name matching several entries says nothing; a year that matches none of
    // several same-name entries cannot pick one either.
    if (link.name == NameMatch::GivenName && !link.ambiguous.empty()) { link.reference = -1; continue; }
    c.reference = refs[chosen].id;
  }

  // Footnotes that cite a work listed in the reference list.
  out.footnote_reference.assign(m.footnotes.size(), -1);
  for (std::size_t f = 0; f < m.footnotes.size(); ++f) {
    const auto& w = m.footnotes[f].work;
    if (!w || w->authors.empty()) continue;
    std::string fam = name_key(w->authors[0].family);
    for (std::size_t r = 0; r < refs.size(); ++r)
      if (keys[r].family == fam && refs[r].work.year == w->year) { out.footnote_reference[f] = static_cast<int>(r); break; }
  }
  return out;
}

}  // namespace citecheck
