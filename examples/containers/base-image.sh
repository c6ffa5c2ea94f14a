#!/usr/bin/env bash
# Makes the local JRE base image for the example images on a machine that cannot pull one, and
# prints its name on stdout (progress on stderr).
#
# The image is a Debian bookworm root made by debootstrap with only the packages below. Its
# tarball is cached under SERVICEKIT_CACHE_DIR (default /var/cache/servicekit), keyed on the
# suite and the package list, so a second run on the same machine only re-imports it (or does
# nothing when podman still has the image).
#
#   bash examples/containers/base-image.sh        -> localhost/servicekit-jre-<key>:17
set -euo pipefail

SUITE=bookworm
PACKAGES=openjdk-17-jre-headless,curl,ca-certificates
CACHE_DIR=${SERVICEKIT_CACHE_DIR:-/var/cache/servicekit}
KEY=$(printf '%s %s minbase v1' "$SUITE" "$PACKAGES" | sha256sum | cut -c1-12)
IMAGE=localhost/servicekit-jre-$KEY:17
TARBALL=$CACHE_DIR/base-images/servicekit-jre-$KEY.tar

log() { echo "base-image: $*" >&2; }
podman_() { podman --runtime runc "$@"; }

if podman_ image exists "$IMAGE"; then
  log "$IMAGE is present"
  echo "$IMAGE"
  exit 0
fi

mkdir -p "$(dirname "$TARBALL")"
if [ ! -s "$TARBALL" ]; then
  command -v debootstrap >/dev/null || {
    log "debootstrap is missing: apt-get install -y debootstrap"
    exit 1
  }
  root=$(mktemp -d -t servicekit-rootfs.XXXXXX)
  trap 'rm -rf "$root"' EXIT
  log "debootstrap $SUITE with $PACKAGES into $root (about a minute)"
  debootstrap --variant=minbase --include="$PACKAGES" "$SUITE" "$root" >"$root.log" 2>&1 || {
    tail -20 "$root.log" >&2
    exit 1
  }
  rm -f "$root.log"
  # No package lists or caches in the image: nothing installs into it later.
  rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/*.bin "$root"/var/cache/apt/archives/*.deb
  tar -C "$root" -c . >"$TARBALL.tmp"
  mv "$TARBALL.tmp" "$TARBALL"
  log "cached $TARBALL ($(du -h "$TARBALL" | cut -f1))"
fi
log "importing $TARBALL as $IMAGE"
podman_ import --change 'ENV JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64' - "$IMAGE" <"$TARBALL" >/dev/null
echo "$IMAGE"
