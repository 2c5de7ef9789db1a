// Footnote pairing: a marker without a body, a body without a marker, numbers skipped.
#include "src/checks/checks.hpp"

namespace citecheck {

void check_footnotes(const CheckInput& in, std::vector<Finding>& out) {
  const Manuscript& m = in.m();
  for (const Footnote& f : m.footnotes) {
    if (f.marker && !f.body)
      out.push_back({"footnote-marker-without-body", Severity::Error,
                     "footnote marker " + f.label + " has no footnote text", *f.marker, {f.id}});
    else if (f.body && !f.marker)
      out.push_back({"footnote-body-without-marker", Severity::Warning,
                     "footnote " + f.label + " has no marker in the text", *f.body, {f.id}});
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
    out.push_back({"footnote-sequence-gap", Severity::Warning,
                   "footnote numbering jumps from " + std::to_string(before) + " to " + std::to_string(after) +
                       ": footnote " + std::to_string(before + 1) + " is missing",
                   where, items});
  }
}

}  // namespace citecheck
