#include "parsers/readers/docx_reader.hpp"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include "parsers/document_builder.hpp"
#include "parsers/identifiers.hpp"
#include "parsers/readers/csl_record.hpp"
#include "parsers/readers/xml_part.hpp"
#include "parsers/readers/zip_archive.hpp"
#include "parsers/text_reader.hpp"
#include "parsers/unicode_text.hpp"

namespace citecheck {

namespace {

using pugi::xml_node;

constexpr std::size_t kMaxFieldDepth = 64;             // nested fields followed; deeper ones are text
constexpr std::size_t kMaxInstruction = 16u << 20;     // one field's instruction, in bytes
constexpr std::size_t kMaxHeadingCodePoints = 80;      // a bibliography's heading is short


xml_node child(xml_node n, std::string_view local) {
  for (xml_node c = n.first_child(); c; c = c.next_sibling())
    if (is_named(c, local)) return c;
  return {};
}

bool on(const char* v) {
  return v && (std::string_view(v) == "1" || std::string_view(v) == "true" || std::string_view(v) == "on");
}

// The text nodes directly under an element (w:t, w:instrText).
std::string own_text(xml_node n) {
  std::string out;
  for (xml_node c = n.first_child(); c; c = c.next_sibling())
    if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) out += c.value();
  return out;
}


std::string trimmed(std::string_view s) { return std::string(trim(s)); }

// Elements whose content is never text of the document: properties, tracked deletions and
// moves away, the fallback copy of alternate content (Word writes text boxes twice).
bool skipped(std::string_view name) {
  static constexpr std::string_view kSkipped[] = {
      "Fallback", "del",    "moveFrom", "delText", "delInstrText", "pPr",    "rPr",      "sectPr",
      "sdtPr",    "sdtEndPr", "tblPr",  "trPr",    "tcPr",         "tblGrid", "footnotePr", "endnotePr",
      "fldData",  "customXmlPr", "bookmarkStart", "bookmarkEnd"};
  for (std::string_view s : kSkipped)
    if (s == name) return true;
  return false;
}

// Every w:p below `root` in document (start-tag) order, nested ones (text boxes) included.
std::vector<xml_node> paragraphs_under(xml_node root) {
  std::vector<xml_node> out;
  std::vector<xml_node> stack;
  for (xml_node c = root.last_child(); c; c = c.previous_sibling()) stack.push_back(c);
  while (!stack.empty()) {
    xml_node n = stack.back();
    stack.pop_back();
    if (n.type() != pugi::node_element) continue;
    std::string_view name = local_name(n.name());
    if (skipped(name)) continue;
    if (name == "p") out.push_back(n);
    for (xml_node c = n.last_child(); c; c = c.previous_sibling()) stack.push_back(c);
  }
  return out;
}

std::map<std::string, std::string> external_targets(const std::string& xml, const std::string& what) {
  std::map<std::string, std::string> out;
  if (xml.empty()) return out;
  pugi::xml_document d;
  parse_xml_part(d, xml, what);
  xml_node root = d.document_element();
  for (xml_node r = root.first_child(); r; r = r.next_sibling()) {
    if (!is_named(r, "Relationship")) continue;
    const char* mode = attribute_value(r, "TargetMode");
    const char* id = attribute_value(r, "Id");
    const char* target = attribute_value(r, "Target");
    if (mode && std::string_view(mode) == "External" && id && target) out[id] = target;
  }
  return out;
}

// The URL of a HYPERLINK field instruction ("HYPERLINK "https://…" \o "tip""); "" for an
// internal link (\l "bookmark" alone).
std::string hyperlink_target(std::string_view instr) {
  std::size_t i = 0;
  auto next_token = [&](std::string& tok) {
    while (i < instr.size() && (instr[i] == ' ' || instr[i] == '\t')) ++i;
    if (i >= instr.size()) return false;
    tok.clear();
    if (instr[i] == '"') {
      std::size_t close = instr.find('"', i + 1);
      if (close == std::string_view::npos) close = instr.size();
      tok = std::string(instr.substr(i + 1, close - i - 1));
      i = close + 1;
      if (tok.empty()) tok = "\"\"";  // an empty quoted argument still is a token
    } else {
      std::size_t end = i;
      while (end < instr.size() && instr[end] != ' ' && instr[end] != '\t') ++end;
      tok = std::string(instr.substr(i, end - i));
      i = end;
    }
    return true;
  };
  std::string tok;
  next_token(tok);  // HYPERLINK
  while (next_token(tok)) {
    if (tok.size() >= 2 && tok[0] == '\\') {
      char sw = tok[1];
      if (sw == 'l' || sw == 'o' || sw == 't') next_token(tok);  // switches with an argument
      continue;
    }
    return tok == "\"\"" ? "" : tok;
  }
  return "";
}

std::string base64_decode(std::string_view in) {
  auto value = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
  };
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (char c : in) {
    int v = value(c);
    if (v < 0) {
      if (c == '=') break;
      continue;  // white space between the pieces
    }
    buffer = (buffer << 6) | static_cast<unsigned>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((buffer >> bits) & 0xFF));
    }
  }
  return out;
}

