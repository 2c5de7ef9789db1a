// The Crawl-delay a robots.txt asks of citecheck (resolvers/robots.hpp).
#include <catch2/catch.hpp>

#include "resolvers/robots.hpp"

using namespace citecheck;

TEST_CASE("robots: the * group's Crawl-delay applies to every robot", "[robots]") {
  CHECK(crawl_delay("User-agent: *\nDisallow: /private\nCrawl-delay: 10\n") == 10.0);
  CHECK(crawl_delay("user-agent:*\r\ncrawl-delay: 2.5  # seconds\r\n") == 2.5);
  CHECK_FALSE(crawl_delay("User-agent: *\nDisallow:\n").has_value());
  CHECK_FALSE(crawl_delay("").has_value());
  CHECK_FALSE(crawl_delay("<html><body>Not found</body></html>").has_value());
}

TEST_CASE("robots: a group naming citecheck wins over *, even without a delay", "[robots]") {
  const char* named = "User-agent: *\nCrawl-delay: 30\n\nUser-agent: CiteCheck\nCrawl-delay: 2\n";
  CHECK(crawl_delay(named) == 2.0);
  // Our group asks no delay: the * group's does not apply to us.
  CHECK_FALSE(crawl_delay("User-agent: *\nCrawl-delay: 30\n\nUser-agent: citecheck\nDisallow: /tmp\n").has_value());
  // Other robots' groups are not ours.
  CHECK(crawl_delay("User-agent: Googlebot\nCrawl-delay: 60\n\nUser-agent: *\nCrawl-delay: 5\n") == 5.0);
  CHECK_FALSE(crawl_delay("User-agent: Bingbot\nCrawl-delay: 60\n").has_value());
}

TEST_CASE("robots: several agents share a group, and a rule ends the agents' list", "[robots]") {
  const char* shared = "User-agent: Googlebot\nUser-agent: citecheck\nCrawl-delay: 4\n";
  CHECK(crawl_delay(shared) == 4.0);
  // After a rule, a user-agent line starts a new group: the delay belongs to Bingbot alone.
  const char* next = "User-agent: citecheck\nDisallow: /a\nUser-agent: Bingbot\nCrawl-delay: 9\n";
  CHECK_FALSE(crawl_delay(next).has_value());
  // Two groups for one agent count as one: the longer delay.
  CHECK(crawl_delay("User-agent: citecheck\nCrawl-delay: 1\n\nUser-agent: citecheck\nCrawl-delay: 3\n") == 3.0);
}

TEST_CASE("robots: delays that are not a number of seconds are ignored", "[robots]") {
  for (const char* bad : {"User-agent: *\nCrawl-delay: soon\n", "User-agent: *\nCrawl-delay: -5\n",
                          "User-agent: *\nCrawl-delay: 0\n", "User-agent: *\nCrawl-delay:\n",
                          "User-agent: *\nCrawl-delay: 999999999\n"}) {
    INFO(bad);
    CHECK_FALSE(crawl_delay(bad).has_value());
  }
}
