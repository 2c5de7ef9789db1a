#include "src/item_places.hpp"

namespace citecheck {

ItemPlaces::ItemPlaces(const Manuscript& m, std::size_t text_size) : text_size_(text_size) {
  const ByteRange everything{0, text_size};
  std::unordered_map<std::string, ByteRange> owners;  // the text of each entry and footnote
  for (const auto& c : m.citations) places_.emplace(c.id, ItemPlace{c.bytes, everything});
  for (const auto& r : m.references) {
    places_.emplace(r.id, ItemPlace{r.bytes, r.bytes});
    owners.emplace(r.id, r.bytes);
  }
  for (const auto& f : m.footnotes) {
    places_.emplace(f.id, ItemPlace{f.marker ? f.marker_bytes : f.body_bytes, everything});
    if (f.body) owners.emplace(f.id, f.body_bytes);
  }
  for (const auto& l : m.links) {
    ByteRange within = everything;
    if (l.owner)
      if (auto it = owners.find(*l.owner); it != owners.end() && it->second.begin <= l.bytes.begin && l.bytes.end <= it->second.end)
        within = it->second;
    places_.emplace(l.id, ItemPlace{l.bytes, within});
  }
}

std::optional<ItemPlace> ItemPlaces::of(const Finding& f) const {
  for (const auto& id : f.items) {
    auto it = places_.find(id);
    if (it != places_.end() && it->second.printed.begin < it->second.printed.end && it->second.printed.end <= text_size_)
      return it->second;
  }
  return std::nullopt;
}

}  // namespace citecheck
