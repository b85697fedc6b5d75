#!/usr/bin/env bash
# The admission webhook as it ships, against nginx, side by side in one run. Runs the shipped
# runtime, never a bench main with its own JVM flags:
#
#   bench/webhook-load.sh [SECONDS] [OUT_DIR]
#
# - with OUT_DIR (a layout from scripts/build-image.sh): the image's amd64 entrypoint and JVM
#   settings, unpacked with umoci and run under unshare + chroot as its user, on a read-only root,
#   in a memory cgroup with the chart's limit (512 MiB), as a pod runs it (needs root and umoci);
# - without: `./relocator serve`, as the launcher runs it.
#
# Cases, all POSTing the AdmissionReview kube-apiserver 1.26 sent for a one-container pod over
# keep-alive HTTPS with Debian's wrk (bench/webhook/post-review.lua):
#   warm-up     reviews/s in each of the first 25 one-second slices after /readyz answers
#   throughput  wrk -t2 -c32, 10 mappings; nginx answering the same POST with the webhook's own
#               response as a fixed body over TLS, same wrk; and the floor: the webhook's server
#               stack alone (dev.relocator.bench.WebhookFloorMain: Vert.x, the same TLS engine and
#               options) answering that fixed body, run as the server is (the image's runtime,
#               JVM flags, user and cgroup limit; or the launcher's java), warmed up for 15 s first
#   latency     p99 on 4 keep-alive connections (wrk -t2 -c4), both servers
#   mappings    10,000 mappings in the namespace against 10, wrk -t2 -c32
#   policy      10 mappings under a ClusterImagePolicy of 50 allowed prefixes against none, -c32
#   memory      the cgroup's peak (image) or the JVM's VmHWM (launcher) at the end
# The server's start-up log lines (TLS engine, transport, warm-up) are printed first, ratios last.
# WARM_UP_ONLY=1 stops after the warm-up case (to compare two builds' starts in turns).
# FLOOR_PARSE=1 makes the floor also read each review into Jackson's tree before answering (the
# floor of a JVM webhook that reads its review into a tree); FLOOR_PARSE=tokens makes it read each
# review as cheaply as any reader could: Jackson's streaming parser over every token to the end, no
# tree, no string decoded but the uid (the floor of any JVM webhook that reads its review). Both
# answer only reviews with a request.uid; the floor's rows then measure that. FLOOR_PARSE=0 (the
# default) answers without reading.
# Binds 127.0.0.1 on free ports only. Needs wrk, nginx (nginx-light) and openssl; builds the bench
# module's jar (bench/target/benchmarks.jar) for the floor when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-15}
IMAGE=${2:-}
# Checked first, so a wrong value is refused before the server's minute of warm-up.
floor_mode=()
case ${FLOOR_PARSE:-0} in
  1) floor_mode=(parse) ;;
  tokens) floor_mode=(tokens) ;;
  0) ;;
  *) echo "FLOOR_PARSE must be 0, 1 or tokens, not '$FLOOR_PARSE'" >&2; exit 2 ;;
esac
for tool in wrk nginx openssl curl; do
  command -v "$tool" >/dev/null || { echo "$tool is not installed (apt-get install wrk nginx-light openssl curl)" >&2; exit 1; }
done
WORK=$(mktemp -d)
SERVER=
NGINX=
FLOOR=
CGROUP=
FLOOR_CGROUP=
cleanup() {
  # unshare ignores SIGTERM while it waits: KILL ends it, its namespace's init and the server with
  # it. nginx's master stops its workers on TERM (killed, it would leave them running).
  [[ -z $SERVER ]] || kill -KILL "$SERVER" 2>/dev/null || true
  [[ -z $FLOOR ]] || kill -KILL "$FLOOR" 2>/dev/null || true
  [[ -z $NGINX ]] || kill -TERM "$NGINX" 2>/dev/null || true
  wait 2>/dev/null || true
  # Each is set once made, so only cgroups this run made are removed.
  for group in $CGROUP $FLOOR_CGROUP; do remove_cgroup "$group" webhook-load; done
  rm -rf "$WORK"
}
trap cleanup EXIT
# shellcheck source=bench/webhook/lib.sh
source bench/webhook/lib.sh

