#include "parsers/identifiers.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <optional>

#include "parsers/document.hpp"
#include "parsers/unicode_text.hpp"

namespace citecheck {

namespace {

const RE2& doi_label_pattern() {  // "doi: xyz" whose value may not be a DOI at all
  static const RE2 re(R"((?i)^doi\s*[:：]\s*([^\s<>"]+))");
  return re;
}
const RE2& email_pattern() {
  static const RE2 re(
      R"(([A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}))");
  return re;
}
const RE2& isbn_pattern() {
  static const RE2 re(R"((?i)^ISBN(?:-1[03])?\s*[:：]?\s*([0-9][0-9 \-]{8,16}[0-9Xx]))");
  return re;
}
const RE2& doi_syntax() {
  static const RE2 re(R"(10\.[0-9]{4,9}/\S+)");
  return re;
}

// Characters that end a URL as printed in running text of any script.
bool ends_url(char32_t cp) {
  if (is_space(cp) || cp == 0xA0) return true;
  switch (cp) {
    case '<': case '>': case '"': case 0x00AB: case 0x00BB: case 0x201C: case 0x201D:
    case 0x201E: case 0x060C: case 0x061B: case 0x3001: case 0x3002: case 0xFF0C:
    // Full-width brackets and punctuation of Chinese and Japanese text: "（https://doi.org/…）"
    case 0xFF08: case 0xFF09: case 0xFF1B: case 0xFF1A: case 0xFF01: case 0xFF1F:
    case 0x3008: case 0x3009: case 0x300A: case 0x300B: case 0x300C: case 0x300D: case 0x300E:
    case 0x300F: case 0x3010: case 0x3011:
    case 0x200E: case 0x200F: case '`': case '{': case '}': case '|': case '\\': case '^':
      return true;
    default:
      return cp < 0x20;
  }
}

bool trailing_punctuation(char32_t cp) {
  switch (cp) {
    case '.': case ',': case ';': case ':': case '!': case '?': case '\'': case ')': case ']':
    case '*': case 0x2019: case 0x2018: case 0x060C: case 0x061B: case 0x06D4: case 0x3002:
    case 0x2026: case 0x2014: case 0x2013:
      return true;
    default:
      return false;
  }
}

std::size_t scan_while_url(std::string_view t, std::size_t i) {
  while (i < t.size()) {
    std::size_t j = i;
    char32_t cp = next_code_point(t, j);
    if (ends_url(cp)) break;
    i = j;
  }
  return i;
}

// Trims trailing punctuation, keeping a closing bracket the URL itself opened
// (https://en.wikipedia.org/wiki/Foo_(bar)).
std::size_t trim_url_end(std::string_view t, std::size_t begin, std::size_t end) {
  while (end > begin) {
    std::size_t k = end;
    char32_t cp = previous_code_point(t, k);
    if (!trailing_punctuation(cp)) break;
    if (cp == ')' || cp == ']') {
      std::string_view s = t.substr(begin, end - begin);
      char open = cp == ')' ? '(' : '[';
      if (std::count(s.begin(), s.end(), open) >= std::count(s.begin(), s.end(), static_cast<char>(cp)))
        break;
    }
    end = k;
  }
  return end;
}

// Characters that show a line's first token to be the rest of a URL (a page number "1" on
// the next line is not).
bool url_punct(char c) {
  return c == '/' || c == '.' || c == '_' || c == '-' || c == '=' || c == '&' || c == '?' || c == '%' || c == '#';
}

struct Extent {
  std::size_t end = 0;     // end of the identifier (trimmed)
  std::string value;       // pieces joined, without the line breaks
  bool wrapped = false;
};

