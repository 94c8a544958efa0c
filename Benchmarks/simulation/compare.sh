#!/bin/sh
# Times the Swift engine and SimPy on the same M/M/c system, side by side: each runs `runs` times,
# alternating, and the fastest run of each counts (wall and CPU time; CPU time depends less on the
# other work on a shared machine).
# Run from the package root after `swift build -c release --product simulation-bench`;
# needs `pip install simpy`.
set -eu
customers=${1:-400000}
runs=${2:-3}
here=$(dirname "$0")
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
best() { sort -g | head -1; }
swift_wall="" swift_cpu="" simpy_wall="" simpy_cpu=""
i=0
while [ "$i" -lt "$runs" ]; do
    swift_line=$(.build/release/simulation-bench mmc "$customers" | grep '^mmc:')
    echo "$swift_line"
    simpy_line=$(python3 "$here/mmc_simpy.py" "$customers")
    echo "$simpy_line"
    swift_wall="$swift_wall $(echo "$swift_line" | sed -E 's/.* in ([0-9.]+) s.*/\1/')"
    swift_cpu="$swift_cpu $(echo "$swift_line" | sed -E 's/.*\(([0-9.]+) s CPU.*/\1/')"
    simpy_wall="$simpy_wall $(echo "$simpy_line" | sed -E 's/.* in ([0-9.]+) s.*/\1/')"
    simpy_cpu="$simpy_cpu $(echo "$simpy_line" | sed -E 's/.*\(([0-9.]+) s CPU.*/\1/')"
    i=$((i + 1))
done
sw=$(echo $swift_wall | tr ' ' '\n' | best); sc=$(echo $swift_cpu | tr ' ' '\n' | best)
pw=$(echo $simpy_wall | tr ' ' '\n' | best); pc=$(echo $simpy_cpu | tr ' ' '\n' | best)
echo "best of $runs: Swift $sw s wall, $sc s CPU; SimPy $pw s wall, $pc s CPU"
echo "Swift is $(python3 -c "print(f'{$pw / $sw:.0f}')")x faster than SimPy in wall time, $(python3 -c "print(f'{$pc / $sc:.0f}')")x in CPU time, for $customers customers"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
