#include "resolvers/robots.hpp"

#include "parsers/unicode_text.hpp"

#include <charconv>
#include <string>
#include <vector>

namespace citecheck {

namespace {

bool same_word(std::string_view a, std::string_view b) { return lower_ascii(a) == lower_ascii(b); }

std::optional<double> seconds(std::string_view text) {
  double value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end == text.data() || !(value > 0) || value > 86'400) return std::nullopt;
  return value;
}

}  // namespace

std::optional<double> crawl_delay(std::string_view robots_txt, std::string_view product_token) {
  std::optional<double> ours, anyone;
  bool named = false;  // a group names us: the `*` group no longer applies
  std::vector<std::string_view> agents;  // of the group being read
  bool in_rules = false;                 // a rule line came since the last user-agent line
  while (!robots_txt.empty()) {
    const std::size_t end = robots_txt.find_first_of("\r\n");
    std::string_view line = robots_txt.substr(0, end);
    robots_txt.remove_prefix(end == std::string_view::npos ? robots_txt.size() : end + 1);
    if (auto hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    const std::string_view key = trim(line.substr(0, colon)), value = trim(line.substr(colon + 1));
    if (same_word(key, "user-agent")) {
      if (in_rules) agents.clear();  // a new group
      in_rules = false;
      agents.push_back(value);
      named = named || same_word(value, product_token);
      continue;
    }
    in_rules = true;
    if (!same_word(key, "crawl-delay")) continue;
    auto delay = seconds(value);
    if (!delay) continue;
    for (std::string_view agent : agents) {
      if (same_word(agent, product_token)) ours = ours ? std::max(*ours, *delay) : *delay;
      else if (agent == "*") anyone = anyone ? std::max(*anyone, *delay) : *delay;
    }
  }
  return named ? ours : anyone;
}

}  // namespace citecheck
