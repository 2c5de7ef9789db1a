// field_tagger.hpp — the learned field tagger: labels each token of a reference entry
// (author, year, title, container, volume, issue, pages, …) with the linear-chain model
// parsers/models/reference-fields.model, trained by citecheck-train (bench/train_fields.cpp)
// on GROBID's annotated reference strings. parse_work takes from it the fields where it
// reads entries better than the rules (measured by citecheck-eval fields).
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string_view>
#include <vector>

#include "parsers/identifiers.hpp"
#include "parsers/learned/field_features.hpp"
#include "parsers/learned/linear_chain.hpp"
#include "src/model.hpp"

namespace citecheck {

inline constexpr std::uint32_t kFieldModelBuckets = 1u << 18;
inline constexpr const char* kFieldModelKind = "reference-fields";
inline constexpr const char* kFieldModelFile = "reference-fields.model";

// Where each label's first and second runs of tokens lie in the entry (bytes), when it has them.
struct TaggedFields {
  std::array<std::optional<ByteRange>, kFieldLabelCount> first, second;
};

class FieldTagger {
 public:
  // Refuses a model whose labels are not field_label_names(), in that order.
  explicit FieldTagger(LinearChainModel model, const std::string& origin);

  // One label per token (FieldLabel).
  std::vector<std::uint8_t> labels(const std::vector<FieldToken>& tokens) const;
  // The entry's tokens labelled, and each label's first run.
  TaggedFields tag(std::string_view text, const std::vector<FoundIdentifier>& ids) const;

  const LinearChainModel& model() const { return model_; }

 private:
  LinearChainModel model_;
};

// The model the program was built with; throws ModelError when the committed file is damaged.
FieldTagger builtin_field_tagger();
// A model file (as citecheck-train --out DIR writes DIR/reference-fields.model); throws
// ModelError naming the file that is missing, unreadable, truncated, of another version or kind.
FieldTagger load_field_tagger(const std::filesystem::path& file);
// The built-in tagger, parsed on first use and never changed after (constant data, like the
// line models).
const FieldTagger& default_field_tagger();

}  // namespace citecheck
