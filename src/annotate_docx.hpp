// annotate_docx.hpp — `--annotate OUT.docx`: a copy of a Word manuscript with one comment per
// finding, as an editor hands problems to an author. Each comment is anchored on what its
// finding is about — the citation, the footnote mark, the reference entry, the link — in the
// body or inside a footnote or endnote; what cannot be placed on its text goes on its
// paragraph, and a finding about the whole document on the first paragraph. Comments the file
// already has are kept (the new ones are numbered after them); the parts that carry no comment
// are copied as they were, and the original file is only read.
#pragma once

#include <stdexcept>
#include <string>

#include "src/model.hpp"

namespace citecheck {

// The copy cannot be made: the file is not the Word document that was checked (it changed
// since, or is not a .docx), or its package is damaged. The message says which.
class AnnotationError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Who the comments are by, and when (Word shows both beside each comment).
struct CommentAuthor {
  std::string name = "citecheck", initials = "cc";
  std::string date;  // RFC 3339 UTC: the run's time
  std::string language = "en";  // --lang: the language of the comments' advice
};

// True when `bytes` are a Word document (a ZIP whose main part is a WordprocessingML one).
bool is_word_document(const std::string& bytes);

// The annotated copy of `docx`, the bytes of the Word file citecheck read as `text`
// (Document::text) and checked into `report`: one comment per finding of the report, in its
// order. With no finding, `docx` itself. Throws AnnotationError.
std::string annotate_docx(const std::string& docx, const std::string& text, const DocumentReport& report,
                          const CommentAuthor& author);

// Reads `input`, annotates it, and writes the copy to `output` as reports are written (a
// temporary file in its folder renamed over it: report_output.hpp). Throws AnnotationError, or
// OutputError when the copy cannot be written.
void write_annotated_docx(const std::string& input, const std::string& output, const std::string& text,
                          const DocumentReport& report, const CommentAuthor& author);

}  // namespace citecheck
