// reference_list_rules.hpp — the knowledge the reference-list finder keeps as rules beside its
// learned line layer: headings that close a list, footnote rules and note openings, bullets,
// sub-section headings, and the shape of an entry's first line (used where a list is too short
// for the models to judge).
#pragma once

#include <cstddef>
#include <string_view>

namespace citecheck::list_rules {

// Appendix, tables, figure lists, a journal's "Received: …" block: the list ends before it.
bool back_matter_heading(std::string_view line);
// "______", "ـــــ", "———": the rule above a page's footnotes.
bool footnote_rule(std::string_view line);
// "4 The model…": one to three digits, a space, a letter (a note body's opening).
bool note_number_opening(std::string_view line);
// "• …", "– …": sets where the text after the bullet begins.
bool bullet(std::string_view line, std::size_t& text_begin);
// Leading spaces and tabs.
std::size_t indentation(std::string_view line);
// "أولاً: الكتب", "Books": a sub-section of a list, named by a kind of source.
bool source_kind_heading(std::string_view line);
// "Family, G." / "فرحان ، كرار" / "Name. (2022). Title…": an entry's first line by its shape.
bool entry_start_shape(std::string_view line);

}  // namespace citecheck::list_rules
