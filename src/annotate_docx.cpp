#include "src/annotate_docx.hpp"

#include <zip.h>

#include <algorithm>
#include <cstdlib>
#include <initializer_list>
#include <memory>
#include <optional>
#include <pugixml.hpp>
#include <set>
#include <string_view>
#include <utility>
#include <vector>

#include "parsers/readers/docx_reader.hpp"
#include "parsers/readers/read_document.hpp"
#include "parsers/readers/xml_part.hpp"
#include "parsers/readers/zip_archive.hpp"
#include "parsers/text_reader.hpp"
#include "parsers/unicode_text.hpp"
#include "src/finding_codes.hpp"
#include "src/languages.hpp"
#include "src/item_places.hpp"
#include "src/report_output.hpp"

namespace citecheck {

namespace {

using pugi::xml_node;

constexpr std::string_view kWordNamespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
constexpr std::string_view kStrictWordNamespace = "http://purl.oclc.org/ooxml/wordprocessingml/main";
constexpr std::string_view kCommentsRelationship =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments";
constexpr std::string_view kStrictCommentsRelationship = "http://purl.oclc.org/ooxml/officeDocument/relationships/comments";
constexpr std::string_view kCommentsContentType =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml";
constexpr std::string_view kRelationshipsNamespace = "http://schemas.openxmlformats.org/package/2006/relationships";

// --- XML helpers ---------------------------------------------------------------------------

// "w:" of "w:document"; "" for an element in the default namespace.
std::string prefix_of(xml_node n) {
  std::string_view name = n.name();
  std::size_t colon = name.find(':');
  return colon == std::string_view::npos ? "" : std::string(name.substr(0, colon + 1));
}

// The namespace of an element's prefix, as its part's root declares it (Word declares them all there).
std::string namespace_of(xml_node element) {
  const std::string prefix = prefix_of(element);
  const std::string attribute = prefix.empty() ? "xmlns" : "xmlns:" + prefix.substr(0, prefix.size() - 1);
  for (xml_node n = element; n && n.type() == pugi::node_element; n = n.parent())
    if (pugi::xml_attribute a = n.attribute(attribute.c_str())) return a.value();
  return "";
}

// The prefix new WordprocessingML elements of the part holding `n` take.
std::string word_prefix(xml_node n) {
  for (xml_node c = n.root().first_child(); c; c = c.next_sibling())
    if (c.type() == pugi::node_element) return prefix_of(c);
  return "";
}

xml_node child_named(xml_node n, std::string_view local) {
  for (xml_node c = n.first_child(); c; c = c.next_sibling())
    if (is_named(c, local)) return c;
  return {};
}

xml_node next_element(xml_node n) {
  for (n = n.next_sibling(); n && n.type() != pugi::node_element; n = n.next_sibling()) {
  }
  return n;
}

xml_node previous_element(xml_node n) {
  for (n = n.previous_sibling(); n && n.type() != pugi::node_element; n = n.previous_sibling()) {
  }
  return n;
}

// The text of a w:t (its character data, as the reader takes it).
std::string text_of(xml_node t) {
  std::string out;
  for (xml_node c = t.first_child(); c; c = c.next_sibling())
    if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) out += c.value();
  return out;
}

void set_text(xml_node t, const std::string& text) {
  while (t.first_child()) t.remove_child(t.first_child());
  t.append_child(pugi::node_pcdata).set_value(text.c_str());
  // Word drops a w:t's leading and trailing spaces unless told to keep them.
  pugi::xml_attribute space = t.attribute("xml:space");
  if (!space) space = t.append_attribute("xml:space");
  space.set_value("preserve");
}

// The byte offset in `s` after its first `count` characters (code points).
std::size_t byte_after(std::string_view s, std::size_t count) {
  std::size_t i = 0;
  for (std::size_t seen = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) continue;
    if (seen++ == count) return i;
  }
  return s.size();
}

// Text for a comment: XML 1.0 has no place for control characters.
std::string comment_text(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (static_cast<unsigned char>(c) < 0x20) c = ' ';
  return out;
}

