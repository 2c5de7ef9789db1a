// list_layouts.hpp — reference lists laid out as PDF extractions show them (wrapped at a
// margin, hanging or first-line indents, numbered or bracket labels, blank lines between
// entries, page numbers), and text carried into other scripts: the synthetic variety the
// line models train on, since GROBID's annotated text has no geometry and only Latin script.
#pragma once

#include <cstdint>
#include <memory>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "bench/grobid_corpus.hpp"

namespace citecheck::corpus {

struct ListLayout {
  int wrap = 0;            // re-wrap at this many code points; 0 keeps the given line breaks
  int hanging = 0;         // continuation lines indented by this much
  int first_line = 0;      // first lines indented by this much
  bool blank_between = false;
  int label_style = 0;     // 0 as given, 1 "12. ", 2 "[12] ", 3 "12) ", 4 "(12) "
  int page_every = 0;      // a page break with its number every so many lines; 0 none
};

struct RenderedList {
  std::vector<std::string> lines;  // may hold blank lines and page furniture
  std::vector<int> entry_of;       // per line: the entry it belongs to, -1 for furniture/blank
  std::vector<bool> starts;        // per line: an entry starts here
};

// Entries given as their lines (the original line breaks) or as one line each.
RenderedList render_list(const std::vector<std::vector<std::string>>& entries, const ListLayout& layout);

// A random layout, reproducible from the generator.
ListLayout random_layout(std::mt19937& rng, bool entries_have_labels);

// Carries Latin letters into another script with ICU (Cyrillic, Greek, Arabic, Armenian,
// Georgian, Hebrew), optionally with that script's digits, so uncased and right-to-left
// lists are seen in training. Punctuation and layout are kept.
class ScriptCarrier {
 public:
  ScriptCarrier();
  ~ScriptCarrier();
  std::size_t scripts() const;
  std::string carry(const std::string& text, std::size_t script, bool native_digits) const;
  // The language a document in that script is most often written in (BCP 47: "ru", "ar", "ka"…):
  // entries rendered for it print their terms (volume, pages, "and") as that language does.
  const char* language(std::size_t script) const;
  // English reference terms in `text` replaced by the script's language's ("vol." → "т.", "pp." →
  // "ص", "and" → "და", "et al." → "и др."): carried letter by letter they make words no
  // document in that script holds ("ڤُل."). Other words are left as they are.
  std::string localise_terms(std::string_view text, std::size_t script) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The string with each labelled run carried into another script on its own (a run's value
// reads the same carried alone), labels following their runs; links and identifiers stay as
// they are. With `localise`, the words between the fields and in the name lists ("vol.",
// "pp.", "and", "et al.") are first put in the script's language, as its documents print them.
TaggedCitation carry_citation(const TaggedCitation& c, const ScriptCarrier& carrier, std::size_t script, bool digits,
                              bool localise);

}  // namespace citecheck::corpus
