#!/usr/bin/env bash
# Shards end to end: four `citecheck check --shard K/4` processes side by side on ONE SQLite cache
# file, joined by `citecheck merge`, against a real nginx serving 20 loopback sites, must do
# what one process would, no more, no less:
#
#   a. one process with a SQLite cache of its own checks the manuscript: the reference
#      (single.json);
#   b. night 1: four shards (--shard K/4, K = 0..3) on one shared cache (shared.sqlite), all
#      exiting 0 or 1. nginx's log: every URL asked exactly once over the four, each site asked
#      by the one shard its registrable domain hashes to (FNV-1a, as documented; each shard
#      sends X-Citecheck-Worker: K, which nginx logs), and each site's requests kept the
#      per-host interval (200 ms, less 50 ms of tolerance). Each shard's report checks its own
#      links and skips the others naming their shard. `citecheck merge` of the four reports
#      gives every link the single run's status, and the same findings (code, severity,
#      position, items, fingerprint; in the same order);
#   c. night 2 (--now 8 days later, so every link is stale): the four shards again, one
#      SIGKILLed about a second in, once nginx has logged some of its requests (each shard
#      sends X-Citecheck-Worker: K); the other three finish; the killed shard is run again with
#      --resume (same --now, same shard) until it completes; the four reports merged. Then:
#      the merged statuses (and findings) are the single run's; PRAGMA integrity_check of the
#      cache is ok; every link has exactly one counted history row for night 1 and one for
#      night 2 (a row counts when its run_id is NULL or its run is complete or interrupted);
#      no URL was asked more than twice in night 2 (those asked twice are the killed shard's:
#      once by the killed run, once again by its resume; how many is printed), every other URL
#      once, and the per-host interval held over the night.
#
#   shard_workers.sh CITECHECK_BINARY SOURCE_DIR WORK_DIR
#
# Starts nginx (fixtures/nginx/workers.conf.in on 127.0.0.1-127.0.0.20, one port), stopped on
# exit. WORK_DIR keeps the manuscript, the reports, each run's standard error and nginx's access
# log, for a look after a failure. As root the script re-runs itself in a network namespace
# where only loopback is up (CITECHECK_E2E_NETNS=0: not); nothing is asked of any address but
# 127.0.0.x. Every wait is bounded. The setup, nginx, the manuscript, the waits and the checks
# it shares with pg_workers.sh are in tests/scripts/loopback_farm.sh.
#
# Prints "FAIL [part]: ..." per failed check and exits 1 on any; 0 when all hold; 77 when nginx
# is not installed. NGINX=/path/to/nginx picks nginx. CITECHECK_KILL_AFTER_MS (default 2500, past the first saved batch) is
# the least time from night 2's start to the kill: a run saves its results every 2 s, so with
# 2500 the killed run has left uncommitted rows in the cache when it dies (printed in part c).
set -uo pipefail
# shellcheck source-path=SCRIPTDIR source=loopback_farm.sh
source "$(dirname "${BASH_SOURCE[0]}")/loopback_farm.sh" || exit 2

# Arguments (usage, exit 2), nginx (exit 77 without), and as root the whole test in a network
# namespace of its own with only loopback up (as nginx_e2e.sh and pg_workers.sh do), so nothing
# it starts can reach another host even by mistake; no proxy.
farm_setup "$@"

urls_count=400     # over the 20 sites: 20 each; every tenth a 404
shards=4
interval=200       # ms between two requests to one host, both nights
tolerance=0.05     # s: a gap may be this much shorter ($msec has ms resolution; timers jitter)
kill_after_ms=${CITECHECK_KILL_AFTER_MS:-2500} # night 2: the victim is killed this long after the shards start, at the least
resume_attempts=3  # night 2: --resume runs of the killed shard, at most

# --- clean-up: shards still running, nginx ---------------------------------------------------
farm_traps farm_cleanup

# What an earlier run left (only the files this script writes).
rm -rf "$work/nginx"
for name in single merged night2-merged shard-{0,1,2,3} night2-shard-{0,1,2,3} \
  night2-shard-{0,1,2,3}-resume{1,2,3} merge night2-merge; do
  rm -f "$work/$name.json" "$work/$name.out" "$work/$name.err"
