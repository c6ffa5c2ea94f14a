#!/usr/bin/env bash
# The pipeline of one example service, the same steps locally, in .ci/run and in
# .github/workflows/<service>.yml:
#
#   build   mvn -pl examples/<service> -am verify: the service and the libraries it uses, with
#           their tests; also writes the service's CycloneDX SBOM (target/<service>-bom.json)
#   image   podman build of examples/<service>/Dockerfile (build-images.sh)
#   smoke   the image started, /health/live, HEALTHCHECK, one request, SIGTERM, clean exit
#           (containers/smoke.sh)
#   sbom    checks the SBOM and copies it beside the smoke results
#
#   bash examples/pipeline.sh orders                 all steps
#   bash examples/pipeline.sh orders image smoke     some steps (the jar must exist)
#
# Environment: SERVICEKIT_BASE_IMAGE (see containers/lib.sh), MAVEN_ARGS (extra mvn arguments,
# e.g. -Dmaven.repo.local=...), SERVICEKIT_PIPELINE_DIR (results; default
# examples/target/pipeline/<service>).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
SERVICE=${1:?usage: pipeline.sh orders|inventory|shipping [build] [image] [smoke] [sbom]}
shift
case $SERVICE in orders | inventory | shipping) ;; *) echo "unknown service $SERVICE" >&2; exit 2 ;; esac
[ $# -gt 0 ] || set -- build image smoke sbom
OUT=${SERVICEKIT_PIPELINE_DIR:-$ROOT/examples/target/pipeline/$SERVICE}
SBOM=$ROOT/examples/$SERVICE/target/$SERVICE-bom.json
mkdir -p "$OUT"

step() { printf '\n== %s %s (%s)\n' "$SERVICE" "$1" "$(date -u +%H:%M:%S)"; }
for s in "$@"; do
  case $s in
    build)
      step build
      # shellcheck disable=SC2086
      mvn -B -ntp ${MAVEN_ARGS:-} -pl "examples/$SERVICE" -am verify
      ;;
    image)
      step image
      bash examples/containers/build-images.sh "$SERVICE" | tee "$OUT/image.txt"
      ;;
    smoke)
      step smoke
      bash examples/containers/smoke.sh "$SERVICE" "" "$OUT/smoke"
      ;;
    sbom)
      step sbom
      [ -s "$SBOM" ] || { echo "$SBOM is missing: run the build step" >&2; exit 1; }
      grep -q '"bomFormat" *: *"CycloneDX"' "$SBOM" || { echo "$SBOM is not a CycloneDX BOM" >&2; exit 1; }
      cp "$SBOM" "$OUT/"
      echo "CycloneDX SBOM $SBOM ($(grep -c '"purl"' "$SBOM") package URLs)"
      ;;
    *)
      echo "unknown step $s (build, image, smoke, sbom)" >&2
      exit 2
      ;;
  esac
done
echo
echo "== $SERVICE pipeline passed: $*"
