#!/usr/bin/env python3
"""The scenarios scripts/bench.sh runs besides the shipped ones, written into OUT_DIR.

Usage: scripts/bench_scenarios.py R1_JSON QUICKSTART_JSON OUT_DIR

  r1-10m.json               R1 at 10,000,000 requests
  r1-depth10.json           R1 at stack depth 10: 8 upper filters, a function driver and the bus driver
  r1-cpu.json               R1 with the CPU costs of the quickstart's drivers (by position: top driver's costs on
                            R1's top driver, ...) on a host with the quickstart host's cores
  quickstart-zero-cpu.json  the quickstart with every CPU cost set to "0": its drivers' (and policies') "cpu" values,
                            the devices' interrupt "isr" and "dpc", and the lock holds (a lock with a zero hold still
                            puts the steps that take it on a core; the quickstart has none)
  plain-cpu-args.txt        the irpsim_plain_loop options for r1-cpu.json, one per line: the same costs in
                            nanoseconds (--dispatch-cpu-ns, --completion-cpu-ns, one per driver, top first) and cores
  NAME-1k.json              r1, r1-cpu, quickstart and quickstart-zero-cpu stopped at 1,000 requests (100 of warm-up):
                            what irpsim's process costs besides simulating (reading, setting up, writing the summary),
                            to take out of its CPU time

The plain loop takes constant costs only, so r1-cpu.json takes them only when the quickstart's are durations
("1us", "500ns"); anything else is an error here.
"""
import copy
import json
import os
import sys
from decimal import Decimal

UNITS_NS = {"ns": Decimal(1), "us": Decimal(1000), "ms": Decimal(1000000), "s": Decimal(1000000000)}


def duration_ns(text, where):
    """A duration as irpsim writes one ("1us", "500ns", "0"), in nanoseconds, exactly, as a decimal string."""
    if text == "0":
        return "0"
    for unit in ("ns", "us", "ms", "s"):
        if isinstance(text, str) and text.endswith(unit):
            number = text[: -len(unit)]
            try:
                value = Decimal(number) * UNITS_NS[unit]
            except ArithmeticError:
                break
            return format(value.normalize(), "f")
    raise SystemExit(f"bench_scenarios: {where}: the plain loop takes a constant duration (\"1us\"), found {text!r}")