// Tags of a formatted citation ("<i>Title</i>", "<sup>1</sup>") removed.
std::string without_tags(std::string_view s) {
  std::string out;
  bool in_tag = false;
  for (char c : s) {
    if (c == '<') in_tag = true;
    else if (c == '>' && in_tag) in_tag = false;
    else if (!in_tag) out.push_back(c);
  }
  return out;
}

// --- EndNote ---------------------------------------------------------------------------

Person endnote_person(std::string_view name) {
  Person p;
  std::string s = trimmed(name);
  std::size_t comma = s.find(',');
  if (comma == std::string::npos) {
    p.family = s;
  } else {
    p.family = trimmed(std::string_view(s).substr(0, comma));
    p.given = trimmed(std::string_view(s).substr(comma + 1));
  }
  return p;
}

std::optional<std::string> first_year(std::string_view text) {
  std::string s = fold_digits(text);
  for (std::size_t i = 0; i + 4 <= s.size(); ++i) {
    bool digits = true;
    for (std::size_t j = 0; j < 4 && digits; ++j) digits = std::isdigit(static_cast<unsigned char>(s[i + j])) != 0;
    if (digits) return s.substr(i, 4);
  }
  return std::nullopt;
}

std::optional<std::string> field_text(xml_node n) {
  if (!n) return std::nullopt;
  std::string s = trimmed(deep_text(n));
  if (s.empty()) return std::nullopt;
  return s;
}

Work endnote_work(xml_node cite) {
  Work w;
  xml_node record = child(cite, "record");
  xml_node authors = child(child(record, "contributors"), "authors");
  for (xml_node a = authors.first_child(); a; a = a.next_sibling()) {
    if (!is_named(a, "author")) continue;
    Person p = endnote_person(deep_text(a));
    if (p.family.empty()) continue;
    if (!w.author_text.empty()) w.author_text += "; ";
    w.author_text += p.given.empty() ? p.family : p.family + ", " + p.given;
    w.authors.push_back(std::move(p));
  }
  if (w.authors.empty())
    if (auto a = field_text(child(cite, "Author"))) {
      w.authors.push_back(endnote_person(*a));
      w.author_text = *a;
    }
  if (auto y = field_text(child(child(record, "dates"), "year"))) w.year = first_year(*y);
  if (!w.year)
    if (auto y = field_text(child(cite, "Year"))) w.year = first_year(*y);
  xml_node titles = child(record, "titles");
  w.title = field_text(child(titles, "title"));
  w.container = field_text(child(titles, "secondary-title"));
  if (!w.container) w.container = field_text(child(child(record, "periodical"), "full-title"));
  w.volume = field_text(child(record, "volume"));
  w.issue = field_text(child(record, "number"));
  w.pages = field_text(child(record, "pages"));
  w.isbn = field_text(child(record, "isbn"));
  if (auto doi = field_text(child(record, "electronic-resource-num"))) {
    std::string d = normalise_doi(*doi);
    if (!d.empty()) w.doi = d;
  }
  xml_node urls = child(child(record, "urls"), "related-urls");
  for (xml_node u = urls.first_child(); u; u = u.next_sibling())
    if (is_named(u, "url"))
      if (auto s = field_text(u)) w.urls.push_back(*s);
  return w;
}

// An EndNote field's XML (<EndNote><Cite>…</Cite></EndNote>); nullopt when it is malformed.
std::optional<FieldCitation> endnote_citation(std::string_view xml) {
  pugi::xml_document d;
  try {
    parse_xml_part(d, xml, "an EndNote field");
  } catch (const InputError&) {
    return std::nullopt;
  }
  xml_node root = d.document_element();
  if (!is_named(root, "EndNote")) return std::nullopt;
  FieldCitation fc;
  fc.source = "endnote";
  for (xml_node cite = root.first_child(); cite; cite = cite.next_sibling()) {
    if (!is_named(cite, "Cite")) continue;
    if (fc.generated_text.empty())
      if (auto shown = field_text(child(cite, "DisplayText"))) fc.generated_text = *shown;
    Work w = endnote_work(cite);
    if (!w.authors.empty() || w.year || w.title || w.doi) fc.items.push_back(std::move(w));
  }
  return fc;
}

// --- The walk over a part's paragraphs ---------------------------------------------------

struct Field {
  std::string instr;
  std::string data;          // w:fldData of the begin mark (EndNote's base64 record)
  std::string nested_data;   // decoded EN.CITE.DATA of a field nested in the instruction
  bool result = false;       // past the separate mark
  std::size_t result_begin = 0;
};

struct NoteRef {
  bool endnote = false;
  std::string id;
  std::size_t marked = 0;  // index in structure.footnotes
  int number = 0;          // 0: custom mark, numbered after the others
};

