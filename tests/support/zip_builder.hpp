// zip_builder.hpp — ZIP archives made in memory with libzip, for the readers' tests.
#pragma once

#include <zip.h>

#include <string>
#include <utility>
#include <vector>

namespace citecheck::test {

using Parts = std::vector<std::pair<std::string, std::string>>;

// A ZIP of `parts`; `encrypted` names an entry to protect with a password (AES-256, "secret").
// Empty on a libzip failure, which the caller's assertions then show.
inline std::string zip_of(const Parts& parts, const std::string& encrypted = "") {
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* out = zip_source_buffer_create(nullptr, 0, 0, &err);
  if (!out) return {};
  zip_source_keep(out);
  zip_t* z = zip_open_from_source(out, ZIP_TRUNCATE, &err);
  if (!z) return {};
  for (const auto& [name, data] : parts) {
    zip_source_t* s = zip_source_buffer(z, data.data(), data.size(), 0);
    zip_int64_t i = zip_file_add(z, name.c_str(), s, ZIP_FL_OVERWRITE | ZIP_FL_ENC_UTF_8);
    if (i < 0) return {};
    if (name == encrypted && zip_file_set_encryption(z, static_cast<zip_uint64_t>(i), ZIP_EM_AES_256, "secret") != 0)
      return {};
  }
  if (zip_close(z) != 0) return {};
  zip_source_open(out);
  zip_source_seek(out, 0, SEEK_END);
  zip_int64_t size = zip_source_tell(out);
  zip_source_seek(out, 0, SEEK_SET);
  std::string bytes(static_cast<std::size_t>(size), '\0');
  zip_source_read(out, bytes.data(), static_cast<zip_uint64_t>(size));
  zip_source_close(out);
  zip_source_free(out);
  return bytes;
}

}  // namespace citecheck::test
