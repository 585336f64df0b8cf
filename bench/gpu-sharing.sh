#!/usr/bin/env bash
# Benchmark: one GPU shared by several trials. The quickstart's VAE, as 8 trials (latent_dim x lr x
# batch_size), sent to a coordinator whose one worker node serves gpu:0 with K worker processes
# (gantry worker --trials-per-gpu K) and whose sweep asks gpu_fraction 1/K, for each K given:
# the wall time from the submission to the sweep's end, and trials per minute. Same trials, seeds
# and epochs for every K. Needs a GPU and the torch wheel (scripts/install-torch.sh);
# scripts/gpu-check.sh runs it. DEVICE=cpu:0 runs the same on a CPU slot, without a fraction.
#   bench/gpu-sharing.sh [K...]   (default 1 4 8)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
device="${DEVICE:-gpu:0}"
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
[ $# -gt 0 ] || set -- 1 4 8

for k in "$@"; do
  dir="$(mktemp -d)"
  port="$(free_port)" http="$(free_port)"
  "$root/gantry" coordinator --port "$port" --http-port "$http" --data-dir "$dir/coordinator" >"$dir/coordinator.log" 2>&1 &
  coordinator=$!
  until curl -fs "http://127.0.0.1:$http/api/cluster" >/dev/null; do sleep 0.5; done
  "$root/gantry" worker --join "127.0.0.1:$port" --devices "$device" --trials-per-gpu "$k" --data-dir "$dir/node" >"$dir/node.log" 2>&1 &
  node=$!
  fraction="$(python3 -c "print(1 / $k)")"
  resources=""
  [[ "$device" == gpu:* ]] && resources="resources: {gpu_fraction: $fraction}"
  cat >"$dir/sweep.yaml" <<SWEEP
name: gpu-sharing-$k
model: vae
dataset: {name: fashion-mnist, train_limit: 20000, test_limit: 2000}
method: grid
metric: {name: val/elbo, goal: maximize}
budget: {epochs: 2}
parameters:
  latent_dim: {values: [8, 16]}
  lr: {values: [1.0e-3, 3.0e-3]}
  batch_size: {values: [64, 128]}
  fid_samples: {value: 0}
$resources
seed: 1
SWEEP
  started="$(date +%s.%N)"
  "$root/gantry" submit "$dir/sweep.yaml" --to "127.0.0.1:$http" >/dev/null
  until curl -fs "http://127.0.0.1:$http/api/sweeps/gpu-sharing-$k" | grep -Eq '"status":"(finished|failed|cancelled)"'; do sleep 1; done
  ended="$(date +%s.%N)"
  status="$(curl -fs "http://127.0.0.1:$http/api/sweeps/gpu-sharing-$k" | grep -Eo '"status":"[a-z]+"' | head -1)"
  kill "$node" "$coordinator"
  wait "$node" "$coordinator" 2>/dev/null || true
  awk -v k="$k" -v d="$device" -v s="$started" -v e="$ended" -v st="$status" \
    'BEGIN { printf "gpu-sharing %s with %d trial(s) at once: 8 trials in %.1f s, %.1f trials/min (%s)\n", d, k, e - s, 8 * 60 / (e - s), st }'
  rm -rf "$dir"
done
