#include "bench/list_layouts.hpp"

#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <cctype>
#include <stdexcept>
#include <tuple>

#include "parsers/unicode_text.hpp"

namespace citecheck::corpus {

namespace {

std::size_t cp_count(const std::string& s) { return code_point_count(s); }

std::vector<std::string> split_words(const std::string& s) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    std::size_t j = i;
    while (j < s.size() && s[j] != ' ') ++j;
    if (j > i) out.push_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

std::string label_for(int style, int number) {
  std::string n = std::to_string(number);
  switch (style) {
    case 1: return n + ". ";
    case 2: return "[" + n + "] ";
    case 3: return n + ") ";
    case 4: return "(" + n + ") ";
    default: return "";
  }
}

}  // namespace

RenderedList render_list(const std::vector<std::vector<std::string>>& entries, const ListLayout& layout) {
  RenderedList out;
  int page = 2 + static_cast<int>(entries.size() % 300);
  int since_page = 0;
  auto push = [&](std::string line, int entry, bool start) {
    if (layout.page_every && since_page >= layout.page_every) {
      out.lines.push_back(std::to_string(page++));
      out.entry_of.push_back(-1);
      out.starts.push_back(false);
      out.lines.push_back("\f");
      out.entry_of.push_back(-1);
      out.starts.push_back(false);
      since_page = 0;
    }
    out.lines.push_back(std::move(line));
    out.entry_of.push_back(entry);
    out.starts.push_back(start);
    ++since_page;
  };
  for (std::size_t e = 0; e < entries.size(); ++e) {
    std::vector<std::string> lines;
    std::string label = label_for(layout.label_style, static_cast<int>(e + 1));
    if (layout.wrap > 0) {
      std::string joined;
      for (const auto& l : entries[e]) joined += (joined.empty() ? "" : " ") + l;
      std::string current = label;
      for (const auto& w : split_words(joined)) {
        if (!current.empty() && current != label && cp_count(current) + 1 + cp_count(w) > static_cast<std::size_t>(layout.wrap)) {
          lines.push_back(current);
          current.clear();
        }
        if (!current.empty() && current != label) current += ' ';
        current += w;
      }
      if (!current.empty()) lines.push_back(current);
    } else {
      lines = entries[e];
      if (!lines.empty()) lines[0] = label + lines[0];
    }
    if (layout.blank_between && e > 0) {
      out.lines.emplace_back();
      out.entry_of.push_back(-1);
      out.starts.push_back(false);
    }
    for (std::size_t k = 0; k < lines.size(); ++k) {
      int indent = k == 0 ? layout.first_line : layout.hanging;
      push(std::string(static_cast<std::size_t>(indent), ' ') + lines[k], static_cast<int>(e), k == 0);
    }
  }
  return out;
}

ListLayout random_layout(std::mt19937& rng, bool entries_have_labels) {
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  ListLayout l;
  l.wrap = pick(3) == 0 ? 0 : 55 + pick(60);
  int indent = pick(4);
  if (indent == 1) l.hanging = 2 + pick(5);
  if (indent == 2) l.first_line = 2 + pick(5);
  l.blank_between = pick(5) == 0;
  l.label_style = entries_have_labels ? 0 : (pick(2) == 0 ? 0 : 1 + pick(4));
  l.page_every = pick(3) == 0 ? 30 + pick(30) : 0;
  return l;
}

struct ScriptCarrier::Impl {
  struct Script {
    std::unique_ptr<icu::Transliterator> t;
    char32_t zero;  // the script's digit zero, or 0 for ASCII digits
    const char* language;
  };
  std::vector<Script> scripts;
};

ScriptCarrier::ScriptCarrier() : impl_(std::make_unique<Impl>()) {
  const std::tuple<const char*, char32_t, const char*> ids[] = {
      {"Latin-Cyrillic", 0, "ru"}, {"Latin-Greek", 0, "el"}, {"Latin-Arabic", 0x0660, "ar"}, {"Latin-Armenian", 0, "hy"},
      // Mkhedruli has no capitals, and ICU's Latin-Georgian leaves a Latin capital as it is
      // ("Aხმედოვ"): lower case first, as Georgian is written.
      {"Any-Lower; Latin-Georgian", 0, "ka"}, {"Latin-Hebrew", 0, "he"}, {"Latin-Arabic", 0x06F0, "fa"}};
  for (auto [id, zero, language] : ids) {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> t(
        icu::Transliterator::createInstance(icu::UnicodeString::fromUTF8(id), UTRANS_FORWARD, status));
    if (U_FAILURE(status) || !t) throw std::runtime_error(std::string("ICU has no transliterator ") + id);
    impl_->scripts.push_back({std::move(t), zero, language});
  }
}
ScriptCarrier::~ScriptCarrier() = default;
std::size_t ScriptCarrier::scripts() const { return impl_->scripts.size(); }
const char* ScriptCarrier::language(std::size_t script) const {
  return impl_->scripts[script % impl_->scripts.size()].language;
}

std::string ScriptCarrier::localise_terms(std::string_view text, std::size_t script) const {
  enum Term { kVolume, kIssue, kPages, kAnd, kEtAl, kTerms };
  // By the carrier's scripts: Cyrillic (ru), Greek, Arabic, Armenian, Georgian, Hebrew, Persian.
  static const char* const words[][kTerms] = {
      {"т.", "№", "с.", "и", "и др."},           {"τ.", "τχ.", "σσ.", "και", "κ.ά."},
      {"مج", "ع", "ص", "و", "وآخرون"},           {"հ.", "№", "էջ", "և", "և այլք"},
      {"ტ.", "№", "გვ.", "და", "და სხვ."},        {"כרך", "גל'", "עמ'", "ו", "ואחרים"},
      {"ج", "ش", "ص", "و", "و همکاران"}};
  const auto& w = words[script % impl_->scripts.size()];
  auto term_of = [](std::string word) -> int {
    for (char& c : word) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (word == "vol." || word == "vol" || word == "vols." || word == "volume") return kVolume;
    if (word == "no." || word == "nr." || word == "issue") return kIssue;
    if (word == "p." || word == "pp." || word == "pp" || word == "page" || word == "pages") return kPages;
    if (word == "and" || word == "&") return kAnd;
    return -1;
  };
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] == ' ') { out.push_back(' '); ++i; continue; }
    std::size_t e = text.find(' ', i);
    if (e == std::string_view::npos) e = text.size();
    // A comma or semicolon closing the word is kept after the term ("vol.," "and,").
    std::size_t we = e;
    while (we > i && (text[we - 1] == ',' || text[we - 1] == ';')) --we;
    const std::string_view word = text.substr(i, we - i), tail = text.substr(we, e - we);
    if (word == "et" && text.substr(e + 1, 2) == "al") {
      const std::size_t al_end = text.substr(e + 1, 3) == "al." ? e + 4 : e + 3;
      if (al_end >= text.size() || text[al_end] == ' ' || text[al_end] == ',' || text[al_end] == ';') {
        out += w[kEtAl];
        i = al_end;
        continue;
      }
    }
    const int t = term_of(std::string(word));
    if (t >= 0) out += w[t];
    else out += word;
    out += tail;
    i = e;
  }
  return out;
}

