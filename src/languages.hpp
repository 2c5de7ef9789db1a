// languages.hpp — the languages a report can be written in (--lang): each is a table of
// wordings, one per message key, for the findings' messages, the advice of each finding code
// and what the text, HTML and Markdown reports and the --annotate comments say around them.
// English is the reference; a key another table lacks is said in English. Finding codes,
// JSON keys and fingerprints never change with the language.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "src/message_text.hpp"

namespace citecheck {

using Wordings = std::unordered_map<std::string_view, std::string_view>;

struct Language {
  std::string_view code, name;         // "fr", "français"
  bool (*singular)(long long n);       // the plural rule: which numbers take the ".one" row
  const Wordings& (*wordings)();       // key -> wording with {1}, {2}…; fixed phrases keyed by their English
};

// English first.
const std::vector<Language>& languages();
// The language of that code ("en", "fr"), or nullptr.
const Language* find_language(std::string_view code);
const Language& english();
// "en, fr", for messages that list them.
std::string language_codes();

// The wording of `key` in `lang`, else in English, else the key itself.
std::string_view wording(const Language& lang, std::string_view key);
// The wording of `key` with {1}, {2}… replaced by `args`.
std::string say_in(const Language& lang, std::string_view key, const std::vector<std::string>& args = {});
// The row "key.one" or "key.other" for n, with {1} = n.
std::string count_in(const Language& lang, std::string_view key, long long n, const std::vector<std::string>& args = {});
std::string render(const MessageText& m, const Language& lang);
// What to do about a finding of this code (finding_codes.hpp's advice, in `lang`).
std::string advice(std::string_view code, const Language& lang);

// The wording tables (wording_en.cpp, wording_fr.cpp).
const Wordings& english_wordings();
const Wordings& french_wordings();

}  // namespace citecheck
