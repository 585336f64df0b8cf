package io.gantry.worker.train;

import io.gantry.protocol.trial.Budget;
import io.gantry.protocol.trial.DatasetSpec;
import io.gantry.protocol.trial.TrialSpec;
import java.nio.file.Path;
import java.util.Map;

/** Small trial specs for the runner's tests. */
final class Trials {

  private Trials() {}

  /** {@code model} on a 256-image Fashion-MNIST subset, batches of 64: 4 steps an epoch. */
  static TrialSpec fashion(
      String model, Map<String, Object> params, Budget budget, long seed, Path dir) {
    return spec(
        model, DatasetSpec.named("fashion-mnist").withLimits(256, 128), params, budget, seed, dir);
  }

  static TrialSpec spec(
      String model,
      DatasetSpec data,
      Map<String, Object> params,
      Budget budget,
      long seed,
      Path dir) {
    return new TrialSpec(
        "sweep", model + "-" + seed, model, data, params, budget, seed, 3, dir.toString());
  }

  /**
   * Small networks, batches of 64 and FID on 200 images, so that the runner's tests spend their
   * time on the runner.
   */
  static Map<String, Object> small(String model) {
    return switch (model) {
      case "gan" ->
          Map.of(
              "latent_dim",
              8,
              "g_hidden",
              32,
              "d_hidden",
              32,
              "batch_size",
              64,
              "fid_samples",
              200);
      case "dcgan", "cgan" ->
          Map.of(
              "latent_dim",
              8,
              "g_channels",
              8,
              "d_channels",
              8,
              "batch_size",
              64,
              "fid_samples",
              200);
      case "progan" ->
          Map.of(
              "latent_dim",
              8,
              "channels",
              8,
              "phase_images",
              128,
              "batch_size",
              32,
              "fid_samples",
              200);
      case "stylegan" ->
          Map.of(
              "latent_dim",
              8,
              "mapping_layers",
              2,
              "channels",
              8,
              "batch_size",
              32,
              "fid_samples",
              200);
      case "pix2pix", "cyclegan" ->
          Map.of("g_channels", 8, "d_channels", 8, "batch_size", 32, "fid_samples", 200);
      case "vae" -> Map.of("latent_dim", 8, "hidden_dim", 32, "batch_size", 64, "fid_samples", 200);
      case "aae" ->
          Map.of(
              "latent_dim", 8, "hidden_dim", 32, "d_hidden", 32, "batch_size", 64, "fid_samples", 200);
      default -> Map.of("latent_dim", 8, "hidden_dim", 32, "batch_size", 64);
    };
  }
}
