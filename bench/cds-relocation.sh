#!/usr/bin/env bash
# Where the time before main goes with a start-up archive: the JVM's own start-up phases
# (-Xlog:startuptime: "Genesis" maps the archive and, when it maps it at another address than the
# one it was written for, relocates every pointer in it; "Create VM" is the whole JVM start) for
# the floor's archive (bench/target/startup/floor.jsa, from bench/vector-resolve-walltime.sh) and
# the launcher's two (relocator-cli/target/relocator-light.jsa and relocator.jsa, from
# ./relocator), each with the JDK's default ArchiveRelocationMode (Debian's JDK 17: 1, always at a
# random address) and with 0 (at the address it was written for, when free). Runs alternate;
# prints medians in ms. Run bench/vector-resolve-walltime.sh first.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=$root/bench/target/startup
jar=$root/relocator-cli/target/relocator.jar
floor_cp=$out/floor.jar:$(ls "$out"/lib/snakeyaml-[0-9]*.jar)
for f in "$out/floor.jsa" "$root/relocator-cli/target/relocator-light.jsa" "$root/relocator-cli/target/relocator.jsa"; do
  [[ -f $f ]] || { echo "no $f: run bench/vector-resolve-walltime.sh first" >&2; exit 1; }
done
declare -A runs=(
  [floor]="-XX:SharedArchiveFile=$out/floor.jsa -cp $floor_cp dev.relocator.bench.YamlFloor hello"
  [light]="-XX:SharedArchiveFile=$root/relocator-cli/target/relocator-light.jsa -cp $jar dev.relocator.cli.Main --version"
  [full]="-XX:SharedArchiveFile=$root/relocator-cli/target/relocator.jsa -cp $jar dev.relocator.cli.Main --version")
for _ in $(seq "${RUNS:-15}"); do
  for mode in 1 0; do
    for name in floor light full; do
      # shellcheck disable=SC2086 # word lists
      java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:+UnlockDiagnosticVMOptions -XX:ArchiveRelocationMode=$mode \
        -Xshare:on -Xlog:startuptime ${runs[$name]} 2>&1 |
        awk -v k="$name, mode $mode" '/Genesis/ {g = $(NF - 1)} /Create VM/ {c = $(NF - 1)} END {print k "|" g * 1000 "|" c * 1000}'
    done
  done
done | python3 -c '
import collections, statistics, sys
rows = collections.defaultdict(list)
for line in sys.stdin:
    key, genesis, create = line.strip().split("|")
    rows[key].append((float(genesis), float(create)))
with open("/proc/loadavg") as f:
    load = " ".join(f.read().split()[:3])
print(f"JVM start-up phases, medians over {len(next(iter(rows.values())))} alternating runs, ms; load average {load}")
print("%-16s %8s %10s" % ("archive", "Genesis", "Create VM"))
for key in sorted(rows):
    print("%-16s %8.1f %10.1f" % (key, statistics.median(r[0] for r in rows[key]), statistics.median(r[1] for r in rows[key])))
'
for f in "$out/floor.jsa" "$root/relocator-cli/target/relocator-light.jsa" "$root/relocator-cli/target/relocator.jsa"; do
  echo "$(basename "$f"): $(($(stat -c %s "$f") / 1048576)) MB"
done