class StringWriter : public pugi::xml_writer {
 public:
  void write(const void* data, std::size_t size) override { out.append(static_cast<const char*>(data), size); }
  std::string out;
};

// A part's XML as it is to be stored: its own declaration kept (saying UTF-8, which it is now).
std::string serialized(pugi::xml_document& doc) {
  for (xml_node n = doc.first_child(); n; n = n.next_sibling())
    if (n.type() == pugi::node_declaration)
      if (pugi::xml_attribute e = n.attribute("encoding")) e.set_value("UTF-8");
  StringWriter w;
  doc.save(w, "", pugi::format_raw | pugi::format_no_declaration, pugi::encoding_utf8);
  return w.out;
}

void parse_part(pugi::xml_document& doc, const std::string& bytes, const std::string& name) {
  try {
    parse_xml_part(doc, bytes, name, {}, XmlUse::Rewrite);
  } catch (const InputError& e) {
    throw AnnotationError(e.what());
  }
}

pugi::xml_document new_part(const std::string& root, std::string_view xmlns_name, std::string_view xmlns) {
  pugi::xml_document doc;
  xml_node decl = doc.append_child(pugi::node_declaration);
  decl.append_attribute("version") = "1.0";
  decl.append_attribute("encoding") = "UTF-8";
  decl.append_attribute("standalone") = "yes";
  doc.append_child(root.c_str()).append_attribute(std::string(xmlns_name).c_str()) = std::string(xmlns).c_str();
  return doc;
}

// --- Where a comment's marks go ----------------------------------------------------------

// Insert into `parent` before `before` (null: at its end).
struct Spot {
  xml_node parent, before;
};

xml_node insert_at(Spot at, const std::string& name) {
  return at.before ? at.parent.insert_child_before(name.c_str(), at.before) : at.parent.append_child(name.c_str());
}

// Just before `child` of a run: the run is split there when `child` is not its first content,
// the second half keeping the run's properties, so the marks go between whole runs.
Spot before_in_run(xml_node child) {
  xml_node run = child.parent();
  if (!is_named(run, "r")) return {run, child};
  bool first = true;
  for (xml_node p = previous_element(child); p && first; p = previous_element(p)) first = is_named(p, "rPr");
  if (first) return {run.parent(), run};
  xml_node rest = run.parent().insert_child_after(run.name(), run);
  for (pugi::xml_attribute a = run.first_attribute(); a; a = a.next_attribute()) rest.append_copy(a);
  if (xml_node properties = child_named(run, "rPr")) rest.append_copy(properties);
  for (xml_node n = child, next; n; n = next) {
    next = n.next_sibling();
    rest.append_move(n);
  }
  return {run.parent(), rest};
}

Spot after_in_run(xml_node child) {
  xml_node run = child.parent();
  if (!is_named(run, "r")) return {run, child.next_sibling()};
  if (xml_node next = next_element(child)) return before_in_run(next);
  return {run.parent(), run.next_sibling()};
}

// Before the `k`th character of the w:t `t`, splitting it (and its run) there.
Spot before_character(xml_node t, std::size_t k) {
  const std::string text = text_of(t);
  if (k == 0) return before_in_run(t);
  const std::size_t cut = byte_after(text, k);
  if (cut >= text.size()) return after_in_run(t);
  xml_node rest = t.parent().insert_child_after(t.name(), t);
  for (pugi::xml_attribute a = t.first_attribute(); a; a = a.next_attribute()) rest.append_copy(a);
  set_text(t, text.substr(0, cut));
  set_text(rest, text.substr(cut));
  return before_in_run(rest);
}

// One end of a comment's range.
struct Mark {
  enum Where { Character, BeforeNode, AfterNode, ParagraphStart, ParagraphEnd };
  std::size_t offset = 0;  // in the Document's text: marks are made from the last to the first
  bool end = false;        // commentRangeEnd and the reference; else commentRangeStart
  int id = 0;
  Where where = ParagraphStart;
  xml_node node;           // the w:t (Character), the node (Before/AfterNode) or the w:p
  std::size_t character = 0;
};

