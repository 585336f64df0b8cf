package io.gantry.orchestrator.sweep;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads {@code nsga2: {population_size: 50, crossover_prob: 0.9, mutation_prob: 0.1}}, valid with
 * {@code method: nsga2}.
 */
final class Nsga2SettingsReader {

  private static final long MOST_POPULATION = 10_000;

  private final NodeReader reader;

  Nsga2SettingsReader(NodeReader reader) {
    this.reader = reader;
  }

  /** The settings; {@code method} is empty when the file's method was wrong. */
  Optional<Nsga2Settings> read(Node node, Optional<Method> method) {
    if (method.isPresent() && method.get() != Method.NSGA2) {
      reader.error(node, "nsga2", "only for method: nsga2, not " + method.get().yamlName());
      return Optional.empty();
    }
    Optional<MappingFields> maybeFields =
        reader.mapping(node, "nsga2", "{population_size: N, crossover_prob: p, mutation_prob: p}");
    if (maybeFields.isEmpty()) {
      return Optional.empty();
    }
    MappingFields fields = maybeFields.get();
    fields.allowOnly(List.of("population_size", "crossover_prob", "mutation_prob"));
    Optional<Long> population = fields.integer("population_size", 2, MOST_POPULATION);
    Optional<Double> crossover = fields.optional("crossover_prob").flatMap(n -> reader.probability(n, fields.keyOf("crossover_prob")));
    Optional<Double> mutation = fields.optional("mutation_prob").flatMap(n -> reader.probability(n, fields.keyOf("mutation_prob")));
    boolean allRead =
        population.isPresent() == fields.has("population_size")
            && crossover.isPresent() == fields.has("crossover_prob")
            && mutation.isPresent() == fields.has("mutation_prob");
    Nsga2Settings defaults = Nsga2Settings.DEFAULT;
    return allRead
        ? Optional.of(
            new Nsga2Settings(
                population.map(Long::intValue).orElse(defaults.populationSize()),
                crossover.orElse(defaults.crossoverProbability()),
                mutation.map(OptionalDouble::of).orElse(defaults.mutationProbability())))
        : Optional.empty();
  }
}
