#!/usr/bin/env bash
# The cross-process fault tests, run RUNS times in a row (docs/cluster.md "When things die", docs/benchmarks.md):
# each run's result and wall time per test class. Starts the throwaway PostgreSQL the tests need, as ./test.sh does;
# run as root (network namespaces, tmpfs mounts).
#
#   bench/faults/repeat.sh [RUNS]     # default 5
set -uo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$repo"
runs=${1:-5}
# shellcheck source=build/scripts/prerequisites.sh
source build/scripts/prerequisites.sh
# shellcheck source=build/test/postgres.sh
source build/test/postgres.sh
trap sc_postgres_stop EXIT
sc_ensure_build_prerequisites || exit 1
dotnet build tests/SuperConvergence.Cli.Tests -c Release -nologo -v q >/dev/null || { echo "build failed" >&2; exit 1; }
sc_postgres_start || exit 1
classes=(WorkerLossTests CoordinatorLossTests PostgresFaultTests PartitionTests FullDiskTests)
failures=0
for run in $(seq 1 "$runs"); do
  for class in "${classes[@]}"; do
    start=$(date +%s.%N)
    out=$(dotnet test --project tests/SuperConvergence.Cli.Tests -c Release --no-build --no-progress -- --filter-class "*.$class" 2>&1)
    rc=$?
    summary=$(echo "$out" | grep -E "^\s+(total|failed|succeeded|skipped):" | tr -s ' ' | tr '\n' ' ')
    printf 'run %d %-22s rc=%d %6.1f s %s\n' "$run" "$class" "$rc" "$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN {print b - a}')" "$summary"
    [ "$rc" -eq 0 ] || { failures=$((failures + 1)); echo "$out" | tail -40 >&2; }
  done
done
echo "failed runs: $failures"
[ "$failures" -eq 0 ]
