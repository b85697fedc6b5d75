#!/usr/bin/env bash
# Runs a command in an unpacked image as a container runtime would, without one (podman and crun
# fail on setrlimit on these machines): run under `unshare --mount --pid --fork --kill-child`, it
# makes ROOTFS read-only, mounts a fresh tmpfs on /tmp (the pod's emptyDir), /proc and /dev, binds
# each HOST_DIR of BIND ("HOST_DIR:NAME ...") at /tmp/NAME, and execs the command under chroot as
# UID:GID. The mounts live in the new mount namespace only and end with it.
#
#   run-in-image.sh ROOTFS UID:GID COMMAND ARGS...
set -euo pipefail
rootfs=$1 user=$2
shift 2
mount --bind "$rootfs" "$rootfs"
mount -o remount,bind,ro "$rootfs"
mount -t tmpfs -o mode=1777,size=256m tmpfs "$rootfs/tmp"
mount -t proc proc "$rootfs/proc"
mount --rbind /dev "$rootfs/dev"
for bind in ${BIND:-}; do
  mkdir -p "$rootfs/tmp/${bind#*:}"
  mount --bind "${bind%%:*}" "$rootfs/tmp/${bind#*:}"
done
exec chroot --userspec="$user" "$rootfs" "$@"
