// bidi_controls.hpp — text extracted from a right-to-left PDF page (by poppler or pdftotext)
// wraps each Arabic or Hebrew line in RLE … PDF and writes every left-to-right stretch in it
// (Latin words, numbers and the punctuation between them) as LRE … PDF in *visual* order, so
// "(الخالدي، 2015)." comes out as "(الخالدي‪ .)2015 ،‬". This puts such a line back in
// logical order, as a word processor stores it, without the directional controls.
#pragma once

#include <string>
#include <string_view>

namespace citecheck {

// True when the text holds the embedding controls LRE, RLE or PDF (U+202A–U+202C).
bool has_embedding_controls(std::string_view text);

// One line in logical order, without directional controls; lines without them are unchanged.
std::string logical_line(std::string_view line);

}  // namespace citecheck