Spot spot_of(const Mark& m) {
  switch (m.where) {
    case Mark::Character: return before_character(m.node, m.character);
    case Mark::BeforeNode: return before_in_run(m.node);
    case Mark::AfterNode: return after_in_run(m.node);
    case Mark::ParagraphStart: {
      xml_node properties = child_named(m.node, "pPr");
      return {m.node, properties ? properties.next_sibling() : m.node.first_child()};
    }
    case Mark::ParagraphEnd: return {m.node, xml_node()};
  }
  return {m.node, xml_node()};
}

void make_mark(const Mark& m) {
  const Spot at = spot_of(m);
  const std::string w = word_prefix(at.parent);
  const std::string id = std::to_string(m.id);
  if (!m.end) {
    insert_at(at, w + "commentRangeStart").append_attribute((w + "id").c_str()) = id.c_str();
    return;
  }
  insert_at(at, w + "commentRangeEnd").append_attribute((w + "id").c_str()) = id.c_str();
  insert_at(at, w + "r").append_child((w + "commentReference").c_str()).append_attribute((w + "id").c_str()) = id.c_str();
}

// Where a comment goes: its two marks, and for a finding inside a note what it is about
// ("In footnote 3: “(Karimi 2017)”"), since the comment is then on the note's mark.
struct Placement {
  Mark start, end;
  std::string note;
};

// Finds the marks of each finding in the text the reader mapped to the XML.
//
// A finding inside a footnote or endnote is anchored on the note's reference mark in the text,
// not inside the note: Word allows comments in notes, but LibreOffice (7.4) refuses to open a
// .docx that has one, and its own .docx export drops them; the comment names the note and
// quotes the text instead.
class Placer {
 public:
  Placer(const Document& doc, const DocxTextMap& map, DocxTrees& trees) : doc_(doc), map_(map), trees_(trees) {}

  // The placement of comment `id` about `finding`, whose printed place (if any) is `place`.
  Placement place(const Finding& finding, const std::optional<ByteRange>& place, int id) {
    Placement out;
    const int line = place ? doc_.line_of(place->begin) : finding.span.line;
    std::optional<std::pair<Mark, Mark>> m;
    if (line >= 1 && line <= doc_.line_count() && doc_.origins[static_cast<std::size_t>(line) - 1].note) {
      const LineOrigin& origin = doc_.origins[static_cast<std::size_t>(line) - 1];
      const MarkedFootnote* note = note_on(line);
      out.note = std::string(origin.endnote ? "In endnote " : "In footnote ") + (note ? note->label : std::to_string(origin.note));
      if (place) out.note += ": \xE2\x80\x9C" + quoted(*place) + "\xE2\x80\x9D";
      if (note && note->marker && note->marker->begin < note->marker->end) m = on_text(*note->marker);
      if (!m) m = on_paragraph(0);
    } else {
      if (place) m = on_text(*place);
      if (!m) m = on_paragraph(line);
    }
    m->first.id = m->second.id = id;
    out.start = m->first;
    out.end = m->second;
    return out;
  }

 private:
  bool is_text(xml_node n) const { return is_named(n, "t"); }

  std::size_t characters(const DocxTextPiece& p, std::size_t upto) const {
    return p.skipped + code_point_count(std::string_view(doc_.text).substr(p.bytes.begin, upto - p.bytes.begin));
  }

