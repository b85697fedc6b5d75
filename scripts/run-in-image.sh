#!/usr/bin/env bash
# Runs a command in an image unpacked by umoci as a container runtime would, without one (podman
# and crun fail on setrlimit on these machines); ImageIT and bench/webhook-load.sh use it. Run
# under `unshare --mount --pid --fork --kill-child`, it makes ROOTFS read-only, mounts a fresh
# tmpfs on /tmp (the pod's emptyDir), /proc and /dev, binds each HOST_DIR of BIND
# ("HOST_DIR:NAME ...") at /tmp/NAME, and runs the command under chroot as UID:GID. The mounts
# live in the new mount namespace only and end with it.
#
#   run-in-image.sh ROOTFS UID:GID COMMAND ARGS...
#
# With CGROUP set (a memory cgroup directory), the command runs in that cgroup and sees the cgroup
# file system at /sys/fs/cgroup, as a container does its memory limit.
set -euo pipefail
rootfs=$1 user=$2
shift 2
cgroup_mounts=()
if [[ -n ${CGROUP:-} ]]; then
  echo $$ >"$CGROUP/cgroup.procs"
  if [[ -f /sys/fs/cgroup/cgroup.controllers ]]; then
    cgroup_mounts=("cgroup2:")
  else # v1: the JVM reads the memory, cpu, cpuacct and cpuset hierarchies
    cgroup_mounts=(cgroup:memory cgroup:cpu cgroup:cpuacct cgroup:cpuset)
  fi
  for m in "${cgroup_mounts[@]}"; do mkdir -p "$rootfs/sys/fs/cgroup/${m#*:}"; done
fi
mount --bind "$rootfs" "$rootfs"
mount -o remount,bind,ro "$rootfs"
mount -t tmpfs -o mode=1777,size=256m tmpfs "$rootfs/tmp"
mount -t proc proc "$rootfs/proc"
mount --rbind /dev "$rootfs/dev"
for m in "${cgroup_mounts[@]}"; do
  if [[ $m == cgroup2:* ]]; then
    mount -t cgroup2 cgroup2 "$rootfs/sys/fs/cgroup"
  else
    mount -t cgroup -o "${m#*:}" cgroup "$rootfs/sys/fs/cgroup/${m#*:}"
  fi
done
for bind in ${BIND:-}; do
  mkdir -p "$rootfs/tmp/${bind#*:}"
  mount --bind "${bind%%:*}" "$rootfs/tmp/${bind#*:}"
done
# Not exec'd: this shell stays the namespace's init, so whatever runs in it dies when unshare is
# killed (--kill-child reaches this shell; chroot --userspec changes the user, which clears the
# parent-death signal, so it would not reach the command itself).
chroot --userspec="$user" "$rootfs" "$@"
