#!/usr/bin/env bash
# Both cores (issue 13): `blueprint check`, `render` (and `report`, with COMMANDS) on a folder of COUNT generated
# blueprints of STEPS steps, with --jobs 1 and --jobs JOBS, in paired runs (1 then JOBS, RUNS times).
# Prints the median wall and CPU seconds of each and the wall-time ratio (target: at most 0.6 with
# 2 jobs on 2 cores). Also checks that both runs printed and wrote the same bytes. On a shared machine,
# each pair's wall times are printed with the load average before it, and so is each pair's ratio:
# the pairs run close together, so their ratios suffer less from other work than the medians do.
# `render --jobs N` and `report --jobs N` (N > 1, 8 files or more) lay out in N worker processes (`__layout-worker`); the
# CPU column counts their time too (they are reaped by the command).
#
#   Benchmarks/parallel/run.sh
#   COUNT=200 STEPS=50 RUNS=5 JOBS=2 Benchmarks/parallel/run.sh
#
# Environment: COUNT (200), STEPS (50), RUNS (5), JOBS (2), COMMANDS ("check render"; add "report"),
# BIN (folder with release `blueprint` and `blueprint-bench`; built when missing), WORK (scratch folder).
set -uo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
COUNT=${COUNT:-200}
STEPS=${STEPS:-50}
RUNS=${RUNS:-5}
JOBS=${JOBS:-2}
COMMANDS=${COMMANDS:-"check render"}
BIN=${BIN:-$ROOT/.build/release}
WORK=${WORK:-$(mktemp -d)}

if [ ! -x "$BIN/blueprint" ] || [ ! -x "$BIN/blueprint-bench" ]; then
    (cd "$ROOT" && swift build -c release --product blueprint && swift build -c release --product blueprint-bench) || exit 1
fi
mkdir -p "$WORK"
"$BIN/blueprint-bench" corpus --count "$COUNT" --steps "$STEPS" --format yaml -o "$WORK/corpus" >/dev/null || exit 1
echo "work folder: $WORK; $COUNT blueprints of $STEPS steps; load average: $(cut -d' ' -f1-3 /proc/loadavg)"

# run LABEL COMMAND...: appends "wall cpu" to $WORK/LABEL.times; keeps stdout and stderr
run() {
    local label=$1
    shift
    /usr/bin/time -f "%e %U %S" -o "$WORK/time.txt" "$@" >"$WORK/$label.out" 2>"$WORK/$label.err"
    awk '{ printf "%s %.2f\n", $1, $2 + $3 }' "$WORK/time.txt" | tail -n 1 >>"$WORK/$label.times"
}

median() {
    # POSIX awk (mawk has no asort): sort the column first.
    awk -v f="$2" '{ print $f }' "$WORK/$1.times" | sort -g |
        awk '{ v[NR] = $1 } END { if (NR) print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'
}

for command in $COMMANDS; do
    for ((i = 1; i <= RUNS; i++)); do
        load=$(cut -d' ' -f1 /proc/loadavg)
        for jobs in 1 "$JOBS"; do
            case $command in
            check) run "check-$jobs" "$BIN/blueprint" check "$WORK/corpus" --fail-on never --jobs "$jobs" ;;
            render)
                rm -rf "$WORK/out"
                run "render-$jobs" "$BIN/blueprint" render "$WORK/corpus" -o "$WORK/out" --jobs "$jobs"
                # The drawings of the last run of each kind, to compare below.
                rm -rf "$WORK/out-$jobs" && mv "$WORK/out" "$WORK/out-$jobs"
                ;;
            report) run "report-$jobs" "$BIN/blueprint" report "$WORK/corpus" -o "$WORK/report-$jobs.html" --jobs "$jobs" ;;
            esac
        done
        one=$(tail -n 1 "$WORK/$command-1.times" | cut -d' ' -f1) many=$(tail -n 1 "$WORK/$command-$JOBS.times" | cut -d' ' -f1)
        awk -v c="$command" -v i="$i" -v l="$load" -v a="$one" -v b="$many" \
            'BEGIN { printf "%s pair %d (load %s): %.2f s, %.2f s, ratio %.2f\n", c, i, l, a, b, b / a }' | tee -a "$WORK/$command.pairs"
    done
done

echo
printf "%-8s | %-22s | %-22s | %-10s | %s\n" command "--jobs 1 (wall, CPU s)" "--jobs $JOBS (wall, CPU s)" "ratio" "same output"
for command in $COMMANDS; do
    one=$(median "$command-1" 1) many=$(median "$command-$JOBS" 1)
    same=yes
    cmp -s "$WORK/$command-1.out" "$WORK/$command-$JOBS.out" && cmp -s "$WORK/$command-1.err" "$WORK/$command-$JOBS.err" || same=no
    if [ "$command" = render ]; then diff -rq "$WORK/out-1" "$WORK/out-$JOBS" >/dev/null || same=no; fi
    if [ "$command" = report ]; then cmp -s "$WORK/report-1.html" "$WORK/report-$JOBS.html" || same=no; fi
    printf "%-8s | %-22s | %-22s | %-10s | %s\n" "$command" "$one, $(median "$command-1" 2)" "$many, $(median "$command-$JOBS" 2)" \
        "$(awk -v a="$many" -v b="$one" 'BEGIN { printf "%.2f", a / b }')" "$same"
done
for command in $COMMANDS; do
    echo "$command: median of the pairs' ratios $(awk '{ print $NF }' "$WORK/$command.pairs" | sort -g |
        awk '{ v[NR] = $1 } END { if (NR) print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }')"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
