#!/usr/bin/env bash
# The JSON report contract: runs citecheck --format json on every fixture manuscript
# (fixtures/manuscripts, fixtures/cli, fixtures/encodings, the DOCX/ODT/PDF/JATS/bibliography fixtures, and
# ../shared/manuscripts when present beside the checkout), one report per file plus one report of all of them together, and validates each
# real report against docs/report.schema.json with tests/scripts/validate_report.py (schema,
# unique ids, every referenced id present, summary totals). First it proves the validator bites:
# deliberately broken copies of a real report must all be rejected. The same runs in
# --format sarif are validated against SARIF 2.1.0 (tests/schemas/, validate_sarif.py), whose
# validator must likewise reject broken logs.
#
#   schema.sh BINARY SOURCE_DIR
set -uo pipefail
binary=$(realpath "$1")
source_dir=$(realpath "$2")
cd "$source_dir" || exit 1
python=/usr/bin/python3
[ -x "$python" ] || python=$(command -v python3)
if ! "$python" -c 'import jsonschema' 2>/dev/null; then
  echo "python3-jsonschema is not installed (apt-get install python3-jsonschema)"
  exit 1
fi
schema=docs/report.schema.json
validator=tests/scripts/validate_report.py
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

manuscripts=(fixtures/manuscripts/*.txt fixtures/cli/*.txt fixtures/encodings/*.txt)
# The structured formats' readable fixtures (hostile ones live in subfolders or fixtures/pdf).
shopt -s nullglob
manuscripts+=(fixtures/office/*.docx fixtures/office/*.odt fixtures/formats/*.docx fixtures/formats/*.odt
              fixtures/formats/*.pdf fixtures/jats/*.xml fixtures/bibliographies/*.bib fixtures/bibliographies/*.json)
shopt -u nullglob
if compgen -G "../shared/manuscripts/*.txt" >/dev/null; then
  manuscripts+=(../shared/manuscripts/*.txt)
fi

status=0
reports=()
sarifs=()
for m in "${manuscripts[@]}"; do
  name=$(echo "${m%.txt}" | tr -c "A-Za-z0-9_\n-" "_")
  "$binary" check --offline --format json --output "$out/$name.json" "$m" 2>"$out/$name.err"
  rc=$?
  # 0: no error finding; 1: error findings (most samples have them on purpose); 2: unreadable.
  # A crash (or a sanitizer report, which also exits 1) leaves no report or a message.
  if [ "$rc" -ge 2 ] || [ ! -s "$out/$name.json" ] || grep -q "runtime error\|Sanitizer" "$out/$name.err"; then
    echo "$m: citecheck exited $rc without a sound report: $(head -c 2000 "$out/$name.err")"
    status=1
    continue
  fi
  reports+=("$out/$name.json")
  "$binary" check --offline --format sarif --output "$out/$name.sarif" "$m" 2>/dev/null
  sarifs+=("$out/$name.sarif")
done
"$binary" check --offline --format json --output "$out/all-together.json" "${manuscripts[@]}" 2>"$out/all-together.err"
if [ $? -ge 2 ] || [ ! -s "$out/all-together.json" ] || grep -q "runtime error\|Sanitizer" "$out/all-together.err"; then
  echo "citecheck failed on the manuscripts together: $(head -c 2000 "$out/all-together.err")"
  exit 1
fi
reports+=("$out/all-together.json")

# The validator must reject broken reports, or a pass below means nothing.
if ! "$python" "$validator" "$schema" --self-test "$out/all-together.json" >"$out/self-test.log" 2>&1; then
  cat "$out/self-test.log"
  echo "the validator accepts reports it must reject (see above)"
  status=1
else
  echo "validator self-test: $(grep -c '^rejected' "$out/self-test.log") broken reports rejected"
fi

"$python" "$validator" "$schema" "${reports[@]}" || status=1

# JSON Lines: the same manuscripts as one stream; each line against $defs/jsonl_line, its
# documents those of the JSON report, field for field. A stream cut short, or with a line
# the schema refuses, must be rejected.
"$binary" check --offline --format jsonl --output "$out/all-together.jsonl" "${manuscripts[@]}" 2>/dev/null
if [ $? -ge 2 ] || [ -e "$out/all-together.jsonl.partial" ]; then
  echo "citecheck --format jsonl failed on the manuscripts together, or left its .partial file"
  status=1
fi
"$python" "$validator" "$schema" --jsonl "$out/all-together.jsonl" || status=1
"$python" - "$out/all-together.jsonl" "$out/all-together.json" <<'PY' || status=1
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
report = json.load(open(sys.argv[2], encoding="utf-8"))
docs = [l["document"] for l in lines if l["type"] == "document"]
if docs != report["documents"]:
    sys.exit("the JSON Lines documents differ from the JSON report's")
if lines[-1]["summary"] != report["summary"]:
    sys.exit(f"the end line's summary {lines[-1]['summary']} differs from the report's {report['summary']}")
print(f"JSON Lines: {len(docs)} documents, equal to the JSON report's")
PY
head -n 3 "$out/all-together.jsonl" >"$out/cut.jsonl"
sed -E 's/"code": ?"[a-z-]+"/"code":"no-such-code"/' "$out/all-together.jsonl" >"$out/bad-code.jsonl"
for broken in cut bad-code; do
  if "$python" "$validator" "$schema" --jsonl "$out/$broken.jsonl" >/dev/null 2>&1; then
    echo "the JSON Lines validator accepts $broken.jsonl"
    status=1
  fi
done

"$binary" check --offline --format sarif --output "$out/all-together.sarif" "${manuscripts[@]}" 2>/dev/null
sarifs+=("$out/all-together.sarif")
if ! "$python" tests/scripts/validate_sarif.py tests/schemas --self-test "$out/all-together.sarif" >"$out/sarif-self-test.log" 2>&1; then
  cat "$out/sarif-self-test.log"
  echo "the SARIF validator accepts logs it must reject (see above)"
  status=1
else
  echo "SARIF validator self-test: $(grep -c '^rejected' "$out/sarif-self-test.log") broken logs rejected"
fi
"$python" tests/scripts/validate_sarif.py tests/schemas "${sarifs[@]}" || status=1
exit $status
