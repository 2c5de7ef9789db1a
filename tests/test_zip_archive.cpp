// Tests for parsers/readers/zip_archive.cpp: entries read from memory, and every kind of
// hostile or damaged archive refused with a reason (traversal names, bombs, too many
// entries, passwords, truncation, corruption).
#include <catch2/catch.hpp>
#include <zip.h>

#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include "parsers/readers/zip_archive.hpp"
#include "parsers/text_reader.hpp"

#include "zip_builder.hpp"

using namespace citecheck;

namespace {

using citecheck::test::Parts;
using citecheck::test::zip_of;

// The InputError message of opening `bytes` and reading every entry; "" when none is thrown.
std::string error_of(const std::string& bytes, ZipLimits limits = {}) {
  try {
    ZipArchive zip(bytes, limits);
    for (const std::string& name : zip.names()) (void)zip.read(name);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

bool mentions(const std::string& message, const std::string& part) { return message.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("zip: entries are read back by name, missing ones are nullopt", "[zip]") {
  std::string bytes = zip_of({{"mimetype", "application/vnd.oasis.opendocument.text"},
                              {"word/document.xml", "<w:document>ქართული ტექსტი</w:document>"}});
  ZipArchive zip(bytes);
  CHECK(zip.names().size() == 2);
  CHECK(zip.has("word/document.xml"));
  CHECK_FALSE(zip.has("word/footnotes.xml"));
  CHECK(zip.read("word/document.xml") == std::optional<std::string>("<w:document>ქართული ტექსტი</w:document>"));
  CHECK(zip.read("mimetype") == std::optional<std::string>("application/vnd.oasis.opendocument.text"));
  CHECK_FALSE(zip.read("word/footnotes.xml").has_value());
}

TEST_CASE("zip: entry names that climb out of the archive are refused", "[zip]") {
  for (std::string name : {"../evil.xml", "word/../../etc/passwd", "/etc/passwd", "word\\..\\evil.xml", "C:/evil.xml"}) {
    INFO(name);
    std::string message = error_of(zip_of({{"word/document.xml", "<x/>"}, {name, "x"}}));
    CHECK(mentions(message, "path-traversal entry name"));
  }
  CHECK_FALSE(zip_name_is_traversal("word/document.xml"));
  CHECK_FALSE(zip_name_is_traversal("word/a..b.xml"));
  CHECK(zip_name_is_traversal(".."));
}

TEST_CASE("zip: a highly compressible entry over the ratio cap is a ZIP bomb", "[zip]") {
  ZipLimits small;
  small.ratio_floor = 64 << 10;
  std::string bytes = zip_of({{"word/document.xml", std::string(1 << 20, 'a')}});
  CHECK(mentions(error_of(bytes, small), "looks like a ZIP bomb"));
  // The same entry under the default floor (1 MiB) is read: 1 MiB exactly is not above it.
  CHECK(error_of(bytes) == "");
}

TEST_CASE("zip: a bomb at the default limits is refused quickly", "[zip]") {
  std::string bytes = zip_of({{"word/document.xml", std::string(64u << 20, '\0')}});
  REQUIRE(bytes.size() < (1u << 20));
  auto start = std::chrono::steady_clock::now();
  CHECK(mentions(error_of(bytes), "looks like a ZIP bomb"));
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(5));
}

TEST_CASE("zip: per-entry and total uncompressed sizes are capped while reading", "[zip]") {
  std::string varied;
  for (int i = 0; i < 5000; ++i) varied.push_back(static_cast<char>('a' + (i * 7919) % 26));
  ZipLimits limits;
  limits.max_entry_bytes = 4000;
  CHECK(mentions(error_of(zip_of({{"a.xml", varied}}), limits), "expands to more than 4000 bytes"));
  limits = {};
  limits.max_total_bytes = 8000;
  CHECK(mentions(error_of(zip_of({{"a.xml", varied}, {"b.xml", varied}}), limits), "archive expands to more than 8000 bytes"));
  CHECK(error_of(zip_of({{"a.xml", varied}, {"b.xml", varied}})) == "");
}

TEST_CASE("zip: too many entries are refused", "[zip]") {
  ZipLimits limits;
  limits.max_entries = 3;
  Parts parts;
  for (int i = 0; i < 5; ++i) parts.push_back({"part" + std::to_string(i) + ".xml", "x"});
  CHECK(mentions(error_of(zip_of(parts), limits), "holds 5 entries, more than the 3"));
}

TEST_CASE("zip: a password-protected entry is refused", "[zip]") {
  std::string bytes = zip_of({{"word/document.xml", "<w:document/>"}}, "word/document.xml");
  CHECK(mentions(error_of(bytes), "password-protected"));
}

TEST_CASE("zip: truncated, corrupt and non-ZIP bytes give libzip's reason", "[zip]") {
  std::string text(20000, 'x');
  unsigned state = 12345;
  for (char& c : text) {
    state = state * 1103515245u + 12345u;
    c = static_cast<char>('a' + (state >> 16) % 26);
  }
  std::string good = zip_of({{"word/document.xml", text}});
  REQUIRE(good.size() > 10000);
  REQUIRE(error_of(good) == "");
  CHECK(mentions(error_of(good.substr(0, good.size() / 2)), "not a readable ZIP archive"));
  CHECK(mentions(error_of("PK\x03\x04 just a prefix"), "not a readable ZIP archive"));
  CHECK(mentions(error_of(""), "not a readable ZIP archive"));
  // Damage the compressed data (after the 30-byte local header and the name): inflate or the CRC fails.
  std::string damaged = good;
  for (std::size_t i = 60; i < 400; ++i) damaged[i] = static_cast<char>(damaged[i] ^ 0x5A);
  std::string message = error_of(damaged);
  CHECK(mentions(message, "word/document.xml"));
  CHECK(mentions(message, "corrupt"));
}
