#!/usr/bin/env python3
"""Cross-check BlueprintProcessData against PM4Py, and time both side by side.

For every log: case and event counts, directly-follows pairs with their frequencies, variant
count, and mean and median case durations must agree (durations to the second). Then the same
work is timed in both: reading the log plus the directly-follows graph, its performance
version, variants and case durations.

Run from the package root (release build first):
    swift build -c release --product eventlog-bench
    python3 Benchmarks/eventlog/crosscheck.py [--generate 100000 1000000 | --logs LOG...]

PM4Py (pip install pm4py) is used only here, never by the package.
"""
import json, os, subprocess, sys, time

import pm4py

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BENCH = os.environ.get("EVENTLOG_BENCH") or next(
    (p for p in (os.path.join(ROOT, d, "release", "eventlog-bench") for d in (".build", ".build-release")) if os.path.exists(p)),
    os.path.join(ROOT, ".build", "release", "eventlog-bench"))
LOGS = os.path.join(ROOT, "Benchmarks", "eventlog", "logs")


def swift(path):
    out = subprocess.run(["/usr/bin/time", "-f", "%M", BENCH, path], capture_output=True, text=True, check=True)
    result = json.loads(out.stdout)
    result["peakRSSMiB"] = int(out.stderr.strip().splitlines()[-1]) / 1024
    return result


def pm4py_figures(path):
    started = time.perf_counter()
    if path.endswith(".xes"):
        log = pm4py.read_xes(path)
    else:
        import pandas as pd
        log = pd.read_csv(path)
        log = pm4py.format_dataframe(log, case_id="case:concept:name", activity_key="concept:name", timestamp_key="time:timestamp")
    if "lifecycle:transition" in log.columns and (log["lifecycle:transition"] == "start").any():
        # BlueprintProcessData pairs start with complete and orders activities by completion:
        # the same directly-follows graph as PM4Py's on the complete events.
        log = log[log["lifecycle:transition"] == "complete"]
    read = time.perf_counter() - started
    dfg, _, _ = pm4py.discover_dfg(log)
    pm4py.discover_performance_dfg(log)
    variants = pm4py.get_variants(log)
    durations = pm4py.get_all_case_durations(log)
    total = time.perf_counter() - started
    durations = sorted(durations)
    n = len(durations)
    median = (durations[n // 2] if n % 2 else (durations[n // 2 - 1] + durations[n // 2]) / 2) if n else 0
    cases = log["case:concept:name"].nunique()
    return {
        "cases": int(cases), "events": int(len(log)), "variants": len(variants),
        "dfg": {f"{a}>{b}": int(c) for (a, b), c in dfg.items()},
        "caseDurationMean": sum(durations) / n if n else 0, "caseDurationMedian": median,
        "readSeconds": read, "totalSeconds": total,
    }


def compare(name, path):
    s, p = swift(path), pm4py_figures(path)
    checks = {
        "cases": s["cases"] == p["cases"],
        "events": s["events"] == p["events"] or s.get("startEvents", 0) + p["events"] == s["events"],
        "dfg": s["dfg"] == p["dfg"],
        "variants": s["variants"] == p["variants"],
        "mean duration (1 s)": abs(s["caseDurationMean"] - p["caseDurationMean"]) < 1,
        "median duration (1 s)": abs(s["caseDurationMedian"] - p["caseDurationMedian"]) < 1,
    }
    ok = all(checks.values())
    print(f"{name}: {'AGREE' if ok else 'DIFFER'}  cases {s['cases']}  events {s['events']}  dfg pairs {len(s['dfg'])}"
          f"  variants {s['variants']}  mean {s['caseDurationMean']:.0f} s  median {s['caseDurationMedian']:.0f} s")
    for key, good in checks.items():
        if not good:
            print(f"   {key}: swift {s.get(key.split(' ')[0])} pm4py {p.get(key.split(' ')[0])}")
            if key == "dfg":
                for pair in sorted(set(s["dfg"]) | set(p["dfg"])):
                    if s["dfg"].get(pair) != p["dfg"].get(pair):
                        print(f"     {pair}: swift {s['dfg'].get(pair)} pm4py {p['dfg'].get(pair)}")
    speedup = p["totalSeconds"] / max(s["totalSeconds"], 1e-9)
    print(f"   time: swift {s['totalSeconds']:.3f} s ({s['eventsPerSecond']:.0f} events/s, peak {s['peakRSSMiB']:.0f} MiB, "
          f"file {s['bytes'] / 2**20:.1f} MiB)  pm4py {p['totalSeconds']:.3f} s (read {p['readSeconds']:.3f} s)  speed-up {speedup:.1f}x")
    return ok


def main():
    if not os.path.exists(BENCH):
        sys.exit("build first: swift build -c release --product eventlog-bench")
    if len(sys.argv) > 1 and sys.argv[1] == "--logs":
        # Only the logs named (the acceptance script's). Warm PM4Py up on the first 2 000 lines
        # of the first, so its lazy imports are not timed.
        if sys.argv[2].endswith(".csv"):
            with open(sys.argv[2]) as source, open("/tmp/eventlog-warmup.csv", "w") as warm:
                for _, line in zip(range(2000), source):
                    warm.write(line)
            pm4py_figures("/tmp/eventlog-warmup.csv")
        sys.exit(0 if all(compare(os.path.basename(p), p) for p in sys.argv[2:]) else 1)
    sizes = [int(a) for a in sys.argv[2:]] if len(sys.argv) > 1 and sys.argv[1] == "--generate" else []
    logs = [(n, os.path.join(LOGS, n)) for n in ("running-example.xes", "running-example.csv", "roadtraffic100traces.xes")
            if os.path.exists(os.path.join(LOGS, n))]
    for size in sizes:
        for ext in ("csv", "xes"):
            path = f"/tmp/eventlog-bench-{size}.{ext}"
            if not os.path.exists(path):
                subprocess.run([BENCH, "--generate", str(size), path], check=True)
            logs.append((f"generated {size} events .{ext}", path))
    pm4py_figures(logs[1][1])  # warm-up: PM4Py's first call pays for imports, not for the log
    results = [compare(name, path) for name, path in logs]
    sys.exit(0 if all(results) else 1)


if __name__ == "__main__":
    main()
