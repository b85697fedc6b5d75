#!/usr/bin/env bash
# Installs the Debian packages that the integration tests run for real (a registry, skopeo,
# containerd, etcd, the Go toolchain and sources that build kube-apiserver, umoci and
# qemu-user-static for Relocator's own image), then builds kube-apiserver once per machine
# (scripts/build-kube-apiserver.sh). Tests that need a missing tool skip themselves with one line
# saying why, so a machine without root or apt still runs the
# rest; with CI=true a tool that cannot be installed or built fails the run instead.
set -euo pipefail
cd "$(dirname "$0")/.."

ci=false
[[ ${CI:-} == true ]] && ci=true

# name:path-that-must-exist debian-package
required=(
  "registry:/usr/bin/docker-registry docker-registry"
  "skopeo:/usr/bin/skopeo skopeo"
  "containerd:/usr/bin/containerd containerd"
  "ip:/usr/sbin/ip iproute2"
  "etcd:/usr/bin/etcd etcd-server"
  "go-1.19:/usr/lib/go-1.19/bin/go golang-1.19"
  "rsync:/usr/bin/rsync rsync"
  "reflect2:/usr/share/gocode/src/github.com/modern-go/reflect2 golang-github-modern-go-reflect2-dev"
  "json-iterator:/usr/share/gocode/src/github.com/json-iterator/go golang-github-json-iterator-go-dev"
  # Relocator's own image (ImageIT): unpacked by umoci, its arm64 build booted under qemu.
  "umoci:/usr/bin/umoci umoci"
  "qemu-aarch64:/usr/bin/qemu-aarch64-static qemu-user-static"
)

missing=()
for entry in "${required[@]}"; do
  path=${entry#*:}; path=${path%% *}
  package=${entry##* }
  [[ -e $path ]] || missing+=("$package")
done
# A second, real client for one scenario; Debian's matches the API server's version.
command -v kubectl >/dev/null || missing+=(kubernetes-client)

if ((${#missing[@]} > 0)); then
  if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null; then
    echo "ensure-test-tools: missing ${missing[*]} and cannot install them (needs root and apt-get); the tests that need them will be skipped" >&2
  else
    echo "ensure-test-tools: installing ${missing[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
      || echo "ensure-test-tools: could not install all of ${missing[*]}; the tests that need them will be skipped" >&2
  fi
fi

# kube-apiserver: built from source once per machine and cached outside the work tree.
if $ci; then
  scripts/build-kube-apiserver.sh >/dev/null \
    || { echo "ensure-test-tools: kube-apiserver could not be built and CI=true requires it" >&2; exit 1; }
else
  log=${XDG_CACHE_HOME:-$HOME/.cache}/relocator/build-kube-apiserver.log
  mkdir -p "$(dirname "$log")"
  if ! scripts/build-kube-apiserver.sh --check >/dev/null 2>&1; then
    echo "ensure-test-tools: building kube-apiserver once for this machine (several minutes; progress in $log)" >&2
  fi
  if ! scripts/build-kube-apiserver.sh >/dev/null 2>"$log"; then
    echo "ensure-test-tools: kube-apiserver build failed ($(grep -m 1 'FAILED' "$log" | cut -c 1-200)); the *IT tests that need it will be skipped; full output in $log" >&2
  fi
fi
