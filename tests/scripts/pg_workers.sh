#!/usr/bin/env bash
# Elastic workers end to end: four citecheck processes share one night's links through one
# PostgreSQL store (--cache postgresql://…, --night, --lease), against a real nginx serving 20
# loopback sites, and must do what one process would, no more, no less:
#
#   a. one process with a SQLite cache checks the manuscript: the reference (single.json);
#   b. four workers check the same manuscript as one night (test-night-1) on one store;
#   c. nginx's log: every URL was asked exactly once over the four, and each site's requests
#      kept the per-host interval (200 ms, less 50 ms of tolerance) across the workers;
#   d. each worker's report: every link checked by it, or `skipped` naming another worker; every
#      link checked by exactly one worker, with the status the single run found;
#   e. a run without --night on the store (a dashboard) answers every link from the store (no
#      request reaches nginx) with the single run's status;
#   f. a second night (test-night-2, --now 8 days later, so every link is stale; 300 ms per host):
#      four workers, one SIGKILLed while it checks; the other three take its sites over once its
#      leases (5 s) expire. The store then has exactly one counted check_log row per link for
#      that night (a row counts when its run_id is NULL or its run is complete or interrupted),
#      and that night's dashboard run gives every link the single run's status.
#
#   pg_workers.sh CITECHECK_BINARY SOURCE_DIR WORK_DIR
#
# Starts its own PostgreSQL cluster (tests/scripts/pg_cluster.sh, in a folder under /tmp) and
# nginx (fixtures/nginx/workers.conf.in on 127.0.0.1-127.0.0.20, one port), both stopped on
# exit. WORK_DIR keeps the manuscript, the reports, each run's standard error, nginx's access
# log and the server's log, for a look after a failure. As root the script re-runs itself in a
# network namespace where only loopback is up (CITECHECK_E2E_NETNS=0: not); nothing is asked of
# any address but 127.0.0.x. Every wait is bounded.
#
# Prints "FAIL [part]: ..." per failed check and exits 1 on any; 0 when all hold; 77 when
# nginx or PostgreSQL is not installed, or when the binary has no --night (then parts a and c
# are still run on the single run, as a check of this script). NGINX=/path/to/nginx picks nginx.
set -uo pipefail

