#!/usr/bin/env bash
# Preemption of a training worker with real processes (docs/benchmarks.md, "Preemption: SIGTERM against SIGKILL"):
# a coordinator silo and two worker silos of one slot each on a throwaway PostgreSQL. Each repetition submits a sweep
# of one simulated trial (6 epochs of EPOCH_SECONDS, 100 steps each); once the trial has run 2.5 epochs, the worker
# running it gets the signal (SIGTERM, then in the next repetition SIGKILL) and the trial resumes on the other worker;
# the signalled worker is then replaced by a fresh one. Per run it prints the seconds from the signal to the worker's
# exit, where the first attempt had got to (steps since the attempt started, from the clock: elapsed / EPOCH_SECONDS x 100,
# a step or two high for the attempt's start-up), where the second attempt resumed (resumedFromEpoch x 100 +
# resumedFromStep) and the difference: the steps trained again. Then the medians per signal.
#
#   bench/faults/preemption.sh [REPETITIONS] [EPOCH_SECONDS]     # defaults 5 and 4
set -uo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$repo"
repetitions=${1:-5}
epoch_seconds=${2:-4}
# shellcheck source=build/scripts/prerequisites.sh
source build/scripts/prerequisites.sh
# shellcheck source=build/test/postgres.sh
source build/test/postgres.sh
sc_ensure_build_prerequisites || exit 1
dotnet build src/SuperConvergence.Cli -c Release -nologo -v q >/dev/null || { echo "build failed" >&2; exit 1; }
sc_postgres_start || exit 1
work=$(mktemp -d /tmp/sc-preemption.XXXXXX)
declare -A pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -KILL "$pid" 2>/dev/null; done
  sc_postgres_stop
  rm -rf "$work"
}
trap cleanup EXIT
export SC_DATA="$work/data" NO_COLOR=1
# An `sc` query or submit, tried again while a busy machine makes it miss its deadline to reach the cluster.
sc() {
  local try
  for try in 1 2 3 4 5; do
    dotnet src/SuperConvergence.Cli/bin/Release/net10.0/sc.dll "$@" --postgres "$SC_TEST_POSTGRES" 2>>"$work/sc.log" && return 0
    sleep 1
  done
  echo "sc $*: failed 5 times (see below)" >&2
  tail -5 "$work/sc.log" >&2
  exit 1
}
next_port=$((20000 + RANDOM % 20000))

# Starts a silo named $2 with role $1 and waits until it is a ready cluster member.
start_silo() {
  local role=$1 name=$2 silo=$next_port gateway=$((next_port + 1)) http=$((next_port + 2))
  next_port=$((next_port + 3))
  dotnet src/SuperConvergence.Cli/bin/Release/net10.0/sc.dll silo --role "$role" --name "$name" --slots 1 --lease-timeout 3 \
    --postgres "$SC_TEST_POSTGRES" --silo-port "$silo" --gateway-port "$gateway" --http-port "$http" --data-dir "$work/$name" \
    >"$work/$name.log" 2>&1 &
  pids[$name]=$!
  disown "$!" # killed on purpose: no job notices
  for _ in $(seq 1 300); do
    curl -fs "http://127.0.0.1:$http/readyz" >/dev/null && return 0
    running "${pids[$name]}" || { echo "silo $name exited:" >&2; tail -20 "$work/$name.log" >&2; exit 1; }
    sleep 0.5
  done
  echo "silo $name not ready" >&2
  exit 1
}

running() { [ -e "/proc/$1" ] && ! grep -q '^[0-9]* ([^)]*) Z' "/proc/$1/stat" 2>/dev/null; }
seconds() { date -d "$1" +%s.%N; }
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

start_silo coordinator coord
start_silo worker w0
start_silo worker w1
workers=2
printf '%-7s %-3s %8s %9s %8s %9s\n' signal run exit_s reached resumed repeated
for run in $(seq 1 "$repetitions"); do
  for signal in TERM KILL; do
    spec="$work/preempt-$run-$signal.yaml"
    cat >"$spec" <<YAML
name: preempt-$run-$(echo "$signal" | tr '[:upper:]' '[:lower:]')
dataset: synthetic
model: mlp
trainer: {kind: simulated, epochSeconds: $epoch_seconds}
searchSpace:
  maxLr: {min: 0.05, max: 1}
  weightDecay: [0.0001]
  batchSize: [128]
  cycleEpochs: [6]
strategy: random
budget: {trialEpochs: 6, maxTrials: 1}
maxConcurrentTrials: 1
seed: $run
YAML
    sweep=$(sc sweep submit "$spec" --format json | jq -r .sweepId) || exit 1
    trial="$sweep-000001"
    # Not found until the sweep has created it: asked once at a time, without the retries.
    until shown=$(dotnet src/SuperConvergence.Cli/bin/Release/net10.0/sc.dll trial show "$trial" --format json --postgres "$SC_TEST_POSTGRES" 2>>"$work/sc.log") \
      && [ "$(echo "$shown" | jq -r .state)" = running ]; do sleep 0.2; done
    worker=$(echo "$shown" | jq -r .worker)
    silo=${worker%/*}
    started=$(seconds "$(echo "$shown" | jq -r .startedAt)")
    # 2.5 epochs after the attempt started: half-way through epoch 3.
    strike=$(awk -v s="$started" -v e="$epoch_seconds" 'BEGIN { printf "%.3f", s + 2.5 * e }')
    if awk -v t="$strike" -v now="$(date +%s.%N)" 'BEGIN { exit !(now > t) }'; then
      echo "run $run SIG$signal: the machine was too slow to strike 2.5 epochs in; try a longer EPOCH_SECONDS" >&2
    fi
    sleep "$(awk -v t="$strike" -v now="$(date +%s.%N)" 'BEGIN { d = t - now; print (d > 0 ? d : 0) }')"
    signalled=$(date +%s.%N)
    kill "-$signal" "${pids[$silo]}"
    while running "${pids[$silo]}"; do sleep 0.02; done
    exited=$(date +%s.%N)
    unset "pids[$silo]"
    reached=$(awk -v a="$started" -v b="$signalled" -v e="$epoch_seconds" 'BEGIN { printf "%d", (b - a) / e * 100 }')
    until [ "$(sc sweep status "$sweep" --format json | jq -r .state)" = completed ]; do sleep 1; done
    shown=$(sc trial show "$trial" --format json) || exit 1
    resumed=$(echo "$shown" | jq -r '(.resumedFromEpoch // 0) * 100 + (.resumedFromStep // 0)')
    [ "$(echo "$shown" | jq -r .attempts)" = 2 ] || { echo "trial $trial: $(echo "$shown" | jq -c '{attempts, resumedFromEpoch, resumedFromStep}')" >&2; }
    exit_s=$(awk -v a="$signalled" -v b="$exited" 'BEGIN { printf "%.2f", b - a }')
    printf '%-7s %-3d %8s %9d %8d %9d\n' "SIG$signal" "$run" "$exit_s" "$reached" "$resumed" $((reached - resumed)) | tee -a "$work/results"
    workers=$((workers + 1))
    start_silo worker "w$workers"
  done
done
for signal in TERM KILL; do
  printf 'SIG%s medians over %d runs: %s s from the signal to exit, %s steps repeated\n' "$signal" "$repetitions" \
    "$(grep "^SIG$signal " "$work/results" | awk '{ print $3 }' | median)" \
    "$(grep "^SIG$signal " "$work/results" | awk '{ print $6 }' | median)"
done
