package io.gantry.worker.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Adam (Kingma and Ba 2015) over the parameters of one block, its moment estimates keyed by
 * parameter name so that they can be saved with a checkpoint and read back in another process.
 * DJL's own Adam keys its state by per-process random ids and does not save it, so a resumed trial
 * would take different steps. The update itself is DJL's fused PyTorch kernel, the one DJL's Adam
 * calls, which also zeroes each gradient: DJL does not zero gradients before a backward pass.
 */
final class NamedAdam {

  private static final int FORMAT = 1;
  private static final float EPSILON = 1e-8f;
  // DJL's defaults for the arguments Gantry does not use: no gradient rescaling or clipping.
  private static final float NO_RESCALE = 1f;
  private static final float NO_CLIP = -1f;

  private final float lr;
  private final float beta1;
  private final float beta2;
  private final NDManager manager;
  private final Map<String, NDArray[]> moments = new LinkedHashMap<>();
  private int steps;

  /** Moments live in {@code manager}, the network's long-lived one. */
  NamedAdam(double lr, double beta1, double beta2, NDManager manager) {
    this.lr = (float) lr;
    this.beta1 = (float) beta1;
    this.beta2 = (float) beta2;
    this.manager = manager;
  }

  /** One update of every parameter of {@code block} that takes gradients. */
  void step(Block block) {
    steps++;
    double correction1 = 1 - Math.pow(beta1, steps);
    double correction2 = 1 - Math.pow(beta2, steps);
    float correctedLr = (float) (lr * Math.sqrt(correction2) / correction1);
    for (Pair<String, Parameter> entry : block.getParameters()) {
      Parameter parameter = entry.getValue();
      if (!parameter.requiresGradient()) {
        continue;
      }
      NDArray weight = parameter.getArray();
      NDArray[] state =
          moments.computeIfAbsent(
              entry.getKey(), k -> new NDArray[] {weight.zerosLike(), weight.zerosLike()});
      // The gradient handle is a new array in the weight's long-lived manager: close it.
      try (NDArray grad = weight.getGradient()) {
        weight
            .getNDArrayInternal()
            .adamUpdate(
                new NDList(weight, grad, state[0], state[1]),
                new NDList(weight),
                lr,
                correctedLr,
                0f,
                NO_RESCALE,
                NO_CLIP,
                beta1,
                beta2,
                EPSILON,
                true,
                false);
      }
    }
  }

  /** Forgets the moments and the step count, as a fresh optimizer would start. */
  void reset() {
    moments.values().forEach(pair -> new NDList(pair).close());
    moments.clear();
    steps = 0;
  }

  /** Writes the step count and every moment, by parameter name. */
  void save(DataOutputStream out) throws IOException {
    out.writeInt(FORMAT);
    out.writeInt(steps);
    out.writeInt(moments.size());
    for (Map.Entry<String, NDArray[]> entry : moments.entrySet()) {
      out.writeUTF(entry.getKey());
      for (NDArray moment : entry.getValue()) {
        byte[] bytes = moment.encode();
        out.writeInt(bytes.length);
        out.write(bytes);
      }
    }
  }

  /** Replaces the state with what {@link #save} wrote. */
  void load(DataInputStream in) throws IOException {
    int format = in.readInt();
    if (format != FORMAT) {
      throw new IOException("unknown optimizer state format " + format);
    }
    reset();
    steps = in.readInt();
    int count = in.readInt();
    for (int i = 0; i < count; i++) {
      String name = in.readUTF();
      NDArray[] pair = new NDArray[2];
      for (int j = 0; j < 2; j++) {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        pair[j] = NDArray.decode(manager, bytes);
      }
      moments.put(name, pair);
    }
  }
}
