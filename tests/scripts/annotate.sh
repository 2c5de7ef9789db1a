#!/usr/bin/env bash
# --annotate OUT.docx end to end, on the committed Word fixtures and on a manuscript written
# here as Word writes one (footnotes, an editor's comment, a citation split over runs, an Arabic
# right-to-left paragraph):
#   cli          the copy reads back through citecheck's own DOCX reader with the same findings,
#                the original's bytes are untouched, a pinned run makes the same copy twice, and
#                the refusals (several inputs, not a .docx, the input itself, a missing folder:
#                exit 2; a copy that cannot be written: exit 7);
#   libreoffice  LibreOffice opens each copy: --convert-to pdf makes a PDF, and --convert-to fodt
#                shows every comment by "citecheck" on the text it is about (skipped, 77, when
#                LibreOffice is not installed).
#
#   annotate.sh BINARY SOURCE_DIR CASE
set -uo pipefail

binary=$(realpath "$1")
source_dir=$(realpath "$2")
case_name=$3
cd "$source_dir" || exit 1
python=$(command -v /usr/bin/python3 || command -v python3)
tmp=$(mktemp -d)
trap '[ -n "${KEEP_TMP:-}" ] || rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=1700000000 # 2023-11-14T22:13:20Z: the comments' date

failures=0
fail() {
  echo "FAIL [$case_name]: $*"
  failures=$((failures + 1))
}

# The manuscript an editor receives from Word: what citecheck must find in it is written
# beside it, by hand (expected_findings below).
"$python" - "$tmp/editor.docx" <<'EOF'
import sys, zipfile
W = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
     'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
def run(text, props=""):
    return "<w:r>" + (f"<w:rPr>{props}</w:rPr>" if props else "") + f'<w:t xml:space="preserve">{text}</w:t></w:r>'
def para(runs, props=""):
    return "<w:p>" + (f"<w:pPr>{props}</w:pPr>" if props else "") + runs + "</w:p>"
def mark(i):
    return f'<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="{i}"/></w:r>'
rtl = "<w:rtl/>"
body = (
    para(run("Harbours of the Eastern Mediterranean", "<w:b/>"), '<w:jc w:val="center"/>')
    + para('<w:commentRangeStart w:id="1"/>' + run("Ports shaped the coast long before the railway (Light 2023).")
           + '<w:commentRangeEnd w:id="1"/><w:r><w:commentReference w:id="1"/></w:r>' + mark(1))
    + para(run("Customs ledgers from Beirut record the trade (Had") + run("dad 2018), and", "<w:i/>")
           + run(" the maps at https://bit.ly/3xYzAbc show the quays."))
    + para(run("كما يقول ", rtl) + run("(عبدالحكيم ", rtl) + run("٢٠٢٠) إن المصادر قليلة.", rtl), "<w:bidi/>")
    + para(run("References"), '<w:pStyle w:val="Heading1"/>')
    + para(run("Light, Felix. 2023. Harbours of the Levant. Journal of Ports 2: 1–9."))
    + para(run("Rahimov, Elnur. 2019. Caspian Shipping. Baku: Elm."))
    + '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440"/></w:sectPr>'
)
footnotes = (
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
    '<w:footnote w:id="1"><w:p><w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>'
    + run(" On the customs figures see (Karimi 2017).") + "</w:p></w:footnote>"
)
comments = ('<w:comment w:id="1" w:author="Maya Editor" w:date="2023-11-01T09:00:00Z" w:initials="ME">'
            '<w:p><w:r><w:t>Shorten this sentence.</w:t></w:r></w:p></w:comment>')
parts = {
    "[Content_Types].xml": DECL + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        '<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>'
        '<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/>'
        '</Types>',
    "_rels/.rels": DECL + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{REL}officeDocument" Target="word/document.xml"/></Relationships>',
    "word/_rels/document.xml.rels": DECL + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{REL}footnotes" Target="footnotes.xml"/>'
        f'<Relationship Id="rId2" Type="{REL}comments" Target="comments.xml"/></Relationships>',
    "word/document.xml": DECL + f"<w:document {W}><w:body>{body}</w:body></w:document>",
    "word/footnotes.xml": DECL + f"<w:footnotes {W}>{footnotes}</w:footnotes>",
    "word/comments.xml": DECL + f"<w:comments {W}>{comments}</w:comments>",
}
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    for name, data in parts.items():
        z.writestr(name, data.encode("utf-8"))
EOF

