#include "resolvers/offline_link_status.hpp"

#include "parsers/unicode_text.hpp"

namespace citecheck {

void set_offline_status(Link& link, const FoundIdentifier& found) {
  if (!found.syntax_ok) {
    link.status = LinkStatus::Invalid;
    link.error = found.problem;
    return;
  }
  switch (link.kind) {
    case LinkKind::Email:
    case LinkKind::Isbn:
      link.status = LinkStatus::Ok;
      return;
    case LinkKind::Doi:
      link.status = LinkStatus::Unchecked;
      return;
    case LinkKind::Url: {
      std::string lower = lower_ascii(std::string_view(link.value).substr(0, 8));
      if (lower.rfind("http://", 0) == 0 || lower.rfind("https://", 0) == 0 || lower.rfind("www.", 0) == 0) {
        link.status = LinkStatus::Unchecked;
      } else {
        link.status = LinkStatus::Skipped;
        link.error = "only http and https links are checked";
      }
      return;
    }
  }
}

}  // namespace citecheck
