// citecheck-eval — accuracy of the text pipeline on real documents, one corpus per subcommand.
//
//   citecheck-eval [jats|grobid|fields|all] [options]
//
// jats (the default): JATS articles rendered as PDF-like text, scored against their markup
// (eval_jats.hpp). grobid: the learned layers on held-out annotated data (eval_grobid.hpp),
// present only when bench/eval_grobid.cpp is built; fields: the entry fields on held-out
// tagged reference strings, rules and tagger side by side (eval_fields.hpp), likewise. all: each corpus in turn, with the same
// options. Not a ctest test: it prints scores and exits 0 (2 on usage or a missing corpus).
#include <cstdio>
#include <string>

#include "bench/eval_jats.hpp"
#ifdef CITECHECK_EVAL_GROBID
#include "bench/eval_fields.hpp"
#include "bench/eval_grobid.hpp"
#endif

namespace {

const char* kUsage =
    "usage: citecheck-eval [jats|grobid|fields|all] [options]\n"
    "  jats [DIR|FILE.xml ...] [--layout NAME] [--groups] [--per-article] [--details FILE] [--dump DIR]\n"
    "  grobid [options]   (see citecheck-eval grobid --help)\n"
    "  fields [options]   (see citecheck-eval fields --help)\n"
    "  all [options]      every corpus in turn\n";

int grobid(int argc, char** argv, bool fields) {
#ifdef CITECHECK_EVAL_GROBID
  return fields ? run_fields_eval(argc, argv) : run_grobid_eval(argc, argv);
#else
  (void)fields;
  (void)argc;
  (void)argv;
  std::fprintf(stderr, "citecheck-eval grobid: not built (bench/eval_grobid.cpp is missing)\n");
  return 2;
#endif
}

}  // namespace

int main(int argc, char** argv) {
  std::string command = argc > 1 ? argv[1] : "";
  if (command == "-h" || command == "--help" || command == "help") {
    std::printf("%s", kUsage);
    return 0;
  }
  // Without a subcommand the options are the jats evaluation's; argv[0] then stands in for it.
  const bool named = command == "jats" || command == "grobid" || command == "fields" || command == "all";
  if (!named && !command.empty() && command[0] != '-') {
    std::fprintf(stderr, "citecheck-eval: unknown corpus '%s'\n%s", command.c_str(), kUsage);
    return 2;
  }
  int sub_argc = named ? argc - 1 : argc;
  char** sub_argv = named ? argv + 1 : argv;
  if (!named || command == "jats") return run_jats_eval(sub_argc, sub_argv, CITECHECK_SOURCE_DIR);
  if (command == "grobid" || command == "fields") return grobid(sub_argc, sub_argv, command == "fields");
  int jats = run_jats_eval(sub_argc, sub_argv, CITECHECK_SOURCE_DIR);
#ifdef CITECHECK_EVAL_GROBID
  int other = run_grobid_eval(sub_argc, sub_argv);
  int fields = run_fields_eval(sub_argc, sub_argv);
  return jats != 0 ? jats : other != 0 ? other : fields;
#else
  // A corpus that is not built yet does not fail the ones that ran.
  std::fprintf(stderr, "citecheck-eval all: grobid not built (bench/eval_grobid.cpp is missing), skipped\n");
  return jats;
#endif
}
