#!/usr/bin/env bash
# The deployment examples of docs/deploy/ (README "One night on several machines") run as
# written: the Kubernetes Indexed CronJob's commands with each JOB_COMPLETION_INDEX, the Slurm
# script through a stand-in sbatch that plays the array and the dependent merge, and the
# systemd unit's script; each night must end with one merged report of every shard. The
# archive's links are loopback addresses the default policy refuses, so nothing is asked of
# any network.
#
#   deploy_examples.sh CITECHECK SOURCE_DIR
set -uo pipefail
bin=$(realpath "$1")
cd "$2" || exit 1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/archive" "$work/bin"
ln -s "$bin" "$work/bin/citecheck"
for m in 1 2; do
  {
    printf 'Ports\n\nAs Aliyev (2021) shows.\n\nReferences\n\n'
    for i in 1 2 3 4 5 6; do printf 'Aliyev, Rashid. 2021. "Ports %s %s." Caspian Studies. http://127.0.0.%s/p/%s\n' "$m" "$i" "$i" "$m"; done
  } >"$work/archive/paper-$m.txt"
done
export PATH="$work/bin:$PATH"

python3 - "$work" <<'PY'
import glob, json, os, re, shlex, subprocess, sys
import yaml

work = sys.argv[1]
failures = []
def check(ok, what):
    if not ok:
        failures.append(what)

def merged_night(folder, shards, what):
    nights = glob.glob(folder + "/*/night.json")
    check(len(nights) == 1, f"{what}: one merged report ({nights})")
    if not nights:
        return
    r = json.load(open(nights[0]))
    check([s["shard"] for s in r["run"]["shards"]] == [{"index": k, "count": shards} for k in range(shards)],
          f"{what}: the merged report holds every shard")
    links = [l for d in r["documents"] for l in d["links"]]
    check(len(links) == 12 and all(l["status"] == "skipped" and "shard" not in l for l in links),
          f"{what}: every link taken from its own shard: {[(l['value'], l['status'], l.get('shard')) for l in links]}")

# Kubernetes: the nightly CronJob's pods, then the merge CronJob.
docs = list(yaml.safe_load_all(open("docs/deploy/kubernetes/citecheck-nightly.yaml")))
night, merge = docs
spec = night["spec"]["jobTemplate"]["spec"]
check(spec["completionMode"] == "Indexed", "Kubernetes: an Indexed Job")
pod = spec["template"]["spec"]["containers"][0]
shards = int(next(e["value"] for e in pod["env"] if e["name"] == "SHARDS"))
check(spec["completions"] == shards == spec["parallelism"], "Kubernetes: one completion per shard, all at once")
def local(command):
    return command.replace("/work/", work + "/k8s/").replace(" /archive", " " + work + "/archive")
for k in range(shards):
    env = dict(os.environ, SHARDS=str(shards), JOB_COMPLETION_INDEX=str(k))
    run = subprocess.run(pod["command"] + [local(pod["args"][0])], env=env, capture_output=True, text=True, timeout=120)
    check(run.returncode == 0, f"Kubernetes shard {k}: exit {run.returncode}: {run.stderr[:300]}")
mpod = merge["spec"]["jobTemplate"]["spec"]["template"]["spec"]["containers"][0]
run = subprocess.run(mpod["command"] + [local(mpod["args"][0])], capture_output=True, text=True, timeout=120)
check(run.returncode == 0, f"Kubernetes merge: exit {run.returncode}: {run.stderr[:300]}")
merged_night(work + "/k8s/reports", shards, "Kubernetes")

# Slurm: a stand-in sbatch runs an array's tasks one by one (with the variables Slurm sets)
# and a dependent job at once.
os.makedirs(work + "/slurm-bin", exist_ok=True)
with open(work + "/slurm-bin/sbatch", "w") as f:
    f.write(r'''#!/usr/bin/env python3
import os, re, subprocess, sys
args = sys.argv[1:]
wrap = args[args.index("--wrap") + 1]
array = next((a.split("=", 1)[1] for a in args if a.startswith("--array=")), None)
ok = any(a.startswith("--signal=TERM@") for a in args) or array is None
if array:
    lo, hi = map(int, array.split("-"))
    for task in range(lo, hi + 1):
        env = dict(os.environ, SLURM_ARRAY_TASK_ID=str(task), SLURM_ARRAY_TASK_MIN=str(lo), SLURM_ARRAY_TASK_COUNT=str(hi - lo + 1))
        rc = subprocess.run(["sh", "-c", wrap], env=env).returncode
        if rc != 0: sys.exit("task %d: exit %d" % (task, rc))
else:
    rc = subprocess.run(["sh", "-c", wrap]).returncode
    if rc != 0: sys.exit("job: exit %d" % rc)
print("4242" if ok else sys.exit("no --signal=TERM@ for the array"))
''')
os.chmod(work + "/slurm-bin/sbatch", 0o755)
env = dict(os.environ, PATH=work + "/slurm-bin:" + os.environ["PATH"], SHARDS="3", ARCHIVE=work + "/archive", WORK=work + "/slurm")
run = subprocess.run(["bash", "docs/deploy/slurm/citecheck-nightly.sh"], env=env, capture_output=True, text=True, timeout=300)
check(run.returncode == 0, f"Slurm script: exit {run.returncode}: {run.stderr[:300]}")
merged_night(work + "/slurm/reports", 3, "Slurm")

# systemd: the unit names the script and the timer the night; the script runs both shards.
unit = open("docs/deploy/systemd/citecheck-nightly.service").read()
check(re.search(r"^ExecStart=/usr/local/lib/citecheck/citecheck-nightly$", unit, re.M), "systemd: ExecStart runs the script")
check(re.search(r"^Type=oneshot$", unit, re.M), "systemd: a oneshot service")
timer = open("docs/deploy/systemd/citecheck-nightly.timer").read()
check(re.search(r"^OnCalendar=\S", timer, re.M) and re.search(r"^Persistent=true$", timer, re.M), "systemd: the timer's night")
env = dict(os.environ, SHARDS="2", ARCHIVE=work + "/archive", STATE_DIRECTORY=work + "/systemd")
run = subprocess.run(["sh", "docs/deploy/systemd/citecheck-nightly"], env=env, capture_output=True, text=True, timeout=300)
check(run.returncode == 0, f"systemd script: exit {run.returncode}: {run.stderr[:300]}")
merged_night(work + "/systemd/reports", 2, "systemd")
check(os.path.exists(work + "/systemd/reports/latest.json"), "systemd: latest.json points at the night")

for f in failures:
    print("FAIL:", f)
sys.exit(1 if failures else 0)
PY
status=$?
[ "$status" -eq 0 ] && echo "the deployment examples run as written"
exit "$status"
