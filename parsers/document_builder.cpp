#include "parsers/document_builder.hpp"

#include <unicode/utf8.h>

namespace citecheck {

DocumentBuilder::DocumentBuilder(std::string path, std::string format) {
  doc_.path = std::move(path);
  doc_.format = std::move(format);
}

void DocumentBuilder::append(std::string_view s) {
  if (page_pending_ && !s.empty()) {
    doc_.text.push_back('\f');
    page_pending_ = false;
  }
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  int32_t i = 0, n = static_cast<int32_t>(s.size());
  while (i < n) {
    uint8_t c = p[i];
    if (c >= 0x20 && c < 0x7F) {
      doc_.text.push_back(static_cast<char>(c));
      ++i;
      continue;
    }
    if (c < 0x80) {
      // Control characters (and DEL): a space keeps word boundaries, never a line end.
      if (c != 0) doc_.text.push_back(' ');
      ++i;
      continue;
    }
    int32_t start = i;
    UChar32 cp;
    U8_NEXT(p, i, n, cp);
    if (cp < 0) {
      ++repairs_;
      if (doc_.issues.size() < 20) {
        InputIssue issue;
        issue.code = "invalid-utf8";
        issue.line = static_cast<int>(doc_.origins.size()) + 1;
        issue.column = 1;
        issue.text = say("invalid-utf8.inside");
        issue.message = in_english(issue.text);
        doc_.issues.push_back(std::move(issue));
      }
      doc_.text.append("\xEF\xBF\xBD");
      continue;
    }
    // U+2028/2029 and NEL are line breaks in Unicode; inside a paragraph they are spaces.
    if (cp == 0x85 || cp == 0x2028 || cp == 0x2029) {
      doc_.text.push_back(' ');
      continue;
    }
    doc_.text.append(s.data() + start, static_cast<std::size_t>(i - start));
  }
}

void DocumentBuilder::end_line(const LineOrigin& origin) {
  if (page_pending_) {
    doc_.text.push_back('\f');
    page_pending_ = false;
  }
  doc_.line_starts.push_back(line_begin_);
  doc_.origins.push_back(origin);
  doc_.text.push_back('\n');
  line_begin_ = doc_.text.size();
}

void DocumentBuilder::page_break() { page_pending_ = true; }

Document DocumentBuilder::finish(const LineOrigin& last_origin) {
  if (!line_empty() || page_pending_) end_line(last_origin);
  if (doc_.origins.empty()) {  // an empty document still has its one empty line, as plain text does
    doc_.line_starts.push_back(0);
    doc_.origins.push_back(last_origin);
  }
  if (repairs_ > doc_.issues.size() && !doc_.issues.empty())
    doc_.issues.back().message += " (and " + std::to_string(repairs_ - doc_.issues.size()) + " more)";
  doc_.structure = std::move(structure_);
  Document out = std::move(doc_);
  return out;
}

}  // namespace citecheck