  // The range's first and last characters in the XML: both in one part, in one stretch of it
  // (the body, or one note), the start before the end.
  std::optional<std::pair<Mark, Mark>> on_text(ByteRange r) const {
    const auto& pieces = map_.pieces;
    auto overlaps = [&](const DocxTextPiece& p) { return p.node && p.bytes.begin < r.end && r.begin < p.bytes.end; };
    auto from = std::partition_point(pieces.begin(), pieces.end(), [&](const DocxTextPiece& p) { return p.bytes.end <= r.begin; });
    auto first = std::find_if(from, pieces.end(), overlaps);
    if (first == pieces.end() || first->bytes.begin >= r.end) return std::nullopt;
    auto to = std::partition_point(first, pieces.end(), [&](const DocxTextPiece& p) { return p.bytes.begin < r.end; });
    auto last = std::find_if(std::make_reverse_iterator(to), std::make_reverse_iterator(first + 1), overlaps);
    const DocxTextPiece& a = *first;
    const DocxTextPiece& b = last == std::make_reverse_iterator(first + 1) ? *first : *last;
    if (a.node.root() != b.node.root()) return std::nullopt;
    const LineOrigin& oa = doc_.origins[static_cast<std::size_t>(doc_.line_of(a.bytes.begin)) - 1];
    const LineOrigin& ob = doc_.origins[static_cast<std::size_t>(doc_.line_of(b.bytes.begin)) - 1];
    if (oa.note != ob.note || oa.endnote != ob.endnote) return std::nullopt;

    Mark start, end;
    end.end = true;
    start.offset = std::max(r.begin, a.bytes.begin);
    end.offset = std::min(r.end, b.bytes.end);
    start.node = a.node;
    end.node = b.node;
    if (is_text(a.node)) {
      start.where = Mark::Character;
      start.character = characters(a, start.offset);
    } else {
      start.where = Mark::BeforeNode;
    }
    if (is_text(b.node)) {
      end.where = Mark::Character;
      end.character = characters(b, end.offset);
    } else {
      end.where = Mark::AfterNode;
    }
    if (&a == &b && is_text(a.node) && start.character >= end.character) return std::nullopt;
    return std::make_pair(start, end);
  }

  // The note (footnote or endnote) whose text holds `line`.
  const MarkedFootnote* note_on(int line) const {
    if (!doc_.structure) return nullptr;
    const std::size_t begin = doc_.line_begin(line), end = doc_.line_end(line);
    for (const MarkedFootnote& f : doc_.structure->footnotes)
      if (f.body && f.body->begin <= end && begin <= f.body->end) return &f;
    return nullptr;
  }

  // The text of a range for a comment: on one line, at most 200 bytes (cut at a character).
  std::string quoted(ByteRange r) const {
    std::size_t length = std::min<std::size_t>(r.end - r.begin, 200);
    while (length > 0 && r.begin + length < doc_.text.size() && length < r.end - r.begin &&
           (static_cast<unsigned char>(doc_.text[r.begin + length]) & 0xC0) == 0x80)
      --length;
    std::string s = doc_.text.substr(r.begin, length);
    for (char& c : s)
      if (c == '\n' || c == '\f') c = ' ';
    return length < r.end - r.begin ? s + "\xE2\x80\xA6" : s;  // …
  }

  // The whole paragraph of a line; the first paragraph of the body when the line has none.
  std::pair<Mark, Mark> on_paragraph(int line) {
    xml_node p;
    if (line >= 1 && static_cast<std::size_t>(line) <= map_.paragraphs.size()) p = map_.paragraphs[static_cast<std::size_t>(line) - 1];
    std::size_t begin = 0, end = 0;
    if (p) {
      begin = doc_.line_begin(line);
      end = doc_.line_end(line);
    } else {
      p = first_paragraph();
    }
    Mark start, finish;
    start.where = Mark::ParagraphStart;
    finish.where = Mark::ParagraphEnd;
    finish.end = true;
    start.node = finish.node = p;
    start.offset = begin;
    finish.offset = end;
    return {start, finish};
  }

  xml_node first_paragraph() {
    if (!map_.paragraphs.empty() && map_.paragraphs.front() && map_.paragraphs.front().root() == trees_.document)
      return map_.paragraphs.front();
    // A body without a paragraph (Word always writes one): one is added before its section
    // properties to carry the comments.
    xml_node body = child_named(trees_.document.document_element(), "body");
    const std::string name = word_prefix(body) + "p";
    if (!added_) {
      xml_node section = child_named(body, "sectPr");
      added_ = section ? body.insert_child_before(name.c_str(), section) : body.append_child(name.c_str());
    }
    return added_;
  }

  const Document& doc_;
  const DocxTextMap& map_;
  DocxTrees& trees_;
  xml_node added_;
};

// --- The comments part and the package ----------------------------------------------------

