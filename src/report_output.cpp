#include "src/report_output.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <memory>
#include <streambuf>

namespace citecheck {

namespace {

namespace fs = std::filesystem;

[[noreturn]] void refuse(const std::string& path, int error) {
  throw OutputError("cannot write '" + path + "': " + std::strerror(error));
}

// A stream buffer over a file descriptor that keeps the first write(2) error: std::ofstream
// only says that something failed, and the user needs to know it was a full disk.
class FdBuffer : public std::streambuf {
 public:
  explicit FdBuffer(int fd) : fd_(fd), buffer_(1 << 16) { setp(buffer_.data(), buffer_.data() + buffer_.size()); }
  int error() const { return error_; }

 protected:
  int_type overflow(int_type ch) override {
    if (!drain()) return traits_type::eof();
    if (!traits_type::eq_int_type(ch, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(ch);
      pbump(1);
    }
    return traits_type::not_eof(ch);
  }
  int sync() override { return drain() ? 0 : -1; }

 private:
  bool drain() {
    if (error_ != 0) return false;
    const char* p = pbase();
    while (p < pptr()) {
      const ssize_t n = ::write(fd_, p, static_cast<std::size_t>(pptr() - p));
      if (n < 0) {
        if (errno == EINTR) continue;  // a signal (an interruption asked for) is no write error
        error_ = errno;
        return false;
      }
      p += n;
    }
    setp(buffer_.data(), buffer_.data() + buffer_.size());
    return true;
  }

  int fd_;
  std::vector<char> buffer_;
  int error_ = 0;
};

// The file a path names, following a symbolic link (the report replaces what it points to).
fs::path resolved(const std::string& path) {
  std::error_code ec;
  if (fs::is_symlink(path, ec)) {
    fs::path real = fs::weakly_canonical(path, ec);
    if (!ec) return real;
  }
  return fs::path(path);
}

fs::path folder_of(const fs::path& file) {
  fs::path parent = file.parent_path();
  return parent.empty() ? fs::path(".") : parent;
}

mode_t new_file_mode() {
  // umask can only be read by setting it; the run is single-threaded here.
  const mode_t mask = ::umask(0);
  ::umask(mask);
  return 0666 & ~mask;
}

}  // namespace

void check_output_target(const std::string& path) {
  const fs::path target = resolved(path);
  std::error_code ec;
  if (fs::is_directory(target, ec)) throw OutputError("cannot write '" + path + "': it is a directory");
  const fs::path folder = folder_of(target);
  if (!fs::is_directory(folder, ec)) throw OutputError("cannot write '" + path + "': no directory '" + folder.string() + "'");
  if (::access(folder.c_str(), W_OK | X_OK) != 0) refuse(path, errno);
}

std::optional<std::string> input_at(const std::string& output, const std::vector<std::string>& inputs) {
  struct stat out{};
  if (::stat(output.c_str(), &out) != 0) return std::nullopt;  // not there yet: no input can be it
  for (const auto& input : inputs) {
    struct stat in{};
    const int rc = input == "-" ? ::fstat(STDIN_FILENO, &in) : ::stat(input.c_str(), &in);
    if (rc == 0 && in.st_dev == out.st_dev && in.st_ino == out.st_ino) return input;
  }
  return std::nullopt;
}

struct ReportFile::State {
  std::string path;       // as given, for messages
  fs::path target, folder;
  std::string temporary;  // its name
  int fd = -1;
  FdBuffer buffer;
  std::ostream out;
  bool committed = false;
  State(std::string p, fs::path t, fs::path f, std::string tmp, int descriptor)
      : path(std::move(p)), target(std::move(t)), folder(std::move(f)), temporary(std::move(tmp)), fd(descriptor),
        buffer(descriptor), out(&buffer) {}
};

ReportFile::ReportFile(const std::string& path, const std::string& visible_suffix) {
  const fs::path target = resolved(path);
  const fs::path folder = folder_of(target);
  struct stat old{};
  const mode_t mode = ::stat(target.c_str(), &old) == 0 ? (old.st_mode & 07777) : new_file_mode();
  std::string name;
  int fd;
  if (visible_suffix.empty()) {
    name = (folder / ("." + target.filename().string() + ".XXXXXX")).string();
    fd = ::mkostemp(name.data(), O_CLOEXEC);
  } else {
    // A name someone following the run can open; never through a symbolic link planted there.
    name = target.string() + visible_suffix;
    fd = ::open(name.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0600);
  }
  if (fd < 0) refuse(path, errno);
  state_ = std::make_unique<State>(path, target, folder, name, fd);
  if (::fchmod(fd, mode) != 0) refuse(path, errno);  // the destructor removes the temporary
}

ReportFile::~ReportFile() {
  if (!state_) return;
  if (state_->fd >= 0) ::close(state_->fd);
  if (!state_->committed) ::unlink(state_->temporary.c_str());
}

std::ostream& ReportFile::stream() { return state_->out; }

void ReportFile::flush() {
  state_->out.flush();
  if (!state_->out) refuse(state_->path, state_->buffer.error() != 0 ? state_->buffer.error() : EIO);
}

void ReportFile::commit() {
  State& s = *state_;
  flush();
  // On disk before it takes the target's name: a crash leaves the old report or the new one.
  if (::fsync(s.fd) != 0) refuse(s.path, errno);
  const int closing = ::close(s.fd);
  s.fd = -1;
  if (closing != 0) refuse(s.path, errno);
  if (::rename(s.temporary.c_str(), s.target.c_str()) != 0) refuse(s.path, errno);
  s.committed = true;
  // The rename itself is durable once the folder is synced; a file system that cannot sync
  // a folder (EINVAL) has nothing more to offer, and the report is in place either way.
  const int dir = ::open(s.folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
}

void write_file_atomically(const std::string& path, const std::function<void(std::ostream&)>& write) {
  ReportFile file(path);
  write(file.stream());
  file.commit();
}

}  // namespace citecheck
