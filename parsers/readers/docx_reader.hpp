// docx_reader.hpp — Word (.docx) documents: the body's paragraphs as lines, footnotes and
// endnotes paired by the file, hyperlinks through the parts' relationships, and the fields
// reference managers (Zotero, Mendeley, EndNote) leave in the text with their records.
// Also the pieces the ODT reader shares (CSL citation JSON, bibliography ranges, labels).
#pragma once

#include <optional>
#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "parsers/document.hpp"

namespace citecheck {

class ZipArchive;

// The XML parts a DOCX reader reads ("" for a part the archive lacks).
struct DocxParts {
  std::string document;        // word/document.xml
  std::string document_rels;   // word/_rels/document.xml.rels
  std::string footnotes;       // word/footnotes.xml
  std::string footnotes_rels;  // word/_rels/footnotes.xml.rels
  std::string endnotes;        // word/endnotes.xml
  std::string endnotes_rels;   // word/_rels/endnotes.xml.rels
  std::string settings;        // word/settings.xml (the notes' number format and start)
  // The parts' names, for messages (the package's relationships may name them otherwise).
  std::string document_name = "word/document.xml";
  std::string footnotes_name = "word/footnotes.xml";
  std::string endnotes_name = "word/endnotes.xml";
};

// The main document part of a Word package: the target of the package's officeDocument
// relationship when [Content_Types].xml says it is a Word document (Word writes
// word/document.xml; other producers, and Word now and then, word/document2.xml or other
// names), else word/document.xml when the archive has it; nullopt for any other ZIP.
std::optional<std::string> docx_main_part(ZipArchive& zip);

// Reads a DOCX from its extracted parts; throws InputError for malformed or hostile XML.
Document read_docx_parts(std::string path, const DocxParts& parts);

// Part names of a package (OPC): a relationship's target as a part name, absolute
// ("/word/x.xml") from the package root, else relative to `source_dir` ("../x.xml" climbs);
// the folder of a part ("word"); the relationships part of a part
// (word/document.xml → word/_rels/document.xml.rels).
std::string package_part_name(const std::string& source_dir, std::string_view target);
std::string package_directory_of(const std::string& part);
std::string relationships_part_of(const std::string& part);

// The parts of the package whose main part is `main_part` (docx_main_part): the notes and
// settings where the main part's relationships say they are.
DocxParts docx_parts(ZipArchive& zip, const std::string& main_part);

// --- For writing into the file (annotate_docx) -----------------------------------------

// The parsed main part and notes, kept to be written back (declaration, comments, white space).
struct DocxTrees {
  pugi::xml_document document, footnotes, endnotes;
};

// A stretch of the Document's text and the node of `DocxTrees` it came from.
struct DocxTextPiece {
  ByteRange bytes;          // in Document::text
  pugi::xml_node node;      // w:t, w:tab, w:br, w:noBreakHyphen, w:footnoteReference…; null: text the
                            // reader wrote itself (a note's number before its text)
  std::size_t skipped = 0;  // characters at the start of the node's text left out (a note's leading space)
};

struct DocxTextMap {
  std::vector<DocxTextPiece> pieces;       // in text order
  std::vector<pugi::xml_node> paragraphs;  // the w:p of each line (index 0 = line 1); null: a note without one
};

// As read_docx_parts, parsing into `trees` and mapping the text to their nodes. The text is
// the same as read_docx_parts gives for the same parts.
Document read_docx_mapped(std::string path, const DocxParts& parts, DocxTrees& trees, DocxTextMap& map);
// Reads the parts from an opened archive whose main part is `main_part` (docx_main_part),
// the notes and settings where the main part's relationships say they are.
Document read_docx(std::string path, ZipArchive& zip, const std::string& main_part);

// --- Shared with the ODT reader --------------------------------------------------------

// A Zotero or Mendeley citation's CSL JSON ({"citationItems": [{"itemData": …}], …}) as a
// FieldCitation (bytes left to the caller); nullopt when the JSON is malformed or too deep.
std::optional<FieldCitation> citation_from_csl_json(std::string_view json, std::string source);

// Marks every non-empty line part inside `ranges` (the results of bibliography fields) as a
// reference entry, sets references_marked and the heading (the nearest preceding non-empty
// line when it is short). Does nothing when `ranges` is empty.
void mark_bibliography(Document& doc, const std::vector<ByteRange>& ranges);

// A note number as Word shows it in `format` (w:numFmt): "decimal" 3, "decimalZero" 03,
// "lowerRoman" iii, "upperRoman" III, "lowerLetter" c (27 is aa), "upperLetter" C, "chicago"
// ‡ (*, †, ‡, §, then doubled); any other format as decimal.
std::string note_number_label(int n, std::string_view format);

// "i", "ii", "iv", … (Word's endnote numbers); arabic beyond 3999.
std::string roman_lower(int n);

}  // namespace citecheck
