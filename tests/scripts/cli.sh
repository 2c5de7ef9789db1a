#!/usr/bin/env bash
# The command line as a user runs it: exit statuses, messages on stderr, text and JSON
# reports, awkward inputs (binary, UTF-16, invalid UTF-8, BOM + CRLF, empty, standard input,
# a directory, a 20 MB single line, a 100 MB file), and runs that must not lose their result
# (interrupted, report or cache unwritable; against a loopback server it starts). Each case
# asserts status and output.
#
#   cli.sh BINARY SOURCE_DIR [CASE...]    (no CASE: every case but "big", the two large files)
#
# CITECHECK_BIG_TIMEOUT (seconds, default 180) bounds each large-file run; the sanitizer run
# raises it. Large files are made in a temporary directory and deleted afterwards.
set -uo pipefail

binary=$(realpath "$1")
source_dir=$(realpath "$2")
shift 2
cd "$source_dir" || exit 1
python=$(command -v /usr/bin/python3 || command -v python3)
validate=(env "$python" "$source_dir/tests/scripts/validate_report.py" "$source_dir/docs/report.schema.json")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=1700000000 # 2023-11-14T22:13:20Z: reports are comparable
unset NO_COLOR

failures=0
case_name=""
fail() {
  echo "FAIL [$case_name]: $*"
  failures=$((failures + 1))
}

# run ARGS... : runs the binary; fills $rc, $out (stdout file), $err (stderr file).
# A "check" runs --offline: these cases are about the command line, never the network.
offline_args() { if [ "${1:-}" = check ]; then shift; set -- check --offline "$@"; fi; args=("$@"); }
run() {
  out="$tmp/stdout" err="$tmp/stderr"
  offline_args "$@"
  "$binary" "${args[@]}" >"$out" 2>"$err"
  rc=$?
}
run_stdin() { # run_stdin FILE ARGS...
  local input=$1
  shift
  out="$tmp/stdout" err="$tmp/stderr"
  offline_args "$@"
  "$binary" "${args[@]}" <"$input" >"$out" 2>"$err"
  rc=$?
}

expect_rc() { [ "$rc" -eq "$1" ] || fail "exit status $rc, expected $1 (stderr: $(head -c 300 "$err"))"; }
expect_stdout_has() { grep -qF -- "$1" "$out" || fail "stdout lacks '$1'"; }
expect_stdout_line() { grep -qxF -- "$1" "$out" || fail "stdout lacks the line '$1'"; }
expect_stderr_has() { grep -qF -- "$1" "$err" || fail "stderr lacks '$1': $(head -c 300 "$err")"; }
expect_stdout_empty() { [ ! -s "$out" ] || fail "stdout is not empty: $(head -c 200 "$out")"; }
expect_stderr_empty() { [ ! -s "$err" ] || fail "stderr is not empty: $(head -c 300 "$err")"; }
expect_one_stderr_line() {
  local n
  n=$(wc -l <"$err")
  [ "$n" -eq 1 ] || fail "stderr has $n lines, expected one: $(head -c 300 "$err")"
  grep -q '^citecheck: ' "$err" || fail "stderr does not start with 'citecheck: ': $(head -c 300 "$err")"
}
# json EXPR: evaluates a Python expression over the JSON report on stdout (bound to r).
json() { "$python" -c 'import json,sys; r=json.load(open(sys.argv[1],encoding="utf-8")); print(eval(sys.argv[2]))' "$out" "$1"; }
expect_json() { # expect_json EXPR EXPECTED
  local got
  got=$(json "$1" 2>&1) || { fail "report is not JSON or '$1' fails: $got"; return; }
  [ "$got" = "$2" ] || fail "$1 is '$got', expected '$2'"
}
expect_valid_report() {
  local v
  v=$("${validate[@]}" "$out" 2>&1) || fail "report fails the schema: $v"
}
# Every finding line of a text report reads path:line:column: severity: message [code],
# then a blank line and the summary.
expect_text_report_shape() {
  local summary_at
  summary_at=$(grep -n '^[0-9][0-9]* document(s): ' "$out" | head -1 | cut -d: -f1)
  [ -n "$summary_at" ] || { fail "no summary line"; return; }
  if [ "$summary_at" -gt 1 ]; then
    head -n $((summary_at - 2)) "$out" >"$tmp/finding_lines"
    sed -n "$((summary_at - 1))p" "$out" | grep -qx '' || fail "no blank line before the summary"
    local bad
    bad=$(grep -vE '^[^:]+:[1-9][0-9]*:[1-9][0-9]*: (error|warning|info): .+ \[[a-z][a-z0-9]*(-[a-z0-9]+)*\]$' "$tmp/finding_lines")
    [ -z "$bad" ] || fail "finding lines not in the form path:line:column: severity: message [code]: $bad"
  fi
  sed -n "$((summary_at + 1))p" "$out" | grep -qE '^findings: [0-9]+ error\(s\), [0-9]+ warning\(s\), [0-9]+ info$' ||
    fail "no 'findings: N error(s), N warning(s), N info' line after the summary"
}

