#include "parsers/readers/read_document.hpp"

#include <nlohmann/json.hpp>

#include "parsers/readers/bibliography_reader.hpp"
#include "parsers/readers/csl_record.hpp"
#include "parsers/readers/jats_reader.hpp"
#include "parsers/readers/office_reader.hpp"
#include "parsers/readers/pdf_reader.hpp"
#include "parsers/text_reader.hpp"
#include "parsers/unicode_text.hpp"

namespace citecheck {

namespace {

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

std::string extension(std::string_view path) {
  std::size_t slash = path.find_last_of('/');
  std::size_t dot = path.find_last_of('.');
  if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash)) return "";
  return lower_ascii(path.substr(dot));
}

std::string_view skip_bom_and_space(std::string_view s) {
  if (starts_with(s, "\xEF\xBB\xBF")) s.remove_prefix(3);
  std::size_t i = 0;
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n')) ++i;
  return s.substr(i);
}

// The root element's name of an XML document, skipping the prolog, comments, processing
// instructions and the DOCTYPE. Empty when the bytes are not XML-like.
std::string xml_root(std::string_view s) {
  std::size_t i = 0;
  for (int guard = 0; guard < 64 && i < s.size(); ++guard) {
    std::size_t lt = s.find('<', i);
    if (lt == std::string_view::npos || lt + 1 >= s.size()) return "";
    std::string_view rest = s.substr(lt + 1);
    if (rest[0] == '?' || starts_with(rest, "!--") || starts_with(rest, "!DOCTYPE") || starts_with(rest, "!doctype")) {
      std::string_view close = rest[0] == '?' ? "?>" : starts_with(rest, "!--") ? "-->" : ">";
      std::size_t end = rest.find(close);
      if (starts_with(rest, "!DOCTYPE")) {
        // An internal subset holds '>' of its own: skip to "]>" when there is one.
        std::size_t bracket = rest.find('[');
        if (bracket != std::string_view::npos && bracket < end) end = rest.find("]>", bracket);
      }
      if (end == std::string_view::npos) return "";
      i = lt + 1 + end + close.size();
      continue;
    }
    std::size_t n = 0;
    while (n < rest.size() && (std::isalnum(static_cast<unsigned char>(rest[n])) || rest[n] == ':' || rest[n] == '-' ||
                               rest[n] == '_' || rest[n] == '.'))
      ++n;
    return std::string(rest.substr(0, n));
  }
  return "";
}

// A BibTeX database: its first entry ("@article{", "@book {") opens a line, with only
// comments or blank lines before it, or the file is called .bib.
bool looks_like_bibtex(std::string_view s, const std::string& ext) {
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t eol = s.find('\n', i);
    std::string_view line = trim(s.substr(i, eol == std::string_view::npos ? std::string_view::npos : eol - i));
    if (!line.empty() && line[0] == '@') {
      std::size_t n = 1;
      while (n < line.size() && std::isalpha(static_cast<unsigned char>(line[n]))) ++n;
      while (n < line.size() && line[n] == ' ') ++n;
      return n > 1 && n < line.size() && (line[n] == '{' || line[n] == '(');
    }
    if (!line.empty() && line[0] != '%' && ext != ".bib") return false;
    if (eol == std::string_view::npos) break;
    i = eol + 1;
  }
  return false;
}

bool looks_like_csl_json(std::string_view s) {
  if (s.empty() || (s[0] != '[' && s[0] != '{')) return false;
  if (!json_nesting_within(s)) return false;  // hostile nesting is never parsed here
  nlohmann::json j = nlohmann::json::parse(s, nullptr, false);
  if (j.is_discarded()) return false;
  if (j.is_object() && j.contains("items")) j = j["items"];
  if (!j.is_array()) return false;
  for (const auto& item : j)
    if (item.is_object() && (item.contains("title") || item.contains("author") || item.contains("DOI")) &&
        (item.contains("type") || item.contains("id")))
      return true;
  return false;
}

}  // namespace

InputFormat detect_format(std::string_view bytes, std::string_view path) {
  std::string ext = extension(path);
  if (starts_with(bytes, "PK\x03\x04") || starts_with(bytes, "PK\x05\x06")) return InputFormat::Zip;
  // The PDF header may follow some junk, within the first kilobyte.
  if (bytes.substr(0, 1024).find("%PDF-") != std::string_view::npos) return InputFormat::Pdf;
  if (starts_with(bytes, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")) return InputFormat::OldWord;
  std::string_view head = skip_bom_and_space(bytes);
  if (starts_with(head, "{\\rtf")) return InputFormat::Rtf;
  if (starts_with(head, "<")) {
    std::string root = xml_root(head.substr(0, 1 << 16));
    if (root == "article" || (root.size() > 8 && root.substr(root.size() - 8) == ":article")) return InputFormat::Jats;
    if (!root.empty() && (starts_with(head, "<?xml") || ext == ".xml" || ext == ".nxml")) return InputFormat::OtherXml;
  }
  // A .json file that opens an array or object is meant as CSL-JSON: its reader says what is
  // wrong with it rather than reading JSON as prose.
  if (looks_like_csl_json(head) || (ext == ".json" && !head.empty() && (head[0] == '[' || head[0] == '{')))
    return InputFormat::CslJson;
  if (looks_like_bibtex(head.substr(0, 1 << 20), ext)) return InputFormat::Bibtex;
  return InputFormat::Text;
}

Document read_document(std::string path, std::string bytes, std::string_view encoding, const std::string& base) {
  if (bytes.empty()) return read_text(std::move(path), std::move(bytes));
  switch (detect_format(bytes, path)) {
    case InputFormat::Zip: return read_office_document(std::move(path), bytes);
    case InputFormat::Pdf: return read_pdf(std::move(path), bytes);
    case InputFormat::Jats: return read_jats(std::move(path), bytes, base);
    case InputFormat::Bibtex: return read_bibtex(std::move(path), bytes);
    case InputFormat::CslJson: return read_csl_json(std::move(path), bytes);
    case InputFormat::OldWord:
      throw InputError("an old binary Word file (.doc) or another OLE2 document; open it in Word or LibreOffice and "
                       "save it as .docx, then check the .docx");
    case InputFormat::Rtf:
      throw InputError("a Rich Text Format (.rtf) file; save it as .docx, then check the .docx");
    case InputFormat::OtherXml:
      throw InputError("an XML file whose root element is <" + xml_root(skip_bom_and_space(bytes).substr(0, 1 << 16)) +
                       ">; citecheck reads JATS articles (root <article>)");
    case InputFormat::Text: break;
  }
  return read_text(std::move(path), std::move(bytes), encoding);
}

Document read_document_file(const std::string& path, std::string_view encoding, const std::string& base) {
  return read_document(path == "-" ? "<stdin>" : path, read_file_bytes(path), encoding, base);
}

}  // namespace citecheck
