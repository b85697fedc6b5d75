#!/usr/bin/env bash
# Webhook throughput and latency, side by side in one run: POST /allow (allow-all baseline on the
# same server and TLS stack), POST /mutate with 10 mappings, POST /mutate with 10,000 mappings,
# POST /mutate with 10 mappings under a ClusterImagePolicy of 50 allowed prefixes.
# Drives the standalone server over HTTPS keep-alive with Debian's wrk and bench/webhook/post-review.lua.
#
#   bench/webhook-load.sh [DURATION_SECONDS] [CONNECTIONS] [EVENT_LOOPS]
#
# Builds bench/target/benchmarks.jar when missing. Binds 127.0.0.1 on free ports only.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-15}
CONNECTIONS=${2:-16}
LOOPS=${3:-2}
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }
JAR=bench/target/benchmarks.jar
[ -f "$JAR" ] || mvn -B -q -o -pl bench -am package -DskipTests
WORK=$(mktemp -d)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT

# The review: the bytes kube-apiserver 1.26 sent for a one-container nginx:1.25 pod in "demo".
REVIEW=relocator-kubernetes/src/test/resources/admission/pod-create-1.26.json

maps() { # maps DIR NAMESPACE COUNT: one ImageMap with COUNT entries, nginx among them
  mkdir -p "$1"
  {
    printf 'apiVersion: relocator.dev/v1alpha1\nkind: ImageMap\nmetadata: {name: bench, namespace: %s}\nspec:\n  map:\n' "$2"
    printf '  - {from: nginx, to: reg.local/mirror/nginx}\n'
    for ((i = 1; i < $3; i++)); do
      printf '  - {from: example.org/team-%d/app-%d, to: reg.local/mirror/team-%d/app-%d}\n' $((i % 97)) "$i" $((i % 97)) "$i"
    done
  } > "$1/$2.yaml"
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

start() { # start DIR -> prints port once the server answers
  local port; port=$(free_port)
  java -Xms256m -Xmx512m -XX:+UseParallelGC -cp "$JAR" dev.relocator.bench.WebhookServerMain "$1" "$port" "$LOOPS" \
    > "$WORK/server-$port.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 300); do
    grep -q "^listening on" "$WORK/server-$port.log" 2>/dev/null && { echo "$port"; return; }
    sleep 0.1
  done
  echo "server did not start:" >&2; cat "$WORK/server-$port.log" >&2; exit 1
}

run() { # run LABEL PATH REVIEW_FILE
  local line
  line=$(REVIEW=$3 wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s bench/webhook/post-review.lua \
    "https://127.0.0.1:$PORT$2" | grep '^RESULT')
  printf '%-26s %s\n' "$1" "${line#RESULT }"
}

# One server, so the three cases share a JVM, a TLS stack and the machine's noise: namespace
# "demo" has an ImageMap of 10 entries, namespace "big" one of 10,000; the same pod is reviewed in each.
policy() { # policy DIR NAMESPACE: a ClusterImagePolicy of 50 prefixes selecting only NAMESPACE
  {
    printf 'apiVersion: v1\nkind: Namespace\nmetadata: {name: %s, labels: {bench: policed}}\n---\n' "$2"
    printf 'apiVersion: relocator.dev/v1alpha1\nkind: ClusterImagePolicy\nmetadata: {name: bench}\nspec:\n'
    printf '  mode: warn\n  namespaceSelector: {matchLabels: {bench: policed}}\n  allowed:\n'
    for ((i = 1; i < 50; i++)); do printf '  - registry-%d.example/team-%d\n' "$i" "$i"; done
    printf '  - reg.local/mirror\n'
  } > "$1/policy.yaml"
  maps "$1" "$2" 10
}

maps "$WORK/maps" demo 10
maps "$WORK/maps" big 10000
policy "$WORK/maps" policed
sed 's/"namespace":"demo"/"namespace":"big"/g' "$REVIEW" > "$WORK/review-big.json"
sed 's/"namespace":"demo"/"namespace":"policed"/g' "$REVIEW" > "$WORK/review-policed.json"
PORT=$(start "$WORK/maps")
echo "wrk -t1 -c$CONNECTIONS -d${DURATION}s per case, server event loops $LOOPS, $(nproc) cores," \
  "load $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"
REVIEW=$REVIEW wrk -t1 -c"$CONNECTIONS" -d10s -s bench/webhook/post-review.lua "https://127.0.0.1:$PORT/mutate" > /dev/null
REVIEW=$WORK/review-big.json wrk -t1 -c"$CONNECTIONS" -d5s -s bench/webhook/post-review.lua "https://127.0.0.1:$PORT/mutate" > /dev/null
# Two rounds in opposite orders, so drift in the machine's load does not favour one case.
run "allow-all (/allow)" /allow "$REVIEW"
run "mutate, 10 mappings" /mutate "$REVIEW"
run "mutate, 10 + policy of 50" /mutate "$WORK/review-policed.json"
run "mutate, 10000 mappings" /mutate "$WORK/review-big.json"
run "mutate, 10000 mappings" /mutate "$WORK/review-big.json"
run "mutate, 10 + policy of 50" /mutate "$WORK/review-policed.json"
run "mutate, 10 mappings" /mutate "$REVIEW"
run "allow-all (/allow)" /allow "$REVIEW"
