// The HTML report: the summary line an editor reads first, escaping of hostile text, links
// only to web addresses, right-to-left text set with dir="auto".
#include <catch2/catch.hpp>

#include <sstream>

#include "helpers.hpp"
#include "src/pipeline.hpp"
#include "src/report_html.hpp"

using namespace citecheck;

namespace {

Reference entry(const std::string& id) {
  Reference r;
  r.id = id;
  r.raw = "Entry " + id;
  return r;
}

Link link(const std::string& id, const std::string& owner, LinkKind kind, LinkStatus status) {
  Link l;
  l.id = id;
  l.owner = owner;
  l.kind = kind;
  l.status = status;
  l.value = kind == LinkKind::Doi ? "10.1000/" + id : "https://journal.example/" + id;
  return l;
}

std::shared_ptr<LinkCheck> archived(const std::string& url) {
  auto c = std::make_shared<LinkCheck>();
  c->archived_url = url;
  c->archived_at = "2019-03-04T05:06:07Z";
  return c;
}

std::string html_of(const Report& r) {
  std::ostringstream out;
  write_html(r, out);
  return out.str();
}

}  // namespace

TEST_CASE("the summary line counts each entry once, by its worst link", "[report_html]") {
  DocumentReport d;
  Manuscript& m = d.manuscript;
  for (int i = 1; i <= 8; ++i) m.references.push_back(entry("ref" + std::to_string(i)));
  m.links.push_back(link("link1", "ref1", LinkKind::Url, LinkStatus::Ok));            // verified
  m.links.push_back(link("link2", "ref2", LinkKind::Doi, LinkStatus::Redirected));    // verified
  m.links.push_back(link("link3", "ref3", LinkKind::Url, LinkStatus::Broken));        // broken, archived
  m.links.back().check = archived("https://web.archive.org/web/2019/https://journal.example/link3");
  m.links.push_back(link("link4", "ref4", LinkKind::Url, LinkStatus::Ok));            // broken: its other link is
  m.links.push_back(link("link5", "ref4", LinkKind::Url, LinkStatus::Timeout));
  m.links.push_back(link("link6", "ref5", LinkKind::Doi, LinkStatus::Ok));            // retracted
  auto retraction = std::make_shared<LinkCheck>();
  RegisteredWork retracted;
  retracted.retraction = "10.1000/retraction";
  retraction->registered = std::make_shared<const RegisteredWork>(retracted);
  m.links.back().check = retraction;
  m.links.push_back(link("link7", "ref6", LinkKind::Url, LinkStatus::Unverifiable));  // unverifiable
  m.links.push_back(link("link8", "ref7", LinkKind::Email, LinkStatus::Ok));          // not checked: an e-mail
  // ref8 has no link at all: not checked.
  for (int i = 1; i <= 5; ++i) {
    Citation c;
    c.id = "cit" + std::to_string(i);
    if (i != 3) c.reference = "ref1";
    m.citations.push_back(c);
  }
  CHECK(reference_summary(d) ==
        "8 references: 2 verified, 2 broken (1 with an archived copy), 1 retracted, 1 unverifiable, 2 not checked; "
        "5 citations, 1 without an entry");
}

TEST_CASE("the summary line of a checked document in the issue's words", "[report_html]") {
  DocumentReport d;
  for (int i = 1; i <= 3; ++i) d.manuscript.references.push_back(entry("ref" + std::to_string(i)));
  d.manuscript.links.push_back(link("link1", "ref1", LinkKind::Url, LinkStatus::Ok));
  d.manuscript.links.push_back(link("link2", "ref2", LinkKind::Url, LinkStatus::Soft404));
  d.manuscript.links.back().check = archived("https://web.archive.org/web/2019/x");
  d.manuscript.links.push_back(link("link3", "ref3", LinkKind::Url, LinkStatus::Soft404));
  d.manuscript.links.back().check = archived("https://web.archive.org/web/2019/y");
  CHECK(reference_summary(d) ==
        "3 references: 1 verified, 2 broken (2 with archived copies), 0 retracted, 0 unverifiable; 0 citations, 0 without an entry");
}