// Scans an identifier starting at `begin` and follows it over line breaks where the break
// evidently cut it: inside <…>, or after a character an identifier does not end with.
Extent scan_identifier(std::string_view t, std::size_t begin, bool bracketed, bool is_doi) {
  Extent ex;
  std::size_t piece_begin = begin;
  std::size_t end = scan_while_url(t, begin);
  for (int wraps = 0;; ++wraps) {
    std::string_view piece = t.substr(piece_begin, end - piece_begin);
    // Where does the line end?
    std::size_t k = end;
    while (k < t.size() && (t[k] == ' ' || t[k] == '\t')) ++k;
    bool at_line_end = k < t.size() && t[k] == '\n';
    bool closed = bracketed && end < t.size() && t[end] == '>';
    if (wraps >= 3 || closed || !at_line_end || piece.empty()) {
      std::size_t trimmed = bracketed && closed ? end : trim_url_end(t, piece_begin, end);
      ex.value.append(t.substr(piece_begin, trimmed - piece_begin));
      ex.end = trimmed;
      return ex;
    }
    char last = piece.back();
    std::size_t next = k + 1;
    std::size_t token_begin = next;
    if (bracketed)
      while (token_begin < t.size() && (t[token_begin] == ' ' || t[token_begin] == '\t')) ++token_begin;
    std::size_t token_end = scan_while_url(t, token_begin);
    std::string_view token = t.substr(token_begin, token_end - token_begin);
    bool token_ok = !token.empty() && token.substr(0, 4) != "http" && token.substr(0, 4) != "www." &&
                    static_cast<unsigned char>(token[0]) < 0x80 && token[0] != '-' && token[0] != '(';
    // A host cut before its end ("https://www.arab" / "economics.example.org/en/…"): no path
    // yet, and the next line's token reads as the rest of a host with a path.
    std::string_view so_far = t.substr(begin, end - begin);
    std::size_t scheme_end = so_far.find("://");
    bool host_only = scheme_end != std::string_view::npos && so_far.find('/', scheme_end + 3) == std::string_view::npos;
    bool host_tail = host_only && token.find('.') != std::string_view::npos && token.find('/') != std::string_view::npos &&
                     token.find('.') < token.find('/');
    bool cut = bracketed || host_tail || last == '-' || last == '_' || last == '=' || last == '&' ||
               last == '?' || last == '%' || last == '~' || last == '#' ||
               (last == '/' && !is_doi &&
                std::any_of(token.begin(), token.end(), url_punct));
    if (!token_ok || !cut) {
      std::size_t trimmed = trim_url_end(t, piece_begin, end);
      ex.value.append(t.substr(piece_begin, trimmed - piece_begin));
      ex.end = trimmed;
      return ex;
    }
    ex.value.append(piece);
    ex.wrapped = true;
    piece_begin = token_begin;
    end = token_end;
  }
}



}  // namespace

std::string url_host(std::string_view url) {
  std::size_t p = url.find("://");
  std::string_view rest = p == std::string_view::npos ? url : url.substr(p + 3);
  std::size_t e = rest.find_first_of("/?#");
  std::string_view host = rest.substr(0, e);
  if (auto at = host.rfind('@'); at != std::string_view::npos) host.remove_prefix(at + 1);
  if (auto colon = host.rfind(':'); colon != std::string_view::npos && host.find(']') == std::string_view::npos)
    host = host.substr(0, colon);
  std::string h = lower_ascii(host);
  if (h.rfind("www.", 0) == 0) h.erase(0, 4);
  return h;
}

std::string normalise_doi(std::string_view printed) {
  std::string s = lower_ascii(trim(printed));
  for (std::string_view prefix : {"https://doi.org/", "http://doi.org/", "https://dx.doi.org/",
                                  "http://dx.doi.org/", "doi.org/", "doi:", "doi "})
    if (s.rfind(prefix, 0) == 0) { s.erase(0, prefix.size()); break; }
  s = std::string(trim(s));
  s.resize(trim_url_end(s, 0, s.size()));  // "10.1234/abc." as printed at an entry's end
  if (!RE2::FullMatch(s, doi_syntax())) return "";
  return s;
}

bool isbn_checksum_ok(std::string_view isbn) {
  std::string d;
  for (char c : isbn)
    if ((c >= '0' && c <= '9') || c == 'X' || c == 'x') d.push_back(c == 'x' ? 'X' : c);
  if (d.size() == 10) {
    int sum = 0;
    for (int i = 0; i < 10; ++i) {
      int v = d[i] == 'X' ? (i == 9 ? 10 : -1000) : d[i] - '0';
      sum += v * (10 - i);
    }
    return sum >= 0 && sum % 11 == 0;
  }
  if (d.size() == 13) {
    if (d.find('X') != std::string::npos) return false;
    int sum = 0;
    for (int i = 0; i < 13; ++i) sum += (d[i] - '0') * (i % 2 ? 3 : 1);
    return sum % 10 == 0;
  }
  return false;
}

