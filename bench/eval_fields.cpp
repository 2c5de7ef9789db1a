// citecheck-eval fields — entry fields scored on GROBID's tagged reference strings that
// training never saw (corpus::held_out: the evaluation folder and one file in five), each
// string alone as parse_work gets an entry. A field counts as right when its value, and the
// annotated one, are equal after folding case and dropping marks and spaces; "right" is the
// share of the entries annotated with the field that got it right, "invented" the share of
// the others that got a value anyway (a title read into "Phys. Rev. D 65, 094516"). Names:
// the annotated author list is split by the same name rules (parse_authors), so the author
// figures measure where the author list is found. Then the same on the reference strings of
// the JATS articles training leaves out (jats_citations.hpp: a third of the articles in
// ../shared/corpus/jats, or --jats DIR), fields from the publishers' markup; and on the
// held-out GROBID strings' fields rendered in fourteen other citation styles (csl_synthetic.hpp:
// GOST, ABNT, Vancouver, IEEE, APA…; needs pandoc and citation-style-language-styles).
//
// Three readers side by side: the rules alone, the tagger alone, and citecheck as it ships
// (parse_work). Options: --grobid DIR, --field-model FILE (score a model file without
// rebuilding), --details FILE (every miss of the shipped reader, its corpus first), --script N (carry the
// strings into another script first: 0 Cyrillic … see ScriptCarrier), --show ENTRY (print
// the tagger's label of each token of one entry, and nothing else).
#include "bench/eval_fields.hpp"

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "bench/csl_synthetic.hpp"
#include "bench/grobid_corpus.hpp"
#include "bench/jats_citations.hpp"
#include "bench/list_layouts.hpp"
#include "parsers/identifiers.hpp"
#include "parsers/learned/field_tagger.hpp"
#include "parsers/reference_fields.hpp"
#include "parsers/unicode_text.hpp"

namespace fs = std::filesystem;
using namespace citecheck;

namespace {

enum Field { kFirstAuthor, kAllAuthors, kYear, kTitle, kContainer, kVolume, kIssue, kPages, kFields };
const char* kNames[kFields] = {"first-author", "all-authors", "year", "title", "container", "volume", "issue", "pages"};

// Case folded, only letters, marks and digits (digits of any system as ASCII).
std::string normal(std::string_view s) {
  std::string folded = fold_case(fold_digits(s)), out;
  for (std::size_t i = 0; i < folded.size();) {
    std::size_t start = i;
    char32_t cp = next_code_point(folded, i);
    if (is_word_char(cp) || is_digit(cp)) out.append(folded, start, i - start);
  }
  return out;
}

using Values = std::array<std::optional<std::string>, kFields>;

Values values_of(const Work& w) {
  Values v;
  if (!w.authors.empty()) {
    v[kFirstAuthor] = normal(w.authors.front().family);
    std::string all;
    for (const auto& p : w.authors) all += normal(p.family) + "|";
    v[kAllAuthors] = all;
  }
  if (w.year) v[kYear] = *w.year;
  auto put = [&](Field f, const std::optional<std::string>& s) {
    if (s && !normal(*s).empty()) v[f] = normal(*s);
  };
  put(kTitle, w.title);
  put(kContainer, w.container);
  put(kVolume, w.volume);
  put(kIssue, w.issue);
  put(kPages, w.pages);
  return v;
}

Values truth_of(const corpus::TaggedCitation& c) {
  Work w;
  if (!c.first[kFieldAuthor].empty()) w.authors = parse_authors(c.first[kFieldAuthor]);
  // The annotated date's year: its first four-digit number.
  std::string date = fold_digits(c.first[kFieldYear]);
  for (std::size_t i = 0; i + 4 <= date.size(); ++i) {
    bool four = true;
    for (std::size_t k = 0; k < 4; ++k) four = four && date[i + k] >= '0' && date[i + k] <= '9';
    bool alone = (i == 0 || !(date[i - 1] >= '0' && date[i - 1] <= '9')) &&
                 (i + 4 == date.size() || !(date[i + 4] >= '0' && date[i + 4] <= '9'));
    if (four && alone) { w.year = date.substr(i, 4); break; }
  }
  auto opt = [](const std::string& s) { return s.empty() ? std::nullopt : std::optional<std::string>(s); };
  w.title = opt(c.first[kFieldTitle]);
  w.container = opt(c.first[kFieldContainer]);
  w.volume = opt(c.first[kFieldVolume]);
  w.issue = opt(c.first[kFieldIssue]);
  w.pages = opt(c.first[kFieldPages]);
  return values_of(w);
}

struct Score {
  std::array<long, kFields> right{}, annotated{}, spurious{}, unannotated{};
  void add(const Values& truth, const Values& got, std::array<bool, kFields>& ok) {
    for (int f = 0; f < kFields; ++f) {
      ok[f] = truth[f] ? got[f] && *truth[f] == *got[f] : !got[f];
      if (truth[f]) {
        ++annotated[f];
        right[f] += ok[f];
      } else {
        ++unannotated[f];
        spurious[f] += !ok[f];
      }
    }
  }
  static double share(long a, long b) { return b ? static_cast<double>(a) / static_cast<double>(b) : 0.0; }
};
}  // namespace

