// Verdicts on URLs served by a loopback server: one GET, redirect and refresh chains, loops,
// soft 404s (by redirect, title and text), robots refused, 406, consent walls, 204, dead links.
#include <catch2/catch.hpp>

#include "loopback_server.hpp"
#include "resolvers/request_url.hpp"
#include "resolvers/url_checker.hpp"

using namespace citecheck;
using citecheck::test::LoopbackServer;

namespace {

using citecheck::test::loopback_options;

UrlCheck check_one(const std::string& url, const ResolverOptions& o = loopback_options()) {
  HttpPool pool(o);
  UrlCheck got;
  bool called = false;
  check_url(pool, o, url, [&](UrlCheck c) {
    got = std::move(c);
    called = true;
  });
  pool.run();
  REQUIRE(called);
  return got;
}

void page(httplib::Response& res, const std::string& title) {
  res.set_content("<!doctype html><html><head><title>" + title + "</title></head><body><p>text</p></body></html>",
                  "text/html; charset=utf-8");
}

struct Site {
  LoopbackServer s;
  Site() {
    s.server.Get("/", [](const httplib::Request&, httplib::Response& res) { page(res, "Example Journal — Home"); });
    s.server.Get("/article", [](const httplib::Request&, httplib::Response& res) { page(res, "Ports of the Caspian"); });
    s.server.Get("/moved", [](const httplib::Request&, httplib::Response& res) { res.set_redirect("/article", 301); });
    s.server.Get("/temp1", [](const httplib::Request&, httplib::Response& res) { res.set_redirect("/temp2", 302); });
    s.server.Get("/temp2", [](const httplib::Request&, httplib::Response& res) { res.set_redirect("/article", 307); });
    s.server.Get("/loop", [](const httplib::Request&, httplib::Response& res) { res.set_redirect("/loop2", 302); });
    s.server.Get("/loop2", [](const httplib::Request&, httplib::Response& res) { res.set_redirect("/loop", 302); });
    s.server.Get("/gone", [](const httplib::Request&, httplib::Response& res) { res.status = 410; });
    s.server.Get("/old", [](const httplib::Request&, httplib::Response& res) { res.set_redirect("/", 302); });
    s.server.Get("/missing", [](const httplib::Request&, httplib::Response& res) { page(res, "Page not found | Example Journal"); });
    s.server.Get("/ar-missing", [](const httplib::Request&, httplib::Response& res) { page(res, "الصفحة غير موجودة"); });
    s.server.Get("/robots-no", [](const httplib::Request&, httplib::Response& res) { res.status = 403; });
    s.server.Get("/pdf", [](const httplib::Request&, httplib::Response& res) { res.set_content("%PDF-1.7 ...", "application/pdf"); });
    // A server that refuses HEAD but serves GET.
    s.server.Get("/no-head", [](const httplib::Request& req, httplib::Response& res) {
      if (req.method == "HEAD") res.status = 405;
      else page(res, "Ports of the Caspian");
    });
    s.server.Get("/mars", [](const httplib::Request&, httplib::Response& res) { res.status = 500; });
    s.start();
  }
};

}  // namespace

TEST_CASE("a page that answers 200 is ok and its title is read, with one GET", "[url_checker]") {
  Site site;
  UrlCheck c = check_one(site.s.url("/article"));
  CHECK(c.status == LinkStatus::Ok);
  CHECK(c.http_status == 200);
  CHECK(c.page_title == "Ports of the Caspian");
  CHECK(site.s.count("HEAD", "/article") == 0);
  CHECK(site.s.count("GET", "/article") == 1);
}

TEST_CASE("a PDF is judged by one GET", "[url_checker]") {
  Site site;
  UrlCheck c = check_one(site.s.url("/pdf"));
  CHECK(c.status == LinkStatus::Ok);
  CHECK(site.s.count("GET", "/pdf") == 1);
  CHECK(site.s.count("HEAD", "/pdf") == 0);
}

