package io.gantry.worker.train;

import io.gantry.protocol.transfer.Folders;
import io.gantry.protocol.trial.CheckpointFolders;
import io.gantry.worker.model.ModelRecipe;
import io.gantry.worker.model.Network;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * A checkpoint folder, everything a trial needs to go on exactly where it was: per network {@code
 * <network>.params} (weights and BatchNorm statistics, DJL's format) and {@code <network>.adam}
 * (the optimizer's step count and moments, by parameter name), and {@code trial.properties} with
 * how the trial was made, the {@link LoopPosition} ({@code position.*}) and the recipe's schedule
 * state ({@code state.*}). Where the folders lie and their step, which the coordinator reads
 * without DJL, are {@link CheckpointFolders}'.
 */
public final class Checkpoint {

  private static final String STATE = "state.";

  private final Path folder;
  private final Properties properties;

  private Checkpoint(Path folder, Properties properties) {
    this.folder = folder;
    this.properties = properties;
  }

  /**
   * Saves {@code recipe} at {@code position} as {@code folder}, with {@code provenance} lines
   * first. The files go to a temporary folder that is then moved into place, so a worker killed
   * while writing never leaves a half checkpoint for a resume to find.
   */
  static void write(Path folder, ModelRecipe recipe, LoopPosition position, List<String> provenance)
      throws IOException {
    Path partial = folder.resolveSibling(folder.getFileName() + ".partial");
    Folders.deleteFlat(partial);
    Files.createDirectories(partial);
    for (Map.Entry<String, Network> network : recipe.networks().entrySet()) {
      try (DataOutputStream out = output(partial.resolve(network.getKey() + ".params"))) {
        network.getValue().saveParameters(out);
      }
      try (DataOutputStream out = output(partial.resolve(network.getKey() + ".adam"))) {
        network.getValue().saveOptimizer(out);
      }
    }
    List<String> lines = new ArrayList<>(provenance);
    lines.add("position.epoch=" + position.epoch());
    lines.add("position.offset=" + position.offset());
    lines.add(CheckpointFolders.STEP + "=" + position.step());
    new TreeMap<>(recipe.state()).forEach((key, value) -> lines.add(STATE + key + "=" + value));
    Files.write(partial.resolve(CheckpointFolders.PROPERTIES), lines, StandardCharsets.UTF_8);
    Folders.deleteFlat(folder);
    Files.move(partial, folder, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Reads the checkpoint in {@code folder}; throws if it is not one. */
  public static Checkpoint read(Path folder) throws IOException {
    return new Checkpoint(folder, CheckpointFolders.read(folder));
  }

  /** Reads the checkpoint in {@code folder}; throws if it is not one, or is of another model. */
  public static Checkpoint readOf(String model, Path folder) throws IOException {
    Checkpoint saved = read(folder);
    String savedModel = saved.property("model").orElse("?");
    if (!savedModel.equals(model)) {
      throw new IllegalArgumentException("checkpoint " + folder.getFileName() + " is of model " + savedModel + ", not " + model);
    }
    return saved;
  }

  /** A line of {@code trial.properties}, such as {@code model} or {@code seed}. */
  public Optional<String> property(String key) {
    return Optional.ofNullable(properties.getProperty(key));
  }

  /** Where the loop stood. */
  LoopPosition position() {
    return new LoopPosition(
        Integer.parseInt(properties.getProperty("position.epoch")),
        Integer.parseInt(properties.getProperty("position.offset")),
        CheckpointFolders.step(properties));
  }

  /** Puts {@code recipe} back as it was saved: its schedule first, then weights and optimizers. */
  void restore(ModelRecipe recipe) throws IOException {
    Map<String, String> state = new TreeMap<>();
    properties.stringPropertyNames().stream()
        .filter(key -> key.startsWith(STATE))
        .forEach(key -> state.put(key.substring(STATE.length()), properties.getProperty(key)));
    recipe.restore(state);
    for (Map.Entry<String, Network> network : recipe.networks().entrySet()) {
      try (DataInputStream in = input(folder.resolve(network.getKey() + ".params"))) {
        network.getValue().loadParameters(in);
      }
      try (DataInputStream in = input(folder.resolve(network.getKey() + ".adam"))) {
        network.getValue().loadOptimizer(in);
      }
    }
  }

  private static DataOutputStream output(Path file) throws IOException {
    return new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)));
  }

  private static DataInputStream input(Path file) throws IOException {
    return new DataInputStream(new BufferedInputStream(Files.newInputStream(file)));
  }
}
