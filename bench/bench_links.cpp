// citecheck-bench links — link checking throughput, memory and the cache's gain.
//
//   citecheck-bench links [--urls N] [--documents N] [--concurrency N] [--hosts N] [--shards N] [--workers N] [--html|--plain]
//
// Starts nginx (Debian's /usr/sbin/nginx) on 20 loopback addresses with
// fixtures/nginx/bench.conf.in, writes a manuscript whose reference list cites N distinct
// URLs (default 10,000) spread over those addresses, and runs the real command line on it
// twice with a fresh cache file:
//   build/citecheck check --allow-private --concurrency N --per-host-interval 0 --no-archive
//                         --cache FILE --quiet --format json -o /dev/null MANUSCRIPT
// The first run checks every URL over HTTP (HEAD, then GET of the HTML page for its title);
// the second is served from the cache. Prints URLs/s, wall time and the peak RSS of each run
// (wait4's ru_maxrss of the child). Targets: >= 3,000 URLs/s at --concurrency 64, <= 100 MB
// for 100,000 URLs, the cached run >= 20x faster. Not a ctest test.
//
// --documents N writes the URLs as N manuscripts of a folder (an archive; default 1, one
// manuscript citing them all) and runs on the folder.
// --hosts N spreads the URLs over N loopback addresses (default 20, at most 250). --shards N
// also runs the night as N processes side by side (`--shard k/N`, each with its own cache, all
// started at once; their wall time is from the first start to the last end) and then
// `citecheck merge`, against the first run of one process. Target: 2 shards >= 1.7x the URLs/s
// of one process (1,000,000 URLs over 200 hosts on a 2-core machine). --workers N runs the night
// as N elastic workers on a throwaway PostgreSQL store (tests/scripts/pg_cluster.sh; `--cache
// postgresql://… --night bench`), all started at once, then the night's report from the store
// (a run without --night), against the first run of one process.
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "parsers/text_reader.hpp"
#include "resolvers/cache.hpp"
#include "resolvers/resolve_links.hpp"
#include "src/pipeline.hpp"

namespace fs = std::filesystem;

namespace {

struct ChildRun {
  int status = -1;
  double seconds = 0, peak_mb = 0;
};

ChildRun run_child(const std::vector<std::string>& args) {
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  auto t0 = std::chrono::steady_clock::now();
  pid_t pid = fork();
  if (pid == 0) {
    execv(argv[0], argv.data());
    _exit(127);
  }
  int status = 0;
  rusage ru{};
  wait4(pid, &status, 0, &ru);
  ChildRun r;
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.peak_mb = static_cast<double>(ru.ru_maxrss) / 1024.0;
  return r;
}

// Processes started at once: the wall time from the first start to the last end, the largest
// peak RSS, and status 0 only when every one exited 0 (or 1: findings).
ChildRun run_side_by_side(const std::vector<std::vector<std::string>>& runs) {
  ChildRun out;
  out.status = 0;
  auto t0 = std::chrono::steady_clock::now();
  std::vector<pid_t> pids;
  for (auto& a : runs) {
    std::vector<char*> argv;
    for (auto& x : a) argv.push_back(const_cast<char*>(x.c_str()));
    argv.push_back(nullptr);
    pid_t pid = fork();
    if (pid == 0) {
      execv(argv[0], argv.data());
      _exit(127);
    }
    pids.push_back(pid);
  }
  for (pid_t pid : pids) {
    int status = 0;
    rusage ru{};
    wait4(pid, &status, 0, &ru);
    if (!WIFEXITED(status) || WEXITSTATUS(status) > 1) out.status = 1;
    out.peak_mb = std::max(out.peak_mb, static_cast<double>(ru.ru_maxrss) / 1024.0);
  }
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return out;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void replace_all(std::string& s, const std::string& from, const std::string& to) {
  for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) s.replace(at, from.size(), to);
}

int free_port() {
  // Ask the kernel for an ephemeral port on 127.0.0.1 and release it.
  FILE* p = popen("python3 -c 'import socket;s=socket.socket();s.bind((\"127.0.0.1\",0));print(s.getsockname()[1])'", "r");
  int port = 0;
  if (p) {
    if (std::fscanf(p, "%d", &port) != 1) port = 0;
    pclose(p);
  }
  return port ? port : 18080;
}

}  // namespace

