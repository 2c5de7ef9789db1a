// Verdicts on URLs served by a loopback server: HEAD then GET, redirect chains, loops,
// soft 404s (by redirect and by title), robots refused, dead links.
#include <catch2/catch.hpp>

#include "loopback_server.hpp"
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

TEST_CASE("a page that answers 200 is ok and its title is read", "[url_checker]") {
  Site site;
  UrlCheck c = check_one(site.s.url("/article"));
  CHECK(c.status == LinkStatus::Ok);
  CHECK(c.http_status == 200);
  CHECK(c.page_title == "Ports of the Caspian");
  CHECK(site.s.count("HEAD", "/article") == 1);
  CHECK(site.s.count("GET", "/article") == 1);
}

TEST_CASE("a PDF is judged by HEAD alone", "[url_checker]") {
  Site site;
  UrlCheck c = check_one(site.s.url("/pdf"));
  CHECK(c.status == LinkStatus::Ok);
  CHECK(site.s.count("GET", "/pdf") == 0);
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

TEST_CASE("a 500 that stays a 500 is a server error after the retries", "[url_checker]") {
  Site site;
  UrlCheck c = check_one(site.s.url("/mars"));
  CHECK(c.status == LinkStatus::ServerError);
  CHECK(c.http_status == 500);
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
