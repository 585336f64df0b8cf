package io.gantry.orchestrator.tracking;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * One thing to do to one MLflow run, as kept in the outbox (its JSON is the row's payload). Every
 * operation is safe to repeat: a delivery that fails half way is simply delivered again.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.SIMPLE_NAME, property = "op")
@JsonSubTypes({
  @JsonSubTypes.Type(TrackingOp.CreateRun.class),
  @JsonSubTypes.Type(TrackingOp.Log.class),
  @JsonSubTypes.Type(TrackingOp.Upload.class),
  @JsonSubTypes.Type(TrackingOp.UploadThumbnail.class),
  @JsonSubTypes.Type(TrackingOp.EndRun.class),
  @JsonSubTypes.Type(TrackingOp.RegisterVersion.class)
})
sealed interface TrackingOp {

  /**
   * Creates the run in experiment {@code experiment} unless it exists; {@code parentKey} is the
   * run key of the parent run, or null for a sweep's own run.
   */
  record CreateRun(String experiment, String parentKey, String runName, long startTime) implements TrackingOp {}

  /** Metrics, params and tags, already within MLflow's rules for keys and values. */
  record Log(List<Metric> metrics, List<KeyValue> params, List<KeyValue> tags) implements TrackingOp {

    static Log params(List<KeyValue> params, List<KeyValue> tags) {
      return new Log(List.of(), params, tags);
    }

    static Log tags(List<KeyValue> tags) {
      return new Log(List.of(), List.of(), tags);
    }

    int size() {
      return metrics.size() + params.size() + tags.size();
    }
  }

  /**
   * Puts {@code file} (a file, or a folder whose files all go) or else {@code text} at {@code
   * artifactPath} among the run's artifacts.
   */
  record Upload(String artifactPath, String file, String text) implements TrackingOp {

    static Upload file(String artifactPath, String file) {
      return new Upload(artifactPath, file, null);
    }

    static Upload text(String artifactPath, String text) {
      return new Upload(artifactPath, null, text);
    }
  }

  /**
   * Puts a copy of the picture {@code file} scaled to fit in {@code maxSide} x {@code maxSide}
   * pixels at {@code artifactPath}: the thumbnail MLflow's image view shows.
   */
  record UploadThumbnail(String artifactPath, String file, int maxSide) implements TrackingOp {}

  /**
   * Registers the run's artifact folder {@code folder} as a version of the registered model
   * {@code model} (made if missing), with {@code tags}; a run already registered there is left
   * as it is.
   */
  record RegisterVersion(String model, String folder, List<KeyValue> tags, String description) implements TrackingOp {}

  /** Ends the run with an MLflow status: FINISHED, FAILED or KILLED. */
  record EndRun(String status, long endTime) implements TrackingOp {}

  /** One metric value at a step; {@code timestamp} in epoch milliseconds. */
  record Metric(String key, double value, long timestamp, long step) {}

  /** A param or a tag. */
  record KeyValue(String key, String value) {}
}
