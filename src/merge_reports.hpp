// merge_reports.hpp — `citecheck merge`: the JSON reports of a night's shards (`--shard k/n`),
// joined into the one report a single run would have written. Every shard reads every
// document, so the documents, entries, citations and the findings about them are the same in
// each; a link is taken from the shard that checked it (the others mark it with its `shard`),
// and so are the findings about it. Totals are counted again; each shard's run object is kept
// under run.shards.
#pragma once

#include <ostream>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace citecheck {

// Reports that are not a whole set of one night's shards: not a shard's report, shards
// missing or given twice, different shard counts, versions or documents. The message names
// the report.
struct MergeError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct ShardReport {
  std::string name;  // where it was read from, for messages
  nlohmann::json report;
};

// JSON reports (--format json), whole: each is read into memory (some ten times its size).
nlohmann::json merge_shard_reports(std::vector<ShardReport> shards);

// JSON Lines reports (--format jsonl) read from these files, streamed: one document of each
// shard at a time, as each was written, so memory holds one document per shard. The merged
// lines (documents, then the end line) go to `out`. A file without its end line (a partial
// run) is refused. Throws MergeError, or InputError (parsers/text_reader.hpp) for a file that
// cannot be read.
void merge_shard_lines(const std::vector<std::string>& paths, std::ostream& out);

// Whether the file is a JSON Lines report (its first line a whole record with a "type").
bool is_json_lines_report(const std::string& path);

}  // namespace citecheck
