// Tests for the linear-chain model's runtime (parsers/learned/linear_chain.cpp): small models
// written for these tests, whose scores and best paths are worked out by hand. Five labels, so
// that the weights' rows are padded (to eight) and the padding must never score or win.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "parsers/learned/linear_chain.hpp"

using namespace citecheck;

namespace {

constexpr std::uint32_t kBuckets = 64;
const std::vector<std::string> kLabels{"a", "b", "c", "d", "e"};

// A model with the given weights (bucket × label), equal biases, and the given start and
// transition scores, written and read back as a model file.
LinearChainModel model(const std::vector<float>& weights, const std::vector<float>& start,
                       const std::vector<float>& transition) {
  std::vector<float> bias(kLabels.size(), 0.0f);
  std::string file = serialise_linear_chain("test", kLabels, kBuckets, weights, bias, start, transition, 1.0f, "tests");
  return LinearChainModel::parse(file, "test.model", "test");
}

std::vector<float> no_weights() { return std::vector<float>(kBuckets * kLabels.size(), 0.0f); }

// From every label to every label, the same score.
std::vector<float> flat_transitions() { return std::vector<float>(kLabels.size() * kLabels.size(), 0.0f); }

}  // namespace

TEST_CASE("an item's scores add its features' weights per label, as log-probabilities", "[linear-chain]") {
  auto w = no_weights();
  w[3 * 5 + 0] = 1.0f;  // feature 3: +1 for a
  w[9 * 5 + 0] = 1.0f;  // feature 9: +1 for a, +2 for e
  w[9 * 5 + 4] = 2.0f;
  LinearChainModel m = model(w, std::vector<float>(5, 0.0f), flat_transitions());
  std::vector<float> scores;
  // a and e sum to 2, the others to 0; feature 40 has no weights, 1000 lies outside the model.
  m.item_scores(FeatureList{3, 9, 40, 1000}, scores);
  REQUIRE(scores.size() == 5);
  const double lz = 2.0 + std::log(2.0 + 3.0 * std::exp(-2.0));
  CHECK(scores[0] == Approx(2.0 - lz));
  CHECK(scores[1] == Approx(0.0 - lz));
  CHECK(scores[4] == Approx(2.0 - lz));
  CHECK(m.weight(9, 4) == 2.0f);
  CHECK(m.weight(40, 4) == 0.0f);
}

TEST_CASE("Viterbi follows the transitions over equal item scores", "[linear-chain]") {
  // Start in d; from each label the only likely next one is the following label (e to a).
  std::vector<float> start{-10, -10, -10, 0, -10};
  std::vector<float> transition(25, -10.0f);
  for (int p = 0; p < 5; ++p) transition[static_cast<std::size_t>(p * 5 + (p + 1) % 5)] = 0.0f;
  LinearChainModel m = model(no_weights(), start, transition);
  CHECK(m.decode(std::vector<FeatureList>(5)) == std::vector<int>{3, 4, 0, 1, 2});
}

TEST_CASE("Viterbi weighs item scores against transitions", "[linear-chain]") {
  // Feature 5 strongly marks e; the chain prefers to stay where it is.
  auto w = no_weights();
  w[5 * 5 + 4] = 8.0f;
  std::vector<float> transition(25, -1.0f);
  for (int p = 0; p < 5; ++p) transition[static_cast<std::size_t>(p * 5 + p)] = 0.0f;
  std::vector<float> start{0, -5, -5, -5, -5};
  LinearChainModel m = model(w, start, transition);
  CHECK(m.decode(std::vector<FeatureList>{{}, {}, {5}, {5}, {}}) == std::vector<int>{0, 0, 4, 4, 4});
  CHECK(m.decode(std::vector<FeatureList>{{}}) == std::vector<int>{0});
  CHECK(m.decode(std::vector<FeatureList>{}).empty());
}

TEST_CASE("Viterbi takes the first of equally good labels, at every step and at the end", "[linear-chain]") {
  LinearChainModel flat = model(no_weights(), std::vector<float>(5, 0.0f), flat_transitions());
  CHECK(flat.decode(std::vector<FeatureList>(4)) == std::vector<int>{0, 0, 0, 0});
  // c and e tie at the end, and into each both b and d are best: c, reached from b.
  std::vector<float> start{-9, 0, -9, 0, -9};
  std::vector<float> transition(25, -9.0f);
  for (int p : {1, 3})
    for (int l : {2, 4}) transition[static_cast<std::size_t>(p * 5 + l)] = 0.0f;
  LinearChainModel ties = model(no_weights(), start, transition);
  CHECK(ties.decode(std::vector<FeatureList>(2)) == std::vector<int>{1, 2});
}

TEST_CASE("feature hashes are FNV-1a of the template's and the value's bytes, whatever the shortcuts", "[linear-chain]") {
  // Worked out byte by byte (the trained models' features were hashed so).
  CHECK(feature_hash(1, 0, 262144) == 4676u);
  CHECK(feature_hash(37, 5, 262144) == 242997u);
  // A template past the precomputed ones, a bucket count that is no power of two.
  CHECK(feature_hash(2000, 70000, 262144) == 241882u);
  CHECK(feature_hash(2000, 70000, 1000) == 986u);
}
