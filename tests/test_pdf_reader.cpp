// Tests for parsers/readers/pdf_reader.cpp: PDFs read through poppler the way pdftotext reads
// them (pages in reading order, a form feed before every page after the first, each line's page
// and line on that page), right-to-left lines in logical order, and the PDFs it must refuse.
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "parsers/readers/pdf_reader.hpp"
#include "parsers/text_reader.hpp"

using namespace citecheck;

namespace {

std::string fixture(const std::string& relative) {
  return std::string(CITECHECK_SOURCE_DIR) + "/fixtures/" + relative;
}

Document read_fixture(const std::string& relative) {
  std::string path = fixture(relative);
  return read_pdf(path, read_file_bytes(path));
}

// The message of the InputError read_pdf throws, or "" when it reads the bytes.
std::string refusal_of(const std::string& bytes) {
  try {
    read_pdf("x.pdf", bytes);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

bool mentions(const std::string& message, const std::string& part) {
  return message.find(part) != std::string::npos;
}

// The 1-based line whose text contains `part` (0 when none does).
int line_containing(const Document& d, const std::string& part) {
  for (int n = 1; n <= d.line_count(); ++n)
    if (d.line(n).find(part) != std::string_view::npos) return n;
  return 0;
}

int count_form_feeds(const std::string& text) {
  int n = 0;
  for (char c : text) n += c == '\f';
  return n;
}

}  // namespace

// --- Pages and line origins -------------------------------------------------------------------

TEST_CASE("a two-page Georgian PDF has one form feed, at the start of page 2", "[pdf]") {
  Document d = read_fixture("formats/ka_manuscript.pdf");
  CHECK(d.format == "pdf");
  CHECK(count_form_feeds(d.text) == 1);
  int first_of_page_2 = line_containing(d, "გადაწყვიტა. სასწავლო მასალის");
  REQUIRE(first_of_page_2 > 0);
  CHECK(d.line(first_of_page_2).substr(0, 1) == "\f");
  CHECK(d.origins[first_of_page_2 - 1].page == 2);
  CHECK(d.origins[first_of_page_2 - 1].page_line == 1);
  CHECK(d.origins[first_of_page_2 - 2].page == 1);
}

TEST_CASE("a known line on page 2 has its page and its line on that page", "[pdf]") {
  Document d = read_fixture("formats/ka_manuscript.pdf");
  int n = line_containing(d, "სომხური ხელნაწერების მკვლევარს (Petrosyan 2017)");
  REQUIRE(n > 0);
  CHECK(d.origins[n - 1].page == 2);
  CHECK(d.origins[n - 1].page_line == 10);
  int heading = line_containing(d, "ლიტერატურა");
  REQUIRE(heading > 0);
  CHECK(d.line(heading) == "ლიტერატურა");
  CHECK(d.origins[heading - 1].page == 2);
  CHECK(d.origins[heading - 1].page_line == 20);
}

TEST_CASE("every line has an origin, numbered from 1 on each page without gaps", "[pdf]") {
  Document d = read_fixture("pdf/many_pages.pdf");
  REQUIRE(d.origins.size() == static_cast<std::size_t>(d.line_count()));
  CHECK(count_form_feeds(d.text) == 47);
  int page = 1, expected_line = 1;
  for (int n = 1; n <= d.line_count(); ++n) {
    const LineOrigin& o = d.origins[n - 1];
    if (o.page != page) {
      REQUIRE(o.page == page + 1);
      CHECK(d.line(n).substr(0, 1) == "\f");
      page = o.page;
      expected_line = 1;
    }
    REQUIRE(o.page_line == expected_line);
    ++expected_line;
  }
  CHECK(page == 48);
}

TEST_CASE("the text is pdftotext's, line for line, blank lines included", "[pdf]") {
  // ka_manuscript.txt was made with `pdftotext ka_manuscript.pdf`, which also ends the last
  // page with a form feed; the reader puts form feeds only between pages.
  Document d = read_fixture("formats/ka_manuscript.pdf");
  std::string txt = read_file_bytes(fixture("formats/ka_manuscript.txt"));
  REQUIRE(!txt.empty());
  REQUIRE(txt.back() == '\f');
  txt.pop_back();
  CHECK(d.text == txt);
}

// --- Scripts and reading order ------------------------------------------------------------------

TEST_CASE("Georgian prose comes out as Unicode Mkhedruli with its citations intact", "[pdf]") {
  Document d = read_fixture("formats/ka_manuscript.pdf");
  CHECK(d.line(1) == "ქართული ხელნაწერების ციფრული არქივები და");
  CHECK(line_containing(d, "როგორ ვაქციოთ გამოსახულება საძიებო ტექსტად (ბერიძე 2006: 45).") > 0);
  CHECK(line_containing(d, "(Smith and Jones 2019)") > 0);
  CHECK(d.issues.empty());
}

TEST_CASE("Arabic lines come out in logical order, with no directional controls", "[pdf]") {
  Document d = read_fixture("formats/ar_manuscript.pdf");
  CHECK(d.line(1) == "رقمنة المخطوطات العربية وتحديات التعرف الآلي على النصوص");
  // The word as typed, not its reversal (a visual-order extraction gives "يدلاخلا").
  CHECK(d.text.find("الخالدي") != std::string::npos);
  CHECK(d.text.find("يدلاخلا") == std::string::npos);
  // U+202A LRE, U+202B RLE, U+202C PDF: pdftotext writes them; the reader does not.
  CHECK(d.text.find("\xE2\x80\xAA") == std::string::npos);
  CHECK(d.text.find("\xE2\x80\xAB") == std::string::npos);
  CHECK(d.text.find("\xE2\x80\xAC") == std::string::npos);
}

TEST_CASE("an Arabic author-date citation keeps its comma, year and parentheses in order", "[pdf]") {
  // pdftotext writes this line's citation as "(الخالدي‪ .)2015 ،‬".
  Document d = read_fixture("formats/ar_manuscript.pdf");
  int n = line_containing(d, "اليوم بصور عالية الدقة");
  REQUIRE(n > 0);
  CHECK(d.line(n) ==
        "اليوم بصور عالية الدقة (الخالدي، 2015). غير أن الصورة وحدها لا تكفي، إذ يحتاج الباحث إلى نص قابل");
  CHECK(d.origins[n - 1].page == 1);
  CHECK(d.origins[n - 1].page_line == 7);
}

TEST_CASE("Latin citations, URLs and numbers inside Arabic lines read left to right", "[pdf]") {
  Document d = read_fixture("formats/ar_manuscript.pdf");
  CHECK(line_containing(d, "القديمة (Smith and Jones 2019).") > 0);
  CHECK(line_containing(d, "(الخالدي، 2015؛ Smith and Jones 2019).") > 0);
  CHECK(line_containing(d, "على الرابط https://www.unicode.org/charts/PDF/U0600.pdf وعلى") > 0);
  CHECK(line_containing(d, "مجلة المخطوطات والوثائق 54 (2): 60–95.") > 0);
  CHECK(line_containing(d, "وقد أعد الإصدار 1.2 في ديسمبر 2023.") > 0);
}

TEST_CASE("English reference entries on an Arabic page stay left to right", "[pdf]") {
  Document d = read_fixture("formats/ar_manuscript.pdf");
  CHECK(line_containing(d, "LeCun, Yann, Yoshua Bengio, and Geoffrey Hinton. 2015.") > 0);
  int n = line_containing(d, "(7553): 436–444.");
  REQUIRE(n > 0);
  CHECK(d.line(n) == "(7553): 436–444. https://doi.org/10.1038/nature14539.");
}

// --- Footnotes at their page's bottom -----------------------------------------------------------

TEST_CASE("Georgian footnotes come at the bottom of their page's text", "[pdf]") {
  Document d = read_fixture("formats/ka_manuscript.pdf");
  int note1 = line_containing(d, "1 ტერმინი „ფურცელი“ აქ ხელნაწერის ერთ ფოლიოს ნიშნავს");
  int note3 = line_containing(d, "3 ქარაგმების გახსნის წესებზე იხ. (ბერიძე 2006: 51–53).");
  int last_body_line_of_page_1 = line_containing(d, "ერთმანეთის ჩანაწერები, შემდეგ კი სადავო ადგილები");
  REQUIRE(note1 > 0);
  REQUIRE(note3 > note1);
  CHECK(note1 == last_body_line_of_page_1 + 1);
  CHECK(d.origins[note3 - 1].page == 1);
  int note4 = line_containing(d, "4 ამოცნობის მოდელი და სასწავლო მონაცემები");
  REQUIRE(note4 > 0);
  CHECK(d.origins[note4 - 1].page == 2);
  CHECK(note4 > line_containing(d, "ცინცაძე, თამარ. 2018."));  // after the page's last entry
}

TEST_CASE("Arabic footnotes come at the bottom of page 1, marker first", "[pdf]") {
  Document d = read_fixture("formats/ar_manuscript.pdf");
  int note1 = line_containing(d, "1 نقصد بالرقمنة هنا التصوير والوصف معا");
  int note3 = line_containing(d, "3 انظر في قواعد فك الاختصارات");
  REQUIRE(note1 > 0);
  REQUIRE(note3 > note1);
  CHECK(d.origins[note1 - 1].page == 1);
  CHECK(d.origins[note3 - 1].page == 1);
  CHECK(d.line(note3 + 1).empty());  // the page's closing blank line, as pdftotext writes it
  CHECK(d.origins[note3 + 1].page == 2);
}

// --- Structure: what a PDF does not mark --------------------------------------------------------

TEST_CASE("a PDF marks no footnotes or references: the text rules find them", "[pdf]") {
  Document d = read_fixture("formats/ka_manuscript.pdf");
  REQUIRE(d.structure.has_value());
  CHECK_FALSE(d.structure->notes_marked);
  CHECK_FALSE(d.structure->references_marked);
  CHECK(d.structure->footnotes.empty());
}

// --- Link annotations -----------------------------------------------------------------------------

namespace {

// The text a hyperlink sits on, line breaks and form feeds as spaces.
std::string shown(const Document& d, const Hyperlink& h) {
  std::string out = d.text.substr(h.bytes.begin, h.bytes.end - h.bytes.begin);
  for (char& c : out)
    if (c == '\n' || c == '\f') c = ' ';
  return out;
}

std::vector<Hyperlink> links_to(const Document& d, const std::string& target) {
  std::vector<Hyperlink> out;
  for (const Hyperlink& h : d.structure->hyperlinks)
    if (h.target == target) out.push_back(h);
  return out;
}

// The text under the one hyperlink to `target` (a note of how many there are otherwise).
std::string shown_for(const Document& d, const std::string& target) {
  auto links = links_to(d, target);
  return links.size() == 1 ? shown(d, links[0]) : "(" + std::to_string(links.size()) + " links to " + target + ")";
}

}  // namespace

TEST_CASE("a link annotation over a printed URL covers the URL, not the full stop after it", "[pdf]") {
  Document d = read_fixture("formats/ka_manuscript.pdf");
  REQUIRE(d.structure.has_value());
  auto links = links_to(d, "https://www.unicode.org/charts/PDF/U2D00.pdf");
  REQUIRE(links.size() == 1);
  CHECK(shown(d, links[0]) == "https://www.unicode.org/charts/PDF/U2D00.pdf");
  CHECK(d.text.substr(links[0].bytes.end, 1) == ".");
}

TEST_CASE("a link annotation over Georgian words is a hyperlink on those words", "[pdf]") {
  Document d = read_fixture("formats/ka_manuscript.pdf");
  REQUIRE(d.structure.has_value());
  CHECK(shown_for(d, "https://www.unicode.org/charts/") == "უნიკოდის კონსორციუმის საიტზე");
  CHECK(d.structure->hyperlinks.size() == 3);  // and the two printed URLs of the body
}

TEST_CASE("a link annotation over Arabic words finds them in logical order", "[pdf]") {
  // poppler's word boxes run left to right and spell each Arabic word backwards.
  Document d = read_fixture("formats/ar_manuscript.pdf");
  REQUIRE(d.structure.has_value());
  CHECK(shown_for(d, "https://www.unicode.org/charts/") == "موقع اتحاد يونيكود");
  CHECK(shown_for(d, "https://www.unicode.org/charts/PDF/U0600.pdf") == "https://www.unicode.org/charts/PDF/U0600.pdf");
}

TEST_CASE("a short link text is a whole word before it is part of one", "[pdf]") {
  // "აქ" ("here") also begins "აქვს"; the link is on the word itself.
  Document d = read_fixture("pdf/links.pdf");
  REQUIRE(d.structure.has_value());
  auto one = links_to(d, "https://example.org/tables/one");
  REQUIRE(one.size() == 1);
  CHECK(d.text.substr(one[0].bytes.begin - 1, one[0].bytes.end - one[0].bytes.begin + 2) == " აქ ");
}

TEST_CASE("two links with the same text sit on their own words, in order", "[pdf]") {
  Document d = read_fixture("pdf/links.pdf");
  REQUIRE(d.structure.has_value());
  auto one = links_to(d, "https://example.org/tables/one");
  auto two = links_to(d, "https://example.org/tables/two");
  REQUIRE(one.size() == 1);
  REQUIRE(two.size() == 1);
  CHECK(shown(d, one[0]) == "აქ");
  CHECK(shown(d, two[0]) == "აქ");
  CHECK(one[0].bytes.end < two[0].bytes.begin);
}

TEST_CASE("a link wrapped over three lines is one hyperlink on the whole phrase", "[pdf]") {
  Document d = read_fixture("pdf/links.pdf");
  REQUIRE(d.structure.has_value());
  auto links = links_to(d, "https://www.unicode.org/charts/");
  REQUIRE(links.size() == 1);
  CHECK(shown(d, links[0]) ==
        "უნიკოდის კონსორციუმის ოფიციალური ვებგვერდის იმ განყოფილებაში, სადაც სიმბოლოების ცხრილები "
        "დამწერლობების მიხედვითაა დალაგებული");
  CHECK(d.line_of(links[0].bytes.end) - d.line_of(links[0].bytes.begin) == 2);
}

TEST_CASE("a printed URL split into several word boxes is found whole — a mailto link is kept", "[pdf]") {
  Document d = read_fixture("pdf/links.pdf");
  REQUIRE(d.structure.has_value());
  const std::string url = "https://www.unicode.org/versions/Unicode15.0.0/UnicodeStandard-15.0.pdf";
  CHECK(shown_for(d, url) == url);
  CHECK(shown_for(d, "mailto:editor@example.org") == "ელფოსტაზე");
}

TEST_CASE("a link drawn where the page has no text is kept, at the page's first word", "[pdf]") {
  Document d = read_fixture("pdf/link_over_nothing.pdf");
  REQUIRE(d.structure.has_value());
  REQUIRE(d.structure->hyperlinks.size() == 2);
  CHECK(shown_for(d, "https://example.org/archive") == "The data are in the archive.");
  auto blank = links_to(d, "https://example.org/blank-area");
  REQUIRE(blank.size() == 1);
  CHECK(blank[0].bytes.begin == 0);
  CHECK(blank[0].bytes.end == 0);
}

TEST_CASE("the link annotations of every page are read, each on its words", "[pdf]") {
  Document d = read_fixture("pdf/many_pages.pdf");
  REQUIRE(d.structure.has_value());
  // Three annotations on the first page of each of the 24 copies.
  CHECK(d.structure->hyperlinks.size() == 72);
  for (const Hyperlink& h : d.structure->hyperlinks) CHECK(h.bytes.end > h.bytes.begin);
}

TEST_CASE("a page under 5,000 link annotations gives the first 1,000 and says so", "[pdf]") {
  Document d = read_fixture("pdf/many_links.pdf");
  REQUIRE(d.structure.has_value());
  CHECK(d.structure->hyperlinks.size() == 1000);
  REQUIRE(d.issues.size() == 1);
  CHECK(d.issues[0].code == "pdf-links-skipped");
  CHECK(mentions(d.issues[0].message, "5000 link annotations"));
  CHECK(d.issues[0].line == 1);
  // All of them are drawn over the same words, and all sit on them.
  for (const Hyperlink& h : d.structure->hyperlinks) {
    CHECK(h.target.rfind("https://example.org/", 0) == 0);
    CHECK(d.text.substr(h.bytes.begin, h.bytes.end - h.bytes.begin) == "Links everywhere: see the index here.");
  }
}

// --- Files it refuses ------------------------------------------------------------------------------

TEST_CASE("a PDF locked with a user password is refused with the way out", "[pdf]") {
  std::string message = refusal_of(read_file_bytes(fixture("pdf/encrypted.pdf")));
  CHECK(mentions(message, "encrypted"));
  CHECK(mentions(message, "remove the password"));
}

TEST_CASE("a PDF with only an owner password opens and is read", "[pdf]") {
  Document locked_for_editing = read_fixture("pdf/owner_password_only.pdf");
  Document plain = read_fixture("formats/ka_manuscript.pdf");
  CHECK(locked_for_editing.text == plain.text);
}

TEST_CASE("an image-only PDF is refused: it needs OCR", "[pdf]") {
  std::string message = refusal_of(read_file_bytes(fixture("pdf/image_only.pdf")));
  CHECK(mentions(message, "no text layer"));
  CHECK(mentions(message, "OCR"));
}

TEST_CASE("a PDF cut in half is refused as corrupt or truncated", "[pdf]") {
  CHECK(refusal_of(read_file_bytes(fixture("pdf/truncated.pdf"))) == "not a readable PDF (corrupt or truncated)");
}

TEST_CASE("a PDF header followed by garbage is refused as corrupt", "[pdf]") {
  CHECK(refusal_of(read_file_bytes(fixture("pdf/not_really.pdf"))) == "not a readable PDF (corrupt or truncated)");
}

TEST_CASE("empty input, a bare header and random bytes are refused quickly", "[pdf]") {
  auto start = std::chrono::steady_clock::now();
  CHECK(refusal_of("") == "not a readable PDF (corrupt or truncated)");
  CHECK(refusal_of("%PDF-1.7") == "not a readable PDF (corrupt or truncated)");
  CHECK(refusal_of(std::string("%PDF-1.4\n") + std::string(64, '\0')) == "not a readable PDF (corrupt or truncated)");
  std::mt19937 random(12345);
  std::string noise(1 << 16, ' ');
  for (char& c : noise) c = static_cast<char>(random() & 0xFF);
  CHECK(refusal_of(noise) == "not a readable PDF (corrupt or truncated)");
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(5));
}

TEST_CASE("inputs that once crashed or hung the fuzzer are read or refused", "[pdf]") {
  namespace fs = std::filesystem;
  fs::path dir = fixture("pdf/crashers");
  if (!fs::exists(dir)) return;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    INFO(entry.path().filename().string());
    std::string bytes = read_file_bytes(entry.path().string());
    try {
      Document d = read_pdf(entry.path().string(), bytes);
      CHECK(d.origins.size() == static_cast<std::size_t>(d.line_count()));
    } catch (const InputError&) {
      SUCCEED();
    }
  }
}

TEST_CASE("a raised note number of a right-to-left line goes back to the end of its line") {
  Document doc = read_fixture("formats/ar_manuscript.pdf");
  // poppler writes it alone, before its line and a blank line; the reader puts it back.
  for (int n = 1; n <= doc.line_count(); ++n) {
    std::string_view line = doc.line(n);
    if (!line.empty() && line.front() == '\f') line.remove_prefix(1);
    CHECK_FALSE((line == "1" || line == "2" || line == "3" || line == "4"));
  }
  // "…وتاريخها.1" (the sentence the first note is attached to).
  CHECK(doc.text.find("\xD9\x88\xD8\xAA\xD8\xA7\xD8\xB1\xD9\x8A\xD8\xAE\xD9\x87\xD8\xA7.1\n") != std::string::npos);
  // The paragraph is whole again: "(Karimi" and "2017)" are on consecutive lines.
  std::size_t karimi = doc.text.find("Karimi");
  REQUIRE(karimi != std::string::npos);
  int line = doc.line_of(karimi);
  CHECK(doc.line(line + 1).substr(0, 5) == "2017)");
  CHECK(doc.origins[static_cast<std::size_t>(line)].page_line > doc.origins[static_cast<std::size_t>(line) - 1].page_line + 1);
}
