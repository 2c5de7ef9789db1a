// Tests for parsers/identifiers.cpp: URLs, DOIs, e-mail addresses and ISBNs in text of any
// script, with their printed decoration (brackets, trailing punctuation, line wraps) removed.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "helpers.hpp"
#include "parsers/identifiers.hpp"

using namespace citecheck;

namespace {

// The only identifier of a text (fails the test when there is not exactly one).
FoundIdentifier only_identifier(const std::string& text) {
  auto ids = find_identifiers(text);
  REQUIRE(ids.size() == 1);
  return ids[0];
}

std::string printed(const std::string& text, const FoundIdentifier& id) {
  return text.substr(id.bytes.begin, id.bytes.end - id.bytes.begin);
}

}  // namespace

// --- URLs and their trailing punctuation ------------------------------------------------------

TEST_CASE("a URL at the end of a sentence loses the full stop") {
  std::string text = "Available at https://www.crisisgroup.org/europe-central-asia/caucasus.";
  auto id = only_identifier(text);
  CHECK(id.kind == LinkKind::Url);
  CHECK(id.value == "https://www.crisisgroup.org/europe-central-asia/caucasus");
  CHECK(id.syntax_ok);
}

TEST_CASE("a URL in Arabic text stops at the Arabic comma") {
  auto id = only_identifier("انظر الرابط https://www.aljazeera.net/news/2020/9/28، وكذلك التقرير");
  CHECK(id.value == "https://www.aljazeera.net/news/2020/9/28");
}

TEST_CASE("a URL ending an Arabic sentence loses the Arabic full stop") {
  auto id = only_identifier("متاح على الرابط https://example.org/ar/report۔");
  CHECK(id.value == "https://example.org/ar/report");
}

TEST_CASE("a URL in guillemets loses the closing »") {
  auto id = only_identifier("Источник: «https://ria.ru/20201110/karabakh.html»");
  CHECK(id.value == "https://ria.ru/20201110/karabakh.html");
}

TEST_CASE("a URL in Georgian typographic quotes loses the closing quote") {
  auto id = only_identifier("იხ. „https://civil.ge/archives/372939“");
  CHECK(id.value == "https://civil.ge/archives/372939");
}

TEST_CASE("a URL in parentheses loses the closing parenthesis and comma") {
  auto id = only_identifier("the report (https://www.osce.org/minsk-group), published");
  CHECK(id.value == "https://www.osce.org/minsk-group");
}

TEST_CASE("a URL keeps a closing parenthesis it opened itself") {
  auto id = only_identifier("See https://en.wikipedia.org/wiki/Shusha_(city).");
  CHECK(id.value == "https://en.wikipedia.org/wiki/Shusha_(city)");
}

TEST_CASE("a www. address without a scheme is a URL") {
  auto id = only_identifier("ვებგვერდი: www.parliament.ge/ge/law, 2019");
  CHECK(id.kind == LinkKind::Url);
  CHECK(id.value == "www.parliament.ge/ge/law");
}

TEST_CASE("a URL glued to Chinese text after a CJK character is found") {
  // Regression: a URL preceded by any letter is skipped ("xhttp://" is no URL start), but CJK
  // text has no spaces: "详见https://…" is the normal way to print a link in Chinese.
  // The scheme is lost: the value comes back as "www.gov.cn/zhengce/…" (found via "www.").
  auto id = only_identifier("详见https://www.gov.cn/zhengce/2020-12/01/content_5566.htm。");
  CHECK(id.value == "https://www.gov.cn/zhengce/2020-12/01/content_5566.htm");
}

TEST_CASE("a URL ending in a Chinese full stop loses it") {
  auto id = only_identifier("参见 https://www.gov.cn/zhengce/content_5566.htm。");
  CHECK(id.value == "https://www.gov.cn/zhengce/content_5566.htm");
}

