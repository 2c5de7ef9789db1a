// offline_link_status.hpp — what can be said of a link without the network: a malformed
// URL or DOI is `invalid`; a scheme citecheck never fetches is `skipped`; an e-mail or ISBN
// with valid syntax is `ok` (they are checked offline only); everything else `unchecked`.
#pragma once

#include "parsers/identifiers.hpp"
#include "src/model.hpp"

namespace citecheck {

void set_offline_status(Link& link, const FoundIdentifier& found);

}  // namespace citecheck
