// Footnote pairing: a marker without a body, a body without a marker, numbers skipped.
#include "src/checks/checks.hpp"

namespace citecheck {

void check_footnotes(const CheckInput& in, std::vector<Finding>& out) {
  const Manuscript& m = in.m();
  for (const Footnote& f : m.footnotes) {
    if (f.marker && !f.body)
      out.push_back(finding("footnote-marker-without-body", Severity::Error,
                            say("footnote-marker-without-body", {f.label}), *f.marker, {f.id}));
    else if (f.body && !f.marker)
      out.push_back(finding("footnote-body-without-marker", Severity::Warning,
                            say("footnote-body-without-marker", {f.label}), *f.body, {f.id}));
  }
  for (const auto& [before, after] : in.parsed.footnote_gaps) {
    SourceSpan where;
    std::vector<std::string> items;
    for (const Footnote& f : m.footnotes) {
      if (f.label == std::to_string(after)) {
        where = f.marker ? *f.marker : f.body ? *f.body : SourceSpan{};
        items.push_back(f.id);
        break;
      }
    }
    out.push_back(finding("footnote-sequence-gap", Severity::Warning,
                          say("footnote-sequence-gap", {std::to_string(before), std::to_string(after),
                                                        std::to_string(before + 1)}),
                          where, items));
  }
}

}  // namespace citecheck
