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
// Link annotations (pdf_links: poppler-glib, since poppler-cpp 22.12 has none) become the
// structure's hyperlinks, placed on the words they cover in the page's text; the URLs printed
// in the text are also found by the identifier heuristics like in any extraction, and a
// hyperlink whose target is printed where it sits adds nothing.
#include "parsers/readers/pdf_reader.hpp"

#include <algorithm>
#include <chrono>
#include <climits>
#include <memory>
#include <mutex>
#include <optional>
#include <string_view>
#include <vector>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-page.h>

#include "parsers/bidi_controls.hpp"
#include "parsers/document_builder.hpp"
#include "parsers/raised_markers.hpp"
#include "parsers/readers/pdf_links.hpp"
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
    if (i > 0 && !blank(i - 1) && lone_note_number(lines[i]).has_value() && i + 2 < lines.size() && blank(i + 1) &&
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

struct PageWord {
  std::size_t begin, end;
  std::string key;   // the word without marks
  std::string core;  // the key without the punctuation around it
};

// Marks dropped: poppler may give a right-to-left word's marks on either side of their letter.
std::string word_key(std::string_view w) {
  std::string key;
  for (std::size_t i = 0; i < w.size();) {
    char32_t cp = next_code_point(w, i);
    if (!is_mark(cp)) append_utf8(key, cp);
  }
  return key;
}

// A word without the punctuation around it: "(report," → "report".
std::string_view core_of(std::string_view w) {
  std::size_t b = 0, e = w.size();
  while (b < e) {
    std::size_t i = b;
    char32_t cp = next_code_point(w, i);
    if (is_word_char(cp) || is_digit(cp)) break;
    b = i;
  }
  while (e > b) {
    std::size_t i = e - 1;
    while (i > b && (static_cast<unsigned char>(w[i]) & 0xC0) == 0x80) --i;
    std::size_t j = i;
    char32_t cp = next_code_point(w, j);
    if (is_word_char(cp) || is_digit(cp)) break;
    e = i;
  }
  return w.substr(b, e - b);
}

std::vector<PageWord> words_of(std::string_view text, std::size_t base) {
  std::vector<PageWord> out;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\n' || text[i] == '\f' || text[i] == '\t')) ++i;
    std::size_t b = i;
    while (i < text.size() && text[i] != ' ' && text[i] != '\n' && text[i] != '\f' && text[i] != '\t') ++i;
    if (i > b) {
      std::string key = word_key(text.substr(b, i - b));
      std::string core(core_of(key));
      out.push_back({base + b, base + i, std::move(key), std::move(core)});
    }
  }
  return out;
}

// Where the covered words sit among the page's words, in a row. Tried in turn: whole words
// (punctuation around them aside) before parts of words (a link may cover "report" of
// "reporting"), free occurrences before ones an earlier link on the page took (two
// annotations drawn over the same words), the words' order before its reverse (a
// right-to-left line's word boxes come left to right).
std::optional<ByteRange> locate(const std::vector<PageWord>& page, std::vector<std::string> covered,
                                std::vector<char>& taken) {
  for (std::string& w : covered) w = word_key(w);
  covered.erase(std::remove(covered.begin(), covered.end(), std::string()), covered.end());
  if (covered.empty()) return std::nullopt;
  const std::vector<std::string> backward(covered.rbegin(), covered.rend());
  const std::size_t n = covered.size();
  for (int attempt = 0; attempt < 8; ++attempt) {
    const bool partial = attempt >= 4, reuse = attempt % 4 >= 2, reversed = attempt % 2 == 1;
    if (reversed && n == 1) continue;
    const std::vector<std::string>& want_words = reversed ? backward : covered;
    for (std::size_t i = 0; i + n <= page.size(); ++i) {
      if (taken[i] && !reuse) continue;
      bool match = true;
      for (std::size_t k = 0; k < n && match; ++k) {
        const std::string_view have = page[i + k].key;
        const std::string& want = want_words[k];
        if (have == want || page[i + k].core == want) continue;
        if (!partial) match = false;
        else if (n == 1) match = have.find(want) != std::string_view::npos;
        else if (k == 0) match = have.ends_with(want);
        else if (k == n - 1) match = have.starts_with(want);
        else match = false;
      }
      if (!match) continue;
      taken[i] = 1;
      ByteRange at{page[i].begin, page[i + n - 1].end};
      // Narrowed to the covered letters when the page's words carry no marks (keys are then
      // the text's own bytes): "https://…pdf" of "https://…pdf.", "report" of "report,".
      const PageWord& first = page[i];
      const PageWord& last = page[i + n - 1];
      const std::string& want_first = want_words.front();
      const std::string& want_last = want_words.back();
      if (first.key.size() == first.end - first.begin) {
        std::size_t pos = n == 1 ? first.key.find(want_first) : first.key.rfind(want_first);
        if (pos != std::string::npos) at.begin = first.begin + pos;
      }
      if (last.key.size() == last.end - last.begin) {
        std::size_t from = n == 1 ? at.begin - last.begin : 0;
        std::size_t pos = last.key.find(want_last, from);
        if (pos != std::string::npos) at.end = last.begin + pos + want_last.size();
      }
      return at;
    }
  }
  return std::nullopt;
}

// The page's link annotations as hyperlinks on the words they cover; a link whose words
// cannot be found (a rotated page, text drawn as curves) is kept, on the page's first line.
void add_page_links(DocumentBuilder& builder, const PdfLinkAnnotations& annotations, poppler::page& page, int index,
                    std::size_t page_begin, int first_line) {
  PdfPageLinks on_page = annotations.on_page(index, page);
  std::vector<PdfLinkAnnotation>& links = on_page.links;
  if (on_page.unread > 0) {
    InputIssue issue;
    issue.code = "pdf-links-skipped";
    issue.text = say("pdf-links-skipped", {std::to_string(index + 1), std::to_string(links.size() + on_page.unread),
                                           std::to_string(PdfLinkAnnotations::kMaxLinksPerPage)});
    issue.message = in_english(issue.text);
    issue.line = first_line;
    issue.column = 1;
    builder.issue(std::move(issue));
  }
  if (links.empty()) return;
  std::string_view text = builder.text().substr(page_begin);
  std::vector<PageWord> words = words_of(text, page_begin);
  std::vector<char> taken(words.size(), 0);
  std::size_t first = words.empty() ? page_begin : words.front().begin;
  for (PdfLinkAnnotation& link : links) {
    ByteRange at = locate(words, link.words, taken).value_or(ByteRange{first, first});
    builder.structure().hyperlinks.push_back({std::move(link.uri), at});
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
  PdfLinkAnnotations annotations(bytes);
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
    const std::size_t page_begin = builder.offset();
    const int first_line = builder.lines() + 1;
    append_page(builder, text, p);
    if (page) add_page_links(builder, annotations, *page, p - 1, page_begin, first_line);
  }
  if (!any_text)
    throw InputError("no text layer (a scanned, image-only PDF); run OCR first, e.g. ocrmypdf");
  return builder.finish(on_page(pages, 1));
}

}  // namespace citecheck
