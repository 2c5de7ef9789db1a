// manuscript.hpp — runs the detectors over a Document and assembles the Manuscript:
// ids, source spans, link owners.
#pragma once

#include "parsers/document.hpp"
#include "parsers/intext_citations.hpp"
#include "parsers/learned/field_tagger.hpp"
#include "parsers/learned/line_models.hpp"
#include "parsers/footnotes.hpp"
#include "parsers/structured_items.hpp"
#include "src/model.hpp"

namespace citecheck {

struct ParsedDocument {
  Manuscript manuscript;
  std::vector<MalformedCitation> malformed;    // for the malformed-citation check
  std::vector<std::pair<int, int>> footnote_gaps;
  std::vector<SourceSpan> malformed_spans;
  std::vector<EditedField> edited_fields;  // reference-manager citations edited by hand
  std::vector<SourceSpan> edited_spans;
};

ParsedDocument parse_manuscript(const Document& doc, const LineModels& models, const FieldTagger& fields);
// With the built-in field tagger.
ParsedDocument parse_manuscript(const Document& doc, const LineModels& models);
// With the built-in models.
ParsedDocument parse_manuscript(const Document& doc);

}  // namespace citecheck
