package io.gantry.orchestrator.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gantry.orchestrator.cli.CliRun;
import io.gantry.orchestrator.http.Browser;
import io.gantry.orchestrator.store.ArtifactRecord;
import io.gantry.orchestrator.store.H2RunStore;
import io.gantry.orchestrator.store.SweepRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * MLflow's own web UI, in headless Chromium, on the run of a trial Gantry tracked: the run page's
 * "Model metrics" tab shows the trial's sample grids as the image chart of the {@code samples}
 * key, whose step slider offers the steps the pictures were drawn at, each step's picture loading.
 * Against the release {@code gantry mlflow-server} runs (MLflow 2's UI shows images only in an
 * "Image grid" chart added by hand). Its screenshot is {@code docs/mlflow-images.png}.
 */
class MlflowUiTest extends AgainstLocalMlflow {

  private static final String SWEEP =
      """
      name: mlflow-ui
      model: gan
      dataset: {name: gaussian-2d, train_limit: 64}
      method: grid
      metric: {name: val/mean_error, goal: minimize}
      budget: {epochs: 2}
      report_every: 5
      parameters:
        g_hidden: {value: 0}
        latent_dim: {value: 2}
        batch_size: {value: 8}
        lr_d: {value: 0.02}
      seed: 3
      """;

  /** The chart card of the {@code samples} images: the card with that title and a step slider. */
  private static final String SAMPLES_CARD =
      "[...document.querySelectorAll(\"[data-testid='experiment-view-compare-runs-card']\")]"
          + ".find(c => c.innerText.split('\\n')[0] === 'samples' && c.querySelector('[role=slider]')) || null";

  @TempDir Path dir;

  @Test
  void aTrialsSampleGridsShowInItsRunsModelMetricsTabOnePerStepOfTheSlider() throws Exception {
    Path data = dir.resolve("data");
    Path file = Files.writeString(dir.resolve("mlflow-ui.yaml"), SWEEP);
    CliRun run = CliRun.gantry("run", file.toString(), "--data-dir", data.toString(), "--workers", "1", "--mlflow", mlflow.url());
    assertEquals(0, run.code(), run.toString());
    assertTrue(run.out().contains("mlflow: everything delivered"), run.toString());

    List<Long> steps;
    String page;
    try (H2RunStore store = H2RunStore.open(data);
        MlflowLinks links = MlflowLinks.of(MlflowTracking.of(mlflow.url(), data, Duration.ZERO), data)) {
      SweepRecord sweep = store.sweep("mlflow-ui").orElseThrow();
      steps = store.artifacts(sweep.id(), "t001").stream().filter(a -> a.kind().equals("samples")).map(ArtifactRecord::step).sorted().toList();
      page = links.trialUrl(sweep.id(), "t001").orElseThrow();
    }
    assertEquals(2, steps.size(), "a sample grid per epoch: " + steps);

    try (Browser browser = new Browser(1400, 900)) {
      // the link Gantry gives the trial, as its web UI and gantry show do
      browser.open(page);
      browser.await(
          "the run page shows its tabs", Duration.ofSeconds(30),
          "return [...document.querySelectorAll('[role=tab]')].some(t => t.textContent.trim() === 'Model metrics')");
      browser.findAll("[role=tab]").stream().filter(t -> t.getText().trim().equals("Model metrics")).findFirst().orElseThrow().click();
      // charts are drawn as they come into view: the images' section, "Model metrics", comes after
      // the sections of the metrics' prefixes (train/, val/)
      browser.await(
          "the Model metrics tab shows an image chart of samples in its Model metrics section", Duration.ofSeconds(30),
          "const section = [...document.querySelectorAll('.du-bois-light-collapse-header')].find(h => h.innerText.split('\\n')[0] === 'Model metrics');"
              + " if (section) section.scrollIntoView();"
              + " return (" + SAMPLES_CARD + ") !== null");
      WebElement card = (WebElement) browser.js("return " + SAMPLES_CARD);
      WebElement slider = card.findElement(By.cssSelector("[role=slider]"));
      assertEquals(Long.toString(steps.get(0)), slider.getAttribute("aria-valuemin"), "the slider starts at the first picture's step");
      assertEquals(Long.toString(steps.get(steps.size() - 1)), slider.getAttribute("aria-valuemax"), "and ends at the last one's");

      // the slider's arrow keys go from one logged step to the next, each showing that step's picture
      for (long step : steps) {
        for (int i = 0; i < 3 && Long.parseLong(slider.getAttribute("aria-valuenow")) < step; i++) {
          slider.sendKeys(Keys.ARROW_RIGHT);
        }
        assertEquals(Long.toString(step), slider.getAttribute("aria-valuenow"), "the slider offers step " + step + " of " + steps);
        String thumbnail = "images%2Fsamples%2Bstep%2B" + step + "%2Btimestamp%2B";
        browser.await(
            "the picture of step " + step + " loads", Duration.ofSeconds(20),
            "const i = [...arguments[0].querySelectorAll('img')].find(i => i.src.includes(arguments[1]) && i.src.includes('%2Bcompressed.png'));"
                + " return !!i && i.complete && i.naturalWidth > 0",
            card, thumbnail);
        WebElement picture =
            card.findElements(By.tagName("img")).stream().filter(i -> i.getAttribute("src").contains(thumbnail)).findFirst().orElseThrow();
        assertTrue(picture.isDisplayed(), "the picture of step " + step + " is shown");
      }
      for (WebElement close : browser.findAll("[data-component-id='mlflow.assistant.chat_panel.close']")) {
        close.click(); // MLflow's assistant panel, beside the page, left out of the picture
      }
      browser.js("arguments[0].scrollIntoView({block: 'end'})", card);
      browser.screenshot("mlflow-images");
    }
  }
}
