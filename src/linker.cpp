#include "src/linker.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <memory>
#include <set>
#include <tuple>
#include <unordered_map>

#include "parsers/identifiers.hpp"
#include "parsers/scripts/tables.hpp"
#include "parsers/unicode_text.hpp"

namespace citecheck {

namespace {

// Names and titles are compared by their words, digits left out.
std::vector<std::string> name_words(std::string_view s, std::size_t max_words) { return word_keys(s, max_words, false); }

struct EntryKeys {
  std::string full_name, full_name_reversed;  // given+family and family+given of the first author
  std::string family;                 // first author's family name (or organisation)
  std::size_t family_letters = 0;     // its length in code points (every citation compares it)
  std::vector<std::string> families;  // all authors
  std::string given_first;            // first word of the first author's given names
  bool organisation = false;
  // The entry's opening, letters only: made the first time a long name is looked for in it
  // (most entries never are; a list of 100,000 held 11 MB of them).
  std::string_view raw;
  mutable OptionalText raw_key_made;
  const std::string& raw_key() const {
    if (!raw_key_made) raw_key_made = name_key(raw.substr(0, 400));
    return *raw_key_made;
  }
  std::vector<std::string> org_words; // an organisation's name, word by word
  std::vector<std::string> org_short; // an organisation's short forms: words of the entry, initials
  std::vector<std::string> author_words;
  std::vector<std::string> japanese_prefixes;  // "山田" of "山田太郎" (japanese_family_prefixes)
};

// The words of a printed name, split at blanks and punctuation other than hyphens.
std::vector<std::string_view> words_of_name(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t start = i;
    std::size_t k = i;
    char32_t cp = next_code_point(s, k);
    if (!is_word_char(cp)) { i = k; continue; }
    while (i < s.size()) {
      std::size_t q = i;
      char32_t c = next_code_point(s, q);
      if (!is_word_char(c) && c != '-') break;
      i = q;
    }
    out.push_back(s.substr(start, i - start));
  }
  return out;
}

bool is_upper_initial(std::string_view w) {
  std::size_t k = 0;
  return is_upper(next_code_point(w, k));
}

std::size_t initial_length(std::string_view w) {
  std::size_t k = 0;
  next_code_point(w, k);
  return k;
}

EntryKeys keys_of(const Reference& r, const std::vector<std::string>& scripts) {
  EntryKeys k;
  const auto& a = r.work.authors;
  if (!a.empty()) {
    k.family = name_key(a[0].family);
    k.organisation = a[0].organisation;
    if (k.organisation) {
      k.org_words = name_words(a[0].family, 12);
      // "(Inep, 2024a)", "(ENAP, 2021)", "(CGEE, 2023)": an institution cited by the acronym
      // its entry prints ("… Anísio Teixeira. (2024a). Resumo técnico … Inep.") or by the
      // initials of its name ("Centro de Gestão e Estudos Estratégicos").
      k.org_short = name_words(r.raw, 80);
      std::string initials;
      for (const auto& w : words_of_name(a[0].family))
        if (!w.empty() && is_upper_initial(w)) initials += w.substr(0, initial_length(w));
      if (code_point_count(initials) >= 2) k.org_short.push_back(name_key(initials));
    }
    if (!a[0].given.empty()) {
      k.full_name = name_key(a[0].given) + k.family;
      k.full_name_reversed = k.family + name_key(a[0].given);
    }
    auto g = name_words(a[0].given, 1);
    if (!g.empty()) k.given_first = g[0];
    for (const auto& p : a) k.families.push_back(name_key(p.family));
    for (const auto& p : a) {
      for (auto& w : name_words(p.given, 4)) k.author_words.push_back(w);
      for (auto& w : name_words(p.family, 6)) k.author_words.push_back(w);
    }
  }
  k.raw = r.raw;
  k.family_letters = code_point_count(k.family);
  if (!k.organisation) k.japanese_prefixes = japanese_family_prefixes(k.family, scripts);
  return k;
}

bool starts_with(const std::string& s, const std::string& p) { return s.size() >= p.size() && s.compare(0, p.size(), p) == 0; }


// `inside` (when given) is set when the name was found only inside the entry's text, not
// where its author stands: weaker than any match on the author.
NameMatch match_name(const std::string& cited, const EntryKeys& e, bool* inside = nullptr) {
  if (cited.empty()) return NameMatch::None;
  if (cited == e.family) return NameMatch::Family;
  // Lengths in letters, not bytes: "მარიამ" is six letters and eighteen bytes.
  const std::size_t cited_len = code_point_count(cited), family_len = e.family_letters;
  // The whole name, in either order ("(محمد علي 2010)" for an entry "علي، محمد").
  if (!e.full_name.empty() && (cited == e.full_name || cited == e.full_name_reversed)) return NameMatch::Family;
  // An organisation cited by a shorter form ("BBC NEWS" for "BBC NEWS TURKCE").
  if (e.organisation && cited_len >= 4 && (starts_with(e.family, cited) || starts_with(cited, e.family)) && !e.family.empty())
    return NameMatch::Partial;
  // A family name printed with a particle or article the citation drops, or vice versa.
  if (cited_len >= 4 && family_len >= 4 &&
      (e.family.size() > cited.size() ? e.family.compare(e.family.size() - cited.size(), cited.size(), cited) == 0
                                      : cited.compare(cited.size() - e.family.size(), e.family.size(), e.family) == 0) &&
      std::max(family_len, cited_len) - std::min(family_len, cited_len) <= 3)
    return NameMatch::Partial;
  // A Japanese name printed whole, family before given with no space between ("山田太郎"), is
  // cited by its family name ("山田").
  if (std::find(e.japanese_prefixes.begin(), e.japanese_prefixes.end(), cited) != e.japanese_prefixes.end())
    return NameMatch::Family;
  // An inflected form of the family name ("ბადურაშვილის" for "ბადურაშვილი").
  if (!e.organisation && family_len >= 5 && inflected_form(cited, e.family)) return NameMatch::Partial;
  // The first author's given name used as if it were the family name.
  if (!e.given_first.empty() && cited == e.given_first) return NameMatch::GivenName;
  // A long name (an organisation, a title-first entry) found verbatim in the entry.
  if (cited_len >= 8 && e.raw_key().find(cited) != std::string::npos) {
    if (inside) *inside = e.raw_key().compare(0, cited.size(), cited) != 0;
    return NameMatch::Partial;
  }
  // An organisation's acronym or one word of its name ("(BLS, 2023)" for "BLS – US Bureau of
  // Labor Statistics") is a short form of it, never a given name.
  if (e.organisation) {
    if (cited_len >= 2 && cited_len <= 10 && std::find(e.org_short.begin(), e.org_short.end(), cited) != e.org_short.end())
      return NameMatch::Partial;
    return NameMatch::None;
  }
  for (const auto& w : e.author_words)
    if (w == cited && w.size() >= 3) return NameMatch::GivenName;
  return NameMatch::None;
}

// How well the cited co-authors fit an entry whose first author matched: the second and
// further cited names among the entry's authors in order, and as many authors as the
// citation implies — "et al." for three or more, "Lawson and Weinstein" for exactly two —
// so that "(Evans, Reisz & Dupuis, 2007)" and "(Gates et al., 2007)" choose between
// "Evans, DC; Reisz, RR (2007)" and a longer author list of the same year. Below the weight
// of a matching year.
int coauthor_score(const Citation& c, const std::vector<std::string>& cited, const EntryKeys& e) {
  int score = 0;
  if (cited.size() > 1 && e.families.size() > 1) {
    if (e.families[1] == cited[1]) score += 4;
    else if (std::find(e.author_words.begin(), e.author_words.end(), cited[1]) != e.author_words.end()) score += 2;
    for (std::size_t k = 2; k < cited.size() && k < 5; ++k)
      if (k < e.families.size() && e.families[k] == cited[k]) score += 1;
  }
  if (!e.organisation && !e.families.empty()) {
    if (c.et_al) score += e.families.size() >= 3 ? 2 : e.families.size() == 2 ? 1 : 0;
    else if (e.families.size() == cited.size()) score += 2;
  }
  return score;
}

bool same_year(const Citation& c, const Reference& r) {
  return c.year && r.work.year && *c.year == *r.work.year &&
         (!c.year_suffix || !r.work.year_suffix || *c.year_suffix == *r.work.year_suffix);
}


struct Skeletons {
  std::string loose, strict;  // without and with semivowels
  std::string script, key;    // of the first family name as printed
};

Skeletons skeletons_of(const Reference& r) {
  if (r.work.authors.empty()) return {};
  const std::string& family = r.work.authors[0].family;
  return {transliteration_skeleton(family, false), transliteration_skeleton(family, true), dominant_script(family),
          name_key(family)};
}

// Names that transliterate alike. Two names printed in the same script are the same name
// only when they are spelt the same: "Karimov" and "Qasimi" are one edit apart as
// skeletons, but a romanised copy differs from its original by script, not by spelling.
bool skeletons_match(const Skeletons& a, const Skeletons& b) {
  if (!a.script.empty() && a.script == b.script) return !a.key.empty() && a.key == b.key;
  return citecheck::skeletons_match(a.loose, b.loose) || citecheck::skeletons_match(a.strict, b.strict);
}

// Two words of one name in two languages: "ministry"/"ministerio", "education"/"educacao"
// (name_key forms). They open alike for five letters or more, three fifths of the shorter.
bool cognates(const std::string& a, const std::string& b) {
  if (a == b) return true;
  std::size_t p = 0;
  while (p < a.size() && p < b.size() && a[p] == b[p]) ++p;
  while (p > 0 && (static_cast<unsigned char>(a[p]) & 0xC0) == 0x80) --p;  // whole letters only
  const std::size_t shared = code_point_count(std::string_view(a).substr(0, p));
  const std::size_t shorter = std::min(code_point_count(a), code_point_count(b));
  return shared >= 5 && shared * 5 >= shorter * 3;
}

// `word` in `text` with no letter or digit on either side ("CNPq" in "Conhecimento. CNPq.").
bool has_word(std::string_view text, std::string_view word) {
  for (std::size_t at = text.find(word); at != std::string_view::npos; at = text.find(word, at + 1)) {
    std::size_t before = at, after = at + word.size();
    bool open = at == 0 || !is_word_char(previous_code_point(text, before));
    bool close = after >= text.size() || !is_word_char(next_code_point(text, after));
    if (open && close) return true;
  }
  return false;
}

// Distinct words, sorted: two sets are compared in one merge, without a tree per title.
using WordSet = std::vector<std::string>;

WordSet title_words(const std::string& s) {
  auto w = name_words(s, 40);
  WordSet out(std::make_move_iterator(w.begin()), std::make_move_iterator(w.end()));
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

double word_set_similarity(const WordSet& sa, const WordSet& sb) {
  if (sa.empty() || sb.empty()) return 0;
  std::size_t common = 0;
  for (auto a = sa.begin(), b = sb.begin(); a != sa.end() && b != sb.end();) {
    int c = a->compare(*b);
    if (c == 0) { ++common; ++a; ++b; }
    else if (c < 0) ++a;
    else ++b;
  }
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
  host = lower_ascii(host);
  if (host.rfind("www.", 0) == 0) host.erase(0, 4);
  std::string path = slash == std::string::npos ? "" : rest.substr(slash);
  // Drop tracking parameters.
  std::size_t q = path.find('?');
  if (q != std::string::npos) {
    std::string query = path.substr(q + 1), kept;
    path.resize(q);
    while (!path.empty() && path.back() == '/') path.pop_back();
    std::size_t start = 0;
    while (start <= query.size()) {
      std::size_t amp = query.find('&', start);
      std::string param = query.substr(start, amp == std::string::npos ? std::string::npos : amp - start);
      std::string name = param.substr(0, param.find('='));
      if (!tables::is_tracking_parameter(name) && !param.empty()) kept += (kept.empty() ? "" : "&") + param;
      if (amp == std::string::npos) break;
      start = amp + 1;
    }
    if (!kept.empty()) path += "?" + kept;
  }
  while (!path.empty() && path.back() == '/') path.pop_back();
  return host + path;
}

namespace {

// Entries that share a key are compared with each other; nothing else is, so a bibliography
// of half a million entries costs time proportional to its size. A bucket that holds very
// many entries (every entry of one year) says nothing and is left out.
constexpr std::size_t kMaxBucket = 64;
using Buckets = std::unordered_map<std::string, std::vector<int>>;

template <typename Visit>
void for_each_pair(const Buckets& buckets, Visit visit) {
  // Each pair once, in the entries' order (two entries share several buckets): gathered,
  // sorted and made unique, which costs a fraction of a tree of the pairs seen.
  std::vector<std::pair<int, int>> pairs;
  for (const auto& [key, members] : buckets) {
    if (members.size() < 2 || members.size() > kMaxBucket) continue;
    for (std::size_t x = 0; x < members.size(); ++x)
      for (std::size_t y = x + 1; y < members.size(); ++y) {
        int a = std::min(members[x], members[y]), b = std::max(members[x], members[y]);
        if (a != b) pairs.emplace_back(a, b);
      }
  }
  std::sort(pairs.begin(), pairs.end());
  pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
  for (const auto& [a, b] : pairs) visit(a, b);
}

std::string calendar_year(const std::optional<std::string>& y) {
  if (!y || y->size() != 4 || !std::isdigit(static_cast<unsigned char>((*y)[0]))) return y.value_or("");
  int v = std::stoi(*y);
  return std::to_string(v >= 1300 && v <= 1420 ? v + 621 : v);  // Solar Hijri → Gregorian
}

}  // namespace

Linkage link_manuscript(Manuscript& m) {
  Linkage out;
  const auto& refs = m.references;
  const int n = static_cast<int>(refs.size());
  std::vector<EntryKeys> keys;
  keys.reserve(refs.size());
  for (const auto& r : refs) keys.push_back(keys_of(r, m.scripts));
  std::vector<std::set<std::string>> links;
  for (const auto& r : refs) links.push_back(link_set(r));

  // Twins: an entry in one script and its copy in another (same year; shared link, or
  // names that transliterate alike).
  out.twin_of.assign(refs.size(), -1);
  // Twins are in two scripts: a list in one script has none, and needs no transliteration.
  bool several_scripts = false;
  {
    const std::string* seen = nullptr;
    for (const Reference& r : refs) {
      if (r.script.empty()) continue;
      if (!seen) seen = &r.script;
      else if (r.script != *seen) { several_scripts = true; break; }
    }
  }
  if (several_scripts) {
    std::vector<Skeletons> skeletons;
    // An author with several works is transliterated once.
    std::unordered_map<std::string, Skeletons> skeleton_of_family;
    Buckets buckets;
    for (int i = 0; i < n; ++i) {
      if (refs[i].work.authors.empty()) {
        skeletons.emplace_back();
      } else {
        auto [at, fresh] = skeleton_of_family.try_emplace(refs[i].work.authors[0].family);
        if (fresh) at->second = skeletons_of(refs[i]);
        skeletons.push_back(at->second);
      }
      for (const auto& l : links[i]) buckets["L" + l].push_back(i);
      const std::string year = calendar_year(refs[i].work.year);
      // An institution's report in two languages: translated names, one website.
      if (keys[i].organisation)
        for (const auto& u : refs[i].work.urls) buckets["H" + year + "|" + url_host(u)].push_back(i);
      if (skeletons[i].loose.size() >= 2) buckets["S" + year + "|" + skeletons[i].loose].push_back(i);
      if (skeletons[i].strict.size() >= 2) buckets["T" + year + "|" + skeletons[i].strict].push_back(i);
      // Skeletons one edit apart still meet in a bucket keyed by the year alone.
      if (skeletons[i].strict.size() >= 2) buckets["Y" + year].push_back(i);
      // A list printed twice, numbered alike (a Cyrillic list and its romanised "References").
      if (!refs[i].label.empty()) buckets["N" + fold_digits(refs[i].label) + "|" + year].push_back(i);
    }
    struct Candidate { int score; int a, b; bool link; };
    std::vector<Candidate> cands;
    for_each_pair(buckets, [&](int i, int j) {
      if (refs[i].script.empty() || refs[j].script.empty() || refs[i].script == refs[j].script) return;
      if (!same_year_any_calendar(refs[i].work.year, refs[j].work.year)) return;
      bool link = shares(links[i], links[j]);
      bool names = skeletons_match(skeletons[i], skeletons[j]);
      bool same_label = !refs[i].label.empty() && fold_digits(refs[i].label) == fold_digits(refs[j].label) &&
                        refs[i].section != refs[j].section;
      bool same_site = false;
      if (keys[i].organisation && keys[j].organisation && refs[i].work.year)
        for (const auto& u : refs[i].work.urls)
          for (const auto& v : refs[j].work.urls)
            if (!url_host(u).empty() && url_host(u) == url_host(v)) same_site = true;
      if (link || names || (same_label && refs[i].work.year) || same_site) {
        int score = (link ? 2 : 0) + (names ? 1 : 0) + (same_label ? 1 : 0) + (same_site ? 1 : 0);
        cands.push_back({score, i, j, link});
      }
    });
    std::stable_sort(cands.begin(), cands.end(), [](auto& x, auto& y) {
      return x.score != y.score ? x.score > y.score : std::tie(x.a, x.b) < std::tie(y.a, y.b);
    });
    for (const auto& c : cands) {
      if (out.twin_of[c.a] >= 0 || out.twin_of[c.b] >= 0) continue;
      out.twin_of[c.a] = c.b;
      out.twin_of[c.b] = c.a;
      out.twins.push_back({c.a, c.b, c.link});
    }
  }

  // Word sets of titles and of whole entries, made when a comparison first needs them.
  std::vector<std::optional<WordSet>> title_word_sets(refs.size()), entry_words(refs.size());
  auto title_words_of = [&](int r) -> const WordSet& {
    if (!title_word_sets[r]) title_word_sets[r] = refs[r].work.title ? title_words(*refs[r].work.title) : WordSet{};
    return *title_word_sets[r];
  };

  // Duplicates in one script: same DOI or URL, or same first author, year and title.
  {
    Buckets buckets;
    for (int i = 0; i < n; ++i) {
      for (const auto& l : links[i]) buckets["L" + refs[i].script + "|" + l].push_back(i);
      if (!keys[i].family.empty())
        buckets["W" + refs[i].script + "|" + keys[i].family + "|" + refs[i].work.year.value_or("") +
                refs[i].work.year_suffix.value_or("")].push_back(i);
    }
    for_each_pair(buckets, [&](int i, int j) {
      if (refs[i].script != refs[j].script) return;
      bool same_link = shares(links[i], links[j]);
      bool same_work = !keys[i].family.empty() && keys[i].family == keys[j].family &&
                       refs[i].work.year == refs[j].work.year && refs[i].work.year_suffix == refs[j].work.year_suffix &&
                       word_set_similarity(title_words_of(i), title_words_of(j)) >= 0.8;
      if (same_link || same_work) out.duplicates.push_back({i, j, same_link});
    });
    // n copies of one work are n-1 duplicates of its first copy, not n(n-1)/2 pairs.
    std::sort(out.duplicates.begin(), out.duplicates.end(),
              [](const ReferencePair& x, const ReferencePair& y) { return std::tie(x.a, x.b) < std::tie(y.a, y.b); });
    std::vector<int> first_copy(refs.size(), -1);
    std::vector<ReferencePair> kept;
    for (const auto& d : out.duplicates) {
      int root = first_copy[d.a] >= 0 ? first_copy[d.a] : d.a;
      if (first_copy[d.b] >= 0) continue;  // already the duplicate of an earlier copy
      first_copy[d.b] = root;
      kept.push_back({root, d.b, d.shares_link});
    }
    out.duplicates = std::move(kept);
  }

  auto twin_pair = [&](int a, int b) { return a >= 0 && out.twin_of[a] == b; };
  // Each entry's first copy (itself when it is none's duplicate), so that "are these two
  // copies of one work" costs one look-up however many duplicates the list has.
  std::vector<int> copy_of(refs.size());
  for (int r = 0; r < n; ++r) copy_of[r] = r;
  for (const auto& d : out.duplicates) copy_of[d.b] = d.a;

  // Indexes for citations: family names, given names and other name words, labels.
  std::unordered_map<std::string, std::vector<int>> by_family, by_word;
  std::unordered_map<std::string, int> by_label;
  std::unordered_map<std::string, std::vector<int>> parts_of;  // "1" → entries "1a", "1b"
  for (int r = 0; r < n; ++r) {
    if (!keys[r].family.empty()) by_family[keys[r].family].push_back(r);
    std::set<std::string> words(keys[r].author_words.begin(), keys[r].author_words.end());
    if (!keys[r].given_first.empty()) words.insert(keys[r].given_first);
    for (const auto& p : keys[r].japanese_prefixes) words.insert(p);  // "山田" of "山田太郎"
    for (const auto& w : words) by_word[w].push_back(r);
    if (refs[r].label.empty()) continue;
    std::string label = fold_digits(refs[r].label);
    // A compound entry's part ("1a") is also found by its group's label: "[1]" cites them all.
    if (label.size() >= 2 && label.back() >= 'a' && label.back() <= 'z' && is_digit(static_cast<unsigned char>(label[label.size() - 2])))
      parts_of[label.substr(0, label.size() - 1)].push_back(r);
    by_label.emplace(std::move(label), r);
  }
  // Partial matches (organisations cited by a short form, names found in a title-first
  // entry) need a scan; on very large lists only exact names are used.
  const bool partial_scan = n <= 300;

  // The file's own names for entries (JATS ref ids) and the DOIs entries give.
  std::unordered_map<std::string, int> by_key, by_doi;
  for (int r = 0; r < n; ++r) {
    if (!refs[r].key.empty()) by_key.emplace(refs[r].key, r);
    if (refs[r].work.doi) by_doi.emplace(*refs[r].work.doi, r);
  }

  // Entries by the number of the law or report they open with.
  std::unordered_map<std::string, std::vector<int>> by_number;
  for (int r = 0; r < n; ++r)
    if (refs[r].work.number) by_number[*refs[r].work.number].push_back(r);
  // Entries by the opening of their title's key, for works cited by title: made when a
  // citation first needs them (most documents have none such).
  constexpr std::size_t kTitleOpening = 6;
  std::vector<std::string> title_keys;
  std::unordered_map<std::string, std::vector<int>> by_title_opening, untitled_by_year;
  auto index_titles = [&] {
    if (!title_keys.empty()) return;
    title_keys.resize(static_cast<std::size_t>(n));
    for (int r = 0; r < n; ++r) {
      if (!refs[r].work.title) {
        if (refs[r].work.year) untitled_by_year[*refs[r].work.year].push_back(r);
        continue;
      }
      title_keys[r] = name_key(std::string_view(*refs[r].work.title).substr(0, 200));
      // Under each opening of three to six bytes, so that a short name ("Coot") finds it too.
      for (std::size_t len = 3; len <= std::min(title_keys[r].size(), kTitleOpening); ++len)
        by_title_opening[title_keys[r].substr(0, len)].push_back(r);
    }
  };
  out.citations.resize(m.citations.size());
  std::map<std::vector<int>, std::shared_ptr<const std::vector<int>>> entry_sets;  // one copy of each ambiguity
  std::vector<int> ambiguous;
  for (std::size_t ci = 0; ci < m.citations.size(); ++ci) {
    Citation& c = m.citations[ci];
    CitationLink& link = out.citations[ci];
    // A JATS xref names its entries: no guessing, and a rid that names nothing stays unlinked.
    if (!c.targets.empty()) {
      for (const std::string& t : c.targets) {
        auto it = by_key.find(t);
        if (it == by_key.end()) continue;
        if (link.reference < 0) link.reference = it->second;
        else c.also_references.push_back(refs[it->second].id);
      }
      if (link.reference >= 0) {
        const Reference& r = refs[link.reference];
        link.name = c.authors.empty() ? NameMatch::Family : std::max(NameMatch::Partial, match_name(name_key(c.authors[0]), keys[link.reference]));
        link.year_matches = !c.year || same_year(c, r);
        c.reference = r.id;
      }
      continue;
    }
    // A law or report cited by its number: the entry that opens with that number, of the
    // year the citation gives.
    // The first of `rs` that fits, linked as a sure match (no name to compare).
    auto link_first = [&](const std::vector<int>& rs, auto&& fits) {
      for (int r : rs) {
        if (!fits(r)) continue;
        link.reference = r;
        link.name = NameMatch::Family;
        link.year_matches = true;
        c.reference = refs[r].id;
        return;
      }
    };
    if (c.number) {
      if (auto it = by_number.find(*c.number); it != by_number.end())
        link_first(it->second, [&](int r) { return !c.year || same_year(c, refs[r]); });
      continue;
    }
    // A reference manager's record with a DOI: the entry with that DOI.
    if (c.doi) {
      if (auto it = by_doi.find(*c.doi); it != by_doi.end()) {
        link.reference = it->second;
        link.name = NameMatch::Family;
        link.year_matches = same_year(c, refs[it->second]);
        c.reference = refs[it->second].id;
        continue;
      }
    }
    if (c.kind == CitationKind::Numeric) {
      auto cite = [&](int r) {
        if (r == link.reference || std::find(c.also_references.begin(), c.also_references.end(), refs[r].id) != c.also_references.end())
          return;  // "[1a,b]" of a group printed whole
        if (link.reference < 0) {
          link.reference = r;
          link.name = NameMatch::Family;
          link.year_matches = true;
        } else {
          c.also_references.push_back(refs[r].id);
        }
      };
      for (const std::string& number : c.numbers) {
        if (auto it = by_label.find(number); it != by_label.end()) {
          cite(it->second);
        } else if (auto group = parts_of.find(number); group != parts_of.end()) {
          for (int r : group->second) cite(r);
        } else if (!number.empty() && !is_digit(static_cast<unsigned char>(number.back()))) {
          // "[1a]" where the list printed entry 1's parts on one line: entry 1.
          if (auto whole = by_label.find(number.substr(0, number.size() - 1)); whole != by_label.end()) cite(whole->second);
        }
      }
      if (link.reference >= 0) c.reference = refs[link.reference].id;
      continue;
    }
    if (c.authors.empty()) continue;
    std::string first = name_key(c.authors[0]);
    std::string second = c.authors.size() > 1 ? name_key(c.authors[1]) : "";
    std::string all;
    for (auto& a : c.authors) all += name_key(a);
    const auto cited_words = name_words(c.authors[0], 12);
    std::vector<std::string> cited_keys;
    for (const auto& a : c.authors) cited_keys.push_back(name_key(a));

    std::vector<int> candidates;
    if (auto it = by_family.find(first); it != by_family.end()) candidates = it->second;
    if (candidates.empty() && partial_scan) {
      for (int r = 0; r < n; ++r) candidates.push_back(r);
    } else if (candidates.empty()) {
      if (auto it = by_word.find(first); it != by_word.end()) candidates = it->second;
    }
    // Score: name quality first, then year, then the second author.
    int best_score = -1;
    std::vector<int> best, misspelled;
    const std::size_t first_letters = code_point_count(first), all_letters = code_point_count(all);
    for (int r : candidates) {
      bool inside = false;
      NameMatch nm = match_name(first, keys[r], &inside);
      // An institution cited by a variant of its name ("مركز الامارات للدراسات" for
      // "مركز الامارات للسياسات"): most of its words, the first one among them.
      // The same institution named in another language ("Ministry of Education" for
      // "Ministério da Educação") shares cognate words, and must share the year too.
      if (nm == NameMatch::None && keys[r].organisation && cited_words.size() >= 2 && !keys[r].org_words.empty() &&
          cognates(cited_words.front(), keys[r].org_words.front())) {
        // Words of four letters or more: "of", "da", "and" are shared by any two names.
        auto content_words = [](const std::vector<std::string>& words) {
          std::size_t n = 0;
          for (const auto& w : words) n += code_point_count(w) >= 4;
          return n;
        };
        std::size_t shared = 0;
        bool translated = cited_words.front() != keys[r].org_words.front();
        for (const auto& w : cited_words) {
          if (code_point_count(w) < 4) continue;
          if (std::find(keys[r].org_words.begin(), keys[r].org_words.end(), w) != keys[r].org_words.end()) {
            ++shared;
          } else if (std::any_of(keys[r].org_words.begin(), keys[r].org_words.end(),
                                 [&](const std::string& o) { return cognates(w, o); })) {
            ++shared;
            translated = true;
          }
        }
        if (shared >= 2 && shared * 3 >= std::max(content_words(cited_words), content_words(keys[r].org_words)) * 2 &&
            (!translated || same_year(c, refs[r])))
          nm = NameMatch::Partial;
      }
      // A misprinted family name of five letters or more, in the entry's year: the same work,
      // with a warning that names both spellings. A name that is right elsewhere in the list
      // wins (it matches as Family).
      if (nm == NameMatch::None && !keys[r].organisation && same_year(c, refs[r]) && first_letters >= 5 &&
          one_slip_apart(first, keys[r].family)) {
        nm = NameMatch::Partial;
        misspelled.push_back(r);
      }
      if (nm == NameMatch::None) {
        // "Smith and Jones" matched as one organisation-like string.
        if (c.authors.size() > 1 && all_letters >= 8 && keys[r].raw_key().find(all) != std::string::npos)
          nm = NameMatch::Partial;
        else continue;
      }
      int score = static_cast<int>(nm) * 100;
      // "(ARGENTINA…, 2018)": the entry that opens with the name, before one that mentions
      // "Argentina" as a place.
      if (!inside) score += 10;
      if (same_year(c, refs[r])) score += 20;
      else if (!refs[r].work.year) score += 5;
      score += coauthor_score(c, cited_keys, keys[r]);
      if (score > best_score) { best_score = score; best.assign(1, r); }
      else if (score == best_score) best.push_back(r);
    }
    if (best.empty() && c.acronym && c.year) {
      // "(National Council for Scientific … Development [CNPq], 2024)" for an entry under the
      // council's own name that prints the acronym: the one entry of that year that does.
      int only = -1, count = 0;
      for (int r = 0; r < n && count < 2; ++r)
        if (same_year(c, refs[r]) && has_word(refs[r].raw, *c.acronym)) { only = r; ++count; }
      if (count == 1) {
        best.push_back(only);
        best_score = static_cast<int>(NameMatch::Partial) * 100;
      }
    }
    if (best.empty()) {
      // "(Xds, 2010)", "(Guide to Writing, 2020)": software, data and works without an author
      // are cited by their title (APA); the entry of that year whose title opens so.
      if (first.size() >= 3 && c.year) {
        index_titles();
        auto it = by_title_opening.find(first.substr(0, std::min<std::size_t>(first.size(), kTitleOpening)));
        if (it != by_title_opening.end())
          link_first(it->second, [&](int r) { return same_year(c, refs[r]) && title_keys[r].compare(0, first.size(), first) == 0; });
        // An entry whose title was not read ("Kabsch, W (2010). Xds. Acta …"): the name right
        // after its year.
        if (link.reference < 0) {
          if (auto u = untitled_by_year.find(*c.year); u != untitled_by_year.end()) {
            const std::string year_then_name = *c.year + first;
            link_first(u->second, [&](int r) { return keys[r].raw_key().find(year_then_name) != std::string::npos; });
          }
        }
      }
      continue;
    }
    // Prefer the entry in the citation's own script among twins.
    std::string cscript = dominant_script(c.authors[0]);
    int chosen = best[0];
    for (int r : best)
      if (refs[r].script == cscript) { chosen = r; break; }
    // "(Douady and Couder, 1996b)" when the list prints "Douady, S; Couder, Y (1996)" three
    // times: the letters a, b, c… go to an author's works of one year in the list's order.
    bool by_suffix = false;
    if (c.year_suffix && c.year_suffix->size() == 1 && best.size() >= 2) {
      bool bare = std::all_of(best.begin(), best.end(), [&](int r) {
        return !refs[r].work.year_suffix && same_year(c, refs[r]);
      });
      const std::size_t nth = static_cast<std::size_t>((*c.year_suffix)[0] - 'a');
      if (bare && nth < best.size()) {
        std::vector<int> in_order = best;
        std::sort(in_order.begin(), in_order.end());
        chosen = in_order[nth];
        by_suffix = true;
      }
    }
    auto duplicate_pair = [&](int a, int b) { return copy_of[a] == copy_of[b]; };
    // Copies of one work (twins, duplicates) are no ambiguity: the duplicate has its finding.
    ambiguous.clear();
    for (int r : best)
      if (!by_suffix && r != chosen && !twin_pair(chosen, r) && !duplicate_pair(chosen, r)) ambiguous.push_back(r);
    if (!ambiguous.empty()) {
      auto [at, fresh] = entry_sets.try_emplace(ambiguous);
      if (fresh) at->second = std::make_shared<const std::vector<int>>(ambiguous);
      link.ambiguous = EntrySet(at->second);
    }
    link.reference = chosen;
    link.name = static_cast<NameMatch>(best_score / 100);
    link.year_matches = same_year(c, refs[chosen]);
    link.misspelled = std::find(misspelled.begin(), misspelled.end(), chosen) != misspelled.end();
    // A given name matching several entries says nothing.
    if (link.name == NameMatch::GivenName && !link.ambiguous.empty()) { link.reference = -1; link.ambiguous.clear(); continue; }
    c.reference = refs[chosen].id;
  }

  // Footnotes that cite a work of the reference list: a family name of the list among the
  // note's first words ("صاحب الربيعي، المياه…", "الربيعي، مصدر سابق", "Kibaroglu, Building a
  // Regime, p. 98."), told apart by year or title when the author has several works.
  out.footnote_reference.assign(m.footnotes.size(), -1);
  for (std::size_t f = 0; f < m.footnotes.size(); ++f) {
    const Footnote& fn = m.footnotes[f];
    if (fn.work && !fn.work->authors.empty()) {
      if (auto it = by_family.find(name_key(fn.work->authors[0].family)); it != by_family.end()) {
        for (int r : it->second)
          if (refs[r].work.year == fn.work->year) { out.footnote_reference[f] = r; break; }
        if (out.footnote_reference[f] >= 0) continue;
      }
    }
    if (fn.text.empty()) continue;
    // Names of one to four words ("عبد الرضا", "United Nations", "وزارة الموارد المائية").
    auto words = name_words(fn.text, 10);
    std::vector<int> candidates;
    for (std::size_t i = 0; i < words.size(); ++i) {
      std::string gram;
      for (std::size_t n = 1; n <= 4 && i + n <= words.size(); ++n) {
        gram += words[i + n - 1];
        auto it = by_family.find(gram);
        if (it == by_family.end()) continue;
        for (int r : it->second)
          // An organisation's single word ("Bank") proves nothing; its whole name does.
          if ((!keys[r].organisation || n >= 2) && std::find(candidates.begin(), candidates.end(), r) == candidates.end())
            candidates.push_back(r);
      }
    }
    if (candidates.empty()) continue;
    int chosen = candidates.front();
    if (candidates.size() > 1) {
      // The entry that shares most of the note's words (title, journal, place, year).
      const WordSet note_words = title_words(fn.text);
      double best = -1;
      for (int r : candidates) {
        if (!entry_words[r]) entry_words[r] = title_words(refs[r].raw);
        double score = word_set_similarity(*entry_words[r], note_words);
        if (fn.work && fn.work->year && refs[r].work.year == fn.work->year) score += 1;
        if (score > best) { best = score; chosen = r; }
      }
    }
    out.footnote_reference[f] = chosen;
  }
  return out;
}

}  // namespace citecheck
