// shard.hpp — splitting one night's links between several processes or machines (--shard k/n).
// A run keeps the links whose registrable domain (eTLD+1, from the Public Suffix List through
// libpsl, as curl uses it) falls in its shard, so every request to one site — and so the site's
// politeness — stays in one process. Every DOI belongs to the shard of doi.org: the registry
// services (doi.org, Crossref, DataCite) have one budget for the whole night, and one shard
// spending it cannot overrun it.
//
// The split is fixed, whatever the build, the machine or the order of the input: the domain's
// bytes are hashed with 64-bit FNV-1a into one of 4,096 virtual slots, and shard k of n owns
// the slots s with floor(s * n / 4096) == k. Changing n moves whole slots between shards, never
// single domains within one.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "resolvers/resolver_options.hpp"
#include "src/model.hpp"

namespace citecheck {

constexpr std::uint32_t kShardSlots = 4096;

// "k/n" with 0 <= k < n <= kShardSlots; throws ConfigError saying what is wrong.
Shard parse_shard(std::string_view text);

// --shard auto: the index from JOB_COMPLETION_INDEX (a Kubernetes Indexed Job), else
// SLURM_ARRAY_TASK_ID less SLURM_ARRAY_TASK_MIN (a Slurm array); the count from `count` (--shards)
// else SLURM_ARRAY_TASK_COUNT. `getenv` is the environment to read (tests pass their own).
// Throws ConfigError naming what is missing.
Shard shard_from_environment(std::optional<int> count, const char* (*getenv)(const char*));

// The registrable domain of a host (lower-case; "www.bbc.co.uk" → "bbc.co.uk"); the host
// itself for an IP address, a single label, or a name that is itself a public suffix.
std::string registrable_domain(const std::string& host);

// The virtual slot of a registrable domain: FNV-1a 64 of its bytes, modulo kShardSlots.
std::uint32_t shard_slot(std::string_view domain);

// The shard (0 … count-1) a registrable domain belongs to.
int shard_of_domain(std::string_view domain, int count);

// The registrable domain a link is split by: for a URL, the host of the address it is checked
// at (after --remap); for a DOI, doi.org. nullopt for a URL with no usable host (it is left to
// every shard's own verdict: the checker refuses it without a request).
std::optional<std::string> shard_domain(const Link& link, const ResolverOptions& options);

// Marks the unchecked URL and DOI links of other shards `skipped`, with the shard that checks
// them in `Link::shard` and in `error`. Returns how many it marked.
std::size_t apply_shard(Manuscript& manuscript, const ResolverOptions& options, const Shard& shard);

}  // namespace citecheck
