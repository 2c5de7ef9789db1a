// Tests for src/annotate_docx.cpp: Word packages built part by part, checked, annotated, and
// the copy taken apart again — where each comment's range lies in the XML, what the comments
// part says, what else changed (nothing), and what citecheck reads back from it.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <pugixml.hpp>
#include <set>
#include <string>
#include <vector>

#include "helpers.hpp"
#include "parsers/readers/office_reader.hpp"
#include "parsers/readers/zip_archive.hpp"
#include "src/annotate_docx.hpp"
#include "src/localize.hpp"
#include "src/pipeline.hpp"
#include "zip_builder.hpp"

using namespace citecheck;

namespace {

using citecheck::test::Parts;
using citecheck::test::zip_of;

const std::string kDeclaration = R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)";
const std::string kW =
    R"(xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" )"
    R"(xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships")";
const std::string kRel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";

std::string run(const std::string& text, const std::string& properties = "") {
  return "<w:r>" + (properties.empty() ? "" : "<w:rPr>" + properties + "</w:rPr>") + R"(<w:t xml:space="preserve">)" + text +
         "</w:t></w:r>";
}
std::string para(const std::string& runs, const std::string& properties = "") {
  return "<w:p>" + (properties.empty() ? "" : "<w:pPr>" + properties + "</w:pPr>") + runs + "</w:p>";
}
std::string note_mark(int id) { return R"(<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id=")" + std::to_string(id) + R"("/></w:r>)"; }
std::string footnote(int id, const std::string& text) {
  return R"(<w:footnote w:id=")" + std::to_string(id) + R"("><w:p><w:r><w:footnoteRef/></w:r>)" + run(" " + text) + "</w:p></w:footnote>";
}

// A Word package as Word writes one: content types, the package's and the document's
// relationships, the document, and the notes and comments parts when given.
struct WordFile {
  std::string body, footnotes, comments;  // the parts' contents (footnotes: the w:footnote elements)
  std::string comments_name = "comments.xml";

  Parts parts() const {
    std::string types = kDeclaration + R"(<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">)"
                        R"(<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>)"
                        R"(<Default Extension="xml" ContentType="application/xml"/>)"
                        R"(<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>)";
    std::string rels = kDeclaration + R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)";
    Parts out;
    if (!footnotes.empty()) {
      types += R"(<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>)";
      rels += R"(<Relationship Id="rId1" Type=")" + kRel + R"(footnotes" Target="footnotes.xml"/>)";
      out.push_back({"word/footnotes.xml", kDeclaration + "<w:footnotes " + kW +
                                               R"(><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>)"
                                               R"(<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>)" +
                                               footnotes + "</w:footnotes>"});
    }
    if (!comments.empty()) {
      types += R"(<Override PartName="/word/)" + comments_name +
               R"(" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/>)";
      rels += R"(<Relationship Id="rId2" Type=")" + kRel + R"(comments" Target=")" + comments_name + R"("/>)";
      out.push_back({"word/" + comments_name, kDeclaration + "<w:comments " + kW + ">" + comments + "</w:comments>"});
    }
    out.insert(out.begin(), {"word/_rels/document.xml.rels", rels + "</Relationships>"});
    out.insert(out.begin(), {"word/document.xml", kDeclaration + "<w:document " + kW + "><w:body>" + body +
                                                      R"(<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>)"});
    out.insert(out.begin(), {"_rels/.rels", kDeclaration + R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
                                                R"(<Relationship Id="rId1" Type=")" + kRel + R"(officeDocument" Target="word/document.xml"/></Relationships>)"});
    out.insert(out.begin(), {"[Content_Types].xml", types + "</Types>"});
    return out;
  }
  std::string bytes() const { return zip_of(parts()); }
};

const std::string kReferences = para(run("References")) +
                                para(run("Light, Felix. 2023. Harbours of the Levant. Journal of Ports 2: 1–9."));

struct Checked {
  std::string bytes, text;
  DocumentReport report;
};

Checked check(const std::string& bytes) {
  Document doc = read_office_document("paper.docx", bytes);
  return {bytes, doc.text, check_document(doc)};
}

CommentAuthor run_author() {
  CommentAuthor a;
  a.date = "2026-12-06T12:00:00Z";
  return a;
}

