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
    references.reserve(m.references.size());
    works.reserve(m.references.size() + m.footnotes.size());
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

// "the link URL is broken: HTTP 404", the start of every failing link's message.
MessageText what_failed(const Link& l, const MessageText& named) {
  const char* key = "link.broken";
  switch (l.status) {
    case LinkStatus::Soft404: key = "link.soft-404"; break;
    case LinkStatus::ServerError: key = "link.server-error"; break;
    case LinkStatus::Timeout: key = "link.timeout"; break;
    default: break;
  }
  MessageText s = say(key, {named});
  return l.error ? say("because", {s, phrase(*l.error)}) : s;
}

// What follows a failing link's message: its archived copy, or that none was found.
MessageText archive_note(const LinkCheck& c, const NetworkCheckSettings& s) {
  if (!c.archived_url) return s.archive_lookup ? say("archive.none") : MessageText();
  return say("archive.copy", {c.archived_at.value_or("").substr(0, 10), *c.archived_url});
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
MessageText link_named(const Link& l) {
  return l.remapped_to ? say("link.remapped", {l.value, *l.remapped_to}) : MessageText(l.value);
}

std::string hours(double h) {
  std::string s = std::to_string(h);
  s.erase(s.find_last_not_of('0') + 1);
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

// "failing since T (3 failed checks; last answered T0)".
MessageText streak(const LinkHistoryInfo& h) {
  return say("streak", {h.first_failed_at.value_or("?"), counted("failed-checks", h.failures),
                        h.last_ok_at ? say("streak.last-answered", {*h.last_ok_at}) : say("streak.never-answered")});
}

// A link that did not answer. Without a cache the one check is all there is: a failure is
// reported as found. With one, the link's state over nights decides (resolvers/link_state.hpp):
// dead links are errors, the night they die (newly-broken) and after (still-broken); a
// failure not yet enough to call the link dead is information; a timeout or a refusal never
// counts toward dead and is reported as unverifiable.
void failing_link_finding(const Link& l, const LinkCheck& c, const NetworkCheckSettings& s,
                          const std::vector<std::string>& items, std::vector<Finding>& out) {
  auto unverifiable = [&] {
    MessageText why = phrase(l.error.value_or("the server refuses robots"));
    out.push_back(finding("unverifiable-link", Severity::Info,
                          say(c.history && l.status == LinkStatus::Timeout ? "unverifiable-link.timeout" : "unverifiable-link",
                              {link_named(l), why}),
                          l.span, items));
  };
  const MessageText failed = what_failed(l, link_named(l));
  if (!c.history) {
    if (l.status == LinkStatus::Unverifiable) return unverifiable();
    out.push_back(finding("newly-broken", Severity::Error, say("link.failing", {failed, archive_note(c, s)}), l.span, items));
    return;
  }
  const LinkHistoryInfo& h = *c.history;
  if (h.change == "newly-broken") {
    out.push_back(finding("newly-broken", Severity::Error, say("newly-broken", {failed, streak(h), archive_note(c, s)}),
                          l.span, items));
  } else if (h.state == "dead") {
    out.push_back(finding("still-broken", Severity::Error, say("still-broken", {failed, streak(h), archive_note(c, s)}),
                          l.span, items));
  } else if (l.status == LinkStatus::Timeout || l.status == LinkStatus::Unverifiable) {
    unverifiable();
  } else {
    out.push_back(finding("unconfirmed-failure", Severity::Warning,
                          say("unconfirmed-failure", {failed, streak(h), counted("failed-checks", h.dead_after),
                                                      hours(h.dead_span_hours)}),
                          l.span, items));
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
      out.push_back(finding("redirected-link", Severity::Info,
                            say("redirected-link", {link_named(l), l.final_url.value_or("?")}), l.span, items));
      break;
    case LinkStatus::Skipped:
      if (l.error && l.error->rfind("refused", 0) == 0)
        out.push_back(finding("skipped-link", Severity::Info, say("skipped-link", {link_named(l), phrase(*l.error)}),
                              l.span, items));
      return;
    default: break;
  }
  if (c.history && c.history->change == "recovered")
    out.push_back(finding("link-recovered", Severity::Info,
                          c.history->last_ok_at
                              ? say("link-recovered.at", {link_named(l), to_string(l.status), *c.history->last_ok_at})
                              : say("link-recovered", {link_named(l)}),
                          l.span, items));
  // The page answers, but does it still show the cited work?
  if ((l.status == LinkStatus::Ok || l.status == LinkStatus::Redirected) && c.page_title && work && work->title) {
    if (page_shows_other_work(*work->title, *c.page_title))
      out.push_back(finding("url-content-mismatch", Severity::Warning,
                            say("url-content-mismatch",
                                {link_named(l), *c.page_title, ref ? describe(*ref) : say("the-note"), *work->title}),
                            l.span, items));
  }
}

void check_doi_result(const Owners& owners, const Link& l, std::vector<Finding>& out) {
  std::vector<std::string> items{l.id};
  if (l.owner) items.push_back(*l.owner);
  const Reference* ref = nullptr;
  const Work* work = owners.work(l, &ref);
  const MessageText who = ref ? describe(*ref) : say("the-citation");
  if (l.status == LinkStatus::Broken) {
    out.push_back(finding("doi-not-found", Severity::Error, say("doi-not-found", {l.value, who}), l.span, items));
    return;
  }
  if (!l.check || !l.check->registered) return;
  const RegisteredWork& reg = *l.check->registered;
  if (reg.retraction) {
    out.push_back(finding("retracted-work", Severity::Error, say("retracted-work", {who, l.value, *reg.retraction}),
                          l.span, items));
  }
  if (!work) return;
  CitedWork cited;
  cited.title = work->title;
  if (int y = year_of(work->year)) cited.year = y;
  if (!work->authors.empty() && !work->authors[0].organisation) cited.first_family = work->authors[0].family;
  MetadataVerdict verdict = compare_metadata(cited, reg);
  if (!verdict.mismatch) return;
  MessageText fields;
  for (const auto& f : verdict.fields) {
    MessageText one = say(f.agrees ? "field.agrees" : "field.differs", {say("field." + f.field), f.cited, f.registered});
    fields = fields.empty() ? one : say("list.semicolon", {fields, one});
  }
  out.push_back(finding("doi-metadata-mismatch", Severity::Warning,
                        say("doi-metadata-mismatch", {l.value, who, reg.agency, fields}), l.span, items));
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
    out.push_back(finding("doi-suggested", Severity::Info,
                          say("doi-suggested", {describe(r), *r.suggested_doi, r.suggested_title.value_or("")}), r.span,
                          {r.id}));
  }
}

}  // namespace citecheck
