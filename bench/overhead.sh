#!/usr/bin/env bash
# Benchmark 1: orchestration overhead of Gantry and of Ray Tune on the same trivial trials (each
# sleeps a fixed time), at the same concurrency, one after the other; prints each and the ratio.
# Ray Tune runs RAY_TRIALS trials (default 100): on two cores each of its trials costs seconds, so
# a thousand would take most of an hour; the figure compared is the overhead per trial.
#   bench/overhead.sh [trials] [workers] [sleep_ms]      (default 1000 2 100)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
trials="${1:-1000}" workers="${2:-2}" sleep_ms="${3:-100}"
classpath="$("$here/build.sh")"
venv="$("$here/raytune/install.sh")"
out="$(mktemp)"
java -Xmx1g -Dgantry.worker.classpath="$classpath" -cp "$classpath" io.gantry.bench.OverheadBenchmark "$trials" "$workers" "$sleep_ms" | tee -a "$out"
"$venv/bin/python" "$here/raytune/overhead.py" "${RAY_TRIALS:-100}" "$workers" "$sleep_ms" 2>/dev/null | tee -a "$out"
awk '/^overhead_ms gantry/ {g = $3} /^overhead_ms ray/ {r = $3}
     END {if (r > 0) printf "gantry / ray tune per-trial overhead: %.3f (%.2f ms vs %.2f ms)\n", g / r, g, r}' "$out"
rm -f "$out"
