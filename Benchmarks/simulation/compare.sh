#!/bin/sh
# Times the Swift engine and SimPy on the same M/M/c system, side by side, customers per second.
# Run from the package root after `swift build -c release --product simulation-bench`;
# needs `pip install simpy`.
set -eu
customers=${1:-400000}
here=$(dirname "$0")
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
swift_line=$(.build/release/simulation-bench mmc "$customers" | grep '^mmc:')
echo "$swift_line"
simpy_line=$(python3 "$here/mmc_simpy.py" "$customers")
echo "$simpy_line"
swift_seconds=$(echo "$swift_line" | sed -E 's/.* in ([0-9.]+) s.*/\1/')
simpy_seconds=$(echo "$simpy_line" | sed -E 's/.* in ([0-9.]+) s.*/\1/')
echo "Swift is $(python3 -c "print(f'{$simpy_seconds / $swift_seconds:.0f}')")x faster than SimPy for $customers customers"
