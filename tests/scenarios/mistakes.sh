#!/usr/bin/env bash
# scenarios/mistakes/verifier-catches.json: one driver bug per request type. Exit code 3, ten violations of each kind
# by name in summary.json, the ten never-completed IOCTLs stuck; and with the verifier off, the same scenario's
# internal IOCTLs run out of stack locations on the way down (the remote filter's format bug checks 0x10D, 0x6, 0x1)
# instead of failing at the send.
set -uo pipefail
rm -rf "$WORK"; mkdir -p "$WORK"
fail() { echo "FAIL: $*"; exit 1; }
scenario="$SOURCE_DIR/scenarios/mistakes/verifier-catches.json"
"$IRPSIM" run "$scenario" --out "$WORK/on" > /dev/null 2>&1
code=$?
[ $code -eq 3 ] || fail "exit code $code, expected 3"
python3 - "$scenario" "$WORK/off.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["verifier"] = False
d["$schema"] = "irpsim.schema.json"
json.dump(d, open(sys.argv[2], "w"))
PY
"$IRPSIM" run "$WORK/off.json" --out "$WORK/off" > /dev/null 2>&1
code=$?
[ $code -eq 3 ] || fail "verifier off: exit code $code, expected 3"
python3 - "$WORK/on/summary.json" "$WORK/off/summary.json" <<'PY'
import json, sys
def counts(path):
    s = json.load(open(path))
    return s, {name: n for name, n in s["accounting"]["violation_counts"].items()}
def check(counts, expected):
    for pattern, n in expected.items():
        found = sum(v for k, v in counts.items() if pattern in k)
        assert found == n, f"{pattern}: expected {n}, found {found} in {counts}"
    assert sum(counts.values()) == sum(expected.values()), counts
on, c_on = counts(sys.argv[1])
check(c_on, {"0x10D, 0x6, 0x3": 10, "0x44": 10, "REQUEST_NEVER_COMPLETED": 10, "STATUS_REQUEST_NOT_ACCEPTED": 10,
             "STATUS_INVALID_PARAMETER": 10})
acc = on["accounting"]
assert acc["issued"] == 50 and acc["completed"] == 40 and len(acc["stuck"]) == 10, acc
statuses = {w["name"]: w["all_types"]["status_counts"] for w in on["workloads"]}
assert statuses["reads"] == {"STATUS_SUCCESS": 10}, statuses
assert statuses["writes"] == {"STATUS_SUCCESS": 10}, statuses
assert statuses["internal"] == {"STATUS_REQUEST_NOT_ACCEPTED": 10}, statuses
assert statuses["others"] == {"STATUS_INVALID_PARAMETER": 10}, statuses
off, c_off = counts(sys.argv[2])
# Without the verifier the send goes through; the remote stack's filter then finds no next location to format.
check(c_off, {"0x10D, 0x6, 0x3": 10, "0x44": 10, "REQUEST_NEVER_COMPLETED": 10, "0x10D, 0x6, 0x1": 10,
              "STATUS_INVALID_PARAMETER": 10})
print("verifier on:", c_on)
print("verifier off:", c_off)
PY
