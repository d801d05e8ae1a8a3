#!/usr/bin/env bash
# The backend benchmark (issue 14): a private MariaDB growing through 1,000, 10,000 and 100,000 seeded fails, with
# one author and with 1,000 authors; every list route, GET /api/fails/{id}, GET /api/auth/profile, posting a fail and
# reacting, each loaded by Debian's wrk (2 threads, 16 connections, 20 s after a 5 s warm-up, 3 runs, medians),
# with the ratio to the 1,000-fail case. About 65 minutes with the defaults; needs Debian's mariadb-server and wrk.
# Extra arguments go to Maven, e.g. a quick check:
#   ./app-backend/bench.sh -Dbench.runs=1 -Dbench.seconds=5 -Dbench.warmup=2
#   ./app-backend/bench.sh -Dbench.sizes=1000,100000 -Dbench.authors=1 -Dbench.routes='GET /api/fails?'
# A JVM profile of the backend under load: MAVEN_OPTS='-XX:StartFlightRecording=filename=bench.jfr' ./app-backend/bench.sh ...
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "bench.sh: wrk not found (Debian package wrk)" >&2; exit 1; }
exec mvn -B -q -pl app-backend -Pbench test-compile exec:java "$@"
