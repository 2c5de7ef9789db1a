#include "bench/jats_citations.hpp"

#include <pugixml.hpp>

#include <algorithm>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>

#include "parsers/learned/field_features.hpp"
#include "parsers/unicode_text.hpp"

namespace fs = std::filesystem;

namespace citecheck::corpus {

namespace {

constexpr std::uint8_t kNoField = 255;

bool named(const pugi::xml_node& n, const char* name) { return std::strcmp(n.name(), name) == 0; }

// The field an element's text belongs to, or kNoField when it gives none (its text keeps the
// field of the element around it).
std::uint8_t field_of(const pugi::xml_node& n, bool has_title) {
  const std::string name = n.name();
  if (name == "person-group") {
    const std::string type = n.attribute("person-group-type").value();
    if (type.empty() || type == "author") return kFieldAuthor;
    if (type == "editor") return kFieldEditor;
    return kFieldOther;  // translators, compilers: not the work's authors
  }
  if (name == "name" || name == "string-name" || name == "collab" || name == "surname" || name == "given-names" ||
      name == "etal")
    return kFieldAuthor;
  if (name == "year") return kFieldYear;
  if (name == "article-title" || name == "chapter-title") return kFieldTitle;
  if (name == "source") return has_title ? kFieldContainer : kFieldTitle;
  if (name == "volume") return kFieldVolume;
  if (name == "issue") return kFieldIssue;
  if (name == "fpage" || name == "lpage" || name == "page-range" || name == "elocation-id") return kFieldPages;
  if (name == "publisher-name") return kFieldPublisher;
  if (name == "publisher-loc") return kFieldPlace;
  if (name == "pub-id") return std::string(n.attribute("pub-id-type").value()) == "doi" ? kFieldDoi : kFieldIdentifier;
  if (name == "ext-link" || name == "uri")
    return std::string(n.attribute("ext-link-type").value()) == "doi" ? kFieldDoi : kFieldUrl;
  if (name == "trans-title" || name == "trans-source" || name == "comment" || name == "edition" || name == "date-in-citation")
    return kFieldOther;
  return kNoField;
}

struct Builder {
  TaggedCitation c;
  bool space = false;
  bool has_title = false;

