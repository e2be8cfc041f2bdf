#!/usr/bin/env python3
"""Runs one conformance scenario and checks it against its expectations.

Usage: IRPSIM=path/to/irpsim python3 check.py tests/conformance/case-NN.json OUT_DIR

Runs `irpsim run case-NN.json --out OUT_DIR --irp-log OUT_DIR/log.jsonl`, then asserts every expectation of
case-NN.expect.json (next to the scenario) against the exit code, OUT_DIR/summary.json and the per-IRP event log
(results/README.md). Prints what was expected and what was found for every failed expectation, and exits 1 if any
failed. Standard library only.

Expectation file (all keys optional except "case"):
  "case": NN                      the section 12 case number (must match the file name)
  "notes": "..."                  free text: what the scenario cannot show, or a known discrepancy
  "exit_code": 0 | 3              irpsim's exit code (default 0)
  "violations": {PATTERN: COUNT}  accounting.violation_counts: every PATTERN (a substring) matches names whose counts
                                  add up to COUNT, and every name matches some PATTERN ({} = no violation at all)
  "accounting": {"issued": N, "completed": N, "stuck": N}
  "irps": {LABEL: ID | {"type": T, "nth": K} | {"created_for": LABEL, "nth": K}}
                                  names for IRPs: an id; the K-th (from 0) IRP of type T in issue order; or the K-th IRP
                                  a driver created for a received one (its "created" event's related_irp)
  "final": {LABEL: {"status", "information_bytes", "time_ns"} | {"completed": false}}
                                  the IRP's irp_completed event (exactly one), or none at all
  "events": [MATCHER + {"count": N}, ...]
                                  events that match: exactly N if "count" is given, else at least one
  "order": [[MATCHER, MATCHER, ...], ...]
                                  each list must occur in this relative order in the log (the log is in simulated-time
                                  order, and events at the same instant in the order they happened)
A MATCHER is a dict of event fields that must all hold: "irp" (a label or id), "event", "at", "type", "status",
"information_bytes", "time_ns", "related_irp" (a label or id), plus "time_lt_ns" / "time_ge_ns" bounds and an
optional "why" (the part of the case it checks), printed on failure.
Always checked as well: the log is in simulated-time order and no IRP completes twice.
"""
import json
import os
import shutil
import subprocess
import sys

FIELDS = ("event", "at", "type", "status", "information_bytes", "time_ns")