want() { # want CASE: whether to run it (no CASE given: all but "big")
  case_name=$1
  if [ ${#selected[@]} -eq 0 ]; then [ "$1" != "big" ]; return; fi
  local c
  for c in "${selected[@]}"; do [ "$c" = "$1" ] && ran+=("$1") && return 0; done
  return 1
}
ran=()
selected=("$@")

clean=fixtures/cli/clean.txt
errors=fixtures/cli/errors.txt

# --- exit statuses and the text report -------------------------------------------------------
if want clean; then
  run check "$clean"
  expect_rc 0
  expect_stderr_empty
  expect_stdout_line "1 document(s): 0 footnotes, 4 reference entries, 4 citations, 1 links"
  expect_stdout_line "findings: 0 error(s), 0 warning(s), 0 info"
  expect_text_report_shape
fi

if want errors; then
  run check "$errors"
  expect_rc 1
  expect_stderr_empty
  grep -qE "^fixtures/cli/errors\.txt:4:12: error: cited year 2019 differs from the reference entry's 2021 .*line 11.* \[year-mismatch\]$" "$out" ||
    fail "no year-mismatch error (2019 cited, 2021 listed on line 11) at 4:12"
  grep -qE '^fixtures/cli/errors\.txt:6:7: error: .*Haddad 2018.* \[citation-without-reference\]$' "$out" ||
    fail "no citation-without-reference error for (Haddad 2018) at 6:7"
  grep -qE '^fixtures/cli/errors\.txt:13:71: warning: .*bit\.ly.* \[url-shortener\]$' "$out" ||
    fail "no url-shortener warning at 13:71"
  expect_stdout_line "findings: 2 error(s), 1 warning(s), 0 info"
  expect_stdout_line "  year-mismatch: 1"
  expect_text_report_shape
  # Findings come in line order.
  grep -oE '^[^:]+:[0-9]+:[0-9]+' "$out" | awk -F: '{print $2 * 100000 + $3}' >"$tmp/positions"
  sort -n -c "$tmp/positions" 2>/dev/null || fail "findings are not ordered by line and column"
fi

if want warnings-only; then
  # Warnings and info alone leave the exit status at 0.
  run check fixtures/cli/matching.txt
  expect_rc 0
  expect_stdout_has "[ambiguous-citation]"
  grep -qE '^findings: 0 error\(s\), [1-9][0-9]* warning\(s\), [0-9]+ info$' "$out" || fail "expected warnings and no error"
fi

if want several-files; then
  run check "$clean" "$errors"
  expect_rc 1
  expect_stdout_line "2 document(s): 0 footnotes, 8 reference entries, 9 citations, 3 links"
  grep -q "^fixtures/cli/errors.txt:4:12: error: " "$out" || fail "findings of the second file are missing"
  run check --format json "$clean" "$errors"
  expect_rc 1
  expect_valid_report
  expect_json '[d["path"] for d in r["documents"]]' "['fixtures/cli/clean.txt', 'fixtures/cli/errors.txt']"
fi

# --- usage errors: status 2 and one line on stderr -------------------------------------------
if want usage-no-subcommand; then
  run
  expect_rc 2
  expect_one_stderr_line
fi
if want usage-no-file; then
  run check
  expect_rc 2
  expect_one_stderr_line
  expect_stderr_has "FILE"
fi
if want usage-unknown-option; then
  run check --frobnicate "$clean"
  expect_rc 2
  expect_one_stderr_line
  expect_stderr_has "--frobnicate"
  expect_stdout_empty
fi
if want usage-bad-format; then
  run check --format xml "$clean"
  expect_rc 2
  expect_one_stderr_line
  expect_stderr_has "xml"
  expect_stdout_empty
fi

# --- inputs citecheck cannot read: status 3, the file named on stderr -------------------------
if want missing-file; then
  run check "$tmp/no-such-paper.txt"
  expect_rc 3
  expect_one_stderr_line
  expect_stderr_has "$tmp/no-such-paper.txt"
  # An unreadable file among good ones still fails the run.
  run check "$errors" "$tmp/no-such-paper.txt"
  expect_rc 3
  expect_stderr_has "no-such-paper.txt"
fi
# --- line models: another folder of models is read; a broken one is refused by name ----------
if want line-models; then
  mkdir -p "$tmp/models" "$tmp/broken-models"
  cp parsers/models/reference-zone.model parsers/models/reference-entry.model "$tmp/models/"
  run check --format json "$errors"
  expect_rc 1
  cp "$out" "$tmp/builtin.json"
  run check --format json --line-models "$tmp/models" "$errors"
  expect_rc 1
  # The same report but for the option itself (run.options["line-models"]).
  "$python" -c 'import json, sys
a, b = (json.load(open(p, encoding="utf-8")) for p in sys.argv[1:])
b["run"]["options"].pop("line-models")
sys.exit(a != b)' "$tmp/builtin.json" "$out" || fail "the same models from a folder gave another report"
  # Missing, cut short, of another version: exit 2 with the file's name, and no report.
  run check --line-models "$tmp/broken-models" "$errors"
  expect_rc 2
  expect_one_stderr_line
  expect_stderr_has "$tmp/broken-models/reference-zone.model"
  expect_stderr_has "missing"
  expect_stdout_empty
  head -c 2000 parsers/models/reference-zone.model >"$tmp/broken-models/reference-zone.model"
  cp parsers/models/reference-entry.model "$tmp/broken-models/"
  run check --line-models "$tmp/broken-models" "$errors"
  expect_rc 2
  expect_stderr_has "reference-zone.model: truncated"
  expect_stdout_empty
  sed '1s/.*/citecheck-linear-chain 2/' parsers/models/reference-zone.model >"$tmp/broken-models/reference-zone.model"
  run check --line-models "$tmp/broken-models" "$errors"
  expect_rc 2
  expect_stderr_has "format 'citecheck-linear-chain 2'"
fi
# --- field model: another tagger file is read; a broken one is refused by name ----------------
if want field-model; then
  mkdir -p "$tmp/fields"
  cp parsers/models/reference-fields.model "$tmp/fields/"
  run check --format json "$errors"
  expect_rc 1
  cp "$out" "$tmp/builtin.json"
  run check --format json --field-model "$tmp/fields/reference-fields.model" "$errors"
  expect_rc 1
  # The run object names the model file; the documents are the same.
  documents() { python3 -c 'import json,sys; print(json.dumps(json.load(open(sys.argv[1]))["documents"]))' "$1"; }
  [ "$(documents "$out")" = "$(documents "$tmp/builtin.json")" ] || fail "the same field model from a file gave another report"
  grep -q '"field-model"' "$out" || fail "the run's options do not name the field model"
  # Missing, cut short, of another version, another kind: exit 2 with the file's name, no report.
  run check --field-model "$tmp/fields/none.model" "$errors"
  expect_rc 2
  expect_one_stderr_line
  expect_stderr_has "$tmp/fields/none.model: missing"
  expect_stdout_empty
  head -c 3000 parsers/models/reference-fields.model >"$tmp/fields/cut.model"
  run check --field-model "$tmp/fields/cut.model" "$errors"
  expect_rc 2
  expect_stderr_has "cut.model: truncated"
  expect_stdout_empty
  sed '1s/.*/citecheck-linear-chain 2/' parsers/models/reference-fields.model >"$tmp/fields/v2.model"
  run check --field-model "$tmp/fields/v2.model" "$errors"
  expect_rc 2
  expect_stderr_has "v2.model: format 'citecheck-linear-chain 2'"
  run check --field-model parsers/models/reference-entry.model "$errors"
  expect_rc 2
  expect_stderr_has "reference-entry.model: a 'reference-entry' model where a 'reference-fields' model is needed"
fi
if want directory; then
  # A directory is walked: every manuscript in it (recursively, sorted) is one document.
  mkdir -p "$tmp/archive/2024" "$tmp/empty-dir"
  cp fixtures/cli/clean.txt "$tmp/archive/b.txt"
  cp fixtures/cli/errors.txt "$tmp/archive/2024/a.txt"
  printf 'not a manuscript' >"$tmp/archive/notes.xyz"
  run check --format json "$tmp/archive"
  expect_rc 1
  expect_json 'len(r["documents"])' 2
  expect_json '[d["path"].split("/archive/")[1] for d in r["documents"]]' "['2024/a.txt', 'b.txt']"
  # A manuscript in a format citecheck cannot read is named with the way out, not left out
  # unsaid; the others are still reported.
  mkdir -p "$tmp/archive-doc/2023"
  cp fixtures/cli/clean.txt "$tmp/archive-doc/b.txt"
  printf '\320\317\021\340\241\261\032\341\000\000\000\000' >"$tmp/archive-doc/2023/old.doc"
  printf '{\\rtf1\\ansi Paper}' >"$tmp/archive-doc/draft.rtf"
  run check --format json "$tmp/archive-doc"
  expect_rc 3
  expect_json '[d["path"].split("/archive-doc/")[1] for d in r["documents"]]' "['b.txt']"
  expect_stderr_has "2023/old.doc"
  expect_stderr_has "save it as .docx"
  expect_stderr_has "draft.rtf"
  run check "$tmp/empty-dir"
  expect_rc 3
  expect_one_stderr_line
  expect_stderr_has "empty-dir"
  expect_stderr_has "no manuscript"
fi
if want binary; then
  # A picture named like a Word file: the bytes decide, and they are no document.
  printf '\211PNG\r\n\032\n\000\000\000\rIHDR binary' >"$tmp/paper.docx"
  run check "$tmp/paper.docx"
  expect_rc 3
  expect_one_stderr_line
  expect_stderr_has "paper.docx"
  expect_stderr_has "binary"
fi
if want utf16; then
  "$python" -c 'import sys; open(sys.argv[1], "wb").write(open(sys.argv[2], encoding="utf-8").read().encode("utf-16"))' \
    "$tmp/utf16le.txt" "$clean"
  "$python" -c 'import sys; open(sys.argv[1], "wb").write(b"\xfe\xff" + open(sys.argv[2], encoding="utf-8").read().encode("utf-16-be"))' \
    "$tmp/utf16be.txt" "$clean"
  for f in utf16le.txt utf16be.txt; do
    run check "$tmp/$f"
    expect_rc 3
    expect_one_stderr_line
    expect_stderr_has "$f"
    expect_stderr_has "UTF-16"
  done
fi

# --- inputs citecheck repairs -----------------------------------------------------------------
if want empty; then
  : >"$tmp/empty.txt"
  run check --format json "$tmp/empty.txt"
  expect_rc 0
  expect_stderr_empty
  expect_valid_report
  expect_json 'r["summary"] == {"documents": 1, "footnotes": 0, "references": 0, "citations": 0, "links": 0, "findings": {"error": 0, "warning": 0, "info": 0}, "links_by_status": {s: 0 for s in ("unchecked", "ok", "redirected", "broken", "server-error", "timeout", "unverifiable", "soft-404", "invalid", "skipped")}}' "True"
  expect_json '[len(r["documents"][0][k]) for k in ("footnotes", "references", "citations", "links", "findings")]' "[0, 0, 0, 0, 0]"
fi

if want invalid-utf8; then
  # One stray byte (0xFF) in line 3 of the clean manuscript, after "Since 1991 the " (15 bytes).
  offset=$("$python" - "$clean" "$tmp/invalid.txt" <<'EOF'
import sys
data = open(sys.argv[1], "rb").read()
at = data.index(b"Since 1991 the ") + 15
open(sys.argv[2], "wb").write(data[:at] + b"\xff" + data[at:])
print(at)
EOF
)
  run check "$tmp/invalid.txt"
  expect_rc 0
  expect_stdout_line "$tmp/invalid.txt:3:16: warning: invalid UTF-8 at byte offset $offset replaced with U+FFFD [invalid-utf8]"
  expect_stdout_line "findings: 0 error(s), 1 warning(s), 0 info"
  run check --format json "$tmp/invalid.txt"
  expect_rc 0
  expect_valid_report
  expect_json '[(f["code"], f["severity"], f["line"], f["column"]) for f in r["documents"][0]["findings"]]' \
    "[('invalid-utf8', 'warning', 3, 16)]"
  # The rest of the manuscript reads as before.
  expect_json 'r["summary"]["citations"], r["summary"]["references"]' "(4, 4)"
  # A truncated sequence, an overlong form and a surrogate: one finding each, offsets named.
  printf 'A (\xd8) B \xc0\xaf C \xed\xa0\x80 D\n' >"$tmp/mixed.txt"
  run check --format json "$tmp/mixed.txt"
  expect_rc 0
  expect_valid_report
  expect_json '[f["message"].split(" replaced")[0] for f in r["documents"][0]["findings"] if f["code"] == "invalid-utf8"][:3]' \
    "['invalid UTF-8 at byte offset 3', 'invalid UTF-8 at byte offset 8', 'invalid UTF-8 at byte offset 9']"
  # A file in another encoding (CP1251): detected and decoded, one legacy-encoding warning
  # naming it, and the reference list read.
  "$python" -c 'import sys; open(sys.argv[1], "wb").write(("Литература\n\n" + "Иванов, Иван. 2019. Порты Каспия. Москва.\n" * 20).encode("cp1251"))' "$tmp/cp1251.txt"
  run check --format json "$tmp/cp1251.txt"
  expect_rc 0
  expect_valid_report
  expect_json '[(f["code"], f["line"]) for f in r["documents"][0]["findings"] if f["code"] in ("invalid-utf8", "legacy-encoding")]' "[('legacy-encoding', 1)]"
  expect_json '["windows-1251" in f["message"] for f in r["documents"][0]["findings"] if f["code"] == "legacy-encoding"], r["documents"][0]["reference_list"]["heading"]' "([True], 'Литература')"
  # Too little text to tell its encoding (a few letters): repaired byte by byte, with a hint.
  "$python" -c 'import sys; open(sys.argv[1], "wb").write(("Ref " + "x\u0418 " * 25).encode("cp1251"))' "$tmp/short1251.txt"
  run check --format json "$tmp/short1251.txt"
  expect_rc 0
  expect_json 'sum(f["code"] == "invalid-utf8" for f in r["documents"][0]["findings"]) <= 20' "True"
  expect_json 'any("more invalid bytes" in f["message"] and "--encoding" in f["message"] for f in r["documents"][0]["findings"])' "True"
fi

if want bom-crlf; then
  # The same manuscript with a BOM and CRLF line ends, and with old-Mac CR line ends: the same
  # findings at the same lines and columns.
  run check "$errors"
  sed "s|^fixtures/cli/errors.txt:||" "$out" >"$tmp/lf.txt"
  "$python" -c 'import sys; d=open(sys.argv[1],"rb").read(); open(sys.argv[2],"wb").write(b"\xef\xbb\xbf" + d.replace(b"\n", b"\r\n"))' "$errors" "$tmp/crlf.txt"
  "$python" -c 'import sys; d=open(sys.argv[1],"rb").read(); open(sys.argv[2],"wb").write(d.replace(b"\n", b"\r"))' "$errors" "$tmp/cr.txt"
  for f in crlf.txt cr.txt; do
    run check "$tmp/$f"
    expect_rc 1
    sed "s|^$tmp/$f:||" "$out" >"$tmp/other.txt"
    diff -u "$tmp/lf.txt" "$tmp/other.txt" >"$tmp/diff" || fail "$f reports differently from the LF file: $(head -c 600 "$tmp/diff")"
  done
  run check --format json "$tmp/crlf.txt"
  expect_valid_report
  expect_json 'any("\r" in c["raw"] for c in r["documents"][0]["citations"]) or any("\ufeff" in x["raw"] for x in r["documents"][0]["references"])' "False"
fi

# --- where input comes from and output goes ---------------------------------------------------
if want stdin; then
  run_stdin "$errors" check -
  expect_rc 1
  expect_stdout_has "<stdin>:4:12: error: cited year 2019"
  run_stdin "$clean" check --format json -
  expect_rc 0
  expect_valid_report
  expect_json 'r["documents"][0]["path"], r["summary"]["citations"]' "('<stdin>', 4)"
fi

if want output-file; then
  run check --format json "$errors"
  cp "$out" "$tmp/expected.json"
  run check --format json --output "$tmp/report.json" "$errors"
  expect_rc 1
  expect_stdout_empty
  [ -s "$tmp/report.json" ] || fail "--output wrote no file"
  # The same report, but for the option that says where it went (run.options.output).
  "$python" -c 'import json, sys
a, b = (json.load(open(p, encoding="utf-8")) for p in sys.argv[1:])
if b["run"]["options"].pop("output") != sys.argv[2] or a != b: sys.exit(1)' "$tmp/expected.json" "$tmp/report.json" ||
    fail "--output FILE differs from the report on stdout"
  run check -o "$tmp/report.txt" "$errors"
  expect_rc 1
  expect_stdout_empty
  grep -q "^fixtures/cli/errors.txt:4:12: error: .*\[year-mismatch\]$" "$tmp/report.txt" || fail "-o FILE lacks the text report"
  run check -o "$tmp/no-such-dir/report.txt" "$errors"
  expect_rc 2
  expect_stderr_has "no-such-dir/report.txt"
fi

if want output-is-input; then
  # The report never replaces an input: the same file by another spelling, a hard link, a
  # symbolic link or standard input is caught (device and inode), with exit 2 and the input intact.
  mkdir -p "$tmp/paper"
  cp "$errors" "$tmp/paper/paper.txt"
  ln "$tmp/paper/paper.txt" "$tmp/paper/hard.txt"
  ln -s paper.txt "$tmp/paper/soft.txt"
  for target in "$tmp/paper/paper.txt" "$tmp/paper/../paper/./paper.txt" "$tmp/paper/hard.txt" "$tmp/paper/soft.txt"; do
    run check -o "$target" "$tmp/paper/paper.txt"
    expect_rc 2
    expect_one_stderr_line
    expect_stderr_has "it is the input '$tmp/paper/paper.txt'"
    cmp -s "$errors" "$tmp/paper/paper.txt" || fail "-o $target changed the manuscript"
  done
  run check --format json -o "$tmp/paper/paper.txt" "$tmp/paper"  # a folder's manuscript is an input too
  expect_rc 2
  cmp -s "$errors" "$tmp/paper/paper.txt" || fail "-o into a checked folder changed the manuscript"
  run_stdin "$tmp/paper/paper.txt" check -o "$tmp/paper/paper.txt" -
  expect_rc 2
  expect_stderr_has "it is the input '-'"
  cmp -s "$errors" "$tmp/paper/paper.txt" || fail "-o over standard input's file changed the manuscript"
  expect_stdout_empty
fi

if want output-atomic; then
  # A report replaces the old one whole or not at all: a write that fails (file-size limit,
  # as a full disk would) keeps yesterday's report, leaves no temporary file, and exits 7.
  mkdir -p "$tmp/reports"
  echo "yesterday" >"$tmp/reports/report.json"
  chmod 640 "$tmp/reports/report.json"
  run check --format json -o "$tmp/reports/report.json" fixtures/manuscripts/sample_arabic_english.txt
  expect_rc 1
  out="$tmp/reports/report.json"
  expect_json 'r["complete"], r["summary"]["documents"]' "(True, 1)"
  [ "$(stat -c %a "$tmp/reports/report.json")" = 640 ] || fail "the replaced report lost its mode"
  cp "$tmp/reports/report.json" "$tmp/good.json"
  for format in json text; do
    (trap '' XFSZ; ulimit -f 1; exec "$binary" check --offline --format $format -o "$tmp/reports/report.json" \
      fixtures/manuscripts/sample_arabic_english.txt fixtures/cli/errors.txt) >"$tmp/stdout" 2>"$tmp/stderr"
    rc=$?
    out="$tmp/stdout" err="$tmp/stderr"
    expect_rc 7
    expect_stderr_has "cannot write '$tmp/reports/report.json': File too large"
    cmp -s "$tmp/good.json" "$tmp/reports/report.json" || fail "a failed $format write changed the previous report"
    [ "$(ls -A "$tmp/reports")" = report.json ] || fail "a failed write left files behind: $(ls -A "$tmp/reports")"
  done
  # A folder that does not exist is found before any work: a usage error.
  run check -o "$tmp/nowhere/report.txt" "$errors"
  expect_rc 2
  expect_stderr_has "nowhere"
fi

if want exit-codes; then
  # 3: an unreadable input, named in the JSON; the documents that could be read are reported.
  run check --format json "$errors" "$tmp/absent.txt"
  expect_rc 3
  expect_json 'r["failed_inputs"]' "[{'error': 'no such file', 'path': '$tmp/absent.txt'}]"
  expect_json 'len(r["documents"]), r["complete"]' "(1, True)"
  # 2: usage; --resume needs the cache and the network.
  run check --resume --no-cache "$errors"
  expect_rc 2
  expect_stderr_has "--resume"
  # 2: a cache that cannot be used at all (not a database).
  echo "not a database" >"$tmp/bad.sqlite"
  "$binary" check --cache "$tmp/bad.sqlite" "$clean" >"$tmp/stdout" 2>"$tmp/stderr"
  rc=$? out="$tmp/stdout" err="$tmp/stderr"
  expect_rc 2
  expect_stderr_has "bad.sqlite"
fi

if want version-help; then
  run --version
  expect_rc 0
  grep -qxE 'citecheck [0-9]+\.[0-9]+\.[0-9]+' "$out" || fail "--version prints '$(cat "$out")'"
  version=$(cut -d' ' -f2 "$out")
  run check --format json "$clean"
  expect_json 'r["tool"]["version"]' "$version"
  expect_json 'r["generated_at"]' "2023-11-14T22:13:20Z"
  run --help
  expect_rc 0
  expect_stdout_has "check"
  run check --help
  expect_rc 0
  for option in --format --output --no-color --offline; do expect_stdout_has "$option"; done
fi

if want colour; then
  # Not a terminal: never colour.
  run check "$errors"
  if grep -q $'\x1b' "$out"; then fail "ANSI escapes in a report written to a pipe"; fi
  # A terminal: colour, unless --no-color or NO_COLOR says otherwise (needs script(1)).
  if command -v script >/dev/null; then
    tty_run() { script -qec "$1" /dev/null </dev/null >"$tmp/tty" 2>&1; }
    tty_run "'$binary' check --offline '$errors'"
    grep -q $'\x1b\[' "$tmp/tty" || fail "no colour on a terminal"
    tty_run "'$binary' check --offline --no-color '$errors'"
    if grep -q $'\x1b\[' "$tmp/tty"; then fail "colour on a terminal despite --no-color"; fi
    tty_run "NO_COLOR=1 '$binary' check --offline '$errors'"
    if grep -q $'\x1b\[' "$tmp/tty"; then fail "colour on a terminal despite NO_COLOR"; fi
  else
    echo "script(1) not installed: terminal colour cases skipped"
  fi
fi

# --- large inputs: they finish ----------------------------------------------------------------
# --- the structured formats -------------------------------------------------------------------
if want formats; then
  # Each reader's locations in both reports; the format is told from the bytes, not the name.
  run check fixtures/formats/ka_manuscript.docx
  expect_rc 1
  grep -qE '^fixtures/formats/ka_manuscript\.docx:¶[0-9]+: error: .*\[year-mismatch\]$' "$out" ||
    fail "no year-mismatch located by paragraph in the DOCX report"
  run check fixtures/formats/ka_manuscript.pdf
  expect_rc 1
  grep -qE '^fixtures/formats/ka_manuscript\.pdf:p1:[0-9]+: error: .*\[year-mismatch\]$' "$out" ||
    fail "no year-mismatch located by page and line in the PDF report"
  cp fixtures/formats/ka_manuscript.pdf "$tmp/misnamed.docx"
  run check --format json "$tmp/misnamed.docx"
  expect_rc 1
  expect_valid_report
  expect_json 'r["documents"][0]["format"]' "pdf"
  expect_json 'all("page" in f and "page_line" in f for f in r["documents"][0]["findings"])' "True"
  run check --format json fixtures/formats/ar_manuscript.odt
  expect_valid_report
  expect_json 'r["documents"][0]["format"]' "odt"
  expect_json 'sorted(f["code"] for f in r["documents"][0]["findings"])' "['citation-without-reference', 'reference-never-cited', 'year-mismatch']"
  expect_json 'all("paragraph" in f for f in r["documents"][0]["findings"])' "True"
  # A directory of mixed formats: every document it holds, JSON that is not CSL-JSON left out.
  mkdir -p "$tmp/mixed"
  cp fixtures/formats/ka_manuscript.docx fixtures/formats/ka_manuscript.pdf fixtures/cli/clean.txt "$tmp/mixed/"
  echo '{"not": "a bibliography"}' >"$tmp/mixed/settings.json"
  run check --format json "$tmp/mixed"
  expect_json '[d["format"] for d in r["documents"]]' "['text', 'docx', 'pdf']"
fi

if want refusals; then
  # Files citecheck cannot read: one line naming the file and the reason, exit 3, quickly.
  refused() { # refused FILE WORD: exit 3, one stderr line naming FILE and containing WORD
    run check "$1"
    expect_rc 3
    expect_one_stderr_line
    expect_stderr_has "$(basename "$1")"
    expect_stderr_has "$2"
  }
  printf '\320\317\021\340\241\261\032\341\000\000\000\000' >"$tmp/old.doc"
  refused "$tmp/old.doc" "save it as .docx"
  refused fixtures/pdf/encrypted.pdf "password"
  refused fixtures/pdf/image_only.pdf "OCR"
  refused fixtures/pdf/truncated.pdf "PDF"
  head -c 3000 fixtures/formats/ka_manuscript.docx >"$tmp/cut.docx"
  refused "$tmp/cut.docx" "cut.docx"
  "$python" - "$tmp" <<'PY'
import sys, zipfile
d = sys.argv[1]
# A ZIP bomb: 64 MiB of zeros in document.xml deflate to a few dozen KiB.
with zipfile.ZipFile(d + "/bomb.docx", "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("[Content_Types].xml", "<Types/>")
    with z.open("word/document.xml", "w") as f:
        for _ in range(64):
            f.write(b"\0" * (1 << 20))
# An entry name that climbs out of the archive.
with zipfile.ZipFile(d + "/climb.docx", "w") as z:
    z.writestr("word/document.xml", "<w:document xmlns:w='w'><w:body/></w:document>")
    z.writestr("../../etc/cron.d/evil", "x")
# XML that declares entities (billion laughs).
laughs = '<?xml version="1.0"?><!DOCTYPE article [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><article><body><p>&b;</p></body></article>'
open(d + "/laughs.xml", "w").write(laughs)
PY
  refused "$tmp/bomb.docx" "bomb"
  refused "$tmp/climb.docx" "climb.docx"
  refused "$tmp/laughs.xml" "entities"
fi

if want big; then
  limit=${CITECHECK_BIG_TIMEOUT:-180}
  sample=fixtures/manuscripts/sample_arabic_english.txt
  # 20 MB on one line: a PDF extraction that lost its line breaks.
  "$python" -c '
import sys
one = open(sys.argv[1], "rb").read().replace(b"\n", b" ")
open(sys.argv[2], "wb").write(one * (20 * 2**20 // len(one) + 1))' "$sample" "$tmp/one-line.txt"
  start=$SECONDS
  timeout "$limit" "$binary" check --offline -o "$tmp/one-line.report" "$tmp/one-line.txt" >"$tmp/stdout" 2>"$tmp/stderr"
  rc=$?
  echo "20 MB single line: exit $rc in $((SECONDS - start)) s"
  [ "$rc" -eq 124 ] && fail "20 MB single-line file: not finished in $limit s"
  [ "$rc" -eq 0 ] || [ "$rc" -eq 1 ] || [ "$rc" -eq 124 ] || fail "20 MB single-line file: exit status $rc"
  grep -qx "1 document(s): .*" "$tmp/one-line.report" || fail "20 MB single-line file: no summary"
  # Every finding sits on line 1, with columns past the 2^16 mark where they belong.
  if grep -vE '^(|[0-9]+ document.*|findings: .*|  .*|[^:]+:1:[0-9]+: .*)$' "$tmp/one-line.report" | grep -q .; then
    fail "20 MB single-line file: a finding off line 1"
  fi
  rm -f "$tmp/one-line.txt" "$tmp/one-line.report"
  # 100 MB of manuscript.
  "$python" -c '
import sys
text = open(sys.argv[1], "rb").read()
open(sys.argv[2], "wb").write(text * (100 * 2**20 // len(text) + 1))' "$sample" "$tmp/hundred.txt"
  start=$SECONDS
  timeout "$limit" "$binary" check --offline -o "$tmp/hundred.report" "$tmp/hundred.txt" >"$tmp/stdout" 2>"$tmp/stderr"
  rc=$?
  echo "100 MB file: exit $rc in $((SECONDS - start)) s"
  [ "$rc" -eq 124 ] && fail "100 MB file: not finished in $limit s"
  [ "$rc" -eq 0 ] || [ "$rc" -eq 1 ] || [ "$rc" -eq 124 ] || fail "100 MB file: exit status $rc ($(head -c 300 "$tmp/stderr"))"
  grep -qx "1 document(s): .*" "$tmp/hundred.report" || fail "100 MB file: no summary"
  rm -f "$tmp/hundred.txt" "$tmp/hundred.report"
fi

# --- a run that never loses its result, against a loopback HTTP server (started on demand) ------
# The only cases that use the network: a small Python server on 127.0.0.1, nothing else.
server_pid=""
trap '[ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; rm -rf "$tmp"' EXIT
# json_of FILE EXPR EXPECTED: expect_json over a report file.
json_of() { local saved=${out:-}; out=$1; expect_json "$2" "$3"; out=$saved; }
sql() { "$python" -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])' "$1" "$2"; }
# The server: /ok/* and /doi answer at once, /gone is 404, /rot is 404 while the file
# $tmp/rot-gone exists, /wall is 403 (a bot wall), /slow/* waits (up to 30 s) until the
# file $tmp/fast exists. Every request is logged (method path) to $tmp/requests.log.
start_server() {
[ -n "$server_pid" ] && return
"$python" - "$tmp" <<'PY' &
import http.server, os, sys, threading, time
d = sys.argv[1]
lock = threading.Lock()
class H(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def log_message(self, *a): pass
    def answer(self, body):
        with lock, open(d + "/requests.log", "a") as f:
            f.write(self.command + " " + self.path + "\n")
        if self.path.startswith("/slow/"):
            for _ in range(300):
                if os.path.exists(d + "/fast"): break
                time.sleep(0.1)
        status = 200
        if self.path == "/gone" or (self.path == "/rot" and os.path.exists(d + "/rot-gone")): status = 404
        if self.path == "/wall": status = 403
        self.send_response(status)
        self.send_header("Content-Type", "application/pdf")
        self.send_header("Content-Length", "4")
        self.end_headers()
        if body: self.wfile.write(b"%PDF")
    def do_HEAD(self): self.answer(False)
    def do_GET(self): self.answer(True)
server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), H)
server.daemon_threads = True
with open(d + "/port.tmp", "w") as f: f.write(str(server.server_address[1]))
os.rename(d + "/port.tmp", d + "/port")
server.serve_forever()
PY
server_pid=$!
for _ in $(seq 100); do [ -s "$tmp/port" ] && break; sleep 0.1; done
[ -s "$tmp/port" ] || { echo "the loopback server did not start"; exit 1; }
port=$(cat "$tmp/port")
base="http://127.0.0.1:$port"
net=(--allow-private --per-host-interval 0 --no-archive --retries 0 --quiet --doi-resolver "$base/doi")
}

manuscript() { # manuscript FILE PATH...: a reference list citing each path of the server
  {
    printf 'Ports\n\nNothing is cited in this text.\n\nReferences\n\n'
    local p
    for p in "${@:2}"; do printf 'Aliyev, Rashid. 2021. "Ports %s." Caspian Studies. %s%s\n' "${p//\//-}" "$base" "$p"; done
  } >"$1"
}


if want interrupt-resume; then
  start_server
  manuscript "$tmp/m.txt" /ok/1 /ok/2 /ok/3 /slow/1 /slow/2 /slow/3 /slow/4 /slow/5 /slow/6
  : >"$tmp/requests.log"
  "$binary" check --format json -o "$tmp/report.json" --cache "$tmp/c.sqlite" --concurrency 2 "${net[@]}" "$tmp/m.txt" \
    >"$tmp/stdout" 2>"$tmp/stderr" &
  pid=$!
  err="$tmp/stderr"
  for _ in $(seq 100); do grep -q ' /slow/' "$tmp/requests.log" && break; sleep 0.1; done
  grep -q ' /slow/' "$tmp/requests.log" || fail "no slow request within 10 s"
  kill -TERM "$pid"
  start=$SECONDS
  for _ in $(seq 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$pid" 2>/dev/null; then
    fail "citecheck still running 15 s after SIGTERM"
    kill -KILL "$pid"
  fi
  wait "$pid"
  rc=$?
  [ $((SECONDS - start)) -le 9 ] || fail "took $((SECONDS - start)) s after SIGTERM (grace 5 s)"
  expect_rc 5
  grep -q "interrupted by SIGTERM" "$tmp/stderr" || fail "stderr does not say the run was interrupted: $(cat "$tmp/stderr")"
  r="$tmp/report.json"
  json_of "$r" 'r["complete"], r["interrupted_by"], r["cache"]["saved"]' "(False, 'SIGTERM', True)"
  json_of "$r" 'sorted(u.split("/", 3)[3] for u in r["left_unchecked"])' \
    "['slow/1', 'slow/2', 'slow/3', 'slow/4', 'slow/5', 'slow/6']"
  json_of "$r" 'sorted((l["value"].split("/", 3)[3], l["status"]) for l in r["documents"][0]["links"])' \
    "[('ok/1', 'ok'), ('ok/2', 'ok'), ('ok/3', 'ok'), ('slow/1', 'unchecked'), ('slow/2', 'unchecked'), ('slow/3', 'unchecked'), ('slow/4', 'unchecked'), ('slow/5', 'unchecked'), ('slow/6', 'unchecked')]"
  [ "$(sql "$tmp/c.sqlite" "select state from runs order by id desc limit 1")" = interrupted ] || fail "the run is not recorded as interrupted"
  [ "$(sql "$tmp/c.sqlite" "select count(*) from history")" = 3 ] || fail "expected 3 history rows (the answers)"
  # --resume: only what was left is asked, even with every result stale (TTL 0).
  touch "$tmp/fast"
  : >"$tmp/requests.log"
  "$binary" check --format json -o "$tmp/report.json" --cache "$tmp/c.sqlite" --cache-ttl 0 --resume "${net[@]}" "$tmp/m.txt" \
    >"$tmp/stdout" 2>"$tmp/stderr"
  rc=$?
  expect_rc 0
  grep -q ' /ok/' "$tmp/requests.log" && fail "--resume asked again for links the interrupted run had checked"
  [ "$(grep -c ' /slow/' "$tmp/requests.log")" -ge 6 ] || fail "--resume did not check every slow link: $(cat "$tmp/requests.log")"
  json_of "$r" 'r["complete"], sorted(set(l["status"] for l in r["documents"][0]["links"]))' "(True, ['ok'])"
  [ "$(sql "$tmp/c.sqlite" "select count(*) from history")" = 9 ] || fail "expected 9 history rows: none lost, none doubled"
  rm -f "$tmp/fast"
fi

# --- one night split between shards (--shard k/n) and joined again (citecheck merge) ---------
# A farm of 20 sites, one per loopback address 127.0.0.2-21 on one port (an address is its own
# registrable domain): /ok/* answer 200, /gone/* 404. Every request is logged (host path).
start_farm() {
  [ -n "${farm_pid:-}" ] && return
  "$python" - "$tmp" <<'PY' &
import http.server, os, socket, sys, threading
d = sys.argv[1]
lock = threading.Lock()
class H(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def log_message(self, *a): pass
    def answer(self, body):
        with lock, open(d + "/farm.log", "a") as f:
            f.write(self.server.server_address[0] + " " + self.path + "\n")
        status = 404 if self.path.startswith("/gone/") else 200
        self.send_response(status)
        self.send_header("Content-Type", "application/pdf")
        self.send_header("Content-Length", "4")
        self.end_headers()
        if body: self.wfile.write(b"%PDF")
    def do_HEAD(self): self.answer(False)
    def do_GET(self): self.answer(True)
servers = [http.server.ThreadingHTTPServer(("127.0.0.2", 0), H)]
port = servers[0].server_address[1]
servers += [http.server.ThreadingHTTPServer(("127.0.0.%d" % i, port), H) for i in range(3, 22)]
for s in servers:
    s.daemon_threads = True
    threading.Thread(target=s.serve_forever, daemon=True).start()
with open(d + "/farm-port.tmp", "w") as f: f.write(str(port))
os.rename(d + "/farm-port.tmp", d + "/farm-port")
threading.Event().wait()
PY
  farm_pid=$!
  for _ in $(seq 100); do [ -s "$tmp/farm-port" ] && break; sleep 0.1; done
  [ -s "$tmp/farm-port" ] || { echo "the loopback farm did not start"; exit 1; }
  farm_port=$(cat "$tmp/farm-port")
}

if want shard-merge; then
  start_farm
  trap '[ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; [ -n "${farm_pid:-}" ] && kill "$farm_pid" 2>/dev/null; rm -rf "$tmp"' EXIT
  mkdir -p "$tmp/night"
  # Two manuscripts: 60 links over the 20 sites, ten of them cited by both; one DOI.
  for m in 1 2; do
    {
      printf 'Ports\n\nNothing is cited in this text.\n\nReferences\n\n'
      for i in $(seq 2 21); do
        for kind in ok gone; do
          [ "$m" = 2 ] && [ "$kind" = gone ] && [ $((i % 2)) = 0 ] && continue
          printf 'Aliyev, Rashid. 2021. "Ports %s %s %s." Caspian Studies. http://127.0.0.%s:%s/%s/%s-%s\n' \
            "$m" "$i" "$kind" "$i" "$farm_port" "$kind" "$i" "$([ "$kind" = ok ] && echo "$m" || echo x)"
        done
      done
      printf 'Aliyev, Rashid. 2022. "Harbours." Caspian Studies. https://doi.org/10.1234/harbours.%s\n' "$m"
    } >"$tmp/night/m$m.txt"
  done
  farm_net=(--allow-private --per-host-interval 0 --no-archive --retries 0 --quiet --now 2026-12-01T02:00:00Z
            --dead-after 1 --dead-span 0 --doi-resolver "http://127.0.0.2:$farm_port/doi")
  : >"$tmp/farm.log"
  "$binary" check --format json -o "$tmp/single.json" --cache "$tmp/single.sqlite" "${farm_net[@]}" "$tmp/night" \
    >"$tmp/stdout" 2>"$tmp/stderr"
  rc=$? err="$tmp/stderr"
  expect_rc 1
  single_requests=$(wc -l <"$tmp/farm.log")
  # Four shards at once, on one shared cache.
  : >"$tmp/farm.log"
  pids=()
  for k in 0 1 2 3; do
    "$binary" check --shard "$k/4" --format json -o "$tmp/shard-$k.json" --cache "$tmp/shards.sqlite" "${farm_net[@]}" \
      "$tmp/night" >"$tmp/stdout-$k" 2>"$tmp/stderr-$k" &
    pids+=($!)
  done
  for k in 0 1 2 3; do
    wait "${pids[$k]}"
    rc=$? err="$tmp/stderr-$k"
    [ "$rc" -le 1 ] || fail "shard $k/4: exit status $rc ($(head -c 300 "$tmp/stderr-$k"))"
  done
  # Every URL asked exactly once over the four, each by the shard its site hashes to (the
  # documented hash, computed here on its own: FNV-1a 64 of the domain, 4,096 slots).
  cat >"$tmp/shard_of.py" <<'PY'
def shard(domain, n):
    h = 14695981039346656037
    for c in domain.encode():
        h = ((h ^ c) * 1099511628211) % 2**64
    return (h % 4096) * n // 4096
PY
  "$python" - "$tmp" "$single_requests" <<'PY' || fail "the shards did not split the night's requests as documented"
import collections, json, sys
sys.path.insert(0, sys.argv[1])
from shard_of import shard
d, single = sys.argv[1], int(sys.argv[2])
lines = [l.split() for l in open(d + "/farm.log")]
urls = collections.Counter((host, path) for host, path in lines if not path.startswith("/doi"))
assert urls and max(urls.values()) == 1, "a URL asked more than once: %s" % [u for u, c in urls.items() if c > 1]
assert len(lines) == single, "%d requests over the shards, %d for one run" % (len(lines), single)
for k in range(4):
    r = json.load(open("%s/shard-%d.json" % (d, k)))
    assert r["run"]["shard"] == {"index": k, "count": 4}, r["run"].get("shard")
    for doc in r["documents"]:
        for l in doc["links"]:
            host = "doi.org" if l["kind"] == "doi" else l["value"].split("/")[2].split(":")[0]
            if shard(host, 4) == k:
                assert "shard" not in l and l["status"] != "skipped", (k, l)
            else:
                assert l["shard"] == shard(host, 4) and l["status"] == "skipped", (k, l)
PY
  "$binary" merge -o "$tmp/merged.json" "$tmp/shard-2.json" "$tmp/shard-0.json" "$tmp/shard-3.json" "$tmp/shard-1.json" \
    >"$tmp/stdout" 2>"$tmp/stderr"
  rc=$? err="$tmp/stderr"
  expect_rc 0
  out="$tmp/merged.json" expect_valid_report
  # The merged report is the single run's: documents, links, findings and their order,
  # fingerprints, totals, sites.
  "$python" - "$tmp/single.json" "$tmp/merged.json" <<'PY' || fail "merge differs from the single run"
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
for key in ("documents", "summary", "sites", "complete", "schema", "tool"):
    assert a[key] == b[key], "%s differs:\n%s\n%s" % (key, json.dumps(a[key])[:2000], json.dumps(b[key])[:2000])
assert b["run"]["complete"] is True and [s["shard"]["index"] for s in b["run"]["shards"]] == [0, 1, 2, 3]
assert "shard" not in b["run"] and "shard" not in b["run"]["options"]
assert a["summary"]["links_by_status"]["broken"] > 0 and a["summary"]["links_by_status"]["ok"] > 0
PY
  # The same night as JSON Lines (answered from the caches now): merged as it streams, one
  # document of each shard at a time, equal to the single run's lines.
  "$binary" check --format jsonl -o "$tmp/single.jsonl" --cache "$tmp/single.sqlite" "${farm_net[@]}" "$tmp/night" \
    >"$tmp/stdout" 2>"$tmp/stderr"
  for k in 0 1 2 3; do
    "$binary" check --shard "$k/4" --format jsonl -o "$tmp/shard-$k.jsonl" --cache "$tmp/shards.sqlite" "${farm_net[@]}" \
      "$tmp/night" >"$tmp/stdout" 2>"$tmp/stderr"
  done
  "$binary" merge -o "$tmp/merged.jsonl" "$tmp/shard-3.jsonl" "$tmp/shard-1.jsonl" "$tmp/shard-0.jsonl" "$tmp/shard-2.jsonl" \
    >"$tmp/stdout" 2>"$tmp/stderr"
  rc=$? err="$tmp/stderr"
  expect_rc 0
  v=$("${validate[@]}" --jsonl "$tmp/merged.jsonl" 2>&1) || fail "the merged JSON Lines fail the schema: $v"
  "$python" - "$tmp/single.jsonl" "$tmp/merged.jsonl" <<'PY' || fail "the merged JSON Lines differ from the single run's"
import json, sys
a, b = ([json.loads(l) for l in open(p) if l.strip()] for p in sys.argv[1:3])
assert len(a) == len(b) == 3, (len(a), len(b))
for x, y in zip(a[:-1], b[:-1]):
    assert x == y, "document lines differ:\n%s\n%s" % (json.dumps(x)[:1500], json.dumps(y)[:1500])
assert a[-1]["summary"] == b[-1]["summary"], (a[-1]["summary"], b[-1]["summary"])
assert b[-1]["type"] == "end" and len(b[-1]["run"]["shards"]) == 4 and b[-1]["run"]["complete"] is True
PY
  head -c -1 "$tmp/shard-2.jsonl" | head -n 2 >"$tmp/partial.jsonl"
  run merge "$tmp/shard-0.jsonl" "$tmp/shard-1.jsonl" "$tmp/partial.jsonl" "$tmp/shard-3.jsonl"
  expect_rc 2
  expect_stderr_has "does not end with its end line"
  run merge "$tmp/shard-0.jsonl" "$tmp/shard-1.json" "$tmp/shard-2.jsonl" "$tmp/shard-3.jsonl"
  expect_rc 2
  expect_stderr_has "cannot merge JSON and JSON Lines reports together"
  # Sets that are not one whole night are refused by name.
  run merge "$tmp/shard-0.json" "$tmp/shard-1.json" "$tmp/shard-3.json"
  expect_rc 2
  expect_stderr_has "shard(s) 2/4 missing"
  run merge "$tmp/shard-0.json" "$tmp/shard-0.json" "$tmp/shard-1.json" "$tmp/shard-2.json" "$tmp/shard-3.json"
  expect_rc 2
  expect_stderr_has "is given twice"
  run merge "$tmp/single.json" "$tmp/shard-1.json"
  expect_rc 2
  expect_stderr_has "is not the report of a shard"
  printf '{"schema": ' >"$tmp/cut.json"
  run merge "$tmp/cut.json"
  expect_rc 3
  expect_stderr_has "is not a JSON report"
  run merge -o "$tmp/shard-0.json" "$tmp/shard-0.json" "$tmp/shard-1.json" "$tmp/shard-2.json" "$tmp/shard-3.json"
  expect_rc 2
  expect_stderr_has "refusing to write the merged report"
  # Bad shards are usage errors; auto reads the scheduler's index.
  for bad in 4/4 -1/4 1/0 x/4 1; do
    run check --shard "$bad" "$clean"
    expect_rc 2
  done
  "$binary" check --shard 3/4 --offline "$clean" >"$tmp/stdout" 2>"$tmp/stderr"
  rc=$? err="$tmp/stderr"
  expect_rc 2
  "$binary" check --shard auto "${farm_net[@]}" "$tmp/night" >"$tmp/stdout" 2>"$tmp/stderr"
  rc=$? err="$tmp/stderr"
  expect_rc 2
  expect_stderr_has "neither JOB_COMPLETION_INDEX"
  for env_index in "JOB_COMPLETION_INDEX=2" "SLURM_ARRAY_TASK_ID=3 SLURM_ARRAY_TASK_MIN=1"; do
    env $env_index "$binary" check --shard auto --shards 4 --dump "${farm_net[@]}" "$tmp/night" >"$tmp/dump" 2>"$tmp/stderr"
    rc=$? err="$tmp/stderr"
    expect_rc 0
    "$python" - "$tmp/dump" "$tmp" <<'PY' || fail "--shard auto ($env_index): --dump lists links of other shards"
import sys
sys.path.insert(0, sys.argv[2])
from shard_of import shard
hosts = {l.split("/")[2].split(":")[0] for l in open(sys.argv[1]) if l.strip()}
assert hosts and all(shard("doi.org" if h == "doi.org" else h, 4) == 2 for h in hosts), hosts
PY
  done
fi

if want window; then
  # A nightly window: 1 request/s per site unless told, so a 2 s window checks two of three
  # links of the site; the third is left for a later night, and the reports say so.
  start_server
  manuscript "$tmp/w.txt" /ok/w1 /ok/w2 /ok/w3
  : >"$tmp/requests.log"
  "$binary" check --window 2s --allow-private --no-archive --retries 0 --quiet --cache "$tmp/w.sqlite" \
    --format json -o "$tmp/w.json" "$tmp/w.txt" >"$tmp/stdout" 2>"$tmp/stderr"
  rc=$? err="$tmp/stderr"
  expect_rc 0
  json_of "$tmp/w.json" 'r["run"]["deferred"], r["run"]["options"]["per-host-interval"], r["run"]["options"]["window"], r["sites"][0]["deferred"]' "(1, 1000, '2s', 1)"
  json_of "$tmp/w.json" 'sorted(l["status"] for l in r["documents"][0]["links"])' "['ok', 'ok', 'unchecked']"
  [ "$(grep -c ' /ok/w' "$tmp/requests.log")" = 2 ] || fail "--window 2s at 1 request/s asked $(grep -c ' /ok/w' "$tmp/requests.log") pages, not 2"
  grep -q ' /robots.txt' "$tmp/requests.log" || fail "the nightly run did not read robots.txt"
  out="$tmp/w.json" expect_valid_report
  "$binary" check --window 2s --allow-private --no-archive --retries 0 --quiet --cache "$tmp/w2.sqlite" "$tmp/w.txt" \
    >"$tmp/w.txt.report" 2>"$tmp/stderr"
  grep -qF "deferred: 1 link(s) over their site's budget for the night (--window) are left for later nights" "$tmp/w.txt.report" ||
    fail "the text report does not say what was deferred: $(tail -4 "$tmp/w.txt.report")"
  run check --window 8h "$clean"
  expect_rc 2
  expect_stderr_has "--window spreads a site's checks over nights"
  "$binary" check --window soon --no-cache "$clean" >"$tmp/stdout" 2>"$tmp/stderr"
  rc=$? err="$tmp/stderr"
  expect_rc 2
fi

if want report-lost; then
  start_server
  manuscript "$tmp/gone.txt" /gone
  err="$tmp/stderr"
  run_to() { # run_to STDOUT: one night
    "$binary" check --format json --cache "$tmp/lost.sqlite" --cache-ttl 0 --dead-after 1 --dead-span 0 "${net[@]}" "$tmp/gone.txt" >"$1" 2>"$tmp/stderr"
    rc=$?
  }
  run_to /dev/full
  expect_rc 7
  grep -q "cannot write standard output" "$tmp/stderr" || fail "stderr does not say the report was not written"
  [ "$(sql "$tmp/lost.sqlite" "select state from runs order by id desc limit 1")" = discarded ] || fail "the run is not discarded"
  run_to "$tmp/night2.json"
  expect_rc 1
  json_of "$tmp/night2.json" '[f["code"] for f in r["documents"][0]["findings"] if f["code"].endswith("broken")]' "['newly-broken']"
  run_to "$tmp/night3.json"
  json_of "$tmp/night3.json" '[f["code"] for f in r["documents"][0]["findings"] if f["code"].endswith("broken")]' "['still-broken']"
fi

if want cache-not-saved; then
  start_server
  manuscript "$tmp/gone.txt" /gone
  "$binary" check --format json --cache "$tmp/locked.sqlite" "${net[@]}" --offline "$tmp/gone.txt" >/dev/null 2>&1
  "$binary" check --format json --cache "$tmp/locked.sqlite" --cache-ttl 0 --dead-after 1 --dead-span 0 "${net[@]}" "$tmp/gone.txt" >/dev/null 2>&1
  # Another process holds the write lock for longer than the cache's 10 s busy timeout.
  "$python" - "$tmp/locked.sqlite" "$tmp/locked" <<'PY' &
import os, sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("BEGIN IMMEDIATE")
open(sys.argv[2], "w").close()
time.sleep(25)
PY
  holder=$!
  for _ in $(seq 50); do [ -e "$tmp/locked" ] && break; sleep 0.1; done
  err="$tmp/stderr"
  "$binary" check --format json --cache "$tmp/locked.sqlite" --cache-ttl 0 --dead-after 1 --dead-span 0 "${net[@]}" "$tmp/gone.txt" >"$tmp/locked.json" 2>"$tmp/stderr"
  rc=$?
  kill "$holder" 2>/dev/null
  wait "$holder" 2>/dev/null
  expect_rc 6
  grep -q "link cache was not saved" "$tmp/stderr" || fail "stderr does not say the cache was not saved: $(cat "$tmp/stderr")"
  json_of "$tmp/locked.json" 'r["cache"]["saved"], "10 s" in r["cache"]["error"]' "(False, True)"
  json_of "$tmp/locked.json" '[f["code"] for f in r["documents"][0]["findings"] if f["code"].endswith("broken")]' "['still-broken']"
  json_of "$tmp/locked.json" 'r["documents"][0]["links"][0]["status"]' "broken"
fi

if want nightly; then
  # A week of nights (the hidden --now plays them): a link gone from night 1 to night 5 is
  # suspect, dead on night 4 (three failures over 72 hours), back on night 6; a bot wall is
  # unverifiable every night; a live page is answered from the cache for a week.
  start_server
  manuscript "$tmp/n.txt" /ok/live /rot /wall
  err="$tmp/stderr"
  nightly() { # nightly N [OPTIONS...]: night N at 02:00 UTC, report in $tmp/night$N.json
    local n=$1
    shift
    "$binary" check --format json -o "$tmp/night$n.json" --cache "$tmp/n.sqlite" --fail-on new \
      --now "2026-11-0${n}T02:00:00Z" "${net[@]}" "$@" "$tmp/n.txt" >"$tmp/stdout" 2>"$tmp/stderr"
    rc=$?
  }
  states() { # states N EXPECTED: (path, state, state_change, failures) per link of night N
    json_of "$tmp/night$1.json" \
      '[(l["value"].rsplit("/", 1)[1], l.get("state"), l.get("state_change"), l.get("consecutive_failures")) for l in r["documents"][0]["links"]]' "$2"
  }
  rot_codes() { # rot_codes N EXPECTED: the finding codes of /rot on night N
    json_of "$tmp/night$1.json" \
      '[f["code"] for f in r["documents"][0]["findings"] if f["message"].split()[2].endswith("/rot")]' "$2"
  }
  lives() { grep -c ' /ok/live$' "$tmp/requests.log"; }
  : >"$tmp/requests.log"
  touch "$tmp/rot-gone"
  for n in 1 2 3; do
    nightly $n
    expect_rc 0 # suspect is no alert
  done
  states 3 "[('live', 'ok', None, 0), ('rot', 'suspect', None, 3), ('wall', 'unverifiable', None, 0)]"
  rot_codes 3 "['unconfirmed-failure']"
  [ "$(lives)" -ge 1 ] || fail "the live page was never asked"
  live_asked=$(lives)
  nightly 4
  expect_rc 1 # newly dead: the alert
  states 4 "[('live', 'ok', None, 0), ('rot', 'dead', 'newly-broken', 4), ('wall', 'unverifiable', None, 0)]"
  rot_codes 4 "['newly-broken']"
  json_of "$tmp/night4.json" '[(l["first_failed_at"], l["last_ok_at"]) for l in r["documents"][0]["links"] if l["value"].endswith("/rot")]' \
    "[('2026-11-01T02:00:00Z', None)]"
  json_of "$tmp/night4.json" '[(s["site"], s["links"], s["checked"], s["oldest_unchecked_at"], s["oldest_unchecked_age_hours"]) for s in r["sites"]]' \
    "[('127.0.0.1', 3, 2, '2026-11-01T02:00:00Z', 72.0)]"
  nightly 5
  expect_rc 0 # still dead: an error finding, but --fail-on new stays quiet
  rot_codes 5 "['still-broken']"
  nightly 5 --fail-on any
  expect_rc 1
  nightly 5 --fail-on none
  expect_rc 0
  rm -f "$tmp/rot-gone"
  nightly 6
  expect_rc 0
  states 6 "[('live', 'ok', None, 0), ('rot', 'recovered', 'recovered', 0), ('wall', 'unverifiable', None, 0)]"
  rot_codes 6 "['link-recovered']"
  [ "$(lives)" = "$live_asked" ] || fail "the live page was asked again within the week (--recheck-after 7d)"
  nightly 7 --recheck-after 3d
  [ "$(lives)" -gt "$live_asked" ] || fail "--recheck-after 3d did not ask the live page again after 6 days"
  for n in 4 6; do
    v=$("${validate[@]}" "$tmp/night$n.json" 2>&1) || fail "night $n's report is not valid against the schema: $v"
  done
  # The text report says it too.
  "$binary" check --cache "$tmp/n.sqlite" --now 2026-11-07T03:00:00Z "${net[@]}" "$tmp/n.txt" >"$tmp/night7.txt" 2>/dev/null
  grep -qF "127.0.0.1: 25 h (checked 2026-11-06T02:00:00Z; 3 of 3 link(s) not checked on this run)" "$tmp/night7.txt" ||
    fail "the text report does not give the site's oldest answer: $(tail -3 "$tmp/night7.txt")"
  # citecheck history, from the store alone.
  out="$tmp/history.txt"
  "$binary" history --cache "$tmp/n.sqlite" "$base/rot" >"$out" 2>"$err"
  rc=$?
  expect_rc 0
  expect_stdout_line "  2026-11-03T02:00:00Z  broken -> suspect"
  expect_stdout_line "  2026-11-04T02:00:00Z  broken -> dead"
  expect_stdout_line "  2026-11-06T02:00:00Z  ok -> recovered"
  expect_stdout_line "  cited by $(realpath "$tmp/n.txt")"
  "$binary" history --cache "$tmp/n.sqlite" --since 2026-11-03 --format json >"$out" 2>"$err"
  rc=$?
  expect_rc 0
  json_of "$out" '[(l["link"].rsplit("/", 1)[1], l["died_at"], l["state"]) for l in r["became_dead"]]' \
    "[('rot', '2026-11-04T02:00:00Z', 'recovered')]"
  "$binary" history --cache "$tmp/n.sqlite" --since 2026-11-05 --format json >"$out" 2>"$err"
  json_of "$out" 'r["became_dead"]' "[]"
  "$binary" history --cache "$tmp/n.sqlite" --format json "$tmp/n.txt" >"$out" 2>"$err"
  json_of "$out" '[(l["link"].rsplit("/", 1)[1], l["state"]) for l in r["documents"][0]["links"]]' \
    "[('live', 'ok'), ('rot', 'recovered'), ('wall', 'unverifiable')]"
  "$binary" history --cache "$tmp/n.sqlite" "$tmp/never-checked.txt" >"$out" 2>"$err"
  rc=$?
  expect_rc 3
  expect_stderr_has "has no record of the manuscript"
  "$binary" history --cache "$tmp/none.sqlite" "$base/rot" >"$out" 2>"$err"
  rc=$?
  expect_rc 2
  expect_stderr_has "there is no link cache at"
  [ ! -e "$tmp/none.sqlite" ] || fail "history created a cache"
  "$binary" check --now yesterday "$tmp/n.txt" >"$out" 2>"$err"
  rc=$?
  expect_rc 2
fi

# --- report formats for dashboards and CI ----------------------------------------------------
# py SCRIPT ARGS...: a Python check over report files; its output lines are failures.
py() {
  local script=$1 problems
  shift
  problems=$("$python" -c "$script" "$@" 2>&1) || problems="${problems:-the check crashed}"
  [ -z "$problems" ] || fail "$problems"
}

if want fingerprints; then
  # The same text twice, then with a paragraph inserted above every finding: one set of
  # fingerprints, though every line moved; and none shared within a document.
  run check --format json "$errors"
  cp "$out" "$tmp/fp1.json"
  run check --format json "$errors"
  cp "$out" "$tmp/fp2.json"
  { sed -n 1,2p "$errors"
    printf 'An opening paragraph added in revision moves the rest of the text\ndown by three lines and cites nothing.\n\n'
    sed -n '3,$p' "$errors"; } >"$tmp/inserted.txt"
  run check --format json "$tmp/inserted.txt"
  cp "$out" "$tmp/fp3.json"
  py '
import json, sys
runs = [json.load(open(p, encoding="utf-8"))["documents"][0]["findings"] for p in sys.argv[1:]]
ids = [sorted((f["code"], f["fingerprint"]) for f in fs) for fs in runs]
if len(runs[0]) != 3: print("expected 3 findings in errors.txt, got", len(runs[0]))
if ids[0] != ids[1]: print("two runs over one text differ:", ids[0], ids[1])
if ids[0] != ids[2]: print("a paragraph inserted above changed fingerprints:", ids[0], ids[2])
if [f["line"] + 3 for f in runs[0]] != [f["line"] for f in runs[2]]: print("the inserted paragraph did not move the findings")
if len({f["fingerprint"] for f in runs[0]}) != len(runs[0]): print("two findings share a fingerprint")
' "$tmp/fp1.json" "$tmp/fp2.json" "$tmp/fp3.json"
  # A manuscript with the same missing work cited twice, word for word: told apart.
  printf 'Ports\n\nAs argued (Haddad 2018), the ports grew; the same (Haddad 2018) says more.\n\nReferences\n\nKeller, Anna. 2020. Caspian ferries. London: Routledge.\n' >"$tmp/twice.txt"
  run check --format json "$tmp/twice.txt"
  expect_valid_report
  expect_json '[f["code"] for f in r["documents"][0]["findings"]].count("citation-without-reference")' "2"
  expect_json 'len({f["fingerprint"] for f in r["documents"][0]["findings"]}) == len(r["documents"][0]["findings"])' "True"
fi

sarif_schema=tests/schemas/sarif-2.1.0-subset.schema.json
if want sarif; then
  run check --format sarif "$errors"
  expect_rc 1
  cp "$out" "$tmp/errors.sarif"
  run check --format json "$errors"
  cp "$out" "$tmp/errors.json"
  py '
import json, re, sys, jsonschema
sarif = json.load(open(sys.argv[1], encoding="utf-8"))
report = json.load(open(sys.argv[2], encoding="utf-8"))
schema = json.load(open(sys.argv[3], encoding="utf-8"))
for e in jsonschema.Draft7Validator(schema).iter_errors(sarif): print("schema:", "/".join(map(str, e.absolute_path)), e.message)
if sarif["version"] != "2.1.0" or len(sarif["runs"]) != 1: print("not one SARIF 2.1.0 run")
run = sarif["runs"][0]
driver = run["tool"]["driver"]
if (driver["name"], driver["version"]) != ("citecheck", "0.1.0") or driver["informationUri"] != "https://citecheck.github.io/citecheck/":
    print("driver:", driver["name"], driver["version"], driver.get("informationUri"))
readme = {m.group(1): m.group(2) for m in re.finditer(r"^\| `([a-z0-9-]+)` \| (error|warning|info) \|", open("README.md", encoding="utf-8").read(), re.M)}
rules = {r["id"]: r for r in driver["rules"]}
if set(rules) != set(readme): print("rules differ from the README codes:", sorted(set(rules) ^ set(readme)))
if any(not r["shortDescription"]["text"] for r in rules.values()): print("a rule without help text")
level = {"error": "error", "warning": "warning", "info": "note"}
results = run["results"]
findings = report["documents"][0]["findings"]
if len(results) != len(findings): print(len(results), "results for", len(findings), "findings")
for res, f in zip(results, findings):
    loc = res["locations"][0]["physicalLocation"]
    got = (res["ruleId"], res["level"], res["message"]["text"], loc["artifactLocation"]["uri"], loc["region"]["startLine"], loc["region"]["startColumn"], res["partialFingerprints"]["citecheck/v1"])
    want = (f["code"], level[f["severity"]], f["message"], "fixtures/cli/errors.txt", f["line"], f["column"], f["fingerprint"])
    if got != want: print("result", got, "is not finding", want)
    if driver["rules"][res["ruleIndex"]]["id"] != res["ruleId"]: print("ruleIndex points at another rule")
ym = [r for r in results if r["ruleId"] == "year-mismatch"]
if not ym or ym[0]["locations"][0]["physicalLocation"]["region"] != {"startLine": 4, "startColumn": 12} or ym[0]["level"] != "error":
    print("year-mismatch is not an error at 4:12")
if run["columnKind"] != "unicodeCodePoints": print("columnKind", run.get("columnKind"))
' "$tmp/errors.sarif" "$tmp/errors.json" "$sarif_schema"
  # An absolute path under the working folder is given relative to it; a name with a space
  # and a non-ASCII letter is percent-encoded; a Word file is placed by paragraph, not line.
  mkdir -p "$tmp/with space"
  cp "$errors" "$tmp/with space/résumé.txt"
  run check --format sarif "$source_dir/$errors" "$tmp/with space/résumé.txt" fixtures/formats/ka_manuscript.docx
  expect_rc 1
  py '
import json, sys, jsonschema
sarif = json.load(open(sys.argv[1], encoding="utf-8"))
for e in jsonschema.Draft7Validator(json.load(open(sys.argv[2], encoding="utf-8"))).iter_errors(sarif): print("schema:", e.message)
uris = [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in sarif["runs"][0]["results"]]
want = "file://" + sys.argv[3] + "/with%20space/r%C3%A9sum%C3%A9.txt"
for u in ("fixtures/cli/errors.txt", want, "fixtures/formats/ka_manuscript.docx"):
    if u not in uris: print("no result in", u, "among", sorted(set(uris)))
docx = [r for r in sarif["runs"][0]["results"] if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith(".docx")]
if not docx or any("region" in r["locations"][0]["physicalLocation"] or "paragraph" not in r["properties"]["location"] for r in docx):
    print("DOCX results are not placed by paragraph")
' "$out" "$sarif_schema" "$tmp"
fi

if want junit; then
  run check --format junit "$errors" "$clean" fixtures/cli/matching.txt "$tmp/no-such-paper.txt"
  expect_rc 3
  cp "$out" "$tmp/junit.xml"
  run check --format json "$errors" "$clean" fixtures/cli/matching.txt
  py '
import json, sys
import xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
report = json.load(open(sys.argv[2], encoding="utf-8"))
if root.tag != "testsuites": print("root is", root.tag)
suites = root.findall("testsuite")
names = [s.get("name") for s in suites]
if names != ["fixtures/cli/errors.txt", "fixtures/cli/clean.txt", "fixtures/cli/matching.txt", sys.argv[3]]: print("suites:", names)
for suite, doc in zip(suites, report["documents"]):
    cases = suite.findall("testcase")
    failing = [f for f in doc["findings"] if f["severity"] != "info"]
    if int(suite.get("failures")) != len(failing) or len(suite.findall("testcase/failure")) != len(failing):
        print(suite.get("name"), "has", suite.get("failures"), "failures for", len(failing), "errors and warnings")
    if int(suite.get("tests")) != len(cases): print(suite.get("name"), "counts", suite.get("tests"), "tests but holds", len(cases))
    if not doc["findings"] and [c.get("name") for c in cases] != ["no findings"]: print("a clean document is not one passed case")
    for c, f in zip(cases, doc["findings"]):
        if not c.get("name").startswith(f["code"] + ": ") or not c.get("name").endswith("[" + f["fingerprint"][:8] + "]"):
            print("case", c.get("name"), "does not name", f["code"], f["fingerprint"][:8])
        fl = c.find("failure")
        if f["severity"] == "info":
            if fl is not None or c.find("system-out") is None: print("an info finding fails its case or is not shown")
        elif fl is None or fl.get("type") != f["severity"] or fl.get("message") != f["message"]:
            print("finding", f["code"], "has no failure with its severity and message")
    if suite.get("name") == "fixtures/cli/errors.txt":
        if "fixtures/cli/errors.txt:4:12: error: cited year 2019" not in suite.find("testcase/failure").text: print("the failure text does not locate the year-mismatch")
        if {c.get("classname") for c in cases} != {"fixtures/cli/errors"}: print("classname is not the path without extension")
missing = suites[3].findall("testcase/error")
if len(missing) != 1 or int(root.get("errors")) != 1: print("the unreadable input is not one error")
if int(root.get("tests")) != sum(int(s.get("tests")) for s in suites): print("testsuites counts", root.get("tests"))
if "citation-without-reference: Haddad 2018 [" not in [c.get("name")[:len("citation-without-reference: Haddad 2018 [")] for c in root.iter("testcase")]:
    print("the case of (Haddad 2018) is not named after it")
' "$tmp/junit.xml" "$out" "$tmp/no-such-paper.txt"
fi

if want markdown; then
  run check --format markdown "$errors" "$clean"
  expect_rc 1
  expect_stdout_line "# citecheck report"
  expect_stdout_line "2 document(s): 2 error(s), 1 warning(s), 0 info."
  expect_stdout_line "## fixtures/cli/errors.txt"
  expect_stdout_line "| 2 | 1 | 0 | 4 | 5 | 0 | 2 |"
  expect_stdout_line "### Errors (2)"
  expect_stdout_line "| 4:12 | year-mismatch | cited year 2019 differs from the reference entry's 2021 (entry “Rahimov, Elnur & Keller (2021)”, line 11) |"
  expect_stdout_line "| 6:7 | citation-without-reference | no reference entry matches the citation Haddad 2018 |"
  expect_stdout_line "### Warnings (1)"
  expect_stdout_line "## fixtures/cli/clean.txt"
  expect_stdout_line "| 0 | 0 | 0 | 4 | 4 | 0 | 1 |"
  grep -q "^### Info" "$out" && fail "an Info section without info findings"
  # Text from the manuscript cannot break a table: a name typed with a backtick for its
  # apostrophe, quoted by a message, stays text.
  printf 'Ports\n\nAs argued (Brandt 2011), the ports grew.\n\nReferences\n\nBrandt, Karl. 2011. Ports of the Caspian. London: Routledge.\nO`Brien, Sean. 2017. Harbours and Quays. Dublin: Four Courts.\n' >"$tmp/tick.txt"
  run check --format markdown "$tmp/tick.txt"
  expect_stdout_line '| 8:1 | reference-never-cited | entry “O\`Brien, Sean (2017)” is never cited in the text |'
fi

if want csv; then
  run check --format csv "$errors" "$clean" fixtures/cli/matching.txt
  expect_rc 1
  cp "$out" "$tmp/findings.csv"
  grep -q $'\r$' "$tmp/findings.csv" || fail "CSV records do not end in CRLF"
  run check --format json "$errors" "$clean" fixtures/cli/matching.txt
  py '
import csv, json, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8", newline="")))
report = json.load(open(sys.argv[2], encoding="utf-8"))
if rows[0] != ["document", "line", "column", "severity", "code", "fingerprint", "message"]: print("header:", rows[0])
want = [[d["path"], str(f["line"]), str(f["column"]), f["severity"], f["code"], f["fingerprint"], f["message"]]
        for d in report["documents"] for f in d["findings"]]
if rows[1:] != want: print("rows differ from the findings:", [r for r in rows[1:] if r not in want][:2], [w for w in want if w not in rows[1:]][:2])
if ["fixtures/cli/errors.txt", "4", "12", "error", "year-mismatch"] != rows[1][:5]: print("first row:", rows[1])
' "$tmp/findings.csv" "$out"
fi

if want output-format; then
  # -o names the format by its extension when --format is not given; --format still wins.
  for ext in sarif json xml md csv txt; do
    "$binary" check --offline -o "$tmp/report.$ext" "$errors" 2>"$tmp/stderr"
    [ $? -eq 1 ] || fail "-o report.$ext: exit status not 1: $(cat "$tmp/stderr")"
  done
  grep -q '"version": "2.1.0"' "$tmp/report.sarif" || fail "report.sarif is not SARIF"
  grep -q '"schema": "citecheck-report/1"' "$tmp/report.json" || fail "report.json is not the JSON report"
  head -2 "$tmp/report.xml" | grep -q '<testsuites' || fail "report.xml is not JUnit"
  head -1 "$tmp/report.md" | grep -qx '# citecheck report' || fail "report.md is not Markdown"
  head -1 "$tmp/report.csv" | grep -q '^document,line,column,severity,code,fingerprint,message' || fail "report.csv is not CSV"
  grep -q '^fixtures/cli/errors.txt:4:12: error: ' "$tmp/report.txt" || fail "report.txt is not the text report"
  "$binary" check --offline --format text -o "$tmp/forced.json" "$errors"
  grep -q '^fixtures/cli/errors.txt:4:12: error: ' "$tmp/forced.json" || fail "--format text did not win over .json"
  "$binary" check --offline -o "$tmp/report.log" "$errors"
  grep -q '^fixtures/cli/errors.txt:4:12: error: ' "$tmp/report.log" || fail "an unknown extension is not the text report"
  run check --format yaml "$errors"
  expect_rc 2
  expect_stderr_has "yaml"
fi

if want run-object; then
  # Report 1.1's run: times (pinned by SOURCE_DATE_EPOCH), the options as typed values, the
  # inputs not read with the reason; links counted by status in the summary.
  run check --format json --concurrency 8 --timeout 2.5 "$errors" "$tmp/missing.txt"
  expect_rc 3
  expect_valid_report
  expect_json 'r["run"]["started_at"], r["run"]["finished_at"]' "('2023-11-14T22:13:20Z', '2023-11-14T22:13:20Z')"
  expect_json 'r["run"]["options"]["files"]' "['fixtures/cli/errors.txt', '$tmp/missing.txt']"
  expect_json 'r["run"]["options"]["offline"], r["run"]["options"]["concurrency"], r["run"]["options"]["timeout"], r["run"]["options"]["format"]' "(True, 8, 2.5, 'json')"
  expect_json '[(f["path"], f["error"]) for f in r["run"]["failed_inputs"]]' "[('$tmp/missing.txt', 'no such file')]"
  expect_json 'r["run"]["complete"]' "True"
  expect_json 'r["summary"]["links_by_status"]["unchecked"], sum(r["summary"]["links_by_status"].values())' "(2, 2)"
  # A config file's headers never reach the report (they may carry a token).
  printf '{"hosts": {"intranet.example": {"headers": {"Authorization": "Bearer s3cret-token"}}}, "timeout": 7}' >"$tmp/config.json"
  run check --format json --config "$tmp/config.json" "$errors"
  expect_json 'r["run"]["options"]["timeout"], r["run"]["options"]["config"]' "(7.0, '$tmp/config.json')"
  grep -q "s3cret-token" "$out" && fail "the config file's header reached the report"
fi

if want jsonl; then
  # One line per document and an end line; each line valid against $defs/jsonl_line.
  run check --format jsonl "$errors" "$clean"
  expect_rc 1
  [ "$(wc -l <"$out")" -eq 3 ] || fail "$(wc -l <"$out") lines, expected 3"
  py '
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
types = [(l["type"], l.get("document", {}).get("path")) for l in lines]
if types != [("document", "fixtures/cli/errors.txt"), ("document", "fixtures/cli/clean.txt"), ("end", None)]:
    print("records:", types)
if lines[2]["summary"]["findings"] != {"error": 2, "warning": 1, "info": 0}: print("end summary:", lines[2]["summary"])
if lines[1]["summary"]["findings"] != {"error": 0, "warning": 0, "info": 0}: print("clean summary:", lines[1]["summary"])
' "$out"
  v=$("${validate[@]}" --jsonl "$out" 2>&1) || fail "JSON Lines fail the schema: $v"
  # -o FILE.jsonl chooses the format; the file appears whole when the run ends, no .partial left.
  "$binary" check --offline -o "$tmp/archive.jsonl" fixtures/cli/ 2>/dev/null
  [ "$(tail -n 1 "$tmp/archive.jsonl" | cut -c1-16)" = '{"type": "end", ' ] || fail "-o archive.jsonl does not end with the end line"
  [ -e "$tmp/archive.jsonl.partial" ] && fail "the .partial file is left after the run"
  cp "$tmp/archive.jsonl" "$tmp/previous.jsonl"
  # Streaming: with standard input held open, the document before it is already in
  # archive.jsonl.partial (archive.jsonl still the previous report); a run killed then leaves
  # the .partial without its end line and the previous report untouched.
  mkfifo "$tmp/held"
  for ending in close kill; do
    "$binary" check --offline -o "$tmp/archive.jsonl" "$errors" - <"$tmp/held" 2>/dev/null &
    pid=$!
    exec 7>"$tmp/held"
    for _ in $(seq 100); do [ -s "$tmp/archive.jsonl.partial" ] && break; sleep 0.1; done
    [ "$(wc -l <"$tmp/archive.jsonl.partial" 2>/dev/null)" = 1 ] || fail "[$ending] the first document is not in archive.jsonl.partial while the run goes on"
    cmp -s "$tmp/archive.jsonl" "$tmp/previous.jsonl" || fail "[$ending] archive.jsonl changed before the run ended"
    if [ $ending = close ]; then
      printf 'A note without citations.\n' >&7
      exec 7>&-
      wait $pid
      [ $? -eq 1 ] || fail "[close] exit status not 1"
      [ "$(wc -l <"$tmp/archive.jsonl")" -eq 3 ] || fail "[close] archive.jsonl does not hold 2 documents and the end line"
      [ -e "$tmp/archive.jsonl.partial" ] && fail "[close] the .partial file is left"
      cp "$tmp/archive.jsonl" "$tmp/previous.jsonl"
    else
      kill -KILL $pid
      wait $pid 2>/dev/null
      exec 7>&-
      cmp -s "$tmp/archive.jsonl" "$tmp/previous.jsonl" || fail "[kill] the previous report was touched"
      v=$("${validate[@]}" --jsonl "$tmp/archive.jsonl.partial" 2>&1) && fail "[kill] the .partial validates as a whole run"
      echo "$v" | grep -q "no end line: a partial run" || fail "[kill] the .partial is not seen as partial: $v"
    fi
  done
  # A report that cannot be written: exit 7.
  "$binary" check --offline --format jsonl "$errors" >/dev/full 2>"$tmp/stderr"
  [ $? -eq 7 ] || fail "jsonl to /dev/full: exit status not 7"
  grep -q "cannot write standard output" "$tmp/stderr" || fail "jsonl to /dev/full: stderr does not say so: $(cat "$tmp/stderr")"
fi

if want html; then
  run check --format html "$errors" "$clean"
  expect_rc 1
  head -1 "$out" | grep -qx '<!DOCTYPE html>' || fail "not an HTML document"
  # errors.txt: 4 entries, none checked offline; 5 citations, (Haddad 2018) without an entry.
  expect_stdout_has '<p class="summary">4 references: 0 verified, 0 broken (0 with archived copies), 0 retracted, 0 unverifiable, 4 not checked; 5 citations, 1 without an entry</p>'
  expect_stdout_has '<span class="ctx">Caspian Sea matter as much as the pipelines (Sultanova 2020), a point made early by Novak (2017) and long before them (</span><mark>Haddad 2018</mark><span class="ctx">; World Bank 2019).</span>'
  expect_stdout_has '<span class="where" dir="auto">line 6, column 7</span>'
  grep -q 'src=\|<link\|@import\|url(' "$out" && fail "the report refers to an outside resource"
  "$binary" check --offline -o "$tmp/report.html" "$errors" 2>/dev/null
  head -1 "$tmp/report.html" | grep -qx '<!DOCTYPE html>' || fail "-o report.html is not HTML"
fi

if want lang; then
  # --lang fr: the messages, the summary and the HTML report in French, written here by hand
  # (with the no-break spaces French puts before : and ; and inside « »).
  run check --lang fr "$errors"
  expect_rc 1
  expect_stdout_line "fixtures/cli/errors.txt:4:12: error: l’année citée, 2019, diffère de celle de l’entrée bibliographique, 2021 (l’entrée « Rahimov, Elnur & Keller (2021) », ligne 11) [year-mismatch]"
  expect_stdout_line "fixtures/cli/errors.txt:6:7: error: aucune entrée de la bibliographie ne correspond à la citation Haddad 2018 [citation-without-reference]"
  expect_stdout_line "fixtures/cli/errors.txt:13:71: warning: l’URL https://bit.ly/3xYzAbc est un lien raccourci (bit.ly) ; citez l’adresse complète, les raccourcisseurs cachent la cible et expirent [url-shortener]"
  expect_stdout_line "1 document(s) : 0 notes, 4 entrées bibliographiques, 5 citations, 2 liens"
  expect_stdout_line "constats : 2 erreur(s), 1 avertissement(s), 0 information(s)"
  run check --lang fr --format html "$errors"
  expect_rc 1
  expect_stdout_has '<html lang="fr">'
  expect_stdout_has '<p class="summary">4 références : 0 vérifiée(s), 0 rompue(s) (0 avec une copie archivée), 0 rétractée(s), 0 invérifiable(s), 4 non vérifiée(s) ; 5 citations, dont 1 sans entrée</p>'
  expect_stdout_has '<p class="message" dir="auto">aucune entrée de la bibliographie ne correspond à la citation Haddad 2018</p>'
  expect_stdout_has '<p class="todo"><span class="label">Que faire :</span> Ajoutez l’œuvre citée à la bibliographie, ou corrigez l’auteur ou l’année dans la citation.</p>'
  expect_stdout_has '<span class="where" dir="auto">ligne 6, colonne 7</span>'
  expect_stdout_has '<span class="sev error">erreur</span>'
  grep -q 'What to do\|No findings\|every kind' "$out" && fail "English words left in the French HTML report"
  # Codes and fingerprints do not depend on the language; the messages do. A finding about no
  # item (invalid UTF-8) takes its fingerprint from its message: the English one.
  printf 'Plain text with a stray byte \xff here.\n' >"$tmp/stray.txt"
  "$binary" check --offline --format json "$errors" "$tmp/stray.txt" >"$tmp/en.json" 2>/dev/null
  "$binary" check --offline --format json --lang fr "$errors" "$tmp/stray.txt" >"$tmp/fr.json" 2>/dev/null
  "$python" - "$tmp/en.json" "$tmp/fr.json" <<'PY' || fail "the French JSON report's codes or fingerprints differ from the English one's"
import json, sys
en, fr = ([f for d in json.load(open(p, encoding="utf-8"))["documents"] for f in d["findings"]] for p in sys.argv[1:3])
same = [(f["code"], f["fingerprint"]) for f in en] == [(f["code"], f["fingerprint"]) for f in fr]
translated = all(a["message"] != b["message"] for a, b in zip(en, fr))
codes = sorted(f["code"] for f in en)
sys.exit(0 if same and translated and codes == ["citation-without-reference", "invalid-utf8", "url-shortener", "year-mismatch"] else 1)
PY
  # The config file's key, and the command line winning over it.
  mkdir -p "$tmp/langcfg"
  printf 'lang = "fr"\n' >"$tmp/langcfg/citecheck.toml"
  (cd "$tmp/langcfg" && "$binary" check --offline "$source_dir/$errors" >"$tmp/stdout" 2>"$tmp/stderr")
  grep -qF "aucune entrée de la bibliographie ne correspond à la citation Haddad 2018" "$tmp/stdout" ||
    fail "lang = \"fr\" in citecheck.toml: not French"
  (cd "$tmp/langcfg" && "$binary" check --offline --lang en "$source_dir/$errors" >"$tmp/stdout" 2>"$tmp/stderr")
  grep -qF "no reference entry matches the citation Haddad 2018" "$tmp/stdout" || fail "--lang en does not win over the config file"
  # An unknown language: a usage error that lists the languages there are.
  run check --lang xx "$errors"
  expect_rc 2
  expect_stderr_has "unknown language 'xx' (available: en, fr)"
  expect_stdout_empty
  printf 'lang = "de"\n' >"$tmp/langcfg/citecheck.toml"
  (cd "$tmp/langcfg" && "$binary" check --offline "$source_dir/$errors" >"$tmp/stdout" 2>"$tmp/stderr")
  [ $? -eq 2 ] || fail "lang = \"de\" in citecheck.toml: exit status not 2"
  grep -qF "unknown language 'de' (available: en, fr)" "$tmp/stderr" || fail "lang = \"de\": stderr does not say so: $(cat "$tmp/stderr")"
fi

# A case named on the command line (as tests/CMakeLists.txt does) that does not exist.
for c in "${selected[@]}"; do
  case " ${ran[*]} " in *" $c "*) ;; *) case_name=$c; fail "no such case in cli.sh" ;; esac
done

if [ "$failures" -gt 0 ]; then
  echo "$failures failure(s)"
  exit 1
fi
echo "all command-line cases passed"
