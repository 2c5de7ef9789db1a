#include "resolvers/accepted_statuses.hpp"

#include <charconv>

#include "resolvers/resolver_options.hpp"

namespace citecheck {

namespace {

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool status_number(std::string_view s, int& out) {
  s = trimmed(s);
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && end == s.data() + s.size() && out >= 100 && out <= 999;
}

}  // namespace

AcceptedStatuses AcceptedStatuses::parse(std::string_view spec) {
  AcceptedStatuses out;
  out.text_ = std::string(trimmed(spec));
  auto fail = [&](std::string_view part) {
    return ConfigError("accepted statuses '" + out.text_ + "': '" + std::string(part) +
                       "' is not a status (100-999) or a range such as 200..=299 or 200..300");
  };
  if (out.text_.empty()) throw ConfigError("accepted statuses: none given (for example 200..=299,403)");
  std::size_t start = 0;
  while (start <= spec.size()) {
    std::size_t comma = spec.find(',', start);
    std::string_view part = trimmed(spec.substr(start, comma == std::string_view::npos ? spec.npos : comma - start));
    int low = 0, high = 0;
    if (std::size_t dots = part.find(".."); dots != std::string_view::npos) {
      bool inclusive = dots + 2 < part.size() && part[dots + 2] == '=';
      if (!status_number(part.substr(0, dots), low) || !status_number(part.substr(dots + (inclusive ? 3 : 2)), high))
        throw fail(part);
      if (!inclusive) --high;
      if (high < low) throw fail(part);
    } else {
      if (!status_number(part, low)) throw fail(part);
      high = low;
    }
    out.ranges_.emplace_back(low, high);
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return out;
}

bool AcceptedStatuses::contains(int status) const {
  for (const auto& [low, high] : ranges_)
    if (status >= low && status <= high) return true;
  return false;
}

}  // namespace citecheck
