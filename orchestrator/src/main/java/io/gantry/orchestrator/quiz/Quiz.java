package io.gantry.orchestrator.quiz;

import io.gantry.orchestrator.coordinator.EventOutbox;
import io.gantry.orchestrator.coordinator.ReportsFromOutside;
import io.gantry.orchestrator.run.SweepSubmission;
import io.gantry.orchestrator.store.QuizPair;
import io.gantry.orchestrator.store.QuizTally;
import io.gantry.orchestrator.store.RunStore;
import io.gantry.orchestrator.store.SweepRecord;
import io.gantry.orchestrator.store.TrialRecord;
import io.gantry.protocol.DrawReply;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * The "which one is real?" quiz of a data folder's trials. A new pair puts a real test image and
 * one the trial's latest checkpoint generated side by side, the real one on a random side, and
 * keeps it in the store until it is answered, once. Each answer updates the trial's {@code
 * human/fooling_rate} (the share of answers that took the generated image for the real one) and
 * {@code human/answers}, recorded at the step of the answer count through the sweep's journal
 * ({@link ReportsFromOutside}), with the outbox rows that take them to MLflow.
 *
 * <p>Images come from a worker in draws of {@link QuizSettings#drawCount()} and are shown once
 * each; the next draw starts from the trial's checkpoint again, with a fresh seed.
 */
public final class Quiz {

  public static final String FOOLING_RATE = "human/fooling_rate";
  public static final String ANSWERS = "human/answers";

  /** What asking for a new pair came to. */
  public sealed interface NewPair {}

  public record Shown(QuizPair pair) implements NewPair {}

  /** No such sweep or trial. */
  public record Unknown(String message) implements NewPair {}

  /** The trial cannot be quizzed: it has no checkpoint yet, its model does not generate, its data are not images. */
  public record Refused(String message) implements NewPair {}

  /** No worker could draw images. */
  public record Unavailable(String message) implements NewPair {}

  /** What an answer came to. */
  public sealed interface Answer {}

  /** Recorded: whether it was fooled, and the trial's answers so far. */
  public record Answered(QuizPair pair, boolean fooled, QuizTally tally) implements Answer {}

  public record NoPair(String pairId) implements Answer {}

  public record AnsweredBefore(String pairId) implements Answer {}

  private record Drawn(byte[] generated, byte[] real) {}

  private final RunStore store;
  private final WorkerImages images;
  private final ReportsFromOutside reports;
  private final EventOutbox outbox;
  private final QuizSettings settings;
  private final Executor blocking;
  private final SecureRandom random = new SecureRandom();
  /** Images drawn and not shown yet, by checkpoint folder. */
  private final Map<Path, Deque<Drawn>> unshown = new HashMap<>();

  private Quiz(RunStore store, ActorSystem<?> system, EventOutbox outbox, Executor blocking) {
    this.store = store;
    this.settings = QuizSettings.from(system.settings().config());
    this.images = new WorkerImages(system, settings);
    this.reports = new ReportsFromOutside(store, system);
    this.outbox = outbox;
    this.blocking = blocking;
  }

  /**
   * The quiz of {@code store}'s trials, drawing on the workers that joined {@code system}, whose
   * answers' metrics also go where {@code outbox} sends them; store work runs on {@code blocking}.
   */
  public static Quiz of(RunStore store, ActorSystem<?> system, EventOutbox outbox, Executor blocking) {
    return new Quiz(store, system, outbox, blocking);
  }

  /** A new pair from {@code trialId} of sweep {@code sweepId}, or from one of its trials picked at random. */
  public CompletionStage<NewPair> newPair(String sweepId, Optional<String> trialId) {
    return CompletableFuture.supplyAsync(() -> source(sweepId, trialId), blocking)
        .thenCompose(
            found -> {
              if (found instanceof Found trial) {
                return pairOf(trial);
              }
              return CompletableFuture.completedFuture((NewPair) found);
            });
  }

  /** Records the answer to pair {@code pairId}: whether the person took the left image for the real one. */
  public Answer answer(String pairId, boolean pickedLeft) {
    Optional<QuizPair> pair = store.quizPair(pairId);
    if (pair.isEmpty()) {
      return new NoPair(pairId);
    }
    boolean fooled = pickedLeft != pair.get().realOnLeft();
    SweepRecord sweep = store.sweep(pair.get().sweepId()).orElseThrow();
    AtomicReference<Answer> answer = new AtomicReference<>(new AnsweredBefore(pairId));
    store.atomically(
        () -> {
          if (store.answerQuizPair(pairId, fooled, Instant.now())) {
            QuizTally tally = store.quizTally(sweep.id(), pair.get().trialId());
            Map<String, Double> metrics = Map.of(FOOLING_RATE, tally.foolingRate(), ANSWERS, (double) tally.answers());
            reports.record(sweep, pair.get().trialId(), tally.answers(), metrics, outbox);
            answer.set(new Answered(pair.get(), fooled, tally));
          }
        });
    return answer.get();
  }

  public Optional<QuizPair> pair(String pairId) {
    return store.quizPair(pairId);
  }

  /** A trial to draw from, found, or why there is none. */
  private record Found(SweepRecord sweep, TrialRecord trial, WorkerImages.Source source) implements NewPair {}

  private NewPair source(String sweepId, Optional<String> trialId) {
    Optional<SweepRecord> sweep = store.sweep(sweepId);
    if (sweep.isEmpty()) {
      return new Unknown("no sweep '" + sweepId + "'");
    }
    List<TrialRecord> trials = store.trials(sweep.get().id());
    if (trialId.isPresent()) {
      Optional<TrialRecord> trial = trials.stream().filter(t -> t.trialId().equals(trialId.get())).findFirst();
      if (trial.isEmpty()) {
        return new Unknown("no trial '" + trialId.get() + "' in sweep '" + sweepId + "'");
      }
      return latestCheckpoint(trial.get())
          .<NewPair>map(checkpoint -> found(sweep.get(), trial.get(), checkpoint))
          .orElseGet(() -> new Refused("trial " + trialId.get() + " has no checkpoint yet"));
    }
    List<TrialRecord> withCheckpoints = trials.stream().filter(t -> latestCheckpoint(t).isPresent()).toList();
    if (withCheckpoints.isEmpty()) {
      return new Refused("no trial of sweep " + sweep.get().id() + " has a checkpoint yet");
    }
    TrialRecord trial = withCheckpoints.get(random.nextInt(withCheckpoints.size()));
    return found(sweep.get(), trial, latestCheckpoint(trial).orElseThrow());
  }

  private Found found(SweepRecord sweep, TrialRecord trial, Path checkpoint) {
    return new Found(
        sweep, trial, new WorkerImages.Source(sweep.model(), trial.params(), SweepSubmission.storedSpec(sweep).dataset(), checkpoint));
  }

  private Optional<Path> latestCheckpoint(TrialRecord trial) {
    return store.latestCheckpoint(trial.sweepId(), trial.trialId());
  }

  private CompletionStage<NewPair> pairOf(Found trial) {
    Optional<Drawn> ready = takeUnshown(trial.source().checkpoint());
    if (ready.isPresent()) {
      return CompletableFuture.supplyAsync(() -> keep(trial, ready.get()), blocking);
    }
    return images
        .draw(trial.source(), settings.drawCount(), random.nextLong())
        .<NewPair>thenApplyAsync(reply -> shown(trial, reply), blocking)
        .exceptionally(failure -> new Unavailable(describe(failure)));
  }

  private NewPair shown(Found trial, DrawReply reply) {
    if (reply instanceof DrawReply.Refused refused) {
      return new Refused(refused.reason());
    }
    DrawReply.Drawn drawn = (DrawReply.Drawn) reply;
    Deque<Drawn> pairs = new ArrayDeque<>();
    for (int i = 0; i < Math.min(drawn.generated().size(), drawn.real().size()); i++) {
      pairs.add(new Drawn(drawn.generated().get(i), drawn.real().get(i)));
    }
    Drawn first = pairs.removeFirst();
    synchronized (unshown) {
      unshown.computeIfAbsent(trial.source().checkpoint(), k -> new ArrayDeque<>()).addAll(pairs);
    }
    return keep(trial, first);
  }

  private Optional<Drawn> takeUnshown(Path checkpoint) {
    synchronized (unshown) {
      return Optional.ofNullable(unshown.get(checkpoint)).map(Deque::pollFirst);
    }
  }

  private NewPair keep(Found trial, Drawn images) {
    QuizPair pair =
        new QuizPair(
            UUID.randomUUID().toString(), trial.sweep().id(), trial.trial().trialId(), random.nextBoolean(), images.real(),
            images.generated(), Instant.now(), Optional.empty());
    store.addQuizPair(pair);
    return new Shown(pair);
  }

  private static String describe(Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    return cause instanceof WorkerImages.NoWorker
        ? cause.getMessage()
        : "no worker drew images: " + cause.getClass().getSimpleName() + ": " + cause.getMessage();
  }
}
