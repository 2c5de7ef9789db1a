#include "bench/grobid_corpus.hpp"

#include <pugixml.hpp>
#include <unicode/uchar.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <functional>

#include "parsers/unicode_text.hpp"

namespace fs = std::filesystem;

namespace citecheck::corpus {

std::vector<fs::path> xml_files(const fs::path& dir) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec))
    if (e.is_regular_file() && e.path().extension() == ".xml") out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

namespace {

std::string collapsed(std::string_view s) {
  std::string out;
  bool space = false;
  for (char ch : s) {
    if (ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r') { space = true; continue; }
    if (space && !out.empty()) out.push_back(' ');
    space = false;
    out.push_back(ch);
  }
  return out;
}

bool word_byte(const std::string& s, std::size_t i) {
  std::size_t k = i;
  while (k > 0 && (static_cast<unsigned char>(s[k]) & 0xC0) == 0x80) --k;
  std::size_t j = k;
  char32_t cp = next_code_point(s, j);
  return is_word_char(cp) || is_digit(cp);
}

}  // namespace

std::string lower_same_length(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t start = i;
    char32_t cp = next_code_point(s, i);
    std::string one;
    append_utf8(one, static_cast<char32_t>(u_tolower(static_cast<UChar32>(cp))));
    if (one.size() == i - start) out += one;
    else out.append(s, start, i - start);
  }
  return out;
}

bool label_first_free(TaggedCitation& c, std::string value, std::uint8_t label, bool any_case) {
  value = collapsed(value);
  while (!value.empty() && (value.back() == '.' || value.back() == ',' || value.back() == ';' || value.back() == ':'))
    value.pop_back();
  if (value.empty()) return false;
  const std::string hay = any_case ? lower_same_length(c.text) : std::string();
  if (any_case) value = lower_same_length(value);
  const std::string& text = any_case ? hay : c.text;
  for (std::size_t at = text.find(value); at != std::string::npos; at = text.find(value, at + 1)) {
    const std::size_t end = at + value.size();
    if (at > 0 && word_byte(c.text, at - 1) && word_byte(c.text, at)) continue;
    if (end < c.text.size() && word_byte(c.text, end) && word_byte(c.text, end - 1)) continue;
    bool free = true;
    for (std::size_t k = at; k < end && free; ++k) free = c.labels[k] == kFieldOther;
    if (!free) continue;
    std::fill(c.labels.begin() + static_cast<long>(at), c.labels.begin() + static_cast<long>(end), label);
    return true;
  }
  return false;
}

void fill_first_spans(TaggedCitation& c) {
  for (std::size_t i = 0; i < c.text.size();) {
    std::size_t j = i;
    while (j < c.text.size() && c.labels[j] == c.labels[i]) ++j;
    auto& first = c.first[c.labels[i]];
    if (first.empty() && c.labels[i] != kFieldOther) first = std::string(trim(std::string_view(c.text).substr(i, j - i)));
    i = j;
  }
}

