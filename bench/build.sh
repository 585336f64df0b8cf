#!/usr/bin/env bash
# Builds the benchmark module and what it runs (tests skipped); prints the classpath to run it with.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
(cd "$root" && mvn -q -B -Dstyle.color=never -DskipTests -pl bench -am install) >&2
echo "$root/bench/target/gantry-bench-0.1.0-SNAPSHOT.jar:$(cat "$root/bench/target/classpath.txt")"