std::string ScriptCarrier::carry(const std::string& text, std::size_t script, bool native_digits) const {
  const auto& s = impl_->scripts[script % impl_->scripts.size()];
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(text);
  s.t->transliterate(u);
  std::string out;
  u.toUTF8String(out);
  if (native_digits && s.zero) {
    std::string d;
    for (char c : out) {
      if (c >= '0' && c <= '9') append_utf8(d, s.zero + static_cast<char32_t>(c - '0'));
      else d.push_back(c);
    }
    out.swap(d);
  }
  return out;
}

TaggedCitation carry_citation(const TaggedCitation& c, const ScriptCarrier& carrier, std::size_t script, bool digits,
                              bool localise) {
  TaggedCitation out;
  out.name = c.name;
  for (std::size_t i = 0; i < c.text.size();) {
    std::size_t j = i;
    while (j < c.text.size() && c.labels[j] == c.labels[i]) ++j;
    std::string run = c.text.substr(i, j - i);
    const std::uint8_t label = c.labels[i];
    const bool keep = label == kFieldDoi || label == kFieldUrl || label == kFieldIdentifier;
    if (localise && (label == kFieldOther || label == kFieldAuthor || label == kFieldEditor))
      run = carrier.localise_terms(run, script);
    std::string moved = keep ? run : carrier.carry(run, script, digits);
    out.text += moved;
    out.labels.insert(out.labels.end(), moved.size(), label);
    i = j;
  }
  return out;
}

}  // namespace citecheck::corpus
