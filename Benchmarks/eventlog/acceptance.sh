#!/usr/bin/env bash
# Issue 15's performance acceptance, rerunnable: `measure` and `discover` on a generated
# 1 000 000-event log (targets: < 5 s each, < 1 GiB peak), then the same directly-follows graph,
# performance graph, variants and case durations in BlueprintProcessData and in PM4Py, timed side
# by side (crosscheck.py: the whole Swift process against PM4Py's work after its imports, CPU and
# wall, median of 3 alternating runs; target: ≥ 10× faster), with the load average before and after.
#
#   swift build -c release --product blueprint && swift build -c release --product eventlog-bench
#   pip install pm4py   # if missing
#   Benchmarks/eventlog/acceptance.sh [EVENTS]
set -euo pipefail
cd "$(dirname "$0")/../.."
EVENTS=${1:-1000000}
BIN=${BIN:-.build/release}
BLUEPRINT=Examples/measure/ticket-desk.yaml
LOG=${LOG:-/tmp/eventlog-acceptance-$EVENTS.csv}
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
# The ticket desk simulated (seed 1): start and complete events, cases interleaved in time order.
[ -f "$LOG" ] || /usr/bin/time -f "generate: %e s" "$BIN/eventlog-bench" --generate "$EVENTS" "$LOG" "$BLUEPRINT"
echo "log: $LOG, $(($(wc -l < "$LOG") - 1)) events, $(du -m "$LOG" | cut -f1) MiB"
timed() {
  local name=$1; shift
  /usr/bin/time -o /tmp/eventlog-acceptance.time -f "$name: %e s wall, %U s user + %S s system CPU, %M KiB peak RSS" "$@" > /dev/null 2> /tmp/eventlog-acceptance.err || { cat /tmp/eventlog-acceptance.err; exit 1; }
  cat /tmp/eventlog-acceptance.time
}
timed "blueprint measure (json)" "$BIN/blueprint" measure "$BLUEPRINT" --log "$LOG" --format json
timed "blueprint measure (text)" "$BIN/blueprint" measure "$BLUEPRINT" --log "$LOG"
timed "blueprint discover" "$BIN/blueprint" discover --log "$LOG" -o /tmp/eventlog-acceptance-draft.yaml
"$BIN/blueprint" check /tmp/eventlog-acceptance-draft.yaml > /dev/null && echo "the draft checks clean" || echo "check exit $? on the draft (1 = findings, 2 = invalid)"
python3 Benchmarks/eventlog/crosscheck.py --logs "$LOG"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
