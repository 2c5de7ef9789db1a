// Tests for parsers/text_reader.cpp: decoding a plain-text manuscript into a Document
// (UTF-8, LF line ends, no BOM), repairing what can be repaired and refusing the rest.
#include <catch2/catch.hpp>

#include <string>

#include "helpers.hpp"
#include "parsers/text_reader.hpp"

using namespace citecheck;
using citecheck::test::fixture_path;

namespace {

// True when `message` contains `part` (Catch2 v2 matchers read worse for this).
bool mentions(const std::string& message, const std::string& part) {
  return message.find(part) != std::string::npos;
}

// The message of the InputError read_text throws, or "" when it does not throw.
std::string input_error_of(std::string bytes) {
  try {
    read_text("x.txt", std::move(bytes));
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

// --- Line ends and the byte order mark -------------------------------------------------

TEST_CASE("a BOM is stripped and CRLF becomes LF") {
  Document d = read_text("x.txt", "\xEF\xBB\xBFline one\r\nline two\r\n");
  REQUIRE(d.line_count() == 2);
  CHECK(d.line(1) == "line one");
  CHECK(d.line(2) == "line two");
  CHECK(d.issues.empty());
}

TEST_CASE("a lone CR (old Mac line end) becomes LF in Arabic text") {
  Document d = read_text("x.txt", "المقدمة\rشهدت منطقة جنوب القوقاز\rتحولات كبيرة");
  REQUIRE(d.line_count() == 3);
  CHECK(d.line(1) == "المقدمة");
  CHECK(d.line(2) == "شهدت منطقة جنوب القوقاز");
  CHECK(d.line(3) == "تحولات كبيرة");
  CHECK(d.text.find('\r') == std::string::npos);
}

TEST_CASE("CRLF, lone CR and LF mixed in one file each end exactly one line") {
  // A PDF extraction pasted together from several tools: no line may be doubled or lost.
  Document d = read_text("x.txt", "ერთი\r\nორი\rსამი\nოთხი");
  REQUIRE(d.line_count() == 4);
  CHECK(d.line(1) == "ერთი");
  CHECK(d.line(2) == "ორი");
  CHECK(d.line(3) == "სამი");
  CHECK(d.line(4) == "ოთხი");
}

TEST_CASE("CR CR LF gives one blank line, not two") {
  // "\r\r\n" is CR then CRLF: two line ends, so exactly one empty line between the texts.
  Document d = read_text("x.txt", "Введение\r\r\nСписок литературы");
  REQUIRE(d.line_count() == 3);
  CHECK(d.line(1) == "Введение");
  CHECK(d.line(2).empty());
  CHECK(d.line(3) == "Список литературы");
}

TEST_CASE("a BOM-only file reads as empty text") {
  Document d = read_text("x.txt", "\xEF\xBB\xBF");
  CHECK(d.text.empty());
  CHECK(d.issues.empty());
}

TEST_CASE("a BOM in the middle of the text is kept (only a leading BOM is a signature)") {
  Document d = read_text("x.txt", "\xEF\xBB\xBF" "a\xEF\xBB\xBF" "b");
  CHECK(d.text == "a\xEF\xBB\xBF" "b");
}

// --- The last line and empty input --------------------------------------------------------

TEST_CASE("a text without a trailing newline keeps its last line") {
  Document d = read_text("x.txt", "References\n1. Light, Felix. 2023.");
  REQUIRE(d.line_count() == 2);
  CHECK(d.line(2) == "1. Light, Felix. 2023.");
}

TEST_CASE("a final newline does not open an empty last line") {
  Document d = read_text("x.txt", "References\n1. Light, Felix. 2023.\n");
  REQUIRE(d.line_count() == 2);
  CHECK(d.line(2) == "1. Light, Felix. 2023.");
  CHECK(d.line_end(2) == d.text.size() - 1);
}

TEST_CASE("blank lines in the middle and at the end are lines of their own") {
  Document d = read_text("x.txt", "a\n\nb\n\n");
  REQUIRE(d.line_count() == 4);
  CHECK(d.line(2).empty());
  CHECK(d.line(3) == "b");
  CHECK(d.line(4).empty());
}

TEST_CASE("empty input is an empty document, not an error") {
  Document d;
  REQUIRE_NOTHROW(d = read_text("empty.txt", ""));
  CHECK(d.text.empty());
  CHECK(d.issues.empty());
  CHECK(d.path == "empty.txt");
}

TEST_CASE("valid multi-script UTF-8 passes through byte for byte") {
  const std::string text =
      "ქართული ტექსტი\nالنص العربي\nРусский текст\nՀայերեն\nעברית\nΕλληνικά\n参考文献\nAslanlı\n";
  Document d = read_text("x.txt", text);
  CHECK(d.text == text);
  CHECK(d.issues.empty());
  CHECK(d.line_count() == 8);
}

// --- Invalid UTF-8 is repaired and reported -------------------------------------------------

TEST_CASE("an invalid byte becomes U+FFFD and an issue names its byte offset") {
  // "café" saved in Latin-1: the é is the single byte 0xE9 at offset 3.
  Document d = read_text("x.txt", "caf\xE9 au lait");
  CHECK(d.text == "caf\xEF\xBF\xBD au lait");
  REQUIRE(d.issues.size() == 1);
  CHECK(d.issues[0].code == "invalid-utf8");
  CHECK(mentions(d.issues[0].message, "byte offset 3"));
  CHECK(d.issues[0].line == 1);
  CHECK(d.issues[0].column == 4);
}

TEST_CASE("the repair's column counts code points of Arabic text, its offset counts bytes") {
  // "كتاب" is 4 letters of 2 bytes: the bad byte sits at byte 8, column 5.
  Document d = read_text("x.txt", "كتاب\xC0 جديد");
  REQUIRE(d.issues.size() == 1);
  CHECK(mentions(d.issues[0].message, "byte offset 8"));
  CHECK(d.issues[0].line == 1);
  CHECK(d.issues[0].column == 5);
}

TEST_CASE("the byte offset of a repair is the offset in the file, BOM included") {
  // BOM (3 bytes) + "ab" → the invalid byte is the file's sixth byte, offset 5.
  Document d = read_text("x.txt", "\xEF\xBB\xBF" "ab\xFF");
  REQUIRE(d.issues.size() == 1);
  CHECK(mentions(d.issues[0].message, "byte offset 5"));
  CHECK(d.issues[0].column == 3);
}

TEST_CASE("a repair on a later line reports that line after CRLF conversion") {
  // Offset 13 in the file: "first\r\n" is 7 bytes, "second" 6 more.
  Document d = read_text("x.txt", "first\r\nsecond\xFE");
  REQUIRE(d.issues.size() == 1);
  CHECK(d.issues[0].line == 2);
  CHECK(d.issues[0].column == 7);
  CHECK(mentions(d.issues[0].message, "byte offset 13"));
}

TEST_CASE("overlong encodings and UTF-16 surrogates are invalid UTF-8") {
  Document overlong = read_text("x.txt", "a\xC0\xAF" "b");  // overlong '/'
  CHECK(overlong.text.find("\xEF\xBF\xBD") != std::string::npos);
  CHECK(overlong.text.find('/') == std::string::npos);
  CHECK_FALSE(overlong.issues.empty());

  Document surrogate = read_text("x.txt", "a\xED\xA0\x80" "b");  // U+D800
  CHECK(surrogate.text.find("\xEF\xBF\xBD") != std::string::npos);
  CHECK_FALSE(surrogate.issues.empty());
}

TEST_CASE("a Georgian letter cut off at the end of the file is repaired") {
  // "ა" is E1 83 90; the last byte is missing.
  Document d = read_text("x.txt", "ქართული\xE1\x83");
  CHECK(d.text.rfind("ქართული", 0) == 0);
  CHECK(d.text.find("\xEF\xBF\xBD") != std::string::npos);
  CHECK_FALSE(d.issues.empty());
}

TEST_CASE("many invalid bytes: twenty issues, the last counting the rest and naming encodings") {
  // 25 Windows-1256 bytes: the reader reports the first 20 and sums up the other 5.
  std::string bytes;
  for (int i = 0; i < 25; ++i) bytes += "x\xC7 ";
  Document d = read_text("x.txt", bytes);
  REQUIRE(d.issues.size() == 20);
  CHECK(mentions(d.issues.back().message, "5 more"));
  CHECK(mentions(d.issues.back().message, "Windows-1256"));
  CHECK_FALSE(mentions(d.issues.front().message, "more"));
}

// --- Inputs the tool refuses --------------------------------------------------------------

TEST_CASE("NUL bytes are binary data: InputError naming the offset") {
  std::string bytes("PK\x03\x04", 4);
  bytes += std::string("\0\0word/document.xml", 19);
  std::string message = input_error_of(bytes);
  CHECK(mentions(message, "NUL"));
  CHECK(mentions(message, "offset 4"));
}

TEST_CASE("UTF-16LE text with a BOM is refused with a message naming UTF-16") {
  // "Ref" in UTF-16LE after the FF FE byte order mark.
  std::string bytes("\xFF\xFE" "R\0e\0f\0", 8);
  CHECK(mentions(input_error_of(bytes), "UTF-16"));
}

TEST_CASE("UTF-16BE text with a BOM is refused with a message naming UTF-16") {
  std::string bytes("\xFE\xFF\0R\0e\0f", 8);
  CHECK(mentions(input_error_of(bytes), "UTF-16"));
}

TEST_CASE("UTF-16LE text without a BOM is refused") {
  std::string bytes("R\0e\0f\0e\0r\0e\0n\0c\0e\0s\0", 20);
  CHECK_THROWS_AS(read_text("x.txt", bytes), InputError);
}

TEST_CASE("UTF-16LE Arabic with a BOM and no NUL byte is still refused as UTF-16") {
  // Regression: UTF-16 is only recognised through NUL bytes. "جورجيا" (U+062C U+0648 U+0631 …)
  // in UTF-16LE has none, so the FF FE BOM and the rest are "repaired" into U+FFFD noise.
  std::string bytes("\xFF\xFE\x2C\x06\x48\x06\x31\x06\x2C\x06\x4A\x06\x27\x06", 14);
  CHECK(mentions(input_error_of(bytes), "UTF-16"));
}

// --- Reading files --------------------------------------------------------------------------

TEST_CASE("read_text_file reads a manuscript from disk") {
  Document d = read_text_file(test::fixture_path("manuscripts/sample_arabic_english.txt"));
  REQUIRE(d.line_count() > 10);
  CHECK(d.line(1) == "المجلة الدولية للدراسات الإقليمية");
  CHECK(d.issues.empty());
}

TEST_CASE("read_text_file on a missing file throws InputError") {
  CHECK_THROWS_AS(read_text_file(test::fixture_path("manuscripts/no-such-file.txt")), InputError);
}

TEST_CASE("read_text_file on a directory throws InputError") {
  // Regression: on Linux a directory opens and seekg/tellg report a huge size; resize() then
  // throws std::bad_alloc instead of InputError("cannot read (is it a directory?)").
  CHECK_THROWS_AS(read_text_file(test::fixture_path("manuscripts")), InputError);
}

// --- Positions: lines and columns of the original text ---------------------------------------

TEST_CASE("line_of maps byte offsets to 1-based lines") {
  Document d = test::doc_from("ab\ncd\nef");
  CHECK(d.line_of(0) == 1);
  CHECK(d.line_of(2) == 1);  // the '\n' belongs to the line it ends
  CHECK(d.line_of(3) == 2);
  CHECK(d.line_of(7) == 3);
}

TEST_CASE("PositionMap columns count code points of Georgian text, not bytes") {
  // "ქართული " is 8 code points (7 letters of 3 bytes and a space): "ენა" starts at column 9.
  Document d = test::doc_from("ქართული ენა");
  PositionMap map(d);
  int line = 0, column = 0;
  map.position(22, line, column);
  CHECK(line == 1);
  CHECK(column == 9);
}

TEST_CASE("PositionMap spans over two lines give the end line and end column") {
  // "(Rahimov &" ends line 1; "Keller, 2021)" is line 2, its ')' at column 13.
  Document d = test::doc_from("(Rahimov &\nKeller, 2021)");
  PositionMap map(d);
  SourceSpan s = map.span(0, d.text.size());
  CHECK(s.line == 1);
  CHECK(s.column == 1);
  CHECK(s.end_line == 2);
  CHECK(s.end_column == 13);
}

TEST_CASE("PositionMap answers lookups that go backwards on the same line") {
  Document d = test::doc_from("كريم عادل يوسف");
  PositionMap map(d);
  int line = 0, column = 0;
  map.position(d.text.size() - 1, line, column);  // last byte of "يوسف"
  map.position(0, line, column);
  CHECK(column == 1);
  map.position(9, line, column);  // "عادل" starts after "كريم " (4 letters × 2 bytes + space)
  CHECK(column == 6);
}

TEST_CASE("form feeds from PDF page breaks are kept at the start of the line") {
  Document d = test::doc_from("page one\n\fpage two");
  REQUIRE(d.line_count() == 2);
  CHECK(d.line(2) == "\fpage two");
}

// --- Text files in legacy encodings ---------------------------------------------------------

namespace {

// The fixture pairs: a UTF-8 manuscript and the same file converted with iconv.
struct LegacyPair {
  const char* original;
  const char* converted;
  const char* encoding;  // as ICU names it
};
constexpr LegacyPair kLegacyPairs[] = {
    {"manuscripts/ar_water_endnotes.txt", "encodings/ar_water_endnotes.cp1256.txt", "windows-1256"},
    {"manuscripts/ru_labour_small_towns.txt", "encodings/ru_labour_small_towns.cp1251.txt", "windows-1251"},
};

int count_code(const Document& d, const std::string& code) {
  int n = 0;
  for (const auto& i : d.issues) n += i.code == code;
  return n;
}

}  // namespace

TEST_CASE("a Windows-1256 or CP1251 manuscript is detected and read as its UTF-8 original, with one warning") {
  for (const auto& pair : kLegacyPairs) {
    INFO(pair.converted);
    Document original = read_text_file(fixture_path(pair.original));
    Document legacy = read_text_file(fixture_path(pair.converted));
    CHECK(legacy.text == original.text);
    CHECK(count_code(legacy, "invalid-utf8") == 0);
    REQUIRE(count_code(legacy, "legacy-encoding") == 1);
    const InputIssue& issue = legacy.issues.front();
    CHECK(issue.code == "legacy-encoding");
    CHECK(mentions(issue.message, pair.encoding));
    CHECK(mentions(issue.message, "--encoding"));
    // At the first letter that is not ASCII: line 1 of both manuscripts opens with one.
    CHECK(issue.line == 1);
    CHECK(issue.column == 1);
  }
}

TEST_CASE("an encoding that is given is used even where detection would not dare") {
  // Three Latin-1 letters are too little evidence to detect, not to decode as told.
  Document d = read_text("x.txt", "Caf\xE9 de la gare, Mus\xE9" "e d\x92histoire", "windows-1252");
  CHECK(d.text == "Café de la gare, Musée d’histoire");
  REQUIRE(d.issues.size() == 1);
  CHECK(d.issues[0].code == "legacy-encoding");
  CHECK(mentions(d.issues[0].message, "windows-1252"));
  CHECK(mentions(d.issues[0].message, "--encoding"));
  CHECK(d.issues[0].column == 4);

  // KOI8-R, which the encoding names by alias, CRLF line ends normalised after decoding.
  Document k = read_text("x.txt", "\xf0\xcf\xd2\xd4\xd9\r\n\xeb\xc1\xd3\xd0\xc9\xd1\r\n", "KOI8-R");
  CHECK(k.text == "Порты\nКаспия\n");
}

TEST_CASE("valid UTF-8 is never decoded again, whatever --encoding says") {
  std::string utf8 = "Литература\n\nИванов, Иван. 2019. Порты Каспия. Москва.\n";
  Document d = read_text("x.txt", utf8, "windows-1251");
  CHECK(d.text == utf8);
  CHECK(d.issues.empty());
  Document bom = read_text("x.txt", "\xEF\xBB\xBF" + utf8, "KOI8-R");
  CHECK(bom.text == utf8);
  CHECK(bom.issues.empty());
}

TEST_CASE("a UTF-8 manuscript with a few stray bytes is repaired byte by byte, not decoded as another encoding") {
  // Mostly Cyrillic UTF-8 with twelve bytes of damage: the letters are the evidence.
  std::string text;
  for (int i = 0; i < 12; ++i) text += "Порты Каспия \xE9 и торговля нефтью.\n";
  Document d = read_text("x.txt", text);
  CHECK(count_code(d, "legacy-encoding") == 0);
  CHECK(count_code(d, "invalid-utf8") == 12);
  CHECK(d.text.rfind("Порты Каспия \xEF\xBF\xBD", 0) == 0);
}

TEST_CASE("bytes the given encoding does not define become U+FFFD and are counted") {
  // Shift_JIS: 0x81 0x20 is no character (a lead byte without its trail byte).
  Document d = read_text("x.txt", "\x93\xfa\x96\x7b \x81\x20 end", "Shift_JIS");
  CHECK(d.text.rfind("日本 ", 0) == 0);
  CHECK(mentions(d.text, "\xEF\xBF\xBD"));
  REQUIRE(count_code(d, "legacy-encoding") == 1);
  CHECK(mentions(d.issues[0].message, "U+FFFD"));
}

TEST_CASE("encoding names are checked against ICU's converters") {
  CHECK(known_encoding("windows-1256"));
  CHECK(known_encoding("CP1251"));
  CHECK(known_encoding("koi8-r"));
  CHECK_FALSE(known_encoding("no-such-encoding"));
  CHECK_FALSE(known_encoding("windows-99999"));
}
