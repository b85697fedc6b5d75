#!/usr/bin/env bash
# Two builds of the webhook image side by side, for a change's before and after on a machine whose
# load drifts: both servers run at once (each as bench/webhook-load.sh runs the image: its
# entrypoint and JVM flags under unshare + chroot as its user, on a read-only root, in its own
# 512 MiB memory cgroup), are warmed up alike, then take turns under wrk -t2 -c32 for SECONDS,
# PAIRS times, the order alternating; each pair gives B's rate over A's, and the median of those
# is the answer (a drift in the load moves both halves of a pair alike).
#
#   bench/webhook-ab.sh PAIRS SECONDS OUT_DIR_A OUT_DIR_B
#
# OUT_DIR_A and OUT_DIR_B are layouts from scripts/build-image.sh. SERVE_ARGS_A and SERVE_ARGS_B add
# serve flags to one side (e.g. SERVE_ARGS_B="--event-loops 1" with the same image twice).
# Needs root, umoci, wrk and curl; binds 127.0.0.1 on free ports only.
set -euo pipefail
cd "$(dirname "$0")/.."
[[ $# -eq 4 ]] || { echo "usage: bench/webhook-ab.sh PAIRS SECONDS OUT_DIR_A OUT_DIR_B" >&2; exit 2; }
PAIRS=$1 DURATION=$2
for tool in wrk curl umoci; do
  command -v "$tool" >/dev/null || { echo "$tool is not installed" >&2; exit 1; }
done
WORK=$(mktemp -d)
PIDS=()
GROUPS_MADE=()
cleanup() {
  for pid in "${PIDS[@]}"; do { kill -KILL "$pid"; wait "$pid"; } 2>/dev/null || true; done
  wait 2>/dev/null || true
  for group in "${GROUPS_MADE[@]}"; do remove_cgroup "$group" webhook-ab; done
  rm -rf "$WORK"
}
trap cleanup EXIT
# shellcheck source=bench/webhook/lib.sh
source bench/webhook/lib.sh
REVIEW=relocator-kubernetes/src/test/resources/admission/pod-create-1.26.json
mkdir -p "$WORK/maps"
printf 'apiVersion: relocator.dev/v1alpha1\nkind: ImageMap\nmetadata: {name: bench, namespace: demo}\nspec:\n  map:\n  - {from: nginx, to: reg.local/mirror/nginx}\n' \
  >"$WORK/maps/demo.yaml"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

start() { # start NAME OUT_DIR SERVE_ARGS -> sets PORT_<NAME>
  local name=$1 image=$2 extra=$3 group port
  unpack_image "$image" "$WORK/$name"
  group=$(make_cgroup "relocator-ab-$name-$$")
  GROUPS_MADE+=("$group")
  port=$(free_port)
  # shellcheck disable=SC2086 # a word list
  BIND="$WORK/maps:maps" CGROUP=$group unshare --mount --pid --fork --kill-child \
    bash scripts/run-in-image.sh "$ROOTFS" 65532:65532 "${ENTRYPOINT[@]}" \
    serve --bind 127.0.0.1 --port "$port" --maps /tmp/maps $extra >"$WORK/$name.log" 2>&1 &
  PIDS+=($!)
  printf -v "PORT_$name" '%s' "$port"
}

start A "$3" "${SERVE_ARGS_A:-}"
start B "$4" "${SERVE_ARGS_B:-}"
for name in A B; do
  port_var=PORT_$name
  for _ in $(seq 1 600); do
    [[ $(curl -sk -o /dev/null -w '%{http_code}' "https://127.0.0.1:${!port_var}/readyz" 2>/dev/null) == 200 ]] && break
    sleep 0.1
  done
  [[ $(curl -sk -o /dev/null -w '%{http_code}' "https://127.0.0.1:${!port_var}/readyz") == 200 ]] \
    || { echo "server $name did not become ready:" >&2; cat "$WORK/$name.log" >&2; exit 1; }
  args_var=SERVE_ARGS_$name
  echo "$name: ${!args_var:-} $(grep -o 'TLS by.*' "$WORK/$name.log" | head -n 1)"
done

rate() { # rate NAME SECONDS -> reviews/s
  local port_var=PORT_$1
  REVIEW=$REVIEW wrk -t2 -c32 -d"$2s" -s bench/webhook/post-review.lua "https://127.0.0.1:${!port_var}/mutate" \
    | sed -n 's/^RESULT rps=\([0-9]*\).*/\1/p'
}
echo "warm-up (not counted): A $(rate A 20)/s, B $(rate B 20)/s, A $(rate A 10)/s, B $(rate B 10)/s"
echo "runtime: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
ratios=()
for pair in $(seq 1 "$PAIRS"); do
  if ((pair % 2)); then a=$(rate A "$DURATION"); b=$(rate B "$DURATION")
  else b=$(rate B "$DURATION"); a=$(rate A "$DURATION"); fi
  r=$(python3 -c 'import sys; print(f"{int(sys.argv[2]) / max(1, int(sys.argv[1])):.3f}")' "$a" "$b")
  ratios+=("$r")
  echo "pair $pair: A $a/s, B $b/s, B / A ${r}x"
done
echo "median B / A over $PAIRS pairs: $(printf '%s\n' "${ratios[@]}" | sort -n | python3 -c 'import sys, statistics; print(f"{statistics.median(float(x) for x in sys.stdin):.3f}x")'); load $(cut -d' ' -f1-3 /proc/loadavg)"
