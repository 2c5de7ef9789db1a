// eval_jats.hpp — citecheck-eval jats: real JATS articles rendered as PDF-like text in each
// layout (jats_render.hpp), run through the text pipeline, and scored against the markup.
#pragma once

// argv[0] is the subcommand ("jats"), its options follow; `source_dir` is where the default
// corpus (../shared/corpus/jats) is looked for besides the working directory.
int run_jats_eval(int argc, char** argv, const char* source_dir);
