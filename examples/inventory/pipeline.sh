#!/usr/bin/env bash
# The inventory service's pipeline (build and test, image, smoke test, SBOM): see ../pipeline.sh.
exec bash "$(dirname "$0")/../pipeline.sh" inventory "$@"
