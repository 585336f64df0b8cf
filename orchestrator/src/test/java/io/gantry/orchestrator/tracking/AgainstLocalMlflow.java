package io.gantry.orchestrator.tracking;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** Tests against one real MLflow server, started once for the test class (see {@link LocalMlflow}). */
abstract class AgainstLocalMlflow {

  @TempDir static Path serverDir;
  static LocalMlflow mlflow;

  @BeforeAll
  static void startMlflow() throws Exception {
    mlflow = LocalMlflow.start(serverDir);
  }

  @AfterAll
  static void stopMlflow() {
    if (mlflow != null) {
      mlflow.close();
    }
  }
}
