// citecheck-bench readers — how fast each structured reader turns its file into a Document.
//
//   citecheck-bench readers [--mb N] [--pdf-rounds N]
//
// DOCX and JATS: a fixture's body is repeated until its XML reaches N MB (default 20), the
// DOCX zipped again with libzip (stored, not deflated, so inflating is not in the figure); the reader alone is timed (best of 3) and reported in MB/s
// of XML, then the whole pipeline on that document. PDF: fixtures/pdf/many_pages.pdf is read
// N times (default 5) and reported in pages/s. Targets: DOCX and JATS >= 20 MB/s of XML,
// PDF >= 50 pages/s on one core. Not a ctest test.
#include <zip.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "parsers/readers/jats_reader.hpp"
#include "parsers/readers/office_reader.hpp"
#include "parsers/readers/pdf_reader.hpp"
#include "parsers/text_reader.hpp"
#include "src/pipeline.hpp"

namespace fs = std::filesystem;

namespace {

std::string slurp_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

template <typename F>
double best_of(int rounds, F f) {
  double best = 1e30;
  for (int i = 0; i < rounds; ++i) {
    auto t0 = std::chrono::steady_clock::now();
    f();
    best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  }
  return best;
}

fs::path first_with_extension(const fs::path& dir, const std::string& ext) {
  std::vector<fs::path> found;
  std::error_code ec;
  for (auto& e : fs::directory_iterator(dir, ec))
    if (e.path().extension() == ext) found.push_back(e.path());
  std::sort(found.begin(), found.end());
  return found.empty() ? fs::path() : found.front();
}

// Repeats what lies between `open_end` (the end of the element that opens the body) and
// `close` until the text reaches `target` bytes.
std::string grown(const std::string& xml, const std::string& open, const std::string& close, std::size_t target) {
  std::size_t a = xml.find(open);
  if (a == std::string::npos) return xml;
  a = xml.find('>', a) + 1;
  std::size_t b = xml.find(close, a);
  if (b == std::string::npos || b <= a) return xml;
  std::string body = xml.substr(a, b - a), out = xml.substr(0, a);
  while (out.size() + body.size() < target) out += body;
  out += xml.substr(b);
  return out;
}

struct ZipPart { std::string name, data; };

std::vector<ZipPart> unzip(const std::string& bytes) {
  std::vector<ZipPart> parts;
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &err);
  zip_t* z = src ? zip_open_from_source(src, ZIP_RDONLY, &err) : nullptr;
  if (!z) return parts;
  for (zip_int64_t i = 0; i < zip_get_num_entries(z, 0); ++i) {
    zip_stat_t st;
    zip_stat_index(z, i, 0, &st);
    zip_file_t* f = zip_fopen_index(z, i, 0);
    std::string data(st.size, '\0');
    zip_int64_t n = f ? zip_fread(f, data.data(), st.size) : 0;
    data.resize(n > 0 ? static_cast<std::size_t>(n) : 0);
    if (f) zip_fclose(f);
    parts.push_back({st.name, std::move(data)});
  }
  zip_close(z);
  return parts;
}

std::string zip_parts(const std::vector<ZipPart>& parts) {
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* out = zip_source_buffer_create(nullptr, 0, 0, &err);
  zip_source_keep(out);
  zip_t* z = zip_open_from_source(out, ZIP_TRUNCATE, &err);
  for (const auto& p : parts) {
    zip_source_t* s = zip_source_buffer(z, p.data.data(), p.data.size(), 0);
    zip_int64_t index = zip_file_add(z, p.name.c_str(), s, ZIP_FL_OVERWRITE);
    // Stored: a body repeated a thousand times deflates far beyond any real document's ratio,
    // which the reader rightly refuses as a ZIP bomb.
    if (index >= 0) zip_set_file_compression(z, static_cast<zip_uint64_t>(index), ZIP_CM_STORE, 0);
  }
  zip_close(z);
  zip_source_open(out);
  zip_source_seek(out, 0, SEEK_END);
  zip_int64_t size = zip_source_tell(out);
  zip_source_seek(out, 0, SEEK_SET);
  std::string bytes(static_cast<std::size_t>(size), '\0');
  zip_source_read(out, bytes.data(), size);
  zip_source_close(out);
  zip_source_free(out);
  return bytes;
}

