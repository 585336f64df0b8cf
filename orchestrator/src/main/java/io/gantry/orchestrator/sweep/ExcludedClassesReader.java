package io.gantry.orchestrator.sweep;

import io.gantry.protocol.idx.IdxFile;
import io.gantry.protocol.idx.IdxReader;
import io.gantry.protocol.trial.DatasetSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads a dataset's {@code exclude_classes: [9]}: distinct labels the set has, not all of them.
 * Fashion-MNIST's labels are 0 to 9; an {@code idx} set's are those its training label file holds,
 * read here so that a wrong class is caught before anything runs.
 */
final class ExcludedClassesReader {

  private final NodeReader reader;

  ExcludedClassesReader(NodeReader reader) {
    this.reader = reader;
  }

  /** The classes {@code node} (at {@code key}) leaves out of {@code spec}; empty where wrong (and reported). */
  List<Integer> read(Node node, String key, DatasetSpec spec) {
    Optional<SortedSet<Integer>> labels = labels(node, key, spec);
    Optional<List<Node>> items = reader.sequence(node, key);
    if (labels.isEmpty() || items.isEmpty()) {
      return List.of();
    }
    List<Integer> classes = new ArrayList<>();
    for (int i = 0; i < items.get().size(); i++) {
      Node item = items.get().get(i);
      String itemKey = key + "[" + i + "]";
      Optional<Integer> label = reader.integer(item, itemKey, 0, Integer.MAX_VALUE).map(Long::intValue);
      if (label.isEmpty()) {
        continue;
      }
      if (!labels.get().contains(label.get())) {
        reader.error(item, itemKey, "class " + label.get() + " is not a label of " + spec.kind() + " (" + describe(labels.get()) + ")");
      } else if (classes.contains(label.get())) {
        reader.error(item, itemKey, "class " + label.get() + " is listed twice");
      } else {
        classes.add(label.get());
      }
    }
    if (items.get().isEmpty()) {
      reader.error(node, key, "expected at least one class to leave out");
    }
    if (classes.size() == labels.get().size()) {
      reader.error(node, key, "leaves out every class of " + spec.kind() + " (" + describe(labels.get()) + "): nothing is left to train on");
      return List.of();
    }
    return classes;
  }

  /** The labels of {@code spec}'s training images; empty for data without labels (reported). */
  private Optional<SortedSet<Integer>> labels(Node node, String key, DatasetSpec spec) {
    if (spec.kind().equals(DatasetSpec.FASHION_MNIST)) {
      SortedSet<Integer> labels = new TreeSet<>();
      for (int c = 0; c < DatasetSpec.FASHION_MNIST_CLASSES; c++) {
        labels.add(c);
      }
      return Optional.of(labels);
    }
    if (!spec.kind().equals(DatasetSpec.IDX)) {
      reader.error(node, key, spec.kind() + " has no classes to leave out");
      return Optional.empty();
    }
    if (spec.trainLabels() == null) {
      // the missing or wrong label file is reported at its own key
      return Optional.empty();
    }
    try {
      IdxFile file = IdxReader.read(Path.of(spec.trainLabels()));
      SortedSet<Integer> labels = new TreeSet<>();
      for (byte label : file.data()) {
        labels.add(label & 0xff);
      }
      return Optional.of(labels);
    } catch (IOException e) {
      reader.error(node, key, "cannot read the labels to leave classes out of: " + e.getMessage());
      return Optional.empty();
    }
  }

  private static String describe(SortedSet<Integer> labels) {
    return labels.size() == labels.last() - labels.first() + 1
        ? labels.first() + " to " + labels.last()
        : labels.toString();
  }
}
