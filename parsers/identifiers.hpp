// identifiers.hpp — URLs, DOIs, e-mail addresses and ISBNs anywhere in a text, with URLs
// and DOIs re-joined where a PDF wrapped them over two lines.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "src/model.hpp"

namespace citecheck {

struct FoundIdentifier {
  LinkKind kind = LinkKind::Url;
  std::string value;  // normalised (see Link::value)
  ByteRange bytes;    // in the scanned text, including any wrap
  bool wrapped = false;
  bool syntax_ok = true;     // false: a "doi:" that is no DOI, an ISBN with a bad checksum
  std::string problem;       // why syntax_ok is false
};

// Every identifier in `text`, ordered by position; overlapping finds are resolved (a DOI
// inside a doi.org URL is one DOI link; an e-mail inside a mailto: URL is one e-mail).
std::vector<FoundIdentifier> find_identifiers(std::string_view text);

// Normalises a DOI as printed ("DOI:10.1/ABC.", "https://doi.org/10.1/abc") to "10.1/abc";
// empty when it is not a DOI.
std::string normalise_doi(std::string_view printed);

// True when the ISBN-10 or ISBN-13 digits (hyphens and spaces ignored) have a valid check digit.
bool isbn_checksum_ok(std::string_view isbn);

// The host of an http(s) URL, lower-cased, without "www." and port ("" when there is none).
std::string url_host(std::string_view url);

}  // namespace citecheck
