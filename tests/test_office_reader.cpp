// Tests for parsers/readers/office_reader.cpp, docx_reader.cpp and odt_reader.cpp: Word and
// OpenDocument files built in memory part by part, the committed fixtures in
// fixtures/office/, and hostile input.
#include <catch2/catch.hpp>
#include <zip.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "helpers.hpp"
#include "parsers/readers/docx_reader.hpp"
#include "parsers/readers/odt_reader.hpp"
#include "parsers/readers/office_reader.hpp"
#include "parsers/text_reader.hpp"

#include "zip_builder.hpp"

using namespace citecheck;

namespace {

using citecheck::test::Parts;
using citecheck::test::zip_of;

const std::string kW =
    R"(xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" )"
    R"(xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" )"
    R"(xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006")";

std::string document_xml(const std::string& body) {
  return R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document )" + kW + "><w:body>" + body +
         "</w:body></w:document>";
}
std::string notes_xml(const std::string& kind, const std::string& notes) {
  return "<w:" + kind + "s " + kW + R"(><w:)" + kind + R"( w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:)" +
         kind + R"(><w:)" + kind + R"( w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:)" +
         kind + ">" + notes + "</w:" + kind + "s>";
}
std::string note(const std::string& kind, const std::string& id, const std::string& text) {
  return "<w:" + kind + R"( w:id=")" + id + R"("><w:p><w:r><w:)" + kind + R"(Ref/></w:r><w:r><w:t xml:space="preserve"> )" +
         text + "</w:t></w:r></w:p></w:" + kind + ">";
}
std::string rels(const std::vector<std::pair<std::string, std::string>>& targets) {
  std::string out = R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)";
  for (const auto& [id, target] : targets)
    out += R"(<Relationship Id=")" + id +
           R"(" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target=")" + target +
           R"(" TargetMode="External"/>)";
  return out + "</Relationships>";
}
std::string run(const std::string& text) { return R"(<w:r><w:t xml:space="preserve">)" + text + "</w:t></w:r>"; }
std::string para(const std::string& runs) { return "<w:p>" + runs + "</w:p>"; }
// A complex field: begin, instruction (XML-escaped by the caller), separate, result runs, end.
std::string field(const std::string& instr, const std::string& result_runs) {
  return R"(<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve">)" + instr +
         R"(</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>)" + result_runs +
         R"(<w:r><w:fldChar w:fldCharType="end"/></w:r>)";
}
std::string xml_escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '"') out += "&quot;";
    else if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else if (c == '&') out += "&amp;";
    else out.push_back(c);
  }
  return out;
}

Document docx(const std::string& body, Parts extra = {}) {
  extra.insert(extra.begin(), {"word/document.xml", document_xml(body)});
  return read_office_document("paper.docx", zip_of(extra));
}

std::string text_of(const Document& d, const ByteRange& r) { return d.text.substr(r.begin, r.end - r.begin); }
std::string text_of(const Document& d, const std::optional<ByteRange>& r) { return r ? text_of(d, *r) : "<none>"; }

std::string error_of(const std::string& bytes) {
  try {
    read_office_document("x", bytes);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}
bool mentions(const std::string& message, const std::string& part) { return message.find(part) != std::string::npos; }

const std::string kOdtNs =
    R"(xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" )"
    R"(xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0")";
std::string odt_bytes(const std::string& text_body, const std::string& mimetype = "application/vnd.oasis.opendocument.text") {
  std::string content = "<office:document-content " + kOdtNs + "><office:body><office:text>" + text_body +
                        "</office:text></office:body></office:document-content>";
  Parts parts;
  if (!mimetype.empty()) parts.push_back({"mimetype", mimetype});
  parts.push_back({"content.xml", content});
  return zip_of(parts);
}
Document odt(const std::string& text_body) { return read_office_document("paper.odt", odt_bytes(text_body)); }

const std::string kZoteroJson =
    R"J({"citationID":"x1","properties":{"formattedCitation":"(Light 2023)","plainCitation":"(Light 2023)","noteIndex":0},)J"
    R"J("citationItems":[{"id":7,"itemData":{"type":"article-journal","title":"Arabic Script Reform","container-title":"Journal of Language Policy",)J"
    R"J("author":[{"family":"Light","given":"Felix"},{"family":"Abbas","given":"Huda"}],"issued":{"date-parts":[[2023,4]]},)J"
    R"J("DOI":"https://doi.org/10.1000/JLP.2023.7"}}]})J";

}  // namespace

// --- Detection -----------------------------------------------------------------------------

TEST_CASE("office: a DOCX is read as docx and an ODT as odt", "[office]") {
  Document d = docx(para(run("ტექსტი")));
  CHECK(d.format == "docx");
  CHECK(d.path == "paper.docx");
  REQUIRE(d.structure);
  CHECK(d.structure->notes_marked);
  CHECK_FALSE(d.structure->references_marked);
  Document o = odt("<text:p>نص</text:p>");
  CHECK(o.format == "odt");
  CHECK(o.line(1) == "نص");
  REQUIRE(o.structure);
  CHECK(o.structure->notes_marked);
}

TEST_CASE("office: the parts are found through the package's relationships, whatever their names", "[office]") {
  // As Word Online and converters write them: word/document2.xml, notes in a subfolder, the
  // settings by an absolute name.
  const std::string ns = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
  std::string types = R"(<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">)"
                      R"(<Override PartName="/word/document2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>)";
  std::string package = R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
                        R"(<Relationship Id="rId1" Type=")" + ns + R"(officeDocument" Target="word/document2.xml"/></Relationships>)";
  std::string document_rels = R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
                              R"(<Relationship Id="r1" Type=")" + ns + R"(footnotes" Target="notes/fn.xml"/>)"
                              R"(<Relationship Id="r2" Type=")" + ns + R"(settings" Target="/word/s.xml"/>)"
                              R"(<Relationship Id="r3" Type=")" + ns + R"(hyperlink" Target="https://example.org/a" TargetMode="External"/>)"
                              "</Relationships>";
  std::string body = para(run("Claim") + R"(<w:r><w:footnoteReference w:id="1"/></w:r>)" + run(" ") + R"(<w:hyperlink r:id="r3">)" + run("here") + "</w:hyperlink>");
  std::string settings = "<w:settings " + kW + R"(><w:footnotePr><w:numFmt w:val="upperLetter"/></w:footnotePr></w:settings>)";
  Parts parts = {{"[Content_Types].xml", types},
                 {"_rels/.rels", package},
                 {"word/document2.xml", document_xml(body)},
                 {"word/_rels/document2.xml.rels", document_rels},
                 {"word/notes/fn.xml", notes_xml("footnote", note("footnote", "1", "The note."))},
                 {"word/s.xml", settings}};
  Document d = read_office_document("online.docx", zip_of(parts));
  CHECK(d.format == "docx");
  CHECK(d.line(1) == "ClaimA here");
  CHECK(d.line(2) == "A The note.");
  REQUIRE(d.structure->footnotes.size() == 1);
  CHECK(text_of(d, d.structure->footnotes[0].body) == "The note.");
  REQUIRE(d.structure->hyperlinks.size() == 1);
  CHECK(d.structure->hyperlinks[0].target == "https://example.org/a");
}

