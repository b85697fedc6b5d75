#!/usr/bin/env bash
# Side by side: the wall and CPU time of `relocator vector resolve` over the 86-entry test vector
# (80 names, -o json) and of `relocator --version`, against a bare `java -version`, on the ways of
# starting the CLI that issue 2's start-up target was evaluated with (docs/benchmarks.md):
#   - the shaded jar with the launcher's AppCDS archive for the light commands, started with -jar
#     and with -cp (what `./relocator` runs: -jar opens the jar for its manifest), and through
#     `./relocator` itself;
#   - the release as a user installs it (the build's relocator-VERSION.tar.gz, unpacked), its
#     bin/relocator writing its own archive into a cache directory under bench/target on first use;
#   - a thin class path (the CLI's module jar, then its cheap dependencies, then the rest) with an
#     AppCDS archive written for it, so the 36 MB shaded jar is never opened;
#   - the jar and the thin class path on JDK 25 (JDK25=..., default Temurin's) with a JEP 483/514
#     AOT cache;
#   - all of those with picocli compiled from its sources jar for release 17, when that jar is in
#     the local Maven repository: picocli's own class files are Java 5, which CDS cannot verify at
#     dump time and JDK 25 leaves out of the AOT cache;
#   - with BEFORE=DIR, another checkout's ./relocator (its jar and archive prepared first), for a
#     before and after in one run;
#   - a floor (bench/startup/YamlFloor.java): SnakeYAML loading the same vector and a hand-built
#     JSON print, nothing else, with its own archive on JDK 17 and JDK 25.
# Every JVM gets the launcher's flags. Runs alternate so machine noise hits every command alike;
# prints medians, the ratio to JDK 17's `java -version` and to the same JDK's `java -version`,
# then the phases of the resolve timed inside cold JVMs (bench/startup/StartupPhases.java).
# Artefacts go to bench/target/startup and are rebuilt when the shaded jar is newer.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=$root/bench/target/startup
jar=$root/relocator-cli/target/relocator.jar
# The launcher's archive for the light commands, vector resolve's (see ./relocator).
archive=$root/relocator-cli/target/relocator-light.jsa
vector=$root/relocator-core/src/test/resources/vector/realistic-images.yaml
runs=${RUNS:-15}
jdk25=${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}
# The launcher's JVM flags (./relocator), so the figures are what users get.
flags=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC)
resolve="vector resolve --vector $vector --kubernetes-version 1.31.4 -o json"
# The launcher's training commands (relative to the checkout).
training=(
  "--help"
  "vector resolve --vector examples/images.yaml --overwrite examples/images-overwrite.yaml --kubernetes-version 1.31.4 -o json"
  "image rewrite --rules examples/rules.yaml nginx")