// The largest comment id the package uses (comments, and range marks of the parts), or -1.
int last_comment_id(std::initializer_list<const pugi::xml_document*> parts) {
  int last = -1;
  for (const pugi::xml_document* d : parts) {
    std::vector<xml_node> stack{*d};
    while (!stack.empty()) {
      xml_node n = stack.back();
      stack.pop_back();
      for (xml_node c = n.first_child(); c; c = c.next_sibling())
        if (c.type() == pugi::node_element) stack.push_back(c);
      if (n.type() != pugi::node_element) continue;
      const std::string_view name = local_name(n.name());
      if (name != "comment" && name != "commentRangeStart" && name != "commentRangeEnd" && name != "commentReference") continue;
      const char* id = attribute_value(n, "id");
      if (!id) continue;
      char* end = nullptr;
      const long v = std::strtol(id, &end, 10);
      if (end != id && *end == '\0' && v > last && v < (1L << 30)) last = static_cast<int>(v);
    }
  }
  return last;
}

void add_paragraph(xml_node comment, const std::string& w, const std::string& text, bool mark) {
  xml_node p = comment.append_child((w + "p").c_str());
  // Word begins a comment with its mark (w:annotationRef), where it shows the initials.
  if (mark) p.append_child((w + "r").c_str()).append_child((w + "annotationRef").c_str());
  xml_node t = p.append_child((w + "r").c_str()).append_child((w + "t").c_str());
  set_text(t, comment_text(text));
}

void add_comment(xml_node comments, int id, const Finding& f, const std::string& where, const CommentAuthor& author) {
  const std::string w = prefix_of(comments);
  xml_node c = comments.append_child((w + "comment").c_str());
  c.append_attribute((w + "id").c_str()) = std::to_string(id).c_str();
  c.append_attribute((w + "author").c_str()) = author.name.c_str();
  c.append_attribute((w + "date").c_str()) = author.date.c_str();
  c.append_attribute((w + "initials").c_str()) = author.initials.c_str();
  add_paragraph(c, w, std::string(to_string(f.severity)) + " [" + f.code + "]", true);
  if (!where.empty()) add_paragraph(c, w, where, false);
  add_paragraph(c, w, f.message, false);
  const Language* lang = find_language(author.language);
  if (!lang) lang = &english();
  if (const std::string todo = advice(f.code, *lang); !todo.empty())
    add_paragraph(c, w, say_in(*lang, "html.what-to-do") + " " + todo, false);
}

// A relationship Id the relationships part does not use yet.
std::string fresh_relationship_id(xml_node relationships) {
  std::set<std::string> used;
  for (xml_node r = relationships.first_child(); r; r = r.next_sibling())
    if (const char* id = attribute_value(r, "Id")) used.insert(id);
  for (std::size_t n = used.size() + 1;; ++n)
    if (!used.count("rId" + std::to_string(n))) return "rId" + std::to_string(n);
}