TEST_CASE("office: a package whose main part is a workbook is not read as Word", "[office]") {
  std::string types = R"(<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">)"
                      R"(<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>)";
  std::string package = R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
                        R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>)";
  std::string message = error_of(zip_of({{"[Content_Types].xml", types}, {"_rels/.rels", package}, {"xl/workbook.xml", "<workbook/>"}}));
  CHECK(mentions(message, "Excel workbook"));
}

TEST_CASE("office: spreadsheets, presentations and other ZIPs are refused with what they are", "[office]") {
  CHECK(mentions(error_of(zip_of({{"xl/workbook.xml", "<workbook/>"}})), "an Excel workbook (.xlsx)"));
  CHECK(mentions(error_of(zip_of({{"ppt/presentation.xml", "<p/>"}})), "PowerPoint presentation (.pptx)"));
  std::string ods = error_of(odt_bytes("", "application/vnd.oasis.opendocument.spreadsheet"));
  CHECK(mentions(ods, "an OpenDocument spreadsheet (.ods)"));
  CHECK(mentions(ods, "citecheck reads Word (.docx) and OpenDocument text (.odt)"));
  CHECK(error_of(zip_of({{"photos/cat.jpg", "JFIF"}})) ==
        "a ZIP archive that is neither a Word (.docx) nor an OpenDocument text (.odt) file");
}

TEST_CASE("office: an ODF package without its mimetype entry is told by content.xml", "[office]") {
  Document d = read_office_document("x.odt", odt_bytes("<text:p>Bonjour</text:p>", ""));
  CHECK(d.format == "odt");
  CHECK(d.line(1) == "Bonjour");
}

// --- DOCX body ---------------------------------------------------------------------------------

TEST_CASE("office: every body paragraph is a line numbered as Word counts them", "[office]") {
  std::string body = para(run("სათაური")) + "<w:p/>" +
                     "<w:tbl><w:tr><w:tc><w:p>" + run("უჯრა ერთი") + "</w:p></w:tc><w:tc><w:p>" + run("უჯრა ორი") +
                     "</w:p></w:tc></w:tr></w:tbl>" +
                     R"(<w:sdt><w:sdtPr><w:alias w:val="x"/></w:sdtPr><w:sdtContent><w:p>)" + run("კონტროლი") +
                     "</w:p></w:sdtContent></w:sdt>" + para(run("ბოლო")) + R"(<w:sectPr/>)";
  Document d = docx(body);
  REQUIRE(d.line_count() == 6);
  CHECK(d.line(1) == "სათაური");
  CHECK(d.line(2) == "");
  CHECK(d.line(3) == "უჯრა ერთი");
  CHECK(d.line(4) == "უჯრა ორი");
  CHECK(d.line(5) == "კონტროლი");
  CHECK(d.line(6) == "ბოლო");
  for (int i = 1; i <= 6; ++i) {
    CHECK(d.origins[i - 1].paragraph == i);
    CHECK(d.origins[i - 1].note == 0);
  }
}

TEST_CASE("office: a text box is its own paragraph after its anchor's, and the VML fallback copy is skipped", "[office]") {
  std::string box = R"(<w:p>)" + run("Anchor text ") +
                    R"(<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx xmlns:wps="x"><w:txbxContent><w:p>)" +
                    run("Boxed quote") +
                    R"(</w:p></w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox xmlns:v="v"><w:txbxContent><w:p>)" +
                    run("Boxed quote") + R"(</w:p></w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r>)" +
                    run("continues.") + "</w:p>" + para(run("Next"));
  Document d = docx(box);
  REQUIRE(d.line_count() == 3);
  CHECK(d.line(1) == "Anchor text continues.");
  CHECK(d.line(2) == "Boxed quote");
  CHECK(d.line(3) == "Next");
  CHECK(d.origins[2].paragraph == 3);
}

TEST_CASE("office: runs — tabs, breaks, hyphens, tracked deletions and insertions, field codes", "[office]") {
  std::string p = "<w:p>" + run("Ali") + "<w:r><w:tab/><w:t>Veli</w:t><w:br/><w:t>x</w:t><w:cr/><w:t>y</w:t></w:r>" +
                  R"(<w:r><w:t>co</w:t><w:noBreakHyphen/><w:t>op</w:t><w:softHyphen/><w:t>eration</w:t></w:r>)" +
                  R"(<w:del w:id="1" w:author="A"><w:r><w:delText>deleted words </w:delText></w:r></w:del>)" +
                  R"(<w:ins w:id="2" w:author="A"><w:r><w:t xml:space="preserve"> inserted</w:t></w:r></w:ins>)" +
                  R"(<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>)" +
                  R"(<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>7</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>)" +
                  "</w:p>";
  Document d = docx(p);
  CHECK(d.line(1) == "Ali Veli x yco-operation inserted7");
}

TEST_CASE("office: invalid UTF-8 in w:t is repaired and reported", "[office]") {
  Document d = docx(para(run("ok \xC3\x28 bad")));
  CHECK(d.line(1) == "ok \xEF\xBF\xBD( bad");
  REQUIRE(d.issues.size() == 1);
  CHECK(d.issues[0].code == "invalid-utf8");
}

// --- Footnotes and endnotes --------------------------------------------------------------------

