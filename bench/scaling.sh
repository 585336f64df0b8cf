#!/usr/bin/env bash
# Benchmark: cluster scaling. The same sweep of identical CPU-bound trials (each step spends step_ms
# of its thread's CPU time hashing) on 1 worker process and then on 2, each of one compute thread:
# trials/s of each while every worker is busy, and their ratio; and the dispatch latency, from the
# coordinator assigning a trial to its first step beginning in a worker process, p50/p90/max.
#   bench/scaling.sh [trials] [step_ms] [steps]      (default 40 50 10)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
classpath="$("$here/build.sh")"
java -Xmx1g -Dgantry.worker.classpath="$classpath" -cp "$classpath" io.gantry.bench.ScalingBenchmark "$@"
