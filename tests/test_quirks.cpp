// Tests for resolvers/quirks.cpp: answers that mean "a robot was refused", sign-in and
// cookie-consent redirects and redirects to a site's front page.
#include <catch2/catch.hpp>

#include <map>
#include <string>

#include "resolvers/quirks.hpp"

using namespace citecheck;

using Headers = std::map<std::string, std::string>;

TEST_CASE("statuses that say a robot was refused, not that the link is broken", "[resolvers][quirks]") {
  CHECK(unverifiable_reason(999, {}, "www.linkedin.com") == "LinkedIn refuses robots (999)");
  CHECK(unverifiable_reason(401, {}, "portal.example.org") == "login required (401)");
  CHECK(unverifiable_reason(406, {}, "journal.example.org") ==
        "the server refuses robots (406 Not Acceptable, to a browser's Accept headers too)");
  CHECK(unverifiable_reason(403, {}, "journal.example.org") == "the server refuses robots (403)");
  CHECK(unverifiable_reason(403, {{"server", "cloudflare"}}, "example.org") == "Cloudflare refuses robots (403)");
  CHECK(unverifiable_reason(403, {{"server", "AkamaiGHost"}}, "example.org") == "Akamai refuses robots (403)");
  CHECK(unverifiable_reason(429, {}, "api.example.org") == "rate limited (429)");
  CHECK(unverifiable_reason(429, {{"retry-after", "120"}}, "api.example.org") == "rate limited (429, retry after 120 s)");
}

TEST_CASE("bot-protection headers are recognised", "[resolvers][quirks]") {
  CHECK(unverifiable_reason(403, {{"cf-mitigated", "challenge"}}, "example.org") == "Cloudflare bot challenge");
  CHECK(unverifiable_reason(200, {{"cf-mitigated", "challenge"}}, "example.org") == "Cloudflare bot challenge");
  CHECK(unverifiable_reason(405, {{"x-amzn-waf-action", "captcha"}}, "example.org") == "AWS WAF captcha");
  CHECK(unverifiable_reason(403, {{"x-datadome", "protected"}}, "example.org") == "DataDome bot protection (403)");
  CHECK(unverifiable_reason(403, {{"server", "DataDome"}}, "example.org") == "DataDome bot protection (403)");
  // DataDome marks ordinary pages too: a 200 behind it is a page.
  CHECK_FALSE(unverifiable_reason(200, {{"x-datadome", "protected"}}, "example.org"));
}

TEST_CASE("answers that can be trusted have no unverifiable reason", "[resolvers][quirks]") {
  CHECK_FALSE(unverifiable_reason(200, {{"server", "nginx"}}, "example.org"));
  CHECK_FALSE(unverifiable_reason(404, {{"server", "cloudflare"}}, "example.org"));
  CHECK_FALSE(unverifiable_reason(410, {}, "example.org"));
  CHECK_FALSE(unverifiable_reason(500, {}, "example.org"));
  CHECK_FALSE(unverifiable_reason(301, {}, "example.org"));
}

TEST_CASE("redirects to sign-in pages", "[resolvers][quirks]") {
  CHECK(is_login_url("https://www.jstor.org/login"));
  CHECK(is_login_url("https://example.org/signin?next=/article/5"));
  CHECK(is_login_url("https://example.org/sign-in"));
  CHECK(is_login_url("https://example.org/users/sign_in"));
  CHECK(is_login_url("https://example.org/accounts/login/?next=/x"));
  CHECK(is_login_url("https://example.org/auth/realms/main/protocol/openid-connect"));
  CHECK(is_login_url("https://example.org/sso/start"));
  CHECK(is_login_url("https://blog.example.org/wp-login.php?redirect_to=%2Fpost"));
  CHECK(is_login_url("https://idp.university.edu/idp/profile/SAML2/Redirect/SSO"));
  CHECK(is_login_url("https://journal.example.org/Shibboleth.sso/Login?target=x"));
  CHECK(is_login_url("https://www.tandfonline.com/action/showLogin?uri=%2Fdoi%2Ffull%2F10.1080%2F1"));
  CHECK(is_login_url("https://portal.example.org/Account/LoginPage.aspx"));
  CHECK(is_login_url("https://example.org/gate?returnUrl=%2Fpaper%2F12"));
  CHECK(is_login_url("https://login.microsoftonline.com/common/oauth2/authorize"));
  CHECK(is_login_url("https://accounts.google.com/ServiceLogin?continue=x"));
  CHECK(is_login_url("/login?next=%2Fdoc"));
}

