// documents_at_rest.hpp — a run's checked documents while their links are checked and the
// report is written. Each is kept as bytes (checked_document_codec.hpp); only its links stay
// out, for the link stage. When the report is written, the documents come back one at a time,
// with the stage's results in their links, are finished and let go.
//
// Why: the link stage needs nothing of a document but its links, yet the entries, citations
// and findings of a whole archive stayed in memory through the night. As bytes they take
// about a tenth (100,000 entries: some 34 MB instead of some 200 MB).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "src/model.hpp"

namespace citecheck {

class DocumentsAtRest {
 public:
  // Keeps `d` as bytes and returns what the link stage works on: its path, format and links,
  // each link dated for its archived copy (set_archive_dates) while its owner is at hand.
  DocumentReport rest(DocumentReport&& d);
  // Document `index` (in the order rest() was called) as it was given, but for the path and
  // the links, which are `open`'s: the stage's results. A copy: it can be woken again.
  DocumentReport wake(std::size_t index, const DocumentReport& open) const;

  std::size_t size() const { return kept_.size(); }
  std::size_t bytes() const;

 private:
  std::vector<std::string> kept_;
};

}  // namespace citecheck
