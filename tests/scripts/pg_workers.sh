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
# any address but 127.0.0.x. Every wait is bounded. The setup, nginx, the manuscript, the waits
# and the checks it shares with shard_workers.sh are in tests/scripts/loopback_farm.sh.
#
# Prints "FAIL [part]: ..." per failed check and exits 1 on any; 0 when all hold; 77 when
# nginx or PostgreSQL is not installed, or when the binary has no --night (then parts a and c
# are still run on the single run, as a check of this script). NGINX=/path/to/nginx picks nginx.
set -uo pipefail
# shellcheck source-path=SCRIPTDIR source=loopback_farm.sh
source "$(dirname "${BASH_SOURCE[0]}")/loopback_farm.sh" || exit 2

# Arguments (usage, exit 2), nginx (exit 77 without), and as root the whole test in a network
# namespace of its own with only loopback up (as nginx_e2e.sh does), so nothing it starts can
# reach another host even by mistake; no proxy.
farm_setup "$@"
unset PGHOST PGHOSTADDR PGPORT PGUSER PGDATABASE PGSERVICE PGPASSFILE PGOPTIONS

urls_count=400     # over the 20 sites: 20 each; every tenth a 404
interval1=200      # ms between two requests to one host, night 1
interval2=300      # night 2 (the kill case)
tolerance=0.05     # s: a gap may be this much shorter ($msec has ms resolution; timers jitter)
lease=5            # s

# --- clean-up: workers still running, nginx, the cluster ------------------------------------
pgdir=""
# shellcheck disable=SC2317 # run by the EXIT trap
cleanup() {
  farm_cleanup
  if [ -n "$pgdir" ]; then
    bash "$source_dir/tests/scripts/pg_cluster.sh" stop "$pgdir" >/dev/null 2>&1
    cp "$pgdir/postgres.log" "$work/postgres.log" 2>/dev/null
    rm -rf "$pgdir"
  fi
}
farm_traps cleanup

# What an earlier run left (only the files this script writes).
rm -rf "$work/nginx"
for name in single night night2 worker-{0,1,2,3} night2-worker-{0,1,2,3}; do
  rm -f "$work/$name.json" "$work/$name.out" "$work/$name.err"
done
rm -f "$work/m.txt" "$work/urls.txt" "$work/single.sqlite"* "$work/postgres.log" "$work/pgw.py" "$work/pg_cluster.err" \
  "$work/dump.err" "$work/check_log.tsv" "$work/check_log.err"

# --- the checks, in Python (after loopback_farm.sh's) ----------------------------------------
farm_python >"$work/pgw.py"
cat >>"$work/pgw.py" <<'PY'
# The checks of pg_workers.sh: nginx's log, the workers' reports, the store.

def requests(log, first, last, urls_path, port, expect, min_gap, label):
    """expect: 'once' (every URL of the manuscript asked exactly once), 'none' (no request at
    all), 'any' (no count asserted). min_gap (s, 0: not checked): the least time between two
    request starts on one address."""
    urls = read_urls(urls_path)
    lines = read_log(log, first, last)
    asked = count_requests(lines, urls, port, label)
    if expect == "none" and lines:
        fail("%s: %d requests reached nginx, none expected (e.g. %s %s from worker %s)"
             % (label, len(lines), lines[0]["method"], lines[0]["path"], lines[0]["worker"]))
    if expect == "once":
        check_once(label, urls, asked, lines)
    check_gaps(label, lines, min_gap)

def workers(urls_path, single, reports, label):
    """Part d: each report's links are checked by it or skipped naming another worker; each
    link checked in exactly one report, with the single run's status."""
    urls = read_urls(urls_path)
    ref = single_statuses(single, urls)
    checked_by = collections.defaultdict(list)
    for rep in reports:
        r = load(rep, label)
        if r is None:
            continue
        links = url_links(r)
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
    r = load(report, label)
    if r is None:
        return
    links = url_links(r)
    got = {l["value"]: l for l in links}
    if sorted(got) != sorted(urls):
        fail("%s: %d URL links, not the manuscript's %d" % (label, len(got), len(urls)))
    differ = compare_statuses(label, ref, urls, got, "here")
    fresh = [u for u in urls if u in got and not got[u].get("from_cache")]
    print("%s: %d links, by status %s; %d not from the store; %d statuses differ from the single run"
          % (label, len(got), dict(collections.Counter(l["status"] for l in links)), len(fresh), len(differ)))
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
    unknown, wrong1, wrong2 = one_row_per_night(label, urls, rows, "links", "check_log")
    print("%s: %d links in the store; of the manuscript's %d: %d not found, %d without exactly one counted row "
          "for night 1, %d for night 2" % (label, len(rows), len(urls), len(unknown), len(wrong1), len(wrong2)))

if __name__ == "__main__":
    main({
        "requests": lambda a: requests(a[0], int(a[1]), int(a[2]), a[3], a[4], a[5], float(a[6]), a[7]),
        "workers": lambda a: workers(a[0], a[1], a[3:], a[2]),
        "dashboard": lambda a: dashboard(a[0], a[1], a[2], a[3]),
        "check-log": lambda a: check_log(a[0], a[1], a[2]),
    })
PY
# py SUBCOMMAND ARGS...: runs a check; its "FAIL: " lines become failures of the current part.
py() { farm_py "$work/pgw.py" "$@"; }

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

# --- nginx on 127.0.0.1-127.0.0.20, the manuscript ----------------------------------------
farm_start_nginx
doc="$work/m.txt"
farm_manuscript "$doc" "$work/urls.txt" "$urls_count"

