package io.gantry.orchestrator.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gantry.orchestrator.view.NoisySweep;
import java.util.List;
import org.openqa.selenium.By;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sweep page's trials table in headless Chromium shows each trial's latest sample grid small,
 * loaded lazily, linked to the whole picture; a trial without one shows nothing. Each value of a
 * metric measured with its noise shows that noise, and a trial within noise of the best a mark.
 */
class TrialThumbnailTest {

  @TempDir Path dataDir;

  @Test
  void aTrialWithAPictureShowsItAndOneWithoutShowsNothing() {
    try (TestServer server = TestServer.loopback(dataDir, (spec, plan, observer, pages) -> false);
        Browser browser = new Browser(1400, 900)) {
      ComparedSweeps.write(server.store, dataDir);
      browser.open(server.base + "/sweep.html?id=" + ComparedSweeps.A);
      browser.await("the sweep page gets ready", Duration.ofSeconds(20), "return document.body.dataset.ready === 'true'");

      String picture = "#trials tr[data-trial='t001'] td.thumb a img";
      assertEquals("lazy", browser.find(picture).getAttribute("loading"));
      browser.await("the thumbnail loads", Duration.ofSeconds(10), "const i = document.querySelector(arguments[0]); return i.complete && i.naturalWidth > 0", picture);
      String url = "/api/files/" + ComparedSweeps.A + "/t001/samples/epoch-005.png";
      assertEquals(server.base + url, browser.find(picture).getAttribute("src"));
      assertEquals(server.base + url, browser.find("#trials tr[data-trial='t001'] td.thumb a").getAttribute("href"), "a click opens the whole picture");
      assertEquals(0, browser.findAll("#trials tr[data-trial='t003'] td.thumb *").size(), "no picture, nothing shown");
      browser.screenshot("trials-table-thumbnails");
    }
  }

  @Test
  void aTrialWithinNoiseOfTheBestIsMarked() {
    try (TestServer server = TestServer.loopback(dataDir, (spec, plan, observer, pages) -> false);
        Browser browser = new Browser(1400, 900)) {
      NoisySweep.write(server.store);
      browser.open(server.base + "/sweep.html?id=" + NoisySweep.ID);
      browser.await("the sweep page gets ready", Duration.ofSeconds(20), "return document.body.dataset.ready === 'true'");
      assertEquals(
          List.of("t001"),
          browser.findAll("#trials td[data-within-noise=true]").stream().map(td -> td.findElement(By.xpath("..")).getAttribute("data-trial")).toList(),
          "the best is not marked, nor the trial beyond its noise");
      assertTrue(browser.find("#trials tr[data-trial='t003']").getText().contains("30 ± 1"), browser.find("#trials tr[data-trial='t003']").getText());
    }
  }
}
