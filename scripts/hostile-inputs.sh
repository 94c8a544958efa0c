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
    output=$(timeout 300 "$@" 2>&1)
    status=$?
    end=$(date +%s.%N)
    output=$(printf '%s' "$output" | grep -av '^rendered\|^wrote\|^$' | head -2 | cut -c1-220 | tr '\n' ' ' | sed 's/|/\\|/g; s/`/'"'"'/g')
    printf '| %s | `%s` | %s | %s | %.1f s |\n' "$class" "$(echo "$*" | sed "s|\"$cli\"|blueprint|g; s|$cli|blueprint|g; s|$work/||g" | cut -c1-60)" "$status" "${output:-(nothing)}" "$(echo "$end - $start" | bc)"
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
    blueprint alias Alias | sed '/^steps:/,$d'
    echo "steps:"
    printf '  - {id: s0, lane: customer, stage: s, title: &long "'; head -c 100000 /dev/zero | tr '\0' 'x'; printf '"}\n'
    for n in $(seq 1 1001); do echo "  - {id: s$n, title: *long, lane: customer, stage: s}"; done
    echo "flows:"
    for n in $(seq 1 1001); do echo "  - {from: s$((n - 1)), to: s$n}"; done
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

# Issue 10, defect 4: a good report must survive a run that produces nothing valid.
blueprint good Good > good.yaml && blueprint ok Broken | sed 's/lane: frontstage/lane: frontstge/' > broken.yaml
"$cli" report good.yaml -o keep.md >/dev/null 2>&1 && cp keep.md keep.orig
row "a good report, then a run whose inputs are all invalid" sh -c "out=\$(\"$cli\" report broken.yaml -o keep.md 2>&1); s=\$?; cmp -s keep.md keep.orig && echo 'keep.md unchanged.'; echo \"\$out\"; exit \$s"
row "a good report, then a mistyped input path" sh -c "out=\$(\"$cli\" report brokn.yaml -o keep.md 2>&1); s=\$?; cmp -s keep.md keep.orig && echo 'keep.md unchanged.'; echo \"\$out\"; exit \$s"

# Defect 6: a symbolic link to a folder of broken blueprints must be checked, not seen as empty.
mkdir -p broken-folder && cp broken.yaml broken-folder/ && ln -s broken-folder link
row "a symbolic link to a folder of broken blueprints" "$cli" check link

# Defect 7: SIGKILL while the output is written leaves no temporary file behind.
row "kill -9 during a 5 000-step render" sh -c "\"$cli\" render big -o out-kill >/dev/null 2>&1 & p=\$!; sleep 4; kill -9 \$p; wait \$p; echo \"\$(ls -A out-kill 2>/dev/null | grep -c 'tmp') temporary files left\"; exit 0"

# Also: JSON nesting located where it happens, U+2028 not a line break, out-of-range thresholds, folder errors.
printf '{"id": "json", "title": "J",\n "stages": [{"id": "s", "title": "S"}],\n "steps": [{"id": "a", "lane": "customer", "stage": "s", "title": "A"]\n}\n' > nesting.json
row "JSON nesting error" "$cli" check nesting.json
printf '{"id": "sep", "title": "a\xe2\x80\xa8b",\n "stages": [{"id": "s", "title": "S"}],\n "steps": [{"id": "a", "lane": "custmer", "stage": "s", "title": "A"}]}\n' > separator.json
row "U+2028 in a JSON string (error on line 3)" "$cli" check separator.json
mkdir -p config && blueprint ok Config > config/ok.yaml && printf 'rules:\n  capacity-high-utilization:\n    threshold: 1e308\n  parallelizable-chain:\n    minimumSaving: -1\n' > config/.blueprint.yml
row "configuration thresholds 1e308 and -1" "$cli" check config
echo plain > a-file
row "an output folder that cannot be created" "$cli" render good.yaml -o a-file/out

mkdir -p loop/sub && ln -s .. loop/sub/up && blueprint ok Loop > loop/ok.yaml
row "symbolic-link loop" "$cli" check loop

mkdir -p team-a team-b && blueprint a A > team-a/flow.yaml && blueprint b B > team-b/flow.yaml
row "colliding outputs" "$cli" render team-a team-b -o out-collide