  // A space between two fields belongs to neither.
  void text(std::string_view v, std::uint8_t label) { append_labelled(c, space, v, label, kFieldOther); }
  void walk(const pugi::xml_node& node, std::uint8_t label, bool labelled) {
    for (pugi::xml_node ch = node.first_child(); ch; ch = ch.next_sibling()) {
      if (ch.type() == pugi::node_pcdata || ch.type() == pugi::node_cdata) {
        text(ch.value(), label);
      } else if (ch.type() == pugi::node_element) {
        if (named(ch, "label") || named(ch, "xref")) continue;
        std::uint8_t f = labelled ? kNoField : field_of(ch, has_title);
        if (f == kNoField) walk(ch, label, labelled);
        else walk(ch, f, true);
      }
    }
  }
};

// The fields of an <element-citation>, found in the printed text: long values first, so a
// number is looked for only where no title or name already stands.
void align_element_citation(TaggedCitation& c, const pugi::xml_node& ec) {
  const bool has_title = ec.child("article-title") || ec.child("chapter-title");
  std::vector<std::pair<std::string, std::uint8_t>> values;
  for (pugi::xml_node ch = ec.first_child(); ch; ch = ch.next_sibling()) {
    if (ch.type() != pugi::node_element) continue;
    const std::uint8_t f = field_of(ch, has_title);
    if (named(ch, "person-group")) {
      for (pugi::xml_node p = ch.first_child(); p; p = p.next_sibling()) {
        if (named(p, "name")) {
          values.emplace_back(p.child("surname").text().get(), f);
          values.emplace_back(p.child("given-names").text().get(), f);
        } else if (named(p, "collab") || named(p, "string-name")) {
          values.emplace_back(p.text().get(), f);
        }
      }
      continue;
    }
    if (f == kNoField || f == kFieldOther) continue;
    std::string v;
    for (const pugi::xpath_node& t : ch.select_nodes(".//text()")) v += t.node().value();
    values.emplace_back(v, f);
  }
  std::stable_sort(values.begin(), values.end(), [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
  for (const auto& [v, f] : values) label_first_free(c, v, f);
}

bool joiner_only(std::string_view gap) {
  std::size_t i = 0;
  while (i < gap.size()) {
    char ch = gap[i];
    if (ch == ' ' || ch == ',' || ch == ';' || ch == '.' || ch == '&' || ch == '-') { ++i; continue; }
    if (gap.substr(i, 3) == "\xE2\x80\x93") { i += 3; continue; }  // –
    std::size_t j = i;
    while (j < gap.size() && gap[j] != ' ' && gap[j] != ',') ++j;
    std::string_view w = gap.substr(i, j - i);
    if (w != "and" && w != "e" && w != "y" && w != "et" && w != "und") return false;
    i = j;
  }
  return true;
}

// One author span over the whole list ("Smith J, Brown K, et al."), pages from first to
// last ("45–67"), as GROBID's annotation has them: the joiners between fields of one kind
// join them.
void join_runs(TaggedCitation& c) {
  for (std::uint8_t label : {kFieldAuthor, kFieldEditor, kFieldPages}) {
    std::size_t last_end = std::string::npos;
    for (std::size_t i = 0; i < c.text.size();) {
      if (c.labels[i] != label) { ++i; continue; }
      std::size_t j = i;
      while (j < c.text.size() && c.labels[j] == label) ++j;
      if (last_end != std::string::npos && i - last_end <= 8) {
        bool other = true;
        for (std::size_t k = last_end; k < i; ++k) other = other && c.labels[k] == kFieldOther;
        if (other && joiner_only(std::string_view(c.text).substr(last_end, i - last_end)))
          std::fill(c.labels.begin() + static_cast<long>(last_end), c.labels.begin() + static_cast<long>(i), label);
      }
      last_end = j;
      i = j;
    }
  }
  // "175-82": a last page printed shorter than the markup gives it is the pages' still.
  for (std::size_t i = 0; i + 2 < c.text.size(); ++i) {
    if (c.labels[i] != kFieldPages || c.labels[i + 1] == kFieldPages) continue;
    std::size_t k = i + 1;
    if (c.text[k] == '-') ++k;
    else if (c.text.compare(k, 3, "\xE2\x80\x93") == 0) k += 3;
    else continue;
    std::size_t d = k;
    while (d < c.text.size() && c.text[d] >= '0' && c.text[d] <= '9' && c.labels[d] == kFieldOther) ++d;
    if (d > k && (d == c.text.size() || !(c.text[d] >= '0' && c.text[d] <= '9')))
      std::fill(c.labels.begin() + static_cast<long>(i + 1), c.labels.begin() + static_cast<long>(d), kFieldPages);
  }
  // "…, et al." after the names.
  for (std::size_t i = 0; i + 1 < c.text.size(); ++i) {
    if (c.labels[i] != kFieldAuthor || c.labels[i + 1] == kFieldAuthor) continue;
    std::string_view rest = std::string_view(c.text).substr(i + 1);
    for (std::string_view tail : {", et al.", " et al.", ", et al", " et al"}) {
      if (rest.substr(0, tail.size()) == tail) {
        std::fill(c.labels.begin() + static_cast<long>(i + 1), c.labels.begin() + static_cast<long>(i + 1 + tail.size()),
                  kFieldAuthor);
        break;
      }
    }
    break;
  }
  // A space or a closing mark at either end of a field is not the field's.
  for (std::size_t i = 0; i < c.text.size(); ++i)
    if (c.text[i] == ' ' && (i + 1 >= c.text.size() || c.labels[i + 1] != c.labels[i])) c.labels[i] = kFieldOther;
}

}  // namespace

std::vector<TaggedCitation> load_jats_citations(const fs::path& dir) {
  std::vector<TaggedCitation> out;
  for (const auto& p : xml_files(dir)) {
    pugi::xml_document doc;
    if (!doc.load_file(p.c_str(), pugi::parse_default | pugi::parse_ws_pcdata)) continue;
    for (const auto& xr : doc.select_nodes("//ref")) {
      pugi::xml_node ref = xr.node();
      pugi::xml_node mixed = ref.child("mixed-citation");
      if (!mixed) {
        // Some refs wrap their citation in <citation-alternatives>.
        if (pugi::xml_node alt = ref.child("citation-alternatives")) mixed = alt.child("mixed-citation");
      }
      if (!mixed) continue;
      pugi::xml_node element = ref.child("element-citation");
      if (!element) element = ref.child("citation-alternatives").child("element-citation");
      Builder b;
      b.c.name = "jats/" + p.stem().string();
      b.has_title = mixed.child("article-title") || mixed.child("chapter-title") ||
                    (element && (element.child("article-title") || element.child("chapter-title")));
      b.walk(mixed, kFieldOther, false);
      if (b.c.text.size() < 20) continue;
      if (element) align_element_citation(b.c, element);
      join_runs(b.c);
      fill_first_spans(b.c);
      if (b.c.first[kFieldTitle].empty() && b.c.first[kFieldContainer].empty()) continue;
      out.push_back(std::move(b.c));
    }
  }
  return out;
}

fs::path find_jats_root(const fs::path& source_dir) {
  return find_shared_corpus(source_dir, "jats", [](const fs::path& p) { return !xml_files(p).empty(); });
}

bool jats_held_out(const std::string& name) {
  std::uint32_t h = 2166136261u;
  for (unsigned char c : name) { h ^= c; h *= 16777619u; }
  return h % 3 == 0;
}

}  // namespace citecheck::corpus
