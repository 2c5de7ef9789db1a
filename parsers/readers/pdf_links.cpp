// pdf_links.cpp — link annotations through poppler-glib, the words under them through
// poppler-cpp (see pdf_links.hpp).
#include "parsers/readers/pdf_links.hpp"

#include <algorithm>

#include <poppler.h>
#include <poppler/cpp/poppler-page.h>

#include "parsers/unicode_text.hpp"

namespace citecheck {

namespace {

struct GObjectUnref {
  void operator()(gpointer p) const { g_object_unref(p); }
};
struct GBytesUnref {
  void operator()(GBytes* b) const { g_bytes_unref(b); }
};

// A word box's text: UTF-16 code units (poppler::ustring) to UTF-8, only the characters
// whose centre lies inside the rectangle (top-left origin, as the word boxes use).
std::string covered_text(const poppler::text_box& word, double left, double top, double right, double bottom) {
  const poppler::ustring text = word.text();
  std::u32string cps;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char32_t cp = text[i];
    bool pair = cp >= 0xD800 && cp <= 0xDBFF && i + 1 < text.size() && text[i + 1] >= 0xDC00 && text[i + 1] <= 0xDFFF;
    if (pair) cp = 0x10000 + ((cp - 0xD800) << 10) + (text[i + 1] - 0xDC00);
    // The box of a surrogate pair's first unit stands for the character.
    poppler::rectf box = word.char_bbox(i);
    if (pair) ++i;
    double x = box.x() + box.width() / 2, y = box.y() + box.height() / 2;
    if (x >= left && x <= right && y >= top && y <= bottom) cps.push_back(cp);
  }
  // poppler gives a right-to-left word's letters in visual order (left to right).
  if (std::any_of(cps.begin(), cps.end(), is_rtl)) std::reverse(cps.begin(), cps.end());
  std::string out;
  for (char32_t cp : cps) append_utf8(out, cp);
  return out;
}

}  // namespace

struct PdfLinkAnnotations::Impl {
  std::unique_ptr<GBytes, GBytesUnref> bytes;
  std::unique_ptr<PopplerDocument, GObjectUnref> document;
};

PdfLinkAnnotations::PdfLinkAnnotations(const std::string& bytes) : impl_(std::make_unique<Impl>()) {
  impl_->bytes.reset(g_bytes_new_static(bytes.data(), bytes.size()));
  GError* error = nullptr;
  impl_->document.reset(poppler_document_new_from_bytes(impl_->bytes.get(), nullptr, &error));
  if (error) g_error_free(error);
}

PdfLinkAnnotations::~PdfLinkAnnotations() = default;

PdfPageLinks PdfLinkAnnotations::on_page(int index, poppler::page& text_page) const {
  PdfPageLinks result;
  std::vector<PdfLinkAnnotation>& out = result.links;
  if (!impl_->document || index < 0 || index >= poppler_document_get_n_pages(impl_->document.get())) return result;
  std::unique_ptr<PopplerPage, GObjectUnref> page(poppler_document_get_page(impl_->document.get(), index));
  if (!page) return result;
  GList* mapping = poppler_page_get_link_mapping(page.get());
  if (!mapping) return result;
  double width = 0, height = 0;
  poppler_page_get_size(page.get(), &width, &height);
  struct Area {
    double top, bottom, left;
    PdfLinkAnnotation link;
  };
  std::vector<Area> areas;
  std::vector<poppler::text_box> words;
  bool words_read = false;
  for (GList* item = mapping; item; item = item->next) {
    const auto* link = static_cast<const PopplerLinkMapping*>(item->data);
    if (!link->action || link->action->type != POPPLER_ACTION_URI || !link->action->uri.uri) continue;
    std::string uri = link->action->uri.uri;
    if (uri.empty()) continue;
    if (areas.size() >= kMaxLinksPerPage) {
      ++result.unread;
      continue;
    }
    if (!words_read) {
      words = text_page.text_list();
      words_read = true;
    }
    // Link areas have the PDF's origin (bottom left); word boxes the page's top left.
    const PopplerRectangle& a = link->area;
    double left = std::min(a.x1, a.x2), right = std::max(a.x1, a.x2);
    double top = height - std::max(a.y1, a.y2), bottom = height - std::min(a.y1, a.y2);
    // Word boxes split at punctuation ("ცხრილში" "," or "…Standard" "-" "15.0.pdf"); boxes
    // with no space between them are one word of the text.
    std::vector<std::string> covered;
    bool glued = false;
    for (const poppler::text_box& w : words) {
      poppler::rectf b = w.bbox();
      std::string t;
      if (b.x() <= right && b.x() + b.width() >= left && b.y() <= bottom && b.y() + b.height() >= top)
        t = covered_text(w, left, top, right, bottom);
      if (t.empty()) {
        glued = false;
        continue;
      }
      if (glued && !covered.empty()) covered.back() += t;
      else covered.push_back(std::move(t));
      glued = !w.has_space_after();
    }
    areas.push_back({top, bottom, left, {std::move(uri), std::move(covered)}});
  }
  poppler_page_free_link_mapping(mapping);
  // Reading order of the rectangles (poppler lists them in no promised order), then one
  // link per run of rectangles with the same URI on successive lines: a wrapped link.
  std::stable_sort(areas.begin(), areas.end(), [](const Area& x, const Area& y) {
    return x.top != y.top ? x.top < y.top : x.left < y.left;
  });
  double last_bottom = 0;
  for (Area& area : areas) {
    bool next_line = area.top >= last_bottom - (area.bottom - area.top) / 2;
    if (!out.empty() && out.back().uri == area.link.uri && next_line) {
      auto& w = out.back().words;
      w.insert(w.end(), area.link.words.begin(), area.link.words.end());
    } else {
      out.push_back(std::move(area.link));
    }
    last_bottom = area.bottom;
  }
  return result;
}

}  // namespace citecheck
