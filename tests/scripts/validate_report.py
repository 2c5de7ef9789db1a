#!/usr/bin/python3
"""Validates citecheck JSON reports against docs/report.schema.json, then checks what a
schema cannot: ids unique within a document, every owner / reference / also_references /
items id present in that document, end_line not before line, finding fingerprints unique
within a document, summary totals equal to the documents' counts.

  validate_report.py SCHEMA REPORT...          exit 0 when every report is valid
  validate_report.py SCHEMA --self-test REPORT exit 0 when each deliberately broken copy of a
                                               (valid) REPORT is rejected: proves the checks bite
  validate_report.py SCHEMA --jsonl FILE...    each line of a --format jsonl report against
                                               $defs/jsonl_line, the same integrity per document,
                                               the end line last and its totals the documents'
"""
import copy
import json
import sys

import jsonschema


def load_validator(schema_path):
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def integrity_errors(report):
    errors = []
    totals = {"documents": 0, "footnotes": 0, "references": 0, "citations": 0, "links": 0}
    severities = {"error": 0, "warning": 0, "info": 0}
    for d_index, doc in enumerate(report.get("documents", [])):
        where = f"documents[{d_index}] ({doc.get('path')})"
        totals["documents"] += 1
        ids = {}
        for kind in ("footnotes", "references", "citations", "links"):
            totals[kind] += len(doc.get(kind, []))
            for i, item in enumerate(doc.get(kind, [])):
                if item["id"] in ids:
                    errors.append(f"{where}: id {item['id']} is used twice ({ids[item['id']]} and {kind}[{i}])")
                ids[item["id"]] = f"{kind}[{i}]"
        refs = {r["id"] for r in doc.get("references", [])}
        notes = {f["id"] for f in doc.get("footnotes", [])}

        def spans(kind, obj, label):
            if "end_line" in obj and obj["end_line"] < obj["line"]:
                errors.append(f"{where}: {label} ends on line {obj['end_line']} before it starts ({obj['line']})")

        for i, r in enumerate(doc.get("references", [])):
            spans("references", r, f"references[{i}]")
        for i, fn in enumerate(doc.get("footnotes", [])):
            if fn.get("marker"):
                spans("footnotes", fn["marker"], f"footnotes[{i}].marker")
            if fn.get("body"):
                spans("footnotes", fn["body"], f"footnotes[{i}].body")
        for i, c in enumerate(doc.get("citations", [])):
            spans("citations", c, f"citations[{i}]")
            if c.get("reference") is not None and c["reference"] not in refs:
                errors.append(f"{where}: citations[{i}].reference {c['reference']} is no reference entry")
            for r in c.get("also_references", []):
                if r not in refs:
                    errors.append(f"{where}: citations[{i}].also_references {r} is no reference entry")
        for i, link in enumerate(doc.get("links", [])):
            spans("links", link, f"links[{i}]")
            owner = link.get("owner")
            if owner is not None and owner not in refs and owner not in notes:
                errors.append(f"{where}: links[{i}].owner {owner} is no reference entry or footnote")
        fingerprints = {}
        for i, finding in enumerate(doc.get("findings", [])):
            severities[finding["severity"]] = severities.get(finding["severity"], 0) + 1
            fp = finding.get("fingerprint")
            if fp in fingerprints:
                errors.append(f"{where}: findings[{i}] has the fingerprint of findings[{fingerprints[fp]}]")
            fingerprints[fp] = i
            for item in finding.get("items", []):
                if item not in ids:
                    errors.append(f"{where}: findings[{i}] ({finding['code']}) names {item}, which does not exist")
    errors += status_errors(report.get("documents", []), report.get("summary", {}))
    run = report.get("run", {})
    if run.get("complete") != report.get("complete"):
        errors.append(f"run.complete is {run.get('complete')} but complete is {report.get('complete')}")
    if run.get("failed_inputs") != report.get("failed_inputs", []):
        errors.append("run.failed_inputs differs from failed_inputs")
    if run.get("started_at", "") > run.get("finished_at", ""):
        errors.append(f"the run finished ({run.get('finished_at')}) before it started ({run.get('started_at')})")
    summary = report.get("summary", {})
    for key, n in totals.items():
        if summary.get(key) != n:
            errors.append(f"summary.{key} is {summary.get(key)} but the documents hold {n}")
    for key, n in severities.items():
        if summary.get("findings", {}).get(key) != n:
            errors.append(f"summary.findings.{key} is {summary.get('findings', {}).get(key)} but the documents hold {n}")
    return errors


def status_errors(documents, summary):
    """summary.links_by_status counts the documents' links by status and adds up to summary.links."""
    counted = {}
    for doc in documents:
        for link in doc.get("links", []):
            counted[link["status"]] = counted.get(link["status"], 0) + 1
    by_status = summary.get("links_by_status", {})
    errors = [f"summary.links_by_status.{k} is {v} but the documents hold {counted.get(k, 0)}"
              for k, v in by_status.items() if v != counted.get(k, 0)]
    if sum(by_status.values()) != summary.get("links"):
        errors.append(f"summary.links_by_status adds up to {sum(by_status.values())}, not summary.links {summary.get('links')}")
    return errors


