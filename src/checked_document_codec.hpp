// checked_document_codec.hpp — a checked document (what check_document returns: the parsers'
// items, the linker's matches and the offline findings) as bytes and back, so that a nightly
// run over an archive can keep it between nights and skip reading and parsing a manuscript
// whose bytes have not changed (src/document_cache.hpp).
//
// The bytes are this build's own (fields in declaration order, lengths as varints): they are
// only ever read back by the build that wrote them, which the cache key makes sure of.
#pragma once

#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "src/model.hpp"

namespace citecheck {

struct CodecError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// nullopt for a document the codec does not keep: one whose links already hold network
// results (a checked document never does; the link stage adds them later).
std::optional<std::string> encode_checked_document(const DocumentReport& d);
// The same in pieces of about a megabyte, for a store that writes them as they come: the size
// first (nullopt: not kept), then the bytes, so a document of 100,000 entries is never whole
// in memory twice.
std::optional<std::size_t> encoded_size(const DocumentReport& d);
void encode_checked_document(const DocumentReport& d, const std::function<void(std::string_view)>& emit);

// Throws CodecError on bytes that are truncated, over-long or not of this codec.
DocumentReport decode_checked_document(std::string_view bytes);

}  // namespace citecheck
