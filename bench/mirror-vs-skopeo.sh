#!/usr/bin/env bash
# Relocator's mirror next to a loop of `skopeo copy --all`, in one run, on loopback registries
# (Debian's docker-registry): COUNT two-platform images (one base layer shared by all, one layer
# per platform), copied registry to registry in COPY_ROUNDS rounds (default 3, the tools taking turns,
# medians reported); then the same again when nothing needs copying;
# then floors, JVMs doing only the requests a re-run and a copy need; then Relocator's peak RSS while
# it copies one image with a BIG_MIB layer.
#
# Usage: [CDS=1] [COPY_ROUNDS=3] [BASELINE_JAR=JAR [BASELINE_FLAGS=...] | RELOCATOR_BEFORE=LAUNCHER]
#        bench/mirror-vs-skopeo.sh [COUNT=20] [BASE_MIB=50]
#        [LAYER_MIB=12] [BIG_MIB=1024]
# CDS=1 runs Relocator with the static AppCDS archive the ./relocator launcher writes (rewritten
# first, for this build).
# BASELINE_JAR adds a second Relocator (an older build's relocator.jar, with BASELINE_FLAGS and, with
# CDS=1, a dynamic archive trained on an untimed up-to-date run) to the same run, for before/after
# figures. RELOCATOR_BEFORE does the same with an older checkout's ./relocator launcher, run as
# users run it (its own flags and start-up archive; built and trained untimed first).
# Prints Markdown tables for docs/benchmarks.md. Needs docker-registry, skopeo, GNU time, curl.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
count=${1:-20} base=${2:-50} layer=${3:-12} big=${4:-1024}
work=$(mktemp -d /tmp/relocator-bench.XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
[[ -n ${KEEP:-} ]] && trap 'for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; echo "kept $work" >&2' EXIT

for tool in /usr/bin/docker-registry /usr/bin/skopeo /usr/bin/time /usr/bin/curl; do
  [[ -x $tool ]] || { echo "mirror-vs-skopeo: $tool is missing (scripts/ensure-test-tools.sh)" >&2; exit 2; }
done

(cd "$root" && mvn -B -q -o -pl relocator-cli,bench -am package -DskipTests)
cli=$root/relocator-cli/target/relocator.jar
workload=$root/bench/target/benchmarks.jar
# JVM flags for Relocator (override with RELOCATOR_JAVA_FLAGS): the ./relocator launcher's for a
# mirror into a registry. C1 only: a copy into a registry hashes nothing (the registry verifies
# every digest), so C2 would only cost compile time.
read -r -a java_flags <<<"${RELOCATOR_JAVA_FLAGS:--XX:+UseSerialGC -XX:TieredStopAtLevel=1}"
baseline=${BASELINE_JAR:-${RELOCATOR_BEFORE:-}}
read -r -a baseline_flags <<<"${BASELINE_FLAGS:--XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Djdk.httpclient.bufsize=1048576}"


free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# start_registry NAME: starts a registry with fresh storage and sets $registry to its host:port.
start_registry() {
  local name=$1 port
  port=$(free_port)
  mkdir -p "$work/$name/storage"
  cat >"$work/$name/config.yml" <<EOF
version: 0.1
log: {level: error, accesslog: {disabled: true}}
storage:
  filesystem: {rootdirectory: $work/$name/storage}
  maintenance: {uploadpurging: {enabled: false}}
http: {addr: "127.0.0.1:$port", secret: bench}
EOF
  /usr/bin/docker-registry serve "$work/$name/config.yml" >"$work/$name/log" 2>&1 &
  pids+=($!)
  for _ in $(seq 200); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
    sleep 0.05
  done
  registry=127.0.0.1:$port
}

# CPU ticks (user + system) the registries have used so far.
registries_cpu() {
  local pid ticks=0
  local -a stat
  for pid in "${pids[@]}"; do
    read -r -a stat <"/proc/$pid/stat"
    ticks=$((ticks + stat[13] + stat[14]))
  done
  echo "$ticks"
}

# settle: writes back what earlier steps wrote and, where allowed (root), empties the page cache.
# Each copy writes 530 MiB; on this VM, once the page cache holds more than about 4 GB, a registry
# spends half as much CPU again on the same copy, so without it the later copies (skopeo's) would
# run slower for a reason that is not theirs.
settle() {
  sync
  if [[ -w /proc/sys/vm/drop_caches ]]; then echo 1 >/proc/sys/vm/drop_caches; fi
}

# timed OUTFILE CMD...: runs CMD, writes "wall_s max_rss_kib user_s sys_s registries_cpu_s" to OUTFILE
# (the last: what the registries, all idle but the two CMD talks to, spent meanwhile).
timed() {
  local out=$1 before after; shift
  before=$(registries_cpu)
  /usr/bin/time -f "%e %M %U %S" -o "$out" "$@"
  after=$(registries_cpu)
  sed -i "\$s/\$/ $(python3 -c "print(($after - $before) / $(getconf CLK_TCK))")/" "$out"
}

relocator() { java "${java_flags[@]}" -cp "$cli" dev.relocator.cli.Main "$@"; }

start_registry source; src=$registry
insecure=(--insecure-registry "$src")
echo "generating $count images ($base MiB base + 2 x $layer MiB per image)..." >&2
java -cp "$workload" dev.relocator.bench.MirrorWorkload "$work/layout" multi "$count" "$base" "$layer"
relocator mirror --from "oci:$work/layout" --to "$src" "${insecure[@]}" >/dev/null 2>&1
unique_mib=$((base + 2 * count * layer))
for i in $(seq 0 $((count - 1))); do echo "$src/bench/app-$i:1.0"; done >"$work/images.txt"
if [[ ${CDS:-0} == 1 ]]; then
  # The start-up archive the ./relocator launcher writes for this jar (it writes one on first use,
  # trained on a real copy and an up-to-date run between two registries in memory), so the figures
  # are what a user of the launcher gets, but for the launcher's own ~17 ms of bash.
  rm -f "$root"/relocator-cli/target/relocator-*.jsa "$root"/relocator-cli/target/relocator-*.jsa.failed
  "$root/relocator" --version >/dev/null
  archive=$root/relocator-cli/target/relocator-$(printf '%s' "$cli" | cksum | cut -d' ' -f1).jsa
  [[ -s $archive ]] || { echo "mirror-vs-skopeo: the launcher wrote no archive $archive" >&2; exit 1; }
  java_flags+=(-XX:SharedArchiveFile="$archive")
  if [[ -n ${BASELINE_JAR:-} ]]; then
    java "${baseline_flags[@]}" -XX:ArchiveClassesAtExit="$work/baseline.jsa" -jar "$baseline" mirror \
      --images "$work/images.txt" --to "$src" "${insecure[@]}" >/dev/null 2>&1
    baseline_flags+=(-XX:SharedArchiveFile="$work/baseline.jsa")
  fi
fi
# The baseline's command: the older launcher (built and its archive written now, untimed) or java
# on the older jar.
if [[ -n ${RELOCATOR_BEFORE:-} ]]; then
  "$RELOCATOR_BEFORE" --version >/dev/null
  baseline_cmd=("$RELOCATOR_BEFORE")
else
  baseline_cmd=(java "${baseline_flags[@]}" -jar "$baseline")
fi

skopeo_loop() {
  local i
  for i in $(seq 0 $((count - 1))); do
    skopeo copy -q --all --src-tls-verify=false --dest-tls-verify=false \
      "docker://$src/bench/app-$i:1.0" "docker://$dst_s/bench/app-$i:1.0" >/dev/null
  done
}
export -f skopeo_loop
export src count

# The copy, in COPY_ROUNDS rounds (default 3), the tools taking turns within each, each into a fresh
# target registry and starting settled (above), so none pays for the one before; the median round
# by wall of each tool is reported. The last round's targets serve the re-runs. An earlier round's
# storage is deleted once its round is done, so the page cache and the disk do not grow with rounds.
rounds=${COPY_ROUNDS:-3}
echo "copying with relocator, then skopeo, $rounds rounds; then again (nothing to copy)..." >&2
for round in $(seq "$rounds"); do
  start_registry "relocator-target-$round"; dst_r=$registry
  start_registry "skopeo-target-$round"; dst_s=$registry
  tool_insecure=("${insecure[@]}" --insecure-registry "$dst_r")
  settle; timed "$work/r1.$round" java "${java_flags[@]}" -cp "$cli" dev.relocator.cli.Main mirror --images "$work/images.txt" --to "$dst_r" \
    "${tool_insecure[@]}" >"$work/r1.log" 2>&1
  if [[ -n $baseline ]]; then
    start_registry "baseline-target-$round"; dst_0=$registry
    settle; timed "$work/b1.$round" "${baseline_cmd[@]}" mirror --images "$work/images.txt" \
      --to "$dst_0" "${insecure[@]}" --insecure-registry "$dst_0" >"$work/b1.log" 2>&1
  fi
  export dst_s
  settle; timed "$work/s1.$round" bash -c skopeo_loop
  if ((round < rounds)); then
    rm -rf "$work/relocator-target-$round/storage" "$work/skopeo-target-$round/storage" "$work/baseline-target-$round/storage"
  fi
done
insecure+=(--insecure-registry "$dst_r" --insecure-registry "$dst_s" ${dst_0:+--insecure-registry "$dst_0"})
# median_of RUN N: the middle of N rounds by wall; also RUN.walls, the walls in round order.
median_of() {
  local run=$1 n=$2 i
  for i in $(seq "$n"); do cat "$work/$run.$i"; done | sort -n | sed -n "$(((n + 1) / 2))p" >"$work/$run"
  for i in $(seq "$n"); do cut -d' ' -f1 "$work/$run.$i"; done | paste -sd' ' | sed 's/ /, /g' >"$work/$run.walls"
}
for run in r1 b1 s1; do
  if [[ -f $work/$run.1 ]]; then median_of "$run" "$rounds"; fi
done
# The ratio each round gave, Relocator's wall over skopeo's in the same round.
round_ratios=$(for i in $(seq "$rounds"); do
  python3 -c "print(f'{$(cut -d' ' -f1 "$work/r1.$i") / $(cut -d' ' -f1 "$work/s1.$i"):.2f}x')"
done | paste -sd' ' | sed 's/ /, /g')

# Re-runs are short and the machine noisy: five rounds, the tools in turn, the median by wall of each.
for round in 1 2 3 4 5; do
  timed "$work/r2.$round" java "${java_flags[@]}" -cp "$cli" dev.relocator.cli.Main mirror --images "$work/images.txt" --to "$dst_r" "${insecure[@]}" \
    >/dev/null 2>&1
  # The same through the launcher, as a user runs it (its bash, staleness check and own flags included).
  timed "$work/r2l.$round" "$root/relocator" mirror --images "$work/images.txt" --to "$dst_r" "${insecure[@]}" >/dev/null 2>&1
  if [[ -n $baseline ]]; then
    timed "$work/b2.$round" "${baseline_cmd[@]}" mirror --images "$work/images.txt" --to "$dst_0" \
      "${insecure[@]}" >/dev/null 2>&1
  fi
  timed "$work/s2.$round" bash -c skopeo_loop
done
for run in r2 r2l b2 s2; do
  if [[ -f $work/$run.1 ]]; then median_of "$run" 5; fi
done

# Floors for the re-run: the least a JVM does for it (dev.relocator.bench.UpToDateFloor: a GET and a
# HEAD per image, nothing else) through each JDK HTTP client, with C1 and a static archive, median
# of 5 runs; and a loop of curl doing the same two requests per image.
floor_flags=(-XX:+UseSerialGC -XX:TieredStopAtLevel=1 --add-opens java.net.http/jdk.internal.net.http=ALL-UNNAMED)
for client in httpclient urlconnection; do
  java "${floor_flags[@]}" -XX:DumpLoadedClassList="$work/floor-$client.classes" -cp "$workload" \
    dev.relocator.bench.UpToDateFloor "$src" "$dst_r" "$count" "$client" >/dev/null
  java "${floor_flags[@]}" -Xshare:dump -XX:SharedClassListFile="$work/floor-$client.classes" \
    -XX:SharedArchiveFile="$work/floor-$client.jsa" -cp "$workload" >/dev/null 2>&1
  for i in 1 2 3 4 5; do
    timed "$work/floor-$client.$i" java "${floor_flags[@]}" -XX:SharedArchiveFile="$work/floor-$client.jsa" -cp "$workload" \
      dev.relocator.bench.UpToDateFloor "$src" "$dst_r" "$count" "$client" >/dev/null
  done
  cat "$work/floor-$client".[1-5] | sort -n | sed -n 3p >"$work/floor-$client"
done
curl_loop() {
  local i
  for i in $(seq 0 $((count - 1))); do
    curl -sf -o /dev/null -H "Accept: application/vnd.oci.image.index.v1+json" "http://$src/v2/bench/app-$i/manifests/1.0"
    curl -sf -o /dev/null -I -H "Accept: application/vnd.oci.image.index.v1+json" "http://$dst_r/v2/bench/app-$i/manifests/1.0"
  done
}
export -f curl_loop
export dst_r
timed "$work/floor-curl" bash -c curl_loop

# Floors for the copy: the least a JVM does for it (dev.relocator.bench.CopyFloor: the manifests' GETs,
# one POST and one streamed PUT per blob not yet sent in the run, a mount for a blob another
# repository got first, the manifests' PUTs; nothing else) through each JDK HTTP client, with C1 and
# a static archive (trained on 2 images into a registry of its own), each run into a fresh registry,
# the clients alternating, median of 3 by wall time. Each floor target is checked (every index by
# tag, digest as the source's) and its storage deleted at once: on this VM, once the page cache holds
# more than about 4 GB, a registry spends half as much CPU again on the same copy (a third floor
# round used to run there).
copy_floor_flags=("${floor_flags[@]}" -Djdk.httpclient.bufsize=1048576)
index_digest() {
  curl -sfI -H "Accept: application/vnd.oci.image.index.v1+json" "http://$1/v2/bench/app-$2/manifests/1.0" |
    tr -d '\r' | sed -n 's/^docker-content-digest: //ip'
}
check_and_drop() {
  local i want got
  for i in $(seq 0 $((count - 1))); do
    want=$(index_digest "$src" "$i") got=$(index_digest "$1" "$i")
    [[ -n $want && $got == "$want" ]] || { echo "copy floor: index digest for app-$i at $1 is '$got', not '$want'" >&2; exit 1; }
  done
  rm -rf "$work/$2/storage"
}
for client in httpclient urlconnection; do
  start_registry "copy-floor-training-$client"
  java "${copy_floor_flags[@]}" -XX:DumpLoadedClassList="$work/copy-floor-$client.classes" -cp "$workload" \
    dev.relocator.bench.CopyFloor "$src" "$registry" 2 "$client" >/dev/null
  java "${copy_floor_flags[@]}" -Xshare:dump -XX:SharedClassListFile="$work/copy-floor-$client.classes" \
    -XX:SharedArchiveFile="$work/copy-floor-$client.jsa" -cp "$workload" >/dev/null 2>&1
done
for i in 1 2 3; do
  for client in httpclient urlconnection; do
    start_registry "copy-floor-$client-$i"
    settle; timed "$work/copy-floor-$client.$i" java "${copy_floor_flags[@]}" -XX:SharedArchiveFile="$work/copy-floor-$client.jsa" \
      -cp "$workload" dev.relocator.bench.CopyFloor "$src" "$registry" "$count" "$client" >"$work/copy-floor-$client.$i.log"
    check_and_drop "$registry" "copy-floor-$client-$i"
  done
done
for client in httpclient urlconnection; do
  cat "$work/copy-floor-$client".[1-3] | sort -n | sed -n 2p >"$work/copy-floor-$client"
  cat "$work/copy-floor-$client".[1-3] | sort -n | awk '{printf "%s%s", (NR > 1 ? ", " : ""), $1}' >"$work/copy-floor-$client.walls"
done

# Same digests everywhere, per skopeo.
for i in $(seq 0 $((count - 1))); do
  want=$(skopeo inspect --raw --tls-verify=false "docker://$src/bench/app-$i:1.0" | sha256sum | cut -c1-64)
  for dst in "$dst_r" "$dst_s" ${dst_0:+"$dst_0"}; do
    got=$(skopeo inspect --raw --tls-verify=false "docker://$dst/bench/app-$i:1.0" | sha256sum | cut -c1-64)
    [[ $got == "$want" ]] || { echo "digest mismatch for app-$i at $dst (relocator $dst_r, skopeo $dst_s): $got != $want" >&2; exit 1; }
  done
done

echo "peak RSS with a $big MiB layer..." >&2
java -cp "$workload" dev.relocator.bench.MirrorWorkload "$work/big" big "$big"
relocator mirror --from "oci:$work/big" --to "$src" "${insecure[@]}" >/dev/null 2>&1
start_registry big-target; dst_b=$registry
timed "$work/rb" java "${java_flags[@]}" -cp "$cli" dev.relocator.cli.Main mirror --images <(echo "$src/bench/big:1.0") --to "$dst_b" \
  --insecure-registry "$src" --insecure-registry "$dst_b" >/dev/null 2>&1

read -r r1 r1rss r1u r1s r1reg <"$work/r1"; read -r s1 s1rss s1u s1s s1reg <"$work/s1"
read -r r2 r2rss r2u r2s r2reg <"$work/r2"; read -r s2 s2rss s2u s2s s2reg <"$work/s2"
read -r r2l r2lrss r2lu r2ls r2lreg <"$work/r2l"
read -r rb rbrss rbu rbs rbreg <"$work/rb"
cpu() { python3 -c "print(f'{$1 + $2:.2f}s')"; }
ratio() { python3 -c "print(f'{$1 / $2:.2f}x')"; }
mib() { echo "$(($1 / 1024)) MiB"; }

cat <<EOF
Workload: $count two-platform images (linux/amd64, linux/arm64), $unique_mib MiB of unique layers
(one $base MiB base layer shared by all, one $layer MiB layer per platform), registry to registry on loopback.
Relocator: \`java ${java_flags[*]} -cp relocator.jar dev.relocator.cli.Main mirror --images FILE --to REGISTRY\` (--jobs 4);
skopeo: \`skopeo copy --all\` per image, one process per image.

| run | Relocator | skopeo loop | Relocator / skopeo |
|---|---|---|---|
| copy (wall, median of $rounds rounds) | ${r1}s | ${s1}s | $(ratio "$r1" "$s1") |
| copy, each round (wall; ratio) | $(cat "$work/r1.walls") | $(cat "$work/s1.walls") | $round_ratios |
| re-run, nothing to copy (wall, median of 5) | ${r2}s | ${s2}s | $(ratio "$r2" "$s2") |
| re-run through \`./relocator\` (wall) | ${r2l}s | ${s2}s | $(ratio "$r2l" "$s2") |
| copy (CPU user+sys of the tool) | $(cpu "$r1u" "$r1s") | $(cpu "$s1u" "$s1s") | |
| re-run (CPU user+sys of the tool) | $(cpu "$r2u" "$r2s") | $(cpu "$s2u" "$s2s") | |
| copy (CPU of the two registries) | ${r1reg}s | ${s1reg}s | |
| re-run (CPU of the two registries) | ${r2reg}s | ${s2reg}s | |
| copy (peak RSS) | $(mib "$r1rss") | $(mib "$s1rss") | |
| one image with a $big MiB layer (peak RSS) | $(mib "$rbrss") (${rb}s) | | |
EOF
read -r fh fhrss fhu fhs fhreg <"$work/floor-httpclient"; read -r fu furss fuu fus fureg <"$work/floor-urlconnection"
read -r fc fcrss fcu fcs fcreg <"$work/floor-curl"
cat <<EOF

Floors for the re-run (the same GET and HEAD per image and nothing else; JVMs with C1 and a static
archive, median of 5):

| re-run floor | wall | CPU user+sys | / skopeo re-run |
|---|---|---|---|
| JVM, java.net.http (UpToDateFloor) | ${fh}s | $(cpu "$fhu" "$fhs") | $(ratio "$fh" "$s2") |
| JVM, HttpURLConnection (UpToDateFloor) | ${fu}s | $(cpu "$fuu" "$fus") | $(ratio "$fu" "$s2") |
| curl, one process per request | ${fc}s | $(cpu "$fcu" "$fcs") | $(ratio "$fc" "$s2") |
EOF
read -r ch chrss chu chs chreg <"$work/copy-floor-httpclient"; read -r cu currss cuu cus cureg <"$work/copy-floor-urlconnection"
cat <<EOF

Floors for the copy (CopyFloor: the same manifests and blobs, each blob sent once and mounted into
the other repositories, no HEADs, no retries, no probe; JVMs with C1 and a static archive, each run
into a fresh registry, median of 3 by wall; the walls of all 3 in brackets):

| copy, $unique_mib MiB | wall | CPU user+sys of the tool | CPU of the two registries | peak RSS | / skopeo copy |
|---|---|---|---|---|---|
| Relocator (above) | ${r1}s | $(cpu "$r1u" "$r1s") | ${r1reg}s | $(mib "$r1rss") | $(ratio "$r1" "$s1") |
| JVM, java.net.http (CopyFloor) | ${ch}s ($(cat "$work/copy-floor-httpclient.walls")) | $(cpu "$chu" "$chs") | ${chreg}s | $(mib "$chrss") | $(ratio "$ch" "$s1") |
| JVM, HttpURLConnection (CopyFloor) | ${cu}s ($(cat "$work/copy-floor-urlconnection.walls")) | $(cpu "$cuu" "$cus") | ${cureg}s | $(mib "$currss") | $(ratio "$cu" "$s1") |
| skopeo loop (above) | ${s1}s | $(cpu "$s1u" "$s1s") | ${s1reg}s | $(mib "$s1rss") | 1.00x |
EOF
if [[ -n $baseline ]]; then
  read -r b1 b1rss b1u b1s b1reg <"$work/b1"; read -r b2 b2rss b2u b2s b2reg <"$work/b2"
  cat <<EOF

Baseline in the same run: \`${baseline_cmd[*]}\`.

| run | baseline | baseline / skopeo | Relocator / baseline |
|---|---|---|---|
| copy (wall, median of $rounds rounds) | ${b1}s | $(ratio "$b1" "$s1") | $(ratio "$r1" "$b1") |
| copy, each round (wall) | $(cat "$work/b1.walls") | | |
| re-run, nothing to copy (wall) | ${b2}s | $(ratio "$b2" "$s2") | $(ratio "$r2" "$b2") |
| copy (CPU user+sys of the tool) | $(cpu "$b1u" "$b1s") | | |
| re-run (CPU user+sys of the tool) | $(cpu "$b2u" "$b2s") | | |
| copy (CPU of the two registries) | ${b1reg}s | | |
| copy (peak RSS) | $(mib "$b1rss") | | |
EOF
fi
