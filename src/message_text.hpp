// message_text.hpp — a message as a key of the wording tables and its arguments, so that a
// report can say it in the reader's language (--lang, src/languages.hpp). The checks and
// readers build these; the English wording is what the JSON `message` and the fingerprints
// always start from, whatever the language of the report.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace citecheck {

struct MessageText {
  std::string key;                // a row of the wording tables ("year-mismatch"); empty: `text` as it is
  // What {1}, {2}, … of the wording stand for. Shared and never changed once made: a message
  // is copied into each finding and nested in longer ones ("a, b and 3 more"), and a copy
  // is then a pointer, not the whole tree again.
  std::shared_ptr<const std::vector<MessageText>> args;
  std::string text;               // printed text (a citation, a URL, a number), never translated
  std::optional<long long> count; // picks the row "key.one" or "key.other" by the language's plural rule
  bool phrase = false;            // `text` is a fixed English phrase, translated when a table has it

  MessageText() = default;
  MessageText(std::string printed) : text(std::move(printed)) {}  // NOLINT: text as printed converts
  MessageText(const char* printed) : text(printed) {}              // NOLINT

  bool empty() const { return key.empty() && text.empty(); }
};

// The row `key` of the wording tables, filled with `args`.
MessageText say(std::string key, std::vector<MessageText> args = {});
// The row "key.one" or "key.other" for the number n ({1} is n, the args follow as {2}, …).
MessageText counted(std::string key, long long n, std::vector<MessageText> args = {});
// A fixed English phrase from a reader or a resolver ("the host name does not resolve"):
// a table that has it says it in its language, else it stays as it is.
MessageText phrase(std::string english);

// The message in English (the wording every report starts from).
std::string in_english(const MessageText& m);

}  // namespace citecheck
