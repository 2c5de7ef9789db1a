// grobid_corpus.hpp — GROBID's annotated training data (CC BY 4.0) as line sequences with
// their truth, for training (bench/train_lines.cpp) and evaluating (bench/eval_grobid.cpp) the
// learned line layer. The split into training and held-out evaluation documents is by a hash
// of the file name, so both programs agree without a list.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "parsers/learned/field_features.hpp"

namespace citecheck::corpus {

// Zones of the segmentation model, as the line layer labels them.
enum Zone : int { kZoneBody = 0, kZoneReference = 1, kZoneNote = 2, kZoneFurniture = 3 };
inline const std::vector<std::string>& zone_names() {
  static const std::vector<std::string> names{"body", "reference", "note", "furniture"};
  return names;
}

struct ZonedLine {
  std::string text;
  int zone = kZoneBody;
};
struct SegmentedDocument {
  std::string name;
  std::vector<ZonedLine> lines;
};

// A reference list split into entries: each line, and whether an entry starts on it.
struct SegmentedList {
  std::string name;
  std::vector<std::string> lines;
  std::vector<bool> starts;
};

// True for the documents kept out of training (about one in five), and always for the
// files of an `evaluation/` folder.
bool held_out(const std::string& name);

// segmentation/corpus/tei/*.xml: every line with the zone GROBID's annotators gave it.
std::vector<SegmentedDocument> load_segmentation(const std::filesystem::path& grobid_root);
// reference-segmenter/{corpus,evaluation}/tei/*.xml: lists with their entry starts. The
// evaluation folder's lists are named "evaluation/…".
std::vector<SegmentedList> load_reference_segmenter(const std::filesystem::path& grobid_root);
// citation/corpus/*.xml (never evaluation/): the text of every tagged reference string.
std::vector<std::string> load_citation_strings(const std::filesystem::path& grobid_root);

// A reference string with its fields: every byte of `text` (white space collapsed) carries
// the label of the element it lies in (kFieldOther outside any), and `first` holds the text
// of each label's first element as annotated ("" when the entry has none). Titles: an
// article title (level a) is the title and a monograph (m) its container; a monograph
// alone is the title; a journal (j) is the container.
struct TaggedCitation {
  std::string name;  // the file, "evaluation/…" for the evaluation folder's
  std::string text;
  std::vector<std::uint8_t> labels;
  std::array<std::string, kFieldLabelCount> first;
};
// citation/corpus/*.xml and citation/evaluation/*.xml (named "evaluation/…", so held_out
// keeps them out of training).
std::vector<TaggedCitation> load_tagged_citations(const std::filesystem::path& grobid_root);

// ../shared/corpus/grobid from the working directory or the source tree; empty when absent.
std::filesystem::path find_grobid_root(const std::filesystem::path& source_dir);

// Appends markup text to a labelled string, each run of white space as one space: a space
// between two runs of one label is theirs, between two labels `space_label`'s.
void append_labelled(TaggedCitation& c, bool& space, std::string_view text, std::uint8_t label, std::uint8_t space_label);
// Labels the first stretch of the text equal to `value` (white space collapsed, a closing
// full stop or comma dropped; with `any_case`, letter case aside), standing alone (not
// inside a longer word or number) and not yet given a field. False when there is none: a
// value the text does not print as given ("2" for "2. ed.", an abbreviated title).
bool label_first_free(TaggedCitation& c, std::string value, std::uint8_t label, bool any_case = false);
// `first` from the labels: the first run of each field.
void fill_first_spans(TaggedCitation& c);
// Lower case where it keeps the UTF-8 length (so offsets still meet), the byte as it is
// otherwise.
std::string lower_same_length(std::string_view s);
// The .xml files of a folder, sorted; none when it cannot be read.
std::vector<std::filesystem::path> xml_files(const std::filesystem::path& dir);
// ../shared/corpus/NAME (or shared/corpus/NAME) from the working directory or the source
// tree, the first that `ok` accepts; empty when none.
std::filesystem::path find_shared_corpus(const std::filesystem::path& source_dir, const std::string& name,
                                         const std::function<bool(const std::filesystem::path&)>& ok);

}  // namespace citecheck::corpus
