package io.gantry.orchestrator.schedule;

import java.util.Objects;

/**
 * A {@link TrialScheduler}'s answer to one report.
 *
 * @param action whether the trial goes on
 * @param rung for a stop, where the trial stands in the rule's unit (the rung reached, for ASHA)
 * @param reason for a stop, why, for people: stored with the trial and shown by {@code gantry
 *     show}
 */
public record Decision(Action action, long rung, String reason) {

  /** CONTINUE or STOP, as Ray Tune's schedulers answer. */
  public enum Action {
    CONTINUE,
    STOP
  }

  /** The trial goes on. */
  public static final Decision CONTINUE = new Decision(Action.CONTINUE, 0, "");

  public Decision {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(reason, "reason");
  }

  /** Stop the trial at {@code rung} for {@code reason}. */
  public static Decision stop(long rung, String reason) {
    return new Decision(Action.STOP, rung, reason);
  }

  public boolean stops() {
    return action == Action.STOP;
  }
}
