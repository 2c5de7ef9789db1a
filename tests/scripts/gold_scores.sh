#!/usr/bin/env bash
# Acceptance: runs citecheck on each sample manuscript in ../shared and scores the JSON
# report against its hand-made gold annotation with ../shared/tools/score.py, at the bounds
# of the core issue. Prints the figures; fails below them. Skips (77) without ../shared.
set -euo pipefail
binary=$1
source_dir=$2
shared="$source_dir/../shared"
if [ ! -d "$shared/manuscripts" ] || [ ! -f "$shared/tools/score.py" ]; then
  echo "no ../shared beside the checkout: gold scores skipped"
  exit 77
fi
python=$(command -v /usr/bin/python3 || command -v python3)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
status=0
for manuscript in "$shared"/manuscripts/*.txt; do
  name=$(basename "$manuscript" .txt)
  gold="$shared/gold/$name.json"
  [ -f "$gold" ] || continue
  # Exit 1 means error findings, which the samples have; 2 would be a failure to read.
  set +e
  "$binary" check --offline --format json --output "$out/$name.json" "$manuscript"
  rc=$?
  set -e
  if [ "$rc" -ge 2 ]; then echo "$name: citecheck exited $rc"; status=1; continue; fi
  if ! "$python" "$shared/tools/score.py" "$gold" "$out/$name.json" --min \
      url_recall=1 url_precision=0.98 doi_recall=1 email_recall=1 footnote_paired=1 \
      ref_count_exact=1 cite_recall=0.95 cite_linked=0.9 finding_recall=1 finding_false_alarms_max=2; then
    status=1
  fi
done
exit $status
