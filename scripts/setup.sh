#!/usr/bin/env bash
# Installs what ServiceBlueprint needs beyond Swift on Debian/Ubuntu: Graphviz (library and
# headers, for in-process rendering), a font with Chinese glyphs (PNG and PDF draw with installed
# fonts; SVG leaves fonts to the viewer), xmllint (BPMN export tests) and Python's jsonschema (schema tests).
# Safe to run again: it installs only what is missing.
set -euo pipefail

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

if ! pkg-config --exists libgvc 2>/dev/null || ! command -v dot >/dev/null 2>&1; then
    echo "setup: installing Graphviz (libgraphviz-dev graphviz)" >&2
    as_root apt-get update
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y libgraphviz-dev graphviz pkg-config
fi

# Without a CJK font, Chinese, Japanese and Korean text is drawn as empty boxes in PNG and PDF.
if [ -z "$(fc-list :lang=zh-cn family 2>/dev/null)" ]; then
    echo "setup: installing a CJK font (fonts-wqy-microhei)" >&2
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y fonts-wqy-microhei \
        || { as_root apt-get update && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y fonts-wqy-microhei; }
fi

# xmllint validates exported BPMN against the OMG XSDs in the interchange tests.
if ! command -v xmllint >/dev/null 2>&1; then
    echo "setup: installing xmllint (libxml2-utils)" >&2
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y libxml2-utils \
        || { as_root apt-get update && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y libxml2-utils; }
fi

if ! python3 -c 'import jsonschema' >/dev/null 2>&1; then
    echo "setup: installing Python jsonschema" >&2
    python3 -m pip install --quiet jsonschema || as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y python3-jsonschema
fi