REVIEW=relocator-kubernetes/src/test/resources/admission/pod-create-1.26.json

maps() { # maps DIR NAMESPACE COUNT: one ImageMap with COUNT entries, nginx among them
  mkdir -p "$1"
  {
    printf 'apiVersion: relocator.dev/v1alpha1\nkind: ImageMap\nmetadata: {name: bench, namespace: %s}\nspec:\n  map:\n' "$2"
    printf '  - {from: nginx, to: reg.local/mirror/nginx}\n'
    for ((i = 1; i < $3; i++)); do
      printf '  - {from: example.org/team-%d/app-%d, to: reg.local/mirror/team-%d/app-%d}\n' $((i % 97)) "$i" $((i % 97)) "$i"
    done
  } >"$1/$2.yaml"
}

policy() { # policy DIR NAMESPACE: a ClusterImagePolicy of 50 prefixes selecting only NAMESPACE
  {
    printf 'apiVersion: v1\nkind: Namespace\nmetadata: {name: %s, labels: {bench: policed}}\n---\n' "$2"
    printf 'apiVersion: relocator.dev/v1alpha1\nkind: ClusterImagePolicy\nmetadata: {name: bench}\nspec:\n'
    printf '  mode: warn\n  namespaceSelector: {matchLabels: {bench: policed}}\n  allowed:\n'
    for ((i = 1; i < 50; i++)); do printf '  - registry-%d.example/team-%d\n' "$i" "$i"; done
    printf '  - reg.local/mirror\n'
  } >"$1/policy.yaml"
  maps "$1" "$2" 10
}

FLOOR_JAR=bench/target/benchmarks.jar
# Rebuilt when a source is newer: an older jar may lack the floor's class.
if [[ ${WARM_UP_ONLY:-} != 1 ]] && [[ ! -f $FLOOR_JAR || -n $(find bench/src relocator-*/src -name '*.java' -newer "$FLOOR_JAR" -print -quit) ]]; then
  mvn -B -q -ntp -pl bench -am package -DskipTests >"$WORK/bench-build.log" 2>&1 \
    || { echo "building $FLOOR_JAR failed:" >&2; tail -n 20 "$WORK/bench-build.log" >&2; exit 1; }
fi

maps "$WORK/maps" demo 10
maps "$WORK/maps" big 10000
policy "$WORK/maps" policed
sed 's/"namespace":"demo"/"namespace":"big"/g' "$REVIEW" >"$WORK/review-big.json"
sed 's/"namespace":"demo"/"namespace":"policed"/g' "$REVIEW" >"$WORK/review-policed.json"
PORT=$(free_port)
# SERVE_ARGS: more flags for serve, e.g. "--warm-up 0" to see the start without the warm-up.
# shellcheck disable=SC2206 # a word list
serve_args=(serve --bind 127.0.0.1 --port "$PORT" ${SERVE_ARGS:-})

if [[ -n $IMAGE ]]; then
  command -v umoci >/dev/null || { echo "umoci is not installed (apt-get install umoci)" >&2; exit 1; }
  unpack_image "$IMAGE" "$WORK"
  rootfs=$ROOTFS
  entrypoint=("${ENTRYPOINT[@]}")
  CGROUP=$(make_cgroup "relocator-bench-$$")
  mapfile -t jvm_flags < <(grep '^-XX' "$rootfs/usr/lib/relocator/relocator.args")
  BIND="$WORK/maps:maps" CGROUP=$CGROUP unshare --mount --pid --fork --kill-child \
    bash scripts/run-in-image.sh "$rootfs" 65532:65532 \
    "${entrypoint[@]}" "${serve_args[@]}" --maps /tmp/maps >"$WORK/server.log" 2>&1 &
  RUNTIME="the image's entrypoint ($(sed -n 's/^-XX/-XX/p' "$rootfs/usr/lib/relocator/relocator.args" | tr '\n' ' ')in a $((LIMIT >> 20)) MiB cgroup)"