done
rm -f "$work/m.txt" "$work/urls.txt" "$work/single.sqlite"* "$work/shared.sqlite"* "$work/sw.py" "$work/dump.err" \
  "$work/integrity.err"

# --- the checks, in Python (after loopback_farm.sh's) ----------------------------------------
farm_python >"$work/sw.py"
cat >>"$work/sw.py" <<'PY'
# The checks of shard_workers.sh: nginx's log by shard, the shards' reports, the merge, the cache.
import sqlite3

def shard_of(domain, n):
    """The documented split: FNV-1a 64 of the registrable domain (an IP address is itself),
    4,096 slots, shard K owning the slots s with floor(s * N / 4096) = K."""
    h = 14695981039346656037
    for c in domain.encode():
        h = ((h ^ c) * 1099511628211) % 2**64
    return (h % 4096) * n // 4096

def requests(log, first, last, urls_path, port, expect, min_gap, label, n_shards, victim):
    """expect: 'once' (every URL of the manuscript asked exactly once), 'resumed' (every URL
    asked once or twice, twice only the victim shard's sites), 'any' (no count asserted).
    min_gap (s, 0: not checked): the least time between two request starts on one address.
    n_shards > 0: each request carries the worker header of the shard its site hashes to."""
    urls = read_urls(urls_path)
    lines = read_log(log, first, last)
    asked = count_requests(lines, urls, port, label)
    if expect == "once":
        check_once(label, urls, asked, lines)
    if expect == "resumed":
        missing = [u for u in urls if asked[u] == 0]
        twice = [(u, asked[u]) for u in urls if asked[u] > 1]
        thrice = [(u, c) for u, c in twice if c > 2]
        not_victim = [(u, c) for u, c in twice if shard_of(host_of(u), n_shards) != victim]
        print("%s: %d URLs asked twice (all of shard %d's sites: %s), %d more than twice, %d never"
              % (label, len(twice), victim, "yes" if not not_victim else "no", len(thrice), len(missing)))
        if missing:
            fail("%s: %d of %d URLs never asked (e.g. %s)" % (label, len(missing), len(urls), missing[:3]))
        if thrice:
            fail("%s: %d URLs asked more than twice: %s" % (label, len(thrice), asked_detail(lines, thrice)))
        if not_victim:
            fail("%s: %d URLs of sites the killed shard %d does not check asked twice: %s"
                 % (label, len(not_victim), victim, asked_detail(lines, not_victim)))
    if n_shards > 0:
        wrong = [r for r in lines if r["worker"] != str(shard_of(r["addr"], n_shards))]
        if wrong:
            r = wrong[0]
            fail("%s: %d requests not sent by the shard their site hashes to (e.g. %s %s on %s by shard %s, not %d)"
                 % (label, len(wrong), r["method"], r["path"], r["addr"], r["worker"], shard_of(r["addr"], n_shards)))
    check_gaps(label, lines, min_gap)

def shard_reports(urls_path, single, n_shards, label, reports):
    """Each shard's report: run.shard is its own; the links of its sites checked (not from the
    cache) with the single run's status; every other link skipped naming its shard."""
    urls = read_urls(urls_path)
    ref = single_statuses(single, urls)
    for k, rep in enumerate(reports):
        r = load(rep, label)
        if r is None:
            continue
        name = rep.rsplit("/", 1)[-1]
        if r.get("run", {}).get("shard") != {"index": k, "count": n_shards}:
            fail("%s: %s: run.shard is %s, not {index %d, count %d}" % (label, name, r.get("run", {}).get("shard"), k, n_shards))
        links = url_links(r)
        values = [l["value"] for l in links]
        if sorted(values) != sorted(urls):
            fail("%s: %s has %d URL links, not the manuscript's %d" % (label, name, len(values), len(urls)))
        bad = []
        n_checked = n_skipped = 0
        for l in links:
            owner = shard_of(host_of(l["value"]), n_shards)
            if owner == k:
                n_checked += 1
                if l["status"] == "skipped" or "shard" in l:
                    bad.append("%s (a site of this shard) is %s, shard %s (error %r)"
                               % (l["value"], l["status"], l.get("shard"), l.get("error")))
                elif l.get("from_cache"):
                    bad.append("%s served from the cache (checked_at %s), not checked" % (l["value"], l.get("checked_at")))
                elif l["status"] != ref.get(l["value"]):
                    bad.append("%s is %s (http %s, error %r), the single run found %s"
                               % (l["value"], l["status"], l.get("http_status"), l.get("error"), ref.get(l["value"])))
            else:
                n_skipped += 1
                if l["status"] != "skipped" or l.get("shard") != owner:
                    bad.append("%s (shard %d's site) is %s with shard %s, not skipped naming shard %d (error %r)"
                               % (l["value"], owner, l["status"], l.get("shard"), owner, l.get("error")))
        print("%s: %s: %d links of its sites, %d skipped, complete %s"
              % (label, name, n_checked, n_skipped, r.get("run", {}).get("complete", r.get("complete"))))
        if bad:
            fail("%s: %s: %d links wrong: %s" % (label, name, len(bad), "; ".join(bad[:4])))

