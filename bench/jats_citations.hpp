// jats_citations.hpp — reference strings with their fields labelled, read from JATS articles:
// the printed text of each <mixed-citation>, every byte labelled by the field it belongs to.
// Publishers mark fields in two ways, and both are read:
// - inside the printed text (<mixed-citation> with <surname>, <year>, <article-title>,
//   <source>, <fpage>… around the words: PLOS, bioRxiv);
// - beside it (plain <mixed-citation> text and an <element-citation> that gives each field
//   apart: SciELO). Each field's value is then found in the printed text.
// Labels follow GROBID's conventions (grobid_corpus.hpp): one author span over the whole
// name list, a book's title is the title, a chapter's book the container, pages from first
// to last. Training and evaluation data for the field tagger; never in the project or CI.
#pragma once

#include <filesystem>
#include <vector>

#include "bench/grobid_corpus.hpp"

namespace citecheck::corpus {

// Every labelled reference string of the JATS files in `dir`, named "jats/<file stem>".
std::vector<TaggedCitation> load_jats_citations(const std::filesystem::path& dir);

// ../shared/corpus/jats from the working directory or the source tree; empty when absent.
std::filesystem::path find_jats_root(const std::filesystem::path& source_dir);

// The articles whose strings citecheck-eval fields scores and training leaves out: one in three.
bool jats_held_out(const std::string& name);

}  // namespace citecheck::corpus