namespace {

bool ascii_alnum(char c) {
  return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

bool iequals_ascii(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if ((a[i] | 0x20) != (b[i] | 0x20)) return false;
  return true;
}

// Every offset where one of `needles` occurs, in order. Substring search runs at memchr
// speed, so a 100 MB text costs a few passes of it; the patterns then only confirm.
std::vector<std::size_t> occurrences(std::string_view text, std::initializer_list<std::string_view> needles) {
  std::vector<std::size_t> out;
  for (auto needle : needles)
    for (std::size_t p = text.find(needle); p != std::string_view::npos; p = text.find(needle, p + 1))
      out.push_back(p);
  std::sort(out.begin(), out.end());
  return out;
}

// Start of a URL around a "://" at `sep` or a "www."/"mailto:" at `at`.
std::optional<std::size_t> url_start_at(std::string_view text, std::size_t at, bool separator) {
  std::size_t begin = at;
  if (separator) {
    while (begin > 0 && ((text[begin - 1] | 0x20) >= 'a' && (text[begin - 1] | 0x20) <= 'z')) --begin;
    std::string_view scheme = text.substr(begin, at - begin);
    if (!iequals_ascii(scheme, "http") && !iequals_ascii(scheme, "https") && !iequals_ascii(scheme, "ftp"))
      return std::nullopt;
  }
  // "xhttp://" is not a URL start; "(http://", "<http://" and "详见https://" (Chinese has no
  // spaces between words) are.
  if (begin > 0 && ascii_alnum(text[begin - 1])) return std::nullopt;
  return begin;
}

}  // namespace

std::vector<FoundIdentifier> find_identifiers(std::string_view text) {
  std::vector<FoundIdentifier> found;

  // URLs (and mailto: e-mails).
  {
    std::vector<std::pair<std::size_t, bool>> starts;  // offset, found by "://"
    for (std::size_t p : occurrences(text, {"://"})) starts.emplace_back(p, true);
    for (std::size_t p : occurrences(text, {"www.", "WWW.", "mailto:", "MAILTO:", "Mailto:"})) starts.emplace_back(p, false);
    std::sort(starts.begin(), starts.end());
    std::size_t consumed = 0;
    for (auto [at, separator] : starts) {
      if (at < consumed) continue;
      auto b = url_start_at(text, at, separator);
      if (!b) continue;
      std::size_t begin = *b;
      if (begin < consumed) continue;
      std::size_t prefix = separator ? at + 3 - begin : (text[at] == 'w' || text[at] == 'W' ? 4 : 7);
      bool bracketed = begin > 0 && text[begin - 1] == '<';
      Extent ex = scan_identifier(text, begin, bracketed, false);
      if (ex.end <= begin + prefix) continue;  // a bare "https://"
      consumed = ex.end;
      FoundIdentifier f;
      f.bytes = {bracketed ? begin - 1 : begin, ex.end + (bracketed && ex.end < text.size() && text[ex.end] == '>' ? 1 : 0)};
      f.wrapped = ex.wrapped;
      std::string lower = lower_ascii(ex.value.substr(0, 20));
      if (lower.rfind("mailto:", 0) == 0) {
        f.kind = LinkKind::Email;
        f.value = ex.value.substr(7);
        if (auto q = f.value.find('?'); q != std::string::npos) f.value.resize(q);
        f.syntax_ok = RE2::FullMatch(f.value, email_pattern());
        if (!f.syntax_ok) f.problem = "not an e-mail address";
      } else {
        f.kind = LinkKind::Url;
        f.value = ex.value;
        std::string host = url_host(ex.value);
        if (host == "doi.org" || host == "dx.doi.org") {
          std::string doi = normalise_doi(ex.value);
          f.kind = LinkKind::Doi;
          if (!doi.empty()) {
            f.value = doi;
          } else {  // "https://doi.org/10.15407uhj…": a DOI link without a DOI in it
            std::string v = lower_ascii(ex.value);
            for (std::string_view prefix : {"https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/"})
              if (v.rfind(prefix, 0) == 0) { v.erase(0, prefix.size()); break; }
            f.value = v;
            f.syntax_ok = false;
            f.problem = "the doi.org link holds no valid DOI (10.<registrant>/<suffix>)";
          }
        }
        if (f.kind == LinkKind::Url && (host.empty() || (host.find('.') == std::string::npos &&
                                                         host != "localhost" && host.find(':') == std::string::npos))) {
          f.syntax_ok = false;
          f.problem = "no valid host name";
        }
      }
      found.push_back(std::move(f));
    }
  }
  // Ranges an earlier pass took, so a later one does not find the same text again.
  auto taken_ranges = [&] {
    std::vector<ByteRange> v;
    for (const auto& f : found) v.push_back(f.bytes);
    return sorted_ranges(std::move(v));
  };
  std::vector<ByteRange> taken = taken_ranges();

  // DOIs printed bare or after "doi:": "10." + 4-9 digits + "/".
  {
    std::size_t consumed = 0;
    for (std::size_t begin : occurrences(text, {"10."})) {
      if (begin < consumed || (begin > 0 && ascii_alnum(text[begin - 1]))) continue;
      std::size_t k = begin + 3, digits = 0;
      while (k < text.size() && text[k] >= '0' && text[k] <= '9') { ++k; ++digits; }
      if (digits < 4 || digits > 9 || k >= text.size() || text[k] != '/') continue;
      if (ranges_contain(taken, begin)) continue;  // part of a publisher or doi.org URL
      Extent ex = scan_identifier(text, begin, false, true);
      if (ex.end <= k + 1) continue;
      // "10.2021/3345" (a case number) is no DOI unless labelled one: real suffixes carry
      // letters or punctuation, or are long.
      std::string_view suffix = text.substr(k + 1, ex.end - k - 1);
      bool labelled = begin >= 4 && lower_ascii(text.substr(begin >= 6 ? begin - 6 : 0, begin >= 6 ? 6 : begin)).find("doi") != std::string::npos;
      if (!labelled && suffix.size() < 6 && std::all_of(suffix.begin(), suffix.end(), [](char c) { return c >= '0' && c <= '9'; }))
        continue;
      consumed = ex.end;
      FoundIdentifier f;
      f.kind = LinkKind::Doi;
      f.bytes = {begin, ex.end};
      f.wrapped = ex.wrapped;
      f.value = lower_ascii(ex.value);
      found.push_back(std::move(f));
    }
  }
  taken = taken_ranges();
  // "doi:" labels whose value is no DOI.
  for (std::size_t at : occurrences(text, {"doi", "DOI", "Doi"})) {
    if (at > 0 && ascii_alnum(text[at - 1])) continue;
    re2::StringPiece rest(text.data() + at, std::min<std::size_t>(text.size() - at, 300));
    re2::StringPiece value;
    if (!RE2::PartialMatch(rest, doi_label_pattern(), &value) || value.data() - rest.data() > 12) continue;
    std::size_t begin = static_cast<std::size_t>(value.data() - text.data());
    if (ranges_contain(taken, begin)) continue;
    std::string_view v(value.data(), value.size());
    if (lower_ascii(v.substr(0, 4)) == "http" || lower_ascii(v.substr(0, 4)) == "www.") continue;
    std::size_t end = trim_url_end(text, begin, begin + v.size());
    if (end == begin) continue;
    FoundIdentifier f;
    f.kind = LinkKind::Doi;
    f.bytes = {begin, end};
    f.value = lower_ascii(text.substr(begin, end - begin));
    f.syntax_ok = false;
    f.problem = "a DOI is 10.<registrant>/<suffix>";
    found.push_back(std::move(f));
  }
  taken = taken_ranges();
  // E-mail addresses, around each '@'.
  {
    auto local_char = [](char c) { return ascii_alnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-'; };
    auto domain_char = [](char c) { return ascii_alnum(c) || c == '.' || c == '-'; };
    std::size_t consumed = 0;
    for (std::size_t at : occurrences(text, {"@"})) {
      if (at < consumed) continue;
      std::size_t b = at, e = at + 1;
      while (b > 0 && local_char(text[b - 1])) --b;
      while (e < text.size() && domain_char(text[e])) ++e;
      while (e > at + 1 && (text[e - 1] == '.' || text[e - 1] == '-')) --e;
      while (b < at && !ascii_alnum(text[b])) ++b;
      if (b == at || e <= at + 1 || ranges_contain(taken, b)) continue;
      std::string_view candidate = text.substr(b, e - b);
      re2::StringPiece m;
      if (!RE2::FullMatch(candidate, email_pattern())) continue;
      consumed = e;
      FoundIdentifier f;
      f.kind = LinkKind::Email;
      f.bytes = {b, e};
      f.value = std::string(candidate);
      found.push_back(std::move(f));
    }
  }
  taken = taken_ranges();
  // ISBNs.
  for (std::size_t at : occurrences(text, {"ISBN", "isbn", "Isbn"})) {
    if (at > 0 && ascii_alnum(text[at - 1])) continue;
    re2::StringPiece rest(text.data() + at, std::min<std::size_t>(text.size() - at, 60));
    re2::StringPiece m;
    if (!RE2::PartialMatch(rest, isbn_pattern(), &m) || m.data() - rest.data() > 12) continue;
    std::size_t begin = static_cast<std::size_t>(m.data() - text.data());
    if (ranges_contain(taken, begin)) continue;
    FoundIdentifier f;
    f.kind = LinkKind::Isbn;
    f.bytes = {begin, begin + m.size()};
    for (char c : std::string_view(m.data(), m.size()))
      if (c != ' ' && c != '-') f.value.push_back(c == 'x' ? 'X' : c);
    f.syntax_ok = isbn_checksum_ok(f.value);
    if (!f.syntax_ok) f.problem = "the ISBN check digit does not match";
    found.push_back(std::move(f));
  }
  std::sort(found.begin(), found.end(),
            [](const FoundIdentifier& a, const FoundIdentifier& b) { return a.bytes.begin < b.bytes.begin; });
  return found;
}

}  // namespace citecheck