TEST_CASE("office: footnotes are numbered in mark order and paired by id", "[office]") {
  std::string body = para(run("First claim.") + R"(<w:r><w:footnoteReference w:id="5"/></w:r>)" + run(" Second.") +
                          R"(<w:r><w:footnoteReference w:id="2"/></w:r>)") +
                     para(run("Missing note.") + R"(<w:r><w:footnoteReference w:id="9"/></w:r>)");
  std::string foot = notes_xml("footnote", note("footnote", "2", "Second note text.") + note("footnote", "5", "First note text.") +
                                               note("footnote", "7", "Nobody cites me."));
  Document d = docx(body, {{"word/footnotes.xml", foot}});
  REQUIRE(d.line_count() == 5);
  CHECK(d.line(1) == "First claim.1 Second.2");
  CHECK(d.line(2) == "Missing note.3");
  CHECK(d.line(3) == "1 First note text.");
  CHECK(d.line(4) == "2 Second note text.");
  CHECK(d.line(5) == "4 Nobody cites me.");
  CHECK(d.origins[2].note == 1);
  CHECK(d.origins[2].paragraph == 0);
  CHECK(d.origins[3].note == 2);
  CHECK(d.origins[4].note == 4);
  const auto& fn = d.structure->footnotes;
  REQUIRE(fn.size() == 4);
  CHECK(fn[0].label == "1");
  CHECK(text_of(d, fn[0].marker) == "1");
  CHECK(d.line_of(fn[0].marker->begin) == 1);
  CHECK(text_of(d, fn[0].body) == "First note text.");
  CHECK(text_of(d, fn[1].body) == "Second note text.");
  CHECK(fn[2].label == "3");
  CHECK(fn[2].marker.has_value());
  CHECK_FALSE(fn[2].body.has_value());  // id 9 is not in footnotes.xml
  CHECK(fn[3].label == "4");
  CHECK_FALSE(fn[3].marker.has_value());  // nothing refers to id 7
  CHECK(text_of(d, fn[3].body) == "Nobody cites me.");
}

TEST_CASE("office: a note of several paragraphs is one body over several lines", "[office]") {
  std::string body = para(run("Claim") + R"(<w:r><w:footnoteReference w:id="1"/></w:r>)");
  std::string foot = notes_xml("footnote", R"(<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r>)" + run(" One.") +
                                               "</w:p><w:p>" + run("Two.") + "</w:p></w:footnote>");
  Document d = docx(body, {{"word/footnotes.xml", foot}});
  REQUIRE(d.line_count() == 3);
  CHECK(d.line(2) == "1 One.");
  CHECK(d.line(3) == "Two.");
  CHECK(d.origins[2].note == 1);
  CHECK(text_of(d, d.structure->footnotes[0].body) == "One.\nTwo.");
}

TEST_CASE("office: a custom footnote mark is the following run's text and does not take a number", "[office]") {
  std::string body = para(run("Star") + R"(<w:r><w:footnoteReference w:customMarkFollows="1" w:id="3"/></w:r><w:r><w:t>*</w:t></w:r>)" +
                          run(" then numbered") + R"(<w:r><w:footnoteReference w:id="4"/></w:r>)");
  std::string foot = notes_xml("footnote", R"(<w:footnote w:id="3"><w:p>)" + run("Star note.") + "</w:p></w:footnote>" +
                                               note("footnote", "4", "Numbered note."));
  Document d = docx(body, {{"word/footnotes.xml", foot}});
  CHECK(d.line(1) == "Star* then numbered1");
  const auto& fn = d.structure->footnotes;
  REQUIRE(fn.size() == 2);
  CHECK(fn[0].label == "*");
  CHECK(text_of(d, fn[0].marker) == "*");
  CHECK(fn[1].label == "1");
  CHECK(text_of(d, fn[0].body) == "Star note.");
  CHECK(d.line(2) == "* Star note.");
  CHECK(d.line(3) == "1 Numbered note.");
}

TEST_CASE("office: endnotes are marked i, ii and come after the footnotes", "[office]") {
  std::string body = para(run("A") + R"(<w:r><w:endnoteReference w:id="2"/></w:r>)" + run(" B") +
                          R"(<w:r><w:footnoteReference w:id="2"/></w:r>)" + run(" C") + R"(<w:r><w:endnoteReference w:id="3"/></w:r>)");
  Document d = docx(body, {{"word/footnotes.xml", notes_xml("footnote", note("footnote", "2", "Foot."))},
                           {"word/endnotes.xml", notes_xml("endnote", note("endnote", "2", "End one.") + note("endnote", "3", "End two."))}});
  CHECK(d.line(1) == "Ai B1 Cii");
  CHECK(d.line(2) == "1 Foot.");
  CHECK(d.line(3) == "i End one.");
  CHECK(d.line(4) == "ii End two.");
  CHECK(d.origins[3].note == 2);
  CHECK(d.origins[3].endnote);
  CHECK_FALSE(d.origins[1].endnote);  // the footnote
  REQUIRE(d.structure->footnotes.size() == 3);
  CHECK(d.structure->footnotes[0].label == "i");
  CHECK(text_of(d, d.structure->footnotes[2].body) == "End two.");
}

TEST_CASE("office: note numbers take the format and start of the settings and the final section", "[office]") {
  std::string body = para(run("A") + R"(<w:r><w:footnoteReference w:id="1"/></w:r>)" + run(" B") +
                          R"(<w:r><w:footnoteReference w:id="2"/></w:r>)" + run(" C") +
                          R"(<w:r><w:endnoteReference w:id="1"/></w:r>)") +
                     R"(<w:sectPr><w:endnotePr><w:numFmt w:val="chicago"/></w:endnotePr></w:sectPr>)";
  std::string settings = "<w:settings " + kW +
                         R"(><w:footnotePr><w:numFmt w:val="lowerLetter"/><w:numStart w:val="3"/></w:footnotePr>)"
                         R"(<w:endnotePr><w:numFmt w:val="upperRoman"/></w:endnotePr></w:settings>)";
  Document d = docx(body, {{"word/footnotes.xml", notes_xml("footnote", note("footnote", "1", "One.") + note("footnote", "2", "Two."))},
                           {"word/endnotes.xml", notes_xml("endnote", note("endnote", "1", "End."))},
                           {"word/settings.xml", settings}});
  // Footnotes from the settings (letters from c); the endnote from the section (symbols).
  CHECK(d.line(1) == "Ac Bd C*");
  CHECK(d.line(2) == "c One.");
  CHECK(d.line(3) == "d Two.");
  CHECK(d.line(4) == "* End.");
  REQUIRE(d.structure->footnotes.size() == 3);
  CHECK(d.structure->footnotes[1].label == "d");
  CHECK(d.structure->footnotes[2].label == "*");
  CHECK(d.origins[2].note == 2);  // the note's place in the sequence stays a number
}