TEST_CASE("ordinary pages are not sign-in pages", "[resolvers][quirks]") {
  CHECK_FALSE(is_login_url("https://example.org/authors/smith"));
  CHECK_FALSE(is_login_url("https://example.org/article/authentic-voices"));
  CHECK_FALSE(is_login_url("https://www.loginov.ru/articles/12"));
  CHECK_FALSE(is_login_url("https://doi.org/10.1080/00263206.2019.1234567"));
  CHECK_FALSE(is_login_url("https://example.org/blog/logistics"));
  CHECK_FALSE(is_login_url("https://example.org/search?q=login"));
}

TEST_CASE("front pages and language roots", "[resolvers][quirks]") {
  CHECK(is_site_root("https://example.org"));
  CHECK(is_site_root("https://example.org/"));
  CHECK(is_site_root("https://Example.org:8443/"));
  CHECK(is_site_root("https://example.org/index.html"));
  CHECK(is_site_root("https://example.org/index.php"));
  CHECK(is_site_root("https://example.org/en/"));
  CHECK(is_site_root("https://example.org/ar"));
  CHECK(is_site_root("https://example.org/ka/"));
  CHECK(is_site_root("https://example.org/pt-br/"));
  CHECK(is_site_root("https://example.org/en/index.html"));
  CHECK(is_site_root("https://example.org/?lang=ar"));
  CHECK(is_site_root("https://example.org/#top"));
  CHECK(is_site_root("/"));
}

TEST_CASE("pages below the front page are not site roots", "[resolvers][quirks]") {
  CHECK_FALSE(is_site_root("https://example.org/article/12"));
  CHECK_FALSE(is_site_root("https://example.org/en/article/12"));
  CHECK_FALSE(is_site_root("https://example.org/doi/"));
  CHECK_FALSE(is_site_root("https://example.org/pdf"));
  CHECK_FALSE(is_site_root("https://example.org/?p=123"));
  CHECK_FALSE(is_site_root("https://example.org/search?q=caspian"));
  CHECK_FALSE(is_site_root("https://example.org/xx/"));
}

TEST_CASE("cookie-consent redirects: a consent host or path carrying the page to go on to", "[resolvers][quirks]") {
  CHECK(is_consent_url("https://consent.google.com/ml?continue=https://www.google.com/maps/place/Baku&gl=AZ&hl=az"));
  CHECK(is_consent_url("https://consent.youtube.com/m?continue=https%3A%2F%2Fwww.youtube.com%2Fwatch%3Fv%3Dabc"));
  CHECK(is_consent_url("https://guce.yahoo.com/consent?brandType=eu&done=https%3A%2F%2Fnews.yahoo.com%2Fstory"));
  CHECK(is_consent_url("https://www.example.org/privacy/cookie-consent?redirect=https://www.example.org/a/5"));
  // Without the page to go on to, or on an ordinary host and path, it is no consent redirect.
  CHECK_FALSE(is_consent_url("https://consent.google.com/"));
  CHECK_FALSE(is_consent_url("https://consent.example.org/about?lang=en"));
  CHECK_FALSE(is_consent_url("https://www.example.org/articles/informed-consent?ref=https://other.example"));
  CHECK_FALSE(is_consent_url("https://www.example.org/search?q=https://consent"));
}
