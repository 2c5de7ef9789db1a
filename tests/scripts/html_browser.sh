#!/usr/bin/env bash
# The HTML report in a real browser: Debian's chromium, headless, renders fixture reports
# (Latin, Arabic and Georgian manuscripts, and one full of hostile text) and we assert on the
# DOM it builds (--dump-dom): every finding there, the summary line, the filter script run
# under the report's Content-Security-Policy (and filtering from the address), no element
# the manuscript's text could have made, right-to-left text in dir="auto" elements. One
# phone-sized screenshot per script and a PDF print are kept in ARTEFACT_DIR.
#
#   html_browser.sh BINARY SOURCE_DIR ARTEFACT_DIR     (exit 77: chromium is not installed)
set -uo pipefail
binary=$(realpath "$1")
source_dir=$(realpath "$2")
artefacts=$3
cd "$source_dir" || exit 1
chromium=$(command -v chromium || command -v chromium-browser)
if [ -z "$chromium" ]; then
  echo "SKIP: chromium is not installed (apt-get install chromium)"
  exit 77
fi
python=$(command -v /usr/bin/python3 || command -v python3)
mkdir -p "$artefacts"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=1700000000
failures=0
fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}

# browser OUTPUT_ARGS... URL: one headless run with a fresh profile, no network of its own.
browser() {
  local profile
  profile=$(mktemp -d "$tmp/profile.XXXXXX")
  timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --user-data-dir="$profile" "$@" 2>>"$tmp/chromium.log"
}

# report NAME MANUSCRIPT: its HTML report and, to compare with, its JSON report.
report() {
  "$binary" check --offline --format html -o "$tmp/$1.html" "$2" 2>/dev/null
  [ $? -le 1 ] || fail "citecheck failed on $2"
  "$binary" check --offline --format json -o "$tmp/$1.json" "$2" 2>/dev/null
}

# dom NAME [FRAGMENT]: the DOM chromium built for the report, after its script ran.
dom() {
  browser --dump-dom "file://$tmp/$1.html${2:-}" >"$tmp/$1.dom${2:+.filtered}"
  [ -s "$tmp/$1.dom${2:+.filtered}" ] || fail "chromium dumped no DOM for $1$2: $(tail -5 "$tmp/chromium.log")"
}

# hostile text: markup, quotes, an unclosed right-to-left override, a javascript: link, in the
# running text (quoted by the citations' findings) and in an entry never cited (quoted whole)
printf '%s\n' 'Introduction' '' \
  "As <script>alert(1)</script> argued \"loudly\" and 'often' (Evil 2020), the ‮reversed‬ text and ‮unclosed override stay inside." \
  'See also (Nobody <img src=x onerror=alert(2)> 2019).' '' 'References' '' \
  'Evil, Mallory. 2021. Pipelines and Power. London: Verso.' \
  'Hostile, Harry. 2018. "<b>Bold</b> & <i>brash</i>". javascript:alert(3) https://example.org/x"><script>alert(4)</script>' \
  >"$tmp/hostile.txt"

report latin fixtures/cli/errors.txt
report arabic fixtures/manuscripts/ar_gulf_remittances_authordate.txt
report georgian fixtures/manuscripts/ka_drg_diplomacy_author_date.txt
report hostile "$tmp/hostile.txt"
for name in latin arabic georgian hostile; do dom $name; done
dom latin '#severity=error'

"$python" - "$tmp" <<'PY' || failures=$((failures + 1))
import json, sys
from html.parser import HTMLParser

tmp = sys.argv[1]
problems = []