TEST_CASE("a link in full-width brackets ends at them: （https://doi.org/…）") {
  CHECK(only_identifier("经济地理, 2015（https://doi.org/10.1234/abcd.5678）。").value == "10.1234/abcd.5678");
  CHECK(only_identifier("「https://example.org/a」を参照").value == "https://example.org/a");
  CHECK(only_identifier("【https://example.org/b】").value == "https://example.org/b");
}

TEST_CASE("a URL's byte range covers exactly the printed URL") {
  std::string text = "Moreau (https://example.org/a).";
  auto id = only_identifier(text);
  CHECK(printed(text, id) == "https://example.org/a");
}

TEST_CASE("a URL whose host has no dot is flagged as malformed") {
  auto id = only_identifier("Retrieved from https://intranet/reports/7 today");
  CHECK(id.kind == LinkKind::Url);
  CHECK_FALSE(id.syntax_ok);
}

// --- Angle brackets and line wraps ------------------------------------------------------------

TEST_CASE("angle brackets are removed from the value and included in the byte range") {
  std::string text = "مركز البحوث .\n<https://www.example.org/ar/research/turkey-caucasus-2022>\n";
  auto id = only_identifier(text);
  CHECK(id.value == "https://www.example.org/ar/research/turkey-caucasus-2022");
  CHECK(printed(text, id) == "<https://www.example.org/ar/research/turkey-caucasus-2022>");
}

TEST_CASE("a URL wrapped after a hyphen at a line end is re-joined") {
  std::string text = "Online: https://www.example.org/en/research/turkey-\ncaucasus-2022 (accessed 2023).";
  auto id = only_identifier(text);
  CHECK(id.value == "https://www.example.org/en/research/turkey-caucasus-2022");
  CHECK(id.wrapped);
  CHECK(printed(text, id) == "https://www.example.org/en/research/turkey-\ncaucasus-2022");
}

TEST_CASE("a URL wrapped after an underscore or an equals sign is re-joined") {
  auto a = only_identifier("https://www.example.org/files/annual_\nreport.pdf");
  CHECK(a.value == "https://www.example.org/files/annual_report.pdf");
  auto b = only_identifier("https://www.example.org/view?id=\n4512 next");
  CHECK(b.value == "https://www.example.org/view?id=4512");
}

TEST_CASE("a URL wrapped inside angle brackets is re-joined") {
  auto id = only_identifier("<https://www.example.org/a/very/long/\npath/file.pdf>");
  CHECK(id.value == "https://www.example.org/a/very/long/path/file.pdf");
  CHECK(id.wrapped);
}

TEST_CASE("a URL ending a line is not joined to the next line's words") {
  auto id = only_identifier("https://eurasianet.org/armenia-azerbaijan\nThe war lasted 44 days.");
  CHECK(id.value == "https://eurasianet.org/armenia-azerbaijan");
  CHECK_FALSE(id.wrapped);
}

TEST_CASE("a URL ending in a slash is not joined to an ordinary next word") {
  auto id = only_identifier("https://www.osce.org/\nAccessed 8 April 2022.");
  CHECK(id.value == "https://www.osce.org/");
  CHECK_FALSE(id.wrapped);
}

TEST_CASE("two URLs on consecutive lines stay two URLs") {
  auto ids = find_identifiers("https://example.org/a-\nhttps://example.org/b");
  REQUIRE(ids.size() == 2);
  CHECK(ids[0].value == "https://example.org/a-");
  CHECK(ids[1].value == "https://example.org/b");
}

TEST_CASE("a URL wrapped after a hyphen is not joined to Arabic text on the next line") {
  auto id = only_identifier("https://example.org/report-\nوهو تقرير مهم");
  CHECK(id.value == "https://example.org/report-");
  CHECK_FALSE(id.wrapped);
}

// --- DOIs ----------------------------------------------------------------------------------------

