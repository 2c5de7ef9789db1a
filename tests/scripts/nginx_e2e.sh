#!/usr/bin/env bash
# Link checking end to end against a real nginx on 127.0.0.1: statuses, redirects, Retry-After,
# soft 404s, a 50 MB body, an Arabic path, the private-address policy, DOIs (fake doi.org,
# Crossref, DataCite, Wayback Machine in fixtures/http and fixtures/nginx), the failure history
# of the cache and a machine without network. Each case asserts statuses and findings of the
# JSON report and, where it proves something, nginx's access log.
#
#   nginx_e2e.sh BINARY SOURCE_DIR [CASE...]    (no CASE: every case)
#   nginx_e2e.sh BINARY SOURCE_DIR serve        (only the server, until Ctrl-C: to poke at it)
#
# Cases: statuses redirects retry-after soft-404 big-body i18n-path private-refused doi
#        cache-history network-down verdicts
# Prints "FAIL [case]: ..." per failed check; exits 1 on any failure, 0 when all pass, 77 when
# nginx is not installed (or when every case asked for had to be skipped: network-down without
# unshare). NGINX=/path/to/nginx picks the binary.
#
# Nothing here connects anywhere but 127.0.0.1: nginx listens on 127.0.0.1 only, every service
# citecheck would ask (DOI resolver, Crossref, DataCite, archive) is pointed at it, proxies are
# switched off, and the one unresolvable host is a .invalid name (RFC 6761). As root the script
# re-runs itself in a network namespace with only loopback up (CITECHECK_E2E_NETNS=0: not).
# nginx and its helper are stopped on exit; temporary files are deleted.
set -uo pipefail
# shellcheck source-path=SCRIPTDIR source=loopback_farm.sh
source "$(dirname "${BASH_SOURCE[0]}")/loopback_farm.sh" || exit 2

