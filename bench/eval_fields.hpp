// eval_fields.hpp — citecheck-eval fields: the fields of held-out annotated reference strings
// as the rules, the tagger and citecheck (both, as parse_work combines them) read them.
#pragma once

// argv[0] is the subcommand ("fields"), its options follow. Returns the exit status.
int run_fields_eval(int argc, char** argv);
