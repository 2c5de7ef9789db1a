// The report's items are written without a nlohmann tree (src/json_object_writer.hpp); the
// text must stay the one nlohmann's dump writes, which readers and fingerprints were made on.
// nlohmann::json is the oracle: strings of every kind, and objects whose members come in any
// order.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <random>

#include "src/json_object_writer.hpp"

using namespace citecheck;
using nlohmann::json;

namespace {

std::string nlohmann_dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

std::string written(std::string_view s) {
  std::string out;
  append_json_string(out, s);
  return out;
}

}  // namespace

TEST_CASE("strings are written as nlohmann writes them, invalid UTF-8 included", "[json-writer]") {
  for (std::string s : {std::string(""), std::string("plain"), std::string("quote \" and \\ backslash"),
                        std::string("tab\tnew\nline\rcr\bbs\fff"), std::string("\x01\x1f\x7f", 3), std::string("nul\0byte", 8),
                        std::string("ქართული العربية Ελληνικά 𝔘"), std::string("\xff\xfe broken"), std::string("cut \xe1\x83"),
                        std::string("overlong \xc0\xaf"), std::string("surrogate \xed\xa0\x80"), std::string("past \xf4\x90\x80\x80"),
                        std::string("lone \x80 continuation")})
    CHECK(written(s) == nlohmann_dump(json(s)));
  // Random bytes, biased toward the troublesome ones.
  std::mt19937 random(11);
  const std::string alphabet = std::string("a\"\\\n\x01\x7f", 6) + "\xc3\xa9\xe1\x83\x90\xf0\x9d\x94\x98\x80\xbf\xff\xc0\xed\xf4";
  for (int i = 0; i < 5000; ++i) {
    std::string s;
    const int n = static_cast<int>(random() % 12);
    for (int k = 0; k < n; ++k) s += alphabet[random() % alphabet.size()];
    INFO(nlohmann_dump(json(s)));
    CHECK(written(s) == nlohmann_dump(json(s)));
  }
}

TEST_CASE("an object's members are sorted by key, whatever order they were added in", "[json-writer]") {
  JsonObjectWriter w;
  w.string("value", "https://example.org/a?b=\"c\"");
  w.integer("line", -12);
  w.string_or_null("owner", std::nullopt);
  w.string_or_null("final_url", std::string("https://example.org/b"));
  w.integer_or_null("http_status", std::nullopt);
  w.integer_or_null("year", 2021);
  w.boolean("wrapped", true);
  w.boolean("from_cache", false);
  w.strings("redirects", {"https://a.example/1", "ბ"});
  w.strings("items", {});
  w.raw("registered", R"({"agency":"crossref"})");
  json expected = {{"value", "https://example.org/a?b=\"c\""}, {"line", -12}, {"owner", nullptr},
                   {"final_url", "https://example.org/b"}, {"http_status", nullptr}, {"year", 2021},
                   {"wrapped", true}, {"from_cache", false}, {"redirects", {"https://a.example/1", "ბ"}},
                   {"items", json::array()}, {"registered", {{"agency", "crossref"}}}};
  CHECK(w.str() == nlohmann_dump(expected));
  CHECK(JsonObjectWriter().str() == "{}");
}
