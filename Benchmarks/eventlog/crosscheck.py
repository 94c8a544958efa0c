#!/usr/bin/env python3
"""Cross-check BlueprintProcessData against PM4Py, and time both side by side.

For every log: case and event counts, directly-follows pairs with their frequencies and mean
times (the performance DFG), variant count, and mean and median case durations must agree
(durations to the second). Then the same work is timed in both, alternately, in one run:

- Swift: the whole `eventlog-bench` process (start-up included), which reads the log and computes
  the directly-follows graph, its performance version, variants and case durations (and pairs
  start with complete events, which PM4Py is spared: it gets the complete events only);
- PM4Py: `pm4py_figures` in this process, after its imports and a warm-up call (its lazy
  imports), which reads the CSV with pandas (or the XES) and computes the same figures.

Both CPU seconds (user + system; the fair figure on a shared machine) and wall seconds are
reported, each the median of `--repeat` alternating rounds; PM4Py's import time is reported
apart and is not counted (counting it would only favour Swift).

Run from the package root (release build first):
    swift build -c release --product eventlog-bench
    python3 Benchmarks/eventlog/crosscheck.py [--repeat N] [--generate 100000 1000000 | --logs LOG...]

PM4Py (pip install pm4py) is used only here, never by the package.
"""
import json, os, statistics, subprocess, sys, time

_import_wall, _import_cpu = time.perf_counter(), time.process_time()
import pm4py
import pandas as pd
IMPORT_SECONDS = (time.perf_counter() - _import_wall, time.process_time() - _import_cpu)

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BENCH = os.environ.get("EVENTLOG_BENCH") or next(
    (p for p in (os.path.join(ROOT, d, "release", "eventlog-bench") for d in (".build", ".build-release")) if os.path.exists(p)),
    os.path.join(ROOT, ".build", "release", "eventlog-bench"))
LOGS = os.path.join(ROOT, "Benchmarks", "eventlog", "logs")


def swift(path):
    """The figures of one `eventlog-bench` run, with the whole process's wall and CPU seconds."""
    out = subprocess.run(["/usr/bin/time", "-f", "%e %U %S %M", BENCH, path], capture_output=True, text=True, check=True)
    result = json.loads(out.stdout)
    wall, user, system, peak = out.stderr.strip().splitlines()[-1].split()
    result.update(wallSeconds=float(wall), cpuSeconds=float(user) + float(system), peakRSSMiB=int(peak) / 1024)
    return result


