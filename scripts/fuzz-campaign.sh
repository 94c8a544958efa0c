#!/usr/bin/env bash
# A long fuzzing campaign: runs every libFuzzer target in turn, SECONDS_PER_TURN each (default 1800),
# ROUNDS times (default 1000, i.e. until stopped), at the lowest CPU priority, and appends one line
# per turn to LOG (default .build-fuzz/campaign.log): time, target, executions, result. The corpora
# in .build-fuzz/corpus/ carry over from turn to turn, so the turns add up to one campaign.
#
#   scripts/fuzz-campaign.sh                 # build once, then fuzz until stopped
#   scripts/fuzz-campaign.sh --totals        # executions and crashes per target so far
set -euo pipefail
cd "$(dirname "$0")/.."
log=${LOG:-.build-fuzz/campaign.log}
mkdir -p "$(dirname "$log")"

if [ "${1:-}" = --totals ]; then
    awk '{ runs[$2] += $3; if ($4 != "clean") bad[$2]++; turns[$2]++ }
         END { for (t in runs) printf "%-20s %12d executions in %d turns, %d with a crash\n", t, runs[t], turns[t], bad[t] }' "$log" | sort
    exit 0
fi

nice -n 19 scripts/fuzz.sh --build
for _ in $(seq "${ROUNDS:-1000}"); do
    for target in $(FUZZ_LIST=1 scripts/fuzz.sh); do
        output=$(mktemp)
        if FUZZ_SKIP_BUILD=1 FUZZ_MAX_LEN=${FUZZ_MAX_LEN:-4096} nice -n 19 \
            scripts/fuzz.sh "$target" "${SECONDS_PER_TURN:-1800}" > "$output" 2>&1; then
            result=clean
        else
            result=crash
            cp "$output" ".build-fuzz/crashes/$target/campaign-$(date -u +%Y%m%dT%H%M%S).log"
        fi
        runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$output" | tail -1)
        echo "$(date -u +%Y-%m-%dT%H:%M:%SZ) $target ${runs:-0} $result" >> "$log"
        rm -f "$output"
    done
done
