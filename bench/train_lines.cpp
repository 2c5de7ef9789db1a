// citecheck-train lines — trains the learned line layer offline and writes its model files.
//
// Data (never in the project, never in CI): GROBID's annotated training data (CC BY 4.0,
// ../shared/corpus/grobid), without its held-out evaluation documents (grobid_corpus.hpp):
//  - the zone model (body / reference / note / furniture per line) from `segmentation`;
//  - the entry model (entry start / continuation per list line) from `reference-segmenter`
//    lists and from lists of `citation` strings, each laid out in random PDF-like layouts;
//  - a share of both carried into Cyrillic, Greek, Arabic, Armenian, Georgian and Hebrew
//    script (ICU), some with native digits, so uncased and right-to-left text is seen.
// Features ignore the words (parsers/learned/line_features.hpp); the classifier is
// liblinear's L2-regularised logistic regression, the label chain is counted from the truth.
// Writes reference-zone.model and reference-entry.model (default: parsers/models/).
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <string>
#include <vector>

#include "bench/grobid_corpus.hpp"
#include "bench/train_linear.hpp"
#include "bench/list_layouts.hpp"
#include "parsers/document.hpp"
#include "parsers/learned/line_features.hpp"
#include "parsers/learned/line_models.hpp"
#include "parsers/page_furniture.hpp"

namespace fs = std::filesystem;
using namespace citecheck;
using namespace citecheck::training;

namespace {

std::string join_lines(const std::vector<std::string>& lines) {
  std::string text;
  for (const auto& l : lines) { text += l; text += '\n'; }
  return text;
}

// One list laid out, with a heading before it, as the entry model sees it at run time.
void add_list(Dataset& data, const std::vector<std::vector<std::string>>& entries, const corpus::ListLayout& layout,
              std::uint32_t buckets) {
  corpus::RenderedList r = corpus::render_list(entries, layout);
  std::vector<std::string> lines{"References"};
  lines.insert(lines.end(), r.lines.begin(), r.lines.end());
  Document doc = make_document("train", join_lines(lines));
  auto shapes = line_shapes(doc, detect_page_furniture(doc));
  auto seq = list_text_lines(shapes, 2, doc.line_count());
  std::vector<int> ys;
  std::vector<int> kept;
  for (int l : seq) {
    std::size_t k = static_cast<std::size_t>(l - 2);
    if (k >= r.starts.size() || r.entry_of[k] < 0) continue;
    kept.push_back(l);
    ys.push_back(r.starts[k] ? 0 : 1);
  }
  if (kept.size() < 2) return;
  data.add_sequence(entry_features(shapes, kept, buckets), ys);
}

}  // namespace

