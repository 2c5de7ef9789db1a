// citecheck-train fields — trains the learned field tagger (parsers/learned/field_tagger.hpp)
// and writes reference-fields.model.
//
// Data (never in the project, never in CI): GROBID's tagged reference strings (CC BY 4.0,
// ../shared/corpus/grobid/citation), without the held-out documents citecheck-eval fields
// scores on (corpus::held_out: the evaluation folder and one file in five). Every token is
// labelled by the element its first byte lies in. Every string is also carried
// into Cyrillic, Greek, Arabic, Armenian, Georgian or Hebrew script (ICU; links and
// identifiers left as they are, some with native digits), so uncased and right-to-left
// entries are seen. With them, the reference strings of the JATS corpus's articles
// (jats_citations.hpp; --jats DIR, by default ../shared/corpus/jats), but for the third
// citecheck-eval fields holds out.
#include <chrono>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "bench/grobid_corpus.hpp"
#include "bench/csl_synthetic.hpp"
#include "bench/jats_citations.hpp"
#include "bench/list_layouts.hpp"
#include "bench/train_linear.hpp"
#include "parsers/identifiers.hpp"
#include "parsers/learned/field_features.hpp"
#include "parsers/learned/field_tagger.hpp"

namespace fs = std::filesystem;
using namespace citecheck;

namespace {

void add_citation(training::Dataset& data, const corpus::TaggedCitation& c) {
  auto ids = find_identifiers(c.text);
  auto tokens = field_tokens(c.text, ids);
  if (tokens.empty()) return;
  std::vector<FeatureList> features;
  field_features(tokens, kFieldModelBuckets, features);
  std::vector<int> ys;
  ys.reserve(tokens.size());
  for (const auto& t : tokens) ys.push_back(c.labels[t.begin]);
  data.add_sequence(features, ys);
}

}  // namespace

namespace citecheck::training {

int train_fields(const TrainOptions& options) {
  if (!fs::is_directory(options.grobid / "citation")) {
    std::fprintf(stderr, "citecheck-train: no citation data in %s\n", options.grobid.c_str());
    return 2;
  }
  auto t0 = std::chrono::steady_clock::now();
  std::mt19937 rng(options.seed);
  corpus::ScriptCarrier carrier;
  Dataset data;
  std::size_t strings = 0, carried_strings = 0;
  // A string carried into a script drawn at random. The draws are sequenced here, not left to
  // the order a compiler evaluates a call's arguments in, so the model is the same from any
  // compiler (this order is the one GCC gave the model trained before).
  auto carried_at_random = [&](const corpus::TaggedCitation& c) {
    const bool localise = rng() % 2 == 0;
    const bool digits = rng() % 2 == 0;
    const std::size_t script = rng() % carrier.scripts();
    ++carried_strings;
    return corpus::carry_citation(c, carrier, script, digits, localise);
  };
  for (const auto& c : corpus::load_tagged_citations(options.grobid)) {
    if (corpus::held_out(c.name)) continue;
    ++strings;
    add_citation(data, c);
    // Every string also in another script: with a third of them, the held-out strings carried
    // into Arabic, Georgian and Hebrew read their containers 0.73-0.78; with all, 0.82-0.86.
    const std::size_t script = rng() % carrier.scripts();
    const bool digits = rng() % 2 == 0;
    add_citation(data, corpus::carry_citation(c, carrier, script, digits, rng() % 2 == 0));
    ++carried_strings;
  }
  // The reference lists of real articles (PLOS, bioRxiv, SciELO in three languages), their
  // fields from the JATS markup, without the articles citecheck-eval fields holds out.
  std::size_t jats_strings = 0;
  if (!options.jats.empty()) {
    for (const auto& c : corpus::load_jats_citations(options.jats)) {
      if (corpus::jats_held_out(c.name)) continue;
      ++jats_strings;
      add_citation(data, c);
      if (rng() % 3 == 0) add_citation(data, carried_at_random(c));
    }
  }
  // The same works in the citation styles the real data lacks (GOST, ABNT, Vancouver, IEEE…),
  // each training string's fields rendered in one style by pandoc --citeproc.
  std::size_t synthetic_strings = 0;
  if (options.synthetic) {
    std::string why;
    if (!corpus::synthetic_available(why)) {
      std::fprintf(stderr, "citecheck-train: %s (or give --no-synthetic)\n", why.c_str());
      return 2;
    }
    std::vector<corpus::TaggedCitation> sources;
    // One in six of them: the real strings stay most of what the tagger learns from (a third
    // cost the GROBID held-out titles 1.5 points for no more gain elsewhere).
    for (const auto& c : corpus::load_tagged_citations(options.grobid))
      if (!corpus::held_out(c.name) && rng() % 6 == 0) sources.push_back(c);
    for (const auto& c : corpus::render_synthetic(sources, 1, options.seed, fs::temp_directory_path() / "citecheck-train-csl")) {
      ++synthetic_strings;
      add_citation(data, c);
      if (rng() % 3 == 0) add_citation(data, carried_at_random(c));
    }
  }
  std::printf("fields: %zu training strings from GROBID, %zu from JATS, %zu rendered in other styles (+%zu carried "
              "into other scripts), %zu tokens\n",
              strings, jats_strings, synthetic_strings, carried_strings, data.labels.size());
  const std::string provenance =
      "GROBID annotated data (CC BY 4.0, github.com/kermitt2/grobid b8d6bec)" +
      std::string(jats_strings ? " and JATS reference lists (../shared/corpus/jats, see its MANIFEST)" : "") +
      std::string(synthetic_strings ? ", rendered also in other CSL styles (pandoc --citeproc)" : "") +
      "; trained by citecheck-train fields seed " +
      std::to_string(options.seed) +
      (options.epochs ? " perceptron epochs " + std::to_string(options.epochs) : " cost " + std::to_string(options.cost)) +
      " min-count " + std::to_string(options.min_count ? options.min_count : 20);
  fs::create_directories(options.out);
  const std::size_t min_count = options.min_count ? options.min_count : 20;
  Trained t = options.epochs ? train_perceptron(data, kFieldLabelCount, kFieldModelBuckets, options.epochs, options.seed, min_count)
                             : train_linear(data, kFieldLabelCount, kFieldModelBuckets, options.cost, min_count);
  write_model(options.out / kFieldModelFile, kFieldModelKind, field_label_names(), kFieldModelBuckets, t, provenance);
  std::printf("trained in %.1f s\n", std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  return 0;
}

}  // namespace citecheck::training
