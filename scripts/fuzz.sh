#!/usr/bin/env bash
# Builds and runs one libFuzzer target of the Fuzz/ package with AddressSanitizer.
#
#   scripts/fuzz.sh <Name> [seconds] [extra libFuzzer args]
#
# <Name> is the target without "Fuzzer" (DocumentReader, ConfigurationReader, Writers). Runs for
# `seconds` (default 60) on a working corpus in .build-fuzz/corpus/<Name>, seeded from
# Fuzz/Corpus/<Name>; crashes go to .build-fuzz/crashes/<Name>/. Exits non-zero on a crash.
# FUZZ_LIST=1 scripts/fuzz.sh prints the target names; `scripts/fuzz.sh --build` builds every target
# at once, after which FUZZ_SKIP_BUILD=1 runs one without rebuilding (so several can run side by side).
# FUZZ_MAX_LEN bounds the input size (default 65536; long campaigns use less to run more inputs).
set -euo pipefail
cd "$(dirname "$0")/.."

targets=$(ls Fuzz/Sources | sed -n 's/Fuzzer$//p')
if [ "${FUZZ_LIST:-0}" = 1 ]; then echo "$targets"; exit 0; fi
# Release by default: optimised code runs many times more inputs per second (FUZZ_CONFIGURATION=debug
# for readable stack traces).
configuration=${FUZZ_CONFIGURATION:-release}
build=.build-fuzz
build_fuzzers() {
    swift build --package-path Fuzz --scratch-path "$build/build" -c "$configuration" \
        -Xswiftc -sanitize=fuzzer,address "$@" >&2
}
if [ "${1:-}" = --build ]; then build_fuzzers; exit 0; fi
name=${1:?usage: scripts/fuzz.sh <Name> [seconds] [libFuzzer args]; targets: $(echo $targets)}
shift
seconds=${1:-60}
[ $# -gt 0 ] && shift
if [ ! -d "Fuzz/Sources/${name}Fuzzer" ]; then
    echo "fuzz: no target '$name'; targets: $(echo $targets)" >&2
    exit 2
fi

[ "${FUZZ_SKIP_BUILD:-0}" = 1 ] || build_fuzzers --product "${name}Fuzzer"
binary="$build/build/$configuration/${name}Fuzzer"

corpus="$build/corpus/$name"
crashes="$build/crashes/$name"
mkdir -p "$corpus" "$crashes"
seeds=()
[ -d "Fuzz/Corpus/$name" ] && seeds=("Fuzz/Corpus/$name")

# Graphviz 2.42 leaks per layout (see GraphvizRenderer's docs): leak checks would report its leaks,
# not ours. Swift's crash backtracer trips ASan: libFuzzer reports crashes instead. Inputs above 64 KiB
# are the size-limit tests' business, not the fuzzer's.
SWIFT_BACKTRACE=${SWIFT_BACKTRACE:-enable=no} ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:allocator_may_return_null=1} \
"$binary" "$corpus" "${seeds[@]}" \
    -max_total_time="$seconds" -max_len="${FUZZ_MAX_LEN:-65536}" -timeout=20 -rss_limit_mb=2560 -detect_leaks=0 \
    -artifact_prefix="$crashes/" -print_final_stats=1 "$@"
