// Splitting a night's links between shards (resolvers/shard.hpp). The slots below were
// computed apart from citecheck, from the documented hash (FNV-1a 64 of the domain's bytes,
// modulo 4,096), so a change of hash — which would move sites between shards overnight — fails.
#include <catch2/catch.hpp>

#include <map>
#include <set>

#include "resolvers/shard.hpp"

using namespace citecheck;

namespace {

Link url_link(const std::string& value) {
  Link l;
  l.id = "link" + std::to_string(value.size());
  l.kind = LinkKind::Url;
  l.value = value;
  return l;
}

}  // namespace

TEST_CASE("shard: k/n is parsed and its mistakes named", "[shard]") {
  Shard s = parse_shard("2/4");
  CHECK(s.index == 2);
  CHECK(s.count == 4);
  CHECK(s.label() == "2/4");
  CHECK(parse_shard("0/1").count == 1);
  for (const char* bad : {"4/4", "-1/4", "1/0", "x/4", "1", "1/4/2", "", "1 /4", "0/5000"}) {
    INFO(bad);
    CHECK_THROWS_AS(parse_shard(bad), ConfigError);
  }
}

TEST_CASE("shard: auto reads Kubernetes' then Slurm's index", "[shard]") {
  static std::map<std::string, std::string> env;
  auto getenv = [](const char* name) -> const char* {
    auto it = env.find(name);
    return it == env.end() ? nullptr : it->second.c_str();
  };
  env = {{"JOB_COMPLETION_INDEX", "3"}};
  CHECK(shard_from_environment(8, getenv).label() == "3/8");
  CHECK_THROWS_AS(shard_from_environment(std::nullopt, getenv), ConfigError);  // Kubernetes gives no count
  env = {{"SLURM_ARRAY_TASK_ID", "5"}, {"SLURM_ARRAY_TASK_MIN", "1"}, {"SLURM_ARRAY_TASK_COUNT", "6"}};
  CHECK(shard_from_environment(std::nullopt, getenv).label() == "4/6");  // --array=1-6: task 5 is shard 4
  env = {};
  CHECK_THROWS_AS(shard_from_environment(4, getenv), ConfigError);
  env = {{"JOB_COMPLETION_INDEX", "two"}};
  CHECK_THROWS_AS(shard_from_environment(4, getenv), ConfigError);
  env = {{"JOB_COMPLETION_INDEX", "4"}};
  CHECK_THROWS_AS(shard_from_environment(4, getenv), ConfigError);  // out of 0 … 3
}

TEST_CASE("shard: a site's registrable domain comes from the Public Suffix List", "[shard]") {
  CHECK(registrable_domain("www.bbc.co.uk") == "bbc.co.uk");
  CHECK(registrable_domain("a.b.Example.COM") == "example.com");
  CHECK(registrable_domain("example.org.") == "example.org");
  CHECK(registrable_domain("journals.plos.org") == "plos.org");
  // Private suffixes of the list: each user's site is its own.
  CHECK(registrable_domain("alice.github.io") == "alice.github.io");
  // One name in Unicode or punycode is one site.
  CHECK(registrable_domain("тест.рф") == "xn--e1aybc.xn--p1ai");
  CHECK(registrable_domain("www.xn--e1aybc.xn--p1ai") == "xn--e1aybc.xn--p1ai");
  // What has no registrable domain is its own.
  CHECK(registrable_domain("127.0.0.2") == "127.0.0.2");
  CHECK(registrable_domain("::1") == "::1");
  CHECK(registrable_domain("localhost") == "localhost");
  CHECK(registrable_domain("co.uk") == "co.uk");
}

TEST_CASE("shard: slots and shards follow the documented hash", "[shard]") {
  CHECK(shard_slot("example.com") == 1222);
  CHECK(shard_slot("bbc.co.uk") == 1836);
  CHECK(shard_slot("doi.org") == 3015);
  CHECK(shard_slot("") == 805);  // FNV-1a's offset basis
  CHECK(shard_of_domain("example.com", 4) == 1);
  CHECK(shard_of_domain("example.com", 7) == 2);
  CHECK(shard_of_domain("doi.org", 7) == 5);
  CHECK(shard_of_domain("anything.example", 1) == 0);
  // Changing n moves whole slots: two domains of one slot always stay together.
  for (int n = 1; n <= 64; ++n) {
    CHECK(shard_of_domain("example.com", n) == static_cast<int>(1222u * static_cast<unsigned>(n) / kShardSlots));
  }
}

TEST_CASE("shard: a run keeps its sites' links and its share of DOIs", "[shard]") {
  Manuscript m;
  m.links.push_back(url_link("https://www.example.com/a"));
  m.links.push_back(url_link("http://cdn.example.com/b.pdf"));
  m.links.push_back(url_link("https://bbc.co.uk/news"));
  Link doi;
  doi.kind = LinkKind::Doi;
  doi.value = "10.1234/x";
  m.links.push_back(doi);
  Link mail;
  mail.kind = LinkKind::Email;
  mail.value = "a@example.com";
  m.links.push_back(mail);
  ResolverOptions options;
  // example.com and bbc.co.uk are in shard 1 of 4, doi.org in shard 2.
  Manuscript one = m;
  CHECK(apply_shard(one, options, Shard{1, 4}) == 1);
  CHECK(one.links[0].status == LinkStatus::Unchecked);
  CHECK(one.links[1].status == LinkStatus::Unchecked);  // the same site as www.example.com
  CHECK(one.links[2].status == LinkStatus::Unchecked);
  CHECK(one.links[3].status == LinkStatus::Skipped);
  CHECK(one.links[3].shard == 2);
  CHECK(one.links[3].error == "checked by shard 2/4 (doi.org)");
  CHECK(one.links[4].status == LinkStatus::Unchecked);  // not a link to check: every shard's own
  Manuscript two = m;
  CHECK(apply_shard(two, options, Shard{2, 4}) == 3);
  CHECK(two.links[3].status == LinkStatus::Unchecked);
  // A remapped link is split by the host it is checked at.
  options.remaps.push_back(parse_url_remap("https://bbc\\.co\\.uk/(.*) https://doi.org/$1"));
  Manuscript remapped = m;
  apply_shard(remapped, options, Shard{2, 4});
  CHECK(remapped.links[2].status == LinkStatus::Unchecked);
  // Every link in exactly one shard.
  for (int n : {2, 3, 5}) {
    std::multiset<std::string> kept;
    for (int k = 0; k < n; ++k) {
      Manuscript part = m;
      apply_shard(part, ResolverOptions{}, Shard{k, n});
      for (const auto& l : part.links)
        if (l.status == LinkStatus::Unchecked && l.kind != LinkKind::Email) kept.insert(l.value);
    }
    CHECK(kept.size() == 4);
    CHECK(std::set<std::string>(kept.begin(), kept.end()).size() == 4);
  }
}
