// What a structured file states (its notes, entries, field citations, hyperlinks) goes
// through the pipeline instead of the text heuristics. Documents are built with
// DocumentBuilder as the readers build them, so these tests stand without any reader.
#include <catch2/catch.hpp>

#include "parsers/document_builder.hpp"
#include "parsers/readers/read_document.hpp"
#include "parsers/text_reader.hpp"
#include "src/pipeline.hpp"
#include "src/report_json.hpp"
#include "src/report_text.hpp"

using namespace citecheck;

namespace {

LineOrigin para(int n) {
  LineOrigin o;
  o.paragraph = n;
  return o;
}

// Appends text to the builder and returns its range.
ByteRange put(DocumentBuilder& b, std::string_view s) {
  std::size_t from = b.offset();
  b.append(s);
  return {from, b.offset()};
}

std::vector<const Finding*> with_code(const DocumentReport& r, const std::string& code) {
  std::vector<const Finding*> out;
  for (const auto& f : r.findings)
    if (f.code == code) out.push_back(&f);
  return out;
}

Work record(std::string family, std::string year, std::optional<std::string> doi = std::nullopt) {
  Work w;
  w.authors.push_back({family, "", false});
  w.year = std::move(year);
  w.doi = std::move(doi);
  w.title = "A study";
  return w;
}

// A Word-like manuscript: two paragraphs with a reference-manager field each, one note, a
// bibliography field with two entries.
Document word_like(const FieldCitation& first, std::string_view first_text) {
  DocumentBuilder b("paper.docx", "docx");
  auto& st = b.structure();
  st.notes_marked = true;
  put(b, "ბათუმის პორტის ისტორია ");
  FieldCitation f1 = first;
  f1.bytes = put(b, first_text);
  st.citations.push_back(f1);
  put(b, " და მისი როლი");
  ByteRange marker = put(b, "1");
  b.end_line(para(1));
  put(b, "მეორე აბზაცი ");
  FieldCitation f2;
  f2.source = "zotero";
  f2.items.push_back(record("Nodia", "2006"));
  f2.bytes = put(b, "(Nodia 2006)");
  f2.generated_text = "(Nodia 2006)";
  st.citations.push_back(f2);
  b.end_line(para(2));
  st.references_marked = true;
  st.references_heading = "ლიტერატურა";
  put(b, "ლიტერატურა");
  b.end_line(para(3));
  st.references_heading_line = 3;
  MarkedReference r1;
  r1.bytes = put(b, "Beridze, N. (2021). Ports of the Black Sea. Tbilisi. https://doi.org/10.1234/ports.2021");
  b.end_line(para(4));
  MarkedReference r2;
  r2.bytes = put(b, "Nodia, G. (2006). Georgian politics. Tbilisi.");
  b.end_line(para(5));
  st.references = {r1, r2};
  put(b, "1 ");
  ByteRange body = put(b, "იხ. ანგარიში.");
  LineOrigin note;
  note.note = 1;
  b.end_line(note);
  st.footnotes.push_back({"1", marker, body});
  return b.finish();
}

}  // namespace

TEST_CASE("a reference-manager citation whose shown year differs from its record is citation-field-edited (error)") {
  FieldCitation f;
  f.source = "zotero";
  f.items.push_back(record("Beridze", "2021", "10.1234/ports.2021"));
  f.generated_text = "(Beridze 2021)";
  DocumentReport r = check_document(word_like(f, "(Beridze 2019)"));
  auto edited = with_code(r, "citation-field-edited");
  REQUIRE(edited.size() == 1);
  CHECK(edited[0]->severity == Severity::Error);
  CHECK(edited[0]->message.find("Beridze 2019") != std::string::npos);
  CHECK(edited[0]->message.find("Beridze 2021") != std::string::npos);
  // The record's DOI links the citation to its entry; nothing else is wrong.
  REQUIRE(r.manuscript.citations.size() == 2);
  CHECK(r.manuscript.citations[0].source == "zotero");
  CHECK(r.manuscript.citations[0].doi == std::optional<std::string>("10.1234/ports.2021"));
  CHECK(r.manuscript.citations[0].reference == std::optional<std::string>("ref1"));
  CHECK(r.manuscript.citations[1].reference == std::optional<std::string>("ref2"));
  CHECK(with_code(r, "reference-never-cited").empty());
  CHECK(with_code(r, "citation-without-reference").empty());
}

