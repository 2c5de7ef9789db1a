#include "src/report_html.hpp"

#include <openssl/evp.h>

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>
#include <vector>

#include "resolvers/request_url.hpp"
#include "src/finding_codes.hpp"
#include "src/localize.hpp"
#include "src/locations.hpp"
#include "src/report_summary.hpp"

namespace citecheck {

namespace {

// Phone first: one column, cards that wrap long URLs; wider screens only get more margin.
// Print: no filters, no colours that waste ink, a finding never cut over two pages, link
// targets written out.
constexpr const char* kStyle = R"css(
:root{--error:#b00020;--warning:#8a5a00;--info:#1d5b99;--line:#d8d8d8;--muted:#555}
*{box-sizing:border-box}
body{margin:0 auto;padding:.75rem;max-width:60rem;font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans Arabic","Noto Sans Georgian",sans-serif;color:#111;background:#fff}
h1{font-size:1.4rem;margin:.2rem 0}
h2{font-size:1.15rem;margin:1.5rem 0 .3rem;overflow-wrap:anywhere}
p{margin:.3rem 0}
.meta,.counts{color:var(--muted);font-size:.9rem}
.summary{font-weight:600}
.banner{border-left:4px solid var(--warning);background:#fff6e0;padding:.4rem .6rem}
.filters{display:flex;flex-wrap:wrap;gap:.4rem 1rem;align-items:center;border:1px solid var(--line);border-radius:6px;padding:.5rem .6rem;margin:.6rem 0;position:sticky;top:0;background:#fff;z-index:1}
.filters fieldset{border:0;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.2rem .8rem}
.filters legend{float:left;margin-right:.4rem;font-weight:600}
.filters select{max-width:100%;font:inherit}
.filters .shown{margin:0;color:var(--muted)}
ol.findings{list-style:none;margin:0;padding:0}
li.finding{border:1px solid var(--line);border-left:5px solid var(--info);border-radius:6px;margin:.5rem 0;padding:.5rem .7rem;overflow-wrap:anywhere}
li.finding[data-severity=error]{border-left-color:var(--error)}
li.finding[data-severity=warning]{border-left-color:var(--warning)}
.head{display:flex;flex-wrap:wrap;gap:.2rem .6rem;align-items:baseline;font-size:.9rem}
.sev{font-weight:700;text-transform:uppercase;font-size:.8rem}
.sev.error{color:var(--error)}.sev.warning{color:var(--warning)}.sev.info{color:var(--info)}
.code{font-family:ui-monospace,monospace;font-size:.85rem}
.where{color:var(--muted)}
blockquote{margin:.4rem 0;padding:.3rem .6rem;background:#f5f5f5;border-radius:4px;text-align:start}
blockquote .ctx{color:var(--muted)}
mark{background:#ffe58a;color:inherit;padding:0 .1em}
.todo .label{font-weight:600}
.links a{margin-inline-end:1rem}
[hidden]{display:none!important}
@media (min-width:40rem){body{padding:1rem 1.5rem}}
@media print{
 body{max-width:none;padding:0;font-size:11pt}
 .filters{display:none}
 li.finding{break-inside:avoid;border-color:#999}
 blockquote{background:none;border-left:2px solid #999}
 mark{background:none;font-weight:700;text-decoration:underline}
 .links a::after{content:" <" attr(href) ">";font-size:.85em;color:#333}
 a{color:#000}
}
)css";

// Filters findings by severity and kind; the choice is kept in the address (#severity=error&code=…)
// so a filtered view can be sent on. Without the script every finding shows.
constexpr const char* kScript = R"js(
(function(){
var form=document.querySelector("form.filters");if(!form)return;
var boxes=form.querySelectorAll("input[name=severity]"),kind=form.querySelector("select[name=code]"),shown=form.querySelector(".shown");
function apply(){
 var on={},n=0,total=0;boxes.forEach(function(b){on[b.value]=b.checked;});
 document.querySelectorAll("li.finding").forEach(function(li){
  var show=on[li.getAttribute("data-severity")]&&(!kind.value||li.getAttribute("data-code")===kind.value);
  li.hidden=!show;total++;if(show)n++;});
 document.querySelectorAll("section.document").forEach(function(s){
  var none=s.querySelector("p.none-shown"),all=s.querySelectorAll("li.finding").length;
  if(none)none.hidden=!(all&&!s.querySelector("li.finding:not([hidden])"));});
 shown.textContent=form.getAttribute("data-shown").replace("{n}",n).replace("{total}",total);
 var sev=[];boxes.forEach(function(b){if(b.checked)sev.push(b.value);});
 var hash="severity="+sev.join(",")+(kind.value?"&code="+encodeURIComponent(kind.value):"");
 try{history.replaceState(null,"","#"+hash);}catch(e){}
}
var h=new URLSearchParams(location.hash.slice(1));
if(h.has("severity")){var want=h.get("severity").split(",");boxes.forEach(function(b){b.checked=want.indexOf(b.value)>=0;});}
if(h.has("code")){var c=h.get("code");for(var i=0;i<kind.options.length;i++)if(kind.options[i].value===c)kind.value=c;}
form.addEventListener("change",apply);apply();
})();
)js";

// The script's SHA-256 for the Content-Security-Policy: only this script may run, so even text
// that escaped escaping could not.
std::string script_hash() {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  const std::string_view script(kScript);
  EVP_Digest(script.data(), script.size(), digest, &length, EVP_sha256(), nullptr);
  unsigned char encoded[4 * ((EVP_MAX_MD_SIZE + 2) / 3) + 1];
  const int n = EVP_EncodeBlock(encoded, digest, static_cast<int>(length));
  return "sha256-" + std::string(reinterpret_cast<const char*>(encoded), static_cast<std::size_t>(n));
}

bool failing(LinkStatus s) {
  return s == LinkStatus::Broken || s == LinkStatus::Soft404 || s == LinkStatus::ServerError ||
         s == LinkStatus::Timeout || s == LinkStatus::Invalid;
}

bool checkable(const Link& l) { return l.kind == LinkKind::Url || l.kind == LinkKind::Doi; }

bool retracted(const Link& l) { return l.check && l.check->registered && l.check->registered->retraction; }

// Only web addresses become links: a javascript: or data: "URL" from a manuscript stays text.
std::optional<std::string> web_address(const std::string& url) {
  std::string lower = url.substr(0, 8);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  if (lower.rfind("http://", 0) != 0 && lower.rfind("https://", 0) != 0) return std::nullopt;
  // Spaces, quotes and angle brackets would end or break the attribute in a careless reader.
  return percent_encode(url, ":/?#[]@!$&'()*+,;=%~");
}

std::string doi_address(const std::string& doi) { return "https://doi.org/" + percent_encode(doi, "/:;()"); }

std::string plural(const Language& lang, const char* key, std::size_t n) {
  return count_in(lang, key, static_cast<long long>(n));
}

struct Anchor {
  std::string href, label;
};

// What a finding is about, by id, in one document.
class Items {
 public:
  Items(const Manuscript& m, const Language& lang) : lang_(lang) {
    for (const auto& c : m.citations) citations_[c.id] = &c;
    for (const auto& r : m.references) references_[r.id] = &r;
    for (const auto& f : m.footnotes) footnotes_[f.id] = &f;
    for (const auto& l : m.links) {
      links_[l.id] = &l;
      if (l.owner) owned_[*l.owner].push_back(&l);
    }
  }

  // The text as printed when no excerpt was made (findings of the network stage): the item's
  // own text, a link shown inside the entry that prints it.
  std::optional<Excerpt> printed(const Finding& f) const {
    for (const auto& id : f.items) {
      if (auto c = find(citations_, id)) return Excerpt{"", c->raw, ""};
      if (auto r = find(references_, id)) return Excerpt{"", r->raw, ""};
      if (auto n = find(footnotes_, id)) return Excerpt{"", n->text, ""};
      if (auto l = find(links_, id)) {
        std::string around;
        if (l->owner) {
          if (auto r = find(references_, *l->owner)) around = r->raw;
          else if (auto n = find(footnotes_, *l->owner)) around = n->text;
        }
        const std::size_t at = around.find(l->value);
        if (at == std::string::npos) return Excerpt{"", l->value, ""};
        return Excerpt{around.substr(0, at), l->value, around.substr(at + l->value.size())};
      }
    }
    return std::nullopt;
  }

  // Archived copies, DOI landing pages and the addresses themselves, once each.
  std::vector<Anchor> anchors(const Finding& f) const {
    std::vector<Anchor> out;
    std::set<std::string> seen;
    auto add = [&](std::optional<std::string> href, std::string label) {
      if (href && seen.insert(*href).second) out.push_back({*href, std::move(label)});
    };
    auto link_anchors = [&](const Link& l) {
      if (l.check && l.check->archived_url)
        add(web_address(*l.check->archived_url),
            say_in(lang_, "html.archived-copy") +
                (l.check->archived_at ? " (" + l.check->archived_at->substr(0, 10) + ")" : std::string()));
      if (l.kind == LinkKind::Doi) add(doi_address(l.value), say_in(lang_, "html.doi-page"));
      if (l.kind == LinkKind::Url)
        add(web_address(l.value), say_in(lang_, failing(l.status) ? "html.link-as-cited" : "html.open-link"));
      if (l.final_url && l.status == LinkStatus::Redirected) add(web_address(*l.final_url), say_in(lang_, "html.new-address"));
    };
    for (const auto& id : f.items) {
      if (auto l = find(links_, id)) link_anchors(*l);
      const Reference* r = find(references_, id);
      if (auto c = find(citations_, id); c && c->reference) r = find(references_, *c->reference);
      if (r) {
        if (r->work.doi) add(doi_address(*r->work.doi), say_in(lang_, "html.doi-page"));
        if (r->suggested_doi) add(doi_address(*r->suggested_doi), say_in(lang_, "html.suggested-doi"));
        if (auto owned = owned_.find(r->id); owned != owned_.end())
          for (const Link* l : owned->second)
            if (l->check && l->check->archived_url) link_anchors(*l);
      }
    }
    return out;
  }

  const std::vector<const Link*>* owned(const std::string& id) const {
    auto it = owned_.find(id);
    return it == owned_.end() ? nullptr : &it->second;
  }

 private:
  template <typename T>
  static const T* find(const std::unordered_map<std::string, const T*>& map, const std::string& id) {
    auto it = map.find(id);
    return it == map.end() ? nullptr : it->second;
  }

  const Language& lang_;
  std::unordered_map<std::string, const Citation*> citations_;
  std::unordered_map<std::string, const Reference*> references_;
  std::unordered_map<std::string, const Footnote*> footnotes_;
  std::unordered_map<std::string, const Link*> links_;
  std::unordered_map<std::string, std::vector<const Link*>> owned_;
};

// "page 3, line 12", "footnote 4", "¶41"; a text file's line and column.
std::string where(const DocumentReport& d, const Finding& f, const Language& lang) {
  if (f.span.line < 1) return say_in(lang, "html.whole-document");
  std::string at = render(place_text(d.origins, f.span.line), lang);
  if (d.origins.empty() && f.span.column > 0) at = say_in(lang, "html.column", {at, std::to_string(f.span.column)});
  return at;
}

void write_finding(std::ostream& out, const DocumentReport& d, const Items& items, const Finding& f, const Language& lang) {
  const std::string sev = to_string(f.severity);
  out << "<li class=\"finding\" data-severity=\"" << sev << "\" data-code=\"" << html_escape(f.code) << "\">"
      << "<p class=\"head\"><span class=\"sev " << sev << "\">" << html_escape(say_in(lang, "html.severity." + sev))
      << "</span> <span class=\"code\">"
      << html_escape(f.code) << "</span> <span class=\"where\" dir=\"auto\">" << html_escape(where(d, f, lang))
      << "</span></p>\n<p class=\"message\" dir=\"auto\">" << html_escape(f.message) << "</p>\n";
  std::optional<Excerpt> quote = f.excerpt ? f.excerpt : items.printed(f);
  if (quote && !quote->text.empty())
    out << "<blockquote dir=\"auto\"><span class=\"ctx\">" << html_escape(quote->before) << "</span><mark>"
        << html_escape(quote->text) << "</mark><span class=\"ctx\">" << html_escape(quote->after)
        << "</span></blockquote>\n";
  if (const std::string todo = advice(f.code, lang); !todo.empty())
    out << "<p class=\"todo\"><span class=\"label\">" << html_escape(say_in(lang, "html.what-to-do")) << "</span> " << html_escape(todo)
        << "</p>\n";
  const std::vector<Anchor> anchors = items.anchors(f);
  if (!anchors.empty()) {
    out << "<p class=\"links\">";
    for (const auto& a : anchors)
      out << "<a href=\"" << html_escape(a.href) << "\" rel=\"noreferrer noopener\">" << html_escape(a.label) << "</a> ";
    out << "</p>\n";
  }
  out << "</li>\n";
}

void write_document(std::ostream& out, const DocumentReport& d, std::size_t index, const Language& lang) {
  const Items items(d.manuscript, lang);
  ReportTotals t;
  t.add(d);
  out << "<section class=\"document\" id=\"doc" << index << "\">\n<h2 dir=\"auto\">" << html_escape(d.path)
      << "</h2>\n<p class=\"summary\">" << html_escape(reference_summary(d, lang)) << "</p>\n<p class=\"counts\">"
      << html_escape(plural(lang, "html.errors", t.errors)) << ", " << html_escape(plural(lang, "html.warnings", t.warnings))
      << ", " << html_escape(plural(lang, "html.infos", t.infos)) << "; "
      << html_escape(plural(lang, "html.footnotes", t.footnotes)) << ", " << html_escape(plural(lang, "html.links", t.links))
      << " (" << d.format << ")</p>\n";
  if (d.findings.empty()) {
    out << "<p class=\"none\">" << html_escape(say_in(lang, "html.no-findings")) << "</p>\n</section>\n";
    return;
  }
  out << "<ol class=\"findings\">\n";
  for (const auto& f : d.findings) write_finding(out, d, items, f, lang);
  out << "</ol>\n<p class=\"none-shown\" hidden>" << html_escape(say_in(lang, "html.none-shown")) << "</p>\n</section>\n";
}

void write_filters(std::ostream& out, const Report& report, const ReportTotals& t, const Language& lang) {
  std::map<std::string, std::size_t> kinds;
  for (const auto& d : report.documents)
    for (const auto& f : d.findings) ++kinds[f.code];
  if (kinds.empty()) return;
  out << "<form class=\"filters\" aria-label=\"" << html_escape(say_in(lang, "html.filter")) << "\" data-shown=\""
      << html_escape(say_in(lang, "html.shown")) << "\"><fieldset><legend>" << html_escape(say_in(lang, "html.show"))
      << "</legend>";
  const std::pair<const char*, std::size_t> severities[] = {{"error", t.errors}, {"warning", t.warnings}, {"info", t.infos}};
  for (const auto& [name, n] : severities)
    out << "<label><input type=\"checkbox\" name=\"severity\" value=\"" << name << "\" checked> "
        << html_escape(say_in(lang, std::string("html.severity.") + name)) << " (" << n << ")</label>";
  out << "</fieldset><label>" << html_escape(say_in(lang, "html.kind")) << " <select name=\"code\"><option value=\"\">"
      << html_escape(say_in(lang, "html.every-kind")) << "</option>";
  for (const auto& [code, n] : kinds)
    out << "<option value=\"" << html_escape(code) << "\">" << html_escape(code) << " (" << n << ")</option>";
  out << "</select></label><p class=\"shown\" aria-live=\"polite\"></p></form>\n";
}

void write_run(std::ostream& out, const Report& report, const Language& lang) {
  const RunOutcome& run = report.run;
  for (const auto& o : run.options)
    if (o.name == "offline" && std::get_if<bool>(&o.value) && std::get<bool>(o.value))
      out << "<p class=\"banner\">" << html_escape(say_in(lang, "html.offline")) << "</p>\n";
  if (run.network_down)
    out << "<p class=\"banner\">" << html_escape(say_in(lang, "html.network-down", {*run.network_down})) << "</p>\n";
  if (!run.complete)
    out << "<p class=\"banner\">"
        << html_escape(count_in(lang, "html.incomplete", static_cast<long long>(run.left_unchecked.size()), {run.interrupted_by}))
        << "</p>\n";
  if (!run.failed_inputs.empty()) {
    out << "<section class=\"failed\"><h2>" << html_escape(say_in(lang, "html.not-read")) << "</h2><ul>\n";
    for (const auto& f : run.failed_inputs)
      out << "<li><span dir=\"auto\">" << html_escape(f.path) << "</span>: <span dir=\"auto\">" << html_escape(f.error)
          << "</span></li>\n";
    out << "</ul></section>\n";
  }
}

// Appends the UTF-8 sequence starting at text[i] when it is valid (and returns its length), else 0.
std::size_t valid_sequence(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char c = byte(i);
  std::size_t n = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c < 0xE0 ? 2 : 0;
  if (n == 0 || i + n > text.size()) return 0;
  for (std::size_t k = 1; k < n; ++k)
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
  if (n == 3 && ((c == 0xE0 && byte(i + 1) < 0xA0) || (c == 0xED && byte(i + 1) >= 0xA0))) return 0;  // overlong, surrogate
  if (n == 4 && ((c == 0xF0 && byte(i + 1) < 0x90) || (c == 0xF4 && byte(i + 1) >= 0x90))) return 0;  // overlong, > U+10FFFF
  return n;
}

}  // namespace

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (std::size_t i = 0; i < text.size();) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&#39;"; break;
        case '\t': case '\n': out += static_cast<char>(c); break;
        default: out += (c < 0x20 || c == 0x7F) ? "\xEF\xBF\xBD" : std::string(1, static_cast<char>(c));
      }
      ++i;
      continue;
    }
    const std::size_t n = valid_sequence(text, i);
    if (n == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
    } else {
      out.append(text.substr(i, n));
      i += n;
    }
  }
  return out;
}

std::string reference_summary(const DocumentReport& d, const Language& lang) {
  const Manuscript& m = d.manuscript;
  const Items items(m, lang);
  std::size_t verified = 0, broken = 0, archived = 0, retracted_n = 0, unverifiable = 0, unchecked = 0;
  for (const auto& r : m.references) {
    bool any_ok = false, any_failing = false, any_archived = false, any_retracted = false, any_unverifiable = false;
    if (const auto* owned = items.owned(r.id))
      for (const Link* l : *owned) {
        if (!checkable(*l)) continue;
        any_retracted |= retracted(*l);
        any_failing |= failing(l->status);
        any_archived |= failing(l->status) && l->check && l->check->archived_url.has_value();
        any_unverifiable |= l->status == LinkStatus::Unverifiable;
        any_ok |= l->status == LinkStatus::Ok || l->status == LinkStatus::Redirected;
      }
    if (any_retracted) ++retracted_n;
    else if (any_failing) {
      ++broken;
      if (any_archived) ++archived;
    } else if (any_unverifiable) ++unverifiable;
    else if (any_ok) ++verified;
    else ++unchecked;
  }
  std::size_t without_entry = 0;
  for (const auto& c : m.citations)
    if (!c.reference) ++without_entry;
  std::string s = say_in(lang, "html.summary",
                         {plural(lang, "html.references", m.references.size()), std::to_string(verified),
                          std::to_string(broken), plural(lang, "html.archived", archived), std::to_string(retracted_n),
                          std::to_string(unverifiable)});
  if (unchecked) s += say_in(lang, "html.summary.unchecked", {std::to_string(unchecked)});
  s += say_in(lang, "html.summary.citations",
              {plural(lang, "html.citations", m.citations.size()), std::to_string(without_entry)});
  return s;
}

void write_html(const Report& report, std::ostream& out) {
  const ReportTotals t = totals_of(report);
  const Language& lang = language_of(report);
  out << "<!DOCTYPE html>\n<html lang=\"" << lang.code << "\">\n<head>\n<meta charset=\"utf-8\">\n"
      << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      << "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src '"
      << script_hash() << "'\">\n<meta name=\"generator\" content=\"citecheck " << html_escape(report.tool_version)
      << "\">\n<title>" << html_escape(say_in(lang, "html.title")) << "</title>\n<style>" << kStyle
      << "</style>\n</head>\n<body>\n<header>\n"
      << "<h1>" << html_escape(say_in(lang, "html.title")) << "</h1>\n<p class=\"meta\">"
      << html_escape(plural(lang, "html.documents", t.documents)) << ": " << html_escape(plural(lang, "html.errors", t.errors))
      << ", " << html_escape(plural(lang, "html.warnings", t.warnings)) << ", "
      << html_escape(plural(lang, "html.infos", t.infos)) << " · citecheck " << html_escape(report.tool_version) << " · " << html_escape(report.generated_at) << "</p>\n";
  write_run(out, report, lang);
  if (report.documents.size() > 1) {
    out << "<nav><ol class=\"contents\">\n";
    for (std::size_t i = 0; i < report.documents.size(); ++i) {
      ReportTotals dt;
      dt.add(report.documents[i]);
      out << "<li><a href=\"#doc" << i + 1 << "\" dir=\"auto\">" << html_escape(report.documents[i].path) << "</a> ("
          << dt.errors << " E, " << dt.warnings << " W, " << dt.infos << " I)</li>\n";
    }
    out << "</ol></nav>\n";
  }
  write_filters(out, report, t, lang);
  out << "</header>\n<main>\n";
  for (std::size_t i = 0; i < report.documents.size(); ++i) write_document(out, report.documents[i], i + 1, lang);
  out << "</main>\n<script>" << kScript << "</script>\n</body>\n</html>\n";
}

}  // namespace citecheck
