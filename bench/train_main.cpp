// citecheck-train — trains the learned models offline and writes their model files.
//
//   citecheck-train [all|lines|fields] [--grobid DIR] [--jats DIR] [--no-synthetic] [--out DIR] [--seed N] [--cost C] [--min-count N] [--epochs N]
//
// lines: the reference-list line models (reference-zone.model, reference-entry.model);
// fields: the field tagger (reference-fields.model); all (the default): both. The data is
// GROBID's annotated training data (../shared/corpus/grobid, CC BY 4.0), never the
// documents citecheck-eval holds out; the field tagger also reads the reference lists of the
// JATS articles in ../shared/corpus/jats (--jats DIR), but for those citecheck-eval holds out,
// and its GROBID strings rendered again in other citation styles by pandoc --citeproc
// (bench/csl_synthetic.hpp; --no-synthetic leaves them out).
// Models go to parsers/models/ unless --out DIR.
// --min-count N: the field tagger leaves out features seen fewer than N times (default 5, or
// 20 for the logistic model), which keeps its file small. --epochs N: the field tagger is an
// averaged structured perceptron trained N epochs (default 20); --epochs 0 trains it as the
// line models are, a logistic model (liblinear, --cost) with transitions from counts.
#include <cstdio>
#include <cstdlib>
#include <string>

#include "bench/grobid_corpus.hpp"
#include "bench/jats_citations.hpp"
#include "bench/train_linear.hpp"

namespace fs = std::filesystem;
using namespace citecheck;

int main(int argc, char** argv) {
  const char* usage = "usage: citecheck-train [all|lines|fields] [--grobid DIR] [--jats DIR] [--no-synthetic] [--out DIR] [--seed N] [--cost C] [--min-count N] [--epochs N]\n";
  training::TrainOptions options;
  options.out = fs::path(CITECHECK_SOURCE_DIR) / "parsers" / "models";
  std::string mode = "all";
  bool cost_given = false, epochs_given = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) { std::fprintf(stderr, "citecheck-train: %s needs a value\n%s", a.c_str(), usage); std::exit(2); }
      return argv[++i];
    };
    try {
      if (a == "all" || a == "lines" || a == "fields") mode = a;
      else if (a == "--grobid") options.grobid = value();
      else if (a == "--jats") options.jats = value();
      else if (a == "--no-synthetic") options.synthetic = false;
      else if (a == "--out") options.out = value();
      else if (a == "--seed") options.seed = static_cast<unsigned>(std::stoul(value()));
      else if (a == "--cost") { options.cost = std::stod(value()); cost_given = true; }
      else if (a == "--min-count") options.min_count = std::stoul(value());
      else if (a == "--epochs") { options.epochs = static_cast<unsigned>(std::stoul(value())); epochs_given = true; }
      else if (a == "-h" || a == "--help") { std::printf("%s", usage); return 0; }
      else { std::fprintf(stderr, "citecheck-train: unknown argument '%s'\n%s", a.c_str(), usage); return 2; }
    } catch (const std::exception&) {
      std::fprintf(stderr, "citecheck-train: %s needs a number\n%s", a.c_str(), usage);
      return 2;
    }
  }
  if (options.grobid.empty()) options.grobid = corpus::find_grobid_root(CITECHECK_SOURCE_DIR);
  if (options.grobid.empty() || !fs::is_directory(options.grobid)) {
    std::fprintf(stderr, "citecheck-train: GROBID's annotated data not found (give --grobid DIR; it is ../shared/corpus/grobid)\n");
    return 2;
  }
  if (options.jats.empty()) options.jats = corpus::find_jats_root(CITECHECK_SOURCE_DIR);
  int status = 0;
  if (mode == "all" || mode == "lines") status = training::train_lines(options);
  if (status == 0 && (mode == "all" || mode == "fields")) {
    training::TrainOptions fields = options;
    if (!cost_given) fields.cost = 4.0;
    // The field tagger is trained as a whole chain (a perceptron) unless --epochs 0 asks for
    // the logistic model: held out, title 0.82 -> 0.87, container 0.85 -> 0.90.
    if (!epochs_given) fields.epochs = 20;
    if (!fields.min_count) fields.min_count = fields.epochs ? 5 : 20;
    status = training::train_fields(fields);
  }
  return status;
}
