// bibliography_reader.cpp — BibTeX (.bib) and CSL-JSON files, one line per record.
//
// The BibTeX parser is hand-written and linear: braces are counted, never recursed into, and
// a malformed entry is skipped to the next "@" that opens a line, so one bad record costs
// only itself.
#include "parsers/readers/bibliography_reader.hpp"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "parsers/dates.hpp"
#include "parsers/document_builder.hpp"
#include "parsers/identifiers.hpp"
#include "parsers/readers/csl_record.hpp"
#include "parsers/text_reader.hpp"
#include "parsers/unicode_text.hpp"

namespace citecheck {

namespace {

// ---------------------------------------------------------------------------------------------
// LaTeX to Unicode

struct Named {
  std::string_view command, utf8;
};

// Commands that print a character (or nothing) on their own.
constexpr Named kLetterCommands[] = {
    {"ss", "ß"},          {"ae", "æ"},          {"AE", "Æ"},          {"oe", "œ"},
    {"OE", "Œ"},          {"o", "ø"},           {"O", "Ø"},           {"l", "ł"},
    {"L", "Ł"},           {"i", "ı"},           {"j", "ȷ"},           {"aa", "å"},
    {"AA", "Å"},          {"dh", "ð"},          {"DH", "Ð"},          {"th", "þ"},
    {"TH", "Þ"},          {"ng", "ŋ"},          {"NG", "Ŋ"},          {"dj", "đ"},
    {"DJ", "Đ"},          {"textendash", "–"},  {"textemdash", "—"},  {"textquoteleft", "‘"},
    {"textquoteright", "’"}, {"textquotedblleft", "“"}, {"textquotedblright", "”"},
    {"textquotedbl", "\""}, {"ldots", "…"},     {"dots", "…"},        {"textellipsis", "…"},
    {"S", "§"},           {"P", "¶"},           {"copyright", "©"},   {"textcopyright", "©"},
    {"textregistered", "®"}, {"texttrademark", "™"}, {"pounds", "£"}, {"textsterling", "£"},
    {"euro", "€"},        {"texteuro", "€"},    {"textdegree", "°"},  {"textbackslash", "\\"},
    {"textasciitilde", "~"}, {"textunderscore", "_"}, {"guillemotleft", "«"}, {"guillemotright", "»"},
    {"guillemetleft", "«"}, {"guillemetright", "»"}, {"quotedblbase", "„"}, {"textless", "<"},
    {"textgreater", ">"}, {"textbar", "|"},     {"textasciicircum", "^"}, {"LaTeX", "LaTeX"},
    {"TeX", "TeX"},       {"BibTeX", "BibTeX"}, {"textperiodcentered", "·"}, {"textbullet", "•"},
    {"textsection", "§"}, {"relax", ""},        {"noopsort", ""},     {"newblock", ""},
    {"par", " "},         {"quad", " "},        {"qquad", " "},       {"space", " "}};

// Accents: the command and the combining mark it puts on the next letter.
struct Accent {
  std::string_view command;
  char32_t mark;
};
constexpr Accent kAccents[] = {{"'", 0x301}, {"`", 0x300}, {"^", 0x302}, {"\"", 0x308}, {"~", 0x303},
                               {"=", 0x304}, {".", 0x307}, {"u", 0x306}, {"v", 0x30C},  {"H", 0x30B},
                               {"c", 0x327}, {"k", 0x328}, {"d", 0x323}, {"b", 0x331},  {"r", 0x30A},
                               {"t", 0x361}};

bool ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool bib_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

const char32_t* accent_mark(std::string_view command) {
  for (const Accent& a : kAccents)
    if (a.command == command) return &a.mark;
  return nullptr;
}

std::string nfc(const std::string& s) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) return s;
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(s);
  if (n->isNormalized(u, status) && U_SUCCESS(status)) return s;
  status = U_ZERO_ERROR;
  icu::UnicodeString out = n->normalize(u, status);
  if (U_FAILURE(status)) return s;
  std::string r;
  out.toUTF8String(r);
  return r;
}

