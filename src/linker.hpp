// linker.hpp — matches citations to reference entries (normalised family name(s) and
// year, across scripts, digit systems, case, diacritics, Arabic letter variants and
// "et al."), and finds entries that list one work twice: the same script (duplicates) or
// a non-Latin entry with its romanised or translated copy (twins).
#pragma once

#include <algorithm>
#include <cstddef>
#include <memory>
#include <vector>

#include "src/model.hpp"

namespace citecheck {

enum class NameMatch { None, GivenName, Partial, Family };

// Entries a citation matches equally well. Citations of one author and year share one set:
// an archive of look-alike entries, cited a thousand times, holds each set once, not a
// copy per citation (which grew as citations × entries).
class EntrySet {
 public:
  EntrySet() = default;
  explicit EntrySet(std::shared_ptr<const std::vector<int>> entries) : entries_(std::move(entries)) {}
  bool empty() const { return !entries_ || entries_->empty(); }
  std::size_t size() const { return entries_ ? entries_->size() : 0; }
  int operator[](std::size_t k) const { return (*entries_)[k]; }
  const int* begin() const { return entries_ ? entries_->data() : nullptr; }
  const int* end() const { return entries_ ? entries_->data() + entries_->size() : nullptr; }
  // The same for every citation holding this set: what is done once per set is keyed by it.
  const void* identity() const { return entries_.get(); }
  void clear() { entries_.reset(); }
  friend bool operator==(const EntrySet& a, const std::vector<int>& b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin());
  }

 private:
  std::shared_ptr<const std::vector<int>> entries_;
};

struct CitationLink {
  int reference = -1;          // index into Manuscript::references
  NameMatch name = NameMatch::None;
  bool year_matches = false;   // false also when the entry has no year
  bool misspelled = false;     // the cited family name is one letter off the entry's ("Getzman" for "Getzmann")
  EntrySet ambiguous;          // other entries that match equally well
};

struct ReferencePair {
  int a = -1, b = -1;
  bool shares_link = false;  // same URL or DOI
};

struct Linkage {
  std::vector<CitationLink> citations;   // parallel to Manuscript::citations
  std::vector<int> twin_of;              // per reference: its twin's index or -1
  std::vector<ReferencePair> twins;      // one script and its romanised/translated copy
  std::vector<ReferencePair> duplicates; // the same work twice in one script
  std::vector<int> footnote_reference;   // per footnote: the entry its work matches, or -1
};

// Fills Citation::reference and returns how each match was made.
Linkage link_manuscript(Manuscript& m);

// Normalised form of a URL for comparing two entries (scheme and host case, "www.",
// trailing slash and tracking parameters do not matter).
std::string comparable_url(std::string_view url);

}  // namespace citecheck
