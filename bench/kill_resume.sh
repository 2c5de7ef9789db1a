#!/usr/bin/env bash
# No loss under kill: a nightly run over many URLs, killed at random times again and again
# (SIGKILL or SIGTERM, at random) and resumed with --resume each time, must end in the same
# state as one uninterrupted run: every link's final status the same, exactly one committed
# history row per link (none lost, none doubled), and PRAGMA integrity_check ok. A benchmark,
# not a ctest test (it takes minutes).
#
#   bench/kill_resume.sh CITECHECK [URLS (default 100000)] [KILLS (default 20)]
#
# Starts nginx (Debian's /usr/sbin/nginx) on 20 loopback addresses with
# fixtures/nginx/bench.conf.in (every tenth URL is a 404). Every run uses the same --now: one
# night, resumed.
set -uo pipefail
bin=$(realpath "$1")
urls=${2:-100000}
kills=${3:-20}
cd "$(dirname "$0")/.." || exit 1
tmp=$(mktemp -d)
nginx_pid=""
trap '[ -n "$nginx_pid" ] && kill -QUIT "$nginx_pid" 2>/dev/null; rm -rf "$tmp"' EXIT
port=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
listen=""
for a in $(seq 1 20); do listen+="listen 127.0.0.$a:$port; "; done
user=""; [ "$(id -u)" = 0 ] && user="user root;"
sed -e "s|@LISTEN@|$listen|" -e "s|@TMP@|$tmp|g" -e "s|@USER@|$user|" fixtures/nginx/bench.conf.in >"$tmp/nginx.conf"
/usr/sbin/nginx -p "$tmp" -c "$tmp/nginx.conf" &
nginx_pid=$!
sleep 0.5
python3 - "$tmp/m.txt" "$urls" "$port" <<'PY'
import sys
path, n, port = sys.argv[1], int(sys.argv[2]), sys.argv[3]
with open(path, "w") as f:
    f.write("Link rot in a large bibliography\n\nThe survey cites many pages.\n\nReferences\n\n")
    for i in range(n):
        kind = "gone" if i % 10 == 0 else "ports"
        f.write("Aliyev, R. (2021). Ports of the Caspian, part %d. Retrieved from http://127.0.0.%d:%s/%s/%d.html\n"
                % (i, i % 20 + 1, port, kind, i))
PY
night=(check --allow-private --per-host-interval 0 --no-archive --retries 0 --quiet --now 2026-12-01T02:00:00Z
       --format json --fail-on none)

now() { date +%s.%N; }
t0=$(now)
"$bin" check --offline --format json -o "$tmp/offline.json" "$tmp/m.txt"
t1=$(now)
"$bin" "${night[@]}" --cache "$tmp/whole.sqlite" -o "$tmp/whole.json" "$tmp/m.txt" 2>"$tmp/whole.err"
status=$?
t2=$(now)
read -r parse network < <(python3 -c "print(round($t1 - $t0, 2), round(max(0.5, $t2 - $t1 - ($t1 - $t0)), 2))")
echo "uninterrupted run: exit $status; reading the manuscript ${parse} s, checking ${network} s"

# The same night, killed KILLS times at random and resumed each time: each attempt is killed
# after reading the manuscript and, on average, a KILLS-th of the checking, so that every kill
# falls in the middle of the work (a kill after the night is done would test nothing).
attempts=0 sigkills=0 sigterms=0
start=$SECONDS
while [ $((sigkills + sigterms)) -lt "$kills" ] && [ "$attempts" -lt $((kills * 3)) ]; do
  "$bin" "${night[@]}" --resume --cache "$tmp/killed.sqlite" -o "$tmp/killed.json" "$tmp/m.txt" 2>>"$tmp/killed.err" &
  pid=$!
  attempts=$((attempts + 1))
  sleep "$(python3 -c "import random; print(round($parse + random.uniform(0, 2 * $network / $kills), 2))")"
  if [ $((RANDOM % 2)) = 0 ]; then kill -KILL "$pid" 2>/dev/null && sigkills=$((sigkills + 1))
  else kill -TERM "$pid" 2>/dev/null && sigterms=$((sigterms + 1)); fi
  wait "$pid" 2>/dev/null
done
"$bin" "${night[@]}" --resume --cache "$tmp/killed.sqlite" -o "$tmp/killed.json" "$tmp/m.txt" 2>>"$tmp/killed.err"
final=$?
echo "killed and resumed: $attempts attempts, $sigkills killed by SIGKILL and $sigterms by SIGTERM mid-run, then a last --resume: exit $final, $((SECONDS - start)) s in all"

python3 - "$tmp/whole.sqlite" "$tmp/killed.sqlite" "$urls" <<'PY'
import sqlite3, sys
whole, killed, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
counted = "(h.run_id IS NULL OR EXISTS (SELECT 1 FROM runs u WHERE u.id = h.run_id AND u.state IN ('complete', 'interrupted')))"
def state(path):
    db = sqlite3.connect(path)
    ok = db.execute("PRAGMA integrity_check").fetchone()[0]
    rows = dict(db.execute("SELECT r.key, count(*) FROM history h JOIN results r ON r.id = h.key_id WHERE " + counted +
                           " GROUP BY r.key").fetchall())
    last = dict(db.execute("SELECT r.key, h.status FROM history h JOIN results r ON r.id = h.key_id WHERE " + counted).fetchall())
    return ok, rows, last
failures = []
for name, path in (("uninterrupted", whole), ("killed and resumed", killed)):
    ok, rows, last = state(path)
    print("%s: integrity_check %s, %d links with history, rows per link %s" % (name, ok, len(rows), sorted(set(rows.values()))))
    if ok != "ok": failures.append(name + ": integrity_check " + ok)
    if len(rows) != n: failures.append("%s: %d links have history, not %d" % (name, len(rows), n))
    bad = [k for k, c in rows.items() if c != 1]
    if bad: failures.append("%s: %d links with more than one counted row (e.g. %s)" % (name, len(bad), bad[0]))
_, _, a = state(whole)
_, _, b = state(killed)
diff = [k for k in a if a[k] != b.get(k)]
print("final statuses that differ: %d of %d" % (len(diff), len(a)))
if diff: failures.append("statuses differ, e.g. %s: %s vs %s" % (diff[0], a[diff[0]], b.get(diff[0])))
for f in failures: print("FAIL:", f)
sys.exit(1 if failures else 0)
PY
