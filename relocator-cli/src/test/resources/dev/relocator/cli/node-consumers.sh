#!/usr/bin/env bash
# Runs one real consumer of Relocator's node configuration against a loopback mirror, for
# NodeMirrorsIT. NodeMirrorsIT starts it under `unshare --net --pid --fork --kill-child`: the
# network namespace holds loopback only, so whatever the configuration says nothing reaches a
# public registry; the PID namespace ends every process started here when the script ends.
#
#   node-consumers.sh WORK STORAGE PORT containerd CERTS_D IMAGE...
#     containerd with a temporary root, state and socket below WORK; for each IMAGE
#     `ctr content fetch --all-platforms --hosts-dir CERTS_D`; prints the content store's digests.
#   node-consumers.sh WORK STORAGE PORT skopeo REGISTRIES_CONF IMAGE...
#     prints "IMAGE DIGEST" for each IMAGE read by `skopeo --registries-conf REGISTRIES_CONF inspect`.
#
# Both first serve the registry storage STORAGE on 127.0.0.1:PORT with Debian's docker-registry,
# its access log in WORK/registry.log. Progress and logs go to stderr.
set -euo pipefail

work=$1 storage=$2 port=$3 consumer=$4 config=$5
shift 5

fail() {
  echo "node-consumers: $*" >&2
  for log in "$work"/*.log; do
    [[ -e $log ]] && { echo "--- last lines of $log" >&2; tail -n 20 "$log" >&2; }
  done
  exit 1
}

# Waits up to 20 s for "$@" to succeed.
await() {
  for _ in $(seq 200); do
    "$@" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  return 1
}

ip link set lo up
links=$(ip -o link show | wc -l)
[[ $links -eq 1 ]] || fail "expected a network namespace with loopback only, found $links links"

cat >"$work/registry.yml" <<EOF
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $storage
http:
  addr: 127.0.0.1:$port
  secret: node-consumers
EOF
docker-registry serve "$work/registry.yml" >"$work/registry.log" 2>&1 &
await bash -c "exec 3<>/dev/tcp/127.0.0.1/$port" || fail "docker-registry did not listen on 127.0.0.1:$port"

case $consumer in
  containerd)
    socket=$work/containerd/containerd.sock
    mkdir -p "$work/containerd"
    # Only what content fetch needs runs: CRI wants CNI, opt writes /opt/containerd, and these
    # snapshotters need kernel features or set-up this machine does not have.
    cat >"$work/containerd/config.toml" <<EOF
version = 2
root = "$work/containerd/root"
state = "$work/containerd/state"
disabled_plugins = [
  "io.containerd.grpc.v1.cri",
  "io.containerd.internal.v1.opt",
  "io.containerd.snapshotter.v1.aufs",
  "io.containerd.snapshotter.v1.btrfs",
  "io.containerd.snapshotter.v1.devmapper",
  "io.containerd.snapshotter.v1.zfs",
]

[grpc]
  address = "$socket"

[ttrpc]
  address = "$socket.ttrpc"
EOF
    containerd --config "$work/containerd/config.toml" >"$work/containerd.log" 2>&1 &
    await ctr --address "$socket" version || fail "containerd did not answer on $socket"
    for image in "$@"; do
      echo "node-consumers: ctr content fetch $image" >&2
      ctr --address "$socket" content fetch --all-platforms --hosts-dir "$config" "$image" >&2 \
        || fail "ctr content fetch $image failed"
    done
    ctr --address "$socket" content ls --quiet
    ;;
  skopeo)
    for image in "$@"; do
      # --no-tags: skopeo lists tags at the upstream registry itself, never through a mirror.
      digest=$(skopeo --registries-conf "$config" inspect --no-tags --format '{{.Digest}}' "docker://$image") \
        || fail "skopeo inspect $image failed"
      echo "$image $digest"
    done
    ;;
  *)
    fail "unknown consumer $consumer (containerd or skopeo)"
    ;;
esac