TEST_CASE("a field whose text agrees with its record but not with the generated text is a citation-field-edited warning") {
  FieldCitation f;
  f.source = "mendeley";
  f.items.push_back(record("Beridze", "2021"));
  f.generated_text = "(Beridze, 2021)";
  DocumentReport r = check_document(word_like(f, "(Beridze 2021, p. 4)"));
  auto edited = with_code(r, "citation-field-edited");
  REQUIRE(edited.size() == 1);
  CHECK(edited[0]->severity == Severity::Warning);
  CHECK(edited[0]->message.find("Mendeley generated") != std::string::npos);
}

TEST_CASE("an untouched field is no finding, even re-spaced") {
  FieldCitation f;
  f.source = "zotero";
  f.items.push_back(record("Beridze", "2021"));
  f.generated_text = "(Beridze  2021)";
  DocumentReport r = check_document(word_like(f, "(Beridze 2021)"));
  CHECK(with_code(r, "citation-field-edited").empty());
  CHECK(r.manuscript.citations[0].reference == std::optional<std::string>("ref1"));
}

TEST_CASE("marked footnotes are paired as the file pairs them, with the file's locations") {
  FieldCitation f;
  f.source = "zotero";
  f.items.push_back(record("Beridze", "2021"));
  DocumentReport r = check_document(word_like(f, "(Beridze 2021)"));
  REQUIRE(r.manuscript.footnotes.size() == 1);
  const Footnote& fn = r.manuscript.footnotes[0];
  CHECK(fn.label == "1");
  REQUIRE(fn.marker);
  REQUIRE(fn.body);
  CHECK(fn.marker->line == 1);
  CHECK(fn.text == "იხ. ანგარიში.");
  CHECK(r.manuscript.reference_list.present);
  CHECK(r.manuscript.reference_list.heading == "ლიტერატურა");
  auto j = report_to_json([&] { Report rep; rep.documents.push_back(r); return rep; }());
  const auto& d = j["documents"][0];
  CHECK(d["footnotes"][0]["marker"]["paragraph"] == 1);
  CHECK(d["footnotes"][0]["body"]["note"] == 1);
  CHECK(d["references"][1]["paragraph"] == 5);
  CHECK(d["citations"][0]["source"] == "zotero");
}

TEST_CASE("the text report names paragraphs of a Word file and pages of a PDF") {
  DocumentBuilder b("paper.pdf", "pdf");
  b.append("Intro (Smith 2020) text.");
  LineOrigin o;
  o.page = 1;
  o.page_line = 1;
  b.end_line(o);
  b.page_break();
  b.append("More (Jones 2019) here.");
  o.page = 2;
  o.page_line = 7;
  b.end_line(o);
  Document doc = b.finish();
  CHECK(doc.text.find('\f') == doc.line_begin(2));
  Report rep;
  rep.documents.push_back(check_document(doc));
  std::string text = render_text(rep, false);
  CHECK(text.find("paper.pdf:p1:1: error:") != std::string::npos);
  auto j = report_to_json(rep);
  CHECK(j["documents"][0]["findings"][0]["page"] == 1);
  CHECK(j["documents"][0]["findings"][0]["page_line"] == 1);

  FieldCitation f;
  f.source = "zotero";
  f.items.push_back(record("Beridze", "2021"));
  Report word;
  word.documents.push_back(check_document(word_like(f, "(Beridze 2019)")));
  CHECK(render_text(word, false).find("paper.docx:\xC2\xB6" "1: error:") != std::string::npos);
}