int run_fields_eval(int argc, char** argv) {
  fs::path root, model_file, jats_root;
  std::optional<std::ofstream> details;
  int script = -1;
  std::string show;  // an entry to print token by token with its labels
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (a == "--grobid") root = value();
    else if (a == "--field-model") model_file = value();
    else if (a == "--jats") jats_root = value();
    else if (a == "--details") details.emplace(value());
    else if (a == "--script") script = std::atoi(value().c_str());
    else if (a == "--show") show = value();
    else if (a == "--help" || a == "-h") {
      std::printf("citecheck-eval fields [--grobid DIR] [--jats DIR] [--field-model FILE] [--details FILE] [--script N] [--show ENTRY]\n");
      return 0;
    } else if (a == "--layout" || a == "--dump" || a == "--line-models") {
      value();  // the other evaluations' options
    }
  }
  if (root.empty()) root = corpus::find_grobid_root(CITECHECK_SOURCE_DIR);
  if (root.empty() || !fs::is_directory(root / "citation")) {
    std::fprintf(stderr, "citecheck-eval fields: GROBID's annotated data not found (give --grobid DIR; it is ../shared/corpus/grobid)\n");
    return 2;
  }
  std::optional<FieldTagger> tagger;
  try {
    tagger.emplace(model_file.empty() ? builtin_field_tagger() : load_field_tagger(model_file));
  } catch (const ModelError& e) {
    std::fprintf(stderr, "citecheck-eval fields: %s\n", e.what());
    return 2;
  }
  if (!show.empty()) {
    auto tokens = field_tokens(show, find_identifiers(show));
    auto labels = tagger->labels(tokens);
    for (std::size_t k = 0; k < tokens.size(); ++k)
      std::printf("%-12s %.*s\n", field_label_names()[labels[k]].c_str(), static_cast<int>(tokens[k].end - tokens[k].begin),
                  show.c_str() + tokens[k].begin);
    return 0;
  }
  corpus::ScriptCarrier carrier;
  // One corpus's held-out strings scored and printed, its lines tagged `corpus_name`.
  auto score = [&](const char* corpus_name, const std::vector<corpus::TaggedCitation>& strings_in, const char* what) {
    Score rules, tagged, shipped;
    long strings = 0;
    std::array<bool, kFields> ok{}, ok_rules{}, ok_tagged{};
    for (const auto& c : strings_in) {
      ++strings;
      Values truth = truth_of(c);
      std::string text = c.text;
      if (script >= 0) {
        // Carried run by run, as the tagger's training strings are: each annotated value is
        // carried alike on its own.
        text = corpus::carry_citation(c, carrier, static_cast<std::size_t>(script), false, false).text;
        corpus::TaggedCitation t = c;
        for (auto& f : t.first) f = f.empty() ? f : carrier.carry(f, static_cast<std::size_t>(script), false);
        truth = truth_of(t);
      }
      auto ids = find_identifiers(text);
      Values r = values_of(parse_work_rules(text, ids));
      Values g = values_of(parse_work_tagged(text, ids, *tagger));
      Values s = values_of(parse_work(text, ids, &*tagger));
      rules.add(truth, r, ok_rules);
      tagged.add(truth, g, ok_tagged);
      shipped.add(truth, s, ok);
      if (details)
        for (int f = 0; f < kFields; ++f)
          if (!ok[f])
            *details << corpus_name << '\t' << c.name << '\t' << kNames[f] << "\ttruth=" << truth[f].value_or("-") << "\tgot=" << s[f].value_or("-")
                     << "\trules=" << (ok_rules[f] ? "ok" : "miss") << " tagger=" << (ok_tagged[f] ? "ok" : "miss") << '\t'
                     << text << '\n';
    }
    std::printf("%-7s %ld held-out %s%s (exact after folding case, marks, spaces)\n", corpus_name, strings, what,
                script >= 0 ? " carried into another script" : "");
    std::printf("%-7s %-18s", corpus_name, "");
    for (int f = 0; f < kFields; ++f) std::printf(" %12s", kNames[f]);
    std::printf("\n");
    for (auto [name, sc] : {std::pair<const char*, const Score*>{"rules", &rules}, {"tagger", &tagged}, {"citecheck", &shipped}}) {
      std::printf("%-7s %-9s right   ", corpus_name, name);
      for (int f = 0; f < kFields; ++f) std::printf(" %12.3f", Score::share(sc->right[f], sc->annotated[f]));
      std::printf("\n%-7s %-9s invented", corpus_name, name);
      for (int f = 0; f < kFields; ++f) std::printf(" %12.3f", Score::share(sc->spurious[f], sc->unannotated[f]));
      std::printf("\n");
    }
    std::printf("%-7s annotated         ", corpus_name);
    for (int f = 0; f < kFields; ++f) std::printf(" %12ld", rules.annotated[f]);
    std::printf("\n");
  };
  {
    std::vector<corpus::TaggedCitation> held;
    for (auto& c : corpus::load_tagged_citations(root))
      if (corpus::held_out(c.name)) held.push_back(std::move(c));
    score("fields", held, "reference strings");
  }
  // The held-out strings' fields rendered in every other citation style (pandoc --citeproc),
  // when pandoc and the styles are installed; never the renderings trained on.
  {
    std::string why;
    if (!corpus::synthetic_available(why)) {
      std::printf("synth   not measured: %s\n", why.c_str());
    } else {
      std::vector<corpus::TaggedCitation> held;
      for (auto& c : corpus::load_tagged_citations(root))
        if (corpus::held_out(c.name)) held.push_back(std::move(c));
      score("synth", corpus::render_synthetic(held, 0, 1, fs::temp_directory_path() / "citecheck-eval-csl"),
            "strings rendered in other styles");
      // The same rendered as a document in the script's language prints them: its words for
      // volume, issue, pages and "and" ("م 12، عدد 3، ص 45–67") rather than English ones
      // carried letter by letter into the script.
      if (script >= 0) {
        const std::string language = carrier.language(static_cast<std::size_t>(script));
        const std::string what = "strings rendered in other styles with the terms of '" + language + "'";
        score("native", corpus::render_synthetic(held, 0, 1, fs::temp_directory_path() / "citecheck-eval-csl", language),
              what.c_str());
      }
    }
  }
  // The reference lists of the JATS articles training leaves out, fields from their markup.
  if (jats_root.empty()) jats_root = corpus::find_jats_root(CITECHECK_SOURCE_DIR);
  if (!jats_root.empty()) {
    std::vector<corpus::TaggedCitation> held;
    for (auto& c : corpus::load_jats_citations(jats_root))
      if (corpus::jats_held_out(c.name)) held.push_back(std::move(c));
    score("jats", held, "JATS reference strings");
  }
  return 0;
}
