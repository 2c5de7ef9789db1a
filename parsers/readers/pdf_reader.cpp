// pdf_reader.cpp — PDF files through poppler-cpp, read the way pdftotext reads them by
// default (reading order, neither raw nor physical layout), so the text heuristics tuned on
// pdftotext extractions see the same lines: each page's lines, blank lines kept, and a form
// feed before every page after the first.
//
// Right-to-left lines: poppler's text output (like pdftotext's) writes a line of an
// Arabic or Hebrew page as RLE … PDF with each left-to-right stretch (Latin words, numbers and
// the punctuation between them) as LRE … PDF in *visual* order, so "(الخالدي، 2015)." comes out
// as "(الخالدي‪ .)2015 ،‬". The reader undoes that (parsers/bidi_controls) and writes no
// directional controls: the text heuristics then see the text in logical order, as a word
// processor stores it.
//
// Link annotations: poppler-cpp 22.12 has no API for annotations or their URIs (page,
// document, destination, toc, font, image, embedded_file, page_renderer and
// page_transition headers checked), so structure().hyperlinks stays empty; the URLs printed
// in the text are found by the identifier heuristics like in any extraction.
#include "parsers/readers/pdf_reader.hpp"

#include <algorithm>
#include <chrono>
#include <climits>
#include <memory>
#include <mutex>
#include <string_view>
#include <vector>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-page.h>

#include "parsers/bidi_controls.hpp"
#include "parsers/document_builder.hpp"
#include "parsers/text_reader.hpp"
#include "parsers/unicode_text.hpp"

namespace citecheck {

namespace {

// Bounds: a manuscript is tens of pages; a million-page file is an attack, not a paper.
constexpr int kMaxPages = 20000;
// Wall-clock budget for the whole extraction; poppler cannot be interrupted inside a page,
// so a single hostile page may overrun it, but no file runs on page after page.
constexpr auto kTimeBudget = std::chrono::seconds(120);

// poppler reports every oddity of a damaged file on stderr; the reader says what matters.
void ignore_poppler_message(const std::string&, void*) {}

void silence_poppler() {
  static std::once_flag once;
  std::call_once(once, [] { poppler::set_debug_error_function(ignore_poppler_message, nullptr); });
}

std::string utf8_of(const poppler::ustring& u) {
  if (u.empty()) return {};
  poppler::byte_array bytes = u.to_utf8();
  return std::string(bytes.data(), bytes.size());
}

LineOrigin on_page(int page, int page_line) {
  LineOrigin origin;
  origin.page = page;
  origin.page_line = page_line;
  return origin;
}

bool has_visible_text(std::string_view s) {
  for (char c : s)
    if (c != ' ' && c != '\n' && c != '\f' && c != '\t' && c != '\r') return true;
  return false;
}

// A line that is only a note number (one to three digits in any digit system).
bool lone_note_number(std::string_view line) {
  std::string_view t = trim(line);
  std::size_t i = 0, digits = 0;
  while (i < t.size()) {
    if (!is_digit(next_code_point(t, i))) return false;
    ++digits;
  }
  return digits >= 1 && digits <= 3;
}

// Appends one page's text: every line, empty ones included, exactly as pdftotext writes them
// (a blank line after each text block, so a page usually ends with one); a page without text
// still gives one empty line, so every page has its form feed and page numbers stay right.
void append_page(DocumentBuilder& builder, std::string_view text, int page) {
  // poppler ends a page with its last line's '\n' (after a blank line, as pdftotext does) and
  // sometimes a form feed: the lines are what lies before the final '\n'.
  while (!text.empty() && text.back() == '\f') text.remove_suffix(1);
  if (!text.empty() && text.back() == '\n') text.remove_suffix(1);
  std::vector<std::string> lines;
  std::size_t pos = 0;
  while (true) {
    std::size_t nl = text.find('\n', pos);
    std::string_view line = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(logical_line(line));
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
  }
  auto blank = [&](std::size_t i) { return !has_visible_text(lines[i]); };
  for (std::size_t i = 0; i < lines.size(); ++i) {
    // A raised note number at the end of a right-to-left line sits higher than the line, so
    // poppler writes it first, on a line of its own followed by a blank line, which also cuts
    // the paragraph in two. It goes back to the end of its line and the paragraph stays whole.
    if (i > 0 && !blank(i - 1) && lone_note_number(lines[i]) && i + 2 < lines.size() && blank(i + 1) &&
        !blank(i + 2)) {
      builder.append(lines[i + 2]);
      builder.append(std::string(trim(lines[i])));
      builder.end_line(on_page(page, static_cast<int>(i) + 3));
      i += 2;
      continue;
    }
    builder.append(lines[i]);
    builder.end_line(on_page(page, static_cast<int>(i) + 1));
  }
}

}  // namespace

Document read_pdf(std::string path, const std::string& bytes) {
  silence_poppler();
  if (bytes.size() > static_cast<std::size_t>(INT_MAX))
    throw InputError("the PDF is larger than 2 GB, too large to read");
  // poppler reads the bytes in place: `bytes` outlives the document.
  std::unique_ptr<poppler::document> pdf(
      poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
  if (!pdf) throw InputError("not a readable PDF (corrupt or truncated)");
  if (pdf->is_locked())
    throw InputError(
        "the PDF is encrypted with a password; remove the password (or export an unprotected copy) and check that");

  const int pages = pdf->pages();
  if (pages <= 0) throw InputError("not a readable PDF (corrupt or truncated)");
  if (pages > kMaxPages)
    throw InputError("the PDF has " + std::to_string(pages) + " pages, more than the " +
                     std::to_string(kMaxPages) + " citecheck reads; split it into parts");

  const auto deadline = std::chrono::steady_clock::now() + kTimeBudget;
  DocumentBuilder builder(std::move(path), "pdf");
  bool any_text = false;
  for (int p = 1; p <= pages; ++p) {
    if (std::chrono::steady_clock::now() > deadline)
      throw InputError("reading the PDF's text took too long (stopped at page " + std::to_string(p) + " of " +
                       std::to_string(pages) + "); extract its text with pdftotext and check that");
    std::string text;
    std::unique_ptr<poppler::page> page(pdf->create_page(p - 1));
    if (page) text = utf8_of(page->text(poppler::rectf(), poppler::page::non_raw_non_physical_layout));
    if (p > 1) builder.page_break();
    any_text = any_text || has_visible_text(text);
    append_page(builder, text, p);
  }
  if (!any_text)
    throw InputError("no text layer (a scanned, image-only PDF); run OCR first, e.g. ocrmypdf");
  return builder.finish(on_page(pages, 1));
}

}  // namespace citecheck
