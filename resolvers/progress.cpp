#include "resolvers/progress.hpp"

#include <unistd.h>

namespace citecheck {

bool progress_wanted(bool quiet) { return !quiet && isatty(STDERR_FILENO); }

Progress::Progress(bool enabled, std::FILE* out)
    : enabled_(enabled), out_(out), start_(std::chrono::steady_clock::now()) {}

Progress::~Progress() { finish(); }

void Progress::draw() {
  if (!enabled_ || total_ == 0) return;
  auto now = std::chrono::steady_clock::now();
  if (drawn_ && now - last_draw_ < std::chrono::milliseconds(100)) return;
  last_draw_ = now;
  double elapsed = std::chrono::duration<double>(now - start_).count();
  double rate = elapsed > 0 ? static_cast<double>(done_) / elapsed : 0;
  char eta[32] = "--";
  if (rate > 0 && done_ < total_) std::snprintf(eta, sizeof eta, "%.0f s", static_cast<double>(total_ - done_) / rate);
  std::fprintf(out_, "\r\033[2Kcitecheck: checking links %zu/%zu  %zu answers  %.0f/s  %zu failing  ETA %s", done_,
               total_, answers_, rate, failures_, done_ < total_ ? eta : "0 s");
  std::fflush(out_);
  drawn_ = true;
}

void Progress::finish() {
  if (enabled_ && drawn_) {
    std::fprintf(out_, "\r\033[2K");
    std::fflush(out_);
    drawn_ = false;
  }
}

}  // namespace citecheck
