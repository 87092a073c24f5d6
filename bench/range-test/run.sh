#!/usr/bin/env bash
# The evidence of docs/range-test.md: does the range test's recommendation depend on the test's length, and does
# 1cycle at the recommendation train as well as the best max LR of a grid?
#
#   bench/range-test/run.sh [PHASE…]      phases: curves grid recommended report (default: all, in that order)
#
# Fashion-MNIST (sc data get's split), batch 256, weight decay 5e-4, SGD momentum 0.9 for the range tests, seeds 1-3.
#   curves       range tests of 100, 200, 400 and 1,000 iterations, exponential (1e-4 … 10) and linear (1e-3 … 3)
#                ramps, three seeds each, for resnet-small and the MLP; every curve kept as CSV under results/curves
#   grid         1cycle for 5 epochs at six log-spaced max LRs from 0.05 to 5 (each sc train JSON under results/grid)
#   recommended  sc rangetest analyze on every curve (results/analysis, key,value CSV), the median recommendation of the three seeds of
#                each (model, ramp, length), and 1cycle for 5 epochs at it (results/recommended)
#   report       bench/SuperConvergence.RangeTest.Evidence: docs/range-test-evidence.md (tables) and docs/img/range-test-evidence.png from all of the above
#
# Every step is skipped when its output exists, so an interrupted run resumes where it stopped; delete a file to redo
# it. SC_BIN picks the console (default ./sc; a frozen build keeps a long run independent of edits to src/).
# Filter with MODELS="resnet-small" RAMPS="exp" LENGTHS="200 400" to run a part.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
here="$repo/bench/range-test"
results="$here/results"
read -r -a sc <<<"${SC_BIN:-$repo/sc}"
models=(${MODELS:-resnet-small mlp})
ramps=(${RAMPS:-exp linear})
lengths=(${LENGTHS:-200 400 1000 100})
seeds=(${SEEDS:-1 2 3})
# Six log-spaced max LRs from 0.05 to 5, the likely best first (an interrupted run has the informative ones).
grid=(0.31547867224009668 0.79244659623055657 0.12559432157547901 1.9905358527674862 0.05 5)
epochs=5
common=(--dataset fashion-mnist --batch-size 256 --weight-decay 5e-4 --device cpu)
phases=("$@")
[ ${#phases[@]} -gt 0 ] || phases=(curves grid recommended report)
export NO_COLOR=1

log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

span_of() {
  case $1 in
    exp) echo "--mode exp --start-lr 1e-4 --end-lr 10" ;;
    linear) echo "--mode linear --start-lr 1e-3 --end-lr 3" ;;
  esac
}

curves() {
  mkdir -p "$results/curves"
  for model in "${models[@]}"; do
    for ramp in "${ramps[@]}"; do
      for seed in "${seeds[@]}"; do
        for n in "${lengths[@]}"; do
          local out="$results/curves/$model-$ramp-$n-s$seed.csv"
          [ -s "$out" ] && continue
          log "range test $model $ramp $n iterations seed $seed"
          # shellcheck disable=SC2046
          "${sc[@]}" rangetest run --model "$model" "${common[@]}" $(span_of "$ramp") --iterations "$n" --seed "$seed" \
            --momentum 0.9 --out "$out.tmp" --format json >/dev/null
          mv "$out.tmp" "$out"
        done
      done
    done
  done
}

train_onecycle() { # model max-lr out
  [ -s "$3" ] && return 0
  # The same model at the same max LR (seed 1) trains to the same result: reuse a run already recorded.
  local same
  same=$(grep -l -F "\"model\":\"$1\",\"policy\":\"onecycle\",\"maxLr\":$2," "$results"/grid/*.json "$results"/recommended/*.json 2>/dev/null | head -n 1 || true)
  if [ -n "$same" ]; then
    log "1cycle $1 at max LR $2: already recorded in $(basename "$same")"
    cp "$same" "$3"
    return 0
  fi
  log "1cycle $1 at max LR $2 for $epochs epochs"
  "${sc[@]}" train --model "$1" "${common[@]}" --policy onecycle --max-lr "$2" --epochs $epochs --seed 1 2>/dev/null \
    | tail -n 1 >"$3.tmp"
  mv "$3.tmp" "$3"
}

grid() {
  mkdir -p "$results/grid"
  for model in "${models[@]}"; do
    for lr in "${grid[@]}"; do
      train_onecycle "$model" "$lr" "$results/grid/$model-$(printf '%.4g' "$lr").json"
    done
  done
}

recommended() {
  mkdir -p "$results/analysis" "$results/recommended"
  for curve in "$results"/curves/*.csv; do
    local name
    name=$(basename "$curve" .csv)
    "${sc[@]}" rangetest analyze "$curve" --format csv >"$results/analysis/$name.csv"
  done
  for model in "${models[@]}"; do
    for ramp in "${ramps[@]}"; do
      for n in "${lengths[@]}"; do
        local files=()
        for seed in "${seeds[@]}"; do files+=("$results/analysis/$model-$ramp-$n-s$seed.csv"); done
        # The median of the seeds' recommendations (three seeds: the middle one).
        local lr
        lr=$(grep -h '^recommended.maxLr,' "${files[@]}" | cut -d, -f2 | sort -g | sed -n "$(((${#files[@]} + 1) / 2))p")
        train_onecycle "$model" "$lr" "$results/recommended/$model-$ramp-$n.json"
      done
    done
  done
}

report() {
  dotnet run -c Release --project "$repo/bench/SuperConvergence.RangeTest.Evidence" -- "$results" "$repo/docs"
}

for phase in "${phases[@]}"; do
  case $phase in
    curves | grid | recommended | report) "$phase" ;;
    *) echo "error: phase: '$phase' must be curves, grid, recommended or report" >&2; exit 2 ;;
  esac
done
