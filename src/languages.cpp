#include "src/languages.hpp"

#include "src/finding_codes.hpp"

namespace citecheck {

namespace {

bool english_singular(long long n) { return n == 1; }
// French counts 0 and 1 as singular ("0 erreur", "1 erreur", "2 erreurs").
bool french_singular(long long n) { return n == 0 || n == 1; }

std::string fill(std::string_view wording, const std::vector<std::string>& args) {
  std::string out;
  out.reserve(wording.size() + 32);
  for (std::size_t i = 0; i < wording.size(); ++i) {
    if (wording[i] == '{') {
      std::size_t close = wording.find('}', i);
      std::size_t n = 0;
      bool number = close != std::string_view::npos && close > i + 1;
      for (std::size_t k = i + 1; number && k < close; ++k) {
        if (wording[k] < '0' || wording[k] > '9') number = false;
        else n = n * 10 + static_cast<std::size_t>(wording[k] - '0');
      }
      if (number && n >= 1 && n <= args.size()) {
        out += args[n - 1];
        i = close;
        continue;
      }
    }
    out += wording[i];
  }
  return out;
}

}  // namespace

MessageText say(std::string key, std::vector<MessageText> args) {
  MessageText m;
  m.key = std::move(key);
  if (!args.empty()) m.args = std::make_shared<const std::vector<MessageText>>(std::move(args));
  return m;
}

MessageText counted(std::string key, long long n, std::vector<MessageText> args) {
  MessageText m = say(std::move(key), std::move(args));
  m.count = n;
  return m;
}

MessageText phrase(std::string english) {
  MessageText m(std::move(english));
  m.phrase = true;
  return m;
}

std::string in_english(const MessageText& m) { return render(m, english()); }

const std::vector<Language>& languages() {
  static const std::vector<Language> all = {
      {"en", "English", english_singular, english_wordings},
      {"fr", "français", french_singular, french_wordings},
  };
  return all;
}

const Language* find_language(std::string_view code) {
  for (const Language& l : languages())
    if (l.code == code) return &l;
  return nullptr;
}

const Language& english() { return languages().front(); }

std::string language_codes() {
  std::string s;
  for (const Language& l : languages()) s += (s.empty() ? "" : ", ") + std::string(l.code);
  return s;
}

std::string_view wording(const Language& lang, std::string_view key) {
  const Wordings& own = lang.wordings();
  if (auto it = own.find(key); it != own.end()) return it->second;
  const Wordings& en = english().wordings();
  if (auto it = en.find(key); it != en.end()) return it->second;
  return key;
}

std::string say_in(const Language& lang, std::string_view key, const std::vector<std::string>& args) {
  return fill(wording(lang, key), args);
}

std::string count_in(const Language& lang, std::string_view key, long long n, const std::vector<std::string>& args) {
  std::vector<std::string> all{std::to_string(n)};
  all.insert(all.end(), args.begin(), args.end());
  return fill(wording(lang, std::string(key) + (lang.singular(n) ? ".one" : ".other")), all);
}

std::string render(const MessageText& m, const Language& lang) {
  if (m.key.empty()) {
    if (!m.phrase) return m.text;
    const Wordings& own = lang.wordings();
    auto it = own.find(m.text);
    return it == own.end() ? m.text : std::string(it->second);
  }
  std::vector<std::string> args;
  if (m.args) {
    args.reserve(m.args->size());
    for (const MessageText& a : *m.args) args.push_back(render(a, lang));
  }
  return m.count ? count_in(lang, m.key, *m.count, args) : say_in(lang, m.key, args);
}

std::string advice(std::string_view code, const Language& lang) {
  const Wordings& own = lang.wordings();
  if (auto it = own.find("advice." + std::string(code)); it != own.end()) return std::string(it->second);
  const FindingCode* row = finding_code(code);
  return row ? std::string(row->action) : std::string();
}

}  // namespace citecheck
