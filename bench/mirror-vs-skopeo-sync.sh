#!/usr/bin/env bash
# Relocator's mirror next to ONE `skopeo sync --all --src yaml` process, in one run, on loopback
# registries (Debian's docker-registry). One skopeo process is the fair peer of one Relocator
# process: both keep their connections and what they learnt (skopeo's blob-info cache) for the
# whole list, where a loop of `skopeo copy` (bench/mirror-vs-skopeo.sh) starts over per image.
#
# Workloads:
#   WORKLOAD=big (default): the images of bench/mirror-vs-skopeo.sh (COUNT=20 two-platform images;
#     one 50 MiB base layer shared by all, one 12 MiB layer per platform; MirrorWorkload), pushed
#     into the source registry from an OCI layout by Relocator.
#   WORKLOAD=small: COUNT=500 small distinct images (a shared base layer and a LAYER_KIB=16 layer of
#     each image's own), seeded through the registry API by bench/registry-images.py.
# Steps:
#   1. cold copies in COPY_ROUNDS rounds (default 6, 4 for small): in each, every tool copies into
#      a fresh registry, the tools taking turns (in an order that changes by round, see order()),
#      each after `sync` and dropping the page cache, skopeo after deleting its blob-info cache
#      (else it mounts blobs it saw in an earlier round);
#   2. re-runs with nothing to copy, RERUN_ROUNDS rounds (as many) into the last round's targets;
#   3. every target checked: each image has the source's digest;
#   4. floors (FLOORS=0 skips them), the least any client does for the same work, in the same run:
#      - re-run: the requests Relocator's re-run sends per up-to-date image (counted in the
#        registries' access logs: a source manifest GET and a target manifest HEAD; with
#        `--referrers all` also the source's tag list, one repository per image here), sent by a
#        bare JVM on OkHttp, Relocator's HTTP library (dev.relocator.bench.UpToDateFloor, four
#        images at a time, C1, serial GC and a static archive as the launcher uses), and by one curl
#        process (`--parallel --parallel-max 4` over a URL config, so curl starts once; `--retry 2`), each
#        without and with the tag list, FLOOR_ROUNDS rounds (default: as many as the re-run's);
#      - copy: dev.relocator.bench.CopyFloor on OkHttp (the same manifests and blobs, each blob
#        sent once and mounted elsewhere; no HEADs) into a fresh registry, COPY_FLOOR_ROUNDS rounds
#        (default 3, at most the copy's).
# Medians by wall, ratios to skopeo, Relocator's peak RSS and the floors are printed as Markdown.
#
# Relocator runs through its launcher (./relocator with its own JVM flags and start-up archive,
# its default --jobs), as users run it. RELOCATOR=PATH picks the launcher (default: this
# checkout's); RELOCATOR_BEFORE=PATH adds a second one (another checkout's ./relocator) to the
# same rounds and reports each build's ratios to skopeo and after/before.
#
# Usage: [WORKLOAD=big|small] [COUNT=N] [LAYER_KIB=16] [COPY_ROUNDS=N] [RERUN_ROUNDS=N]
#        [FLOORS=0] [FLOOR_ROUNDS=N] [COPY_FLOOR_ROUNDS=N]
#        [RELOCATOR=PATH] [RELOCATOR_BEFORE=PATH] [KEEP=1] bench/mirror-vs-skopeo-sync.sh
# Needs docker-registry, skopeo, GNU time, python3, curl (and, for WORKLOAD=big or the floors,
# Maven to build the bench module once). Must run as root to clear skopeo's cache and the page cache.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

workload=${WORKLOAD:-big}
case $workload in
  big) count=${COUNT:-20} copy_rounds=${COPY_ROUNDS:-6} rerun_rounds=${RERUN_ROUNDS:-6}
    # Targets of issue 14 (same machine, same run): copy, re-run, peak RSS (MiB; none here).
    target_copy=0.5 target_rerun=1.0 target_rss_mib= ;;
  small) count=${COUNT:-500} copy_rounds=${COPY_ROUNDS:-4} rerun_rounds=${RERUN_ROUNDS:-4}
    # 300 MB = 286 MiB.
    target_copy=0.3 target_rerun=0.25 target_rss_mib=286 ;;
  *) echo "mirror-vs-skopeo-sync: WORKLOAD must be big or small, not '$workload'" >&2; exit 2 ;;
