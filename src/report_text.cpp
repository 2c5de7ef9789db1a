#include "src/report_text.hpp"

#include <algorithm>
#include <map>

#include "src/localize.hpp"
#include "src/locations.hpp"

namespace citecheck {

namespace {

// The sites whose answers served from the cache are oldest (at most ten; the JSON lists all).
void append_site_ages(const std::vector<SiteAge>& sites, std::string& out) {
  std::vector<const SiteAge*> stale;
  std::size_t never = 0;
  for (const auto& s : sites) {
    if (s.oldest_unchecked_age_hours) stale.push_back(&s);
    never += s.never_checked;
  }
  if (stale.empty() && never == 0) return;
  std::stable_sort(stale.begin(), stale.end(), [](const SiteAge* a, const SiteAge* b) {
    return *a->oldest_unchecked_age_hours > *b->oldest_unchecked_age_hours;
  });
  out += "oldest answers served from the cache, per site:\n";
  constexpr std::size_t kShown = 10;
  for (std::size_t i = 0; i < stale.size() && i < kShown; ++i) {
    const SiteAge& s = *stale[i];
    out += "  " + s.site + ": " + std::to_string(static_cast<long long>(*s.oldest_unchecked_age_hours)) +
           " h (checked " + s.oldest_unchecked_at.value_or("?") + "; " + std::to_string(s.links - s.checked) + " of " +
           std::to_string(s.links) + " link(s) not checked on this run)\n";
  }
  if (stale.size() > kShown) out += "  … and " + std::to_string(stale.size() - kShown) + " more site(s)\n";
  if (never) out += "  " + std::to_string(never) + " link(s) never checked\n";
}

}  // namespace

std::string render_text(const Report& report, bool colour) {
  const Language& lang = language_of(report);
  std::string out;
  auto paint = [&](const char* code, const std::string& s) {
    return colour ? std::string("\x1b[") + code + "m" + s + "\x1b[0m" : s;
  };
  std::size_t fn = 0, refs = 0, cites = 0, links = 0;
  std::map<Severity, std::size_t> counts;
  std::map<std::string, std::size_t> codes;
  // URL and DOI statuses, once the network was asked (excluded links count as skipped)
  std::map<std::string, std::size_t> checked;
  for (const auto& d : report.documents) {
    for (const auto& l : d.manuscript.links)
      if ((l.check || l.excluded) && (l.kind == LinkKind::Url || l.kind == LinkKind::Doi)) ++checked[to_string(l.status)];
    for (const auto& f : d.findings) {
      const char* sev = to_string(f.severity);
      const char* col = f.severity == Severity::Error ? "1;31" : f.severity == Severity::Warning ? "1;33" : "1;36";
      out += paint("1", location_prefix(d.path, d.origins, f.span.line, f.span.column) + ":") + " " +
             paint(col, std::string(sev) + ":") + " " + f.message + " [" + f.code + "]\n";
      ++counts[f.severity];
      ++codes[f.code];
    }
    fn += d.manuscript.footnotes.size();
    refs += d.manuscript.references.size();
    cites += d.manuscript.citations.size();
    links += d.manuscript.links.size();
  }
  out += "\n" + say_in(lang, "text.documents", {std::to_string(report.documents.size()), std::to_string(fn),
                                                 std::to_string(refs), std::to_string(cites), std::to_string(links)}) +
         "\n";
  if (!checked.empty()) {
    std::string line;
    for (const auto& [status, n] : checked) line += (line.empty() ? "" : ", ") + std::to_string(n) + " " + status;
    out += say_in(lang, "text.links-checked", {line}) + "\n";
  }
  out += say_in(lang, "text.findings", {std::to_string(counts[Severity::Error]), std::to_string(counts[Severity::Warning]),
                                        std::to_string(counts[Severity::Info])}) +
         "\n";
  for (const auto& [code, n] : codes) out += "  " + code + ": " + std::to_string(n) + "\n";
  const RunOutcome& run = report.run;
  if (!run.complete)
    out += say_in(lang, "text.incomplete", {run.interrupted_by, std::to_string(run.left_unchecked.size())}) + "\n";
  if (run.deferred) out += say_in(lang, "text.deferred", {std::to_string(run.deferred)}) + "\n";
  if (!run.failed_inputs.empty()) out += say_in(lang, "text.not-read", {std::to_string(run.failed_inputs.size())}) + "\n";
  if (run.cache && !run.cache->saved) out += say_in(lang, "text.cache-not-saved", {run.cache->error}) + "\n";
  append_site_ages(run.sites, out);
  return out;
}

}  // namespace citecheck