# --- a. the reference: one process, SQLite ---------------------------------------------------
part="a: single run"
mark=$(farm_log_mark)
t0=$SECONDS
farm_run_fg single 120 1 check --allow-private --no-archive --per-host-interval "$interval1" --cache "$work/single.sqlite" \
  --format json -o "$work/single.json" "$doc"
farm_settle
echo "a. single run (SQLite): exit $run_rc in $((SECONDS - t0)) s"
[ -s "$work/single.json" ] || die "no report single.json"
# Its requests: the harness's own check of c (one process keeps the interval, asks each URL once).
py requests "$access_log" "$mark" "$(farm_log_mark)" "$work/urls.txt" "$port" once \
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
mark=$(farm_log_mark)
t0=$SECONDS
pids=()
for k in 0 1 2 3; do
  farm_start_bg "worker-$k" check --allow-private --no-archive --per-host-interval "$interval1" --cache "$uri" \
    --night test-night-1 --lease "$lease" --header "X-Citecheck-Worker: $k" --format json -o "$work/worker-$k.json" "$doc"
  pids+=("$last_pid")
done
farm_wait_bounded 300 "${pids[@]}"
farm_settle
night1_end_mark=$(farm_log_mark)
echo "b. four workers (night 1): exit statuses $(for p in "${pids[@]}"; do printf '%s ' "${rc_of[$p]}"; done)in $((SECONDS - t0)) s"
for k in 0 1 2 3; do farm_expect_exit "worker-$k" "${rc_of[${pids[$k]}]}" 1; done

# --- c. nginx's log: each URL once, the per-host interval across workers ---------------------
part="c: night 1 requests"
py requests "$access_log" "$mark" "$night1_end_mark" "$work/urls.txt" "$port" once \
  "$("$python" -c "print($interval1 / 1000 - $tolerance)")" "night 1"

# --- d. the workers' reports ----------------------------------------------------------------
part="d: night 1 reports"
py workers "$work/urls.txt" "$work/single.json" "night 1" "$work"/worker-{0,1,2,3}.json

# --- e. the dashboard: everything from the store --------------------------------------------
part="e: night 1 dashboard"
mark=$(farm_log_mark)
farm_run_fg night 120 1 check --allow-private --no-archive --per-host-interval "$interval1" --cache "$uri" \
  --format json -o "$work/night.json" "$doc"
farm_settle
py requests "$access_log" "$mark" "$(farm_log_mark)" "$work/urls.txt" "$port" none 0 "night 1 dashboard"
py dashboard "$work/urls.txt" "$work/single.json" "$work/night.json" "night 1 dashboard"

# --- f. night 2: a worker killed while it checks --------------------------------------------
part="f: night 2, one worker killed"
night2=$((night1_start + 8 * 86400))
night2_now=$(date -u -d "@$night2" +%Y-%m-%dT%H:%M:%SZ)
mark=$(farm_log_mark)
t0=$SECONDS
pids=()
for k in 0 1 2 3; do
  farm_start_bg "night2-worker-$k" check --allow-private --no-archive --per-host-interval "$interval2" --cache "$uri" \
    --night test-night-2 --lease "$lease" --now "$night2_now" --header "X-Citecheck-Worker: $k" \
    --format json -o "$work/night2-worker-$k.json" "$doc"
  pids+=("$last_pid")
done
# The victim: the first worker nginx has seen three requests from, once a second has passed
# (so it is surely checking), within 15 s.
farm_pick_victim "$mark" 1000 4
if [ -z "$victim" ]; then
  fail "no worker made 3 requests within 15 s of its start: worker 0 is killed instead"
  victim=0
fi
victim_pid=${pids[$victim]}
before_kill=$(tail -n +"$((mark + 1))" "$access_log" | awk -v v="$victim" '$7 == v' | wc -l)
farm_kill "$victim_pid" || fail "worker $victim had already ended before the kill"
echo "f. night 2 ($night2_now): worker $victim SIGKILLed after $(($(farm_ms) - started)) ms and $before_kill requests"
farm_survivors 4
farm_wait_bounded 300 "${survivor_pids[@]}"
farm_settle
echo "   the three others: exit statuses $(for k in "${survivors[@]}"; do printf '%s ' "${rc_of[${pids[$k]}]}"; done)in $((SECONDS - t0)) s"
[ "${rc_of[$victim_pid]}" -eq 137 ] || fail "the killed worker's exit status is ${rc_of[$victim_pid]}, not 137 (SIGKILL)"
for k in "${survivors[@]}"; do farm_expect_exit "night2-worker-$k" "${rc_of[${pids[$k]}]}" 1; done
# The three took the killed worker's sites over: between them, every link checked once.
py requests "$access_log" "$mark" "$(farm_log_mark)" "$work/urls.txt" "$port" any \
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
mark=$(farm_log_mark)
farm_run_fg night2 120 1 check --allow-private --no-archive --per-host-interval "$interval2" --cache "$uri" \
  --now "$night2_now" --format json -o "$work/night2.json" "$doc"
farm_settle
py requests "$access_log" "$mark" "$(farm_log_mark)" "$work/urls.txt" "$port" none 0 "night 2 dashboard"
py dashboard "$work/urls.txt" "$work/single.json" "$work/night2.json" "night 2 dashboard"

if [ "$failures" -eq 0 ]; then
  echo "pg_workers: all checks passed in $SECONDS s"
  exit 0
fi
echo "pg_workers: $failures failure(s) in $SECONDS s (files in $work)"
exit 1