def problems(validator, report):
    out = []
    for e in sorted(validator.iter_errors(report), key=lambda e: list(e.absolute_path)):
        path = "/".join(str(p) for p in e.absolute_path) or "(root)"
        out.append(f"schema: at {path}: {e.message}")
    if not out:  # integrity checks assume the shapes the schema guarantees
        out += integrity_errors(report)
    return out


def mutations(report):
    """(what, broken copy) pairs; each must be rejected."""
    doc_index = next((i for i, d in enumerate(report["documents"]) if d["citations"] and d["references"] and d["findings"]), None)
    if doc_index is None:
        raise SystemExit("self-test needs a report with citations, references and findings")

    def mutate(what, fn):
        r = copy.deepcopy(report)
        fn(r, r["documents"][doc_index])
        return what, r

    def drop(obj, key):
        del obj[key]

    def set_(obj, key, value):
        obj[key] = value

    return [
        mutate("schema tag changed", lambda r, d: set_(r, "schema", "citecheck-report/2")),
        mutate("documents missing", lambda r, d: drop(r, "documents")),
        mutate("citation kind outside the enum", lambda r, d: set_(d["citations"][0], "kind", "harvard")),
        mutate("citation reference missing", lambda r, d: drop(d["citations"][0], "reference")),
        mutate("citation year in Arabic-Indic digits", lambda r, d: set_(d["citations"][0], "year", "٢٠٢٠")),
        mutate("line 0", lambda r, d: set_(d["citations"][0], "line", 0)),
        mutate("column as a string", lambda r, d: set_(d["citations"][0], "column", "3")),
        mutate("bad citation id", lambda r, d: set_(d["citations"][0], "id", "citation-1")),
        mutate("dangling citation.reference", lambda r, d: set_(d["citations"][0], "reference", "ref9999")),
        mutate("duplicate id", lambda r, d: d["citations"].append(copy.deepcopy(d["citations"][0]))
               or r["summary"].__setitem__("citations", r["summary"]["citations"] + 1)),
        mutate("reference end_line before line", lambda r, d: set_(d["references"][0], "line", d["references"][0]["end_line"] + 1)),
        mutate("reference without raw", lambda r, d: drop(d["references"][0], "raw")),
        mutate("finding code not kebab-case", lambda r, d: d["findings"].append(
            {"code": "Year_Mismatch", "severity": "error", "message": "x", "line": 1, "column": 1, "items": []})),
        mutate("finding severity outside the enum", lambda r, d: d["findings"].append(
            {"code": "year-mismatch", "severity": "fatal", "message": "x", "line": 1, "column": 1, "items": []})),
        mutate("finding naming a missing item", lambda r, d: d["findings"].append(
            {"code": "year-mismatch", "severity": "info", "message": "x", "line": 1, "column": 1, "items": ["cit9999"]})
            or r["summary"]["findings"].__setitem__("info", r["summary"]["findings"]["info"] + 1)),
        mutate("link status outside the enum", lambda r, d: d["links"].append(
            {"id": "link9999", "kind": "url", "value": "https://example.org/", "line": 1, "column": 1, "owner": None,
             "status": "dead", "http_status": None, "final_url": None, "error": None})
            or r["summary"].__setitem__("links", r["summary"]["links"] + 1)),
        mutate("link owned by a citation", lambda r, d: d["links"].append(
            {"id": "link9999", "kind": "url", "value": "https://example.org/", "line": 1, "column": 1,
             "owner": d["citations"][0]["id"], "status": "unchecked", "http_status": None, "final_url": None,
             "error": None}) or r["summary"].__setitem__("links", r["summary"]["links"] + 1)),
        mutate("link owned by a missing entry", lambda r, d: d["links"].append(
            {"id": "link9999", "kind": "url", "value": "https://example.org/", "line": 1, "column": 1,
             "owner": "ref9999", "status": "unchecked", "http_status": None, "final_url": None,
             "error": None}) or r["summary"].__setitem__("links", r["summary"]["links"] + 1)),
        mutate("DOI link with its prefix", lambda r, d: d["links"].append(
            {"id": "link9999", "kind": "doi", "value": "https://doi.org/10.1000/x1", "line": 1, "column": 1,
             "owner": None, "status": "unchecked", "http_status": None, "final_url": None, "error": None})
            or r["summary"].__setitem__("links", r["summary"]["links"] + 1)),
        mutate("summary citations off by one", lambda r, d: r["summary"].__setitem__("citations", r["summary"]["citations"] + 1)),
        mutate("summary errors off by one", lambda r, d: r["summary"]["findings"].__setitem__("error", r["summary"]["findings"]["error"] + 1)),
        mutate("reference list present without heading", lambda r, d: d.__setitem__("reference_list", {"present": True})),
        mutate("footnote with neither marker nor body", lambda r, d: d["footnotes"].append(
            {"id": "fn9999", "label": "9", "marker": None, "body": None, "text": ""})
            or r["summary"].__setitem__("footnotes", r["summary"]["footnotes"] + 1)),
        mutate("finding without fingerprint", lambda r, d: drop(d["findings"][0], "fingerprint")),
        mutate("finding fingerprint not hex", lambda r, d: set_(d["findings"][0], "fingerprint", "year-mismatch-1")),
        mutate("two findings with one fingerprint", lambda r, d: d["findings"].append(copy.deepcopy(d["findings"][0]))
               or r["summary"]["findings"].__setitem__(d["findings"][0]["severity"],
                                                       r["summary"]["findings"][d["findings"][0]["severity"]] + 1)),
        mutate("generated_at not RFC 3339", lambda r, d: set_(r, "generated_at", "21/11/2026")),
        mutate("finding code the program does not know", lambda r, d: set_(d["findings"][0], "code", "no-such-code")),
        mutate("links_by_status off by one", lambda r, d: r["summary"]["links_by_status"].__setitem__(
            "ok", r["summary"]["links_by_status"]["ok"] + 1)),
        mutate("links_by_status without a status", lambda r, d: r["summary"]["links_by_status"].pop("skipped")),
        mutate("run missing", lambda r, d: drop(r, "run")),
        mutate("run without options", lambda r, d: drop(r["run"], "options")),
        mutate("run.complete disagrees", lambda r, d: set_(r["run"], "complete", not r["complete"])),
        mutate("interrupted run without interrupted_by", lambda r, d: set_(r["run"], "complete", False)
               or set_(r, "complete", False)),
        mutate("run finished before it started", lambda r, d: set_(r["run"], "started_at", "2099-01-01T00:00:00Z")),
        mutate("run start not RFC 3339", lambda r, d: set_(r["run"], "started_at", "yesterday")),
    ]