void report_pipeline(const char* what, const citecheck::Document& doc) {
  using namespace citecheck;
  double t = best_of(1, [&] { (void)check_document(doc); });
  std::printf("  %-6s whole pipeline on it: %.3f s (%.1f MB of text)\n", what, t, doc.text.size() / 1e6);
}

}  // namespace

int run_readers_bench(int argc, char** argv, const fs::path& source_dir) {
  using namespace citecheck;
  double target_mb = 20;
  int pdf_rounds = 5;
  for (int i = 2; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--mb" && i + 1 < argc) target_mb = std::atof(argv[++i]);
    else if (a == "--pdf-rounds" && i + 1 < argc) pdf_rounds = std::atoi(argv[++i]);
    else {
      std::fprintf(stderr, "usage: citecheck-bench readers [--mb N] [--pdf-rounds N]\n");
      return 2;
    }
  }
  const auto target = static_cast<std::size_t>(target_mb * 1e6);
  int status = 0;

  fs::path docx = first_with_extension(source_dir / "fixtures/office", ".docx");
  if (docx.empty()) {
    std::fprintf(stderr, "citecheck-bench: no .docx in fixtures/office\n");
    status = 2;
  } else {
    auto parts = unzip(slurp_file(docx));
    std::size_t xml = 0;
    for (auto& p : parts)
      if (p.name == "word/document.xml") {
        p.data = grown(p.data, "<w:body", "<w:sectPr", target);
        xml = p.data.size();
      }
    std::string bytes = zip_parts(parts);
    Document doc;
    double t = best_of(3, [&] { doc = read_office_document("bench.docx", bytes); });
    std::printf("DOCX   %s grown to %.1f MB of document.xml (%.1f MB stored): read in %.3f s = %.1f MB/s of XML\n",
                docx.filename().c_str(), xml / 1e6, bytes.size() / 1e6, t, xml / 1e6 / t);
    report_pipeline("DOCX", doc);
  }

  fs::path jats = first_with_extension(source_dir / "fixtures/jats", ".xml");
  if (jats.empty()) {
    std::fprintf(stderr, "citecheck-bench: no .xml in fixtures/jats\n");
    status = 2;
  } else {
    std::string xml = grown(slurp_file(jats), "<body", "</body>", target);
    Document doc;
    double t = best_of(3, [&] { doc = read_jats("bench.xml", xml); });
    std::printf("JATS   %s grown to %.1f MB: read in %.3f s = %.1f MB/s of XML\n", jats.filename().c_str(),
                xml.size() / 1e6, t, xml.size() / 1e6 / t);
    report_pipeline("JATS", doc);
  }

  fs::path pdf = source_dir / "fixtures/pdf/many_pages.pdf";
  if (!fs::exists(pdf)) {
    std::fprintf(stderr, "citecheck-bench: no fixtures/pdf/many_pages.pdf\n");
    status = 2;
  } else {
    std::string bytes = slurp_file(pdf);
    int pages = 0;
    Document doc;
    auto t0 = std::chrono::steady_clock::now();
    for (int r = 0; r < pdf_rounds; ++r) {
      doc = read_pdf("bench.pdf", bytes);
      pages += doc.origins.empty() ? 0 : doc.origins.back().page;
    }
    double t = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::printf("PDF    many_pages.pdf x %d: %d pages in %.3f s = %.1f pages/s\n", pdf_rounds, pages, t, pages / t);
    report_pipeline("PDF", doc);
  }
  return status;
}
