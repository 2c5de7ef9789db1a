#include "src/checked_document_codec.hpp"

#include <cstdint>
#include <cstring>
#include <functional>
#include <type_traits>

namespace citecheck {

namespace {

constexpr std::string_view kMagic = "citecheck-checked-document\x01";

// A field added to one of these types and not to its fields() below would be lost on every
// document served from the cache: the sizes pin the types this file was written against.
#if defined(__x86_64__) && defined(__GLIBCXX__)
static_assert(sizeof(Person) == 72 && sizeof(SourceSpan) == 16 && sizeof(Work) == 168 && sizeof(Reference) == 408 &&
                  sizeof(Footnote) == 344 && sizeof(Citation) == 304 && sizeof(Link) == 216 && sizeof(Finding) == 328 &&
                  sizeof(MessageText) == 104 && sizeof(LineOrigin) == 96 && sizeof(ReferenceListInfo) == 72 &&
                  sizeof(Manuscript) == 192 && sizeof(DocumentReport) == 304,
              "a model type changed: list its new field in checked_document_codec.cpp, then update these sizes");
#endif

// Every type is described once, by a function naming its fields in order; the writer and the
// reader walk the same description, so they cannot disagree about the layout.
template <class A> void fields(A& a, SourceSpan& s) { a(s.line, s.column, s.end_line, s.end_column); }
template <class A> void fields(A& a, ByteRange& b) { a(b.begin, b.end); }
template <class A> void fields(A& a, LineOrigin& o) {
  a(o.paragraph, o.note, o.endnote, o.page, o.page_line, o.xpath, o.record, o.source_line);
}
template <class A> void fields(A& a, Person& p) { a(p.family, p.given, p.organisation); }
template <class A> void fields(A& a, Work& w) {
  a(w.authors, w.year, w.year_suffix, w.title, w.container, w.volume, w.issue, w.pages, w.doi, w.accessed, w.isbn,
    w.number, w.urls, w.author_text);
}
template <class A> void fields(A& a, Reference& r) {
  a(r.id, r.label, r.section, r.raw, r.key, r.work, r.span, r.bytes, r.script, r.suggested_doi, r.suggested_title);
}
template <class A> void fields(A& a, Footnote& f) {
  a(f.id, f.label, f.marker, f.body, f.marker_bytes, f.body_bytes, f.text, f.work);
}
template <class A> void fields(A& a, Citation& c) {
  a(c.id, c.kind, c.span, c.bytes, c.raw, c.authors, c.et_al, c.year, c.year_suffix, c.locator, c.number, c.numbers,
    c.reference, c.also_references, c.narrative, c.through_secondary_source, c.acronym, c.source, c.targets, c.doi);
}
template <class A> void fields(A& a, Link& l) {
  a(l.id, l.kind, l.value, l.span, l.bytes, l.owner, l.archive_date, l.status, l.http_status, l.final_url, l.error, l.remapped_to,
    l.excluded, l.shard, l.wrapped, l.link_annotation, l.hyperlink);
}
template <class A> void fields(A& a, Excerpt& e) { a(e.before, e.text, e.after); }
template <class A> void fields(A& a, MessageText& m) { a(m.key, m.args, m.text, m.count, m.phrase); }
template <class A> void fields(A& a, Finding& f) {
  a(f.code, f.severity, f.message, f.span, f.items, f.excerpt, f.text, f.english_message);
}
template <class A> void fields(A& a, ReferenceSection& s) { a(s.heading, s.line); }
template <class A> void fields(A& a, ReferenceListInfo& r) { a(r.present, r.heading, r.heading_line, r.sections); }
template <class A> void fields(A& a, Manuscript& m) {
  a(m.scripts, m.reference_list, m.footnotes, m.references, m.citations, m.links);
}
template <class A> void fields(A& a, DocumentReport& d) { a(d.path, d.format, d.origins, d.manuscript, d.findings); }

template <class T> struct IsOptional : std::false_type {};
template <class T> struct IsOptional<std::optional<T>> : std::true_type {};
template <> struct IsOptional<OptionalText> : std::true_type {};
template <class T> struct IsVector : std::false_type {};
template <class T> struct IsVector<std::vector<T>> : std::true_type {};

// Where a Writer's bytes go: counted only (the size, before the bytes are written where they
// must be known beforehand), or gathered in pieces handed on as they fill.
class CountingSink {
 public:
  void put(char) { ++size_; }
  void put(std::string_view s) { size_ += s.size(); }
  std::size_t size() const { return size_; }

 private:
  std::size_t size_ = 0;
};

class PieceSink {
 public:
  explicit PieceSink(const std::function<void(std::string_view)>& emit) : emit_(emit) { buffer_.reserve(kPiece); }
  void put(char c) {
    buffer_.push_back(c);
    if (buffer_.size() >= kPiece) flush();
  }
  void put(std::string_view s) {
    if (buffer_.size() + s.size() > kPiece) flush();
    if (s.size() >= kPiece) emit_(s);
    else buffer_.append(s);
  }
  void flush() {
    if (!buffer_.empty()) emit_(buffer_);
    buffer_.clear();
  }