TEST_CASE("office: settings that are not well-formed leave Word's default note numbers", "[office]") {
  std::string body = para(run("A") + R"(<w:r><w:footnoteReference w:id="1"/></w:r>)");
  Document d = docx(body, {{"word/footnotes.xml", notes_xml("footnote", note("footnote", "1", "One."))},
                           {"word/settings.xml", "<w:settings><w:footnotePr>"}});
  CHECK(d.line(1) == "A1");
}

TEST_CASE("office: Word's note number formats", "[office]") {
  CHECK(note_number_label(4, "decimal") == "4");
  CHECK(note_number_label(4, "decimalZero") == "04");
  CHECK(note_number_label(14, "lowerRoman") == "xiv");
  CHECK(note_number_label(14, "upperRoman") == "XIV");
  CHECK(note_number_label(2, "lowerLetter") == "b");
  CHECK(note_number_label(28, "lowerLetter") == "bb");
  CHECK(note_number_label(26, "upperLetter") == "Z");
  CHECK(note_number_label(2, "chicago") == "\u2020");
  CHECK(note_number_label(7, "chicago") == "\u2021\u2021");
  CHECK(note_number_label(5, "ideographDigital") == "5");  // a format not drawn: its number
}

// --- Hyperlinks ----------------------------------------------------------------------------------

TEST_CASE("office: hyperlinks through the body's and the footnotes' relationships", "[office]") {
  std::string body = para(run("See ") + R"(<w:hyperlink r:id="rId5"><w:r><w:t>the report</w:t></w:r></w:hyperlink>)" +
                          R"(<w:hyperlink w:anchor="_Toc1"><w:r><w:t> inside</w:t></w:r></w:hyperlink>)" +
                          R"(<w:r><w:footnoteReference w:id="1"/></w:r>)");
  std::string foot = notes_xml("footnote", R"(<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r>)" + run(" Online at ") +
                                               R"(<w:hyperlink r:id="rId5"><w:r><w:t>its site</w:t></w:r></w:hyperlink></w:p></w:footnote>)");
  Document d = docx(body, {{"word/_rels/document.xml.rels", rels({{"rId5", "https://example.org/report.pdf"}})},
                           {"word/footnotes.xml", foot},
                           {"word/_rels/footnotes.xml.rels", rels({{"rId5", "https://example.org/in-note"}})}});
  const auto& links = d.structure->hyperlinks;
  REQUIRE(links.size() == 2);
  CHECK(links[0].target == "https://example.org/report.pdf");
  CHECK(text_of(d, links[0].bytes) == "the report");
  CHECK(links[1].target == "https://example.org/in-note");
  CHECK(text_of(d, links[1].bytes) == "its site");
  CHECK(d.line_of(links[1].bytes.begin) == 2);
}

TEST_CASE("office: HYPERLINK fields, complex over several runs and simple", "[office]") {
  std::string body = para(run("Data: ") + R"(<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> HYPERLINK </w:instrText></w:r>)" +
                          R"(<w:r><w:instrText xml:space="preserve">"https://data.example.org/set?id=4" \o "tip"</w:instrText></w:r>)" +
                          R"(<w:r><w:fldChar w:fldCharType="separate"/></w:r>)" + run("data ") + run("portal") +
                          R"(<w:r><w:fldChar w:fldCharType="end"/></w:r>)") +
                     para(std::string(R"(<w:fldSimple w:instr=" HYPERLINK \l &quot;intro&quot; "><w:r><w:t>back</w:t></w:r></w:fldSimple>)") +
                          R"(<w:fldSimple w:instr="HYPERLINK &quot;mailto:editor@example.org&quot;"><w:r><w:t>write</w:t></w:r></w:fldSimple>)");
  Document d = docx(body);
  CHECK(d.line(1) == "Data: data portal");
  CHECK(d.line(2) == "backwrite");
  const auto& links = d.structure->hyperlinks;
  REQUIRE(links.size() == 2);
  CHECK(links[0].target == "https://data.example.org/set?id=4");
  CHECK(text_of(d, links[0].bytes) == "data portal");
  CHECK(links[1].target == "mailto:editor@example.org");
  CHECK(text_of(d, links[1].bytes) == "write");
}

