package io.gantry.orchestrator.store;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One exploit of population-based training: member {@code trialId} copied the checkpoint of
 * {@code parentId} at {@code step} and went on from there with {@code newParams} and the parent's
 * seed.
 *
 * @param seq the exploit's place among the sweep's, from 1
 */
public record LineageRecord(
    String sweepId, String trialId, int seq, long step, String parentId, Map<String, Object> oldParams,
    Map<String, Object> newParams, long oldSeed, long newSeed, Instant at) {

  public LineageRecord {
    Objects.requireNonNull(trialId, "trialId");
    Objects.requireNonNull(parentId, "parentId");
    oldParams = Map.copyOf(oldParams);
    newParams = Map.copyOf(newParams);
  }

  /** {@code lr_g 0.0002 -> 0.00024, k_disc_steps 1 -> 2}: what the exploit changed, each value as {@code format} writes it. */
  public String changes(Function<Object, String> format) {
    return newParams.keySet().stream()
        .filter(name -> !Objects.equals(newParams.get(name), oldParams.get(name)))
        .sorted()
        .map(name -> name + " " + format.apply(oldParams.get(name)) + " -> " + format.apply(newParams.get(name)))
        .collect(Collectors.joining(", "));
  }

  /**
   * {@code {trial, step, parent, old_params, new_params, old_seed, new_seed, at}}, as the API,
   * {@code gantry show --json} and the MLflow run's {@code pbt/lineage.json} give an exploit.
   */
  public Map<String, Object> toJsonMap() {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("trial", trialId);
    row.put("step", step);
    row.put("parent", parentId);
    row.put("old_params", new TreeMap<>(oldParams));
    row.put("new_params", new TreeMap<>(newParams));
    row.put("old_seed", oldSeed);
    row.put("new_seed", newSeed);
    row.put("at", at.toString());
    return row;
  }
}
