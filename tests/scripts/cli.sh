#!/usr/bin/env bash
# The command line as a user runs it: exit statuses, messages on stderr, text and JSON
# reports, awkward inputs (binary, UTF-16, invalid UTF-8, BOM + CRLF, empty, standard input,
# a directory, a 20 MB single line, a 100 MB file). Each case asserts status and output.
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

# --- inputs citecheck cannot read: status 2, the file named on stderr -------------------------
if want missing-file; then
  run check "$tmp/no-such-paper.txt"
  expect_rc 2
  expect_one_stderr_line
  expect_stderr_has "$tmp/no-such-paper.txt"
  # An unreadable file among good ones still fails the run.
  run check "$errors" "$tmp/no-such-paper.txt"
  expect_rc 2
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
  cmp -s "$out" "$tmp/builtin.json" || fail "the same models from a folder gave another report"
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
  run check "$tmp/empty-dir"
  expect_rc 2
  expect_one_stderr_line
  expect_stderr_has "empty-dir"
  expect_stderr_has "no manuscript"
fi
if want binary; then
  # A picture named like a Word file: the bytes decide, and they are no document.
  printf '\211PNG\r\n\032\n\000\000\000\rIHDR binary' >"$tmp/paper.docx"
  run check "$tmp/paper.docx"
  expect_rc 2
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
    expect_rc 2
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
  expect_json 'r["summary"] == {"documents": 1, "footnotes": 0, "references": 0, "citations": 0, "links": 0, "findings": {"error": 0, "warning": 0, "info": 0}}' "True"
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
  # A file in another encoding (CP1251): repaired, with a hint rather than thousands of findings.
  "$python" -c 'import sys; open(sys.argv[1], "wb").write(("Литература\n\n" + "Иванов, Иван. 2019. Порты Каспия. Москва.\n" * 20).encode("cp1251"))' "$tmp/cp1251.txt"
  run check --format json "$tmp/cp1251.txt"
  expect_rc 0
  expect_valid_report
  expect_json 'sum(f["code"] == "invalid-utf8" for f in r["documents"][0]["findings"]) <= 20' "True"
  expect_json 'any("more invalid bytes" in f["message"] and "CP1251" in f["message"] for f in r["documents"][0]["findings"])' "True"
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
  cmp -s "$tmp/expected.json" "$tmp/report.json" || fail "--output FILE differs from the report on stdout"
  run check -o "$tmp/report.txt" "$errors"
  expect_rc 1
  expect_stdout_empty
  grep -q "^fixtures/cli/errors.txt:4:12: error: .*\[year-mismatch\]$" "$tmp/report.txt" || fail "-o FILE lacks the text report"
  run check -o "$tmp/no-such-dir/report.txt" "$errors"
  expect_rc 2
  expect_stderr_has "no-such-dir/report.txt"
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
  # Files citecheck cannot read: one line naming the file and the reason, exit 2, quickly.
  refused() { # refused FILE WORD: exit 2, one stderr line naming FILE and containing WORD
    run check "$1"
    expect_rc 2
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

# A case named on the command line (as tests/CMakeLists.txt does) that does not exist.
for c in "${selected[@]}"; do
  case " ${ran[*]} " in *" $c "*) ;; *) case_name=$c; fail "no such case in cli.sh" ;; esac
done

if [ "$failures" -gt 0 ]; then
  echo "$failures failure(s)"
  exit 1
fi
echo "all command-line cases passed"
