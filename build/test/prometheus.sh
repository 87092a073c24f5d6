# Sourced by ./test.sh: makes Debian's Prometheus server available to the tests, which start their own
# instances on free loopback ports (SC_TEST_PROMETHEUS names the binary).
# shellcheck shell=bash

sc_prometheus_prepare() {
  local bin
  bin=$(command -v prometheus || true)
  if [ -z "$bin" ]; then
    echo "installing Prometheus (Debian package prometheus)…" >&2
    sc_apt_install prometheus || return 1
    bin=$(command -v prometheus) || { echo "error: prometheus installed but not on PATH" >&2; return 1; }
  fi
  # The package starts a system instance on :9090 where an init system runs; the tests use their own.
  export SC_TEST_PROMETHEUS="$bin"
  echo "Prometheus $("$bin" --version 2>&1 | awk 'NR==1 {print $3}') at $bin" >&2
}
