#include "bench/train_linear.hpp"

#include <linear.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <stdexcept>

namespace fs = std::filesystem;

namespace citecheck::training {

void Dataset::add_sequence(const std::vector<FeatureList>& items, const std::vector<int>& ys) {
  for (std::size_t i = 0; i < items.size(); ++i) {
    features.insert(features.end(), items[i].begin(), items[i].end());
    offsets.push_back(features.size());
    labels.push_back(ys[i]);
  }
  sequences.push_back(ys);
}

Trained train_linear(const Dataset& data, std::size_t classes, std::uint32_t buckets, double cost,
                     std::size_t min_count) {
  std::vector<std::uint32_t> seen;
  if (min_count > 1) {
    seen.assign(buckets, 0);
    for (auto f : data.features) ++seen[f];
  }
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
      if (!seen.empty() && seen[row[k]] < min_count) {
        while (e < row.size() && row[e] == row[k]) ++e;
        k = e;
        continue;
      }
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


}  // namespace citecheck::training