TEST_CASE("a DOI after doi: is found and lower-cased") {
  auto id = only_identifier("Energy Policy 148. doi:10.1016/J.ENPOL.2020.111930");
  CHECK(id.kind == LinkKind::Doi);
  CHECK(id.value == "10.1016/j.enpol.2020.111930");
  CHECK(id.syntax_ok);
}

TEST_CASE("a DOI after DOI: with a space is found without its label") {
  auto id = only_identifier("Maritime Studies 19 (2): 201-219. DOI: 10.1007/s40152-020-00170-4");
  CHECK(id.kind == LinkKind::Doi);
  CHECK(id.value == "10.1007/s40152-020-00170-4");
}

TEST_CASE("a https://doi.org/ URL is one DOI link, not a URL and a DOI") {
  auto id = only_identifier("https://doi.org/10.1080/09662839.2022.2000001.");
  CHECK(id.kind == LinkKind::Doi);
  CHECK(id.value == "10.1080/09662839.2022.2000001");
}

TEST_CASE("a dx.doi.org URL is a DOI link, lower-cased") {
  auto id = only_identifier("http://dx.doi.org/10.1177/0010836720954478X");
  CHECK(id.kind == LinkKind::Doi);
  CHECK(id.value == "10.1177/0010836720954478x");
}

TEST_CASE("a DOI inside a publisher's URL stays part of the URL") {
  auto id = only_identifier(
      "https://www.tandfonline.com/doi/full/10.1080/09662839.2022.2000001?utm_source=newsletter");
  CHECK(id.kind == LinkKind::Url);
}

TEST_CASE("a bare DOI at the end of an Arabic entry loses the full stop") {
  auto id = only_identifier("مجلة الدراسات الدولية، ١٠.١٢ . 10.1234/abcd.2020.77.");
  CHECK(id.kind == LinkKind::Doi);
  CHECK(id.value == "10.1234/abcd.2020.77");
}

TEST_CASE("a DOI wrapped after a hyphen at a line end is re-joined") {
  auto id = only_identifier("DOI: 10.1007/s40152-020-\n00170-4.");
  CHECK(id.value == "10.1007/s40152-020-00170-4");
  CHECK(id.wrapped);
}

TEST_CASE("doi: followed by something that is no DOI is a DOI link with syntax_ok false") {
  auto id = only_identifier("Caucasus Survey 8 (2). doi: 10.1234.");
  CHECK(id.kind == LinkKind::Doi);
  CHECK_FALSE(id.syntax_ok);
  CHECK_FALSE(id.problem.empty());
}

TEST_CASE("DOI: N/A is flagged, not taken for a DOI") {
  auto id = only_identifier("Journal of Eurasian Studies. DOI: N/A");
  CHECK(id.kind == LinkKind::Doi);
  CHECK_FALSE(id.syntax_ok);
}

TEST_CASE("normalise_doi strips doi:, DOI:, doi.org and dx.doi.org prefixes and lower-cases") {
  CHECK(normalise_doi("doi:10.1016/J.ENPOL.2020.111930") == "10.1016/j.enpol.2020.111930");
  CHECK(normalise_doi("DOI: 10.1007/S40152-020-00170-4") == "10.1007/s40152-020-00170-4");
  CHECK(normalise_doi("https://doi.org/10.1080/09662839.2022.2000001") == "10.1080/09662839.2022.2000001");
  CHECK(normalise_doi("http://dx.doi.org/10.1080/ABC") == "10.1080/abc");
  CHECK(normalise_doi("  10.1080/abc  ") == "10.1080/abc");
}

TEST_CASE("normalise_doi returns empty for what is no DOI") {
  CHECK(normalise_doi("N/A").empty());
  CHECK(normalise_doi("doi:10.12/abc").empty());  // registrant codes have 4 or more digits
  CHECK(normalise_doi("https://example.org/10.1234").empty());
}

TEST_CASE("normalise_doi drops a trailing full stop as printed at an entry's end") {
  // Regression: the header promises "DOI:10.1/ABC." → "10.1/abc"; the trailing '.' is kept.
  CHECK(normalise_doi("DOI:10.1234/ABC.") == "10.1234/abc");
}

