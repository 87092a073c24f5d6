#!/usr/bin/env bash
# Makes TorchSharp's native library load on hosts whose libstdc++ predates GLIBCXX_3.4.32 (Debian 12).
# libLibTorchSharp.so needs that version for one symbol only, std::ios_base_library_init(). In every
# copy of the library below DIR (build or publish output, never the NuGet cache) this script
#   1. marks the GLIBCXX_3.4.32 version requirement weak,
#   2. clears that symbol's version,
#   3. adds a tiny library that defines the symbol as a DT_NEEDED entry, placed beside it.
# On a host whose libstdc++ has GLIBCXX_3.4.32 it does nothing. It is idempotent.
#
# usage: build/torchsharp/patch-libtorchsharp.sh DIR
set -euo pipefail

dir=${1:?usage: patch-libtorchsharp.sh DIR}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
tools="$repo/artifacts/torchsharp-fix"
shim_name=libsc_glibcxx_shim.so
symbol=_ZSt21ios_base_library_initv
needed_version=GLIBCXX_3.4.32

host_libstdcxx() {
  local path
  path=$(ldconfig -p 2>/dev/null | awk '/libstdc\+\+\.so\.6 .*x86-64/ {print $NF; exit}')
  [ -n "$path" ] || path=$(g++ -print-file-name=libstdc++.so.6 2>/dev/null || true)
  echo "$path"
}

libstdcxx=$(host_libstdcxx)
if [ -n "$libstdcxx" ] && [ -f "$libstdcxx" ] && grep -q "$needed_version" "$libstdcxx"; then
  exit 0
fi

mapfile -t libs < <(find "$dir" -maxdepth 5 -name libLibTorchSharp.so -type f 2>/dev/null)
[ "${#libs[@]}" -gt 0 ] || exit 0

missing=()
command -v patchelf >/dev/null || missing+=(patchelf)
command -v g++ >/dev/null || missing+=(g++)
command -v gcc >/dev/null || missing+=(gcc)
if [ "${#missing[@]}" -gt 0 ]; then
  echo "error: TorchSharp needs ${needed_version}, which this host's libstdc++ lacks; patching it needs: ${missing[*]}." >&2
  echo "error: install them with: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi

# Build the helper tools once, under a lock: several projects may build in parallel.
mkdir -p "$tools"
exec 9>"$tools/.lock"
flock 9
if [ ! -x "$tools/verneed_weak" ] || [ "$here/verneed_weak.c" -nt "$tools/verneed_weak" ]; then
  gcc -O2 -Wall -o "$tools/verneed_weak.tmp" "$here/verneed_weak.c"
  mv "$tools/verneed_weak.tmp" "$tools/verneed_weak"
fi
if [ ! -f "$tools/$shim_name" ] || [ "$here/glibcxx_shim.cpp" -nt "$tools/$shim_name" ]; then
  g++ -O2 -shared -fPIC -Wl,-soname,"$shim_name" -o "$tools/$shim_name.tmp" "$here/glibcxx_shim.cpp"
  mv "$tools/$shim_name.tmp" "$tools/$shim_name"
fi

for lib in "${libs[@]}"; do
  libdir=$(dirname "$lib")
  cp -f "$tools/$shim_name" "$libdir/$shim_name"
  if patchelf --print-needed "$lib" | grep -qx "$shim_name"; then
    continue
  fi
  "$tools/verneed_weak" "$lib" "$needed_version"
  patchelf --clear-symbol-version "$symbol" "$lib"
  patchelf --add-needed "$shim_name" "$lib"
  echo "patched $lib for a libstdc++ without $needed_version"
done
