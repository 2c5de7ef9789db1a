#include "parsers/readers/odt_reader.hpp"

#include <algorithm>
#include <pugixml.hpp>

#include "parsers/document_builder.hpp"
#include "parsers/readers/docx_reader.hpp"
#include "parsers/readers/xml_part.hpp"
#include "parsers/text_reader.hpp"
#include "parsers/unicode_text.hpp"

namespace citecheck {

namespace {

using pugi::xml_node;

constexpr int kMaxSpaces = 256;  // text:s c="…" beyond this is hostile, not layout

std::string_view attr_or_empty(xml_node n, std::string_view local) {
  const char* v = attribute_value(n, local);
  return v ? v : "";
}

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

// Elements that hold no document text: comments, the record of tracked deletions, the
// templates of generated indexes, a frame's title and description.
bool skipped(std::string_view name) {
  static constexpr std::string_view kSkipped[] = {"annotation", "annotation-end", "tracked-changes", "change",
                                                  "sequence-decls", "forms", "title", "desc",
                                                  "index-title-template", "soft-page-break"};
  for (std::string_view s : kSkipped)
    if (s == name) return true;
  return name.size() > 7 && name.substr(name.size() - 7) == "-source";  // text:table-of-content-source, …
}

bool is_paragraph(std::string_view name) { return name == "p" || name == "h"; }


// pugixml drops text nodes made only of white space, but in ODF mixed content a space between
// two spans is a word boundary: spaces alone between '>' and '<' become character references,
// which survive parsing. (LibreOffice does not indent content.xml; indentation has line breaks
// and stays as it is.)
std::string keep_spaces_between_elements(const std::string& xml) {
  std::string out;
  out.reserve(xml.size() + xml.size() / 16);
  std::size_t i = 0;
  while (i < xml.size()) {
    char c = xml[i];
    out.push_back(c);
    ++i;
    if (c != '>') continue;
    std::size_t j = i;
    while (j < xml.size() && xml[j] == ' ') ++j;
    if (j > i && j < xml.size() && xml[j] == '<') {
      for (std::size_t k = i; k < j; ++k) out += "&#32;";
      i = j;
    }
  }
  return out;
}

struct Note {
  bool endnote = false;
  xml_node body;
  std::size_t marked = 0;
  int number = 0;
};

struct OpenMark {
  std::string name;
  std::size_t begin = 0;
};

class OdtWalker {
 public:
  OdtWalker(DocumentBuilder& b) : b_(b), st_(b.structure()) {}

  void walk_paragraph(xml_node para, bool in_note);
  void emit(std::string_view s) {
    if (strip_leading_) {
      while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
      if (s.empty()) return;
      strip_leading_ = false;
    }
    b_.append(s);
  }
  void strip_leading(bool v) { strip_leading_ = v; }
  void close_marks() { marks_.clear(); }

  std::vector<Note> notes;
  std::vector<ByteRange> bibliographies;
  int footnotes = 0, endnotes = 0;

 private:
  void mark_start(std::string_view name) {
    if (starts_with(name, "ZOTERO_ITEM") || starts_with(name, "ZOTERO_BIBL"))
      if (marks_.size() < 1024) marks_.push_back({std::string(name), b_.offset()});
  }
  void mark_end(std::string_view name);
  void pcdata(std::string_view s);

