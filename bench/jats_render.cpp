// jats_render.cpp — the JATS reader's lines become blocks (headings, paragraphs, notes,
// reference entries); each layout wraps the blocks into output lines and, for the page
// layout, pours them into pages with heads, numbers and foot notes. Every output line keeps
// the source bytes it copied, so the truth's byte ranges can be followed into the output.
#include "bench/jats_render.hpp"

#include <algorithm>
#include <deque>
#include <filesystem>
#include <limits>
#include <unordered_map>

#include "parsers/readers/read_document.hpp"
#include "parsers/readers/xml_part.hpp"
#include "parsers/text_reader.hpp"
#include "parsers/unicode_text.hpp"

namespace citecheck::eval {

// --- layouts and the generator ----------------------------------------------------------

namespace {

struct LayoutName {
  Layout layout;
  const char* name;
};

constexpr LayoutName kLayoutNames[] = {
    {Layout::Paragraph, "paragraph"},       {Layout::WrappedHanging, "wrapped-hanging"},
    {Layout::WrappedFirstLine, "wrapped-first-line"}, {Layout::Numbered, "numbered"},
    {Layout::Bracketed, "bracketed"},       {Layout::BlankSeparated, "blank-separated"},
    {Layout::Furniture, "furniture"}};

}  // namespace

const std::vector<Layout>& all_layouts() {
  static const std::vector<Layout> layouts = [] {
    std::vector<Layout> v;
    for (const auto& l : kLayoutNames) v.push_back(l.layout);
    return v;
  }();
  return layouts;
}

const char* layout_name(Layout layout) {
  for (const auto& l : kLayoutNames)
    if (l.layout == layout) return l.name;
  return "";
}

std::optional<Layout> layout_named(std::string_view name) {
  for (const auto& l : kLayoutNames)
    if (name == l.name) return l.layout;
  return std::nullopt;
}

std::uint64_t Random::next() {
  state_ += 0x9E3779B97F4A7C15ull;
  std::uint64_t z = state_;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

int Random::uniform(int lo, int hi) {
  return lo + static_cast<int>(next() % static_cast<std::uint64_t>(hi - lo + 1));
}

bool Random::chance(double p) { return static_cast<double>(next() >> 11) * 0x1.0p-53 < p; }

std::uint64_t seed_of(std::string_view a, std::string_view b) {
  std::uint64_t h = 0xcbf29ce484222325ull;  // FNV-1a
  auto mix = [&](std::string_view s) {
    for (unsigned char c : s) h = (h ^ c) * 0x100000001b3ull;
    h = (h ^ 0xff) * 0x100000001b3ull;
  };
  mix(a);
  mix(b);
  return h;
}

// --- the truth -----------------------------------------------------------------------------

namespace {

bool ascii_space(char c) { return c == ' ' || c == '\n' || c == '\t'; }

// "12", "[12]", "2-4", "1, 3–5": what a numeric citation shows.
bool numeric_text(std::string_view s) {
  s = trim(s);
  if (!s.empty() && (s.front() == '[' || s.front() == '(')) s.remove_prefix(1);
  if (!s.empty() && (s.back() == ']' || s.back() == ')')) s.remove_suffix(1);
  bool digit = false;
  for (std::size_t i = 0; i < s.size();) {
    char32_t cp = next_code_point(s, i);
    if (cp >= '0' && cp <= '9') digit = true;
    else if (!(cp == ',' || cp == '-' || cp == ' ' || cp == 0x2013 || cp == 0x2012 || cp == 0x2014)) return false;
  }
  return digit;
}

bool all_ascii_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

pugi::xml_node first_named(pugi::xml_node root, std::string_view local) {
  return root.find_node([&](pugi::xml_node n) { return n.type() == pugi::node_element && is_named(n, local); });
}

std::string collapsed(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (ascii_space(c)) {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

// What a running head needs, which the Document does not keep: the journal's short title,
// the first author, the article's language.
void read_front(Article& a, const std::string& path) {
  pugi::xml_document xml;
  parse_xml_part(xml, read_file_bytes(path), "the JATS article");
  pugi::xml_node root = xml.document_element();
  if (const char* lang = attribute_value(root, "lang")) a.language = lower_ascii(trim(lang)).substr(0, 2);
  pugi::xml_node journal = first_named(root, "abbrev-journal-title");
  if (!journal) journal = first_named(root, "journal-title");
  a.journal = collapsed(deep_text(journal));
  int authors = 0;
  pugi::xml_node meta = first_named(root, "article-meta");
  if (pugi::xml_node group = meta ? first_named(meta, "contrib-group") : pugi::xml_node())
    for (pugi::xml_node c = group.first_child(); c; c = c.next_sibling()) {
      if (!is_named(c, "contrib")) continue;
      const char* type = attribute_value(c, "contrib-type");
      if (type && std::string_view(type) != "author") continue;
      if (++authors > 1) continue;
      pugi::xml_node name = first_named(c, "surname");
      if (!name) name = first_named(c, "collab");
      a.author = collapsed(deep_text(name));
    }
  if (authors > 1 && !a.author.empty()) a.author += " et al.";
}

}  // namespace

Article load_article(const std::string& path) {
  Article a;
  a.name = std::filesystem::path(path).stem().string();
  a.doc = read_document_file(path);
  if (a.doc.format != "jats" || !a.doc.structure)
    throw InputError(path + " is not a JATS article (its root element is not <article>)");
  read_front(a, path);
  if (a.language.empty()) {
    // The corpus names files "en-…", "pt-…": the language when the XML does not say.
    std::size_t dash = a.name.find('-');
    a.language = dash == 2 ? lower_ascii(a.name.substr(0, 2)) : "und";
  }
  a.script = dominant_script(a.doc.text);
  if (a.script.empty()) a.script = "Zyyy";
  if (a.journal.empty()) a.journal = std::string(utf8_prefix(a.doc.line(1), 60));
  if (a.author.empty()) a.author = "Anonymous";

  const DocumentStructure& st = *a.doc.structure;
  std::unordered_map<std::string, int> by_key;
  for (const MarkedReference& r : st.references) {
    TruthEntry e;
    e.key = r.key;
    e.label = r.label;
    e.bytes = r.bytes;
    if (r.work && r.work->doi) {
      // Only a DOI the entry prints can be found in its text.
      std::string shown = lower_ascii(std::string_view(a.doc.text).substr(r.bytes.begin, r.bytes.end - r.bytes.begin));
      if (shown.find(lower_ascii(*r.work->doi)) != std::string::npos) e.doi = lower_ascii(*r.work->doi);
    }
    if (!e.key.empty()) by_key.emplace(e.key, static_cast<int>(a.entries.size()));
    a.entries.push_back(std::move(e));
  }
  std::size_t numeric = 0, shown = 0;
  for (const FieldCitation& fc : st.citations) {
    if (fc.source != "jats") continue;
    TruthCitation c;
    c.bytes = fc.bytes;
    for (const auto& t : fc.targets)
      if (auto it = by_key.find(t); it != by_key.end()) {
        c.entries.push_back(it->second);
        a.entries[it->second].cited = true;
      }
    if (fc.bytes.end > fc.bytes.begin) {
      ++shown;
      numeric += numeric_text(std::string_view(a.doc.text).substr(fc.bytes.begin, fc.bytes.end - fc.bytes.begin));
    }
    a.citations.push_back(std::move(c));
  }
  a.style = shown > 0 && numeric * 2 > shown ? "numeric" : "author-date";
  return a;
}

// --- blocks ----------------------------------------------------------------------------------

namespace {

enum class Kind { Heading, Text, ListHeading, Entry, Note };

// A run of the reader's lines printed as one unit.
struct Block {
  Kind kind = Kind::Text;
  std::size_t begin = 0, end = 0;  // source bytes (lines joined by their '\n')
  int entry = -1, note = -1;
  std::string synthetic;  // text of a block the article does not have (a missing list heading)
};

std::string_view last_step(std::string_view xpath) {
  std::size_t slash = xpath.rfind('/');
  if (slash != std::string_view::npos) xpath.remove_prefix(slash + 1);
  std::size_t bracket = xpath.find('[');
  return bracket == std::string_view::npos ? xpath : xpath.substr(0, bracket);
}

std::string list_heading_for(std::string_view language) {
  if (language == "pt") return "Referências";
  if (language == "es") return "Referencias";
  if (language == "fr") return "Références";
  if (language == "de") return "Literatur";
  return "References";
}

std::vector<Block> blocks_of(const Article& a) {
  const Document& doc = a.doc;
  const DocumentStructure& st = *doc.structure;
  const int n = doc.line_count();
  std::vector<int> entry_of(n + 1, -1), note_of(n + 1, -1);
  auto mark_lines = [&](ByteRange r, std::vector<int>& of, int value) {
    if (r.end <= r.begin) return;
    for (int l = doc.line_of(r.begin), last = doc.line_of(r.end - 1); l <= last; ++l)
      if (entry_of[l] < 0 && note_of[l] < 0) of[l] = value;
  };
  for (std::size_t e = 0; e < a.entries.size(); ++e) mark_lines(a.entries[e].bytes, entry_of, static_cast<int>(e));
  for (std::size_t f = 0; f < st.footnotes.size(); ++f)
    if (st.footnotes[f].body) mark_lines(*st.footnotes[f].body, note_of, static_cast<int>(f));

  std::vector<Block> blocks;
  bool list_heading = false;
  for (int l = 1; l <= n; ++l) {
    const std::size_t begin = doc.line_begin(l), end = doc.line_end(l);
    if (begin == end) continue;
    Block b;
    b.begin = begin;
    b.end = end;
    if (entry_of[l] >= 0) {
      b.kind = Kind::Entry;
      b.entry = entry_of[l];
      if (!blocks.empty() && blocks.back().kind == Kind::Entry && blocks.back().entry == b.entry) {
        blocks.back().end = end;
        continue;
      }
      if (!list_heading) {
        // A list without a title still has a heading on the printed page.
        Block h;
        h.kind = Kind::ListHeading;
        h.synthetic = list_heading_for(a.language);
        blocks.push_back(h);
        list_heading = true;
      }
    } else if (note_of[l] >= 0) {
      b.kind = Kind::Note;
      b.note = note_of[l];
      if (!blocks.empty() && blocks.back().kind == Kind::Note && blocks.back().note == b.note) {
        blocks.back().end = end;
        continue;
      }
    } else if (l == st.references_heading_line) {
      b.kind = Kind::ListHeading;
      list_heading = true;
    } else {
      std::string_view step = l - 1 < static_cast<int>(doc.origins.size()) ? last_step(doc.origins[l - 1].xpath) : "";
      b.kind = step == "title" || step == "article-title" || step == "trans-title" || step == "subtitle" ||
                       step == "alt-title"
                   ? Kind::Heading
                   : Kind::Text;
    }
    blocks.push_back(b);
  }
  return blocks;
}

// --- words and lines -------------------------------------------------------------------------

// Source bytes copied to an output string: text[at, at+len) came from source[src, src+len).
struct Segment {
  std::size_t src = 0, len = 0, at = 0;
};

struct Word {
  std::string text;
  std::vector<Segment> segs;
  int cps = 0;
};

struct OutLine {
  std::string text;
  std::vector<Segment> segs;
  int block = -1;  // -1: furniture or a blank line
};

void append_source(std::string& text, std::vector<Segment>& segs, const std::string& source, std::size_t src,
                   std::size_t len) {
  if (!segs.empty() && segs.back().src + segs.back().len == src && segs.back().at + segs.back().len == text.size())
    segs.back().len += len;
  else
    segs.push_back({src, len, text.size()});
  text.append(source, src, len);
}

void append_word(OutLine& line, const Word& w) {
  for (const Segment& s : w.segs) line.segs.push_back({s.src, s.len, line.text.size() + s.at});
  line.text += w.text;
}

// The words of source[begin, end); a space whose `glue` bit is set is dropped without ending
// the word (a superscript number sits on the word before it).
std::vector<Word> words_of(const std::string& source, std::size_t begin, std::size_t end,
                           const std::vector<bool>& glue) {
  std::vector<Word> words;
  Word cur;
  auto finish = [&] {
    if (cur.text.empty()) return;
    cur.cps = static_cast<int>(code_point_count(cur.text));
    words.push_back(std::move(cur));
    cur = Word{};
  };
  for (std::size_t i = begin; i < end; ++i) {
    if (ascii_space(source[i])) {
      if (!glue.empty() && glue[i]) continue;
      finish();
      continue;
    }
    append_source(cur.text, cur.segs, source, i, 1);
  }
  finish();
  return words;
}

// The word's bytes [from, to) as a word of its own.
Word slice(const Word& w, std::size_t from, std::size_t to) {
  Word out;
  out.text = w.text.substr(from, to - from);
  for (const Segment& s : w.segs) {
    std::size_t b = std::max(s.at, from), e = std::min(s.at + s.len, to);
    if (b < e) out.segs.push_back({s.src + (b - s.at), e - b, b - from});
  }
  out.cps = static_cast<int>(code_point_count(out.text));
  return out;
}

bool latin_vowel(char32_t cp) {
  static constexpr std::u32string_view kVowels = U"aeiouyAEIOUYàáâãäåèéêëìíîïòóôõöùúûüýÀÁÂÃÄÅÈÉÊËÌÍÎÏÒÓÔÕÖÙÚÛÜÝ";
  return kVowels.find(cp) != std::u32string_view::npos;
}

// Where a word made of letters only may be hyphenated so that at most `k` code points stay
// on the line and at least 3 go to the next: a byte offset, or npos. Typesetters break
// between syllables, so a vowel–consonant boundary is preferred ("conside-rações"); a word
// with anything but letters (a number, a DOI) is not hyphenated.
std::size_t hyphen_point(const std::string& w, int k) {
  std::vector<char32_t> cps;
  std::vector<std::size_t> at;
  for (std::size_t i = 0; i < w.size();) {
    at.push_back(i);
    char32_t cp = next_code_point(w, i);
    if (!is_word_char(cp)) return std::string::npos;
    cps.push_back(cp);
  }
  const int n = static_cast<int>(cps.size());
  k = std::min(k, n - 3);
  for (int c = k; c >= 3; --c)
    if (latin_vowel(cps[c - 1]) && !latin_vowel(cps[c]) && is_letter(cps[c])) return at[c];
  return k >= 3 ? at[k] : std::string::npos;
}

struct Style {
  int width = 0;                  // 0: a block is one line
  int text_first = 0, text_cont = 0;    // indents of paragraphs and notes
  int entry_first = 0, entry_cont = 0;  // indents of reference entries
  enum class Numbers { AsPublished, Dot, Bracket } numbers = Numbers::AsPublished;
  bool blank_between_blocks = false;   // every block apart
  bool blank_between_entries = false;
  bool hyphenate = false;
  bool pages = false;
  bool glue_superscripts = false;
};

class Wrapper {
 public:
  Wrapper(const std::string& source, const Style& style, Random& rng, const std::vector<bool>& glue)
      : source_(source), style_(style), rng_(rng), glue_(glue) {}

  // The block's lines: `first` and `cont` indents, `prefix` printed before its first word.
  void lay(int block, std::size_t begin, std::size_t end, const std::string& prefix, int first, int cont,
           std::vector<OutLine>& out) {
    std::vector<Word> words = words_of(source_, begin, end, glue_);
    OutLine cur{std::string(first, ' ') + prefix, {}, block};
    int col = static_cast<int>(code_point_count(cur.text));
    bool has_word = false;
    for (std::size_t wi = 0; wi < words.size(); ++wi) {
      Word w = std::move(words[wi]);
      if (style_.width > 0 && has_word && col + 1 + w.cps > style_.width) {
        const int room = style_.width - col - 2;  // the space and the hyphen
        std::size_t cut = style_.hyphenate && w.cps >= 8 && room >= 3 ? hyphen_point(w.text, room) : std::string::npos;
        if (cut != std::string::npos && rng_.chance(0.4)) {
          cur.text += ' ';
          append_word(cur, slice(w, 0, cut));
          cur.text += '-';
          w = slice(w, cut, w.text.size());
        }
        out.push_back(std::move(cur));
        cur = OutLine{std::string(cont, ' '), {}, block};
        col = cont;
        has_word = false;
      }
      if (has_word) {
        cur.text += ' ';
        ++col;
      }
      append_word(cur, w);
      col += w.cps;
      has_word = true;
    }
    out.push_back(std::move(cur));
  }

 private:
  const std::string& source_;
  const Style& style_;
  Random& rng_;
  const std::vector<bool>& glue_;
};

// Some lists keep the number in <label> and its separator in the entry ("1" + ". Alessi").
bool orphan_separator(std::string_view s) {
  return s.size() >= 2 && (s[0] == '.' || s[0] == ')' || s[0] == ':') && s[1] == ' ';
}

// A number the entry's own text starts with ("12. ", "[12] ", "12 "): its length up to the
// text after it, and its digits; 0 when there is none. A separator alone (". Alessi NP") is
// the rest of a number the <label> holds: its length, with no digits.
std::size_t printed_number(std::string_view s, std::string& digits) {
  if (orphan_separator(s)) return 2;
  std::size_t i = 0;
  bool bracket = i < s.size() && s[i] == '[';
  if (bracket) ++i;
  std::size_t d = i;
  while (i < s.size() && i - d < 4 && s[i] >= '0' && s[i] <= '9') ++i;
  if (i == d) return 0;
  digits = std::string(s.substr(d, i - d));
  if (bracket) {
    if (i >= s.size() || s[i] != ']') return 0;
    ++i;
  } else if (i < s.size() && (s[i] == '.' || s[i] == ')')) {
    ++i;
  }
  if (i >= s.size() || s[i] != ' ') return 0;
  return i + 1;
}

// The number of a label a list prints ("12", "[12]", "12."); "" for a label that is a
// citation key ("Bell (2012)"), which the printed list does not show.
std::string label_number(std::string_view label) {
  label = trim(label);
  if (!label.empty() && label.front() == '[' && label.back() == ']') label = label.substr(1, label.size() - 2);
  if (!label.empty() && (label.back() == '.' || label.back() == ')')) label.remove_suffix(1);
  return label.size() <= 4 && all_ascii_digits(label) ? std::string(label) : std::string();
}

// Spaces to drop so that bare citation numbers sit on the word before them, as pdftotext
// writes superscripts: "population 1" → "population1", "saúde. 2 - 4" → "saúde.2-4".
// A number inside brackets or parentheses is printed on the line, so it keeps its spaces.
std::vector<bool> superscript_glue(const Article& a) {
  const std::string& t = a.doc.text;
  std::vector<ByteRange> bare;
  for (const TruthCitation& c : a.citations)
    if (c.bytes.end > c.bytes.begin && all_ascii_digits(std::string_view(t).substr(c.bytes.begin, c.bytes.end - c.bytes.begin)))
      bare.push_back(c.bytes);
  std::sort(bare.begin(), bare.end(), [](const ByteRange& x, const ByteRange& y) { return x.begin < y.begin; });
  std::vector<bool> glue(t.size(), false);
  auto separator = [](char c) { return c == ' ' || c == ',' || c == '-' || c == ';'; };
  for (std::size_t i = 0; i < bare.size();) {
    // A group: bare numbers joined by nothing but separators (and en dashes).
    std::size_t j = i;
    while (j + 1 < bare.size()) {
      if (bare[j + 1].begin < bare[j].end) break;
      std::string_view between = std::string_view(t).substr(bare[j].end, bare[j + 1].begin - bare[j].end);
      bool ok = between.size() <= 8;
      for (std::size_t k = 0; ok && k < between.size();) {
        char32_t cp = next_code_point(between, k);
        ok = (cp < 0x80 && separator(static_cast<char>(cp))) || cp == 0x2013;
      }
      if (!ok) break;
      ++j;
    }
    std::size_t begin = bare[i].begin, end = bare[j].end;
    std::size_t before = begin;
    while (before > 0 && t[before - 1] == ' ') --before;
    std::size_t after = end;
    while (after < t.size() && t[after] == ' ') ++after;
    const bool bracketed = (before > 0 && (t[before - 1] == '[' || t[before - 1] == '(')) ||
                           (after < t.size() && (t[after] == ']' || t[after] == ')'));
    const bool line_start = before == 0 || t[before - 1] == '\n';
    if (!bracketed && !line_start) {
      for (std::size_t k = before; k < begin; ++k) glue[k] = true;
      for (std::size_t k = begin; k < end; ++k)
        if (t[k] == ' ') glue[k] = true;
    }
    i = j + 1;
  }
  return glue;
}

Style style_for(Layout layout, Random& rng) {
  Style s;
  const int width = rng.uniform(84, 96), hang = rng.uniform(3, 4), indent = rng.uniform(3, 5);
  switch (layout) {
    case Layout::Paragraph:
      s.blank_between_blocks = true;
      break;
    case Layout::WrappedHanging:
      s.width = width;
      s.entry_cont = hang;
      break;
    case Layout::WrappedFirstLine:
      s.width = width;
      s.text_first = s.entry_first = indent;
      break;
    case Layout::Numbered:
      s.width = width;
      s.entry_cont = hang;
      s.numbers = Style::Numbers::Dot;
      break;
    case Layout::Bracketed:
      s.width = width;
      s.entry_cont = hang;
      s.numbers = Style::Numbers::Bracket;
      break;
    case Layout::BlankSeparated:
      s.width = width;
      s.blank_between_entries = true;
      break;
    case Layout::Furniture:
      s.width = width;
      s.entry_cont = hang;
      s.hyphenate = true;
      s.pages = true;
      s.glue_superscripts = true;
      break;
  }
  return s;
}

// The lines of every block in reading order; notes that float to a page foot are laid out
// apart, in `notes` (by footnote index), when `float_notes` is set.
struct Flow {
  std::vector<OutLine> lines;
  std::unordered_map<int, std::vector<OutLine>> notes;
};

Flow lay_out(const Article& a, const std::vector<Block>& blocks, const Style& style, Random& rng,
             const std::vector<bool>& glue, const std::vector<bool>& floating) {
  const std::string& t = a.doc.text;
  Wrapper wrap(t, style, rng, glue);
  Flow flow;
  auto blank = [&] {
    if (!flow.lines.empty() && !flow.lines.back().text.empty()) flow.lines.push_back({});
  };
  int position = 0;
  for (std::size_t bi = 0; bi < blocks.size(); ++bi) {
    const Block& b = blocks[bi];
    const int id = static_cast<int>(bi);
    if (b.kind == Kind::Note && b.note >= 0 && floating[b.note]) {
      wrap.lay(id, b.begin, b.end, "", 0, 0, flow.notes[b.note]);
      continue;
    }
    if (style.blank_between_blocks) blank();
    switch (b.kind) {
      case Kind::Heading:
      case Kind::ListHeading:
        blank();
        if (!b.synthetic.empty()) flow.lines.push_back({b.synthetic, {}, id});
        else wrap.lay(id, b.begin, b.end, "", 0, 0, flow.lines);
        blank();
        break;
      case Kind::Text:
      case Kind::Note:
        wrap.lay(id, b.begin, b.end, "", style.text_first, style.text_cont, flow.lines);
        break;
      case Kind::Entry: {
        ++position;
        if (style.blank_between_entries) blank();
        const TruthEntry& e = a.entries[b.entry];
        std::string digits;
        std::size_t skip = printed_number(std::string_view(t).substr(b.begin, b.end - b.begin), digits);
        std::string prefix;
        std::size_t begin = b.begin;
        if (style.numbers == Style::Numbers::AsPublished) {
          std::string_view text = std::string_view(t).substr(b.begin, b.end - b.begin);
          std::string label(trim(e.label));
          if (label_number(label).empty()) label.clear();
          if (!label.empty() && orphan_separator(text)) prefix = label;
          else if (!skip && !label.empty())
            prefix = label + (label.back() >= '0' && label.back() <= '9' ? ". " : " ");
        } else {
          begin += skip;
          std::string number = label_number(e.label);
          if (number.empty()) number = digits;
          if (number.empty()) number = std::to_string(position);
          prefix = style.numbers == Style::Numbers::Dot ? number + ". " : "[" + number + "] ";
        }
        wrap.lay(id, begin, b.end, prefix, style.entry_first, style.entry_cont, flow.lines);
        break;
      }
    }
  }
  return flow;
}

// Pours the flow into pages: a running head (or none), the body, the notes whose marks the
// body holds, a page number alone (when there is no head); each page after the first starts
// with a form feed, as pdftotext writes it.
std::vector<OutLine> paginate(const Article& a, Flow& flow, Random& rng, std::vector<char>& page_start) {
  const DocumentStructure& st = *a.doc.structure;
  // Which floating notes each flow line marks.
  std::vector<std::pair<std::size_t, int>> marks;
  for (std::size_t f = 0; f < st.footnotes.size(); ++f)
    if (flow.notes.count(static_cast<int>(f)) && st.footnotes[f].marker)
      marks.emplace_back(st.footnotes[f].marker->begin, static_cast<int>(f));
  std::sort(marks.begin(), marks.end());
  auto notes_marked = [&](const OutLine& line) {
    std::vector<int> out;
    for (const Segment& s : line.segs)
      for (auto it = std::lower_bound(marks.begin(), marks.end(), std::make_pair(s.src, -1));
           it != marks.end() && it->first < s.src + s.len; ++it)
        out.push_back(it->second);
    return out;
  };

  const int page_length = rng.uniform(46, 54);
  int number = rng.uniform(1, 400);
  std::vector<OutLine> out;
  std::deque<int> pending;
  {
    // A note no line of text marks (its mark sits in another note) goes to the first page's
    // foot, where author notes are printed, rather than nowhere.
    std::vector<bool> marked(st.footnotes.size(), false);
    for (const OutLine& line : flow.lines)
      for (int f : notes_marked(line)) marked[f] = true;
    for (const auto& [f, lines] : flow.notes)
      if (!marked[f]) pending.push_back(f);
    std::sort(pending.begin(), pending.end());
  }
  std::size_t next = 0;
  bool first_page = true;
  while (next < flow.lines.size() || !pending.empty()) {
    std::vector<OutLine> head, body, foot, tail;
    const bool has_head = !first_page && rng.chance(0.8);
    if (has_head) {
      std::string h = number % 2 == 0 ? std::to_string(number) + " " + a.journal : a.author + " " + std::to_string(number);
      head.push_back({h, {}, -1});
      head.push_back({});
    } else if (first_page || rng.chance(0.7)) {
      tail.push_back({});
      tail.push_back({std::to_string(number), {}, -1});
    }
    const int room = page_length - static_cast<int>(head.size() + tail.size());
    auto used = [&] { return static_cast<int>(body.size() + foot.size() + (foot.empty() ? 0 : 1)); };
    auto take_notes = [&](bool force) {
      while (!pending.empty()) {
        const auto& lines = flow.notes[pending.front()];
        const int extra = static_cast<int>(lines.size()) + (foot.empty() ? 1 : 0);
        if (used() + extra > room && !(force && foot.empty())) break;
        foot.insert(foot.end(), lines.begin(), lines.end());
        pending.pop_front();
      }
    };
    while (next < flow.lines.size() && used() < room) {
      OutLine& line = flow.lines[next++];
      if (body.empty() && line.text.empty()) continue;  // no blank line at a page top
      for (int f : notes_marked(line)) pending.push_back(f);
      body.push_back(std::move(line));
      take_notes(false);
    }
    take_notes(next >= flow.lines.size() || foot.empty());
    if (next >= flow.lines.size()) take_notes(true);
    while (!body.empty() && body.back().text.empty()) body.pop_back();
    std::size_t first = out.size();
    for (auto& l : head) out.push_back(std::move(l));
    for (auto& l : body) out.push_back(std::move(l));
    if (!foot.empty()) {
      out.push_back({});
      for (auto& l : foot) out.push_back(std::move(l));
    }
    for (auto& l : tail) out.push_back(std::move(l));
    if (out.size() > first) {
      page_start.resize(out.size(), 0);
      if (!first_page) page_start[first] = 1;
      first_page = false;
    }
    ++number;
  }
  page_start.resize(out.size(), 0);
  return out;
}

}  // namespace

// --- rendering ---------------------------------------------------------------------------------

Rendered render(const Article& a, Layout layout) {
  Random rng(seed_of(a.name, layout_name(layout)));
  const Style style = style_for(layout, rng);
  const std::vector<Block> blocks = blocks_of(a);
  const std::vector<bool> glue =
      style.glue_superscripts && a.style == "numeric" ? superscript_glue(a) : std::vector<bool>();
  const DocumentStructure& st = *a.doc.structure;
  // A note floats to the foot of the page of its mark when the mark is in a line of text.
  std::vector<bool> floating(st.footnotes.size(), false);
  if (style.pages)
    for (std::size_t f = 0; f < st.footnotes.size(); ++f)
      floating[f] = st.footnotes[f].marker && st.footnotes[f].body && st.footnotes[f].body->end > st.footnotes[f].body->begin;
  Flow flow = lay_out(a, blocks, style, rng, glue, floating);
  std::vector<char> page_start;
  std::vector<OutLine> lines = style.pages ? paginate(a, flow, rng, page_start) : std::move(flow.lines);

  Rendered r;
  r.entries.resize(a.entries.size());
  constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();
  std::vector<std::size_t> to_out(a.doc.text.size(), kNone);
  int line_no = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const OutLine& l = lines[i];
    ++line_no;
    if (!page_start.empty() && page_start[i]) r.text += '\f';
    const std::size_t at = r.text.size();
    r.text += l.text;
    r.text += '\n';
    for (const Segment& s : l.segs)
      for (std::size_t k = 0; k < s.len; ++k) to_out[s.src + k] = at + s.at + k;
    if (l.block >= 0 && blocks[l.block].kind == Kind::Entry) {
      auto& e = r.entries[blocks[l.block].entry];
      if (!e.first) e.first = line_no;
      e.last = line_no;
    }
  }
  for (const TruthCitation& c : a.citations) {
    std::optional<ByteRange> where;
    for (std::size_t k = c.bytes.begin; k < c.bytes.end; ++k) {
      if (to_out[k] == kNone) continue;
      if (!where) where = ByteRange{to_out[k], to_out[k] + 1};
      where->end = std::max(where->end, to_out[k] + 1);
    }
    r.citations.push_back(where);
  }
  return r;
}

}  // namespace citecheck::eval