mkdir -p "$out"
# The thin class path's jars: the module jar and every runtime dependency, copied after a build
# (which also writes the release archive: again when its launcher changed).
dist=$root/relocator-cli/src/main/dist/bin/relocator
if [[ ! -f $out/lib.stamp || ! -f $jar || $jar -nt $out/lib.stamp || $dist -nt $out/lib.stamp ]]; then
  echo "building the jars and copying the dependencies (a minute)..." >&2
  rm -rf "$out/lib"
  (cd "$root" && mvn -B -q -o -pl relocator-cli -am -DskipTests package dependency:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory="$out/lib") >&2
  cp "$root"/relocator-cli/target/relocator-cli-*[0-9T].jar "$out/relocator-cli.jar"
  rm -f "$out"/*.jsa "$out"/*.aot "$out/picocli-r17.jar" "$out/relocator-picocli17.jar"
  touch "$out/lib.stamp"
fi
"$root/relocator" --version >/dev/null
[[ -f $archive ]] || { echo "no AppCDS archive at $archive; see the launcher's message" >&2; exit 1; }

first=(relocator-core picocli snakeyaml jackson-core)
thin=$out/relocator-cli.jar
for name in "${first[@]}"; do thin+=:$(ls "$out/lib/$name"-[0-9]*.jar); done
for dep in "$out"/lib/*.jar; do
  [[ :$thin: == *":$dep:"* ]] || thin+=:$dep
done

# Picocli for release 17, from its sources jar, in place of picocli's own classes: a thin class
# path with it instead of picocli's jar, and a copy of the shaded jar with its classes replaced.
picocli=$(ls "$out"/lib/picocli-[0-9]*.jar)
version=$(basename "$picocli" .jar); version=${version#picocli-}
sources=${MAVEN_REPO:-$HOME/.m2/repository}/info/picocli/picocli/$version/picocli-$version-sources.jar
thin17= jar17=
if [[ -f $sources ]]; then
  if [[ ! -f $out/picocli-r17.jar || ! -f $out/relocator-picocli17.jar ]]; then
    rm -rf "$out/picocli-src" "$out/picocli-classes"
    mkdir -p "$out/picocli-src" "$out/picocli-classes"
    (cd "$out/picocli-src" && jar xf "$sources")
    # shellcheck disable=SC2046 # file names without blanks
    javac --release 17 -nowarn -d "$out/picocli-classes" $(find "$out/picocli-src" -name '*.java') 2>/dev/null
    jar cf "$out/picocli-r17.jar" -C "$out/picocli-classes" .
    cp "$jar" "$out/relocator-picocli17.jar"
    (cd "$out/picocli-classes" && jar uf "$out/relocator-picocli17.jar" picocli)
  fi
  thin17=${thin/$picocli/$out/picocli-r17.jar}
  jar17=$out/relocator-picocli17.jar
else
  echo "no $sources (mvn dependency:get -Dartifact=info.picocli:picocli:$version:jar:sources): skipping picocli for release 17" >&2
fi

# A static AppCDS archive for a class path, from the classes the training commands load.
cds() {
  local cp=$1 jsa=$2 i=0
  [[ -f $jsa ]] && return
  for command in "${training[@]}"; do
    i=$((i + 1))
    # shellcheck disable=SC2086 # the training commands are word lists
    (cd "$root" && java "${flags[@]}" -XX:DumpLoadedClassList="$jsa.$i" -cp "$cp" dev.relocator.cli.Main $command) >/dev/null 2>&1 || true
  done
  cat "$jsa".[0-9] | awk '!seen[$0]++' >"$jsa.classes" && rm -f "$jsa".[0-9]
  java "${flags[@]}" -Xshare:dump -XX:SharedClassListFile="$jsa.classes" -XX:SharedArchiveFile="$jsa" -cp "$cp" >/dev/null 2>&1
}
# A JDK 25 AOT cache for a class path, trained on resolving the example vector.
aot() {
  local cp=$1 cache=$2
  [[ -f $cache ]] && return
  # shellcheck disable=SC2086
  (cd "$root" && "$jdk25/bin/java" "${flags[@]}" -XX:AOTCacheOutput="$cache" -cp "$cp" dev.relocator.cli.Main ${training[1]}) >/dev/null 2>&1
}
# Every archive must be accepted, or its figures would be those of a run without it: the JVM
# refuses to start with -Xshare:on or -XX:AOTMode=on when it cannot use it.
accepted() { "$@" -version >/dev/null 2>&1 || { echo "refused: $*" >&2; exit 1; }; }

quiet=(-Xshare:auto -Xlog:cds*=off)
j17="java ${flags[*]}"
commands=(
  "java -version (JDK 17)|$j17 -version"
  "java -version (JDK 17, no flags)|java -version"
  "./relocator resolve|$root/relocator $resolve"
  "jar, no archive: resolve|$j17 -jar $jar $resolve"
  "jar, AppCDS: --version|$j17 ${quiet[*]} -XX:SharedArchiveFile=$archive -jar $jar --version"
  "jar, AppCDS: resolve|$j17 ${quiet[*]} -XX:SharedArchiveFile=$archive -jar $jar $resolve"
  "jar -cp, AppCDS: resolve|$j17 ${quiet[*]} -XX:SharedArchiveFile=$archive -cp $jar dev.relocator.cli.Main $resolve")
# The release, unpacked; XDG_CACHE_HOME (for every command below, read by this one only) puts its
# archive under bench/target, written by the first run here.
if [[ ! -f $out/release.stamp || $out/lib.stamp -nt $out/release.stamp ]]; then
  rm -rf "$out/release" "$out/release-cache"
  mkdir -p "$out/release"
  tar xzf "$(ls "$root"/relocator-cli/target/relocator-*.tar.gz)" -C "$out/release"
  touch "$out/release.stamp"
fi
release=$(ls -d "$out"/release/relocator-*/bin/relocator)
export XDG_CACHE_HOME=$out/release-cache
"$release" --version >/dev/null
accepted java "${flags[@]}" -Xshare:on -XX:SharedArchiveFile="$(ls "$XDG_CACHE_HOME"/relocator/*light.jsa)" \
  -cp "$(readlink -f "${release%/bin/relocator}/lib/relocator.jar")"
commands+=("release bin/relocator: resolve|$release $resolve")
if [[ -n ${BEFORE:-} ]]; then
  "$BEFORE/relocator" --version >/dev/null
  commands+=("BEFORE: ./relocator resolve|$BEFORE/relocator $resolve")
