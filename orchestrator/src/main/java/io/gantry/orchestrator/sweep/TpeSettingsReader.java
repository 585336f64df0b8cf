package io.gantry.orchestrator.sweep;

import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads {@code tpe: {n_startup_trials: 10, n_ei_candidates: 24, gamma: 0.1, constant_liar: true,
 * multivariate: false}}, valid with {@code method: tpe}.
 */
final class TpeSettingsReader {

  // Each proposal scores every candidate against every finished trial: Optuna's 24 is plenty.
  private static final long MOST_CANDIDATES = 10_000;

  private final NodeReader reader;

  TpeSettingsReader(NodeReader reader) {
    this.reader = reader;
  }

  /** The settings; {@code method} is empty when the file's method was wrong. */
  Optional<TpeSettings> read(Node node, Optional<Method> method) {
    if (method.isPresent() && method.get() != Method.TPE) {
      reader.error(node, "tpe", "only for method: tpe, not " + method.get().yamlName());
      return Optional.empty();
    }
    Optional<MappingFields> maybeFields =
        reader.mapping(
            node, "tpe", "{n_startup_trials: N, n_ei_candidates: N, gamma: x, constant_liar: bool, multivariate: bool}");
    if (maybeFields.isEmpty()) {
      return Optional.empty();
    }
    MappingFields fields = maybeFields.get();
    fields.allowOnly(List.of("n_startup_trials", "n_ei_candidates", "gamma", "constant_liar", "multivariate"));
    TpeSettings defaults = TpeSettings.DEFAULT;
    Optional<Long> startup = fields.integer("n_startup_trials", 0, SweepSpec.MOST_TRIALS);
    Optional<Long> candidates = fields.integer("n_ei_candidates", 1, MOST_CANDIDATES);
    Optional<Double> gamma = fields.optional("gamma").flatMap(n -> reader.fraction(n, fields.keyOf("gamma")));
    Optional<Boolean> liar = bool(fields, "constant_liar");
    Optional<Boolean> multivariate = bool(fields, "multivariate");
    boolean allRead =
        startup.isPresent() == fields.has("n_startup_trials")
            && candidates.isPresent() == fields.has("n_ei_candidates")
            && gamma.isPresent() == fields.has("gamma")
            && liar.isPresent() == fields.has("constant_liar")
            && multivariate.isPresent() == fields.has("multivariate");
    return allRead
        ? Optional.of(
            new TpeSettings(
                startup.map(Long::intValue).orElse(defaults.startupTrials()),
                candidates.map(Long::intValue).orElse(defaults.eiCandidates()),
                gamma.orElse(defaults.gamma()),
                liar.orElse(defaults.constantLiar()),
                multivariate.orElse(defaults.multivariate())))
        : Optional.empty();
  }

  private Optional<Boolean> bool(MappingFields fields, String name) {
    return fields.optional(name).flatMap(n -> reader.bool(n, fields.keyOf(name)));
  }
}