TEST_CASE("office: nested fields — a field in a result and a field in an instruction", "[office]") {
  // A HYPERLINK inside a Zotero citation's result; a DOCPROPERTY whose result builds a HYPERLINK's URL.
  std::string body =
      para(field(" ADDIN ZOTERO_ITEM CSL_CITATION " + xml_escape(kZoteroJson),
                 run("(") + field(R"( HYPERLINK "https://light.example.org" )", run("Light")) + run(" 2023)"))) +
      para(R"(<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> HYPERLINK "</w:instrText></w:r>)" +
           field(" DOCPROPERTY url ", run("https://nested.example.org")) +
           R"(<w:r><w:instrText xml:space="preserve">" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>)" +
           run("nested") + R"(<w:r><w:fldChar w:fldCharType="end"/></w:r>)");
  Document d = docx(body);
  CHECK(d.line(1) == "(Light 2023)");
  CHECK(d.line(2) == "nested");
  const auto& st = *d.structure;
  REQUIRE(st.hyperlinks.size() == 2);
  CHECK(st.hyperlinks[0].target == "https://light.example.org");
  CHECK(text_of(d, st.hyperlinks[0].bytes) == "Light");
  CHECK(st.hyperlinks[1].target == "https://nested.example.org");
  CHECK(text_of(d, st.hyperlinks[1].bytes) == "nested");
  REQUIRE(st.citations.size() == 1);
  CHECK(text_of(d, st.citations[0].bytes) == "(Light 2023)");
}

// --- Reference-manager fields -------------------------------------------------------------------

TEST_CASE("office: a Zotero field carries its CSL records, generated text and edit flag", "[office]") {
  std::string edited = kZoteroJson;
  edited.replace(edited.find("\"noteIndex\""), 0, "\"dontUpdate\":true,");
  Document d = docx(para(run("كما يقول ") + field(" ADDIN ZOTERO_ITEM CSL_CITATION " + xml_escape(kZoteroJson) + " ", run("(Light 2023)"))) +
                    para(field(" ADDIN ZOTERO_ITEM CSL_CITATION " + xml_escape(edited), run("(Light 2020)"))));
  const auto& cites = d.structure->citations;
  REQUIRE(cites.size() == 2);
  CHECK(cites[0].source == "zotero");
  CHECK(text_of(d, cites[0].bytes) == "(Light 2023)");
  CHECK(cites[0].generated_text == "(Light 2023)");
  CHECK_FALSE(cites[0].marked_edited);
  REQUIRE(cites[0].items.size() == 1);
  const Work& w = cites[0].items[0];
  REQUIRE(w.authors.size() == 2);
  CHECK(w.authors[0].family == "Light");
  CHECK(w.authors[0].given == "Felix");
  CHECK(w.authors[1].family == "Abbas");
  CHECK(w.year == std::optional<std::string>("2023"));
  CHECK(w.title == std::optional<std::string>("Arabic Script Reform"));
  CHECK(w.doi == std::optional<std::string>("10.1000/jlp.2023.7"));
  CHECK(cites[1].marked_edited);
  CHECK(text_of(d, cites[1].bytes) == "(Light 2020)");
  CHECK(cites[1].generated_text == "(Light 2023)");
}

TEST_CASE("office: a Mendeley field's records and formatted citation", "[office]") {
  std::string json =
      R"J({"citationItems":[{"id":"ITEM-1","itemData":{"author":[{"family":"Гусейнов","given":"Гасан"}],"issued":{"date-parts":[["2019"]]},)J"
      R"J("title":"Язык и власть","DOI":"10.1234/ABC"}}],"mendeley":{"formattedCitation":"(<i>Гусейнов</i>, 2019)",)J"
      R"J("previouslyFormattedCitation":"(Гусейнов, 2019)"},"properties":{"noteIndex":0}})J";
  Document d = docx(para(field("ADDIN CSL_CITATION " + xml_escape(json), run("(Гусейнов, 2019)"))));
  const auto& cites = d.structure->citations;
  REQUIRE(cites.size() == 1);
  CHECK(cites[0].source == "mendeley");
  CHECK(cites[0].generated_text == "(Гусейнов, 2019)");
  REQUIRE(cites[0].items.size() == 1);
  CHECK(cites[0].items[0].authors[0].family == "Гусейнов");
  CHECK(cites[0].items[0].year == std::optional<std::string>("2019"));
  CHECK(cites[0].items[0].doi == std::optional<std::string>("10.1234/abc"));
}

TEST_CASE("office: an EndNote field's record in the instruction and in base64 fldData", "[office]") {
  std::string record =
      R"(<EndNote><Cite><Author>Smith</Author><Year>2019</Year><DisplayText>(Smith &amp; Jones, 2019)</DisplayText><record>)"
      R"(<contributors><authors><author><style face="normal">Smith, John</style></author><author>Jones, Mary</author></authors></contributors>)"
      R"(<titles><title><style face="normal">Maps of </style><style face="italic">Tbilisi</style></title><secondary-title>Caucasus Survey</secondary-title></titles>)"
      R"(<volume>4</volume><number>2</number><pages>10-30</pages><dates><year>2019</year></dates><electronic-resource-num>DOI: 10.5555/CS.2019.2</electronic-resource-num>)"
      R"(<urls><related-urls><url>https://caucasus.example.org/2</url></related-urls></urls></record></Cite></EndNote>)";
  Document d = docx(para(field(" ADDIN EN.CITE " + xml_escape(record), run("(Smith &amp; Jones, 2019)"))));
  const auto& cites = d.structure->citations;
  REQUIRE(cites.size() == 1);
  CHECK(cites[0].source == "endnote");
  CHECK(cites[0].generated_text == "(Smith & Jones, 2019)");
  CHECK(text_of(d, cites[0].bytes) == "(Smith & Jones, 2019)");
  REQUIRE(cites[0].items.size() == 1);
  const Work& w = cites[0].items[0];
  REQUIRE(w.authors.size() == 2);
  CHECK(w.authors[0].family == "Smith");
  CHECK(w.authors[0].given == "John");
  CHECK(w.authors[1].family == "Jones");
  CHECK(w.year == std::optional<std::string>("2019"));
  CHECK(w.title == std::optional<std::string>("Maps of Tbilisi"));
  CHECK(w.container == std::optional<std::string>("Caucasus Survey"));
  CHECK(w.volume == std::optional<std::string>("4"));
  CHECK(w.issue == std::optional<std::string>("2"));
  CHECK(w.pages == std::optional<std::string>("10-30"));
  CHECK(w.doi == std::optional<std::string>("10.5555/cs.2019.2"));
  CHECK(w.urls == std::vector<std::string>{"https://caucasus.example.org/2"});

  // EndNote's long form: the record base64 in the w:fldData of a nested EN.CITE.DATA field.
  std::string b64 =
      "PEVuZE5vdGU+PENpdGU+PEF1dGhvcj5CZXJpZHplPC9BdXRob3I+PFllYXI+MjAyMDwvWWVhcj48cmVjb3JkPjx0aXRsZXM+PHRpdGxlPlRlc3Q8L3RpdGxlPjwvdGl0bGVzPjwvcmVjb3JkPjwvQ2l0ZT48L0VuZE5vdGU+";
  std::string data = R"(<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> ADDIN EN.CITE </w:instrText></w:r>)"
                     R"(<w:r><w:fldChar w:fldCharType="begin"><w:fldData xml:space="preserve">)" + b64 +
                     R"(</w:fldData></w:fldChar></w:r><w:r><w:instrText xml:space="preserve"> ADDIN EN.CITE.DATA </w:instrText></w:r>)"
                     R"(<w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>)" +
                     run("(Beridze 2020)") + R"(<w:r><w:fldChar w:fldCharType="end"/></w:r>)";
  Document e = docx(para(data));
  CHECK(e.line(1) == "(Beridze 2020)");
  REQUIRE(e.structure->citations.size() == 1);
  REQUIRE(e.structure->citations[0].items.size() == 1);
  CHECK(e.structure->citations[0].items[0].authors[0].family == "Beridze");
  CHECK(e.structure->citations[0].items[0].year == std::optional<std::string>("2020"));
  CHECK(e.structure->citations[0].items[0].title == std::optional<std::string>("Test"));
}

TEST_CASE("office: a field with malformed or hostile JSON stays plain text", "[office]") {
  std::string deep = "{\"citationItems\":" + std::string(5000, '[') + std::string(5000, ']') + "}";
  Document d = docx(para(field(" ADDIN ZOTERO_ITEM CSL_CITATION {\"citationItems\": [} ", run("(Broken 2020)"))) +
                    para(field(" ADDIN ZOTERO_ITEM CSL_CITATION " + xml_escape(deep), run("(Deep 2021)"))));
  CHECK(d.line(1) == "(Broken 2020)");
  CHECK(d.line(2) == "(Deep 2021)");
  CHECK(d.structure->citations.empty());
}

TEST_CASE("office: a bibliography field's paragraphs are the marked reference entries", "[office]") {
  std::string body = para(run("Text.")) + para(run("ლიტერატურა")) +
                     para(R"(<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> ADDIN ZOTERO_BIBL {"uncited":[],"omitted":[],"custom":[]} CSL_BIBLIOGRAPHY </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>)" +
                          run("[1]\tLight, F. 2023. Arabic Script Reform.")) +
                     "<w:p/>" + para(run("[2]\tAbbas, H. 2020. Second.") + R"(<w:r><w:fldChar w:fldCharType="end"/></w:r>)") +
                     para(run("After the list."));
  Document d = docx(body);
  const auto& st = *d.structure;
  CHECK(st.references_marked);
  CHECK(st.references_heading == "ლიტერატურა");
  CHECK(st.references_heading_line == 2);
  REQUIRE(st.references.size() == 2);
  CHECK(text_of(d, st.references[0].bytes) == "[1] Light, F. 2023. Arabic Script Reform.");
  CHECK(st.references[0].label == "1");
  CHECK(d.line_of(st.references[1].bytes.begin) == 5);
  CHECK(st.references[1].label == "2");
  CHECK_FALSE(st.references[0].work.has_value());

  Document en = docx(para(run("References")) + para(field(" ADDIN EN.REFLIST ", run("12. Smith J. Maps. 2019."))));
  REQUIRE(en.structure->references.size() == 1);
  CHECK(en.structure->references[0].label == "12");
  CHECK(en.structure->references_heading == "References");
}

// --- ODT -------------------------------------------------------------------------------------------

TEST_CASE("office: ODT paragraphs, headings, lists, spaces and links", "[office]") {
  Document d = odt(R"(<text:h text:outline-level="1">Введение</text:h><text:p>a<text:s text:c="3"/>b<text:tab/>c<text:line-break/>d</text:p>)"
                   R"(<text:list><text:list-item><text:p><text:span>one</text:span> <text:span>two</text:span></text:p></text:list-item></text:list>)"
                   R"(<text:p/><text:p>See <text:a xlink:href="https://example.org/x">this page</text:a> and <text:a xlink:href="#Intro">above</text:a>.</text:p>)"
                   R"(<text:p>kept<text:change text:change-id="c1"/><office:annotation><text:p>comment</text:p></office:annotation></text:p>)");
  REQUIRE(d.line_count() == 6);
  CHECK(d.line(1) == "Введение");
  CHECK(d.line(2) == "a   b c d");
  CHECK(d.line(3) == "one two");
  CHECK(d.line(4) == "");
  CHECK(d.line(5) == "See this page and above.");
  CHECK(d.line(6) == "kept");
  CHECK(d.origins[4].paragraph == 5);
  REQUIRE(d.structure->hyperlinks.size() == 1);
  CHECK(d.structure->hyperlinks[0].target == "https://example.org/x");
  CHECK(text_of(d, d.structure->hyperlinks[0].bytes) == "this page");
}

TEST_CASE("office: ODT footnotes and endnotes at their citation, bodies after the text", "[office]") {
  Document d = odt(R"(<text:p>Claim<text:note text:id="ftn1" text:note-class="footnote"><text:note-citation>1</text:note-citation>)"
                   R"(<text:note-body><text:p>Note <text:a xlink:href="https://n.example.org">link</text:a>.</text:p><text:p>More.</text:p></text:note-body></text:note> end.</text:p>)"
                   R"(<text:p>Other<text:note text:note-class="endnote"><text:note-citation>i</text:note-citation><text:note-body><text:p>End.</text:p></text:note-body></text:note></text:p>)");
  REQUIRE(d.line_count() == 5);
  CHECK(d.line(1) == "Claim1 end.");
  CHECK(d.line(2) == "Otheri");
  CHECK(d.line(3) == "1 Note link.");
  CHECK(d.line(4) == "More.");
  CHECK(d.line(5) == "i End.");
  CHECK(d.origins[2].note == 1);
  CHECK(d.origins[2].paragraph == 0);
  CHECK(d.origins[4].note == 1);
  CHECK(d.origins[4].endnote);  // endnote 1, not footnote 1
  CHECK_FALSE(d.origins[2].endnote);
  const auto& fn = d.structure->footnotes;
  REQUIRE(fn.size() == 2);
  CHECK(fn[0].label == "1");
  CHECK(text_of(d, fn[0].marker) == "1");
  CHECK(text_of(d, fn[0].body) == "Note link.\nMore.");
  CHECK(fn[1].label == "i");
  CHECK(text_of(d, fn[1].body) == "End.");
  REQUIRE(d.structure->hyperlinks.size() == 1);
  CHECK(d.line_of(d.structure->hyperlinks[0].bytes.begin) == 3);
}

TEST_CASE("office: ODT Zotero reference marks and the ZOTERO_BIBL section", "[office]") {
  std::string name = "ZOTERO_ITEM CSL_CITATION " + xml_escape(kZoteroJson) + " RNDa1b2c3d4e5";
  Document d = odt(R"(<text:p>يرى الباحث <text:reference-mark-start text:name=")" + name + R"("/>(Light 2023)<text:reference-mark-end text:name=")" +
                   name + R"("/> ذلك.</text:p><text:h>المراجع</text:h>)"
                   R"(<text:section text:name="ZOTERO_BIBL {&quot;uncited&quot;:[]} CSL_BIBLIOGRAPHY RNDx1"><text:p>Light, Felix. 2023. Arabic Script Reform.</text:p>)"
                   R"(<text:p>Abbas, Huda. 2020. Other.</text:p></text:section><text:p>Appendix</text:p>)");
  const auto& st = *d.structure;
  REQUIRE(st.citations.size() == 1);
  CHECK(st.citations[0].source == "zotero");
  CHECK(text_of(d, st.citations[0].bytes) == "(Light 2023)");
  REQUIRE(st.citations[0].items.size() == 1);
  CHECK(st.citations[0].items[0].doi == std::optional<std::string>("10.1000/jlp.2023.7"));
  CHECK(st.references_marked);
  CHECK(st.references_heading == "المراجع");
  CHECK(st.references_heading_line == 2);
  REQUIRE(st.references.size() == 2);
  CHECK(text_of(d, st.references[0].bytes) == "Light, Felix. 2023. Arabic Script Reform.");
  CHECK(text_of(d, st.references[1].bytes) == "Abbas, Huda. 2020. Other.");
}

