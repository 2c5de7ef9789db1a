// helpers.hpp — small helpers shared by the tests.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <sstream>
#include <string>

#include "parsers/document.hpp"
#include "parsers/text_reader.hpp"

namespace citecheck::test {

// A fresh folder of the system's temporary folder, named by `kind`, the process and `name`,
// with an empty xdg/ for XDG_CONFIG_HOME (so no user's config file is read); removed at the end.
struct Workdir {
  std::filesystem::path dir;
  Workdir(const std::string& kind, const std::string& name)
      : dir(std::filesystem::temp_directory_path() / ("citecheck-" + kind + "-" + std::to_string(getpid()) + "-" + name)) {
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir / "xdg");
  }
  ~Workdir() { std::filesystem::remove_all(dir); }
  Workdir(const Workdir&) = delete;
  Workdir& operator=(const Workdir&) = delete;
  void write(const std::string& name, const std::string& text) const {
    std::ofstream(dir / name, std::ios::binary) << text;
  }
};

// A Document from literal text, as the text reader would produce it.
inline Document doc_from(std::string text) { return read_text("test.txt", std::move(text)); }

// A document from lines (joined with '\n'), so line numbers in the tests are easy to count.
inline Document doc_of(std::initializer_list<const char*> lines) {
  std::string text;
  for (const char* l : lines) {
    text += l;
    text += '\n';
  }
  return doc_from(text);
}

inline std::string fixture_path(const std::string& relative) {
  return std::string(CITECHECK_SOURCE_DIR) + "/fixtures/" + relative;
}

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace citecheck::test
