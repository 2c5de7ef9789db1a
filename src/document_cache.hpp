// document_cache.hpp — checked documents kept between runs in the link store, so that a
// nightly run over an archive reads and parses only the manuscripts that changed.
//
// A kept document is served only when everything it was made from is the same: the file's
// bytes and path, this very build of citecheck (its GNU build ID: any change to the parsers,
// rules or built-in models is a new build), the models named by --line-models/--field-model
// (by their bytes), and the reading options (--encoding, --base, excerpts for HTML). What
// comes after checking (link selection, shards, the network) is applied anew on every run.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "src/model.hpp"

namespace citecheck {

class LinkStore;

// The GNU build ID of the running program (hex), or nullopt when it was linked without one:
// then no document is kept, as nothing would tell this build's documents from another's.
std::optional<std::string> running_build_id();

// What, besides a file's path and bytes, a checked document depends on.
struct DocumentCacheSettings {
  std::string build_id;
  std::string line_models_dir, field_model_file;  // "" for the built-in models
  std::string encoding, base;
  bool excerpts = false;
};

class DocumentCache {
 public:
  // Throws CacheError when a model file named in settings cannot be read.
  DocumentCache(LinkStore& store, const DocumentCacheSettings& settings, std::int64_t now);

  // What a document at `path` with these bytes is made from (a SHA-256 over it all).
  std::string digest(const std::string& path, std::string_view bytes) const;
  // The kept document of that digest at this path, when one is kept and still decodes;
  // counts hits and misses.
  std::optional<DocumentReport> find(const std::string& path, const std::string& digest);
  // Keeps a document just checked (it replaces what the path held). A store that cannot save
  // it loses nothing but the time of the next run, so failures are only counted.
  void keep(const std::string& path, const std::string& digest, const DocumentReport& checked);

  std::size_t hits() const { return hits_; }
  std::size_t misses() const { return misses_; }
  std::size_t failures() const { return failures_; }

 private:
  LinkStore& store_;
  std::string settings_digest_;
  std::int64_t now_;
  std::size_t hits_ = 0, misses_ = 0, failures_ = 0;
};

}  // namespace citecheck
