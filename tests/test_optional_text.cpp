// OptionalText stands in for std::optional<std::string> in the model: it must behave as one
// (presence, copies that do not share, comparisons, conversions both ways) in one pointer's room.
#include <catch2/catch.hpp>
#include <optional>
#include <string>

#include "src/optional_text.hpp"

using citecheck::OptionalText;

TEST_CASE("OptionalText behaves as an optional string in a pointer's room", "[model]") {
  STATIC_REQUIRE(sizeof(OptionalText) == sizeof(void*));
  OptionalText absent;
  CHECK_FALSE(absent);
  CHECK(absent == std::nullopt);
  CHECK(absent.value_or("n.d.") == "n.d.");
  CHECK_THROWS_AS(absent.value(), std::bad_optional_access);

  OptionalText year = std::string("2021");
  CHECK(year.has_value());
  CHECK(year == "2021");
  CHECK(year != "2020");
  CHECK(year->size() == 4);
  // A copy is its own string.
  OptionalText copy = year;
  *copy += "a";
  CHECK(*year == "2021");
  CHECK(*copy == "2021a");
  // Ordered as std::optional is: absent first, then by text.
  CHECK(absent < year);
  CHECK(year < copy);
  CHECK(absent == OptionalText());
  // To and from std::optional<std::string>.
  std::optional<std::string> std_year = year;
  CHECK(std_year == std::optional<std::string>("2021"));
  OptionalText back = std::optional<std::string>();
  CHECK_FALSE(back);
  back = std_year;
  CHECK(back == std_year);
  back = std::nullopt;
  CHECK_FALSE(back);
  back.emplace(3, 'x');
  CHECK(back == "xxx");
  OptionalText moved = std::move(back);
  CHECK(moved == "xxx");
  moved.reset();
  CHECK(moved == absent);
}
