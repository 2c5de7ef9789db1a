// Tests for resolvers/html_page.cpp: the title and citation metadata of a fetched page in any
// charset, and whether the page — served with 200 — is really a "not found" notice, a bot
// challenge or a sign-in form. Pages in legacy charsets are encoded here with ICU from the
// real text, so each case shows the words a reader would see.
#include <catch2/catch.hpp>

#include <unicode/ucnv.h>
#include <unicode/unistr.h>

#include <memory>
#include <string>

#include "resolvers/html_page.hpp"

using namespace citecheck;

namespace {

// `utf8` encoded in `charset` (windows-1256, koi8-r, gbk, …).
std::string encode(const std::string& utf8, const char* charset) {
  UErrorCode err = U_ZERO_ERROR;
  std::unique_ptr<UConverter, decltype(&ucnv_close)> cnv(ucnv_open(charset, &err), &ucnv_close);
  REQUIRE(U_SUCCESS(err));
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(utf8);
  std::string out(static_cast<std::size_t>(u.length()) * 4 + 16, '\0');
  int32_t n = u.extract(out.data(), static_cast<int32_t>(out.size()), cnv.get(), err);
  REQUIRE(U_SUCCESS(err));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

std::string page_titled(const std::string& title, const std::string& body = "<p>Text.</p>") {
  return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + title + "</title></head><body>" + body +
         "</body></html>";
}

PageSignals read_utf8(const std::string& html) { return read_page(html, "text/html; charset=utf-8"); }

bool soft_404(const std::string& title) { return read_utf8(page_titled(title)).says_not_found; }

// A long article body: a page with real content.
std::string article_body() {
  std::string body = "<article><h1>Ports of the Caspian</h1>";
  for (int i = 0; i < 40; ++i)
    body += "<p>The ports of the Caspian Sea grew with the oil trade of Baku and the caviar trade of Astrakhan.</p>";
  return body + "</article>";
}

}  // namespace

TEST_CASE("the title with character references decoded and white space collapsed", "[resolvers][html_page]") {
  auto page = read_utf8(page_titled("  Trade &amp; Empire:\n\t &#1575;&#1604;&#1576;&#1581;&#1585; &#x10D0;&#x10D1;&nbsp;&mdash; 1900  "));
  REQUIRE(page.title);
  CHECK(*page.title == "Trade & Empire: البحر აბ — 1900");
  CHECK_FALSE(page.citation_title);
  CHECK_FALSE(page.says_not_found);
  CHECK_FALSE(page.bot_challenge);
  CHECK_FALSE(page.login_page);
}

TEST_CASE("malformed character references are kept as written", "[resolvers][html_page]") {
  CHECK(decode_html_entities("R&D &unknown; &#; AT&T &lt&gt") == "R&D &unknown; &#; AT&T <>");
  CHECK(decode_html_entities("&#0; &#xD800; &#x110000;") == "\xEF\xBF\xBD \xEF\xBF\xBD \xEF\xBF\xBD");
}

TEST_CASE("every named reference of the HTML standard is decoded, not a short list", "[resolvers][html_page]") {
  // A Croatian journal page (Hrčak) writes its letters as named references.
  auto page = read_utf8(page_titled("Lu&ccaron;ki promet na Jadranu &ndash; &Dstrok;ur&dstrok;evi&cacute;, "
                                    "&Scaron;tefan | Hr&ccaron;ak"));
  CHECK(page.title == "Lučki promet na Jadranu – Đurđević, Štefan | Hrčak");
  CHECK(decode_html_entities("Ko&ccaron;ar &amp; Br&ouml;del &rarr; &eth;&thorn; &NotEqualTilde;") ==
        "Kočar & Brödel → ðþ ≂̸");
}

TEST_CASE("numeric references 128 to 159 are windows-1252 characters, as the HTML standard maps them", "[resolvers][html_page]") {
  // Pages converted from Word write its curly quotes and dashes as &#146; &#147; &#148; &#150;.
  auto page = read_utf8(page_titled("Women&#146;s suffrage in Georgia &#150; &#147;a forgotten chapter&#148;"));
  CHECK(page.title == "Women’s suffrage in Georgia – “a forgotten chapter”");
  CHECK(decode_html_entities("&#128; &#x92; &#x9F;") == "€ ’ Ÿ");
}

TEST_CASE("a <meta charset> inside a comment or a script is no declaration", "[resolvers][html_page]") {
  // IE's conditional comments: the commented <meta> must not decide how the page is read.
  std::string ar = "<html><head><!--[if lt IE 9]><meta charset=\"utf-8\"><![endif]-->"
                   "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1256\">"
                   "<title>موانئ بحر قزوين</title></head><body><p>نص.</p></body></html>";
  CHECK(read_page(encode(ar, "windows-1256"), "text/html").title == "موانئ بحر قزوين");

  // A UTF-8 page whose only windows-1251 <meta> is commented out is read as UTF-8, not as mojibake.
  std::string ru = "<html><head><!-- old template: <meta charset=\"windows-1251\"> -->"
                   "<title>Порты Каспийского моря</title></head><body></body></html>";
  CHECK(read_page(ru, "text/html").title == "Порты Каспийского моря");

  std::string script = "<html><head><script>document.write('<meta charset=\"koi8-r\">');</script>"
                       "<meta charset=\"windows-1251\"><title>Порты Каспия</title></head></html>";
  CHECK(read_page(encode(script, "windows-1251"), "").title == "Порты Каспия");
}

TEST_CASE("a title inside a comment or a script is not the page's title", "[resolvers][html_page]") {
  auto page = read_utf8("<html><head><!-- <title>Page not found</title> -->"
                        "<script>var t = '<title>404</title>';</script>"
                        "<title>Ports of the Caspian</title></head><body><p>Text.</p></body></html>");
  CHECK(page.title == "Ports of the Caspian");
  CHECK_FALSE(page.says_not_found);
}

TEST_CASE("citation_title is preferred to dc.title and og:title", "[resolvers][html_page]") {
  std::string head =
      "<html><head><meta property=\"og:title\" content=\"OG title\">"
      "<meta name=\"DC.Title\" content=\"DC title\">"
      "<meta name=\"citation_title\" content=\"Ports of the Caspian: &lt;i&gt;a survey&lt;/i&gt;\">"
      "<title>Ports | Journal</title></head><body></body></html>";
  auto page = read_utf8(head);
  CHECK(page.citation_title == "Ports of the Caspian: <i>a survey</i>");
  CHECK(page.title == "Ports | Journal");

  auto dc = read_utf8("<html><head><meta content='DC title' name='dc.title'><meta property='og:title' content='OG'></head>");
  CHECK(dc.citation_title == "DC title");
  auto og = read_utf8("<html><head><meta property=og:title content=\"Порты Каспия\"></head>");
  CHECK(og.citation_title == "Порты Каспия");
}

TEST_CASE("an SVG icon's <title> is not the page's", "[resolvers][html_page]") {
  auto page = read_utf8("<html><head></head><body><svg><title>Search</title></svg><h1>x</h1></body></html>");
  CHECK_FALSE(page.title);
}

TEST_CASE("pages in legacy charsets are read as UTF-8", "[resolvers][html_page]") {
  std::string arabic = "موانئ بحر قزوين";
  auto a = read_page(encode(page_titled(arabic), "windows-1256"), "text/html; charset=windows-1256");
  CHECK(a.title == arabic);

  std::string russian = "Порты Каспийского моря";
  auto r = read_page(encode(page_titled(russian), "windows-1251"), "text/html; charset=\"Windows-1251\"");
  CHECK(r.title == russian);
  auto k = read_page(encode(page_titled(russian), "koi8-r"), "text/html;charset=KOI8-R");
  CHECK(k.title == russian);

  std::string chinese = "里海港口研究";
  auto g = read_page(encode(page_titled(chinese), "gbk"), "text/html; charset=gb2312");
  CHECK(g.title == chinese);

  std::string greek = "Τα λιμάνια της Κασπίας";
  auto el = read_page(encode(page_titled(greek), "iso-8859-7"), "text/html; charset=iso-8859-7");
  CHECK(el.title == greek);
}

TEST_CASE("the charset a page declares in <meta> when the header gives none", "[resolvers][html_page]") {
  std::string html = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1256\">"
                     "<title>الصفحة غير موجودة</title></head></html>";
  auto page = read_page(encode(html, "windows-1256"), "text/html");
  CHECK(page.title == "الصفحة غير موجودة");
  CHECK(page.says_not_found);

  std::string ru = "<html><head><meta charset='koi8-r'><title>Страница не найдена</title></head></html>";
  CHECK(read_page(encode(ru, "koi8-r"), "").title == "Страница не найдена");
}

TEST_CASE("an undeclared legacy charset is detected", "[resolvers][html_page]") {
  std::string text;
  for (int i = 0; i < 6; ++i) text += "Это статья о портах Каспийского моря и о торговле нефтью в Баку. ";
  std::string html = "<html><head><title>Порты Каспийского моря</title></head><body><p>" + text + "</p></body></html>";
  auto page = read_page(encode(html, "windows-1251"), "text/html");
  CHECK(page.title == "Порты Каспийского моря");
}

TEST_CASE("a Latin-1 header on a page that is plainly UTF-8", "[resolvers][html_page]") {
  auto page = read_page(page_titled("Gürcistan'ın limanları"), "text/html; charset=ISO-8859-1");
  CHECK(page.title == "Gürcistan'ın limanları");
}

TEST_CASE("UTF-16 pages with a byte-order mark", "[resolvers][html_page]") {
  std::string html = encode("<html><head><title>გვერდი ვერ მოიძებნა</title></head></html>", "UTF-16LE");
  auto page = read_page("\xFF\xFE" + html, "text/html");
  CHECK(page.title == "გვერდი ვერ მოიძებნა");
  CHECK(page.says_not_found);
}

TEST_CASE("a prefix cut mid-tag or mid-character, and invalid bytes, do not break reading", "[resolvers][html_page]") {
  std::string html = page_titled("Порты Каспия", article_body());
  for (std::size_t cut : {std::size_t{0}, std::size_t{5}, std::size_t{60}, std::size_t{75}, std::size_t{90},
                          std::size_t{101}, html.size() / 2, html.size() - 3})
    read_page(std::string_view(html).substr(0, cut), "text/html; charset=utf-8");
  auto cut_title = read_page(std::string_view(html).substr(0, html.find("</title>") - 1), "text/html");
  REQUIRE(cut_title.title);
  CHECK(cut_title.title->find("Порты") == 0);

  auto bad = read_page("<title>Bad \xC3\x28 bytes \xFF\xFE here</title><meta name=\"citation_title\" content=\"x",
                       "text/html; charset=utf-8");
  REQUIRE(bad.title);
  CHECK(bad.title->find("Bad") == 0);
  CHECK(bad.title->find("here") != std::string::npos);
  read_page("<meta charset=\"no-such-charset\"><title>t</title><a href='", "text/html");
  read_page("<title>&#x", "text/html");
  read_page("<", "text/html; charset=utf-16");
}

TEST_CASE("HTML is recognised by its type or by its first tag", "[resolvers][html_page]") {
  CHECK(is_html("text/html", ""));
  CHECK(is_html("Text/HTML; charset=UTF-8", ""));
  CHECK(is_html("application/xhtml+xml", ""));
  CHECK(is_html("", "<!DOCTYPE html><html>"));
  CHECK(is_html("application/octet-stream", "\xEF\xBB\xBF  <!-- generated -->\n<HTML lang=\"ar\">"));
  CHECK(is_html("text/plain", "<?xml version=\"1.0\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\">"));
  CHECK_FALSE(is_html("application/pdf", "%PDF-1.7"));
  CHECK_FALSE(is_html("image/png", "<html>"));
  CHECK_FALSE(is_html("text/plain", "A plain text with <html> inside"));
  CHECK_FALSE(is_html("application/json", "{\"title\": \"x\"}"));
  CHECK_FALSE(is_html("", "<htmlish>"));
}

TEST_CASE("English soft-404 titles", "[resolvers][html_page]") {
  CHECK(soft_404("Page Not Found"));
  CHECK(soft_404("Page not found | Journal of Caspian Studies"));
  CHECK(soft_404("Journal of Caspian Studies: Page not found"));
  CHECK(soft_404("404 Not Found"));
  CHECK(soft_404("Error 404 (Not Found)!!1"));
  CHECK(soft_404("404 - Page not found"));
  CHECK(soft_404("Oops! That page can&rsquo;t be found. &ndash; Caspian Review"));
  CHECK(soft_404("This page isn't available"));
  CHECK(soft_404("Not Found"));
  CHECK(soft_404("The Caspian Review | 404"));
}

TEST_CASE("soft-404 titles in other scripts and languages", "[resolvers][html_page]") {
  CHECK(soft_404("خطأ 404 - الصفحة غير موجودة"));
  CHECK(soft_404("خطأ ٤٠٤"));
  CHECK(soft_404("لم يتم العثور على الصفحة | جامعة بغداد"));
  CHECK(soft_404("صفحه مورد نظر یافت نشد"));
  CHECK(soft_404("Страница не найдена — КиберЛенинка"));
  CHECK(soft_404("Ошибка 404"));
  CHECK(soft_404("Сторінку не знайдено"));
  CHECK(soft_404("გვერდი ვერ მოიძებნა - თსუ"));
  CHECK(soft_404("Էջը չի գտնվել"));
  CHECK(soft_404("SAYFA BULUNAMADI"));
  CHECK(soft_404("Səhifə tapılmadı"));
  CHECK(soft_404("Seite nicht gefunden - Universität Hamburg"));
  CHECK(soft_404("Page non trouvée"));
  CHECK(soft_404("Página no encontrada"));
  CHECK(soft_404("Página não encontrada"));
  CHECK(soft_404("Pagina non trovata"));
  CHECK(soft_404("הדף לא נמצא"));
  CHECK(soft_404("Η ΣΕΛΙΔΑ ΔΕΝ ΒΡΕΘΗΚΕ"));
  CHECK(soft_404("页面不存在_百度知道"));
  CHECK(soft_404("您访问的页面不存在"));
  CHECK(soft_404("ページが見つかりませんでした | 東京大学"));
  CHECK(soft_404("페이지를 찾을 수 없습니다"));
  CHECK(soft_404("Nie znaleziono strony"));
  CHECK(soft_404("Pagina niet gevonden"));
  CHECK(soft_404("Stránka nenalezena"));
}

TEST_CASE("article titles that begin with not-found words are not soft 404s", "[resolvers][html_page]") {
  CHECK_FALSE(soft_404("Not Found: the missing children of the Caspian ports"));
  CHECK_FALSE(soft_404("404 Not Found Records: a history"));
  CHECK_FALSE(soft_404("Lost and Not Found | Journal of Caspian Studies"));
  CHECK_FALSE(soft_404("Page not found: link rot in legal scholarship"));
  CHECK_FALSE(soft_404("Страница не найдена: исчезающие ссылки в науке"));
  CHECK_FALSE(soft_404("الصفحة غير موجودة: دراسة في روابط المراجع"));
  CHECK_FALSE(soft_404("Room 404 | Hotel Baku"));
  CHECK_FALSE(soft_404("Found and lost in Baku"));
  CHECK_FALSE(soft_404("Ports of the Caspian"));
}

TEST_CASE("a heading that says not found under a generic title", "[resolvers][html_page]") {
  auto page = read_utf8(page_titled("Journal of Caspian Studies", "<div><h1 class='err'>Not <b>Found</b></h1>"
                                                                  "<p>The requested URL was not found.</p></div>"));
  CHECK(page.says_not_found);
  auto ka = read_utf8(page_titled("საქართველოს ისტორია", "<h1>გვერდი არ არსებობს</h1>"));
  CHECK(ka.says_not_found);
}

TEST_CASE("a work's page with citation metadata is never a soft 404", "[resolvers][html_page]") {
  std::string html = "<html><head><meta name=\"citation_title\" content=\"Page Not Found\">"
                     "<title>Page Not Found | Journal of Web Archiving</title></head><body>" + article_body() + "</body></html>";
  auto page = read_utf8(html);
  CHECK_FALSE(page.says_not_found);
  CHECK(page.citation_title == "Page Not Found");
}

TEST_CASE("sign-in pages in several languages", "[resolvers][html_page]") {
  CHECK(read_utf8(page_titled("Sign In | Wiley Online Library")).login_page);
  CHECK(read_utf8(page_titled("Log in - ResearchGate")).login_page);
  CHECK(read_utf8(page_titled("Вход")).login_page);
  CHECK(read_utf8(page_titled("შესვლა")).login_page);
  CHECK(read_utf8(page_titled("تسجيل الدخول - المكتبة الرقمية")).login_page);
  CHECK(read_utf8(page_titled("ورود به سامانه")).login_page);
  CHECK(read_utf8(page_titled("Anmelden")).login_page);
  CHECK(read_utf8(page_titled("Connexion")).login_page);
  CHECK(read_utf8(page_titled("ログイン")).login_page);
  CHECK(read_utf8(page_titled("Portal", "<form action='/auth'><input name=u><input type=\"PASSWORD\" name=p></form>")).login_page);
}

TEST_CASE("pages that merely mention signing in are not sign-in pages", "[resolvers][html_page]") {
  CHECK_FALSE(read_utf8(page_titled("Signing in to the future: identity on the web")).login_page);
  CHECK_FALSE(read_utf8(page_titled("Login: a history of passwords")).login_page);
  std::string article = "<html><head><meta name=\"citation_title\" content=\"Ports of the Caspian\">"
                        "<title>Ports of the Caspian</title></head><body>" + article_body() +
                        "<aside><form><input type=password></form></aside></body></html>";
  CHECK_FALSE(read_utf8(article).login_page);
}

TEST_CASE("bot challenge pages", "[resolvers][html_page]") {
  CHECK(read_utf8("<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>"
                  "<script>window._cf_chl_opt={cvId: '3'};</script></body></html>").bot_challenge);
  CHECK(read_utf8(page_titled("Attention Required! | Cloudflare")).bot_challenge);
  CHECK(read_utf8(page_titled("Один момент…", "<div id=\"cf-chl-widget\"></div>")).bot_challenge);
  CHECK(read_utf8("<html><head><title>journal.example.org</title></head><body>"
                  "<script src=\"https://ct.captcha-delivery.com/c.js\"></script></body></html>").bot_challenge);
  CHECK(read_utf8(page_titled("Access Denied", "You don't have permission to access this server. Reference #18.2f")).bot_challenge);
  CHECK(read_utf8(page_titled("Access to this page has been denied", "<div id=\"px-captcha\"></div>")).bot_challenge);
  CHECK(read_utf8(page_titled("Checking your browser before accessing example.org")).bot_challenge);
  CHECK(read_utf8(page_titled("Verification", "<form method=post><div class=\"g-recaptcha\" data-sitekey=k></div></form>")).bot_challenge);
  auto challenge = read_utf8(page_titled("Page not found", "<div class=cf-chl-x></div>"));
  CHECK(challenge.bot_challenge);
  CHECK_FALSE(challenge.says_not_found);  // a challenge says nothing of the page behind it
}

TEST_CASE("ordinary pages with a captcha in a comment form are no challenge", "[resolvers][html_page]") {
  std::string html = "<html><head><title>Ports of the Caspian | Blog</title></head><body>" + article_body() +
                     "<form id=comments><textarea></textarea><div class=\"g-recaptcha\"></div></form></body></html>";
  CHECK_FALSE(read_utf8(html).bot_challenge);
  CHECK_FALSE(read_utf8(page_titled("Just a moment: essays on time in Persian poetry")).bot_challenge);
  // Cloudflare's bot scripts on an ordinary page.
  CHECK_FALSE(read_utf8(page_titled("Ports", "<script src=\"/cdn-cgi/challenge-platform/scripts/jsd/main.js\"></script>" +
                                                 article_body())).bot_challenge);
}

TEST_CASE("a not-found notice in the text: in an <h2> on any page, in a paragraph only on a short page",
          "[resolvers][html_page]") {
  auto h2 = read_utf8(page_titled("Journal of Caspian Studies", "<h2>This page doesn't exist</h2>" + article_body()));
  CHECK(h2.says_not_found);
  CHECK(h2.not_found_text == "This page doesn't exist");
  auto paragraph = read_utf8(page_titled("Journal of Caspian Studies",
                                         "<div><p>Sorry, the page you are looking for does not exist.</p>"
                                         "<p>Go back to the <a href=/>front page</a>.</p></div>"));
  CHECK(paragraph.says_not_found);
  CHECK(paragraph.not_found_text == "Sorry, the page you are looking for does not exist.");
  CHECK(read_utf8(page_titled("Kaspi", "<main><p>Sayfa bulunamadı</p></main>")).says_not_found);
  // A long article: the phrase in a sentence, and on its own in a quotation, tells nothing.
  CHECK_FALSE(read_utf8(page_titled("Link rot", article_body() + "<p>One link in five now shows \"page not found\".</p>"
                                                                 "<blockquote>Page not found</blockquote>"))
                  .says_not_found);
  // A short page whose words only resemble a notice.
  CHECK_FALSE(read_utf8(page_titled("Room 404", "<p>Room 404, second floor: not found on the old map.</p>")).says_not_found);
}

TEST_CASE("a cookie-consent wall is a page that is nearly all consent dialog", "[resolvers][html_page]") {
  const std::string dialog = "<div id=\"CybotCookiebotDialog\"><h2>This website uses cookies</h2><p>We use cookies to "
                             "personalise content and ads and to analyse our traffic.</p><button>Allow all</button></div>";
  CHECK(read_utf8(page_titled("Caspian Studies", "<div id=root></div>" + dialog)).consent_wall);
  CHECK(read_utf8(page_titled("Before you continue",
                              "<form action=\"https://consent.google.com/save\" method=post><p>We use cookies and data "
                              "to deliver and maintain services</p><button>Accept all</button></form>"))
            .consent_wall);
  // The same dialog beside an article: a banner, not a wall.
  auto banner = read_utf8(page_titled("Ports of the Caspian", article_body() + dialog));
  CHECK_FALSE(banner.consent_wall);
  CHECK_FALSE(read_utf8(page_titled("Cookie consent in the EU", article_body())).consent_wall);
}

TEST_CASE("refresh values as the HTML standard reads them", "[resolvers][html_page]") {
  auto r = parse_refresh("0; url=/new-page");
  REQUIRE(r);
  CHECK(r->delay == 0);
  CHECK(r->url == "/new-page");
  CHECK(parse_refresh("5;URL='https://example.org/a b'")->url == "https://example.org/a b");
  CHECK(parse_refresh("  3 , url = \"next.html\" ")->url == "next.html");
  CHECK(parse_refresh("1;https://example.org/x")->url == "https://example.org/x");
  CHECK(parse_refresh("0.5; url=/x")->delay == 0);
  auto reload = parse_refresh("300");
  REQUIRE(reload);
  CHECK(reload->delay == 300);
  CHECK(reload->url.empty());
  CHECK_FALSE(parse_refresh("url=/x"));
  CHECK_FALSE(parse_refresh("5 url=/x"));
  CHECK_FALSE(parse_refresh(""));
  auto page = read_utf8("<html><head><meta http-equiv=\"REFRESH\" content=\"0;URL=/moved\"><title>Moved</title></head></html>");
  REQUIRE(page.refresh);
  CHECK(page.refresh->url == "/moved");
  // For browsers without JavaScript only: not where the page goes.
  CHECK_FALSE(read_utf8("<html><head><title>App</title><noscript><meta http-equiv=refresh content=\"0;url=/nojs\">"
                        "</noscript></head><body><p>x</p></body></html>")
                  .refresh);
}
