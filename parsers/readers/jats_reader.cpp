// jats_reader.cpp — a JATS article as lines: the front's title and abstracts, the body's
// titles and paragraphs, the back's acknowledgements and appendices, then the notes, then
// the reference list. Each line remembers its element (an XPath from the root); xrefs,
// footnotes, ext-links and ref entries become the Document's structure.
//
// Every walk below recurses along the element tree, whose depth parse_xml_part bounds.
#include "parsers/readers/jats_reader.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <memory>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "parsers/dates.hpp"
#include "parsers/document_builder.hpp"
#include "parsers/identifiers.hpp"
#include "parsers/readers/csl_record.hpp"
#include "parsers/readers/xml_part.hpp"
#include "parsers/text_reader.hpp"
#include "parsers/unicode_text.hpp"

namespace citecheck {

namespace {

using pugi::xml_node;

// An XPath longer than this keeps its head and its last steps, joined by "//" (hostile
// nesting would otherwise store a kilobyte path for every line).
constexpr std::size_t kMaxPath = 256;

bool xml_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

bool is(xml_node n, std::string_view name) { return n.type() == pugi::node_element && local_name(n.name()) == name; }

template <std::size_t N>
bool one_of(std::string_view name, const std::string_view (&set)[N]) {
  for (std::string_view s : set)
    if (s == name) return true;
  return false;
}

// Written nothing for: formulas (their TeX or MathML is no prose) and what is not printed.
constexpr std::string_view kSkipped[] = {
    "math",          "tex-math",       "disp-formula", "graphic",     "inline-graphic", "media",
    "object-id",     "alt-text",       "long-desc",    "permissions", "processing-meta", "custom-meta-group",
    "supplementary-material-meta", "kwd-group", "contrib-group", "history", "counts"};

// Elements whose content makes lines of their own (the rest is inline text).
constexpr std::string_view kBlocks[] = {
    "p",        "sec",        "title",       "subtitle",   "list",       "list-item",  "def-list",
    "def-item", "term",       "def",         "disp-quote", "boxed-text", "fig",        "fig-group",
    "table-wrap", "table-wrap-group", "caption", "table",  "thead",      "tbody",      "tfoot",
    "tr",       "table-wrap-foot", "ack",    "app",        "app-group",  "notes",      "glossary",
    "statement", "speech",    "speaker",     "verse-group", "verse-line", "attrib",    "abstract",
    "trans-abstract", "body", "back",        "floats-group", "sub-article", "array",   "preformat",
    "question", "answer",     "explanation", "sec-meta",   "front-stub", "response",   "bio"};

// Publication types whose <source> is the work's own title.
constexpr std::string_view kSourceIsTitle[] = {"book", "report", "thesis", "software", "standard",
                                                "data", "dataset", "patent", "webpage", "web", "other"};

std::string attr(xml_node n, std::string_view local) {
  for (pugi::xml_attribute a = n.first_attribute(); a; a = a.next_attribute())
    if (local_name(a.name()) == local) return a.value();
  return {};
}

std::vector<std::string> tokens(std::string_view s) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && xml_space(s[i])) ++i;
    std::size_t b = i;
    while (i < s.size() && !xml_space(s[i])) ++i;
    if (i > b) out.emplace_back(s.substr(b, i - b));
  }
  return out;
}

// Text of an element as printed: formulas skipped, runs of white space collapsed, trimmed.
void flatten_into(xml_node n, std::string& out, bool& space) {
  for (xml_node c = n.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) {
      for (const char* p = c.value(); *p; ++p) {
        if (xml_space(*p)) {
          space = true;
        } else {
          if (space && !out.empty()) out.push_back(' ');
          space = false;
          out.push_back(*p);
        }
      }
    } else if (c.type() == pugi::node_element && !one_of(local_name(c.name()), kSkipped)) {
      if (is(c, "break")) space = true;
      else flatten_into(c, out, space);
    }
  }
}

std::string flat_text(xml_node n) {
  std::string out;
  bool space = false;
  if (n) flatten_into(n, out, space);
  return out;
}

std::optional<std::string> field(xml_node n) {
  std::string s = flat_text(n);
  if (trim(s).empty()) return std::nullopt;
  return std::string(trim(s));
}

