package io.gantry.orchestrator.run;

import io.gantry.orchestrator.coordinator.SweepProgress;
import java.io.PrintStream;
import java.util.Locale;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Shows a sweep's progress as a bar: redrawn in place on a terminal, one line per finished trial
 * otherwise.
 */
public final class ProgressPrinter {

  private static final int BAR_WIDTH = 30;

  private ProgressPrinter() {}

  public static Behavior<SweepProgress> create(PrintStream out, boolean terminal) {
    return Behaviors.setup(
        context -> {
          long[] lastFinishedShown = {-1};
          return Behaviors.receiveMessage(
              progress -> {
                if (terminal) {
                  out.print("\r" + line(progress));
                } else if (progress.finished() != lastFinishedShown[0]) {
                  out.println(line(progress));
                  lastFinishedShown[0] = progress.finished();
                }
                if (progress.sweepFinished() && terminal) {
                  out.println();
                }
                out.flush();
                return Behaviors.same();
              });
        });
  }

  /** One line: the bar, the counts, and the best value of the sweep's metric so far. */
  public static String line(SweepProgress p) {
    int filled = p.total() == 0 ? BAR_WIDTH : (int) (BAR_WIDTH * p.finished() / p.total());
    String bar = "#".repeat(filled) + "-".repeat(BAR_WIDTH - filled);
    String best =
        p.best().isPresent() ? String.format(Locale.ROOT, "%.4g", p.best().getAsDouble()) : "-";
    String failed = p.failed() > 0 ? ", " + p.failed() + " failed/diverged" : "";
    return String.format(
        Locale.ROOT,
        "[%s] %d/%d done, %d running, %d queued%s | best %s %s",
        bar, p.finished(), p.total(), p.running(), p.queued(), failed, p.metricName(), best);
  }
}
