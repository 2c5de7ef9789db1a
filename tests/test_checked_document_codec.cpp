// The checked-document codec and the cache of checked documents: every fixture manuscript, in
// every format, comes back from its bytes with the same report; damaged bytes are refused,
// never crash; a kept document is served only for the same bytes, path, build and settings.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <random>

#include "helpers.hpp"
#include "parsers/readers/read_document.hpp"
#include "resolvers/cache.hpp"
#include "src/checked_document_codec.hpp"
#include "src/document_cache.hpp"
#include "src/documents_at_rest.hpp"
#include "src/pipeline.hpp"
#include "src/report_json.hpp"

using namespace citecheck;
namespace fs = std::filesystem;

namespace {

std::string json_of(const DocumentReport& d) {
  Report r;
  r.generated_at = "2026-12-07T00:00:00Z";
  r.documents.push_back(d);
  return render_json(r);
}

// What the JSON report does not say but later stages use (the link stage, the network checks).
void check_unreported_fields(const DocumentReport& a, const DocumentReport& b) {
  REQUIRE(a.manuscript.references.size() == b.manuscript.references.size());
  for (std::size_t i = 0; i < a.manuscript.references.size(); ++i) {
    const Reference &x = a.manuscript.references[i], &y = b.manuscript.references[i];
    CHECK(x.work.author_text == y.work.author_text);
    CHECK(x.bytes.begin == y.bytes.begin);
    CHECK(x.bytes.end == y.bytes.end);
    CHECK(x.key == y.key);
  }
  REQUIRE(a.manuscript.citations.size() == b.manuscript.citations.size());
  for (std::size_t i = 0; i < a.manuscript.citations.size(); ++i) {
    CHECK(a.manuscript.citations[i].bytes.end == b.manuscript.citations[i].bytes.end);
    CHECK(a.manuscript.citations[i].targets == b.manuscript.citations[i].targets);
  }
  REQUIRE(a.findings.size() == b.findings.size());
  for (std::size_t i = 0; i < a.findings.size(); ++i) {
    CHECK(in_english(a.findings[i].text) == in_english(b.findings[i].text));
    CHECK(a.findings[i].text.key == b.findings[i].text.key);
  }
}

std::vector<fs::path> fixture_inputs() {
  std::vector<fs::path> out;
  for (const char* dir : {"manuscripts", "formats", "office", "jats", "pdf",
                          "bibliographies"}) {
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(test::fixture_path(dir), ec))
      if (e.is_regular_file()) out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

DocumentReport checked_file(const fs::path& p) {
  return check_document(read_document_file(p.string()), default_line_models(), CheckOptions{true});
}

struct TempStore {
  fs::path dir = fs::temp_directory_path() / ("citecheck-kept-" + std::to_string(getpid()));
  TempStore() {
    fs::remove_all(dir);
    fs::create_directories(dir);
  }
  ~TempStore() { fs::remove_all(dir); }
};

}  // namespace

TEST_CASE("every fixture, in every format, comes back from the codec with the same report", "[kept-documents]") {
  std::size_t round_trips = 0;
  for (const fs::path& p : fixture_inputs()) {
    DocumentReport d;
    try {
      d = checked_file(p);
    } catch (const std::exception&) {
      continue;  // the fixtures of unreadable input
    }
    INFO(p.string());
    auto bytes = encode_checked_document(d);
    REQUIRE(bytes);
    DocumentReport back = decode_checked_document(*bytes);
    CHECK(json_of(back) == json_of(d));
    check_unreported_fields(d, back);
    ++round_trips;
  }
  CHECK(round_trips >= 40);
}

TEST_CASE("documents at rest hand out only their links and wake with the link stage's results", "[at-rest]") {
  DocumentsAtRest rest;
  std::vector<DocumentReport> originals;
  for (const char* name : {"manuscripts/links_e2e.txt", "manuscripts/ka_mountain_demography.txt"})
    originals.push_back(checked_file(test::fixture_path(name)));
  std::vector<DocumentReport> open;
  for (auto d : originals) open.push_back(rest.rest(std::move(d)));
  REQUIRE(rest.size() == 2);
  CHECK(rest.bytes() > 0);
  for (std::size_t i = 0; i < open.size(); ++i) {
    CHECK(open[i].manuscript.references.empty());
    CHECK(open[i].findings.empty());
    CHECK(open[i].manuscript.links.size() == originals[i].manuscript.links.size());
  }
  // The links of entries with a year are dated for their archived copy while the entry is at hand.
  bool dated = false;
  for (const Link& l : open[0].manuscript.links) dated = dated || l.archive_date.size() == 8;
  CHECK(dated);
  // What the link stage writes into the open links is what the woken document holds.
  REQUIRE(!open[0].manuscript.links.empty());
  open[0].manuscript.links.front().status = LinkStatus::Broken;
  open[0].manuscript.links.front().http_status = 404;
  open[0].path = "renamed.txt";
  DocumentReport woken = rest.wake(0, open[0]);
  CHECK(woken.path == "renamed.txt");
  CHECK(woken.manuscript.links.front().status == LinkStatus::Broken);
  woken.manuscript.links.front().status = originals[0].manuscript.links.front().status;
  woken.manuscript.links.front().http_status.reset();
  woken.path = originals[0].path;
  for (Link& l : originals[0].manuscript.links) l.archive_date = woken.manuscript.links[&l - &originals[0].manuscript.links[0]].archive_date;
  CHECK(json_of(woken) == json_of(originals[0]));
  check_unreported_fields(woken, originals[0]);
  // Woken again, the same (a report that cannot be saved is written twice).
  CHECK(json_of(rest.wake(1, open[1])) == json_of(originals[1]));
  CHECK_THROWS(rest.wake(2, open[1]));
}

TEST_CASE("damaged kept bytes are refused with a CodecError, never a crash", "[kept-documents]") {
  DocumentReport d = checked_file(test::fixture_path("manuscripts/ka_mountain_demography.txt"));
  const std::string bytes = *encode_checked_document(d);
  REQUIRE(bytes.size() > 1000);
  // Every cut is truncated or leaves bytes unread.
  for (std::size_t cut = 0; cut < bytes.size(); cut += 1 + cut / 16)
    CHECK_THROWS_AS(decode_checked_document(std::string_view(bytes).substr(0, cut)), CodecError);
  CHECK_THROWS_AS(decode_checked_document(bytes + "x"), CodecError);
  CHECK_THROWS_AS(decode_checked_document("not a kept document at all"), CodecError);
  // Flipped bytes: refused or read as some document, but never out of bounds (ASan run) and
  // never a count that allocates more than the bytes could hold.
  std::mt19937 random(7);
  for (int i = 0; i < 300; ++i) {
    std::string damaged = bytes;
    for (int k = 0; k < 3; ++k) damaged[40 + random() % (damaged.size() - 40)] = static_cast<char>(random());
    try {
      (void)decode_checked_document(damaged);
    } catch (const CodecError&) {
    }
  }
}

TEST_CASE("a document whose links carry network results is not kept", "[kept-documents]") {
  DocumentReport d = checked_file(test::fixture_path("manuscripts/links_e2e.txt"));
  REQUIRE(!d.manuscript.links.empty());
  CHECK(encode_checked_document(d));
  d.manuscript.links.front().check = std::make_shared<LinkCheck>();
  CHECK_FALSE(encode_checked_document(d));
}

TEST_CASE("the running program has a GNU build ID", "[kept-documents]") {
  auto id = running_build_id();
  REQUIRE(id);
  CHECK(id->size() >= 16);
  CHECK(id->find_first_not_of("0123456789abcdef") == std::string::npos);
}

TEST_CASE("a kept document is served for the same bytes, path and settings only", "[kept-documents]") {
  TempStore t;
  LinkCache store = LinkCache::open((t.dir / "cache.sqlite").string());
  const std::string path = test::fixture_path("manuscripts/tr_reading_motivation.txt");
  const std::string bytes = test::read_file(path);
  DocumentReport d = checked_file(path);
  DocumentCacheSettings settings;
  settings.build_id = "0123456789abcdef";
  const std::int64_t day = 1796601600;
  DocumentCache cache(store, settings, day);
  const std::string digest = cache.digest(path, bytes);
  CHECK_FALSE(cache.find(path, digest));
  cache.keep(path, digest, d);
  auto found = cache.find(path, digest);
  REQUIRE(found);
  CHECK(json_of(*found) == json_of(d));
  CHECK(cache.hits() == 1);
  CHECK(cache.misses() == 1);

  // One byte more, another path, another build, encoding, base, excerpts or field model: another digest.
  CHECK(cache.digest(path, bytes + " ") != digest);
  CHECK(cache.digest(path + "x", bytes) != digest);
  CHECK_FALSE(cache.find(path, cache.digest(path, bytes + " ")));
  for (int change = 0; change < 5; ++change) {
    DocumentCacheSettings other = settings;
    if (change == 0) other.build_id = "fedcba9876543210";
    if (change == 1) other.encoding = "windows-1256";
    if (change == 2) other.base = "https://journal.example/";
    if (change == 3) other.excerpts = true;
    if (change == 4) {
      std::ofstream(t.dir / "fields.model") << "a model";
      other.field_model_file = (t.dir / "fields.model").string();
    }
    INFO(change);
    DocumentCache changed(store, other, day);
    CHECK(changed.digest(path, bytes) != digest);
    CHECK_FALSE(changed.find(path, changed.digest(path, bytes)));
  }
  // A model file's bytes count, not its name.
  DocumentCacheSettings model = settings;
  model.field_model_file = (t.dir / "fields.model").string();
  const std::string before = DocumentCache(store, model, day).digest(path, bytes);
  std::ofstream(t.dir / "fields.model") << "another model";
  CHECK(DocumentCache(store, model, day).digest(path, bytes) != before);
  model.field_model_file = (t.dir / "missing.model").string();
  CHECK_THROWS_AS(DocumentCache(store, model, day), CacheError);
}

TEST_CASE("a damaged kept document is checked anew, and documents unread for 90 days are dropped", "[kept-documents]") {
  TempStore t;
  const std::string file = (t.dir / "cache.sqlite").string();
  LinkCache store = LinkCache::open(file);
  const std::int64_t day = 1796601600;
  store.keep_document("a.txt", "digest-a", "damaged bytes", day, 0);
  DocumentCache cache(store, DocumentCacheSettings{}, day);
  CHECK_FALSE(cache.find("a.txt", "digest-a"));
  CHECK(cache.misses() == 1);

  // b is read 30 days later (marked used then); a is never read again. After 100 days, a
  // new document drops a (unread for 100 days) but keeps b (read 70 days ago).
  store.keep_document("b.txt", "digest-b", "b", day, 0);
  CHECK(store.kept_document("b.txt", "digest-b", day + 30 * 86400));
  DocumentCache later(store, DocumentCacheSettings{}, day + 100 * 86400);
  later.keep("c.txt", "digest-c", DocumentReport{});
  CHECK_FALSE(store.kept_document("a.txt", "digest-a", day + 100 * 86400));
  CHECK(store.kept_document("b.txt", "digest-b", day + 100 * 86400));
  CHECK(store.kept_document("c.txt", "digest-c", day + 100 * 86400));
  // One row per path: a new digest replaces the old document.
  store.keep_document("b.txt", "digest-b2", "b2", day + 100 * 86400, 0);
  CHECK_FALSE(store.kept_document("b.txt", "digest-b", day + 100 * 86400));
  CHECK(*store.kept_document("b.txt", "digest-b2", day + 100 * 86400) == "b2");
}

TEST_CASE("a document of many megabytes is kept in pieces and comes back whole", "[kept-documents]") {
  DocumentReport d;
  d.path = "long.txt";
  for (int i = 0; i < 30'000; ++i) {
    Reference r;
    r.id = "ref" + std::to_string(i + 1);
    r.raw = "Aliyev, R. (2021). Ports of the Caspian, part " + std::to_string(i) + ". Retrieved from http://a.example/" +
            std::to_string(i) + ".html";
    r.work.title = "Ports of the Caspian, part " + std::to_string(i);
    r.work.urls = {"http://a.example/" + std::to_string(i) + ".html"};
    d.manuscript.references.push_back(std::move(r));
  }
  const std::string whole = *encode_checked_document(d);
  REQUIRE(whole.size() > 5'000'000);  // several pieces of a megabyte
  CHECK(encoded_size(d) == whole.size());
  std::string pieced;
  std::size_t pieces = 0;
  encode_checked_document(d, [&](std::string_view p) {
    pieced.append(p);
    ++pieces;
  });
  CHECK(pieces >= 5);
  CHECK(pieced == whole);

  TempStore t;
  LinkCache store = LinkCache::open((t.dir / "cache.sqlite").string());
  DocumentCache cache(store, DocumentCacheSettings{}, 1796601600);
  cache.keep("long.txt", "digest", d);
  CHECK(cache.failures() == 0);
  CHECK(store.kept_document("long.txt", "digest", 1796601600) == std::optional<std::string>(whole));
  auto back = cache.find("long.txt", "digest");
  REQUIRE(back);
  CHECK(json_of(*back) == json_of(d));
  // Pieces that do not add up to the size announced are not kept, and the old row stays.
  CHECK_THROWS_AS(store.write_kept_document("long.txt", "other", 10, [](const auto& put) { put("short"); }, 1796601600, 0),
                  CacheError);
  CHECK_THROWS_AS(store.write_kept_document("long.txt", "other", 3, [](const auto& put) { put("too long"); }, 1796601600, 0),
                  CacheError);
  CHECK(store.kept_document("long.txt", "digest", 1796601600) == std::optional<std::string>(whole));
}
