#include "resolvers/address_policy.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <array>
#include <cstdint>
#include <cstring>

namespace citecheck {

namespace {

using V6 = std::array<std::uint8_t, 16>;

struct V4Range {
  std::uint32_t base;
  int prefix;
  const char* kind;
};

constexpr std::uint32_t v4(unsigned a, unsigned b, unsigned c, unsigned d) {
  return (a << 24) | (b << 16) | (c << 8) | d;
}

// Most specific first: the first row that holds an address names it.
constexpr V4Range kBlockedV4[] = {
    {v4(169, 254, 169, 254), 32, "cloud metadata address"},  // AWS, GCP, Azure, OpenStack …
    {v4(100, 100, 100, 200), 32, "cloud metadata address"},  // Alibaba Cloud
    {v4(255, 255, 255, 255), 32, "broadcast address"},
    {v4(0, 0, 0, 0), 8, "unspecified address"},
    {v4(127, 0, 0, 0), 8, "loopback address"},
    {v4(10, 0, 0, 0), 8, "private address"},
    {v4(172, 16, 0, 0), 12, "private address"},
    {v4(192, 168, 0, 0), 16, "private address"},
    {v4(169, 254, 0, 0), 16, "link-local address"},
    {v4(100, 64, 0, 0), 10, "shared (CGNAT) address"},
    {v4(224, 0, 0, 0), 4, "multicast address"},
    {v4(240, 0, 0, 0), 4, "reserved address"},
};

struct V6Range {
  V6 base;
  int prefix;
  const char* kind;
};

constexpr V6Range kBlockedV6[] = {
    {{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, 128, "loopback address"},
    {{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 128, "unspecified address"},
    {{0xfd, 0x00, 0x0e, 0xc2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, 0x54}, 128, "cloud metadata address"},  // AWS
    {{0xfc}, 7, "unique-local address"},
    {{0xfe, 0x80}, 10, "link-local address"},
    {{0xfe, 0xc0}, 10, "site-local address"},
    {{0xff}, 8, "multicast address"},
};

// IPv6 prefixes that carry an IPv4 address, and where.
struct V6Embedding {
  V6 base;
  int prefix;
  int offset;  // byte offset of the IPv4 address
  const char* form;
};

constexpr V6Embedding kEmbeddingV6[] = {
    {{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff}, 96, 12, "IPv4-mapped"},
    {{0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0}, 96, 12, "IPv4-translated"},
    {{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 96, 12, "IPv4-compatible"},
    {{0x00, 0x64, 0xff, 0x9b}, 96, 12, "NAT64"},
    {{0x00, 0x64, 0xff, 0x9b, 0x00, 0x01}, 48, 12, "local NAT64"},
    {{0x20, 0x02}, 16, 2, "6to4"},
};

bool in_prefix(const V6& a, const V6& base, int prefix) {
  for (int bit = 0; bit < prefix; bit += 8) {
    int n = prefix - bit >= 8 ? 8 : prefix - bit;
    auto mask = static_cast<std::uint8_t>(0xFF << (8 - n));
    if ((a[bit / 8] & mask) != (base[bit / 8] & mask)) return false;
  }
  return true;
}

std::string v4_text(std::uint32_t a) {
  return std::to_string(a >> 24) + "." + std::to_string((a >> 16) & 0xFF) + "." + std::to_string((a >> 8) & 0xFF) +
         "." + std::to_string(a & 0xFF);
}

std::string v6_text(const V6& a) {
  char buf[INET6_ADDRSTRLEN] = {};
  inet_ntop(AF_INET6, a.data(), buf, sizeof buf);
  return buf;
}

const char* v4_kind(std::uint32_t a) {
  for (const auto& r : kBlockedV4) {
    std::uint32_t mask = r.prefix == 0 ? 0 : ~std::uint32_t{0} << (32 - r.prefix);
    if ((a & mask) == (r.base & mask)) return r.kind;
  }
  return nullptr;
}

std::optional<std::string> v4_reason(std::uint32_t a) {
  if (const char* kind = v4_kind(a)) return std::string(kind) + " " + v4_text(a);
  return std::nullopt;
}

std::optional<std::string> v6_reason(const V6& a) {
  for (const auto& r : kBlockedV6)
    if (in_prefix(a, r.base, r.prefix)) return std::string(r.kind) + " " + v6_text(a);
  for (const auto& e : kEmbeddingV6) {
    if (!in_prefix(a, e.base, e.prefix)) continue;
    auto o = static_cast<std::size_t>(e.offset);
    std::uint32_t inner = (std::uint32_t{a[o]} << 24) | (std::uint32_t{a[o + 1]} << 16) |
                          (std::uint32_t{a[o + 2]} << 8) | a[o + 3];
    if (const char* kind = v4_kind(inner))
      return std::string(kind) + " " + v4_text(inner) + " (as " + e.form + " IPv6 " + v6_text(a) + ")";
    return std::nullopt;
  }
  return std::nullopt;
}

// One part of a legacy IPv4 literal: decimal, octal (leading 0) or hex (0x).
std::optional<std::uint64_t> ipv4_part(std::string_view p) {
  if (p.empty()) return std::nullopt;
  int base = 10;
  if (p.size() > 2 && p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
    base = 16;
    p.remove_prefix(2);
  } else if (p.size() > 1 && p[0] == '0') {
    base = 8;
    p.remove_prefix(1);
  }
  if (p.size() > 12) return std::nullopt;
  std::uint64_t v = 0;
  for (char c : p) {
    int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : 99;
    if (d >= base) return std::nullopt;
    v = v * static_cast<std::uint64_t>(base) + static_cast<std::uint64_t>(d);
  }
  return v;
}

// The IPv4 address a host reads as under inet_aton rules (as curl and getaddrinfo read it).
std::optional<std::uint32_t> parse_ipv4(std::string_view s) {
  if (!s.empty() && s.back() == '.') s.remove_suffix(1);
  std::uint64_t parts[4];
  int n = 0;
  while (true) {
    std::size_t dot = s.find('.');
    if (n == 4) return std::nullopt;
    auto part = ipv4_part(s.substr(0, dot));
    if (!part) return std::nullopt;
    parts[n++] = *part;
    if (dot == std::string_view::npos) break;
    s.remove_prefix(dot + 1);
  }
  std::uint64_t result = 0;
  for (int i = 0; i < n - 1; ++i) {
    if (parts[i] > 255) return std::nullopt;
    result |= parts[i] << (8 * (3 - i));
  }
  std::uint64_t last_max = (std::uint64_t{1} << (8 * (5 - n))) - 1;
  if (parts[n - 1] > last_max) return std::nullopt;
  return static_cast<std::uint32_t>(result | parts[n - 1]);
}

std::optional<V6> parse_ipv6(std::string_view s) {
  if (s.size() >= 2 && s.front() == '[' && s.back() == ']') s = s.substr(1, s.size() - 2);
  std::size_t zone = s.find('%');  // "fe80::1%eth0", "fe80::1%25eth0" in a URL
  if (zone != std::string_view::npos) s = s.substr(0, zone);
  if (s.find(':') == std::string_view::npos || s.size() >= INET6_ADDRSTRLEN) return std::nullopt;
  std::string text(s);
  V6 a{};
  if (inet_pton(AF_INET6, text.c_str(), a.data()) != 1) return std::nullopt;
  return a;
}

}  // namespace

std::optional<std::string> blocked_address_reason(const sockaddr* addr) {
  if (!addr) return "no address";
  if (addr->sa_family == AF_INET) {
    sockaddr_in in;
    std::memcpy(&in, addr, sizeof in);
    return v4_reason(ntohl(in.sin_addr.s_addr));
  }
  if (addr->sa_family == AF_INET6) {
    sockaddr_in6 in6;
    std::memcpy(&in6, addr, sizeof in6);
    V6 a;
    std::memcpy(a.data(), &in6.sin6_addr, 16);
    return v6_reason(a);
  }
  return "not an Internet address (family " + std::to_string(addr->sa_family) + ")";
}

std::optional<std::string> blocked_address_reason(std::string_view ip_literal) {
  if (auto a = parse_ipv4(ip_literal)) return v4_reason(*a);
  if (auto a = parse_ipv6(ip_literal)) return v6_reason(*a);
  return std::nullopt;
}

bool is_ip_literal(std::string_view host) { return parse_ipv4(host) || parse_ipv6(host); }

}  // namespace citecheck