def findings_of(r):
    return [(d.get("path"), f.get("code"), f.get("severity"), f.get("line"), f.get("column"),
             tuple(f.get("items") or ()), f.get("fingerprint"))
            for d in r["documents"] for f in d.get("findings", [])]

def compare(urls_path, single, merged, n_shards, failures_expected, label):
    """A merged report against the single run: every link's status, the findings (code,
    severity, position, items, fingerprint; order too), the counts, and the run's shards.
    failures_expected: consecutive_failures every failing link must show (0: not checked)."""
    urls = read_urls(urls_path)
    a = load(single, label)
    b = load(merged, label)
    if a is None or b is None:
        return
    ref = single_statuses(single, urls)
    links_b = url_links(b)
    got = {l["value"]: l for l in links_b}
    if len(links_b) != len(urls) or sorted(got) != sorted(urls):
        fail("%s: %d URL links (%d distinct), not the manuscript's %d" % (label, len(links_b), len(got), len(urls)))
    differ = compare_statuses(label, ref, urls, got, "merged")
    print("%s: %d links, by status %s; %d statuses differ from the single run"
          % (label, len(got), dict(collections.Counter(l["status"] for l in links_b)), len(differ)))
    # Every link in the merged report: its id, position and owner as in the single run.
    ids_a = [(l["id"], l["kind"], l["value"], l.get("line"), l.get("column"), l.get("owner"))
             for d in a["documents"] for l in d.get("links", [])]
    ids_b = [(l["id"], l["kind"], l["value"], l.get("line"), l.get("column"), l.get("owner"))
             for d in b["documents"] for l in d.get("links", [])]
    if ids_a != ids_b:
        diff = [x for x in ids_a if x not in ids_b][:2] + [x for x in ids_b if x not in ids_a][:2]
        fail("%s: the links (id, kind, value, line, column, owner) are not the single run's (e.g. %s)" % (label, diff))
    if failures_expected:
        wrong = [(u, got[u].get("state"), got[u].get("consecutive_failures")) for u in urls
                 if u in got and got[u]["status"] == "broken" and got[u].get("consecutive_failures") != failures_expected]
        if wrong:
            fail("%s: %d broken links without %d consecutive failures (link, state, failures): %s"
                 % (label, len(wrong), failures_expected, wrong[:4]))
    fa, fb = findings_of(a), findings_of(b)
    only_a = sorted(set(fa) - set(fb), key=str)
    only_b = sorted(set(fb) - set(fa), key=str)
    print("%s: %d findings (single run: %d), by code %s" % (label, len(fb), len(fa),
                                                          dict(sorted(collections.Counter(f[1] for f in fb).items()))))
    if only_a or only_b or collections.Counter(fa) != collections.Counter(fb):
        fail("%s: the findings differ from single.json: %d only in single.json (e.g. %s), %d only in the merge (e.g. %s); "
             "counts single %d, merged %d" % (label, len(only_a), only_a[:2], len(only_b), only_b[:2], len(fa), len(fb)))
    elif fa != fb:
        at = next(i for i, (x, y) in enumerate(zip(fa, fb)) if x != y)
        fail("%s: the same findings as single.json but in another order (first difference at #%d: %s vs %s)"
             % (label, at, fa[at], fb[at]))
    for key in ("links_by_status", "findings", "links", "references", "citations"):
        if a.get("summary", {}).get(key) != b.get("summary", {}).get(key):
            fail("%s: summary.%s is %s, the single run's %s" % (label, key, b.get("summary", {}).get(key),
                                                                a.get("summary", {}).get(key)))
    run = b.get("run", {})
    shards = [s.get("shard", {}).get("index") for s in run.get("shards", [])]
    if run.get("complete") is not True or b.get("complete") is not True:
        fail("%s: the merged run is not complete (run.complete %s, complete %s, left_unchecked %s)"
             % (label, run.get("complete"), b.get("complete"), run.get("left_unchecked")))
    if shards != list(range(n_shards)):
        fail("%s: run.shards are %s, not 0..%d" % (label, shards, n_shards - 1))

