// archive.hpp — the Wayback Machine capture of a dead link nearest a date. Asking
// {archive}/web/{YYYYMMDDhhmmss}/{url} answers with a redirect to the closest capture, which
// is date-aware and more reliable than the availability API.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "resolvers/http_pool.hpp"

namespace citecheck {

struct Snapshot {
  std::string url;  // the capture's address
  std::string at;   // RFC 3339 time of the capture
};

// `timestamp` is 14 digits (YYYYMMDDhhmmss); shorter prefixes are padded. done(capture,
// answered): answered is false when the archive gave no answer (a network failure), so that a
// missing capture is not taken for known missing.
void find_snapshot(HttpPool& pool, const ResolverOptions& options, const std::string& url, std::string timestamp,
                   std::function<void(std::optional<Snapshot>, bool answered)> done);

// The 14-digit timestamp in a capture URL (".../web/20190304050607/..."), as RFC 3339.
std::optional<std::string> capture_time(const std::string& capture_url);

}  // namespace citecheck
