// link_selection.hpp — which links are checked (lychee's --include / --exclude): RE2 patterns
// matched anywhere in the address as printed (a DOI in its https://doi.org/ form), from the
// command line, an exclude file, or the .citecheckignore beside an input. An included
// address is checked whatever excludes it; with --include given, an address no include
// matches is excluded. Excluded links are reported `skipped`, their error saying which
// pattern excluded them; they are never requested.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "src/model.hpp"

namespace re2 {
class RE2;
}

namespace citecheck {

class LinkSelection {
 public:
  // `origin` names where the pattern comes from in messages ("--exclude", "FILE:3").
  // Throw ConfigError (resolver_options.hpp) on a pattern RE2 refuses.
  void include(const std::string& pattern, const std::string& origin);
  void exclude(const std::string& pattern, const std::string& origin);
  // Every line of the file is an exclude pattern; blank lines and lines starting with '#'
  // are skipped. Throws ConfigError when the file cannot be read or a pattern is bad.
  void exclude_file(const std::string& path);
  // Adds the other selection's patterns after this one's.
  void add(const LinkSelection& other);

  // Why the address is not checked ("excluded by --exclude 'linkedin\.com'"), or nullopt.
  std::optional<std::string> excluded(std::string_view address) const;
  bool empty() const { return includes_.empty() && excludes_.empty(); }

 private:
  struct Pattern {
    std::shared_ptr<const re2::RE2> re;
    std::string text, origin;
  };
  static Pattern compile(const std::string& pattern, const std::string& origin);
  std::vector<Pattern> includes_, excludes_;
};

// The address a link's patterns are matched against: a URL as printed, a DOI as
// https://doi.org/DOI.
std::string selection_address(const Link& link);

// Marks the unchecked URL and DOI links the selection excludes `skipped`, with the reason in
// `error`. Returns how many it marked.
std::size_t apply_link_selection(Manuscript& manuscript, const LinkSelection& selection);

// The .citecheckignore that applies to an input: in the input's folder (for "-", the working
// folder); nullopt when there is none.
std::optional<std::string> ignore_file_beside(const std::string& input);

}  // namespace citecheck
