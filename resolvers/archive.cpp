#include "resolvers/archive.hpp"

#include <re2/re2.h>

#include <memory>

namespace citecheck {

std::optional<std::string> capture_time(const std::string& capture_url) {
  static const RE2 stamp(R"(/web/(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})[a-z_]*/)");
  std::string y, mo, d, h, mi, s;
  if (!RE2::PartialMatch(capture_url, stamp, &y, &mo, &d, &h, &mi, &s)) return std::nullopt;
  return y + "-" + mo + "-" + d + "T" + h + ":" + mi + ":" + s + "Z";
}

namespace {

struct SnapshotRun {
  HttpPool& pool;
  std::function<void(std::optional<Snapshot>, bool)> done;
  int hops = 0;
};

// The archive may redirect twice (to the nearest capture, then to its canonical form);
// follow a few hops and stop at the first capture that answers 200.
void snapshot_step(const std::shared_ptr<SnapshotRun>& run, const std::string& at) {
  HttpRequest req;
  req.url = at;
  req.max_body = 1024;
  req.continuation = true;  // the rest of a dead link's check
  run->pool.submit(std::move(req), [run, at](HttpResponse&& r) {
    if (r.failure != TransferFailure::None) return run->done(std::nullopt, false);
    if (r.status >= 300 && r.status < 400 && !r.redirect_url.empty() && ++run->hops <= 3)
      return snapshot_step(run, r.redirect_url);
    if (r.status == 200)
      if (auto when = capture_time(at)) return run->done(Snapshot{at, *when}, true);
    run->done(std::nullopt, true);
  });
}

}  // namespace

void find_snapshot(HttpPool& pool, const ResolverOptions& options, const std::string& url, std::string timestamp,
                   std::function<void(std::optional<Snapshot>, bool)> done) {
  while (timestamp.size() < 14) timestamp += timestamp.size() == 4 || timestamp.size() == 6 ? "01" : "0";
  std::string base = options.archive_api;
  while (!base.empty() && base.back() == '/') base.pop_back();
  snapshot_step(std::make_shared<SnapshotRun>(SnapshotRun{pool, std::move(done)}), base + "/web/" + timestamp + "/" + url);
}

}  // namespace citecheck