manuscripts=("$tmp/editor.docx" fixtures/formats/ar_manuscript.docx fixtures/formats/ka_manuscript.docx
  fixtures/office/fields_zotero_mendeley_endnote.docx)

# The findings of a JSON report without what names the file: code, severity, message, place.
findings() {
  "$python" -c '
import json, sys
r = json.load(open(sys.argv[1], encoding="utf-8"))
for d in r["documents"]:
    for f in d["findings"]:
        print(f["code"], f["severity"], f.get("line"), f.get("column"), f.get("paragraph"), f.get("note"), f["message"], sep="\t")
' "$1"
}

# annotate NAME MANUSCRIPT: writes $tmp/NAME.out.docx, checking the original stays as it was.
annotate() {
  local name=$1 input=$2
  cp "$input" "$tmp/$name.orig"
  "$binary" check --offline --annotate "$tmp/$name.out.docx" "$input" >"$tmp/$name.txt" 2>"$tmp/$name.err"
  local rc=$?
  [ "$rc" -le 1 ] || fail "$name: exit status $rc ($(head -c 300 "$tmp/$name.err"))"
  [ -s "$tmp/$name.out.docx" ] || fail "$name: no annotated copy"
  cmp -s "$input" "$tmp/$name.orig" || fail "$name: the original was changed"
}

case $case_name in
  cli)
    for input in "${manuscripts[@]}"; do
      name=$(basename "$input" .docx)
      annotate "$name" "$input"
      "$binary" check --offline --format json "$input" >"$tmp/$name.before.json"
      "$binary" check --offline --format json "$tmp/$name.out.docx" >"$tmp/$name.after.json"
      findings "$tmp/$name.before.json" >"$tmp/$name.before"
      findings "$tmp/$name.after.json" >"$tmp/$name.after"
      [ -s "$tmp/$name.before" ] || fail "$name: no findings to annotate"
      diff "$tmp/$name.before" "$tmp/$name.after" >"$tmp/$name.diff" || fail "$name: the copy reads back with other findings: $(head -c 600 "$tmp/$name.diff")"
      # One comment per finding, after the file's own, all by citecheck and dated by the run.
      "$python" - "$tmp/$name.out.docx" "$(wc -l <"$tmp/$name.before")" "$input" >"$tmp/$name.check" <<'EOF'
import sys, zipfile, re
copy, count, original = sys.argv[1], int(sys.argv[2]), sys.argv[3]
z, o = zipfile.ZipFile(copy), zipfile.ZipFile(original)
assert z.testzip() is None, "a corrupt entry"
comments = z.read("word/comments.xml").decode("utf-8")
ours = re.findall(r'<w:comment w:id="(\d+)" w:author="citecheck" w:date="2023-11-14T22:13:20Z" w:initials="cc">', comments)
assert len(ours) == count, f"{len(ours)} comments by citecheck, {count} findings"
ids = re.findall(r'<w:comment w:id="(\d+)"', comments)
assert len(ids) == len(set(ids)), f"comment ids repeat: {ids}"
xml = "".join(z.read(n).decode("utf-8") for n in ("word/document.xml", "word/footnotes.xml") if n in z.namelist())
for i in ids:
    for mark in ("commentRangeStart", "commentRangeEnd", "commentReference"):
        assert len(re.findall(f'<w:{mark} w:id="{i}"/>', xml)) == 1, f"comment {i}: {mark} is not there once"
for name in o.namelist():
    if name not in ("word/document.xml", "word/comments.xml", "word/_rels/document.xml.rels", "[Content_Types].xml"):
        assert z.read(name) == o.read(name), f"{name} changed"
print("ok")
EOF
      grep -qx ok "$tmp/$name.check" || fail "$name: $(tail -3 "$tmp/$name.check")"
    done
    # The editor's comment is kept; the citation in the footnote is commented on the footnote's
    # mark in the text (LibreOffice opens no .docx with comments inside notes), saying so.
    "$python" - "$tmp/editor.out.docx" "$tmp/editor.docx" <<'EOF' || fail "editor: the comments are not where they belong"