// The content of the brace group that opens at s[i] ('{'), and i moved past its '}'.
std::string_view brace_group(std::string_view s, std::size_t& i) {
  std::size_t start = i + 1;
  int depth = 0;
  for (; i < s.size(); ++i) {
    if (s[i] == '\\') {
      ++i;
      continue;
    }
    if (s[i] == '{') ++depth;
    else if (s[i] == '}' && --depth == 0) {
      ++i;
      return s.substr(start, i - 1 - start);
    }
  }
  return s.substr(start);
}

// A field value as printed: LaTeX commands and accents to Unicode, braces dropped, runs of
// white space collapsed. Linear, no recursion.
std::string latex_to_unicode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  auto space = [&out] {
    if (!out.empty() && out.back() != ' ') out.push_back(' ');
  };
  std::size_t i = 0;
  while (i < s.size()) {
    char c = s[i];
    if (c == '{' || c == '}' || c == '$') {
      ++i;
    } else if (bib_space(c) || c == '~') {
      space();
      ++i;
    } else if (c == '-' && s.substr(i, 3) == "---") {
      out += "—";
      i += 3;
    } else if (c == '-' && s.substr(i, 2) == "--") {
      out += "–";
      i += 2;
    } else if (c == '`' && s.substr(i, 2) == "``") {
      out += "“";
      i += 2;
    } else if (c == '\'' && s.substr(i, 2) == "''") {
      out += "”";
      i += 2;
    } else if (c != '\\') {
      out.push_back(c);
      ++i;
    } else {
      // A command: "\" then letters, or "\" then one other character.
      std::size_t j = i + 1;
      if (j >= s.size()) break;
      std::string_view name;
      if (ascii_letter(s[j])) {
        while (j < s.size() && ascii_letter(s[j])) ++j;
        name = s.substr(i + 1, j - i - 1);
      } else {
        name = s.substr(i + 1, 1);
        ++j;
      }
      i = j;
      const bool letters = ascii_letter(name[0]);
      if (letters)
        while (i < s.size() && bib_space(s[i])) ++i;  // TeX eats the space after \ss, \c
      if (const char32_t* mark = accent_mark(name); mark && (letters ? i < s.size() : true)) {
        // The accented letter: "\'e", "\'{e}", "\c c", "\"{\i}".
        std::size_t k = i;
        while (k < s.size() && s[k] == '{') ++k;
        std::string base;
        if (k + 1 < s.size() && s[k] == '\\' && (s[k + 1] == 'i' || s[k + 1] == 'j') &&
            (k + 2 >= s.size() || !ascii_letter(s[k + 2]))) {
          base = s[k + 1];
          k += 2;
        } else if (k < s.size() && s[k] != '}' && s[k] != '\\' && !bib_space(s[k])) {
          std::size_t e = k;
          next_code_point(s, e);
          base = std::string(s.substr(k, e - k));
          k = e;
        }
        if (!base.empty()) {
          out += base;
          if (*mark != 0x361) append_utf8(out, *mark);
          i = k;  // the closing braces are dropped as they come
          continue;
        }
        if (name == "~" || name == "^") out.push_back(name[0]);  // "\~{}" prints a tilde
        continue;
      }
      if (name == "url" || name == "href") {
        // \url{…} prints its argument as it is; \href{url}{text} prints the text.
        if (i < s.size() && s[i] == '{') {
          std::string_view arg = brace_group(s, i);
          if (name == "url") out += arg;
        }
        continue;
      }
      if (!letters) {
        if (name == "\\") space();  // a line break
        else if (name == " " || name == "," || name == ";") space();
        else if (name == "-" || name == "/" || name == "@") {
        } else out += name;  // \& \% \$ \# \_ \{ \}
        continue;
      }
      // Other commands (\textit, \emph, \textbf, \it, …) print nothing and leave their argument.
      for (const Named& n : kLetterCommands)
        if (n.command == name) {
          out += n.utf8;
          break;
        }
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  std::size_t lead = 0;
  while (lead < out.size() && out[lead] == ' ') ++lead;
  return nfc(out.substr(lead));
}

// A verbatim field (url, doi): braces dropped, only escapes undone.
std::string verbatim(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '{' || c == '}') continue;
    if (c == '\\' && i + 1 < s.size() && std::string_view("_%&#$~").find(s[i + 1]) != std::string_view::npos) {
      out.push_back(s[++i]);
      continue;
    }
    if (bib_space(c)) continue;  // a URL or DOI wrapped over lines
    out.push_back(c);
  }
  return out;
}