enum class Part { Body, Note };

// How Word numbers one kind of note (w:footnotePr, w:endnotePr).
struct NoteNumbering {
  std::string format;
  int start = 1;
  std::string label(int number) const { return note_number_label(number + start - 1, format); }
};

// Applies a w:footnotePr or w:endnotePr: its w:numFmt and w:numStart, when present.
void apply_note_properties(xml_node pr, NoteNumbering& numbering) {
  if (!pr) return;
  if (xml_node f = child(pr, "numFmt"))
    if (const char* v = attribute_value(f, "val"); v && *v) numbering.format = v;
  if (xml_node st = child(pr, "numStart"))
    if (const char* v = attribute_value(st, "val")) {
      int n = 0;
      for (const char* p = v; *p >= '0' && *p <= '9' && n < 100000; ++p) n = n * 10 + (*p - '0');
      if (n >= 1 && n < 100000) numbering.start = n;
    }
}

class DocxWalker {
 public:
  explicit DocxWalker(DocumentBuilder& b) : b_(b), st_(b.structure()) {}

  void set_rels(const std::map<std::string, std::string>* rels) { rels_ = rels; }
  void reset_fields() {
    fields_.clear();
    overflow_ = 0;
  }
  void set_part(Part p) { part_ = p; }

  // One paragraph's content (nested paragraphs are walked on their own).
  void walk_paragraph(xml_node para);
  void finish_custom_mark();

  // Appends text that came from `from` (a null node: text the reader makes, a note's number).
  void emit(std::string_view s, xml_node from = {}) {
    std::size_t skipped = 0;
    if (strip_leading_) {
      while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
        s.remove_prefix(1);
        ++skipped;
      }
      if (s.empty()) return;
      strip_leading_ = false;
    }
    if (pending_custom_) custom_capture_.append(s.substr(0, 64));
    const std::size_t begin = b_.offset();
    b_.append(s);
    if (map_) map_->pieces.push_back({ByteRange{begin, b_.offset()}, from, skipped});
  }
  void strip_leading(bool v) { strip_leading_ = v; }
  void set_map(DocxTextMap* map) { map_ = map; }

  std::vector<NoteRef> refs;
  std::vector<ByteRange> bibliographies;
  int footnotes_numbered = 0, endnotes_numbered = 0;
  NoteNumbering footnote_numbers{"decimal"}, endnote_numbers{"lowerRoman"};
  std::string label(bool endnote, int number) const {
    return endnote ? endnote_numbers.label(number) : footnote_numbers.label(number);
  }

 private:
  struct Frame {
    xml_node node;
    bool exit = false;
    std::size_t aux = 0;
  };

  void text(std::string_view s, xml_node from);
  void field_char(xml_node n);
  void finish_field(Field f, bool shown);
  void note_reference(xml_node n, bool endnote);
  bool in_instruction() const {
    for (const Field& f : fields_)
      if (!f.result) return true;
    return false;
  }

  DocumentBuilder& b_;
  DocumentStructure& st_;
  const std::map<std::string, std::string>* rels_ = nullptr;
  Part part_ = Part::Body;
  std::vector<Field> fields_;
  std::size_t overflow_ = 0;
  bool strip_leading_ = false;
  DocxTextMap* map_ = nullptr;
  std::optional<std::size_t> pending_custom_;
  std::string custom_capture_;
  std::vector<std::pair<std::string, std::size_t>> links_;  // open w:hyperlink: target, begin
};

void DocxWalker::text(std::string_view s, xml_node from) {
  for (auto it = fields_.rbegin(); it != fields_.rend(); ++it)
    if (!it->result) {  // text inside an instruction (a nested field's result) belongs to it
      if (it->instr.size() < kMaxInstruction) it->instr.append(s);
      return;
    }
  emit(s, from);
}

void DocxWalker::field_char(xml_node n) {
  const char* type = attribute_value(n, "fldCharType");
  std::string_view t = type ? type : "";
  if (t == "begin") {
    if (fields_.size() >= kMaxFieldDepth || overflow_ > 0) {
      ++overflow_;
      return;
    }
    Field f;
    if (xml_node data = child(n, "fldData")) f.data = own_text(data).substr(0, kMaxInstruction);
    fields_.push_back(std::move(f));
  } else if (t == "separate") {
    if (overflow_ > 0 || fields_.empty() || fields_.back().result) return;
    fields_.back().result = true;
    fields_.back().result_begin = b_.offset();
  } else if (t == "end") {
    if (overflow_ > 0) {
      --overflow_;
      return;
    }
    if (fields_.empty()) return;
    Field f = std::move(fields_.back());
    fields_.pop_back();
    finish_field(std::move(f), !in_instruction());
  }
}

