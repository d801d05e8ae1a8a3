#!/usr/bin/env bash
# The operator's scale benchmark (a command, not a test): N default FailDaily objects on the mock API server
# with the kubelet fixture and the operator in one JVM of its own; prints time until all are Ready, API writes
# per FailDaily, writes while idle and after an operator restart, and the heap.
#
#   scripts/bench-operator.sh [SIZES] [RUNS] [key=value ...]
#   scripts/bench-operator.sh                       # = 100,500,1000 3 (sizes from 500 up run once)
#   scripts/bench-operator.sh 200 5 idle=30 threads=4 kubelet=50 largeRuns=3
#
# Options: idle (s, 60), threads (reconcile threads, 10), kubelet (ms between its looks, 250), large (500) and
# largeRuns (1), warmup (FailDailies of an unreported first run, 50), timeout (s per run, 900), log (ERROR).
# The default took 16 minutes on 2 cores, most of it in the mock API server at 500 and 1,000.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -pl operator -am -DskipTests install
exec mvn -B -q -pl operator -Pbench test-compile exec:exec -Dbench.args="${*:-100,500,1000 3}"