// The \url{…} and \href{…} targets in a field (howpublished, note).
std::vector<std::string> url_commands(std::string_view s) {
  std::vector<std::string> out;
  for (std::string_view cmd : {"\\url{", "\\href{"}) {
    std::size_t at = 0;
    while ((at = s.find(cmd, at)) != std::string_view::npos) {
      std::size_t i = at + cmd.size() - 1;
      std::string u = verbatim(brace_group(s, i));
      if (!u.empty()) out.push_back(u);
      at = i;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// BibTeX names

// Splits at a separator found at brace depth 0 ("and" between spaces, or ',').
std::vector<std::string_view> split_names(std::string_view s) {
  std::vector<std::string_view> out;
  int depth = 0;
  std::size_t start = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '{') ++depth;
    else if (c == '}') depth = std::max(0, depth - 1);
    else if (depth == 0 && bib_space(c) && i + 4 < s.size() && (s[i + 1] | 0x20) == 'a' && (s[i + 2] | 0x20) == 'n' &&
             (s[i + 3] | 0x20) == 'd' && bib_space(s[i + 4])) {
      out.push_back(s.substr(start, i - start));
      i += 4;
      start = i;
    }
  }
  out.push_back(s.substr(start));
  return out;
}

std::vector<std::string_view> split_depth0(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  int depth = 0;
  std::size_t start = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '{') ++depth;
    else if (s[i] == '}') depth = std::max(0, depth - 1);
    else if (depth == 0 && (s[i] == sep || (sep == ' ' && bib_space(s[i])))) {
      if (i > start) out.push_back(s.substr(start, i - start));
      start = i + 1;
    }
  }
  if (start < s.size()) out.push_back(s.substr(start));
  return out;
}

std::string_view trim_ascii(std::string_view s) {
  while (!s.empty() && bib_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && bib_space(s.back())) s.remove_suffix(1);
  return s;
}

// True when the whole name is one brace group: "{World Health Organization}".
bool braced_whole(std::string_view s) {
  if (s.size() < 2 || s.front() != '{' || s.back() != '}') return false;
  int depth = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '{') ++depth;
    else if (s[i] == '}' && --depth == 0 && i + 1 < s.size()) return false;
  }
  return true;
}

// A "von" word: starts with a lower-case letter of a cased script ("van", "de", "al-").
bool von_word(std::string_view raw) {
  std::string w = latex_to_unicode(raw);
  if (w.empty() || raw.front() == '{') return false;
  std::size_t i = 0;
  return is_lower_in_cased_script(next_code_point(w, i));
}

std::string joined(const std::vector<std::string_view>& words, std::size_t from, std::size_t to) {
  std::string out;
  for (std::size_t k = from; k < to; ++k) {
    if (!out.empty()) out += ' ';
    out += words[k];
  }
  return out;
}