void DocxWalker::finish_field(Field f, bool shown) {
  ByteRange range{f.result ? f.result_begin : b_.offset(), b_.offset()};
  std::string_view instr = trim(f.instr);
  std::string_view word = instr.substr(0, instr.find_first_of(" \t"));
  std::string keyword = lower_ascii(word);
  std::string_view rest = trim(instr.substr(word.size()));
  std::string rest_lower = lower_ascii(rest.substr(0, 64));
  auto starts = [&](std::string_view p) { return rest_lower.rfind(p, 0) == 0; };

  if (!shown) {
    // EndNote nests "ADDIN EN.CITE.DATA" (its record, base64 in w:fldData) in the
    // instruction of "ADDIN EN.CITE": hand the record to the enclosing field.
    if (keyword == "addin" && starts("en.cite.data") && !fields_.empty())
      fields_.back().nested_data += base64_decode(f.data);
    return;
  }
  if (keyword == "hyperlink") {
    std::string target = hyperlink_target(instr);
    if (!target.empty()) st_.hyperlinks.push_back({target, range});
    return;
  }
  if (keyword == "bibliography") {
    bibliographies.push_back(range);
    return;
  }
  if (keyword != "addin") return;
  auto json_of = [&]() -> std::string_view {
    std::size_t open = rest.find('{'), close = rest.rfind('}');
    if (open == std::string_view::npos || close == std::string_view::npos || close < open) return {};
    return rest.substr(open, close - open + 1);
  };
  std::optional<FieldCitation> fc;
  if (starts("zotero_item")) {
    fc = citation_from_csl_json(json_of(), "zotero");
  } else if (starts("csl_citation")) {
    fc = citation_from_csl_json(json_of(), "mendeley");
  } else if (starts("zotero_bibl") || starts("en.reflist") || starts("mendeley bibliography") ||
             rest_lower.find("csl_bibliography") != std::string::npos) {
    bibliographies.push_back(range);
  } else if (starts("en.cite.data")) {
    return;  // only meaningful nested in an EN.CITE instruction
  } else if (starts("en.cite")) {
    std::string xml;
    if (std::size_t at = rest.find("<EndNote"); at != std::string_view::npos) xml = std::string(rest.substr(at));
    else if (std::string d = base64_decode(f.data); d.find("<EndNote") != std::string::npos) xml = d;
    else xml = f.nested_data;
    if (std::size_t at = xml.find("<EndNote"); at != std::string::npos) {
      fc = endnote_citation(std::string_view(xml).substr(at));
    } else {
      // A record we cannot read (not XML after decoding): the field still marks a citation,
      // without items, so what its text says stands.
      fc = FieldCitation{};
      fc->source = "endnote";
    }
  }
  if (fc) {
    fc->bytes = range;
    st_.citations.push_back(std::move(*fc));
  }
}

void DocxWalker::note_reference(xml_node n, bool endnote) {
  if (part_ != Part::Body || in_instruction()) return;
  finish_custom_mark();
  NoteRef ref;
  ref.endnote = endnote;
  ref.id = attribute_value(n, "id") ? attribute_value(n, "id") : "";
  ref.marked = st_.footnotes.size();
  MarkedFootnote mf;
  if (on(attribute_value(n, "customMarkFollows"))) {
    mf.marker = ByteRange{b_.offset(), b_.offset()};
    pending_custom_ = ref.marked;
    custom_capture_.clear();
  } else {
    ref.number = endnote ? ++endnotes_numbered : ++footnotes_numbered;
    mf.label = label(endnote, ref.number);
    std::size_t begin = b_.offset();
    emit(mf.label, n);
    mf.marker = ByteRange{begin, b_.offset()};
  }
  st_.footnotes.push_back(std::move(mf));
  refs.push_back(std::move(ref));
}

void DocxWalker::finish_custom_mark() {
  if (!pending_custom_) return;
  MarkedFootnote& mf = st_.footnotes[*pending_custom_];
  mf.label = trimmed(custom_capture_);
  mf.marker->end = b_.offset();
  pending_custom_.reset();
  custom_capture_.clear();
}

