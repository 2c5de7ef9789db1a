// report_output.hpp — where a report goes when it is a file: written whole or not at all (a
// temporary file in the target's folder, flushed to disk, renamed over the target), and
// never over one of the run's inputs.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <ostream>
#include <stdexcept>
#include <string>
#include <vector>

namespace citecheck {

// "cannot write 'report.json': No space left on device". The old file, if any, is untouched.
class OutputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A report file being written: a temporary beside the target until commit() flushes it to
// disk and renames it over the target (over the file a symbolic link points to, not the link).
// A new file gets the usual 0666 less the umask; a replaced one keeps its mode. Destroyed
// without commit (any failure): the temporary is removed and the target stays as it was.
class ReportFile {
 public:
  // The temporary is hidden (".report.json.XXXXXX") unless `visible_suffix` names it
  // (`path` + ".partial": JSON Lines, which someone may follow while the run goes on).
  explicit ReportFile(const std::string& path, const std::string& visible_suffix = "");
  ReportFile(const ReportFile&) = delete;
  ReportFile& operator=(const ReportFile&) = delete;
  ~ReportFile();
  std::ostream& stream();
  // Hands what was written to the temporary file; throws OutputError on a write error.
  void flush();
  // Throws OutputError (the temporary then goes when the object does).
  void commit();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// Calls write() on a stream over a temporary file beside `path`, then fsyncs and renames it
// over `path` (over the file a symbolic link points to, not the link). A new file gets the
// usual 0666 less the umask; a replaced one keeps its mode. On any failure the temporary is
// removed and OutputError thrown.
void write_file_atomically(const std::string& path, const std::function<void(std::ostream&)>& write);

// Before any work: the folder of `path` exists and can take a new file, and `path` is not a
// folder. Throws OutputError naming the path and the reason.
void check_output_target(const std::string& path);

// The input (as named; "-" is standard input) that is the same file as `output` — compared
// by device and inode, so another spelling, a hard link or a symbolic link is caught.
std::optional<std::string> input_at(const std::string& output, const std::vector<std::string>& inputs);

}  // namespace citecheck