std::vector<Person> bibtex_people(std::string_view raw) {
  std::vector<Person> out;
  for (std::string_view name : split_names(raw)) {
    name = trim_ascii(name);
    if (name.empty() || name == "others") continue;
    Person p;
    if (braced_whole(name)) {
      p.family = latex_to_unicode(name);
      p.organisation = true;
    } else if (auto parts = split_depth0(name, ','); parts.size() >= 2) {
      p.family = latex_to_unicode(parts[0]);  // "von Last, Jr, First" or "Last, First"
      p.given = latex_to_unicode(parts.back());
    } else {
      auto words = split_depth0(name, ' ');
      if (words.empty()) continue;
      std::size_t family_from = words.size() - 1;
      for (std::size_t k = 1; k + 1 < words.size(); ++k)
        if (von_word(words[k])) {
          family_from = k;
          break;
        }
      p.family = latex_to_unicode(joined(words, family_from, words.size()));
      p.given = latex_to_unicode(joined(words, 0, family_from));
    }
    if (p.family.empty()) std::swap(p.family, p.given);
    if (!p.family.empty()) out.push_back(std::move(p));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// BibTeX entries

struct BibEntry {
  std::string type, key;
  std::vector<std::pair<std::string, std::string>> fields;  // name (lower case), raw value
  int line = 0;
};

struct BibSyntaxError {
  std::string reason;
  std::size_t at;
};

constexpr std::string_view kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                        "jul", "aug", "sep", "oct", "nov", "dec"};
constexpr std::string_view kMonthNames[] = {"January", "February", "March",     "April",   "May",      "June",
                                            "July",    "August",   "September", "October", "November", "December"};

class BibParser {
 public:
  explicit BibParser(std::string_view s) : s_(s) {
    line_starts_.push_back(0);
    for (std::size_t i = 0; i < s.size(); ++i)
      if (s[i] == '\n') line_starts_.push_back(i + 1);
    for (std::size_t m = 0; m < 12; ++m) macros_.emplace(std::string(kMonths[m]), std::string(kMonthNames[m]));
    // Expanded macros may grow a value; the budget keeps `@string` doubling chains bounded.
    budget_ = s.size() * 8 + (16u << 20);
  }

  std::vector<BibEntry> entries;
  std::vector<InputIssue> issues;
  std::size_t malformed = 0;

  void run() {
    std::size_t i = 0;
    while ((i = s_.find('@', i)) != std::string_view::npos) {
      std::size_t start = i;
      std::size_t j = i + 1;
      while (j < s_.size() && (ascii_letter(s_[j]) || s_[j] == '_' || s_[j] == '-')) ++j;
      std::string type = lower_ascii(s_.substr(i + 1, j - i - 1));
      while (j < s_.size() && bib_space(s_[j])) ++j;
      if (type.empty() || j >= s_.size() || (s_[j] != '{' && s_[j] != '(')) {
        i = start + 1;  // an "@" in prose (an e-mail address): not an entry
        continue;
      }
      try {
        i = entry(type, start, j);
      } catch (const BibSyntaxError& e) {
        report(type, start, e.reason);
        i = recover(start, e.at);
      }
    }
  }

 private:
  std::string_view s_;
  std::vector<std::size_t> line_starts_;
  std::unordered_map<std::string, std::string> macros_;
  std::size_t budget_ = 0;
  bool budget_reported_ = false;

  int line_of(std::size_t offset) const {
    auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
    return static_cast<int>(it - line_starts_.begin());
  }

  void report(const std::string& type, std::size_t start, const std::string& reason) {
    ++malformed;
    if (issues.size() >= 50) return;
    std::string what = "@" + type;
    std::size_t k = s_.find_first_of("{(", start);
    if (k != std::string_view::npos) {
      std::size_t e = k + 1;
      while (e < s_.size() && e < k + 80 && s_[e] != ',' && s_[e] != '\n' && s_[e] != '}' && s_[e] != ')') ++e;
      std::string_view key = trim_ascii(s_.substr(k + 1, e - k - 1));
      what += "{" + std::string(key);
    }
    InputIssue issue;
    issue.code = "bibtex-syntax";
    issue.line = line_of(start);
    issue.column = 1;
    issue.text = say("bibtex-syntax", {what, std::to_string(issue.line), phrase(reason)});
    issue.message = in_english(issue.text);
    issues.push_back(std::move(issue));
  }

  // The next "@" that opens a line, at or after the line of `at` (and after `start`).
  std::size_t recover(std::size_t start, std::size_t at) const {
    std::size_t from = std::max(start + 1, line_starts_[static_cast<std::size_t>(line_of(std::min(at, s_.size()))) - 1]);
    for (std::size_t i = from; i < s_.size(); ++i) {
      if (s_[i] != '@') continue;
      std::size_t k = i;
      while (k > 0 && (s_[k - 1] == ' ' || s_[k - 1] == '\t')) --k;
      if (k == 0 || s_[k - 1] == '\n' || s_[k - 1] == '\r') return i;
    }
    return s_.size();
  }

  // True when s_[i] is an "@name{" or "@name(" that opens a line: where a runaway value stops.
  bool entry_start_at_line(std::size_t i) const {
    std::size_t k = i;
    while (k > 0 && (s_[k - 1] == ' ' || s_[k - 1] == '\t')) --k;
    if (!(k == 0 || s_[k - 1] == '\n')) return false;
    std::size_t j = i + 1;
    while (j < s_.size() && ascii_letter(s_[j])) ++j;
    while (j < s_.size() && bib_space(s_[j])) ++j;
    return j > i + 1 && j < s_.size() && (s_[j] == '{' || s_[j] == '(');
  }

  void skip_space(std::size_t& i) const {
    while (i < s_.size()) {
      if (bib_space(s_[i])) ++i;
      else if (s_[i] == '%') {  // a comment to the line's end (biber reads them)
        while (i < s_.size() && s_[i] != '\n') ++i;
      } else break;
    }
  }

  std::string_view identifier(std::size_t& i) const {
    std::size_t b = i;
    while (i < s_.size() && !bib_space(s_[i]) && std::string_view("{}()=,#\"%").find(s_[i]) == std::string_view::npos)
      ++i;
    return s_.substr(b, i - b);
  }

  // A braced or quoted string's content; the opening delimiter is at s_[i].
  std::string_view delimited(std::size_t& i) const {
    char open = s_[i];
    std::size_t start = ++i;
    int depth = open == '{' ? 1 : 0;
    for (; i < s_.size(); ++i) {
      char c = s_[i];
      if (c == '\\') {
        ++i;
        continue;
      }
      if (c == '@' && entry_start_at_line(i)) break;
      if (c == '{') ++depth;
      else if (c == '}') {
        if (--depth < 0) throw BibSyntaxError{"a '}' closes more braces than were opened", i};
        if (depth == 0 && open == '{') return s_.substr(start, i++ - start);
      } else if (c == '"' && open == '"' && depth == 0) {
        return s_.substr(start, i++ - start);
      }
    }
    throw BibSyntaxError{open == '{' ? "unbalanced braces" : "an unterminated quoted value", i};
  }

  // value = part { "#" part }; part = {…} | "…" | number | macro.
  std::string value(std::size_t& i) {
    std::string out;
    for (;;) {
      skip_space(i);
      if (i >= s_.size()) throw BibSyntaxError{"the file ends inside a field", i};
      char c = s_[i];
      std::string_view part;
      if (c == '{' || c == '"') {
        part = delimited(i);
      } else {
        std::string_view word = identifier(i);
        if (word.empty()) throw BibSyntaxError{std::string("unexpected '") + c + "' where a value belongs", i};
        bool number = std::all_of(word.begin(), word.end(), [](char d) { return d >= '0' && d <= '9'; });
        if (number) {
          part = word;
        } else {
          auto it = macros_.find(lower_ascii(word));
          if (it != macros_.end()) part = it->second;
        }
      }
      if (part.size() > budget_) {
        if (!budget_reported_) {
          budget_reported_ = true;
          throw BibSyntaxError{"@string macros expand beyond what the file's size allows", i};
        }
        part = {};
      }
      budget_ -= part.size();
      out += part;
      skip_space(i);
      if (i < s_.size() && s_[i] == '#') {
        ++i;
        continue;
      }
      return out;
    }
  }

  // Parses the entry whose "@" is at `start` and whose opening delimiter is at `open`;
  // returns where parsing continues.
  std::size_t entry(const std::string& type, std::size_t start, std::size_t open) {
    const char close = s_[open] == '{' ? '}' : ')';
    std::size_t i = open;
    if (type == "comment" || type == "preamble") {
      if (s_[open] == '{') {
        delimited(i);
      } else {
        std::size_t e = s_.find(')', open);
        i = e == std::string_view::npos ? s_.size() : e + 1;
      }
      return i;
    }
    ++i;
    if (type == "string") {
      skip_space(i);
      std::string name = lower_ascii(identifier(i));
      skip_space(i);
      if (name.empty() || i >= s_.size() || s_[i] != '=') throw BibSyntaxError{"an @string without 'name ='", i};
      ++i;
      std::string v = value(i);
      skip_space(i);
      if (i >= s_.size() || s_[i] != close) throw BibSyntaxError{"an @string that does not close", i};
      macros_[name] = std::move(v);
      return i + 1;
    }
    BibEntry e;
    e.type = type;
    e.line = line_of(start);
    skip_space(i);
    std::string_view key = identifier(i);
    skip_space(i);
    if (key.empty() || i >= s_.size() || (s_[i] != ',' && s_[i] != close))
      throw BibSyntaxError{"no citation key", i};
    e.key = std::string(key);
    for (;;) {
      skip_space(i);
      if (i >= s_.size()) throw BibSyntaxError{"the file ends inside the entry", i};
      if (s_[i] == close) {
        entries.push_back(std::move(e));
        return i + 1;
      }
      if (s_[i] == ',') {
        ++i;
        continue;
      }
      std::string_view name = identifier(i);
      skip_space(i);
      if (name.empty() || i >= s_.size() || s_[i] != '=')
        throw BibSyntaxError{"a field without 'name ='", i};
      ++i;
      std::string v = value(i);
      e.fields.emplace_back(lower_ascii(name), std::move(v));
      skip_space(i);
      if (i < s_.size() && s_[i] != ',' && s_[i] != close)
        throw BibSyntaxError{"a missing ',' after the field " + lower_ascii(name), i};
    }
  }
};

const std::string* field_of(const BibEntry& e, std::string_view name) {
  for (const auto& [n, v] : e.fields)
    if (n == name) return &v;
  return nullptr;
}

std::optional<std::string> text_field(const BibEntry& e, std::string_view name) {
  const std::string* raw = field_of(e, name);
  if (!raw) return std::nullopt;
  std::string t = latex_to_unicode(*raw);
  if (t.empty()) return std::nullopt;
  return t;
}

std::optional<std::string> first_year(std::string_view s) {
  std::string f = fold_digits(s);
  for (std::size_t i = 0; i + 4 <= f.size(); ++i) {
    bool digits = true;
    for (std::size_t j = 0; j < 4; ++j) digits = digits && f[i + j] >= '0' && f[i + j] <= '9';
    if (digits && (i == 0 || !(f[i - 1] >= '0' && f[i - 1] <= '9'))) return f.substr(i, 4);
  }
  return std::nullopt;
}

Work work_from_bibtex(const BibEntry& e) {
  Work w;
  const std::string* names = field_of(e, "author");
  if (!names || trim_ascii(*names).empty()) names = field_of(e, "editor");
  if (names) w.authors = bibtex_people(*names);
  for (const Person& p : w.authors) {
    if (!w.author_text.empty()) w.author_text += "; ";
    w.author_text += p.given.empty() ? p.family : p.family + ", " + p.given;
  }
  if (auto y = text_field(e, "year")) {
    w.year = first_year(*y);
    if (w.year) {
      std::size_t at = fold_digits(*y).find(*w.year) + 4;
      std::string f = fold_digits(*y);
      if (at < f.size() && f[at] >= 'a' && f[at] <= 'z' && at + 1 == f.size()) w.year_suffix = f.substr(at, 1);
    }
  }
  if (!w.year)
    if (auto d = text_field(e, "date")) w.year = first_year(*d);
  w.title = text_field(e, "title");
  for (const char* c : {"journaltitle", "journal", "booktitle"})
    if (!w.container) w.container = text_field(e, c);
  w.volume = text_field(e, "volume");
  w.issue = text_field(e, "number");
  if (!w.issue) w.issue = text_field(e, "issue");
  if (auto pages = text_field(e, "pages")) {
    std::string p;
    for (std::size_t i = 0; i < pages->size();) {  // "123–145" as CSL writes it: "123-145"
      if (pages->compare(i, 3, "–") == 0 || pages->compare(i, 3, "—") == 0) {
        p.push_back('-');
        i += 3;
      } else {
        p.push_back((*pages)[i++]);
      }
    }
    w.pages = p;
  }
  if (const std::string* doi = field_of(e, "doi")) {
    std::string d = normalise_doi(verbatim(*doi));
    if (!d.empty()) w.doi = d;
  }
  if (const std::string* url = field_of(e, "url")) {
    std::string u = verbatim(*url);
    if (!u.empty()) w.urls.push_back(u);
  }
  for (const char* f : {"howpublished", "note"})
    if (const std::string* raw = field_of(e, f))
      for (auto& u : url_commands(*raw))
        if (std::find(w.urls.begin(), w.urls.end(), u) == w.urls.end()) w.urls.push_back(u);
  if (!w.doi)
    for (auto it = w.urls.begin(); it != w.urls.end(); ++it)
      if (std::string d = normalise_doi(*it); !d.empty()) {  // a doi.org URL is the DOI
        w.doi = d;
        w.urls.erase(it);
        break;
      }
  w.isbn = text_field(e, "isbn");
  if (const std::string* urldate = field_of(e, "urldate")) {
    std::string a = latex_to_unicode(*urldate);
    if (!a.empty()) w.accessed = checked_iso_text(a);
  }
  return w;
}

void add_record(DocumentBuilder& b, const std::string& key, int source_line, Work w) {
  std::size_t begin = b.offset();
  b.append(csl_display_line(w));
  std::size_t end = b.offset();
  LineOrigin o;
  o.record = key;
  o.source_line = source_line;
  b.end_line(o);
  MarkedReference m;
  m.key = key;
  m.bytes = ByteRange{begin, end};
  m.work = std::move(w);
  b.structure().references.push_back(std::move(m));
}

// The first line of the file's line `line` (1-based), at most 200 bytes.
std::string skipped_entry_line(std::string_view file, int line) {
  std::size_t at = 0;
  for (int l = 1; l < line && at != std::string_view::npos; ++l) {
    at = file.find('\n', at);
    if (at != std::string_view::npos) ++at;
  }
  if (at == std::string_view::npos || at >= file.size()) return {};
  std::size_t end = file.find('\n', at);
  std::string_view text = file.substr(at, end == std::string_view::npos ? std::string_view::npos : end - at);
  return std::string(utf8_prefix(text, 200));
}

void mark_bibliography(DocumentBuilder& b) {
  b.structure().references_marked = true;
  b.structure().bibliography_only = true;
}

// Invalid UTF-8 replaced with U+FFFD before the JSON parser sees it (which would refuse it).
std::string repaired_utf8(const std::string& bytes, std::size_t& repairs) {
  std::string out;
  out.reserve(bytes.size());
  const auto* p = reinterpret_cast<const uint8_t*>(bytes.data());
  int32_t i = 0, n = static_cast<int32_t>(bytes.size());
  while (i < n) {
    int32_t start = i;
    UChar32 cp;
    U8_NEXT(p, i, n, cp);
    if (cp < 0) {
      ++repairs;
      out += "\xEF\xBF\xBD";
    } else {
      out.append(bytes, static_cast<std::size_t>(start), static_cast<std::size_t>(i - start));
    }
  }
  return out;
}

}  // namespace

