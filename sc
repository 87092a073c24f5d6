#!/usr/bin/env bash
# The `sc` console, from a checkout: builds it in Release on first use and whenever sources change.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
out="$repo/artifacts/sc"
stamp="$out/.built"

# shellcheck source=build/scripts/prerequisites.sh
source "$repo/build/scripts/prerequisites.sh"

needs_build() {
  [ -f "$stamp" ] || return 0
  [ -n "$(find "$repo/src" "$repo/build" "$repo"/Directory.*.props "$repo"/Directory.*.targets \
        \( -name '*.cs' -o -name '*.csproj' -o -name '*.props' -o -name '*.targets' -o -name '*.sh' -o -name '*.cpp' -o -name '*.c' -o -name '*.sql' -o -name '*.json' \) \
        -newer "$stamp" -not -path '*/bin/*' -not -path '*/obj/*' -print -quit 2>/dev/null)" ]
}

if needs_build; then
  sc_ensure_build_prerequisites
  mkdir -p "$out"
  log="$out/build.log"
  echo "building sc (Release)…" >&2
  if ! dotnet build "$repo/src/SuperConvergence.Cli/SuperConvergence.Cli.csproj" -c Release -o "$out" -nologo -v q >"$log" 2>&1; then
    grep -E "error|Error" "$log" | sort -u | head -20 >&2
    echo "error: building sc failed; full log: $log" >&2
    exit 1
  fi
  touch "$stamp"
fi

exec dotnet "$out/sc.dll" "$@"
