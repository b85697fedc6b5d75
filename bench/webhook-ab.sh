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

start() { # start NAME OUT_DIR SERVE_ARGS -> sets PORT_<NAME> and PID_<NAME>
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
  printf -v "PID_$name" '%s' "${PIDS[-1]}"
}

start A "$3" "${SERVE_ARGS_A:-}"
start B "$4" "${SERVE_ARGS_B:-}"
for name in A B; do
  port_var=PORT_$name pid_var=PID_$name
  wait_ready "server $name" "${!pid_var}" "$WORK/$name.log" "https://127.0.0.1:${!port_var}/readyz" 600
  args_var=SERVE_ARGS_$name
  echo "$name: ${!args_var:-} $(grep -o 'TLS by.*' "$WORK/$name.log" | head -n 1)"
done

rate() { # rate NAME SECONDS LABEL -> reviews/s; fails, saying LABEL, when wrk printed no result
  local port_var=PORT_$1 line
  line=$(REVIEW=$REVIEW wrk_result "$3: server $1, $2 s" -t2 -c32 -d"$2s" "https://127.0.0.1:${!port_var}/mutate") || return 1
  rps "$line"
}
# One assignment per line: `set -e` sees only the last substitution of a line.
w1=$(rate A 20 warm-up)
w2=$(rate B 20 warm-up)
w3=$(rate A 10 warm-up)
w4=$(rate B 10 warm-up)
echo "warm-up (not counted): A $w1/s, B $w2/s, A $w3/s, B $w4/s"
echo "runtime: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
ratios=()
for pair in $(seq 1 "$PAIRS"); do
  if ((pair % 2)); then a=$(rate A "$DURATION" "pair $pair"); b=$(rate B "$DURATION" "pair $pair")
  else b=$(rate B "$DURATION" "pair $pair"); a=$(rate A "$DURATION" "pair $pair"); fi
  r=$(python3 -c 'import sys; print(f"{int(sys.argv[2]) / max(1, int(sys.argv[1])):.3f}")' "$a" "$b")
  ratios+=("$r")
  echo "pair $pair: A $a/s, B $b/s, B / A ${r}x"
done
echo "median B / A over $PAIRS pairs: $(printf '%s\n' "${ratios[@]}" | sort -n | python3 -c 'import sys, statistics; print(f"{statistics.median(float(x) for x in sys.stdin):.3f}x")'); load $(cut -d' ' -f1-3 /proc/loadavg)"
