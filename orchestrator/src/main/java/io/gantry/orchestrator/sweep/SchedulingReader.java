package io.gantry.orchestrator.sweep;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads the top-level keys of {@link Scheduling}: {@code priority} (a name or an integer), {@code
 * weight}, {@code max_concurrent_trials} and {@code preemptible}. A key the file leaves out, or
 * gets wrong (and reported), takes its default.
 */
final class SchedulingReader {

  private static final String PRIORITY = "priority";
  private static final Map<String, Integer> PRIORITY_NAMES = priorityNames();

  private final NodeReader reader;

  SchedulingReader(NodeReader reader) {
    this.reader = reader;
  }

  Scheduling read(MappingFields top) {
    Scheduling defaults = Scheduling.DEFAULT;
    return new Scheduling(
        top.optional(PRIORITY).flatMap(this::priority).orElse(defaults.priority()),
        top.integer("weight", 1, Scheduling.MOST_WEIGHT)
            .map(Long::intValue)
            .orElse(defaults.weight()),
        top.integer("max_concurrent_trials", 1, Scheduling.MOST_CONCURRENT_TRIALS)
            .map(Long::intValue)
            .orElse(defaults.maxConcurrentTrials()),
        top.optional("preemptible")
            .flatMap(node -> reader.bool(node, "preemptible"))
            .orElse(defaults.preemptible()));
  }

  /** {@code high}, {@code normal}, {@code low}, or an integer written as one (not "10"). */
  private Optional<Integer> priority(Node node) {
    if (Tag.INT.equals(node.getTag())) {
      return reader
          .integer(node, PRIORITY, Scheduling.LEAST_PRIORITY, Scheduling.MOST_PRIORITY)
          .map(Long::intValue);
    }
    String expected =
        "expected "
            + String.join(", ", PRIORITY_NAMES.keySet())
            + " or an integer from "
            + Scheduling.LEAST_PRIORITY
            + " to "
            + Scheduling.MOST_PRIORITY;
    if (!Tag.STR.equals(node.getTag())) {
      reader.error(node, PRIORITY, expected + ", got " + reader.describe(node));
      return Optional.empty();
    }
    Optional<String> name = reader.text(node, PRIORITY, NodeReader.WORD_LENGTH);
    if (name.isEmpty() || PRIORITY_NAMES.containsKey(name.get())) {
      return name.map(PRIORITY_NAMES::get);
    }
    reader.error(
        node, PRIORITY, Suggestions.unknown(PRIORITY, name.get(), PRIORITY_NAMES.keySet(), expected));
    return Optional.empty();
  }

  private static Map<String, Integer> priorityNames() {
    Map<String, Integer> names = new LinkedHashMap<>();
    names.put("high", Scheduling.HIGH);
    names.put("normal", Scheduling.NORMAL);
    names.put("low", Scheduling.LOW);
    return names;
  }
}
