package io.gantry.protocol.trial;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Where a trial's checkpoints lie under its artifact folder ({@code checkpoints/epoch-NNN/}) and
 * what of them can be read without a training library: each has a {@value #PROPERTIES} whose
 * {@value #STEP} says how far the trial had come. The coordinator picks the checkpoint a trial
 * resumes from by this alone; the weights in the folder are the worker's business.
 */
public final class CheckpointFolders {

  /** The kind of artifact that is a checkpoint folder, which a trial can resume from. */
  public static final String KIND = "checkpoint";

  /** The file a checkpoint folder holds once it is complete, with how the trial was made and where it stood. */
  public static final String PROPERTIES = "trial.properties";

  /** The property with the steps the trial had taken when it was saved. */
  public static final String STEP = "position.step";

  private static final String ROOT = "checkpoints";

  private CheckpointFolders() {}

  /** The checkpoint a trial writing into {@code artifactDir} saves at the end of {@code epoch}. */
  public static Path ofEpoch(Path artifactDir, int epoch) {
    return named(artifactDir, String.format("epoch-%03d", epoch));
  }

  /** The checkpoint folder {@code name} of the trial writing into {@code artifactDir}. */
  public static Path named(Path artifactDir, String name) {
    return artifactDir.resolve(ROOT).resolve(name);
  }

  /** The {@value #PROPERTIES} of the checkpoint in {@code folder}; throws if it is not one. */
  public static Properties read(Path folder) throws IOException {
    Path file = folder.resolve(PROPERTIES);
    if (!Files.isRegularFile(file)) {
      throw new IOException(folder + " is not a checkpoint: it has no " + PROPERTIES);
    }
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    }
    return properties;
  }

  /** The steps the trial had taken when the checkpoint in {@code folder} was saved. */
  public static long step(Path folder) throws IOException {
    return step(read(folder));
  }

  /** The steps of a checkpoint with these {@link #read properties}. */
  public static long step(Properties properties) {
    return Long.parseLong(properties.getProperty(STEP));
  }

  /** The complete checkpoint with the most steps under a trial's artifact folder, if any. */
  public static Optional<Path> latest(Path artifactDir) throws IOException {
    return complete(artifactDir).entrySet().stream().max(Map.Entry.comparingByKey()).map(Map.Entry::getValue);
  }

  /** The complete checkpoint with the fewest steps of those at {@code step} or later, if any. */
  public static Optional<Path> firstFrom(Path artifactDir, long step) throws IOException {
    return complete(artifactDir).entrySet().stream()
        .filter(e -> e.getKey() >= step)
        .min(Map.Entry.comparingByKey())
        .map(Map.Entry::getValue);
  }

  /** The complete checkpoints under a trial's artifact folder, by step (the last of a step kept). */
  private static Map<Long, Path> complete(Path artifactDir) throws IOException {
    Path root = artifactDir.resolve(ROOT);
    Map<Long, Path> byStep = new TreeMap<>();
    if (!Files.isDirectory(root)) {
      return byStep;
    }
    try (Stream<Path> folders = Files.list(root)) {
      for (Path folder : (Iterable<Path>) folders::iterator) {
        // a folder still arriving or being written has no properties yet
        if (Files.isRegularFile(folder.resolve(PROPERTIES))) {
          byStep.putIfAbsent(step(folder), folder);
        }
      }
    }
    return byStep;
  }
}
