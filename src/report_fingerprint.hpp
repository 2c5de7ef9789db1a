// report_fingerprint.hpp — a finding's identity across runs, for dashboards and CI that track
// findings over time (SARIF partialFingerprints, the JSON report's `fingerprint`).
#pragma once

#include <string>
#include <vector>

#include "src/model.hpp"

namespace citecheck {

struct FindingIdentity {
  // 32 lower-case hex digits: the first 128 bits of SHA-256 over the code and the items' text.
  std::string fingerprint;
  // What the finding is about as printed: its first item's text (citation, entry, footnote,
  // link; whitespace collapsed, NFC), or its message with digits masked when it names no item.
  // The fingerprint covers every item's text; this is the part a person recognises.
  std::string subject;
};

// One per finding of the document, in the same order. Line numbers and item ids never enter
// (both shift when a paragraph is inserted above); findings with the same code and subject are
// told apart by their order of occurrence in the document.
std::vector<FindingIdentity> identify_findings(const DocumentReport& document);

}  // namespace citecheck