esac
layer_kib=${LAYER_KIB:-16}
floor_rounds=${FLOOR_ROUNDS:-$rerun_rounds}
copy_floor_rounds=${COPY_FLOOR_ROUNDS:-$((copy_rounds < 3 ? copy_rounds : 3))}
bench_jar=$root/bench/target/benchmarks.jar
skopeo_cache=/var/lib/containers/cache/blob-info-cache-v1.boltdb

# The tools under test: a name each and, for Relocator's, the launcher.
declare -A launcher=([relocator]=${RELOCATOR:-$root/relocator})
tools=(relocator)
if [[ -n ${RELOCATOR_BEFORE:-} ]]; then
  launcher[before]=$RELOCATOR_BEFORE
  tools+=(before)
fi
tools+=(skopeo)

work=$(mktemp -d /tmp/relocator-bench-sync.XXXXXX)
declare -A registry_pid=() registry_addr=()
running=() # the timed command's GNU time and its child, while one runs

cleanup() {
  local pid
  for pid in "${running[@]}" "${registry_pid[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [[ -n ${KEEP:-} ]]; then echo "kept $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

check_tools() {
  local tool
  for tool in /usr/bin/docker-registry /usr/bin/skopeo /usr/bin/time python3 pgrep curl "${launcher[@]}"; do
    command -v "$tool" >/dev/null || { echo "mirror-vs-skopeo-sync: $tool is missing (scripts/ensure-test-tools.sh)" >&2; exit 2; }
  done
  if [[ $(id -u) -ne 0 ]]; then
    echo "mirror-vs-skopeo-sync: must run as root, to clear $skopeo_cache and the page cache between rounds" >&2
    exit 2
  fi
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# start_registry NAME: a registry with fresh storage on a free loopback port, as registry_addr[NAME].
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
  registry_pid[$name]=$!
  registry_addr[$name]=127.0.0.1:$port
  for _ in $(seq 200); do
    if curl -sf -o /dev/null "http://127.0.0.1:$port/v2/"; then return; fi
    sleep 0.05
  done
  echo "mirror-vs-skopeo-sync: registry $name did not start (log: $(head -c 300 "$work/$name/log"))" >&2
  exit 1
}

# stop_registry NAME: stops it and deletes its storage, so disk and page cache do not grow by round.
stop_registry() {
  local name=$1
  kill "${registry_pid[$name]}" 2>/dev/null || true
  wait "${registry_pid[$name]}" 2>/dev/null || true
  unset "registry_pid[$name]"
  rm -rf "${work:?}/$name/storage"
}

# CPU ticks (user + system) the named registries have used so far.
registry_ticks() {
  local name ticks=0
  local -a stat
  for name in "$@"; do
    read -r -a stat <"/proc/${registry_pid[$name]}/stat"
    ticks=$((ticks + stat[13] + stat[14]))
  done
  echo "$ticks"
}

# settle: writes back what earlier steps wrote and empties the page cache: a copy writes as much
# again as it reads, and a registry spends more CPU on a copy once the page cache is large, so
# without it a later tool in a round would pay for the earlier ones.
settle() {
  sync
  echo 1 >/proc/sys/vm/drop_caches
}

# timed OUT "REGISTRY..." CMD...: runs CMD (stdout and stderr to OUT.log) and writes to OUT
# "wall_s max_rss_kib user_s sys_s registries_cpu_s jvm_hwm_kib exe", where max_rss is GNU time's
# maximum resident set of CMD's process and registries_cpu what the named registries spent
# meanwhile. The launcher execs java, so CMD's process is the JVM by the end; the last executable
# and its VmHWM are sampled from /proc (every 0.25 s) to show that the peak is the JVM's and not the
# launcher's bash. A failing CMD stops the script.
timed() {
  local out=$1 registries=$2 before after time_pid child='' exe='' hwm=0 state key value rc=0
  shift 2
  read -r -a registries <<<"$registries"
  before=$(registry_ticks "${registries[@]}")
  /usr/bin/time -f "%e %M %U %S" -o "$out" "$@" >"$out.log" 2>&1 &
  time_pid=$!
  running=("$time_pid")
  # Until GNU time exits (bash reaps it at once, so its /proc entry goes, or shows it a zombie).
  while { read -r _ _ state _ <"/proc/$time_pid/stat"; } 2>/dev/null && [[ $state != Z ]]; do
    if [[ -z $child ]]; then
      child=$(pgrep -P "$time_pid" | head -1 || true)
      if [[ -n $child ]]; then running+=("$child"); fi
    fi
    if [[ -n $child ]]; then
      [[ $exe == */java ]] || exe=$(readlink "/proc/$child/exe" 2>/dev/null || echo "$exe")
      while read -r key value _; do
        if [[ $key == VmHWM: ]]; then hwm=$value; fi
      done 2>/dev/null <"/proc/$child/status" || true
    fi
    sleep 0.25
  done
  wait "$time_pid" || rc=$?
  running=()
  if ((rc != 0)); then
    echo "mirror-vs-skopeo-sync: '$*' failed ($rc); its output:" >&2
    tail -20 "$out.log" >&2
    exit 1
  fi
  after=$(registry_ticks "${registries[@]}")
  sed -i "\$s|\$| $(awk -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.2f", t / hz }') $hwm ${exe:-?}|" "$out"
}

