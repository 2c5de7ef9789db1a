// Tests for parsers/readers/jats_reader.cpp: a JATS article as lines with their elements,
// its xrefs as citations, its fn elements as paired notes, its ref-list as marked entries.
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <string>

#include "helpers.hpp"
#include "parsers/readers/jats_reader.hpp"
#include "parsers/text_reader.hpp"

using namespace citecheck;
using citecheck::test::fixture_path;
using citecheck::test::read_file;

namespace {

Document georgian() {
  static const std::string bytes = read_file(fixture_path("jats/georgian_article.xml"));
  return read_jats("georgian_article.xml", bytes);
}

std::string text_of(const Document& d, ByteRange r) { return d.text.substr(r.begin, r.end - r.begin); }

// The line whose element is `xpath` (0 when none).
int line_at(const Document& d, const std::string& xpath) {
  for (int i = 1; i <= d.line_count(); ++i)
    if (d.origins[static_cast<std::size_t>(i) - 1].xpath == xpath) return i;
  return 0;
}

const MarkedReference& ref(const Document& d, const std::string& key) {
  for (const auto& r : d.structure->references)
    if (r.key == key) return r;
  FAIL("no reference " << key);
  throw std::logic_error("unreachable");
}

std::string input_error_of(const std::string& bytes) {
  try {
    read_jats("x.xml", bytes);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

std::string article(const std::string& body) {
  return "<article xmlns:xlink=\"http://www.w3.org/1999/xlink\"><body>" + body + "</body></article>";
}

}  // namespace

// --- Lines and their elements ---------------------------------------------------------------

TEST_CASE("a Georgian JATS article's front and body lines keep their elements", "[jats]") {
  Document d = georgian();
  CHECK(d.format == "jats");
  CHECK(d.line(1) == "სამხრეთ კავკასიის უსაფრთხოების არქიტექტურა 2020 წლის შემდეგ");
  CHECK(d.origins[0].xpath == "/article/front/article-meta/title-group/article-title");
  CHECK(d.line(2) == "The security architecture of the South Caucasus after 2020");
  CHECK(d.line(3) == "სტატია განიხილავს რეგიონის უსაფრთხოების ცვლილებებს.");
  CHECK(d.origins[2].xpath == "/article/front/article-meta/abstract/p[1]");
  CHECK(d.origins[4].xpath == "/article/front/article-meta/trans-abstract/p");
  CHECK(d.line(6) == "შესავალი");
  CHECK(d.origins[5].xpath == "/article/body/sec[@id='s1']/title");
  // The journal title, contributors and keywords are no prose of the article.
  CHECK(d.text.find("კავკასიური კვლევები") == std::string::npos);
  CHECK(d.text.find("ბადურაშვილი ნინო") == std::string::npos);
}

TEST_CASE("a JATS paragraph's inline elements are its text and its formula is skipped", "[jats]") {
  Document d = georgian();
  int l = line_at(d, "/article/body/sec[@id='s1']/p[2]");
  REQUIRE(l > 0);
  // The source's line break and indentation collapse to one space; MathML writes nothing.
  CHECK(d.line(l) == "ორი ხედვა არსებობს (Markedonov 2020; Light 2023), ფორმულით აღწერილი.");
}

TEST_CASE("a JATS section's label, lists, quotes and table rows are lines", "[jats]") {
  Document d = georgian();
  CHECK(d.line(line_at(d, "/article/body/sec[2]/title")) == "2 მეთოდები");
  CHECK(d.line(line_at(d, "/article/body/sec[2]/list/list-item[2]/p")) == "მეორე წყარო (Иванов 2018)");
  CHECK(d.line(line_at(d, "/article/body/sec[2]/disp-quote/p")) == "„მშვიდობა არის პროცესი“ (Crisis Group 2022)");
  CHECK(d.line(line_at(d, "/article/body/sec[2]/table-wrap[@id='t1']/caption/title")) ==
        "ცხრილი 1 მონაცემების წყაროები");
  CHECK(d.line(line_at(d, "/article/body/sec[2]/table-wrap[@id='t1']/table/thead/tr")) == "წყარო | წელი");
  CHECK(d.line(line_at(d, "/article/body/sec[2]/table-wrap[@id='t1']/table/tbody/tr")) == "OSCEa | 2021");
}

TEST_CASE("JATS back matter comes after the body: acknowledgements, notes, then the references", "[jats]") {
  Document d = georgian();
  int ack = line_at(d, "/article/back/ack/p");
  int note = line_at(d, "/article/back/fn[@id='fn1']/p");
  int heading = line_at(d, "/article/back/ref-list/title");
  int last_body = line_at(d, "/article/body/sec[2]/p[2]");
  REQUIRE(ack > 0);
  CHECK(last_body < ack);
  CHECK(ack < note);
  CHECK(note < heading);
  CHECK(d.line(ack) == "ავტორი მადლობას უხდის რედაქციას.");
}

// --- Citations --------------------------------------------------------------------------------

TEST_CASE("JATS xrefs to references are field citations with their rid targets", "[jats]") {
  Document d = georgian();
  const auto& cites = d.structure->citations;
  REQUIRE(cites.size() == 8);
  CHECK(cites[0].source == "jats");
  CHECK(text_of(d, cites[0].bytes) == "(Markedonov 2020)");
  CHECK(cites[0].targets == std::vector<std::string>{"b1"});
  CHECK(text_of(d, cites[1].bytes) == "(Markedonov 2020; Light 2023)");
  CHECK(cites[1].targets == std::vector<std::string>{"b1", "b3"});
  CHECK(text_of(d, cites[3].bytes) == "(ბადურაშვილი 2021)");
  CHECK(cites[3].targets == std::vector<std::string>{"b4"});
}

TEST_CASE("a JATS xref whose rid names no reference keeps its target", "[jats]") {
  Document d = georgian();
  const FieldCitation& broken = d.structure->citations[2];
  CHECK(text_of(d, broken.bytes) == "(Smith 2019)");
  CHECK(broken.targets == std::vector<std::string>{"b9"});
}

TEST_CASE("an empty JATS xref shows its reference's label", "[jats]") {
  Document d = georgian();
  const FieldCitation& empty = d.structure->citations[6];
  CHECK(text_of(d, empty.bytes) == "5");
  CHECK(empty.targets == std::vector<std::string>{"b5"});
  CHECK(d.line(line_at(d, "/article/body/sec[2]/p[2]")) == "ციფრული არქივი 5 და Tsereteli et al. 2019.9");
}

TEST_CASE("an empty JATS xref to an unlabelled reference is a zero-length citation", "[jats]") {
  Document d = read_jats("x.xml", "<article><body><p>As shown <xref ref-type=\"bibr\" rid=\"r1\"/>.</p></body>"
                                  "<back><ref-list><ref id=\"r1\"><mixed-citation>Doe J. 2020. Title.</mixed-citation>"
                                  "</ref></ref-list></back></article>");
  REQUIRE(d.structure->citations.size() == 1);
  const FieldCitation& c = d.structure->citations[0];
  CHECK(c.bytes.begin == c.bytes.end);
  CHECK(c.bytes.begin == std::string("As shown ").size());
  CHECK(d.line(1) == "As shown .");
}

TEST_CASE("a JATS xref without ref-type is a citation when its rid names a ref", "[jats]") {
  Document d = read_jats("x.xml", "<article><body><p>See <xref rid=\"r1\">[1]</xref> and <xref rid=\"f1\">Fig. 1</xref>."
                                  "</p><fig id=\"f1\"><caption><p>A map.</p></caption></fig></body>"
                                  "<back><ref-list><ref id=\"r1\"><mixed-citation>Doe 2020.</mixed-citation></ref>"
                                  "</ref-list></back></article>");
  REQUIRE(d.structure->citations.size() == 1);
  CHECK(text_of(d, d.structure->citations[0].bytes) == "[1]");
  CHECK(d.line(1) == "See [1] and Fig. 1.");
  CHECK(d.line(2) == "A map.");
  CHECK(d.origins[1].xpath == "/article/body/fig[@id='f1']/caption/p");
}

// --- Footnotes ----------------------------------------------------------------------------------

TEST_CASE("JATS fn-group notes are paired with their xref marks", "[jats]") {
  Document d = georgian();
  CHECK(d.structure->notes_marked);
  const auto& notes = d.structure->footnotes;
  REQUIRE(notes.size() == 5);
  // The table's note first (it is met in the body), then the back's notes in order.
  CHECK(notes[0].label == "a");
  REQUIRE(notes[0].marker);
  CHECK(text_of(d, *notes[0].marker) == "a");
  REQUIRE(notes[0].body);
  CHECK(text_of(d, *notes[0].body) == "a ეუთოს მინსკის ჯგუფი.");
  CHECK(notes[1].label == "1");  // no <label>: the mark's text
  REQUIRE(notes[1].marker);
  CHECK(text_of(d, *notes[1].marker) == "1");
  CHECK(d.line_of(notes[1].marker->begin) == line_at(d, "/article/body/sec[@id='s1']/p[1]"));
  REQUIRE(notes[1].body);
  CHECK(text_of(d, *notes[1].body) == "1 ომი 44 დღე გაგრძელდა; იხ. https://example.org/war-timeline.");
  CHECK(notes[2].label == "2");
  CHECK(text_of(d, *notes[2].body) == "2 არქივი 2023 წელს დაიხურა.");
}

TEST_CASE("a JATS note nothing points to has no mark and a running number", "[jats]") {
  Document d = georgian();
  const MarkedFootnote& orphan = d.structure->footnotes[3];
  CHECK(orphan.label == "3");
  CHECK_FALSE(orphan.marker);
  REQUIRE(orphan.body);
  CHECK(text_of(d, *orphan.body) == "3 შენიშვნა, რომელსაც ტექსტი არ მიუთითებს.");
}

TEST_CASE("a JATS fn xref whose rid matches no fn is a mark without a note", "[jats]") {
  Document d = georgian();
  const MarkedFootnote& missing = d.structure->footnotes[4];
  CHECK(missing.label == "9");
  REQUIRE(missing.marker);
  CHECK(text_of(d, *missing.marker) == "9");
  CHECK_FALSE(missing.body);
}

TEST_CASE("an inline JATS fn leaves the paragraph and is marked by its label", "[jats]") {
  Document d = read_jats("minimal.xml", read_file(fixture_path("jats/minimal_english.xml")));
  CHECK(d.line(2) == "Links rot quickly [1].* See the data.");
  CHECK(d.line(3) == "* An inline note.");
  CHECK(d.origins[2].xpath == "/article/body/p/fn[@id='n1']/p");
  REQUIRE(d.structure->footnotes.size() == 1);
  const MarkedFootnote& f = d.structure->footnotes[0];
  CHECK(f.label == "*");
  REQUIRE(f.marker);
  CHECK(d.line_of(f.marker->begin) == 2);
  CHECK(text_of(d, *f.marker) == "*");
  REQUIRE(f.body);
  CHECK(text_of(d, *f.body) == "* An inline note.");
}

TEST_CASE("an empty JATS note is its label alone", "[jats]") {
  Document d = read_jats("x.xml", "<article><body><p>Text<xref ref-type=\"fn\" rid=\"n1\">1</xref>.</p></body>"
                                  "<back><fn-group><fn id=\"n1\"/></fn-group></back></article>");
  REQUIRE(d.structure->footnotes.size() == 1);
  REQUIRE(d.structure->footnotes[0].body);
  CHECK(text_of(d, *d.structure->footnotes[0].body) == "1");
  CHECK(d.line(2) == "1");
}

TEST_CASE("twenty thousand JATS notes and marks are paired in linear time", "[jats]") {
  std::string body, notes;
  for (int i = 0; i < 20000; ++i) {
    body += "<p>T<xref ref-type=\"fn\" rid=\"n" + std::to_string(i) + "\">" + std::to_string(i + 1) + "</xref></p>";
    notes += "<fn id=\"n" + std::to_string(i) + "\"><p>Note.</p></fn>";
  }
  auto t0 = std::chrono::steady_clock::now();
  Document d = read_jats("x.xml", "<article><body>" + body + "</body><back><fn-group>" + notes + "</fn-group></back></article>");
  CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(10));
  REQUIRE(d.structure->footnotes.size() == 20000);
  CHECK(d.structure->footnotes[19999].label == "20000");
  CHECK(text_of(d, *d.structure->footnotes[19999].body) == "20000 Note.");
}

// --- Hyperlinks -----------------------------------------------------------------------------------

TEST_CASE("JATS ext-link and uri targets are hyperlinks on their shown text", "[jats]") {
  Document d = georgian();
  const auto& links = d.structure->hyperlinks;
  REQUIRE(links.size() == 4);
  CHECK(links[0].target == "https://www.crisisgroup.org/europe-central-asia/caucasus");
  CHECK(text_of(d, links[0].bytes) == "Crisis Group-ის ანგარიში");
  CHECK(links[1].target == "https://example.org/war-timeline");  // a <uri> in a note
  CHECK(d.line_of(links[1].bytes.begin) == line_at(d, "/article/back/fn[@id='fn1']/p"));
  CHECK(links[3].target == "https://doi.org/10.3929/ethz-b-000312345");  // in a mixed-citation
}

TEST_CASE("an empty JATS ext-link prints its address — a non-URL accession is no hyperlink", "[jats]") {
  Document d = read_jats("x.xml", article("<p>Data: <ext-link ext-link-type=\"uri\" xlink:href=\"https://zenodo.org/r/1\"/>; "
                                          "<ext-link ext-link-type=\"gen\" xlink:href=\"AF123456\">AF123456</ext-link>.</p>"));
  CHECK(d.line(1) == "Data: https://zenodo.org/r/1; AF123456.");
  REQUIRE(d.structure->hyperlinks.size() == 1);
  CHECK(text_of(d, d.structure->hyperlinks[0].bytes) == "https://zenodo.org/r/1");
}

TEST_CASE("relative JATS ext-links resolve against the article's self-uri", "[jats]") {
  std::string xml =
      "<article xmlns:xlink=\"http://www.w3.org/1999/xlink\"><front><article-meta>"
      "<self-uri xlink:href=\"https://journal.example.org/articles/2021/caspian.html\"/></article-meta></front>"
      "<body><p>See <ext-link ext-link-type=\"uri\" xlink:href=\"supplement/S1.pdf\">the supplement</ext-link>"
      " and <ext-link xlink:href=\"/issues/2021/3\">the issue</ext-link>.</p></body>"
      "<back><ref-list><ref id=\"r1\"><element-citation><source>Ports</source><year>2020</year>"
      "<ext-link ext-link-type=\"uri\" xlink:href=\"../2020/ports.html\">ports</ext-link></element-citation></ref>"
      "</ref-list></back></article>";
  Document d = read_jats("x.xml", xml);
  const auto& links = d.structure->hyperlinks;
  REQUIRE(links.size() == 2);
  CHECK(links[0].target == "https://journal.example.org/articles/2021/supplement/S1.pdf");
  CHECK(text_of(d, links[0].bytes) == "the supplement");
  CHECK(links[1].target == "https://journal.example.org/issues/2021/3");
  REQUIRE(ref(d, "r1").work);
  CHECK(ref(d, "r1").work->urls == std::vector<std::string>{"https://journal.example.org/articles/2020/ports.html"});
  CHECK(d.issues.empty());
}

TEST_CASE("a relative JATS ext-link with nothing to resolve it against is reported, not dropped unsaid", "[jats]") {
  Document d = read_jats("x.xml", article("<p>Intro.</p><p>Data in <ext-link ext-link-type=\"uri\" "
                                          "xlink:href=\"supplementary/data.xlsx\">the data file</ext-link>, "
                                          "<ext-link xlink:href=\"#fig2\">Figure 2</ext-link> and "
                                          "<ext-link ext-link-type=\"gen\" xlink:href=\"AF123456\">AF123456</ext-link>.</p>"));
  CHECK(d.structure->hyperlinks.empty());
  REQUIRE(d.issues.size() == 1);
  CHECK(d.issues[0].code == "relative-link");
  CHECK(d.issues[0].line == 2);
  CHECK(d.issues[0].message.find("\u2018supplementary/data.xlsx\u2019 (line 2)") != std::string::npos);
  CHECK(d.issues[0].message.find("fig2") == std::string::npos);
  CHECK(d.issues[0].message.find("AF123456") == std::string::npos);
}

TEST_CASE("the --base address resolves relative JATS ext-links when the article names no address, its own wins", "[jats]") {
  const std::string body = "<p>Intro.</p><p>Data in <ext-link ext-link-type=\"uri\" "
                           "xlink:href=\"supplementary/data.xlsx\">the data file</ext-link>.</p>";
  Document d = read_jats("x.xml", article(body), "https://journal.example.org/articles/2021/");
  REQUIRE(d.structure->hyperlinks.size() == 1);
  CHECK(d.structure->hyperlinks[0].target == "https://journal.example.org/articles/2021/supplementary/data.xlsx");
  CHECK(d.issues.empty());
  std::string own =
      "<article xmlns:xlink=\"http://www.w3.org/1999/xlink\" xml:base=\"https://own.example.net/a/\"><body>" + body +
      "</body></article>";
  Document o = read_jats("x.xml", own, "https://journal.example.org/articles/2021/");
  REQUIRE(o.structure->hyperlinks.size() == 1);
  CHECK(o.structure->hyperlinks[0].target == "https://own.example.net/a/supplementary/data.xlsx");
}

TEST_CASE("a JATS ext-link whose scheme was left out (www.) is checked as a web address", "[jats]") {
  Document d = read_jats("x.xml", article("<p>See <ext-link ext-link-type=\"uri\" "
                                          "xlink:href=\"www.crisisgroup.org/europe-central-asia\">Crisis Group</ext-link>.</p>"));
  REQUIRE(d.structure->hyperlinks.size() == 1);
  CHECK(d.structure->hyperlinks[0].target == "http://www.crisisgroup.org/europe-central-asia");
  CHECK(d.issues.empty());
}

// --- The reference list --------------------------------------------------------------------------

TEST_CASE("a JATS ref-list gives the heading and one marked entry per ref", "[jats]") {
  Document d = georgian();
  const DocumentStructure& st = *d.structure;
  CHECK(st.references_marked);
  CHECK(st.references_heading == "ლიტერატურა");
  CHECK(st.references_heading_line == line_at(d, "/article/back/ref-list/title"));
  REQUIRE(st.references.size() == 8);
  for (std::size_t i = 0; i < 8; ++i) {
    CHECK(st.references[i].key == "b" + std::to_string(i + 1));
    CHECK(st.references[i].label == std::to_string(i + 1));
    int l = d.line_of(st.references[i].bytes.begin);
    CHECK(d.origins[static_cast<std::size_t>(l) - 1].xpath == "/article/back/ref-list/ref[@id='b" + std::to_string(i + 1) + "']");
    CHECK(text_of(d, st.references[i].bytes) == d.line(l));
  }
}

TEST_CASE("a JATS mixed-citation is printed as is and its tagged fields fill the work", "[jats]") {
  Document d = georgian();
  const MarkedReference& r = ref(d, "b1");
  // <surname> and <given-names> with nothing between them still print as two words.
  CHECK(text_of(d, r.bytes) == "Markedonov Sergey. (2020). The Karabakh war and the new regional order. Caucasus Survey, "
                               "8(3), 201–219. 10.1080/23761199.2020.1234567");
  REQUIRE(r.work);
  const Work& w = *r.work;
  REQUIRE(w.authors.size() == 1);
  CHECK(w.authors[0].family == "Markedonov");
  CHECK(w.authors[0].given == "Sergey");
  CHECK(w.author_text == "Markedonov, Sergey");
  CHECK(w.year == "2020");
  CHECK(w.title == "The Karabakh war and the new regional order");
  CHECK(w.container == "Caucasus Survey");
  CHECK(w.volume == "8");
  CHECK(w.issue == "3");
  CHECK(w.pages == "201-219");
  CHECK(w.doi == "10.1080/23761199.2020.1234567");
}

TEST_CASE("a JATS element-citation is written as a display line of its fields", "[jats]") {
  Document d = georgian();
  const MarkedReference& r = ref(d, "b2");
  CHECK(text_of(d, r.bytes) == "de Waal, Thomas; Broers, Laurence (2019). Conflict and peace in the South Caucasus. "
                               "Journal of Eurasian Studies, 10(2), 110-125. https://doi.org/10.1177/1879366519851234");
  REQUIRE(r.work);
  CHECK(r.work->doi == "10.1177/1879366519851234");  // the pub-id's URL form normalised
  REQUIRE(r.work->authors.size() == 2);
  CHECK(r.work->authors[1].family == "Broers");
}

TEST_CASE("a JATS book's source is its title — a Georgian element-citation keeps its link", "[jats]") {
  Document d = georgian();
  const Work& book = *ref(d, "b3").work;
  CHECK(book.title == "Russia and the South Caucasus");
  CHECK_FALSE(book.container);
  CHECK(book.isbn == "978-0-367-12345-6");
  const Work& ka = *ref(d, "b4").work;
  CHECK(ka.authors[0].family == "ბადურაშვილი");
  CHECK(ka.title == "ქართული საგარეო პოლიტიკა");
  CHECK(ka.container == "საერთაშორისო ურთიერთობები");
  CHECK(ka.pages == "45");
  CHECK(ka.urls == std::vector<std::string>{"https://journal.example.ge/articles/45"});
}

TEST_CASE("JATS collab authors are organisations and date-in-citation is the access date", "[jats]") {
  Document d = georgian();
  const Work& archive = *ref(d, "b5").work;
  REQUIRE(archive.authors.size() == 1);
  CHECK(archive.authors[0].organisation);
  CHECK(archive.authors[0].family == "National Archives of Georgia");
  CHECK(archive.accessed == "2024-03-01");
  CHECK_FALSE(archive.year);
  const Work& report = *ref(d, "b7").work;
  CHECK(report.authors[0].organisation);
  CHECK(report.title == "Post-war prospects for Nagorno-Karabakh");
  CHECK(report.accessed == "2024-02-10");
  CHECK(report.urls.size() == 1);
}

TEST_CASE("JATS citation-alternatives print the mixed text and take the element's fields", "[jats]") {
  Document d = georgian();
  const MarkedReference& r = ref(d, "b6");
  CHECK(text_of(d, r.bytes) == "Иванов И. И. Политика России на Кавказе // Вестник МГИМО. 2018. № 4. С. 12–30.");
  CHECK(r.work->authors[0].family == "Иванов");
  CHECK(r.work->title == "Политика России на Кавказе");
  CHECK(r.work->year == "2018");
  CHECK(r.work->pages == "12-30");
}

TEST_CASE("JATS string-names, etal, elocation-id and a DOI link fill the work", "[jats]") {
  Document d = georgian();
  const Work& w = *ref(d, "b8").work;
  REQUIRE(w.authors.size() == 2);
  CHECK(w.authors[1].family == "Gvalia");
  CHECK(w.authors[1].given == "Giorgi");
  CHECK(w.pages == "e112");
  CHECK(w.doi == "10.3929/ethz-b-000312345");
  CHECK(w.urls.empty());  // the doi.org link is the DOI, not another URL
}

TEST_CASE("nested JATS ref-lists are sections whose titles are lines", "[jats]") {
  Document d = read_jats("x.xml", "<article><body><p>Text.</p></body><back><ref-list><title>References</title>"
                                  "<ref-list><title>Archival sources</title><ref id=\"a1\"><mixed-citation>"
                                  "State Archive, f. 1.</mixed-citation></ref></ref-list>"
                                  "<ref-list><title>Literature</title><ref id=\"l1\"><mixed-citation>Doe, J. (2020). "
                                  "Title.</mixed-citation></ref></ref-list></ref-list></back></article>");
  const DocumentStructure& st = *d.structure;
  CHECK(st.references_heading == "References");
  CHECK(st.references_heading_line == 2);
  CHECK(d.line(3) == "Archival sources");
  CHECK(d.origins[2].xpath == "/article/back/ref-list/ref-list[1]/title");
  CHECK(d.line(5) == "Literature");
  REQUIRE(st.references.size() == 2);
  CHECK(st.references[1].key == "l1");
  // An untagged mixed-citation gives no fields of its own: its text is parsed like an entry's.
  CHECK_FALSE(st.references[0].work.has_value());
}

TEST_CASE("a ref-list or note met while writing the reference list is still written", "[jats]") {
  // Found by the fuzzer: a list queued while the queue was walked (use after free).
  Document d = read_jats("x.xml", "<article><back><ref-list><ref id=\"r1\"><mixed-citation>Doe 2020"
                                  "<fn id=\"n1\"><p>Inner note.</p></fn></mixed-citation></ref>"
                                  "<p>Also: <ref-list><ref id=\"r2\"><mixed-citation>Roe 2021.</mixed-citation></ref>"
                                  "</ref-list></p></ref-list></back></article>");
  const DocumentStructure& st = *d.structure;
  REQUIRE(st.references.size() == 2);
  CHECK(st.references[1].key == "r2");
  REQUIRE(st.footnotes.size() == 1);
  REQUIRE(st.footnotes[0].body);
  CHECK(text_of(d, *st.footnotes[0].body) == "1 Inner note.");
}

TEST_CASE("a JATS article without a ref-list does not claim its references", "[jats]") {
  Document d = read_jats("x.xml", article("<sec><title>Intro</title><p>Only text.</p></sec>"));
  CHECK_FALSE(d.structure->references_marked);
  CHECK(d.line(1) == "Intro");
  CHECK(d.origins[0].xpath == "/article/body/sec/title");
  CHECK(d.origins[1].xpath == "/article/body/sec/p");
}

// --- Hostile and broken input -----------------------------------------------------------------------

TEST_CASE("a JATS file with a DOCTYPE entity bomb is refused, never expanded", "[jats]") {
  std::string bomb = "<?xml version=\"1.0\"?><!DOCTYPE article [<!ENTITY a \"aaaaaaaaaa\">"
                     "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>"
                     "<article><body><p>&c;</p></body></article>";
  std::string e = input_error_of(bomb);
  CHECK(e.find("entities") != std::string::npos);
}

TEST_CASE("a JATS file with an external entity is refused and the entity never read", "[jats]") {
  CHECK(input_error_of("<!DOCTYPE article [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><article><body><p>&xxe;</p>"
                       "</body></article>") != "");
  // Without an internal subset the reference stays literal text: nothing is fetched.
  Document d = read_jats("x.xml", "<!DOCTYPE article SYSTEM \"file:///etc/passwd\"><article><body><p>&xxe;</p></body></article>");
  CHECK(d.line(1) == "&xxe;");
  CHECK(d.text.find("root:") == std::string::npos);
}

TEST_CASE("a PMC DOCTYPE line with a public identifier is read, not fetched", "[jats]") {
  Document d = read_jats("x.xml", "<!DOCTYPE article PUBLIC \"-//NLM//DTD JATS (Z39.96) Journal Publishing DTD v1.2 20190208//EN\" "
                                  "\"JATS-journalpublishing1.dtd\"><article><body><p>Fine.</p></body></article>");
  CHECK(d.line(1) == "Fine.");
}

TEST_CASE("100,000 nested JATS elements are refused quickly", "[jats]") {
  std::string deep = "<article><body>";
  for (int i = 0; i < 100000; ++i) deep += "<sec>";
  for (int i = 0; i < 100000; ++i) deep += "</sec>";
  deep += "</body></article>";
  auto t0 = std::chrono::steady_clock::now();
  std::string e = input_error_of(deep);
  CHECK(e.find("nests") != std::string::npos);
  CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(5));
}

