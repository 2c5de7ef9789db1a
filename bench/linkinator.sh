#!/usr/bin/env bash
# citecheck against linkinator (Google's link checker, npm), side by side on the same links:
# N distinct URLs spread over 20 loopback addresses served by nginx (fixtures/nginx/bench.conf.in),
# politeness off for both (no per-host interval, 64 requests in flight, no retries), each
# reading the links from its own input: linkinator an HTML page with one <a href> per URL,
# citecheck a manuscript whose reference list cites them (no cache, no archive lookups).
# Prints each tool's wall time, URLs/s and links found ok, and citecheck's speed as a multiple
# of linkinator's (medians over the rounds). A benchmark, never a ctest test (it needs linkinator: npm install linkinator).
#
#   bash bench/linkinator.sh CITECHECK LINKINATOR [URLS] [ROUNDS]
#   e.g. (cd /tmp/lk && npm install linkinator@6) && bash bench/linkinator.sh build/citecheck /tmp/lk/node_modules/.bin/linkinator 10000 3
set -euo pipefail
citecheck=$(realpath "$1") linkinator=$2 urls=${3:-10000} rounds=${4:-3}
src=$(cd "$(dirname "$0")/.." && pwd)
command -v "$linkinator" > /dev/null || { echo "linkinator: not found ($linkinator); npm install linkinator" >&2; exit 2; }
[ -x /usr/sbin/nginx ] || { echo "needs nginx (apt-get install -y nginx)" >&2; exit 2; }
tmp=$(mktemp -d)
port=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
listen=""
for a in $(seq 1 20); do listen+="listen 127.0.0.$a:$port; "; done
user=""; [ "$(id -u)" = 0 ] && user="user root;"
sed -e "s|@LISTEN@|$listen|" -e "s|@TMP@|$tmp|g" -e "s|@USER@|$user|" "$src/fixtures/nginx/bench.conf.in" > "$tmp/nginx.conf"
/usr/sbin/nginx -p "$tmp" -c "$tmp/nginx.conf" &
server=$!
trap 'kill -QUIT $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$tmp"' EXIT
sleep 0.5

# The same URLs in both inputs.
python3 - "$tmp" "$urls" "$port" <<'EOF'
import sys
tmp, n, port = sys.argv[1], int(sys.argv[2]), sys.argv[3]
links = [f"http://127.0.0.{i % 20 + 1}:{port}/ports/{i}.html" for i in range(n)]
with open(f"{tmp}/page.html", "w") as f:
    f.write("<!doctype html><html><head><title>Links</title></head><body>\n")
    f.writelines(f'<p><a href="{u}">part {i}</a></p>\n' for i, u in enumerate(links))
    f.write("</body></html>\n")
with open(f"{tmp}/paper.txt", "w") as f:
    f.write("Link rot in a large bibliography\n\nThe survey cites many pages.\n\nReferences\n\n")
    f.writelines(f"Aliyev, R. (2021). Ports of the Caspian, part {i}. Retrieved from {u}\n" for i, u in enumerate(links))
EOF

now() { date +%s.%N; }
calc() { python3 -c "print($1)"; }
times_l="" times_c=""
for r in $(seq 1 "$rounds"); do
  t0=$(now)
  "$linkinator" "$tmp/page.html" --concurrency 64 --timeout 20000 --format json > "$tmp/linkinator.json" 2> "$tmp/linkinator.err" || true
  t1=$(now)
  "$citecheck" check --no-cache --allow-private --concurrency 64 --per-host 64 --per-host-interval 0 --retries 0 \
    --no-archive --quiet --format json -o "$tmp/citecheck.json" "$tmp/paper.txt" || true
  t2=$(now)
  l=$(calc "$t1 - $t0") c=$(calc "$t2 - $t1")
  printf 'round %d: linkinator %.2f s, citecheck %.2f s\n' "$r" "$l" "$c"
  times_l+="$l," times_c+="$c,"
done
ok_l=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(sum(1 for l in d["links"] if l["state"]=="OK" and "/ports/" in l["url"]))' "$tmp/linkinator.json")
ok_c=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(sum(1 for l in d["documents"][0]["links"] if l["status"]=="ok"))' "$tmp/citecheck.json")
python3 - "$urls" "$rounds" "$times_l" "$times_c" "$ok_l" "$ok_c" "$("$linkinator" --version 2>/dev/null || echo '?')" <<'EOF'
import statistics, sys
urls, rounds = int(sys.argv[1]), int(sys.argv[2])
l = [float(x) for x in sys.argv[3].split(",") if x]
c = [float(x) for x in sys.argv[4].split(",") if x]
ml, mc = statistics.median(l), statistics.median(c)
print(f"linkinator {sys.argv[7]}: median {ml:.2f} s, {urls / ml:.0f} URLs/s, {sys.argv[5]} of {urls} links ok")
print(f"citecheck: median {mc:.2f} s, {urls / mc:.0f} URLs/s, {sys.argv[6]} of {urls} links ok")
pairs = [a / b for a, b in zip(l, c)]
print(f"citecheck is {ml / mc:.1f}x linkinator (median of {rounds} rounds each, side by side; pairwise "
      f"{min(pairs):.1f}-{max(pairs):.1f}x)")
EOF