Document read_bibtex(std::string path, const std::string& bytes) {
  std::string_view s(bytes);
  if (s.substr(0, 3) == "\xEF\xBB\xBF") s.remove_prefix(3);
  BibParser parser(s);
  parser.run();
  if (parser.entries.empty() && parser.malformed == 0)
    throw InputError("no BibTeX entries (such as @article{key, …}) in the file; is it a .bib export?");
  DocumentBuilder b(std::move(path), "bibtex");
  mark_bibliography(b);
  for (const BibEntry& e : parser.entries) add_record(b, e.key, e.line, work_from_bibtex(e));
  // A skipped entry keeps a line of its own (its first line in the file), so that its finding
  // is located at the .bib line like every record.
  for (InputIssue& issue : parser.issues) {
    LineOrigin origin;
    origin.source_line = issue.line;
    b.append(skipped_entry_line(s, issue.line));
    b.end_line(origin);
    issue.line = b.lines();
  }
  Document doc = b.finish();
  if (parser.malformed > parser.issues.size() && !parser.issues.empty()) {
    InputIssue& last = parser.issues.back();
    last.text = counted("bibtex-syntax.more", static_cast<long long>(parser.malformed - parser.issues.size()), {last.text});
    last.message = in_english(last.text);
  }
  for (auto& issue : parser.issues) doc.issues.push_back(std::move(issue));
  return doc;
}

