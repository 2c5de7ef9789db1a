// fixture_support.hpp — shared helpers for the end-to-end tests over fixtures/manuscripts:
// runs a fixture through the whole pipeline once and answers "what is at line N?".
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "helpers.hpp"
#include "parsers/text_reader.hpp"
#include "src/model.hpp"
#include "src/pipeline.hpp"

namespace citecheck::test {

struct Run {
  int status = -1;
  std::string out;  // stdout and stderr together
};

// Runs the citecheck binary with `args` (a shell-quoted string) and captures its output.
inline Run run_cli(const std::string& args) {
  static std::atomic<int> counter{0};
  std::string out_file = (std::filesystem::temp_directory_path() /
                          ("citecheck-e2e-" + std::to_string(getpid()) + "-" + std::to_string(++counter) + ".out"))
                             .string();
  std::string cmd = std::string("\"") + CITECHECK_BINARY + "\" " + args + " >\"" + out_file + "\" 2>&1";
  int rc = std::system(cmd.c_str());
  Run r;
  r.status = WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
  r.out = read_file(out_file);
  std::remove(out_file.c_str());
  return r;
}

// The report of one fixture manuscript (fixtures/manuscripts/<name>), computed once per run.
inline const DocumentReport& fixture_report(const std::string& name) {
  static std::map<std::string, DocumentReport> cache;
  auto it = cache.find(name);
  if (it == cache.end())
    it = cache.emplace(name, check_document(read_text_file(fixture_path("manuscripts/" + name)))).first;
  return it->second;
}

// Citations that start on `line` (footnote markers excluded).
inline std::vector<const Citation*> citations_on(const DocumentReport& r, int line) {
  std::vector<const Citation*> out;
  for (const auto& c : r.manuscript.citations)
    if (c.kind != CitationKind::Footnote && c.span.line == line) out.push_back(&c);
  return out;
}

// The first citation on `line` whose raw text contains `part` ("" = any), or nullptr.
inline const Citation* citation_at(const DocumentReport& r, int line, const std::string& part = "") {
  for (const auto* c : citations_on(r, line))
    if (part.empty() || c->raw.find(part) != std::string::npos) return c;
  return nullptr;
}

inline const Reference* reference_by_id(const DocumentReport& r, const std::optional<std::string>& id) {
  if (!id) return nullptr;
  for (const auto& ref : r.manuscript.references)
    if (ref.id == *id) return &ref;
  return nullptr;
}

// The entry whose span covers `line`, or nullptr.
inline const Reference* reference_at(const DocumentReport& r, int line) {
  for (const auto& ref : r.manuscript.references) {
    int end = ref.span.end_line ? ref.span.end_line : ref.span.line;
    if (ref.span.line <= line && line <= end) return &ref;
  }
  return nullptr;
}

// Line of the entry a citation links to (0 when it links to nothing).
inline int linked_line(const DocumentReport& r, const Citation* c) {
  if (!c) return 0;
  const Reference* ref = reference_by_id(r, c->reference);
  return ref ? ref->span.line : 0;
}

// True when a finding with `code` is reported within `slack` lines of `line`.
inline bool has_finding(const DocumentReport& r, const std::string& code, int line, int slack = 1) {
  for (const auto& f : r.findings)
    if (f.code == code && f.span.line >= line - slack && f.span.line <= line + slack) return true;
  return false;
}

inline int count_findings(const DocumentReport& r, const std::string& code) {
  int n = 0;
  for (const auto& f : r.findings) n += f.code == code;
  return n;
}

// "code@line code@line …", for failure messages.
inline std::string findings_summary(const DocumentReport& r) {
  std::string s;
  for (const auto& f : r.findings) s += f.code + "@" + std::to_string(f.span.line) + " ";
  return s;
}

inline const Footnote* footnote_labelled(const DocumentReport& r, const std::string& label) {
  for (const auto& f : r.manuscript.footnotes)
    if (f.label == label) return &f;
  return nullptr;
}

// The link of `kind` whose value equals `value`, or nullptr.
inline const Link* link_valued(const DocumentReport& r, LinkKind kind, const std::string& value) {
  for (const auto& l : r.manuscript.links)
    if (l.kind == kind && l.value == value) return &l;
  return nullptr;
}

}  // namespace citecheck::test
