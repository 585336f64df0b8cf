#!/usr/bin/env bash
# Proves Gantry's GPU path on a machine with an NVIDIA GPU, in one command, without a network:
# trains the VAE and the DCGAN (one epoch of Fashion-MNIST each, their default batches) through
# Gantry's trial loop on the CPU build and on the GPU (libtorch's CUDA build from the torch wheel,
# loaded as GPU workers load it), and the same networks in PyTorch's CUDA eager mode
# (bench/pytorch/reference.py); prints samples/s of each, the GPU's peak memory during each GPU
# run, and the quickstart sweep's wall time with 1, 4 and 8 trials per GPU (gantry worker
# --trials-per-gpu K, resources.gpu_fraction 1/K). It first checks for what it needs and says
# what is missing. It is meant to finish within 8 minutes; it has not yet run on a GPU.
#   scripts/gpu-check.sh [threads]   (CPU threads for the CPU runs; default: all cores)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
threads="${1:-$(nproc)}"
missing() { echo "gpu-check: $*" >&2; exit 2; }

command -v nvidia-smi >/dev/null || missing "nvidia-smi is not on PATH: this machine has no NVIDIA driver"
nvidia-smi -L | grep -q '^GPU ' || missing "nvidia-smi lists no GPU"
venv="${GANTRY_TORCH_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/gantry/torch-2.7.1}"
[ -x "$venv/bin/python" ] || missing "no torch venv at $venv: run scripts/install-torch.sh where PyPI is reachable, or set GANTRY_TORCH_VENV"
"$venv/bin/python" -c 'import sys, torch; sys.exit(0 if torch.cuda.is_available() else 1)' \
  || missing "the torch in $venv sees no CUDA device (its wheel is CUDA 12.6: the driver must support it)"
[ -f /usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz ] || missing "no Fashion-MNIST: scripts/install-data.sh"
nvidia-smi --query-gpu=index,name,memory.total,driver_version --format=csv,noheader | sed 's/^/gpu-check: GPU /'

classpath="$("$root/bench/build.sh")"
# as orchestrator/.../run/TorchWheel.java sets a GPU worker up: the wheel's libtorch, its CUDA
# libraries, and no CPU build on the classpath
site="$(echo "$venv"/lib/python3*/site-packages)"
gpu_classpath="$(tr ':' '\n' <<<"$classpath" | grep -v '/pytorch-native-cpu' | paste -sd:)"
cuda_libs="$(ls -d "$site"/nvidia/*/lib | paste -sd:)"
java_opts=(-Xmx4g -Dai.djl.offline=true -Dai.djl.pytorch.num_interop_threads=1)

peak_memory() {  # runs "$@" while sampling the GPU's memory; prints the peak in MiB last
  local samples; samples="$(mktemp)"
  nvidia-smi -i 0 --query-gpu=memory.used --format=csv,noheader,nounits -lms 200 >"$samples" &
  local sampler=$!
  "$@"
  kill "$sampler"; wait "$sampler" 2>/dev/null || true
  echo "peak-memory $(sort -n "$samples" | tail -1) MiB"
  rm -f "$samples"
}

out="$(mktemp)"
for model in vae dcgan; do
  java "${java_opts[@]}" -Dai.djl.pytorch.num_threads="$threads" -cp "$classpath" \
    io.gantry.bench.TrainingBenchmark "$model" 1 2>/dev/null | sed 's/ gantry / gantry-cpu /' | tee -a "$out"
  peak_memory env PYTORCH_LIBRARY_PATH="$site/torch/lib" PYTORCH_VERSION=2.7.1 PYTORCH_FLAVOR=cu128 CUDA_VISIBLE_DEVICES=0 \
    LD_LIBRARY_PATH="$cuda_libs${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" \
    java "${java_opts[@]}" -Dai.djl.pytorch.num_threads=1 -cp "$gpu_classpath" io.gantry.bench.TrainingBenchmark "$model" 1 \
    2>/dev/null | sed "s/ gantry / gantry-gpu /; s/^peak-memory/peak-memory $model gantry-gpu/" | tee -a "$out"
  peak_memory env REFERENCE_DEVICE=cuda CUDA_VISIBLE_DEVICES=0 "$venv/bin/python" "$root/bench/pytorch/reference.py" "$model" 1 1 \
    | sed "s/ pytorch / pytorch-cuda /; s/^peak-memory/peak-memory $model pytorch-cuda/" | tee -a "$out"
done

"$root/bench/gpu-sharing.sh" 1 4 8 | tee -a "$out"

awk '/^throughput/ {rate[$2 " " $3] = $4}
     END {
       split("vae dcgan", models, " ")
       for (i = 1; i <= 2; i++) {
         m = models[i]; g = rate[m " gantry-gpu"]; c = rate[m " gantry-cpu"]; p = rate[m " pytorch-cuda"]
         if (c > 0 && p > 0) printf "%s: gantry gpu %.0f, gantry cpu %.0f, pytorch cuda %.0f samples/s; gpu / cpu %.1f, gantry / pytorch on the gpu %.2f\n", m, g, c, p, g / c, g / p
       }
     }' "$out"
rm -f "$out"
