#include "resolvers/shard.hpp"

#include <libpsl.h>

#include <cctype>
#include <charconv>

#include "parsers/unicode_text.hpp"
#include "resolvers/request_url.hpp"
#include "resolvers/resolve_links.hpp"

namespace citecheck {

namespace {

std::optional<int> whole_number(std::string_view s) {
  int value = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return value;
}

bool ip_address(const std::string& host) {
  if (host.find(':') != std::string::npos) return true;  // IPv6 (request_url drops the brackets)
  for (char c : host)
    if (!std::isdigit(static_cast<unsigned char>(c)) && c != '.') return false;
  return !host.empty();
}

// The list compiled into libpsl, never a file that a package upgrade may change: the split
// must be the same on every machine of one night that runs the same citecheck.
const psl_ctx_t* suffix_list() {
  static const psl_ctx_t* list = psl_builtin() ? psl_builtin() : psl_latest(nullptr);
  return list;
}

}  // namespace

Shard parse_shard(std::string_view text) {
  const auto slash = text.find('/');
  const std::string shown(text);
  if (slash == std::string_view::npos)
    throw ConfigError("--shard '" + shown + "' is not k/n (this run's shard, from 0, of n): e.g. --shard 0/4");
  auto k = whole_number(text.substr(0, slash)), n = whole_number(text.substr(slash + 1));
  if (!k || !n) throw ConfigError("--shard '" + shown + "' is not k/n with whole numbers: e.g. --shard 0/4");
  if (*n < 1 || *n > static_cast<int>(kShardSlots))
    throw ConfigError("--shard '" + shown + "': the number of shards must be 1 to " + std::to_string(kShardSlots));
  if (*k < 0 || *k >= *n)
    throw ConfigError("--shard '" + shown + "': shards are counted from 0, so k must be 0 to " + std::to_string(*n - 1));
  return Shard{*k, *n};
}

Shard shard_from_environment(std::optional<int> count, const char* (*getenv)(const char*)) {
  auto number = [&](const char* name) -> std::optional<int> {
    const char* v = getenv(name);
    if (!v || !*v) return std::nullopt;
    auto n = whole_number(v);
    if (!n) throw ConfigError(std::string("--shard auto: ") + name + "='" + v + "' is not a whole number");
    return n;
  };
  std::optional<int> index = number("JOB_COMPLETION_INDEX");
  std::string from = "JOB_COMPLETION_INDEX";
  if (!index) {
    if (auto task = number("SLURM_ARRAY_TASK_ID")) {
      index = *task - number("SLURM_ARRAY_TASK_MIN").value_or(0);
      from = "SLURM_ARRAY_TASK_ID";
    }
  }
  if (!index)
    throw ConfigError("--shard auto: neither JOB_COMPLETION_INDEX (a Kubernetes Indexed Job) nor SLURM_ARRAY_TASK_ID "
                      "(a Slurm array) is set; give --shard k/n");
  if (!count) count = number("SLURM_ARRAY_TASK_COUNT");
  if (!count) throw ConfigError("--shard auto: the number of shards is unknown (" + from + " is set); give --shards n");
  return parse_shard(std::to_string(*index) + "/" + std::to_string(*count));
}

std::string registrable_domain(const std::string& host) {
  // One spelling per name: a site printed in Unicode and in punycode is one site.
  const std::string ascii = ascii_host(host).value_or(host);
  std::string lower = lower_ascii(ascii);
  while (!lower.empty() && lower.back() == '.') lower.pop_back();  // "example.com." is example.com
  if (ip_address(lower) || !suffix_list()) return lower;
  const char* domain = psl_registrable_domain(suffix_list(), lower.c_str());
  return domain ? std::string(domain) : lower;
}

std::uint32_t shard_slot(std::string_view domain) {
  std::uint64_t hash = 14695981039346656037ull;  // FNV-1a 64: offset basis and prime
  for (unsigned char c : domain) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  return static_cast<std::uint32_t>(hash % kShardSlots);
}

int shard_of_domain(std::string_view domain, int count) {
  return static_cast<int>(static_cast<std::uint64_t>(shard_slot(domain)) * static_cast<std::uint64_t>(count) / kShardSlots);
}

std::optional<std::string> shard_domain(const Link& link, const ResolverOptions& options) {
  if (link.kind == LinkKind::Doi) return std::string("doi.org");
  auto request = request_url(checked_address(link, options));
  if (!request || request->host.empty()) return std::nullopt;
  return registrable_domain(request->host);
}

std::size_t apply_shard(Manuscript& manuscript, const ResolverOptions& options, const Shard& shard) {
  if (shard.count <= 1) return 0;
  std::size_t marked = 0;
  for (auto& l : manuscript.links) {
    if (l.status != LinkStatus::Unchecked || (l.kind != LinkKind::Url && l.kind != LinkKind::Doi)) continue;
    auto domain = shard_domain(l, options);
    if (!domain) continue;
    const int owner = shard_of_domain(*domain, shard.count);
    if (owner == shard.index) continue;
    l.status = LinkStatus::Skipped;
    l.shard = owner;
    l.error = "checked by shard " + std::to_string(owner) + "/" + std::to_string(shard.count) + " (" + *domain + ")";
    ++marked;
  }
  return marked;
}

}  // namespace citecheck