def history(urls_path, cache, cut, label):
    """Per link of the cache: exactly one counted history row before `cut` (night 1) and one
    at or after it (night 2)."""
    urls = read_urls(urls_path)
    db = sqlite3.connect("file:%s?mode=ro" % cache, uri=True, timeout=10)
    counted = ("(h.run_id IS NULL OR EXISTS (SELECT 1 FROM runs u WHERE u.id = h.run_id "
               "AND u.state IN ('complete', 'interrupted')))")
    rows = {}
    for key, n1, n2, total in db.execute(
            "SELECT r.key, "
            "count(h.key_id) FILTER (WHERE %s AND h.checked_at < ?1), "
            "count(h.key_id) FILTER (WHERE %s AND h.checked_at >= ?1), "
            "count(h.key_id) "
            "FROM results r LEFT JOIN history h ON h.key_id = r.id GROUP BY r.key" % (counted, counted), (cut,)):
        rows[key] = (n1, n2, total)
    runs = db.execute("SELECT lane, state, count(*), min(started_at), max(started_at) FROM runs "
                      "GROUP BY lane, state ORDER BY lane, state").fetchall()
    uncounted = db.execute("SELECT u.lane, u.state, count(*) FROM history h JOIN runs u ON u.id = h.run_id "
                           "WHERE u.state NOT IN ('complete', 'interrupted') GROUP BY u.lane, u.state").fetchall()
    unknown, wrong1, wrong2 = one_row_per_night(label, urls, rows, "results", "history")
    print("%s: runs (lane, state, count, first and last start): %s" % (label, runs))
    print("%s: history rows that do not count (lane, state, rows): %s" % (label, uncounted or "none"))
    print("%s: %d keys in results; of the manuscript's %d URLs: %d not found, %d without exactly one counted row "
          "for night 1, %d for night 2" % (label, len(rows), len(urls), len(unknown), len(wrong1), len(wrong2)))

def integrity(cache):
    db = sqlite3.connect("file:%s?mode=ro" % cache, uri=True, timeout=10)
    print("\n".join(r[0] for r in db.execute("PRAGMA integrity_check")))

def report_of(path, now):
    """Is this the report of a complete run at `now`? Prints why not."""
    r = json.load(open(path, encoding="utf-8"))
    run = r.get("run", {})
    if run.get("started_at") != now or run.get("complete") is not True:
        print("started_at %s, complete %s" % (run.get("started_at"), run.get("complete")))

if __name__ == "__main__":
    main({
        "requests": lambda a: requests(a[0], int(a[1]), int(a[2]), a[3], a[4], a[5], float(a[6]), a[7],
                                       int(a[8]), int(a[9])),
        "shard-reports": lambda a: shard_reports(a[0], a[1], int(a[2]), a[3], a[4:]),
        "compare": lambda a: compare(a[0], a[1], a[2], int(a[3]), int(a[4]), a[5]),
        "history": lambda a: history(a[0], a[1], int(a[2]), a[3]),
        "integrity": lambda a: integrity(a[0]),
        "report-of": lambda a: report_of(a[0], a[1]),
    })
