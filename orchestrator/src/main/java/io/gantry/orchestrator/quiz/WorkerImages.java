package io.gantry.orchestrator.quiz;

import io.gantry.orchestrator.cluster.WorkerDirectory;
import io.gantry.protocol.DrawReply;
import io.gantry.protocol.WorkerCommand;
import io.gantry.protocol.transfer.FileManifest;
import io.gantry.protocol.transfer.OutgoingFile;
import io.gantry.protocol.trial.DatasetSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.receptionist.Receptionist;

/**
 * Has a worker draw images from a trial's checkpoint: the coordinator's process carries no DJL, so
 * it sends the checkpoint folder to a worker the {@link WorkerDirectory} picks (an idle one when
 * there is one) in chunks, as it sends one to resume a trial, and asks for the images.
 */
final class WorkerImages {

  /** What to draw from: the trial's model, parameters, data and checkpoint folder. */
  record Source(String model, Map<String, Object> params, DatasetSpec dataset, Path checkpoint) {}

  /** Thrown when no worker is there to draw. */
  static final class NoWorker extends RuntimeException {
    NoWorker(String message) {
      super(message);
    }
  }

  private final ActorSystem<?> system;
  private final QuizSettings settings;

  WorkerImages(ActorSystem<?> system, QuizSettings settings) {
    this.system = system;
    this.settings = settings;
  }

  /** {@code count} generated and {@code count} real images of {@code source}, drawn with {@code seed}. */
  CompletionStage<DrawReply> draw(Source source, int count, long seed) {
    return worker().thenCompose(worker -> ask(worker, source, count, seed));
  }

  private CompletionStage<ActorRef<WorkerCommand>> worker() {
    return AskPattern.<Receptionist.Command, Receptionist.Listing>ask(
            system.receptionist(), replyTo -> Receptionist.find(WorkerDirectory.KEY, replyTo), settings.drawTimeout(), system.scheduler())
        .thenCompose(
            listing -> {
              Optional<ActorRef<WorkerDirectory.Command>> directory =
                  listing.getServiceInstances(WorkerDirectory.KEY).stream().findFirst();
              if (directory.isEmpty()) {
                return CompletableFuture.failedFuture(new NoWorker("this server has no workers to draw images with"));
              }
              return AskPattern.<WorkerDirectory.Command, WorkerDirectory.WorkerFound>ask(
                  directory.get(), WorkerDirectory.FindWorker::new, settings.drawTimeout(), system.scheduler());
            })
        .thenCompose(
            found ->
                found.worker()
                    .map(CompletableFuture::completedFuture)
                    .orElseGet(() -> CompletableFuture.failedFuture(new NoWorker("no worker has joined to draw images with"))));
  }

  private CompletionStage<DrawReply> ask(ActorRef<WorkerCommand> worker, Source source, int count, long seed) {
    String drawId = UUID.randomUUID().toString();
    FileManifest manifest;
    try {
      manifest = OutgoingFile.send(source.checkpoint(), (offset, bytes) -> worker.tell(new WorkerCommand.DrawChunk(drawId, offset, bytes)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot send checkpoint " + source.checkpoint() + " to a worker", e);
    }
    return AskPattern.ask(
        worker,
        replyTo -> new WorkerCommand.DrawImages(drawId, source.model(), source.params(), source.dataset(), manifest, count, seed, replyTo),
        settings.drawTimeout(),
        system.scheduler());
  }
}
