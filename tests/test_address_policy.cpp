// Tests for resolvers/address_policy.cpp: the addresses a link may not lead the checker to.
// Addresses are built with inet_pton into sockaddr_in / sockaddr_in6; nothing connects.
#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>

#include <optional>
#include <string>

#include "resolvers/address_policy.hpp"

using namespace citecheck;

namespace {

std::optional<std::string> v4(const char* text) {
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(443);
  REQUIRE(inet_pton(AF_INET, text, &a.sin_addr) == 1);
  return blocked_address_reason(reinterpret_cast<const sockaddr*>(&a));
}

std::optional<std::string> v6(const char* text) {
  sockaddr_in6 a{};
  a.sin6_family = AF_INET6;
  a.sin6_port = htons(443);
  REQUIRE(inet_pton(AF_INET6, text, &a.sin6_addr) == 1);
  return blocked_address_reason(reinterpret_cast<const sockaddr*>(&a));
}

bool blocked4(const char* text) { return v4(text).has_value(); }
bool blocked6(const char* text) { return v6(text).has_value(); }

}  // namespace

TEST_CASE("public addresses may be fetched", "[resolvers][address_policy]") {
  CHECK_FALSE(v4("8.8.8.8"));
  CHECK_FALSE(v4("93.184.216.34"));
  CHECK_FALSE(v4("1.1.1.1"));
  CHECK_FALSE(v6("2001:4860::8888"));
  CHECK_FALSE(v6("2a00:1450:4001:81c::200e"));
}

TEST_CASE("loopback, unspecified and broadcast IPv4 are refused with their names", "[resolvers][address_policy]") {
  CHECK(v4("127.0.0.1") == "loopback address 127.0.0.1");
  CHECK(blocked4("127.255.255.255"));
  CHECK_FALSE(blocked4("126.255.255.255"));
  CHECK_FALSE(blocked4("128.0.0.0"));
  CHECK(v4("0.0.0.0") == "unspecified address 0.0.0.0");
  CHECK(blocked4("0.255.255.255"));
  CHECK_FALSE(blocked4("1.0.0.0"));
  CHECK(v4("255.255.255.255") == "broadcast address 255.255.255.255");
}

TEST_CASE("private IPv4 ranges are refused at both edges", "[resolvers][address_policy]") {
  CHECK(v4("10.0.0.5") == "private address 10.0.0.5");
  CHECK(blocked4("10.0.0.0"));
  CHECK(blocked4("10.255.255.255"));
  CHECK_FALSE(blocked4("9.255.255.255"));
  CHECK_FALSE(blocked4("11.0.0.0"));

  CHECK_FALSE(blocked4("172.15.255.255"));
  CHECK(blocked4("172.16.0.0"));
  CHECK(blocked4("172.31.255.255"));
  CHECK_FALSE(blocked4("172.32.0.0"));

  CHECK_FALSE(blocked4("192.167.255.255"));
  CHECK(v4("192.168.0.0") == "private address 192.168.0.0");
  CHECK(blocked4("192.168.255.255"));
  CHECK_FALSE(blocked4("192.169.0.0"));
}

TEST_CASE("link-local IPv4 and the cloud metadata address", "[resolvers][address_policy]") {
  CHECK(v4("169.254.169.254") == "cloud metadata address 169.254.169.254");
  CHECK(v4("169.254.0.1") == "link-local address 169.254.0.1");
  CHECK(blocked4("169.254.0.0"));
  CHECK(blocked4("169.254.255.255"));
  CHECK_FALSE(blocked4("169.253.255.255"));
  CHECK_FALSE(blocked4("169.255.0.0"));
}

TEST_CASE("shared CGNAT space is refused at both edges", "[resolvers][address_policy]") {
  CHECK_FALSE(blocked4("100.63.255.255"));
  CHECK(v4("100.64.0.0") == "shared (CGNAT) address 100.64.0.0");
  CHECK(blocked4("100.127.255.255"));
  CHECK_FALSE(blocked4("100.128.0.0"));
}

TEST_CASE("multicast and reserved IPv4 are refused", "[resolvers][address_policy]") {
  CHECK_FALSE(blocked4("223.255.255.255"));
  CHECK(v4("224.0.0.1") == "multicast address 224.0.0.1");
  CHECK(blocked4("239.255.255.255"));
  CHECK(v4("240.0.0.1") == "reserved address 240.0.0.1");
}