PY
# py SUBCOMMAND ARGS...: runs a check; its "FAIL: " lines become failures of the current part.
py() { farm_py "$work/sw.py" "$@"; }

# --- nginx on 127.0.0.1-127.0.0.20, the manuscript ----------------------------------------
farm_start_nginx
min_gap=$("$python" -c "print($interval / 1000 - $tolerance)")
doc="$work/m.txt"
farm_manuscript "$doc" "$work/urls.txt" "$urls_count"

check_args=(check --allow-private --no-archive --per-host-interval "$interval")

# --- a. the reference: one process, a SQLite cache of its own --------------------------------
part="a: single run"
night1_start=$(date +%s)
mark=$(farm_log_mark)
t0=$SECONDS
farm_run_fg single 60 1 "${check_args[@]}" --cache "$work/single.sqlite" --format json -o "$work/single.json" "$doc"
farm_settle
echo "a. single run (SQLite): exit $run_rc in $((SECONDS - t0)) s"
[ -s "$work/single.json" ] || die "no report single.json"
# Its requests: the harness's own check of b (one process keeps the interval, asks each URL once).
py requests "$access_log" "$mark" "$(farm_log_mark)" "$work/urls.txt" "$port" once "$min_gap" "single run" 0 -1

# --- b. night 1: four shards, one shared cache, then merge ----------------------------------
part="b: night 1 shards"
shared="$work/shared.sqlite"
mark=$(farm_log_mark)
t0=$SECONDS
pids=()
for k in $(seq 0 $((shards - 1))); do
  farm_start_bg "shard-$k" "${check_args[@]}" --cache "$shared" --shard "$k/$shards" --header "X-Citecheck-Worker: $k" \
    --format json -o "$work/shard-$k.json" "$doc"
  pids+=("$last_pid")
done
farm_wait_bounded 60 "${pids[@]}"
farm_settle
echo "b. four shards (night 1): exit statuses $(for p in "${pids[@]}"; do printf '%s ' "${rc_of[$p]}"; done)in $((SECONDS - t0)) s"
for k in $(seq 0 $((shards - 1))); do farm_expect_exit "shard-$k" "${rc_of[${pids[$k]}]}" 1; done
py requests "$access_log" "$mark" "$(farm_log_mark)" "$work/urls.txt" "$port" once "$min_gap" "night 1" "$shards" -1
py shard-reports "$work/urls.txt" "$work/single.json" "$shards" "night 1" "$work"/shard-{0,1,2,3}.json

part="b: night 1 merge"
farm_run_fg merge 60 0 merge -o "$work/merged.json" "$work"/shard-{0,1,2,3}.json
if [ -s "$work/merged.json" ]; then
  py compare "$work/urls.txt" "$work/single.json" "$work/merged.json" "$shards" 1 "night 1 merged"
else
  fail "no merged.json ($(head -c 400 "$work/merge.err"))"
fi

# --- c. night 2: a shard killed while it checks, then resumed --------------------------------
part="c: night 2, one shard killed"
night2=$((night1_start + 8 * 86400))
night2_now=$(date -u -d "@$night2" +%Y-%m-%dT%H:%M:%SZ)
mark=$(farm_log_mark)
t0=$SECONDS
pids=()
for k in $(seq 0 $((shards - 1))); do
  farm_start_bg "night2-shard-$k" "${check_args[@]}" --cache "$shared" --shard "$k/$shards" --now "$night2_now" \
    --header "X-Citecheck-Worker: $k" --format json -o "$work/night2-shard-$k.json" "$doc"
  pids+=("$last_pid")
done
# The victim: the first shard nginx has seen three requests from, once kill_after_ms have
# passed (so it is surely checking), within 15 s.
farm_pick_victim "$mark" "$kill_after_ms" "$shards"
if [ -z "$victim" ]; then
  fail "no shard made 3 requests within 15 s of its start: shard 0 is killed instead"
  victim=0
