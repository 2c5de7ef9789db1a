#include "resolvers/link_selection.hpp"

#include <re2/re2.h>

#include <filesystem>
#include <fstream>

#include "resolvers/resolver_options.hpp"

namespace citecheck {

LinkSelection::Pattern LinkSelection::compile(const std::string& pattern, const std::string& origin) {
  if (pattern.empty()) throw ConfigError(origin + ": an empty pattern would match every link");
  RE2::Options options;
  options.set_log_errors(false);
  auto re = std::make_shared<const RE2>(pattern, options);
  if (!re->ok()) throw ConfigError(origin + ": '" + pattern + "' is not a valid RE2 pattern (" + re->error() + ")");
  return {std::move(re), pattern, origin};
}

void LinkSelection::include(const std::string& pattern, const std::string& origin) {
  includes_.push_back(compile(pattern, origin));
}

void LinkSelection::exclude(const std::string& pattern, const std::string& origin) {
  excludes_.push_back(compile(pattern, origin));
}

void LinkSelection::exclude_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ConfigError("cannot read the exclude file '" + path + "'");
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::size_t start = line.find_first_not_of(" \t");
    if (start == std::string::npos || line[start] == '#') continue;
    std::size_t end = line.find_last_not_of(" \t");
    exclude(line.substr(start, end - start + 1), path + ":" + std::to_string(number));
  }
}

void LinkSelection::add(const LinkSelection& other) {
  includes_.insert(includes_.end(), other.includes_.begin(), other.includes_.end());
  excludes_.insert(excludes_.end(), other.excludes_.begin(), other.excludes_.end());
}

std::optional<std::string> LinkSelection::excluded(std::string_view address) const {
  const re2::StringPiece text(address.data(), address.size());
  for (const auto& p : includes_)
    if (RE2::PartialMatch(text, *p.re)) return std::nullopt;
  for (const auto& p : excludes_)
    if (RE2::PartialMatch(text, *p.re)) return "excluded by " + p.origin + " '" + p.text + "'";
  if (!includes_.empty()) return std::string("excluded: it matches no --include pattern");
  return std::nullopt;
}

std::string selection_address(const Link& link) {
  return link.kind == LinkKind::Doi ? "https://doi.org/" + link.value : link.value;
}

std::size_t apply_link_selection(Manuscript& manuscript, const LinkSelection& selection) {
  if (selection.empty()) return 0;
  std::size_t marked = 0;
  for (auto& l : manuscript.links) {
    if (l.status != LinkStatus::Unchecked || (l.kind != LinkKind::Url && l.kind != LinkKind::Doi)) continue;
    if (auto why = selection.excluded(selection_address(l))) {
      l.status = LinkStatus::Skipped;
      l.excluded = true;
      l.error = std::move(*why);
      ++marked;
    }
  }
  return marked;
}

std::optional<std::string> ignore_file_beside(const std::string& input) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path folder = input == "-" ? fs::path(".") : fs::is_directory(input, ec) ? fs::path(input) : fs::path(input).parent_path();
  if (folder.empty()) folder = ".";
  fs::path file = folder / ".citecheckignore";
  if (fs::is_regular_file(file, ec)) return file.string();
  return std::nullopt;
}

}  // namespace citecheck