if [ $# -ne 3 ]; then
  echo "usage: $0 CITECHECK_BINARY SOURCE_DIR WORK_DIR" >&2
  exit 2
fi
self=$(realpath "$0")
binary=$(realpath "$1")
source_dir=$(realpath "$2")
mkdir -p "$3" || exit 2
work=$(realpath "$3")
cd "$source_dir" || exit 2
python=$(command -v /usr/bin/python3 || command -v python3)
[ -x "$binary" ] || { echo "no citecheck binary at $binary" >&2; exit 2; }

nginx_bin=${NGINX:-}
if [ -z "$nginx_bin" ]; then
  nginx_bin=$(command -v nginx || true)
  [ -n "$nginx_bin" ] || [ ! -x /usr/sbin/nginx ] || nginx_bin=/usr/sbin/nginx
fi
if [ -z "$nginx_bin" ] || [ ! -x "$nginx_bin" ]; then
  echo "SKIP: nginx is not installed"
  exit 77
fi

# As root: the whole test in a network namespace of its own with only loopback up (as
# nginx_e2e.sh does), so nothing it starts can reach another host even by mistake.
lo_up='import fcntl, socket, struct
s = socket.socket()
flags = struct.unpack("16sH", fcntl.ioctl(s, 0x8913, struct.pack("16sH", b"lo", 0)))[1]  # SIOCGIFFLAGS
fcntl.ioctl(s, 0x8914, struct.pack("16sH", b"lo", flags | 1))  # SIOCSIFFLAGS, IFF_UP'
if [ -z "${CITECHECK_E2E_ISOLATED:-}" ] && [ "${CITECHECK_E2E_NETNS:-1}" != 0 ] && [ "$(id -u)" -eq 0 ] &&
  unshare -n "$python" -c "$lo_up" 2>/dev/null; then
  CITECHECK_E2E_ISOLATED=1 exec unshare -n bash -c '"$1" -c "$2" && shift 2 && exec bash "$@"' \
    _ "$python" "$lo_up" "$self" "$binary" "$source_dir" "$work"
fi
if [ -n "${CITECHECK_E2E_ISOLATED:-}" ]; then
  echo "network namespace of its own: only loopback is up"
else
  echo "host network: no namespace isolation (needs root and unshare -n)"
fi

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY ALL_PROXY all_proxy ftp_proxy FTP_PROXY
export NO_PROXY='*' no_proxy='*'
unset SOURCE_DATE_EPOCH NO_COLOR
unset PGHOST PGHOSTADDR PGPORT PGUSER PGDATABASE PGSERVICE PGPASSFILE PGOPTIONS

urls_count=400     # over the 20 sites: 20 each; every tenth a 404
interval1=200      # ms between two requests to one host, night 1
interval2=300      # night 2 (the kill case)
tolerance=0.05     # s: a gap may be this much shorter ($msec has ms resolution; timers jitter)
lease=5            # s

failures=0
part="setup"
fail() {
  echo "FAIL [$part]: $*"
  failures=$((failures + 1))
}
die() {
  fail "$*"
  echo "$failures failure(s)"
  exit 1
}

# --- clean-up: workers still running, nginx, the cluster ------------------------------------
pgdir=""
nginx_pid=""
declare -a live_pids=()
stop_nginx() {
  [ -n "$nginx_pid" ] || return 0
  if kill -0 "$nginx_pid" 2>/dev/null; then
    kill -QUIT "$nginx_pid" 2>/dev/null
    for _ in $(seq 50); do kill -0 "$nginx_pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$nginx_pid" 2>/dev/null && kill -TERM "$nginx_pid" 2>/dev/null
    for _ in $(seq 30); do kill -0 "$nginx_pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$nginx_pid" 2>/dev/null && kill -KILL "$nginx_pid" 2>/dev/null
  fi
  wait "$nginx_pid" 2>/dev/null
  nginx_pid=""
}
cleanup() {
  local pid
  for pid in "${live_pids[@]}"; do kill -KILL "$pid" 2>/dev/null; done
  stop_nginx
  if [ -n "$pgdir" ]; then
    bash "$source_dir/tests/scripts/pg_cluster.sh" stop "$pgdir" >/dev/null 2>&1
    cp "$pgdir/postgres.log" "$work/postgres.log" 2>/dev/null
    rm -rf "$pgdir"
  fi
}
trap cleanup EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

# What an earlier run left (only the files this script writes).
rm -rf "$work/nginx"
for name in single night night2 worker-{0,1,2,3} night2-worker-{0,1,2,3}; do
  rm -f "$work/$name.json" "$work/$name.out" "$work/$name.err"
done
rm -f "$work/m.txt" "$work/urls.txt" "$work/single.sqlite"* "$work/postgres.log" "$work/pgw.py" "$work/pg_cluster.err" \
  "$work/dump.err" "$work/check_log.tsv" "$work/check_log.err"

# --- the checks, in Python ------------------------------------------------------------------
cat >"$work/pgw.py" <<'PY'
"""Helpers of pg_workers.sh: the manuscript, nginx's log, the reports. Each subcommand prints
one line per failed check, prefixed "FAIL: ", and exits 1 when there was any."""
import collections, json, sys

failures = []
def fail(msg):
    failures.append(msg)

def manuscript(path, urls_path, n, port):
    with open(path, "w", encoding="utf-8") as f, open(urls_path, "w") as u:
        f.write("Link rot in a large bibliography\n\nThe survey cites many pages (Aliyev 2021).\n\nReferences\n\n")
        for i in range(n):
            kind = "gone" if i % 10 == 0 else "ports"
            url = "http://127.0.0.%d:%s/%s/%d.html" % (i % 20 + 1, port, kind, i)
            f.write("Aliyev, R. (2021). Ports of the Caspian, part %d. Retrieved from %s\n" % (i, url))
            u.write(url + "\n")

def read_urls(path):
    return [l.strip() for l in open(path) if l.strip()]

def read_log(path, first, last):
    """The access-log lines first+1..last (1-based, as wc -l counts): dicts with start, end,
    addr, status, method, path, worker."""
    out = []
    with open(path) as f:
        for number, line in enumerate(f, 1):
            if number <= first or number > last:
                continue
            p = line.split()
            if len(p) < 7:
                fail("access log line %d cannot be read: %r" % (number, line))
                continue
            end, took = float(p[0]), float(p[1])
            out.append(dict(start=end - took, end=end, addr=p[2], status=p[3], method=p[4], path=p[5],
                            worker=p[6]))
    return out

def requests(log, first, last, urls_path, port, expect, min_gap, label):
    """expect: 'once' (every URL of the manuscript asked exactly once), 'none' (no request at
    all), 'any' (no count asserted). min_gap (s, 0: not checked): the least time between two
    request starts on one address."""
    urls = read_urls(urls_path)
    set_urls = set(urls)
    lines = read_log(log, first, last)
    asked = collections.Counter()
    others = collections.Counter()
    for r in lines:
        url = "http://%s:%s%s" % (r["addr"], port, r["path"])
        if r["method"] in ("GET", "HEAD") and url in set_urls:
            asked[url] += 1
        else:
            others["%s %s" % (r["method"], r["path"].split("/")[1] if "/" in r["path"] else r["path"])] += 1
    workers = collections.Counter(r["worker"] for r in lines)
    print("%s: %d requests (%d to the manuscript's URLs, %d distinct; other requests: %s); by worker header: %s"
          % (label, len(lines), sum(asked.values()), len(asked), dict(others) or "none",
             dict(sorted(workers.items()))))
    if expect == "none" and lines:
        fail("%s: %d requests reached nginx, none expected (e.g. %s %s from worker %s)"
             % (label, len(lines), lines[0]["method"], lines[0]["path"], lines[0]["worker"]))
    if expect == "once":
        missing = [u for u in urls if asked[u] == 0]
        twice = [(u, asked[u]) for u in urls if asked[u] > 1]
        if missing:
            fail("%s: %d of %d URLs never asked (e.g. %s)" % (label, len(missing), len(urls), missing[:3]))
        if twice:
            detail = []
            for u, c in twice[:3]:
                path = u.split("/", 3)[3]
                who = [r["worker"] for r in lines if "/" + path == r["path"] and u.startswith("http://%s:" % r["addr"])]
                detail.append("%s asked %d times (worker headers %s)" % (u, c, who))
            fail("%s: %d URLs asked more than once: %s" % (label, len(twice), "; ".join(detail)))
    if min_gap > 0:
        by_addr = collections.defaultdict(list)
        for r in lines:
            by_addr[r["addr"]].append(r)
        short = []
        smallest = None
        for addr, rs in sorted(by_addr.items()):
            rs.sort(key=lambda r: r["start"])
            for a, b in zip(rs, rs[1:]):
                gap = b["start"] - a["start"]
                smallest = gap if smallest is None else min(smallest, gap)
                if gap < min_gap - 1e-9:
                    short.append((addr, gap, a, b))
        print("%s: %d hosts; smallest gap between two request starts on one host: %s s (at least %.3f s wanted)"
              % (label, len(by_addr), "%.3f" % smallest if smallest is not None else "-", min_gap))
        if short:
            ex = "; ".join("%s: %.3f s between %s %s (worker %s) and %s %s (worker %s)"
                           % (addr, gap, a["method"], a["path"], a["worker"], b["method"], b["path"], b["worker"])
                           for addr, gap, a, b in short[:4])
            fail("%s: %d gaps shorter than %.3f s between requests to one host: %s"
                 % (label, len(short), min_gap, ex))

def url_links(path):
    r = json.load(open(path, encoding="utf-8"))
    links = [l for d in r["documents"] for l in d.get("links", []) if l.get("kind") == "url"]
    return r, links

def single_statuses(single, urls):
    _, links = url_links(single)
    st = {l["value"]: l["status"] for l in links}
    if sorted(st) != sorted(urls):
        fail("single.json: its URL links are not the manuscript's %d URLs (%d links; missing e.g. %s)"
             % (len(urls), len(st), [u for u in urls if u not in st][:3]))
    return st

def workers(urls_path, single, reports, label):
    """Part d: each report's links are checked by it or skipped naming another worker; each
    link checked in exactly one report, with the single run's status."""
    urls = read_urls(urls_path)
    ref = single_statuses(single, urls)
    checked_by = collections.defaultdict(list)
    for rep in reports:
        try:
            r, links = url_links(rep)
        except Exception as e:
            fail("%s: %s is not a JSON report: %s" % (label, rep, e))
            continue
        values = [l["value"] for l in links]
        if sorted(values) != sorted(urls):
            fail("%s: %s has %d URL links, not the manuscript's %d" % (label, rep, len(values), len(urls)))
        n_checked = n_skipped = 0
        bad = []
        for l in links:
            if l["status"] == "skipped":
                if "worker" not in (l.get("error") or "").lower():
                    bad.append("%s skipped without naming another worker (error %r)" % (l["value"], l.get("error")))
                n_skipped += 1
            elif l.get("from_cache"):
                bad.append("%s neither checked by this worker nor skipped: %s from the store (checked_at %s)"
                           % (l["value"], l["status"], l.get("checked_at")))
            else:
                checked_by[l["value"]].append(rep)
                n_checked += 1
                if l["status"] != ref.get(l["value"]):
                    bad.append("%s is %s (http %s, error %r), the single run found %s"
                               % (l["value"], l["status"], l.get("http_status"), l.get("error"), ref.get(l["value"])))
        print("%s: %s: %d checked, %d skipped, complete %s" % (label, rep.rsplit("/", 1)[-1], n_checked, n_skipped,
                                                              r.get("run", {}).get("complete", r.get("complete"))))
        if bad:
            fail("%s: %s: %d links wrong: %s" % (label, rep, len(bad), "; ".join(bad[:4])))
    never = [u for u in urls if not checked_by[u]]
    twice = [(u, [p.rsplit("/", 1)[-1] for p in checked_by[u]]) for u in urls if len(checked_by[u]) > 1]
    if never:
        fail("%s: %d links checked by no worker (e.g. %s)" % (label, len(never), never[:3]))
    if twice:
        fail("%s: %d links checked by more than one worker (e.g. %s)" % (label, len(twice), twice[:3]))

def dashboard(urls_path, single, report, label):
    """Part e: every link served from the store, with the single run's status."""
    urls = read_urls(urls_path)
    ref = single_statuses(single, urls)
    try:
        r, links = url_links(report)
    except Exception as e:
        fail("%s: %s is not a JSON report: %s" % (label, report, e))
        return
    got = {l["value"]: l for l in links}
    if sorted(got) != sorted(urls):
        fail("%s: %d URL links, not the manuscript's %d" % (label, len(got), len(urls)))
    differ = [(u, got[u]["status"], ref.get(u)) for u in urls if u in got and got[u]["status"] != ref.get(u)]
    fresh = [u for u in urls if u in got and not got[u].get("from_cache")]
    print("%s: %d links, by status %s; %d not from the store; %d statuses differ from the single run"
          % (label, len(got), dict(collections.Counter(l["status"] for l in links)), len(fresh), len(differ)))
    if differ:
        fail("%s: %d links' status differs from single.json (link, here, single): %s" % (label, len(differ), differ[:4]))
    if fresh:
        fail("%s: %d links not served from the store (e.g. %s: %s)"
             % (label, len(fresh), fresh[0], {k: got[fresh[0]].get(k) for k in ("status", "error", "checked_at")}))

def check_log(urls_path, rows_path, label):
    """Part f: rows_path has key TAB counted-rows-of-night-1 TAB counted-rows-of-night-2 TAB
    all-rows per link of the store."""
    urls = read_urls(urls_path)
    rows = {}
    for line in open(rows_path):
        p = line.rstrip("\n").split("\t")
        if len(p) == 4:
            rows[p[0]] = (int(p[1]), int(p[2]), int(p[3]))
    keys = list(rows)
    def key_of(u):
        if u in rows:
            return u
        m = [k for k in keys if k.endswith(u)]
        return m[0] if len(m) == 1 else None
    unknown, wrong1, wrong2 = [], [], []
    for u in urls:
        k = key_of(u)
        if k is None:
            unknown.append(u)
            continue
        n1, n2, total = rows[k]
        if n1 != 1:
            wrong1.append((u, n1, total))
        if n2 != 1:
            wrong2.append((u, n2, total))
    print("%s: %d links in the store; of the manuscript's %d: %d not found, %d without exactly one counted row "
          "for night 1, %d for night 2" % (label, len(rows), len(urls), len(unknown), len(wrong1), len(wrong2)))
    if unknown:
        fail("%s: %d URLs have no row in links (e.g. %s; keys look like %s)" % (label, len(unknown), unknown[:2], keys[:2]))
    if wrong1:
        fail("%s: night 1: %d links without exactly one counted check_log row (link, counted, all rows): %s"
             % (label, len(wrong1), wrong1[:4]))
    if wrong2:
        fail("%s: night 2: %d links without exactly one counted check_log row (link, counted, all rows): %s"
             % (label, len(wrong2), wrong2[:4]))

if __name__ == "__main__":
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "manuscript":
        manuscript(args[0], args[1], int(args[2]), args[3])
    elif cmd == "requests":
        requests(args[0], int(args[1]), int(args[2]), args[3], args[4], args[5], float(args[6]), args[7])
    elif cmd == "workers":
        workers(args[0], args[1], args[3:], args[2])
    elif cmd == "dashboard":
        dashboard(args[0], args[1], args[2], args[3])
    elif cmd == "check-log":
        check_log(args[0], args[1], args[2])
    else:
        sys.exit("unknown subcommand " + cmd)
    for f in failures:
        print("FAIL: " + f)
    sys.exit(1 if failures else 0)
PY
# py SUBCOMMAND ARGS...: runs a check; its "FAIL: " lines become failures of the current part.
py() {
  local out line
  out=$("$python" "$work/pgw.py" "$@" 2>&1)
  while IFS= read -r line; do
    case "$line" in
      "FAIL: "*) fail "${line#FAIL: }" ;;
      *) echo "  $line" ;;
    esac
  done <<<"$out"
}

