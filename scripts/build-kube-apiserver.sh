#!/usr/bin/env bash
# Builds upstream kube-apiserver v1.20.2 offline from Debian bookworm's `kubernetes` source
# package with Debian's Go 1.19, for the *IT tests that need a real API server (docs/testing.md).
# The binary is cached outside the work tree, so it is built once per machine:
#   ${XDG_CACHE_HOME:-$HOME/.cache}/relocator/kube-apiserver-1.20.2
# Exits 0 at once when that binary exists and runs (`--check` only tests that, exiting 1 when it
# is missing). Needs root only to install missing packages;
# the source index is fetched into a private apt state under the temporary build directory. Prints the cached binary's path on stdout when it succeeds.
set -euo pipefail

readonly VERSION=1.20.2
readonly CACHE_DIR=${XDG_CACHE_HOME:-$HOME/.cache}/relocator
readonly BINARY=$CACHE_DIR/kube-apiserver-$VERSION
readonly GO=/usr/lib/go-1.19/bin/go
readonly GOCODE=/usr/share/gocode/src

step=0
progress() { step=$((step + 1)); echo "build-kube-apiserver: [$step/8] $*" >&2; }
die() {
  # The build directory is removed on exit; its logs are kept beside the cache for diagnosis.
  if [[ -n ${work:-} ]] && compgen -G "$work/*.log" >/dev/null; then
    mkdir -p "$CACHE_DIR/build-logs" && cp "$work"/*.log "$CACHE_DIR/build-logs/"
    echo "build-kube-apiserver: FAILED: $* (logs: $CACHE_DIR/build-logs/)" >&2
  else
    echo "build-kube-apiserver: FAILED: $*" >&2
  fi
  exit 1
}

runs() { [[ -x $1 ]] && "$1" --version 2>/dev/null | grep -q "v$VERSION"; }

if runs "$BINARY"; then
  echo "$BINARY"
  exit 0
fi
# --check: only tell whether the cached binary is there (exit 1 when it is not).
[[ ${1:-} == --check ]] && exit 1

mkdir -p "$CACHE_DIR"
# Several test runs may start at once: one builds, the others wait for its binary.
exec 9>"$CACHE_DIR/.kube-apiserver-$VERSION.lock"
if ! flock -n 9; then
  echo "build-kube-apiserver: another build is running, waiting for it" >&2
  flock 9
fi
if runs "$BINARY"; then
  echo "$BINARY"
  exit 0
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/relocator-kube-apiserver.XXXXXX")
# One walk of the large tree in the common case; read-only files only cost a second one.
cleanup() { rm -rf "$work" 2>/dev/null || { chmod -R u+w "$work"; rm -rf "$work"; }; }
trap cleanup EXIT
started=$SECONDS

progress "checking the build tools (golang-1.19, rsync, reflect2 and json-iterator sources)"
packages=()
[[ -x $GO ]] || packages+=(golang-1.19)
command -v rsync >/dev/null || packages+=(rsync)
[[ -d $GOCODE/github.com/modern-go/reflect2 ]] || packages+=(golang-github-modern-go-reflect2-dev)
[[ -d $GOCODE/github.com/json-iterator/go ]] || packages+=(golang-github-json-iterator-go-dev)
command -v apt-get >/dev/null || die "apt-get not found: this script needs a Debian bookworm machine"
if ((${#packages[@]} > 0)); then
  [[ $(id -u) -eq 0 ]] || die "missing ${packages[*]}; install them as root (apt-get install ${packages[*]})"
  echo "build-kube-apiserver: installing ${packages[*]}" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null \
    || die "apt-get install ${packages[*]} failed"
fi

progress "deriving a deb-src entry from the machine's apt sources"
# A private apt state (source list, index, cache) inside the build directory: the machine's own
# sources and package lists stay untouched, and no registry host is written anywhere.
apt_dir=$work/apt
mkdir -p "$apt_dir/sources.list.d" "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial"
apt_opts=(-o "Dir::Etc::SourceList=/dev/null" -o "Dir::Etc::SourceParts=$apt_dir/sources.list.d"
  -o "Dir::State::Lists=$apt_dir/lists" -o "Dir::Cache=$apt_dir/cache" -o "APT::Sandbox::User=root")
shopt -s nullglob
for sources in /etc/apt/sources.list.d/*.sources; do
  # deb822: every stanza whose Types include deb, copied with Types: deb-src.
  awk 'BEGIN { RS = ""; ORS = "\n\n" }
       { n = split($0, line, "\n"); keep = 0; out = ""
         for (i = 1; i <= n; i++) {
           if (line[i] ~ /^Types:/) {
             m = split(substr(line[i], 7), type, /[ \t]+/)
             for (j = 1; j <= m; j++) if (type[j] == "deb") keep = 1
             line[i] = "Types: deb-src"
           }
           out = out (i > 1 ? "\n" : "") line[i]
         }
         if (keep) print out }' "$sources" >>"$apt_dir/sources.list.d/deb-src.sources"
done
for list in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
  [[ -f $list ]] || continue
  sed -n 's/^[[:space:]]*deb[[:space:]]/deb-src /p' "$list" >>"$apt_dir/sources.list.d/deb-src.list"
done
shopt -u nullglob
for f in "$apt_dir"/sources.list.d/*; do [[ -s $f ]] || rm -f "$f"; done
grep -qs deb-src "$apt_dir"/sources.list.d/* \
  || die "no 'deb' entry in /etc/apt/sources.list or /etc/apt/sources.list.d/*.sources to derive a deb-src entry from"
apt-get "${apt_opts[@]}" update -qq >"$work/apt-update.log" 2>&1 \
  || die "apt-get update (source index only) failed: $(tail -n 3 "$work/apt-update.log")"

progress "downloading the kubernetes source package (apt-get source --download-only kubernetes)"
mkdir -p "$work/deb"
(cd "$work/deb" && apt-get "${apt_opts[@]}" source -qq --download-only kubernetes >"$work/apt-source.log" 2>&1) \
  || die "apt-get source kubernetes failed: $(tail -n 3 "$work/apt-source.log")"
orig=$(find "$work/deb" -maxdepth 1 -name 'kubernetes_*.orig.tar.*' | head -n 1)
[[ -n $orig ]] || die "no upstream tarball (kubernetes_*.orig.tar.*) in the source package: $(ls "$work/deb")"
echo "build-kube-apiserver: upstream tarball $(basename "$orig")" >&2

progress "unpacking the upstream tree into a GOPATH"
export GOPATH=$work/gopath
tree=$GOPATH/src/k8s.io/kubernetes
mkdir -p "$tree"
tar -xf "$orig" -C "$tree" --strip-components=1 || die "cannot unpack $orig"
[[ -f $tree/cmd/kube-apiserver/apiserver.go ]] || die "$orig does not hold cmd/kube-apiserver"
# Debian names the tarball after the upstream version it really holds ("...+really1.20.2").
[[ $(basename "$orig") == *"$VERSION".orig.tar.* ]] \
  || die "$(basename "$orig") is not the upstream v$VERSION tree this script builds"

progress "replacing the vendored reflect2 and json-iterator with Debian's (Go 1.18+ safe)"
# The vendored reflect2 1.0.1 crashes the server on the first custom-resource create under Go 1.18+.
for pkg in github.com/modern-go/reflect2 github.com/json-iterator/go; do
  [[ -d $tree/vendor/$pkg ]] || die "vendor/$pkg not found in the upstream tree"
  rm -rf "${tree:?}/vendor/$pkg"
  cp -rL "$GOCODE/$pkg" "$tree/vendor/$pkg"
  find "$tree/vendor/$pkg" -name '*_test.go' -delete
done

export PATH=/usr/lib/go-1.19/bin:$PATH GO111MODULE=off CGO_ENABLED=0
export GOCACHE=$work/gocache GOFLAGS= GOTOOLCHAIN=local
progress "generating the OpenAPI definitions (make gen_openapi, takes a minute or two)"
(cd "$tree" && nice make gen_openapi >"$work/gen_openapi.log" 2>&1) \
  || die "make gen_openapi failed: $(tail -n 15 "$work/gen_openapi.log")"

progress "compiling cmd/kube-apiserver (several minutes, about 1.3 GB of memory)"
pkgs=(k8s.io/kubernetes/vendor/k8s.io/component-base/version k8s.io/kubernetes/vendor/k8s.io/client-go/pkg/version)
ldflags="-s -w"
for p in "${pkgs[@]}"; do
  ldflags+=" -X $p.gitVersion=v$VERSION -X $p.gitMajor=1 -X $p.gitMinor=20 -X $p.gitTreeState=clean"
done
(cd "$tree" && nice "$GO" build -ldflags "$ldflags" -o "$work/kube-apiserver" ./cmd/kube-apiserver >"$work/go-build.log" 2>&1) \
  || die "go build ./cmd/kube-apiserver failed: $(tail -n 15 "$work/go-build.log")"

progress "checking and caching the binary"
runs "$work/kube-apiserver" || die "the built binary does not report v$VERSION: $("$work/kube-apiserver" --version 2>&1 | head -n 1)"
cp "$work/kube-apiserver" "$BINARY.tmp"
mv -f "$BINARY.tmp" "$BINARY"
echo "build-kube-apiserver: built $("$BINARY" --version) in $((SECONDS - started)) s: $BINARY" >&2
echo "$BINARY"
