#include "parsers/readers/office_reader.hpp"

#include "parsers/readers/docx_reader.hpp"
#include "parsers/readers/odt_reader.hpp"
#include "parsers/readers/zip_archive.hpp"
#include "parsers/text_reader.hpp"
#include "parsers/unicode_text.hpp"

namespace citecheck {

namespace {

constexpr std::string_view kOdfPrefix = "application/vnd.oasis.opendocument.";

// OpenDocument kinds citecheck does not read, by the suffix of their mimetype.
struct OdfKind {
  std::string_view suffix, what;
};
constexpr OdfKind kOdfKinds[] = {
    {"spreadsheet", "an OpenDocument spreadsheet (.ods)"},
    {"presentation", "an OpenDocument presentation (.odp)"},
    {"graphics", "an OpenDocument drawing (.odg)"},
    {"formula", "an OpenDocument formula (.odf)"},
    {"chart", "an OpenDocument chart (.odc)"},
    {"database", "an OpenDocument database (.odb)"},
    {"image", "an OpenDocument image (.odi)"},
};

// Text documents, their templates and master documents read alike.
bool odf_text(std::string_view mimetype) {
  return mimetype == "application/vnd.oasis.opendocument.text" ||
         mimetype == "application/vnd.oasis.opendocument.text-template" ||
         mimetype == "application/vnd.oasis.opendocument.text-master";
}

[[noreturn]] void not_a_text_document(std::string_view what) {
  throw InputError(std::string(what) + ", not a text document; citecheck reads Word (.docx) and OpenDocument "
                   "text (.odt) documents: save the manuscript as one of those");
}

}  // namespace

Document read_office_document(std::string path, const std::string& bytes) {
  ZipArchive zip(bytes);
  if (auto main = docx_main_part(zip)) return read_docx(std::move(path), zip, *main);

  std::string mimetype(trim(zip.read("mimetype").value_or("").substr(0, 256)));
  if (odf_text(mimetype)) {
    auto content = zip.read("content.xml");
    if (!content) throw InputError("an OpenDocument text file without its content.xml part (damaged?)");
    return read_odt_content(std::move(path), *content);
  }
  if (mimetype.rfind(kOdfPrefix, 0) == 0) {
    std::string_view suffix = std::string_view(mimetype).substr(kOdfPrefix.size());
    for (const OdfKind& k : kOdfKinds)
      if (suffix.rfind(k.suffix, 0) == 0) not_a_text_document(k.what);
    not_a_text_document("an OpenDocument file of type '" + mimetype + "'");
  }
  if (zip.has("xl/workbook.xml")) not_a_text_document("an Excel workbook (.xlsx)");
  if (zip.has("ppt/presentation.xml")) not_a_text_document("a PowerPoint presentation (.pptx)");
  if (mimetype.empty() && zip.has("content.xml")) {
    // An ODF package without its mimetype entry: content.xml tells what it is.
    std::string content = *zip.read("content.xml");
    if (content.find("<office:text") != std::string::npos) return read_odt_content(std::move(path), content);
    if (content.find("<office:spreadsheet") != std::string::npos) not_a_text_document("an OpenDocument spreadsheet (.ods)");
    if (content.find("<office:presentation") != std::string::npos) not_a_text_document("an OpenDocument presentation (.odp)");
  }
  throw InputError("a ZIP archive that is neither a Word (.docx) nor an OpenDocument text (.odt) file");
}

}  // namespace citecheck
