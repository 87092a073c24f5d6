#!/usr/bin/env bash
# The one test command: restores, builds, starts the servers the tests need (a throwaway PostgreSQL),
# and makes Prometheus and Chromium available, runs every test project, stops the servers and ends with `tests: N passed, N failed, N skipped`.
set -uo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$repo"

# shellcheck source=build/scripts/prerequisites.sh
source build/scripts/prerequisites.sh
# shellcheck source=build/test/postgres.sh
source build/test/postgres.sh
# shellcheck source=build/test/prometheus.sh
source build/test/prometheus.sh
# shellcheck source=build/test/chromium.sh
source build/test/chromium.sh

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# oneDNN's AVX-512 kernels compute NaN for narrow convolutions on some CPUs (src/SuperConvergence.Training/Runtime/
# CpuKernelGuard.cs): every test host starts capped, whichever code reaches libtorch first.
export DNNL_MAX_CPU_ISA="${DNNL_MAX_CPU_ISA:-AVX2}"
results="$repo/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

trap sc_postgres_stop EXIT

sc_ensure_build_prerequisites || exit 1
echo "== restore and build" >&2
if ! dotnet build SuperConvergence.sln -c Release -nologo -v q >"$results/build.log" 2>&1; then
  grep -E "error" "$results/build.log" | sort -u | head -40
  echo "tests: 0 passed, 1 failed, 0 skipped"
  exit 1
fi

echo "== servers" >&2
sc_postgres_start || { echo "tests: 0 passed, 1 failed, 0 skipped"; exit 1; }
sc_prometheus_prepare || { echo "tests: 0 passed, 1 failed, 0 skipped"; exit 1; }
sc_chromium_prepare || { echo "tests: 0 passed, 1 failed, 0 skipped"; exit 1; }
sc_check_kubectl

echo "== tests" >&2
# Test modules run one at a time: the machine has 2 cores and several suites start servers or train.
dotnet test --solution SuperConvergence.sln -c Release --no-build --max-parallel-test-modules 1 \
  --results-directory "$results" --report-xunit-trx --no-progress
test_rc=$?

passed=0 failed=0 skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  get() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
  passed=$((passed + $(get passed)))
  failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
  skipped=$((skipped + $(get notExecuted)))
done
if [ "$test_rc" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # The runner failed without a failed test on record (a crashed test host, say): count it.
  failed=1
fi
echo "tests: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