std::string annotated(const Checked& c) { return annotate_docx(c.bytes, c.text, c.report, run_author()); }

std::string part(const std::string& package, const std::string& name) {
  ZipArchive zip(package);
  return zip.read(name).value_or("<missing " + name + ">");
}

pugi::xml_document parsed(const std::string& xml) {
  pugi::xml_document d;
  REQUIRE(d.load_buffer(xml.data(), xml.size()));
  return d;
}

// What each comment of a part covers, in document order: the text of its w:t, and each
// footnote mark as [fn:ID]; and the order of its range marks and references.
struct Anchors {
  std::map<std::string, std::string> covered;
  std::vector<std::string> marks;  // "start 4", "end 4", "ref 4"
};

Anchors anchors_in(const std::string& xml) {
  pugi::xml_document d = parsed(xml);
  Anchors out;
  std::set<std::string> open;
  std::vector<pugi::xml_node> stack{d.document_element()};
  while (!stack.empty()) {
    pugi::xml_node n = stack.back();
    stack.pop_back();
    const std::string name = n.name();
    const std::string id = n.attribute("w:id").value();
    if (name == "w:commentRangeStart") {
      open.insert(id);
      out.covered[id];
      out.marks.push_back("start " + id);
    } else if (name == "w:commentRangeEnd") {
      open.erase(id);
      out.marks.push_back("end " + id);
    } else if (name == "w:commentReference") {
      out.marks.push_back("ref " + id);
    } else if (name == "w:t") {
      for (const auto& o : open) out.covered[o] += n.text().get();
    } else if (name == "w:footnoteReference") {
      for (const auto& o : open) out.covered[o] += "[fn:" + id + "]";
    }
    for (pugi::xml_node c = n.last_child(); c; c = c.previous_sibling())
      if (c.type() == pugi::node_element) stack.push_back(c);
  }
  return out;
}

struct Comment {
  std::string author, initials, date, text;  // paragraphs joined by '\n'
};

std::map<std::string, Comment> comments_in(const std::string& xml) {
  pugi::xml_document d = parsed(xml);
  std::map<std::string, Comment> out;
  for (pugi::xml_node c : d.document_element().children("w:comment")) {
    Comment k{c.attribute("w:author").value(), c.attribute("w:initials").value(), c.attribute("w:date").value(), ""};
    for (pugi::xml_node p : c.children("w:p")) {
      if (!k.text.empty()) k.text += "\n";
      for (pugi::xml_node r : p.children("w:r")) k.text += r.child("w:t").text().get();
    }
    REQUIRE(out.emplace(c.attribute("w:id").value(), k).second);  // ids are unique
  }
  return out;
}

// The id of the comment on the finding with `code`: comments are numbered in the report's order.
std::string id_of(const Checked& c, const std::string& code, int first_id = 0) {
  for (std::size_t i = 0; i < c.report.findings.size(); ++i)
    if (c.report.findings[i].code == code) return std::to_string(first_id + static_cast<int>(i));
  FAIL("no " << code << " finding");
  return "";
}

std::vector<std::string> codes_and_messages(const DocumentReport& r) {
  std::vector<std::string> out;
  for (const auto& f : r.findings) out.push_back(f.code + " " + std::to_string(f.span.line) + " " + f.message);
  return out;
}

}  // namespace

TEST_CASE("annotate: a citation without an entry gets a comment around the citation, saying what to do", "[annotate]") {
  WordFile m;
  m.body = para(run("Ports shaped the coast (Haddad 2018), as the records show (Light 2023).")) + kReferences;
  Checked c = check(m.bytes());
  const std::string id = id_of(c, "citation-without-reference");
  const std::string copy = annotated(c);

  Anchors a = anchors_in(part(copy, "word/document.xml"));
  CHECK(a.covered[id] == "(Haddad 2018)");
  auto comments = comments_in(part(copy, "word/comments.xml"));
  REQUIRE(comments.count(id));
  CHECK(comments[id].author == "citecheck");
  CHECK(comments[id].initials == "cc");
  CHECK(comments[id].date == "2026-12-06T12:00:00Z");
  CHECK(comments[id].text ==
        "error [citation-without-reference]\n"
        "no reference entry matches the citation (Haddad 2018)\n"
        "What to do: Add the cited work to the reference list, or correct the author or year in the citation.");
  // Start, end, then the reference run that shows the comment.
  auto at = std::find(a.marks.begin(), a.marks.end(), "start " + id);
  REQUIRE(std::distance(at, a.marks.end()) >= 3);
  CHECK(*(at + 1) == "end " + id);
  CHECK(*(at + 2) == "ref " + id);
  // The package names the new part: a relationship from the document, a content type.
  CHECK(part(copy, "word/_rels/document.xml.rels").find(R"(Type=")" + kRel + R"(comments" Target="comments.xml")") != std::string::npos);
  CHECK(part(copy, "[Content_Types].xml").find(R"(<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/>)") != std::string::npos);
}

