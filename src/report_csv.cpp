#include "src/report_csv.hpp"

#include "src/report_fingerprint.hpp"

namespace citecheck {

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

// Records end in CRLF as RFC 4180 says; spreadsheets read either, strict parsers only this.
void write_csv(const Report& report, std::ostream& out) {
  out << "document,line,column,severity,code,fingerprint,message\r\n";
  for (const auto& d : report.documents) {
    const std::vector<FindingIdentity> identities = identify_findings(d);
    for (std::size_t i = 0; i < d.findings.size(); ++i) {
      const Finding& f = d.findings[i];
      out << csv_field(d.path) << ',' << f.span.line << ',' << f.span.column << ',' << to_string(f.severity) << ','
          << csv_field(f.code) << ',' << identities[i].fingerprint << ',' << csv_field(f.message) << "\r\n";
    }
  }
}

}  // namespace citecheck
