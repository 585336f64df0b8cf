package io.gantry.orchestrator.tracking;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.mlflow.api.proto.Service;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.MlflowClientException;
import org.mlflow.tracking.MlflowHttpException;

/**
 * Carries out tracking operations on one MLflow server, blocking: runs, params, tags and metrics
 * through {@code mlflow-client}, files through the {@link ArtifactUploader}. Runs are found by
 * their key in the {@link Outbox}'s record, which a run enters the moment MLflow made it.
 */
final class MlflowSink implements AutoCloseable {

  static final String RUN_KEY_TAG = "gantry.run_key";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String server;
  /**
   * MLflow 3's UI opens an experiment without this tag on its GenAI pages (traces, sessions),
   * empty for Gantry's runs; with it, on its training runs. Older servers keep it as any tag.
   */
  static final String EXPERIMENT_KIND_TAG = "mlflow.experimentKind";

  static final String EXPERIMENT_KIND = "custom_model_development";

  private final Outbox outbox;
  private final ArtifactUploader uploader;
  private final Duration requestTimeout;
  private final Map<String, String> experimentIds = new HashMap<>();
  // mlflow-client sets no timeouts, so each request runs here and is given up after requestTimeout
  private final ExecutorService requests =
      Executors.newCachedThreadPool(
          task -> {
            Thread thread = new Thread(task, "mlflow-request");
            thread.setDaemon(true);
            return thread;
          });
  private MlflowClient client;

  MlflowSink(String server, Outbox outbox, Duration uploadTimeout, Duration requestTimeout) {
    this.server = server;
    this.outbox = outbox;
    this.client = new MlflowClient(server);
    this.uploader = new ArtifactUploader(URI.create(server), uploadTimeout);
    this.requestTimeout = requestTimeout;
  }

  void apply(String runKey, TrackingOp op) throws DeliveryException {
    if (op instanceof TrackingOp.CreateRun create) {
      createRun(runKey, create);
    } else if (op instanceof TrackingOp.Log log) {
      String runId = run(runKey).runId();
      for (TrackingOp.Log request : LogBatches.split(log)) {
        call(() -> {
          client.logBatch(runId, request.metrics().stream().map(MlflowSink::metric).toList(),
              request.params().stream().map(MlflowSink::param).toList(), request.tags().stream().map(MlflowSink::tag).toList());
          return null;
        });
      }
    } else if (op instanceof TrackingOp.Upload upload) {
      uploader.upload(run(runKey).artifactUri(), upload);
    } else if (op instanceof TrackingOp.UploadThumbnail thumbnail) {
      uploader.uploadThumbnail(run(runKey).artifactUri(), thumbnail);
    } else if (op instanceof TrackingOp.RegisterVersion register) {
      registerVersion(run(runKey), register);
    } else if (op instanceof TrackingOp.EndRun end) {
      Outbox.RunRef run = run(runKey);
      call(() -> {
        client.setTerminated(run.runId(), Service.RunStatus.valueOf(end.status()), end.endTime());
        return null;
      });
    }
  }

  /**
   * Makes the run unless the record or MLflow (by its key tag) already has it, and records it
   * before anything is logged to it: a creation retried after a lost answer makes no second run.
   */
  private void createRun(String runKey, TrackingOp.CreateRun create) throws DeliveryException {
    if (outbox.run(server, runKey).isPresent()) {
      return;
    }
    String experimentId = experiment(create.experiment());
    Service.CreateRun.Builder request =
        Service.CreateRun.newBuilder()
            .setExperimentId(experimentId)
            .setRunName(create.runName())
            .setStartTime(create.startTime())
            .addTags(tag(new TrackingOp.KeyValue(RUN_KEY_TAG, runKey)));
    if (create.parentKey() != null) {
      request.addTags(tag(new TrackingOp.KeyValue("mlflow.parentRunId", run(create.parentKey()).runId())));
    }
    String filter = "tags.`" + RUN_KEY_TAG + "` = '" + runKey.replace("'", "\\'") + "'";
    List<Service.RunInfo> existing = call(() -> client.searchRuns(List.of(experimentId), filter));
    Service.RunInfo info = existing.isEmpty() ? call(() -> client.createRun(request.build())) : existing.get(0);
    outbox.recordRun(server, runKey, new Outbox.RunRef(experimentId, info.getRunId(), info.getArtifactUri()));
  }

