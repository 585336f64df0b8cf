#!/usr/bin/env bash
# Benchmark 3: ASHA against a full-budget grid, and TPE against random search, on real VAE sweeps
# (bench/asha/*.yaml, Fashion-MNIST); about ten minutes on two cores.
#   bench/search.sh [data-dir]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
"$here/../scripts/install-data.sh"
classpath="$("$here/build.sh")"
java -Xmx1g -Dai.djl.offline=true -Dgantry.worker.classpath="$classpath" -cp "$classpath" io.gantry.bench.SearchBenchmark "$here/asha" "$@"