fi
accepted java "${flags[@]}" -Xshare:on -XX:SharedArchiveFile="$archive" -cp "$jar"
cds "$thin" "$out/thin.jsa"
accepted java "${flags[@]}" -Xshare:on -XX:SharedArchiveFile="$out/thin.jsa" -cp "$thin"
commands+=(
  "thin, AppCDS: --version|$j17 ${quiet[*]} -XX:SharedArchiveFile=$out/thin.jsa -cp $thin dev.relocator.cli.Main --version"
  "thin, AppCDS: resolve|$j17 ${quiet[*]} -XX:SharedArchiveFile=$out/thin.jsa -cp $thin dev.relocator.cli.Main $resolve")
if [[ -n $jar17 ]]; then
  cds "$jar17" "$out/jar-picocli17.jsa"
  cds "$thin17" "$out/thin-picocli17.jsa"
  accepted java "${flags[@]}" -Xshare:on -XX:SharedArchiveFile="$out/jar-picocli17.jsa" -cp "$jar17"
  accepted java "${flags[@]}" -Xshare:on -XX:SharedArchiveFile="$out/thin-picocli17.jsa" -cp "$thin17"
  commands+=(
    "jar, picocli 17, AppCDS: resolve|$j17 ${quiet[*]} -XX:SharedArchiveFile=$out/jar-picocli17.jsa -jar $jar17 $resolve"
    "thin, picocli 17, AppCDS: resolve|$j17 ${quiet[*]} -XX:SharedArchiveFile=$out/thin-picocli17.jsa -cp $thin17 dev.relocator.cli.Main $resolve")
fi
if [[ -x $jdk25/bin/java ]]; then
  j25="$jdk25/bin/java ${flags[*]} -XX:AOTMode=on"
  aot "$jar" "$out/jar.aot"
  aot "$thin" "$out/thin.aot"
  accepted "$jdk25/bin/java" "${flags[@]}" -XX:AOTMode=on -XX:AOTCache="$out/jar.aot" -cp "$jar"
  accepted "$jdk25/bin/java" "${flags[@]}" -XX:AOTMode=on -XX:AOTCache="$out/thin.aot" -cp "$thin"
  commands+=(
    "java -version (JDK 25)|$jdk25/bin/java ${flags[*]} -version"
    "JDK 25 jar, AOT: resolve|$j25 -XX:AOTCache=$out/jar.aot -jar $jar $resolve"
    "JDK 25 thin, AOT: resolve|$j25 -XX:AOTCache=$out/thin.aot -cp $thin dev.relocator.cli.Main $resolve")
  if [[ -n $jar17 ]]; then
    aot "$jar17" "$out/jar-picocli17.aot"
    aot "$thin17" "$out/thin-picocli17.aot"
    accepted "$jdk25/bin/java" "${flags[@]}" -XX:AOTMode=on -XX:AOTCache="$out/jar-picocli17.aot" -cp "$jar17"
    accepted "$jdk25/bin/java" "${flags[@]}" -XX:AOTMode=on -XX:AOTCache="$out/thin-picocli17.aot" -cp "$thin17"
    commands+=(
      "JDK 25 jar, picocli 17, AOT: resolve|$j25 -XX:AOTCache=$out/jar-picocli17.aot -jar $jar17 $resolve"
      "JDK 25 thin, picocli 17, AOT: resolve|$j25 -XX:AOTCache=$out/thin-picocli17.aot -cp $thin17 dev.relocator.cli.Main $resolve")
  fi
else
  echo "no JDK at $jdk25: skipping the JDK 25 runs" >&2
fi

# The floor (bench/startup/YamlFloor.java): SnakeYAML loading the same vector and a hand-built
# JSON print, nothing else; and a one-line print on the same class path. Each with an archive of
# its own, on JDK 17 and on JDK 25: no implementation on the JVM that reads the vector with a YAML
# library starts faster than these.
snakeyaml=$(ls "$out"/lib/snakeyaml-[0-9]*.jar)
if [[ ! -f $out/floor.jar || $root/bench/startup/YamlFloor.java -nt $out/floor.jar ]]; then
  rm -rf "$out/floor" "$out"/floor.jsa "$out"/floor.aot
  mkdir -p "$out/floor"
  javac --release 17 -d "$out/floor" -cp "$snakeyaml" "$root/bench/startup/YamlFloor.java"
  jar cf "$out/floor.jar" -C "$out/floor" .
