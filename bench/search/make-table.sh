#!/usr/bin/env bash
# The tabular benchmark's table (docs/tabular-benchmark.md): every point of bench/search/table-spec.yaml's grid trained
# for real with the worker's libtorch trainer — 17 max LRs (4 per decade, 0.001 … 10) × 3 weight decays × 2 batch
# sizes × cycles of 1, 2 and 4 epochs × 3 seeds, every epoch's train loss, test loss and test accuracy — plus 3 range
# tests (the adaptive strategy's ramp) per (weight decay, batch size) cell.
#
#   bench/search/make-table.sh            about 20 minutes on 2 cores; rerun to resume after an interruption
#
# Each finished run is appended to results/table-journal.jsonl (one JSON line each) and skipped by a rerun; the table
# (table/fashion-mnist-mlp.json) is written from the journal at the end, with its provenance.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
here="$repo/bench/search"
bin=$(mktemp -d)
trap 'rm -rf "$bin"' EXIT
dotnet build "$repo/bench/SuperConvergence.Search.Benchmarks" -c Release -v q -nologo -o "$bin" >&2
mkdir -p "$here/results" "$here/table"
"$repo/sc" data get fashion-mnist >&2
dotnet "$bin/SuperConvergence.Search.Benchmarks.dll" table "$here/table-spec.yaml" "$here/results/table-journal.jsonl" --points-per-decade 4 --seeds 3 --parallel 2
machine="$(nproc)-core $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1), $(. /etc/os-release && echo "$PRETTY_NAME"), TorchSharp-cpu 0.107.0"
dotnet "$bin/SuperConvergence.Search.Benchmarks.dll" assemble "$here/table-spec.yaml" "$here/results/table-journal.jsonl" "$here/table/fashion-mnist-mlp.json" \
  --commit "$(git -C "$repo" rev-parse --short HEAD)" --machine "$machine" --date "$(date -u +%Y-%m-%d)" --command "bench/search/make-table.sh"
