#!/usr/bin/env bash
# The webhook's first seconds after it reports ready, alone (bench/webhook-load.sh measures them
# too, among the other cases):
#
#   bench/webhook-start.sh [LABEL] [SERVE_FLAGS...]
#
# Starts `./relocator serve --maps examples/imagemaps` on a free loopback port with the given
# flags (e.g. --warm-up 0; RELOCATOR_JAVA_OPTS=-Drelocator.tls.engine=jdk for the JDK's TLS),
# waits for /readyz, then prints reviews/s of examples/admission-review.json in ten one-second
# slices of wrk -t2 -c32 (new connections each slice) and over the 5 s after them.
set -euo pipefail
cd "$(dirname "$0")/.."
label=${1:-default}
shift || true
for tool in wrk curl python3; do
  command -v "$tool" >/dev/null || { echo "$tool is not installed" >&2; exit 1; }
done
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
log=$(mktemp)
./relocator --version >/dev/null # builds the jar first when needed, outside the timing
./relocator serve --bind 127.0.0.1 --port "$port" --maps examples/imagemaps "$@" >"$log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait 2>/dev/null || true; rm -f "$log"' EXIT
start=$(date +%s%N)
for _ in $(seq 1 1200); do
  [[ $(curl -sk -o /dev/null -w '%{http_code}' "https://127.0.0.1:$port/readyz" 2>/dev/null) == 200 ]] && break
  kill -0 "$server" 2>/dev/null || { echo "the server exited:" >&2; cat "$log" >&2; exit 1; }
  sleep 0.1
done
ready=$(date +%s%N)
rps() { # rps SECONDS
  REVIEW=examples/admission-review.json wrk -t2 -c32 -d"$1s" --latency -s bench/webhook/post-review.lua \
    "https://127.0.0.1:$port/mutate" | sed -n 's/^RESULT rps=\([0-9]*\).*/\1/p'
}
slices=()
for _ in $(seq 1 10); do slices+=("$(rps 1)"); done
after=$(rps 5)
printf '%s: ready %.1f s after start; reviews/s in the 10 seconds after ready: %s; next 5 s: %s; load %s; %s\n' \
  "$label" "$(((ready - start) / 1000000))e-3" "${slices[*]}" "$after" "$(cut -d' ' -f1 /proc/loadavg)" \
  "$(grep -Eo 'TLS by [^,]*|warmed up: [0-9]+ reviews' "$log" | tr '\n' ' ')"