fi
victim_pid=${pids[$victim]}
victim_ended=""
farm_kill "$victim_pid" || victim_ended=1
killed_at=$(($(farm_ms) - started))
before_kill=$(tail -n +"$((mark + 1))" "$access_log" | awk -v v="$victim" '$7 == v' | wc -l)
[ -z "$victim_ended" ] || fail "shard $victim had already ended before the kill"
[ "${rc_of[$victim_pid]}" -eq 137 ] || fail "the killed shard's exit status is ${rc_of[$victim_pid]}, not 137 (SIGKILL)"
echo "c. night 2 ($night2_now): shard $victim SIGKILLed after $killed_at ms and $before_kill requests logged from it"
farm_survivors "$shards"
farm_wait_bounded 60 "${survivor_pids[@]}"
echo "   the three others: exit statuses $(for k in "${survivors[@]}"; do printf '%s ' "${rc_of[${pids[$k]}]}"; done)in $((SECONDS - t0)) s"
for k in "${survivors[@]}"; do farm_expect_exit "night2-shard-$k" "${rc_of[${pids[$k]}]}" 1; done
[ -e "$work/night2-shard-$victim.json" ] && fail "the killed shard left a report night2-shard-$victim.json"

# The killed shard again, with --resume, until it completes (0 or 1; 5 is an interrupted run,
# run again), at most resume_attempts times.
part="c: night 2, resume"
resumed=""
for attempt in $(seq 1 "$resume_attempts"); do
  name="night2-shard-$victim-resume$attempt"
  farm_run_fg "$name" 60 5 "${check_args[@]}" --cache "$shared" --shard "$victim/$shards" --now "$night2_now" --resume \
    --header "X-Citecheck-Worker: $victim" --format json -o "$work/night2-shard-$victim.json" "$doc"
  echo "   --resume of shard $victim, attempt $attempt: exit $run_rc"
  if [ "$run_rc" -le 1 ]; then
    resumed=1
    break
  fi
  [ "$run_rc" -eq 5 ] || break
done
[ -n "$resumed" ] || fail "the killed shard $victim did not complete with --resume in $attempt attempt(s) (last exit $run_rc)"
farm_settle
echo "   night 2 over in $((SECONDS - t0)) s"
for k in $(seq 0 $((shards - 1))); do
  if [ -s "$work/night2-shard-$k.json" ]; then
    why=$("$python" "$work/sw.py" report-of "$work/night2-shard-$k.json" "$night2_now" 2>&1)
    [ -z "$why" ] || fail "night2-shard-$k.json is not a complete report of night 2: $why"
  else
    fail "no report night2-shard-$k.json"
  fi
done

part="c: night 2 requests"
py requests "$access_log" "$mark" "$(farm_log_mark)" "$work/urls.txt" "$port" resumed "$min_gap" "night 2" "$shards" "$victim"

part="c: night 2 merge"
farm_run_fg night2-merge 60 0 merge -o "$work/night2-merged.json" "$work"/night2-shard-{0,1,2,3}.json
if [ -s "$work/night2-merged.json" ]; then
  py compare "$work/urls.txt" "$work/single.json" "$work/night2-merged.json" "$shards" 2 "night 2 merged"
else
  fail "no night2-merged.json ($(head -c 400 "$work/night2-merge.err"))"
fi

part="c: night 2 cache"
if command -v sqlite3 >/dev/null; then
  integrity=$(timeout 60 sqlite3 "$shared" 'PRAGMA integrity_check' 2>"$work/integrity.err")
else
  integrity=$(timeout 60 "$python" "$work/sw.py" integrity "$shared" 2>"$work/integrity.err")
fi
echo "  PRAGMA integrity_check: $integrity"
[ "$integrity" = ok ] || fail "PRAGMA integrity_check of shared.sqlite: $(head -c 400 <<<"$integrity") $(head -c 200 "$work/integrity.err")"
# A night's rows are told by their checked_at: night 2 is 8 days after night 1, the cut 4 days
# after night 1 began.
py history "$work/urls.txt" "$shared" "$((night1_start + 4 * 86400))" "shared.sqlite"

if [ "$failures" -eq 0 ]; then
  echo "shard_workers: all checks passed in $SECONDS s"
  exit 0
fi
echo "shard_workers: $failures failure(s) in $SECONDS s (files in $work)"
exit 1
