package io.gantry.orchestrator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gantry.orchestrator.run.WorkerLaunch;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands that draw on a stored trial's checkpoint, on one trial of a real finished sweep: a
 * small VAE trained for one epoch on a Fashion-MNIST subset without ankle boots by {@code gantry
 * run}. {@code gantry score} ranks the test images by the VAE's negative ELBO; {@code gantry
 * arithmetic} draws an expression on the head node's classpath, as the launcher runs it. Both exit
 * 2 for what they cannot do.
 */
class CheckpointCommandsTest {

  private static final String TEST_IMAGES = "/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz";
  private static final String SWEEP_ID = "checkpoint-cli-1";

  private static final String SWEEP =
      """
      name: checkpoint-cli
      model: vae
      dataset: {name: fashion-mnist, train_limit: 1024, test_limit: 256, exclude_classes: [9]}
      method: grid
      metric: {name: val/outlier_auroc, goal: maximize}
      budget: {epochs: 1}
      parameters:
        latent_dim: {value: 8}
        hidden_dim: {value: 64}
        batch_size: {value: 64}
        lr: {value: 0.003}
        fid_samples: {value: 0}
      workers: 1
      seed: 3
      """;

  @TempDir static Path dir;

  private static String data;

  @BeforeAll
  static void trainOneTrial() throws Exception {
    Path file = Files.writeString(dir.resolve("checkpoint-cli.yaml"), SWEEP);
    data = dir.resolve("data").toString();
    CliRun run = CliRun.gantry("run", file.toString(), "--data-dir", data);
    assertEquals(0, run.code(), run.toString());
  }

  @Test
  void scoreRanksTheImagesOfAnIdxFileDrawsTheLeastLikelyAndRefusesWhatItCannotScore() throws Exception {
    Path picture = dir.resolve("worst.png");
    CliRun score = CliRun.gantry("score", SWEEP_ID, "t001", "--images", TEST_IMAGES, "--top", "12", "--out", picture.toString(), "--data-dir", data);

    assertEquals(0, score.code(), score.toString());
    List<String> lines = score.out().lines().toList();
    assertTrue(lines.get(0).contains("least likely"), score.out());
    assertEquals(List.of("rank", "index", "score"), List.of(lines.get(1).split("\\s+")));
    List<String[]> rows = lines.subList(2, 14).stream().map(line -> line.trim().split("\\s+")).toList();
    double previous = Double.POSITIVE_INFINITY;
    for (int k = 0; k < rows.size(); k++) {
      assertEquals(Integer.toString(k + 1), rows.get(k)[0]);
      int index = Integer.parseInt(rows.get(k)[1]);
      assertTrue(index >= 0 && index < 10_000, score.out());
      double value = Double.parseDouble(rows.get(k)[2]);
      assertTrue(value <= previous, "least likely first:\n" + score.out());
      previous = value;
    }
    assertEquals("picture: " + picture, lines.get(14));
    BufferedImage grid = ImageIO.read(picture.toFile());
    // 10 tiles of 28x28 at twice the size with 2-pixel gaps in a row, 2 rows
    assertEquals(10 * 58 + 2, grid.getWidth());
    assertEquals(2 * 58 + 2, grid.getHeight());

    Path notIdx = Files.writeString(dir.resolve("images.idx"), "not an IDX file");
    CliRun bad = CliRun.gantry("score", SWEEP_ID, "t001", "--images", notIdx.toString(), "--data-dir", data);
    assertEquals(2, bad.code(), bad.toString());
    assertEquals(1, bad.err().lines().count(), bad.toString());
    assertTrue(bad.err().contains("not an IDX file") && bad.err().contains("images.idx"), bad.toString());

    CliRun unknown = CliRun.gantry("score", SWEEP_ID, "t009", "--images", TEST_IMAGES, "--data-dir", data);
    assertEquals(2, unknown.code(), unknown.toString());
    assertTrue(unknown.err().contains("no trial 't009'"), unknown.toString());
  }

  @Test
  void arithmeticDrawsAnExpressionAndRefusesAnUnknownClass() throws Exception {
    Path png = dir.resolve("sneaker-sandal-bag.png");
    String printed = onTheHeadNodesClasspath("arithmetic", SWEEP_ID, "t001", "sneaker - sandal + 0.5*bag", "--out", png.toString(), "--data-dir", data);
    assertEquals(png.toAbsolutePath().toString(), printed.strip());
    BufferedImage image = ImageIO.read(png.toFile());
    assertNotNull(image, png + " is no picture");
    // one row: the three classes and the expression, 28x28 tiles zoomed twice with 2-pixel gaps
    assertEquals(4 * 58 + 2, image.getWidth());
    assertEquals(58 + 2, image.getHeight());

    Path unwritten = dir.resolve("bad.png");
    CliRun unknown = CliRun.gantry("arithmetic", SWEEP_ID, "t001", "sneaker - sandle", "--out", unwritten.toString(), "--data-dir", data);
    assertEquals(2, unknown.code(), unknown.toString());
    assertTrue(unknown.err().contains("column 11"), unknown.err());
    assertTrue(unknown.err().contains("unknown class \"sandle\""), unknown.err());
    assertTrue(unknown.err().contains("t_shirt, trouser, pullover, dress, coat, sandal, shirt, sneaker, bag, ankle_boot"), unknown.err());
    assertFalse(Files.exists(unwritten), "nothing is written for a bad expression");

    CliRun noTrial = CliRun.gantry("arithmetic", SWEEP_ID, "t009", "coat", "--data-dir", data);
    assertEquals(2, noTrial.code(), noTrial.toString());
    assertTrue(noTrial.err().contains("no trial 't009'"), noTrial.err());
  }

  /**
   * The command's output in a JVM of its own started as the {@code gantry} launcher starts one, on
   * the head node's classpath with the workers' beside it: there DJL is only in the worker's class
   * loader, unlike in this test's JVM.
   */
  private String onTheHeadNodesClasspath(String... args) throws Exception {
    String head = Path.of("target", "classes").toAbsolutePath() + File.pathSeparator + Files.readString(Path.of("target", "classpath.txt")).strip();
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-D" + WorkerLaunch.CLASSPATH_PROPERTY + "=" + System.getProperty(WorkerLaunch.CLASSPATH_PROPERTY),
        "-cp", head, GantryCli.class.getName()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(120, TimeUnit.SECONDS), "gantry " + String.join(" ", args) + " did not end");
    assertEquals(0, process.exitValue(), out);
    return out;
  }
}
