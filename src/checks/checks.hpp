// checks.hpp — each check is a small function from the parsed manuscript (and how its
// citations linked) to findings with stable codes. The codes are documented in README.md.
#pragma once

#include <vector>

#include "parsers/document.hpp"
#include "parsers/manuscript.hpp"
#include "src/linker.hpp"
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
std::string place(const Document& doc, int line);

// A short human label for an entry: "Light, Felix. 2023" / "entry 19".
std::string describe(const Reference& r);

}  // namespace citecheck