TEST_CASE("HTML escaping leaves no markup, no broken UTF-8 and no control characters", "[report_html]") {
  CHECK(html_escape("<script>alert(\"x\")</script>") == "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
  CHECK(html_escape("O'Brien & Sons") == "O&#39;Brien &amp; Sons");
  CHECK(html_escape("العبيدي ٢٠١٩") == "العبيدي ٢٠١٩");
  CHECK(html_escape("\xE2\x80\xAEreversed") == "\xE2\x80\xAEreversed");  // U+202E stays, inside dir="auto"
  CHECK(html_escape("bad \xC3( byte") == "bad \xEF\xBF\xBD( byte");
  CHECK(html_escape("surrogate \xED\xA0\x80.") == "surrogate \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD.");
  CHECK(html_escape(std::string("nul\0bell\a", 9)) == "nul\xEF\xBF\xBD" "bell\xEF\xBF\xBD");
  CHECK(html_escape("tab\tline\n") == "tab\tline\n");
}

TEST_CASE("hostile manuscript text is text, and only web addresses become links", "[report_html]") {
  Report r;
  r.generated_at = "2026-12-06T09:00:00Z";
  DocumentReport d;
  d.path = "<img src=x onerror=alert(1)>.txt";
  d.manuscript.references.push_back(entry("ref1"));
  d.manuscript.references[0].raw = "Evil, \"Quote\" '<b>bold</b>' \xE2\x80\xAE" "2020 javascript:alert(1)";
  Link js = link("link1", "ref1", LinkKind::Url, LinkStatus::Broken);
  js.value = "javascript:alert(1)";
  js.check = archived("data:text/html,<script>alert(1)</script>");
  d.manuscript.links.push_back(js);
  d.findings.push_back({"newly-broken", Severity::Error, "the link javascript:alert(1) is <broken>", {3, 1, 3, 0},
                        {"link1"}, std::nullopt});
  d.findings.push_back({"reference-never-cited", Severity::Warning, "entry “Evil” is never cited", {4, 1, 4, 0},
                        {"ref1"}, Excerpt{"before </blockquote>", "<script>alert(1)</script>", "after"}});
  r.documents.push_back(d);
  const std::string html = html_of(r);
  CHECK(html.find("<img") == std::string::npos);
  CHECK(html.find("&lt;img src=x onerror=alert(1)&gt;.txt") != std::string::npos);
  CHECK(html.find("<script>alert") == std::string::npos);
  CHECK(html.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
  CHECK(html.find("<b>bold") == std::string::npos);
  CHECK(html.find("href=\"javascript") == std::string::npos);
  CHECK(html.find("href=\"data:") == std::string::npos);
  CHECK(html.find("is &lt;broken&gt;") != std::string::npos);
  // One script, ours, allowed by its hash; nothing else may run or load.
  CHECK(html.find("<script>") == html.rfind("<script>"));
  CHECK(html.find("default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-") != std::string::npos);
  // Manuscript text is set with dir="auto": the quote, the message, the path.
  CHECK(html.find("<blockquote dir=\"auto\"><span class=\"ctx\">before &lt;/blockquote&gt;</span><mark>") != std::string::npos);
  CHECK(html.find("<p class=\"message\" dir=\"auto\">entry “Evil” is never cited</p>") != std::string::npos);
  CHECK(html.find("<h2 dir=\"auto\">&lt;img") != std::string::npos);
}

TEST_CASE("a broken link's finding links its archived copy and a DOI its landing page", "[report_html]") {
  Report r;
  DocumentReport d;
  d.path = "paper.txt";
  d.manuscript.references.push_back(entry("ref1"));
  d.manuscript.references[0].raw = "Aliyev, Rashid. 2019. Ports. https://journal.example/gone doi:10.1000/a<b>";
  d.manuscript.references[0].work.doi = "10.1000/a<b>";
  Link url = link("link1", "ref1", LinkKind::Url, LinkStatus::Broken);
  url.value = "https://journal.example/gone";
  url.check = archived("https://web.archive.org/web/20190304050607/https://journal.example/gone");
  d.manuscript.links.push_back(url);
  d.findings.push_back({"newly-broken", Severity::Error, "the link https://journal.example/gone is broken: HTTP 404",
                        {21, 62, 21, 0}, {"link1"}, std::nullopt});
  d.findings.push_back({"year-mismatch", Severity::Error, "cited year 2018 differs", {4, 12, 4, 0}, {"ref1"}, std::nullopt});
  r.documents.push_back(d);
  const std::string html = html_of(r);
  CHECK(html.find("<a href=\"https://web.archive.org/web/20190304050607/https://journal.example/gone\" rel=\"noreferrer noopener\">Archived copy (2019-03-04)</a>") !=
        std::string::npos);
  CHECK(html.find("<a href=\"https://doi.org/10.1000/a%3Cb%3E\" rel=\"noreferrer noopener\">DOI landing page</a>") != std::string::npos);
  // Without an excerpt, the link is quoted inside the entry that prints it.
  CHECK(html.find("<span class=\"ctx\">Aliyev, Rashid. 2019. Ports. </span><mark>https://journal.example/gone</mark>") != std::string::npos);
  CHECK(html.find("<span class=\"where\" dir=\"auto\">line 21, column 62</span>") != std::string::npos);
  CHECK(html.find("<p class=\"todo\"><span class=\"label\">What to do:</span> Replace the link by the archived copy, or find where the work moved.</p>") != std::string::npos);
  CHECK(html.find("data-severity=\"error\" data-code=\"newly-broken\"") != std::string::npos);
}

TEST_CASE("a PDF finding is placed by page and line, a Word one by paragraph or footnote", "[report_html]") {
  Report r;
  DocumentReport pdf;
  pdf.path = "paper.pdf";
  pdf.format = "pdf";
  pdf.origins.resize(40);
  pdf.origins[29].page = 3;
  pdf.origins[29].page_line = 12;
  pdf.findings.push_back({"url-shortener", Severity::Warning, "shortened", {30, 5, 30, 0}, {}, std::nullopt});
  DocumentReport docx;
  docx.path = "paper.docx";
  docx.format = "docx";
  docx.origins.resize(10);
  docx.origins[6].note = 4;
  docx.findings.push_back({"url-shortener", Severity::Warning, "shortened", {7, 5, 7, 0}, {}, std::nullopt});
  r.documents = {pdf, docx};
  const std::string html = html_of(r);
  CHECK(html.find("<span class=\"where\" dir=\"auto\">page 3, line 12</span>") != std::string::npos);
  CHECK(html.find("<span class=\"where\" dir=\"auto\">footnote 4</span>") != std::string::npos);
}