int run_links_bench(int argc, char** argv, const fs::path& source_dir, const fs::path& citecheck) {
  long urls = 10000;
  long documents = 1;
  int concurrency = 64, hosts = 20, shards = 0, workers = 0;
  bool plain = false;
  for (int i = 2; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--urls" && i + 1 < argc) urls = std::atol(argv[++i]);
    else if (a == "--documents" && i + 1 < argc) documents = std::atol(argv[++i]);
    else if (a == "--concurrency" && i + 1 < argc) concurrency = std::atoi(argv[++i]);
    else if (a == "--hosts" && i + 1 < argc) hosts = std::atoi(argv[++i]);
    else if (a == "--shards" && i + 1 < argc) shards = std::atoi(argv[++i]);
    else if (a == "--workers" && i + 1 < argc) workers = std::atoi(argv[++i]);
    else if (a == "--plain") plain = true;
    else if (a == "--html") plain = false;
    else {
      std::fprintf(stderr, "usage: citecheck-bench links [--urls N] [--documents N] [--concurrency N] [--hosts N] [--shards N] [--workers N] [--html|--plain]\n");
      return 2;
    }
  }
  if (urls < 1 || documents < 1 || documents > urls || concurrency < 1 || hosts < 1 || hosts > 250 || shards < 0 || workers < 0) return 2;
  const char* nginx = "/usr/sbin/nginx";
  if (access(nginx, X_OK) != 0) {
    std::fprintf(stderr, "citecheck-bench links: needs nginx (apt-get install -y nginx)\n");
    return 2;
  }
  fs::path tmp = fs::temp_directory_path() / ("citecheck-bench-links-" + std::to_string(getpid()));
  fs::create_directories(tmp);
  int port = free_port();
  std::string conf = slurp(source_dir / "fixtures/nginx/bench.conf.in");
  if (conf.empty()) {
    std::fprintf(stderr, "citecheck-bench links: cannot read fixtures/nginx/bench.conf.in\n");
    return 2;
  }
  std::string listen;
  for (int a = 1; a <= hosts; ++a) listen += "listen 127.0.0." + std::to_string(a) + ":" + std::to_string(port) + ";\n        ";
  replace_all(conf, "@LISTEN@", listen);
  replace_all(conf, "@TMP@", tmp.string());
  replace_all(conf, "@USER@", geteuid() == 0 ? "user root;" : "");
  if (plain) replace_all(conf, "default_type text/html;", "default_type text/plain;");
  std::ofstream(tmp / "nginx.conf") << conf;

  pid_t server = fork();
  if (server == 0) {
    execl(nginx, nginx, "-p", tmp.c_str(), "-c", (tmp / "nginx.conf").c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(400));

  // The manuscript: a short text citing a long reference list, one distinct URL per entry;
  // with --documents, as many manuscripts in a folder, the URLs dealt out in turn.
  fs::path paper = documents == 1 ? tmp / "links.txt" : tmp / "archive";
  std::vector<fs::path> papers;
  if (documents == 1) papers.push_back(paper);
  else {
    fs::create_directories(paper);
    for (long d = 0; d < documents; ++d) papers.push_back(paper / ("paper-" + std::to_string(d) + ".txt"));
  }
  for (long d = 0; d < documents; ++d) {
    std::ofstream out(papers[static_cast<std::size_t>(d)]);
    out << "Link rot in a large bibliography\n\nThe survey cites many pages.\n\nReferences\n\n";
    for (long i = d; i < urls; i += documents)
      out << "Aliyev, R. (2021). Ports of the Caspian, part " << i << ". Retrieved from http://127.0.0."
          << (i % hosts + 1) << ":" << port << "/ports/" << i << ".html\n";
  }
  fs::path cache = tmp / "cache.sqlite";
  std::vector<std::string> args = {citecheck.string(), "check", "--allow-private", "--concurrency", std::to_string(concurrency),
                                   "--per-host-interval", "0", "--no-archive", "--cache", cache.string(), "--quiet",
                                   "--format", "json", "-o", (tmp / "report.json").string(), paper.string()};
  ChildRun first = run_child(args);
  ChildRun second = run_child(args);

  // The same night as `shards` processes side by side, then merged.
  double sharded_seconds = 0, merge_seconds = 0, sharded_peak_mb = 0;
  int sharded_status = 0;
  if (shards > 0) {
    std::vector<std::vector<std::string>> shard_args;
    std::vector<std::string> reports;
    for (int k = 0; k < shards; ++k) {
      reports.push_back((tmp / ("shard-" + std::to_string(k) + ".json")).string());
      shard_args.push_back({citecheck.string(), "check", "--allow-private", "--concurrency", std::to_string(concurrency),
                            "--per-host-interval", "0", "--no-archive", "--cache",
                            (tmp / ("shard-" + std::to_string(k) + ".sqlite")).string(), "--quiet", "--shard",
                            std::to_string(k) + "/" + std::to_string(shards), "--format", "json", "-o", reports.back(),
                            paper.string()});
    }
    ChildRun side = run_side_by_side(shard_args);
    sharded_seconds = side.seconds;
    sharded_peak_mb = side.peak_mb;
    sharded_status = side.status;
    std::vector<std::string> merge = {citecheck.string(), "merge", "-o", (tmp / "merged.json").string()};
    merge.insert(merge.end(), reports.begin(), reports.end());
    ChildRun merged = run_child(merge);
    merge_seconds = merged.seconds;
    if (merged.status != 0) sharded_status = 1;
  }

  // The same night as `workers` elastic workers on one PostgreSQL store, then its report.
  ChildRun worked, night_report;
  worked.status = night_report.status = 0;
  if (workers > 0) {
    const fs::path pg = tmp / "postgres";
    ChildRun started = run_child({"/bin/bash", (source_dir / "tests/scripts/pg_cluster.sh").string(), "start", pg.string()});
    std::string uri = slurp(pg / "uri");
    while (!uri.empty() && (uri.back() == '\n' || uri.back() == ' ')) uri.pop_back();
    if (started.status != 0 || uri.empty()) {
      std::fprintf(stderr, "citecheck-bench links: cannot start PostgreSQL (tests/scripts/pg_cluster.sh; apt-get install -y postgresql)\n");
      worked.status = 1;
    } else {
      std::vector<std::vector<std::string>> worker_args;
      for (int k = 0; k < workers; ++k)
        worker_args.push_back({citecheck.string(), "check", "--allow-private", "--concurrency", std::to_string(concurrency),
                               "--per-host-interval", "0", "--no-archive", "--cache", uri, "--night", "bench", "--lease", "30",
                               "--quiet", "--format", "json", "-o", (tmp / ("worker-" + std::to_string(k) + ".json")).string(),
                               paper.string()});
      worked = run_side_by_side(worker_args);
      night_report = run_child({citecheck.string(), "check", "--allow-private", "--concurrency", std::to_string(concurrency),
                                "--per-host-interval", "0", "--no-archive", "--cache", uri, "--quiet", "--format", "json", "-o",
                                (tmp / "night.json").string(), paper.string()});
    }
    run_child({"/bin/bash", (source_dir / "tests/scripts/pg_cluster.sh").string(), "stop", pg.string()});
  }

  // The link stage alone, in process: resolve_links over the parsed report, with a fresh
  // cache and then with the cache it filled (the parse of a 10,000-entry list costs the
  // same in both runs and is measured by the main benchmark).
  citecheck::ResolverOptions options;
  options.allow_private = true;
  options.concurrency = concurrency;
  options.per_host_interval_ms = 0;
  options.archive_lookup = false;
  citecheck::Report parsed;
  for (const auto& p : papers) parsed.documents.push_back(citecheck::check_document(citecheck::read_text_file(p.string())));
  double stage[2] = {0, 0};
  {
    fs::path stage_cache = tmp / "stage.sqlite";
    for (int run = 0; run < 2; ++run) {
      citecheck::Report copy = parsed;
      auto cache = citecheck::LinkCache::open(stage_cache.string());
      citecheck::ResolveSettings settings;
      settings.cache = &cache;
      auto t0 = std::chrono::steady_clock::now();
      citecheck::resolve_links(copy, options, settings);
      stage[run] = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    }
  }
  kill(server, SIGQUIT);
  waitpid(server, nullptr, 0);

  std::string report = slurp(tmp / "report.json");
  std::size_t ok = 0;
  for (const char* pattern : {"\"status\":\"ok\"", "\"status\": \"ok\""})
    for (std::size_t at = report.find(pattern); at != std::string::npos; at = report.find(pattern, at + 1)) ++ok;
  std::printf("links: %ld distinct URLs in %ld manuscript(s) on %d loopback addresses, %s pages, --concurrency %d\n", urls,
              documents, hosts, plain ? "text/plain" : "HTML", concurrency);
  std::printf("  network run: %.2f s, %.0f URLs/s, peak RSS %.1f MB, exit %d\n", first.seconds, urls / first.seconds,
              first.peak_mb, first.status);
  std::printf("  cached run:  %.2f s, %.0f URLs/s, peak RSS %.1f MB, exit %d (%.1fx faster)\n", second.seconds,
              urls / second.seconds, second.peak_mb, second.status, first.seconds / second.seconds);
  std::printf("  links reported ok in the cached run: %zu of %ld\n", ok, urls);
  std::printf("  link stage alone (resolve_links, in process): network %.3f s (%.0f URLs/s), cached %.3f s (%.0fx faster)\n",
              stage[0], urls / stage[0], stage[1], stage[0] / stage[1]);
  if (shards > 0)
    std::printf("  %d shards side by side: %.2f s, %.0f URLs/s (%.2fx one process), peak RSS %.1f MB each at most; merge %.2f s%s\n",
                shards, sharded_seconds, urls / sharded_seconds, first.seconds / sharded_seconds, sharded_peak_mb,
                merge_seconds, sharded_status ? " (a shard or the merge failed)" : "");
  if (workers > 0)
    std::printf("  %d workers on one PostgreSQL store: %.2f s, %.0f URLs/s (%.2fx one process on SQLite), peak RSS %.1f MB each "
                "at most; the night's report from the store %.2f s%s\n",
                workers, worked.seconds, urls / worked.seconds, first.seconds / worked.seconds, worked.peak_mb, night_report.seconds,
                worked.status || night_report.status > 1 ? " (a worker or the report failed)" : "");
  std::error_code ec;
  fs::remove_all(tmp, ec);
  return sharded_status == 0 && worked.status == 0 && first.status == 0 && second.status == 0 && ok == static_cast<std::size_t>(urls) ? 0 : 1;
}
