#!/usr/bin/env bash
# Browser tests of the HTML viewer in headless Chromium (Debian's `chromium`; nothing is downloaded).
# For every showcase blueprint in blueprints/ and a generated 1 000-step blueprint, it writes the
# viewer with `blueprint report --format html`, injects scripts/viewer/browser-checks.js, loads the page,
# and checks from the DOM dump: no console error, the page becomes interactive, the diagram fits the
# width, clicking a finding highlights steps, the lane and journey filters dim steps, an overlay
# switches off and on, clicking a step opens its panel, zoom works. Screenshots go to OUT.
#
#   scripts/viewer-browser-test.sh [OUT]        (default OUT: .build/viewer-test)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-.build/viewer-test}
mkdir -p "$out"
command -v chromium > /dev/null || { echo "viewer test: chromium is not installed (apt-get install chromium)" >&2; exit 2; }
swift build --product blueprint > /dev/null
swift build --product blueprint-bench > /dev/null 2>&1 || true
bin=$(swift build --show-bin-path)

pages=()
for file in blueprints/*.yaml; do
    name=$(basename "$file" .yaml)
    "$bin/blueprint" report "$file" -o "$out/$name.html" > /dev/null 2>&1 || [ $? -eq 2 ] || { echo "viewer test: report failed for $file" >&2; exit 1; }
    pages+=("$name")
done
if [ -x "$bin/blueprint-bench" ]; then
    rm -rf "$out/large" && mkdir -p "$out/large"
    "$bin/blueprint-bench" corpus --count 1 --steps 1000 --format yaml -o "$out/large" > /dev/null
    "$bin/blueprint" report "$out"/large/*.yaml -o "$out/large-1000.html" > /dev/null 2>&1 || true
    [ -f "$out/large-1000.html" ] && pages+=("large-1000")
fi

failures=0
for name in "${pages[@]}"; do
    page="$out/$name.html"
    tested="$out/$name.tested.html"
    # The checks run after the viewer's own script, as the last element of the body.
    python3 -c 'import sys; page, checks = open(sys.argv[1]).read(), open(sys.argv[2]).read(); i = page.rindex("</body>"); sys.stdout.write(page[:i] + "<script>" + checks + "</script>" + page[i:])' \
        "$page" scripts/viewer/browser-checks.js > "$tested"
    chromium --headless=new --no-sandbox --disable-gpu --hide-scrollbars --window-size=1500,950 \
        --enable-logging=stderr --v=0 --virtual-time-budget=10000 --dump-dom "file://$(realpath "$tested")" \
        > "$out/$name.dom" 2> "$out/$name.console" || true
    chromium --headless=new --no-sandbox --disable-gpu --hide-scrollbars --window-size=1500,950 \
        --virtual-time-budget=5000 --screenshot="$out/$name.png" "file://$(realpath "$page")" > /dev/null 2>&1 || true
    results=$(sed -n 's#.*<pre id="vw-test-results">\(.*\)</pre>.*#\1#p' "$out/$name.dom" | sed 's/&quot;/"/g; s/&amp;/\&/g')
    console_errors=$(grep -E 'CONSOLE.*(Uncaught|Error)|"(Uncaught|TypeError|ReferenceError)' "$out/$name.console" || true)
    verdict=$(RESULTS="$results" CONSOLE="$console_errors" python3 - "$name" <<'PY'
import json, os, sys
name = sys.argv[1]
problems = []
try:
    r = json.loads(os.environ["RESULTS"])
except Exception:
    print(f"FAIL {name}: the checks did not run (no results in the DOM)"); sys.exit()
if os.environ["CONSOLE"].strip(): problems.append("console error: " + os.environ["CONSOLE"].strip()[:300])
problems += ["check error: " + e for e in r.get("errors", [])]
if not r.get("ready"): problems.append("viewer not ready")
if not r.get("steps"): problems.append("no steps drawn")
if not r.get("fitsWidth"): problems.append("diagram does not fit the width on open")
if r.get("findingButtons", 0) > 0 and r.get("highlightedByFinding", 0) < 1: problems.append("clicking a finding highlights no step")
if r.get("dimmedByLaneFilter", 0) < 1: problems.append("the lane filter dims nothing")
if r.get("dimmedAfterReset", 1) != 0: problems.append("steps stay dimmed after the filter is reset")
if r.get("dimmedByJourneyFilter") is False: problems.append("the journey filter does not dim exactly the steps outside the journey")
if not r.get("overlayToggle"): problems.append("the findings overlay does not switch off and on")
if not r.get("stepPanel"): problems.append("clicking a step opens no panel")
if not r.get("zoomIn"): problems.append("zoom in does nothing")
summary = f'{r.get("steps")} steps, interactive after {r.get("readyMs")} ms (viewer script {r.get("scriptMs")} ms), {r.get("findingButtons")} findings'
print(("FAIL " + name + ": " + "; ".join(problems)) if problems else ("ok   " + name + ": " + summary))
PY
)
    echo "viewer test: $verdict"
    case "$verdict" in FAIL*) failures=$((failures + 1)) ;; esac
done
echo "viewer test: screenshots in $out"
[ "$failures" -eq 0 ]
