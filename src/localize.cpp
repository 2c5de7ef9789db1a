#include "src/localize.hpp"

namespace citecheck {

const Language& language_of(const Report& report) {
  const Language* lang = find_language(report.language);
  return lang ? *lang : english();
}

void localize_findings(DocumentReport& d, const Language& lang) {
  if (lang.code == english().code) return;
  for (Finding& f : d.findings) {
    if (f.text.empty() || f.english_message) continue;
    f.english_message = std::move(f.message);
    f.message = render(f.text, lang);
  }
}

}  // namespace citecheck
