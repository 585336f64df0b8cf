#!/usr/bin/env bash
# Benchmark: whole sweeps, end to end, by Gantry and by Ray Tune 2.60 + PyTorch 2.7.1 and Optuna 5.1
# + PyTorch 2.7.1 (bench/sweep/reference_sweep.py): the quickstart (4 VAEs, 2 epochs of 20,000
# images) and a 16-trial VAE grid with ASHA (bench/sweep/vae-asha.yaml), the same trials, two at a
# time with one thread each. Wall time from each command's start to its last result (Gantry's
# `./gantry run`, its build done beforehand; the Python process with its imports). The tools take
# turns `rounds` times and the best wall time of each counts; prints the ratios Gantry / Ray Tune
# and Gantry / Optuna (below 1: Gantry is faster).
#   bench/sweep.sh [rounds]   (default 1)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$here/.."
rounds="${1:-1}"
"$root/scripts/install-data.sh" >&2
venv="$("$here/sweep/install.sh")"
data="$(mktemp -d)"
out="$(mktemp)"
trap 'rm -rf "$data" "$out"' EXIT
"$root/gantry" list --data-dir "$data" >/dev/null # builds Gantry first, outside the timing
for round in $(seq "$rounds"); do
  for sweep in "quickstart $root/experiments/quickstart.yaml" "asha $here/sweep/vae-asha.yaml"; do
    set -- $sweep
    started=$(date +%s.%N)
    "$root/gantry" run "$2" --data-dir "$data" >"$data/run.log" 2>&1 || { cat "$data/run.log" >&2; exit 1; }
    ended=$(date +%s.%N)
    best=$(awk '$1 == "1" {print $NF; exit}' "$data/run.log")
    echo "gantry: sweep $1, best val/elbo $best" | tee -a "$out"
    echo "wall gantry $1 $(awk -v a="$started" -v b="$ended" 'BEGIN {printf "%.1f", b - a}')" | tee -a "$out"
    for tool in ray optuna; do
      "$venv/bin/python" "$here/sweep/reference_sweep.py" "$tool" "$1" 2>/dev/null | grep -E '^(wall|ray|optuna) ' | tee -a "$out"
    done
  done
done
awk '/^wall/ {key = $2 " " $3; if (!(key in wall) || $4 < wall[key]) wall[key] = $4}
     END {
       split("quickstart asha", sweeps, " ")
       for (i = 1; i <= 2; i++) {
         s = sweeps[i]; g = wall["gantry " s]; r = wall["ray " s]; o = wall["optuna " s]
         printf "sweep %s: wall time gantry %.1f s, ray tune %.1f s, optuna %.1f s; gantry / ray tune %.2f, gantry / optuna %.2f\n", s, g, r, o, g / r, g / o
       }
     }' "$out"