TEST_CASE("annotate: in French (--lang fr) the comment's message and advice are French", "[annotate]") {
  WordFile m;
  m.body = para(run("Ports shaped the coast (Haddad 2018), as the records show (Light 2023).")) + kReferences;
  Checked c = check(m.bytes());
  localize_findings(c.report, *find_language("fr"));
  CommentAuthor author = run_author();
  author.language = "fr";
  const std::string id = id_of(c, "citation-without-reference");
  auto comments = comments_in(part(annotate_docx(c.bytes, c.text, c.report, author), "word/comments.xml"));
  REQUIRE(comments.count(id));
  CHECK(comments[id].text ==
        "error [citation-without-reference]\n"
        "aucune entrée de la bibliographie ne correspond à la citation (Haddad 2018)\n"
        "Que faire\u00A0: Ajoutez l’œuvre citée à la bibliographie, ou corrigez l’auteur ou l’année dans la citation.");
}

TEST_CASE("annotate: a citation split over runs is covered whole, and each half keeps its run's formatting", "[annotate]") {
  WordFile m;
  m.body = para(run("Ports shaped the coast (Had") + run("dad 2018), as", "<w:i/>") + run(" the records show (Light 2023).")) +
           kReferences;
  Checked c = check(m.bytes());
  const std::string id = id_of(c, "citation-without-reference");
  const std::string document = part(annotated(c), "word/document.xml");
  CHECK(anchors_in(document).covered[id] == "(Haddad 2018)");
  // The runs were cut at the citation's ends; the italic run's two halves are both italic.
  pugi::xml_document d = parsed(document);
  std::vector<std::pair<std::string, bool>> runs;  // text, italic
  for (pugi::xml_node r : d.document_element().child("w:body").first_child().children("w:r"))
    if (r.child("w:t")) runs.emplace_back(r.child("w:t").text().get(), static_cast<bool>(r.child("w:rPr").child("w:i")));
  std::vector<std::pair<std::string, bool>> expected = {
      {"Ports shaped the coast ", false}, {"(Had", false}, {"dad 2018)", true}, {", as", true}, {" the records show (Light 2023).", false}};
  CHECK(runs == expected);
}

TEST_CASE("annotate: a finding inside a footnote is commented on the footnote's mark, quoting the note, and a mark without its note too", "[annotate]") {
  // Not inside the note: LibreOffice refuses a .docx with comments in its notes part.
  WordFile m;
  m.body = para(run("Ports shaped the coast (Light 2023).") + note_mark(1) + run(" Trade grew.") + note_mark(7)) + kReferences;
  m.footnotes = footnote(1, "See the customs records (Haddad 2018) for the figures.");
  const std::string original = m.bytes();
  Checked c = check(original);
  const std::string in_note = id_of(c, "citation-without-reference");
  const std::string no_body = id_of(c, "footnote-marker-without-body");
  const std::string copy = annotated(c);

  Anchors body = anchors_in(part(copy, "word/document.xml"));
  CHECK(body.covered[in_note] == "[fn:1]");
  CHECK(body.covered[no_body] == "[fn:7]");
  CHECK(part(copy, "word/footnotes.xml") == part(original, "word/footnotes.xml"));
  auto comments = comments_in(part(copy, "word/comments.xml"));
  CHECK(comments[in_note].text ==
        "error [citation-without-reference]\n"
        "In footnote 1: \u201C(Haddad 2018)\u201D\n"
        "no reference entry matches the citation (Haddad 2018)\n"
        "What to do: Add the cited work to the reference list, or correct the author or year in the citation.");
  CHECK(comments[no_body].text.rfind("error [footnote-marker-without-body]\n", 0) == 0);
}

