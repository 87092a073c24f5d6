#!/usr/bin/env bash
# The search benchmark (docs/tabular-benchmark.md): every strategy — adaptive, grid, random, ASHA, TPE — replayed on the
# table for 20 sweep seeds at 10 %, 25 %, 50 % and 100 % of the full grid's trial-epochs, then the strategies' own cost
# per trial over 10,000 simulated trials. Seconds, not hours: the table holds the training.
#
#   bench/search/run.sh        writes results/search.json, docs/img/search-regret.png, results/findings.json,
#                              docs/img/table-findings.png and results/strategy-cost.json
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
here="$repo/bench/search"
bin=$(mktemp -d)
trap 'rm -rf "$bin"' EXIT
dotnet build "$repo/bench/SuperConvergence.Search.Benchmarks" -c Release -v q -nologo -o "$bin" >&2
mkdir -p "$here/results"
cd "$repo"
dotnet "$bin/SuperConvergence.Search.Benchmarks.dll" search bench/search/table-spec.yaml bench/search/table/fashion-mnist-mlp.json \
  "$here/results/search.json" docs/img/search-regret.png --seeds 20 --slots 4 --range-test-seeds "${RANGE_TEST_SEEDS:-1}"
dotnet "$bin/SuperConvergence.Search.Benchmarks.dll" findings bench/search/table/fashion-mnist-mlp.json "$here/results/findings.json" docs/img/table-findings.png
dotnet "$bin/SuperConvergence.Search.Benchmarks.dll" cost bench/search/table-spec.yaml "$here/results/strategy-cost.json" --trials 10000 --window 1000