TEST_CASE("a truncated JATS file is not well-formed", "[jats]") {
  std::string bytes = read_file(fixture_path("jats/georgian_article.xml"));
  std::string e = input_error_of(bytes.substr(0, bytes.size() / 2));
  CHECK(e.find("not well-formed") != std::string::npos);
}

TEST_CASE("an XML file whose root is not article is not a JATS article", "[jats]") {
  std::string e = input_error_of("<book><body><p>x</p></body></book>");
  CHECK(e.find("not a JATS article") != std::string::npos);
  CHECK(e.find("<book>") != std::string::npos);
}

TEST_CASE("invalid UTF-8 in a JATS paragraph is repaired and reported", "[jats]") {
  Document d = read_jats("x.xml", article("<p>Caf\xE9 culture (Doe 2020).</p>"));
  CHECK(d.line(1) == "Caf\xEF\xBF\xBD culture (Doe 2020).");
  REQUIRE(d.issues.size() == 1);
  CHECK(d.issues[0].code == "invalid-utf8");
}

TEST_CASE("a JATS paragraph of five megabytes is one line", "[jats]") {
  std::string big(5u << 20, 'x');
  for (std::size_t i = 100; i < big.size(); i += 100) big[i] = ' ';
  Document d = read_jats("x.xml", article("<p>" + big + "</p>"));
  REQUIRE(d.line_count() == 1);
  CHECK(d.line(1).size() == big.size());
}

