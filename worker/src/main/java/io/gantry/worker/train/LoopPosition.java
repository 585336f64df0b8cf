package io.gantry.worker.train;

/**
 * Where the trial loop stands between two steps: the epoch it is in (1-based), the offset of the
 * next batch in that epoch's shuffled order, and the steps taken so far. A checkpoint written at
 * the end of epoch e holds {@code (e + 1, 0, step)}.
 */
record LoopPosition(int epoch, int offset, long step) {

  /** The start of a fresh trial. */
  static final LoopPosition START = new LoopPosition(1, 0, 0);
}