// The package with `parts` (name, bytes) replaced or added; every other entry is copied as it
// was stored (libzip copies unchanged entries without recompressing them).
std::string rewritten_package(const std::string& bytes, const std::vector<std::pair<std::string, std::string>>& parts) {
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &err);
  if (!src) throw AnnotationError(std::string("cannot open the Word file's archive (libzip: ") + zip_error_strerror(&err) + ")");
  zip_source_keep(src);
  std::unique_ptr<zip_source_t, void (*)(zip_source_t*)> keep(src, zip_source_free);
  zip_t* z = zip_open_from_source(src, 0, &err);
  if (!z) throw AnnotationError(std::string("cannot open the Word file's archive (libzip: ") + zip_error_strerror(&err) + ")");
  auto fail = [&](const std::string& what) {
    const std::string why = zip_strerror(z);
    zip_discard(z);
    throw AnnotationError(what + " (libzip: " + why + ")");
  };
  // New and changed parts are dated as the document part was, so the copy of a pinned run
  // (SOURCE_DATE_EPOCH) is the same bytes every time.
  zip_stat_t main;
  zip_stat_init(&main);
  const bool dated = zip_stat_index(z, 0, 0, &main) == 0 && (main.valid & ZIP_STAT_MTIME);
  for (const auto& [name, data] : parts) {
    zip_source_t* s = zip_source_buffer(z, data.data(), data.size(), 0);
    if (!s) fail("cannot store " + name);
    zip_int64_t index = zip_name_locate(z, name.c_str(), ZIP_FL_ENC_RAW);
    if (index >= 0) {
      if (zip_file_replace(z, static_cast<zip_uint64_t>(index), s, 0) != 0) {
        zip_source_free(s);
        fail("cannot store " + name);
      }
    } else if ((index = zip_file_add(z, name.c_str(), s, ZIP_FL_ENC_UTF_8)) < 0) {
      zip_source_free(s);
      fail("cannot store " + name);
    }
    if (dated) zip_file_set_mtime(z, static_cast<zip_uint64_t>(index), main.mtime, 0);
  }
  if (zip_close(z) != 0) fail("cannot write the Word file's archive");
  std::string out;
  if (zip_source_open(src) != 0) throw AnnotationError("cannot read back the annotated archive");
  zip_source_seek(src, 0, SEEK_END);
  const zip_int64_t size = zip_source_tell(src);
  zip_source_seek(src, 0, SEEK_SET);
  if (size > 0) {
    out.resize(static_cast<std::size_t>(size));
    if (zip_source_read(src, out.data(), static_cast<zip_uint64_t>(size)) != size) out.clear();
  }
  zip_source_close(src);
  if (out.empty()) throw AnnotationError("cannot read back the annotated archive");
  return out;
}

}  // namespace

bool is_word_document(const std::string& bytes) {
  if (detect_format(bytes, "") != InputFormat::Zip) return false;
  try {
    ZipArchive zip(bytes);
    return docx_main_part(zip).has_value();
  } catch (const InputError&) {
    return false;
  }
}