TEST_CASE("a permanent redirect is `redirected` with the new address", "[url_checker]") {
  Site site;
  UrlCheck c = check_one(site.s.url("/moved"));
  CHECK(c.status == LinkStatus::Redirected);
  CHECK(c.permanent);
  CHECK(c.final_url == site.s.url("/article"));
  CHECK(c.redirects == std::vector<std::string>{site.s.url("/article")});
}

TEST_CASE("a temporary chain ending in 200 is ok, the chain recorded", "[url_checker]") {
  Site site;
  UrlCheck c = check_one(site.s.url("/temp1"));
  CHECK(c.status == LinkStatus::Ok);
  CHECK(c.redirects == std::vector<std::string>{site.s.url("/temp2"), site.s.url("/article")});
}

TEST_CASE("a redirect loop is broken, and stops", "[url_checker]") {
  Site site;
  UrlCheck c = check_one(site.s.url("/loop"));
  CHECK(c.status == LinkStatus::Broken);
  CHECK(c.error.find("loop") != std::string::npos);
  CHECK(site.s.seen().size() <= 4);
}

TEST_CASE("410 Gone is broken", "[url_checker]") {
  Site site;
  UrlCheck c = check_one(site.s.url("/gone"));
  CHECK(c.status == LinkStatus::Broken);
  CHECK(c.http_status == 410);
}

TEST_CASE("a redirect to the front page is a soft 404", "[url_checker]") {
  Site site;
  UrlCheck c = check_one(site.s.url("/old"));
  CHECK(c.status == LinkStatus::Soft404);
  CHECK(c.error.find("front page") != std::string::npos);
}

TEST_CASE("a 200 page titled 'not found' is a soft 404, in English and Arabic", "[url_checker]") {
  Site site;
  CHECK(check_one(site.s.url("/missing")).status == LinkStatus::Soft404);
  CHECK(check_one(site.s.url("/ar-missing")).status == LinkStatus::Soft404);
}

TEST_CASE("403 after GET is unverifiable, never broken", "[url_checker]") {
  Site site;
  UrlCheck c = check_one(site.s.url("/robots-no"));
  CHECK(c.status == LinkStatus::Unverifiable);
  CHECK(site.s.count("GET", "/robots-no") == 1);
}

TEST_CASE("HEAD refused with 405 falls back to GET", "[url_checker]") {
  Site site;
  UrlCheck c = check_one(site.s.url("/no-head"));
  CHECK(c.status == LinkStatus::Ok);
}

TEST_CASE("a 500 that stays a 500 is a server error after the retries, of GET alone", "[url_checker]") {
  Site site;
  UrlCheck c = check_one(site.s.url("/mars"));
  CHECK(c.status == LinkStatus::ServerError);
  CHECK(c.http_status == 500);
  // --retries 1: the first GET and one retry; no HEAD that would be thrown away.
  CHECK(site.s.count("GET", "/mars") == 2);
  CHECK(site.s.count("HEAD", "/mars") == 0);
  CHECK(site.s.seen().size() == 2);
}

TEST_CASE("names under .invalid are broken without a DNS query", "[url_checker]") {
  UrlCheck c = check_one("http://journal.invalid/article");
  CHECK(c.status == LinkStatus::Broken);
  CHECK(c.error.find("RFC 6761") != std::string::npos);
}

TEST_CASE("a private address is skipped without --allow-private, and nothing is sent", "[url_checker][ssrf]") {
  Site site;
  ResolverOptions o = loopback_options();
  o.allow_private = false;
  UrlCheck c = check_one(site.s.url("/article"), o);
  CHECK(c.status == LinkStatus::Skipped);
  CHECK(c.error.find("loopback") != std::string::npos);
  UrlCheck byname = check_one("http://localhost:" + std::to_string(site.s.port()) + "/article", o);
  CHECK(byname.status == LinkStatus::Skipped);
  CHECK(site.s.seen().empty());
}

TEST_CASE("a closed port is broken", "[url_checker]") {
  UrlCheck c = check_one("http://127.0.0.1:" + std::to_string(citecheck::test::closed_loopback_port()) + "/x");
  CHECK(c.status == LinkStatus::Broken);
  CHECK(c.failure == TransferFailure::Connect);
}

