#!/usr/bin/env bash
# The 100,000-trial benchmark of docs/benchmarks.md: one silo (both roles, embedded SQLite storage, 64 slots) runs
# bench/cluster/scale.yaml; while it runs and after, this times `sc sweep best`, `sc sweep status` (one page) and
# the queries of one `sc sweep watch` refresh, and samples the silo's resident memory. Then it restarts the silo
# and times the same queries against the cold coordinator.
#   bench/cluster/scale.sh [SPEC] [SAMPLE_EVERY_SECONDS]
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
spec=${1:-$repo/bench/cluster/scale.yaml}
every=${2:-30}
sc="$repo/sc"
data=$(mktemp -d)
gateway_port=31000
silo_port=12111
http_port=18080
export SC_GATEWAY=127.0.0.1:$gateway_port
export NO_COLOR=1

silo_pid=
start_silo() {
  "$sc" silo --role all --slots 64 --data-dir "$data" --name scale --silo-port $silo_port \
    --gateway-port $gateway_port --http-port $http_port >>"$data/silo.log" 2>&1 &
  silo_pid=$!
  for _ in $(seq 1 120); do
    curl -sf "http://127.0.0.1:$http_port/readyz" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  echo "silo did not become ready; log: $data/silo.log" >&2
  exit 1
}
stop_silo() { kill -TERM "$silo_pid" 2>/dev/null || true; wait "$silo_pid" 2>/dev/null || true; }
trap stop_silo EXIT

# Seconds a command takes, best of three (the first run of each also warms the client's code).
timed() {
  local best=
  for _ in 1 2 3; do
    local start end
    start=$(date +%s.%N)
    "$@" >/dev/null
    end=$(date +%s.%N)
    best=$(echo "$start $end ${best:-999}" | awk '{d=$2-$1; print (d<$3)?d:$3}')
  done
  echo "$best"
}

rss_mb() { awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$1/status"; }

"$sc" --help >/dev/null   # builds once, outside the timings
start_silo
sweep=$("$sc" sweep submit "$spec" --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["sweepId"])')
echo "sweep $sweep on $(nproc) cores; data in $data"
printf '| when | trials created | finished | silo RSS (MB) | best --top 10 (s) | status, one page (s) | watch refresh (s) |\n'
printf '| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n'
started=$(date +%s)
sample() {
  local label=$1 pid status created finished
  pid=$silo_pid   # ./sc execs dotnet: the background job is the silo process itself
  status=$("$sc" sweep status "$sweep" --limit 0 --format json)
  created=$(echo "$status" | python3 -c 'import json,sys; print(json.load(sys.stdin)["totalTrials"])')
  finished=$(echo "$status" | python3 -c 'import json,sys; c=json.load(sys.stdin)["counts"]; print(sum(v for k,v in c.items() if k not in ("pending","running")))')
  printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$label" "$created" "$finished" "$(rss_mb "$pid")" \
    "$(timed "$sc" sweep best "$sweep" --top 10 --format json)" \
    "$(timed "$sc" sweep status "$sweep" --offset "$((created > 100 ? created - 100 : 0))" --limit 100 --format json)" \
    "$(timed "$sc" sweep watch "$sweep" --once)"
}
while :; do
  state=$("$sc" sweep status "$sweep" --limit 0 --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["state"])')
  [ "$state" = running ] || break
  sample "running, $(( $(date +%s) - started )) s"
  sleep "$every"
done
ended=$(date +%s)
sample "finished ($(( ended - started )) s)"
stop_silo
start_silo
sample "after a silo restart"
"$sc" sweep status "$sweep" --limit 0 --format json > "$data/final-status.json"
echo "final status: $data/final-status.json"
