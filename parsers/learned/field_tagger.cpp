#include "parsers/learned/field_tagger.hpp"

namespace citecheck {

namespace embedded {
extern const std::string_view reference_fields_model;
}  // namespace embedded

FieldTagger::FieldTagger(LinearChainModel model, const std::string& origin) : model_(std::move(model)) {
  if (model_.labels() != field_label_names())
    throw ModelError("model file " + origin + ": its labels are not those of this citecheck's field tagger");
}

std::vector<std::uint8_t> FieldTagger::labels(const std::vector<FieldToken>& tokens) const {
  std::vector<std::uint32_t> features, offsets;
  field_features(tokens, model_.buckets(), features, offsets);
  std::vector<int> path = model_.decode(features, offsets);
  return std::vector<std::uint8_t>(path.begin(), path.end());
}

TaggedFields FieldTagger::tag(std::string_view text, const std::vector<FoundIdentifier>& ids) const {
  TaggedFields out;
  auto tokens = field_tokens(text, ids);
  auto ls = labels(tokens);
  // An abbreviated journal's full stops and commas are its own: "Nucl. Instrum. Methods Phys.
  // Res. A, Accel. Spectrom." is one container, though the tagger may read a stop between two of
  // its words as a field's end (nothing tells a stop that ends an abbreviation from one that
  // ends a field in a script without capitals).
  for (std::size_t i = 1; i < tokens.size(); ++i) {
    if (ls[i] != kFieldOther || ls[i - 1] != kFieldContainer) continue;
    std::size_t j = i;
    while (j < tokens.size() && ls[j] == kFieldOther) {
      const std::string_view tok = text.substr(tokens[j].begin, tokens[j].end - tokens[j].begin);
      if (tok != "." && tok != ",") break;
      ++j;
    }
    if (j < tokens.size() && j > i && ls[j] == kFieldContainer)
      for (std::size_t k = i; k < j; ++k) ls[k] = kFieldContainer;
  }
  for (std::size_t i = 0; i < tokens.size();) {
    std::size_t j = i;
    while (j < tokens.size() && ls[j] == ls[i]) ++j;
    ByteRange run{tokens[i].begin, tokens[j - 1].end};
    if (!out.first[ls[i]]) out.first[ls[i]] = run;
    else if (!out.second[ls[i]]) out.second[ls[i]] = run;
    i = j;
  }
  return out;
}

FieldTagger builtin_field_tagger() {
  const std::string origin = std::string("(built in) ") + kFieldModelFile;
  return FieldTagger(LinearChainModel::parse(embedded::reference_fields_model, origin, kFieldModelKind), origin);
}

FieldTagger load_field_tagger(const std::filesystem::path& file) {
  return FieldTagger(LinearChainModel::parse(read_model_file(file), file.string(), kFieldModelKind), file.string());
}

const FieldTagger& default_field_tagger() {
  static const FieldTagger tagger = builtin_field_tagger();
  return tagger;
}

}  // namespace citecheck
