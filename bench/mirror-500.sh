#!/usr/bin/env bash
# The 500-image run of issue 14: COUNT=500 small distinct images, seeded through the registry API,
# copied by Relocator's mirror and by one `skopeo sync --all --src yaml`, then re-run with nothing
# to copy; Relocator's peak RSS. bench/mirror-vs-skopeo-sync.sh does the work (see there for
# RELOCATOR_BEFORE, COPY_ROUNDS, RERUN_ROUNDS, LAYER_KIB).
# Usage: [RELOCATOR_BEFORE=PATH] [COUNT=500] bench/mirror-500.sh
set -euo pipefail
export WORKLOAD=small COUNT=${COUNT:-500}
exec "$(dirname "${BASH_SOURCE[0]}")/mirror-vs-skopeo-sync.sh" "$@"