 private:
  static constexpr std::size_t kPiece = 1 << 20;
  const std::function<void(std::string_view)>& emit_;
  std::string buffer_;
};

// Integers as LEB128 varints (signed ones zigzagged), strings and lists by length, optionals
// by a presence byte.
template <class Sink> class Writer {
 public:
  explicit Writer(Sink& out) : out_(out) {}

  template <class... T> void operator()(const T&... v) { (item(v), ...); }

 private:
  Sink& out_;

  void varint(std::uint64_t v) {
    while (v >= 0x80) {
      out_.put(static_cast<char>((v & 0x7F) | 0x80));
      v >>= 7;
    }
    out_.put(static_cast<char>(v));
  }
  template <class T> void item(const T& v) {
    if constexpr (std::is_same_v<T, bool>) {
      out_.put(static_cast<char>(v ? 1 : 0));
    } else if constexpr (std::is_enum_v<T>) {
      varint(static_cast<std::uint64_t>(v));
    } else if constexpr (std::is_integral_v<T> && std::is_signed_v<T>) {
      const auto s = static_cast<std::int64_t>(v);
      varint((static_cast<std::uint64_t>(s) << 1) ^ static_cast<std::uint64_t>(s >> 63));
    } else if constexpr (std::is_integral_v<T>) {
      varint(static_cast<std::uint64_t>(v));
    } else if constexpr (std::is_same_v<T, std::string>) {
      varint(v.size());
      out_.put(std::string_view(v));
    } else if constexpr (IsOptional<T>::value) {
      out_.put(static_cast<char>(v ? 1 : 0));
      if (v) item(*v);
    } else if constexpr (IsVector<T>::value) {
      varint(v.size());
      for (const auto& x : v) item(x);
    } else if constexpr (std::is_same_v<T, std::shared_ptr<const std::vector<MessageText>>>) {
      out_.put(static_cast<char>(v ? 1 : 0));
      if (v) item(*v);
    } else {
      fields(*this, const_cast<T&>(v));  // fields() only reads through a Writer
    }
  }
};

bool keepable(const DocumentReport& d) {
  for (const Link& l : d.manuscript.links)
    if (l.check) return false;
  return true;
}

class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}

  template <class... T> void operator()(T&... v) { (item(v), ...); }
  bool at_end() const { return pos_ == in_.size(); }

 private:
  std::string_view in_;
  std::size_t pos_ = 0;
  int depth_ = 0;

  [[noreturn]] static void truncated() { throw CodecError("the kept document is truncated"); }
  unsigned char byte() {
    if (pos_ >= in_.size()) truncated();
    return static_cast<unsigned char>(in_[pos_++]);
  }
  std::uint64_t varint() {
    std::uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      const unsigned char b = byte();
      v |= static_cast<std::uint64_t>(b & 0x7F) << shift;
      if (!(b & 0x80)) return v;
    }
    throw CodecError("the kept document holds an over-long number");
  }
  // A count of items each at least one byte long cannot exceed the bytes left: a corrupt
  // count is refused before it allocates.
  std::size_t count() {
    const std::uint64_t n = varint();
    if (n > in_.size() - pos_) truncated();
    return static_cast<std::size_t>(n);
  }
  bool flag() {
    const unsigned char b = byte();
    if (b > 1) throw CodecError("the kept document holds a bad flag");
    return b == 1;
  }
  template <class T> void item(T& v) {
    if constexpr (std::is_same_v<T, bool>) {
      v = flag();
    } else if constexpr (std::is_enum_v<T>) {
      v = static_cast<T>(varint());
    } else if constexpr (std::is_integral_v<T> && std::is_signed_v<T>) {
      const std::uint64_t u = varint();
      v = static_cast<T>(static_cast<std::int64_t>(u >> 1) ^ -static_cast<std::int64_t>(u & 1));
    } else if constexpr (std::is_integral_v<T>) {
      v = static_cast<T>(varint());
    } else if constexpr (std::is_same_v<T, std::string>) {
      const std::size_t n = count();
      v.assign(in_.data() + pos_, n);
      pos_ += n;
    } else if constexpr (IsOptional<T>::value) {
      if (flag()) item(v.emplace());
      else v.reset();
    } else if constexpr (IsVector<T>::value) {
      const std::size_t n = count();
      v.clear();
      v.resize(n);
      for (auto& x : v) item(x);
    } else if constexpr (std::is_same_v<T, std::shared_ptr<const std::vector<MessageText>>>) {
      if (!flag()) {
        v.reset();
        return;
      }
      if (++depth_ > 64) throw CodecError("the kept document nests messages too deeply");
      auto args = std::make_shared<std::vector<MessageText>>();
      item(*args);
      --depth_;
      v = std::move(args);
    } else {
      fields(*this, v);
    }
  }
};

}  // namespace

std::optional<std::size_t> encoded_size(const DocumentReport& d) {
  if (!keepable(d)) return std::nullopt;
  CountingSink count;
  count.put(kMagic);
  Writer<CountingSink> writer(count);
  writer(d);
  return count.size();
}

void encode_checked_document(const DocumentReport& d, const std::function<void(std::string_view)>& emit) {
  PieceSink pieces(emit);
  pieces.put(kMagic);
  Writer<PieceSink> writer(pieces);
  writer(d);
  pieces.flush();
}

std::optional<std::string> encode_checked_document(const DocumentReport& d) {
  if (!keepable(d)) return std::nullopt;
  std::string out;
  encode_checked_document(d, [&](std::string_view piece) { out.append(piece); });
  return out;
}

DocumentReport decode_checked_document(std::string_view bytes) {
  if (bytes.substr(0, kMagic.size()) != kMagic) throw CodecError("the kept document is not of this codec");
  Reader r(bytes.substr(kMagic.size()));
  DocumentReport d;
  r(d);
  if (!r.at_end()) throw CodecError("the kept document has bytes after its end");
  return d;
}

}  // namespace citecheck
