#include "src/report_junit.hpp"

#include <pugixml.hpp>

#include <filesystem>
#include <string>

#include "src/locations.hpp"
#include "src/report_fingerprint.hpp"

namespace citecheck {

namespace {

// Test case names longer than this are cut: CI UIs show them on one line.
constexpr std::size_t kMaxSubjectBytes = 120;

// XML 1.0 cannot carry C0 controls other than tab and line ends, even escaped; a form feed
// from a PDF's text would make the whole file unreadable to the CI server.
std::string xml_text(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (unsigned char c : s)
    if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') out += static_cast<char>(c);
  return out;
}

std::string cut_utf8(const std::string& s, std::size_t max_bytes) {
  if (s.size() <= max_bytes) return s;
  std::size_t end = max_bytes;
  while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;  // not inside a character
  return s.substr(0, end) + "…";
}

// Jenkins splits a classname at its last dot into package and class, so a file name's
// extension would become the class; like ESLint's JUnit output, the path without its extension.
std::string class_name(const std::string& path) {
  std::filesystem::path p(path);
  return p.has_extension() ? p.replace_extension().string() : path;
}

void set_counts(pugi::xml_node suite, std::size_t tests, std::size_t failures, std::size_t errors) {
  suite.append_attribute("tests") = static_cast<unsigned long long>(tests);
  suite.append_attribute("failures") = static_cast<unsigned long long>(failures);
  suite.append_attribute("errors") = static_cast<unsigned long long>(errors);
  suite.append_attribute("skipped") = 0;
  suite.append_attribute("time") = "0";
}

// One test case per finding, not per code: GitLab and Jenkins list failed cases with their
// message, so an editor sees each problem and where it is without opening another report; and
// GitLab's merge-request widget tells new failures from old ones by case name, so the name is
// the finding's code and subject as printed (with the start of its fingerprint for true
// duplicates), never a line number that moves when text is inserted above.
std::size_t add_document(pugi::xml_node suites, const DocumentReport& d, std::size_t& failures) {
  pugi::xml_node suite = suites.append_child("testsuite");
  suite.append_attribute("name") = xml_text(d.path).c_str();
  const std::string classname = xml_text(class_name(d.path));
  const std::vector<FindingIdentity> identities = identify_findings(d);
  std::size_t failed = 0;
  for (std::size_t i = 0; i < d.findings.size(); ++i) {
    const Finding& f = d.findings[i];
    pugi::xml_node test = suite.append_child("testcase");
    const std::string name = f.code + ": " + cut_utf8(identities[i].subject, kMaxSubjectBytes) + " [" +
                             identities[i].fingerprint.substr(0, 8) + "]";
    test.append_attribute("name") = xml_text(name).c_str();
    test.append_attribute("classname") = classname.c_str();
    test.append_attribute("file") = xml_text(d.path).c_str();
    if (d.format == "text" && f.span.line > 0) test.append_attribute("line") = f.span.line;
    test.append_attribute("time") = "0";
    const std::string where = location_prefix(d.path, d.origins, f.span.line, f.span.column);
    const std::string line = where + ": " + to_string(f.severity) + ": " + f.message + " [" + f.code + "]";
    if (f.severity == Severity::Info) {  // worth reading, not worth failing a pipeline
      test.append_child("system-out").text() = xml_text(line).c_str();
      continue;
    }
    pugi::xml_node failure = test.append_child("failure");
    failure.append_attribute("type") = to_string(f.severity);
    failure.append_attribute("message") = xml_text(f.message).c_str();
    failure.text() = xml_text(line).c_str();
    ++failed;
  }
  // An empty suite shows in some UIs as "no tests ran"; a clean document is a passed check.
  std::size_t tests = d.findings.size();
  if (tests == 0) {
    pugi::xml_node test = suite.append_child("testcase");
    test.append_attribute("name") = "no findings";
    test.append_attribute("classname") = classname.c_str();
    test.append_attribute("file") = xml_text(d.path).c_str();
    test.append_attribute("time") = "0";
    tests = 1;
  }
  set_counts(suite, tests, failed, 0);
  failures += failed;
  return tests;
}

}  // namespace

void write_junit(const Report& report, std::ostream& out) {
  pugi::xml_document doc;
  pugi::xml_node decl = doc.append_child(pugi::node_declaration);
  decl.append_attribute("version") = "1.0";
  decl.append_attribute("encoding") = "UTF-8";
  pugi::xml_node suites = doc.append_child("testsuites");
  suites.append_attribute("name") = "citecheck";
  std::size_t tests = 0, failures = 0;
  for (const auto& d : report.documents) tests += add_document(suites, d, failures);
  // An input that could not be read is an error of the check itself, not a finding.
  for (const auto& failed : report.run.failed_inputs) {
    pugi::xml_node suite = suites.append_child("testsuite");
    suite.append_attribute("name") = xml_text(failed.path).c_str();
    pugi::xml_node test = suite.append_child("testcase");
    test.append_attribute("name") = "read";
    test.append_attribute("classname") = xml_text(class_name(failed.path)).c_str();
    test.append_attribute("time") = "0";
    pugi::xml_node error = test.append_child("error");
    error.append_attribute("type") = "unreadable-input";
    error.append_attribute("message") = xml_text(failed.error).c_str();
    error.text() = xml_text("cannot read '" + failed.path + "': " + failed.error).c_str();
    set_counts(suite, 1, 0, 1);
    ++tests;
  }
  set_counts(suites, tests, failures, report.run.failed_inputs.size());
  doc.save(out, "  ", pugi::format_indent, pugi::encoding_utf8);
}

}  // namespace citecheck