TEST_CASE("a non-ASCII path is requested percent-encoded as UTF-8", "[url_checker]") {
  LoopbackServer s;
  std::string got_path;
  s.server.Get(R"(/(.*))", [&](const httplib::Request& req, httplib::Response& res) {
    got_path = req.target;
    page(res, "بحث");
  });
  s.start();
  UrlCheck c = check_one(s.url("/مقالات/بحث.html"));
  CHECK(c.status == LinkStatus::Ok);
  CHECK(got_path == "/%D9%85%D9%82%D8%A7%D9%84%D8%A7%D8%AA/%D8%A8%D8%AD%D8%AB.html");
}

TEST_CASE("a Unicode host name goes out in its IDNA form", "[url_checker]") {
  // *.localhost names resolve to loopback inside libcurl, without DNS.
  LoopbackServer s;
  std::string host_header;
  s.server.Get("/", [&](const httplib::Request& req, httplib::Response& res) {
    host_header = req.get_header_value("Host");
    page(res, "Тест");
  });
  s.start();
  UrlCheck c = check_one("http://тест.localhost:" + std::to_string(s.port()) + "/");
  INFO(c.error);
  CHECK(c.status == LinkStatus::Ok);
  CHECK(host_header == "xn--e1aybc.localhost:" + std::to_string(s.port()));
}

TEST_CASE("credentials in a URL are never sent", "[url_checker][ssrf]") {
  LoopbackServer s;
  std::string authorization = "unset";
  s.server.Get("/private", [&](const httplib::Request& req, httplib::Response& res) {
    authorization = req.get_header_value("Authorization");
    page(res, "Private page");
  });
  s.start();
  UrlCheck c = check_one("http://editor:secret@127.0.0.1:" + std::to_string(s.port()) + "/private");
  CHECK(c.status == LinkStatus::Ok);
  CHECK(authorization.empty());
}

TEST_CASE("a server that redirects forever to new addresses is cut off after 10 hops", "[url_checker][hostile]") {
  LoopbackServer s;
  s.server.Get(R"(/r/(\d+))", [](const httplib::Request& req, httplib::Response& res) {
    res.set_redirect("/r/" + std::to_string(std::stoi(req.matches[1]) + 1), 302);
  });
  s.start();
  UrlCheck c = check_one(s.url("/r/0"));
  CHECK(c.status == LinkStatus::Broken);
  CHECK(c.error.find("more than 10 redirects") != std::string::npos);
  CHECK(c.redirects.size() == 10);
  CHECK(s.seen().size() <= 11);
}

TEST_CASE("a redirect to a file: or other non-HTTP address is not followed", "[url_checker][hostile]") {
  LoopbackServer s;
  s.server.Get("/to-file", [](const httplib::Request&, httplib::Response& res) { res.set_redirect("file:///etc/passwd", 302); });
  s.start();
  UrlCheck c = check_one(s.url("/to-file"));
  CHECK(c.status == LinkStatus::Skipped);
  CHECK(c.error.find("non-HTTP") != std::string::npos);
}

TEST_CASE("response headers past 64 KiB end the transfer with a reason", "[url_checker][hostile]") {
  LoopbackServer s;
  s.server.Get("/fat", [](const httplib::Request&, httplib::Response& res) {
    for (int i = 0; i < 200; ++i) res.set_header("X-Fat-" + std::to_string(i), std::string(1000, 'a'));
    res.set_content("x", "text/plain");
  });
  s.start();
  UrlCheck c = check_one(s.url("/fat"));
  CHECK(c.status == LinkStatus::Broken);
  CHECK(c.error.find("64 KiB") != std::string::npos);
}

// ---------------------------------------------------------------------------------------------
// Verdicts that peers (and citecheck before) got wrong: 406 to robots, soft 404s in the text,
// refreshes to dead pages, consent walls, 204.

