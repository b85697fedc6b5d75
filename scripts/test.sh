#!/usr/bin/env bash
# The whole test suite from a fresh clone: installs the real servers the tests use when they are
# missing, then runs every unit (*Test) and integration (*IT) test.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-test-tools.sh
exec mvn -B -ntp verify "$@"
