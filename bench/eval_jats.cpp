// eval_jats.cpp — citecheck-eval jats: how much of a real article's reference list,
// citations and DOIs the text pipeline recovers once the article is only text.
//
//   citecheck-eval jats [DIR|FILE.xml ...] [--layout NAME] [--groups] [--per-article]
//                       [--details FILE] [--dump DIR]
//
// The truth is the JATS reader's own result (refs, xrefs, pub-id DOIs); the text is the same
// article rendered by jats_render in each layout. Scores are pooled over all truth items of
// all articles (count-exact and false alarms are per article).
#include "bench/eval_jats.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "bench/jats_render.hpp"
#include "parsers/text_reader.hpp"
#include "parsers/unicode_text.hpp"
#include "src/pipeline.hpp"

namespace fs = std::filesystem;

namespace citecheck::eval {
namespace {

// Counts pooled over articles; rates are taken only when printed.
struct Tally {
  int articles = 0, count_exact = 0;
  long entries = 0, entries_found = 0, entries_exact = 0, found_entries = 0;
  long citations = 0, citations_found = 0, citations_linked = 0;
  long dois = 0, dois_found = 0;
  long false_alarms = 0;
  long confirmed_alarms = 0;  // citation-without-reference where the list truly lacks the work

  void add(const Tally& o) {
    articles += o.articles;
    count_exact += o.count_exact;
    entries += o.entries;
    entries_found += o.entries_found;
    entries_exact += o.entries_exact;
    found_entries += o.found_entries;
    citations += o.citations;
    citations_found += o.citations_found;
    citations_linked += o.citations_linked;
    dois += o.dois;
    dois_found += o.dois_found;
    false_alarms += o.false_alarms;
    confirmed_alarms += o.confirmed_alarms;
  }
};

// Whether some entry of the article's list could be the work `c` cites, judged on the
// entries' text as the markup gives it: the cited label, or the cited first author's family
// name (every word of it, folded) together with the cited year. Generous on purpose: an alarm
// is counted true only when no entry could be the work.
bool could_be_listed(const Citation& c, const Article& a) {
  for (const TruthEntry& e : a.entries) {
    if (c.kind == CitationKind::Numeric) {
      std::string digits;
      for (char ch : fold_digits(e.label))
        if (ch >= '0' && ch <= '9') digits += ch;
      for (const auto& n : c.numbers)  // "12", or a part "12a" of entry 12
        if (!digits.empty() && (n == digits || (n.size() == digits.size() + 1 && n.compare(0, digits.size(), digits) == 0 &&
                                                n.back() >= 'a' && n.back() <= 'z')))
          return true;
      continue;
    }
    if (c.authors.empty()) return true;
    std::string_view text(a.doc.text.data() + e.bytes.begin, e.bytes.end - e.bytes.begin);
    const std::vector<std::string> listed = word_keys(text);
    const std::unordered_set<std::string> words(listed.begin(), listed.end());
    bool named = true;
    for (const std::string& key : word_keys(c.authors.front()))
      if (key.size() >= 2 && !words.count(key)) named = false;
    const bool dated = !c.year || !std::all_of(c.year->begin(), c.year->end(), [](char ch) { return ch >= '0' && ch <= '9'; }) ||
                       fold_digits(text).find(*c.year) != std::string::npos;
    if (named && dated) return true;
  }
  return false;
}

std::string rate(long num, long den) {
  if (den <= 0) return "  -  ";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.3f", static_cast<double>(num) / static_cast<double>(den));
  return buf;
}

void print_summary(const std::string& label, const Tally& t) {
  char fa[16];
  std::snprintf(fa, sizeof fa, "%.1f", t.articles ? static_cast<double>(t.false_alarms) / t.articles : 0.0);
  std::printf("%-28s %3d articles  entries found %s  exact %s  count-exact %s  citations found %s linked %s  dois %s  "
              "false alarms/article %s  (true alarms %ld)\n",
              label.c_str(), t.articles, rate(t.entries_found, t.entries).c_str(),
              rate(t.entries_exact, t.entries).c_str(), rate(t.count_exact, t.articles).c_str(),
              rate(t.citations_found, t.citations).c_str(), rate(t.citations_linked, t.citations).c_str(),
              rate(t.dois_found, t.dois).c_str(), fa, t.confirmed_alarms);
}

void print_article(const std::string& name, const Tally& t) {
  std::printf("  %-34s entries %ld/%ld exact %ld (found %ld)  citations %ld/%ld linked %ld  dois %ld/%ld  "
              "false alarms %ld\n",
              name.c_str(), t.entries_found, t.entries, t.entries_exact, t.found_entries, t.citations_found,
              t.citations, t.citations_linked, t.dois_found, t.dois, t.false_alarms);
}

// A rendered line for the details file: form feeds dropped, long lines cut.
std::string shown_line(const Document& doc, int line) {
  if (line < 1 || line > doc.line_count()) return "";
  std::string s;
  for (char c : doc.line(line))
    if (c != '\f') s.push_back(c);
  if (s.size() > 200) s = std::string(utf8_prefix(s, 200)) + "…";
  return s;
}

std::string at_line(const Document& doc, int line) {
  return "L" + std::to_string(line) + ": " + shown_line(doc, line);
}

bool utf8_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// The text around a range on its line, the range between « and »: "…population «1» and…".
std::string in_context(const Document& doc, ByteRange r, std::size_t around = 60) {
  const int line = doc.line_of(r.begin);
  std::size_t lb = doc.line_begin(line), le = doc.line_end(line);
  std::size_t b = r.begin > lb + around ? r.begin - around : lb, e = std::min(le, r.end + around);
  while (b > lb && utf8_continuation(doc.text[b])) --b;
  while (e < le && utf8_continuation(doc.text[e])) ++e;
  std::string out = "L" + std::to_string(line) + ": " + (b > lb ? "…" : "");
  for (std::size_t i = b; i < e; ++i) {
    if (i == r.begin) out += "«";
    if (i == r.end) out += "»";
    if (doc.text[i] != '\f') out.push_back(doc.text[i]);
  }
  if (r.end >= e) out += "»";
  return out + (e < le ? "…" : "");
}

// Every miss of one article in one layout, one tab-separated line each.
class Details {
 public:
  Details(std::ofstream* out, const std::string& article, const char* layout)
      : out_(out), article_(article), layout_(layout) {}
  bool on() const { return out_ != nullptr; }
  void miss(const char* kind, const std::string& truth, const std::string& found) {
    if (!out_) return;
    *out_ << article_ << '\t' << layout_ << '\t' << kind << '\t' << one_line(truth) << '\t' << one_line(found) << '\n';
  }