namespace {

std::string html(const std::string& title, const std::string& body, const std::string& head = "") {
  return "<!doctype html><html><head><title>" + title + "</title>" + head + "</head><body>" + body + "</body></html>";
}

// A paragraph of ordinary article prose, about 600 bytes.
std::string prose(int n) {
  std::string out;
  for (int i = 0; i < n; ++i)
    out += "<p>The ports of the Caspian Sea handled more containers in the decade after 2010 than in the "
           "two before it, as rail links to the Black Sea and the Persian Gulf opened and tariffs on the "
           "trans-Caspian route fell. Aktau, Baku, Turkmenbashi and Anzali competed for the same cargo, and "
           "each port authority published its own yearly statistics, which this section compares year by "
           "year with the customs records of the states around the sea.</p>";
  return out;
}

}  // namespace

TEST_CASE("406 to robots: asked once more with a browser's Accept headers, then unverifiable",
          "[url_checker][verdicts]") {
  LoopbackServer s;
  // As a firewall rule that turns away clients without the headers browsers send does.
  s.server.Get("/picky", [](const httplib::Request& req, httplib::Response& res) {
    if (!req.has_header("Accept-Language") || req.get_header_value("Accept").rfind("text/html", 0) != 0) {
      res.status = 406;
      return;
    }
    page(res, "Ports of the Caspian");
  });
  s.server.Get("/never", [](const httplib::Request&, httplib::Response& res) { res.status = 406; });
  s.start();
  UrlCheck picky = check_one(s.url("/picky"));
  CHECK(picky.status == LinkStatus::Ok);
  CHECK(picky.page_title == "Ports of the Caspian");
  CHECK(s.count("GET", "/picky") == 2);
  UrlCheck never = check_one(s.url("/never"));
  CHECK(never.status == LinkStatus::Unverifiable);
  CHECK(never.http_status == 406);
  CHECK(never.error.find("406") != std::string::npos);
  CHECK(s.count("GET", "/never") == 2);  // once more, never again
  CHECK(s.count("HEAD", "/never") == 0);
}

TEST_CASE("a 200 page that says 'not found' only in its text is a soft 404, a long article that mentions it is ok",
          "[url_checker][verdicts]") {
  LoopbackServer s;
  const std::string nav = "<nav><ul><li><a href=/>Home</a></li><li><a href=/issues>Issues</a></li>"
                          "<li><a href=/about>About the journal</a></li></ul></nav>";
  // The title is the site's; only a heading says it.
  s.server.Get("/heading", [&](const httplib::Request&, httplib::Response& res) {
    res.set_content(html("Caspian Studies", nav + "<h2>Sorry, the page you requested could not be found</h2>" + prose(4)),
                    "text/html; charset=utf-8");
  });
  // A short page: the notice is a paragraph.
  s.server.Get("/short", [&](const httplib::Request&, httplib::Response& res) {
    res.set_content(html("Caspian Studies", nav + "<div class=content><p>We couldn't find that page.</p>"
                                                  "<p>Try the search box or the archive.</p></div>"),
                    "text/html; charset=utf-8");
  });
  // The same in Russian, inside <main> with a long footer outside it.
  s.server.Get("/ru", [&](const httplib::Request&, httplib::Response& res) {
    res.set_content(html("Каспийские исследования", nav + "<main><p>Страница не найдена</p></main><footer>" + prose(4) +
                                                            "</footer>"),
                    "text/html; charset=utf-8");
  });
  // A long article about broken links: a paragraph mentions "page not found", and one
  // paragraph is the phrase itself (an example quoted on its own line).
  s.server.Get("/article", [&](const httplib::Request&, httplib::Response& res) {
    res.set_content(html("Link rot in Caspian studies", nav + "<h1>Link rot in Caspian studies</h1>" + prose(2) +
                                                            "<p>Of the cited web pages, one in five now shows a "
                                                            "\"page not found\" notice or a 404 error.</p>"
                                                            "<blockquote><p>Page not found</p></blockquote>" +
                                                            prose(2)),
                    "text/html; charset=utf-8");
  });
  s.start();
  UrlCheck heading = check_one(s.url("/heading"));
  CHECK(heading.status == LinkStatus::Soft404);
  CHECK(heading.error.find("could not be found") != std::string::npos);
  UrlCheck short_page = check_one(s.url("/short"));
  CHECK(short_page.status == LinkStatus::Soft404);
  CHECK(short_page.error.find("We couldn't find that page") != std::string::npos);
  CHECK(check_one(s.url("/ru")).status == LinkStatus::Soft404);
  UrlCheck article = check_one(s.url("/article"));
  CHECK(article.status == LinkStatus::Ok);
  CHECK(article.page_title == "Link rot in Caspian studies");
}

