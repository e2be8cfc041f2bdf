#!/usr/bin/env python3
"""Writes the sample traces of this folder (README.md lists what each holds).

Deterministic: the same files on every run (a fixed seed, no clock). Run it from anywhere:
    python3 scenarios/traces/make_samples.py
The tests (tests/replay/) check the census of each file against README.md, so after changing this script, update the
counts there.
"""
import pathlib
import random

HERE = pathlib.Path(__file__).resolve().parent
KIB = 1024
TRIM_IOCTL = 0x2D9404                # IOCTL_STORAGE_MANAGE_DATA_SET_ATTRIBUTES
GET_GEOMETRY_IOCTL = 0x70000         # IOCTL_DISK_GET_DRIVE_GEOMETRY
SMART_IOCTL = 0x7C088                # SMART_RCV_DRIVE_DATA
INTERNAL_SUBMIT_IOCTL = 0x220003     # a driver-private internal IOCTL


def write(name, lines):
    (HERE / name).write_text("".join(line + "\n" for line in lines))


def arrivals(rng, count, span_us):
    """COUNT increasing integer arrival times (us) over about SPAN_US, the first at 0."""
    times = sorted(rng.uniform(0, span_us) for _ in range(count - 1))
    return [0] + [int(t) for t in times]


def sample_csv(rng):
    lines = ["# irpsim trace CSV: a database-like mix on one volume, times in microseconds from the first request.",
             "# 48 reads and writes of 4 KiB to 128 KiB, 8 device ioctls (geometry, SMART, one trim) and 4 internal",
             "# ioctls; 60 requests over about 50 ms.",
             "time_us,type,size_bytes,offset_bytes,ioctl_code"]
    kinds = ["read"] * 30 + ["write"] * 18 + ["ioctl"] * 8 + ["internal_ioctl"] * 4
    rng.shuffle(kinds)
    codes = [GET_GEOMETRY_IOCTL, SMART_IOCTL, GET_GEOMETRY_IOCTL, TRIM_IOCTL, SMART_IOCTL, GET_GEOMETRY_IOCTL,
             SMART_IOCTL, GET_GEOMETRY_IOCTL]
    for t, kind in zip(arrivals(rng, len(kinds), 50_000), kinds):
        frac = rng.choice(["", ".25", ".5", ".75"])
        if kind in ("read", "write"):
            size = rng.choice([4, 8, 16, 64, 128]) * KIB
            lines.append(f"{t}{frac},{kind},{size},{rng.randrange(0, 1 << 20) * 4 * KIB},")
        elif kind == "ioctl":
            code = codes.pop()
            size = 4 * KIB if code == TRIM_IOCTL else (24 if code == GET_GEOMETRY_IOCTL else 528)
            offset = rng.randrange(0, 1 << 20) * 4 * KIB if code == TRIM_IOCTL else 0
            lines.append(f"{t}{frac},ioctl,{size},{offset},0x{code:X}")
        else:
            lines.append(f"{t}{frac},internal_ioctl,64,0,{INTERNAL_SUBMIT_IOCTL}")
    write("sample.csv", lines)


def fio_v3(rng):
    dev = "/dev/nvme0n1"
    lines = ["fio version 3 iolog", f"0 {dev} add", f"4 {dev} open"]
    kinds = ["read"] * 34 + ["write"] * 24 + ["trim", "sync"]
    rng.shuffle(kinds)
    times = arrivals(rng, len(kinds), 50_000)
    for t, kind in zip(times, kinds):
        t += 20
        if kind == "sync":
            lines.append(f"{t} {dev} sync 0 0")
        elif kind == "trim":
            lines.append(f"{t} {dev} trim {rng.randrange(0, 1 << 18) * 64 * KIB} {1024 * KIB}")
        else:
            lines.append(f"{t} {dev} {kind} {rng.randrange(0, 1 << 20) * 4 * KIB} {rng.choice([4, 4, 16, 64]) * KIB}")
    lines.append(f"{times[-1] + 60} {dev} close")
    write("sample.fio-v3.iolog", lines)


def fio_v2(rng):
    files = ["/data/fio.0", "/data/fio.1"]
    lines = ["fio version 2 iolog"]
    lines += [f"{f} add" for f in files] + [f"{f} open" for f in files]
    kinds = ["read"] * 24 + ["write"] * 16 + ["datasync"] * 2
    rng.shuffle(kinds)
    waits = {10: 10, 20: 25, 30: 40}  # before the Nth I/O line: wait until that many ms since the job started
    for i, kind in enumerate(kinds):
        f = files[i % 2]
        if i in waits:
            lines.append(f"{f} wait {waits[i]} 0")
        if kind == "datasync":
            lines.append(f"{f} datasync 0 0")
        else:
            lines.append(f"{f} {kind} {rng.randrange(0, 1 << 16) * 4 * KIB} {rng.choice([4, 8, 128]) * KIB}")
    lines += [f"{f} close" for f in files]
    write("sample.fio-v2.iolog", lines)


