// model.hpp — the shared vocabulary passed between stages; plain data, no behaviour
// beyond small helpers.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "src/message_text.hpp"
#include "src/optional_text.hpp"

namespace citecheck {

// 1-based lines; columns count Unicode code points of the original line.
struct SourceSpan {
  int line = 0, column = 0, end_line = 0, end_column = 0;
};

// Where a line of Document::text came from, in the terms of the file it was read from.
// Plain text needs none (its lines are the file's lines).
struct LineOrigin {
  int paragraph = 0;            // DOCX/ODT: body paragraph, 1-based (0: not in the body)
  int note = 0;                 // DOCX/ODT: the footnote or endnote (its number) holding the line
  bool endnote = false;         // `note` counts endnotes (numbered apart from footnotes)
  int page = 0, page_line = 0;  // PDF: page and line on that page, 1-based
  std::string xpath;            // JATS: the element, by id when it has one ("/article/back/ref-list/ref[@id='b3']")
  std::string record;           // BibTeX / CSL-JSON: the record's key or id
  int source_line = 0;          // BibTeX: the line of the file where the record starts
};

// Byte range in Document::text, kept so later stages can relate items to each other.
struct ByteRange {
  std::size_t begin = 0, end = 0;
  bool contains(std::size_t offset) const { return offset >= begin && offset < end; }
  bool overlaps(const ByteRange& o) const { return begin < o.end && o.begin < end; }
};

struct Person {
  std::string family, given;
  bool organisation = false;  // family holds the whole name ("Crisis Group")
};

// The bibliographic fields of a work, as printed in a reference entry or a footnote body.
struct Work {
  std::vector<Person> authors;
  OptionalText year;         // ASCII digits, or "n.d."
  OptionalText year_suffix;  // "a" in 2020a
  OptionalText title, container, volume, issue, pages, doi, accessed, isbn;
  OptionalText number;  // a law's, decree's, standard's or report's number, digits only
  std::vector<std::string> urls;
  std::string author_text;  // the printed author segment, for fuzzy matching
};

struct Reference {
  std::string id, label, section, raw;
  std::string key;  // the file's own name for the entry (JATS ref id, BibTeX key); "" for text
  Work work;
  SourceSpan span;
  ByteRange bytes;
  std::string script;  // dominant ISO 15924 script of the entry ("Arab", "Latn", …)
  OptionalText suggested_doi;  // --suggest-dois: Crossref's match for an entry without a DOI
  OptionalText suggested_title;
};

struct Footnote {
  std::string id, label;
  std::optional<SourceSpan> marker;  // absent when the marker is missing from the text
  std::optional<SourceSpan> body;    // absent when the body is missing
  ByteRange marker_bytes, body_bytes;
  std::string text;
  std::optional<Work> work;  // when the body cites a work
};

enum class CitationKind { AuthorDate, Numeric, Footnote };

struct Citation {
  std::string id;
  CitationKind kind = CitationKind::AuthorDate;
  SourceSpan span;
  ByteRange bytes;
  std::string raw;                   // the whole parenthetical as printed
  std::vector<std::string> authors;  // names as printed
  bool et_al = false;
  OptionalText year;  // ASCII digits or "n.d."
  OptionalText year_suffix;
  OptionalText locator;
  OptionalText number;        // a document cited by its number ("Lei n° 13.146/2015"): digits
  std::vector<std::string> numbers;         // numeric citations: the labels cited
  OptionalText reference;     // id of the matched entry
  std::vector<std::string> also_references; // further entries of a numeric range
  bool narrative = false;                   // "Smith (2020)" rather than "(Smith 2020)"
  // "Bourdieu, 1979" of "(Bourdieu, 1979 apud Lahire, 2002)": read through the next work, so
  // the list need not hold it (ABNT and others list only the work read).
  bool through_secondary_source = false;
  // "CNPq" of "(National Council for … Development [CNPq], 2024)": the acronym an organisation
  // was cited with, which its entry may print where its name is in another language.
  OptionalText acronym;
  // A citation the file itself records (reference-manager field, JATS xref): where it came from,
  // the entries it names (linked without guessing), the DOI its record gives.
  std::string source;                       // "zotero", "mendeley", "endnote", "jats"; "" = found in the text
  std::vector<std::string> targets;         // JATS rid values
  OptionalText doi;
};

enum class LinkKind { Url, Doi, Email, Isbn };

// What the DOI's registration agency (Crossref, DataCite) says the work is.
struct RegisteredWork {
  std::string agency;  // "crossref", "datacite"
  std::optional<std::string> title;
  std::vector<std::string> other_titles;  // subtitles, original and short titles
  std::optional<int> year;                // earliest of the dates given
  std::vector<int> years;                 // every date given (print, online, issued)
  std::vector<std::string> family_names;  // authors in order
  std::optional<std::string> retraction;  // the retraction notice (DOI or label) when retracted
};

// A link's record over nights (from the cache's history, with this run's check folded in;
// resolvers/link_state.hpp has the rules).
struct LinkHistoryInfo {
  std::string state;         // "ok", "suspect", "dead", "unverifiable", "recovered" ("unknown": never checked)
  std::string change;        // this run: "newly-broken", "still-broken", "recovered", or ""
  int failures = 0;          // failed checks since the link last answered
  OptionalText first_failed_at, last_ok_at;  // RFC 3339
  int dead_after = 3;                  // the rule the state was told by: failures …
  double dead_span_hours = 72;        // … over at least this many hours
};
enum class LinkStatus { Unchecked, Ok, Redirected, Broken, ServerError, Timeout, Unverifiable,
                        Soft404, Invalid, Skipped };

struct LinkCheck {
  std::vector<std::string> redirects;  // every hop's target, in order
  bool permanent_redirect = false;     // a 301/308 among the hops
  OptionalText page_title;  // what the page calls itself (citation_title, else <title>)
  OptionalText archived_url, archived_at;  // nearest Wayback capture of a dead link
  std::string checked_at;                               // RFC 3339; from the cache: the original check
  bool from_cache = false;
  // With a cache: the link's record over runs. Behind a pointer: most links of a night have
  // none worth saying, and an inline record cost every link's answer a fifth of its size.
  std::shared_ptr<const LinkHistoryInfo> history;
  // A DOI's metadata, apart: a URL (most links) carries a pointer, not ~200 empty bytes.
  std::shared_ptr<const RegisteredWork> registered;
};

struct Link {
  std::string id;
  LinkKind kind = LinkKind::Url;
  std::string value;  // normalised: DOI lower-case without prefix, URL re-joined
  SourceSpan span;
  ByteRange bytes;    // as printed (may span lines) in Document::text
  OptionalText owner;  // reference or footnote id
  // When an archived copy is looked for: the owner's access date, else its year (YYYYMMDD);
  // "" for none. Carried by the link so that the link stage needs no more of the manuscript.
  std::string archive_date;
  LinkStatus status = LinkStatus::Unchecked;
  std::optional<int> http_status;
  OptionalText final_url, error;
  OptionalText remapped_to;  // --remap: the address checked instead of `value`
  bool excluded = false;         // skipped by --exclude, --include or .citecheckignore: never requested
  std::optional<int> shard;      // skipped: another shard of the run (--shard) checks it, this one
  bool wrapped = false;          // re-joined over a line break
  bool link_annotation = false;  // a bare link line a PDF lists at a page's end
  bool hyperlink = false;        // the file's hyperlink target (or a record's DOI), not printed text
  // What the network said beyond the status (the resolvers fill it); shared by every link
  // to the same URL or DOI, and kept off the link itself so that unchecked links stay small.
  std::shared_ptr<const LinkCheck> check;
};

enum class Severity { Error, Warning, Info };

// The text a finding is about as printed, with what surrounds it (for the HTML report;
// made only when a report asks for it, see CheckOptions).
struct Excerpt {
  std::string before, text, after;
};

struct Finding {
  std::string code;
  Severity severity = Severity::Warning;
  std::string message;
  SourceSpan span;
  std::vector<std::string> items;
  std::optional<Excerpt> excerpt = std::nullopt;  // initialised: checks build findings without it
  // The message as a key and arguments, to say it in the report's language (--lang); empty
  // for a finding made from a plain string. When the report's language is not English,
  // `message` is said in it and the English one is kept here for the fingerprint.
  MessageText text = {};
  OptionalText english_message = std::nullopt;
};

struct ReferenceSection {
  std::string heading;
  int line = 0;
};

struct ReferenceListInfo {
  bool present = false;
  std::string heading;
  int heading_line = 0;
  std::vector<ReferenceSection> sections;
};

// Everything the parsers found in one document.
struct Manuscript {
  std::vector<std::string> scripts;
  ReferenceListInfo reference_list;
  std::vector<Footnote> footnotes;
  std::vector<Reference> references;
  std::vector<Citation> citations;
  std::vector<Link> links;
};

struct DocumentReport {
  std::string path, format = "text";
  std::vector<LineOrigin> origins;  // the Document's, so reports can name pages, paragraphs, elements
  Manuscript manuscript;
  std::vector<Finding> findings;
};

// How the run went, beyond the documents (README "Exit status").
struct FailedInput {
  std::string path, error;
};
struct CacheOutcome {
  std::string path;
  bool saved = true;
  std::string error;  // why not, when !saved
  // Manuscripts served as checked by an earlier run (unchanged since), not read and parsed.
  std::size_t reused_documents = 0;
};
// How stale the answers about one site's links are (a site: a host, lower case), for runs
// with a cache: links served from the store were not asked on this run.
struct SiteAge {
  std::string site;
  std::size_t links = 0;          // distinct URLs of the site in the report
  std::size_t checked = 0;        // asked on this run
  std::size_t never_checked = 0;  // neither asked nor in the store (left unchecked)
  std::size_t deferred = 0;       // left for a later night by the site's budget (--window)
  std::optional<std::string> oldest_unchecked_at;        // RFC 3339: the oldest answer served from the store
  std::optional<double> oldest_unchecked_age_hours;      // its age at the run's time
};

// Which part of a night's links a run checks (--shard k/n; resolvers/shard.hpp tells how links
// are split).
struct Shard {
  int index = 0;  // 0-based: 0 … count-1, as Kubernetes' JOB_COMPLETION_INDEX counts
  int count = 1;
  std::string label() const { return std::to_string(index) + "/" + std::to_string(count); }
};

// One option of the run as it took effect (the JSON report's run.options), by its long name
// without dashes. Never a config file's headers: they may carry credentials.
struct RunOption {
  std::string name;
  std::variant<bool, long long, double, std::string, std::vector<std::string>> value;
};
struct RunOutcome {
  std::string started_at, finished_at;       // RFC 3339 UTC ("" when not recorded)
  std::vector<RunOption> options;
  bool complete = true;                      // false: interrupted (SIGINT/SIGTERM)
  std::string interrupted_by;                // "SIGINT", "SIGTERM"
  std::vector<std::string> left_unchecked;   // distinct links the interruption left unchecked
  std::vector<FailedInput> failed_inputs;    // inputs that could not be read
  std::optional<std::string> network_down;   // why, when the network was found down
  std::optional<CacheOutcome> cache;         // online runs with a cache
  std::vector<SiteAge> sites;                // online runs with a cache, by site name
  std::optional<Shard> shard;                // --shard: the links of other shards are skipped
  std::size_t deferred = 0;                  // --window: links left for later nights by their site's budget
};

struct Report {
  std::string tool_version = CITECHECK_VERSION;
  std::string language = "en";  // --lang: what the text, HTML and Markdown reports are written in
  std::string generated_at;  // RFC 3339 UTC
  std::vector<DocumentReport> documents;
  RunOutcome run;
};

const char* to_string(CitationKind);
const char* to_string(LinkKind);
const char* to_string(LinkStatus);
const char* to_string(Severity);

}  // namespace citecheck