TEST_CASE("a Refresh header or a <meta http-equiv=refresh> is followed, and its destination judged",
          "[url_checker][verdicts]") {
  LoopbackServer s;
  s.server.Get("/article", [](const httplib::Request&, httplib::Response& res) { page(res, "Ports of the Caspian"); });
  s.server.Get("/gone", [](const httplib::Request&, httplib::Response& res) { res.status = 410; });
  s.server.Get("/header-refresh", [](const httplib::Request&, httplib::Response& res) {
    res.set_header("Refresh", "0; url=/gone");
    res.set_content("", "text/html");
  });
  s.server.Get("/meta-refresh", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(html("Redirecting", "<p>This page has moved.</p>",
                         "<meta http-equiv=\"Refresh\" content=\"0; URL='/old/missing.html'\">"),
                    "text/html");
  });
  s.server.Get("/meta-to-article", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(html("Moved", "<p>Moved.</p>", "<meta http-equiv=refresh content=\"1;url=article\">"), "text/html");
  });
  // Reloading itself (every five minutes, or to its own address) is no redirect.
  s.server.Get("/news", [&](const httplib::Request&, httplib::Response& res) {
    res.set_content(html("Caspian news", prose(1), "<meta http-equiv=refresh content=\"300\">"), "text/html");
  });
  s.server.Get("/self", [&](const httplib::Request&, httplib::Response& res) {
    res.set_content(html("Caspian news", prose(1), "<meta http-equiv=refresh content=\"5; url=" + s.url("/self") + "\">"),
                    "text/html");
  });
  s.server.Get("/ping", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(html("Ping", "<p>ping</p>", "<meta http-equiv=refresh content=\"0;url=/pong\">"), "text/html");
  });
  s.server.Get("/pong", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(html("Pong", "<p>pong</p>", "<meta http-equiv=refresh content=\"0;url=/ping\">"), "text/html");
  });
  s.server.Get(R"(/r/(\d+))", [](const httplib::Request& req, httplib::Response& res) {
    res.set_header("Refresh", "0;url=/r/" + std::to_string(std::stoi(req.matches[1]) + 1));
    res.set_content("<p>next</p>", "text/html");
  });
  s.server.Get("/js-refresh", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(html("Ports of the Caspian", "<p>x</p>", "<meta http-equiv=refresh content=\"0;url=javascript:void(0)\">"),
                    "text/html");
  });
  s.server.Get("/to-invalid", [](const httplib::Request&, httplib::Response& res) {
    res.set_header("Refresh", "0; url=http://journal.invalid/article");
    res.set_content("<p>moved</p>", "text/html");
  });
  s.start();

  UrlCheck header = check_one(s.url("/header-refresh"));
  CHECK(header.status == LinkStatus::Broken);
  CHECK(header.http_status == 410);
  CHECK(header.redirects == std::vector<std::string>{s.url("/gone")});
  CHECK(header.final_url == s.url("/gone"));
  UrlCheck meta = check_one(s.url("/meta-refresh"));
  CHECK(meta.status == LinkStatus::Broken);
  CHECK(meta.http_status == 404);
  CHECK(meta.redirects == std::vector<std::string>{s.url("/old/missing.html")});
  UrlCheck moved = check_one(s.url("/meta-to-article"));
  CHECK(moved.status == LinkStatus::Ok);  // a refresh is no permanent redirect
  CHECK(moved.final_url == s.url("/article"));
  CHECK(moved.page_title == "Ports of the Caspian");
  CHECK(check_one(s.url("/news")).status == LinkStatus::Ok);
  UrlCheck self = check_one(s.url("/self"));
  CHECK(self.status == LinkStatus::Ok);
  CHECK(self.redirects.empty());
  CHECK(s.count("GET", "/self") == 1);
  CHECK(check_one(s.url("/js-refresh")).status == LinkStatus::Ok);  // no address to follow
  UrlCheck loop = check_one(s.url("/ping"));
  CHECK(loop.status == LinkStatus::Broken);
  CHECK(loop.error.find("loop") != std::string::npos);
  // The same bound as Location redirects.
  UrlCheck endless = check_one(s.url("/r/0"));
  CHECK(endless.status == LinkStatus::Broken);
  CHECK(endless.error.find("more than 10 redirects") != std::string::npos);
  std::size_t hops = 0;
  for (const auto& seen : s.seen()) hops += seen.path.rfind("/r/", 0) == 0;
  CHECK(hops == 11);
  // The same rule before each hop as before the first request: a .invalid name is not asked.
  UrlCheck invalid = check_one(s.url("/to-invalid"));
  CHECK(invalid.status == LinkStatus::Broken);
  CHECK(invalid.error.find("RFC 6761") != std::string::npos);
}

