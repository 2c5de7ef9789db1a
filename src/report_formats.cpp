#include "src/report_formats.hpp"

#include <filesystem>
#include <stdexcept>
#include <utility>

#include "src/report_csv.hpp"
#include "src/report_html.hpp"
#include "src/report_json.hpp"
#include "src/report_jsonl.hpp"
#include "src/report_junit.hpp"
#include "src/report_markdown.hpp"
#include "src/report_sarif.hpp"
#include "src/report_text.hpp"

namespace citecheck {

const std::vector<std::string>& report_format_names() {
  static const std::vector<std::string> names = {"text", "json", "jsonl", "html", "sarif", "junit", "markdown", "csv"};
  return names;
}

std::string format_for_output(const std::string& path) {
  static const std::vector<std::pair<std::string, std::string>> by_extension = {
      {".txt", "text"}, {".json", "json"}, {".jsonl", "jsonl"}, {".html", "html"}, {".htm", "html"}, {".sarif", "sarif"}, {".xml", "junit"}, {".md", "markdown"}, {".csv", "csv"}};
  std::string extension = std::filesystem::path(path).extension().string();
  for (char& c : extension)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  for (const auto& [ext, format] : by_extension)
    if (ext == extension) return format;
  return "text";
}

void write_report(const std::string& format, const Report& report, std::ostream& out, bool colour) {
  if (format == "text") out << render_text(report, colour);
  else if (format == "json") write_json(report, out);
  else if (format == "jsonl") write_jsonl(report, out);
  else if (format == "html") write_html(report, out);
  else if (format == "sarif") write_sarif(report, out);
  else if (format == "junit") write_junit(report, out);
  else if (format == "markdown") write_markdown(report, out);
  else if (format == "csv") write_csv(report, out);
  else throw std::invalid_argument("unknown report format '" + format + "'");
}

}  // namespace citecheck
