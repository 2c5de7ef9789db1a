#include "src/documents_at_rest.hpp"

#include <utility>

#include "resolvers/resolve_links.hpp"
#include "src/checked_document_codec.hpp"

namespace citecheck {

DocumentReport DocumentsAtRest::rest(DocumentReport&& d) {
  set_archive_dates(d.manuscript);
  DocumentReport open;
  open.path = d.path;
  open.format = d.format;
  open.manuscript.links = std::move(d.manuscript.links);
  d.manuscript.links.clear();
  // Links without network results are all the codec refuses, and these went to `open`.
  auto bytes = encode_checked_document(d);
  if (!bytes) throw CodecError("a checked document the codec does not keep");
  bytes->shrink_to_fit();
  kept_.push_back(std::move(*bytes));
  return open;
}

DocumentReport DocumentsAtRest::wake(std::size_t index, const DocumentReport& open) const {
  DocumentReport d = decode_checked_document(kept_.at(index));
  d.path = open.path;
  d.manuscript.links = open.manuscript.links;
  return d;
}

std::size_t DocumentsAtRest::bytes() const {
  std::size_t n = 0;
  for (const auto& k : kept_) n += k.size();
  return n;
}

}  // namespace citecheck
