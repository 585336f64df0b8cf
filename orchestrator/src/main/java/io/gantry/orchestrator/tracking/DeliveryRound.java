package io.gantry.orchestrator.tracking;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pass over the oldest pending outbox rows of one server, blocking. Rows go in order, except
 * that a run's log rows travel together in one request (up to its next other row), which is what
 * keeps the number of requests low while trials report. A pass stops at the first failure that a
 * later try may cure (MLflow away); a row MLflow refuses for good is set aside, alone. A round
 * delivers only while it holds the {@link DeliveryLock} of its server and data folder, which it
 * takes on its first pass and keeps until closed.
 */
final class DeliveryRound implements AutoCloseable {

  /** What a pass did: rows delivered and refused, whether more wait, and why it stopped early. */
  record Result(int delivered, int rejected, boolean more, Optional<String> failure) {}

  private static final Logger LOG = LoggerFactory.getLogger(DeliveryRound.class);

  private final String server;
  private final Path dataDir;
  private final Outbox outbox;
  private final MlflowSink sink;
  private final int window;
  private final Optional<String> sweepId;
  private Optional<DeliveryLock> lock = Optional.empty();

  /** Passes over the rows of {@code sweepId}, or of every sweep, for {@code server}. */
  DeliveryRound(String server, Path dataDir, Outbox outbox, MlflowSink sink, int window, Optional<String> sweepId) {
    this.server = server;
    this.dataDir = dataDir;
    this.outbox = outbox;
    this.sink = sink;
    this.window = window;
    this.sweepId = sweepId;
  }

  Result run() {
    if (lock.isEmpty()) {
      lock = DeliveryLock.tryTake(dataDir, server);
      if (lock.isEmpty()) {
        return new Result(0, 0, true, Optional.of(DeliveryLock.HELD_ELSEWHERE));
      }
    }
    List<Outbox.Pending> rows = outbox.pending(server, window, sweepId);
    Set<Long> done = new HashSet<>();
    int delivered = 0;
    int rejected = 0;
    for (int i = 0; i < rows.size(); i++) {
      if (done.contains(rows.get(i).id())) {
        continue;
      }
      List<Outbox.Pending> group = groupFrom(rows, i, done);
      try {
        int refused = deliverOrSetAside(group);
        delivered += group.size() - refused;
        rejected += refused;
      } catch (DeliveryException e) {
        outbox.failed(ids(group), e.getMessage());
        return new Result(delivered, rejected, true, Optional.of(e.getMessage()));
      }
    }
    return new Result(delivered, rejected, rows.size() == window, Optional.empty());
  }

  /**
   * Delivers the group, or sets aside what MLflow refuses for good and returns how many rows that
   * was; throws only for failures a later try may cure.
   */
  private int deliverOrSetAside(List<Outbox.Pending> group) throws DeliveryException {
    try {
      deliver(group);
      return 0;
    } catch (DeliveryException e) {
      if (!e.permanent()) {
        throw e;
      }
      if (group.size() == 1) {
        Outbox.Pending row = group.get(0);
        LOG.warn("MLflow refused {} for {}; it stays set aside in the outbox: {}", row.op().getClass().getSimpleName(), row.runKey(), e.getMessage());
        outbox.rejected(row.id(), e.getMessage());
        return 1;
      }
      // one bad row among several: each alone, so that only the bad one is set aside
      int refused = 0;
      for (Outbox.Pending row : group) {
        refused += deliverOrSetAside(List.of(row));
      }
      return refused;
    }
  }

  private void deliver(List<Outbox.Pending> group) throws DeliveryException {
    Outbox.Pending first = group.get(0);
    TrackingOp op =
        group.size() == 1 ? first.op() : LogBatches.merge(group.stream().map(p -> (TrackingOp.Log) p.op()).toList());
    sink.apply(first.runKey(), op);
    outbox.delivered(ids(group));
  }

  /** Row {@code i} and, if it is a log row, the same run's following log rows up to its next other row. */
  private static List<Outbox.Pending> groupFrom(List<Outbox.Pending> rows, int i, Set<Long> done) {
    Outbox.Pending first = rows.get(i);
    List<Outbox.Pending> group = new ArrayList<>(List.of(first));
    done.add(first.id());
    if (!(first.op() instanceof TrackingOp.Log)) {
      return group;
    }
    for (int j = i + 1; j < rows.size(); j++) {
      Outbox.Pending next = rows.get(j);
      if (!next.runKey().equals(first.runKey()) || done.contains(next.id())) {
        continue;
      }
      if (!(next.op() instanceof TrackingOp.Log)) {
        break;
      }
      group.add(next);
      done.add(next.id());
    }
    return group;
  }

  @Override
  public void close() {
    lock.ifPresent(DeliveryLock::close);
    lock = Optional.empty();
  }

  private static List<Long> ids(List<Outbox.Pending> group) {
    return group.stream().map(Outbox.Pending::id).toList();
  }
}