// --- E-mail addresses ---------------------------------------------------------------------------

TEST_CASE("a plain e-mail address is found without the sentence's full stop") {
  auto id = only_identifier("Correspondence: k.yousef@example.edu.");
  CHECK(id.kind == LinkKind::Email);
  CHECK(id.value == "k.yousef@example.edu");
}

TEST_CASE("a mailto: link is one e-mail without the scheme and query") {
  auto id = only_identifier("mailto:editor@caucasus-survey.org?subject=Submission");
  CHECK(id.kind == LinkKind::Email);
  CHECK(id.value == "editor@caucasus-survey.org");
}

TEST_CASE("an e-mail next to Georgian text is found") {
  auto id = only_identifier("ავტორი: n.bakhtadze@tsu.ge, თბილისი");
  CHECK(id.kind == LinkKind::Email);
  CHECK(id.value == "n.bakhtadze@tsu.ge");
}

// --- ISBNs -------------------------------------------------------------------------------------

TEST_CASE("an ISBN-13 with a valid check digit") {
  auto id = only_identifier("London: Routledge. ISBN 978-0-306-40615-7.");
  CHECK(id.kind == LinkKind::Isbn);
  CHECK(id.value == "9780306406157");
  CHECK(id.syntax_ok);
}

TEST_CASE("an ISBN-13 with a wrong check digit is flagged") {
  auto id = only_identifier("ISBN: 978-0-306-40615-8");
  CHECK(id.kind == LinkKind::Isbn);
  CHECK_FALSE(id.syntax_ok);
  CHECK_FALSE(id.problem.empty());
}

TEST_CASE("an ISBN-10 ending in X is valid") {
  // 0·10 + 8·9 + 0·8 + 4·7 + 4·6 + 2·5 + 9·4 + 5·3 + 7·2 + 10·1 = 209 = 19·11
  auto id = only_identifier("ISBN-10: 0-8044-2957-x");
  CHECK(id.value == "080442957X");
  CHECK(id.syntax_ok);
}

TEST_CASE("isbn_checksum_ok for ISBN-10 and ISBN-13, hyphens and spaces ignored") {
  CHECK(isbn_checksum_ok("0-306-40615-2"));
  CHECK_FALSE(isbn_checksum_ok("0-306-40615-3"));
  CHECK(isbn_checksum_ok("978 0 306 40615 7"));
  CHECK_FALSE(isbn_checksum_ok("978-0-306-40615"));    // 12 digits
  CHECK_FALSE(isbn_checksum_ok("97803064061X7"));      // X only ends an ISBN-10
}

// --- Several identifiers, url_host ----------------------------------------------------------------

TEST_CASE("several identifiers of an entry come back in text order") {
  auto ids = find_identifiers(
      "Rahimov, Elnur. 2021. https://doi.org/10.1016/j.enpol.2020.111930 "
      "https://www.energy-policy.org/a ISBN 978-0-306-40615-7 e.rahimov@example.az");
  REQUIRE(ids.size() == 4);
  CHECK(ids[0].kind == LinkKind::Doi);
  CHECK(ids[1].kind == LinkKind::Url);
  CHECK(ids[2].kind == LinkKind::Isbn);
  CHECK(ids[3].kind == LinkKind::Email);
}

TEST_CASE("text without identifiers gives none") {
  CHECK(find_identifiers("შემდგომ, 2016 წლის 4-დღიანი ომი. G20, CO2.").empty());
  CHECK(find_identifiers("").empty());
}

TEST_CASE("url_host lower-cases and drops www., port and user") {
  CHECK(url_host("https://WWW.Example.ORG:8080/path") == "example.org");
  CHECK(url_host("http://user@civil.ge/archives") == "civil.ge");
  CHECK(url_host("https://bit.ly") == "bit.ly");
  CHECK(url_host("not a url").find('/') == std::string::npos);
}