TEST_CASE("the text report tells a Word file's endnotes from its footnotes") {
  DocumentBuilder b("paper.docx", "docx");
  b.structure().notes_marked = true;
  LineOrigin o;
  o.paragraph = 1;
  b.append("Body text.");
  b.end_line(o);
  o = LineOrigin{};
  o.note = 2;
  b.append("See http://intranet/a for the data.");
  b.end_line(o);
  o.endnote = true;
  b.append("And http://intranet/b for the code.");
  b.end_line(o);
  Report rep;
  rep.documents.push_back(check_document(b.finish()));
  std::string text = render_text(rep, false);
  INFO(text);
  CHECK(text.find("paper.docx:fn2: warning:") != std::string::npos);
  CHECK(text.find("paper.docx:en2: warning:") != std::string::npos);
  auto j = report_to_json(rep);
  const auto& findings = j["documents"][0]["findings"];
  REQUIRE(findings.size() == 2);
  CHECK(findings[0]["note"] == 2);
  CHECK_FALSE(findings[0].contains("endnote"));
  CHECK(findings[1]["note"] == 2);
  CHECK(findings[1]["endnote"] == true);
}

TEST_CASE("JATS-style xref targets link without guessing — a rid that names nothing is unresolved-xref") {
  DocumentBuilder b("a.xml", "jats");
  auto& st = b.structure();
  st.notes_marked = true;
  st.references_marked = true;
  b.append("As shown before ");
  FieldCitation x1{"jats", put(b, "[1]"), {}, {"b1"}, "", false};
  b.append(" and ");
  FieldCitation x2{"jats", put(b, "[9]"), {}, {"b9"}, "", false};
  b.append(" and ");
  FieldCitation x3{"jats", put(b, "[1, 3]"), {}, {"b1", "b3"}, "", false};
  LineOrigin o;
  o.xpath = "/article/body/p[1]";
  b.end_line(o);
  st.citations = {x1, x2, x3};
  const char* keys[] = {"b1", "b2", "b3"};
  const char* texts[] = {"Smith J. 2020. Ports. Journal 1:2.", "Jones K. 2019. Roads. Journal 3:4.",
                         "Brown L. 2018. Rails. Journal 5:6."};
  for (int i = 0; i < 3; ++i) {
    MarkedReference m;
    m.key = keys[i];
    m.label = std::to_string(i + 1);
    m.bytes = put(b, texts[i]);
    o.xpath = std::string("/article/back/ref-list/ref[@id='") + keys[i] + "']";
    b.end_line(o);
    st.references.push_back(m);
  }
  DocumentReport r = check_document(b.finish());
  REQUIRE(r.manuscript.citations.size() == 3);
  CHECK(r.manuscript.citations[0].reference == std::optional<std::string>("ref1"));
  CHECK_FALSE(r.manuscript.citations[1].reference);
  CHECK(r.manuscript.citations[2].reference == std::optional<std::string>("ref1"));
  CHECK(r.manuscript.citations[2].also_references == std::vector<std::string>{"ref3"});
  auto unresolved = with_code(r, "unresolved-xref");
  REQUIRE(unresolved.size() == 1);
  CHECK(unresolved[0]->message.find("b9") != std::string::npos);
  CHECK(with_code(r, "citation-without-reference").empty());
  auto uncited = with_code(r, "reference-never-cited");
  REQUIRE(uncited.size() == 1);
  CHECK(uncited[0]->items == std::vector<std::string>{"ref2"});
  Report rep;
  rep.documents.push_back(r);
  CHECK(render_text(rep, false).find("a.xml:/article/back/ref-list/ref[@id='b2']: warning:") != std::string::npos);
}

TEST_CASE("a hyperlink on words becomes a link — one on its own printed URL is not counted twice") {
  DocumentBuilder b("p.odt", "odt");
  auto& st = b.structure();
  st.notes_marked = true;
  b.append("See ");
  st.hyperlinks.push_back({"https://doi.org/10.5555/ABC.1", put(b, "this report")});
  b.append(" and ");
  st.hyperlinks.push_back({"https://example.org/page", put(b, "https://example.org/page")});
  b.append(".");
  b.end_line(para(1));
  DocumentReport r = check_document(b.finish());
  REQUIRE(r.manuscript.links.size() == 2);
  CHECK(r.manuscript.links[0].kind == LinkKind::Doi);
  CHECK(r.manuscript.links[0].value == "10.5555/abc.1");
  CHECK(r.manuscript.links[0].hyperlink);
  CHECK(r.manuscript.links[1].value == "https://example.org/page");
  CHECK_FALSE(r.manuscript.links[1].hyperlink);
}

