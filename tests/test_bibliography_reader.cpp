// Tests for parsers/readers/bibliography_reader.cpp: BibTeX and CSL-JSON exports as one
// marked reference entry per record, LaTeX turned into the letters it prints.
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <string>

#include "helpers.hpp"
#include "parsers/readers/bibliography_reader.hpp"
#include "parsers/text_reader.hpp"

using namespace citecheck;
using citecheck::test::fixture_path;
using citecheck::test::read_file;

namespace {

Document zotero_bib() {
  static const std::string bytes = read_file(fixture_path("bibliographies/zotero_export.bib"));
  return read_bibtex("zotero_export.bib", bytes);
}

Document zotero_json() {
  static const std::string bytes = read_file(fixture_path("bibliographies/zotero_export.json"));
  return read_csl_json("zotero_export.json", bytes);
}

const MarkedReference& record(const Document& d, const std::string& key) {
  for (const auto& r : d.structure->references)
    if (r.key == key) return r;
  FAIL("no record " << key);
  throw std::logic_error("unreachable");
}

// The work of the one entry of a small .bib text.
Work one(const std::string& bib) {
  Document d = read_bibtex("x.bib", bib);
  REQUIRE(d.structure->references.size() == 1);
  return *d.structure->references[0].work;
}

std::string bib_error_of(const std::string& bytes) {
  try {
    read_bibtex("x.bib", bytes);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

std::string json_error_of(const std::string& bytes) {
  try {
    read_csl_json("x.json", bytes);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

// --- BibTeX: records ---------------------------------------------------------------------------

TEST_CASE("a Zotero BibTeX export gives one marked entry per record, in file order", "[bibliography]") {
  Document d = zotero_bib();
  CHECK(d.format == "bibtex");
  const DocumentStructure& st = *d.structure;
  CHECK(st.references_marked);
  CHECK(st.bibliography_only);
  CHECK(st.references_heading.empty());
  REQUIRE(st.references.size() == 10);
  // One line per record, and one for the malformed entry (its first line, after the records).
  REQUIRE(d.line_count() == 11);
  CHECK(d.origins[10].source_line == 96);
  CHECK(st.references[0].key == "markedonov_karabakh_2020");
  CHECK(st.references[9].key == "tsereteli_2019");
  CHECK(d.origins[0].record == "markedonov_karabakh_2020");
  CHECK(d.origins[0].source_line == 8);
  CHECK(d.origins[9].source_line == 100);
  for (const auto& r : st.references) {
    CHECK(r.label.empty());
    CHECK(d.text.substr(r.bytes.begin, r.bytes.end - r.bytes.begin) == d.line(d.line_of(r.bytes.begin)));
  }
}

TEST_CASE("a BibTeX record's line is its display line", "[bibliography]") {
  Document d = zotero_bib();
  CHECK(d.line(1) == "Markedonov, Sergey (2020). The Karabakh war and the new regional order. Caucasus Survey, 8(3), "
                     "201-219. https://doi.org/10.1080/23761199.2020.1234567 "
                     "https://www.tandfonline.com/doi/full/10.1080/23761199.2020.1234567");
  const Work& w = *record(d, "markedonov_karabakh_2020").work;
  CHECK(w.container == "Caucasus Survey");  // the @string macro
  CHECK(w.doi == "10.1080/23761199.2020.1234567");
  CHECK(w.accessed == "2024-03-01");
  CHECK(w.pages == "201-219");
  CHECK(w.issue == "3");
}

TEST_CASE("BibTeX # concatenation, bare numbers and @string with parentheses", "[bibliography]") {
  Document d = zotero_bib();
  const Work& w = *record(d, "de_waal_conflict_2019").work;
  CHECK(w.title == "Conflict and peace in the South Caucasus");
  CHECK(w.container == "Journal of Eurasian Studies");
  CHECK(w.volume == "10");
  CHECK(w.year == "2019");
  CHECK(w.doi == "10.1177/1879366519851234");  // given as a doi.org URL
  REQUIRE(w.authors.size() == 2);
  CHECK(w.authors[0].family == "de Waal");
  CHECK(w.authors[0].given == "Thomas");
}

TEST_CASE("BibTeX titles in Georgian, Cyrillic and Arabic pass through — Arabic-Indic years fold", "[bibliography]") {
  Document d = zotero_bib();
  CHECK(record(d, "badurashvili_2021").work->title == "ქართული საგარეო პოლიტიკა");
  CHECK(record(d, "badurashvili_2021").work->authors[0].family == "ბადურაშვილი");
  CHECK(record(d, "ivanov_2018").work->container == "Вестник МГИМО");
  CHECK(record(d, "ivanov_2018").work->authors[0].given == "Иван Иванович");
  const Work& ar = *record(d, "alobaidi_2019").work;
  CHECK(ar.authors[0].family == "العبيدي");
  CHECK(ar.title == "التحولات الجيوسياسية في جنوب القوقاز");
  CHECK(ar.year == "2019");
}

TEST_CASE("BibTeX LaTeX accents and commands become Unicode", "[bibliography]") {
  Document d = zotero_bib();
  const Work& w = *record(d, "mueller_2017").work;
  REQUIRE(w.authors.size() == 3);
  CHECK(w.authors[0].family == "Müller");
  CHECK(w.authors[0].given == "Jörg");
  CHECK(w.authors[1].family == "Garçon");
  CHECK(w.authors[1].given == "François");
  CHECK(w.authors[2].family == "Škoda");
  CHECK(w.authors[2].given == "Aleš");
  CHECK(w.title == "Über die ßtrategie — eine étude & 50 % mehr");
  CHECK(w.container == "Handbuch der Sicherheit");  // \textit{…} keeps its content
}

TEST_CASE("BibTeX accents compose to precomposed letters", "[bibliography]") {
  Work w = one("@article{k, title = {\\'{e}t\\'e \\`a \\^{o} \\~n \\=a \\u{g} \\H{o} \\k{a} \\r{a} \\\"{\\i} \\'\\i "
               "{\\o} {\\L}\\'od\\'z}}");
  CHECK(w.title == "été à ô ñ ā ğ ő ą å ï í ø Łódź");
}

TEST_CASE("BibTeX escapes, dashes, ties and the url command", "[bibliography]") {
  Work w = one("@misc{k, title = {Tom~\\& Jerry: 1990--2000 \\$5 \\#1 100\\% ``quoted''},"
               " howpublished = {\\url{https://example.org/a_b%20c~d}}}");
  CHECK(w.title == "Tom & Jerry: 1990–2000 $5 #1 100% “quoted”");
  CHECK(w.urls == std::vector<std::string>{"https://example.org/a_b%20c~d"});
}

TEST_CASE("BibTeX names: organisations, von particles, First Last and others", "[bibliography]") {
  Document d = zotero_bib();
  const Work& org = *record(d, "crisis_group_2022").work;
  REQUIRE(org.authors.size() == 1);
  CHECK(org.authors[0].organisation);
  CHECK(org.authors[0].family == "Crisis Group");
  CHECK(org.urls == std::vector<std::string>{"https://www.crisisgroup.org/europe-central-asia/caucasus/nagorno-karabakh-conflict/264"});
  CHECK(org.accessed == "2024-02-10");
  const Work& b = *record(d, "beethoven_1810").work;
  REQUIRE(b.authors.size() == 2);  // "others" is et al., no person
  CHECK(b.authors[0].family == "van Beethoven");
  CHECK(b.authors[0].given == "Ludwig");
  CHECK(b.authors[1].family == "Doe");
  CHECK(b.title == "Für Elise and other pieces");
  CHECK(b.author_text == "van Beethoven, Ludwig; Doe, John");
}

TEST_CASE("a BibTeX entry without authors takes its editors", "[bibliography]") {
  Work w = one("@book{k, editor = {Weber, Anna and Kaya, Emre}, title = {Sammelband}, year = 2015}");
  REQUIRE(w.authors.size() == 2);
  CHECK(w.authors[1].family == "Kaya");
}

TEST_CASE("a BibTeX date field gives the year — a note's url command and a doi.org URL are read", "[bibliography]") {
  Document d = zotero_bib();
  const Work& w = *record(d, "tsereteli_2019").work;
  CHECK(w.year == "2019");
  CHECK(w.doi == "10.3929/ethz-b-000312345");
  CHECK(w.urls == std::vector<std::string>{"https://www.research-collection.ethz.ch/handle/20.500.11850/312345"});
}

TEST_CASE("BibTeX entries in parentheses and a month macro", "[bibliography]") {
  Work w = one("@article(k2, title = \"Parenthesised\", year = \"2001\", note = dec # \" issue\")");
  CHECK(w.title == "Parenthesised");
  CHECK(w.year == "2001");
}

TEST_CASE("text and e-mail addresses outside BibTeX entries are ignored", "[bibliography]") {
  Document d = read_bibtex("x.bib", "Exported by me@example.org on Monday.\n\n@book{k, title = {Only}}\ntrailing words\n");
  REQUIRE(d.structure->references.size() == 1);
  CHECK(d.origins[0].source_line == 3);
  CHECK(d.issues.empty());
}

// --- BibTeX: malformed and hostile input ---------------------------------------------------------

TEST_CASE("a malformed BibTeX entry is skipped and reported — the rest is kept", "[bibliography]") {
  Document d = zotero_bib();
  REQUIRE(d.issues.size() == 1);
  CHECK(d.issues[0].code == "bibtex-syntax");
  // Located at the line that stands for the skipped entry, whose origin is the .bib line.
  CHECK(d.origins[static_cast<std::size_t>(d.issues[0].line) - 1].source_line == 96);
  CHECK(d.line(d.issues[0].line).find("broken_2020") != std::string::npos);
  CHECK(d.issues[0].message.find("broken_2020") != std::string::npos);
  CHECK(d.issues[0].message.find("line 96") != std::string::npos);
  for (const auto& r : d.structure->references) CHECK(r.key != "broken_2020");
}

TEST_CASE("a BibTeX entry without a key is reported and the next one read", "[bibliography]") {
  Document d = read_bibtex("x.bib", "@article{title = {No key}, year = 2020}\n@book{ok, title = {Fine}}\n");
  REQUIRE(d.structure->references.size() == 1);
  CHECK(d.structure->references[0].key == "ok");
  REQUIRE(d.issues.size() == 1);
  CHECK(d.issues[0].message.find("key") != std::string::npos);
  CHECK(d.origins[static_cast<std::size_t>(d.issues[0].line) - 1].source_line == 1);
}

TEST_CASE("a file without BibTeX entries is refused", "[bibliography]") {
  CHECK(bib_error_of("Just some prose, no entries.\n") .find("no BibTeX entries") != std::string::npos);
  CHECK(bib_error_of("@comment{nothing}\n@string{a = \"b\"}\n").find("no BibTeX entries") != std::string::npos);
}

TEST_CASE("100,000 nested BibTeX braces are reported quickly", "[bibliography]") {
  std::string deep = "@article{deep, title = ";
  deep += std::string(100000, '{') + "x";
  deep += "}\n@book{after, title = {After}}\n";
  auto t0 = std::chrono::steady_clock::now();
  Document d = read_bibtex("x.bib", deep);
  CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(5));
  REQUIRE(d.structure->references.size() == 1);
  CHECK(d.structure->references[0].key == "after");
  REQUIRE(d.issues.size() == 1);
  CHECK(d.issues[0].message.find("unbalanced braces") != std::string::npos);
}

TEST_CASE("balanced but deep BibTeX braces are read without recursion", "[bibliography]") {
  std::string deep = "@article{deep, title = {" + std::string(100000, '{') + "Deep" + std::string(100000, '}') + "}}";
  Work w = one(deep);
  CHECK(w.title == "Deep");
}

TEST_CASE("a huge single BibTeX field is read in linear time", "[bibliography]") {
  std::string abstract(8u << 20, 'a');
  for (std::size_t i = 50; i < abstract.size(); i += 50) abstract[i] = ' ';
  auto t0 = std::chrono::steady_clock::now();
  Work w = one("@article{k, abstract = {" + abstract + "}, title = {Short}}");
  CHECK(w.title == "Short");
  CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(10));
}

TEST_CASE("@string doubling chains stay bounded", "[bibliography]") {
  std::string bib = "@string{s0 = \"xxxxxxxxxxxxxxxx\"}\n";
  for (int i = 1; i <= 40; ++i)
    bib += "@string{s" + std::to_string(i) + " = s" + std::to_string(i - 1) + " # s" + std::to_string(i - 1) + "}\n";
  bib += "@misc{k, title = {Bounded}}\n";
  auto t0 = std::chrono::steady_clock::now();
  Document d = read_bibtex("x.bib", bib);
  CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(10));
  REQUIRE(d.structure->references.size() == 1);
  CHECK(d.structure->references[0].work->title == "Bounded");
  REQUIRE_FALSE(d.issues.empty());
  CHECK(d.issues[0].code == "bibtex-syntax");
}

TEST_CASE("invalid UTF-8 in a BibTeX title is repaired", "[bibliography]") {
  Document d = read_bibtex("x.bib", "@misc{k, title = {Caf\xE9}}");
  CHECK(d.line(1) == "Caf\xEF\xBF\xBD.");
  REQUIRE(d.issues.size() == 1);
  CHECK(d.issues[0].code == "invalid-utf8");
}

// --- CSL-JSON ----------------------------------------------------------------------------------------

TEST_CASE("a Zotero CSL-JSON export gives one marked entry per item", "[bibliography]") {
  Document d = zotero_json();
  CHECK(d.format == "csl-json");
  const DocumentStructure& st = *d.structure;
  CHECK(st.references_marked);
  CHECK(st.bibliography_only);
  REQUIRE(st.references.size() == 10);
  CHECK(st.references[0].key == "http://zotero.org/users/1/items/MARK2020");
  CHECK(d.origins[0].record == "http://zotero.org/users/1/items/MARK2020");
  CHECK(d.origins[0].source_line == 0);
  CHECK(st.references[9].key == "12");  // a numeric id
  CHECK(d.line(d.line_of(st.references[8].bytes.begin)) ==
        "Tsereteli, Mamuka; Gvalia, Giorgi (2019). Small states and great powers. "
        "https://doi.org/10.3929/ethz-b-000312345");
  const Work& w = *record(d, "dewaal2019").work;
  CHECK(w.authors[0].family == "de Waal");
  CHECK(w.doi == "10.1177/1879366519851234");
  CHECK(record(d, "alobaidi2019").work->year == "2019");
  CHECK(record(d, "crisisgroup2022").work->authors[0].organisation);
}

TEST_CASE("a CSL-JSON item that is not an object is skipped with an issue", "[bibliography]") {
  Document d = zotero_json();
  REQUIRE(d.issues.size() == 1);
  CHECK(d.issues[0].code == "csl-json-item");
  CHECK(d.issues[0].message.find("item 9") != std::string::npos);
  CHECK(d.origins[static_cast<std::size_t>(d.issues[0].line) - 1].record == "#9");
  CHECK(d.line(d.issues[0].line).find("a stray string") != std::string::npos);
}

TEST_CASE("Better BibTeX's {\"items\": [...]} CSL-JSON is read", "[bibliography]") {
  Document d = read_csl_json("x.json", R"({"config": {}, "items": [{"id": "a", "type": "book", "title": "Один",
                                          "author": [{"family": "Петров", "given": "П."}], "issued": {"date-parts": [[1999]]}}]})");
  REQUIRE(d.structure->references.size() == 1);
  CHECK(d.line(1) == "Петров, П. (1999). Один.");
}

