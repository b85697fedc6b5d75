#!/usr/bin/env bash
# Builds Relocator's own image, for linux/amd64 and linux/arm64, into an OCI image layout:
#
#   scripts/build-image.sh OUT_DIR
#
# No daemon and no registry: the base is assembled from Debian's packages (libc6, libgcc-s1,
# libstdc++6, zlib1g; `apt-get download` + `dpkg-deb -x`, as distroless images are made), the Java
# runtime is jlink-ed from Debian's openjdk-17-jdk-headless of each architecture, and Jib layers the
# application (relocator-image's ImageBuilder). OUT_DIR's index.json names one image index by the
# version `relocator --version` prints. Same commit and same Debian packages, same index digest:
# every time in the image is the commit's (SOURCE_DATE_EPOCH) or fixed.
#
# The packages come through a private apt state (lists and .debs cached under
# ${XDG_CACHE_HOME:-~/.cache}/relocator/image, arm64 included) that leaves the machine's apt
# configuration alone; the network is needed only until that cache is filled.
# RELOCATOR_IMAGE_APT_UPDATE=1 refreshes the package lists; RELOCATOR_IMAGE_SOURCE sets the source
# annotation (default: the URL of the git remote "origin"); RELOCATOR_IMAGE_PREBUILT=1 uses the jars
# already built (the image test does: its Maven run has just built them).
set -euo pipefail

progress() { echo "build-image: $*" >&2; }
die() { echo "build-image: FAILED: $*" >&2; exit 1; }

