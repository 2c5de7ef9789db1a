// field_features.hpp — what the learned field tagger sees of a reference entry: its tokens
// (letter runs, digit runs, single marks, and each DOI/URL/ISBN as one token) and, for each
// token, its shape and its place among the entry's marks. Shapes are by Unicode category
// (letter case only where the script has it, digits of any system), so a model trained on
// English entries reads Cyrillic, Arabic or Georgian ones by the same punctuation and digit
// patterns. A few words are features too, hashed (the "pp." and "In" of English entries);
// they only add to what the shapes say.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "parsers/identifiers.hpp"
#include "parsers/learned/linear_chain.hpp"

namespace citecheck {

// The tagger's labels, in model order. Author and editor spans are whole name lists: the
// name rules (parse_authors) split them into people, particles and organisations.
enum FieldLabel : std::uint8_t {
  kFieldOther = 0,
  kFieldAuthor,
  kFieldYear,
  kFieldTitle,
  kFieldContainer,
  kFieldEditor,
  kFieldVolume,
  kFieldIssue,
  kFieldPages,
  kFieldPublisher,
  kFieldPlace,
  kFieldDoi,
  kFieldUrl,
  kFieldIdentifier,  // arXiv, PMID, report numbers, ISBN
  kFieldType,        // "PhD thesis", "Technical report"
  kFieldLabelCount
};
const std::vector<std::string>& field_label_names();

enum class TokenKind : std::uint8_t { Word, Number, Mark, Link };

struct FieldToken {
  std::uint32_t begin = 0, end = 0;  // bytes in the entry text
  TokenKind kind = TokenKind::Word;
  std::uint8_t shape = 0;     // word: case and length; number: digits and year-likeness; mark: which
  bool space_before = false;
  std::uint32_t word_hash = 0;  // words: a hash of the case-folded word (0 for others)
};

// An entry's tokens, up to its first `max_bytes` bytes (the fields of an entry are at its
// start; a 20 MB "entry" costs no more than a real one). `ids` are the identifiers found in
// `text` (find_identifiers); each is one Link token.
std::vector<FieldToken> field_tokens(std::string_view text, const std::vector<FoundIdentifier>& ids,
                                     std::size_t max_bytes = 4000);

// The features of every token, one list per token, into `out` (resized; its lists reused).
void field_features(const std::vector<FieldToken>& tokens, std::uint32_t buckets, std::vector<FeatureList>& out);
// The same kept flat (no allocation per token): token t's features are
// flat[offsets[t] .. offsets[t + 1]).
void field_features(const std::vector<FieldToken>& tokens, std::uint32_t buckets, std::vector<std::uint32_t>& flat,
                    std::vector<std::uint32_t>& offsets);

}  // namespace citecheck
