#!/usr/bin/env bash
# Peer benchmark (issue 13): whole processes side by side, in one run, on the same generated
# blueprints at 1 000, 10 000 and 100 000 steps:
#   - `blueprint check` (release build) on the JSON and the YAML file,
#   - the networkx script an analyst would write (../shared/peers/networkx_peer.py) on the same
#     graph in its neutral JSON form, stopped after NX_TIMEOUT seconds (default 600),
#   - `dot -Tsvg` (and `neato -n2 -Tsvg`, which honours our pinned positions) on the DOT that
#     `blueprint render --format dot` writes, against `blueprint render --format svg` (render sizes only).
# Prints wall seconds and peak RSS (medians of RUNS paired runs) and the ratios.
#
#   Benchmarks/peers/run.sh                      # everything, 3 runs each
#   SIZES="1000 10000" RUNS=5 Benchmarks/peers/run.sh
#
# Environment: SIZES, RUNS (3), RENDER_SIZES ("1000"), NX_TIMEOUT (600), PEERS_DIR (the folder
# holding networkx_peer.py and blueprint_json_to_neutral.py), BIN (folder with release
# `blueprint` and `blueprint-bench`; built when missing), WORK (scratch folder; a temporary one).
set -uo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SIZES=${SIZES:-"1000 10000 100000"}
RUNS=${RUNS:-3}
RENDER_SIZES=${RENDER_SIZES-"1000"}
NX_TIMEOUT=${NX_TIMEOUT:-600}
BIN=${BIN:-$ROOT/.build/release}
WORK=${WORK:-$(mktemp -d)}
if [ -z "${PEERS_DIR:-}" ]; then
    for candidate in "$ROOT/../shared/peers" "$ROOT/../../shared/peers" /work/shared/peers; do
        [ -f "$candidate/networkx_peer.py" ] && PEERS_DIR=$candidate && break
    done
fi

if [ ! -x "$BIN/blueprint" ] || [ ! -x "$BIN/blueprint-bench" ]; then
    (cd "$ROOT" && swift build -c release --product blueprint && swift build -c release --product blueprint-bench) || exit 1
fi
mkdir -p "$WORK"

# run LABEL TIMEOUT COMMAND...: appends "wall rss_mib status cpu" to $WORK/LABEL.times (cpu: user + system
# seconds, the figure to read on a loaded machine, where wall time measures the other processes too)
run() {
    local label=$1 limit=$2
    shift 2
    /usr/bin/time -f "%e %M %x %U %S" -o "$WORK/time.txt" timeout "$limit" "$@" >"$WORK/$label.out" 2>"$WORK/$label.err"
    local wall rss status cpu
    read -r wall rss status cpu < <(tail -n 1 "$WORK/time.txt" | awk '{ if (NF == 5) print $1, $2, $3, $4 + $5; else print "0 0 124 0" }')
    [ "$status" = 124 ] && wall="timeout"
    echo "$wall $(( rss / 1024 )) $status $cpu" >>"$WORK/$label.times"
}

# median LABEL FIELD: the median of a column of $WORK/LABEL.times ("timeout" if any run timed out)
median() {
    [ -f "$WORK/$1.times" ] || { echo "-"; return; }
    if [ "$2" = 1 ] && grep -q '^timeout' "$WORK/$1.times"; then echo timeout; return; fi
    # POSIX awk (mawk has no asort): sort the column first.
    awk -v f="$2" '{ print $f }' "$WORK/$1.times" | sort -g |
        awk '{ v[NR] = $1 } END { if (NR) print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a + 0 > 0 && b + 0 > 0) printf "%.1f×", a / b; else print "-" }'; }

echo "work folder: $WORK"
for size in $SIZES; do
    for format in json yaml; do
        "$BIN/blueprint-bench" corpus --count 1 --steps "$size" --format "$format" -o "$WORK/$format-$size" >/dev/null
    done
    if [ -n "${PEERS_DIR:-}" ]; then
        python3 "$PEERS_DIR/blueprint_json_to_neutral.py" "$WORK/json-$size/generated-001.json" "$WORK/neutral-$size.json" >/dev/null
    fi
    for ((i = 1; i <= RUNS; i++)); do
        run "check-json-$size" 600 "$BIN/blueprint" check "$WORK/json-$size/generated-001.json"
        run "check-yaml-$size" 600 "$BIN/blueprint" check "$WORK/yaml-$size/generated-001.yaml"
        # networkx: every run at small sizes; once when it is slow (it would not finish RUNS times).
        if [ -n "${PEERS_DIR:-}" ] && { [ "$i" = 1 ] || [ "$size" -le 10000 ]; }; then
            run "networkx-$size" "$NX_TIMEOUT" python3 "$PEERS_DIR/networkx_peer.py" "$WORK/neutral-$size.json"
        fi
    done
done

for size in $RENDER_SIZES; do
    input="$WORK/json-$size/generated-001.json"
    [ -f "$input" ] || "$BIN/blueprint-bench" corpus --count 1 --steps "$size" --format json -o "$WORK/json-$size" >/dev/null
    for ((i = 1; i <= RUNS; i++)); do
        run "render-dot-$size" 600 "$BIN/blueprint" render "$input" --format dot -o "$WORK/dot-$size"
        run "render-svg-$size" 600 "$BIN/blueprint" render "$input" --format svg -o "$WORK/svg-$size"
        run "dot-$size" 600 dot -Tsvg "$WORK/dot-$size/generated-001.dot" -o "$WORK/dot-$size/dot.svg"
        run "neato-$size" 600 neato -n2 -Tsvg "$WORK/dot-$size/generated-001.dot" -o "$WORK/dot-$size/neato.svg"
    done
done

echo
echo "Whole processes, median of $RUNS runs: wall s (CPU s), peak RSS MiB; networkx stopped after ${NX_TIMEOUT}s"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
printf "%-8s | %-26s | %-26s | %-26s | %-16s\n" steps "check JSON" "check YAML" "networkx" "nx / JSON (CPU)"
for size in $SIZES; do
    cj=$(median "check-json-$size" 1) cy=$(median "check-yaml-$size" 1) nx=$(median "networkx-$size" 1)
    printf "%-8s | %-26s | %-26s | %-26s | %-16s\n" "$size" \
        "$cj s ($(median "check-json-$size" 4)), $(median "check-json-$size" 2) MiB" \
        "$cy s ($(median "check-yaml-$size" 4)), $(median "check-yaml-$size" 2) MiB" \
        "$nx s ($(median "networkx-$size" 4)), $(median "networkx-$size" 2) MiB" \
        "$(ratio "$nx" "$cj") ($(ratio "$(median "networkx-$size" 4)" "$(median "check-json-$size" 4)"))"
done
if [ -n "$RENDER_SIZES" ]; then
    echo
    echo "Rendering the same blueprint (seconds, peak RSS MiB)"
    printf "%-8s | %-16s | %-16s | %-16s | %-16s | %-10s\n" steps "our DOT" "our SVG" "dot -Tsvg" "neato -n2 -Tsvg" "dot / ours"
    for size in $RENDER_SIZES; do
        ours=$(median "render-svg-$size" 1) dot=$(median "dot-$size" 1)
        printf "%-8s | %-16s | %-16s | %-16s | %-16s | %-10s\n" "$size" \
            "$(median "render-dot-$size" 1) s, $(median "render-dot-$size" 2)" "$ours s, $(median "render-svg-$size" 2)" \
            "$dot s, $(median "dot-$size" 2)" "$(median "neato-$size" 1) s, $(median "neato-$size" 2)" "$(ratio "$dot" "$ours")"
    done
fi