// --- Hostile input ----------------------------------------------------------------------------------

TEST_CASE("office: a DOCTYPE that declares entities is refused, naming the part", "[office]") {
  std::string bomb = R"(<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>)"
                     R"(<w:document )" + kW + R"(><w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>)";
  std::string message = error_of(zip_of({{"word/document.xml", bomb}}));
  CHECK(mentions(message, "word/document.xml"));
  CHECK(mentions(message, "entities"));
}

TEST_CASE("office: 100,000-deep nesting is refused quickly", "[office]") {
  std::string deep = "<w:document " + kW + "><w:body><w:p>";
  for (int i = 0; i < 100000; ++i) deep += "<w:ins>";
  for (int i = 0; i < 100000; ++i) deep += "</w:ins>";
  deep += "</w:p></w:body></w:document>";
  auto start = std::chrono::steady_clock::now();
  // Zipped, such nesting compresses too well to pass the bomb check; the parts alone reach the XML limit.
  CHECK(mentions(error_of(zip_of({{"word/document.xml", deep}})), "looks like a ZIP bomb"));
  DocxParts parts;
  parts.document = deep;
  std::string message;
  try {
    read_docx_parts("deep.docx", parts);
  } catch (const InputError& e) {
    message = e.what();
  }
  CHECK(mentions(message, "word/document.xml nests elements more than"));
  std::string odt_deep = "<office:document-content " + kOdtNs + "><office:body><office:text><text:p>";
  for (int i = 0; i < 100000; ++i) odt_deep += "<text:span>";
  for (int i = 0; i < 100000; ++i) odt_deep += "</text:span>";
  odt_deep += "</text:p></office:text></office:body></office:document-content>";
  message.clear();
  try {
    read_odt_content("deep.odt", odt_deep);
  } catch (const InputError& e) {
    message = e.what();
  }
  CHECK(mentions(message, "content.xml nests elements more than"));
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(10));
}