// The XPath step of each element child, in document order: "p[3]", "ref[@id='b3']", or the
// bare name when the element is the only one of its name among its siblings.
class ChildSteps {
 public:
  explicit ChildSteps(xml_node parent) {
    for (xml_node c = parent.first_child(); c; c = c.next_sibling())
      if (c.type() == pugi::node_element) ++total_[c.name()];
  }
  std::string step(xml_node child) {
    int index = ++seen_[child.name()];
    std::string name = child.name();
    std::string id = child.attribute("id").value();
    if (!id.empty() && id.find('\'') == std::string::npos && id.size() < 100) return name + "[@id='" + id + "']";
    if (total_[child.name()] > 1) return name + "[" + std::to_string(index) + "]";
    return name;
  }

 private:
  std::unordered_map<std::string_view, int> total_, seen_;
};

std::string join_path(const std::string& parent, const std::string& step) {
  std::string p = parent + "/" + step;
  if (p.size() <= kMaxPath) return p;
  // Keep the head (up to a step boundary) and the last step: "/article/body/sec//p[3]".
  std::size_t head = parent.find("//");
  if (head == std::string::npos) {
    head = parent.rfind('/', kMaxPath / 2);
    if (head == std::string::npos || head == 0) head = 0;
  }
  std::string tail = step.size() > kMaxPath / 2 ? step.substr(0, kMaxPath / 2) : step;
  return parent.substr(0, head) + "//" + tail;
}

bool http_like(std::string_view s) {
  std::string l = lower_ascii(s.substr(0, 10));
  return l.rfind("http://", 0) == 0 || l.rfind("https://", 0) == 0 || l.rfind("ftp://", 0) == 0 ||
         l.rfind("mailto:", 0) == 0;
}

std::string link_href(xml_node n) {
  std::string href(trim(attr(n, "href")));
  if (href.empty() && is(n, "uri")) href = std::string(trim(flat_text(n)));
  return href;
}

// An href that is an address relative to the article ("supplement/S1.pdf", "/content/early/
// 2021/x") or one whose scheme was left out ("www.example.org/report"), rather than no
// address at all (a GenBank accession, an in-page "#fig1", another scheme such as urn:).
bool relative_address(xml_node n, std::string_view href) {
  std::string type = lower_ascii(attr(n, "ext-link-type"));
  if (!(type.empty() || type == "uri" || type == "url")) return false;
  if (href.empty() || href[0] == '#' || http_like(href) || href.find_first_of(" \t\r\n") != std::string_view::npos)
    return false;
  std::size_t colon = href.find(':'), slash = href.find('/');
  if (colon != std::string_view::npos && (slash == std::string_view::npos || colon < slash)) return false;
  return slash != std::string_view::npos || href.find('.') != std::string_view::npos;
}

// A relative href made absolute with curl's URL parser (RFC 3986 resolution): against the
// article's own address, or with the scheme guessed for "www." names; "" when it cannot be.
std::string resolved_address(std::string_view href, const std::string& base) {
  std::unique_ptr<CURLU, decltype(&curl_url_cleanup)> u(curl_url(), &curl_url_cleanup);
  if (!u) return "";
  std::string h(href);
  bool host = lower_ascii(href.substr(0, 4)) == "www.";
  if (host) {
    if (curl_url_set(u.get(), CURLUPART_URL, h.c_str(), CURLU_GUESS_SCHEME) != CURLUE_OK) return "";
  } else {
    if (base.empty() || curl_url_set(u.get(), CURLUPART_URL, base.c_str(), 0) != CURLUE_OK ||
        curl_url_set(u.get(), CURLUPART_URL, h.c_str(), 0) != CURLUE_OK)
      return "";
  }
  char* out = nullptr;
  if (curl_url_get(u.get(), CURLUPART_URL, &out, 0) != CURLUE_OK || !out) return "";
  std::string url(out);
  curl_free(out);
  return http_like(url) ? url : std::string();
}

// The address relative links of the article resolve against: xml:base on <article>, else
// its <self-uri> (the article's own page); "" when it gives none.
std::string article_base(xml_node article) {
  std::string base(trim(article.attribute("xml:base").value()));
  if (http_like(base)) return base;
  for (xml_node front = article.first_child(); front; front = front.next_sibling()) {
    if (!is(front, "front")) continue;
    for (xml_node meta = front.first_child(); meta; meta = meta.next_sibling()) {
      if (!is(meta, "article-meta")) continue;
      for (xml_node c = meta.first_child(); c; c = c.next_sibling())
        if (is(c, "self-uri") && http_like(link_href(c))) return link_href(c);
    }
  }
  return "";
}

