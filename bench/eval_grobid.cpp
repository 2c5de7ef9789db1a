// citecheck-eval grobid — the reference-list layer scored on GROBID's annotated data, on the
// documents training never saw (corpus::held_out):
//  - zone: each held-out `segmentation` document as text; the lines the list finder puts in
//    a reference list (heading and entries) against the lines annotated <listBibl>;
//  - entries: each held-out `reference-segmenter` list under a heading, as printed (the PDF's
//    own line breaks) and laid out anew (hanging, numbered, blank-separated, carried into
//    Arabic and Georgian script); an entry counts when its first and last lines are exact.
// Options: --grobid DIR, --line-models DIR (score model files without rebuilding),
// --details FILE (every miss). Other options of citecheck-eval are accepted and ignored.
#include "bench/eval_grobid.hpp"

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "bench/grobid_corpus.hpp"
#include "bench/list_layouts.hpp"
#include "parsers/identifiers.hpp"
#include "parsers/learned/line_features.hpp"
#include "parsers/learned/line_models.hpp"
#include "parsers/page_furniture.hpp"
#include "parsers/reference_list.hpp"

namespace fs = std::filesystem;
using namespace citecheck;

namespace {

std::string join_lines(const std::vector<std::string>& lines) {
  std::string text;
  for (const auto& l : lines) { text += l; text += '\n'; }
  return text;
}

ReferenceListLayout list_of(const Document& doc, const LineModels& models) {
  PageLayout layout = detect_page_furniture(doc);
  std::vector<ByteRange> links;
  for (const auto& id : find_identifiers(doc.text))
    if (id.kind == LinkKind::Url || id.kind == LinkKind::Doi) links.push_back(id.bytes);
  return find_reference_list(doc, layout, links, models);
}

struct Counts {
  long tp = 0, fp = 0, fn = 0;
  double precision() const { return tp + fp ? static_cast<double>(tp) / static_cast<double>(tp + fp) : 1.0; }
  double recall() const { return tp + fn ? static_cast<double>(tp) / static_cast<double>(tp + fn) : 1.0; }
};

// Entry boundaries of one list laid out one way; returns matched and adds to the counts.
void score_entries(const std::string& name, const std::string& variant, const corpus::RenderedList& r,
                   const LineModels& models, Counts& c, std::ofstream* details, const fs::path& dump) {
  std::vector<std::string> lines{"References"};
  lines.insert(lines.end(), r.lines.begin(), r.lines.end());
  Document doc = make_document(name, join_lines(lines));
  if (!dump.empty()) {
    // The text as the list finder read it, to rerun citecheck on a miss.
    fs::create_directories(dump / variant);
    std::ofstream(dump / variant / (fs::path(name).filename().string() + ".txt")) << doc.text;
  }
  auto list = list_of(doc, models);
  std::set<std::pair<int, int>> truth, found;
  for (std::size_t k = 0; k < r.lines.size(); ++k) {
    if (!r.starts[k]) continue;
    int first = static_cast<int>(k) + 2, last = first;
    for (std::size_t j = k + 1; j < r.lines.size() && !r.starts[j]; ++j)
      if (r.entry_of[j] == r.entry_of[k]) last = static_cast<int>(j) + 2;
    truth.insert({first, last});
  }
  for (const auto& e : list.entries) found.insert({e.first_line, e.last_line});
  for (const auto& t : truth) {
    if (found.count(t)) ++c.tp;
    else {
      ++c.fn;
      if (details)
        *details << name << '\t' << variant << "\tentry-missed\t" << t.first << '-' << t.second << '\t'
                 << doc.line(t.first) << '\n';
    }
  }
  for (const auto& f : found) {
    if (truth.count(f)) continue;
    ++c.fp;
    if (details)
      *details << name << '\t' << variant << "\tentry-wrong\t" << f.first << '-' << f.second << '\t'
               << doc.line(f.first) << '\n';
  }
}

}  // namespace

