#!/usr/bin/env bash
# Bookkeeping overhead (docs/benchmarks.md): runs a simulated sweep RUNS times on a fresh embedded cluster each and
# prints each run's wall time (finishedAt − createdAt of the final status) against the minimum, then the median.
#
#   bench/cluster/overhead.sh SPEC MINIMUM_SECONDS [RUNS]
#   bench/cluster/overhead.sh bench/cluster/overhead-raytune.yaml 625 3     # Ray Tune's configuration, ~32 min
#   bench/cluster/overhead.sh bench/cluster/overhead.yaml 62.5 3            # 2,000 × 0.5 s
#   bench/cluster/overhead.sh bench/cluster/throughput.yaml 100 3           # result throughput
#
# SC_BIN picks the console (default: a Release build of this checkout made once into a temporary folder, so the
# runs do not rebuild or race edits). Each run's data dir is made with mktemp (TMPDIR=/dev/shm puts it on tmpfs) and
# removed, unless SC_KEEP_DATA=1: then it is kept and named, for bench/cluster/trial-times.sh.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
spec=$1
minimum=$2
runs=${3:-3}
if [ -n "${SC_BIN:-}" ]; then
  read -r -a sc <<<"$SC_BIN"
else
  bin=$(mktemp -d)
  trap 'rm -rf "$bin"' EXIT
  dotnet build "$repo/src/SuperConvergence.Cli/SuperConvergence.Cli.csproj" -c Release -v q -nologo -o "$bin" >&2
  sc=(dotnet "$bin/sc.dll")
fi
export NO_COLOR=1
walls=()
for run in $(seq 1 "$runs"); do
  data=$(mktemp -d)
  SC_DATA=$data "${sc[@]}" sweep run "$spec" --format json --data-dir "$data" >"$data/status.json" 2>"$data/stderr.log"
  wall=$(python3 -c "
import json, datetime, sys
s = json.load(open('$data/status.json'))
parse = lambda t: datetime.datetime.fromisoformat(t.replace('Z', '+00:00'))
print('%.3f' % (parse(s['finishedAt']) - parse(s['createdAt'])).total_seconds())")
  walls+=("$wall")
  printf 'run %d: wall %s s, overhead %+.2f %%, load average before the next: %s\n' "$run" "$wall" \
    "$(python3 -c "print(($wall / $minimum - 1) * 100)")" "$(cut -d' ' -f1-3 /proc/loadavg)"
  if [ "${SC_KEEP_DATA:-}" = 1 ]; then echo "  data kept: $data"; else rm -rf "$data"; fi
done
python3 -c "
import statistics
walls = [float(w) for w in '${walls[*]}'.split()]
m = statistics.median(walls)
print('median of %d: wall %.3f s, overhead %+.2f %% (minimum %s s)' % (len(walls), m, (m / $minimum - 1) * 100, '$minimum'))"