void append_labelled(TaggedCitation& c, bool& space, std::string_view v, std::uint8_t label, std::uint8_t space_label) {
  for (char ch : v) {
    if (ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r') { space = true; continue; }
    if (space && !c.text.empty()) {
      const std::uint8_t before = c.labels.back();
      c.text.push_back(' ');
      c.labels.push_back(before == label ? label : space_label);
    }
    space = false;
    c.text.push_back(ch);
    c.labels.push_back(label);
  }
}

fs::path find_shared_corpus(const fs::path& source_dir, const std::string& name, const std::function<bool(const fs::path&)>& ok) {
  for (const fs::path& base : {fs::current_path(), source_dir}) {
    for (const std::string& rel : {"../shared/corpus/" + name, "shared/corpus/" + name}) {
      std::error_code ec;
      fs::path p = base / rel;
      if (fs::is_directory(p, ec) && ok(p)) return fs::weakly_canonical(p, ec);
    }
  }
  return {};
}

namespace {

int zone_of(const pugi::xml_node& n, int inherited) {
  std::string_view name = n.name();
  if (name == "listBibl") return kZoneReference;
  if (name == "page") return kZoneFurniture;
  if (name == "note") {
    std::string_view place = n.attribute("place").value();
    if (place == "footnote" || place == "endnote") return kZoneNote;
    if (place == "headnote" || place == "margin") return kZoneFurniture;
  }
  if (name == "body" || name == "front" || name == "div" || name == "titlePage" || name == "other") return kZoneBody;
  return inherited;
}

std::string collapse(std::string s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    if (c == ' ') { space = true; continue; }
    if (space && !out.empty()) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

// Walks the TEI text in document order: <lb/> ends a line; a zone element's end ends one too.
struct LineCollector {
  std::vector<ZonedLine> lines;
  std::string current;
  int current_zone = -1;

  void flush() {
    std::string t = collapse(current);
    if (!t.empty()) lines.push_back({t, current_zone < 0 ? kZoneBody : current_zone});
    current.clear();
    current_zone = -1;
  }
  void walk(const pugi::xml_node& node, int zone) {
    for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
      if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) {
        std::string_view v = c.value();
        bool visible = std::any_of(v.begin(), v.end(), [](char ch) { return ch != ' ' && ch != '\n' && ch != '\t' && ch != '\r'; });
        if (visible && current_zone < 0) current_zone = zone;
        current += v;
      } else if (c.type() == pugi::node_element) {
        if (std::strcmp(c.name(), "lb") == 0) { flush(); continue; }
        int z = zone_of(c, zone);
        bool boundary = z != zone;
        if (boundary) flush();
        walk(c, z);
        if (boundary) flush();
      }
    }
  }
};

}  // namespace

bool held_out(const std::string& name) {
  if (name.rfind("evaluation/", 0) == 0) return true;
  std::uint32_t h = 2166136261u;
  for (unsigned char c : name) { h ^= c; h *= 16777619u; }
  return h % 5 == 0;
}

std::vector<SegmentedDocument> load_segmentation(const fs::path& root) {
  std::vector<SegmentedDocument> out;
  for (const auto& p : xml_files(root / "segmentation" / "corpus" / "tei")) {
    pugi::xml_document doc;
    if (!doc.load_file(p.c_str(), pugi::parse_default | pugi::parse_ws_pcdata)) continue;
    pugi::xml_node text = doc.child("tei").child("text");
    if (!text) continue;
    LineCollector lc;
    lc.walk(text, kZoneBody);
    lc.flush();
    if (lc.lines.empty()) continue;
    out.push_back({p.filename().string(), std::move(lc.lines)});
  }
  return out;
}

std::vector<SegmentedList> load_reference_segmenter(const fs::path& root) {
  std::vector<SegmentedList> out;
  for (const char* split : {"corpus", "evaluation"}) {
    for (const auto& p : xml_files(root / "reference-segmenter" / split / "tei")) {
      pugi::xml_document doc;
      if (!doc.load_file(p.c_str(), pugi::parse_default | pugi::parse_ws_pcdata)) continue;
      SegmentedList sl;
      sl.name = std::string(split == std::string("evaluation") ? "evaluation/" : "") + p.filename().string();
      for (const auto& xn : doc.select_nodes("//listBibl")) {
        // Each <bibl>: its lines; text outside a bibl (a stray heading) continues nothing.
        for (pugi::xml_node c = xn.node().first_child(); c; c = c.next_sibling()) {
          if (c.type() != pugi::node_element || std::strcmp(c.name(), "bibl") != 0) continue;
          LineCollector lc;
          lc.walk(c, kZoneReference);
          lc.flush();
          for (std::size_t k = 0; k < lc.lines.size(); ++k) {
            sl.lines.push_back(lc.lines[k].text);
            sl.starts.push_back(k == 0);
          }
        }
      }
      if (!sl.lines.empty()) out.push_back(std::move(sl));
    }
  }
  return out;
}

std::vector<std::string> load_citation_strings(const fs::path& root) {
  std::vector<std::string> out;
  for (const auto& p : xml_files(root / "citation" / "corpus")) {
    pugi::xml_document doc;
    if (!doc.load_file(p.c_str(), pugi::parse_default | pugi::parse_ws_pcdata)) continue;
    for (const auto& xn : doc.select_nodes("//bibl")) {
      std::string text;
      for (const auto& tn : xn.node().select_nodes(".//text()")) text += tn.node().value();
      text = collapse(text);
      if (text.size() >= 20 && text.size() <= 600) out.push_back(std::move(text));
    }
  }
  return out;
}

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  return out;
}