TEST_CASE("annotate: the file's own comments are kept and the new ones numbered after them", "[annotate]") {
  WordFile m;
  m.comments_name = "comments.xml";
  m.body = para(R"(<w:commentRangeStart w:id="0"/>)" + run("Ports shaped the coast (Haddad 2018).") +
                R"(<w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r>)") +
           para(R"(<w:commentRangeStart w:id="3"/>)" + run("As the records show (Light 2023).") +
                R"(<w:commentRangeEnd w:id="3"/><w:r><w:commentReference w:id="3"/></w:r>)") +
           kReferences;
  const std::string editor =
      R"(<w:comment w:id="0" w:author="Maya Editor" w:date="2026-11-30T09:00:00Z" w:initials="ME"><w:p><w:r><w:t>Shorten this sentence.</w:t></w:r></w:p></w:comment>)"
      R"(<w:comment w:id="3" w:author="Maya Editor" w:date="2026-11-30T09:05:00Z" w:initials="ME"><w:p><w:r><w:t>Which records?</w:t></w:r></w:p></w:comment>)";
  m.comments = editor;
  const std::string original = m.bytes();
  Checked c = check(original);
  REQUIRE(!c.report.findings.empty());
  const std::string copy = annotated(c);

  auto comments = comments_in(part(copy, "word/comments.xml"));
  CHECK(comments["0"].author == "Maya Editor");
  CHECK(comments["0"].text == "Shorten this sentence.");
  CHECK(comments["3"].text == "Which records?");
  const std::string id = id_of(c, "citation-without-reference", 4);
  CHECK(comments.size() == 2 + c.report.findings.size());
  CHECK(comments.begin()->first == "0");
  for (std::size_t i = 0; i < c.report.findings.size(); ++i) CHECK(comments.count(std::to_string(4 + i)) == 1);
  Anchors a = anchors_in(part(copy, "word/document.xml"));
  CHECK(a.covered["0"] == "Ports shaped the coast (Haddad 2018).");
  CHECK(a.covered["3"] == "As the records show (Light 2023).");
  CHECK(a.covered[id] == "(Haddad 2018)");
  // The package already had the part: its relationship and content type stay as they were.
  CHECK(part(copy, "word/_rels/document.xml.rels") == part(original, "word/_rels/document.xml.rels"));
  CHECK(part(copy, "[Content_Types].xml") == part(original, "[Content_Types].xml"));
}

TEST_CASE("annotate: an Arabic right-to-left citation is covered whole, its runs still right-to-left", "[annotate]") {
  WordFile m;
  const std::string rtl = "<w:rtl/>";
  m.body = para(run("كما يقول ", rtl) + run("(عبدالحكيم ", rtl) + run("٢٠٢٠) إن المصادر قليلة.", rtl), "<w:bidi/>") +
           para(run("المراجع", rtl), "<w:bidi/>") +
           para(run("النجار، أحمد. 2018. الإنسانيات الرقمية في العالم العربي. القاهرة: دار الشروق.", rtl), "<w:bidi/>");
  Checked c = check(m.bytes());
  const std::string id = id_of(c, "citation-without-reference");
  const std::string never_cited = id_of(c, "reference-never-cited");
  const std::string copy = annotated(c);
  Anchors a = anchors_in(part(copy, "word/document.xml"));
  CHECK(a.covered[id] == "(عبدالحكيم ٢٠٢٠)");
  CHECK(a.covered[never_cited] == "النجار، أحمد. 2018. الإنسانيات الرقمية في العالم العربي. القاهرة: دار الشروق.");
  pugi::xml_document d = parsed(part(copy, "word/document.xml"));
  for (pugi::xml_node r : d.document_element().child("w:body").first_child().children("w:r"))
    if (r.child("w:t")) CHECK(r.child("w:rPr").child("w:rtl"));
  auto comments = comments_in(part(copy, "word/comments.xml"));
  CHECK(comments[id].text.find("(عبدالحكيم ٢٠٢٠)") != std::string::npos);
}

