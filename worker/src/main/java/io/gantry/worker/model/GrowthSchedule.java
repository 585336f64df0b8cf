package io.gantry.worker.model;

/**
 * When ProGAN grows, by the number of real images shown to D: {@code phase_images} at 4x4, then for
 * each higher resolution {@code phase_images} of fade-in (alpha rising linearly from 0 to 1) and
 * {@code phase_images} of stable training, as Karras et al. 2018 do with 800k images each. The last
 * phase goes on for as long as the budget lasts.
 */
record GrowthSchedule(long phaseImages, int lastPhase) {

  GrowthSchedule {
    if (phaseImages < 1) {
      throw new IllegalArgumentException("phase_images must be at least 1, got " + phaseImages);
    }
  }

  /** The phase (0 at 4x4, one more per doubling) after {@code images} images. */
  int phase(long images) {
    if (images < phaseImages) {
      return 0;
    }
    return (int) Math.min(lastPhase, 1 + (images - phaseImages) / (2 * phaseImages));
  }

  /** The newest block's weight after {@code images} images: 1 in phase 0 and once faded in. */
  float alpha(long images) {
    int phase = phase(images);
    if (phase == 0) {
      return 1f;
    }
    long fadeStart = phaseImages + (phase - 1) * 2 * phaseImages;
    return (float) Math.min(1.0, (images - fadeStart) / (double) phaseImages);
  }
}