 private:
  static std::string one_line(const std::string& s) {
    std::string o;
    for (char c : s) o.push_back(c == '\t' || c == '\n' ? ' ' : c);
    return o;
  }
  std::ofstream* out_;
  const std::string& article_;
  const char* layout_;
};

Tally score(const Article& a, const Rendered& r, const Document& doc, const DocumentReport& rep, Details& d) {
  const Manuscript& m = rep.manuscript;
  Tally t;
  t.articles = 1;
  t.found_entries = static_cast<long>(m.references.size());

  std::unordered_map<std::string, int> found_ref;       // found reference id → index
  std::unordered_map<int, std::vector<int>> found_at;   // first line → found references
  for (std::size_t i = 0; i < m.references.size(); ++i) {
    found_ref.emplace(m.references[i].id, static_cast<int>(i));
    found_at[m.references[i].span.line].push_back(static_cast<int>(i));
  }
  std::unordered_map<int, int> truth_at;  // rendered first line → truth entry
  for (std::size_t e = 0; e < r.entries.size(); ++e)
    if (r.entries[e].first) truth_at.emplace(r.entries[e].first, static_cast<int>(e));
  // The truth entry a found reference stands for: the one starting on its first line.
  auto truth_of_ref = [&](const std::string& id) {
    auto it = found_ref.find(id);
    if (it == found_ref.end()) return -1;
    auto t2 = truth_at.find(m.references[it->second].span.line);
    return t2 == truth_at.end() ? -1 : t2->second;
  };
  auto describe_ref = [&](int i) {
    const Reference& ref = m.references[i];
    return "L" + std::to_string(ref.span.line) + "-" + std::to_string(ref.span.end_line) + ": " +
           shown_line(doc, ref.span.line);
  };

  // Entries.
  for (std::size_t e = 0; e < a.entries.size(); ++e) {
    const auto& where = r.entries[e];
    if (!where.first) continue;
    ++t.entries;
    auto it = found_at.find(where.first);
    if (it == found_at.end()) {
      if (d.on()) {
        std::string found;
        for (std::size_t i = 0; i < m.references.size(); ++i) {
          const Reference& ref = m.references[i];
          if (ref.span.line <= where.last && std::max(ref.span.end_line, ref.span.line) >= where.first)
            found += (found.empty() ? "" : " | ") + describe_ref(static_cast<int>(i));
        }
        if (found.empty()) found = m.references.empty() ? "no entry found at all" : "no found entry overlaps";
        d.miss("entry-missed", "L" + std::to_string(where.first) + "-" + std::to_string(where.last) + ": " +
                                   shown_line(doc, where.first),
               found);
      }
      continue;
    }
    ++t.entries_found;
    bool exact = false;
    int end_found = 0;
    for (int i : it->second) {
      end_found = std::max(m.references[i].span.end_line, m.references[i].span.line);
      exact = exact || end_found == where.last;
    }
    if (exact) {
      ++t.entries_exact;
    } else {
      d.miss(end_found > where.last ? "entry-too-long" : "entry-too-short",
             "ends " + at_line(doc, where.last), "ends " + at_line(doc, end_found));
    }
  }
  if (static_cast<long>(m.references.size()) == t.entries) ++t.count_exact;
  else d.miss("entry-count", std::to_string(t.entries) + " entries", std::to_string(m.references.size()) + " found");
  if (d.on())
    for (std::size_t i = 0; i < m.references.size(); ++i)
      if (!truth_at.count(m.references[i].span.line))
        d.miss("entry-spurious", "no entry starts on L" + std::to_string(m.references[i].span.line),
               describe_ref(static_cast<int>(i)));

  // Citations: a truth xref is found when a found citation overlaps where it was printed.
  std::vector<int> by_begin(m.citations.size());
  for (std::size_t i = 0; i < by_begin.size(); ++i) by_begin[i] = static_cast<int>(i);
  std::sort(by_begin.begin(), by_begin.end(),
            [&](int x, int y) { return m.citations[x].bytes.begin < m.citations[y].bytes.begin; });
  auto overlapping = [&](ByteRange range) {
    std::vector<int> out;
    // Citations are short and rarely nested: those starting before `range` ends, scanned back
    // until one ends well before it.
    auto upper = std::lower_bound(by_begin.begin(), by_begin.end(), range.end,
                                  [&](int i, std::size_t v) { return m.citations[i].bytes.begin < v; });
    for (auto it = upper; it != by_begin.begin();) {
      --it;
      const ByteRange& b = m.citations[*it].bytes;
      if (b.overlaps(range) || (b.begin == b.end && range.contains(b.begin))) out.push_back(*it);
      if (b.begin + 4096 < range.begin) break;
    }
    return out;
  };
  std::vector<ByteRange> truth_shown;  // every shown xref, for the false-alarm test
  std::vector<bool> truth_targets;
  for (std::size_t c = 0; c < a.citations.size(); ++c) {
    if (!r.citations[c]) continue;
    truth_shown.push_back(*r.citations[c]);
    truth_targets.push_back(!a.citations[c].entries.empty());
    if (a.citations[c].entries.empty()) continue;  // names no ref: a markup error, nothing to find
    ++t.citations;
    const ByteRange where = *r.citations[c];
    const int line = doc.line_of(where.begin);
    std::string xref_text = doc.text.substr(where.begin, where.end - where.begin);
    std::vector<int> hits = overlapping(where);
    if (hits.empty()) {
      if (d.on()) {
        std::string found;
        for (const Citation& fc : m.citations)
          if (fc.bytes.begin < where.end + 100 && fc.bytes.end + 100 > where.begin)
            found += (found.empty() ? "" : " | ") + fc.raw;
        d.miss("citation-missed", in_context(doc, where), found.empty() ? "no citation near" : "near: " + found);
      }
      continue;
    }
    ++t.citations_found;
    bool linked = false;
    std::string found;
    for (int h : hits) {
      const Citation& fc = m.citations[h];
      std::vector<std::string> ids = fc.also_references;
      if (fc.reference) ids.push_back(*fc.reference);
      for (const auto& id : ids) {
        int te = truth_of_ref(id);
        if (te >= 0 && std::find(a.citations[c].entries.begin(), a.citations[c].entries.end(), te) !=
                           a.citations[c].entries.end())
          linked = true;
      }
      if (d.on()) {
        found += (found.empty() ? "'" : " | '") + fc.raw + "' → ";
        if (!fc.reference) {
          found += "no entry";
        } else if (auto it = found_ref.find(*fc.reference); it != found_ref.end()) {
          found += describe_ref(it->second);
        }
      }
    }
    if (linked) {
      ++t.citations_linked;
    } else if (d.on()) {
      int te = a.citations[c].entries.front();
      d.miss("citation-unlinked", "'" + xref_text + "' L" + std::to_string(line) + " cites " +
                                      (r.entries[te].first ? at_line(doc, r.entries[te].first) : a.entries[te].key),
             found + (m.references.empty() ? " (no entry found at all)" : ""));
    }
  }

  // DOIs the entries print, found as doi links anywhere in the text.
  std::unordered_set<std::string> dois;
  for (const Link& l : m.links)
    if (l.kind == LinkKind::Doi) dois.insert(l.value);
  for (std::size_t e = 0; e < a.entries.size(); ++e) {
    if (a.entries[e].doi.empty() || !r.entries[e].first) continue;
    ++t.dois;
    if (dois.count(a.entries[e].doi)) {
      ++t.dois_found;
      continue;
    }
    if (d.on()) {
      std::string found;
      for (const Link& l : m.links)
        if (l.span.line >= r.entries[e].first && l.span.line <= r.entries[e].last)
          found += (found.empty() ? "" : " | ") + std::string(to_string(l.kind)) + " " + l.value;
      std::string lines;
      for (int l = r.entries[e].first; l <= r.entries[e].last; ++l)
        if (shown_line(doc, l).find('/') != std::string::npos || l == r.entries[e].last)
          lines += (lines.empty() ? "" : " / ") + at_line(doc, l);
      d.miss("doi-missed", a.entries[e].doi + " in " + lines, found.empty() ? "no link in the entry" : found);
    }
  }

  // False alarms: findings the markup contradicts.
  std::unordered_map<std::string, int> found_cit;
  for (std::size_t i = 0; i < m.citations.size(); ++i) found_cit.emplace(m.citations[i].id, static_cast<int>(i));
  for (const Finding& f : rep.findings) {
    if (f.items.empty()) continue;
    if (f.code == "reference-never-cited") {
      int te = truth_of_ref(f.items.front());
      if (te >= 0 && !a.entries[te].cited) continue;  // truly uncited
      ++t.false_alarms;
      d.miss("false-never-cited", te < 0 ? "not an entry" : "cited by an xref", at_line(doc, f.span.line));
    } else if (f.code == "citation-without-reference") {
      auto it = found_cit.find(f.items.front());
      if (it == found_cit.end()) continue;
      const Citation& fc = m.citations[it->second];
      bool at_xref = false, has_targets = false;
      for (std::size_t k = 0; k < truth_shown.size(); ++k)
        if (truth_shown[k].overlaps(fc.bytes)) {
          at_xref = true;
          has_targets = has_targets || truth_targets[k];
        }
      if (at_xref && !has_targets) continue;
      // No xref there, and no entry of the list names the cited author in the cited year (or
      // bears the cited label): the article cites a work its list lacks, a true alarm.
      if (!at_xref && !could_be_listed(fc, a)) {
        ++t.confirmed_alarms;
        d.miss("true-without-reference", "no entry names it", "'" + fc.raw + "' " + in_context(doc, fc.bytes));
        continue;
      }
      ++t.false_alarms;
      d.miss("false-without-reference", at_xref ? "an xref with a ref" : "no xref there",
             "'" + fc.raw + "' " + in_context(doc, fc.bytes));
    }
  }
  return t;
}

std::vector<fs::path> xml_files(const fs::path& dir) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec))
    if (e.is_regular_file() && e.path().extension() == ".xml") out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

