#!/usr/bin/env bash
# How big a 100-document HTML report is and how long headless chromium takes to render it
# (targets: under 5 MB, under 2 s). Not a test: a measurement to quote.
#
#   bench/html_report.sh [BINARY] [DOCUMENTS]     (defaults build/citecheck, 100)
# The documents are the fixture manuscripts (fixtures/manuscripts/*.txt, plain text), copied
# round-robin until there are DOCUMENTS of them. Render time is measured by the page itself,
# median of 5 headless runs: from navigation start to the load event with the style computed
# and the layout done (a copy of the report whose Content-Security-Policy lets one more inline
# script write performance.now() into the DOM, read back with --dump-dom). For reference, the
# wall time of `chromium --dump-dom` on the report less that on an empty page is printed too.
set -euo pipefail
cd "$(dirname "$0")/.."
binary=$(realpath "${1:-build/citecheck}")
count=${2:-100}
chromium=$(command -v chromium || command -v chromium-browser) || { echo "chromium is not installed"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/docs"
sources=()
for f in fixtures/manuscripts/*.txt; do
  [ -s "$f" ] && grep -qvP '[\x00]' "$f" && sources+=("$f")
done
for i in $(seq 1 "$count"); do
  src=${sources[$(((i - 1) % ${#sources[@]}))]}
  cp "$src" "$tmp/docs/$(printf '%03d' "$i")-$(basename "$src")"
done
start=$(date +%s.%N)
"$binary" check --offline --quiet --format html -o "$tmp/report.html" "$tmp/docs" 2>/dev/null || true
end=$(date +%s.%N)
printf '<!DOCTYPE html><title>empty</title>' >"$tmp/empty.html"
# The timed copy: the policy line dropped, a timer added before </body>.
grep -v 'Content-Security-Policy' "$tmp/report.html" |
  sed 's|</body>|<script>addEventListener("load",function(){document.body.offsetHeight;document.body.setAttribute("data-rendered-ms",performance.now().toFixed(0));});</script></body>|' \
    >"$tmp/timed.html"
findings=$(grep -c '<li class="finding"' "$tmp/report.html")
size=$(stat -c %s "$tmp/report.html")

render() { # render FILE: seconds for one headless --dump-dom
  local profile s e
  profile=$(mktemp -d "$tmp/profile.XXXXXX")
  s=$(date +%s.%N)
  timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --user-data-dir="$profile" --dump-dom "file://$1" >/dev/null 2>&1
  e=$(date +%s.%N)
  calc "$e - $s"
}
median() { sort -n | sed -n 3p; }
calc() { python3 -c "print($1)"; }
in_page() { # in_page FILE: milliseconds the page took to parse, style, lay out and run its script
  local profile
  profile=$(mktemp -d "$tmp/profile.XXXXXX")
  timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --user-data-dir="$profile" --dump-dom "file://$1" 2>/dev/null |
    grep -o 'data-rendered-ms="[0-9]*"' | grep -o '[0-9]*'
}
page_ms=$(for _ in 1 2 3 4 5; do in_page "$tmp/timed.html"; done | median)
report_times=$(for _ in 1 2 3 4 5; do render "$tmp/report.html"; done | median)
empty_times=$(for _ in 1 2 3 4 5; do render "$tmp/empty.html"; done | median)
printf 'documents: %s (from %s fixture manuscripts), findings: %s\n' "$count" "${#sources[@]}" "$findings"
printf 'citecheck --format html: %.2f s\n' "$(calc "$end - $start")"
printf 'report size: %s bytes (%.2f MB; target < 5 MB)\n' "$size" "$(calc "$size / 1048576")"
printf 'render in chromium (in the page, navigation to load with layout): %s ms (target < 2000 ms)\n' "$page_ms"
printf 'chromium --dump-dom wall time: %.2f s for the report, %.2f s for an empty page: difference %.2f s\n' \
  "$report_times" "$empty_times" "$(calc "$report_times - $empty_times")"
