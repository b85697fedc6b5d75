# Sourced by bench/webhook-load.sh and bench/webhook-ab.sh: running the webhook image as a pod runs
# it (its amd64 entrypoint unpacked with umoci, in a memory cgroup with the chart's limit), waiting
# for a server and running wrk. Each function says what failed and returns non-zero, so a caller
# under `set -e` stops with the reason.

LIMIT=$((512 * 1024 * 1024)) # deploy/helm/relocator/values.yaml: resources.limits.memory
if [[ -f /sys/fs/cgroup/cgroup.controllers ]]; then
  CGROUP_ROOT=/sys/fs/cgroup LIMIT_FILE=memory.max PEAK_FILE=memory.peak
else
  CGROUP_ROOT=/sys/fs/cgroup/memory LIMIT_FILE=memory.limit_in_bytes PEAK_FILE=memory.max_usage_in_bytes
fi

# unpack_image LAYOUT DIR: unpacks the amd64 image of LAYOUT (from scripts/build-image.sh) into
# DIR/bundle; sets ROOTFS and ENTRYPOINT (an array). umoci unpacks a manifest, not an index of two:
# DIR/view is a layout naming the amd64 one, sharing LAYOUT's blobs.
unpack_image() {
  local layout=$1 dir=$2 index manifest size
  index=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["manifests"][0]["digest"][7:])' "$layout/index.json") \
    || { echo "$layout: no index.json naming an image index" >&2; return 1; }
  read -r manifest size < <(python3 -c 'import json,sys
for m in json.load(open(sys.argv[1]))["manifests"]:
    if m["platform"]["architecture"] == "amd64": print(m["digest"], m["size"])' "$layout/blobs/sha256/$index") \
    || { echo "$layout: the index $index names no linux/amd64 manifest" >&2; return 1; }
  mkdir -p "$dir/view" && ln -s "$(realpath "$layout")/blobs" "$dir/view/blobs" && cp "$layout/oci-layout" "$dir/view/"
  printf '{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"%s","size":%s,"annotations":{"org.opencontainers.image.ref.name":"amd64"}}]}' \
    "$manifest" "$size" >"$dir/view/index.json"
  umoci unpack --image "$dir/view:amd64" "$dir/bundle" >"$dir/umoci.log" 2>&1 \
    || { echo "umoci could not unpack $layout's amd64 image:" >&2; cat "$dir/umoci.log" >&2; return 1; }
  ROOTFS=$dir/bundle/rootfs
  mkdir -p "$ROOTFS/proc" "$ROOTFS/dev"
  mapfile -t ENTRYPOINT < <(python3 -c 'import json,sys; print("\n".join(json.load(open(sys.argv[1]))["process"]["args"]))' "$dir/bundle/config.json")
}

# make_cgroup NAME: makes the memory cgroup CGROUP_ROOT/NAME limited to LIMIT and prints its path;
# a caller records the path only once this succeeded, so its clean-up removes only what it made.
make_cgroup() {
  local group=$CGROUP_ROOT/$1
  mkdir "$group" || { echo "cannot make the memory cgroup $group (needs root and a writable $CGROUP_ROOT)" >&2; return 1; }
  echo "$LIMIT" >"$group/$LIMIT_FILE" || { echo "cannot limit the cgroup $group to $LIMIT bytes" >&2; rmdir "$group"; return 1; }
  echo "$group"
}

# remove_cgroup GROUP TOOL: removes GROUP once the kernel has reaped the killed server in it.
remove_cgroup() {
  for _ in $(seq 1 100); do [[ -n $(cat "$1/cgroup.procs" 2>/dev/null) ]] || break; sleep 0.1; done
  rmdir "$1" 2>/dev/null || echo "$2: could not remove the cgroup $1" >&2
}

# free_port: prints a port on 127.0.0.1 that was free a moment ago.
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

# wait_ready NAME PID LOG URL TENTHS [CODES]: waits up to TENTHS tenths of a second for URL to answer
# with an HTTP status matching CODES (a regex, 200 by default); stops at once, with LOG, when PID has
# exited, so a server that died at start is reported as such rather than waited for.
wait_ready() {
  local name=$1 pid=$2 log=$3 url=$4 tenths=$5 codes=${6:-^200$}
  for _ in $(seq 1 "$tenths"); do
    [[ $(curl -sk -o /dev/null -w '%{http_code}' "$url" 2>/dev/null) =~ $codes ]] && return 0
    kill -0 "$pid" 2>/dev/null || { echo "$name exited before it answered $url:" >&2; cat "$log" >&2; return 1; }
    sleep 0.1
  done
  echo "$name did not answer $url within $((tenths / 10)).$((tenths % 10)) s:" >&2
  cat "$log" >&2
  return 1
}

# wrk_result LABEL WRK_ARGS...: runs wrk with bench/webhook/post-review.lua (REVIEW in the
# environment) and prints its RESULT line without the word RESULT. When wrk prints none (it failed,
# or could not connect), says which run (LABEL) and shows wrk's output instead, and returns 1: call
# it as `x=$(wrk_result ...)` so that `set -e` stops there.
wrk_result() {
  local label=$1 out line
  shift
  out=$(wrk -s bench/webhook/post-review.lua "$@" 2>&1) || true
  line=$(grep -m 1 '^RESULT ' <<<"$out") || {
    printf '%s: wrk printed no RESULT line (wrk %s); its output:\n%s\n' "$label" "$*" "$out" >&2
    return 1
  }
  echo "${line#RESULT }"
}

# rps RESULT: the reviews per second of a wrk_result line.
rps() { sed -n 's/.*rps=\([0-9]*\).*/\1/p' <<<"$1"; }
