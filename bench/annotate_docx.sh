#!/usr/bin/env bash
# The cost of --annotate on a 100-page Word manuscript: writes one (about 50,000 words, 330
# paragraphs in runs that split citations, 100 footnotes, 150 reference entries, citations with
# and without entries, so a few hundred comments), then times `check --offline` with
# --annotate against the same check without it (farm-bench when installed, else time).
#
#   bench/annotate_docx.sh BUILD_DIR
set -euo pipefail
build=$(realpath "$1")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

python3 - "$tmp/long.docx" <<'EOF'
import random, sys, zipfile
random.seed(7)
W = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
     'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
words = ("harbour trade customs ledger quay merchant coast railway shipping cargo port records "
         "season grain timber salt tariff route caravan market credit broker").split()
surnames = ["Light", "Haddad", "Rahimov", "Keller", "Karimi", "Nasser", "Abbas", "Petrov", "Demir", "Sousa"]
def run(text, props=""):
    return "<w:r>" + (f"<w:rPr>{props}</w:rPr>" if props else "") + f'<w:t xml:space="preserve">{text}</w:t></w:r>'
def sentence():
    return " ".join(random.choice(words) for _ in range(random.randint(10, 18))).capitalize()
entries = [(surnames[i % 10] + ("" if i < 10 else chr(ord("a") + i // 10 % 26) * 2), 1950 + i % 70) for i in range(150)]
body, notes = [], []
for p in range(330):
    runs = []
    for s in range(8):
        text = sentence()
        if s % 3 == 1:
            name, year = random.choice(entries)
            if random.random() < 0.1: year += 1          # a year that differs from the entry's
            if random.random() < 0.05: name = "Unlisted" # a citation without an entry
            cite = f"({name} {year})"
            cut = len(cite) // 2                         # Word splits citations over runs
            runs.append(run(text + " " + cite[:cut]) + run(cite[cut:] + ".", "<w:i/>"))
        else:
            runs.append(run(text + ". "))
    if p % 3 == 0 and len(notes) < 100:
        notes.append(len(notes) + 1)
        runs.append(f'<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="{notes[-1]}"/></w:r>')
    body.append("<w:p>" + "".join(runs) + "</w:p>")
body.append("<w:p>" + run("References") + "</w:p>")
for name, year in entries:
    body.append("<w:p>" + run(f"{name}, Felix. {year}. {sentence()}. Journal of Ports {year % 40}: 1–20.") + "</w:p>")
footnotes = ('<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
             '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>')
for n in notes:
    name, year = random.choice(entries)
    footnotes += f'<w:footnote w:id="{n}"><w:p><w:r><w:footnoteRef/></w:r>' + run(f" {sentence()} ({name} {year}).") + "</w:p></w:footnote>"
parts = {
    "[Content_Types].xml": DECL + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        '<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>',
    "_rels/.rels": DECL + f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{REL}officeDocument" Target="word/document.xml"/></Relationships>',
    "word/_rels/document.xml.rels": DECL + f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{REL}footnotes" Target="footnotes.xml"/></Relationships>',
    "word/document.xml": DECL + f"<w:document {W}><w:body>{''.join(body)}<w:sectPr/></w:body></w:document>",
    "word/footnotes.xml": DECL + f"<w:footnotes {W}>{footnotes}</w:footnotes>",
}
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    for name, data in parts.items():
        z.writestr(name, data.encode("utf-8"))
EOF

"$build/citecheck" check --offline --annotate "$tmp/long.annotated.docx" "$tmp/long.docx" >"$tmp/report.txt" || true
echo "manuscript: $(stat -c %s "$tmp/long.docx") bytes, $(python3 -c 'import sys,zipfile,re; print(len(re.findall(r"<w:t[ >]", zipfile.ZipFile(sys.argv[1]).read("word/document.xml").decode())), "w:t")' "$tmp/long.docx"); \
$(grep -c '' "$tmp/report.txt") report lines; comments: $(python3 -c 'import sys,zipfile; print(zipfile.ZipFile(sys.argv[1]).read("word/comments.xml").decode().count("<w:comment "))' "$tmp/long.annotated.docx")"
with=("$build/citecheck" check --offline --quiet --annotate "$tmp/out.docx" "$tmp/long.docx")
without="$build/citecheck check --offline --quiet $tmp/long.docx"
if command -v farm-bench >/dev/null; then
  farm-bench -n 5 --timeout 300 --vs "$without" -- "${with[@]}"
else
  time "${with[@]}" >/dev/null
  time $without >/dev/null
fi
