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

ms() { local start=$(date +%s%N); "$@" >/dev/null 2>&1; echo $(( ($(date +%s%N) - start) / 1000000 )); }
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2] + a[NR/2+1]) / 2)}'; }

resolve=(); version=()
for _ in $(seq "$runs"); do
  version+=("$(ms java "${flags[@]}" -version)")
  resolve+=("$(ms java "${flags[@]}" -jar "$jar" vector resolve --vector "$vector" --kubernetes-version 1.31.4 -o json)")
done
v=$(printf '%s\n' "${version[@]}" | median)
r=$(printf '%s\n' "${resolve[@]}" | median)
echo "java -version:             median ${v} ms over $runs runs"
echo "relocator vector resolve:  median ${r} ms over $runs runs (86 entries, 80 names)"
awk -v r="$r" -v v="$v" 'BEGIN {printf "ratio: %.2f\n", r / v}'