else
  ./relocator --version >/dev/null # builds the jar first when needed
  ./relocator "${serve_args[@]}" --maps "$WORK/maps" >"$WORK/server.log" 2>&1 &
  RUNTIME="./relocator serve"
fi
SERVER=$!

# Ready as the kubelet sees it: /readyz answers 200.
wait_ready "the server" "$SERVER" "$WORK/server.log" "https://127.0.0.1:$PORT/readyz" 600

# wrk_line LABEL THREADS CONNECTIONS SECONDS URL REVIEW -> "rps=... p50_ms=... p99_ms=... requests=... errors=...";
# fails, naming LABEL and showing wrk's output, when wrk printed no result: assign it (x=$(wrk_line ...)).
wrk_line() { REVIEW=$6 wrk_result "$1" -t"$2" -c"$3" -d"$4s" --latency "$5"; }

echo "runtime: $RUNTIME ${SERVE_ARGS:-}; $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
grep -E 'TLS by|OpenSSL not used|warm' "$WORK/server.log" | sed 's/^/server: /' || true
warmup=()
for s in $(seq 1 25); do
  line=$(wrk_line "warm-up, second $s" 2 32 1 "https://127.0.0.1:$PORT/mutate" "$REVIEW")
  warmup+=("$(rps "$line")")
done
echo "warm-up, reviews/s per second after ready: ${warmup[*]}"
# "Steady" for this line: the median of the last five slices (seconds 21 to 25).
steady=$(printf '%s\n' "${warmup[@]:20:5}" | sort -n | sed -n 3p)
for s in "${!warmup[@]}"; do
  if ((warmup[s] * 2 >= steady)); then
    echo "warm-up: half of seconds 21-25's median ($steady/s) first in second $((s + 1)) after ready"
    break
  fi
done
[[ ${WARM_UP_ONLY:-} != 1 ]] || exit 0

# nginx answering the same POST with the webhook's own response, over TLS with an EC P-256 key.
curl -sk "https://127.0.0.1:$PORT/mutate" -H 'content-type: application/json' --data-binary @"$REVIEW" >"$WORK/response.json"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj /CN=127.0.0.1 -days 1 \
  -keyout "$WORK/nginx.key" -out "$WORK/nginx.crt" 2>/dev/null
NGINX_PORT=$(free_port)
cat >"$WORK/nginx.conf" <<EOF
daemon off;
worker_processes $(nproc);
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $WORK/nginx-body;
  proxy_temp_path $WORK/nginx-proxy;
  fastcgi_temp_path $WORK/nginx-fastcgi;
  uwsgi_temp_path $WORK/nginx-uwsgi;
  scgi_temp_path $WORK/nginx-scgi;
  keepalive_requests 1000000;
  server {
    listen 127.0.0.1:$NGINX_PORT ssl;
    ssl_certificate $WORK/nginx.crt;
    ssl_certificate_key $WORK/nginx.key;
    location / { default_type application/json; return 200 '$(cat "$WORK/response.json")'; }
  }
}
EOF
nginx -c "$WORK/nginx.conf" -p "$WORK" &
NGINX=$!
wait_ready nginx "$NGINX" "$WORK/nginx-error.log" "https://127.0.0.1:$NGINX_PORT/" 100

# The floor: the server's stack answering nginx's fixed body, with nginx's key, run as the server is.
FLOOR_PORT=$(free_port)
mkdir -p "$WORK/floor" && cp "$WORK/nginx.crt" "$WORK/nginx.key" "$WORK/response.json" "$FLOOR_JAR" "$WORK/floor/"
chmod -R a+rX "$WORK/floor"
if [[ -n $IMAGE ]]; then
  FLOOR_CGROUP=$(make_cgroup "relocator-bench-floor-$$")
  BIND="$WORK/floor:floor" CGROUP=$FLOOR_CGROUP unshare --mount --pid --fork --kill-child \
    bash scripts/run-in-image.sh "$rootfs" 65532:65532 "${entrypoint[0]}" "${jvm_flags[@]}" \
    -cp /tmp/floor/benchmarks.jar dev.relocator.bench.WebhookFloorMain "$FLOOR_PORT" \
    /tmp/floor/nginx.crt /tmp/floor/nginx.key /tmp/floor/response.json "${floor_mode[@]}" >"$WORK/floor.log" 2>&1 &