TEST_CASE("office: malformed XML, a missing body and a zip of nonsense give InputError", "[office]") {
  CHECK(mentions(error_of(zip_of({{"word/document.xml", "<w:document><w:body>"}})), "word/document.xml is not well-formed"));
  CHECK(mentions(error_of(zip_of({{"word/document.xml", "<w:document " + kW + "/>"}})), "no document body"));
  CHECK(mentions(error_of(zip_of({{"word/document.xml", document_xml("")}, {"word/footnotes.xml", "<oops"}})),
                 "word/footnotes.xml"));
  CHECK(mentions(error_of(odt_bytes("<text:p>")), "content.xml"));
  std::string good = zip_of({{"word/document.xml", document_xml(para(run("x")))}});
  CHECK(mentions(error_of(good.substr(0, good.size() - 10)), "not a readable ZIP archive"));
}

TEST_CASE("office: the DOCX part reader alone tolerates empty notes and relationships", "[office]") {
  DocxParts parts;
  parts.document = document_xml(para(run("Only") + R"(<w:r><w:footnoteReference w:id="1"/></w:r>)"));
  Document d = read_docx_parts("p.docx", parts);
  CHECK(d.line(1) == "Only1");
  REQUIRE(d.structure->footnotes.size() == 1);
  CHECK_FALSE(d.structure->footnotes[0].body.has_value());
}

// --- Committed fixtures ------------------------------------------------------------------------------

TEST_CASE("office: fixture fields_zotero_mendeley_endnote.docx", "[office]") {
  Document d = read_office_document("f.docx", test::read_file(test::fixture_path("office/fields_zotero_mendeley_endnote.docx")));
  REQUIRE(d.format == "docx");
  const DocumentStructure& st = *d.structure;
  REQUIRE(d.line_count() == 15);
  CHECK(d.line(3) == "");
  CHECK(d.origins[2].paragraph == 3);
  CHECK(d.line(4) == "შესავალი");
  CHECK(d.line(13) == "Smith, Graham. 2021. Nation-Building in the Post-Soviet Borderlands. Cambridge: Cambridge University Press.");
  CHECK(d.origins[12].paragraph == 13);

  // Footnotes: marks in paragraphs 5 and 6, bodies on lines 14 and 15.
  REQUIRE(st.footnotes.size() == 2);
  CHECK(d.origins[d.line_of(st.footnotes[0].marker->begin) - 1].paragraph == 5);
  CHECK(d.origins[d.line_of(st.footnotes[1].marker->begin) - 1].paragraph == 6);
  CHECK(d.line(14).substr(0, 2) == "1 ");
  CHECK(d.origins[13].note == 1);
  CHECK(d.origins[14].note == 2);
  CHECK(text_of(d, st.footnotes[1].body) == "სმიტის მონაცემები ეყრდნობა 1989 წლის საკავშირო აღწერას.");

  // Hyperlinks: two in the body by relationship, the HYPERLINK field, one in footnote 1.
  REQUIRE(st.hyperlinks.size() == 4);
  CHECK(st.hyperlinks[0].target == "https://www.osce.org/hcnm/language-rights");
  CHECK(text_of(d, st.hyperlinks[0].bytes) == "ეუთოს უმცირესობათა უმაღლესი კომისარი");
  CHECK(st.hyperlinks[1].target == "https://unesdoc.unesco.org/ark:/48223/pf0000231288");
  CHECK(st.hyperlinks[2].target == "https://www.ethnologue.com/country/UZ/");
  CHECK(text_of(d, st.hyperlinks[2].bytes) == "Ethnologue");
  CHECK(st.hyperlinks[3].target == "https://www.osce.org/files/f/documents/a/6/78309.pdf");
  CHECK(d.line_of(st.hyperlinks[3].bytes.begin) == 14);

  // Citations: Zotero (correct, with DOI), Zotero edited by hand, Mendeley, EndNote.
  REQUIRE(st.citations.size() == 4);
  CHECK(st.citations[0].source == "zotero");
  CHECK(text_of(d, st.citations[0].bytes) == "(Fierman 2009)");
  CHECK(st.citations[0].items.at(0).doi == std::optional<std::string>("10.1080/09668130903068798"));
  CHECK_FALSE(st.citations[0].marked_edited);
  const FieldCitation& edited = st.citations[1];
  CHECK(text_of(d, edited.bytes) == "(Smith 2019)");
  CHECK(edited.marked_edited);
  CHECK(edited.generated_text == "(Smith 2021)");
  REQUIRE(edited.items.size() == 1);
  CHECK(edited.items[0].authors.at(0).family == "Smith");
  CHECK(edited.items[0].year == std::optional<std::string>("2021"));
  CHECK(edited.items[0].title == std::optional<std::string>("Nation-Building in the Post-Soviet Borderlands"));
  CHECK(st.citations[2].source == "mendeley");
  CHECK(st.citations[2].generated_text == "(Pavlenko, 2008)");
  CHECK(st.citations[2].items.at(0).doi == std::optional<std::string>("10.1080/13670050802271517"));
  CHECK(st.citations[3].source == "endnote");
  CHECK(text_of(d, st.citations[3].bytes) == "(Landau & Kellner-Heinkele, 2012)");
  REQUIRE(st.citations[3].items.size() == 1);
  CHECK(st.citations[3].items[0].authors.size() == 2);
  CHECK(st.citations[3].items[0].authors[1].family == "Kellner-Heinkele");
  CHECK(st.citations[3].items[0].isbn == std::optional<std::string>("9781848856714"));

  // The Zotero bibliography: four entries on lines 10-13 under "ლიტერატურა".
  CHECK(st.references_marked);
  CHECK(st.references_heading == "ლიტერატურა");
  CHECK(st.references_heading_line == 9);
  REQUIRE(st.references.size() == 4);
  CHECK(d.line_of(st.references[0].bytes.begin) == 10);
  CHECK(text_of(d, st.references[3].bytes) == d.line(13));
}

