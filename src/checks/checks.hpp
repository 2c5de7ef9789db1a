// checks.hpp — each check is a small function from the parsed manuscript (and how its
// citations linked) to findings with stable codes. The codes are documented in README.md.
#pragma once

#include <vector>

#include "parsers/document.hpp"
#include "parsers/manuscript.hpp"
#include "src/linker.hpp"
#include "src/languages.hpp"
#include "src/model.hpp"

namespace citecheck {

struct CheckInput {
  const Document& doc;
  const ParsedDocument& parsed;
  const Linkage& linkage;
  const Manuscript& m() const { return parsed.manuscript; }
};

void check_citations(const CheckInput& in, std::vector<Finding>& out);
void check_references(const CheckInput& in, std::vector<Finding>& out);
void check_footnotes(const CheckInput& in, std::vector<Finding>& out);
void check_links(const CheckInput& in, std::vector<Finding>& out);

// After the resolvers: findings on what the network said of each link (and DOI).
struct NetworkCheckSettings {
  bool archive_lookup = true;  // archived copies were looked for (not --no-archive)
};
void check_network_results(const Manuscript& m, const NetworkCheckSettings& settings, std::vector<Finding>& out);

// Orders findings by position (stable).
void sort_findings(std::vector<Finding>& findings);

// All checks, plus the reader's repairs (invalid UTF-8), ordered by position.
std::vector<Finding> run_checks(const Document& doc, const ParsedDocument& parsed, const Linkage& linkage);

// Where a line is, in the document's own terms ("line 12", "¶41", "page 3, line 12").
MessageText place(const Document& doc, int line);

// A short human label for an entry: entry 19 “Light, Felix (2023)”.
MessageText describe(const Reference& r);

// A finding whose message is `text`, said in English (the report says it in its language).
Finding finding(std::string code, Severity severity, MessageText text, SourceSpan span,
                std::vector<std::string> items = {});

}  // namespace citecheck
