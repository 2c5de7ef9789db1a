#include "parsers/learned/line_models.hpp"

#include <string_view>

namespace citecheck {

namespace embedded {
extern const std::string_view reference_zone_model;
extern const std::string_view reference_entry_model;
}  // namespace embedded

namespace {

LineModels assemble(LinearChainModel zone, LinearChainModel entry, const std::string& origin) {
  LineModels m{std::move(zone), std::move(entry)};
  m.zone_reference = m.zone.label_index("reference");
  m.zone_note = m.zone.label_index("note");
  m.zone_furniture = m.zone.label_index("furniture");
  m.entry_start = m.entry.label_index("start");
  if (m.zone_reference < 0 || m.zone_note < 0 || m.zone_furniture < 0 || m.zone.label_index("body") < 0)
    throw ModelError("model file " + origin + "reference-zone.model: its labels are not body, reference, note, furniture");
  if (m.entry_start < 0 || m.entry.label_index("continuation") < 0)
    throw ModelError("model file " + origin + "reference-entry.model: its labels are not start, continuation");
  return m;
}

}  // namespace

LineModels builtin_line_models() {
  return assemble(LinearChainModel::parse(embedded::reference_zone_model, "(built in) reference-zone.model", kZoneModelKind),
                  LinearChainModel::parse(embedded::reference_entry_model, "(built in) reference-entry.model", kEntryModelKind),
                  "(built in) ");
}

const LineModels& default_line_models() {
  static const LineModels models = builtin_line_models();
  return models;
}

LineModels load_line_models(const std::filesystem::path& dir) {
  auto zone_path = dir / "reference-zone.model", entry_path = dir / "reference-entry.model";
  auto zone = LinearChainModel::parse(read_model_file(zone_path), zone_path.string(), kZoneModelKind);
  auto entry = LinearChainModel::parse(read_model_file(entry_path), entry_path.string(), kEntryModelKind);
  return assemble(std::move(zone), std::move(entry), dir.string() + "/");
}

}  // namespace citecheck
