#include "src/time_values.hpp"

#include <charconv>
#include <ctime>

namespace citecheck {

namespace {

bool digits(std::string_view s, std::size_t at, std::size_t n, int& out) {
  if (at + n > s.size()) return false;
  const char* first = s.data() + at;
  auto [end, ec] = std::from_chars(first, first + n, out);
  return ec == std::errc() && end == first + n;
}

}  // namespace

std::string rfc3339(std::int64_t unix_seconds) {
  std::time_t tt = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::optional<std::int64_t> parse_instant(std::string_view text) {
  if (!text.empty() && text[0] == '@') {
    std::int64_t t = 0;
    auto [end, ec] = std::from_chars(text.data() + 1, text.data() + text.size(), t);
    if (ec != std::errc() || end != text.data() + text.size() || text.size() == 1) return std::nullopt;
    return t;
  }
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (!digits(text, 0, 4, year) || text.size() < 10 || text[4] != '-' || !digits(text, 5, 2, month) ||
      text[7] != '-' || !digits(text, 8, 2, day))
    return std::nullopt;
  if (text.size() > 10) {
    std::string_view zone = text.size() >= 19 ? text.substr(19) : std::string_view("?");
    if ((text[10] != 'T' && text[10] != ' ') || !digits(text, 11, 2, hour) || text[13] != ':' ||
        !digits(text, 14, 2, minute) || text[16] != ':' || !digits(text, 17, 2, second) ||
        (zone != "Z" && zone != "+00:00"))
      return std::nullopt;
  }
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return std::nullopt;
  std::tm tm{};
  tm.tm_year = year - 1900;
  tm.tm_mon = month - 1;
  tm.tm_mday = day;
  tm.tm_hour = hour;
  tm.tm_min = minute;
  tm.tm_sec = second;
  const std::time_t t = timegm(&tm);
  std::tm back{};
  gmtime_r(&t, &back);
  if (back.tm_mday != day) return std::nullopt;  // 2026-02-30 rolled over into March
  return static_cast<std::int64_t>(t);
}

std::optional<std::int64_t> parse_duration(std::string_view text, std::int64_t bare_unit_seconds) {
  std::int64_t n = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || end == text.data() || n < 0) return std::nullopt;
  std::string_view unit(end, static_cast<std::size_t>(text.data() + text.size() - end));
  std::int64_t scale = unit.empty() ? bare_unit_seconds
                       : unit == "s" ? 1
                       : unit == "m" ? 60
                       : unit == "h" ? 3600
                       : unit == "d" ? 86400
                                     : 0;
  if (scale == 0 || n > INT64_MAX / scale) return std::nullopt;
  return n * scale;
}

}  // namespace citecheck
