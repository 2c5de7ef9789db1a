// document.hpp — a manuscript's text as the readers hand it to the parsers: normalised
// UTF-8 plus the map back to lines and columns of the original file.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "src/model.hpp"

namespace citecheck {

// A problem the reader repaired (it is reported as a finding, not an error).
struct InputIssue {
  std::string code;  // "invalid-utf8"
  std::string message;  // in English
  int line = 0, column = 0;
  MessageText text = {};  // the message, to be said in the report's language
};

// A footnote or endnote the file marks as such (DOCX w:footnoteReference, ODT text:note,
// JATS fn): paired by the file, not guessed.
struct MarkedFootnote {
  std::string label;                // as shown ("3", "*", "iv")
  std::optional<ByteRange> marker;  // the reference mark in the text (absent: a note nothing refers to)
  std::optional<ByteRange> body;    // the note's text (absent: a mark whose note is missing)
};

// A hyperlink's target as the file stores it, on the text it is attached to.
struct Hyperlink {
  std::string target;  // "https://…", "mailto:…"
  ByteRange bytes;     // the text shown (may be "this report", or the URL itself)
};

// A citation whose record the file carries: a reference manager's field (Zotero, Mendeley,
// EndNote) or a JATS xref.
struct FieldCitation {
  std::string source;                // "zotero", "mendeley", "endnote", "jats"
  ByteRange bytes;                   // the text the document shows for it
  std::vector<Work> items;           // the records behind it (CSL-JSON, EndNote), in order
  std::vector<std::string> targets;  // JATS: the ref ids of rid="…"
  std::string generated_text;        // what the manager last generated (plainCitation), when it says
  bool marked_edited = false;        // the manager itself records a manual edit (Zotero dontUpdate)
};

// A reference entry the file delimits (a JATS ref, a bibliography field's paragraph, a
// BibTeX or CSL-JSON record).
struct MarkedReference {
  std::string key;            // JATS ref id, BibTeX key, CSL-JSON id; "" when none
  std::string label;          // "12" of a numbered list, "" otherwise
  ByteRange bytes;            // the entry's text in Document::text
  std::optional<Work> work;   // fields the file gives; absent: parse them from the text
};

// What a structured reader knows beyond the text. Each `*_marked` flag says the file is
// authoritative for that kind of item, so the text heuristics do not run for it.
struct DocumentStructure {
  bool notes_marked = false;
  std::vector<MarkedFootnote> footnotes;
  bool references_marked = false;
  std::string references_heading;  // the list's heading, when the file has one
  int references_heading_line = 0;
  std::vector<MarkedReference> references;
  std::vector<FieldCitation> citations;
  std::vector<Hyperlink> hyperlinks;
  bool bibliography_only = false;  // a .bib or CSL-JSON file: no text cites the entries
};

struct Document {
  std::string path;
  std::string format = "text";          // "text", "docx", "odt", "jats", "pdf", "bibtex", "csl-json"
  std::string text;                     // UTF-8, LF line ends, no BOM; PDF pages begin with a form feed
  std::vector<std::size_t> line_starts; // byte offset of each line (index 0 = line 1)
  std::vector<InputIssue> issues;
  std::vector<LineOrigin> origins;      // one per line for structured formats; empty for text
  std::optional<DocumentStructure> structure;  // absent for plain text

  int line_count() const { return static_cast<int>(line_starts.size()); }
  // 1-based line number, without its '\n'.
  std::string_view line(int n) const;
  std::size_t line_begin(int n) const { return line_starts[n - 1]; }
  std::size_t line_end(int n) const;  // offset of the '\n' (or text end)
  // 1-based line containing a byte offset.
  int line_of(std::size_t offset) const;
};

// Turns byte offsets into line/column spans. Columns count code points, so on a very long
// line each lookup would rescan it; the map remembers its last answer and counts forward
// from there, which keeps increasing lookups linear.
class PositionMap {
 public:
  explicit PositionMap(const Document& doc) : doc_(doc) {}
  SourceSpan span(std::size_t begin, std::size_t end);  // end is exclusive
  void position(std::size_t offset, int& line, int& column);

 private:
  const Document& doc_;
  int cached_line_ = 0;
  std::size_t cached_offset_ = 0;
  int cached_column_ = 1;
};

Document make_document(std::string path, std::string text);

// Ranges sorted by start, overlaps merged, so that `ranges_contain` is a binary search.
std::vector<ByteRange> sorted_ranges(std::vector<ByteRange> ranges);
// True when an offset lies in one of `sorted` (as made by sorted_ranges).
bool ranges_contain(const std::vector<ByteRange>& sorted, std::size_t offset);

}  // namespace citecheck
