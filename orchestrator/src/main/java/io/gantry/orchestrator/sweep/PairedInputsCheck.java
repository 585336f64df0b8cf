package io.gantry.orchestrator.sweep;

import io.gantry.orchestrator.sweep.ParameterSpec.Choice;
import io.gantry.orchestrator.sweep.ParameterSpec.Fixed;
import io.gantry.protocol.catalog.ModelCatalog;
import io.gantry.protocol.trial.DatasetSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;

/**
 * pix2pix's {@code task: paired} and a dataset's {@code input_images} come together: the task
 * translates those files' images, which no other task and no other model reads, so each without
 * the other is a mistake. A sweep whose {@code task} values include paired and others compares
 * them on the same images, and reads the inputs for its paired trials.
 */
final class PairedInputsCheck {

  private static final String PAIRED = "paired";
  private static final String MODEL = "pix2pix";
  private static final String TASK = "task";

  private final NodeReader reader;

  PairedInputsCheck(NodeReader reader) {
    this.reader = reader;
  }

  /** Reports a mismatch between the file's {@code dataset} and {@code parameters}, as read. */
  void check(MappingFields top, String model, DatasetSpec dataset, Map<String, ParameterSpec> parameters) {
    Optional<List<Object>> tasks = tasks(top, model, parameters);
    if (tasks.isEmpty()) {
      return;
    }
    boolean paired = tasks.get().contains(PAIRED);
    if (paired && !dataset.hasInputs()) {
      Node parameter = MappingFields.entry(top.optional("parameters").orElseThrow(), TASK).orElseThrow();
      reader.error(
          parameter,
          "parameters." + TASK,
          "task paired translates the dataset's input images into its images: give the dataset"
              + " {format: idx, ..., " + DatasetReader.INPUTS + ": P, " + DatasetReader.TEST_INPUTS + ": P}");
    }
    if (dataset.hasInputs() && !paired) {
      Node inputs = MappingFields.entry(top.optional("dataset").orElseThrow(), DatasetReader.INPUTS).orElseThrow();
      reader.error(
          inputs,
          "dataset." + DatasetReader.INPUTS,
          MODEL.equals(model)
              ? "no trial reads the input images: only task paired does, and the sweep's task is "
                  + tasks.get().get(0)
              : "the input images are pix2pix's, for task: paired; model " + model + " does not read them");
    }
  }

  /**
   * The values the sweep's trials take for {@code task} (its default when the file sets none); none
   * for a model without the parameter; empty when the file's task was wrong, and already reported.
   */
  private static Optional<List<Object>> tasks(MappingFields top, String model, Map<String, ParameterSpec> parameters) {
    if (!MODEL.equals(model)) {
      return Optional.of(List.of());
    }
    ParameterSpec spec = parameters.get(TASK);
    if (spec instanceof Fixed fixed) {
      return Optional.of(List.of(fixed.value()));
    }
    if (spec instanceof Choice choice) {
      return Optional.of(choice.values());
    }
    boolean written = top.optional("parameters").flatMap(node -> MappingFields.entry(node, TASK)).isPresent();
    return written ? Optional.empty() : Optional.of(List.of(ModelCatalog.parameters(model).get(TASK).defaultValue()));
  }
}
