#!/usr/bin/env bash
# Where a simulated sweep's wall time went, from the store it left (bench/cluster/overhead.sh with SC_KEEP_DATA=1):
# when its trials started and how long each ran, counted from the sweep's creation, and how long the sweep took to
# end after its last trial.
#
#   bench/cluster/trial-times.sh DATA_DIR            # DATA_DIR holds status.json (the run's final status) and the store
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
data=$1
SC_BIN=${SC_BIN:-"$repo/sc"} python3 - "$data" <<'PY'
import datetime, json, os, shlex, subprocess, sys
data = sys.argv[1]
sc = shlex.split(os.environ["SC_BIN"])
parse = lambda t: datetime.datetime.fromisoformat(t.replace("Z", "+00:00"))
status = json.load(open(os.path.join(data, "status.json")))
created, finished = parse(status["createdAt"]), parse(status["finishedAt"])
def run(*args):
    return json.loads(subprocess.run(sc + list(args) + ["--data-dir", data, "--format", "json"], capture_output=True, text=True, check=True).stdout)
ids = [t["trialId"] for t in run("sweep", "export", status["sweepId"])]
starts, durations, ends = [], [], []
for trial_id in ids:
    t = run("trial", "show", trial_id)
    start, end = (parse(t["startedAt"]) - created).total_seconds(), (parse(t["finishedAt"]) - created).total_seconds()
    starts.append(start); ends.append(end); durations.append(end - start)
durations.sort()
wall = (finished - created).total_seconds()
print("wall %.3f s; trials start %.3f-%.3f s; run %.3f-%.3f s (median %.3f); last ends %.3f s; sweep ends %.3f s later"
      % (wall, min(starts), max(starts), durations[0], durations[-1], durations[len(durations) // 2], max(ends), wall - max(ends)))
PY
