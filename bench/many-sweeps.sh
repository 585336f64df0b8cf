#!/usr/bin/env bash
# Benchmark: many sweeps on one set of workers. The same sweeps of sleeping trials run one after
# another on a sweep service's worker processes, then all at once on a fresh service's: the
# makespan of each way, the idle worker-seconds in it, and each sweep's time to its first result.
#   bench/many-sweeps.sh [workers] [trial_ms] [trials of each sweep...]     (default 2 1500 3 5 3)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
classpath="$("$here/build.sh")"
java -Xmx1g -Dgantry.worker.classpath="$classpath" -cp "$classpath" io.gantry.bench.ManySweepsBenchmark "$@"
