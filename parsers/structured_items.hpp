// structured_items.hpp — what a structured file (DOCX, ODT, JATS, a bibliography) states
// outright, turned into the parsers' items: its own footnotes, its hyperlinks, and the
// citations whose records it carries (reference-manager fields, JATS xrefs), which replace
// what the text heuristics guessed at the same place.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "parsers/document.hpp"
#include "parsers/identifiers.hpp"
#include "src/model.hpp"

namespace citecheck {

// A reference-manager citation whose shown text no longer says what its record says.
struct EditedField {
  ByteRange bytes;
  std::string source;    // "zotero", "mendeley", "endnote"
  std::string shown;     // the text in the document
  std::string recorded;  // what the record says ("Smith 2021" / the manager's generated text)
  bool content = false;  // names or years disagree (not only punctuation or wording)
};

// Footnotes as the file pairs them (bytes set; ids and spans are the caller's).
std::vector<Footnote> marked_footnotes(const Document& doc, const DocumentStructure& st);

// Replaces the heuristic citations inside each field citation's range by the structured
// citations the file records; `cites` stays sorted by position.
void apply_field_citations(const Document& doc, const DocumentStructure& st, std::vector<Citation>& cites,
                           std::vector<EditedField>& edited);

// Links only the structure knows: hyperlink targets the text does not print, and record
// DOIs and URLs (`listed`: the DOIs and URLs of the reference entries) that no entry lists.
// Sorted by position.
std::vector<FoundIdentifier> structure_links(const DocumentStructure& st, const std::vector<FoundIdentifier>& text_ids,
                                             const std::set<std::string>& listed);

}  // namespace citecheck
