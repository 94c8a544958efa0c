#!/usr/bin/env bash
# Runs the `blueprint` CLI on one file per class of hostile input and prints a Markdown table row per
# class: the command, its exit code, the first lines it printed and how long it took. The rows of the
# hostile-input table in Sources/ServiceBlueprint/ServiceBlueprint.docc/HostileInput.md come from here.
#
#   scripts/hostile-inputs.sh [path/to/blueprint] [path/to/blueprint-bench]
#
# Defaults: .build/release/blueprint and .build/release/blueprint-bench.
set -uo pipefail
cd "$(dirname "$0")/.."
cli=$(realpath "${1:-.build/release/blueprint}")
bench=$(realpath "${2:-.build/release/blueprint-bench}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

# A valid blueprint with two placeholders: ID and TITLE.
blueprint() {
    local id=$1 title=$2
    cat <<YAML
id: $id
title: $title
stages:
  - {id: s, title: Stage}
steps:
  - {id: a, title: First, lane: customer, stage: s}
  - {id: b, title: Second, lane: frontstage, stage: s}
flows:
  - {from: a, to: b}
YAML
}

# row <class> <command…>: runs the command in $work, prints a table row.
row() {
    local class=$1
    shift
    local start end output status
    start=$(date +%s.%N)
    output=$(timeout 300 "$@" 2>&1 >/dev/null)
    status=$?
    end=$(date +%s.%N)
    output=$(printf '%s' "$output" | grep -v '^rendered\|^checked\|^wrote' | head -2 | cut -c1-220 | tr '\n' ' ' | sed 's/|/\\|/g; s/`/'"'"'/g')
    printf '| %s | `%s` | %s | %s | %.1f s |\n' "$class" "$(echo "$*" | sed "s|$cli|blueprint|; s|$work/||g" | cut -c1-60)" "$status" "${output:-(nothing)}" "$(echo "$end - $start" | bc)"
}

echo "| input class | command | exit | first lines on stderr | time |"
echo "|---|---|---|---|---|"

blueprint '"../../escape"' Traversal > traversal.yaml
row "path traversal in an id" "$cli" report traversal.yaml -o report.md

blueprint '"a\0b"' Nul > nul.yaml
row "NUL in an id" "$cli" check nul.yaml

blueprint "'x\"><img src=x onerror=alert(1)><a x=\"'" Html > html.yaml
row "HTML in an id" "$cli" check html.yaml

blueprint ok '"&#xD800; &amp; <b>bold</b>"' > refs.yaml
row "character references in a title (render, then xmllint)" sh -c "$cli render refs.yaml -o out-refs && xmllint --noout out-refs/refs.svg"

{ blueprint ok Bad; printf 'summary: "\xff\xfe"\n'; } > utf8.yaml
row "invalid UTF-8" "$cli" check utf8.yaml

{ printf '\xef\xbb\xbf'; blueprint ok Bom; } > bom.yaml
row "byte order mark" "$cli" check bom.yaml

blueprint ok Crlf | sed 's/$/\r/; s/lane: frontstage/lane: frontstge/' > crlf.yaml
row "CRLF line ends (with an error on line 7)" "$cli" check crlf.yaml

{ blueprint ok One; echo "title: Two"; } > duplicate.yaml
row "duplicate keys" "$cli" check duplicate.yaml

{ printf 'id: deep\ntitle: '; head -c 100000 /dev/zero | tr '\0' '['; echo; } > deep.yaml
row "deep nesting (100 000 levels)" "$cli" check deep.yaml

blueprint ok Numbers | sed 's/title: First,/title: First, emotion: 99999999999999999999999, duration: 1e308s,/' > numbers.yaml
row "huge numbers" "$cli" check numbers.yaml

{
    echo 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'
    for n in b c d e f g h i; do prev=$(echo "$n" | tr 'b-i' 'a-h'); echo "$n: &$n [*$prev,*$prev,*$prev,*$prev,*$prev,*$prev,*$prev,*$prev,*$prev]"; done
    blueprint laughs Laughs
} > laughs.yaml
row "billion laughs" "$cli" check laughs.yaml

{
    printf 'x-long: &long "'; head -c 100000 /dev/zero | tr '\0' 'x'; printf '"\n'
    blueprint alias Alias | sed '/^steps:/,$d'
    echo "steps:"
    for n in $(seq 1 1001); do echo "  - {id: s$n, title: *long, lane: customer, stage: s}"; done
} > alias.yaml
row "alias amplification (100 KB string, 1 001 aliases)" "$cli" render alias.yaml -o out-alias

{ blueprint ok Huge | sed '/^steps:/,$d'; echo "summary: |"; yes "  $(head -c 200 /dev/zero | tr '\0' 'y')" | head -c 210000000; } > huge.yaml
row "huge file (210 MB)" "$cli" check huge.yaml
rm -f huge.yaml

blueprint ok "$(head -c 400000 /dev/zero | tr '\0' 'w')" > word.yaml
row "a 400 KB word as the title (render SVG)" "$cli" render word.yaml -o out-word

"$bench" corpus --count 1 --steps 5000 -o big >/dev/null
row "5 000 steps (render SVG)" "$cli" render big -o out-big
row "5 000 steps (render PNG)" "$cli" render big -o out-big-png --format png
"$bench" corpus --count 1 --steps 25000 -o bigger >/dev/null
row "25 000 steps (render SVG)" "$cli" render bigger -o out-bigger

mkdir -p loop/sub && ln -s .. loop/sub/up && blueprint ok Loop > loop/ok.yaml
row "symbolic-link loop" "$cli" check loop

mkdir -p team-a team-b && blueprint a A > team-a/flow.yaml && blueprint b B > team-b/flow.yaml
row "colliding outputs" "$cli" render team-a team-b -o out-collide
