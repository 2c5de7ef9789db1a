// linear_chain.hpp — a linear-chain sequence labeller: a multinomial logistic model over
// hashed sparse features for each item, and label-to-label transition scores, decoded with
// Viterbi. Trained offline (bench/train_lines.cpp, liblinear); this is only the runtime half:
// the model file format, its validation and the decoder.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace citecheck {

// A model file that is missing, truncated, of another version or otherwise broken. The
// message names the file and what is wrong with it.
struct ModelError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// One item's features: indices into the model's hashed feature space.
using FeatureList = std::vector<std::uint32_t>;

class LinearChainModel {
 public:
  // Parses a model file's bytes; `origin` names it in errors. Refuses any other format
  // version, a kind other than `expected_kind`, missing sections, out-of-range indices,
  // non-finite weights and a wrong checksum.
  static LinearChainModel parse(std::string_view bytes, std::string_view origin, std::string_view expected_kind);

  const std::string& kind() const { return kind_; }
  const std::vector<std::string>& labels() const { return labels_; }
  std::uint32_t buckets() const { return buckets_; }
  int label_index(std::string_view name) const;  // -1 when absent

  // Per-label scores of one item (bias included), as log-probabilities (softmax).
  void item_scores(const FeatureList& features, std::vector<float>& out) const {
    item_scores(features.data(), features.size(), out);
  }
  void item_scores(const std::uint32_t* features, std::size_t count, std::vector<float>& out) const;
  // One feature's weight for one label (0 for an index outside the model): for inspecting
  // what a decision rests on.
  float weight(std::uint32_t feature, int label) const {
    const float* row = row_of(feature);
    return row ? row[label] : 0.0f;
  }
  // Viterbi over a sequence: the most likely labels, one per item.
  std::vector<int> decode(const std::vector<FeatureList>& items) const;
  // The same over features laid end to end: item t's are features[offsets[t], offsets[t + 1]).
  std::vector<int> decode(const std::vector<std::uint32_t>& features, const std::vector<std::uint32_t>& offsets) const;
  // The same over item scores already computed (items × labels, as item_scores gives them).
  std::vector<int> decode_scores(const std::vector<float>& scores) const;

 private:
  std::string kind_;
  std::vector<std::string> labels_;
  std::uint32_t buckets_ = 0;
  // Scoring an item adds, for each of its features, that feature's weight for every label.
  // So a feature's weights lie together (one row), padded with zeros to `stride_` floats, a
  // whole number of 4-float vectors: the add is a few vector adds, and each label's sum is
  // still taken in the features' order (the scores are bit for bit those of a plain loop).
  std::size_t stride_ = 0;
  std::vector<float> rows_;  // rows × stride_
  // Only the features the training kept have a row: an open-addressing table from feature to
  // row, so that loading costs the file's size, not the feature space's (zeroing a dense
  // table of 2^18 rows took longer than the whole file's parsing). Key and row side by side,
  // a quarter full: most features of an item have no row, and telling so takes one probe.
  struct Slot {
    std::uint32_t feature_plus_one = 0;  // 0: empty
    std::uint32_t row = 0;
  };
  std::vector<Slot> slots_;
  const float* row_of(std::uint32_t feature) const;
  // An item's per-label sums (bias included), not normalised, into out[0 .. labels).
  void item_sums(const std::uint32_t* features, std::size_t count, float* out) const;
  // Four floats added as one (GCC's and Clang's vector extension: one SSE or NEON add). Each
  // lane is one label's sum, so vectors change nothing in the order each sum is taken.
  typedef float Lanes __attribute__((vector_size(16)));
  typedef std::int32_t LaneIndex __attribute__((vector_size(16)));
  static constexpr std::size_t kLanes = sizeof(Lanes) / sizeof(float);
  template <std::size_t Vectors>
  void add_rows(const std::uint32_t* features, std::size_t count, Lanes* sum) const;
  template <std::size_t Vectors>
  std::vector<int> viterbi(const std::vector<float>& emissions) const;
  std::vector<float> bias_;         // per label
  std::vector<float> start_;        // log P(first label)
  std::vector<float> transition_;   // labels × labels: log P(next | previous)
  float transition_weight_ = 1.0f;  // how much the chain counts against the item scores
  // transition_weight_ × transition_ (previous × next, rows padded to stride_): the same
  // products the decoder took one by one, so its sums are unchanged.
  std::vector<float> weighted_transition_;
};

// A model file's bytes; throws ModelError naming it when it is missing or cannot be read.
std::string read_model_file(const std::filesystem::path& p);

// The text written by the trainer; parse(serialise(m)) gives back m.
std::string serialise_linear_chain(const std::string& kind, const std::vector<std::string>& labels,
                                   std::uint32_t buckets, const std::vector<float>& weights,
                                   const std::vector<float>& bias, const std::vector<float>& start,
                                   const std::vector<float>& transition, float transition_weight,
                                   const std::string& provenance);

namespace detail {
constexpr std::uint32_t kFnvBasis = 2166136261u, kFnvPrime = 16777619u;
// FNV-1a over the four bytes of `word`, lowest first, from the state `h`.
constexpr std::uint32_t fnv_word(std::uint32_t h, std::uint32_t word) {
  for (int k = 0; k < 4; ++k) { h ^= (word >> (8 * k)) & 0xFF; h *= kFnvPrime; }
  return h;
}
// The state after each small template number's bytes, worked out when compiling: every item
// hashes dozens of features, and half of each hash is its template's.
inline constexpr std::array<std::uint32_t, 1024> kTemplateStates = [] {
  std::array<std::uint32_t, 1024> t{};
  for (std::uint32_t i = 0; i < t.size(); ++i) t[i] = fnv_word(kFnvBasis, i);
  return t;
}();
}  // namespace detail

// Stable FNV-1a of a feature's name parts: the trainer and the runtime hash alike.
inline std::uint32_t feature_hash(std::uint32_t templ, std::uint32_t value, std::uint32_t buckets) {
  std::uint32_t h = templ < detail::kTemplateStates.size() ? detail::kTemplateStates[templ]
                                                           : detail::fnv_word(detail::kFnvBasis, templ);
  h = detail::fnv_word(h, value);
  // The models' bucket counts are powers of two: a mask then, not a division.
  return (buckets & (buckets - 1)) == 0 ? h & (buckets - 1) : h % buckets;
}

}  // namespace citecheck
