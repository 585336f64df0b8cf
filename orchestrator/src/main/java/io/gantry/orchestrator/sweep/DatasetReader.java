package io.gantry.orchestrator.sweep;

import static io.gantry.protocol.trial.DatasetSpec.FASHION_MNIST;
import static io.gantry.protocol.trial.DatasetSpec.GAUSSIAN_2D;
import static io.gantry.protocol.trial.DatasetSpec.IDX;

import io.gantry.protocol.trial.DatasetSpec;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads the {@code dataset} entry: a name ({@code fashion-mnist}, {@code gaussian-2d}), a mapping
 * with a name and limits, or {@code {format: idx, images, labels, test_images, test_labels}} with
 * paths relative to the sweep file's folder.
 */
final class DatasetReader {

  private static final String KEY = "dataset";
  // as long as the store's path columns (VARCHAR(1000)), and far within what file systems take
  private static final int PATH_LENGTH = 1000;
  private static final List<String> NAMED = List.of(FASHION_MNIST, GAUSSIAN_2D);
  private static final List<String> NAMED_KEYS = List.of("name", "train_limit", "test_limit");
  private static final List<String> IDX_KEYS =
      List.of(
          "format", "images", "labels", "test_images", "test_labels", "train_limit", "test_limit");

  private final NodeReader reader;
  private final Path baseDir;

  DatasetReader(NodeReader reader, Path baseDir) {
    this.reader = reader;
    this.baseDir = baseDir;
  }

  /**
   * The dataset, or empty when its kind cannot be told. A spec with other problems (a missing file,
   * a bad limit) is still returned, since its kind is enough to check the metric.
   */
  Optional<DatasetSpec> read(Node node) {
    if (node instanceof ScalarNode) {
      return reader.text(node, KEY, NodeReader.WORD_LENGTH).flatMap(name -> named(node, KEY, name));
    }
    return reader.mapping(node, KEY).flatMap(this::fromMapping);
  }

  private Optional<DatasetSpec> fromMapping(MappingFields fields) {
    if (fields.has("format")) {
      return idx(fields);
    }
    if (!fields.has("name")) {
      reader.error(
          fields.node(),
          KEY,
          "expected name: fashion-mnist | gaussian-2d, or format: idx with paths");
      return Optional.empty();
    }
    fields.allowOnly(NAMED_KEYS);
    String key = fields.keyOf("name");
    Node nameNode = fields.optional("name").orElseThrow();
    return reader
        .text(nameNode, key, NodeReader.WORD_LENGTH)
        .flatMap(name -> named(nameNode, key, name))
        .map(spec -> withLimits(spec, fields));
  }

  private Optional<DatasetSpec> named(Node node, String key, String name) {
    if (NAMED.contains(name)) {
      return Optional.of(DatasetSpec.named(name));
    }
    String message =
        IDX.equals(name)
            ? "idx data needs its files: {format: idx, images, labels, test_images, test_labels}"
            : Suggestions.unknown("dataset", name, NAMED);
    reader.error(node, key, message);
    return Optional.empty();
  }

  private Optional<DatasetSpec> idx(MappingFields fields) {
    fields.allowOnly(IDX_KEYS);
    Node formatNode = fields.optional("format").orElseThrow();
    Optional<String> format = reader.text(formatNode, fields.keyOf("format"), NodeReader.WORD_LENGTH);
    if (format.isPresent() && !IDX.equals(format.get())) {
      reader.error(
          formatNode,
          fields.keyOf("format"),
          Suggestions.unknown("format", format.get(), List.of(IDX)));
      return Optional.empty();
    }
    DatasetSpec spec =
        new DatasetSpec(
            IDX,
            file(fields, "images"),
            file(fields, "labels"),
            file(fields, "test_images"),
            file(fields, "test_labels"),
            0,
            0);
    return Optional.of(withLimits(spec, fields));
  }

  /**
   * The absolute path of an existing file, or null when absent or wrong (and reported). All four
   * files are required: validation needs the test split, and conditional models the labels.
   */
  private String file(MappingFields fields, String name) {
    String key = fields.keyOf(name);
    Optional<Node> node = fields.required(name);
    Optional<String> text = node.flatMap(n -> reader.text(n, key, PATH_LENGTH));
    if (text.isEmpty()) {
      return null;
    }
    Path path;
    try {
      path = baseDir.resolve(text.get()).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      reader.error(node.get(), key, "not a valid path: " + e.getMessage());
      return null;
    }
    if (!Files.isRegularFile(path)) {
      reader.error(node.get(), key, "file not found: " + path);
      return null;
    }
    return path.toString();
  }

  private DatasetSpec withLimits(DatasetSpec spec, MappingFields fields) {
    return spec.withLimits(limit(fields, "train_limit"), limit(fields, "test_limit"));
  }

  private int limit(MappingFields fields, String name) {
    return fields
        .optional(name)
        .flatMap(node -> reader.integer(node, fields.keyOf(name), 0, Integer.MAX_VALUE))
        .map(Long::intValue)
        .orElse(0);
  }
}
