#!/usr/bin/env python3
"""scripts/bench.sh's results: one JSON line per run, and the tables printed from them.

Usage:
  scripts/bench_report.py irpsim-row CONFIG SUMMARY_JSON EXIT_CODE [TIME_FILE]
                                                                     one irpsim run (its summary.json; the process's
                                                                     user and system seconds, "U S") as a JSON line
  scripts/bench_report.py plain-row CONFIG FORM                      one irpsim_plain_loop run (its JSON line on
                                                                     stdin) as a JSON line; FORM: actor or inline
  scripts/bench_report.py report RESULTS_JSONL REPEAT [--json FILE]  the tables on stdout (and every run and figure
                                                                     into FILE); exit code 1 when a run disagrees
                                                                     with the theory by more than 1%

A row: config, program (irpsim, plain_actor, plain_inline), wall_s (the simulation only), requests (completed), hops,
cpu_s (user + system time: irpsim's whole process, the plain loop's event loop), cpu_steps (CPU steps run on a core:
irpsim's cpu.hosts[].steps), peak_rss_bytes, simulated figures. A config NAME@1k is NAME stopped at 1,000 requests:
irpsim's fixed cost, taken out of its CPU time per IRP.
"""
import json
import statistics
import sys

THEORY_TPUT, THEORY_LAT_NS, TOL = 80_000.0, 400_000.0, 0.01
PROGRAMS = ["irpsim", "plain_actor", "plain_inline"]
# (config, title, stack depth, checked against R1's theory)
CONFIGS = [("r1", "R1: 1,000,000 requests, stack depth 3", 3, True),
           ("r1-cpu", "R1 with the quickstart's CPU costs (r1-cpu): 1,000,000 requests, stack depth 3", 3, True),
           ("depth10", "R1 at stack depth 10: 1,000,000 requests", 10, True),
           ("r1-10m", "R1 at 10,000,000 requests, stack depth 3", 3, True)]
# The pairs that price a CPU step: (title, program, config with CPU, config without).
CPU_PAIRS = [("irpsim: quickstart / its zero-CPU twin", "irpsim", "quickstart", "quickstart-zero-cpu"),
             ("irpsim: r1-cpu / R1", "irpsim", "r1-cpu", "r1"),
             ("plain loop, targets inline: r1-cpu / R1", "plain_inline", "r1-cpu", "r1"),
             ("plain loop, targets actor: r1-cpu / R1", "plain_actor", "r1-cpu", "r1")]
QUICKSTART_TARGET = 1.5


def irpsim_row(config, path, rc, cpu_s=None):
    s = json.load(open(path))
    ri, w, acc = s["run_info"], s["workloads"][0], s["accounting"]
    hosts = s.get("cpu", {}).get("hosts", [])
    return {
        "config": config, "program": "irpsim", "exit_code": rc,
        "wall_s": ri["wall_s"], "requests": w["completed"], "hops": ri["hops"], "peak_rss_bytes": ri["peak_rss_bytes"],
        "cpu_steps": sum(h["steps"] for h in hosts), "cpu_busy_s": sum(h["busy_ns"] for h in hosts) / 1e9,
        "simulated_s": ri["simulated_s"], "throughput_per_s": w["all_types"]["iops_per_s"],
        "mean_latency_ns": w["all_types"]["latency_ns"]["mean_ns"],
        "stuck": len(acc["stuck"]), "violations": acc["violations_total"],
        **({"cpu_s": cpu_s} if cpu_s is not None else {})}


def plain_row(config, form, line):
    r = json.loads(line)
    r["config"], r["program"] = config, "plain_" + form
    return r


def count(x):
    return f"{x:,.0f}"