TEST_CASE("deeply nested JATS sections keep their xpaths bounded", "[jats]") {
  std::string deep = "<article><body>";
  for (int i = 0; i < 200; ++i) deep += "<sec>";
  deep += "<p>Deep.</p>";
  for (int i = 0; i < 200; ++i) deep += "</sec>";
  deep += "</body></article>";
  Document d = read_jats("x.xml", deep);
  CHECK(d.line(1) == "Deep.");
  const std::string& xpath = d.origins[0].xpath;
  CHECK(xpath.size() <= 300);
  CHECK(xpath.rfind("/article/body/sec/", 0) == 0);
  CHECK(xpath.size() >= 5);
  CHECK(xpath.substr(xpath.size() - 5) == "sec/p");
}

TEST_CASE("inputs the JATS fuzzer found stay handled", "[jats]") {
  namespace fs = std::filesystem;
  for (const auto& entry : fs::directory_iterator(fixture_path("jats/crashers"))) {
    if (!entry.is_regular_file() || entry.path().extension() == ".md") continue;
    INFO(entry.path().filename().string());
    try {
      Document d = read_jats(entry.path().string(), read_file(entry.path().string()));
      CHECK(d.origins.size() == d.line_starts.size());
    } catch (const InputError&) {
      // a refusal with a message is the documented outcome
    }
  }
}

