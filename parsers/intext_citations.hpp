// intext_citations.hpp — in-text citations in any script: author-date in parentheses
// ("(Markedonov 2020,7)", "(فرحان و هادي ٢٠٢٢، ٣٤٩)", "(ბახტაძე, მამულია, 2005: 18)", several
// works separated by ';', parentheses mirrored by right-to-left extraction, split over lines),
// narrative ones ("Light (2023)") when the name is an author of the reference list, and
// numeric ones ("[1]", "[1–3]", "[2, 5]", and raised numbers glued to the text by the
// extraction: "population.1", "Studies1,2", "saúde.2-4,18") when the list is numbered.
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "parsers/document.hpp"

namespace citecheck {

struct CitationContext {
  std::set<std::string> author_keys;  // name_key of every author family name in the list
  std::set<std::string> first_author_years;  // "family|year" of each entry's first author (name_key, ASCII year)
  std::map<std::string, std::vector<std::string>> first_authors_by_year;  // the same, by year
  // An organisation author's names as text may print them before "(2024)": its whole name when
  // short ("World Bank"), the acronyms it carries ("NBS – National Bureau of Statistics").
  // Taken only where the text capitalises them, so that "who (2019)" is not WHO.
  std::set<std::string> organisation_keys;
  bool numbered_list = false;         // the reference list is numbered: [n] cites entry n
  int list_size = 0;                  // entries of the numbered list when known (0: unknown);
                                      // a raised number above it cites nothing
};

// A parenthetical that was meant as a citation but is broken ("(Smith 2020", "(Smith 202)").
struct MalformedCitation {
  ByteRange bytes;
  std::string raw;
  MessageText reason;
};

struct CitationScan {
  std::vector<Citation> citations;  // bytes set; span, id filled in by the caller
  std::vector<MalformedCitation> malformed;
};

// Scans doc.text[begin, end). `skip` holds ranges to leave alone (links, the reference list).
CitationScan find_intext_citations(const Document& doc, std::size_t begin, std::size_t end,
                                   const CitationContext& ctx, const std::vector<ByteRange>& skip);

// Author-year citations without brackets inside footnote or endnote bodies ("იხ. Nodia,
// Scholtbach 2006: 45–61; ასევე გეგეშიძე 2016: 12."), taken only where the name is an author of
// the reference list. `bodies` are the notes' byte ranges; `taken` (sorted) the citations
// already found, which are not found twice.
std::vector<Citation> find_note_citations(const Document& doc, const std::vector<ByteRange>& bodies,
                                          const CitationContext& ctx, const std::vector<ByteRange>& taken);

// Author-year citations without brackets in running text ("Dinosauria Owen, 1842", "como
// mencionado em Searle, 1969, p. 157"), taken only where the first author and the year are
// those of an entry: prose names people and years often enough without citing. `taken`
// (sorted) holds the citations already found, `skip` (sorted) the ranges to leave alone.
std::vector<Citation> find_bare_citations(const Document& doc, const CitationContext& ctx,
                                          const std::vector<ByteRange>& skip, const std::vector<ByteRange>& taken);

// Parses the inside of one bracketed group of works, work by work: "Rossmann et al., 1975;
// Figure 1", "Foster 1977, Foster 1983, Veron 1995", "Rodrigues; Fachin, 2010". With a context,
// a lead-in in lower case before a listed author's name is passed over ("as in Wolf, 2023").
std::vector<Citation> parse_citation_group(std::string_view content, const CitationContext* ctx);

// Parses the inside of one parenthetical ("Satanakis & Süss, 2021, 1"); empty when it is
// not an author-date citation.
std::vector<Citation> parse_parenthetical(std::string_view content);

}  // namespace citecheck
