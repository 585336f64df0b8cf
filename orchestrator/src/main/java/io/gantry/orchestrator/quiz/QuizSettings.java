package io.gantry.orchestrator.quiz;

import com.typesafe.config.Config;
import java.time.Duration;

/** The {@code gantry.quiz} settings. */
public record QuizSettings(int drawCount, Duration drawTimeout) {

  public static QuizSettings from(Config config) {
    Config quiz = config.getConfig("gantry.quiz");
    return new QuizSettings(quiz.getInt("draw-count"), quiz.getDuration("draw-timeout"));
  }
}
