#!/usr/bin/env bash
# Installs the Debian packages that the integration tests run for real (a registry, skopeo, etcd,
# the Go toolchain that builds kube-apiserver). Tests that need a missing tool skip themselves
# with one line saying why, so a machine without root or apt still runs the rest.
set -euo pipefail

# command-on-PATH  debian-package
required=(
  "registry:/usr/bin/docker-registry docker-registry"
  "skopeo:/usr/bin/skopeo skopeo"
  "etcd:/usr/bin/etcd etcd-server"
  "go-1.19:/usr/lib/go-1.19/bin/go golang-1.19"
  "rsync:/usr/bin/rsync rsync"
)

missing=()
for entry in "${required[@]}"; do
  path=${entry#*:}; path=${path%% *}
  package=${entry##* }
  [[ -x $path ]] || missing+=("$package")
done

if ((${#missing[@]} == 0)); then
  exit 0
fi
if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null; then
  echo "ensure-test-tools: missing ${missing[*]} and cannot install them (needs root and apt-get); the tests that need them will be skipped" >&2
  exit 0
fi
echo "ensure-test-tools: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