else
  java -cp "$WORK/floor/benchmarks.jar" dev.relocator.bench.WebhookFloorMain "$FLOOR_PORT" \
    "$WORK/floor/nginx.crt" "$WORK/floor/nginx.key" "$WORK/floor/response.json" "${floor_mode[@]}" >"$WORK/floor.log" 2>&1 &
fi
FLOOR=$!
# Any answer will do: a floor that reads reviews answers a GET with 400.
wait_ready "the floor" "$FLOOR" "$WORK/floor.log" "https://127.0.0.1:$FLOOR_PORT/" 300 '^[1-5][0-9][0-9]$'
grep "floor listening" "$WORK/floor.log" | sed 's/^/floor: /' || true
floor_url="https://127.0.0.1:$FLOOR_PORT/mutate"
line=$(wrk_line "floor warm-up" 2 32 15 "$floor_url" "$REVIEW")
printf '%-38s %s\n' "floor warm-up (not counted) -c32" "$line"

relocator_url="https://127.0.0.1:$PORT/mutate"
nginx_url="https://127.0.0.1:$NGINX_PORT/mutate"
# Two rounds in opposite orders, so drift in the machine's load does not favour one server.
declare -A rate
for round in 1 2; do
  order=(relocator floor nginx)
  [[ $round == 2 ]] && order=(nginx floor relocator)
  for who in "${order[@]}"; do
    url=${who}_url
    line=$(wrk_line "round $round: throughput -c32, $who" 2 32 "$DURATION" "${!url}" "$REVIEW")
    rate[$who$round]=$(rps "$line")
    printf '%-38s %s\n' "throughput -t2 -c32, $who" "$line"
    line=$(wrk_line "round $round: latency -c4, $who" 2 4 "$DURATION" "${!url}" "$REVIEW")
    printf '%-38s %s\n' "latency -t2 -c4, $who" "$line"
  done
  line=$(wrk_line "round $round: 10 mappings" 2 32 "$DURATION" "$relocator_url" "$REVIEW")
  printf '%-38s %s\n' "mutate 10 mappings -c32" "$line"
  line=$(wrk_line "round $round: 10000 mappings" 2 32 "$DURATION" "$relocator_url" "$WORK/review-big.json")
  printf '%-38s %s\n' "mutate 10000 mappings -c32" "$line"
  line=$(wrk_line "round $round: 50-prefix policy" 2 32 "$DURATION" "$relocator_url" "$WORK/review-policed.json")
  printf '%-38s %s\n' "mutate 10 mappings, 50-prefix policy" "$line"
done

ratio() { python3 -c 'import sys; print(f"{int(sys.argv[1]) / max(1, int(sys.argv[2])):.2f}x")' "$1" "$2"; }
for round in 1 2; do
  echo "round $round: Relocator / nginx $(ratio "${rate[relocator$round]}" "${rate[nginx$round]}")," \
    "floor / nginx $(ratio "${rate[floor$round]}" "${rate[nginx$round]}")," \
    "Relocator / floor $(ratio "${rate[relocator$round]}" "${rate[floor$round]}")"
done
if [[ -n $CGROUP ]]; then
  echo "memory: cgroup peak $(($(cat "$CGROUP/$PEAK_FILE") >> 20)) MiB of a $((LIMIT >> 20)) MiB limit" \
    "(floor: $(($(cat "$FLOOR_CGROUP/$PEAK_FILE") >> 20)) MiB)"
else
  echo "memory: JVM VmHWM $(awk '/VmHWM/ {print int($2 / 1024)}' "/proc/$SERVER/status") MiB"
fi
