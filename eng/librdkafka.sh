#!/usr/bin/env bash
# Optional, for benches only: builds librdkafka with eng/patches applied (cached), then prints the absolute path of
# the shared library on stdout (last line); all progress goes to stderr. The default build uses the librdkafka.redist
# package and needs none of this. Run on it with: RECO_LIBRDKAFKA="$(bash eng/librdkafka.sh)" reco bench
#
# Needs npm (the sources come from the npm package node-rdkafka@3.6.1, which vendors librdkafka 2.12.0 under
# deps/librdkafka), a C toolchain and the -dev packages below (installed through apt when run as root or with sudo).
#
# Patches: eng/patches/librdkafka-*.patch are applied to the sources before the build (each says why), and
# their hash is part of the cache directory's name, so changing one rebuilds.
#
# Output: <cache>/librdkafka/2.12.0-<patch hash>/lib/librdkafka.so.1 (real file; SONAME librdkafka.so.1), with a
# librdkafka.so symlink beside it. reco loads it through a DllImport resolver when RECO_LIBRDKAFKA names it
# (src/RecoFunctions.Runtime/Kafka/LibrdkafkaLoader.cs).
#
# Env:
#   RECO_LIBRDKAFKA  if set to an existing file, it is printed (absolute) and nothing is built.
#   RECO_CACHE_DIR   cache root (default: $HOME/.cache/recofunctions).
#
# Measured on the 2-core box: cold ~27 s (+ ~7 s when apt packages must be installed); warm ~0.00 s.
set -euo pipefail

LIBRDKAFKA_VERSION=2.12.0
LIBRDKAFKA_VERSION_HEX=0x020c00ff       # RD_KAFKA_VERSION for 2.12.0
NODE_RDKAFKA_PKG=node-rdkafka@3.6.1     # npm package that vendors librdkafka 2.12.0
# No libsasl2-dev: Cyrus SASL is only used for GSSAPI, which is disabled (PLAIN/SCRAM/OAUTHBEARER are built in).
# python3 is optional (without it configure only skips the symbol-export linker script).
APT_DEPS=(build-essential pkg-config libssl-dev libzstd-dev liblz4-dev zlib1g-dev)

log() { printf '[librdkafka.sh] %s\n' "$*" >&2; }

if [[ -n "${RECO_LIBRDKAFKA:-}" && -f "${RECO_LIBRDKAFKA}" ]]; then
  printf '%s\n' "$(cd "$(dirname "$RECO_LIBRDKAFKA")" && pwd)/$(basename "$RECO_LIBRDKAFKA")"
  exit 0
fi
[[ -z "${RECO_LIBRDKAFKA:-}" ]] || log "RECO_LIBRDKAFKA=$RECO_LIBRDKAFKA is not a file; using the cache"

cache_root="${RECO_CACHE_DIR:-$HOME/.cache/recofunctions}"
[[ "$cache_root" == /* ]] || cache_root="$PWD/$cache_root"
patches=("$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"/patches/librdkafka-*.patch)
[[ -f "${patches[0]}" ]] || patches=()
build_id="$LIBRDKAFKA_VERSION"
if ((${#patches[@]})); then
  build_id="$LIBRDKAFKA_VERSION-$(cat "${patches[@]}" | sha256sum | cut -c1-12)"
fi
dest="$cache_root/librdkafka/$build_id"
lib="$dest/lib/librdkafka.so.1"
stamp="$dest/.complete"

# Fast path: already built (no lock, no subprocesses).
if [[ -f "$stamp" && -f "$lib" ]]; then
  printf '%s\n' "$lib"
  exit 0
fi

mkdir -p "$cache_root/librdkafka"
lockfile="$cache_root/librdkafka/$build_id.lock"
exec 9>"$lockfile"
if ! flock -n 9; then
  log "another build holds $lockfile; waiting (up to 15 min)"
  flock -w 900 9 || { log "timed out waiting for $lockfile"; exit 1; }
fi

# Re-check under the lock: a concurrent caller may have finished the build.
if [[ -f "$stamp" && -f "$lib" ]]; then
  printf '%s\n' "$lib"
  exit 0
fi

# --- build dependencies (apt) ---
missing=()
for p in "${APT_DEPS[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if ((${#missing[@]})); then
  log "installing apt packages: ${missing[*]}"
  sudo_cmd=()
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null 2>&1 || { log "need root or sudo to install: ${missing[*]}"; exit 1; }
    sudo_cmd=(sudo)
  fi
  "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q >&2
  "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
fi
command -v npm >/dev/null 2>&1 || { log "npm is required (to fetch $NODE_RDKAFKA_PKG sources)"; exit 1; }

# --- fetch sources ---
work="$(mktemp -d "${TMPDIR:-/tmp}/librdkafka-build.XXXXXX")"
trap 'rm -rf "$work"' EXIT
log "fetching $NODE_RDKAFKA_PKG (npm pack) into $work"
tgz="$(cd "$work" && npm pack "$NODE_RDKAFKA_PKG" --silent | tail -n1)"
[[ -f "$work/$tgz" ]] || { log "npm pack $NODE_RDKAFKA_PKG failed"; exit 1; }
tar -xzf "$work/$tgz" -C "$work"
src="$work/package/deps/librdkafka"
[[ -f "$src/configure" ]] || { log "no librdkafka sources in $NODE_RDKAFKA_PKG"; exit 1; }
grep -q "define RD_KAFKA_VERSION *$LIBRDKAFKA_VERSION_HEX" "$src/src/rdkafka.h" \
  || { log "unexpected librdkafka version in $NODE_RDKAFKA_PKG (want $LIBRDKAFKA_VERSION)"; exit 1; }
chmod +x "$src/configure" "$src/lds-gen.py" 2>/dev/null || true
for p in "${patches[@]}"; do
  log "applying $(basename "$p")"
  patch -d "$src" -p1 --forward --quiet < "$p" >&2 || { log "patch $(basename "$p") does not apply"; exit 1; }
done

# --- build ---
log "building librdkafka $LIBRDKAFKA_VERSION (configure + make -j2 libs)"
(
  cd "$src"
  ./configure --disable-gssapi --disable-curl >&2
  make -j2 libs >&2
)
[[ -f "$src/src/librdkafka.so.1" ]] || { log "build produced no src/librdkafka.so.1"; exit 1; }

# --- install into cache atomically ---
stage="$dest.tmp.$$"
rm -rf "$stage"
mkdir -p "$stage/lib" "$stage/include/librdkafka"
cp "$src/src/librdkafka.so.1" "$stage/lib/librdkafka.so.1"
ln -s librdkafka.so.1 "$stage/lib/librdkafka.so"
cp "$src/src/rdkafka.h" "$src/src/rdkafka_mock.h" "$stage/include/librdkafka/"
{
  echo "librdkafka $LIBRDKAFKA_VERSION from npm $NODE_RDKAFKA_PKG"
  for p in "${patches[@]}"; do echo "patched: $(basename "$p")"; done
  echo "built $(date -u +%FT%TZ) on $(uname -srm)"
  grep -E '^(WITH|ENABLE)_' "$src/Makefile.config" 2>/dev/null || true
} > "$stage/BUILDINFO"
touch "$stage/.complete"
rm -rf "$dest"
mv "$stage" "$dest"
log "installed $lib"
printf '%s\n' "$lib"