class Report:
    def __init__(self, rows, repeat):
        self.rows, self.repeat = rows, repeat
        self.figures = {"configs": {}, "cpu_steps": [], "targets": {}}
        self.failed = []

    def runs(self, config, program):
        return [r for r in self.rows if r["config"] == config and r["program"] == program]

    def best(self, config, program):
        runs = self.runs(config, program)
        return min(runs, key=lambda r: r["wall_s"]) if runs else None

    def median(self, config, program, key="wall_s"):
        runs = self.runs(config, program)
        return statistics.median(r[key] for r in runs) if runs else None

    @staticmethod
    def name(program, drivers):
        if program == "irpsim":
            return "irpsim"
        form = program.split("_")[1]
        hops = 4 * drivers if form == "actor" else 2 * drivers + 2
        return f"plain loop, targets {form} ({hops} hops/IRP)"

    def config_tables(self):
        print(f"irpsim benchmark (scripts/bench.sh), best of {self.repeat} run{'s' if self.repeat > 1 else ''} each\n")
        for config, title, drivers, theory in CONFIGS:
            if self.best(config, "irpsim") is None:
                continue
            print(title)
            head = (f"  {'program':<42} {'wall s':>8} {'cpu s':>7} {'IRPs/wall s':>12} {'hops/IRP':>8} {'hops/wall s':>13} "
                    f"{'wall ns/hop':>11} {'wall ns/IRP':>11} {'steps/IRP':>9} {'peak MiB':>9}")
            print(head)
            print("  " + "-" * (len(head) - 2))
            got = {}
            fig = self.figures["configs"].setdefault(config, {"title": title, "programs": {}, "ratios": {}})
            for program in PROGRAMS:
                r = self.best(config, program)
                if r is None:
                    continue
                got[program] = r
                n, hops, wall = r["requests"], r["hops"], r["wall_s"]
                steps = r.get("cpu_steps", 0) / n
                cpu = f"{r['cpu_s']:.3f}" if "cpu_s" in r else "-"
                print(f"  {self.name(program, drivers):<42} {wall:>8.3f} {cpu:>7} {count(n / wall):>12} {hops / n:>8.2f} "
                      f"{count(hops / wall):>13} {wall / hops * 1e9:>11.1f} {wall / n * 1e9:>11.1f} {steps:>9.2f} "
                      f"{r['peak_rss_bytes'] / 2**20:>9.1f}")
                fig["programs"][program] = {
                    "best_wall_s": wall, "median_wall_s": self.median(config, program), "runs": len(self.runs(config, program)),
                    "requests": n, "hops_per_irp": hops / n, "wall_ns_per_hop": wall / hops * 1e9,
                    "wall_ns_per_irp": wall / n * 1e9, "cpu_steps_per_irp": steps, "peak_rss_bytes": r["peak_rss_bytes"],
                    "throughput_per_s": r["throughput_per_s"], "mean_latency_ns": r["mean_latency_ns"]}
            irp = got["irpsim"]
            irp_hops = irp["hops"] / irp["requests"]
            for program in PROGRAMS[1:]:
                p = got.get(program)
                if p is None:
                    continue
                p_hops = p["hops"] / p["requests"]
                same = " (the same hops per IRP as irpsim)" if abs(p_hops - irp_hops) < 1e-9 else ""
                ratio = irp["wall_s"] / p["wall_s"]
                fig["ratios"]["irpsim/" + program] = ratio
                print(f"  irpsim / {self.name(program, drivers)}{same}: wall time x{ratio:.2f}, "
                      f"wall per hop x{(irp['wall_s'] / irp['hops']) / (p['wall_s'] / p['hops']):.2f}, "
                      f"peak memory x{irp['peak_rss_bytes'] / p['peak_rss_bytes']:.2f}")
            if theory:
                self.theory(title, drivers, got)
            print()

    def theory(self, title, drivers, got):
        print(f"  theory: {count(THEORY_TPUT)} requests per simulated second, mean latency {THEORY_LAT_NS / 1e3:.1f}us; "
              f"tolerance {TOL:.0%}")
        for program, r in got.items():
            dt = r["throughput_per_s"] / THEORY_TPUT - 1
            dl = r["mean_latency_ns"] / THEORY_LAT_NS - 1
            ok = abs(dt) <= TOL and abs(dl) <= TOL
            extra = ""
            if program == "irpsim" and (r["exit_code"] != 0 or r["stuck"] or r["violations"]):
                ok = False
                extra = f", exit code {r['exit_code']}, {r['stuck']} stuck, {r['violations']} violations"
            if not ok:
                self.failed.append(f"{title}: {self.name(program, drivers)}")
            print(f"    {self.name(program, drivers):<42} {r['throughput_per_s']:>12,.1f}/s ({dt:+.3%})  "
                  f"{r['mean_latency_ns'] / 1e3:>9.3f}us ({dl:+.3%})  {'ok' if ok else 'FAIL'}{extra}")

    def growth(self):
        print("Growth (how wall time and peak memory scale)")
        print(f"  {'program':<42} {'wall 10M/1M':>12} {'memory 10M/1M':>14} {'wall d10/d3':>12} {'memory d10/d3':>14} "
              f"{'hops/IRP d10/d3':>16}")
        for program in PROGRAMS:
            base, big, deep = self.best("r1", program), self.best("r1-10m", program), self.best("depth10", program)
            if base is None:
                continue

            def ratio(a, key, digits=2):
                return f"x{a[key] / base[key]:.{digits}f}" if a is not None else "-"
            hops_ratio = "-"
            if deep is not None:
                hops_ratio = f"x{(deep['hops'] / deep['requests']) / (base['hops'] / base['requests']):.2f}"
            short = "irpsim" if program == "irpsim" else "plain loop, targets " + program.split("_")[1]
            print(f"  {short:<42} {ratio(big, 'wall_s'):>12} {ratio(big, 'peak_rss_bytes', 3):>14} "
                  f"{ratio(deep, 'wall_s'):>12} {ratio(deep, 'peak_rss_bytes', 3):>14} {hops_ratio:>16}")
        irp_base, irp_big = self.best("r1", "irpsim"), self.best("r1-10m", "irpsim")
        if irp_big is not None:
            growth = irp_big["peak_rss_bytes"] / irp_base["peak_rss_bytes"] - 1
            print(f"  irpsim peak memory at 10M is {growth:+.1%} against 1M (target: at most +10%): "
                  f"{'ok' if growth <= 0.10 else 'ABOVE TARGET'}")
        print("  (linear in requests: wall 10M/1M near x10; linear in depth: wall d10/d3 near the hops ratio)")

    def per_irp_ns(self, config, program, metric):
        """Median wall or CPU nanoseconds per IRP of a configuration. irpsim's CPU time is its whole process's: less
        its fixed cost, the median of the same scenario stopped at 1,000 requests (config@1k), over the other
        requests."""
        runs = self.runs(config, program)
        n = runs[0]["requests"]
        if metric == "wall":
            return statistics.median(r["wall_s"] for r in runs) / n * 1e9
        cpu = statistics.median(r["cpu_s"] for r in runs)
        small = self.runs(config + "@1k", program) if program == "irpsim" else []
        if small and small[0]["requests"] < n:
            return (cpu - statistics.median(r["cpu_s"] for r in small)) / (n - small[0]["requests"]) * 1e9
        return cpu / n * 1e9

    def cpu_steps(self):
        """What a CPU step costs, against a hop, in wall time and in CPU time: medians of every run of each side."""
        for metric in ("wall", "cpu"):
            rows = []
            for title, program, with_cpu, without in CPU_PAIRS:
                a, b = self.runs(with_cpu, program), self.runs(without, program)
                if not a or not b or (metric == "cpu" and any("cpu_s" not in r for r in a + b)):
                    continue
                per_irp_a = self.per_irp_ns(with_cpu, program, metric)
                per_irp_b = self.per_irp_ns(without, program, metric)
                steps = statistics.median(r.get("cpu_steps", 0) for r in a) / a[0]["requests"]
                hops_b = statistics.median(r["hops"] for r in b) / b[0]["requests"]
                ns_step = (per_irp_a - per_irp_b) / steps if steps > 0 else float("nan")
                ns_hop = per_irp_b / hops_b
                rows.append({"pair": title, "program": program, "with_cpu": with_cpu, "without_cpu": without,
                             "metric": metric, "runs": [len(a), len(b)], "ns_per_irp_with_cpu": per_irp_a,
                             "ns_per_irp_without_cpu": per_irp_b, "ratio": per_irp_a / per_irp_b,
                             "cpu_steps_per_irp": steps, "hops_per_irp_without_cpu": hops_b,
                             "ns_per_cpu_step": ns_step, "ns_per_hop": ns_hop, "cpu_step_over_hop": ns_step / ns_hop})
            if not rows:
                continue
            self.figures["cpu_steps"] += rows
            if metric == "wall":
                print("CPU steps: what one costs in wall time, against a hop (medians of all runs of each side)")
                print("  ns per CPU step = (wall ns per IRP with CPU - without) / CPU steps per IRP (steps run on a "
                      "core);")
                print("  ns per hop = wall ns per IRP without CPU / hops per IRP without CPU")
            else:
                print("The same in CPU time (user + system), which a loaded machine disturbs far less: the plain "
                      "loop's event loop;")
                print("  irpsim's whole process less its fixed cost (the same scenario at 1,000 requests), per IRP "
                      "over the other requests")
            head = (f"  {'pair (with CPU / without)':<42} {'runs':>5} {'ns/IRP with':>11} {'without':>8} {'ratio':>6} "
                    f"{'steps/IRP':>9} {'ns/step':>8} {'hops/IRP':>8} {'ns/hop':>7} {'step/hop':>8}")
            print(head)
            print("  " + "-" * (len(head) - 2))
            for r in rows:
                runs = f"{r['runs'][0]}+{r['runs'][1]}"
                print(f"  {r['pair']:<42} {runs:>5} {r['ns_per_irp_with_cpu']:>11.0f} {r['ns_per_irp_without_cpu']:>8.0f} "
                      f"{'x%.2f' % r['ratio']:>6} {r['cpu_steps_per_irp']:>9.2f} {r['ns_per_cpu_step']:>8.1f} "
                      f"{r['hops_per_irp_without_cpu']:>8.2f} {r['ns_per_hop']:>7.1f} "
                      f"{'x%.2f' % r['cpu_step_over_hop']:>8}")
            print()

    def targets(self):
        t = self.figures["targets"]
        lines = []
        for r in self.figures["cpu_steps"]:
            if r["with_cpu"] != "quickstart":
                continue
            what = "wall time" if r["metric"] == "wall" else "CPU time less the fixed cost"
            t[f"quickstart_over_zero_cpu_twin_{r['metric']}"] = r["ratio"]
            spread = ""
            if r["metric"] == "wall":
                pairs = [a["wall_s"] / b["wall_s"] for a, b in zip(self.runs("quickstart", "irpsim"),
                                                                   self.runs("quickstart-zero-cpu", "irpsim"))]
                t["quickstart_over_zero_cpu_twin_wall_run_by_run"] = pairs
                if len(pairs) > 1:
                    spread = f" (run by run: x{min(pairs):.2f} to x{max(pairs):.2f})"
            lines.append(f"  quickstart / its zero-CPU twin, {what} (medians): x{r['ratio']:.2f}{spread}; issue target "
                         f"at most x{QUICKSTART_TARGET}: {'ok' if r['ratio'] <= QUICKSTART_TARGET else 'ABOVE TARGET'}")
        for config in ("r1", "r1-cpu"):
            ratios = self.figures["configs"].get(config, {}).get("ratios", {})
            for program in PROGRAMS[1:]:
                if "irpsim/" + program in ratios:
                    key = f"{config}_irpsim_over_{program}"
                    t[key] = ratios["irpsim/" + program]
                    lines.append(f"  {config}: irpsim / {program.replace('_', ' loop, targets ')}, wall time (best of "
                                 f"{self.repeat}): x{t[key]:.2f}")
        for config in ("r1", "r1-cpu"):
            if self.runs(config, "irpsim") and self.runs(config, "plain_inline") and \
                    all("cpu_s" in r for r in self.runs(config, "irpsim")):
                key = f"{config}_irpsim_over_plain_inline_cpu"
                t[key] = self.per_irp_ns(config, "irpsim", "cpu") / self.per_irp_ns(config, "plain_inline", "cpu")
                lines.append(f"  {config}: irpsim / plain loop, targets inline, CPU time per IRP (medians, irpsim's "
                             f"fixed cost out): x{t[key]:.2f}")
        for r in self.figures["cpu_steps"]:
            if r["with_cpu"] == "quickstart" or r["program"] == "plain_inline":
                lines.append(f"  {r['pair']}, {r['metric']}: a CPU step costs {r['ns_per_cpu_step']:.1f} ns, a hop "
                             f"{r['ns_per_hop']:.1f} ns: x{r['cpu_step_over_hop']:.2f}")
        if lines:
            print("The issue's speed figures (R1 against the plain loop: compare with the README's table)")
            print("\n".join(lines))
            print()

    def run(self):
        self.config_tables()
        self.cpu_steps()
        self.targets()
        self.growth()
        if self.failed:
            print("\nFAILED the theory check (1%): " + "; ".join(self.failed))
        self.figures["theory_failures"] = self.failed
        return 1 if self.failed else 0


def main(argv):
    if len(argv) >= 2 and argv[1] == "irpsim-row" and len(argv) in (5, 6):
        cpu_s = None
        if len(argv) == 6:  # bash's `time` with TIMEFORMAT='%U %S': user and system seconds
            cpu_s = sum(float(x) for x in open(argv[5]).read().split())
        print(json.dumps(irpsim_row(argv[2], argv[3], int(argv[4]), cpu_s)))
        return 0
    if len(argv) >= 2 and argv[1] == "plain-row" and len(argv) == 4:
        print(json.dumps(plain_row(argv[2], argv[3], sys.stdin.read())))
        return 0
    if len(argv) in (4, 6) and argv[1] == "report" and (len(argv) == 4 or argv[4] == "--json"):
        rows = [json.loads(line) for line in open(argv[2]) if line.strip()]
        report = Report(rows, int(argv[3]))
        code = report.run()
        if len(argv) == 6:
            with open(argv[5], "w") as f:
                json.dump({"repeat": report.repeat, "runs": rows, "figures": report.figures}, f, indent=2)
                f.write("\n")
        return code
    sys.stderr.write(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
