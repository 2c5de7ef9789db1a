// report_html.hpp — the report for editors: one self-contained HTML file (inline style and
// script, nothing fetched: its Content-Security-Policy allows no network at all) that reads
// on a phone and prints. Per document a summary of its references and citations, then each
// finding with the text as printed and its surroundings, its place as the file's viewer shows
// it, what to do, and links to archived copies and DOI landing pages; filters by severity and
// kind. Every piece of manuscript text is escaped and set with dir="auto".
#pragma once

#include <ostream>
#include <string>
#include <string_view>

#include "src/languages.hpp"
#include "src/model.hpp"

namespace citecheck {

void write_html(const Report& report, std::ostream& out);

// Text made safe in HTML text and quoted attributes: & < > " ' escaped, invalid UTF-8 and
// control characters (but tab and line feed) replaced with U+FFFD.
std::string html_escape(std::string_view text);

// "27 references: 19 verified, 4 broken (2 with archived copies), 1 retracted, 3 unverifiable;
// 31 citations, 2 without an entry". Each entry counts once, by its worst link: retracted (its
// DOI's record), else broken (a URL or DOI that fails or is malformed), else unverifiable (a
// server refusing robots), else verified (a URL or DOI that answered), else not checked
// (offline, or nothing to check: ", 5 not checked" is added when there are such).
std::string reference_summary(const DocumentReport& d, const Language& lang = english());

}  // namespace citecheck