# run_tool OUT TOOL TARGET: TOOL copies every image into registry TARGET, timed into OUT.
run_tool() {
  local out=$1 tool=$2 target=$3 dst=${registry_addr[$3]}
  if [[ $tool == skopeo ]]; then
    # A YAML source names the tags, so nothing is listed; the target keeps the repository's last
    # path component only, hence /bench (the images are bench/NAME).
    timed "$out" "source $target" skopeo sync --all --src yaml --dest docker --dest-tls-verify=false \
      "$work/sync.yaml" "$dst/bench"
  else
    timed "$out" "source $target" "${launcher[$tool]}" mirror --images "$work/images.txt" --to "$dst" \
      --insecure-registry "$src" --insecure-registry "$dst"
  fi
}

build_bench() { # rebuilt when a source is newer: an older jar may lack a floor's client or arguments
  if [[ ! -f $bench_jar || -n $(find "$root/bench/src" "$root"/relocator-*/src -name '*.java' -newer "$bench_jar" -print -quit) ]]; then
    (cd "$root" && mvn -B -q -ntp -pl bench -am package -DskipTests)
  fi
}

# seed: the workload into the source registry, and the image list each tool is given.
seed() {
  local i
  case $workload in
    big)
      build_bench
      java -cp "$bench_jar" dev.relocator.bench.MirrorWorkload "$work/layout" multi "$count" 50 12
      "${launcher[relocator]}" mirror --from "oci:$work/layout" --to "$src" --insecure-registry "$src" >"$work/seed.log" 2>&1
      rm -rf "$work/layout"
      prefix=bench/app-
      for i in $(seq 0 $((count - 1))); do echo "$prefix$i"; done >"$work/names.txt"
      describe="$count two-platform images (linux/amd64, linux/arm64) of bench/mirror-vs-skopeo.sh: one 50 MiB base
layer shared by all, one 12 MiB layer per platform ($((50 + 2 * count * 12)) MiB of unique layers)" ;;
    small)
      python3 "$root/bench/registry-images.py" seed "$src" "$count" "$layer_kib"
      prefix=bench/small-
      for i in $(seq 0 $((count - 1))); do echo "$prefix$i"; done >"$work/names.txt"
      describe="$count small distinct single-platform images (OCI manifest, config, one small base layer
shared by all, one ${layer_kib} KiB layer of each image's own), seeded through the registry API" ;;
  esac
  sed "s|^|$src/|; s|\$|:1.0|" "$work/names.txt" >"$work/images.txt"
  {
    echo "$src:"
    echo "  tls-verify: false"
    echo "  images:"
    sed 's|^\(.*\)$|    \1: ["1.0"]|' "$work/names.txt"
  } >"$work/sync.yaml"
}