def jsonl_problems(validator, path):
    """Every line against $defs/jsonl_line; documents' integrity; the end line last, once."""
    line_validator = type(validator)({"$ref": "#/$defs/jsonl_line", "$defs": validator.schema["$defs"]})
    out, documents, ended = [], [], False
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    else:
        out.append("the last line does not end in a line feed")
    for n, line in enumerate(lines, 1):
        try:
            record = json.loads(line)
        except ValueError as e:
            out.append(f"line {n}: not JSON: {e}")
            continue
        found = [f"line {n}: schema: at {'/'.join(str(p) for p in e.absolute_path) or '(root)'}: {e.message[:300]}"
                 for e in line_validator.iter_errors(record)]
        out += found
        if found:
            continue
        if ended:
            out.append(f"line {n}: a record after the end line")
        if record["type"] == "document":
            documents.append(record["document"])
            one = {"documents": [record["document"]], "summary": record["summary"], "complete": True,
                   "run": {"complete": True, "failed_inputs": []}}
            out += [f"line {n}: {e}" for e in integrity_errors(one)]
        else:
            ended = True
            whole = {"documents": documents, "summary": record["summary"], "complete": record["run"]["complete"],
                     "run": record["run"]}
            if record["run"]["failed_inputs"]:
                whole["failed_inputs"] = record["run"]["failed_inputs"]
            out += [f"line {n} (end): {e}" for e in integrity_errors(whole)]
    if not ended:
        out.append("no end line: a partial run")
    return out


def run(argv, doc, load, problems, mutations, describe):
    """The command line of this validator and of validate_sarif.py: argv[1] is what load()
    reads the schema(s) from; then --self-test BASE or the files to validate."""
    if len(argv) < 3:
        print(doc, file=sys.stderr)
        return 2
    validator = load(argv[1])
    if argv[2] == "--self-test":
        with open(argv[3], encoding="utf-8") as f:
            report = json.load(f)
        if problems(validator, report):
            print(f"self-test: the base report {argv[3]} is itself invalid", file=sys.stderr)
            return 1
        failed = 0
        for what, broken in mutations(report):
            found = problems(validator, broken)
            if found:
                print(f"rejected as it should be: {what}: {found[0]}")
            else:
                print(f"NOT REJECTED: {what}")
                failed += 1
        return 1 if failed else 0
    status = 0
    if argv[2] == "--jsonl":
        for path in argv[3:]:
            found = jsonl_problems(validator, path)
            for p in found[:20]:
                print(f"{path}: {p}")
            status |= 1 if found else 0
            if not found:
                print(f"{path}: valid JSON Lines")
        return status
    for path in argv[2:]:
        try:
            with open(path, encoding="utf-8") as f:
                report = json.load(f)
        except (OSError, ValueError) as e:
            print(f"{path}: not JSON: {e}")
            status = 1
            continue
        found = problems(validator, report)
        for p in found[:20]:
            print(f"{path}: {p}")
        if len(found) > 20:
            print(f"{path}: … and {len(found) - 20} more")
        if found:
            status = 1
        else:
            print(f"{path}: valid ({describe(report)})")
    return status


def describe(report):
    docs = report["documents"]
    return f"{len(docs)} document(s), {sum(len(d['findings']) for d in docs)} finding(s)"


def main(argv):
    return run(argv, __doc__, load_validator, problems, mutations, describe)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