def zero_cpu(node):
    """Every CPU cost of a scenario set to "0", in place."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "cpu" and isinstance(value, dict):
                for step in value:
                    value[step] = "0"
            elif key == "interrupt" and isinstance(value, dict):
                for step in ("isr", "dpc"):
                    if step in value:
                        value[step] = "0"
            elif key == "locks" and isinstance(value, list):
                for lock in value:
                    if isinstance(lock, dict) and "hold" in lock:
                        lock["hold"] = "0"
            else:
                zero_cpu(value)
    elif isinstance(node, list):
        for item in node:
            zero_cpu(item)


def main(argv):
    if len(argv) != 4:
        sys.stderr.write(__doc__)
        return 2
    r1_path, quickstart_path, out = argv[1:]
    r1 = json.load(open(r1_path))
    quickstart = json.load(open(quickstart_path))

    def write(name, scenario, source=r1_path):
        # The "$schema" of a shipped scenario is relative to its folder: keep it pointing at the same file.
        if "$schema" in scenario and not os.path.isabs(scenario["$schema"]):
            folder = os.path.dirname(os.path.abspath(source))
            scenario["$schema"] = os.path.normpath(os.path.join(folder, scenario["$schema"]))
        with open(os.path.join(out, name), "w") as f:
            json.dump(scenario, f, indent=2)

    big = copy.deepcopy(r1)
    big["name"] = "r1-10m"
    big["stop"]["requests"] = 10_000_000
    big["description"] = "R1 (scenarios/bench/r1.json) at 10,000,000 requests. " + r1["description"]
    write("r1-10m.json", big)

    deep = copy.deepcopy(r1)
    deep["name"] = "r1-depth10"
    template = {d["role"]: d for d in r1["drivers"]}
    drivers = []
    for i in range(1, 9):
        d = copy.deepcopy(template["filter"])
        d["name"] = f"filter{i}"
        drivers.append(d)
    drivers += [copy.deepcopy(template["function"]), copy.deepcopy(template["bus"])]
    deep["drivers"] = drivers
    deep["stacks"][0]["drivers"] = [d["name"] for d in drivers]
    deep["description"] = ("R1 (scenarios/bench/r1.json) at stack depth 10: 8 upper filters, a function driver and "
                           "the bus driver, all forwarding at zero CPU cost. " + r1["description"])
    write("r1-depth10.json", deep)

    # R1 with the quickstart's CPU costs: its stack's drivers, top first, onto R1's stack, top first.
    q_drivers = {d["name"]: d for d in quickstart["drivers"]}
    q_stack = [q_drivers[name] for name in quickstart["stacks"][0]["drivers"]]
    r1_drivers = {d["name"]: d for d in r1["drivers"]}
    r1_stack = r1["stacks"][0]["drivers"]
    if len(q_stack) != len(r1_stack):
        raise SystemExit(f"bench_scenarios: the quickstart's stack has {len(q_stack)} drivers, R1's {len(r1_stack)}")
    with_cpu = copy.deepcopy(r1)
    with_cpu["name"] = "r1-cpu"
    by_name = {d["name"]: d for d in with_cpu["drivers"]}
    dispatch_ns, completion_ns = [], []
    for name, q in zip(r1_stack, q_stack):
        cpu = q.get("cpu", {})
        by_name[name]["cpu"] = {"dispatch": cpu.get("dispatch", "0"), "completion": cpu.get("completion", "0")}
        dispatch_ns.append(duration_ns(by_name[name]["cpu"]["dispatch"], f"drivers/{q['name']}/cpu/dispatch"))
        completion_ns.append(duration_ns(by_name[name]["cpu"]["completion"], f"drivers/{q['name']}/cpu/completion"))
    q_host = next(h for h in quickstart["hosts"] if h["name"] == q_stack[0]["host"])
    cores = q_host.get("cores", 1)
    for host in with_cpu["hosts"]:
        if host["name"] == r1_drivers[r1_stack[0]]["host"]:
            host["cores"] = cores
    for device in quickstart.get("devices", []):
        if "interrupt" in device:
            raise SystemExit("bench_scenarios: the quickstart's devices have interrupt costs; r1-cpu.json and the "
                             "plain loop's options do not carry them over yet")
    with_cpu["description"] = (
        f"R1 (scenarios/bench/r1.json) with the CPU costs of scenarios/quickstart.json's drivers, top first "
        f"(dispatch {', '.join(dispatch_ns)} ns; completion {', '.join(completion_ns)} ns), on {cores} cores; one "
        f"submitting thread on core 0, interrupts on the submitting core. " + r1["description"])
    write("r1-cpu.json", with_cpu)
    with open(os.path.join(out, "plain-cpu-args.txt"), "w") as f:
        f.write(f"--dispatch-cpu-ns\n{','.join(dispatch_ns)}\n--completion-cpu-ns\n{','.join(completion_ns)}\n"
                f"--cores\n{cores}\n")

    twin = copy.deepcopy(quickstart)
    twin["name"] = quickstart["name"] + "-zero-cpu"
    zero_cpu(twin)
    twin["description"] = ("scenarios/quickstart.json with every CPU cost set to 0 (scripts/bench.sh's zero-CPU "
                           "twin). " + quickstart["description"])
    write("quickstart-zero-cpu.json", twin, quickstart_path)

    for name, scenario, source in (("r1", r1, r1_path), ("r1-cpu", with_cpu, r1_path),
                                   ("quickstart", quickstart, quickstart_path),
                                   ("quickstart-zero-cpu", twin, quickstart_path)):
        small = copy.deepcopy(scenario)
        small["name"] = name + "-1k"
        small["stop"] = {"requests": 1000}
        small["warmup"] = {"requests": 100}
        small["description"] = f"{name} stopped at 1,000 requests (scripts/bench.sh: irpsim's fixed cost). " + \
            scenario["description"]
        write(f"{name}-1k.json", small, source)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
