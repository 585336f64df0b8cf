#!/usr/bin/env bash
# Benchmark: population-based training against random search at the same compute, on a small
# DCGAN on Fashion-MNIST (bench/pbt/*.yaml: 4 members or 4 trials of 4 epochs each); prints the
# best val/fid each reached, per seed. About 10 minutes a seed on two cores.
#   bench/pbt.sh [SEED...]        (default: 1 2 3)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
"$here/../scripts/install-data.sh"
seeds=("$@")
[ ${#seeds[@]} -gt 0 ] || seeds=(1 2 3)
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
best() {  # the best val/fid of the newest sweep named $1 in data folder $2
  "$here/../gantry" show "$1" --data-dir "$2" --json | python3 -c 'import json, sys; print("%.2f" % json.load(sys.stdin)["best"]["value"])'
}
printf '%-6s %-10s %-10s\n' seed pbt random
for seed in "${seeds[@]}"; do
  for method in pbt random; do
    sed "s/^seed: .*/seed: $seed/" "$here/pbt/dcgan-$method.yaml" > "$work/dcgan-$method.yaml"
    "$here/../gantry" run "$work/dcgan-$method.yaml" --data-dir "$work/$method-$seed" > "$work/$method-$seed.log" 2>&1 \
      || { cat "$work/$method-$seed.log"; exit 1; }
  done
  printf '%-6s %-10s %-10s\n' "$seed" "$(best dcgan-pbt "$work/pbt-$seed")" "$(best dcgan-random "$work/random-$seed")"
done
