#include "src/json_object_writer.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace citecheck {

namespace {

// Well-formed UTF-8 (no overlongs, surrogates or code points past U+10FFFF), as nlohmann's
// decoder accepts it.
bool valid_utf8(std::string_view s) {
  std::size_t i = 0;
  const std::size_t n = s.size();
  while (i < n) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len = 0;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) len = 2;
    else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    } else {
      return false;
    }
    if (i + len > n) return false;
    const auto c1 = static_cast<unsigned char>(s[i + 1]);
    if (c1 < lo || c1 > hi) return false;
    for (std::size_t k = 2; k < len; ++k) {
      const auto ck = static_cast<unsigned char>(s[i + k]);
      if (ck < 0x80 || ck > 0xBF) return false;
    }
    i += len;
  }
  return true;
}

}  // namespace

void append_json_string(std::string& out, std::string_view s) {
  if (!valid_utf8(s)) {
    // Rare: the replacement of a broken sequence is nlohmann's own.
    out += nlohmann::json(std::string(s)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return;
  }
  out += '"';
  std::size_t run = 0;  // bytes copied as they are, appended in one go
  auto flush = [&](std::size_t i) {
    out.append(s.data() + run, i - run);
    run = i + 1;
  };
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    flush(i);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default: {
        static constexpr char kHex[] = "0123456789abcdef";
        out += "\\u00";
        out += kHex[c >> 4];
        out += kHex[c & 0xF];
      }
    }
  }
  out.append(s.data() + run, s.size() - run);
  out += '"';
}

void JsonObjectWriter::string(std::string_view key, std::string_view value) {
  std::string v;
  v.reserve(value.size() + 2);
  append_json_string(v, value);
  members_.emplace_back(key, std::move(v));
}

void JsonObjectWriter::string_or_null(std::string_view key, const std::optional<std::string>& value) {
  if (value) string(key, *value);
  else members_.emplace_back(key, "null");
}

void JsonObjectWriter::integer(std::string_view key, long long value) { members_.emplace_back(key, std::to_string(value)); }

void JsonObjectWriter::integer_or_null(std::string_view key, const std::optional<int>& value) {
  if (value) integer(key, *value);
  else members_.emplace_back(key, "null");
}

void JsonObjectWriter::boolean(std::string_view key, bool value) { members_.emplace_back(key, value ? "true" : "false"); }

void JsonObjectWriter::strings(std::string_view key, const std::vector<std::string>& values) {
  std::string v = "[";
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i) v += ',';
    append_json_string(v, values[i]);
  }
  v += ']';
  members_.emplace_back(key, std::move(v));
}

void JsonObjectWriter::raw(std::string_view key, std::string value) { members_.emplace_back(key, std::move(value)); }

void JsonObjectWriter::append_to(std::string& out) {
  std::sort(members_.begin(), members_.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  out += '{';
  for (std::size_t i = 0; i < members_.size(); ++i) {
    if (i) out += ',';
    append_json_string(out, members_[i].first);
    out += ':';
    out += members_[i].second;
  }
  out += '}';
}

}  // namespace citecheck
