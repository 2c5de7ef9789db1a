// train_linear.hpp — what the trainers of citecheck-train share: a training set of labelled
// sequences, liblinear's L2-regularised logistic regression for the item scores, label-chain
// counts for the transitions, and the model file written whole or not at all.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "parsers/learned/linear_chain.hpp"

namespace citecheck::training {

// Options common to every model: where the data is, where the models go.
struct TrainOptions {
  std::filesystem::path grobid, jats, out;
  unsigned seed = 20261206;
  double cost = 0.5;
  std::size_t min_count = 0;  // 0: each trainer's own
  unsigned epochs = 0;        // the field tagger: > 0 trains it as a perceptron for that many epochs
  bool synthetic = true;      // the field tagger: also train on its strings rendered in other CSL styles
};

// Rows of one model's training set, kept flat: the features of row r are
// features[offsets[r] .. offsets[r+1]).
struct Dataset {
  std::vector<std::uint32_t> features;
  std::vector<std::size_t> offsets{0};
  std::vector<int> labels;
  std::vector<std::vector<int>> sequences;  // label sequences, for the chain's counts

  void add_sequence(const std::vector<FeatureList>& items, const std::vector<int>& ys);
};

struct Trained {
  std::vector<float> weights, bias, start, transition;
};

// Features seen in fewer than `min_count` rows are left out (a word seen once says nothing
// and costs a row of the model file).
Trained train_linear(const Dataset& data, std::size_t classes, std::uint32_t buckets, double cost,
                     std::size_t min_count = 1);

// The same model trained as a whole chain: an averaged structured perceptron (Collins 2002).
// Each epoch decodes every sequence (in an order shuffled by `seed`) with the current weights
// and moves the item and transition weights from the decoded labels toward the true ones. The
// logistic model above learns each item alone and the transitions from counts; trained
// jointly, the weights learn where a field ends given the label before it. Raw scores: the
// decoder's per-item softmax shifts all labels of an item alike, so Viterbi's path is the
// same.
Trained train_perceptron(const Dataset& data, std::size_t classes, std::uint32_t buckets, unsigned epochs,
                         unsigned seed, std::size_t min_count = 1);

void write_model(const std::filesystem::path& path, const std::string& kind, const std::vector<std::string>& labels,
                 std::uint32_t buckets, const Trained& t, const std::string& provenance);

// The two trainers (bench/train_lines.cpp, bench/train_fields.cpp); each returns an exit status.
int train_lines(const TrainOptions& options);
int train_fields(const TrainOptions& options);

}  // namespace citecheck::training
