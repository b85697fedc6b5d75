#!/usr/bin/env bash
# Side by side: the wall time of `relocator vector resolve` over the 86-entry test vector and of
# a bare `java -version`, alternating runs so machine noise hits both; prints the medians and
# their ratio. Build the jar first: mvn -B -q -o -pl relocator-cli -am package -DskipTests
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
jar=$root/relocator-cli/target/relocator.jar
vector=$root/relocator-core/src/test/resources/vector/realistic-images.yaml
runs=${RUNS:-15}
# The launcher's JVM flags (./relocator), so the figure is what users get.
flags=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto)
# CDS=1: also measure with an AppCDS archive of the classes this command loads.
cds=${CDS:-0}
archive=$root/relocator-cli/target/relocator-vector.jsa

ms() { local start=$(date +%s%N); "$@" >/dev/null 2>&1; echo $(( ($(date +%s%N) - start) / 1000000 )); }
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2] + a[NR/2+1]) / 2)}'; }

command=(vector resolve --vector "$vector" --kubernetes-version 1.31.4 -o json)
if [[ $cds == 1 ]]; then
  java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:ArchiveClassesAtExit="$archive" -jar "$jar" "${command[@]}" >/dev/null 2>&1 || true
fi
resolve=(); version=(); withcds=()
for _ in $(seq "$runs"); do
  version+=("$(ms java "${flags[@]}" -version)")
  resolve+=("$(ms java "${flags[@]}" -jar "$jar" "${command[@]}")")
  if [[ $cds == 1 ]]; then
    withcds+=("$(ms java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:SharedArchiveFile="$archive" -jar "$jar" "${command[@]}")")
  fi
done
v=$(printf '%s\n' "${version[@]}" | median)
r=$(printf '%s\n' "${resolve[@]}" | median)
echo "java -version:             median ${v} ms over $runs runs"
echo "relocator vector resolve:  median ${r} ms over $runs runs (86 entries, 80 names); ratio $(awk -v r="$r" -v v="$v" 'BEGIN {printf "%.2f", r / v}')"
if [[ $cds == 1 ]]; then
  c=$(printf '%s\n' "${withcds[@]}" | median)
  echo "  ... with AppCDS archive: median ${c} ms; ratio $(awk -v r="$c" -v v="$v" 'BEGIN {printf "%.2f", r / v}')"
fi