// The label an element gives its text; -1 when it gives none (its text keeps the label of
// the element around it).
int field_of(const pugi::xml_node& n, bool has_article_title) {
  std::string name = lower(n.name());
  std::string level = lower(n.attribute("level").value());
  std::string unit = lower(n.attribute("unit").value());
  if (unit.empty()) unit = lower(n.attribute("type").value());
  if (name == "author" || name == "orgname") return kFieldAuthor;
  if (name == "editor") return kFieldEditor;
  if (name == "date") return kFieldYear;
  if (name == "title") {
    if (level == "j") return kFieldContainer;
    if (level == "m") return has_article_title ? kFieldContainer : kFieldTitle;
    if (level == "s") return kFieldOther;
    return kFieldTitle;
  }
  if (name == "biblscope") {
    if (unit == "volume" || unit == "vol") return kFieldVolume;
    if (unit == "issue") return kFieldIssue;
    if (unit == "page" || unit == "pp" || unit == "pages") return kFieldPages;
    return kFieldOther;
  }
  if (name == "publisher" || name == "publishe") return kFieldPublisher;
  if (name == "pubplace") return kFieldPlace;
  if (name == "idno") return unit == "doi" ? kFieldDoi : kFieldIdentifier;
  if (name == "ptr") return kFieldUrl;
  if (name == "note") return unit == "report" ? kFieldType : kFieldOther;
  return -1;
}

struct CitationBuilder {
  TaggedCitation c;
  bool space = false;
  bool has_article_title = false;
  std::array<std::pair<std::size_t, std::size_t>, kFieldLabelCount> spans{};
  std::array<bool, kFieldLabelCount> seen{};

  void text(std::string_view v, std::uint8_t label) { append_labelled(c, space, v, label, label); }
  void walk(const pugi::xml_node& node, std::uint8_t label, bool labelled) {
    for (pugi::xml_node ch = node.first_child(); ch; ch = ch.next_sibling()) {
      if (ch.type() == pugi::node_pcdata || ch.type() == pugi::node_cdata) {
        text(ch.value(), label);
      } else if (ch.type() == pugi::node_element) {
        int f = labelled ? -1 : field_of(ch, has_article_title);
        if (f < 0) { walk(ch, label, labelled); continue; }
        std::size_t begin = c.text.size() + (space && !c.text.empty() ? 1 : 0);
        walk(ch, static_cast<std::uint8_t>(f), f != kFieldOther);
        auto k = static_cast<std::size_t>(f);
        if (!seen[k] && c.text.size() > begin) {
          seen[k] = true;
          spans[k] = {begin, c.text.size()};
        }
      }
    }
  }
};

}  // namespace

std::vector<TaggedCitation> load_tagged_citations(const fs::path& root) {
  std::vector<TaggedCitation> out;
  for (const char* split : {"corpus", "evaluation"}) {
    for (const auto& p : xml_files(root / "citation" / split)) {
      pugi::xml_document doc;
      if (!doc.load_file(p.c_str(), pugi::parse_default | pugi::parse_ws_pcdata)) continue;
      std::string name = std::string(split == std::string("evaluation") ? "evaluation/" : "") + p.filename().string();
      for (const auto& xn : doc.select_nodes("//bibl")) {
        pugi::xml_node bibl = xn.node();
        if (bibl.parent() && std::strcmp(bibl.parent().name(), "bibl") == 0) continue;  // inside another
        CitationBuilder b;
        b.c.name = name;
        b.has_article_title = bibl.select_node(".//title[@level='a']") != nullptr;
        b.walk(bibl, kFieldOther, false);
        if (b.c.text.size() < 10) continue;
        for (std::size_t k = 0; k < kFieldLabelCount; ++k)
          if (b.seen[k]) b.c.first[k] = b.c.text.substr(b.spans[k].first, b.spans[k].second - b.spans[k].first);
        out.push_back(std::move(b.c));
      }
    }
  }
  return out;
}

fs::path find_grobid_root(const fs::path& source_dir) {
  return find_shared_corpus(source_dir, "grobid", [](const fs::path& p) {
    std::error_code ec;
    return fs::is_directory(p / "segmentation", ec);
  });
}

}  // namespace citecheck::corpus
