#include "resolvers/metadata_match.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>

#include "parsers/unicode_text.hpp"
#include "resolvers/html_page.hpp"

namespace citecheck {

namespace {

constexpr double kTitleAgrees = 0.75;
constexpr double kTitleDisagrees = 0.5;

const RE2& inline_tag() {  // <i>, </sub>, <jats:italic>: inside words ("H<sub>2</sub>O")
  static const RE2 re(
      R"((?i)</?(?:[a-z]+:)?(?:i|b|em|strong|u|sc|sub|sup|span|tt|font|small|italic|bold|underline)(?:\s[^<>]*)?/?>)");
  return re;
}
const RE2& markup_tag() {  // any other tag: <mml:math display="inline">, <br/>
  static const RE2 re(R"(</?[A-Za-z][A-Za-z0-9:_.\-]*(?:\s[^<>]*)?/?>)");
  return re;
}

bool spaceless_char(char32_t cp) {  // scripts written without spaces between words
  return (cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
         (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3134F);
}

// A word's weight: short words (articles, prepositions, conjunctions) say little.
double weight(const std::string& token) {
  std::size_t n = code_point_count(token);
  bool digits = std::all_of(token.begin(), token.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (digits) return 1.0;
  std::size_t i = 0;
  if (!token.empty() && spaceless_char(next_code_point(token, i))) return 1.0;  // a bigram
  return n <= 2 ? 0.25 : n == 3 ? 0.5 : 1.0;
}

using Bag = std::map<std::string, int>;

std::string plain_title(std::string_view title) {
  std::string s(title);
  RE2::GlobalReplace(&s, inline_tag(), "");
  RE2::GlobalReplace(&s, markup_tag(), " ");
  return decode_html_entities(s);
}

// Words as name keys; runs of Chinese or Japanese characters as overlapping bigrams.
std::vector<std::string> title_tokens(std::string_view title) {
  std::vector<std::string> out;
  for (auto& key : word_keys(plain_title(title))) {
    std::vector<std::string> chars;
    bool spaceless = false;
    for (std::size_t i = 0; i < key.size();) {
      std::size_t start = i;
      char32_t cp = next_code_point(key, i);
      spaceless = spaceless || spaceless_char(cp);
      chars.emplace_back(key.substr(start, i - start));
    }
    if (!spaceless || chars.size() <= 1) {
      out.push_back(std::move(key));
      continue;
    }
    for (std::size_t i = 0; i + 1 < chars.size(); ++i) out.push_back(chars[i] + chars[i + 1]);
  }
  return out;
}

Bag bag_of(const std::vector<std::string>& tokens) {
  Bag b;
  for (const auto& t : tokens) ++b[t];
  return b;
}

double bag_weight(const Bag& b) {
  double w = 0;
  for (const auto& [t, n] : b) w += weight(t) * n;
  return w;
}

std::size_t content_words(const Bag& b) {
  std::size_t n = 0;
  for (const auto& [t, count] : b)
    if (weight(t) >= 1.0) n += static_cast<std::size_t>(count);
  return n;
}

std::size_t token_count(const Bag& b) {
  std::size_t n = 0;
  for (const auto& [t, count] : b) n += static_cast<std::size_t>(count);
  return n;
}

double bag_similarity(const Bag& a, const Bag& b) {
  double wa = bag_weight(a), wb = bag_weight(b);
  if (wa <= 0 || wb <= 0) return 0;
  double common = 0;
  for (const auto& [t, n] : a) {
    auto it = b.find(t);
    if (it != b.end()) common += weight(t) * std::min(n, it->second);
  }
  double dice = 2 * common / (wa + wb);
  const Bag& shorter = wa <= wb ? a : b;
  double containment = 0;
  if (a == b || (token_count(shorter) >= 3 && content_words(shorter) >= 2))
    containment = common / std::min(wa, wb);
  return std::min(1.0, std::max(dice, containment));
}

// Titles across scripts: each word's Latin consonant skeleton ("Порты Каспия" and "Porty
// Kaspiya" both give "prt ksp").
Bag skeleton_bag(std::string_view title) {
  Bag b;
  for (const auto& w : word_keys(plain_title(title))) {
    std::string s = transliteration_skeleton(w, true);
    if (!s.empty()) ++b[s];
  }
  return b;
}


// ---------------------------------------------------------------------------------------

enum class TitleState { NotCompared, Agrees, Unclear, Disagrees };

std::string script_pair(const std::string& a, const std::string& b) {
  return "(" + (a.empty() ? std::string("?") : a) + ", " + (b.empty() ? std::string("?") : b) + ")";
}

TitleState compare_title(const std::string& cited, const RegisteredWork& reg, std::vector<FieldComparison>& fields) {
  std::vector<std::string> candidates;
  if (reg.title) candidates.push_back(*reg.title);
  if (reg.title)
    for (const auto& o : reg.other_titles) candidates.push_back(*reg.title + ": " + o);
  for (const auto& o : reg.other_titles) candidates.push_back(o);
  if (candidates.empty()) return TitleState::NotCompared;

  std::string cited_script = dominant_script(cited);
  Bag cited_bag = bag_of(title_tokens(cited));
  double best = -1;
  const std::string* best_title = nullptr;
  for (const auto& c : candidates) {
    if (dominant_script(c) != cited_script) continue;
    double s = bag_similarity(cited_bag, bag_of(title_tokens(c)));
    if (s > best) best = s, best_title = &c;
  }
  FieldComparison f{"title", cited, best_title ? *best_title : candidates.front(), false, ""};
  if (best_title) {
    TitleState state = best >= kTitleAgrees      ? TitleState::Agrees
                       : best >= kTitleDisagrees ? TitleState::Unclear
                                                 : TitleState::Disagrees;
    f.agrees = state == TitleState::Agrees;
    fields.push_back(std::move(f));
    return state;
  }
  // Only titles in other scripts: in transliteration, else not comparable (a translated
  // citation of an English-registered work is no mismatch).
  Bag cited_skeleton = skeleton_bag(cited);
  for (const auto& c : candidates) {
    if (bag_similarity(cited_skeleton, skeleton_bag(c)) >= kTitleAgrees) {
      f.registered = c;
      f.agrees = true;
      f.note = "compared in transliteration";
      fields.push_back(std::move(f));
      return TitleState::Agrees;
    }
  }
  f.agrees = true;
  f.note = "in another script " + script_pair(cited_script, dominant_script(f.registered)) + ": not compared";
  fields.push_back(std::move(f));
  return TitleState::NotCompared;
}

// The Gregorian years a year may stand for: itself, or a Solar Hijri year (1398 is
// 2019/20) or a lunar Hijri year (1441 is 2019/20).
bool years_agree(int cited, int registered) {
  if (std::abs(cited - registered) <= 1) return true;
  if (cited >= 1300 && cited <= 1420 && registered - cited >= 620 && registered - cited <= 623) return true;
  if (cited >= 1300 && cited <= 1500) {
    auto start = static_cast<int>(std::floor(cited * 0.970229 + 621.5643));
    if (registered >= start - 1 && registered <= start + 2) return true;
  }
  return false;
}

std::optional<bool> compare_year(int cited, const RegisteredWork& reg, std::vector<FieldComparison>& fields) {
  std::vector<int> years = reg.years;
  if (reg.year) years.push_back(*reg.year);
  if (years.empty()) return std::nullopt;
  int shown = reg.year ? *reg.year : years.front();
  bool agrees = false;
  for (int y : years)
    if (years_agree(cited, y)) {
      agrees = true;
      shown = y;
      break;
    }
  if (!agrees)
    for (int y : years)
      if (std::abs(y - cited) < std::abs(shown - cited)) shown = y;
  fields.push_back({"year", std::to_string(cited), std::to_string(shown), agrees, ""});
  return agrees;
}

// The cited name is the registered one, or one of its words, or its tail or head of four
// letters or more ("Berg" of "van den Berg", "Hakim" of "Abdel-Hakim"), or the other way round.
bool names_contain(const std::string& longer_name, const std::string& shorter_name) {
  std::string lk = name_key(longer_name), sk = name_key(shorter_name);
  if (sk.empty() || lk.empty()) return false;
  if (lk == sk) return true;
  auto words = word_keys(longer_name);
  if (std::find(words.begin(), words.end(), sk) != words.end()) return true;
  if (code_point_count(sk) < 4 || sk.size() >= lk.size()) return false;
  return lk.starts_with(sk) || lk.ends_with(sk);
}

bool same_person(const std::string& cited, const std::string& registered) {
  if (names_contain(registered, cited) || names_contain(cited, registered)) return true;
  return skeletons_match(transliteration_skeleton(cited, false), transliteration_skeleton(registered, false)) ||
         skeletons_match(transliteration_skeleton(cited, true), transliteration_skeleton(registered, true));
}

std::optional<bool> compare_author(const CitedWork& cited, const RegisteredWork& reg,
                                   std::vector<FieldComparison>& fields) {
  if (reg.family_names.empty() || name_key(*cited.first_family).empty()) return std::nullopt;
  // The cited first author may be the registered second (agencies' author order is not
  // always the printed one); any author further down would let wrong DOIs pass.
  std::size_t n = std::min<std::size_t>(2, reg.family_names.size());
  for (std::size_t i = 0; i < n; ++i) {
    if (!same_person(*cited.first_family, reg.family_names[i])) continue;
    FieldComparison f{"first author", *cited.first_family, reg.family_names[i], true, ""};
    if (i == 1) f.note = "registered as the second author";
    std::string cs = dominant_script(*cited.first_family);
    if (cs.empty()) cs = cited.first_family_script_hint;
    std::string rs = dominant_script(reg.family_names[i]);
    if (cs != rs && !rs.empty()) f.note += (f.note.empty() ? "" : "; ") + std::string("compared in transliteration");
    fields.push_back(std::move(f));
    return true;
  }
  fields.push_back({"first author", *cited.first_family, reg.family_names.front(), false, ""});
  return false;
}

}  // namespace

double title_similarity(std::string_view a, std::string_view b) {
  return bag_similarity(bag_of(title_tokens(a)), bag_of(title_tokens(b)));
}

MetadataVerdict compare_metadata(const CitedWork& cited, const RegisteredWork& registered) {
  MetadataVerdict v;
  TitleState title = TitleState::NotCompared;
  if (cited.title && !word_keys(*cited.title).empty()) title = compare_title(*cited.title, registered, v.fields);
  std::optional<bool> year, author;
  if (cited.year) year = compare_year(*cited.year, registered, v.fields);
  if (cited.first_family) author = compare_author(cited, registered, v.fields);

  bool year_off = year == false, author_off = author == false;
  v.mismatch = title == TitleState::Disagrees || (year_off && author_off) ||
               ((year_off || author_off) && title == TitleState::Unclear);
  return v;
}

}  // namespace citecheck
