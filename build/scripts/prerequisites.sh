# Sourced by ./sc and ./test.sh: installs what the build needs from Debian's packages when missing.
# shellcheck shell=bash

sc_apt_install() {
  # usage: sc_apt_install PACKAGE... ; installs with apt-get when running as root, else explains.
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
      sudo apt-get update -qq >&2 && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >&2 && return 0
    fi
    echo "error: missing $*; install with: sudo apt-get install -y $*" >&2
    return 1
  fi
  if [ -z "${SC_APT_UPDATED:-}" ]; then
    apt-get update -qq >&2 || true
    SC_APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null 2>&1 || {
    echo "error: apt-get install -y $* failed" >&2
    return 1
  }
}

sc_host_needs_torch_patch() {
  local libstdcxx
  libstdcxx=$(ldconfig -p 2>/dev/null | awk '/libstdc\+\+\.so\.6 .*x86-64/ {print $NF; exit}')
  [ -n "$libstdcxx" ] && ! grep -q GLIBCXX_3.4.32 "$libstdcxx"
}

sc_ensure_build_prerequisites() {
  command -v dotnet >/dev/null || { echo "error: the .NET 10 SDK is required (dotnet not on PATH)" >&2; return 1; }
  local missing=()
  if sc_host_needs_torch_patch; then
    command -v patchelf >/dev/null || missing+=(patchelf)
    command -v g++ >/dev/null || missing+=(g++)
  fi
  if [ "${#missing[@]}" -gt 0 ]; then
    sc_apt_install "${missing[@]}"
  fi
}

sc_check_kubectl() {
  # The Kubernetes manifests tests render k8s/ with `kubectl kustomize` (kustomize v5: components, labels). This
  # machine image ships kubectl (the Kubernetes project's package, with kustomize v5). Debian 12's own
  # kubernetes-client is 1.20, whose kustomize (v2) cannot render k8s/, so nothing is installed here: without a
  # recent kubectl those tests are skipped and say why.
  local version
  if ! command -v kubectl >/dev/null; then
    echo "note: kubectl not on PATH: the Kubernetes manifests tests will be skipped" >&2
    return 0
  fi
  version=$(kubectl version --client 2>/dev/null | awk '/Kustomize Version/ {print $3}')
  echo "kubectl $(kubectl version --client 2>/dev/null | awk '/Client Version/ {print $3}') with kustomize ${version:-none}" >&2
}
