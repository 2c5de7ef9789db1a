// json_object_writer.hpp — a JSON object written as nlohmann::json's dump writes it (members
// sorted by key, no spaces, invalid UTF-8 replaced by U+FFFD) without building its tree. The
// report's items (an archive's hundreds of thousands of entries and links) were most of the
// time of writing a report: a tree of maps per item, then its dump.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace citecheck {

// Appends `s` as a JSON string, byte for byte as nlohmann::json's dump(-1, ' ', false,
// error_handler_t::replace) writes it.
void append_json_string(std::string& out, std::string_view s);

class JsonObjectWriter {
 public:
  // Keys are the report contract's names: string literals, unique within an object.
  void string(std::string_view key, std::string_view value);
  void string_or_null(std::string_view key, const std::optional<std::string>& value);
  void integer(std::string_view key, long long value);
  void integer_or_null(std::string_view key, const std::optional<int>& value);
  void boolean(std::string_view key, bool value);
  void strings(std::string_view key, const std::vector<std::string>& values);
  // An already written JSON value (an array or object made by another writer).
  void raw(std::string_view key, std::string value);

  // Appends the object: its members sorted by key, as std::map orders nlohmann's objects.
  void append_to(std::string& out);
  std::string str() {
    std::string out;
    append_to(out);
    return out;
  }

 private:
  std::vector<std::pair<std::string_view, std::string>> members_;
};

}  // namespace citecheck
