// One manuscript, several formats: the Georgian and Arabic manuscripts of fixtures/formats/
// were written once (.fodt) and saved by LibreOffice as .docx, .odt and .pdf; the .txt is
// pdftotext's extraction of the PDF. Each format has its own reader, and all of them must
// lead to the same findings about the same items.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "parsers/readers/read_document.hpp"
#include "src/pipeline.hpp"

using namespace citecheck;

namespace {

std::string path_of(const std::string& file) { return std::string(CITECHECK_SOURCE_DIR) + "/fixtures/formats/" + file; }

// What a finding is about, in terms every format shares: the cited names and years, the
// entries' first authors, the notes' labels (never lines, paragraphs or pages).
std::vector<std::string> signatures(const DocumentReport& r) {
  std::map<std::string, std::string> what;
  for (const Citation& c : r.manuscript.citations)
    what[c.id] = "cite " + (c.authors.empty() ? std::string("?") : c.authors.front()) + " " + c.year.value_or("");
  for (const Reference& e : r.manuscript.references)
    what[e.id] = "entry " + (e.work.authors.empty() ? e.raw.substr(0, 20) : e.work.authors.front().family) + " " +
                 e.work.year.value_or("");
  for (const Footnote& f : r.manuscript.footnotes) what[f.id] = "note " + f.label;
  std::vector<std::string> out;
  for (const Finding& f : r.findings) {
    std::string s = f.code + " " + to_string(f.severity);
    for (const auto& id : f.items) s += " | " + (what.count(id) ? what[id] : id.substr(0, 4));
    out.push_back(s);
  }
  std::sort(out.begin(), out.end());
  return out;
}

DocumentReport check(const std::string& file) { return check_document(read_document_file(path_of(file))); }

void same_in_every_format(const std::string& name, const std::vector<std::string>& formats) {
  DocumentReport first = check(name + "." + formats.front());
  CHECK(first.format == (formats.front() == "txt" ? "text" : formats.front()));
  auto expected = signatures(first);
  for (std::size_t i = 1; i < formats.size(); ++i) {
    DocumentReport other = check(name + "." + formats[i]);
    INFO(name << "." << formats[i] << " against " << name << "." << formats.front());
    CHECK(other.format == (formats[i] == "txt" ? "text" : formats[i]));
    CHECK(signatures(other) == expected);
    CHECK(other.manuscript.footnotes.size() == first.manuscript.footnotes.size());
    CHECK(other.manuscript.references.size() == first.manuscript.references.size());
    CHECK(other.manuscript.citations.size() == first.manuscript.citations.size());
  }
}

bool has(const std::vector<std::string>& v, const std::string& prefix) {
  return std::any_of(v.begin(), v.end(), [&](const std::string& s) { return s.rfind(prefix, 0) == 0; });
}

}  // namespace

TEST_CASE("the Georgian manuscript gives the same findings as DOCX, ODT, PDF and its text extraction") {
  same_in_every_format("ka_manuscript", {"docx", "odt", "pdf", "txt"});
  // And they are the problems planted in it, nothing else.
  DocumentReport r = check("ka_manuscript.docx");
  auto s = signatures(r);
  CHECK(s.size() == 3);
  CHECK(has(s, "year-mismatch error | cite კიკნაძე 2014"));
  CHECK(has(s, "citation-without-reference error | cite Petrosyan 2017"));
  CHECK(has(s, "reference-never-cited warning"));
  CHECK(r.manuscript.footnotes.size() == 4);
  for (const Footnote& f : r.manuscript.footnotes) {
    CHECK(f.marker);
    CHECK(f.body);
  }
}

TEST_CASE("the Arabic manuscript gives the same findings as DOCX, ODT, PDF and its text extraction") {
  // pdftotext writes each raised right-to-left note number on a line of its own before its
  // line, with a blank line after it; the PDF reader puts it back, the text rules take it as a
  // marker where it stands and read a citation it cuts in two across it.
  same_in_every_format("ar_manuscript", {"docx", "odt", "pdf", "txt"});
  auto s = signatures(check("ar_manuscript.pdf"));
  CHECK(s.size() == 3);
  CHECK(has(s, "year-mismatch error"));
  CHECK(has(s, "citation-without-reference error | cite Karimi 2017"));
  CHECK(has(s, "reference-never-cited warning"));
}

TEST_CASE("the Arabic text extraction pairs the notes whose raised numbers stand on lines of their own") {
  // Same notes, same texts as the PDF; and the citation a number's line cut in two reads whole.
  DocumentReport txt = check("ar_manuscript.txt");
  DocumentReport pdf = check("ar_manuscript.pdf");
  REQUIRE(txt.manuscript.footnotes.size() == 4);
  REQUIRE(pdf.manuscript.footnotes.size() == 4);
  for (std::size_t i = 0; i < 4; ++i) {
    const Footnote& t = txt.manuscript.footnotes[i];
    CHECK(t.label == pdf.manuscript.footnotes[i].label);
    CHECK(t.marker);
    CHECK(t.body);
    CHECK(t.text == pdf.manuscript.footnotes[i].text);
  }
  for (const Finding& f : txt.findings) CHECK(f.code.rfind("footnote-", 0) != 0);
  auto karimi = std::find_if(txt.manuscript.citations.begin(), txt.manuscript.citations.end(),
                             [](const Citation& c) { return !c.authors.empty() && c.authors.front() == "Karimi"; });
  REQUIRE(karimi != txt.manuscript.citations.end());
  CHECK(karimi->raw == "( Karimi 2017)");  // as the PDF reader gives it
  CHECK(karimi->year == "2017");
}

TEST_CASE("a hyperlink on words, not on a printed URL, is checked in DOCX, ODT and PDF alike") {
  // Both manuscripts link a phrase ("on the Unicode Consortium's site") to the charts' index.
  const std::map<std::string, std::string> phrase = {{"ka_manuscript", "უნიკოდის კონსორციუმის საიტზე"},
                                                     {"ar_manuscript", "موقع اتحاد يونيكود"}};
  for (const auto& [name, words] : phrase)
    for (const std::string format : {"docx", "odt", "pdf"}) {
      INFO(name << "." << format);
      Document d = read_document_file(path_of(name + "." + format));
      DocumentReport r = check_document(d);
      auto link = std::find_if(r.manuscript.links.begin(), r.manuscript.links.end(),
                               [](const Link& l) { return l.value == "https://www.unicode.org/charts/"; });
      REQUIRE(link != r.manuscript.links.end());
      CHECK(link->hyperlink);
      CHECK_FALSE(link->owner);
      std::string shown = d.text.substr(link->bytes.begin, link->bytes.end - link->bytes.begin);
      std::replace(shown.begin(), shown.end(), '\n', ' ');
      CHECK(shown == words);
    }
  // A text extraction has lost the link: only the printed URLs are left.
  DocumentReport txt = check("ka_manuscript.txt");
  CHECK(std::none_of(txt.manuscript.links.begin(), txt.manuscript.links.end(),
                     [](const Link& l) { return l.value == "https://www.unicode.org/charts/" || l.hyperlink; }));
}
