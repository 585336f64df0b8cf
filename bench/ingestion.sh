#!/usr/bin/env bash
# Benchmark 2: metric reports per second the coordinator takes in and writes to H2, with worker
# actors in its process reporting as fast as they can.
#   bench/ingestion.sh [trials] [reports per trial] [workers]     (default 4 25000 2)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
classpath="$("$here/build.sh")"
java -Xmx1g -cp "$classpath" io.gantry.bench.IngestionBenchmark "$@"