Document read_csl_json(std::string path, const std::string& bytes) {
  if (!json_nesting_within(bytes, 256))
    throw InputError("the CSL-JSON nests arrays and objects more than 256 deep; refused as hostile input");
  std::size_t repairs = 0;
  std::string text = repaired_utf8(bytes, repairs);
  nlohmann::json root;
  try {
    root = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    std::string what = e.what();
    std::size_t bracket = what.find("] ");
    if (what.rfind("[json.exception", 0) == 0 && bracket != std::string::npos) what = what.substr(bracket + 2);
    throw InputError("not valid CSL-JSON: " + what);
  }
  const nlohmann::json* items = &root;
  if (root.is_object()) {
    auto it = root.find("items");
    if (it == root.end() || !it->is_array())
      throw InputError("a JSON object without an \"items\" array; CSL-JSON is an array of items (export as CSL JSON)");
    items = &*it;
  } else if (!root.is_array()) {
    throw InputError("JSON that is neither an array of CSL items nor an object with \"items\"");
  }
  DocumentBuilder b(std::move(path), "csl-json");
  mark_bibliography(b);
  std::vector<InputIssue> issues;
  std::size_t skipped = 0, n = 0;
  for (const nlohmann::json& item : *items) {
    ++n;
    if (!item.is_object()) {
      if (++skipped <= 20) {
        // The skipped item keeps a line (what it holds), located by its place in the array.
        LineOrigin origin;
        origin.record = "#" + std::to_string(n);
        b.append("item " + std::to_string(n) + ": " + std::string(utf8_prefix(item.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), 200)));
        b.end_line(origin);
        InputIssue issue;
        issue.code = "csl-json-item";
        issue.line = b.lines();
        issue.column = 1;
        issue.text = say("csl-json-item", {std::to_string(n)});
        issue.message = in_english(issue.text);
        issues.push_back(std::move(issue));
      }
      continue;
    }
    std::string key;
    if (auto id = item.find("id"); id != item.end()) {
      if (id->is_string()) key = id->get<std::string>();
      else if (id->is_number_integer()) key = std::to_string(id->get<long long>());
    }
    add_record(b, key, 0, work_from_csl(item));
  }
  Document doc = b.finish();
  if (repairs) {
    InputIssue issue;
    issue.code = "invalid-utf8";
    issue.line = 1;
    issue.column = 1;
    issue.message = "invalid UTF-8 in the file replaced with U+FFFD (" + std::to_string(repairs) + " bytes)";
    doc.issues.insert(doc.issues.begin(), std::move(issue));
  }
  if (skipped > issues.size() && !issues.empty())
    issues.back().message += " (and " + std::to_string(skipped - issues.size()) + " more)";
  for (auto& issue : issues) doc.issues.push_back(std::move(issue));
  return doc;
}

}  // namespace citecheck