if [[ $# -ne 1 || $1 == -* ]]; then
  echo "usage: scripts/build-image.sh OUT_DIR" >&2
  exit 2
fi
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=$(realpath -m "$1")
if [[ -e $out && ! -f $out/oci-layout && -n $(ls -A "$out" 2>/dev/null) ]]; then
  echo "build-image: $out exists and is neither empty nor an OCI layout; not overwriting it" >&2
  exit 2
fi
for tool in apt-get apt-cache dpkg-deb git java mvn flock; do
  command -v "$tool" >/dev/null || die "$tool not found: this script needs a Debian machine with JDK 17, Maven and git"
done

architectures=(amd64 arm64)
host_arch=$(dpkg --print-architecture)
# The libraries the jlink-ed runtime links (libjvm.so: libstdc++, libgcc_s, libm, libc; the launcher:
# libz), and base-files for /etc/os-release.
base_packages=(libc6 libgcc-s1 libstdc++6 zlib1g base-files)
# The runtime's modules: what jdeps finds in the application's jars (java.desktop aside: only
# optional java.beans uses in Jackson, SnakeYAML's bean introspection and Micrometer, none of which
# Relocator reaches), plus the service-loaded ones jdeps cannot see: EC keys for TLS, DNS for JNDI.
modules=java.base,java.compiler,java.naming,java.sql,jdk.management,jdk.unsupported,jdk.crypto.ec,jdk.naming.dns

cache=${XDG_CACHE_HOME:-$HOME/.cache}/relocator/image
mkdir -p "$cache"
exec 9>"$cache/.lock"
flock 9 # one build at a time fills the cache

# --- the application ----------------------------------------------------------------------------
cd "$root"
if [[ ${RELOCATOR_IMAGE_PREBUILT:-} != 1 ]]; then
  progress "building the jars (mvn package -pl relocator-image -am)"
  mvn -B -q -ntp -pl relocator-image -am package -DskipTests >"$cache/mvn.log" 2>&1 \
    || die "the Maven build failed: $(tail -n 5 "$cache/mvn.log")"
fi
version_file=relocator-cli/target/classes/dev/relocator/cli/version.properties
[[ -f $version_file ]] || die "$version_file missing: build the jars first (mvn -pl relocator-image -am package)"
version=$(sed -n 's/^version=//p' "$version_file")
main_jar=relocator-cli/target/relocator-cli-$version.jar
for f in "$main_jar" relocator-cli/target/runtime-classpath.txt relocator-image/target/builder-classpath.txt; do
  [[ -f $f ]] || die "$f missing: build the jars first (mvn -pl relocator-image -am package)"
done
created=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct)}
revision=$(git rev-parse HEAD)
# A build from changed files is not the commit it names.
[[ -z $(git status --porcelain --untracked-files=no) ]] || revision=$revision-dirty
source_url=${RELOCATOR_IMAGE_SOURCE-$(git config --get remote.origin.url || true)}
if [[ -n $source_url && $source_url != *://* && $source_url != git@* ]]; then
  source_url= # a local path names the build machine, not the source
fi
[[ -n $source_url ]] || progress "no git remote URL for the source annotation (set RELOCATOR_IMAGE_SOURCE); leaving it out"

# --- Debian's packages, through a private apt state -----------------------------------------------
apt_dir=$cache/apt
mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" "$cache/debs"
apt_opts=(-o "Dir::State::Lists=$apt_dir/lists" -o "Dir::Cache=$apt_dir/cache" -o "Dir::State::status=/dev/null"
  -o "APT::Sandbox::User=root" -o "APT::Architecture=$host_arch")
for arch in "${architectures[@]}"; do apt_opts+=(-o "APT::Architectures::=$arch"); done
if [[ ${RELOCATOR_IMAGE_APT_UPDATE:-} == 1 || -z $(ls "$apt_dir/lists" | grep -m1 _Packages) ]]; then
  progress "fetching the package lists for ${architectures[*]} (private apt state in $apt_dir)"
  apt-get "${apt_opts[@]}" update -qq >"$cache/apt-update.log" 2>&1 \
    || die "apt-get update failed: $(tail -n 3 "$cache/apt-update.log")"
fi

candidate() { # PACKAGE:ARCH -> the version apt would install
  apt-cache "${apt_opts[@]}" policy "$1" | sed -n 's/^  Candidate: //p'
}
jdk_version=$(candidate "openjdk-17-jdk-headless:$host_arch")
[[ -n $jdk_version && $jdk_version != "(none)" ]] || die "no openjdk-17-jdk-headless in the package lists"
wanted=("openjdk-17-jre-headless:$host_arch=$jdk_version") # runs jlink, of the targets' own version
for arch in "${architectures[@]}"; do
  wanted+=("openjdk-17-jdk-headless:$arch=$jdk_version")
  for p in "${base_packages[@]}"; do wanted+=("$p:$arch"); done
done
[[ " ${wanted[*]} " == *" openjdk-17-jdk-headless:$host_arch=$jdk_version "* ]] \
  || wanted+=("openjdk-17-jdk-headless:$host_arch=$jdk_version")

# The file name of each package, from apt itself; download only what the cache lacks.
declare -A deb_of
missing=()
while read -r url file _; do
  file=${file//\'/}
  name=${file%%_*}; arch=${file##*_}; arch=${arch%.deb}
  deb_of[$name:$arch]=$cache/debs/$file
  [[ -f $cache/debs/$file ]] || missing+=("$url")
done < <(apt-get "${apt_opts[@]}" --print-uris download "${wanted[@]}" 2>"$cache/apt-download.log" | tr -d "'" \
  || die "apt-get download --print-uris failed: $(tail -n 3 "$cache/apt-download.log")")
((${#deb_of[@]} > 0)) || die "apt resolved none of ${wanted[*]}: $(tail -n 3 "$cache/apt-download.log")"
if ((${#missing[@]} > 0)); then
  progress "downloading ${#missing[@]} Debian packages into $cache/debs"
  (cd "$cache/debs" && apt-get "${apt_opts[@]}" download -qq "${wanted[@]}" >"$cache/apt-download.log" 2>&1) \
    || die "apt-get download failed: $(tail -n 3 "$cache/apt-download.log")"
fi
for key in "${!deb_of[@]}"; do [[ -f ${deb_of[$key]} ]] || die "${deb_of[$key]} was not downloaded"; done

extracted() { # PACKAGE:ARCH -> a directory holding the package's files, extracted once
  local deb=${deb_of[$1]:-}
  [[ -n $deb ]] || die "package $1 was not resolved"
  local dir=$cache/extracted/$(basename "$deb" .deb)
  if [[ ! -d $dir ]]; then
    rm -rf "$dir.tmp" && mkdir -p "$dir.tmp" && dpkg-deb -x "$deb" "$dir.tmp" && mv "$dir.tmp" "$dir"
  fi
  echo "$dir"
}

# --- the Java runtimes: jlink of the same JDK version for every architecture ------------------------
# jlink links only jmods of its own version, and the machine's JDK may be older than Debian's newest:
# the host's JRE and JDK packages of that version are unpacked side by side and run from there.
tool_jdk=$cache/jlink-$jdk_version-$host_arch
if [[ ! -x $tool_jdk/usr/lib/jvm/java-17-openjdk-$host_arch/bin/jlink ]]; then
  progress "unpacking the jlink of openjdk $jdk_version"
  rm -rf "$tool_jdk.tmp" && mkdir -p "$tool_jdk.tmp"
  dpkg-deb -x "${deb_of[openjdk-17-jre-headless:$host_arch]}" "$tool_jdk.tmp"
  dpkg-deb -x "${deb_of[openjdk-17-jdk-headless:$host_arch]}" "$tool_jdk.tmp"
  # Its configuration links point to /etc/java-17-openjdk: into the unpacked tree instead.
  while IFS= read -r link; do
    ln -sfn "$tool_jdk$(readlink "$link")" "$link" # where it will be once moved
  done < <(find "$tool_jdk.tmp" -type l -lname '/*')
  mv "$tool_jdk.tmp" "$tool_jdk"
fi
jlink=$tool_jdk/usr/lib/jvm/java-17-openjdk-$host_arch/bin/jlink

modules_key=$(printf '%s' "$modules" | cksum | cut -d' ' -f1)
declare -A runtime_of base_of
for arch in "${architectures[@]}"; do
  runtime=$cache/runtime/$jdk_version-$arch-$modules_key
  if [[ ! -f $runtime/release ]]; then
    progress "jlink: the $arch runtime ($modules)"
    jdk=$(extracted "openjdk-17-jdk-headless:$arch")
    rm -rf "$runtime.tmp" && mkdir -p "$(dirname "$runtime")"
    # --strip-java-debug-attributes, not --strip-debug: that also strips native symbols with the
    # host's objcopy, which cannot read the other architecture's files.
    "$jlink" --module-path "$jdk/usr/lib/jvm/java-17-openjdk-$arch/jmods" --add-modules "$modules" \
      --strip-java-debug-attributes --no-header-files --no-man-pages --output "$runtime.tmp" \
      >"$cache/jlink-$arch.log" 2>&1 || die "jlink for $arch failed: $(tail -n 3 "$cache/jlink-$arch.log")"
    mv "$runtime.tmp" "$runtime"
  fi
  runtime_of[$arch]=$runtime
done

# --- the base: Debian's shared libraries, their copyright files, /etc -----------------------------
work=$(mktemp -d "${TMPDIR:-/tmp}/relocator-image.XXXXXX")
trap 'rm -rf "$work"' EXIT
for arch in "${architectures[@]}"; do
  base=$work/base-$arch
  mkdir -p "$base/etc" "$base/var/lib/dpkg/status.d"
  for p in "${base_packages[@]}"; do
    dir=$(extracted "$p:$arch")
    # Shared libraries and the dynamic loader, not gconv modules, locales or GDB scripts.
    (cd "$dir" && find lib* usr/lib -maxdepth 2 \( -type f -o -type l \) -name '*.so*' 2>/dev/null || true) \
      | while IFS= read -r f; do mkdir -p "$base/$(dirname "$f")" && cp -a "$dir/$f" "$base/$f"; done
    if [[ -f $dir/usr/share/doc/$p/copyright ]]; then
      mkdir -p "$base/usr/share/doc/$p" && cp "$dir/usr/share/doc/$p/copyright" "$base/usr/share/doc/$p/"
    fi
    # What scanners read to know the packages, as distroless images record them.
    { dpkg-deb -f "${deb_of[$p:$arch]}"; echo "Status: install ok installed"; } >"$base/var/lib/dpkg/status.d/$p"
  done
  cp "$(extracted "base-files:$arch")/usr/lib/os-release" "$base/etc/os-release"
  printf 'root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n' \
    >"$base/etc/passwd"
  printf 'root:x:0:\nnonroot:x:65532:\n' >"$base/etc/group"
  # Without it glibc asks DNS before /etc/hosts.
  printf 'hosts: files dns\n' >"$base/etc/nsswitch.conf"
  base_of[$arch]=$base
done

# --- the layers and the layout ------------------------------------------------------------------
progress "layering relocator $version for ${architectures[*]} with Jib (created $(date -u -d "@$created" +%FT%TZ))"
platform_args=()
for arch in "${architectures[@]}"; do platform_args+=(--platform "$arch=${base_of[$arch]},${runtime_of[$arch]}"); done
rm -rf "$out"
digest=$(java -cp "relocator-image/target/classes:$(cat relocator-image/target/builder-classpath.txt)" \
  dev.relocator.imagebuilder.ImageBuilder --out "$out" --version "$version" --revision "$revision" \
  --source "$source_url" --created "$created" --main-jar "$main_jar" \
  --class-path relocator-cli/target/runtime-classpath.txt "${platform_args[@]}") || exit 1
progress "wrote $out: relocator:$version, index $digest (openjdk $jdk_version)"
echo "$digest"