class Dom(HTMLParser):
    """Elements with their attributes, and each text run with the dir="auto" and hidden state around it."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.elements, self.texts = [], [], []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        element = {"tag": tag, "attrs": a, "text": ""}
        self.elements.append(element)
        if tag not in ("meta", "input", "br", "img", "link"):
            self.stack.append(element)

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()["tag"] == tag:
                break

    def handle_data(self, data):
        for e in self.stack:
            e["text"] += data
        auto = any(e["attrs"].get("dir") == "auto" for e in self.stack)
        self.texts.append((data, auto))

    def find(self, tag, cls=None):
        return [e for e in self.elements if e["tag"] == tag and (cls is None or cls in e["attrs"].get("class", "").split())]


def parse(name):
    d = Dom()
    d.feed(open(f"{tmp}/{name}", encoding="utf-8").read())
    return d


def check(what, got, want):
    if got != want:
        problems.append(f"{what}: {got!r}, expected {want!r}")


for name in ("latin", "arabic", "georgian", "hostile"):
    dom = parse(f"{name}.dom")
    report = json.load(open(f"{tmp}/{name}.json", encoding="utf-8"))
    findings = report["documents"][0]["findings"]
    items = dom.find("li", "finding")
    check(f"{name}: findings in the DOM", len(items), len(findings))
    check(f"{name}: their codes", [i["attrs"]["data-code"] for i in items], [f["code"] for f in findings])
    # The script ran (the Content-Security-Policy let it): it writes the count.
    shown = dom.find("p", "shown")
    check(f"{name}: the filter script's count", shown[0]["text"] if shown else None,
          f"{len(findings)} of {len(findings)} findings shown")
    check(f"{name}: scripts", len(dom.find("script")), 1)
    for q in dom.find("blockquote") + dom.find("p", "message"):
        if q["attrs"].get("dir") != "auto":
            problems.append(f"{name}: a quotation or message without dir=auto: {q['text'][:60]!r}")
    # Text in a right-to-left script, or a bidi control, only inside dir="auto".
    for text, auto in dom.texts:
        rtl = any("\u0590" <= ch <= "\u08ff" or ch in "\u202e\u202b\u200f" for ch in text)
        if rtl and not auto:
            problems.append(f"{name}: right-to-left text outside dir=auto: {text[:60]!r}")

latin = parse("latin.dom")
check("latin: summary", latin.find("p", "summary")[0]["text"],
      "4 references: 0 verified, 0 broken (0 with archived copies), 0 retracted, 0 unverifiable, 4 not checked; "
      "5 citations, 1 without an entry")
check("latin: the year-mismatch quote", latin.find("mark")[0]["text"], "(Rahimov & Keller 2019, 112)")

# Filtered from the address: only the two errors show.
filtered = parse("latin.dom.filtered")
check("filtered: hidden findings", [i["attrs"]["data-severity"] for i in filtered.find("li", "finding") if "hidden" in i["attrs"]],
      ["warning"])
check("filtered: count", filtered.find("p", "shown")[0]["text"], "2 of 3 findings shown")

hostile = parse("hostile.dom")
for tag in ("img", "b", "i"):
    check(f"hostile: <{tag}> elements", len(hostile.find(tag)), 0)
body = "".join(t for t, _ in hostile.texts)
for literal in ("<script>alert(1)</script>", "<img src=x onerror=alert(2)>", "\"loudly\" and 'often'", "<b>Bold</b> & <i>brash</i>"):
    if literal not in body:
        problems.append(f"hostile: {literal!r} is not shown as text")
hrefs = [a["attrs"].get("href", "") for a in hostile.find("a")]
if any(not (h.startswith("https://") or h.startswith("http://") or h.startswith("#")) for h in hrefs):
    problems.append(f"hostile: a link that is not a web address: {hrefs}")

arabic = parse("arabic.dom")
if not any("\u0600" <= ch <= "\u06ff" for m in arabic.find("mark") for ch in m["text"]):
    problems.append("arabic: no Arabic text quoted")
georgian = parse("georgian.dom")
if not any("\u10d0" <= ch <= "\u10ff" for m in georgian.find("mark") + georgian.find("blockquote") for ch in m["text"]):
    problems.append("georgian: no Georgian text quoted")

for p in problems:
    print("FAIL:", p)
print(f"DOM checks: {len(problems)} problem(s)")
sys.exit(1 if problems else 0)
PY

# One phone-sized screenshot per script, and the Latin report printed: kept for people to look at.
for name in latin arabic georgian; do
  rm -f "$artefacts/$name.png"
  browser --screenshot="$artefacts/$name.png" --window-size=412,1400 --hide-scrollbars "file://$tmp/$name.html" >/dev/null
  [ "$(head -c 8 "$artefacts/$name.png" 2>/dev/null | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] ||
    fail "no PNG screenshot of the $name report"
  cp "$tmp/$name.html" "$artefacts/$name.html"
done
rm -f "$artefacts/latin.pdf"
browser --print-to-pdf="$artefacts/latin.pdf" --no-pdf-header-footer "file://$tmp/latin.html" >/dev/null
[ "$(head -c 5 "$artefacts/latin.pdf" 2>/dev/null)" = "%PDF-" ] || fail "the report does not print to PDF"

if [ $failures -gt 0 ]; then
  echo "$failures failure(s); chromium said: $(tail -5 "$tmp/chromium.log")"
  exit 1
fi
echo "the HTML reports render in chromium as expected; screenshots in $artefacts"