fi
floor_cp=$out/floor.jar:$snakeyaml
if [[ ! -f $out/floor.jsa ]]; then
  java "${flags[@]}" -XX:DumpLoadedClassList="$out/floor.classes" -cp "$floor_cp" dev.relocator.bench.YamlFloor "$vector" >/dev/null
  java "${flags[@]}" -Xshare:dump -XX:SharedClassListFile="$out/floor.classes" -XX:SharedArchiveFile="$out/floor.jsa" \
    -cp "$floor_cp" >/dev/null 2>&1
fi
accepted java "${flags[@]}" -Xshare:on -XX:SharedArchiveFile="$out/floor.jsa" -cp "$floor_cp"
commands+=(
  "floor: print hello, AppCDS|$j17 ${quiet[*]} -XX:SharedArchiveFile=$out/floor.jsa -cp $floor_cp dev.relocator.bench.YamlFloor hello"
  "floor: YAML load + print, AppCDS|$j17 ${quiet[*]} -XX:SharedArchiveFile=$out/floor.jsa -cp $floor_cp dev.relocator.bench.YamlFloor $vector")
if [[ -x $jdk25/bin/java ]]; then
  [[ -f $out/floor.aot ]] || "$jdk25/bin/java" "${flags[@]}" -XX:AOTCacheOutput="$out/floor.aot" -cp "$floor_cp" \
    dev.relocator.bench.YamlFloor "$vector" >/dev/null 2>&1
  accepted "$jdk25/bin/java" "${flags[@]}" -XX:AOTMode=on -XX:AOTCache="$out/floor.aot" -cp "$floor_cp"
  commands+=(
    "JDK 25 floor: YAML load + print, AOT|$j25 -XX:AOTCache=$out/floor.aot -cp $floor_cp dev.relocator.bench.YamlFloor $vector")
fi

printf '%s\n' "${commands[@]}" | (cd "$root" && RUNS=$runs python3 -c '
import os, statistics, sys, time
runs = int(os.environ["RUNS"])
commands = [line.rstrip("\n").split("|", 1) for line in sys.stdin if line.strip()]
wall = {label: [] for label, _ in commands}
cpu = {label: [] for label, _ in commands}
null = os.open(os.devnull, os.O_RDWR)
for run in range(runs + 1):  # the first round warms the page cache and is not counted
    for label, command in commands:
        args = command.split()
        start = time.perf_counter()
        pid = os.fork()
        if pid == 0:
            os.dup2(null, 1); os.dup2(null, 2)
            try:
                os.execvp(args[0], args)
            finally:
                os._exit(127)
        _, _, usage = os.wait4(pid, 0)
        if run:
            wall[label].append((time.perf_counter() - start) * 1000)
            cpu[label].append((usage.ru_utime + usage.ru_stime) * 1000)
base17 = statistics.median(wall["java -version (JDK 17)"])
base25 = statistics.median(wall.get("java -version (JDK 25)", [0]))
with open("/proc/loadavg") as f:
    load = " ".join(f.read().split()[:3])
print(f"medians over {runs} alternating runs; load average {load}")
print("%-40s %7s %6s %6s %7s" % ("", "wall", "x 17", "x own", "cpu"))
for label, _ in commands:
    m = statistics.median(wall[label])
    own = base25 if "JDK 25" in label else base17
    print(f"{label:40} {m:4.0f} ms {m / base17:5.2f}x {m / own:5.2f}x {statistics.median(cpu[label]):4.0f} ms")
')

# Where the time of the resolve goes after main: bench/startup/StartupPhases.java, timed inside
# cold JVMs on the thin class path with its archive (its own class is the only one added).
mkdir -p "$out/phases"
javac --release 17 -d "$out/phases" -cp "$thin" "$root/bench/startup/StartupPhases.java"
for _ in $(seq "$runs"); do
  # shellcheck disable=SC2086
  (cd "$root" && java "${flags[@]}" "${quiet[@]}" -XX:SharedArchiveFile="$out/thin.jsa" -cp "$thin:$out/phases" \
    dev.relocator.bench.StartupPhases $resolve 2>/dev/null)
done | python3 -c '
import statistics, sys
rows = [[int(x) / 1000 for x in line.split()] for line in sys.stdin if line.strip()]
names = ["process start to main (10 ms ticks)", "picocli class init", "first annotation read", "picocli models (root, vector, resolve)",
         "parsing the arguments", "reading the vector, cold", "reading it again",
         "the whole resolve again, warm"]
print(f"phases after main (thin, AppCDS), medians over {len(rows)} cold JVMs, ms:")
for i, name in enumerate(names):
    print(f"  {name:40} {statistics.median(row[i] for row in rows):6.1f}")
'
