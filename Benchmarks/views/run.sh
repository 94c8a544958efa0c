#!/usr/bin/env bash
# Render time of the showcase blueprints: the blueprint view alone, the journey map alone, and both
# (issue 16: both views together within 1.2x of the blueprint view). Whole `blueprint render`
# processes, CPU seconds (user + system) and wall seconds, median of RUNS runs per format.
#
#   Benchmarks/views/run.sh                      # release build, RUNS=5, FORMATS="svg png"
#   RUNS=9 FORMATS=svg BIN=.build/debug/blueprint Benchmarks/views/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=${BIN:-.build/release/blueprint}
RUNS=${RUNS:-5}
FORMATS=${FORMATS:-"svg png"}
FILES=${FILES:-blueprints/*.yaml}
if [ ! -x "$BIN" ]; then swift build -c release --product blueprint; fi
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

# One render of every file in one process, as a designer runs it: prints "cpu wall".
measure() {
    local start end times
    start=$(date +%s.%N)
    times=$( { /usr/bin/time -f "%U %S" "$@" >/dev/null 2>/dev/null; } 2>&1 | tail -1 )
    end=$(date +%s.%N)
    awk -v t="$times" -v s="$start" -v e="$end" 'BEGIN { split(t, a, " "); printf "%.3f %.3f\n", a[1] + a[2], e - s }'
}
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "# $(date -u +%FT%TZ) $(uname -m), $(nproc) cores, load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# $BIN, $RUNS runs each, files: $(echo $FILES)"
printf "%-6s %-10s %8s %8s\n" format view "cpu s" "wall s"
for format in $FORMATS; do
    declare -A cpu wall
    for view in blueprint journey; do cpu[$view]=""; wall[$view]=""; done
    for run in $(seq "$RUNS"); do
        # Alternate the views inside each run, so a load change hits both alike.
        for view in blueprint journey; do
            read -r c w < <(measure "$BIN" render $FILES --view "$view" --format "$format" -o "$OUT/$view")
            cpu[$view]+="$c"$'\n'; wall[$view]+="$w"$'\n'
        done
    done
    b_cpu=$(printf "%s" "${cpu[blueprint]}" | median); b_wall=$(printf "%s" "${wall[blueprint]}" | median)
    j_cpu=$(printf "%s" "${cpu[journey]}" | median); j_wall=$(printf "%s" "${wall[journey]}" | median)
    printf "%-6s %-10s %8.3f %8.3f\n" "$format" blueprint "$b_cpu" "$b_wall"
    printf "%-6s %-10s %8.3f %8.3f\n" "$format" journey "$j_cpu" "$j_wall"
    awk -v b="$b_cpu" -v j="$j_cpu" -v bw="$b_wall" -v jw="$j_wall" -v f="$format" 'BEGIN {
        printf "%-6s %-10s %8.3f %8.3f   both / blueprint: %.2fx cpu, %.2fx wall (target <= 1.20x)\n", f, "both", b + j, bw + jw, (b + j) / b, (bw + jw) / bw }'
    unset cpu wall
done
echo "# load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
