package io.gantry.orchestrator.sweep;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * The entries of one YAML mapping, looked up by key, with the dotted path that names them in errors
 * ({@code parameters.lr} and its {@code min} give {@code parameters.lr.min}). Duplicate and
 * non-text keys are reported when the fields are built, since SnakeYAML's composer keeps both
 * copies of a duplicate silently.
 */
final class MappingFields {

  private final NodeReader reader;
  private final MappingNode node;
  private final String path;
  private final Map<String, NodeTuple> entries = new LinkedHashMap<>();

  MappingFields(NodeReader reader, MappingNode node, String path) {
    this.reader = reader;
    this.node = node;
    this.path = path;
    for (NodeTuple entry : node.getValue()) {
      Node keyNode = entry.getKeyNode();
      if (!(keyNode instanceof ScalarNode scalar)) {
        reader.error(keyNode, path, "expected a plain key, got " + reader.describe(keyNode));
      } else if (entries.putIfAbsent(scalar.getValue(), entry) != null) {
        reader.error(keyNode, keyOf(scalar.getValue()), "duplicate key");
      }
    }
  }

  /**
   * The value of entry {@code name} of {@code mapping}, found without reporting anything, for a
   * check that runs after the mapping was read to point at; empty when there is none.
   */
  static Optional<Node> entry(Node mapping, String name) {
    if (!(mapping instanceof MappingNode node)) {
      return Optional.empty();
    }
    return node.getValue().stream()
        .filter(e -> e.getKeyNode() instanceof ScalarNode key && key.getValue().equals(name))
        .map(NodeTuple::getValueNode)
        .findFirst();
  }

  /** The mapping node itself, where errors about the mapping as a whole point. */
  Node node() {
    return node;
  }

  /** The dotted path of an entry of this mapping. */
  String keyOf(String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  /** The keys present, in file order. */
  Set<String> names() {
    return entries.keySet();
  }

  boolean has(String name) {
    return entries.containsKey(name);
  }

  Optional<Node> optional(String name) {
    return Optional.ofNullable(entries.get(name)).map(NodeTuple::getValueNode);
  }

  /** The value of {@code name}, reporting it as missing at this mapping when absent. */
  Optional<Node> required(String name) {
    if (!has(name)) {
      reader.error(node, keyOf(name), "missing required key");
    }
    return optional(name);
  }

  /** The integer under {@code name}, if present and within {@code [least, most]} (else reported). */
  Optional<Long> integer(String name, long least, long most) {
    return optional(name).flatMap(value -> reader.integer(value, keyOf(name), least, most));
  }

  /** Reports every key not in {@code known} at the key itself, with the likely intended key. */
  void allowOnly(Collection<String> known) {
    allowOnly(known, "key");
  }

  /** As {@link #allowOnly(Collection)}, calling the keys {@code what} ("vae parameter"). */
  void allowOnly(Collection<String> known, String what) {
    entries.forEach(
        (name, entry) -> {
          if (!known.contains(name)) {
            reader.error(entry.getKeyNode(), keyOf(name), Suggestions.unknown(what, name, known));
          }
        });
  }
}
