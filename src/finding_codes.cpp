#include "src/finding_codes.hpp"

namespace citecheck {

// Severity first: readme_codes.sh reads `"code", Severity::` pairs as what the checks emit,
// and this table must not count as emitting anything.
const std::vector<FindingCode>& finding_codes() {
  static const std::vector<FindingCode> codes = {
    {Severity::Warning, "invalid-utf8", "The file had bytes that are not UTF-8; each was replaced with U+FFFD (first 20 reported, with the byte offset)."},
    {Severity::Warning, "legacy-encoding", "The text file is not UTF-8 but in a legacy encoding (detected by ICU, or given with --encoding) and was read in it."},
    {Severity::Error, "missing-reference-list", "The text has author-date citations but no reference-list heading was found."},
    {Severity::Error, "citation-without-reference", "No entry matches the citation (author-date), or no entry carries the number (numeric)."},
    {Severity::Warning, "ambiguous-citation", "The citation matches several entries equally well (same author and year, no a/b suffix)."},
    {Severity::Error, "year-mismatch", "The author matches an entry but the cited year differs from the entry's."},
    {Severity::Warning, "locator-out-of-range", "The cited page lies outside the page range the entry gives for the work."},
    {Severity::Warning, "author-mismatch", "The citation names an author by a given name of the entry instead of the family name."},
    {Severity::Warning, "malformed-citation", "A parenthetical meant as a citation is broken (a three-digit year, an unclosed bracket)."},
    {Severity::Info, "no-citations-found", "The document has a reference list but no in-text citation was recognised, so no entry is reported as uncited."},
    {Severity::Warning, "reference-never-cited", "An entry of the reference list is cited nowhere (a citation of its translated twin counts)."},
    {Severity::Warning, "reference-missing-year", "An entry has no year of publication (and no n.d.)."},
    {Severity::Warning, "duplicate-reference", "The same work is listed twice in one script: same DOI or URL, or same first author, year and title."},
    {Severity::Info, "translated-duplicate", "An entry and its copy in another script (romanised or translated): a citation of either counts for both."},
    {Severity::Warning, "conflicting-urls", "Two entries for one work (duplicates or translated copies) give different URLs."},
    {Severity::Error, "footnote-marker-without-body", "A footnote marker in the text has no footnote text."},
    {Severity::Warning, "footnote-body-without-marker", "A footnote text has no marker in the text."},
    {Severity::Warning, "footnote-sequence-gap", "The footnote numbering skips a number: neither its marker nor its text was found."},
    {Severity::Error, "invalid-doi", "A doi: label followed by something that is not a DOI (10.<registrant>/<suffix>)."},
    {Severity::Warning, "invalid-isbn", "An ISBN whose check digit does not match."},
    {Severity::Warning, "invalid-url", "A URL without a valid host name."},
    {Severity::Warning, "url-date-mismatch", "An entry's URL is dated more than a year away from the entry's year: one of them is wrong."},
    {Severity::Warning, "url-tracking-parameters", "The URL carries parameters that only track the reader (utm_*, fbclid, ...); the message gives it without them."},
    {Severity::Warning, "url-shortener", "The URL is a shortened link (bit.ly, t.co, ...), which hides the target and expires."},
    {Severity::Info, "url-wrapped", "A URL broken over two lines was re-joined; check the join."},
    {Severity::Error, "citation-field-edited", "A Zotero, Mendeley or EndNote citation whose shown text differs from the record behind it (edited by hand)."},
    {Severity::Error, "unresolved-xref", "JATS: a bibr xref whose rid names no <ref> of the reference list."},
    {Severity::Warning, "relative-link", "JATS: ext-links with relative targets and nothing to resolve them against; they are not checked."},
    {Severity::Warning, "bibtex-syntax", "A BibTeX entry that could not be read was skipped; the entries after it are read."},
    {Severity::Warning, "pdf-links-skipped", "A PDF page carries more than 1,000 link annotations; the first 1,000 were read."},
    {Severity::Warning, "csl-json-item", "An item of a CSL-JSON file is not an object and was skipped."},
    {Severity::Error, "newly-broken", "With a cache: the link became dead on this run (--dead-after failed checks over at least --dead-span hours). Without one: the link fails (broken, soft-404, server-error or timeout)."},
    {Severity::Error, "still-broken", "With a cache: the link was already dead before this run and has not answered since."},
    {Severity::Warning, "unconfirmed-failure", "With a cache: the link failed, but is only suspect: fewer failed checks than --dead-after, or over less than --dead-span hours."},
    {Severity::Info, "link-recovered", "With a cache: the link answers again after being suspect or dead."},
    {Severity::Info, "redirected-link", "The URL moved permanently (301/308); cite the new address."},
    {Severity::Info, "unverifiable-link", "The server refuses robots (401, 403, 429, 999, a bot challenge), or, with a cache, the link timed out: check it in a browser. Never counted toward dead."},
    {Severity::Info, "skipped-link", "A link to a private or loopback address, not fetched (no --allow-private)."},
    {Severity::Warning, "url-content-mismatch", "The page answers, but its title names another work than the entry cites."},
    {Severity::Error, "doi-not-found", "doi.org does not know the DOI (a typo, or never registered)."},
    {Severity::Warning, "doi-metadata-mismatch", "The DOI is registered for another work: title, year and first author compared field by field."},
    {Severity::Error, "retracted-work", "The cited DOI's record has been retracted."},
    {Severity::Info, "doi-suggested", "--suggest-dois: Crossref's bibliographic search found the DOI of an entry that gives none."},
  };
  return codes;
}

}  // namespace citecheck
