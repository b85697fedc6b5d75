#!/usr/bin/env bash
# Side by side: the wall time of `relocator vector resolve` over the 86-entry test vector (80
# names, -o json), of `relocator --version` and of a bare `java -version`, each with the
# launcher's JVM flags, with and without the launcher's AppCDS archive, and through the
# `./relocator` launcher itself. Runs alternate so machine noise hits every command alike; prints
# the medians and their ratio to `java -version`. The launcher builds the jar and the archive
# first when they are missing or stale.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
jar=$root/relocator-cli/target/relocator.jar
# The launcher's archive (see ./relocator): named after the jar's path.
archive=$root/relocator-cli/target/relocator-$(printf '%s' "$jar" | cksum | cut -d' ' -f1).jsa
vector=$root/relocator-core/src/test/resources/vector/realistic-images.yaml
runs=${RUNS:-15}
# The launcher's JVM flags (./relocator), so the figures are what users get.
flags=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto)
cds=(-XX:SharedArchiveFile="$archive" -Xlog:cds*=off)
resolve=(vector resolve --vector "$vector" --kubernetes-version 1.31.4 -o json)

"$root/relocator" --version >/dev/null
[[ -f $archive ]] || { echo "no AppCDS archive at $archive; see the launcher's message" >&2; exit 1; }

ms() { local start=$(date +%s%N); "$@" >/dev/null 2>&1 || true; echo $(( ($(date +%s%N) - start) / 1000000 )); }
median() { tr ' ' '\n' | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2] + a[NR/2+1]) / 2)}'; }

labels=("java -version" "relocator --version" "relocator --version, AppCDS" "vector resolve" "vector resolve, AppCDS" "./relocator vector resolve")
declare -a times=("" "" "" "" "" "")
for _ in $(seq "$runs"); do
  times[0]+=" $(ms java "${flags[@]}" -version)"
  times[1]+=" $(ms java "${flags[@]}" -jar "$jar" --version)"
  times[2]+=" $(ms java "${flags[@]}" "${cds[@]}" -jar "$jar" --version)"
  times[3]+=" $(ms java "${flags[@]}" -jar "$jar" "${resolve[@]}")"
  times[4]+=" $(ms java "${flags[@]}" "${cds[@]}" -jar "$jar" "${resolve[@]}")"
  times[5]+=" $(ms "$root/relocator" "${resolve[@]}")"
done
base=$(echo "${times[0]}" | median)
echo "medians over $runs alternating runs; load average $(cut -d' ' -f1-3 /proc/loadavg)"
for i in "${!labels[@]}"; do
  m=$(echo "${times[$i]}" | median)
  printf '%-30s %5d ms  %5.2fx\n' "${labels[$i]}" "$m" "$(awk -v m="$m" -v b="$base" 'BEGIN {print m / b}')"
done
