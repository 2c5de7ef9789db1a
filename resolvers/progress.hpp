// progress.hpp — a live progress line on standard error while links are checked: done/total,
// HTTP answers received, rate, failures so far, ETA. Only on a terminal, and not with --quiet.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdio>

namespace citecheck {

class Progress {
 public:
  Progress(bool enabled, std::FILE* out = stderr);
  ~Progress();
  void set_total(std::size_t total) { total_ = total; }
  void item_done(bool failing) {
    ++done_;
    if (failing) ++failures_;
  }
  // Answers come in before links are done (a link may take a HEAD, a GET and redirects):
  // shown too, so a line never looks stuck while the network answers.
  void set_answers(std::size_t answers) { answers_ = answers; }
  void draw();    // at most ten times a second
  void finish();  // clears the line

 private:
  bool enabled_;
  std::FILE* out_;
  std::size_t total_ = 0, done_ = 0, failures_ = 0, answers_ = 0;
  std::chrono::steady_clock::time_point start_, last_draw_{};
  bool drawn_ = false;
};

// Whether a progress line belongs on this standard error.
bool progress_wanted(bool quiet);

}  // namespace citecheck
