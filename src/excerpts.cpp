#include "src/excerpts.hpp"

#include <algorithm>
#include <string_view>

#include "src/item_places.hpp"

namespace citecheck {

namespace {

bool continuation_byte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }
bool space(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\f' || c == '\r'; }

// Line ends and form feeds (a PDF's page breaks) read as spaces in a quotation.
std::string flattened(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c == '\n' || c == '\f' || c == '\r' || c == '\t') c = ' ';
  return out;
}

// Up to `limit` bytes before `at`, from the paragraph's start (a blank line) or `floor` at the
// earliest, starting at a whole word when cut.
std::string before(const std::string& text, std::size_t at, std::size_t limit, std::size_t floor) {
  std::size_t from = std::max(floor, at > limit ? at - limit : 0);
  const std::size_t paragraph = text.rfind("\n\n", at == 0 ? 0 : at - 1);
  if (paragraph != std::string::npos && paragraph + 2 > from && paragraph < at) from = paragraph + 2;
  else if (from > floor) {
    while (from < at && !space(text[from - 1])) ++from;  // a whole first word
  }
  while (from < at && continuation_byte(text[from])) ++from;
  return flattened(std::string_view(text).substr(from, at - from));
}

// Up to `limit` bytes from `at`, to the paragraph's end or `ceiling` at the latest, ending at
// a whole word.
std::string after(const std::string& text, std::size_t at, std::size_t limit, std::size_t ceiling) {
  std::size_t to = std::min({text.size(), at + limit, ceiling});
  const std::size_t paragraph = text.find("\n\n", at);
  if (paragraph != std::string::npos && paragraph < to) to = paragraph;
  else if (to < std::min(text.size(), ceiling)) {
    while (to > at && !space(text[to])) --to;  // a whole last word
  }
  while (to > at && to < text.size() && continuation_byte(text[to])) --to;
  return flattened(std::string_view(text).substr(at, to - at));
}

std::string item_text(const std::string& text, ByteRange r) {
  std::size_t end = std::min(r.end, text.size());
  bool cut = false;
  if (end - r.begin > kExcerptText) {
    end = r.begin + kExcerptText;
    while (end > r.begin && continuation_byte(text[end])) --end;
    cut = true;
  }
  return flattened(std::string_view(text).substr(r.begin, end - r.begin)) + (cut ? "\xE2\x80\xA6" : "");
}

}  // namespace

void add_excerpts(const Document& doc, const Manuscript& m, std::vector<Finding>& findings) {
  const ItemPlaces places(m, doc.text.size());
  const std::string& text = doc.text;
  for (Finding& f : findings) {
    std::optional<ByteRange> range;
    ByteRange within{0, text.size()};
    if (auto place = places.of(f)) {
      range = place->printed;
      within = place->within;
    } else {
      if (f.span.line < 1 || f.span.line > doc.line_count()) continue;
      range = ByteRange{doc.line_begin(f.span.line), doc.line_end(f.span.line)};
      if (range->begin >= range->end) continue;
    }
    f.excerpt = Excerpt{before(text, range->begin, kExcerptContext, within.begin), item_text(text, *range),
                        after(text, std::min(range->end, text.size()), kExcerptContext, within.end)};
  }
}

}  // namespace citecheck
