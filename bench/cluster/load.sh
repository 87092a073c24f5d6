#!/usr/bin/env bash
# Query load during a large sweep (docs/benchmarks.md, "Load"): a silo (both roles, embedded SQLite storage, 16 slots)
# runs bench/cluster/load.yaml twice, each time on a fresh data dir: once alone, once while CLIENTS Orleans clients
# ask it for the best ten and for a status page as fast as it answers, for SECONDS (bench/SuperConvergence.Load.
# Benchmarks prints their latency percentiles and failures). Prints both sweeps' wall times against the minimum.
#   bench/cluster/load.sh [CLIENTS 50] [SECONDS 60]
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
clients=${1:-50}
seconds=${2:-60}
spec=$repo/bench/cluster/load.yaml
minimum=62.5
bin=$(mktemp -d)
trap 'stop_silo; rm -rf "$bin"' EXIT
dotnet build "$repo/src/SuperConvergence.Cli/SuperConvergence.Cli.csproj" -c Release -v q -nologo -o "$bin/sc" >&2
dotnet build "$repo/bench/SuperConvergence.Load.Benchmarks" -c Release -v q -nologo -o "$bin/load" >&2
export NO_COLOR=1
ports=(12211 31100 18180)
export SC_GATEWAY=127.0.0.1:${ports[1]}

silo_pid=
start_silo() {
  dotnet "$bin/sc/sc.dll" silo --role all --slots 16 --data-dir "$1" --name load --silo-port "${ports[0]}" \
    --gateway-port "${ports[1]}" --http-port "${ports[2]}" >>"$1/silo.log" 2>&1 &
  silo_pid=$!
  for _ in $(seq 1 120); do
    curl -sf "http://127.0.0.1:${ports[2]}/readyz" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  echo "silo did not become ready; log: $1/silo.log" >&2
  exit 1
}
stop_silo() { [ -z "$silo_pid" ] || { kill -TERM "$silo_pid" 2>/dev/null || true; wait "$silo_pid" 2>/dev/null || true; silo_pid=; }; }

# Runs the sweep on a fresh silo; with "load", also the clients. Prints the wall time (finishedAt - createdAt).
sweep() {
  local data sweep_id state
  data=$(mktemp -d)
  start_silo "$data"
  sweep_id=$(dotnet "$bin/sc/sc.dll" sweep submit "$spec" --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["sweepId"])')
  if [ "${1:-}" = load ]; then
    dotnet "$bin/load/SuperConvergence.Load.Benchmarks.dll" "$SC_GATEWAY" "$sweep_id" "$clients" "$seconds" >"$data/load.json" || true
    cat "$data/load.json" >&2
  fi
  while :; do
    state=$(dotnet "$bin/sc/sc.dll" sweep status "$sweep_id" --limit 0 --format json)
    echo "$state" | python3 -c 'import json,sys; sys.exit(0 if json.load(sys.stdin)["state"] in ("completed","failed") else 1)' && break
    sleep 2
  done
  echo "$state" | python3 -c "
import json, sys, datetime
s = json.load(sys.stdin); p = lambda t: datetime.datetime.fromisoformat(t.replace('Z', '+00:00'))
w = (p(s['finishedAt']) - p(s['createdAt'])).total_seconds()
print('%s: %s, %d trials, wall %.2f s, %+.2f %% over the minimum of $minimum s' % ('$1' or 'alone', s['state'], s['totalTrials'], w, (w / $minimum - 1) * 100))"
  stop_silo
  rm -rf "$data"
}

sweep alone
sweep load
