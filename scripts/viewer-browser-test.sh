#!/usr/bin/env bash
# Browser tests of the HTML viewer through WebDriver, in headless Chromium (Debian's `chromium`,
# `chromium-driver` and `python3-selenium`; nothing is downloaded). For every showcase blueprint in
# blueprints/ and a generated 1 000-step blueprint, it writes the viewer with
# `blueprint report --format html` and runs scripts/viewer/browser_test.py on the pages: real clicks
# and keys on findings, steps, filters, overlays and zoom, no console error, every stage header on
# screen at fit-to-width, and the time until the page is interactive. Screenshots go to OUT.
#
#   scripts/viewer-browser-test.sh [OUT]        (default OUT: .build/viewer-test)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-.build/viewer-test}
mkdir -p "$out"
missing=()
command -v chromium > /dev/null || missing+=(chromium)
command -v chromedriver > /dev/null || missing+=(chromium-driver)
/usr/bin/python3 -c 'import selenium' 2> /dev/null || missing+=(python3-selenium)
if [ ${#missing[@]} -gt 0 ]; then
    echo "viewer test: missing ${missing[*]} (apt-get install -y ${missing[*]})" >&2
    exit 2
fi
swift build --product blueprint > /dev/null
swift build --product blueprint-bench > /dev/null
bin=$(swift build --show-bin-path)

pages=()
for file in blueprints/*.yaml; do
    name=$(basename "$file" .yaml)
    # Exit 2 means findings at error severity, which a showcase may well have: the page is written.
    "$bin/blueprint" report "$file" -o "$out/$name.html" > /dev/null 2>&1 || [ $? -eq 2 ] || { echo "viewer test: report failed for $file" >&2; exit 1; }
    pages+=("$out/$name.html")
done
rm -rf "$out/large" && mkdir -p "$out/large"
"$bin/blueprint-bench" corpus --count 1 --steps 1000 --format yaml -o "$out/large" > /dev/null
"$bin/blueprint" report "$out"/large/*.yaml -o "$out/large-1000.html" > /dev/null 2>&1 || [ $? -eq 2 ]
pages+=("$out/large-1000.html")

/usr/bin/python3 scripts/viewer/browser_test.py "$out" "${pages[@]}"
