#!/usr/bin/env bash
# Fixed-time afl++ fuzzing of the readers of untrusted input (docs/fuzzing.md).
#
#   build/fuzz/run.sh TARGET SECONDS     one target: spec, curve, dataset or checkpoint
#   build/fuzz/run.sh all SECONDS        the four at once, each for SECONDS
#   build/fuzz/run.sh spec,curve SECONDS  a comma-separated choice, at once
#
# Installs afl++ (Debian) and the sharpfuzz tool when missing, builds fuzz/SuperConvergence.Fuzz, instruments a
# hard-linked copy of its output (the build's own files stay uninstrumented), runs afl-fuzz under `nice -n 19` from
# the seed corpus in fuzz/corpus/TARGET, then prints executions, paths and crashes from afl's fuzzer_stats and
# replays every crash and hang through the harness so the exception shows. Exits 1 when any target found something.
#
# SC_FUZZ_WORK (default artifacts/fuzz) holds the instrumented build and afl's output (TARGET/out).
# SC_FUZZ_NO_BUILD=1 reuses the instrumented build already there.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
targets=(spec curve dataset checkpoint)
target="${1:-}"
seconds="${2:-}"
if [[ -z "$target" || ! "$seconds" =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: build/fuzz/run.sh TARGET[,TARGET...]|all SECONDS   (TARGET: ${targets[*]})" >&2
  exit 2
fi
if [[ "$target" == all ]]; then
  selected=("${targets[@]}")
else
  IFS=, read -r -a selected <<<"$target"
  for name in "${selected[@]}"; do
    if [[ " ${targets[*]} " != *" $name "* ]]; then
      echo "TARGET: '$name' is not a fuzz target (${targets[*]} or all)" >&2
      exit 2
    fi
  done
fi

work="${SC_FUZZ_WORK:-$repo/artifacts/fuzz}"
tools="$work/tools"
bin="$work/bin"
# Replays run the uninstrumented build: instrumented code outside afl has no shared memory to write its trace to.
plain="$repo/fuzz/SuperConvergence.Fuzz/bin/Release/net10.0"
# The assemblies whose branches afl sees: ours and the YAML parser the spec reader trusts.
instrumented=(SuperConvergence.Core.dll SuperConvergence.Specs.dll SuperConvergence.Training.dll sc.dll YamlDotNet.dll)

ensure_tools() {
  if ! command -v afl-fuzz >/dev/null; then
    echo "installing afl++" >&2
    apt-get install -y afl++ >/dev/null
  fi
  if [[ ! -x "$tools/sharpfuzz" ]]; then
    dotnet tool install SharpFuzz.CommandLine --version 2.3.0 --tool-path "$tools" >/dev/null
  fi
}

build_instrumented() {
  local output="$plain"
  dotnet build "$repo/fuzz/SuperConvergence.Fuzz" -c Release -nologo -v q
  rm -rf "$bin"
  mkdir -p "$work"
  # runtimes/ (1.6 GB of native libtorch) is hard-linked, never written; the managed files are copied, so a rebuild
  # while afl runs cannot change what it runs, and instrumenting them leaves the build's own files alone.
  mkdir -p "$bin"
  cp -al "$output/runtimes" "$bin/runtimes"
  find "$output" -maxdepth 1 -type f -exec cp -t "$bin" {} +
  for assembly in "${instrumented[@]}"; do
    "$tools/sharpfuzz" "$bin/$assembly" >/dev/null
  done
}

fuzz_one() {
  local name="$1" out="$work/$1/out"
  rm -rf "$out"
  mkdir -p "$out"
  # No affinity: four instances share two cores with other work. The CPU-frequency and core-pattern checks are for
  # dedicated fuzzing boxes; the harness reports crashes as exceptions, not core dumps.
  AFL_SKIP_BIN_CHECK=1 AFL_NO_AFFINITY=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1 \
    nice -n 19 afl-fuzz -V "$seconds" -t 5000 -m none -i "$repo/fuzz/corpus/$name" -o "$out" \
    -- dotnet "$bin/SuperConvergence.Fuzz.dll" "$name" >"$work/$name/afl.log" 2>&1
}

stat_of() { sed -n "s/^$2 *: //p" "$1"; }

report() {
  local name="$1" stats="$work/$1/out/default/fuzzer_stats" found=0
  if [[ ! -f "$stats" ]]; then
    echo "$name: afl did not start; see $work/$name/afl.log" >&2
    tail -n 20 "$work/$name/afl.log" >&2
    return 1
  fi
  printf '%-11s run_time %ss  execs %s  exec/s %s  paths %s  crashes %s  hangs %s  coverage %s\n' "$name" \
    "$(stat_of "$stats" run_time)" "$(stat_of "$stats" execs_done)" "$(stat_of "$stats" execs_per_sec)" \
    "$(stat_of "$stats" corpus_count)" "$(stat_of "$stats" saved_crashes)" "$(stat_of "$stats" saved_hangs)" \
    "$(stat_of "$stats" bitmap_cvg)"
  local finding
  for finding in "$work/$name/out/default/crashes/"id:* "$work/$name/out/default/hangs/"id:*; do
    [[ -e "$finding" ]] || continue
    found=1
    timeout 60 dotnet "$plain/SuperConvergence.Fuzz.dll" "$name" --replay "$finding" | head -n 8 || true
  done
  return "$found"
}

ensure_tools
if [[ "${SC_FUZZ_NO_BUILD:-}" != 1 ]]; then
  build_instrumented
fi
for name in "${selected[@]}"; do
  mkdir -p "$work/$name"
  fuzz_one "$name" &
done
wait
status=0
for name in "${selected[@]}"; do
  report "$name" || status=1
done
exit "$status"
