// link_store.cpp — what both stores share, and the choice between them.
#include "resolvers/link_store.hpp"

#include <algorithm>
#include <filesystem>
#include <system_error>

#include "resolvers/cache.hpp"
#include "resolvers/postgres_store.hpp"

namespace citecheck {

namespace {

constexpr std::string_view kFailureStatuses[] = {"broken", "soft-404", "server-error", "timeout"};

[[noreturn]] void not_shared(const LinkStore& store) {
  throw CacheError("the link cache '" + store.name() +
                   "' is a file on one machine: workers share a night only through a PostgreSQL store "
                   "(--cache postgresql://…); use --shard k/n to split a night between runs on one file");
}

}  // namespace

std::int64_t CacheTtl::for_status(std::string_view status) const {
  if (status == "ok") return ok;
  if (status == "redirected") return redirected;
  if (is_failure_status(status)) return failure;
  if (status == "unverifiable") return unverifiable;
  return other;
}

bool CacheTtl::serves(std::string_view status, std::int64_t checked_at, std::int64_t now,
                      std::optional<std::int64_t> served_since) const {
  if (served_since && checked_at >= *served_since) return true;
  const std::int64_t ttl = for_status(status);
  std::int64_t fresh_until = 0;
  if (__builtin_add_overflow(checked_at, ttl, &fresh_until)) return ttl >= 0;
  return fresh_until > now;
}

bool is_failure_status(std::string_view status) {
  return std::find(std::begin(kFailureStatuses), std::end(kFailureStatuses), status) != std::end(kFailureStatuses);
}

std::string document_key(const std::string& path) {
  std::error_code ec;
  std::filesystem::path canonical = std::filesystem::weakly_canonical(std::filesystem::absolute(path, ec), ec);
  return ec ? path : canonical.string();
}

bool is_postgres_address(std::string_view where) {
  return where.starts_with("postgresql://") || where.starts_with("postgres://");
}

std::unique_ptr<LinkStore> open_link_store(const std::string& where, CacheTtl ttl) {
  if (is_postgres_address(where)) return std::make_unique<PostgresStore>(PostgresStore::open(where, ttl));
  return std::make_unique<LinkCache>(LinkCache::open(where, ttl));
}

void LinkStore::add_sites(const std::string&, const std::vector<NightSite>&) { not_shared(*this); }
std::vector<std::string> LinkStore::claim_sites(const std::string&, std::size_t, double) { not_shared(*this); }
void LinkStore::finish_sites(const std::string&, const std::vector<std::string>&) { not_shared(*this); }
NightBoard LinkStore::night_board(const std::string&) { not_shared(*this); }
std::unique_ptr<LeaseKeeper> LinkStore::keep_leases(const std::string&, double) { not_shared(*this); }
double LinkStore::take_service_token(const std::string&, double, double) { not_shared(*this); }

}  // namespace citecheck