import re, sys, zipfile
z, o = zipfile.ZipFile(sys.argv[1]), zipfile.ZipFile(sys.argv[2])
c = z.read("word/comments.xml").decode("utf-8")
assert '<w:comment w:id="1" w:author="Maya Editor" w:date="2023-11-01T09:00:00Z" w:initials="ME"><w:p><w:r><w:t>Shorten this sentence.</w:t></w:r></w:p></w:comment>' in c
karimi = re.search(r'<w:comment w:id="(\d+)"[^>]*>((?:(?!</w:comment>).)*no reference entry matches the citation \(Karimi 2017\).*?)</w:comment>', c).group(1, 2)
assert "In footnote 1: \u201c(Karimi 2017)\u201d" in karimi[1], karimi[1]
assert z.read("word/footnotes.xml") == o.read("word/footnotes.xml")
body = z.read("word/document.xml").decode("utf-8")
i = karimi[0]
assert re.search(f'<w:commentRangeStart w:id="{i}"/><w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="1"/></w:r><w:commentRangeEnd w:id="{i}"/><w:r><w:commentReference w:id="{i}"/></w:r>', body)
EOF
    # A pinned run writes the same copy again.
    "$binary" check --offline --annotate "$tmp/again.docx" "$tmp/editor.docx" >/dev/null 2>&1
    cmp -s "$tmp/again.docx" "$tmp/editor.out.docx" || fail "a second run with the same clock wrote another copy"

    # A config file's key (flags win), the run's options in the JSON report, and JSON Lines
    # (whose documents go out as they are checked) make the same copy.
    mkdir "$tmp/config"
    printf 'annotate = "from-config.docx"\n' >"$tmp/config/citecheck.toml"
    (cd "$tmp/config" && "$binary" check --offline --format json "$tmp/editor.docx" >"$tmp/config.json" 2>"$tmp/err")
    cmp -s "$tmp/config/from-config.docx" "$tmp/editor.out.docx" || fail "the config file's annotate key wrote no copy, or another one ($(head -c 300 "$tmp/err"))"
    "$python" -c 'import json,sys; assert json.load(open(sys.argv[1]))["run"]["options"]["annotate"] == "from-config.docx"' "$tmp/config.json" ||
      fail "run.options lacks annotate"
    (cd "$tmp/config" && "$binary" check --offline --annotate "$tmp/flag.docx" "$tmp/editor.docx" >/dev/null 2>&1)
    [ -s "$tmp/flag.docx" ] || fail "--annotate on the command line does not win over the config file"
    "$binary" check --offline --format jsonl --annotate "$tmp/lines.docx" "$tmp/editor.docx" >/dev/null 2>"$tmp/err"
    cmp -s "$tmp/lines.docx" "$tmp/editor.out.docx" || fail "--format jsonl made another copy ($(head -c 300 "$tmp/err"))"

    # Refusals, before any work (exit 2), and a copy that cannot be written (exit 7).
    expect() { # expect STATUS TEXT ARGS...
      local status=$1 text=$2
      shift 2
      "$binary" check --offline "$@" >"$tmp/out" 2>"$tmp/err"
      local rc=$?
      [ "$rc" -eq "$status" ] || fail "$* : exit status $rc, expected $status ($(head -c 300 "$tmp/err"))"
      grep -qF -- "$text" "$tmp/err" || fail "$* : stderr lacks '$text': $(head -c 300 "$tmp/err")"
    }
    cp "$tmp/editor.docx" "$tmp/keep.docx"
    expect 2 "give a single .docx file, not 2 files" --annotate "$tmp/x.docx" "$tmp/editor.docx" fixtures/formats/ar_manuscript.docx
    expect 2 "not a directory" --annotate "$tmp/x.docx" fixtures/formats
    expect 2 "is not a Word document (.docx)" --annotate "$tmp/x.docx" fixtures/formats/ar_manuscript.odt
    expect 2 "it is the input" --annotate "$tmp/editor.docx" "$tmp/editor.docx"
    cmp -s "$tmp/editor.docx" "$tmp/keep.docx" || fail "--annotate over the input changed it"
    expect 2 "no directory" --annotate "$tmp/missing/x.docx" "$tmp/editor.docx"
    expect 2 "name the same file" --annotate "$tmp/same.docx" -o "$tmp/same.docx" "$tmp/editor.docx"
    [ -e "$tmp/x.docx" ] && fail "a refused run wrote a copy"
    mkdir "$tmp/locked" && chmod 500 "$tmp/locked"
    if [ "$(id -u)" -ne 0 ]; then
      expect 2 "Permission denied" --annotate "$tmp/locked/x.docx" "$tmp/editor.docx"
    fi
    : >"$tmp/plainfile"
    expect 2 "no directory" --annotate "$tmp/plainfile/x.docx" "$tmp/editor.docx"
    # A copy that cannot be written (a file-size limit, as a full disk would): exit 7, the
    # previous copy kept, nothing left behind, and the report still written.
    mkdir "$tmp/copies"
    echo "yesterday's copy" >"$tmp/copies/marked.docx"
    (trap '' XFSZ; ulimit -f 1; exec "$binary" check --offline --format json --annotate "$tmp/copies/marked.docx" "$tmp/editor.docx") \
      2>"$tmp/err" | cat >"$tmp/report.json"
    rc=${PIPESTATUS[0]}
    [ "$rc" -eq 7 ] || fail "an unwritable copy: exit status $rc, expected 7 ($(head -c 300 "$tmp/err"))"
    grep -qF "cannot write '$tmp/copies/marked.docx': File too large" "$tmp/err" || fail "stderr does not say the copy was not written: $(head -c 300 "$tmp/err")"
    [ "$(cat "$tmp/copies/marked.docx")" = "yesterday's copy" ] || fail "a failed write changed the previous copy"
    [ "$(ls -A "$tmp/copies")" = marked.docx ] || fail "a failed write left files behind: $(ls -A "$tmp/copies")"
    findings "$tmp/report.json" | cmp -s - "$tmp/editor.before" || fail "the report is not complete when the copy fails"
    ;;
  libreoffice)
    soffice=$(command -v libreoffice || command -v soffice) || { echo "SKIP: LibreOffice is not installed (apt-get install libreoffice-writer-nogui)"; exit 77; }
    profile="file://$tmp/profile"
    copies=()
    for input in "${manuscripts[@]}"; do
      name=$(basename "$input" .docx)
      annotate "$name" "$input"
      copies+=("$tmp/$name.out.docx")
    done
    # One LibreOffice start per format for all the copies.
    for format in pdf fodt; do
      mkdir -p "$tmp/$format"
      timeout 300 "$soffice" -env:UserInstallation="$profile" --headless --convert-to $format --outdir "$tmp/$format" "${copies[@]}" >"$tmp/lo-$format.log" 2>&1 ||
        fail "LibreOffice --convert-to $format failed: $(tail -3 "$tmp/lo-$format.log")"
    done
    for input in "${manuscripts[@]}"; do
      name=$(basename "$input" .docx)
      head -c 5 "$tmp/pdf/$name.out.pdf" 2>/dev/null | grep -q '%PDF-' || fail "$name: LibreOffice made no PDF of the copy ($(grep -F "$name" "$tmp/lo-pdf.log" | head -2))"
      # LibreOffice's own reading of the comments: each by citecheck, on the text it is about.
      "$python" - "$tmp/fodt/$name.out.fodt" "$(grep -c 'citation-without-reference\]$' "$tmp/$name.txt")" "$name" <<'EOF' || fail "$name: LibreOffice does not show the comments as written"