void DocxWalker::walk_paragraph(xml_node para) {
  std::vector<Frame> stack;
  for (xml_node c = para.last_child(); c; c = c.previous_sibling()) stack.push_back({c});
  while (!stack.empty()) {
    Frame f = stack.back();
    stack.pop_back();
    xml_node n = f.node;
    std::string_view name = local_name(n.name());
    if (f.exit) {
      if (name == "hyperlink" && !links_.empty()) {
        auto [target, begin] = links_.back();
        links_.pop_back();
        if (!target.empty()) st_.hyperlinks.push_back({target, ByteRange{begin, b_.offset()}});
      } else if (name == "fldSimple" && f.aux > 0) {
        while (fields_.size() > f.aux) fields_.pop_back();  // complex fields left open inside
        if (fields_.size() == f.aux) {
          Field done = std::move(fields_.back());
          fields_.pop_back();
          finish_field(std::move(done), !in_instruction());
        }
      } else if (name == "r" && pending_custom_ && !custom_capture_.empty()) {
        finish_custom_mark();
      }
      continue;
    }
    if (n.type() != pugi::node_element || name == "p" || skipped(name)) continue;
    bool descend = true;
    if (name == "t") {
      text(own_text(n), n);
      descend = false;
    } else if (name == "tab" || name == "ptab" || name == "br" || name == "cr") {
      text(" ", n);
    } else if (name == "noBreakHyphen") {
      text("-", n);
    } else if (name == "softHyphen" || name == "sym") {
      descend = false;
    } else if (name == "instrText") {
      if (overflow_ == 0 && !fields_.empty() && !fields_.back().result &&
          fields_.back().instr.size() < kMaxInstruction)
        fields_.back().instr += own_text(n);
      descend = false;
    } else if (name == "fldChar") {
      field_char(n);
      descend = false;
    } else if (name == "footnoteReference" || name == "endnoteReference") {
      note_reference(n, name == "endnoteReference");
      descend = false;
    } else if (name == "hyperlink") {
      std::string target;
      if (const char* id = attribute_value(n, "id"); id && rels_) {
        auto it = rels_->find(id);
        if (it != rels_->end()) target = it->second;
      }
      links_.emplace_back(std::move(target), b_.offset());
      stack.push_back({n, true});
    } else if (name == "fldSimple") {
      std::size_t depth = 0;
      if (overflow_ == 0 && fields_.size() < kMaxFieldDepth) {
        Field fld;
        const char* instr = attribute_value(n, "instr");
        fld.instr = instr ? std::string(instr).substr(0, kMaxInstruction) : "";
        fld.result = true;
        fld.result_begin = b_.offset();
        fields_.push_back(std::move(fld));
        depth = fields_.size();
      }
      stack.push_back({n, true, depth});
    } else if (name == "r") {
      stack.push_back({n, true});
    }
    if (descend)
      for (xml_node c = n.last_child(); c; c = c.previous_sibling()) stack.push_back({c});
  }
}

struct NoteSource {
  std::map<std::string, xml_node> by_id;
  std::vector<xml_node> order;
  std::map<std::string, std::string> rels;
};

void load_notes(pugi::xml_document& d, NoteSource& src, const std::string& xml, const std::string& rels,
                const std::string& what, XmlUse use) {
  if (xml.empty()) return;
  parse_xml_part(d, xml, what, {}, use);
  src.rels = external_targets(rels, relationships_part_of(what));
  for (xml_node n = d.document_element().first_child(); n; n = n.next_sibling()) {
    if (!is_named(n, "footnote") && !is_named(n, "endnote")) continue;
    const char* type = attribute_value(n, "type");
    std::string_view t = type ? type : "normal";
    if (t == "separator" || t == "continuationSeparator" || t == "continuationNotice") continue;
    const char* id = attribute_value(n, "id");
    if (!id || src.by_id.count(id)) continue;
    src.by_id[id] = n;
    src.order.push_back(n);
  }
}

}  // namespace

// A relationship's target as a part name: absolute ("/word/x.xml") from the package root,
// else relative to the directory of the part whose relationships name it ("../x.xml" climbs).
std::string package_part_name(const std::string& source_dir, std::string_view target) {
  std::vector<std::string> segments;
  std::string joined = !target.empty() && target.front() == '/' ? std::string(target.substr(1))
                                                                 : (source_dir.empty() ? "" : source_dir + "/") + std::string(target);
  std::size_t pos = 0;
  while (pos <= joined.size()) {
    std::size_t slash = joined.find('/', pos);
    if (slash == std::string::npos) slash = joined.size();
    std::string seg = joined.substr(pos, slash - pos);
    if (seg == "..") {
      if (!segments.empty()) segments.pop_back();
    } else if (!seg.empty() && seg != ".") {
      segments.push_back(seg);
    }
    pos = slash + 1;
  }
  std::string out;
  for (const std::string& seg : segments) out += (out.empty() ? "" : "/") + seg;
  return out;
}

std::string package_directory_of(const std::string& part) {
  std::size_t slash = part.rfind('/');
  return slash == std::string::npos ? "" : part.substr(0, slash);
}

// word/document.xml → word/_rels/document.xml.rels
std::string relationships_part_of(const std::string& part) {
  std::string dir = package_directory_of(part);
  std::string base = dir.empty() ? part : part.substr(dir.size() + 1);
  return (dir.empty() ? "" : dir + "/") + "_rels/" + base + ".rels";
}