TEST_CASE("office: fixture notes_links.odt", "[office]") {
  Document d = read_office_document("n.odt", test::read_file(test::fixture_path("office/notes_links.odt")));
  REQUIRE(d.format == "odt");
  const DocumentStructure& st = *d.structure;
  REQUIRE(d.line_count() == 13);
  CHECK(d.line(1) == "اللغة والهوية في المغرب العربي");
  CHECK(d.line(2) == "شهدت السياسات اللغوية في الجزائر تحولات عميقة بعد الاستقلال (Benrabah 2013)1، ولا سيما في مجال التعليم.");
  CHECK(d.line(3) == "أما في المغرب فقد درست الباحثة علاقة اللغة بالنوع الاجتماعي (Sadiqi 2003)2.");
  CHECK(d.line(5) == "");
  CHECK(d.line(6) == "المراجع");
  CHECK(d.origins[5].paragraph == 6);
  CHECK(d.line(7).substr(0, 9) == "Benrabah,");
  CHECK(d.line(10) == "1 انظر تقرير اليونسكو عن التعليم متعدد اللغات، ص. 12.");
  CHECK(d.line(11) == "2 Sadiqi  يستند إلى مقابلات ميدانية في فاس.");
  CHECK(d.line(12) == "وللمقارنة انظر Ennaji (2005).");
  CHECK(d.line(13) == "i بيانات إحصاء 2014.");
  CHECK(d.origins[11].note == 2);
  CHECK(d.origins[12].note == 1);
  REQUIRE(st.footnotes.size() == 3);
  CHECK(d.line_of(st.footnotes[0].marker->begin) == 2);
  CHECK(text_of(d, st.footnotes[1].body) == "Sadiqi  يستند إلى مقابلات ميدانية في فاس.\nوللمقارنة انظر Ennaji (2005).");
  CHECK(st.footnotes[2].label == "i");
  REQUIRE(st.hyperlinks.size() == 3);
  CHECK(st.hyperlinks[0].target == "https://www.hcp.ma/Recensement-general-de-la-population-et-de-l-habitat-2014_a1593.html");
  CHECK(st.hyperlinks[1].target == "https://doi.org/10.1007/b104063");
  CHECK(st.hyperlinks[2].target == "https://www.unesco.org/en/articles/multilingual-education");
  CHECK(d.line_of(st.hyperlinks[2].bytes.begin) == 10);
  // A plain reference list: no bibliography field, so the text heuristics find it.
  CHECK_FALSE(st.references_marked);
  CHECK(st.citations.empty());
}

TEST_CASE("office: inputs the fuzzer found are read or refused, never crash", "[office]") {
  // Same format as tests/fuzz/fuzz_office.cpp: the first byte selects the reader.
  namespace fs = std::filesystem;
  int seen = 0;
  for (const auto& entry : fs::directory_iterator(test::fixture_path("office/crashers"))) {
    if (!entry.is_regular_file() || entry.path().extension() == ".md") continue;
    std::string raw = test::read_file(entry.path().string());
    if (raw.empty()) continue;
    ++seen;
    INFO(entry.path().string());
    std::string bytes = raw.substr(1);
    auto start = std::chrono::steady_clock::now();
    try {
      Document d;
      if (raw[0] % 3 == 0) {
        d = read_office_document("c", bytes);
      } else if (raw[0] % 3 == 1) {
        std::vector<std::string> pieces(7);
        std::size_t k = 0;
        for (char c : bytes) {
          if (c == '\f' && k + 1 < pieces.size()) ++k;
          else pieces[k].push_back(c);
        }
        d = read_docx_parts("c", DocxParts{pieces[0], pieces[1], pieces[2], pieces[3], pieces[4], pieces[5], pieces[6]});
      } else {
        d = read_odt_content("c", bytes);
      }
      REQUIRE(d.structure);
      for (const MarkedFootnote& f : d.structure->footnotes) {
        if (f.marker) CHECK(f.marker->end <= d.text.size());
        if (f.body) CHECK(f.body->end <= d.text.size());
      }
      CHECK(d.origins.size() == d.line_starts.size());
    } catch (const InputError&) {
    }
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(10));
  }
  CHECK(seen >= 2);
}
