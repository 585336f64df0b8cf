package io.gantry.worker.train;

import io.gantry.protocol.transfer.Folders;
import io.gantry.worker.model.ModelRecipe;
import io.gantry.worker.model.Network;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A checkpoint folder, everything a trial needs to go on exactly where it was: per network {@code
 * <network>.params} (weights and BatchNorm statistics, DJL's format) and {@code <network>.adam}
 * (the optimizer's step count and moments, by parameter name), and {@code trial.properties} with
 * how the trial was made, the {@link LoopPosition} ({@code position.*}) and the recipe's schedule
 * state ({@code state.*}).
 */
public final class Checkpoint {

  private static final String PROPERTIES = "trial.properties";
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
    lines.add("position.step=" + position.step());
    new TreeMap<>(recipe.state()).forEach((key, value) -> lines.add(STATE + key + "=" + value));
    Files.write(partial.resolve(PROPERTIES), lines, StandardCharsets.UTF_8);
    Folders.deleteFlat(folder);
    Files.move(partial, folder, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Reads the checkpoint in {@code folder}; throws if it is not one. */
  public static Checkpoint read(Path folder) throws IOException {
    Path file = folder.resolve(PROPERTIES);
    if (!Files.isRegularFile(file)) {
      throw new IOException(folder + " is not a checkpoint: it has no " + PROPERTIES);
    }
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    }
    return new Checkpoint(folder, properties);
  }

  /** The complete checkpoint with the most steps under a trial's artifact folder, if any. */
  public static Optional<Path> latest(Path artifactDir) throws IOException {
    Path root = artifactDir.resolve("checkpoints");
    if (!Files.isDirectory(root)) {
      return Optional.empty();
    }
    List<Checkpoint> found = new ArrayList<>();
    try (Stream<Path> folders = Files.list(root)) {
      for (Path folder : (Iterable<Path>) folders::iterator) {
        if (Files.isRegularFile(folder.resolve(PROPERTIES))) {
          found.add(read(folder));
        }
      }
    }
    return found.stream()
        .max(Comparator.comparingLong(c -> c.position().step()))
        .map(c -> c.folder);
  }

  /** A line of {@code trial.properties}, such as {@code model} or {@code seed}. */
  public Optional<String> property(String key) {
    return Optional.ofNullable(properties.getProperty(key));
  }

  /** The steps the trial had taken when it was saved. */
  public long step() {
    return position().step();
  }

  /** Where the loop stood. */
  LoopPosition position() {
    return new LoopPosition(
        Integer.parseInt(properties.getProperty("position.epoch")),
        Integer.parseInt(properties.getProperty("position.offset")),
        Long.parseLong(properties.getProperty("position.step")));
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