def pm4py_figures(path):
    started, cpu_started = time.perf_counter(), time.process_time()
    if path.endswith(".xes"):
        log = pm4py.read_xes(path)
    else:
        log = pd.read_csv(path)
        log = pm4py.format_dataframe(log, case_id="case:concept:name", activity_key="concept:name", timestamp_key="time:timestamp")
    if "lifecycle:transition" in log.columns and (log["lifecycle:transition"] == "start").any():
        # BlueprintProcessData pairs start with complete and orders activities by completion:
        # the same directly-follows graph as PM4Py's on the complete events.
        log = log[log["lifecycle:transition"] == "complete"]
    read = time.perf_counter() - started
    dfg, _, _ = pm4py.discover_dfg(log)
    performance, _, _ = pm4py.discover_performance_dfg(log)
    variants = pm4py.get_variants(log)
    durations = pm4py.get_all_case_durations(log)
    total, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    durations = sorted(durations)
    n = len(durations)
    median = (durations[n // 2] if n % 2 else (durations[n // 2 - 1] + durations[n // 2]) / 2) if n else 0
    cases = log["case:concept:name"].nunique()
    return {
        "cases": int(cases), "events": int(len(log)), "variants": len(variants),
        "dfg": {f"{a}>{b}": int(c) for (a, b), c in dfg.items()},
        "dfgMeanSeconds": {f"{a}>{b}": float(m["mean"]) for (a, b), m in performance.items()},
        "caseDurationMean": sum(durations) / n if n else 0, "caseDurationMedian": median,
        "readSeconds": read, "wallSeconds": total, "cpuSeconds": cpu,
    }


def compare(name, path, repeat):
    # Alternate the two, so that both see the same load; the first of each is compared.
    runs = [(swift(path), pm4py_figures(path)) for _ in range(max(1, repeat))]
    s, p = runs[0]
    means_agree = set(s["dfgMeanSeconds"]) == set(p["dfgMeanSeconds"]) and all(
        abs(s["dfgMeanSeconds"][k] - p["dfgMeanSeconds"][k]) < 1e-3 for k in s["dfgMeanSeconds"])
    checks = {
        "cases": s["cases"] == p["cases"],
        "events": s["events"] == p["events"] or s.get("startEvents", 0) + p["events"] == s["events"],
        "dfg": s["dfg"] == p["dfg"],
        "dfgMeanSeconds (1 ms)": means_agree,
        "variants": s["variants"] == p["variants"],
        "mean duration (1 s)": abs(s["caseDurationMean"] - p["caseDurationMean"]) < 1,
        "median duration (1 s)": abs(s["caseDurationMedian"] - p["caseDurationMedian"]) < 1,
    }
    if s.get("startEvents", 0):
        # PM4Py gets the complete events only, so its cases start at their first completion:
        # the durations differ by definition, not by error.
        del checks["mean duration (1 s)"], checks["median duration (1 s)"]
    ok = all(checks.values())
    durations = (f"mean {s['caseDurationMean']:.0f} s  median {s['caseDurationMedian']:.0f} s" if "mean duration (1 s)" in checks
                 else "durations not compared (start events)")
    print(f"{name}: {'AGREE' if ok else 'DIFFER'}  cases {s['cases']}  events {s['events']}  dfg pairs {len(s['dfg'])}"
          f"  variants {s['variants']}  {durations}")
    for key, good in checks.items():
        if not good:
            print(f"   {key}: swift {s.get(key.split(' ')[0])} pm4py {p.get(key.split(' ')[0])}")
            if key == "dfg":
                for pair in sorted(set(s["dfg"]) | set(p["dfg"])):
                    if s["dfg"].get(pair) != p["dfg"].get(pair):
                        print(f"     {pair}: swift {s['dfg'].get(pair)} pm4py {p['dfg'].get(pair)}")
    median = lambda side, key: statistics.median(run[side][key] for run in runs)
    sc, sw, pc, pw = median(0, "cpuSeconds"), median(0, "wallSeconds"), median(1, "cpuSeconds"), median(1, "wallSeconds")
    print(f"   time, median of {len(runs)} alternating runs: swift {sc:.3f} s CPU, {sw:.3f} s wall (whole process; "
          f"peak {s['peakRSSMiB']:.0f} MiB, file {s['bytes'] / 2**20:.1f} MiB)  pm4py {pc:.3f} s CPU, {pw:.3f} s wall "
          f"(read {median(1, 'readSeconds'):.3f} s wall; imports {IMPORT_SECONDS[1]:.2f} s CPU, {IMPORT_SECONDS[0]:.2f} s wall, not counted)")
    print(f"   speed-up: {pc / max(sc, 1e-9):.1f}x CPU, {pw / max(sw, 1e-9):.1f}x wall")
    return ok


def main():
    if not os.path.exists(BENCH):
        sys.exit("build first: swift build -c release --product eventlog-bench")
    args = sys.argv[1:]
    repeat = 3
    if args[:1] == ["--repeat"]:
        repeat, args = int(args[1]), args[2:]
    print(f"load average before: {' '.join(open('/proc/loadavg').read().split()[:3])}")
    if args[:1] == ["--logs"]:
        # Only the logs named (the acceptance script's). Warm PM4Py up on the first 2 000 lines
        # of the first, so its lazy imports are not timed.
        if args[1].endswith(".csv"):
            with open(args[1]) as source, open("/tmp/eventlog-warmup.csv", "w") as warm:
                for _, line in zip(range(2000), source):
                    warm.write(line)
            pm4py_figures("/tmp/eventlog-warmup.csv")
        ok = all([compare(os.path.basename(p), p, repeat) for p in args[1:]])
    else:
        sizes = [int(a) for a in args[1:]] if args[:1] == ["--generate"] else []
        logs = [(n, os.path.join(LOGS, n)) for n in ("running-example.xes", "running-example.csv", "roadtraffic100traces.xes")
                if os.path.exists(os.path.join(LOGS, n))]
        for size in sizes:
            for ext in ("csv", "xes"):
                path = f"/tmp/eventlog-bench-{size}.{ext}"
                if not os.path.exists(path):
                    subprocess.run([BENCH, "--generate", str(size), path], check=True)
                logs.append((f"generated {size} events .{ext}", path))
        if not logs:
            sys.exit("no logs: copy the public ones into Benchmarks/eventlog/logs (SOURCES.md) or use --generate N")
        pm4py_figures(next((p for _, p in logs if p.endswith(".csv")), logs[0][1]))  # warm-up: PM4Py's first call pays for imports
        ok = all([compare(name, path, repeat) for name, path in logs])
    print(f"load average after: {' '.join(open('/proc/loadavg').read().split()[:3])}")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
