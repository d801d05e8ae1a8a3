#!/usr/bin/env bash
# The backend benchmark: a private MariaDB, 1,000 seeded fails, GET /api/fails?limit=20 and POST /api/fails
# at concurrency 16 for 20 s each, 3 runs, medians printed. Needs Debian's mariadb-server.
# Extra arguments go to Maven, e.g. ./app-backend/bench.sh -Dbench.runs=5 -Dbench.seconds=30
set -euo pipefail
cd "$(dirname "$0")/.."
exec mvn -B -q -pl app-backend -Pbench test-compile exec:java "$@"
