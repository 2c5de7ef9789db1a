# shellcheck shell=bash
# loopback_farm.sh: what the end-to-end tests against a farm of loopback sites share. Sourced,
# not run: it only defines functions (sourcing it sets, starts or changes nothing). Used by
# pg_workers.sh and shard_workers.sh (all of it) and nginx_e2e.sh (farm_paths, farm_find_nginx,
# farm_enter_netns, farm_loopback_env and farm_launch_nginx only).
#
# The functions read and set these variables of the script (none is local to this file):
#   python      python3 (set by farm_paths)
#   self, binary, source_dir, work   the script itself, citecheck, the source tree, WORK_DIR
#               (realpaths, set by farm_paths and farm_setup)
#   nginx_bin   nginx (set by farm_find_nginx)
#   failures, part   the count of failed checks and the part of the test they are reported in
#   nginx_pid, port, access_log   the running nginx (farm_start_nginx, farm_stop_nginx)
#   live_pids, rc_of, last_pid, run_rc   the citecheck processes started (farm_start_bg ...)
#   pids, victim, started, survivors, survivor_pids   a night's workers and the one killed
#
# Setting up
#   farm_setup "$@"      The prologue of pg_workers.sh and shard_workers.sh, in this order:
#                        exactly 3 arguments or "usage: $0 CITECHECK_BINARY SOURCE_DIR WORK_DIR"
#                        on standard error and exit 2; farm_paths; sets work (WORK_DIR made;
#                        exit 2 if it cannot be), changes to SOURCE_DIR (exit 2); no
#                        executable citecheck: exit 2; no nginx: prints "SKIP:
#                        nginx is not installed" and exits 77; farm_enter_netns;
#                        farm_loopback_env; then empty state: failures=0, part=setup, no nginx,
#                        no citecheck processes.
#   farm_paths BINARY SOURCE_DIR
#                        Sets self ($0), binary and source_dir, as realpaths, and python (python3).
#   farm_find_nginx      Sets nginx_bin: $NGINX, else nginx on PATH, else /usr/sbin/nginx.
#                        Returns 1 when that is not an executable (the caller skips).
#   farm_enter_netns SCRIPT ARG...
#                        As root (unless CITECHECK_E2E_NETNS=0, or CITECHECK_E2E_ISOLATED is set:
#                        already inside), where unshare -n works and can bring loopback up:
#                        re-executes `bash SCRIPT ARG...` in a network namespace of its own with
#                        only loopback up and CITECHECK_E2E_ISOLATED=1, and does not return.
#                        Otherwise prints whether the network is isolated and returns. Needs
#                        $python.
#   farm_loopback_env    Unsets the proxy variables (libcurl and urllib read them) and sets
#                        NO_PROXY=*, so no request goes anywhere but where it is sent; unsets
#                        SOURCE_DATE_EPOCH (a fixed clock would hide mistakes) and NO_COLOR.
#   farm_traps CLEANUP   Runs CLEANUP (a command) on exit; HUP, INT and TERM exit 129, 130, 143.
#   farm_cleanup         SIGKILLs every citecheck still in live_pids, then farm_stop_nginx.
#
# Reporting
#   fail MESSAGE...      Prints "FAIL [$part]: MESSAGE" and counts a failure.
#   die MESSAGE...       fail, then prints the count and exits 1 (setup failed: nothing else runs).
#                        (nginx_e2e.sh defines its own fail and die after sourcing this file, by
#                        its cases: farm_launch_nginx, the one function here it uses that dies,
#                        then calls nginx_e2e.sh's die.)
#
# nginx on 127.0.0.1-127.0.0.20
#   farm_start_nginx     nginx ($nginx_bin) from fixtures/nginx/workers.conf.in in WORK/nginx,
#                        listening on 127.0.0.1-127.0.0.20 on one free port (another port, up to 5
#                        attempts, when it is taken); waits, at most 10 s, until 127.0.0.20 answers
#                        200 for /ports/ and 127.0.0.1 404 for /gone/, then prints its version,
#                        port and pid. Sets port, nginx_pid, access_log; dies when it cannot.
#   farm_launch_nginx DIR WHERE STOP READY...
#                        The start itself (farm_start_nginx's, and nginx_e2e.sh's with its own
#                        configuration, STOP and READY): empties DIR/error.log, starts $nginx_bin -p
#                        DIR/ -c DIR/nginx.conf in the background (its output in DIR/stdout), sets
#                        nginx_pid, and polls the command READY... every 0.1 s, 10 s at most.
#                        Returns 0 once READY succeeds; 1 when nginx exited because its port was
#                        taken (nginx_pid emptied: the caller tries another port). Otherwise dies:
#                        "nginx did not answer on WHERE within 10 s: ..." (after the command STOP,
#                        which stops nginx) or "nginx did not start: ...".
#   farm_stop_nginx      SIGQUIT (5 s), SIGTERM (3 s), then SIGKILL; waits for it. Nothing to do
#                        when it is not running.
#   farm_log_mark        Prints how many lines the access log has (0 before it exists).
#   farm_settle          Sleeps 0.3 s: nginx logs a request as it ends; lets the last ones in.
#
# The manuscript
#   farm_manuscript DOC URLS N
#                        Writes DOC, a reference list of N URLs http://127.0.0.(i%20+1):PORT/KIND/
#                        i.html (KIND gone for every tenth, a 404, else ports), and URLS, those
#                        URLs one a line; dies unless `citecheck check --dump DOC` finds the N
#                        (its standard error in WORK/dump.err). Needs $port.
#
# Running citecheck (every wait bounded)
#   farm_start_bg NAME ARG...
#                        citecheck ARG... in the background, standard output in WORK/NAME.out and
#                        standard error in WORK/NAME.err; sets last_pid, adds it to live_pids.
#   farm_wait_bounded SECONDS PID...
#                        Waits for each PID, all within SECONDS; one still running then is killed
#                        (a failure). Each exit status goes to rc_of[PID]; PID leaves live_pids.
#   farm_expect_exit NAME STATUS MAX
#                        Fails when STATUS is over MAX (1: findings) or WORK/NAME.err shows a crash
#                        (a sanitizer, an assertion, a segmentation fault ...).
#   farm_run_fg NAME SECONDS MAX ARG...
#                        farm_start_bg, farm_wait_bounded and farm_expect_exit in one: one citecheck
#                        in the foreground, bounded; sets run_rc.
#   farm_kill PID        SIGKILLs PID and waits for it (10 s at most; its status to rc_of[PID]),
#                        bash's "Killed" notice kept off standard error. Returns 1 when PID had
#                        already ended.
#   farm_ms              Prints the time in milliseconds (EPOCHREALTIME).
#   farm_pick_victim MARK AFTER_MS N
#                        Sets started (farm_ms now) and victim: the first worker header 0..N-1
#                        that the access log, after line MARK, shows three requests from; looked
#                        for every 0.1 s once AFTER_MS ms have passed, 15 s at most (victim empty
#                        when none did).
#   farm_survivors N     Sets survivors (the workers 0..N-1 but $victim) and survivor_pids (their
#                        ${pids[k]}).
#
# The checks in Python
#   farm_python          Prints the Python the scripts' helper files start with (the script's own
#                        checks are appended, and its subcommands handed to main()): fail and the
#                        failures; read_urls; read_log (access-log lines as dicts: start, end,
#                        addr, status, method, path, worker); count_requests (requests per URL of
#                        the manuscript, a summary line printed); check_once (every URL asked
#                        exactly once); check_gaps (the least time between two request starts on
#                        one host); load and url_links (a JSON report and its URL links);
#                        single_statuses (the reference run's status per URL); compare_statuses
#                        (a report's statuses against those); one_row_per_night (a counted history
#                        row per link and night); main (runs a subcommand, prints "FAIL: " lines,
#                        exits 1 on any failure).
#   farm_py FILE SUBCOMMAND ARG...
#                        Runs python FILE SUBCOMMAND ARG...; its "FAIL: " lines become failures of
#                        the current part, its other lines are printed indented.

