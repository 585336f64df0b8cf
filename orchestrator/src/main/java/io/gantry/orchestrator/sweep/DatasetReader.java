package io.gantry.orchestrator.sweep;

import static io.gantry.protocol.trial.DatasetSpec.FASHION_MNIST;
import static io.gantry.protocol.trial.DatasetSpec.GAUSSIAN_2D;
import static io.gantry.protocol.trial.DatasetSpec.IDX;
import static io.gantry.protocol.trial.DatasetSpec.MIXTURE_1D;

import io.gantry.protocol.trial.DatasetSpec;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads the {@code dataset} entry: a name ({@code fashion-mnist}, {@code gaussian-2d}, {@code
 * mixture-1d}), a mapping with a name and limits (and for {@code mixture-1d} the mixture, read by
 * {@link MixtureReader}), or {@code {format: idx, images, labels, test_images, test_labels}} with
 * paths relative to the sweep file's folder, and for pix2pix's {@code task: paired} the input
 * image paired with each image from {@code input_images} and {@code test_input_images} ({@link
 * PairedInputsCheck}); a mapping of image data may leave classes out ({@link
 * ExcludedClassesReader}).
 */
final class DatasetReader {

  private static final String KEY = "dataset";
  // as long as the store's path columns (VARCHAR(1000)), and far within what file systems take
  private static final int PATH_LENGTH = 1000;
  private static final List<String> NAMED = List.of(FASHION_MNIST, GAUSSIAN_2D, MIXTURE_1D);
  private static final String EXCLUDE = "exclude_classes";
  private static final List<String> NAMED_KEYS = List.of("name", "train_limit", "test_limit", EXCLUDE);
  private static final List<String> MIXTURE_KEYS =
      List.of("name", "train_limit", "test_limit", "weights", "means", "stds");
  static final String INPUTS = "input_images";
  static final String TEST_INPUTS = "test_input_images";
  private static final List<String> IDX_KEYS =
      List.of(
          "format",
          "images",
          "labels",
          "test_images",
          "test_labels",
          INPUTS,
          TEST_INPUTS,
          "train_limit",
          "test_limit",
          EXCLUDE);

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
          "expected name: fashion-mnist | gaussian-2d | mixture-1d, or format: idx with paths");
      return Optional.empty();
    }
    String key = fields.keyOf("name");
    Node nameNode = fields.optional("name").orElseThrow();
    boolean mixture = nameNode instanceof ScalarNode s && MIXTURE_1D.equals(s.getValue());
    fields.allowOnly(mixture ? MIXTURE_KEYS : NAMED_KEYS);
    return reader
        .text(nameNode, key, NodeReader.WORD_LENGTH)
        .flatMap(name -> named(nameNode, key, name))
        .map(spec -> withLimits(spec, fields))
        .map(spec -> mixture ? spec.withMixture(new MixtureReader(reader).read(fields)) : spec);
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
        DatasetSpec.idx(
            file(fields, "images"),
            file(fields, "labels"),
            file(fields, "test_images"),
            file(fields, "test_labels"));
    // one without the other is missing at the other's key
    if (fields.has(INPUTS) || fields.has(TEST_INPUTS)) {
      spec = spec.withInputs(file(fields, INPUTS), file(fields, TEST_INPUTS));
    }
    return Optional.of(withLimits(spec, fields));
  }

  /**
   * The absolute path of an existing file, or null when absent or wrong (and reported). All four
   * files of the images and labels are required: validation needs the test split, and conditional
   * models the labels; the inputs are required of each split once one split has them.
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
    DatasetSpec limited = spec.withLimits(limit(fields, "train_limit"), limit(fields, "test_limit"));
    return fields
        .optional(EXCLUDE)
        .map(node -> limited.excluding(new ExcludedClassesReader(reader).read(node, fields.keyOf(EXCLUDE), limited)))
        .orElse(limited);
  }

  private int limit(MappingFields fields, String name) {
    return fields
        .optional(name)
        .flatMap(node -> reader.integer(node, fields.keyOf(name), 0, Integer.MAX_VALUE))
        .map(Long::intValue)
        .orElse(0);
  }
}
