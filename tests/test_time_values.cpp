// Tests for src/time_values.cpp: the instants and durations of the command line.
#include <catch2/catch.hpp>

#include "src/time_values.hpp"

using namespace citecheck;

TEST_CASE("instants: dates, RFC 3339 UTC and unix seconds", "[time_values]") {
  CHECK(parse_instant("2026-11-01") == 1'793'491'200);
  CHECK(parse_instant("2026-11-01T02:00:00Z") == 1'793'498'400);
  CHECK(parse_instant("2026-11-01 02:00:00+00:00") == 1'793'498'400);
  CHECK(parse_instant("@1793498400") == 1'793'498'400);
  CHECK(rfc3339(1'793'498'400) == "2026-11-01T02:00:00Z");
  CHECK(parse_instant("2024-02-29") == 1'709'164'800);
}

TEST_CASE("instants: impossible dates, other zones and other text are refused", "[time_values]") {
  CHECK_FALSE(parse_instant("2026-02-30"));
  CHECK_FALSE(parse_instant("2026-13-01"));
  CHECK_FALSE(parse_instant("2026-11-01T02:00:00+02:00"));
  CHECK_FALSE(parse_instant("2026-11-01T02:00"));
  CHECK_FALSE(parse_instant("yesterday"));
  CHECK_FALSE(parse_instant("@"));
  CHECK_FALSE(parse_instant("@12x"));
  CHECK_FALSE(parse_instant(""));
}

TEST_CASE("durations: a whole number with a unit, or in the bare unit", "[time_values]") {
  CHECK(parse_duration("7d", 86400) == 7 * 86400);
  CHECK(parse_duration("7", 86400) == 7 * 86400);
  CHECK(parse_duration("12h", 86400) == 12 * 3600);
  CHECK(parse_duration("30m", 1) == 1800);
  CHECK(parse_duration("90s", 86400) == 90);
  CHECK(parse_duration("0", 86400) == 0);
  CHECK_FALSE(parse_duration("-1d", 86400));
  CHECK_FALSE(parse_duration("7w", 86400));
  CHECK_FALSE(parse_duration("d", 86400));
  CHECK_FALSE(parse_duration("1.5d", 86400));
  CHECK_FALSE(parse_duration("99999999999999999d", 86400));
}
