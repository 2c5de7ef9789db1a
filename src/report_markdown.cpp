#include "src/report_markdown.hpp"

#include <array>
#include <string_view>

#include "src/locations.hpp"

namespace citecheck {

namespace {

// Indexed by Severity's value: errors, warnings, info, the order the report shows them in.
std::array<std::size_t, 3> severity_counts(const std::vector<Finding>& findings) {
  std::array<std::size_t, 3> n{};
  for (const auto& f : findings) ++n[static_cast<std::size_t>(f.severity)];
  return n;
}

constexpr std::array<std::pair<Severity, const char*>, 3> kSections = {
    {{Severity::Error, "Errors"}, {Severity::Warning, "Warnings"}, {Severity::Info, "Info"}}};

void write_document(std::ostream& out, const DocumentReport& d) {
  const Manuscript& m = d.manuscript;
  const auto n = severity_counts(d.findings);
  out << "## " << markdown_cell(d.path) << "\n\n"
      << "| Errors | Warnings | Info | References | Citations | Footnotes | Links |\n"
      << "|---:|---:|---:|---:|---:|---:|---:|\n"
      << "| " << n[0] << " | " << n[1] << " | " << n[2] << " | " << m.references.size() << " | "
      << m.citations.size() << " | " << m.footnotes.size() << " | " << m.links.size() << " |\n";
  for (const auto& [severity, title] : kSections) {
    if (n[static_cast<std::size_t>(severity)] == 0) continue;
    out << "\n### " << title << " (" << n[static_cast<std::size_t>(severity)] << ")\n\n"
        << "| Location | Code | Message |\n|---|---|---|\n";
    for (const auto& f : d.findings) {
      if (f.severity != severity) continue;
      // The path is the section's heading; the location keeps only the place in the file.
      std::string where = location_prefix("", d.origins, f.span.line, f.span.column);
      if (!where.empty() && where.front() == ':') where.erase(0, 1);
      out << "| " << markdown_cell(where) << " | " << markdown_cell(f.code) << " | " << markdown_cell(f.message)
          << " |\n";
    }
  }
  out << "\n";
}

}  // namespace

std::string markdown_cell(const std::string& text) {
  static constexpr std::string_view kSpecial = "\\|`*_[]<>";
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '\n' || c == '\r') {
      out += ' ';
      continue;
    }
    if (kSpecial.find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

void write_markdown(const Report& report, std::ostream& out) {
  std::array<std::size_t, 3> total{};
  for (const auto& d : report.documents) {
    const auto n = severity_counts(d.findings);
    for (std::size_t i = 0; i < total.size(); ++i) total[i] += n[i];
  }
  out << "# citecheck report\n\n"
      << report.documents.size() << " document(s): " << total[0] << " error(s), " << total[1] << " warning(s), "
      << total[2] << " info.\n\n";
  for (const auto& d : report.documents) write_document(out, d);
  if (!report.run.failed_inputs.empty()) {
    out << "## Not read\n\n| File | Reason |\n|---|---|\n";
    for (const auto& f : report.run.failed_inputs) out << "| " << markdown_cell(f.path) << " | " << markdown_cell(f.error) << " |\n";
    out << "\n";
  }
  if (!report.run.complete)
    out << "**Incomplete:** interrupted by " << report.run.interrupted_by << "; " << report.run.left_unchecked.size()
        << " link(s) left unchecked.\n";
}

}  // namespace citecheck