class Checker:
    def __init__(self, log, summary, expect):
        self.log = log
        self.summary = summary
        self.expect = expect
        self.failures = []
        self.labels = {}

    def fail(self, what, expected, found):
        self.failures.append((what, expected, found))

    # --- IRP labels -------------------------------------------------------------------------------------------
    def resolve_labels(self):
        for label, spec in self.expect.get("irps", {}).items():
            if isinstance(spec, int):
                self.labels[label] = spec
                continue
            nth = spec.get("nth", 0)
            if "type" in spec:
                ids = [e["irp"] for e in self.log if e["event"] == "issued" and e["type"] == spec["type"]]
                how = "issued IRPs of type %s" % spec["type"]
            elif "created_for" in spec:
                parent = self.irp_id(spec["created_for"])
                ids = [e["irp"] for e in self.log if e["event"] == "created" and e.get("related_irp") == parent]
                how = "IRPs created for IRP %s (%s)" % (parent, spec["created_for"])
            else:
                raise SystemExit("bad IRP label %s: %s" % (label, spec))
            if nth >= len(ids):
                self.fail("IRP label %s" % label, "at least %d %s" % (nth + 1, how), "%d: %s" % (len(ids), ids))
                self.labels[label] = None
            else:
                self.labels[label] = ids[nth]

    def irp_id(self, ref):
        if isinstance(ref, int):
            return ref
        if ref not in self.labels:
            raise SystemExit("unknown IRP label %r (declare it under \"irps\")" % ref)
        return self.labels[ref]

    # --- matching ---------------------------------------------------------------------------------------------
    def matches(self, e, m):
        for key, want in m.items():
            if key in ("count", "why"):
                continue
            if key == "irp":
                if e["irp"] != self.irp_id(want):
                    return False
            elif key == "related_irp":
                if e.get("related_irp") != self.irp_id(want):
                    return False
            elif key == "time_lt_ns":
                if not e["time_ns"] < want:
                    return False
            elif key == "time_ge_ns":
                if not e["time_ns"] >= want:
                    return False
            elif key in FIELDS:
                if e.get(key) != want:
                    return False
            else:
                raise SystemExit("unknown matcher key %r in %s" % (key, m))
        return True

    def describe(self, m):
        parts = []
        for key, want in m.items():
            if key in ("count", "why"):
                continue
            if key in ("irp", "related_irp") and not isinstance(want, int):
                parts.append("%s=%s(id %s)" % (key, want, self.irp_id(want)))
            else:
                parts.append("%s=%s" % (key, want))
        text = "{" + ", ".join(parts) + "}"
        return text + ("  [" + m["why"] + "]" if "why" in m else "")

    def context(self, m):
        """The log lines most relevant to a failed matcher: the IRP's events, or the events of that kind."""
        if "irp" in m:
            irp = self.irp_id(m["irp"])
            lines = [e for e in self.log if e["irp"] == irp]
            title = "events of IRP %s" % irp
        elif "event" in m:
            lines = [e for e in self.log if e["event"] == m["event"]]
            title = "all %s events" % m["event"]
        else:
            lines = self.log
            title = "the whole log"
        if not lines:
            return "%s: none" % title
        shown = lines[:40]
        text = "%s:\n" % title + "\n".join("      " + fmt(e) for e in shown)
        if len(lines) > len(shown):
            text += "\n      ... %d more" % (len(lines) - len(shown))
        return text

    # --- checks -----------------------------------------------------------------------------------------------
    def check_invariants(self):
        times = [e["time_ns"] for e in self.log]
        if times != sorted(times):
            self.fail("log order", "events in simulated-time order", "out of order")
        done = {}
        for e in self.log:
            if e["event"] == "irp_completed":
                done[e["irp"]] = done.get(e["irp"], 0) + 1
        twice = {irp: n for irp, n in done.items() if n > 1}
        if twice:
            self.fail("each IRP completes at most once", "one irp_completed per IRP", "IRP: count %s" % twice)

    def check_exit(self, code, stderr):
        want = self.expect.get("exit_code", 0)
        if code != want:
            self.fail("exit code", want, "%s; stderr: %s" % (code, stderr.strip()[-2000:] or "(empty)"))

    def check_violations(self):
        if "violations" not in self.expect:
            return
        want = self.expect["violations"]
        found = self.summary["accounting"].get("violation_counts", {})
        for pattern, count in want.items():
            got = sum(n for name, n in found.items() if pattern in name)
            if got != count:
                self.fail("violations matching %r" % pattern, count, "%d; violation_counts = %s" % (got, found))
        extra = {name: n for name, n in found.items() if not any(p in name for p in want)}
        if extra:
            self.fail("no other violations", "only %s" % (sorted(want) or "none"),
                      "%s; listed: %s" % (extra, self.summary["accounting"].get("violations", [])[:5]))

    def check_accounting(self):
        acc = self.summary["accounting"]
        for key, want in self.expect.get("accounting", {}).items():
            got = len(acc["stuck"]) if key == "stuck" else acc[key]
            if got != want:
                self.fail("accounting.%s" % key, want, "%s (stuck: %s)" % (got, acc["stuck"]))

    def check_final(self):
        for label, want in self.expect.get("final", {}).items():
            irp = self.irp_id(label)
            if irp is None:
                continue
            done = [e for e in self.log if e["irp"] == irp and e["event"] == "irp_completed"]
            what = "final outcome of IRP %s (%s)" % (label, irp)
            if want.get("completed", True) is False:
                if done:
                    self.fail(what, "never completed", "%s\n    %s" % (fmt(done[0]), self.context({"irp": irp})))
                continue
            if len(done) != 1:
                self.fail(what, "exactly one irp_completed with %s" % want,
                          "%d\n    %s" % (len(done), self.context({"irp": irp})))
                continue
            got = {k: done[0][k] for k in want}
            if got != want:
                self.fail(what, want, "%s\n    %s" % (got, self.context({"irp": irp})))

    def check_events(self):
        for m in self.expect.get("events", []):
            if any(self.irp_id(m[k]) is None for k in ("irp", "related_irp") if k in m):
                continue
            n = sum(1 for e in self.log if self.matches(e, m))
            if "count" in m:
                if n != m["count"]:
                    self.fail("event count " + self.describe(m), m["count"], "%d\n    %s" % (n, self.context(m)))
            elif n == 0:
                self.fail("event " + self.describe(m), "at least one", "none\n    %s" % self.context(m))

    def check_order(self):
        for seq in self.expect.get("order", []):
            if any(self.irp_id(m[k]) is None for m in seq for k in ("irp", "related_irp") if k in m):
                continue
            pos = 0
            for i, m in enumerate(seq):
                while pos < len(self.log) and not self.matches(self.log[pos], m):
                    pos += 1
                if pos == len(self.log):
                    found_at_all = [j for j, e in enumerate(self.log) if self.matches(e, m)]
                    where = ("it occurs only before step %d (log lines %s)" % (i, found_at_all[:5])
                             if found_at_all else "it does not occur at all")
                    expected = "\n      then ".join(self.describe(x) for x in seq)
                    irps = sorted({self.irp_id(x["irp"]) for x in seq if "irp" in x})
                    ctx = "\n    ".join(self.context({"irp": irp}) for irp in irps) if irps else self.context(m)
                    self.fail("event order, step %d %s" % (i + 1, self.describe(m)), expected,
                              "%s\n    %s" % (where, ctx))
                    break
                pos += 1