TEST_CASE("annotate: the copy is a valid package that reads back with the same findings, and only the commented parts change", "[annotate]") {
  WordFile m;
  m.body = para(run("Ports shaped the coast (Had") + run("dad 2018)", "<w:b/>") + run(" and trade (Light 2021).") + note_mark(1)) +
           para(run("See https://bit.ly/3xYzAbc for the map.")) + kReferences;
  m.footnotes = footnote(1, "Customs figures (Haddad 2018); https://bit.ly/4aa for the tables.");
  const std::string original = m.bytes();
  Checked c = check(original);
  REQUIRE(c.report.findings.size() >= 4);
  const std::string copy = annotated(c);

  // Every part of the original is there, those without comments unchanged.
  ZipArchive before(original), after(copy);
  for (const auto& name : before.names()) {
    INFO(name);
    REQUIRE(after.has(name));
    if (name != "word/document.xml" && name != "[Content_Types].xml" &&
        name != "word/_rels/document.xml.rels")
      CHECK(after.read(name) == before.read(name));
  }
  // Every comment has its range and reference in one part, and every range its comment.
  auto comments = comments_in(part(copy, "word/comments.xml"));
  CHECK(comments.size() == c.report.findings.size());
  std::multiset<std::string> marks;
  for (const char* name : {"word/document.xml", "word/footnotes.xml"})
    for (const auto& mark : anchors_in(part(copy, name)).marks) marks.insert(mark);
  for (const auto& [id, comment] : comments) {
    INFO("comment " << id);
    CHECK(marks.count("start " + id) == 1);
    CHECK(marks.count("end " + id) == 1);
    CHECK(marks.count("ref " + id) == 1);
  }
  CHECK(marks.size() == 3 * comments.size());
  // citecheck reads the copy as it read the original.
  Checked again = check(copy);
  CHECK(again.text == c.text);
  CHECK(codes_and_messages(again.report) == codes_and_messages(c.report));
  // A pinned run makes the same copy every time.
  CHECK(annotated(c) == copy);
}

TEST_CASE("annotate: a finding without a place in the text goes on its paragraph, one without a line on the first", "[annotate]") {
  WordFile m;
  m.body = para(run("Ports shaped the coast.")) + para(run("Trade grew ") + run("with the railway.")) + para(run("Customs."));
  Checked c = check(m.bytes());
  c.report.findings.clear();
  Finding whole{"missing-reference-list", Severity::Error, "the document has no reference list", {}, {}};
  Finding line{"malformed-citation", Severity::Warning, "malformed citation '(Haddad 201)': a three-digit year", {2, 5, 2, 5}, {}};
  c.report.findings = {whole, line};
  Anchors a = anchors_in(part(annotated(c), "word/document.xml"));
  CHECK(a.covered["0"] == "Ports shaped the coast.");
  CHECK(a.covered["1"] == "Trade grew with the railway.");
}

TEST_CASE("annotate: no finding leaves the file as it was, and another file, or one that is not Word, is refused", "[annotate]") {
  WordFile m;
  m.body = para(run("Ports shaped the coast (Light 2023).")) + kReferences;
  Checked c = check(m.bytes());
  REQUIRE(c.report.findings.empty());
  CHECK(annotated(c) == c.bytes);

  WordFile other;
  other.body = para(run("Ports shaped the coast (Haddad 2018).")) + kReferences;
  Checked d = check(other.bytes());
  REQUIRE(!d.report.findings.empty());
  CHECK_THROWS_AS(annotate_docx(m.bytes(), d.text, d.report, run_author()), AnnotationError);
  CHECK_THROWS_AS(annotate_docx(zip_of({{"mimetype", "application/vnd.oasis.opendocument.text"}, {"content.xml", "<x/>"}}), d.text, d.report,
                                run_author()),
                  AnnotationError);
  CHECK(is_word_document(other.bytes()));
  CHECK_FALSE(is_word_document(zip_of({{"mimetype", "application/vnd.oasis.opendocument.text"}, {"content.xml", "<x/>"}})));
  CHECK_FALSE(is_word_document("Ports shaped the coast (Haddad 2018).\n"));
}
