// jats_render.hpp — a JATS article laid out again as the plain text a PDF extraction would
// give (wrapped lines, hanging indents, page furniture, superscript citation numbers), with
// the markup's own truth — reference entries, xref citations, DOIs — followed to the lines
// and bytes where it lands. The truth is what the JATS reader read, so nobody typed it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "parsers/document.hpp"

namespace citecheck::eval {

enum class Layout { Paragraph, WrappedHanging, WrappedFirstLine, Numbered, Bracketed, BlankSeparated, Furniture };

const std::vector<Layout>& all_layouts();
const char* layout_name(Layout layout);
std::optional<Layout> layout_named(std::string_view name);

// One <ref> of the article.
struct TruthEntry {
  std::string key;    // the ref id xrefs point to
  std::string label;  // its <label>, "" when none
  ByteRange bytes;    // the entry's text in Article::doc
  std::string doi;    // normalised; "" when the ref has none or does not print it
  bool cited = false; // some xref names it
};

// One xref ref-type="bibr" (or one pointing to refs).
struct TruthCitation {
  ByteRange bytes;           // the text shown for it in Article::doc (may be empty)
  std::vector<int> entries;  // indices into Article::entries of the refs it names
};

struct Article {
  std::string name;  // the file's stem
  std::string language, script, style;  // grouping keys; style is "numeric" or "author-date"
  std::string journal, author;          // for running heads
  Document doc;                         // as the JATS reader gives it
  std::vector<TruthEntry> entries;
  std::vector<TruthCitation> citations;
};

// Reads a JATS file and its truth; throws InputError when it cannot be read.
Article load_article(const std::string& path);

// The article rendered in one layout, and where each truth item landed.
struct Rendered {
  std::string text;
  struct EntryLines {
    int first = 0, last = 0;  // 1-based lines of the rendered text
  };
  std::vector<EntryLines> entries;                   // parallel to Article::entries
  std::vector<std::optional<ByteRange>> citations;   // parallel to Article::citations; nullopt: not shown
};

Rendered render(const Article& article, Layout layout);

// A small deterministic generator (SplitMix64), so a layout's choices are reproducible per
// article without global state and without the implementation-defined std distributions.
class Random {
 public:
  explicit Random(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next();
  int uniform(int lo, int hi);  // inclusive
  bool chance(double p);

 private:
  std::uint64_t state_;
};

std::uint64_t seed_of(std::string_view a, std::string_view b);

}  // namespace citecheck::eval
