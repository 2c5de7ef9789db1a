// item_places.hpp — where each item of a manuscript (citation, reference entry, footnote,
// link) is printed in the Document's text, and so where a finding about it is: the excerpts
// quote the text there, and the annotated Word copy anchors its comment on it.
#pragma once

#include <optional>
#include <string>
#include <unordered_map>

#include "src/model.hpp"

namespace citecheck {

struct ItemPlace {
  ByteRange printed;  // the item as printed (a footnote: its marker, else its text)
  ByteRange within;   // what surrounds it belongs to: an entry alone, a link's entry or footnote, else all
};

class ItemPlaces {
 public:
  // `text_size`: the length of the Document's text, which every place lies within.
  ItemPlaces(const Manuscript& manuscript, std::size_t text_size);
  // The place of the first of the finding's items printed in the text (not empty); nullopt
  // when none is (a finding about the whole document, or an item without text).
  std::optional<ItemPlace> of(const Finding& finding) const;

 private:
  std::unordered_map<std::string, ItemPlace> places_;
  std::size_t text_size_;
};

}  // namespace citecheck
