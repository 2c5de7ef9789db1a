// pdf_links.hpp — a PDF's link annotations with a URI (what a reader clicks), each with the
// words it covers on the page. poppler's C++ interface has no annotations, so they come from
// poppler-glib; the words under them come from poppler-cpp's word boxes, character by
// character, so an annotation over a URL and its trailing full stop covers only the URL.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

namespace poppler {
class page;
}

namespace citecheck {

struct PdfLinkAnnotation {
  std::string uri;
  // The covered words in reading order as best poppler gives it: left to right on the
  // page, a right-to-left word's letters already put back in logical order. An annotation
  // wrapped over lines (one rectangle per line, same URI, one after the other) is one link.
  std::vector<std::string> words;
};

struct PdfPageLinks {
  std::vector<PdfLinkAnnotation> links;
  std::size_t unread = 0;  // URI annotations past the per-page bound (a hostile file)
};

class PdfLinkAnnotations {
 public:
  // `bytes` must outlive this object (the document is read in place). A file poppler-glib
  // cannot open simply has no annotations: the text reader has already accepted it.
  explicit PdfLinkAnnotations(const std::string& bytes);
  ~PdfLinkAnnotations();
  PdfLinkAnnotations(const PdfLinkAnnotations&) = delete;
  PdfLinkAnnotations& operator=(const PdfLinkAnnotations&) = delete;

  // The URI annotations of page `index` (0-based); `text_page` is the same page opened by
  // poppler-cpp, for its word boxes.
  PdfPageLinks on_page(int index, poppler::page& text_page) const;

  // A page of a real paper has tens of links; past this many the rest are counted, not read
  // (matching each against every word of the page would be quadratic).
  static constexpr std::size_t kMaxLinksPerPage = 1000;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace citecheck