std::string annotate_docx(const std::string& docx, const std::string& text, const DocumentReport& report,
                          const CommentAuthor& author) {
  if (report.findings.empty()) return docx;
  DocxTrees trees;
  DocxTextMap map;
  Document doc;
  std::string main, rels_name;
  DocxParts parts;
  std::optional<ZipArchive> zip;
  try {
    zip.emplace(docx);
    auto found = docx_main_part(*zip);
    if (!found) throw AnnotationError("not a Word document (.docx): only Word files can carry Word comments");
    main = *found;
    parts = docx_parts(*zip, main);
    doc = read_docx_mapped(report.path, parts, trees, map);
  } catch (const InputError& e) {
    throw AnnotationError(e.what());
  }
  if (doc.text != text)
    throw AnnotationError("the file is not the one that was checked (it changed on disk since it was read); check it again");

  // The comments part the main part's relationships name, else a new one beside the main part.
  rels_name = relationships_part_of(main);
  pugi::xml_document rels;
  if (auto bytes = zip->read(rels_name)) parse_part(rels, *bytes, rels_name);
  else rels = new_part("Relationships", "xmlns", kRelationshipsNamespace);
  const bool strict = namespace_of(trees.document.document_element()) == kStrictWordNamespace;
  std::string comments_name;
  for (xml_node r = rels.document_element().first_child(); r; r = r.next_sibling()) {
    const char* type = attribute_value(r, "Type");
    const char* target = attribute_value(r, "Target");
    const char* mode = attribute_value(r, "TargetMode");
    if (!is_named(r, "Relationship") || !type || !target || (mode && std::string_view(mode) == "External")) continue;
    std::string_view t(type);
    if (t.substr(t.rfind('/') + 1) == "comments") {
      comments_name = package_part_name(package_directory_of(main), target);
      break;
    }
  }
  const bool new_relationship = comments_name.empty();
  if (new_relationship) {
    const std::string dir = package_directory_of(main);
    for (int n = 0; comments_name.empty() || zip->has(comments_name); ++n)
      comments_name = (dir.empty() ? "" : dir + "/") + (n == 0 ? std::string("comments.xml") : "comments" + std::to_string(n) + ".xml");
    xml_node root = rels.document_element();
    xml_node r = root.append_child((prefix_of(root) + "Relationship").c_str());
    r.append_attribute("Id") = fresh_relationship_id(root).c_str();
    r.append_attribute("Type") = std::string(strict ? kStrictCommentsRelationship : kCommentsRelationship).c_str();
    r.append_attribute("Target") = comments_name.substr(comments_name.rfind('/') + 1).c_str();
  }
  pugi::xml_document comments;
  std::optional<std::string> existing;
  try {
    existing = zip->read(comments_name);
  } catch (const InputError& e) {
    throw AnnotationError(e.what());
  }
  if (existing) {
    parse_part(comments, *existing, comments_name);
    if (!is_named(comments.document_element(), "comments"))
      throw AnnotationError(comments_name + " is not a Word comments part");
  } else {
    std::string ns = namespace_of(trees.document.document_element());
    if (ns.empty()) ns = std::string(kWordNamespace);
    comments = new_part("w:comments", "xmlns:w", ns);
  }

  // Every finding's comment, in the report's order, numbered after the file's own.
  int id = last_comment_id({&trees.document, &trees.footnotes, &trees.endnotes, &comments});
  const ItemPlaces places(report.manuscript, doc.text.size());
  Placer placer(doc, map, trees);
  std::vector<Mark> marks;
  for (const Finding& f : report.findings) {
    ++id;
    std::optional<ByteRange> place;
    if (auto p = places.of(f)) place = p->printed;
    Placement p = placer.place(f, place, id);
    marks.push_back(p.start);
    marks.push_back(p.end);
    add_comment(comments.document_element(), id, f, p.note, author);
  }
  // From the last to the first, so that a w:t split for one mark still begins with the text
  // the marks before it count in.
  std::stable_sort(marks.begin(), marks.end(), [](const Mark& a, const Mark& b) { return a.offset > b.offset; });
  std::set<const void*> changed;
  for (const Mark& m : marks) {
    make_mark(m);
    changed.insert(m.node.root().internal_object());
  }

  std::vector<std::pair<std::string, std::string>> written;
  auto write_if_changed = [&](pugi::xml_document& d, const std::string& name) {
    if (changed.count(d.internal_object())) written.emplace_back(name, serialized(d));
  };
  write_if_changed(trees.document, main);
  write_if_changed(trees.footnotes, parts.footnotes_name);
  write_if_changed(trees.endnotes, parts.endnotes_name);
  written.emplace_back(comments_name, serialized(comments));
  if (new_relationship) written.emplace_back(rels_name, serialized(rels));
  if (!existing) {
    // A new part needs its content type.
    pugi::xml_document types;
    auto bytes = zip->read("[Content_Types].xml");
    if (!bytes) throw AnnotationError("the package has no [Content_Types].xml (a damaged .docx?)");
    parse_part(types, *bytes, "[Content_Types].xml");
    xml_node root = types.document_element();
    bool typed = false;
    for (xml_node o = root.first_child(); o; o = o.next_sibling())
      if (const char* name = attribute_value(o, "PartName"); name && is_named(o, "Override"))
        typed = typed || package_part_name("", name) == comments_name;
    if (!typed) {
      xml_node o = root.append_child((prefix_of(root) + "Override").c_str());
      o.append_attribute("PartName") = ("/" + comments_name).c_str();
      o.append_attribute("ContentType") = std::string(kCommentsContentType).c_str();
      written.emplace_back("[Content_Types].xml", serialized(types));
    }
  }
  zip.reset();
  return rewritten_package(docx, written);
}

void write_annotated_docx(const std::string& input, const std::string& output, const std::string& text,
                          const DocumentReport& report, const CommentAuthor& author) {
  std::string bytes;
  try {
    bytes = read_file_bytes(input);
  } catch (const InputError& e) {
    throw AnnotationError("cannot read '" + input + "' again: " + e.what());
  }
  const std::string copy = annotate_docx(bytes, text, report, author);
  write_file_atomically(output, [&](std::ostream& out) { out.write(copy.data(), static_cast<std::streamsize>(copy.size())); });
}

}  // namespace citecheck
