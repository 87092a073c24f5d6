#!/usr/bin/env bash
# The evidence of docs/paper.md: two findings of Smith & Topin's "Super-Convergence" reproduced on our own trainer.
#
#   bench/paper/run.sh [PHASE…]      phases: rangetest tune super lessdata report (default: all, in that order)
#
# The MLP (--model mlp) on Fashion-MNIST (sc data get's split), batch 128, weight decay 5e-4, the test set evaluated
# after every epoch (all 10,000 images; lessdata: the first 2,000). 1cycle: PyTorch OneCycleLR's defaults (momentum
# 0.95 → 0.85); the conventional schedule: multistep (×0.1 at 50 % and 75 % of the run) at a constant momentum of 0.9.
#   rangetest  sc rangetest run on the first 10,000 training images (exponential ramp 1e-4 … 10, 400 iterations,
#              seed 1): its recommended max LR is 1cycle's max LR everywhere below (results/rangetest)
#   tune       the conventional schedule for 48 epochs on the same 10,000 images at four LRs (seed 1); the one with
#              the best final test accuracy is the tuned one (results/super/multistep-n10000-lrLR-s1.json)
#   super      finding 1: the tuned conventional schedule at seeds 2 and 3, and 1cycle at the recommendation for
#              cycles of 3, 6, 12, 18 and 24 epochs, seeds 1-3 (results/super)
#   lessdata   finding 2: both schedules (the same two LRs) on the first 1,250, 2,500, 5,000 and 10,000 training
#              images for about 800 iterations each (80, 40, 20 and 10 epochs), seeds 1 and 2, evaluated on the first
#              2,000 test images (results/less-data)
#   report     bench/SuperConvergence.Paper.Evidence: results/paper.json, docs/paper.md and its two PNGs
#
# Every step is skipped when its output exists, so an interrupted run resumes where it stopped; delete a file to redo
# it. SC_BIN picks the console (default ./sc; a frozen build keeps a long run independent of edits to src/).
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
here="$repo/bench/paper"
results="$here/results"
read -r -a sc <<<"${SC_BIN:-$repo/sc}"
common=(--dataset fashion-mnist --model mlp --batch-size 128 --weight-decay 5e-4 --device cpu)
train_images=10000
candidates=(0.01 0.03 0.1 0.3)
conventional_epochs=48
cycles=(3 6 12 18 24)
seeds=(1 2 3)
sizes=(1250 2500 5000 10000)
lessdata_iterations=800
# Evaluated after every epoch, and the small sets run many epochs: the first 2,000 test images keep that affordable.
lessdata_test_images=2000
lessdata_seeds=(1 2)
phases=("$@")
[ ${#phases[@]} -gt 0 ] || phases=(rangetest tune super lessdata report)
export NO_COLOR=1

log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

# The final test accuracy of an sc train summary (its first "testAccuracy"; empty when the run diverged).
final_accuracy() { grep -o '"testAccuracy":[0-9.eE+-]*' "$1" | head -n 1 | cut -d: -f2; }

train() { # out, then sc train's own options
  local out=$1
  shift
  [ -s "$out" ] && return 0
  log "train $(basename "$out" .json): $*"
  "${sc[@]}" train "${common[@]}" "$@" 2>/dev/null | tail -n 1 >"$out.tmp"
  mv "$out.tmp" "$out"
}

recommended_lr() {
  local analysis="$results/rangetest/mlp-n$train_images-s1.json"
  [ -s "$analysis" ] || { echo "error: $analysis is missing: run the rangetest phase first" >&2; exit 1; }
  # The JSON is indented: the maxLr line that follows "recommended".
  sed -n '/"recommended"/,/}/p' "$analysis" | grep -o '"maxLr": *[0-9.eE+-]*' | sed 's/.*: *//'
}

# The candidate whose seed-1 run ended with the best test accuracy.
tuned_lr() {
  local best="" best_accuracy=-1 lr accuracy
  for lr in "${candidates[@]}"; do
    local file="$results/super/multistep-n$train_images-lr$lr-s1.json"
    [ -s "$file" ] || { echo "error: $file is missing: run the tune phase first" >&2; exit 1; }
    accuracy=$(final_accuracy "$file")
    [ -n "$accuracy" ] || continue
    if awk -v a="$accuracy" -v b="$best_accuracy" 'BEGIN { exit !(a > b) }'; then
      best=$lr
      best_accuracy=$accuracy
    fi
  done
  [ -n "$best" ] || { echo "error: every conventional candidate diverged" >&2; exit 1; }
  echo "$best"
}

rangetest() {
  mkdir -p "$results/rangetest"
  local out="$results/rangetest/mlp-n$train_images-s1"
  [ -s "$out.json" ] && return 0
  log "range test on $train_images images"
  "${sc[@]}" rangetest run "${common[@]}" --train-subset $train_images --mode exp --start-lr 1e-4 --end-lr 10 \
    --iterations 400 --momentum 0.9 --seed 1 --out "$out.csv" --format json >"$out.json.tmp"
  mv "$out.json.tmp" "$out.json"
}

tune() {
  mkdir -p "$results/super"
  for lr in "${candidates[@]}"; do
    train "$results/super/multistep-n$train_images-lr$lr-s1.json" --train-subset $train_images --policy multistep --max-lr "$lr" \
      --momentum-range 0.9,0.9 --epochs $conventional_epochs --seed 1
  done
}

super() {
  local max_lr tuned
  max_lr=$(recommended_lr)
  tuned=$(tuned_lr)
  log "1cycle max LR $max_lr (range test), conventional LR $tuned (tuned)"
  for seed in "${seeds[@]}"; do
    train "$results/super/multistep-n$train_images-lr$tuned-s$seed.json" --train-subset $train_images --policy multistep \
      --max-lr "$tuned" --momentum-range 0.9,0.9 --epochs $conventional_epochs --seed "$seed"
  done
  for epochs in "${cycles[@]}"; do
    for seed in "${seeds[@]}"; do
      train "$results/super/onecycle-n$train_images-e$epochs-s$seed.json" --train-subset $train_images --policy onecycle \
        --max-lr "$max_lr" --epochs "$epochs" --seed "$seed"
    done
  done
}

lessdata() {
  mkdir -p "$results/less-data"
  local max_lr tuned
  max_lr=$(recommended_lr)
  tuned=$(tuned_lr)
  # Every size at seed 1 first: an interrupted run has one whole seed.
  for seed in "${lessdata_seeds[@]}"; do
    for n in "${sizes[@]}"; do
      # The same number of iterations at every size: epochs × ⌈n / 128⌉ ≈ lessdata_iterations.
      local steps=$(((n + 127) / 128))
      local epochs=$((lessdata_iterations / steps))
      train "$results/less-data/onecycle-n$n-s$seed.json" --train-subset "$n" --test-subset $lessdata_test_images \
        --policy onecycle --max-lr "$max_lr" --epochs $epochs --seed "$seed"
      train "$results/less-data/multistep-n$n-s$seed.json" --train-subset "$n" --test-subset $lessdata_test_images \
        --policy multistep --max-lr "$tuned" --momentum-range 0.9,0.9 --epochs $epochs --seed "$seed"
    done
  done
}

report() {
  dotnet run -c Release --project "$repo/bench/SuperConvergence.Paper.Evidence" -- "$results" "$repo/docs"
}

for phase in "${phases[@]}"; do
  case $phase in
    rangetest | tune | super | lessdata | report) "$phase" ;;
    *) echo "error: phase: '$phase' must be rangetest, tune, super, lessdata or report" >&2; exit 2 ;;
  esac
done