# --- PostgreSQL -----------------------------------------------------------------------------
psql_bin=""
for candidate in $(printf '%s\n' /usr/lib/postgresql/*/bin | sort -rV); do
  [ -x "$candidate/psql" ] && psql_bin="$candidate/psql" && break
done
[ -n "$psql_bin" ] || psql_bin=$(command -v psql || true)
pgdir=$(mktemp -d /tmp/citecheck-pg.XXXXXX) || die "cannot make a folder for the cluster"
uri=$(bash "$source_dir/tests/scripts/pg_cluster.sh" start "$pgdir" 2>"$work/pg_cluster.err")
status=$?
if [ "$status" -eq 77 ]; then
  echo "SKIP: $(cat "$work/pg_cluster.err")"
  exit 77
fi
[ "$status" -eq 0 ] && [ -n "$uri" ] || die "the PostgreSQL cluster did not start: $(tail -n 5 "$work/pg_cluster.err")"
[ -n "$psql_bin" ] || die "psql is not installed"
sql() { timeout 30 "$psql_bin" -X -q -At -F $'\t' -v ON_ERROR_STOP=1 "$uri" -c "$1"; }
[ "$(sql 'select 1' 2>&1)" = 1 ] || die "psql cannot reach the cluster at $uri"
echo "PostgreSQL: $uri ($pgdir)"

# --- nginx on 127.0.0.1-127.0.0.20 ----------------------------------------------------------
mkdir -p "$work/nginx"
access_log="$work/nginx/access.log"
free_port() {
  "$python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
http_status() { # http_status URL: the status of one GET, no proxy
  "$python" - "$1" <<'EOF'
import sys, urllib.error, urllib.request
opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
try:
    with opener.open(sys.argv[1], timeout=5) as r:
        print(r.status)
except urllib.error.HTTPError as e:
    print(e.code)
except Exception as e:
    print("error: %s" % e)
EOF
}
start_nginx() {
  local user_line="" listen a
  [ "$(id -u)" -eq 0 ] && user_line="user root;"
  for _ in 1 2 3 4 5; do
    port=$(free_port)
    listen=""
    for a in $(seq 1 20); do listen+="listen 127.0.0.$a:$port; "; done
    sed -e "s|@USER@|$user_line|" -e "s|@TMP@|$work/nginx|g" -e "s|@LISTEN@|$listen|" \
      fixtures/nginx/workers.conf.in >"$work/nginx/nginx.conf"
    : >"$work/nginx/error.log"
    "$nginx_bin" -p "$work/nginx/" -c "$work/nginx/nginx.conf" -e "$work/nginx/error.log" >"$work/nginx/stdout" 2>&1 &
    nginx_pid=$!
    for _ in $(seq 100); do
      kill -0 "$nginx_pid" 2>/dev/null || break
      if [ "$(http_status "http://127.0.0.20:$port/ports/ready.html")" = 200 ] &&
        [ "$(http_status "http://127.0.0.1:$port/gone/ready.html")" = 404 ]; then
        return 0
      fi
      sleep 0.1
    done
    if kill -0 "$nginx_pid" 2>/dev/null; then
      stop_nginx
      die "nginx did not answer on 127.0.0.1-20:$port within 10 s: $(tail -n 5 "$work/nginx/error.log")"
    fi
    wait "$nginx_pid" 2>/dev/null
    nginx_pid=""
    grep -q "Address already in use" "$work/nginx/error.log" "$work/nginx/stdout" && continue
    die "nginx did not start: $(cat "$work/nginx/stdout"; tail -n 5 "$work/nginx/error.log")"
  done
  die "nginx found no free port in 5 attempts"
}
start_nginx
echo "nginx $("$nginx_bin" -v 2>&1 | sed 's/.*version: //') on 127.0.0.1-127.0.0.20:$port (pid $nginx_pid)"
log_mark() { if [ -f "$access_log" ]; then wc -l <"$access_log"; else echo 0; fi; }
settle() { sleep 0.3; } # nginx logs a request as it ends: let the last ones in

# --- the manuscript -------------------------------------------------------------------------
doc="$work/m.txt"
"$python" "$work/pgw.py" manuscript "$doc" "$work/urls.txt" "$urls_count" "$port" || die "cannot write the manuscript"
dumped=$(timeout 60 "$binary" check --dump "$doc" 2>"$work/dump.err" | grep -c "^http://127\.0\.0\.")
[ "$dumped" -eq "$urls_count" ] || die "citecheck --dump finds $dumped URLs in the manuscript, not $urls_count ($(head -c 300 "$work/dump.err"))"
echo "manuscript: $urls_count URLs over 20 sites, every tenth a 404 ($doc)"

# --- running citecheck ----------------------------------------------------------------------
declare -A rc_of=()
# start_bg NAME ARGS...: citecheck ARGS in the background, standard error in WORK/NAME.err;
# sets $last_pid.
start_bg() {
  local name=$1
  shift
  "$binary" "$@" >"$work/$name.out" 2>"$work/$name.err" &
  last_pid=$!
  live_pids+=("$last_pid")
}
forget_pid() {
  local keep=() p
  for p in "${live_pids[@]}"; do [ "$p" = "$1" ] || keep+=("$p"); done
  live_pids=("${keep[@]}")
}
# wait_bounded SECONDS PID...: waits for each PID, all within SECONDS; one still running then is
# killed (a failure). Each exit status goes to rc_of[PID].
wait_bounded() {
  local limit=$1 pid
  shift
  local deadline=$((SECONDS + limit))
  for pid in "$@"; do
    while kill -0 "$pid" 2>/dev/null && [ "$SECONDS" -lt "$deadline" ]; do sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then
      fail "process $pid still running after $limit s: killed"
      kill -KILL "$pid" 2>/dev/null
    fi
    wait "$pid" 2>/dev/null
    rc_of[$pid]=$?
    forget_pid "$pid"
  done
}
expect_ok_exit() { # expect_ok_exit NAME STATUS: 0 or 1 (findings) and no crash
  if [ "$2" -gt 1 ]; then
    fail "$1: exit status $2 ($(tail -c 400 "$work/$1.err" | tr '\n' ' '))"
  fi
  if grep -qE 'Sanitizer|runtime error:|Segmentation fault|terminate called|Assertion .* failed' "$work/$1.err"; then
    fail "$1: crashed or an internal error: $(head -c 400 "$work/$1.err")"
  fi
}
# run_fg NAME SECONDS ARGS...: one citecheck in the foreground, bounded.
run_fg() {
  local name=$1 limit=$2
  shift 2
  start_bg "$name" "$@"
  wait_bounded "$limit" "$last_pid"
  run_rc=${rc_of[$last_pid]}
  expect_ok_exit "$name" "$run_rc"
}

# --- a. the reference: one process, SQLite ---------------------------------------------------
part="a: single run"
mark=$(log_mark)
t0=$SECONDS
run_fg single 120 check --allow-private --no-archive --per-host-interval "$interval1" --cache "$work/single.sqlite" \
  --format json -o "$work/single.json" "$doc"
settle
echo "a. single run (SQLite): exit $run_rc in $((SECONDS - t0)) s"
[ -s "$work/single.json" ] || die "no report single.json"
# Its requests: the harness's own check of c (one process keeps the interval, asks each URL once).
py requests "$access_log" "$mark" "$(log_mark)" "$work/urls.txt" "$port" once \
  "$("$python" -c "print($interval1 / 1000 - $tolerance)")" "single run"

help=$("$binary" check --help 2>/dev/null) # (not piped into grep -q: pipefail and SIGPIPE)
if ! grep -q -- '--night' <<<"$help"; then
  part="feature"
  echo "SKIP: $binary check has no --night (the PostgreSQL store and its workers are not built in):" \
    "only the single run was checked; $failures failure(s)"
  [ "$failures" -eq 0 ] || exit 1
  exit 77
fi

# --- b. four workers, one night, one store --------------------------------------------------
part="b: night 1 workers"
night1_start=$(date +%s)
mark=$(log_mark)
t0=$SECONDS
pids=()
for k in 0 1 2 3; do
  start_bg "worker-$k" check --allow-private --no-archive --per-host-interval "$interval1" --cache "$uri" \
    --night test-night-1 --lease "$lease" --header "X-Citecheck-Worker: $k" --format json -o "$work/worker-$k.json" "$doc"
  pids+=("$last_pid")
done
wait_bounded 300 "${pids[@]}"
settle
night1_end_mark=$(log_mark)
echo "b. four workers (night 1): exit statuses $(for p in "${pids[@]}"; do printf '%s ' "${rc_of[$p]}"; done)in $((SECONDS - t0)) s"
for k in 0 1 2 3; do expect_ok_exit "worker-$k" "${rc_of[${pids[$k]}]}"; done

# --- c. nginx's log: each URL once, the per-host interval across workers ---------------------
part="c: night 1 requests"
py requests "$access_log" "$mark" "$night1_end_mark" "$work/urls.txt" "$port" once \
  "$("$python" -c "print($interval1 / 1000 - $tolerance)")" "night 1"

# --- d. the workers' reports ----------------------------------------------------------------
part="d: night 1 reports"
py workers "$work/urls.txt" "$work/single.json" "night 1" "$work"/worker-{0,1,2,3}.json

# --- e. the dashboard: everything from the store --------------------------------------------
part="e: night 1 dashboard"
mark=$(log_mark)
run_fg night 120 check --allow-private --no-archive --per-host-interval "$interval1" --cache "$uri" \
  --format json -o "$work/night.json" "$doc"
settle
py requests "$access_log" "$mark" "$(log_mark)" "$work/urls.txt" "$port" none 0 "night 1 dashboard"
py dashboard "$work/urls.txt" "$work/single.json" "$work/night.json" "night 1 dashboard"

# --- f. night 2: a worker killed while it checks --------------------------------------------
part="f: night 2, one worker killed"
night2=$((night1_start + 8 * 86400))
night2_now=$(date -u -d "@$night2" +%Y-%m-%dT%H:%M:%SZ)
mark=$(log_mark)
t0=$SECONDS
pids=()
for k in 0 1 2 3; do
  start_bg "night2-worker-$k" check --allow-private --no-archive --per-host-interval "$interval2" --cache "$uri" \
    --night test-night-2 --lease "$lease" --now "$night2_now" --header "X-Citecheck-Worker: $k" \
    --format json -o "$work/night2-worker-$k.json" "$doc"
  pids+=("$last_pid")
done
# The victim: the first worker nginx has seen three requests from, once a second has passed
# (so it is surely checking), within 15 s.
victim=""
ms() { local t=${EPOCHREALTIME/[.,]/}; echo $((t / 1000)); } # the time in ms
started=$(ms)
for _ in $(seq 150); do
  sleep 0.1
  [ $(($(ms) - started)) -ge 1000 ] || continue
  victim=$(tail -n +"$((mark + 1))" "$access_log" 2>/dev/null | awk '$7 ~ /^[0-3]$/ { n[$7]++; if (n[$7] >= 3) { print $7; exit } }')
  [ -n "$victim" ] && break
done
if [ -z "$victim" ]; then
  fail "no worker made 3 requests within 15 s of its start: worker 0 is killed instead"
  victim=0
fi
victim_pid=${pids[$victim]}
before_kill=$(tail -n +"$((mark + 1))" "$access_log" | awk -v v="$victim" '$7 == v' | wc -l)
# (Standard error aside meanwhile: bash would print "Killed" and the command line.)
exec 3>&2 2>/dev/null
kill -KILL "$victim_pid" 2>/dev/null || victim_ended=1
wait_bounded 10 "$victim_pid"
exec 2>&3 3>&-
[ -z "${victim_ended:-}" ] || fail "worker $victim had already ended before the kill"
echo "f. night 2 ($night2_now): worker $victim SIGKILLed after $(($(ms) - started)) ms and $before_kill requests"
survivors=()
for k in 0 1 2 3; do [ "$k" = "$victim" ] || survivors+=("$k"); done
survivor_pids=()
for k in "${survivors[@]}"; do survivor_pids+=("${pids[$k]}"); done
wait_bounded 300 "${survivor_pids[@]}"
settle
echo "   the three others: exit statuses $(for k in "${survivors[@]}"; do printf '%s ' "${rc_of[${pids[$k]}]}"; done)in $((SECONDS - t0)) s"
[ "${rc_of[$victim_pid]}" -eq 137 ] || fail "the killed worker's exit status is ${rc_of[$victim_pid]}, not 137 (SIGKILL)"
for k in "${survivors[@]}"; do expect_ok_exit "night2-worker-$k" "${rc_of[${pids[$k]}]}"; done
# The three took the killed worker's sites over: between them, every link checked once.
py requests "$access_log" "$mark" "$(log_mark)" "$work/urls.txt" "$port" any \
  "$("$python" -c "print($interval2 / 1000 - $tolerance)")" "night 2"
survivor_reports=()
for k in "${survivors[@]}"; do survivor_reports+=("$work/night2-worker-$k.json"); done
py workers "$work/urls.txt" "$work/single.json" "night 2 survivors" "${survivor_reports[@]}"

# The store: exactly one counted check_log row per link and night. A night's rows are told by
# their checked_at (night 2 is 8 days after night 1: the cut is 4 days after night 1 began),
# whatever type the column has.
part="f: night 2 store"
ctype=$(sql "select data_type from information_schema.columns where table_name = 'check_log' and column_name = 'checked_at' limit 1" 2>&1)
schema=$(sql "select table_schema from information_schema.columns where table_name = 'check_log' and column_name = 'checked_at' limit 1" 2>&1)
[ -n "$schema" ] || schema=public
case "$ctype" in
  timestamp*) epoch="extract(epoch from c.checked_at)" ;;
  bigint | integer | smallint | numeric | real | "double precision") epoch="c.checked_at" ;;
  text | "character varying") epoch="extract(epoch from c.checked_at::timestamptz)" ;;
  *) epoch=""; fail "check_log.checked_at: unexpected column type '$ctype'" ;;
esac
if [ -n "$epoch" ]; then
  cut=$((night1_start + 4 * 86400))
  counted="(c.run_id IS NULL OR EXISTS (SELECT 1 FROM runs u WHERE u.id = c.run_id AND u.state IN ('complete', 'interrupted')))"
  if sql "SET search_path TO \"$schema\", public; SELECT l.key,
                 count(c.link_id) FILTER (WHERE $counted AND $epoch < $cut),
                 count(c.link_id) FILTER (WHERE $counted AND $epoch >= $cut),
                 count(c.link_id)
          FROM links l LEFT JOIN check_log c ON c.link_id = l.id GROUP BY l.key" >"$work/check_log.tsv" 2>"$work/check_log.err"; then
    py check-log "$work/urls.txt" "$work/check_log.tsv" "store"
  else
    fail "psql: $(head -c 400 "$work/check_log.err")"
  fi
  echo "  runs: $(sql "SET search_path TO \"$schema\", public; SELECT state || ' ' || count(*) FROM runs GROUP BY state ORDER BY state" 2>&1 | paste -sd, -)"
fi

part="f: night 2 dashboard"
mark=$(log_mark)
run_fg night2 120 check --allow-private --no-archive --per-host-interval "$interval2" --cache "$uri" \
  --now "$night2_now" --format json -o "$work/night2.json" "$doc"
settle
py requests "$access_log" "$mark" "$(log_mark)" "$work/urls.txt" "$port" none 0 "night 2 dashboard"
py dashboard "$work/urls.txt" "$work/single.json" "$work/night2.json" "night 2 dashboard"

if [ "$failures" -eq 0 ]; then
  echo "pg_workers: all checks passed in $SECONDS s"
  exit 0
fi
echo "pg_workers: $failures failure(s) in $SECONDS s (files in $work)"
exit 1
