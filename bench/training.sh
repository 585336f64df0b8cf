#!/usr/bin/env bash
# Benchmark: training throughput of Gantry's MLP VAE, DCGAN, pix2pix (edges) and StyleGAN against the same
# networks in PyTorch 2.7.1 (bench/pytorch/reference.py), same threads, same batch (each model's
# default: 128, 128, 64, 32), whole Fashion-MNIST (StyleGAN: its first 12,000 images);
# prints samples/s of each, their ratio, and the VAE's held-out ELBO after the same epochs for
# both (and Gantry's IWAE bound and FIDs). Gantry and PyTorch take turns, `rounds` times each,
# and the best throughput of each counts: on a shared machine other work only slows a run down.
#   bench/training.sh [vae_epochs] [dcgan_epochs] [threads] [rounds] [pix2pix_epochs] [stylegan_epochs]   (default 3 1 2 2 1 1)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
vae_epochs="${1:-3}" dcgan_epochs="${2:-1}" threads="${3:-2}" rounds="${4:-2}" pix2pix_epochs="${5:-1}" stylegan_epochs="${6:-1}"
classpath="$("$here/build.sh")"
venv="$("$here/pytorch/install.sh")"
out="$(mktemp)"
for run in "vae $vae_epochs" "dcgan $dcgan_epochs" "pix2pix $pix2pix_epochs" "stylegan $stylegan_epochs 12000"; do
  set -- $run
  for round in $(seq "$rounds"); do
    java -Xmx2g -Dai.djl.offline=true -Dai.djl.pytorch.num_threads="$threads" \
      -Dai.djl.pytorch.num_interop_threads=1 -cp "$classpath" io.gantry.bench.TrainingBenchmark "$1" "$2" ${3:-} \
      2>/dev/null | tee -a "$out"
    "$venv/bin/python" "$here/pytorch/reference.py" "$1" "$2" "$threads" ${3:-} | tee -a "$out"
  done
done
awk '/^throughput/ {if ($4 > rate[$2 " " $3]) rate[$2 " " $3] = $4}
     /^elbo vae/ {elbo[$3] = $4}
     END {
       split("vae dcgan pix2pix stylegan", models, " ")
       for (i = 1; i <= 4; i++) {
         g = rate[models[i] " gantry"]; p = rate[models[i] " pytorch"]
         if (p > 0) printf "%s gantry / pytorch training throughput: %.3f (best of the rounds: %.0f vs %.0f samples/s)\n", models[i], g / p, g, p
       }
       printf "vae held-out elbo after the same epochs: gantry %s, pytorch %s\n", elbo["gantry"], elbo["pytorch"]
     }' "$out"
rm -f "$out"