TEST_CASE("a range printed between two xrefs cites the entries between its ends", "[jats]") {
  const std::string refs =
      "<back><ref-list><title>References</title>"
      "<ref id=\"r1\"><label>1</label><mixed-citation>Smith J. First. J Biol. 2001;1:1-2.</mixed-citation></ref>"
      "<ref id=\"r2\"><label>2</label><mixed-citation>Jones K. Second. J Biol. 2002;2:3-4.</mixed-citation></ref>"
      "<ref id=\"r3\"><label>3</label><mixed-citation>Brown L. Third. J Biol. 2003;3:5-6.</mixed-citation></ref>"
      "<ref id=\"r4\"><label>4</label><mixed-citation>White M. Fourth. J Biol. 2004;4:7-8.</mixed-citation></ref>"
      "<ref id=\"r5\"><label>5</label><mixed-citation>Green N. Fifth. J Biol. 2005;5:9-10.</mixed-citation></ref>"
      "</ref-list></back></article>";
  auto read = [&](const std::string& body) {
    return read_jats("range.xml", "<article><body><p>" + body + "</p></body>" + refs);
  };
  using Targets = std::vector<std::string>;
  // Brackets outside the xrefs, or inside them; an en dash or a hyphen.
  Document outside = read("Studies [<xref ref-type=\"bibr\" rid=\"r1\">1</xref>]\xE2\x80\x93[<xref ref-type=\"bibr\" rid=\"r4\">4</xref>] agree.");
  REQUIRE(outside.structure->citations.size() == 2);
  CHECK(outside.structure->citations[0].targets == Targets{"r1"});
  CHECK(outside.structure->citations[1].targets == Targets{"r2", "r3", "r4"});
  Document inside = read("Studies <xref ref-type=\"bibr\" rid=\"r2\">[2]</xref>-<xref ref-type=\"bibr\" rid=\"r5\">[5]</xref> agree.");
  CHECK(inside.structure->citations[1].targets == Targets{"r3", "r4", "r5"});
  // A comma is a list, not a range; neighbours leave nothing between.
  Document list = read("Studies <xref ref-type=\"bibr\" rid=\"r1\">[1]</xref>, <xref ref-type=\"bibr\" rid=\"r4\">[4]</xref> agree.");
  CHECK(list.structure->citations[1].targets == Targets{"r4"});
  // An untagged mixed-citation is read from its text: it has no given work.
  CHECK_FALSE(outside.structure->references[0].work.has_value());
}
