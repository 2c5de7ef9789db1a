// report_summary.hpp — the counts a report's summary gives: items of each kind, links by
// status, findings by severity; for one document or added up over a run.
#pragma once

#include <array>
#include <cstddef>

#include <nlohmann/json.hpp>

#include "src/model.hpp"

namespace citecheck {

// Every link status, in the order the reports list them.
inline constexpr std::array<LinkStatus, 10> kLinkStatuses = {
    LinkStatus::Unchecked, LinkStatus::Ok,           LinkStatus::Redirected, LinkStatus::Broken,
    LinkStatus::ServerError, LinkStatus::Timeout,    LinkStatus::Unverifiable, LinkStatus::Soft404,
    LinkStatus::Invalid,   LinkStatus::Skipped};

struct ReportTotals {
  std::size_t documents = 0, footnotes = 0, references = 0, citations = 0, links = 0;
  std::array<std::size_t, kLinkStatuses.size()> links_by_status{};  // indexed as kLinkStatuses
  std::size_t errors = 0, warnings = 0, infos = 0;

  void add(const DocumentReport& d);
  // The JSON report's `summary`: every status is listed, 0 included, so dashboards can
  // rely on the keys.
  nlohmann::json to_json() const;
};

ReportTotals totals_of(const Report& report);

}  // namespace citecheck
