// document_builder.hpp — how the structured readers (DOCX, ODT, JATS, PDF, bibliographies)
// write the Document the parsers read: text appended line by line, each line with the place
// in the file it came from, and byte offsets the reader can keep for its structure.
#pragma once

#include <string>
#include <string_view>
#include <utility>

#include "parsers/document.hpp"

namespace citecheck {

class DocumentBuilder {
 public:
  DocumentBuilder(std::string path, std::string format);

  // Byte offset where the next appended text will start (for ByteRange bookkeeping).
  std::size_t offset() const { return doc_.text.size(); }
  // The text written so far (for a reader that locates items in what it wrote).
  std::string_view text() const { return doc_.text; }
  // Appends text to the current line. Invalid UTF-8 becomes U+FFFD (recorded as an input
  // issue); line breaks, tabs and other control characters become spaces, so a line ends
  // only through end_line.
  void append(std::string_view utf8);
  // Ends the current line (even when empty) and records where it came from.
  void end_line(const LineOrigin& origin);
  // PDF: the next line starts a new page (a form feed, as pdftotext writes it).
  void page_break();
  bool line_empty() const { return doc_.text.size() == line_begin_; }
  int lines() const { return static_cast<int>(doc_.origins.size()); }

  // A problem the reader found and worked around (reported as a warning).
  void issue(InputIssue issue) { doc_.issues.push_back(std::move(issue)); }

  DocumentStructure& structure() { return structure_; }
  // The finished document; an unterminated last line is ended with `last_origin`.
  Document finish(const LineOrigin& last_origin = {});

 private:
  Document doc_;
  DocumentStructure structure_;
  std::size_t line_begin_ = 0;
  std::size_t repairs_ = 0;
  bool page_pending_ = false;
};

}  // namespace citecheck
