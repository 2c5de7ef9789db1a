// cli.hpp — the command line: `citecheck check [options] FILE...`.
#pragma once

namespace citecheck {

// Returns the process exit status: 0 no error finding, 1 error findings, 2 usage or input error.
int run_cli(int argc, char** argv);

}  // namespace citecheck
