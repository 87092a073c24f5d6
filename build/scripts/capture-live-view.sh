#!/usr/bin/env bash
# Runs a sweep's live view in a real terminal (tmux, 140×45) and captures the screen twice: while the sweep runs and
# when it has finished. It checks what a person would see: the live table while running (once a trial shows its latest
# epoch), the best-config table at the end. Used for the README's screen capture; needs tmux (apt-get install tmux).
#
# usage: build/scripts/capture-live-view.sh [SPEC] [OUT_DIR]
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
spec=${1:-$repo/examples/simulated-slow-epochs.yaml}
out=${2:-$repo/artifacts/live-view}
session="sc-live-$$"
mkdir -p "$out"
command -v tmux >/dev/null || { echo "error: tmux is required: apt-get install -y tmux" >&2; exit 1; }

"$repo/sc" --help >/dev/null # build first, outside the captured terminal
data=$(mktemp -d)
trap 'tmux kill-session -t "$session" 2>/dev/null || true; rm -rf "$data"' EXIT
tmux new-session -d -s "$session" -x 140 -y 45 "SC_DATA=$data $repo/sc sweep run $spec; echo '[sweep finished]'; sleep 600"

wait_for() { # wait_for TEXT SECONDS
  for _ in $(seq 1 $(($2 * 4))); do
    if tmux capture-pane -p -t "$session" | grep -q "$1"; then return 0; fi
    sleep 0.25
  done
  echo "error: '$1' did not appear on the screen within $2 s" >&2
  tmux capture-pane -p -t "$session" >&2
  return 1
}

wait_for "active trials" 120
# A trial that has recorded an epoch shows a filled bar and its latest losses and accuracy: capture one of those.
wait_for "█" 120
tmux capture-pane -p -t "$session" > "$out/running.txt"
wait_for "\[sweep finished\]" 600
tmux capture-pane -p -t "$session" > "$out/finished.txt"
grep -q "best configurations" "$out/finished.txt" || { echo "error: no best-config table at the end" >&2; exit 1; }
echo "captured $out/running.txt and $out/finished.txt"