TEST_CASE("a CSL-JSON item's access date is kept, as ISO when it has date parts", "[bibliography]") {
  // The archive lookup of a dead URL wants the capture nearest the day the author read it.
  Document d = read_csl_json("x.json", R"([
    {"id": "a", "title": "A", "URL": "https://example.org/a", "accessed": {"date-parts": [[2024, 3, 9]]}},
    {"id": "b", "title": "B", "URL": "https://example.org/b", "accessed": {"date-parts": [["2023", "11"]]}},
    {"id": "c", "title": "C", "URL": "https://example.org/c", "accessed": {"raw": " 12 March 2024 "}},
    {"id": "d", "title": "D", "URL": "https://example.org/d", "accessed": {"date-parts": [[2024, 13, 1]]}},
    {"id": "e", "title": "E", "URL": "https://example.org/e"}])");
  REQUIRE(d.structure->references.size() == 5);
  CHECK(record(d, "a").work->accessed == "2024-03-09");
  CHECK(record(d, "b").work->accessed == "2023-11");
  CHECK(record(d, "c").work->accessed == "12 March 2024");
  CHECK(record(d, "d").work->accessed == "2024");  // no month 13: the year alone
  CHECK_FALSE(record(d, "e").work->accessed);
}

TEST_CASE("invalid CSL-JSON is refused with the parser's position", "[bibliography]") {
  std::string e = json_error_of("[{\"id\": \"a\", \"title\": }]");
  CHECK(e.find("not valid CSL-JSON") != std::string::npos);
  CHECK(e.find("column") != std::string::npos);
  CHECK(json_error_of("{\"title\": \"no items\"}").find("items") != std::string::npos);
  CHECK(json_error_of("42").find("array") != std::string::npos);
}