TEST_CASE("a cookie-consent wall is unverifiable, a consent banner beside the page is not", "[url_checker][verdicts]") {
  LoopbackServer s;
  s.server.Get("/behind-consent", [&](const httplib::Request&, httplib::Response& res) {
    // As Google's and Yahoo's sites do: to a consent host, the page asked for in a parameter.
    res.set_redirect("http://consent.localhost:" + std::to_string(s.port()) +
                         "/ml?continue=" + percent_encode(s.url("/behind-consent")) + "&gl=AZ",
                     302);
  });
  s.server.Get("/ml", [](const httplib::Request&, httplib::Response& res) { page(res, "Before you continue"); });
  const std::string dialog =
      "<div id=\"onetrust-consent-sdk\"><div id=\"onetrust-banner-sdk\"><h2>We value your privacy</h2>"
      "<p>We and our partners store and access information on your device, such as cookies, and process "
      "personal data for personalised advertising and content, measurement and audience research.</p>"
      "<button>Accept all</button><button>Reject all</button><button>Manage choices</button></div></div>";
  s.server.Get("/wall", [&](const httplib::Request&, httplib::Response& res) {
    res.set_content(html("Caspian Studies", "<div id=app></div>" + dialog), "text/html; charset=utf-8");
  });
  s.server.Get("/article-with-banner", [&](const httplib::Request&, httplib::Response& res) {
    res.set_content(html("Ports of the Caspian", "<h1>Ports of the Caspian</h1>" + prose(3) + dialog),
                    "text/html; charset=utf-8");
  });
  s.start();
  UrlCheck redirected = check_one(s.url("/behind-consent"));
  CHECK(redirected.status == LinkStatus::Unverifiable);
  CHECK(redirected.error.find("cookie-consent") != std::string::npos);
  CHECK(s.count("GET", "/ml") == 0);  // nothing to learn there
  UrlCheck wall = check_one(s.url("/wall"));
  CHECK(wall.status == LinkStatus::Unverifiable);
  CHECK(wall.error.find("cookie-consent wall") != std::string::npos);
  CHECK(check_one(s.url("/article-with-banner")).status == LinkStatus::Ok);
}

TEST_CASE("204 No Content is broken unless --accept names it", "[url_checker][verdicts]") {
  LoopbackServer s;
  s.server.Get("/empty", [](const httplib::Request&, httplib::Response& res) { res.status = 204; });
  s.start();
  UrlCheck c = check_one(s.url("/empty"));
  CHECK(c.status == LinkStatus::Broken);
  CHECK(c.http_status == 204);
  CHECK(c.error.find("204 No Content") != std::string::npos);
  ResolverOptions o = loopback_options();
  o.accept = AcceptedStatuses::parse("200..=299");
  CHECK(check_one(s.url("/empty"), o).status == LinkStatus::Ok);
}