fs::path default_corpus(const char* source_dir) {
  std::vector<fs::path> roots{fs::current_path()};
  if (source_dir && *source_dir) roots.emplace_back(source_dir);
  for (const auto& root : roots)
    if (fs::path p = root / "../shared/corpus/jats"; !xml_files(p).empty()) return p.lexically_normal();
  return {};
}

const char* kUsage =
    "usage: citecheck-eval jats [DIR|FILE.xml ...] [--layout NAME] [--groups] [--per-article] [--details FILE] "
    "[--dump DIR]\n"
    "  layouts: paragraph, wrapped-hanging, wrapped-first-line, numbered, bracketed, blank-separated, furniture "
    "(default: all)\n";

}  // namespace
}  // namespace citecheck::eval

int run_jats_eval(int argc, char** argv, const char* source_dir) {
  using namespace citecheck;
  using namespace citecheck::eval;
  const auto t0 = std::chrono::steady_clock::now();
  std::vector<Layout> layouts;
  bool groups = false, per_article = false;
  std::string details_path, dump_dir;
  std::vector<fs::path> inputs;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    auto value = [&]() -> const char* { return i + 1 < argc ? argv[++i] : nullptr; };
    if (arg == "--layout") {
      const char* v = value();
      auto l = v ? layout_named(v) : std::nullopt;
      if (!l) {
        std::fprintf(stderr, "citecheck-eval jats: --layout needs one of the layouts\n%s", kUsage);
        return 2;
      }
      layouts.push_back(*l);
    } else if (arg == "--groups") {
      groups = true;
    } else if (arg == "--per-article") {
      per_article = true;
    } else if (arg == "--details" || arg == "--dump") {
      const char* v = value();
      if (!v) {
        std::fprintf(stderr, "citecheck-eval jats: %s needs a path\n", arg.c_str());
        return 2;
      }
      (arg == "--details" ? details_path : dump_dir) = v;
    } else if (arg == "-h" || arg == "--help") {
      std::printf("%s", kUsage);
      return 0;
    } else if (!arg.empty() && arg[0] == '-') {
      std::fprintf(stderr, "citecheck-eval jats: unknown option '%s'\n%s", arg.c_str(), kUsage);
      return 2;
    } else {
      inputs.emplace_back(arg);
    }
  }
  if (layouts.empty()) layouts = all_layouts();
  if (inputs.empty()) {
    fs::path dir = default_corpus(source_dir);
    if (dir.empty()) {
      std::fprintf(stderr,
                   "citecheck-eval jats: no corpus: ../shared/corpus/jats has no .xml files (looked from the working "
                   "directory and from %s); name a folder of JATS articles\n",
                   source_dir);
      return 2;
    }
    inputs.push_back(dir);
  }
  std::vector<fs::path> files;
  for (const auto& in : inputs) {
    std::error_code ec;
    if (fs::is_directory(in, ec)) {
      auto found = xml_files(in);
      if (found.empty()) {
        std::fprintf(stderr, "citecheck-eval jats: no corpus: %s has no .xml files\n", in.c_str());
        return 2;
      }
      files.insert(files.end(), found.begin(), found.end());
    } else if (fs::is_regular_file(in, ec)) {
      files.push_back(in);
    } else {
      std::fprintf(stderr, "citecheck-eval jats: no corpus: %s does not exist\n", in.c_str());
      return 2;
    }
  }

  std::vector<Article> articles;
  for (const auto& f : files) {
    try {
      articles.push_back(load_article(f.string()));
    } catch (const std::exception& e) {
      std::fprintf(stderr, "citecheck-eval jats: skipped %s: %s\n", f.c_str(), e.what());
    }
  }
  if (articles.empty()) {
    std::fprintf(stderr, "citecheck-eval jats: no readable JATS article among %zu file(s)\n", files.size());
    return 2;
  }
  std::ofstream details;
  if (!details_path.empty()) {
    details.open(details_path, std::ios::binary);
    if (!details) {
      std::fprintf(stderr, "citecheck-eval jats: cannot write %s\n", details_path.c_str());
      return 2;
    }
    details << "article\tlayout\tkind\ttruth\tfound\n";
  }
  if (!dump_dir.empty()) {
    std::error_code ec;
    fs::create_directories(dump_dir, ec);
  }

  for (Layout layout : layouts) {
    Tally total;
    std::map<std::string, Tally> by_group;
    std::vector<std::pair<std::string, Tally>> rows;
    for (const Article& a : articles) {
      Rendered r = render(a, layout);
      std::string name = a.name + "." + layout_name(layout) + ".txt";
      if (!dump_dir.empty()) std::ofstream(fs::path(dump_dir) / name, std::ios::binary) << r.text;
      Document doc = make_document(name, std::move(r.text));
      DocumentReport rep = check_document(doc);
      Details d(details_path.empty() ? nullptr : &details, a.name, layout_name(layout));
      Tally t = score(a, r, doc, rep, d);
      total.add(t);
      by_group["language " + a.language].add(t);
      by_group["script " + a.script].add(t);
      by_group["style " + a.style].add(t);
      rows.emplace_back(a.name, t);
    }
    print_summary(std::string("jats ") + layout_name(layout), total);
    if (groups)
      for (const auto& [label, t] : by_group) print_summary("  " + label, t);
    if (per_article)
      for (const auto& [name, t] : rows) print_article(name, t);
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf("jats: %zu articles x %zu layouts in %.2f s\n", articles.size(), layouts.size(), seconds);
  return 0;
}