  DocumentBuilder& b_;
  DocumentStructure& st_;
  bool strip_leading_ = false;
  std::vector<OpenMark> marks_;
};

void OdtWalker::pcdata(std::string_view s) {
  // ODF collapses white space in text content; text:s carries the spaces that count.
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    if (c == ' ' && !out.empty() && out.back() == ' ') continue;
    out.push_back(c);
  }
  emit(out);
}

void OdtWalker::mark_end(std::string_view name) {
  for (auto it = marks_.rbegin(); it != marks_.rend(); ++it) {
    if (it->name != name) continue;
    ByteRange range{it->begin, b_.offset()};
    if (starts_with(name, "ZOTERO_BIBL")) {
      bibliographies.push_back(range);
    } else {
      // "ZOTERO_ITEM CSL_CITATION {json} RNDxxxxxxxx"
      std::size_t open = name.find('{'), close = name.rfind('}');
      if (open != std::string_view::npos && close != std::string_view::npos && close > open)
        if (auto fc = citation_from_csl_json(name.substr(open, close - open + 1), "zotero")) {
          fc->bytes = range;
          st_.citations.push_back(std::move(*fc));
        }
    }
    marks_.erase(std::next(it).base());
    return;
  }
}

void OdtWalker::walk_paragraph(xml_node para, bool in_note) {
  struct Frame {
    xml_node node;
    bool exit = false;
  };
  std::vector<std::pair<std::string, std::size_t>> links;
  std::vector<Frame> stack;
  for (xml_node c = para.last_child(); c; c = c.previous_sibling()) stack.push_back({c});
  while (!stack.empty()) {
    Frame f = stack.back();
    stack.pop_back();
    xml_node n = f.node;
    if (f.exit) {  // only text:a gets an exit frame
      auto [target, begin] = links.back();
      links.pop_back();
      if (!target.empty()) st_.hyperlinks.push_back({target, ByteRange{begin, b_.offset()}});
      continue;
    }
    if (n.type() == pugi::node_pcdata || n.type() == pugi::node_cdata) {
      pcdata(n.value());
      continue;
    }
    if (n.type() != pugi::node_element) continue;
    std::string_view name = local_name(n.name());
    if (is_paragraph(name) || skipped(name)) continue;
    if (name == "s") {
      int count = 1;
      if (const char* c = attribute_value(n, "c")) count = std::clamp(std::atoi(c), 1, kMaxSpaces);
      emit(std::string(static_cast<std::size_t>(count), ' '));
      continue;
    }
    if (name == "tab" || name == "line-break") {
      emit(" ");
      continue;
    }
    if (name == "note") {
      if (in_note) continue;
      Note note;
      note.endnote = attr_or_empty(n, "note-class") == "endnote";
      note.number = note.endnote ? ++endnotes : ++footnotes;
      MarkedFootnote mf;
      for (xml_node c = n.first_child(); c; c = c.next_sibling()) {
        if (is_named(c, "note-citation")) {
          mf.label = std::string(trim(deep_text(c)));
          if (mf.label.empty()) mf.label = std::string(trim(attr_or_empty(c, "label")));
        } else if (is_named(c, "note-body")) {
          note.body = c;
        }
      }
      if (mf.label.empty()) mf.label = note.endnote ? roman_lower(note.number) : std::to_string(note.number);
      std::size_t begin = b_.offset();
      emit(mf.label);
      mf.marker = ByteRange{begin, b_.offset()};
      note.marked = st_.footnotes.size();
      st_.footnotes.push_back(std::move(mf));
      notes.push_back(note);
      continue;
    }
    if (name == "reference-mark-start" || name == "bookmark-start") {
      mark_start(attr_or_empty(n, "name"));
      continue;
    }
    if (name == "reference-mark-end" || name == "bookmark-end") {
      mark_end(attr_or_empty(n, "name"));
      continue;
    }
    if (name == "a") {
      std::string target(trim(attr_or_empty(n, "href")));
      if (starts_with(target, "#")) target.clear();  // a link inside the document
      links.emplace_back(std::move(target), b_.offset());
      stack.push_back({n, true});
    }
    for (xml_node c = n.last_child(); c; c = c.previous_sibling()) stack.push_back({c});
  }
}

// Every text:p / text:h below `root` in document order (frames' text boxes included, note
// bodies not), and the paragraph ranges of the sections Zotero names ZOTERO_BIBL.
std::vector<xml_node> paragraphs_under(xml_node root, std::vector<std::pair<std::size_t, std::size_t>>* bib_sections) {
  std::vector<xml_node> out;
  struct Frame {
    xml_node node;
    bool exit = false;
    std::size_t first = 0;
  };
  std::vector<Frame> stack;
  for (xml_node c = root.last_child(); c; c = c.previous_sibling()) stack.push_back({c});
  while (!stack.empty()) {
    Frame f = stack.back();
    stack.pop_back();
    if (f.exit) {
      if (bib_sections && out.size() > f.first) bib_sections->push_back({f.first, out.size()});
      continue;
    }
    xml_node n = f.node;
    if (n.type() != pugi::node_element) continue;
    std::string_view name = local_name(n.name());
    if (skipped(name) || name == "note-body") continue;
    if (is_paragraph(name)) out.push_back(n);
    if (name == "section" && starts_with(attr_or_empty(n, "name"), "ZOTERO_BIBL")) stack.push_back({n, true, out.size()});
    for (xml_node c = n.last_child(); c; c = c.previous_sibling()) stack.push_back({c});
  }
  return out;
}

xml_node find_office_text(xml_node root) {
  for (xml_node body = root.first_child(); body; body = body.next_sibling())
    if (is_named(body, "body"))
      for (xml_node t = body.first_child(); t; t = t.next_sibling())
        if (is_named(t, "text")) return t;
  return {};
}

}  // namespace

Document read_odt_content(std::string path, const std::string& content_xml) {
  pugi::xml_document xml;
  parse_xml_part(xml, keep_spaces_between_elements(content_xml), "content.xml");
  xml_node text = find_office_text(xml.document_element());
  if (!text)
    throw InputError("content.xml has no text body (office:text); citecheck reads OpenDocument text (.odt) files");

  DocumentBuilder b(std::move(path), "odt");
  b.structure().notes_marked = true;
  OdtWalker w(b);
  std::vector<std::pair<std::size_t, std::size_t>> sections;
  std::vector<xml_node> paras = paragraphs_under(text, &sections);
  for (std::size_t i = 0; i < paras.size(); ++i) {
    w.walk_paragraph(paras[i], false);
    LineOrigin o;
    o.paragraph = static_cast<int>(i) + 1;
    b.end_line(o);
  }
  std::size_t body_lines = paras.size();
  w.close_marks();

  DocumentStructure& st = b.structure();
  std::vector<Note> notes = w.notes;
  std::stable_partition(notes.begin(), notes.end(), [](const Note& n) { return !n.endnote; });
  for (const Note& note : notes) {
    LineOrigin o;
    o.note = note.number;
    o.endnote = note.endnote;
    if (!note.body) continue;  // a citation without its body: a mark whose note is missing
    w.emit(st.footnotes[note.marked].label + " ");
    std::size_t begin = b.offset(), end = begin;
    w.strip_leading(true);
    std::vector<xml_node> body = paragraphs_under(note.body, nullptr);
    for (std::size_t i = 0; i < body.size(); ++i) {
      if (i > 0) b.end_line(o);
      w.walk_paragraph(body[i], true);
      end = b.offset();
    }
    b.end_line(o);
    w.strip_leading(false);
    w.close_marks();
    st.footnotes[note.marked].body = ByteRange{begin, end};
  }
  std::vector<ByteRange> bibliographies = w.bibliographies;
  Document doc = b.finish();
  for (auto [first, last] : sections) {
    if (last > body_lines || first >= last) continue;
    int l1 = static_cast<int>(first) + 1, l2 = static_cast<int>(last);
    bibliographies.push_back(ByteRange{doc.line_begin(l1), doc.line_end(l2)});
  }
  mark_bibliography(doc, bibliographies);
  return doc;
}

}  // namespace citecheck