int run_grobid_eval(int argc, char** argv) {
  fs::path root, models_dir;
  std::string show;  // a document to print line by line: truth, zone label, list membership
  fs::path dump;     // where each held-out list's rendered text is written, per layout
  std::optional<std::ofstream> details;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (a == "--grobid") root = value();
    else if (a == "--line-models") models_dir = value();
    else if (a == "--details") details.emplace(value());
    else if (a == "--show") show = value();
    else if (a == "--dump") dump = fs::path(value()) / "grobid";
    else if (a == "--help" || a == "-h") {
      std::printf("citecheck-eval grobid [--grobid DIR] [--line-models DIR] [--details FILE] [--dump DIR] [--show NAME]\n");
      return 0;
    } else if (a == "--layout") {
      value();  // the jats evaluation's options
    }
  }
  if (root.empty()) root = corpus::find_grobid_root(CITECHECK_SOURCE_DIR);
  if (root.empty() || !fs::is_directory(root / "segmentation")) {
    std::fprintf(stderr, "citecheck-eval grobid: GROBID's annotated data not found (give --grobid DIR; it is ../shared/corpus/grobid)\n");
    return 2;
  }
  LineModels models = [&] {
    try {
      return models_dir.empty() ? builtin_line_models() : load_line_models(models_dir);
    } catch (const ModelError& e) {
      std::fprintf(stderr, "citecheck-eval grobid: %s\n", e.what());
      std::exit(2);
    }
  }();
  std::ofstream* d = details ? &*details : nullptr;

  // Zone: the list's lines in whole held-out documents.
  Counts zone, model_zone;
  int docs = 0, lists_truth = 0, lists_found = 0;
  for (const auto& sd : corpus::load_segmentation(root)) {
    if (!corpus::held_out(sd.name)) continue;
    ++docs;
    std::vector<std::string> lines;
    for (const auto& l : sd.lines) lines.push_back(l.text);
    Document doc = make_document(sd.name, join_lines(lines));
    PageLayout layout = detect_page_furniture(doc);
    auto list = list_of(doc, models);
    std::vector<bool> predicted(lines.size() + 2, false);
    for (const auto& [from, to] : list.regions) {
      if (from >= 1 && static_cast<std::size_t>(from) <= lines.size()) predicted[static_cast<std::size_t>(from)] = true;
      (void)to;
    }
    for (const auto& e : list.entries)
      for (int l = e.first_line; l <= e.last_line; ++l)
        if (!layout.furniture(l)) predicted[static_cast<std::size_t>(l)] = true;
    bool has_truth = false;
    for (std::size_t k = 0; k < lines.size(); ++k) {
      bool truth = sd.lines[k].zone == corpus::kZoneReference;
      has_truth = has_truth || truth;
      bool pred = predicted[k + 1];
      if (truth && pred) ++zone.tp;
      else if (truth) ++zone.fn;
      else if (pred) ++zone.fp;
      if (d && truth != pred)
        *d << sd.name << "\tzone\t" << (truth ? "reference-line-missed" : "line-taken") << '\t' << k + 1 << '\t'
           << lines[k] << '\n';
    }
    if (sd.name == show) {
      auto shapes = line_shapes(doc, layout);
      std::vector<int> text;
      for (int i = 1; i <= doc.line_count(); ++i)
        if (!shapes[i - 1].blank) text.push_back(i);
      auto f = zone_features(shapes, text, models.zone.buckets());
      auto labels = models.zone.decode(f);
      std::vector<float> scores;
      for (std::size_t k = 0; k < text.size(); ++k) {
        models.zone.item_scores(f[k], scores);
        int l = text[k];
        std::printf("%5d %-9s %-9s %c%c %5.2f  %.90s\n", l, corpus::zone_names()[static_cast<std::size_t>(sd.lines[static_cast<std::size_t>(l - 1)].zone)].c_str(),
                    models.zone.labels()[static_cast<std::size_t>(labels[k])].c_str(), shapes[l - 1].anchor ? 'A' : ' ',
                    predicted[static_cast<std::size_t>(l)] ? 'L' : ' ', std::exp(scores[static_cast<std::size_t>(models.zone_reference)]),
                    lines[static_cast<std::size_t>(l - 1)].c_str());
      }
    }
    lists_truth += has_truth;
    lists_found += !list.entries.empty();
  }

  // Entries: held-out lists, as printed and laid out anew.
  corpus::ScriptCarrier carrier;
  struct Variant {
    std::string name;
    corpus::ListLayout layout;
    int script = -1;  // ScriptCarrier index (2: Arabic with Arabic-Indic digits, 4: Georgian)
  };
  const std::vector<Variant> variants{
      {"as-printed", {}, -1},
      {"hanging", {90, 4, 0, false, 0, 45}, -1},
      {"first-line", {90, 0, 4, false, 0, 0}, -1},
      {"numbered", {80, 3, 0, false, 1, 0}, -1},
      {"blank-separated", {100, 0, 0, true, 0, 0}, -1},
      {"arabic-hanging", {90, 4, 0, false, 0, 0}, 2},
      {"georgian", {0, 0, 0, false, 0, 0}, 4},
  };
  std::vector<Counts> entry(variants.size());
  int lists = 0;
  for (const auto& sl : corpus::load_reference_segmenter(root)) {
    if (!corpus::held_out(sl.name)) continue;
    ++lists;
    std::vector<std::vector<std::string>> entries;
    for (std::size_t k = 0; k < sl.lines.size(); ++k) {
      if (sl.starts[k] || entries.empty()) entries.emplace_back();
      entries.back().push_back(sl.lines[k]);
    }
    if (sl.name == show) {
      auto r = corpus::render_list(entries, {});
      std::vector<std::string> lines{"References"};
      lines.insert(lines.end(), r.lines.begin(), r.lines.end());
      Document doc = make_document(sl.name, join_lines(lines));
      auto shapes = line_shapes(doc, detect_page_furniture(doc));
      auto seq = list_text_lines(shapes, 2, doc.line_count());
      auto f = entry_features(shapes, seq, models.entry.buckets());
      auto labels = models.entry.decode(f);
      std::vector<float> sc;
      for (std::size_t k = 0; k < seq.size(); ++k) {
        models.entry.item_scores(f[k], sc);
        std::printf("%4d %c %c p=%.2f  %.100s\n", seq[k], r.starts[static_cast<std::size_t>(seq[k] - 2)] ? 'S' : ' ',
                    labels[k] == models.entry_start ? 'S' : ' ', std::exp(sc[static_cast<std::size_t>(models.entry_start)]),
                    lines[static_cast<std::size_t>(seq[k] - 1)].c_str());
        std::printf("      ");
        for (auto feature : f[k]) std::printf(" %.2f", static_cast<double>(models.entry.weight(feature, models.entry_start)));
        std::printf("\n");
      }
    }
    for (std::size_t v = 0; v < variants.size(); ++v) {
      auto e = entries;
      if (variants[v].script >= 0)
        for (auto& en : e)
          for (auto& l : en) l = carrier.carry(l, static_cast<std::size_t>(variants[v].script), true);
      score_entries(sl.name, variants[v].name, corpus::render_list(e, variants[v].layout), models, entry[v], d, dump);
    }
  }

  std::printf("grobid zone      %d held-out documents (%d with a list, %d found)  reference lines recall %.3f precision %.3f\n",
              docs, lists_truth, lists_found, zone.recall(), zone.precision());
  for (std::size_t v = 0; v < variants.size(); ++v)
    std::printf("grobid entries   %d held-out lists  %-16s exact boundaries recall %.3f precision %.3f\n", lists,
                variants[v].name.c_str(), entry[v].recall(), entry[v].precision());
  return 0;
}
