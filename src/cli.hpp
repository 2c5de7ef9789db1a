// cli.hpp — the command line: `citecheck check [options] FILE...`.
#pragma once

namespace citecheck {

// Returns the process exit status: 0 no error finding, 1 error findings, 2 usage or config,
// 3 unreadable input, 4 network down, 5 interrupted, 6 cache not saved, 7 report not written.
int run_cli(int argc, char** argv);

}  // namespace citecheck