def fmt(e):
    rel = " related_irp=%s" % e["related_irp"] if "related_irp" in e else ""
    return "%13d ns  irp %-4s %-18s at=%-10s %-6s %s info=%s%s" % (
        e["time_ns"], e["irp"], e["event"], e["at"] or '""', e["type"], e["status"], e["information_bytes"], rel)


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: IRPSIM=irpsim check.py case-NN.json OUT_DIR")
    scenario, out = sys.argv[1], sys.argv[2]
    irpsim = os.environ.get("IRPSIM")
    if not irpsim:
        sys.exit("IRPSIM is not set (the irpsim binary)")
    expect_path = scenario[: -len(".json")] + ".expect.json"
    if not os.path.exists(expect_path):
        sys.exit("no expectations: %s is missing" % expect_path)
    with open(expect_path) as f:
        expect = json.load(f)
    unknown = set(expect) - {"case", "notes", "exit_code", "violations", "accounting", "irps", "final", "events",
                             "order"}
    if unknown:
        sys.exit("%s: unknown keys %s" % (expect_path, sorted(unknown)))
    name = os.path.basename(scenario)
    if name != "case-%02d.json" % expect["case"]:
        sys.exit("%s says case %s" % (expect_path, expect["case"]))

    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)
    log_path = os.path.join(out, "log.jsonl")
    cmd = [irpsim, "run", scenario, "--out", out, "--irp-log", log_path]
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True)
    with open(os.path.join(out, "stdout.txt"), "w") as f:
        f.write(proc.stdout)
    print("$ " + " ".join(cmd) + "  -> exit %d" % proc.returncode)
    summary_path = os.path.join(out, "summary.json")
    if not os.path.exists(summary_path) or not os.path.exists(log_path):
        print("FAIL: irpsim wrote no summary.json or log (exit %d)\n%s" % (proc.returncode, proc.stderr))
        return 1
    with open(summary_path) as f:
        summary = json.load(f)
    with open(log_path) as f:
        log = [json.loads(line) for line in f if line.strip()]

    c = Checker(log, summary, expect)
    c.resolve_labels()
    c.check_exit(proc.returncode, proc.stderr)
    c.check_invariants()
    c.check_violations()
    c.check_accounting()
    c.check_final()
    c.check_events()
    c.check_order()

    n_checks = (1 + 2 + ("violations" in expect) + len(expect.get("accounting", {})) + len(expect.get("final", {}))
                + len(expect.get("events", [])) + len(expect.get("order", [])))
    if c.failures:
        print("case %02d: %d of %d expectations FAILED (log: %s)" % (expect["case"], len(c.failures), n_checks,
                                                                     log_path))
        for what, expected, found in c.failures:
            print("\nFAIL %s\n  expected: %s\n  found:    %s" % (what, expected, found))
        return 1
    print("case %02d: all %d expectations hold (%d log events)" % (expect["case"], n_checks, len(log)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
