#!/usr/bin/env bash
# Builds the example images from their Dockerfiles with podman (docker format, so HEALTHCHECK
# stays) and prints "<image> <size in MB>" per image. The runnable jars must exist
# (mvn -B -ntp -pl examples/<dir> -am package -DskipTests).
#
#   bash examples/containers/build-images.sh [dir...]     default: demo-infra orders inventory shipping
#
# SERVICEKIT_BASE_IMAGE names the base image; without it base-image.sh makes (or reuses) one.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib.sh
. "$HERE/lib.sh"

[ $# -gt 0 ] || set -- demo-infra orders inventory shipping
BASE=$(sk_base_image)
for dir in "$@"; do
  image=$(sk_build_image "$dir" "$BASE")
  sk_podman image inspect -f '{{.Size}}' "$image" | awk -v i="$image" '{ printf "%s %d\n", i, $1 / 1e6 }'
done