// The target of an <ext-link> or <uri> as a link citecheck can check ("" when it is none:
// a GenBank accession, a PubMed id, or a relative address with no base to resolve it).
std::string link_target(xml_node n, const std::string& base) {
  std::string href = link_href(n);
  if (lower_ascii(attr(n, "ext-link-type")) == "doi" && !http_like(href)) {
    std::string d = normalise_doi(href);
    return d.empty() ? std::string() : "https://doi.org/" + d;
  }
  if (relative_address(n, href)) return resolved_address(href, base);
  return http_like(href) ? href : std::string();
}

// A year as JATS prints it: "2019", "2019a", "٢٠١٩", "n.d.".
void set_year(Work& w, std::string_view printed) {
  std::string s = fold_digits(printed);
  for (std::size_t i = 0; i + 4 <= s.size(); ++i) {
    bool digits = true;
    for (std::size_t j = 0; j < 4; ++j) digits = digits && s[i + j] >= '0' && s[i + j] <= '9';
    if (!digits || (i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9')) continue;
    if (i + 4 < s.size() && s[i + 4] >= '0' && s[i + 4] <= '9') continue;
    w.year = s.substr(i, 4);
    if (i + 4 < s.size() && s[i + 4] >= 'a' && s[i + 4] <= 'z' &&
        (i + 5 == s.size() || !std::isalpha(static_cast<unsigned char>(s[i + 5]))))
      w.year_suffix = std::string(1, s[i + 4]);
    return;
  }
  std::string l = lower_ascii(trim(s));
  if (l == "n.d." || l == "n.d" || l == "nd") w.year = "n.d.";
}

Person person_from(xml_node n) {
  Person p;
  if (is(n, "collab") || is(n, "institution")) {
    p.family = flat_text(n);
    p.organisation = true;
    return p;
  }
  if (is(n, "name-alternatives")) {
    for (xml_node c = n.first_child(); c; c = c.next_sibling())
      if (is(c, "name") || is(c, "string-name")) return person_from(c);
    return p;
  }
  xml_node surname = n.child("surname"), given = n.child("given-names");
  if (is(n, "name") || surname) {
    p.family = flat_text(surname);
    p.given = flat_text(given);
    if (p.family.empty()) std::swap(p.family, p.given);  // a given-only name
    return p;
  }
  // <string-name> without parts: "Family, Given" or "Given Family".
  std::string s = flat_text(n);
  std::size_t comma = s.find(',');
  if (comma != std::string::npos) {
    p.family = std::string(trim(std::string_view(s).substr(0, comma)));
    p.given = std::string(trim(std::string_view(s).substr(comma + 1)));
  } else {
    std::size_t space = s.rfind(' ');
    p.family = space == std::string::npos ? s : s.substr(space + 1);
    p.given = space == std::string::npos ? "" : s.substr(0, space);
  }
  return p;
}

// The fields of a <mixed-citation>, <element-citation> or <nlm-citation>.
Work work_from_citation(xml_node cite, const std::string& base) {
  Work w;
  xml_node group;
  for (xml_node g = cite.child("person-group"); g; g = g.next_sibling("person-group")) {
    if (!group) group = g;
    if (attr(g, "person-group-type") == "author") {
      group = g;
      break;
    }
  }
  xml_node names = group ? group : cite;
  for (xml_node c = names.first_child(); c; c = c.next_sibling()) {
    if (!(is(c, "name") || is(c, "string-name") || is(c, "collab") || is(c, "name-alternatives"))) continue;
    Person p = person_from(c);
    if (trim(p.family).empty()) continue;
    if (!w.author_text.empty()) w.author_text += "; ";
    w.author_text += p.given.empty() ? p.family : p.family + ", " + p.given;
    w.authors.push_back(std::move(p));
  }
  if (xml_node y = cite.child("year")) set_year(w, flat_text(y));
  else if (xml_node d = cite.child("date"); d && d.child("year")) set_year(w, flat_text(d.child("year")));
  for (const char* t : {"article-title", "chapter-title", "data-title", "part-title"})
    if (!w.title) w.title = field(cite.child(t));
  std::optional<std::string> source = field(cite.child("source"));
  std::string type = lower_ascii(attr(cite, "publication-type"));
  if (type.empty()) type = lower_ascii(attr(cite, "citation-type"));
  if (!w.title && source && (type.empty() || one_of(type, kSourceIsTitle))) w.title = source;
  else w.container = source;
  w.volume = field(cite.child("volume"));
  w.issue = field(cite.child("issue"));
  std::optional<std::string> fpage = field(cite.child("fpage")), lpage = field(cite.child("lpage"));
  if (fpage) w.pages = lpage ? *fpage + "-" + *lpage : *fpage;
  else if (auto range = field(cite.child("page-range"))) w.pages = range;
  else w.pages = field(cite.child("elocation-id"));
  for (xml_node c = cite.first_child(); c; c = c.next_sibling()) {
    if (is(c, "pub-id")) {
      std::string t = lower_ascii(attr(c, "pub-id-type"));
      if (t == "doi" && !w.doi) {
        std::string d = normalise_doi(flat_text(c));
        if (!d.empty()) w.doi = d;
      } else if (t == "isbn" && !w.isbn) {
        w.isbn = field(c);
      }
    } else if (is(c, "ext-link") || is(c, "uri")) {
      std::string target = link_target(c, base);
      if (target.empty()) continue;
      std::string d = normalise_doi(target);
      if (!d.empty() && (!w.doi || *w.doi == d)) w.doi = d;  // a DOI URL is the DOI
      else w.urls.push_back(target);
    } else if (is(c, "date-in-citation")) {
      std::string iso = attr(c, "iso-8601-date");
      w.accessed = iso.empty() ? field(c) : std::optional<std::string>(checked_iso_text(iso));
    } else if (is(c, "isbn") && !w.isbn) {
      w.isbn = field(c);
    }
  }
  return w;
}

// A footnote mark (xref ref-type="fn") as written.
struct Marker {
  std::vector<std::string> rids;
  ByteRange bytes;
  std::string shown;
};

struct QueuedNote {
  xml_node fn;
  std::string path;
  std::optional<ByteRange> inline_marker;  // an inline <fn> nothing points to: its place
  std::string inline_label;
};

class JatsReader {
 public:
  // fallback_base (--base): what relative links resolve against when the article names no
  // address of its own.
  JatsReader(std::string path, xml_node article, const std::string& fallback_base)
      : b_(std::move(path), "jats"), article_(article), base_(article_base(article)) {
    if (base_.empty()) base_ = fallback_base;
  }

  Document read() {
    index_ids();
    ChildSteps steps(article_);
    const std::string root = std::string("/") + article_.name();
    for (xml_node c = article_.first_child(); c; c = c.next_sibling()) {
      if (c.type() != pugi::node_element) continue;
      std::string path = join_path(root, steps.step(c));
      if (is(c, "front")) front(c, path);
      else if (!one_of(local_name(c.name()), kSkipped)) block(c, path);
    }
    write_notes();
    if (!ref_lists_.empty()) b_.structure().references_marked = true;
    // Walking a list may queue more lists and notes (a ref-list or fn inside a ref): by index.
    for (std::size_t i = 0; i < ref_lists_.size(); ++i) {
      auto [node, path] = ref_lists_[i];
      ref_list(node, path, true);
    }
    write_notes();  // notes met inside the reference list
    pair_notes();
    b_.structure().notes_marked = true;
    report_unresolved_links();
    return b_.finish();
  }

 private:
  DocumentBuilder b_;
  xml_node article_;
  std::unordered_map<std::string, std::string> ref_labels_;  // ref id → its <label>
  std::unordered_set<std::string> fn_ids_, fn_pointed_;
  std::vector<QueuedNote> notes_;
  std::vector<std::pair<xml_node, std::string>> ref_lists_;
  std::vector<Marker> markers_;
  std::vector<std::optional<ByteRange>> note_bodies_;
  std::vector<std::string> note_labels_;
  int running_ = 0, running_table_ = 0;  // notes without a label are numbered in order
  std::string base_;  // what relative links resolve against ("" when the article gives nothing)
  std::vector<std::pair<std::string, int>> unresolved_;  // relative hrefs left unchecked, with their line

  // The line being written.
  std::string buf_;            // text not yet handed to the builder
  bool started_ = false;       // the line exists (text or an item at its start)
  bool space_ = false;         // white space seen since the last character
  bool written_ = false;       // the line has characters (a space before the next is kept)
  std::string prefix_;         // a <label> to print at the next line's start
  bool in_cell_ = false;       // inside a table cell: paragraphs run on

  // --- ids ---------------------------------------------------------------------------

  void index_ids() {
    std::vector<xml_node> xrefs;
    std::vector<xml_node> stack{article_};
    while (!stack.empty()) {
      xml_node n = stack.back();
      stack.pop_back();
      if (is(n, "ref")) {
        std::string id = n.attribute("id").value();
        if (!id.empty()) ref_labels_.emplace(id, std::string(trim(flat_text(n.child("label")))));
      } else if (is(n, "fn")) {
        std::string id = n.attribute("id").value();
        if (!id.empty()) fn_ids_.insert(id);
      } else if (is(n, "xref")) {
        xrefs.push_back(n);
      }
      for (xml_node c = n.first_child(); c; c = c.next_sibling())
        if (c.type() == pugi::node_element) stack.push_back(c);
    }
    for (xml_node x : xrefs)
      if (xref_kind(x) == 'n')
        for (auto& t : tokens(x.attribute("rid").value())) fn_pointed_.insert(t);
  }

  // 'b' a citation of ref entries, 'n' a footnote mark, 0 anything else (figures, tables).
  char xref_kind(xml_node x) const {
    std::string type = x.attribute("ref-type").value();
    if (type == "bibr") return 'b';
    if (type == "fn" || type == "table-fn") return 'n';
    if (!type.empty()) return 0;
    for (const auto& t : tokens(x.attribute("rid").value())) {
      if (ref_labels_.count(t)) return 'b';
      if (fn_ids_.count(t)) return 'n';
    }
    return 0;
  }

  // --- writing lines ----------------------------------------------------------------------

  void start_line() {
    if (started_) return;
    started_ = true;
    written_ = false;
    space_ = false;
    if (!prefix_.empty()) {
      buf_ += prefix_;
      prefix_.clear();
      written_ = space_ = true;  // "2 Methods": the space only when text follows
    }
  }

  void text(std::string_view s) {
    for (char c : s) {
      if (xml_space(c)) {
        space_ = true;
        continue;
      }
      if (!started_) start_line();
      if (space_ && written_) buf_.push_back(' ');
      space_ = false;
      written_ = true;
      buf_.push_back(c);
    }
  }

  void flush() {
    if (buf_.empty()) return;
    b_.append(buf_);
    buf_.clear();
  }

  // Where the next character goes (a pending space is written first, a line is started).
  std::size_t mark() {
    if (!started_) start_line();
    if (space_ && written_) buf_.push_back(' ');
    space_ = false;
    flush();
    return b_.offset();
  }

  std::size_t here() {
    flush();
    return b_.offset();
  }

  void end_line(const std::string& path) {
    if (!started_) return;
    flush();
    LineOrigin o;
    o.xpath = path;
    b_.end_line(o);
    started_ = false;
    space_ = false;
  }

  // --- the front ----------------------------------------------------------------------------

  void front(xml_node node, const std::string& path) {
    ChildSteps steps(node);
    for (xml_node c = node.first_child(); c; c = c.next_sibling()) {
      if (c.type() != pugi::node_element) continue;
      std::string name(local_name(c.name()));
      std::string p = join_path(path, steps.step(c));
      if (name == "article-meta" || name == "title-group" || name == "trans-title-group") front(c, p);
      else if (name == "article-title" || name == "trans-title" || name == "subtitle") line(c, p);
      else if (name == "abstract" || name == "trans-abstract") block(c, p);
    }
  }

  // --- blocks and inline content --------------------------------------------------------------

  // One element's own content as a line (or several, when blocks sit inside it).
  void line(xml_node node, const std::string& path) {
    content(node, path);
    end_line(path);
  }

  // A block element: its inline runs are lines with its path; block children are walked.
  void block(xml_node node, const std::string& path) {
    std::string name(local_name(node.name()));
    if (name == "ref-list") {
      ref_lists_.emplace_back(node, path);
      return;
    }
    if (name == "fn") {
      notes_.push_back({node, path, std::nullopt, {}});
      return;
    }
    if (name == "tr") {
      row(node, path);
      return;
    }
    // A label read inside this block and not printed (a section with no title) stays here.
    const bool label_from_outside = !prefix_.empty();
    content(node, path);
    end_line(path);
    if (!label_from_outside) prefix_.clear();
  }

  // True when an <fn> child of `parent` sits in running text (it is the note's place)
  // rather than in a list of notes (fn-group, table-wrap-foot, back).
  static bool in_text(xml_node parent) {
    std::string_view name = local_name(parent.name());
    if (name == "fn-group" || name == "author-notes") return false;
    constexpr std::string_view kLineBlocks[] = {"p", "title", "subtitle", "term", "attrib", "verse-line",
                                                "speaker", "preformat"};
    return !one_of(name, kBlocks) || one_of(name, kLineBlocks);
  }

  void row(xml_node tr, const std::string& path) {
    bool saved = in_cell_;
    in_cell_ = true;
    bool first = true;
    for (xml_node c = tr.first_child(); c; c = c.next_sibling()) {
      if (!(is(c, "td") || is(c, "th"))) continue;
      if (!first) text(" | ");
      first = false;
      content(c, path);
    }
    end_line(path);
    in_cell_ = saved;
  }

  // The children of `node`: text and inline elements go to the current line (whose element
  // is `path`); blocks end it and write their own.
  void content(xml_node node, const std::string& path) {
    ChildSteps steps(node);
    int name_parts = 0;
    for (xml_node c = node.first_child(); c; c = c.next_sibling()) {
      if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) {
        text(c.value());
        continue;
      }
      if (c.type() != pugi::node_element) continue;
      std::string step = steps.step(c);
      std::string name(local_name(c.name()));
      if (one_of(name, kSkipped)) continue;
      // "<surname>Light</surname><given-names>Felix</given-names>" prints as two words.
      if (name_parts && is(node, "name")) space_ = true;
      ++name_parts;
      if (name == "break") {
        space_ = true;
      } else if (name == "label" && !started_ && !is(node, "xref")) {
        // A section's, list item's or figure's number: printed before the next line.
        prefix_ = flat_text(c);
      } else if (name == "fn") {
        if (in_text(node)) inline_note(c, join_path(path, step));
        else notes_.push_back({c, join_path(path, step), std::nullopt, {}});
      } else if (name == "front" || name == "front-stub") {
        end_line(path);
        front(c, join_path(path, step));
      } else if (name == "ref-list") {
        ref_lists_.emplace_back(c, join_path(path, step));
      } else if (name == "xref") {
        xref(c, path);
      } else if (name == "ext-link" || name == "uri") {
        hyperlink(c, path);
      } else if (one_of(name, kBlocks) && !(in_cell_ && name == "p")) {
        end_line(path);
        block(c, join_path(path, step));
      } else {
        content(c, path);  // italic, bold, sup, sc, named-content, …
      }
    }
  }

  void inline_note(xml_node fn, const std::string& path) {
    QueuedNote q{fn, path, std::nullopt, {}};
    std::string id = fn.attribute("id").value();
    if (id.empty() || !fn_pointed_.count(id)) {
      // Nothing points to it: its place in the paragraph is its mark, shown as its label.
      std::size_t at = mark();
      q.inline_label = std::string(trim(flat_text(fn.child("label"))));
      text(q.inline_label);
      q.inline_marker = ByteRange{at, here()};
    }
    notes_.push_back(std::move(q));
  }

  void xref(xml_node x, const std::string& path) {
    char kind = xref_kind(x);
    if (!kind) {
      content(x, path);
      return;
    }
    std::size_t at = mark();
    content(x, path);
    std::vector<std::string> rids = tokens(x.attribute("rid").value());
    if (kind == 'b' && here() == at) {
      // An empty xref: the entry's label is what readers see.
      for (const auto& r : rids) {
        auto it = ref_labels_.find(r);
        if (it != ref_labels_.end() && !it->second.empty()) {
          text(it->second);
          break;
        }
      }
    }
    ByteRange shown{at, here()};
    if (kind == 'b') {
      FieldCitation fc;
      fc.source = "jats";
      fc.bytes = shown;
      fc.targets = std::move(rids);
      widen_printed_range(fc);
      b_.structure().citations.push_back(std::move(fc));
    } else {
      Marker m;
      m.rids = std::move(rids);
      m.bytes = shown;
      m.shown = std::string(trim(flat_text(x)));
      markers_.push_back(std::move(m));
    }
  }

  // "<xref rid="r35">[35]</xref>–<xref rid="r41">[41]</xref>": a range printed between two
  // xrefs cites every entry from one label to the other, though only its ends are marked up.
  // The second xref takes the entries between the two, by their labels.
  void widen_printed_range(FieldCitation& fc) {
    auto& cites = b_.structure().citations;
    if (cites.empty() || fc.targets.size() != 1 || cites.back().targets.size() != 1) return;
    const FieldCitation& before = cites.back();
    if (before.bytes.end > fc.bytes.begin) return;
    std::string between;  // the dash, without the brackets around each end ("]–[")
    for (char c : b_.text().substr(before.bytes.end, fc.bytes.begin - before.bytes.end))
      if (c != ' ' && c != '[' && c != ']' && c != '(' && c != ')') between += c;
    if (between != "-" && between != "\u2013" && between != "\u2014") return;
    auto number = [&](const std::string& rid) {
      auto it = ref_labels_.find(rid);
      if (it == ref_labels_.end()) return 0;
      std::string digits;
      for (char c : fold_digits(it->second))
        if (c >= '0' && c <= '9') digits += c;
        else if (c != '[' && c != ']' && c != '(' && c != ')' && c != '.') return 0;
      return digits.empty() || digits.size() > 4 ? 0 : std::stoi(digits);
    };
    const int from = number(before.targets.front()), to = number(fc.targets.front());
    if (from <= 0 || to <= from + 1 || to - from > 50) return;
    std::unordered_map<int, std::string> rid_of;
    for (const auto& [rid, label] : ref_labels_) {
      (void)label;
      if (int v = number(rid); v > from && v < to) rid_of.emplace(v, rid);
    }
    if (static_cast<int>(rid_of.size()) != to - from - 1) return;  // labels with gaps: leave it as marked
    std::vector<std::string> targets;
    for (int v = from + 1; v < to; ++v) targets.push_back(rid_of.at(v));
    targets.push_back(fc.targets.front());
    fc.targets = std::move(targets);
  }

  void hyperlink(xml_node link, const std::string& path) {
    std::size_t at = mark();
    content(link, path);
    std::string target = link_target(link, base_);
    if (target.empty()) note_unresolved(link);
    if (here() == at && !target.empty()) text(target);  // an empty link prints its address
    if (!target.empty()) b_.structure().hyperlinks.push_back({target, ByteRange{at, here()}});
  }

  void note_unresolved(xml_node link) {
    std::string href = link_href(link);
    if (relative_address(link, href)) unresolved_.emplace_back(std::move(href), b_.lines() + 1);
  }

  // Relative links that nothing resolves are said, once for the article, not lost unsaid.
  void report_unresolved_links() {
    if (unresolved_.empty()) return;
    InputIssue issue;
    issue.code = "relative-link";
    issue.line = unresolved_.front().second;
    issue.column = 1;
    MessageText shown;
    for (std::size_t i = 0; i < unresolved_.size() && i < 3; ++i) {
      MessageText one = say("relative-link.item", {unresolved_[i].first, std::to_string(unresolved_[i].second)});
      shown = i ? say("list.comma", {shown, one}) : one;
    }
    if (unresolved_.size() > 3) shown = counted("list.more", static_cast<long long>(unresolved_.size() - 3), {shown});
    issue.text = counted("relative-link", static_cast<long long>(unresolved_.size()), {shown});
    issue.message = in_english(issue.text);
    b_.issue(std::move(issue));
  }

  // --- notes --------------------------------------------------------------------------------

  // Writes the queued notes not yet written (a note inside a note is queued meanwhile).
  void write_notes() {
    // Marks' shown text, looked up by the note they point to.
    // Notes without a label are numbered in order, table notes apart from the others.
    std::unordered_map<std::string, std::string> mark_text;  // note id → the first mark's text
    for (const Marker& m : markers_)
      if (!m.shown.empty())
        for (const auto& r : m.rids) mark_text.emplace(r, m.shown);
    for (std::size_t i = note_labels_.size(); i < notes_.size(); ++i) {
      const QueuedNote q = notes_[i];  // a copy: writing it may queue more notes
      int number = is(q.fn.parent(), "table-wrap-foot") ? ++running_table_ : ++running_;
      std::string label(trim(flat_text(q.fn.child("label"))));
      if (label.empty()) label = q.inline_label;
      if (label.empty()) {
        auto it = mark_text.find(q.fn.attribute("id").value());
        if (it != mark_text.end()) label = it->second;
      }
      if (label.empty()) label = std::to_string(number);
      note_labels_.push_back(label);
      std::size_t begin = here();
      int lines_before = b_.lines();
      prefix_ = label;
      ChildSteps steps(q.fn);
      for (xml_node c = q.fn.first_child(); c; c = c.next_sibling()) {
        if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) {
          text(c.value());
          continue;
        }
        if (c.type() != pugi::node_element) continue;
        std::string step = steps.step(c);
        if (is(c, "label") || one_of(local_name(c.name()), kSkipped)) continue;
        if (is(c, "p") || one_of(local_name(c.name()), kBlocks)) {
          end_line(q.path);
          block(c, join_path(q.path, step));
        } else if (is(c, "xref")) {
          xref(c, q.path);
        } else if (is(c, "ext-link") || is(c, "uri")) {
          hyperlink(c, q.path);
        } else {
          content(c, q.path);
        }
      }
      if (b_.lines() == lines_before && !started_) start_line();  // an empty note: its label alone
      end_line(q.path);
      prefix_.clear();
      note_bodies_.push_back(ByteRange{begin, b_.offset() > begin ? b_.offset() - 1 : begin});
    }
  }

  void pair_notes() {
    std::unordered_map<std::string, std::size_t> note_of;
    for (std::size_t i = 0; i < notes_.size(); ++i) {
      std::string id = notes_[i].fn.attribute("id").value();
      if (!id.empty()) note_of.emplace(id, i);
    }
    std::vector<std::optional<ByteRange>> marker_of(notes_.size());
    std::vector<MarkedFootnote> orphans;
    for (const Marker& m : markers_) {
      bool found = false;
      for (const auto& r : m.rids) {
        auto it = note_of.find(r);
        if (it == note_of.end()) continue;
        found = true;
        if (!marker_of[it->second]) marker_of[it->second] = m.bytes;
      }
      if (!found) orphans.push_back({m.shown, m.bytes, std::nullopt});
    }
    auto& out = b_.structure().footnotes;
    for (std::size_t i = 0; i < notes_.size(); ++i) {
      MarkedFootnote f;
      f.label = note_labels_[i];
      f.marker = notes_[i].inline_marker ? notes_[i].inline_marker : marker_of[i];
      f.body = note_bodies_[i];
      out.push_back(std::move(f));
    }
    for (auto& o : orphans) out.push_back(std::move(o));
  }

  // --- the reference list ----------------------------------------------------------------------

  void ref_list(xml_node list, const std::string& path, bool top) {
    ChildSteps steps(list);
    for (xml_node c = list.first_child(); c; c = c.next_sibling()) {
      if (c.type() != pugi::node_element) continue;
      std::string p = join_path(path, steps.step(c));
      if (is(c, "title")) {
        DocumentStructure& st = b_.structure();
        if (top && st.references_heading.empty()) {
          st.references_heading = std::string(trim(flat_text(c)));
          st.references_heading_line = b_.lines() + 1;
        }
        line(c, p);
      } else if (is(c, "ref")) {
        ref(c, p);
      } else if (is(c, "ref-list")) {
        ref_list(c, p, false);
      } else if (is(c, "label")) {
        prefix_ = flat_text(c);
      } else if (!one_of(local_name(c.name()), kSkipped)) {
        block(c, p);
      }
    }
    prefix_.clear();
  }

  void ref(xml_node r, const std::string& path) {
    xml_node mixed, element;
    auto consider = [&](xml_node c) {
      if (is(c, "mixed-citation") && !mixed) mixed = c;
      if ((is(c, "element-citation") || is(c, "nlm-citation")) && !element) element = c;
    };
    for (xml_node c = r.first_child(); c; c = c.next_sibling()) {
      consider(c);
      if (is(c, "citation-alternatives"))
        for (xml_node a = c.first_child(); a; a = a.next_sibling()) consider(a);
    }
    MarkedReference m;
    m.key = r.attribute("id").value();
    m.label = std::string(trim(flat_text(r.child("label"))));
    Work w = work_from_citation(element ? element : mixed, base_);
    if (element && !mixed)  // its links are read from the record, not written through hyperlink()
      for (xml_node c = element.first_child(); c; c = c.next_sibling())
        if ((is(c, "ext-link") || is(c, "uri")) && link_target(c, base_).empty()) note_unresolved(c);
    prefix_.clear();
    std::size_t begin = mark();
    if (mixed) content(mixed, path);
    else if (element) text(csl_display_line(w));
    else
      for (xml_node c = r.first_child(); c; c = c.next_sibling())
        if (!is(c, "label")) {
          if (c.type() == pugi::node_element) content(c, path);
          else text(c.value());
        }
    std::size_t end = here();
    end_line(path);
    m.bytes = ByteRange{begin, end};
    // A mixed-citation with no tagged names, year or title (plain text between the tags, as
    // some publishers deliver it) is read from its text like any printed entry.
    if (element || !w.authors.empty() || w.year || w.title) m.work = std::move(w);
    b_.structure().references.push_back(std::move(m));
  }
};

}  // namespace

Document read_jats(std::string path, const std::string& bytes, const std::string& base) {
  pugi::xml_document xml;
  parse_xml_part(xml, bytes, "the JATS article");
  xml_node root = xml.document_element();
  if (!root || local_name(root.name()) != "article")
    throw InputError(std::string("the XML root element is <") + (root ? root.name() : "") +
                     ">, so the file is not a JATS article (citecheck reads JATS files whose root is <article>)");
  return JatsReader(std::move(path), root, base).read();
}

}  // namespace citecheck