import re, sys
text, missing, name = open(sys.argv[1], encoding="utf-8").read(), int(sys.argv[2]), sys.argv[3]
notes = re.findall(r'<office:annotation\s[^>]*office:name="([^"]+)"[^>]*>(.*?)</office:annotation>', text, re.S)
ours = {n: body for n, body in notes if "<dc:creator>citecheck</dc:creator>" in body}
assert ours, "no comment by citecheck"
# What each comment covers, as XML and with its markup removed.
raw = {n: text[text.index(f'office:name="{n}"'):].split("</office:annotation>", 1)[1].split(f'<office:annotation-end office:name="{n}"/>', 1)[0]
       for n in ours}
covered = {n: re.sub(r"<[^>]+>", "", xml) for n, xml in raw.items()}
quoted = [(re.search(r"the citation (\(.*?\))</text:p>", b), b, covered[n], raw[n]) for n, b in ours.items()]
quoted = [(q.group(1), b, c, r) for q, b, c, r in quoted if q]
assert len(quoted) == missing, f"{len(quoted)} comments on citations without an entry, {missing} findings"
for citation, body, cover, xml in quoted:
    if "In footnote" in body:  # on the footnote's mark, which LibreOffice reads as the note
        assert xml.startswith("<text:note ") and xml.endswith("</text:note>"), f"the comment on {citation} covers {xml[:200]!r}"
        assert f"In footnote 1: \u201c{citation}\u201d" in body and citation in cover
    else:
        assert cover == citation, f"the comment on {citation} covers {cover!r}"
if name == "editor":
    assert any("Maya Editor" in b for _, b in notes), "the editor's comment is gone"
    assert any("In footnote" in b for b in ours.values()), "no comment on the footnote"
EOF
    done
    ;;
  *)
    fail "unknown case $case_name"
    ;;
esac

if [ "$failures" -gt 0 ]; then
  echo "$failures failure(s)"
  exit 1
fi
echo "ok"
