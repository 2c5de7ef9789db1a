// "did you mean …?" for mistyped flags and config keys.
#include <catch2/catch.hpp>

#include "src/nearest_name.hpp"

using namespace citecheck;

TEST_CASE("a typo finds the name it was meant to be", "[nearest_name]") {
  const std::vector<std::string> flags{"--timeout", "--connect-timeout", "--retries", "--exclude", "--include"};
  CHECK(nearest_name("--timout", flags) == std::optional<std::string>("--timeout"));
  CHECK(nearest_name("--retires", flags) == std::optional<std::string>("--retries"));  // swapped letters
  CHECK(nearest_name("--exlcude", flags) == std::optional<std::string>("--exclude"));
  CHECK(nearest_name("--conect-timeout", flags) == std::optional<std::string>("--connect-timeout"));
}

TEST_CASE("a word far from every name gets no suggestion", "[nearest_name]") {
  const std::vector<std::string> keys{"timeout", "retries", "hosts"};
  CHECK_FALSE(nearest_name("frobnicate", keys));
  CHECK_FALSE(nearest_name("zz", keys));
}