# check_targets REGISTRY...: each holds every image with the source's digest.
check_targets() {
  local name addrs=()
  for name in "$@"; do addrs+=("${registry_addr[$name]}"); done
  python3 "$root/bench/registry-images.py" check "$src" "$work/images.txt" "${addrs[@]}"
}

# order ROUND: the tools in this round's order. A plain rotation keeps each tool behind the same
# other: with it, of two identical builds the one that always ran first or right after skopeo was
# the slower in 12 of 14 rounds. So odd rounds rotate the list and even rounds run the same
# rotation backwards: over 2 x (number of tools) rounds, each tool runs in each place and after
# each other tool equally often.
order() {
  local by=$(((($1 - 1) / 2) % ${#tools[@]})) i
  local -a turn=("${tools[@]:by}" "${tools[@]:0:by}")
  if (($1 % 2 == 0)); then
    for ((i = ${#turn[@]} - 1; i >= 0; i--)); do printf '%s ' "${turn[i]}"; done
  else
    printf '%s ' "${turn[@]}"
  fi
}

# cold_rounds: the copies, each tool into a fresh registry; the last round's targets stay.
cold_rounds() {
  local round tool
  for round in $(seq "$copy_rounds"); do
    for tool in $(order "$round"); do
      start_registry "$tool-$round"
      settle
      if [[ $tool == skopeo ]]; then rm -f "$skopeo_cache"; fi
      run_tool "$work/copy.$tool.$round" "$tool" "$tool-$round"
      echo "  round $round: $tool $(cut -d' ' -f1 "$work/copy.$tool.$round") s (load average $(cut -d' ' -f1 /proc/loadavg))" >&2
    done
    if ((round < copy_rounds)); then
      for tool in "${tools[@]}"; do stop_registry "$tool-$round"; done
    fi
  done
}

# rerun_rounds: every tool again into its last round's target, where nothing is missing.
rerun_rounds() {
  local round tool
  for round in $(seq "$rerun_rounds"); do
    for tool in $(order "$round"); do
      run_tool "$work/rerun.$tool.$round" "$tool" "$tool-$copy_rounds"
    done
  done
}

# median PHASE TOOL ROUNDS: the median round's line by wall (the lower middle of an even count).
median() {
  local i
  for i in $(seq "$3"); do cat "$work/$1.$2.$i"; done | sort -n | sed -n "$((($3 + 1) / 2))p"
}
# fields PHASE TOOL ROUNDS N: field N of every round, in round order, comma-separated.
fields() {
  local i
  for i in $(seq "$3"); do cut -d' ' -f"$4" "$work/$1.$2.$i"; done | paste -sd, | sed 's/,/, /g'
}
# peak PHASE TOOL ROUNDS N: the largest field N over the rounds.
peak() {
  local i
  for i in $(seq "$3"); do cut -d' ' -f"$4" "$work/$1.$2.$i"; done | sort -n | tail -1
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2fx", a / b }'; }
mib() { echo "$(($1 / 1024)) MiB"; }
# met VALUE TARGET: yes or no.
met() { awk -v v="$1" -v t="$2" 'BEGIN { print (v <= t ? "yes" : "no") }'; }
# round_ratios PHASE TOOL ROUNDS [OTHER]: TOOL's wall over OTHER's (default skopeo) in each round.
round_ratios() {
  local i
  for i in $(seq "$3"); do
    ratio "$(cut -d' ' -f1 "$work/$1.$2.$i")" "$(cut -d' ' -f1 "$work/$1.${4:-skopeo}.$i")"
    echo
  done | paste -sd, | sed 's/,/, /g'
}
# median_ratio PHASE TOOL ROUNDS [OTHER]: the median of round_ratios. A round's tools run minutes
# apart at most, so on a machine whose load drifts this pairing is steadier than a ratio of medians.
median_ratio() {
  round_ratios "$@" | tr -d ' x' | tr ',' '\n' | sort -n | sed -n "$((($3 + 1) / 2))p" | sed 's/$/x/'
}

# describe_launcher TOOL: the launcher's path and its checkout's commit.
describe_launcher() {
  local dir commit
  dir=$(dirname "${launcher[$1]}")
  commit=$(git -C "$dir" describe --always --dirty 2>/dev/null || echo "unknown commit")
  echo "\`${launcher[$1]}\` ($commit)"
}

# cells PHASE ROUNDS FUNCTION: a table cell per tool, FUNCTION PHASE TOOL ROUNDS printing it, then
# an empty cell per ratio column.
cells() {
  local tool
  for tool in "${tools[@]}"; do printf '%s | ' "$("$3" "$1" "$tool" "$2")"; done
  for tool in "${tools[@]}"; do [[ $tool == skopeo ]] || printf ' | '; done
}
wall_of() { local wall; read -r wall _ <<<"$(median "$1" "$2" "$3")"; echo "$wall"; }
walls_of() { fields "$1" "$2" "$3" 1; }
cpu_of() { local u s; read -r _ _ u s _ <<<"$(median "$1" "$2" "$3")"; awk -v u="$u" -v s="$s" 'BEGIN { printf "%.2fs", u + s }'; }
registries_cpu_of() { local cpu; read -r _ _ _ _ cpu _ <<<"$(median "$1" "$2" "$3")"; echo "${cpu}s"; }
rss_of() { mib "$(peak "$1" "$2" "$3" 2)"; }

# rows PHASE ROUNDS LABEL TARGET: the phase's rows of the table.
rows() {
  local phase=$1 rounds=$2 label=$3 target=$4 tool
  local -A wall=()
  for tool in "${tools[@]}"; do wall[$tool]=$(wall_of "$phase" "$tool" "$rounds"); done
  printf '| %s (wall, median) | ' "$label"
  for tool in "${tools[@]}"; do printf '%ss | ' "${wall[$tool]}"; done
  for tool in "${tools[@]}"; do [[ $tool == skopeo ]] || printf '**%s** | ' "$(ratio "${wall[$tool]}" "${wall[skopeo]}")"; done
  echo "${target}x |"
  printf '| %s, each round (wall s; ratio) | ' "$label"
  for tool in "${tools[@]}"; do printf '%s | ' "$(walls_of "$phase" "$tool" "$rounds")"; done
  for tool in "${tools[@]}"; do [[ $tool == skopeo ]] || printf '%s | ' "$(round_ratios "$phase" "$tool" "$rounds")"; done
  echo ' |'
  printf '| %s, median of the rounds'"'"' ratios | ' "$label"
  for _ in "${tools[@]}"; do printf ' | '; done
  for tool in "${tools[@]}"; do [[ $tool == skopeo ]] || printf '%s | ' "$(median_ratio "$phase" "$tool" "$rounds")"; done
  echo ' |'
  echo "| $label (CPU user+sys of the tool, median round) | $(cells "$phase" "$rounds" cpu_of) |"
  echo "| $label (CPU of source and target registry, median round) | $(cells "$phase" "$rounds" registries_cpu_of) |"
  if [[ $phase == copy ]]; then target=${target_rss_mib:+$target_rss_mib MiB}; else target=; fi
  echo "| $label (peak RSS, largest round) | $(cells "$phase" "$rounds" rss_of) $target |"
}

# verdicts: each Relocator's ratios against the targets, and whose peak RSS was measured.
verdicts() {
  local tool copy rerun rss hwm exe i
  echo "Against the targets (copy at most ${target_copy}x, re-run at most ${target_rerun}x${target_rss_mib:+, peak RSS at most $target_rss_mib MiB}):"
  for tool in "${tools[@]}"; do
    [[ $tool == skopeo ]] && continue
    copy=$(ratio "$(wall_of copy "$tool" "$copy_rounds")" "$(wall_of copy skopeo "$copy_rounds")")
    rerun=$(ratio "$(wall_of rerun "$tool" "$rerun_rounds")" "$(wall_of rerun skopeo "$rerun_rounds")")
    rss=$(peak copy "$tool" "$copy_rounds" 2)
    hwm=$(peak copy "$tool" "$copy_rounds" 6)
    exe=$(for i in $(seq "$copy_rounds"); do cut -d' ' -f7 "$work/copy.$tool.$i"; done | sort -u | paste -sd,)
    printf -- '- %s: copy %s (%s), re-run %s (%s)' "$tool" "$copy" "$(met "${copy%x}" "$target_copy")" \
      "$rerun" "$(met "${rerun%x}" "$target_rerun")"
    if [[ -n $target_rss_mib ]]; then printf ', peak RSS %s (%s)' "$(mib "$rss")" "$(met $((rss / 1024)) "$target_rss_mib")"; fi
    printf "; the timed process ended as %s, its sampled VmHWM %s.\n" "$exe" "$(mib "$hwm")"
  done
  if [[ -n ${launcher[before]:-} ]]; then
    echo
    echo "After / before (relocator / before): copy $(ratio "$(wall_of copy relocator "$copy_rounds")" "$(wall_of copy before "$copy_rounds")") by the medians, $(median_ratio copy relocator "$copy_rounds" before) by the median of the rounds' ratios ($(round_ratios copy relocator "$copy_rounds" before));"
    echo "re-run $(ratio "$(wall_of rerun relocator "$rerun_rounds")" "$(wall_of rerun before "$rerun_rounds")") by the medians, $(median_ratio rerun relocator "$rerun_rounds" before) by the median of the rounds' ratios ($(round_ratios rerun relocator "$rerun_rounds" before))."
  fi
}

# The floors' JVM flags: the launcher's (C1, serial GC), and a static archive trained on the floor.
floor_flags=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC)

# floor_archive NAME CLASS ARGS...: trains a static archive $work/NAME.jsa on one run of CLASS ARGS.
floor_archive() {
  local name=$1
  shift
  java "${floor_flags[@]}" -XX:DumpLoadedClassList="$work/$name.classes" -cp "$bench_jar" "$@" >"$work/$name.train.log" 2>&1 \
    || { echo "floor archive $name: the training run of $1 failed:" >&2; tail -n 20 "$work/$name.train.log" >&2; return 1; }
  java "${floor_flags[@]}" -Xshare:dump -XX:SharedClassListFile="$work/$name.classes" \
    -XX:SharedArchiveFile="$work/$name.jsa" -cp "$bench_jar" >"$work/$name.dump.log" 2>&1 \
    || { echo "floor archive $name: dumping $work/$name.jsa failed:" >&2; tail -n 20 "$work/$name.dump.log" >&2; return 1; }
}

# curl_config FILE TARGET TAGS: curl's config for a re-run's requests: the source manifest GETs
# (and, with TAGS=tags, the source tag lists), then the target manifest HEADs, each answer's status
# written out so that the run can be checked.
curl_config() {
  local file=$1 dst=$2 tags=$3 name accept
  accept="Accept: application/vnd.oci.image.index.v1+json,application/vnd.oci.image.manifest.v1+json"
  {
    echo "header = \"$accept\""
    echo 'write-out = "%{http_code}\n"'
    while read -r name; do
      echo "url = \"http://$src/v2/$name/manifests/1.0\""
      echo 'output = "/dev/null"'
      if [[ $tags == tags ]]; then
        echo "url = \"http://$src/v2/$name/tags/list\""
        echo 'output = "/dev/null"'
      fi
    done <"$work/names.txt"
    echo next
    echo head
    echo "header = \"$accept\""
    echo 'write-out = "%{http_code}\n"'
    while read -r name; do
      echo "url = \"http://$dst/v2/$name/manifests/1.0\""
      echo 'output = "/dev/null"'
    done <"$work/names.txt"
  } >"$file"
}

# check_curl OUT REQUESTS: curl's run answered REQUESTS times 200.
check_curl() {
  local ok
  ok=$(grep -c '^200$' "$1.log" || true)
  if ((ok != $2)); then
    echo "mirror-vs-skopeo-sync: curl floor $1: $ok of $2 requests answered 200; the others: $(grep -v '^200$' "$1.log" | sort | uniq -c | paste -sd, | head -c 300)" >&2
    exit 1
  fi
}

# rerun_floors: the re-run's floors, against the last round's Relocator target (everything up to date).
rerun_floors() {
  local target=relocator-$copy_rounds dst round variant tags per
  local -a variants=(okhttp-none okhttp-tags curl-none curl-tags) turn
  dst=${registry_addr[$target]}
  for tags in none tags; do
    curl_config "$work/curl-$tags.conf" "$dst" "$tags"
    floor_archive "uptodate-$tags" dev.relocator.bench.UpToDateFloor "$src" "$dst" 2 okhttp "$prefix" "$tags"
  done
  for round in $(seq "$floor_rounds"); do
    # Rotated by round, so that no variant always runs right after the same other.
    turn=("${variants[@]:round % 4}" "${variants[@]:0:round % 4}")
    for variant in "${turn[@]}"; do
      tags=${variant#*-}
      if [[ $variant == curl-* ]]; then
        # Retried as Relocator retries a broken connection (seen once in 1,500 requests on a loaded machine).
        # --no-progress-meter: in parallel mode -s does not hide the meter, which would mix into the statuses.
        timed "$work/floor.$variant.$round" "source $target" curl -s --no-progress-meter --retry 2 --retry-all-errors \
          --parallel --parallel-max 4 -K "$work/curl-$tags.conf"
        per=2
        if [[ $tags == tags ]]; then per=3; fi
        check_curl "$work/floor.$variant.$round" $((per * count))
      else
        timed "$work/floor.$variant.$round" "source $target" java "${floor_flags[@]}" \
          -XX:SharedArchiveFile="$work/uptodate-$tags.jsa" -Xshare:on -cp "$bench_jar" \
          dev.relocator.bench.UpToDateFloor "$src" "$dst" "$count" okhttp "$prefix" "$tags"
      fi
    done
  done
}

# copy_floors: CopyFloor on OkHttp into a fresh registry per round, each target checked.
copy_floors() {
  local round name
  start_registry copy-floor-training
  floor_archive copyfloor dev.relocator.bench.CopyFloor "$src" "${registry_addr[copy-floor-training]}" 2 okhttp "$prefix"
  stop_registry copy-floor-training
  for round in $(seq "$copy_floor_rounds"); do
    name=copy-floor-$round
    start_registry "$name"
    settle
    timed "$work/floor.copy-okhttp.$round" "source $name" java "${floor_flags[@]}" \
      -XX:SharedArchiveFile="$work/copyfloor.jsa" -Xshare:on -cp "$bench_jar" \
      dev.relocator.bench.CopyFloor "$src" "${registry_addr[$name]}" "$count" okhttp "$prefix"
    check_targets "$name"
    stop_registry "$name"
  done
}

# floor_row LABEL VARIANT ROUNDS SKOPEO_WALL: a floor's row: wall (median and each round), its CPU,
# the registries' CPU, its ratio to skopeo's wall, and the registries' CPU spread over the cores
# against skopeo's wall.
floor_row() {
  local wall u s cpu
  read -r wall _ u s cpu _ <<<"$(median floor "$2" "$3")"
  printf '| %s | %ss (%s) | %s | %ss | **%s** | %s |\n' "$1" "$wall" "$(fields floor "$2" "$3" 1)" \
    "$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.2fs", u + s }')" "$cpu" "$(ratio "$wall" "$4")" \
    "$(awk -v c="$cpu" -v n="$(nproc)" -v w="$4" 'BEGIN { printf "%.2fx", c / n / w }')"
}

floors_report() {
  local skopeo_rerun skopeo_copy tool rerun
  skopeo_rerun=$(wall_of rerun skopeo "$rerun_rounds")
  skopeo_copy=$(wall_of copy skopeo "$copy_rounds")
  cat <<EOF

Floors, in the same run (UpToDateFloor and CopyFloor: bare JVMs on OkHttp with the launcher's C1,
serial GC and a static archive; curl: one process, \`curl -s --no-progress-meter --retry 2 --retry-all-errors --parallel --parallel-max 4 -K FILE\`).
The last column is the registries' CPU spread over the machine's $(nproc) cores, against skopeo's
wall: while the registries share the machine with the client, no client's wall goes below it.

| floor | wall, median (each round) | CPU user+sys | CPU of source and target registry | / skopeo | registries' CPU / $(nproc) cores / skopeo |
|---|---|---|---|---|---|
EOF
  floor_row "re-run, GET + HEAD per image, JVM on OkHttp" okhttp-none "$floor_rounds" "$skopeo_rerun"
  floor_row "re-run, GET + tag list + HEAD per image, JVM on OkHttp" okhttp-tags "$floor_rounds" "$skopeo_rerun"
  floor_row "re-run, GET + HEAD per image, curl" curl-none "$floor_rounds" "$skopeo_rerun"
  floor_row "re-run, GET + tag list + HEAD per image, curl" curl-tags "$floor_rounds" "$skopeo_rerun"
  floor_row "copy, JVM on OkHttp (CopyFloor)" copy-okhttp "$copy_floor_rounds" "$skopeo_copy"
  echo
  echo "The floor of \`--referrers all\` / \`none\` on the re-run (the tag list added): JVM on OkHttp" \
    "$(ratio "$(wall_of floor okhttp-tags "$floor_rounds")" "$(wall_of floor okhttp-none "$floor_rounds")")," \
    "curl $(ratio "$(wall_of floor curl-tags "$floor_rounds")" "$(wall_of floor curl-none "$floor_rounds")")."
  for tool in "${tools[@]}"; do
    [[ $tool == skopeo ]] && continue
    rerun=$(wall_of rerun "$tool" "$rerun_rounds")
    echo "- $tool over the JVM floors: re-run $(ratio "$rerun" "$(wall_of floor okhttp-none "$floor_rounds")") of GET + HEAD," \
      "$(ratio "$rerun" "$(wall_of floor okhttp-tags "$floor_rounds")") of GET + tag list + HEAD;" \
      "copy $(ratio "$(wall_of copy "$tool" "$copy_rounds")" "$(wall_of floor copy-okhttp "$copy_floor_rounds")") of CopyFloor's."
  done
}

report() {
  local tool
  cat <<EOF
Workload: $describe; registry to registry on loopback.
Relocator: \`relocator mirror --images FILE --to REGISTRY --insecure-registry SOURCE --insecure-registry REGISTRY\`
through the launcher (default --jobs). skopeo: \`skopeo sync --all --src yaml --dest docker --dest-tls-verify=false FILE REGISTRY/bench\`,
one process, its blob-info cache deleted before each copy.
Copy: median of $copy_rounds rounds, each tool into a fresh registry; re-run (nothing to copy): median of $rerun_rounds rounds.
$(for tool in "${tools[@]}"; do [[ $tool == skopeo ]] || echo "- $tool: $(describe_launcher "$tool")"; done)
- $(skopeo --version)
- $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the end

| run | $(for tool in "${tools[@]}"; do printf '%s | ' "$tool"; done)$(for tool in "${tools[@]}"; do [[ $tool == skopeo ]] || printf '%s / skopeo | ' "$tool"; done)target |
|---|$(for _ in "${tools[@]}"; do printf -- '---|'; done)$(for tool in "${tools[@]}"; do [[ $tool == skopeo ]] || printf -- '---|'; done)---|
EOF
  rows copy "$copy_rounds" copy "$target_copy"
  rows rerun "$rerun_rounds" "re-run, nothing to copy" "$target_rerun"
  echo
  verdicts
  if [[ ${FLOORS:-1} != 0 ]]; then floors_report; fi
}

check_tools
# Before anything is measured: a failed build after the rounds would lose them all.
if [[ ${FLOORS:-1} != 0 ]]; then build_bench; fi
for tool in "${tools[@]}"; do
  # Untimed: a launcher builds its checkout and writes its start-up archive on first use.
  [[ $tool == skopeo ]] || "${launcher[$tool]}" --version >/dev/null
done
start_registry source; src=${registry_addr[source]}
echo "seeding $count images ($workload)..." >&2
seed
echo "copying: ${tools[*]}, $copy_rounds rounds..." >&2
cold_rounds
last_targets=()
for tool in "${tools[@]}"; do last_targets+=("$tool-$copy_rounds"); done
check_targets "${last_targets[@]}"
echo "re-runs, nothing to copy, $rerun_rounds rounds..." >&2
rerun_rounds
check_targets "${last_targets[@]}"
if [[ ${FLOORS:-1} != 0 ]]; then
  echo "floors: re-run, $floor_rounds rounds; copy, $copy_floor_rounds rounds..." >&2
  rerun_floors
  copy_floors
fi
report
