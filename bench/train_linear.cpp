#include "bench/train_linear.hpp"

#include <linear.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <limits>
#include <numeric>
#include <random>
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

Trained train_perceptron(const Dataset& data, std::size_t classes, std::uint32_t buckets, unsigned epochs,
                         unsigned seed, std::size_t min_count) {
  const std::size_t L = classes;
  std::vector<std::uint32_t> seen;
  if (min_count > 1) {
    seen.assign(buckets, 0);
    for (auto f : data.features) ++seen[f];
  }
  auto kept = [&](std::uint32_t f) { return seen.empty() || seen[f] >= min_count; };
  // Sequences as ranges of rows: rows are stored in sequence order.
  std::vector<std::size_t> first_row{0};
  for (const auto& seq : data.sequences) first_row.push_back(first_row.back() + seq.size());
  // Weights w; the averaging trick keeps u = sum of (step × update), so the average over all
  // steps is w - u / steps.
  std::vector<float> w(static_cast<std::size_t>(buckets) * L, 0.0f), u(w.size(), 0.0f);
  std::vector<float> bias(L, 0.0f), ubias(L, 0.0f), start(L, 0.0f), ustart(L, 0.0f), trans(L * L, 0.0f),
      utrans(L * L, 0.0f);
  std::vector<std::size_t> order(data.sequences.size());
  std::iota(order.begin(), order.end(), 0);
  std::mt19937 rng(seed);
  float step = 1;
  std::vector<float> emission;
  std::vector<float> score;
  std::vector<int> back, path;
  for (unsigned epoch = 0; epoch < epochs; ++epoch) {
    std::shuffle(order.begin(), order.end(), rng);
    std::size_t wrong = 0, items = 0;
    for (std::size_t s : order) {
      const auto& gold = data.sequences[s];
      const std::size_t n = gold.size();
      if (n == 0) continue;
      const std::size_t r0 = first_row[s];
      emission.assign(n * L, 0.0f);
      for (std::size_t t = 0; t < n; ++t) {
        float* e = &emission[t * L];
        for (std::size_t l = 0; l < L; ++l) e[l] = bias[l];
        for (std::size_t k = data.offsets[r0 + t]; k < data.offsets[r0 + t + 1]; ++k) {
          const std::uint32_t f = data.features[k];
          if (!kept(f)) continue;
          const float* row = &w[static_cast<std::size_t>(f) * L];
          for (std::size_t l = 0; l < L; ++l) e[l] += row[l];
        }
      }
      // Viterbi with the current weights.
      score.assign(n * L, 0.0f);
      back.assign(n * L, 0);
      for (std::size_t l = 0; l < L; ++l) score[l] = emission[l] + start[l];
      for (std::size_t t = 1; t < n; ++t)
        for (std::size_t l = 0; l < L; ++l) {
          float best = -std::numeric_limits<float>::infinity();
          int arg = 0;
          for (std::size_t p = 0; p < L; ++p) {
            const float v = score[(t - 1) * L + p] + trans[p * L + l];
            if (v > best) { best = v; arg = static_cast<int>(p); }
          }
          score[t * L + l] = best + emission[t * L + l];
          back[t * L + l] = arg;
        }
      path.assign(n, 0);
      {
        int last = 0;
        for (std::size_t l = 1; l < L; ++l)
          if (score[(n - 1) * L + l] > score[(n - 1) * L + static_cast<std::size_t>(last)]) last = static_cast<int>(l);
        for (std::size_t t = n; t-- > 0;) {
          path[t] = last;
          last = back[t * L + static_cast<std::size_t>(last)];
        }
      }
      items += n;
      bool any = false;
      auto update = [&](std::vector<float>& v, std::vector<float>& uv, std::size_t at, float d) {
        v[at] += d;
        uv[at] += step * d;
      };
      for (std::size_t t = 0; t < n; ++t) {
        const std::size_t g = static_cast<std::size_t>(gold[t]), p = static_cast<std::size_t>(path[t]);
        if (g != p) {
          ++wrong;
          any = true;
          update(bias, ubias, g, 1);
          update(bias, ubias, p, -1);
          for (std::size_t k = data.offsets[r0 + t]; k < data.offsets[r0 + t + 1]; ++k) {
            const std::uint32_t f = data.features[k];
            if (!kept(f)) continue;
            update(w, u, static_cast<std::size_t>(f) * L + g, 1);
            update(w, u, static_cast<std::size_t>(f) * L + p, -1);
          }
        }
        const std::size_t gp = t ? static_cast<std::size_t>(gold[t - 1]) : 0, pp = t ? static_cast<std::size_t>(path[t - 1]) : 0;
        if (t == 0) {
          if (g != p) { update(start, ustart, g, 1); update(start, ustart, p, -1); }
        } else if (g != p || gp != pp) {
          update(trans, utrans, gp * L + g, 1);
          update(trans, utrans, pp * L + p, -1);
        }
      }
      (void)any;
      step += 1;
    }
    std::printf("perceptron epoch %u: %.4f of %zu training items wrong\n", epoch + 1,
                items ? static_cast<double>(wrong) / static_cast<double>(items) : 0.0, items);
    std::fflush(stdout);
  }
  Trained t;
  auto average = [&](const std::vector<float>& v, const std::vector<float>& uv) {
    std::vector<float> out(v.size());
    for (std::size_t i = 0; i < v.size(); ++i) out[i] = v[i] - uv[i] / step;
    return out;
  };
  t.weights = average(w, u);
  t.bias = average(bias, ubias);
  t.start = average(start, ustart);
  t.transition = average(trans, utrans);
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