def blkparse(rng):
    """Q G I D C for each I/O of two disks, a plug/unplug pair per disk, a journal flush, then the summary."""
    events = []  # (time_ns, device, cpu, pid, action, rwbs, text)
    stats = {d: {"R": [0, 0], "W": [0, 0]} for d in ("8,0", "8,16")}
    procs = {"8,0": [(697, "jbd2/sda1-8"), (2314, "postgres"), (2314, "postgres")],
             "8,16": [(4021, "rsync"), (4021, "rsync"), (88, "kworker/u8:2")]}
    t = 0
    for n in range(40):
        t += rng.randrange(200_000, 2_400_000)
        dev = "8,0" if n % 3 != 2 else "8,16"
        pid, proc = rng.choice(procs[dev])
        rw = rng.choice(["R", "R", "W", "WS"])
        sector = rng.randrange(0, 1 << 28) & ~7
        blocks = rng.choice([8, 8, 16, 64, 256])
        stats[dev][rw[0]][0] += 1
        stats[dev][rw[0]][1] += blocks // 2
        cpu = rng.randrange(0, 4)
        io = f"{sector} + {blocks} [{proc}]"
        at = t
        events.append((at, dev, cpu, pid, "Q", rw, io))
        at += rng.randrange(400, 3000)
        events.append((at, dev, cpu, pid, "G", rw, io))
        if n in (0, 2):  # the first I/O of each disk plugs its queue
            events.append((at + 200, dev, cpu, pid, "P", "N", f"[{proc}]"))
        at += rng.randrange(400, 3000)
        events.append((at, dev, cpu, pid, "I", rw, io))
        if n in (0, 2):
            events.append((at + 300, dev, cpu, pid, "U", "N", f"[{proc}] 1"))
        at += rng.randrange(1000, 20_000)
        events.append((at, dev, cpu, pid, "D", rw, io))
        at += rng.randrange(60_000, 900_000)
        events.append((at, dev, cpu, 0, "C", rw, f"{sector} + {blocks} [0]"))
        if n == 20:  # jbd2's cache flush on sda
            f = t + 100_000
            events += [(f, "8,0", 1, 697, "Q", "FWS", "[jbd2/sda1-8]"), (f + 900, "8,0", 1, 697, "G", "FWS",
                       "[jbd2/sda1-8]"), (f + 1800, "8,0", 1, 697, "I", "FWS", "[jbd2/sda1-8]"),
                       (f + 9000, "8,0", 1, 697, "D", "FN", "[jbd2/sda1-8]"),
                       (f + 400_000, "8,0", 1, 0, "C", "FN", "[0]")]
    events.sort(key=lambda e: e[0])
    sequence = {}
    lines = []
    for at, dev, cpu, pid, action, rwbs, text in events:
        sequence[(dev, cpu)] = sequence.get((dev, cpu), 0) + 1
        major, minor = dev.split(",")
        lines.append(f"{major:>3},{minor:<3} {cpu:2d} {sequence[(dev, cpu)]:8d} {at // 10**9:5d}.{at % 10**9:09d} "
                     f"{pid:5d}  {action} {rwbs:>3} {text}")
    for dev in ("8,0", "8,16"):
        (reads, rkib), (writes, wkib) = stats[dev]["R"], stats[dev]["W"]
        lines += [f"Total ({dev}):",
                  f" Reads Queued:     {reads:6d}, {rkib:8d}KiB\t Writes Queued:     {writes:6d}, {wkib:8d}KiB",
                  f" Read Dispatches:  {reads:6d}, {rkib:8d}KiB\t Write Dispatches:  {writes:6d}, {wkib:8d}KiB",
                  f" Reads Requeued:        0\t\t Writes Requeued:        0",
                  f" Reads Completed:  {reads:6d}, {rkib:8d}KiB\t Writes Completed:  {writes:6d}, {wkib:8d}KiB",
                  f" Read Merges:           0,        0KiB\t Write Merges:           0,        0KiB",
                  f" IO unplugs:            1        \t Timer unplugs:           0",
                  ""]
    seconds = events[-1][0] / 1e9
    total = lambda kind: sum(stats[d][kind][1] for d in stats)
    lines += [f"Throughput (R/W): {int(total('R') / seconds)}KiB/s / {int(total('W') / seconds)}KiB/s",
              f"Events (8,0): {sum(1 for e in events if e[1] == '8,0')} entries",
              f"Events (8,16): {sum(1 for e in events if e[1] == '8,16')} entries",
              "Skips: 0 forward (0 -   0.0%)"]
    write("sample.blkparse.txt", lines)


def disksim(rng):
    lines = []
    t = 0.0
    for n in range(50):
        t += rng.uniform(0.2, 1.8)
        device = 0 if rng.random() < 0.6 else 1
        blocks = rng.choice([8, 8, 16, 32, 128])
        flags = rng.choice([0x1, 0x1, 0x0, 0x8, 0x9])  # bit 0: read; 0x8 another flag bit, ignored
        lines.append(f"{t:.6f} {device} {rng.randrange(0, 1 << 24) * 8} {blocks} {flags:x}")
    write("sample.disksim.trace", lines)


def main():
    rng = random.Random(20240607)
    sample_csv(rng)
    fio_v3(rng)
    fio_v2(rng)
    blkparse(rng)
    disksim(rng)


if __name__ == "__main__":
    main()
