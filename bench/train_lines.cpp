// citecheck-train — trains the learned line layer offline and writes its model files.
//
//   citecheck-train [--grobid DIR] [--out DIR] [--seed N] [--cost C]
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
#include <linear.h>

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
#include "bench/list_layouts.hpp"
#include "parsers/document.hpp"
#include "parsers/learned/line_features.hpp"
#include "parsers/learned/line_models.hpp"
#include "parsers/page_furniture.hpp"

namespace fs = std::filesystem;
using namespace citecheck;

namespace {

// Rows of one model's training set, kept flat: the features of row r are
// features[offsets[r] .. offsets[r+1]).
struct Dataset {
  std::vector<std::uint32_t> features;
  std::vector<std::size_t> offsets{0};
  std::vector<int> labels;
  std::vector<std::vector<int>> sequences;  // label sequences, for the chain's counts

  void add_sequence(const std::vector<FeatureList>& items, const std::vector<int>& ys) {
    for (std::size_t i = 0; i < items.size(); ++i) {
      features.insert(features.end(), items[i].begin(), items[i].end());
      offsets.push_back(features.size());
      labels.push_back(ys[i]);
    }
    sequences.push_back(ys);
  }
};

struct Trained {
  std::vector<float> weights, bias, start, transition;
};

Trained train_linear(const Dataset& data, std::size_t classes, std::uint32_t buckets, double cost) {
  const std::size_t rows = data.labels.size();
  std::vector<feature_node> nodes;
  nodes.reserve(data.features.size() + rows * 2);
  std::vector<std::size_t> starts;
  std::vector<std::uint32_t> row;
  for (std::size_t r = 0; r < rows; ++r) {
    row.assign(data.features.begin() + static_cast<long>(data.offsets[r]),
               data.features.begin() + static_cast<long>(data.offsets[r + 1]));
    std::sort(row.begin(), row.end());
    starts.push_back(nodes.size());
    for (std::size_t k = 0; k < row.size();) {
      std::size_t e = k;
      while (e < row.size() && row[e] == row[k]) ++e;
      nodes.push_back({static_cast<int>(row[k]) + 1, static_cast<double>(e - k)});
      k = e;
    }
    nodes.push_back({static_cast<int>(buckets) + 1, 1.0});  // the bias feature
    nodes.push_back({-1, 0.0});
  }
  std::vector<feature_node*> x(rows);
  std::vector<double> y(rows);
  for (std::size_t r = 0; r < rows; ++r) {
    x[r] = &nodes[starts[r]];
    y[r] = data.labels[r];
  }
  problem prob{};
  prob.l = static_cast<int>(rows);
  prob.n = static_cast<int>(buckets) + 1;
  prob.y = y.data();
  prob.x = x.data();
  prob.bias = 1.0;
  parameter param{};
  param.solver_type = L2R_LR;
  param.C = cost;
  param.eps = 0.01;
  if (const char* err = check_parameter(&prob, &param)) throw std::runtime_error(err);
  model* m = train(&prob, &param);

  Trained t;
  t.weights.assign(static_cast<std::size_t>(buckets) * classes, 0.0f);
  t.bias.assign(classes, 0.0f);
  const int nr_class = get_nr_class(m);
  std::vector<int> order(static_cast<std::size_t>(nr_class));
  get_labels(m, order.data());
  // A two-class model has one weight vector for its first label; the other scores zero, so
  // the softmax of the two is liblinear's own probability.
  const int scored = nr_class == 2 ? 1 : nr_class;
  for (int li = 0; li < scored; ++li) {
    auto cls = static_cast<std::size_t>(order[static_cast<std::size_t>(li)]);
    for (std::uint32_t b = 0; b < buckets; ++b)
      t.weights[b * classes + cls] = static_cast<float>(get_decfun_coef(m, static_cast<int>(b) + 1, li));
    // The bias is kept apart from the features (get_decfun_coef answers 0 past nr_feature).
    t.bias[cls] = static_cast<float>(get_decfun_bias(m, li));
  }
  free_and_destroy_model(&m);

  // The chain: add-one counts of first labels and of label pairs, as log-probabilities.
  std::vector<double> first(classes, 1.0), pair(classes * classes, 1.0);
  for (const auto& seq : data.sequences) {
    if (seq.empty()) continue;
    first[static_cast<std::size_t>(seq[0])] += 1;
    for (std::size_t i = 1; i < seq.size(); ++i)
      pair[static_cast<std::size_t>(seq[i - 1]) * classes + static_cast<std::size_t>(seq[i])] += 1;
  }
  double total_first = 0;
  for (double v : first) total_first += v;
  for (double v : first) t.start.push_back(static_cast<float>(std::log(v / total_first)));
  for (std::size_t a = 0; a < classes; ++a) {
    double total = 0;
    for (std::size_t b = 0; b < classes; ++b) total += pair[a * classes + b];
    for (std::size_t b = 0; b < classes; ++b) t.transition.push_back(static_cast<float>(std::log(pair[a * classes + b] / total)));
  }
  return t;
}

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

void write_model(const fs::path& path, const std::string& kind, const std::vector<std::string>& labels,
                 std::uint32_t buckets, const Trained& t, const std::string& provenance) {
  std::string text = serialise_linear_chain(kind, labels, buckets, t.weights, t.bias, t.start, t.transition, 1.0f, provenance);
  // Written whole to a temporary name and renamed, so a failed run leaves the old model.
  fs::path tmp = path;
  tmp += ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary);
    out << text;
    if (!out.flush()) throw std::runtime_error("cannot write " + tmp.string());
  }
  fs::rename(tmp, path);
  std::printf("wrote %s (%zu bytes)\n", path.c_str(), text.size());
}

}  // namespace

int main(int argc, char** argv) {
  fs::path grobid, out = fs::path(CITECHECK_SOURCE_DIR) / "parsers" / "models";
  unsigned seed = 20261206;
  double cost = 0.5;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) { std::fprintf(stderr, "citecheck-train: %s needs a value\n", a.c_str()); std::exit(2); }
      return argv[++i];
    };
    if (a == "--grobid") grobid = value();
    else if (a == "--out") out = value();
    else if (a == "--seed") seed = static_cast<unsigned>(std::stoul(value()));
    else if (a == "--cost") cost = std::stod(value());
    else {
      std::fprintf(stderr, "usage: citecheck-train [--grobid DIR] [--out DIR] [--seed N] [--cost C]\n");
      return 2;
    }
  }
  if (grobid.empty()) grobid = corpus::find_grobid_root(CITECHECK_SOURCE_DIR);
  if (grobid.empty() || !fs::is_directory(grobid / "segmentation")) {
    std::fprintf(stderr, "citecheck-train: GROBID's annotated data not found (give --grobid DIR; it is ../shared/corpus/grobid)\n");
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