TEST_CASE("a bibliography given alone reports no uncited entries") {
  DocumentBuilder b("refs.bib", "bibtex");
  auto& st = b.structure();
  st.references_marked = true;
  st.bibliography_only = true;
  MarkedReference m;
  m.key = "smith2020";
  m.bytes = put(b, "Smith, J. (2020). Ports. https://doi.org/10.5555/x");
  m.work = record("Smith", "2020", "10.5555/x");
  LineOrigin o;
  o.record = "smith2020";
  o.source_line = 3;
  b.end_line(o);
  st.references.push_back(m);
  DocumentReport r = check_document(b.finish());
  CHECK(r.findings.empty());
  REQUIRE(r.manuscript.references.size() == 1);
  CHECK(r.manuscript.references[0].key == "smith2020");
  REQUIRE(r.manuscript.links.size() == 1);
  CHECK(r.manuscript.links[0].owner == std::optional<std::string>("ref1"));
}

TEST_CASE("formats are told from the bytes, not the name") {
  CHECK(detect_format("PK\x03\x04rest", "paper.txt") == InputFormat::Zip);
  CHECK(detect_format("%PDF-1.7\n...", "paper.docx") == InputFormat::Pdf);
  CHECK(detect_format(std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + "x", "paper.doc") == InputFormat::OldWord);
  CHECK(detect_format("{\\rtf1\\ansi", "paper.rtf") == InputFormat::Rtf);
  CHECK(detect_format("<?xml version=\"1.0\"?>\n<!DOCTYPE article PUBLIC \"-//NLM//DTD JATS\" \"x.dtd\">\n<!-- c -->\n<article "
                      "article-type=\"research-article\">",
                      "a.txt") == InputFormat::Jats);
  CHECK(detect_format("<?xml version=\"1.0\"?><rss></rss>", "feed.xml") == InputFormat::OtherXml);
  CHECK(detect_format("[{\"id\":\"a\",\"type\":\"book\",\"title\":\"T\"}]", "x.txt") == InputFormat::CslJson);
  CHECK(detect_format("% exported\n@article{smith2020,\n title={T}}", "refs.txt") == InputFormat::Bibtex);
  // Text that only looks like the others stays text.
  CHECK(detect_format("[1] Smith, J. 2020. Ports.\n", "refs.txt") == InputFormat::Text);
  CHECK(detect_format("@john wrote that {this} matters\n", "notes.txt") == InputFormat::Text);
  CHECK(detect_format("<b>bold</b> claims (Smith 2020)", "p.txt") == InputFormat::Text);
  std::string deep(100000, '[');
  CHECK(detect_format(deep, "notes.txt") == InputFormat::Text);
  // Named .json, it is meant as CSL-JSON: refused with the reason, never read as prose.
  CHECK(detect_format(deep, "x.json") == InputFormat::CslJson);
  CHECK_THROWS_AS(read_document("x.json", deep), InputError);
  CHECK_THROWS_AS(read_document("x.json", "{\"settings\": 1}"), InputError);
}

TEST_CASE("an old Word file or RTF is refused with the way out") {
  try {
    read_document("paper.doc", std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(100, '\0'));
    FAIL("no error");
  } catch (const InputError& e) {
    CHECK(std::string(e.what()).find("save it as .docx") != std::string::npos);
  }
  CHECK_THROWS_AS(read_document("p.rtf", "{\\rtf1 hello}"), InputError);
  CHECK_THROWS_AS(read_document("p.xml", "<?xml version=\"1.0\"?><rss/>"), InputError);
}
