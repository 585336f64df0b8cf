package io.gantry.orchestrator.sweep;

import io.gantry.orchestrator.sweep.ParameterSpec.Fixed;
import io.gantry.protocol.catalog.ModelCatalog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads {@code replay: {seed: S, changes: [{step: N, params: {lr_d: {value: x}}}, ...]}} for
 * {@code method: replay}, and checks what a replay needs of the rest of the file: fixed parameters
 * (the one trial's at step 0), no {@code max_trials} and no early stopping, since the replay
 * trains its one trial to the end. A change may set only parameters a trial can change as it
 * goes on from a checkpoint.
 */
final class ReplaySettingsReader {

  private static final String FORM = "{seed: S, changes: [{step: N, params: {NAME: {value: x}}}, ...]}";

  private final NodeReader reader;

  ReplaySettingsReader(NodeReader reader) {
    this.reader = reader;
  }

  /** The settings, when the method is replay; the key is an error with another method. */
  Optional<ReplaySettings> read(
      MappingFields top, Optional<Method> method, Optional<String> model, Map<String, ParameterSpec> parameters) {
    if (method.isEmpty() || method.get() != Method.REPLAY) {
      top.optional("replay").filter(n -> method.isPresent()).ifPresent(n -> reader.error(n, "replay", "only for method: replay, not " + method.get().yamlName()));
      return Optional.empty();
    }
    for (String key : List.of("max_trials", "early_terminate")) {
      top.optional(key).ifPresent(n -> reader.error(n, key, "method: replay trains its one trial to the end; leave out " + key));
    }
    parameters.forEach(
        (name, p) -> {
          if (!(p instanceof Fixed)) {
            reader.error(PbtSettingsReader.parameterNode(top, name), "parameters." + name, "method: replay takes fixed values, {value: x}; its changes set the rest");
          }
        });
    Optional<MappingFields> maybeFields = top.required("replay").flatMap(n -> reader.mapping(n, "replay", FORM));
    if (maybeFields.isEmpty() || model.isEmpty()) {
      return Optional.empty();
    }
    MappingFields fields = maybeFields.get();
    fields.allowOnly(List.of("seed", "changes"));
    Optional<Long> seed = fields.required("seed").flatMap(n -> reader.integer(n, fields.keyOf("seed"), 0, Long.MAX_VALUE));
    Optional<List<ReplaySettings.Change>> changes = fields.required("changes").flatMap(n -> changes(n, fields.keyOf("changes"), model.get()));
    return seed.isPresent() && changes.isPresent() ? Optional.of(new ReplaySettings(seed.get(), changes.get())) : Optional.empty();
  }

  private Optional<List<ReplaySettings.Change>> changes(Node node, String key, String model) {
    Optional<List<Node>> items = reader.sequence(node, key);
    if (items.isEmpty()) {
      return Optional.empty();
    }
    List<ReplaySettings.Change> changes = new ArrayList<>();
    long floor = 0;
    boolean allRead = true;
    for (int i = 0; i < items.get().size(); i++) {
      String itemKey = key + "[" + i + "]";
      Optional<ReplaySettings.Change> change = change(items.get().get(i), itemKey, model, floor);
      allRead &= change.isPresent();
      if (change.isPresent()) {
        changes.add(change.get());
        floor = change.get().step();
      }
    }
    return allRead ? Optional.of(changes) : Optional.empty();
  }

  private Optional<ReplaySettings.Change> change(Node node, String key, String model, long floor) {
    Optional<MappingFields> maybeFields = reader.mapping(node, key, "{step: N, params: {NAME: {value: x}}}");
    if (maybeFields.isEmpty()) {
      return Optional.empty();
    }
    MappingFields fields = maybeFields.get();
    fields.allowOnly(List.of("step", "params"));
    Optional<Node> stepNode = fields.required("step");
    Optional<Long> step =
        stepNode.flatMap(n -> reader.integer(n, fields.keyOf("step"), 1, Long.MAX_VALUE)).filter(s -> {
          if (s <= floor) {
            reader.error(stepNode.get(), fields.keyOf("step"), "changes go in increasing steps: the one before is at step " + floor + ", this one at " + s);
          }
          return s > floor;
        });
    Optional<Node> paramsNode = fields.required("params");
    String paramsKey = fields.keyOf("params");
    Map<String, ParameterSpec> specs =
        paramsNode.map(n -> new ParametersReader(reader, model, ModelCatalog.parameters(model)).read(n, paramsKey, Optional.of(Method.REPLAY))).orElse(Map.of());
    Map<String, Object> params = new LinkedHashMap<>();
    Optional<MappingFields> paramFields = specs.isEmpty() ? Optional.empty() : reader.mapping(paramsNode.orElseThrow(), paramsKey);
    specs.forEach((name, spec) -> {
      Node at = paramFields.flatMap(f -> f.optional(name)).orElseThrow();
      if (!ModelCatalog.changesMidTrial(name)) {
        reader.error(at, paramsKey + "." + name,
            name + " cannot change while a trial trains; a change may set " + String.join(", ", ModelCatalog.mutableParameters()));
      } else if (spec instanceof Fixed fixed) {
        params.put(name, fixed.value());
      } else {
        reader.error(at, paramsKey + "." + name, "a change sets a value, {value: x}");
      }
    });
    return step.isPresent() && paramsNode.isPresent() && params.size() == specs.size()
        ? Optional.of(new ReplaySettings.Change(step.get(), params))
        : Optional.empty();
  }
}