farm_setup() {
  if [ $# -ne 3 ]; then
    echo "usage: $0 CITECHECK_BINARY SOURCE_DIR WORK_DIR" >&2
    exit 2
  fi
  farm_paths "$1" "$2"
  mkdir -p "$3" || exit 2
  work=$(realpath "$3")
  cd "$source_dir" || exit 2
  [ -x "$binary" ] || { echo "no citecheck binary at $binary" >&2; exit 2; }
  if ! farm_find_nginx; then
    echo "SKIP: nginx is not installed"
    exit 77
  fi
  farm_enter_netns "$self" "$binary" "$source_dir" "$work"
  farm_loopback_env
  failures=0
  part="setup"
  nginx_pid=""
  live_pids=()
  declare -gA rc_of=()
}

farm_paths() {
  self=$(realpath "$0")
  binary=$(realpath "$1")
  source_dir=$(realpath "$2")
  python=$(command -v /usr/bin/python3 || command -v python3)
}

farm_find_nginx() {
  nginx_bin=${NGINX:-}
  if [ -z "$nginx_bin" ]; then
    nginx_bin=$(command -v nginx || true)
    [ -n "$nginx_bin" ] || [ ! -x /usr/sbin/nginx ] || nginx_bin=/usr/sbin/nginx
  fi
  [ -n "$nginx_bin" ] && [ -x "$nginx_bin" ]
}

farm_enter_netns() {
  local lo_up='import fcntl, socket, struct
s = socket.socket()
flags = struct.unpack("16sH", fcntl.ioctl(s, 0x8913, struct.pack("16sH", b"lo", 0)))[1]  # SIOCGIFFLAGS
fcntl.ioctl(s, 0x8914, struct.pack("16sH", b"lo", flags | 1))  # SIOCSIFFLAGS, IFF_UP'
  if [ -z "${CITECHECK_E2E_ISOLATED:-}" ] && [ "${CITECHECK_E2E_NETNS:-1}" != 0 ] && [ "$(id -u)" -eq 0 ] &&
    unshare -n "$python" -c "$lo_up" 2>/dev/null; then
    # shellcheck disable=SC2016 # $1, $2 and $@ are the inner bash's
    CITECHECK_E2E_ISOLATED=1 exec unshare -n bash -c '"$1" -c "$2" && shift 2 && exec bash "$@"' \
      _ "$python" "$lo_up" "$@"
  fi
  if [ -n "${CITECHECK_E2E_ISOLATED:-}" ]; then
    echo "network namespace of its own: only loopback is up"
  else
    echo "host network: no namespace isolation (needs root and unshare -n)"
  fi
}

farm_loopback_env() {
  unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY ALL_PROXY all_proxy ftp_proxy FTP_PROXY
  export NO_PROXY='*' no_proxy='*'
  unset SOURCE_DATE_EPOCH NO_COLOR
}

farm_traps() {
  # shellcheck disable=SC2064 # the command is given now, run on exit
  trap "$1" EXIT
  trap 'exit 129' HUP
  trap 'exit 130' INT
  trap 'exit 143' TERM
}

farm_cleanup() {
  local pid
  for pid in "${live_pids[@]}"; do kill -KILL "$pid" 2>/dev/null; done
  farm_stop_nginx
}

fail() {
  echo "FAIL [$part]: $*"
  failures=$((failures + 1))
}
die() {
  fail "$*"
  echo "$failures failure(s)"
  exit 1
}

# --- nginx on 127.0.0.1-127.0.0.20 ----------------------------------------------------------
farm_free_port() {
  "$python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
farm_http_status() { # farm_http_status URL: the status of one GET, no proxy
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
farm_start_nginx() {
  local user_line="" listen a
  mkdir -p "$work/nginx"
  access_log="$work/nginx/access.log"
  [ "$(id -u)" -eq 0 ] && user_line="user root;"
  for _ in 1 2 3 4 5; do
    port=$(farm_free_port)
    listen=""
    for a in $(seq 1 20); do listen+="listen 127.0.0.$a:$port; "; done
    sed -e "s|@USER@|$user_line|" -e "s|@TMP@|$work/nginx|g" -e "s|@LISTEN@|$listen|" \
      "$source_dir/fixtures/nginx/workers.conf.in" >"$work/nginx/nginx.conf"
    if farm_launch_nginx "$work/nginx" "127.0.0.1-20:$port" farm_stop_nginx farm_sites_answer; then
      echo "nginx $("$nginx_bin" -v 2>&1 | sed 's/.*version: //') on 127.0.0.1-127.0.0.20:$port (pid $nginx_pid)"
      return 0
    fi
  done
  die "nginx found no free port in 5 attempts"
}
farm_sites_answer() { # the farm is up: 127.0.0.20 answers 200 for /ports/, 127.0.0.1 404 for /gone/
  [ "$(farm_http_status "http://127.0.0.20:$port/ports/ready.html")" = 200 ] &&
    [ "$(farm_http_status "http://127.0.0.1:$port/gone/ready.html")" = 404 ]
}
farm_launch_nginx() {
  local dir=$1 where=$2 stop=$3
  shift 3
  : >"$dir/error.log"
  "$nginx_bin" -p "$dir/" -c "$dir/nginx.conf" -e "$dir/error.log" >"$dir/stdout" 2>&1 &
  nginx_pid=$!
  for _ in $(seq 100); do
    kill -0 "$nginx_pid" 2>/dev/null || break
    "$@" && return 0
    sleep 0.1
  done
  if kill -0 "$nginx_pid" 2>/dev/null; then
    "$stop"
    die "nginx did not answer on $where within 10 s: $(tail -n 5 "$dir/error.log")"
  fi
  wait "$nginx_pid" 2>/dev/null
  nginx_pid=""
  grep -q "Address already in use" "$dir/error.log" "$dir/stdout" && return 1
  die "nginx did not start: $(cat "$dir/stdout"; tail -n 5 "$dir/error.log")"
}
farm_stop_nginx() {
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
farm_log_mark() { if [ -f "$access_log" ]; then wc -l <"$access_log"; else echo 0; fi; }
farm_settle() { sleep 0.3; }

# --- the manuscript -------------------------------------------------------------------------
farm_manuscript() {
  local doc=$1 urls=$2 n=$3 dumped
  "$python" - "$doc" "$urls" "$n" "$port" <<'PY' || die "cannot write the manuscript"
import sys
path, urls_path, n, port = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
with open(path, "w", encoding="utf-8") as f, open(urls_path, "w") as u:
    f.write("Link rot in a large bibliography\n\nThe survey cites many pages (Aliyev 2021).\n\nReferences\n\n")
    for i in range(n):
        kind = "gone" if i % 10 == 0 else "ports"
        url = "http://127.0.0.%d:%s/%s/%d.html" % (i % 20 + 1, port, kind, i)
        f.write("Aliyev, R. (2021). Ports of the Caspian, part %d. Retrieved from %s\n" % (i, url))
        u.write(url + "\n")
PY
  dumped=$(timeout 60 "$binary" check --dump "$doc" 2>"$work/dump.err" | grep -c "^http://127\.0\.0\.")
  [ "$dumped" -eq "$n" ] || die "citecheck --dump finds $dumped URLs in the manuscript, not $n ($(head -c 300 "$work/dump.err"))"
  echo "manuscript: $n URLs over 20 sites, every tenth a 404 ($doc)"
}

# --- running citecheck ----------------------------------------------------------------------
farm_start_bg() {
  local name=$1
  shift
  "$binary" "$@" >"$work/$name.out" 2>"$work/$name.err" &
  last_pid=$!
  live_pids+=("$last_pid")
}
farm_forget_pid() {
  local keep=() p
  for p in "${live_pids[@]}"; do [ "$p" = "$1" ] || keep+=("$p"); done
  live_pids=("${keep[@]}")
}
farm_wait_bounded() {
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
    farm_forget_pid "$pid"
  done
}
farm_expect_exit() {
  if [ "$2" -gt "$3" ]; then
    fail "$1: exit status $2 ($(tail -c 400 "$work/$1.err" | tr '\n' ' '))"
  fi
  if grep -qE 'Sanitizer|runtime error:|Segmentation fault|terminate called|Assertion .* failed' "$work/$1.err"; then
    fail "$1: crashed or an internal error: $(head -c 400 "$work/$1.err")"
  fi
}
farm_run_fg() {
  local name=$1 limit=$2 max=$3
  shift 3
  farm_start_bg "$name" "$@"
  farm_wait_bounded "$limit" "$last_pid"
  run_rc=${rc_of[$last_pid]}
  farm_expect_exit "$name" "$run_rc" "$max"
}
farm_kill() {
  local ended=0
  exec 3>&2 2>/dev/null
  kill -KILL "$1" 2>/dev/null || ended=1
  farm_wait_bounded 10 "$1"
  exec 2>&3 3>&-
  return "$ended"
}
farm_ms() { local t=${EPOCHREALTIME/[.,]/}; echo $((t / 1000)); }
farm_pick_victim() {
  local mark=$1 after_ms=$2 n=$3
  victim=""
  started=$(farm_ms)
  for _ in $(seq 150); do
    sleep 0.1
    [ $(($(farm_ms) - started)) -ge "$after_ms" ] || continue
    victim=$(tail -n +"$((mark + 1))" "$access_log" 2>/dev/null |
      awk -v n="$n" '$7 ~ /^(0|[1-9][0-9]*)$/ && $7 < n { c[$7]++; if (c[$7] >= 3) { print $7; exit } }')
    [ -n "$victim" ] && break
  done
}
farm_survivors() {
  local k
  survivors=()
  survivor_pids=()
  for k in $(seq 0 $(($1 - 1))); do
    [ "$k" = "$victim" ] && continue
    survivors+=("$k")
    survivor_pids+=("${pids[$k]}")
  done
}

# --- the checks in Python -------------------------------------------------------------------
farm_py() {
  local file=$1 out line
  shift
  out=$("$python" "$file" "$@" 2>&1)
  while IFS= read -r line; do
    case "$line" in
      "FAIL: "*) fail "${line#FAIL: }" ;;
      *) echo "  $line" ;;
    esac
  done <<<"$out"
}
farm_python() {
  cat <<'PY'
"""Checks of a loopback-farm test (tests/scripts/loopback_farm.sh): nginx's access log, the
reports. The test's own checks follow these; each subcommand prints one line per failed check,
prefixed "FAIL: ", and exits 1 when there was any."""
import collections, json, sys

failures = []
def fail(msg):
    failures.append(msg)

def host_of(url):
    return url.split("/")[2].split(":")[0]

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

def count_requests(lines, urls, port, label):
    """How often each of the manuscript's URLs was asked (GET or HEAD) in lines (read_log's);
    prints a line of counts: all requests, other requests, by worker header."""
    set_urls = set(urls)
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
    return asked

def asked_detail(lines, items):
    """The first three (URL, count) of items, each with the worker headers that asked it."""
    out = []
    for u, c in items[:3]:
        path = "/" + u.split("/", 3)[3]
        who = [r["worker"] for r in lines if path == r["path"] and r["addr"] == host_of(u)]
        out.append("%s asked %d times (worker headers %s)" % (u, c, who))
    return "; ".join(out)

def check_once(label, urls, asked, lines):
    """Every URL asked exactly once (asked: count_requests')."""
    missing = [u for u in urls if asked[u] == 0]
    twice = [(u, asked[u]) for u in urls if asked[u] > 1]
    if missing:
        fail("%s: %d of %d URLs never asked (e.g. %s)" % (label, len(missing), len(urls), missing[:3]))
    if twice:
        fail("%s: %d URLs asked more than once: %s" % (label, len(twice), asked_detail(lines, twice)))

def check_gaps(label, lines, min_gap):
    """At least min_gap s (0: not checked) between two request starts on one address; prints
    the smallest gap."""
    if min_gap <= 0:
        return
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

def url_links(r):
    return [l for d in r["documents"] for l in d.get("links", []) if l.get("kind") == "url"]

def load(path, label):
    """The JSON report at path, or None (a failure) when it is not one."""
    try:
        r = json.load(open(path, encoding="utf-8"))
        url_links(r)
        return r
    except Exception as e:
        fail("%s: %s is not a JSON report: %s" % (label, path, e))
        return None

def single_statuses(single, urls):
    """The reference run's (single.json's) status per URL; a failure unless its URL links are
    the manuscript's."""
    r = load(single, "single.json")
    if r is None:
        return {}
    st = {l["value"]: l["status"] for l in url_links(r)}
    if sorted(st) != sorted(urls):
        fail("single.json: its URL links are not the manuscript's %d URLs (%d links; missing e.g. %s)"
             % (len(urls), len(st), [u for u in urls if u not in st][:3]))
    return st

def compare_statuses(label, ref, urls, got, here):
    """A report's URL links (got, by value) against the reference's statuses (ref): the (URL,
    status in the report, status in single.json) of each that differs; a failure naming the
    report `here` when any does."""
    differ = [(u, got[u]["status"], ref.get(u)) for u in urls if u in got and got[u]["status"] != ref.get(u)]
    if differ:
        fail("%s: %d links' status differs from single.json (link, %s, single): %s" % (label, len(differ), here, differ[:4]))
    return differ

def one_row_per_night(label, urls, rows, table, log):
    """rows: key -> (counted rows of night 1, counted rows of night 2, all rows) per link of the
    store, whose keys are in `table` and rows in `log`. Every URL must have a key (itself, or
    the one key ending with it) and exactly one counted row each night. Returns the URLs
    without a key, and the (URL, counted, all rows) of those without one row, per night."""
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
    if unknown:
        fail("%s: %d URLs have no row in %s (e.g. %s; keys look like %s)" % (label, len(unknown), table, unknown[:2], keys[:2]))
    if wrong1:
        fail("%s: night 1: %d links without exactly one counted %s row (link, counted, all rows): %s"
             % (label, len(wrong1), log, wrong1[:4]))
    if wrong2:
        fail("%s: night 2: %d links without exactly one counted %s row (link, counted, all rows): %s"
             % (label, len(wrong2), log, wrong2[:4]))
    return unknown, wrong1, wrong2

def main(commands):
    """Runs the subcommand sys.argv[1] (commands: name -> function of the other arguments),
    then prints a "FAIL: " line per failure; exits 1 when there was any."""
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd not in commands:
        sys.exit("unknown subcommand " + cmd)
    commands[cmd](args)
    for f in failures:
        print("FAIL: " + f)
    sys.exit(1 if failures else 0)
PY
}
