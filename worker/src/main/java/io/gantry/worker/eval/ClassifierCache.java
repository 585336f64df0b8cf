package io.gantry.worker.eval;

import ai.djl.ndarray.NDManager;
import io.gantry.protocol.trial.DatasetSpec;
import io.gantry.worker.data.Datasets;
import io.gantry.worker.data.TrialData;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains FID's {@link FeatureClassifier} once per machine and data set and keeps it under the cache
 * folder ({@code -Dgantry.cache.dir}, else {@code $GANTRY_CACHE_DIR}, else {@code ~/.cache/gantry})
 * as {@code fid-classifier/<key>/}: {@code classifier.params} and {@code classifier.properties},
 * which records the test accuracy and how it was trained. The key is a hash of the data files
 * (path, size, modification time) and of the training settings, so new data or settings train a new
 * one. A file lock makes concurrent workers train it only once.
 */
final class ClassifierCache {

  /** System property naming the cache folder. */
  static final String DIR_PROPERTY = "gantry.cache.dir";

  /** Training epochs ({@value #DEFAULT_EPOCHS} by default); tests lower it. */
  static final String EPOCHS_PROPERTY = "gantry.fid.classifier-epochs";

  /** Training images, 0 (the default) for the whole training set; tests lower it. */
  static final String IMAGES_PROPERTY = "gantry.fid.classifier-images";

  private static final int DEFAULT_EPOCHS = 3;
  private static final long SEED = 20180101;
  private static final String VERSION = "fid-classifier-1";
  private static final Logger LOG = LoggerFactory.getLogger(ClassifierCache.class);

  /** A trained classifier with what its properties file says. */
  record Entry(FeatureClassifier classifier, String key, double accuracy) {}

  private ClassifierCache() {}

  static Path dir() {
    String configured = System.getProperty(DIR_PROPERTY, System.getenv("GANTRY_CACHE_DIR"));
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("gantry");
  }

  /** The classifier for the labelled data of {@code spec}, read from the cache or trained. */
  static Entry load(DatasetSpec spec, TrialData whole, NDManager manager) throws IOException {
    int epochs = Integer.getInteger(EPOCHS_PROPERTY, DEFAULT_EPOCHS);
    int images = Integer.getInteger(IMAGES_PROPERTY, 0);
    String key = key(spec, epochs, images);
    Path folder = dir().resolve("fid-classifier").resolve(key);
    Files.createDirectories(folder.getParent());
    try (FileChannel lockFile =
            FileChannel.open(
                folder.resolveSibling(key + ".lock"),
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock = lockFile.lock()) {
      FeatureClassifier classifier =
          new FeatureClassifier(whole.train().exampleShape(), whole.train().classes(), SEED);
      if (!Files.isRegularFile(folder.resolve("classifier.properties"))) {
        train(classifier, whole, epochs, images, folder, manager);
      }
      try (DataInputStream in =
          new DataInputStream(
              new BufferedInputStream(Files.newInputStream(folder.resolve("classifier.params"))))) {
        classifier.load(in);
      }
      Properties properties = new Properties();
      try (var reader = Files.newBufferedReader(folder.resolve("classifier.properties"))) {
        properties.load(reader);
      }
      return new Entry(
          classifier, key, Double.parseDouble(properties.getProperty("test_accuracy")));
    }
  }

  private static void train(
      FeatureClassifier classifier,
      TrialData whole,
      int epochs,
      int images,
      Path folder,
      NDManager manager)
      throws IOException {
    long started = System.nanoTime();
    var train = images > 0 ? whole.train().prefix(images) : whole.train();
    LOG.info(
        "training the FID feature extractor on {} images for {} epoch(s)", train.size(), epochs);
    classifier.train(train, epochs, SEED, manager);
    double accuracy = classifier.accuracy(whole.test(), manager);
    LOG.info(
        "FID feature extractor: test accuracy {} after {} s",
        accuracy,
        (System.nanoTime() - started) / 1_000_000_000L);
    Path partial = folder.resolveSibling(folder.getFileName() + ".partial");
    Files.createDirectories(partial);
    try (DataOutputStream out =
        new DataOutputStream(
            new BufferedOutputStream(
                Files.newOutputStream(partial.resolve("classifier.params"))))) {
      classifier.save(out);
    }
    String properties =
        String.join(
            "\n",
            "test_accuracy=" + accuracy,
            "test_images=" + whole.test().size(),
            "train_images=" + train.size(),
            "epochs=" + epochs,
            "features=" + FeatureClassifier.FEATURES,
            "created=" + Instant.now(),
            "");
    Files.writeString(partial.resolve("classifier.properties"), properties, StandardCharsets.UTF_8);
    Files.move(partial, folder, StandardCopyOption.ATOMIC_MOVE);
  }

  private static String key(DatasetSpec spec, int epochs, int images) {
    StringBuilder text =
        new StringBuilder(VERSION).append('|').append(epochs).append('|').append(images);
    Datasets.ImageFiles files = Datasets.imageFiles(spec);
    for (Path file :
        new Path[] {
          files.trainImages(), files.trainLabels(), files.testImages(), files.testLabels()
        }) {
      Path absolute = file.toAbsolutePath().normalize();
      try {
        text.append('|')
            .append(absolute)
            .append('|')
            .append(Files.size(absolute))
            .append('|')
            .append(Files.getLastModifiedTime(absolute).toMillis());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(text.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java platform", e);
    }
  }
}