TEST_CASE("IPv6 loopback, unspecified, unique-local, link-local and multicast", "[resolvers][address_policy]") {
  CHECK(v6("::1") == "loopback address ::1");
  CHECK(v6("::") == "unspecified address ::");

  CHECK_FALSE(blocked6("fbff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"));
  CHECK(v6("fc00::") == "unique-local address fc00::");
  CHECK(blocked6("fd12:3456:789a::1"));
  CHECK(blocked6("fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"));
  CHECK_FALSE(blocked6("fe00::"));

  CHECK_FALSE(blocked6("fe7f:ffff:ffff:ffff:ffff:ffff:ffff:ffff"));
  CHECK(v6("fe80::1") == "link-local address fe80::1");
  CHECK(blocked6("febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff"));

  CHECK(v6("fec0::1") == "site-local address fec0::1");  // deprecated, still not public
  CHECK(v6("ff02::1") == "multicast address ff02::1");
  CHECK(blocked6("ff00::"));

  CHECK(v6("fd00:ec2::254") == "cloud metadata address fd00:ec2::254");
}

TEST_CASE("IPv6 forms that carry a blocked IPv4 address are refused", "[resolvers][address_policy]") {
  CHECK(v6("::ffff:127.0.0.1") == "loopback address 127.0.0.1 (as IPv4-mapped IPv6 ::ffff:127.0.0.1)");
  CHECK(v6("::ffff:169.254.169.254") ==
        "cloud metadata address 169.254.169.254 (as IPv4-mapped IPv6 ::ffff:169.254.169.254)");
  CHECK(blocked6("::ffff:10.0.0.5"));
  CHECK(blocked6("::10.0.0.5"));                // IPv4-compatible
  CHECK(blocked6("64:ff9b::192.168.1.1"));      // NAT64
  CHECK(blocked6("64:ff9b::a9fe:a9fe"));        // NAT64 of 169.254.169.254, written in hex
  CHECK(blocked6("64:ff9b:1::7f00:1"));         // local-use NAT64
  CHECK(blocked6("2002:7f00:1::"));             // 6to4 of 127.0.0.1
  CHECK(blocked6("::ffff:0:10.1.1.1"));         // IPv4-translated

  CHECK_FALSE(blocked6("::ffff:8.8.8.8"));
  CHECK_FALSE(blocked6("64:ff9b::808:808"));
  CHECK_FALSE(blocked6("2002:808:808::1"));
}

TEST_CASE("address families other than IPv4 and IPv6 are refused", "[resolvers][address_policy]") {
  sockaddr a{};
  a.sa_family = AF_UNIX;
  CHECK(blocked_address_reason(&a).has_value());
  CHECK(blocked_address_reason(static_cast<const sockaddr*>(nullptr)).has_value());
}

TEST_CASE("IP literals written in URL hosts", "[resolvers][address_policy]") {
  CHECK(blocked_address_reason(std::string_view("10.1.2.3")) == "private address 10.1.2.3");
  CHECK(blocked_address_reason(std::string_view("::1")) == "loopback address ::1");
  CHECK(blocked_address_reason(std::string_view("[fe80::1]")) == "link-local address fe80::1");
  CHECK(blocked_address_reason(std::string_view("[fe80::1%25eth0]")) == "link-local address fe80::1");
  CHECK(blocked_address_reason(std::string_view("[::ffff:127.0.0.1]")).has_value());
  CHECK_FALSE(blocked_address_reason(std::string_view("8.8.8.8")));
  CHECK_FALSE(blocked_address_reason(std::string_view("[2001:4860::8888]")));
}

TEST_CASE("legacy IPv4 spellings resolvers accept are read as the address they reach", "[resolvers][address_policy]") {
  CHECK(blocked_address_reason(std::string_view("127.1")) == "loopback address 127.0.0.1");
  CHECK(blocked_address_reason(std::string_view("2130706433")) == "loopback address 127.0.0.1");
  CHECK(blocked_address_reason(std::string_view("0x7f.0.0.1")) == "loopback address 127.0.0.1");
  CHECK(blocked_address_reason(std::string_view("0177.0.0.1")) == "loopback address 127.0.0.1");
  CHECK(blocked_address_reason(std::string_view("0xa9fea9fe")) == "cloud metadata address 169.254.169.254");
  CHECK(blocked_address_reason(std::string_view("10.0.0.1.")) == "private address 10.0.0.1");
}

TEST_CASE("host names are not IP literals", "[resolvers][address_policy]") {
  CHECK_FALSE(blocked_address_reason(std::string_view("localhost.example.org")));
  CHECK_FALSE(blocked_address_reason(std::string_view("10.0.0.1.nip.io")));
  CHECK_FALSE(blocked_address_reason(std::string_view("doi.org")));
  CHECK_FALSE(blocked_address_reason(std::string_view("")));
  CHECK_FALSE(is_ip_literal("example.com"));
  CHECK_FALSE(is_ip_literal("256.1.1.1"));
  CHECK_FALSE(is_ip_literal("1.2.3.4.5"));
  CHECK(is_ip_literal("192.0.2.1"));
  CHECK(is_ip_literal("[2001:db8::1]"));
}
