package io.gantry.protocol;

import java.util.List;

/** A worker's answer to {@link WorkerCommand.DrawImages}. */
public sealed interface DrawReply extends CborSerializable {

  String drawId();

  /**
   * The images drawn, each a grey PNG of {@code width} x {@code height} pixels, the data set's own
   * resolution: {@code generated} from the checkpoint, {@code real} from the test split.
   */
  record Drawn(String drawId, int width, int height, List<byte[]> generated, List<byte[]> real) implements DrawReply {}

  /** Nothing was drawn, for {@code reason}: the model cannot generate, the data are not images, the checkpoint is broken. */
  record Refused(String drawId, String reason) implements DrawReply {}
}
