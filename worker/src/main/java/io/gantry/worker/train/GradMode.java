package io.gantry.worker.train;

import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;

/**
 * Runs code with PyTorch's thread-local grad mode off. Grad mode is on by default in every thread
 * but the one that started the engine, so an evaluation pass on a worker thread would otherwise
 * record an autograd graph it never uses. DJL has no engine-neutral switch for this.
 */
final class GradMode {

  /** Code to run without gradients. */
  interface Body<T> {
    T run() throws IOException;
  }

  private GradMode() {}

  static <T> T withoutGradients(Body<T> body) throws IOException {
    boolean previous = JniUtils.isGradMode();
    JniUtils.setGradMode(false);
    try {
      return body.run();
    } finally {
      JniUtils.setGradMode(previous);
    }
  }
}