TEST_CASE("CSL-JSON nested 100,000 deep is refused before parsing", "[bibliography]") {
  std::string deep = std::string(100000, '[') + std::string(100000, ']');
  auto t0 = std::chrono::steady_clock::now();
  CHECK(json_error_of(deep).find("256") != std::string::npos);
  CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(5));
}

TEST_CASE("invalid UTF-8 in CSL-JSON is repaired rather than refused", "[bibliography]") {
  Document d = read_csl_json("x.json", "[{\"id\": \"a\", \"title\": \"Caf\xE9\"}]");
  CHECK(d.line(1) == "Caf\xEF\xBF\xBD.");
  REQUIRE_FALSE(d.issues.empty());
  CHECK(d.issues[0].code == "invalid-utf8");
}

TEST_CASE("inputs the bibliography fuzzer found stay handled", "[bibliography]") {
  namespace fs = std::filesystem;
  for (const auto& entry : fs::directory_iterator(fixture_path("bibliographies/crashers"))) {
    if (!entry.is_regular_file() || entry.path().extension() == ".md") continue;
    INFO(entry.path().filename().string());
    std::string bytes = read_file(entry.path().string());
    for (auto reader : {read_bibtex, read_csl_json}) {
      try {
        Document d = reader(entry.path().string(), bytes);
        CHECK(d.origins.size() == d.line_starts.size());
      } catch (const InputError&) {
        // a refusal with a message is the documented outcome
      }
    }
  }
}