namespace citecheck::training {

int train_lines(const TrainOptions& options) {
  const fs::path& grobid = options.grobid;
  const fs::path& out = options.out;
  const unsigned seed = options.seed;
  const double cost = options.cost;
  if (!fs::is_directory(grobid / "segmentation")) {
    std::fprintf(stderr, "citecheck-train: no segmentation data in %s\n", grobid.c_str());
    return 2;
  }
  auto t0 = std::chrono::steady_clock::now();
  std::mt19937 rng(seed);
  corpus::ScriptCarrier carrier;
  const std::uint32_t buckets = kLineModelBuckets;

  // Zone model.
  Dataset zone;
  std::size_t zone_docs = 0;
  for (const auto& d : corpus::load_segmentation(grobid)) {
    if (corpus::held_out(d.name)) continue;
    ++zone_docs;
    bool carried = rng() % 4 == 0;
    std::size_t script = rng() % carrier.scripts();
    bool digits = rng() % 2 == 0;
    std::vector<std::string> lines;
    std::vector<int> ys;
    for (const auto& l : d.lines) {
      lines.push_back(carried ? carrier.carry(l.text, script, digits) : l.text);
      ys.push_back(l.zone);
    }
    Document doc = make_document(d.name, join_lines(lines));
    auto shapes = line_shapes(doc, detect_page_furniture(doc));
    std::vector<int> seq;
    std::vector<int> seq_y;
    for (int i = 1; i <= doc.line_count() && static_cast<std::size_t>(i) <= ys.size(); ++i) {
      if (shapes[i - 1].blank) continue;
      seq.push_back(i);
      seq_y.push_back(ys[static_cast<std::size_t>(i - 1)]);
    }
    zone.add_sequence(zone_features(shapes, seq, buckets), seq_y);
  }
  std::printf("zone: %zu training documents, %zu lines\n", zone_docs, zone.labels.size());

  // Entry model.
  Dataset entry;
  std::size_t lists = 0;
  for (const auto& sl : corpus::load_reference_segmenter(grobid)) {
    if (corpus::held_out(sl.name)) continue;
    ++lists;
    std::vector<std::vector<std::string>> entries;
    for (std::size_t k = 0; k < sl.lines.size(); ++k) {
      if (sl.starts[k] || entries.empty()) entries.emplace_back();
      entries.back().push_back(sl.lines[k]);
    }
    bool labelled = !entries.empty() && !entries[0].empty() && !entries[0][0].empty() &&
                    (entries[0][0][0] == '[' || (entries[0][0][0] >= '0' && entries[0][0][0] <= '9'));
    add_list(entry, entries, corpus::ListLayout{}, buckets);  // as the PDF broke its lines
    for (int v = 0; v < 3; ++v) {
      auto layout = corpus::random_layout(rng, labelled);
      if (v == 2) {
        std::size_t script = rng() % carrier.scripts();
        bool digits = rng() % 2 == 0;
        auto carried = entries;
        for (auto& e : carried)
          for (auto& l : e) l = carrier.carry(l, script, digits);
        add_list(entry, carried, layout, buckets);
      } else {
        add_list(entry, entries, layout, buckets);
      }
    }
  }
  auto strings = corpus::load_citation_strings(grobid);
  std::shuffle(strings.begin(), strings.end(), rng);
  std::size_t synthetic = 0;
  for (std::size_t at = 0; at + 10 < strings.size(); ++synthetic) {
    std::size_t n = 10 + rng() % 40;
    std::vector<std::vector<std::string>> entries;
    for (std::size_t k = 0; k < n && at < strings.size(); ++k, ++at) entries.push_back({strings[at]});
    auto layout = corpus::random_layout(rng, false);
    // One string a line is how a word processor's export or a one-paragraph-per-entry list
    // reads; otherwise the strings are wrapped at a margin.
    if (layout.wrap == 0 && rng() % 2 == 0) layout.wrap = 70 + static_cast<int>(rng() % 40);
    if (rng() % 3 == 0) {
      std::size_t script = rng() % carrier.scripts();
      bool digits = rng() % 2 == 0;
      for (auto& e : entries) e[0] = carrier.carry(e[0], script, digits);
    }
    add_list(entry, entries, layout, buckets);
  }
  std::printf("entry: %zu lists, %zu synthetic lists of %zu citation strings, %zu lines\n", lists, synthetic,
              strings.size(), entry.labels.size());

  const std::string provenance =
      "GROBID annotated data (CC BY 4.0, github.com/kermitt2/grobid b8d6bec); trained by citecheck-train seed " +
      std::to_string(seed) + " cost " + std::to_string(cost);
  fs::create_directories(out);
  Trained z = train_linear(zone, corpus::zone_names().size(), buckets, cost);
  write_model(out / "reference-zone.model", kZoneModelKind, corpus::zone_names(), buckets, z, provenance);
  Trained e = train_linear(entry, 2, buckets, cost);
  write_model(out / "reference-entry.model", kEntryModelKind, {"start", "continuation"}, buckets, e, provenance);
  std::printf("trained in %.1f s\n", std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  return 0;
}

}  // namespace citecheck::training
