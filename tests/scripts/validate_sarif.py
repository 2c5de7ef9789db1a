#!/usr/bin/python3
"""Validates citecheck SARIF logs against the SARIF 2.1.0 schema in tests/schemas/ (the
official file sarif-2.1.0.json when it is there, and always the hand-written subset), then
checks what a schema cannot: each ruleIndex names the rule of its ruleId, every ruleId is a
rule, and no two results of one file share a partial fingerprint.

  validate_sarif.py SCHEMA_DIR LOG...            exit 0 when every log is valid
  validate_sarif.py SCHEMA_DIR --self-test LOG   exit 0 when each deliberately broken copy of
                                                 a (valid) LOG is rejected: proves the checks bite
"""
import copy
import json
import os
import sys

import jsonschema

import validate_report  # beside this script: the shared command line

SCHEMAS = ("sarif-2.1.0.json", "sarif-2.1.0-subset.schema.json")


def load_validators(schema_dir):
    validators = []
    for name in SCHEMAS:
        path = os.path.join(schema_dir, name)
        if not os.path.exists(path):
            continue
        with open(path, encoding="utf-8") as f:
            schema = json.load(f)
        cls = jsonschema.validators.validator_for(schema)
        cls.check_schema(schema)
        validators.append((name, cls(schema)))
    if not validators:
        raise SystemExit(f"no SARIF schema in {schema_dir}")
    return validators


def problems(validators, log):
    out = []
    for name, validator in validators:
        for e in validator.iter_errors(log):
            out.append(f"{name}: at {'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message}")
    if out:
        return out
    for r_index, run in enumerate(log["runs"]):
        rules = run["tool"]["driver"].get("rules", [])
        ids = [r["id"] for r in rules]
        seen = {}
        for i, result in enumerate(run.get("results") or []):
            where = f"runs[{r_index}].results[{i}]"
            if result.get("ruleId") not in ids:
                out.append(f"{where}: ruleId {result.get('ruleId')} is no rule of the driver")
            if "ruleIndex" in result and (result["ruleIndex"] >= len(ids) or ids[result["ruleIndex"]] != result.get("ruleId")):
                out.append(f"{where}: ruleIndex {result['ruleIndex']} does not name rule {result.get('ruleId')}")
            uri = (result.get("locations") or [{}])[0].get("physicalLocation", {}).get("artifactLocation", {}).get("uri")
            for key, value in result.get("partialFingerprints", {}).items():
                if (uri, key, value) in seen:
                    out.append(f"{where}: partial fingerprint {value} of {uri} is also results[{seen[(uri, key, value)]}]'s")
                seen[(uri, key, value)] = i
    return out


def mutations(log):
    def mutate(what, fn):
        broken = copy.deepcopy(log)
        fn(broken, broken["runs"][0], broken["runs"][0]["results"][0])
        return what, broken

    return [
        mutate("version 2.0.0", lambda l, run, res: l.__setitem__("version", "2.0.0")),
        mutate("no runs", lambda l, run, res: l.pop("runs")),
        mutate("driver without name", lambda l, run, res: run["tool"]["driver"].pop("name")),
        mutate("level fatal", lambda l, run, res: res.__setitem__("level", "fatal")),
        mutate("result without message", lambda l, run, res: res.pop("message")),
        mutate("message without text or id", lambda l, run, res: res.__setitem__("message", {"markdown": "x"})),
        mutate("unknown result property", lambda l, run, res: res.__setitem__("severity", "error")),
        mutate("startLine 0", lambda l, run, res: res["locations"][0]["physicalLocation"].__setitem__("region", {"startLine": 0})),
        mutate("physical location without artifact", lambda l, run, res: res["locations"][0]["physicalLocation"].pop("artifactLocation")),
        mutate("partial fingerprint not a string", lambda l, run, res: res["partialFingerprints"].__setitem__("citecheck/v1", 7)),
        mutate("two equal rules", lambda l, run, res: run["tool"]["driver"]["rules"].append(copy.deepcopy(run["tool"]["driver"]["rules"][0]))),
        mutate("rule without id", lambda l, run, res: run["tool"]["driver"]["rules"][0].pop("id")),
        mutate("columnKind bytes", lambda l, run, res: run.__setitem__("columnKind", "bytes")),
        mutate("ruleIndex of another rule", lambda l, run, res: res.__setitem__("ruleIndex", (res["ruleIndex"] + 1) % len(run["tool"]["driver"]["rules"]))),
        mutate("ruleId of no rule", lambda l, run, res: res.__setitem__("ruleId", "no-such-code") or res.pop("ruleIndex")),
        mutate("two results, one fingerprint", lambda l, run, res: run["results"].append(copy.deepcopy(res))),
        mutate("invocation without executionSuccessful", lambda l, run, res: run["invocations"][0].pop("executionSuccessful")),
    ]


def describe(log):
    return f"SARIF, {sum(len(r.get('results') or []) for r in log['runs'])} result(s)"


def main(argv):
    return validate_report.run(argv, __doc__, load_validators, problems, mutations, describe)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
