// eval_grobid.hpp — citecheck-eval grobid: scores the learned layers on held-out annotated
// data (GROBID training files). Written apart from the JATS evaluation; eval_main.cpp calls
// it only when bench/eval_grobid.cpp is built (CITECHECK_EVAL_GROBID).
#pragma once

// argv[0] is the subcommand ("grobid"), its options follow. Returns the exit status.
int run_grobid_eval(int argc, char** argv);
