# Sourced by ./test.sh: makes Debian's Chromium available to the tests that open a silo's web pages headless
# (SC_TEST_CHROMIUM names the binary).
# shellcheck shell=bash

sc_chromium_prepare() {
  local bin
  bin=$(command -v chromium || true)
  if [ -z "$bin" ]; then
    echo "installing Chromium (Debian package chromium)…" >&2
    sc_apt_install chromium || return 1
    bin=$(command -v chromium) || { echo "error: chromium installed but not on PATH" >&2; return 1; }
  fi
  export SC_TEST_CHROMIUM="$bin"
  echo "$("$bin" --version 2>/dev/null | head -1) at $bin" >&2
}
