// locations.hpp — where an item is, in the terms of the file it came from: a line of a text
// file, a paragraph or footnote of a Word/OpenDocument file, a page and line of a PDF, an
// element of a JATS article, a record of a bibliography. Reports and messages use these.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "src/json_object_writer.hpp"
#include "src/languages.hpp"
#include "src/model.hpp"

namespace citecheck {

// For messages: "line 12", "¶41", "footnote 3", "page 3, line 12", "<ref id=b3>", "record smith2020".
std::string place(const std::vector<LineOrigin>& origins, int line);
// The same, to be said in the report's language (--lang).
MessageText place_text(const std::vector<LineOrigin>& origins, int line);

// For the text report's prefix: "a.txt:12:5", "paper.docx:¶41", "paper.docx:fn3",
// "paper.pdf:p3:12", "paper.xml:/article/body/sec[2]/p[3]", "refs.bib:14".
std::string location_prefix(const std::string& path, const std::vector<LineOrigin>& origins, int line, int column);

// Adds the format's location fields to a JSON item that has a line (additive to the
// report contract): "paragraph", "note", "page" and "page_line", "xpath", "record" and "source_line".
void add_location_fields(nlohmann::json& item, const std::vector<LineOrigin>& origins, int line);
void add_location_fields(JsonObjectWriter& item, const std::vector<LineOrigin>& origins, int line);

}  // namespace citecheck
