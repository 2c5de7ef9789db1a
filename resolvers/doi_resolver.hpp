// doi_resolver.hpp — does a DOI exist, and what work does it name? Existence through the
// doi.org handle API (/api/handles/{doi}: responseCode 1 found, 100 not found) — never by
// fetching the publisher's landing page, which blocks robots and says nothing about the DOI.
// Metadata from the registration agency's API: Crossref /works/{doi}, else DataCite
// /dois/{doi}; a Crossref record updated by a retraction (or titled "RETRACTED…") is marked.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "resolvers/http_pool.hpp"
#include "src/model.hpp"

namespace citecheck {

struct DoiCheck {
  LinkStatus status = LinkStatus::Unchecked;  // ok (exists), broken (not found), or why unknown
  std::optional<int> http_status;
  std::string target_url;  // where the DOI resolves to
  std::string error;
  std::optional<RegisteredWork> registered;
  TransferFailure failure = TransferFailure::None;
};

void check_doi(HttpPool& pool, const ResolverOptions& options, const std::string& doi, std::function<void(DoiCheck)> done);

// The agencies' JSON, parsed (exposed for tests). nullopt when the JSON is not a work record.
std::optional<RegisteredWork> parse_crossref_work(const std::string& json);
std::optional<RegisteredWork> parse_datacite_doi(const std::string& json);

// A Crossref bibliographic query's best match for a reference without a DOI.
struct DoiSuggestion {
  std::string doi, title;
  double score = 0;
};
void suggest_doi(HttpPool& pool, const ResolverOptions& options, const std::string& query,
                 std::function<void(std::optional<DoiSuggestion>)> done);

}  // namespace citecheck