if [ $# -lt 2 ]; then
  echo "usage: $0 BINARY SOURCE_DIR [CASE...]" >&2
  exit 2
fi
farm_paths "$1" "$2" # self, binary, source_dir (realpaths) and python
shift 2
cd "$source_dir" || exit 1

# nginx: $NGINX, on PATH or /usr/sbin/nginx (loopback_farm.sh).
if ! farm_find_nginx; then
  echo "nginx is not installed: the nginx end-to-end cases are skipped"
  exit 77
fi

# As root, the whole test runs in a network namespace of its own where only loopback is up:
# nothing it starts can reach another host even by mistake. (CITECHECK_E2E_NETNS=0 turns this
# off; without root, or where unshare is refused, the test runs on the host's network.) The
# re-exec is loopback_farm.sh's, shared with pg_workers.sh and shard_workers.sh.
farm_enter_netns "$self" "$binary" "$source_dir" "$@"

# Loopback only: no proxy may take the requests elsewhere (libcurl and urllib read these). No
# SOURCE_DATE_EPOCH: the cache records real times (first_failed_at); a fixed clock would hide
# mistakes. No NO_COLOR.
farm_loopback_env

tmp=$(mktemp -d "${TMPDIR:-/tmp}/citecheck-nginx.XXXXXX")
nginx_pid=""
silent_pid=""
stop_nginx() {
  [ -n "$nginx_pid" ] || return 0
  if kill -0 "$nginx_pid" 2>/dev/null; then
    kill -QUIT "$nginx_pid" 2>/dev/null # graceful: workers finish, then the master exits
    for _ in $(seq 50); do kill -0 "$nginx_pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$nginx_pid" 2>/dev/null; then
      echo "nginx did not quit within 5 s of SIGQUIT: SIGTERM"
      kill -TERM "$nginx_pid" 2>/dev/null # fast shutdown (a request still held by /slow)
      for _ in $(seq 50); do kill -0 "$nginx_pid" 2>/dev/null || break; sleep 0.1; done
    fi
    kill -0 "$nginx_pid" 2>/dev/null && kill -KILL "$nginx_pid" 2>/dev/null
  fi
  wait "$nginx_pid" 2>/dev/null
  nginx_pid=""
}
stop_silent() {
  [ -n "$silent_pid" ] || return 0
  kill "$silent_pid" 2>/dev/null
  wait "$silent_pid" 2>/dev/null
  silent_pid=""
}
cleanup() {
  stop_nginx
  stop_silent
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

failures=0
skipped=0
report_bad=""
case_name="setup"
fail() {
  echo "FAIL [$case_name]: $*"
  failures=$((failures + 1))
}
die() { # setup failed: nothing else can run
  fail "$*"
  echo "$failures failure(s)"
  exit 1
}

# --- helpers ----------------------------------------------------------------------------------
free_port() {
  "$python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
now() { "$python" -c 'import time; print(f"{time.time():.3f}")'; }
# http METHOD URL: prints the status code of one request (no redirect followed, no proxy).
http() {
  "$python" - "$1" "$2" <<'EOF'
import sys, urllib.error, urllib.request
class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None
opener = urllib.request.build_opener(urllib.request.ProxyHandler({}), NoRedirect)
try:
    with opener.open(urllib.request.Request(sys.argv[2], method=sys.argv[1]), timeout=5) as r:
        print(r.status)
except urllib.error.HTTPError as e:
    print(e.code)
except Exception as e:
    print(f"error: {e}")
EOF
}

# The helper nginx proxies /slow and /delayed.html to: accepts, never answers.
start_silent() {
  "$python" fixtures/nginx/silent_listener.py "$tmp/silent.port" &
  silent_pid=$!
  for _ in $(seq 100); do [ -s "$tmp/silent.port" ] && break; sleep 0.05; done
  [ -s "$tmp/silent.port" ] || die "the silent listener did not start"
  silent_port=$(cat "$tmp/silent.port")
}

# nginx from fixtures/nginx/citecheck.conf.in, in $tmp/nginx, on a free port (retried if taken;
# the start and the wait for /ok.html are loopback_farm.sh's farm_launch_nginx).
start_nginx() {
  local user_line=""
  [ "$(id -u)" -eq 0 ] && user_line="user root;" # workers must read the 0700 temporary directory
  mkdir -p "$tmp/nginx" "$tmp/www"
  cp -R fixtures/nginx/www/. "$tmp/www/"
  truncate -s 50M "$tmp/www/big.bin" 2>/dev/null || head -c 52428800 /dev/zero >"$tmp/www/big.bin"
  for _ in 1 2 3 4 5; do
    port=$(free_port)
    base="http://127.0.0.1:$port"
    rm -rf "$tmp/http"
    cp -R fixtures/http "$tmp/http"
    find "$tmp/http" -name '*.json' -exec sed -i "s/@PORT@/$port/g" {} +
    sed -e "s|@USER@|$user_line|" -e "s|@TMP@|$tmp/nginx|g" -e "s|@ROOT@|$tmp/www|g" \
      -e "s|@HTTP@|$tmp/http|g" -e "s|@PORT@|$port|g" -e "s|@SILENT_PORT@|$silent_port|g" \
      fixtures/nginx/citecheck.conf.in >"$tmp/nginx/nginx.conf"
    # Up once it answers; 1 when someone took the port between free_port and nginx: another one.
    farm_launch_nginx "$tmp/nginx" "$base" stop_nginx nginx_answers && return 0
  done
  die "nginx found no free port in 5 attempts"
}
nginx_answers() { [ "$(http GET "$base/ok.html")" = 200 ]; }

access_log="$tmp/nginx/access.log"
# log_mark: the number of access-log lines so far; log_since MARK: the lines after it.
log_mark() { if [ -f "$access_log" ]; then wc -l <"$access_log"; else echo 0; fi; }
log_since() { [ -f "$access_log" ] && tail -n +"$(($1 + 1))" "$access_log"; }

# The manuscript with the real ports: PORT (nginx) and CLOSEDPORT (nothing listens).
prepare() { # prepare SOURCE DESTINATION
  sed -e "s/:CLOSEDPORT\//:$closed_port\//g" -e "s/:PORT\//:$port\//g" "$1" >"$2"
}
# A small manuscript from standard input (for the cases where the other links would get in
# the way of timing), PORT substituted.
manuscript() { # manuscript NAME <TEXT
  cat >"$tmp/$1.src"
  prepare "$tmp/$1.src" "$tmp/$1.txt"
}

services=() # set once the port is known
fast=(--timeout 2 --connect-timeout 1 --retries 1 --concurrency 8 --per-host 8 --per-host-interval 0
  --max-retry-after 5 --quiet)

# run ARGS... : citecheck check ARGS, bounded to 120 s; fills $rc, $out, $err, $elapsed (s).
run() {
  out="$tmp/stdout" err="$tmp/stderr"
  local t0 t1
  t0=$(now)
  timeout 120 "$binary" check "$@" >"$out" 2>"$err"
  rc=$?
  t1=$(now)
  elapsed=$("$python" -c "print(f'{$t1 - $t0:.2f}')")
  [ "$rc" -ne 124 ] || fail "citecheck did not finish within 120 s (killed)"
  expect_no_crash
  expect_json_report
}
# A report that is not JSON fails once; the checks that read it are then skipped.
expect_json_report() {
  report_bad=""
  if ! "$python" -c 'import json, sys; json.load(open(sys.argv[1], encoding="utf-8"))["documents"][0]' "$out" 2>/dev/null; then
    report_bad=1
    fail "no JSON report on stdout (exit status $rc; stderr: $(head -c 300 "$err"); stdout: $(head -c 200 "$out"))"
    return
  fi
  # The network's fields (redirects, archived_url, history, registered…) keep the contract.
  local problems
  if ! problems=$("$python" "$source_dir/tests/scripts/validate_report.py" "$source_dir/docs/report.schema.json" "$out" 2>&1); then
    fail "the report does not keep the contract (docs/report.schema.json): $(printf '%s' "$problems" | head -c 600)"
  fi
}
expect_no_crash() {
  if grep -qE 'Sanitizer|runtime error:|Segmentation fault|core dumped|terminate called|Assertion .* failed|std::|panic' "$err"; then
    fail "citecheck crashed or reported an internal error: $(head -c 500 "$err")"
  fi
  [ "$rc" -lt 128 ] || [ "$rc" -eq 124 ] || fail "citecheck died of a signal (exit status $rc)"
}
expect_rc() { [ "$rc" -eq "$1" ] || fail "exit status $rc, expected $1 (stderr: $(head -c 300 "$err"))"; }

# q VALUE EXPR: evaluates a Python expression over the report on stdout. Bound: r (report),
# d (documents[0]), links, F (all findings); with VALUE non-empty, l (the one link whose value
# is VALUE), f (the findings about it: its id among items, or on its line), codes (their codes),
# and finding(code) (the first of them with that code, or {}).
q() {
  "$python" - "$out" "$1" "$2" <<'EOF'
import json, sys
try:
    r = json.load(open(sys.argv[1], encoding="utf-8"))
except Exception as e:
    print(f"<the report is not JSON: {e}>")
    sys.exit(0)
d = r["documents"][0]
links = d.get("links", [])
F = d.get("findings", [])
l, f = None, F
if sys.argv[2]:
    m = [x for x in links if x.get("value") == sys.argv[2]]
    if len(m) != 1:
        print(f"<{len(m)} links with value {sys.argv[2]}>")
        sys.exit(0)
    l = m[0]
    f = [x for x in F if l["id"] in (x.get("items") or []) or x.get("line") == l.get("line")]
codes = sorted(x["code"] for x in f)
def finding(code):
    return next((x for x in f if x["code"] == code), {})
try:
    print(eval(sys.argv[3]))
except Exception as e:
    print(f"<{type(e).__name__}: {e}>")
EOF
}
short() { printf '%s' "${1#"$base"}"; } # a value as the messages show it (the path)
expect_link() { # expect_link VALUE EXPR EXPECTED
  local got
  [ -z "$report_bad" ] || return 0
  got=$(q "$1" "$2")
  [ "$got" = "$3" ] || fail "$(short "$1"): $2 is '$got', expected '$3'"
}
expect_status() { expect_link "$1" "l['status']" "$2"; } # expect_status VALUE STATUS
expect_code() { # expect_code VALUE CODE SEVERITY: a finding CODE about the link
  expect_link "$1" "finding('$2').get('severity')" "$3"
}
expect_no_code() { # expect_no_code VALUE CODE
  expect_link "$1" "'$2' in codes" "False"
}
expect_error_mentions() { # expect_error_mentions VALUE WORD (case-insensitive)
  expect_link "$1" "'$2'.lower() in (l['error'] or '').lower()" "True"
}

# --- the server -------------------------------------------------------------------------------
start_silent
start_nginx
closed_port=$(free_port) # nothing listens there
services=(--doi-resolver "$base/doi" --crossref-api "$base/crossref" --datacite-api "$base/datacite"
  --archive-api "$base" --mailto citecheck-e2e@example.org)
echo "$("$nginx_bin" -v 2>&1 | sed 's/.*version: //') on $base (pid $nginx_pid); closed port $closed_port"

u() { printf '%s%s' "$base" "$1"; } # u PATH: the URL on the test server
u2() { printf '%s%s' "${base/127.0.0.1/127.0.0.2}" "$1"; } # u2 PATH: the same server as a second host
arabic_path="/مقالات/بحث.html"
arabic_encoded=$("$python" -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$arabic_path")

# The whole manuscript, checked once and shared by the cases that read it.
full_done=""
full_run() {
  if [ -z "$full_done" ]; then
    prepare fixtures/manuscripts/links_e2e.txt "$tmp/links_e2e.txt"
    full_mark=$(log_mark)
    run --format json --allow-private --no-cache "${fast[@]}" "${services[@]}" "$tmp/links_e2e.txt"
    sleep 0.3 # nginx logs a request as it ends
    log_since "$full_mark" >"$tmp/full.log"
    cp "$out" "$tmp/full.json"
    cp "$err" "$tmp/full.err"
    full_rc=$rc full_elapsed=$elapsed full_bad=$report_bad full_done=1
    echo "whole manuscript: exit $full_rc in $full_elapsed s"
  fi
  out="$tmp/full.json" err="$tmp/full.err" rc=$full_rc report_bad=$full_bad
}

# "serve": no test, just the server, for poking at it by hand (Ctrl-C stops it).
if [ "${1:-}" = serve ]; then
  echo "serving on $base (closed port $closed_port); logs in $tmp/nginx; Ctrl-C stops"
  sleep infinity &
  sleeper_pid=$!
  trap 'kill $sleeper_pid 2>/dev/null; exit 130' INT TERM
  wait "$sleeper_pid"
  exit 0
fi

want() { # want CASE: whether to run it
  case_name=$1
  if [ ${#selected[@]} -eq 0 ]; then return 0; fi
  local c
  for c in "${selected[@]}"; do [ "$c" = "$1" ] && ran+=("$1") && return 0; done
  return 1
}
ran=()
selected=("$@")

# --- private addresses: refused without --allow-private, and nothing reaches nginx ------------
# (First, while no earlier run can still be writing to the access log.)
if want private-refused; then
  manuscript private <<'EOF'
Two addresses of one survey

The survey exists as a web page (Sultanova 2020) and as a local mirror (Aliyev 2021).

References

Aliyev, Kamran. 2021. "Ports of the Caspian: A Local Mirror." Caspian Ports Observatory. http://localhost:PORT/ok.html
Sultanova, Leyla. 2020. "Ports of the Caspian: A Survey." Caspian Ports Observatory. http://127.0.0.1:PORT/ok.html
EOF
  mark=$(log_mark)
  run --format json --no-cache "${fast[@]}" "${services[@]}" "$tmp/private.txt"
  sleep 0.3
  expect_rc 0
  for v in "http://localhost:$port/ok.html" "$(u /ok.html)"; do
    expect_status "$v" skipped
    expect_error_mentions "$v" loopback
    expect_code "$v" skipped-link info
    expect_link "$v" "l['http_status']" None
  done
  requests=$(log_since "$mark" | grep -v '" 499 ' | grep -c .)
  [ "$requests" -eq 0 ] || fail "$requests request(s) reached nginx without --allow-private: $(log_since "$mark" | head -3)"
fi

# --- Retry-After: a 503 then a 200 for /flaky, an endless 429 for /busy ------------------------
if want retry-after; then
  manuscript retry <<'EOF'
Throughput and tariffs

Container volumes (Ibrahimov 2020) depend on tariffs (Jafarli 2021).

References

Ibrahimov, Vugar. 2020. "Container Volumes in Turkmenbashi." Port Statistics Online. http://127.0.0.1:PORT/flaky
Jafarli, Ayan. 2021. "Port Tariffs in Makhachkala." Tariff Watch. http://127.0.0.2:PORT/busy
EOF
  # Warm-up: one HEAD and one GET fill /flaky's buckets (one request in five seconds per
  # method), so citecheck's first request, within five seconds, gets 503 + Retry-After: 5.
  sleep 5.1
  warm_head=$(http HEAD "$(u /flaky)")
  warm_get=$(http GET "$(u /flaky)")
  [ "$warm_head $warm_get" = "200 200" ] || fail "warm-up requests for /flaky got $warm_head $warm_get, expected 200 200"
  mark=$(log_mark)
  run --format json --allow-private --no-cache --timeout 5 --connect-timeout 1 --retries 1 \
    --concurrency 4 --per-host 4 --per-host-interval 0 --max-retry-after 5 --quiet "${services[@]}" "$tmp/retry.txt"
  sleep 0.3
  log_since "$mark" >"$tmp/retry.log"
  expect_rc 0
  expect_status "$(u /flaky)" ok
  expect_link "$(u /flaky)" "l['http_status']" 200
  expect_no_code "$(u /flaky)" newly-broken
  # The log: citecheck's first /flaky request got 503, a later one 200, at least 5 s later.
  verdict=$("$python" - "$tmp/retry.log" /flaky <<'EOF'
import sys
rows = []
for line in open(sys.argv[1], encoding="utf-8", errors="replace"):
    parts = line.split(" ", 3)
    if len(parts) == 4 and f" {sys.argv[2]} " in parts[3]:
        rows.append((float(parts[0]), parts[1]))
if not rows:
    print(f"no request for {sys.argv[2]}")
elif rows[0][1] != "503":
    print(f"the first request got {rows[0][1]}, not 503 (statuses: {[s for _, s in rows]})")
else:
    ok = [t for t, s in rows if s == "200"]
    if not ok:
        print(f"no 200 after the 503 (statuses: {[s for _, s in rows]})")
    elif ok[0] - rows[0][0] < 4.95:
        print(f"retried {ok[0] - rows[0][0]:.2f} s after the 503, before Retry-After: 5 allowed")
    else:
        print("ok")
EOF
  )
  [ "$verdict" = ok ] || fail "/flaky in the access log: $verdict"
  expect_status "$(u2 /busy)" unverifiable
  expect_link "$(u2 /busy)" "l['http_status']" 429
  expect_code "$(u2 /busy)" unverifiable-link info
  expect_no_code "$(u2 /busy)" newly-broken
  # /busy was asked again after its Retry-After, not hammered.
  verdict=$("$python" - "$tmp/retry.log" /busy <<'EOF'
import sys
times = [float(l.split(" ", 1)[0]) for l in open(sys.argv[1], encoding="utf-8", errors="replace")
         if f" {sys.argv[2]} " in l]
if len(times) < 2:
    print(f"{len(times)} request(s): no retry after the 429")
elif min(b - a for a, b in zip(times, times[1:])) < 0.95:
    print(f"retried within Retry-After: 1 (requests at {[round(t - times[0], 2) for t in times]} s)")
else:
    print("ok")
EOF
  )
  [ "$verdict" = ok ] || fail "/busy in the access log: $verdict"
fi

# --- every status in one run ------------------------------------------------------------------
if want statuses; then
  full_run
  expect_rc 1 # newly-broken links are errors
  grep -q . "$err" && echo "stderr of the whole run: $(head -c 300 "$err")"
  while read -r path status; do
    expect_status "$(u "$path")" "$status"
  done <<EOF
/ok.html ok
/moved redirected
/perm308 redirected
/chain1 ok
/loop broken
/gone broken
/removed broken
/error server-error
/flaky ok
/no-head ok
/forbidden unverifiable
/slow timeout
/old-article soft-404
/members-only soft-404
/missing.html soft-404
/ar/missing.html soft-404
/big.bin ok
$arabic_path ok
/changed.html ok
EOF
  expect_status "$(u2 /busy)" unverifiable
  expect_link "$(u2 /busy)" "l['http_status']" 429
  expect_status "http://127.0.0.1:$closed_port/ferries.html" broken
  expect_status "http://no-such-host.invalid/sturgeon.html" broken
  expect_status 10.5555/caspian.2021.1 ok
  expect_status 10.5556/dataset.42 ok
  while read -r path code; do
    expect_link "$(u "$path")" "l['http_status']" "$code"
  done <<EOF
/ok.html 200
/gone 404
/removed 410
/error 500
/forbidden 403
/no-head 200
/missing.html 200
/changed.html 200
EOF
  expect_link "$(u /slow)" "l['http_status']" None
  for v in "$(u /loop)" "$(u /gone)" "$(u /removed)" "$(u /slow)" "$(u /error)" \
    "http://127.0.0.1:$closed_port/ferries.html" "http://no-such-host.invalid/sturgeon.html"; do
    expect_link "$v" "bool(l['error'])" True
  done
  expect_error_mentions "http://no-such-host.invalid/sturgeon.html" invalid
  expect_link "$(u /moved)" "(l['final_url'] or '').endswith('/ok.html')" True
  expect_link "$(u /ok.html)" "l['error']" None
  # Findings: a failing link is newly broken (no cache: the first failure), a 403/429 is noted.
  for path in /gone /removed /loop; do expect_code "$(u "$path")" newly-broken error; done
  expect_code "http://127.0.0.1:$closed_port/ferries.html" newly-broken error
  expect_code "$(u /forbidden)" unverifiable-link info
  expect_code "$(u2 /busy)" unverifiable-link info
  for path in /forbidden /ok.html /chain1 /flaky /no-head /big.bin; do
    expect_no_code "$(u "$path")" newly-broken
  done
  expect_no_code "$(u2 /busy)" newly-broken
  # /changed.html answers, but with another work: a warning; pages that match raise none.
  expect_code "$(u /changed.html)" url-content-mismatch warning
  for path in /ok.html /moved /perm308 /chain1 /flaky /no-head "$arabic_path" /big.bin; do
    expect_no_code "$(u "$path")" url-content-mismatch
  done
  # The archive: /gone (accessed 12 March 2019) has the capture closest to that day.
  expect_link "$(u /gone)" "l['archived_url']" "$base/web/20190304050607/$base/gone"
  expect_link "$(u /gone)" "l['archived_at']" "2019-03-04T05:06:07Z"
  expect_link "$(u /ok.html)" "l.get('archived_url')" None
  grep -E '"(GET|HEAD) /web/20190312000000/' "$tmp/full.log" | grep -q 'gone' ||
    fail "no archive lookup for /gone at 20190312000000 (its access date) in the access log"
  # Retries: the 500 was asked again.
  n=$(grep -c '"[A-Z]* /error HTTP' "$tmp/full.log")
  [ "$n" -ge 2 ] || fail "/error was requested $n time(s); a 500 is retried (--retries 1)"
  # Timing: everything ran concurrently, and timeouts are bounded.
  "$python" -c "import sys; sys.exit(0 if $full_elapsed < 60 else 1)" ||
    fail "the whole manuscript took $full_elapsed s (--timeout 2, --retries 1)"
fi

# --- redirects --------------------------------------------------------------------------------
if want redirects; then
  full_run
  expect_status "$(u /chain1)" ok
  expect_link "$(u /chain1)" "len(l['redirects'])" 3
  expect_link "$(u /chain1)" "(l['final_url'] or '').endswith('/ok.html')" True
  expect_no_code "$(u /chain1)" redirected-link
  expect_status "$(u /loop)" broken
  expect_error_mentions "$(u /loop)" redirect
  for path in /moved /perm308; do
    expect_status "$(u "$path")" redirected
    expect_link "$(u "$path")" "l['final_url']" "$base/ok.html"
    expect_code "$(u "$path")" redirected-link info
    expect_link "$(u "$path")" "'/ok.html' in finding('redirected-link').get('message', '')" True
  done
  expect_link "$(u /moved)" "len(l['redirects'])" 1
  # A redirect to a home page or a login form is a soft 404, not a redirect to report.
  for path in /old-article /members-only; do
    expect_no_code "$(u "$path")" redirected-link
  done
fi

# --- soft 404s --------------------------------------------------------------------------------
if want soft-404; then
  full_run
  for path in /old-article /members-only /missing.html /ar/missing.html; do
    expect_status "$(u "$path")" soft-404
  done
  expect_link "$(u /missing.html)" "l['http_status']" 200
  expect_link "$(u /ar/missing.html)" "l['http_status']" 200
  expect_link "$(u /old-article)" "l['final_url']" "$base/"
  expect_link "$(u /members-only)" "(l['final_url'] or '').startswith('$base/login')" True
  # The real pages beside them are not soft 404s.
  for path in /ok.html /no-head /changed.html "$arabic_path"; do
    expect_link "$(u "$path")" "l['status'] != 'soft-404'" True
  done
fi

# --- a 50 MB body: read no more than its start -------------------------------------------------
if want big-body; then
  manuscript big <<'EOF'
Vessel positions

Positions of all ships (Rustamov 2021).

References

Rustamov, Ilgar. 2021. "AIS Vessel Positions in the Caspian Sea, 2020." Data file, Caspian Data Archive. http://127.0.0.1:PORT/big.bin
EOF
  mark=$(log_mark)
  run --format json --allow-private --no-cache --timeout 30 --connect-timeout 1 --retries 1 --quiet \
    "${services[@]}" "$tmp/big.txt"
  sleep 0.3
  expect_rc 0
  expect_status "$(u /big.bin)" ok
  expect_link "$(u /big.bin)" "l['http_status']" 200
  "$python" -c "import sys; sys.exit(0 if $elapsed < 10 else 1)" ||
    fail "checking a 50 MB file took $elapsed s (reading it all takes over 10 s; read only the start)"
  # nginx never sent the whole file (52428800 bytes) in one response.
  if log_since "$mark" | grep '/big.bin ' | awk '$3 >= 52428800' | grep -q .; then
    fail "citecheck downloaded the whole 50 MB: $(log_since "$mark" | grep '/big.bin ' | head -2)"
  fi
  echo "big-body: $elapsed s; nginx sent $(log_since "$mark" | awk '/\/big.bin /{print $2, $3 " bytes"}' | paste -sd, -)"
fi

# --- an Arabic path ---------------------------------------------------------------------------
if want i18n-path; then
  full_run
  expect_status "$(u "$arabic_path")" ok
  expect_link "$(u "$arabic_path")" "l['value']" "$(u "$arabic_path")"
  expect_link "$(u "$arabic_path")" "l['http_status']" 200
  # On the wire: UTF-8, percent-encoded (RFC 3986: upper-case hex digits).
  grep -qF " $arabic_encoded HTTP/" "$tmp/full.log" ||
    fail "no request for $arabic_encoded in the access log: $(grep -iE '%d9|\\x' "$tmp/full.log" | head -2)"
  grep -F " $arabic_encoded HTTP/" "$tmp/full.log" | grep -q '^[0-9.]* 200 ' ||
    fail "the request for $arabic_encoded did not get 200: $(grep -F "$arabic_encoded" "$tmp/full.log" | head -2)"
fi

# --- DOIs: doi.org, Crossref, DataCite ---------------------------------------------------------
if want doi; then
  full_run
  caspian=10.5555/caspian.2021.1
  expect_status $caspian ok
  for code in doi-not-found doi-metadata-mismatch retracted-work; do expect_no_code $caspian $code; done
  expect_code 10.5555/does-not-exist doi-not-found error
  expect_code 10.5555/other.work doi-metadata-mismatch warning
  expect_link 10.5555/other.work "'soil microbiomes of alpine meadows' in finding('doi-metadata-mismatch').get('message', '').lower()" True
  expect_link 10.5555/other.work "'ports of the caspian' in finding('doi-metadata-mismatch').get('message', '').lower()" True
  expect_no_code 10.5555/other.work doi-not-found
  expect_code 10.5555/retracted.2019 retracted-work error
  expect_link 10.5555/retracted.2019 "'10.5555/retraction-notice' in finding('retracted-work').get('message', '')" True
  expect_no_code 10.5555/retracted.2019 doi-not-found
  expect_status 10.5556/dataset.42 ok
  for code in doi-not-found doi-metadata-mismatch retracted-work; do expect_no_code 10.5556/dataset.42 $code; done
  # The services were asked: Crossref politely (mailto), DataCite for its DOI.
  grep -q '"GET /crossref/works/10.5555/caspian.2021.1[?" ]' "$tmp/full.log" ||
    fail "Crossref was not asked about 10.5555/caspian.2021.1"
  grep '"GET /crossref/works/' "$tmp/full.log" | grep -q 'mailto' ||
    fail "Crossref requests carry no mailto (query or User-Agent): $(grep '/crossref/' "$tmp/full.log" | head -1)"
  grep -qE '^[0-9.]+ 200 [0-9]+ "GET /datacite/dois/10\.5556/dataset\.42[? ]' "$tmp/full.log" ||
    fail "DataCite was not asked about 10.5556/dataset.42"
fi

# --- the cache: failure history over runs -----------------------------------------------------
if want cache-history; then
  manuscript cache <<'EOF'
Caviar and ferries

The caviar trade (Farajova 2015) and the ferries (Tagiyev 2013).

References

Farajova, Samira. 2015. "Caviar Exports and the Sanctions Regime." Caspian Trade Review. http://127.0.0.1:PORT/gone. Accessed 12 March 2019.
Tagiyev, Zaur. 2013. "Ferry Timetables of the Caspian." Caspian Ferries. http://127.0.0.1:PORT/delayed.html
EOF
  cache=(--cache "$tmp/c.sqlite" --confirm-after 2)
  opts=(--format json --allow-private --timeout 5 --connect-timeout 1 --retries 1 --per-host 4
    --per-host-interval 0 --quiet "${services[@]}")
  gone=$(u /gone)
  # Run 1: the first failure is not confirmed yet.
  before=$(now)
  run "${opts[@]}" "${cache[@]}" --cache-ttl 0 "$tmp/cache.txt"
  after=$(now)
  expect_rc 0
  expect_status "$gone" broken
  expect_code "$gone" unconfirmed-failure warning
  expect_no_code "$gone" newly-broken
  expect_link "$gone" "l['consecutive_failures']" 1
  expect_status "$(u /delayed.html)" ok
  first=$(q "$gone" "l['first_failed_at']")
  in_run1=$("$python" - "$first" "$before" "$after" <<'EOF'
import sys, datetime
try:
    t = datetime.datetime.fromisoformat(sys.argv[1].replace("Z", "+00:00")).timestamp()
except ValueError:
    print("not an ISO 8601 time"); sys.exit(0)
print("ok" if int(float(sys.argv[2])) <= t <= float(sys.argv[3]) + 1 else "outside run 1")
EOF
  )
  [ -n "$report_bad" ] || [ "$in_run1" = ok ] || fail "run 1: first_failed_at '$first': $in_run1"
  sleep 1.2 # the runs' times differ
  # Run 2: the second failure in a row confirms it.
  run "${opts[@]}" "${cache[@]}" --cache-ttl 0 "$tmp/cache.txt"
  expect_rc 1
  expect_code "$gone" newly-broken error
  expect_no_code "$gone" unconfirmed-failure
  expect_link "$gone" "l['consecutive_failures']" 2
  expect_link "$gone" "l['first_failed_at']" "$first"
  sleep 1.2
  # Run 3: already broken on an earlier run.
  run "${opts[@]}" "${cache[@]}" --cache-ttl 0 "$tmp/cache.txt"
  run3=$elapsed
  expect_rc 1
  expect_code "$gone" still-broken error
  expect_no_code "$gone" newly-broken
  expect_link "$gone" "l['consecutive_failures']" 3
  expect_link "$gone" "l['first_failed_at']" "$first"
  expect_status "$(u /delayed.html)" ok
  "$python" -c "import sys; sys.exit(0 if $run3 >= 1 else 1)" ||
    fail "run 3 took $run3 s: /delayed.html (1 s) was not fetched again despite --cache-ttl 0"
  # Run 4, no --cache-ttl: answered from the cache, no request at all for the cited pages.
  sleep 0.3
  mark=$(log_mark)
  run "${opts[@]}" "${cache[@]}" "$tmp/cache.txt"
  sleep 0.3
  expect_status "$gone" broken
  expect_status "$(u /delayed.html)" ok
  expect_link "$gone" "l['first_failed_at']" "$first"
  expect_link "$gone" "l['consecutive_failures']" 3
  n=$(log_since "$mark" | grep -cE '"[A-Z]+ /(gone|delayed\.html) ')
  [ "$n" -eq 0 ] || fail "run 4 (cache fresh) still requested the pages: $(log_since "$mark" | head -3)"
  # What the cache saves is asserted by the requests above, not by the clock (a sanitizer
  # build's start-up alone takes a second); the times are printed for the reader.
  echo "cache-history: run 3 (checked) $run3 s, run 4 (cached) $elapsed s"
fi

# --- no network at all ------------------------------------------------------------------------
if want network-down; then
  # A network namespace of its own, where not even loopback is up: every connection fails
  # with "Network is unreachable". Root: unshare -n; otherwise a user namespace, if allowed.
  netns=()
  if [ "$(id -u)" -eq 0 ] && unshare -n true 2>/dev/null; then
    netns=(unshare -n)
  elif unshare -rn true 2>/dev/null; then
    netns=(unshare -rn)
  fi
  if [ ${#netns[@]} -eq 0 ]; then
    echo "SKIP [network-down]: unshare -n is not available or not permitted here"
    skipped=$((skipped + 1))
  else
    manuscript down <<'EOF'
Ports without network

A survey (Sultanova 2020), a lost page (Farajova 2015) and an article (Aliyev 2021).

References

Aliyev, Kamran. 2021. "Ports of the Caspian: A Survey." Journal of Eurasian Maritime Studies 12 (1): 1-20. doi:10.5555/caspian.2021.1
Farajova, Samira. 2015. "Caviar Exports and the Sanctions Regime." Caspian Trade Review. http://127.0.0.1:PORT/gone. Accessed 12 March 2019.
Sultanova, Leyla. 2020. "Ports of the Caspian: A Survey." Caspian Ports Observatory. http://127.0.0.1:PORT/ok.html
EOF
    out="$tmp/stdout" err="$tmp/stderr"
    timeout 120 "${netns[@]}" "$binary" check --format json --allow-private "${fast[@]}" "${services[@]}" \
      --cache "$tmp/down.sqlite" "$tmp/down.txt" >"$out" 2>"$err"
    rc=$?
    [ "$rc" -ne 124 ] || fail "citecheck did not finish within 120 s (killed)"
    expect_no_crash
    expect_rc 4
    expect_json_report
    n=$(wc -l <"$err")
    [ "$n" -eq 1 ] || fail "stderr has $n lines, expected one: $(head -c 300 "$err")"
    grep -q '^citecheck: ' "$err" || fail "stderr does not start with 'citecheck: ': $(head -c 300 "$err")"
    grep -qiE 'network.*(unreachable|down)|(unreachable|down).*network' "$err" ||
      fail "stderr does not say the network is unreachable: $(head -c 300 "$err")"
    expect_link "" "sorted(set(x['status'] for x in links))" "['unchecked']"
    expect_link "" "len(links)" 3
    # Nothing learnt from a run without network: no result and no history row written (the
    # cache's own bookkeeping tables, such as its history sequence counter, do not count).
    rows=$("$python" - "$tmp/down.sqlite" <<'EOF'
import os, re, sqlite3, sys
if not os.path.exists(sys.argv[1]):
    print(0); sys.exit(0)
db = sqlite3.connect(sys.argv[1])
tables = [t for (t,) in db.execute("select name from sqlite_master where type = 'table'")
          if t in ("results", "history")]
print(sum(db.execute(f'select count(*) from "{t}"').fetchone()[0] for t in tables))
EOF
    )
    [ "$rows" = 0 ] || fail "the cache has $rows row(s) after a run without network, expected none"
  fi
fi

# --- verdicts peers get wrong, and what they cost in requests ---------------------------------
if want verdicts; then
  manuscript verdicts <<'EOF'
Ports and their records

The survey (Aliyev 2020) is cited with its mirror (Babayev 2020), the registry (Cavadov 2019),
the report (Damirov 2018), the notes (Eyvazov 2017), the statistics (Fataliyev 2016), the news
(Gasimov 2021), an archived page (Hasanli 2015) and a dataset (Ismayilov 2022).

References

Aliyev, Kamran. 2020. "Ports of the Caspian." Caspian Ports Observatory. http://127.0.0.1:PORT/verdicts/picky
Babayev, Ramin. 2020. "Ports of the Caspian." Mirror. http://127.0.0.1:PORT/verdicts/not-acceptable
Cavadov, Elvin. 2019. "The Port Registry." Registry Online. http://127.0.0.1:PORT/verdicts/no-content
Damirov, Tofig. 2018. "Annual Report on Port Dues." Port Authority. http://127.0.0.1:PORT/verdicts/refresh
Eyvazov, Nurlan. 2017. "Notes on the Dredging Works." Engineering Notes. http://127.0.0.1:PORT/verdicts/meta-refresh.html
Fataliyev, Rashad. 2016. "Container Statistics, 2015." Caspian Ports Observatory. http://127.0.0.1:PORT/verdicts/text-missing.html
Gasimov, Orkhan. 2021. "Ferry Strike in Aktau." Caspian Shipping News. http://127.0.0.1:PORT/verdicts/consent-wall.html
Hasanli, Aygun. 2015. "Fishing Quotas." Caspian Shipping News. http://127.0.0.1:PORT/verdicts/to-consent
Ismayilov, Samir. 2022. "Ports of the Caspian." Data file. http://127.0.0.1:PORT/big.bin
EOF
  mark=$(log_mark)
  run --format json --allow-private --no-cache --no-archive "${fast[@]}" "${services[@]}" "$tmp/verdicts.txt"
  sleep 0.3
  log_since "$mark" >"$tmp/verdicts.log"
  while read -r path status; do
    expect_status "$(u "$path")" "$status"
  done <<EOF
/verdicts/picky ok
/verdicts/not-acceptable unverifiable
/verdicts/no-content broken
/verdicts/refresh broken
/verdicts/meta-refresh.html broken
/verdicts/text-missing.html soft-404
/verdicts/consent-wall.html unverifiable
/verdicts/to-consent unverifiable
/big.bin ok
EOF
  expect_link "$(u /verdicts/refresh)" "l['final_url']" "$(u /gone)"
  expect_link "$(u /verdicts/meta-refresh.html)" "l['http_status']" 410
  expect_error_mentions "$(u /verdicts/to-consent)" cookie-consent
  expect_error_mentions "$(u /verdicts/consent-wall.html)" cookie-consent
  for path in /verdicts/not-acceptable /verdicts/consent-wall.html /verdicts/to-consent; do
    expect_no_code "$(u "$path")" newly-broken
  done
  # The access log: one GET per page (no HEAD at all), two for the 406s (the browser-like
  # retry), each refresh's destination asked once, the consent host never.
  verdict=$("$python" - "$tmp/verdicts.log" <<'EOF'
import collections, re, sys
asked = collections.Counter()
for line in open(sys.argv[1], encoding="utf-8", errors="replace"):
    m = re.search(r'"([A-Z]+) (\S+) HTTP', line)
    if m:
        asked[(m.group(1), m.group(2))] += 1
want = {("GET", "/verdicts/picky"): 2, ("GET", "/verdicts/not-acceptable"): 2, ("GET", "/verdicts/no-content"): 1,
        ("GET", "/verdicts/refresh"): 1, ("GET", "/gone"): 1, ("GET", "/verdicts/meta-refresh.html"): 1,
        ("GET", "/removed"): 1, ("GET", "/verdicts/text-missing.html"): 1, ("GET", "/verdicts/consent-wall.html"): 1,
        ("GET", "/verdicts/to-consent"): 1, ("GET", "/big.bin"): 1}
wrong = [f"{m} {p}: {asked.get((m, p), 0)} (expected {n})" for (m, p), n in want.items() if asked.get((m, p), 0) != n]
extra = [f"{m} {p}: {n}" for (m, p), n in asked.items() if (m, p) not in want]
print("; ".join(wrong + extra) or "ok")
EOF
  )
  [ "$verdict" = ok ] || fail "requests in the access log: $verdict"
fi

# A case named on the command line that does not exist.
for c in "${selected[@]}"; do
  case " ${ran[*]} " in *" $c "*) ;; *) case_name=$c; fail "no such case in nginx_e2e.sh" ;; esac
done

# nginx itself had no trouble (a crit or emerg in its log means the fixture is broken).
case_name="nginx"
if grep -E '\[(emerg|alert|crit)\]' "$tmp/nginx/error.log" | grep -q .; then
  fail "nginx error log: $(grep -E '\[(emerg|alert|crit)\]' "$tmp/nginx/error.log" | head -3)"
fi

if [ "$failures" -gt 0 ]; then
  echo "$failures failure(s)"
  exit 1
fi
if [ ${#selected[@]} -gt 0 ] && [ "$skipped" -eq ${#selected[@]} ]; then
  exit 77
fi
echo "all nginx end-to-end cases passed"