std::string note_number_label(int n, std::string_view format) {
  if (n <= 0) return std::to_string(n);
  if (format == "lowerRoman" || format == "upperRoman") {
    std::string r = roman_lower(n);
    if (format == "upperRoman")
      for (char& c : r) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return r;
  }
  if (format == "lowerLetter" || format == "upperLetter") {
    if (n > 780) return std::to_string(n);  // 30 repetitions of z; Word stops long before
    char letter = static_cast<char>((format == "lowerLetter" ? 'a' : 'A') + (n - 1) % 26);
    return std::string(static_cast<std::size_t>((n - 1) / 26 + 1), letter);
  }
  if (format == "chicago") {
    static constexpr const char* kSymbols[] = {"*", "\xE2\x80\xA0", "\xE2\x80\xA1", "\xC2\xA7"};  // * † ‡ §
    if (n > 40) return std::to_string(n);
    std::string out;
    for (int i = 0; i < (n - 1) / 4 + 1; ++i) out += kSymbols[(n - 1) % 4];
    return out;
  }
  if (format == "decimalZero" && n < 10) return "0" + std::to_string(n);
  return std::to_string(n);
}

std::string roman_lower(int n) {
  if (n <= 0 || n > 3999) return std::to_string(n);
  static constexpr std::pair<int, const char*> kNumerals[] = {
      {1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"}, {90, "xc"}, {50, "l"},
      {40, "xl"},  {10, "x"},   {9, "ix"},  {5, "v"},    {4, "iv"},  {1, "i"}};
  std::string out;
  for (auto [value, numeral] : kNumerals)
    while (n >= value) {
      out += numeral;
      n -= value;
    }
  return out;
}

std::optional<FieldCitation> citation_from_csl_json(std::string_view text, std::string source) {
  using nlohmann::json;
  if (text.empty() || !json_nesting_within(text)) return std::nullopt;
  try {
    json j = json::parse(text.begin(), text.end(), nullptr, false);
    if (j.is_discarded() || !j.is_object()) return std::nullopt;
    FieldCitation fc;
    fc.source = std::move(source);
    if (auto items = j.find("citationItems"); items != j.end() && items->is_array())
      for (const json& item : *items) {
        if (!item.is_object()) continue;
        auto data = item.find("itemData");
        if (data != item.end() && data->is_object()) fc.items.push_back(work_from_csl(*data));
      }
    auto string_at = [](const json& obj, const char* key) -> std::string {
      if (!obj.is_object()) return "";
      auto it = obj.find(key);
      return it != obj.end() && it->is_string() ? it->get<std::string>() : "";
    };
    auto true_at = [](const json& obj, const char* key) {
      if (!obj.is_object()) return false;
      auto it = obj.find(key);
      return it != obj.end() && ((it->is_boolean() && it->get<bool>()) || (it->is_number_integer() && it->get<long long>() != 0));
    };
    json none = json::object();
    const json& props = j.contains("properties") ? j["properties"] : none;
    const json& mendeley = j.contains("mendeley") ? j["mendeley"] : none;
    const json& manual = j.contains("manualOverride") ? j["manualOverride"] : none;
    for (std::string candidate : {string_at(props, "plainCitation"), string_at(mendeley, "plainTextFormattedCitation"),
                                  without_tags(string_at(mendeley, "formattedCitation")),
                                  string_at(manual, "citeprocText"), without_tags(string_at(props, "formattedCitation"))})
      if (fc.generated_text.empty()) fc.generated_text = trimmed(candidate);
    fc.marked_edited = true_at(props, "dontUpdate") || true_at(manual, "isManuallyOverridden");
    return fc;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

void mark_bibliography(Document& doc, const std::vector<ByteRange>& ranges) {
  if (ranges.empty() || !doc.structure) return;
  DocumentStructure& st = *doc.structure;
  st.references_marked = true;
  for (const ByteRange& r : ranges) {
    if (r.begin > r.end || r.end > doc.text.size()) continue;
    int first = doc.line_of(r.begin);
    int last = doc.line_of(r.end > r.begin ? r.end - 1 : r.begin);
    if (st.references_heading.empty()) {
      for (int l = first - 1; l >= 1; --l) {
        std::string_view line = trim(doc.line(l));
        if (line.empty()) continue;
        if (code_point_count(line) <= kMaxHeadingCodePoints) {
          st.references_heading = std::string(line);
          st.references_heading_line = l;
        }
        break;
      }
    }
    for (int l = first; l <= last; ++l) {
      std::size_t begin = std::max(doc.line_begin(l), r.begin), end = std::min(doc.line_end(l), r.end);
      if (begin >= end) continue;
      std::string_view whole(doc.text.data() + begin, end - begin);
      std::string_view entry = trim(whole);
      if (entry.empty()) continue;
      MarkedReference ref;
      ref.bytes.begin = begin + static_cast<std::size_t>(entry.data() - whole.data());
      ref.bytes.end = ref.bytes.begin + entry.size();
      // A leading "[12]", "12." or "12)" is the entry's label.
      std::size_t cut = std::min<std::size_t>(entry.size(), 48);
      while (cut < entry.size() && (static_cast<unsigned char>(entry[cut]) & 0xC0) == 0x80) --cut;
      std::string head = fold_digits(entry.substr(0, cut));
      std::size_t i = head.size() > 0 && head[0] == '[' ? 1 : 0, d = i;
      while (d < head.size() && std::isdigit(static_cast<unsigned char>(head[d]))) ++d;
      if (d > i && d < head.size() && d - i <= 6 &&
          ((i == 1 && head[d] == ']') || (i == 0 && (head[d] == '.' || head[d] == ')'))))
        ref.label = head.substr(i, d - i);
      st.references.push_back(std::move(ref));
    }
  }
}

namespace {

// Reads the parts into `trees` (parsed for reading, or to be written back) and walks them;
// with a map, records where each piece of the text came from.
Document walk_docx(std::string path, const DocxParts& parts, DocxTrees& trees, XmlUse use, DocxTextMap* map) {
  pugi::xml_document& body_xml = trees.document;
  parse_xml_part(body_xml, parts.document, parts.document_name, {}, use);
  xml_node body = child(body_xml.document_element(), "body");
  if (!is_named(body_xml.document_element(), "document") || !body)
    throw InputError(parts.document_name + " has no document body (w:body); is it a Word document?");
  auto body_rels = external_targets(parts.document_rels, relationships_part_of(parts.document_name));
  NoteSource foot, end;
  load_notes(trees.footnotes, foot, parts.footnotes, parts.footnotes_rels, parts.footnotes_name, use);
  load_notes(trees.endnotes, end, parts.endnotes, parts.endnotes_rels, parts.endnotes_name, use);

  DocumentBuilder b(std::move(path), "docx");
  b.structure().notes_marked = true;  // the file says where its notes are, even when it has none
  DocxWalker w(b);
  w.set_rels(&body_rels);
  w.set_map(map);
  // Every line ends here, with the paragraph it holds (null: a note without one).
  auto end_line = [&](const LineOrigin& o, xml_node paragraph) {
    b.end_line(o);
    if (map) map->paragraphs.push_back(paragraph);
  };
  // The notes' number formats: the document's settings, then the body's final section
  // properties (its last, default section), which Word lets override them. Settings that are
  // not well-formed XML only cost the formats, not the document.
  if (!parts.settings.empty()) {
    pugi::xml_document settings_xml;
    try {
      parse_xml_part(settings_xml, parts.settings, "word/settings.xml");
      apply_note_properties(child(settings_xml.document_element(), "footnotePr"), w.footnote_numbers);
      apply_note_properties(child(settings_xml.document_element(), "endnotePr"), w.endnote_numbers);
    } catch (const InputError&) {
    }
  }
  if (xml_node section = child(body, "sectPr")) {
    apply_note_properties(child(section, "footnotePr"), w.footnote_numbers);
    apply_note_properties(child(section, "endnotePr"), w.endnote_numbers);
  }
  int number = 0;
  for (xml_node p : paragraphs_under(body)) {
    w.walk_paragraph(p);
    w.finish_custom_mark();
    LineOrigin o;
    o.paragraph = ++number;
    end_line(o, p);
  }

  // The notes after the body: footnotes in mark order, endnotes, then notes nothing refers to.
  DocumentStructure& st = b.structure();
  std::map<std::pair<bool, std::string>, std::optional<ByteRange>> written;
  int next_foot = w.footnotes_numbered, next_end = w.endnotes_numbered;
  auto write_note = [&](xml_node note, const std::string& label, int num, const NoteSource& src) {
    const bool endnote = &src == &end;
    w.set_rels(&src.rels);
    w.set_part(Part::Note);
    w.reset_fields();
    LineOrigin o;
    o.note = num;
    o.endnote = endnote;
    if (!label.empty()) w.emit(label + " ");
    std::size_t begin = b.offset();
    w.strip_leading(true);
    std::vector<xml_node> paras = paragraphs_under(note);
    std::size_t end = b.offset();
    for (std::size_t i = 0; i < paras.size(); ++i) {
      if (i > 0) end_line(o, paras[i - 1]);
      w.walk_paragraph(paras[i]);
      end = b.offset();
    }
    end_line(o, paras.empty() ? xml_node() : paras.back());
    w.strip_leading(false);
    return ByteRange{begin, end};
  };
  for (bool endnotes : {false, true}) {
    const NoteSource& src = endnotes ? end : foot;
    for (const NoteRef& ref : w.refs) {
      if (ref.endnote != endnotes) continue;
      auto key = std::make_pair(endnotes, ref.id);
      auto it = src.by_id.find(ref.id);
      if (it == src.by_id.end()) continue;  // a mark whose note is missing: no body
      if (!written.count(key)) {
        int num = ref.number ? ref.number : (endnotes ? ++next_end : ++next_foot);
        written[key] = write_note(it->second, st.footnotes[ref.marked].label, num, src);
      }
      st.footnotes[ref.marked].body = written[key];
    }
  }
  for (bool endnotes : {false, true}) {
    const NoteSource& src = endnotes ? end : foot;
    for (xml_node note : src.order) {
      auto key = std::make_pair(endnotes, std::string(attribute_value(note, "id")));
      if (written.count(key)) continue;
      int num = endnotes ? ++next_end : ++next_foot;
      MarkedFootnote mf;
      mf.label = w.label(endnotes, num);
      mf.body = write_note(note, mf.label, num, src);
      written[key] = mf.body;
      st.footnotes.push_back(std::move(mf));
    }
  }
  std::vector<ByteRange> bibliographies = std::move(w.bibliographies);
  Document doc = b.finish();
  mark_bibliography(doc, bibliographies);
  return doc;
}

}  // namespace

Document read_docx_parts(std::string path, const DocxParts& parts) {
  DocxTrees trees;
  return walk_docx(std::move(path), parts, trees, XmlUse::Read, nullptr);
}

Document read_docx_mapped(std::string path, const DocxParts& parts, DocxTrees& trees, DocxTextMap& map) {
  map = {};
  return walk_docx(std::move(path), parts, trees, XmlUse::Rewrite, &map);
}

namespace {

// The internal relationships of a .rels part by the last segment of their type
// ("officeDocument", "footnotes", "settings" — transitional and strict OOXML alike), the first
// of each type; empty when the part is missing or not well-formed (the defaults then apply).
std::map<std::string, std::string> internal_targets(const std::string& xml, const std::string& rels_name) {
  std::map<std::string, std::string> out;
  if (xml.empty()) return out;
  pugi::xml_document d;
  try {
    parse_xml_part(d, xml, rels_name);
  } catch (const InputError&) {
    return out;
  }
  for (xml_node r = d.document_element().first_child(); r; r = r.next_sibling()) {
    if (!is_named(r, "Relationship")) continue;
    const char* mode = attribute_value(r, "TargetMode");
    const char* type = attribute_value(r, "Type");
    const char* target = attribute_value(r, "Target");
    if ((mode && std::string_view(mode) == "External") || !type || !target) continue;
    std::string_view t(type);
    out.emplace(std::string(t.substr(t.rfind('/') + 1)), target);
  }
  return out;
}

// The content type [Content_Types].xml gives a part (an Override by name); "" when none does.
std::string content_type_of(ZipArchive& zip, const std::string& part) {
  auto xml = zip.read("[Content_Types].xml");
  if (!xml) return "";
  pugi::xml_document d;
  try {
    parse_xml_part(d, *xml, "[Content_Types].xml");
  } catch (const InputError&) {
    return "";
  }
  for (xml_node o = d.document_element().first_child(); o; o = o.next_sibling()) {
    if (!is_named(o, "Override")) continue;
    const char* name = attribute_value(o, "PartName");
    const char* type = attribute_value(o, "ContentType");
    if (name && type && package_part_name("", name) == part) return type;
  }
  return "";
}

}  // namespace

std::optional<std::string> docx_main_part(ZipArchive& zip) {
  auto package = internal_targets(zip.read("_rels/.rels").value_or(""), "_rels/.rels");
  auto main = package.find("officeDocument");
  if (main != package.end()) {
    std::string name = package_part_name("", main->second);
    std::string type = content_type_of(zip, name);
    // Word documents, templates and macro-enabled ones; not workbooks or presentations.
    bool word = type.find("wordprocessingml") != std::string::npos || type.find("ms-word") != std::string::npos;
    if (word && zip.has(name)) return name;
  }
  if (zip.has("word/document.xml")) return std::string("word/document.xml");
  return std::nullopt;
}

DocxParts docx_parts(ZipArchive& zip, const std::string& main_part) {
  DocxParts parts;
  parts.document_name = main_part;
  parts.document = zip.read(main_part).value_or("");
  const std::string document_rels = relationships_part_of(main_part);
  parts.document_rels = zip.read(document_rels).value_or("");
  auto targets = internal_targets(parts.document_rels, document_rels);
  const std::string dir = package_directory_of(main_part);
  auto named = [&](const char* type, const char* fallback) {
    auto it = targets.find(type);
    return it != targets.end() ? package_part_name(dir, it->second) : std::string(fallback);
  };
  parts.footnotes_name = named("footnotes", "word/footnotes.xml");
  parts.endnotes_name = named("endnotes", "word/endnotes.xml");
  const std::string settings_name = named("settings", "word/settings.xml");
  parts.footnotes = zip.read(parts.footnotes_name).value_or("");
  parts.footnotes_rels = zip.read(relationships_part_of(parts.footnotes_name)).value_or("");
  parts.endnotes = zip.read(parts.endnotes_name).value_or("");
  parts.endnotes_rels = zip.read(relationships_part_of(parts.endnotes_name)).value_or("");
  parts.settings = zip.read(settings_name).value_or("");
  return parts;
}

Document read_docx(std::string path, ZipArchive& zip, const std::string& main_part) {
  return read_docx_parts(std::move(path), docx_parts(zip, main_part));
}

}  // namespace citecheck
