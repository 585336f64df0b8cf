package io.gantry.worker;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gantry.protocol.trial.ScoreRequest;
import io.gantry.worker.train.CheckpointScores;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The process {@code gantry score} starts to score images with DJL, which the coordinator's side
 * does not carry. Usage: {@code ScoreMain REQUEST.json}, a {@link ScoreRequest}. Writes the
 * ranking to the request's result file, one {@code image INDEX SCORE} line per image, and exits 0;
 * for wrong input (a model without a score, a file that is not IDX or not of the trial's image
 * size) writes one {@code refused MESSAGE} line and exits {@value #EXIT_REFUSED}.
 */
public final class ScoreMain {

  /** The exit status when the request's input was wrong. */
  public static final int EXIT_REFUSED = 2;

  private ScoreMain() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: ScoreMain REQUEST.json");
      System.exit(EXIT_REFUSED);
    }
    ScoreRequest request = new ObjectMapper().readValue(Path.of(args[0]).toFile(), ScoreRequest.class);
    List<String> lines = new ArrayList<>();
    int status = 0;
    try {
      CheckpointScores.Ranking ranking = CheckpointScores.rank(request);
      for (int k = 0; k < ranking.indices().length; k++) {
        lines.add(String.format(Locale.ROOT, "%s %d %s", ScoreRequest.IMAGE, ranking.indices()[k], ranking.scores()[k]));
      }
    } catch (IllegalArgumentException | IOException e) {
      lines.add(ScoreRequest.REFUSED + " " + e.getMessage().replace('\n', ' '));
      status = EXIT_REFUSED;
    }
    Files.write(Path.of(request.result()), lines, StandardCharsets.UTF_8);
    System.exit(status);
  }
}