  /**
   * The registry's calls, which the Java client lacks, in MLflow's REST shape; a version of the
   * same run found by a search first, so that a retry after a lost answer makes no second one.
   */
  private void registerVersion(Outbox.RunRef run, TrackingOp.RegisterVersion register) throws DeliveryException {
    try {
      call(() -> client.sendPost("registered-models/create", json(Map.of("name", register.model()))));
    } catch (DeliveryException e) {
      if (!e.getMessage().contains("RESOURCE_ALREADY_EXISTS") && !e.getMessage().contains("already exists")) {
        throw e;
      }
    }
    String filter = versionsOfRun(register.model(), run.runId());
    if (!call(() -> client.searchModelVersions(filter)).getItems().isEmpty()) {
      return;
    }
    List<Map<String, String>> tags = register.tags().stream().map(t -> Map.of("key", t.key(), "value", t.value())).toList();
    Map<String, Object> version =
        Map.of(
            "name", register.model(),
            "source", "runs:/" + run.runId() + "/" + register.folder(),
            "run_id", run.runId(),
            "tags", tags,
            "description", register.description());
    call(() -> client.sendPost("model-versions/create", json(version)));
  }

  /** The model-version search filter for the versions of registered model {@code model} made of run {@code runId}. */
  static String versionsOfRun(String model, String runId) {
    return "name = '" + model.replace("'", "\\'") + "' and run_id = '" + runId + "'";
  }

  private static String json(Object body) {
    try {
      return JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + body + " as JSON", e);
    }
  }

  private String experiment(String name) throws DeliveryException {
    String known = experimentIds.get(name);
    if (known != null) {
      return known;
    }
    String filter = "name = '" + name.replace("'", "\\'") + "'";
    // a search, not get-by-name: the client retries and warns on get-by-name's 404 for a new name
    Optional<Service.Experiment> found = call(() -> client.searchExperiments(filter).getItems().stream().findFirst());
    String id;
    if (found.isPresent()) {
      id = found.get().getExperimentId();
    } else {
      try {
        Service.CreateExperiment create =
            Service.CreateExperiment.newBuilder()
                .setName(name)
                .addTags(Service.ExperimentTag.newBuilder().setKey(EXPERIMENT_KIND_TAG).setValue(EXPERIMENT_KIND))
                .build();
        id = call(() -> client.createExperiment(create));
      } catch (DeliveryException e) {
        // made meanwhile by someone else: use theirs
        id = call(() -> client.searchExperiments(filter).getItems().stream().findFirst())
            .orElseThrow(() -> e)
            .getExperimentId();
      }
    }
    experimentIds.put(name, id);
    return id;
  }

  private Outbox.RunRef run(String runKey) throws DeliveryException {
    return outbox
        .run(server, runKey)
        .orElseThrow(() -> DeliveryException.refused("the MLflow run of " + runKey + " was never made"));
  }

  /**
   * Makes one request, within {@code requestTimeout}: a server that takes the connection and
   * never answers fails the delivery like one that is away, and it is tried again later.
   */
  private <T> T call(Supplier<T> request) throws DeliveryException {
    Future<T> answer = requests.submit(request::get);
    try {
      return answer.get(requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      answer.cancel(true);
      // closing the client closes its connections, which ends the request that waits on one
      client.close();
      client = new MlflowClient(server);
      throw new DeliveryException("MLflow did not answer within " + requestTimeout.toSeconds() + " s", false, e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof MlflowHttpException http) {
        String message = "MLflow answered " + http.getStatusCode() + ": " + http.getBodyMessage();
        throw new DeliveryException(message, DeliveryException.isPermanent(http.getStatusCode()), http);
      }
      throw new DeliveryException("MLflow is unreachable: " + rootMessage(e.getCause()), false, e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeliveryException("interrupted while waiting for MLflow", false, e);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.toString();
  }

  private static Service.Metric metric(TrackingOp.Metric m) {
    return Service.Metric.newBuilder().setKey(m.key()).setValue(m.value()).setTimestamp(m.timestamp()).setStep(m.step()).build();
  }

  private static Service.Param param(TrackingOp.KeyValue p) {
    return Service.Param.newBuilder().setKey(p.key()).setValue(p.value()).build();
  }

  private static Service.RunTag tag(TrackingOp.KeyValue t) {
    return Service.RunTag.newBuilder().setKey(t.key()).setValue(t.value()).build();
  }

  @Override
  public void close() {
    client.close();
    requests.shutdownNow();
  }
}
