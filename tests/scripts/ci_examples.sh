#!/usr/bin/env bash
# The pre-commit hook (.pre-commit-hooks.yaml) and the GitHub Actions example
# (docs/ci/github-actions.yml) parse as YAML, say what README.md says they do, and run: the
# options they give citecheck are options it accepts (a finding status, never the usage error 2).
# The workflow's run is played offline on a fixture (tests never reach the internet).
#
#   ci_examples.sh CITECHECK SOURCE_DIR
set -uo pipefail
bin=$1
cd "$2" || exit 1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$bin" "$work" <<'PY'
import json, re, shlex, subprocess, sys
import yaml

bin, work = sys.argv[1], sys.argv[2]
sample = "fixtures/manuscripts/sample_arabic_english.txt"  # has error findings: exit 1
failures = []
def check(ok, what):
    if not ok:
        failures.append(what)

hooks = yaml.safe_load(open(".pre-commit-hooks.yaml", encoding="utf-8"))
check(isinstance(hooks, list) and len(hooks) == 1, "one hook in .pre-commit-hooks.yaml")
hook = hooks[0]
check(hook.get("id") == "citecheck", "hook id citecheck")
check(hook.get("entry") == "citecheck", "hook entry is the program")
check(hook.get("language") in ("system", "script"), "hook language system or script")
check("--offline" in hook.get("args", []), "hook runs offline")
files = re.compile(hook["files"])
for name in ["paper.txt", "draft.md", "chapter 2.docx", "book.odt", "article.pdf", "refs.bib"]:
    check(files.search(name), f"hook files matches {name}")
for name in ["figure.png", "notes.txt.orig", "Makefile", "data.csv"]:
    check(not files.search(name), f"hook files leaves {name} alone")
# pre-commit runs `entry args... FILES`.
run = subprocess.run([bin] + hook["args"] + [sample], capture_output=True, text=True, timeout=120)
check(run.returncode == 1, f"hook args on the sample: exit {run.returncode} (want 1), stderr {run.stderr!r}")
check("[year-mismatch]" in run.stdout, "hook output names the findings")
check("\x1b[" not in run.stdout, "hook output has no colour codes")

flow = yaml.safe_load(open("docs/ci/github-actions.yml", encoding="utf-8"))
triggers = flow.get("on", flow.get(True))  # YAML 1.1 reads a bare `on` as true
check(triggers and "pull_request" in triggers and "push" in triggers, "workflow runs on push and pull requests")
check(flow.get("permissions", {}).get("security-events") == "write", "workflow may upload to code scanning")
steps = [s for job in flow["jobs"].values() for s in job["steps"]]
runs = [s.get("run", "") for s in steps]
readme = open("README.md", encoding="utf-8").read()
quick = re.search(r"apt-get install -y ([^&]+)&&", readme).group(1).split()
install = next((r for r in runs if "apt-get install" in r), "")
missing = [p for p in quick if p not in install.split()]
check(not missing, f"workflow installs the quick start's packages (missing {missing})")
check(any("--target citecheck" in r for r in runs), "workflow builds only the citecheck target")
check_step = next((r for r in runs if "--format sarif" in r), None)
check(check_step is not None, "workflow writes a SARIF report")
upload = next((s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif@")), None)
check(upload is not None, "workflow uploads with github/codeql-action/upload-sarif")
if check_step and upload:
    words = shlex.split(check_step)
    out = words[words.index("-o") + 1]
    check(upload.get("with", {}).get("sarif_file") == out, f"the uploaded file is the report written ({out})")
    # The run step as written, offline, on the sample, writing into the scratch folder.
    args = [w for w in words[1:] if w != "$MANUSCRIPTS"]
    args[args.index("-o") + 1] = f"{work}/{out}"
    run = subprocess.run([bin, "--offline"] + args + [sample], capture_output=True, text=True, timeout=120)
    check(run.returncode == 0, f"workflow's citecheck options on the sample: exit {run.returncode} (want 0, --fail-on none), stderr {run.stderr!r}")
    try:
        sarif = json.load(open(f"{work}/{out}", encoding="utf-8"))
        check(sarif.get("version") == "2.1.0", "the workflow's report is SARIF 2.1.0")
        check(any(r.get("ruleId") == "year-mismatch" for r in sarif["runs"][0]["results"]), "the SARIF report has the sample's findings")
    except (OSError, ValueError, KeyError) as e:
        check(False, f"the workflow's report reads as SARIF ({e})")

for f in failures:
    print("FAIL:", f)
sys.exit(1 if failures else 0)
PY
