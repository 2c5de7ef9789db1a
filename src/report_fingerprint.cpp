#include "src/report_fingerprint.hpp"

#include <openssl/evp.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <map>
#include <memory>
#include <stdexcept>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace citecheck {

namespace {

// Unit separator: cannot occur in printed text after normalisation, so "a"+"bc" and "ab"+"c"
// never hash alike.
constexpr char kSeparator = '\x1f';

std::string nfc(std::string_view text) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* normalizer = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) return std::string(text);
  icu::UnicodeString normalized = normalizer->normalize(icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size()))), status);
  if (U_FAILURE(status)) return std::string(text);
  std::string out;
  normalized.toUTF8String(out);
  return out;
}

bool is_space(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

// A line re-wrapped or re-flowed by an editor must not change the identity, so every run of
// whitespace counts as one space; control characters (a separator among them) are dropped.
std::string normalise(std::string_view text) {
  std::string out;
  bool space = false;
  for (unsigned char c : nfc(text)) {
    if (is_space(c)) {
      space = !out.empty();
      continue;
    }
    if (c < 0x20 || c == 0x7f) continue;
    if (space) out += ' ';
    space = false;
    out += static_cast<char>(c);
  }
  return out;
}

// A message names lines, byte offsets and counts: digits are masked so that a finding without
// items keeps its identity when text moves.
std::string mask_digits(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c >= '0' && c <= '9') {
      if (out.empty() || out.back() != '#') out += '#';
    } else {
      out += c;
    }
  }
  return out;
}

std::string sha256_prefix_hex(const std::string& data) {
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1 ||
      EVP_DigestUpdate(ctx.get(), data.data(), data.size()) != 1 ||
      EVP_DigestFinal_ex(ctx.get(), digest, &length) != 1 || length < 16)
    throw std::runtime_error("SHA-256 is not available from OpenSSL");
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned i = 0; i < 16; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 0xf];
  }
  return out;
}

// The printed text behind each item id of the document; views into the manuscript, which a
// report of a million citations should not hold twice.
std::unordered_map<std::string_view, std::string_view> printed_items(const Manuscript& m) {
  std::unordered_map<std::string_view, std::string_view> text;
  for (const auto& f : m.footnotes) text[f.id] = f.text.empty() ? std::string_view(f.label) : std::string_view(f.text);
  for (const auto& r : m.references) text[r.id] = r.raw;
  for (const auto& c : m.citations) text[c.id] = c.raw;
  for (const auto& l : m.links) text[l.id] = l.value;
  return text;
}

}  // namespace

std::vector<FindingIdentity> identify_findings(const DocumentReport& document) {
  const auto text = printed_items(document.manuscript);
  std::map<std::string, int> seen;  // code + subject -> occurrences so far
  std::vector<FindingIdentity> out;
  out.reserve(document.findings.size());
  for (const Finding& f : document.findings) {
    std::vector<std::string> printed;
    for (const auto& id : f.items)
      if (auto it = text.find(id); it != text.end()) printed.push_back(normalise(it->second));
    if (printed.empty()) printed.push_back(normalise(mask_digits(f.english_message.value_or(f.message))));
    std::string key = f.code;
    for (const auto& p : printed) key += kSeparator + p;
    // The first occurrence hashes without a counter, so a true duplicate appearing below an
    // existing finding leaves the existing one's fingerprint alone.
    const int occurrence = seen[key]++;
    if (occurrence > 0) key += kSeparator + std::to_string(occurrence);
    out.push_back({sha256_prefix_hex(key), printed.front()});
  }
  return out;
}

}  // namespace citecheck
