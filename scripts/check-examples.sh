#!/usr/bin/env bash
# Builds and runs every program in Examples/ and checks its output. Called by .ci/run after `swift test`.
#
#   scripts/check-examples.sh                                  # uses the default debug build (.build)
#   SWIFT_BUILD_FLAGS="--scratch-path .build-me" scripts/check-examples.sh
#
# Reuses the debug build: after a full `swift build` the build step below is a no-op. Needs python3
# (installed by scripts/setup.sh) to check that the SVG is well-formed XML.
set -euo pipefail
cd "$(dirname "$0")/.."

read -r -a build_flags <<< "${SWIFT_BUILD_FLAGS:-}"
failures=0
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

fail() {
    echo "check-examples: FAIL: $*" >&2
    failures=$((failures + 1))
}
pass() { echo "check-examples: ok: $*"; }

# run NAME ARGS... — runs an example, keeps its stdout in $work/NAME.out, fails loudly on a non-zero exit.
run() {
    local name="$1" status=0; shift
    "$bin/$name" "$@" > "$work/$name.out" 2> "$work/$name.err" || status=$?
    if [ "$status" -ne 0 ]; then
        fail "$name $* exited with status $status; stderr:"
        sed 's/^/    /' "$work/$name.err" >&2
        return 1
    fi
}

echo "check-examples: building (debug)"
swift build "${build_flags[@]}"
bin="$(swift build "${build_flags[@]}" --show-bin-path)"

# DesignerBlueprint: builds the café blueprint with the DSL and writes it as YAML; the file must pass
# `blueprint check` (exit 0: valid, no finding at error level).
if run DesignerBlueprint "$work/cafe-order.yaml"; then
    if [ ! -s "$work/cafe-order.yaml" ]; then
        fail "DesignerBlueprint did not write $work/cafe-order.yaml"
    elif ! "$bin/blueprint" check "$work/cafe-order.yaml" > "$work/cafe-check.out" 2>&1; then
        fail "the YAML written by DesignerBlueprint does not pass blueprint check:"
        sed 's/^/    /' "$work/cafe-check.out" >&2
    else
        pass "DesignerBlueprint wrote a YAML file that passes blueprint check"
    fi
fi

# RenderBlueprint: renders a blueprint to SVG in-process; the file must be well-formed XML with an <svg> root.
if run RenderBlueprint "$work/bike-repair.svg" --overlay; then
    if python3 - "$work/bike-repair.svg" <<'PY'
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
sys.exit(0 if root.tag in ("svg", "{http://www.w3.org/2000/svg}svg") else f"root element is {root.tag}, not svg")
PY
    then
        pass "RenderBlueprint wrote a well-formed SVG"
    else
        fail "RenderBlueprint did not write a well-formed SVG document (reason above)"
    fi
fi

# AsIsToBe: applies the suggested parallelizations to the after-sales blueprint; some journey's lead
# time must go down, and the to-be file it writes must pass blueprint check.
if run AsIsToBe blueprints/after-sales-repair.yaml --output "$work/to-be.yaml"; then
    if ! grep -Eq '^  lead time: .* → .* \(.* saved' "$work/AsIsToBe.out"; then
        fail "AsIsToBe printed no lead-time improvement:"
        sed 's/^/    /' "$work/AsIsToBe.out" >&2
    elif ! grep -q '^  parallelizable-chain: [1-9][0-9]* → 0$' "$work/AsIsToBe.out"; then
        fail "AsIsToBe's to-be blueprint still has parallelizable chains (or the as-is had none)"
    elif ! "$bin/blueprint" check "$work/to-be.yaml" > "$work/to-be-check.out" 2>&1; then
        fail "the to-be YAML written by AsIsToBe does not pass blueprint check:"
        sed 's/^/    /' "$work/to-be-check.out" >&2
    else
        pass "AsIsToBe: $(grep -Em1 '^  lead time: .* saved' "$work/AsIsToBe.out" | sed 's/^ *//')"
    fi
fi

# CustomRule: the rule defined in the example must report at least one finding, in compiler style.
if run CustomRule blueprints/after-sales-repair.yaml; then
    count="$(grep -Ec '^blueprints/after-sales-repair\.yaml:[0-9]+:[0-9]+: warning: .*\[acme-phone-answer-time\]$' "$work/CustomRule.out" || true)"
    if [ "$count" -ge 1 ]; then
        pass "CustomRule reported $count finding(s) of acme-phone-answer-time"
    else
        fail "CustomRule printed no finding of its rule acme-phone-answer-time:"
        sed 's/^/    /' "$work/CustomRule.out" >&2
    fi
fi

# FolderSummary: one row per blueprint file in blueprints/, in the table and in the CSV.
files=()
while IFS= read -r file; do files+=("$file"); done < <(find blueprints -maxdepth 1 -type f \( -name '*.yaml' -o -name '*.yml' -o -name '*.json' \) -exec basename {} \; | LC_ALL=C sort)
if [ "${#files[@]}" -eq 0 ]; then
    fail "no blueprint files in blueprints/"
elif run FolderSummary blueprints; then
    rows="$(grep -Ec '\.(yaml|yml|json) ' "$work/FolderSummary.out" || true)"
    missing=()
    for file in "${files[@]}"; do
        grep -Eq "^${file//./\\.} +[0-9]+ +[0-9]+ " "$work/FolderSummary.out" || missing+=("$file")
    done
    if [ "${#missing[@]}" -gt 0 ] || [ "$rows" -ne "${#files[@]}" ]; then
        fail "FolderSummary printed $rows rows for ${#files[@]} files (missing or invalid: ${missing[*]:-none}):"
        sed 's/^/    /' "$work/FolderSummary.out" >&2
    elif ! run FolderSummary blueprints --csv; then
        :
    elif [ "$(wc -l < "$work/FolderSummary.out")" -ne $((${#files[@]} + 1)) ] \
        || ! head -1 "$work/FolderSummary.out" | grep -q '^file,steps,touchpoints,'; then
        fail "FolderSummary --csv did not print a header and one line per file:"
        sed 's/^/    /' "$work/FolderSummary.out" >&2
    else
        pass "FolderSummary printed one row per file for ${#files[@]} files (table and CSV)"
    fi
fi

if [ "$failures" -gt 0 ]; then
    echo "check-examples: $failures check(s) failed" >&2
    exit 1
fi
echo "check-examples: all examples ran and printed what they should"
