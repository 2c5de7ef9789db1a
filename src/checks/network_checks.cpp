// Links, as the network found them: dead links (newly or still broken across nightly runs),
// moved ones, pages that no longer show the cited work, DOIs that do not exist, name
// another work, or were retracted, and DOIs Crossref suggests for entries without one.
#include <algorithm>
#include <unordered_map>

#include "parsers/unicode_text.hpp"
#include "resolvers/metadata_match.hpp"
#include "src/checks/checks.hpp"

namespace citecheck {

namespace {

// Who owns a link: a reference entry, or a note that cites a work. Indexed once per document.
struct Owners {
  std::unordered_map<std::string, const Reference*> references;
  std::unordered_map<std::string, const Work*> works;
  explicit Owners(const Manuscript& m) {
    for (const auto& r : m.references) {
      references.emplace(r.id, &r);
      works.emplace(r.id, &r.work);
    }
    for (const auto& f : m.footnotes)
      if (f.work) works.emplace(f.id, &*f.work);
  }
  const Work* work(const Link& l, const Reference** ref) const {
    *ref = nullptr;
    if (!l.owner) return nullptr;
    if (auto r = references.find(*l.owner); r != references.end()) *ref = r->second;
    auto w = works.find(*l.owner);
    return w == works.end() ? nullptr : w->second;
  }
};

std::string what_failed(const Link& l) {
  std::string s;
  switch (l.status) {
    case LinkStatus::Soft404: s = "is gone (soft 404)"; break;
    case LinkStatus::ServerError: s = "fails with a server error"; break;
    case LinkStatus::Timeout: s = "does not answer"; break;
    default: s = "is broken";
  }
  if (l.error) s += ": " + *l.error;
  return s;
}

std::string archive_note(const LinkCheck& c, const NetworkCheckSettings& s) {
  if (!c.archived_url) return s.archive_lookup ? "; no archived copy was found" : "";
  return "; archived copy of " + c.archived_at.value_or("").substr(0, 10) + ": " + *c.archived_url;
}

// A page title that shares (almost) no words with the cited title, in the same script: the
// page shows something else now. Titles in different scripts (a translated citation) are
// not compared; site names around the title ("… | Journal") do not count against it.
bool page_shows_other_work(const std::string& cited, const std::string& page) {
  // The usual case, cheaply: one title contains the other ("Title | Journal").
  std::string a = lower_ascii(cited), b = lower_ascii(page);
  if (a.find(b) != std::string::npos || b.find(a) != std::string::npos) return false;
  if (dominant_script(cited) != dominant_script(page)) return false;
  if (word_keys(cited).size() < 3 || word_keys(page).size() < 2) return false;
  return title_similarity(cited, page) < 0.3;
}

int year_of(const std::optional<std::string>& y) {
  if (!y || y->size() != 4 || !std::all_of(y->begin(), y->end(), [](char c) { return c >= '0' && c <= '9'; })) return 0;
  return std::stoi(*y);
}

// The link as printed, and the address checked when --remap changed it.
std::string link_named(const Link& l) {
  return l.remapped_to ? l.value + " (checked as " + *l.remapped_to + ")" : l.value;
}

std::string plural(int n, const char* one, const char* many) { return std::to_string(n) + " " + (n == 1 ? one : many); }

std::string hours(double h) {
  std::string s = std::to_string(h);
  s.erase(s.find_last_not_of('0') + 1);
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

// "failing since T (3 failed checks; last answered T0)".
std::string streak(const LinkHistoryInfo& h) {
  return "failing since " + h.first_failed_at.value_or("?") + " (" + plural(h.failures, "failed check", "failed checks") +
         "; " + (h.last_ok_at ? "last answered " + *h.last_ok_at : std::string("never answered")) + ")";
}

// A link that did not answer. Without a cache the one check is all there is: a failure is
// reported as found. With one, the link's state over nights decides (resolvers/link_state.hpp):
// dead links are errors, the night they die (newly-broken) and after (still-broken); a
// failure not yet enough to call the link dead is information; a timeout or a refusal never
// counts toward dead and is reported as unverifiable.
void failing_link_finding(const Link& l, const LinkCheck& c, const NetworkCheckSettings& s,
                          const std::vector<std::string>& items, std::vector<Finding>& out) {
  auto unverifiable = [&] {
    out.push_back({"unverifiable-link", Severity::Info,
                   "the link " + link_named(l) + " could not be verified: " + l.error.value_or("the server refuses robots") +
                       (c.history && l.status == LinkStatus::Timeout ? "; a timeout never counts toward calling a link dead" : "") +
                       "; check it in a browser",
                   l.span, items});
  };
  if (!c.history) {
    if (l.status == LinkStatus::Unverifiable) return unverifiable();
    out.push_back({"newly-broken", Severity::Error, "the link " + link_named(l) + " " + what_failed(l) + archive_note(c, s),
                   l.span, items});
    return;
  }
  const LinkHistoryInfo& h = *c.history;
  if (h.change == "newly-broken") {
    out.push_back({"newly-broken", Severity::Error,
                   "the link " + link_named(l) + " " + what_failed(l) + " — dead now: " + streak(h) + archive_note(c, s), l.span,
                   items});
  } else if (h.state == "dead") {
    out.push_back({"still-broken", Severity::Error,
                   "the link " + link_named(l) + " " + what_failed(l) + " — " + streak(h) + archive_note(c, s), l.span, items});
  } else if (l.status == LinkStatus::Timeout || l.status == LinkStatus::Unverifiable) {
    unverifiable();
  } else {
    out.push_back({"unconfirmed-failure", Severity::Warning,
                   "the link " + link_named(l) + " " + what_failed(l) + " — suspect: " + streak(h) + "; it is called dead after " +
                       plural(h.dead_after, "failed check", "failed checks") + " over at least " +
                       hours(h.dead_span_hours) + " hours",
                   l.span, items});
  }
}

void check_url_result(const Owners& owners, const Link& l, const NetworkCheckSettings& s, std::vector<Finding>& out) {
  std::vector<std::string> items{l.id};
  if (l.owner) items.push_back(*l.owner);
  const Reference* ref = nullptr;
  const Work* work = owners.work(l, &ref);
  static const LinkCheck kNothing;
  const LinkCheck& c = l.check ? *l.check : kNothing;
  switch (l.status) {
    case LinkStatus::Broken:
    case LinkStatus::Soft404:
    case LinkStatus::ServerError:
    case LinkStatus::Timeout:
    case LinkStatus::Unverifiable:
      failing_link_finding(l, c, s, items, out);
      return;
    case LinkStatus::Redirected:
      out.push_back({"redirected-link", Severity::Info,
                     "the link " + link_named(l) + " has moved permanently to " + l.final_url.value_or("?") + "; cite the new address",
                     l.span, items});
      break;
    case LinkStatus::Skipped:
      if (l.error && l.error->rfind("refused", 0) == 0)
        out.push_back({"skipped-link", Severity::Info, "the link " + link_named(l) + " was not checked: " + *l.error, l.span, items});
      return;
    default: break;
  }
  if (c.history && c.history->change == "recovered")
    out.push_back({"link-recovered", Severity::Info,
                   "the link " + link_named(l) + " answers again" +
                       (c.history->last_ok_at ? std::string(" (") + to_string(l.status) + ", " + *c.history->last_ok_at + ")" : std::string()),
                   l.span, items});
  // The page answers, but does it still show the cited work?
  if ((l.status == LinkStatus::Ok || l.status == LinkStatus::Redirected) && c.page_title && work && work->title) {
    if (page_shows_other_work(*work->title, *c.page_title))
      out.push_back({"url-content-mismatch", Severity::Warning,
                     "the page " + link_named(l) + " is titled \xE2\x80\x9C" + *c.page_title + "\xE2\x80\x9D but " +
                         (ref ? describe(*ref) : std::string("the note")) + " cites \xE2\x80\x9C" + *work->title +
                         "\xE2\x80\x9D; the page may no longer show the cited work",
                     l.span, items});
  }
}

void check_doi_result(const Owners& owners, const Link& l, std::vector<Finding>& out) {
  std::vector<std::string> items{l.id};
  if (l.owner) items.push_back(*l.owner);
  const Reference* ref = nullptr;
  const Work* work = owners.work(l, &ref);
  std::string who = ref ? describe(*ref) : std::string("the citation");
  if (l.status == LinkStatus::Broken) {
    out.push_back({"doi-not-found", Severity::Error,
                   "the DOI " + l.value + " of " + who + " does not exist (doi.org does not know it); check it for typos",
                   l.span, items});
    return;
  }
  if (!l.check || !l.check->registered) return;
  const RegisteredWork& reg = *l.check->registered;
  if (reg.retraction) {
    out.push_back({"retracted-work", Severity::Error,
                   who + " cites DOI " + l.value + ", which has been retracted (" + *reg.retraction +
                       "); do not rely on it, or cite the retraction",
                   l.span, items});
  }
  if (!work) return;
  CitedWork cited;
  cited.title = work->title;
  if (int y = year_of(work->year)) cited.year = y;
  if (!work->authors.empty() && !work->authors[0].organisation) cited.first_family = work->authors[0].family;
  MetadataVerdict verdict = compare_metadata(cited, reg);
  if (!verdict.mismatch) return;
  std::string fields;
  for (const auto& f : verdict.fields) {
    if (!fields.empty()) fields += "; ";
    fields += f.field + (f.agrees ? " agrees" : " differs") + ": cited \xE2\x80\x9C" + f.cited + "\xE2\x80\x9D, registered \xE2\x80\x9C" +
              f.registered + "\xE2\x80\x9D";
  }
  out.push_back({"doi-metadata-mismatch", Severity::Warning,
                 "the DOI " + l.value + " of " + who + " is registered (" + reg.agency + ") for another work — " + fields,
                 l.span, items});
}

}  // namespace

void check_network_results(const Manuscript& m, const NetworkCheckSettings& settings, std::vector<Finding>& out) {
  Owners owners(m);
  for (const Link& l : m.links) {
    if (l.kind == LinkKind::Url) check_url_result(owners, l, settings, out);
    else if (l.kind == LinkKind::Doi) check_doi_result(owners, l, out);
  }
  for (const Reference& r : m.references) {
    if (!r.suggested_doi) continue;
    out.push_back({"doi-suggested", Severity::Info,
                   describe(r) + " has no DOI; Crossref suggests " + *r.suggested_doi + " (\xE2\x80\x9C" +
                       r.suggested_title.value_or("") + "\xE2\x80\x9D)",
                   r.span, {r.id}});
  }
}

}  // namespace citecheck
