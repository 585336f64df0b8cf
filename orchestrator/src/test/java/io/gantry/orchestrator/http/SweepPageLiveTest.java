package io.gantry.orchestrator.http;

import io.gantry.orchestrator.run.Devices;
import io.gantry.orchestrator.run.LocalService;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gantry.orchestrator.store.TrialStatus;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A person's session, in headless Chromium: submits a real gaussian-2d GAN sweep from the sweeps
 * page, watches it on the sweep page as two worker processes train it, stops a running trial from
 * the page, and compares the finished trials' curves, parameters and samples.
 */
class SweepPageLiveTest {

  private static final String SWEEP =
      """
      name: ui-live
      model: gan
      dataset: {name: gaussian-2d, train_limit: 1000}
      method: grid
      metric: {name: val/mean_error, goal: minimize}
      budget: {epochs: 6}
      report_every: 25
      parameters:
        g_hidden: {value: 0}
        d_hidden: {value: 5}
        latent_dim: {value: 2}
        batch_size: {value: 8}
        lr_g: {value: 0.005}
        lr_d: {values: [0.05, 0.02]}
        generator_loss: {values: [non_saturating, minimax]}
      workers: 2
      seed: 3
      """;

  private static final Duration LIVE = Duration.ofSeconds(180);
  private static final String TRAINED_TWO_EPOCHS =
      "[...document.querySelectorAll('#trials tr[data-status=running]')].find(r => Number(r.cells[r.cells.length - 3].textContent) >= 250)";

  @TempDir Path dataDir;

  /**
   * Clicks stop on a running trial that has trained two epochs, as a person would, and returns it.
   * On a loaded machine the page may show a trial running a moment after it completed (the server
   * then answers 409 and the trial stays completed); a person would stop another, and so does this.
   */
  private static String stopARunningTrial(Browser browser) {
    for (int attempt = 1; ; attempt++) {
      browser.await("a trial trains for two epochs", LIVE, "return !!" + TRAINED_TWO_EPOCHS);
      String trial = (String) browser.js("const row = " + TRAINED_TWO_EPOCHS + "; row.querySelector('button.stop').click(); return row.dataset.trial");
      browser.screenshot("sweep-page-running");
      String row = "document.querySelector('#trials tr[data-trial=\"' + arguments[0] + '\"]').dataset.status";
      browser.await("the trial clicked ends", LIVE, "return ['stopped', 'completed'].includes(" + row + ")", trial);
      if ("stopped".equals(browser.js("return " + row, trial)) || attempt == 3) {
        return trial;
      }
    }
  }

  @Test
  void aSweepRunsLiveOnThePageAndATrialStopsFromIt() {
    try (LocalService workers = LocalService.start(Devices.local(2, 1), 1, 0, dataDir.resolve("logs"));
        TestServer server = TestServer.withService(dataDir, workers.service());
        Browser browser = new Browser(1500, 1300)) {
      browser.open(server.base + "/");
      browser.find("#yaml").sendKeys(SWEEP);
      browser.click("#submit");
      browser.await("the sweep is submitted", Duration.ofSeconds(20), "return !!document.querySelector('#submit-result a')");
      browser.click("#submit-result a");
      browser.await("the sweep page opens", Duration.ofSeconds(60), "return document.body.dataset.ready === 'true'");
      browser.js("window.sameDocument = true");

      browser.await("the table fills in as trials are added and start", LIVE, "return document.querySelectorAll('#trials tbody tr').length === 4 && !!document.querySelector('#trials tr[data-status=running]')");
      String stopped = stopARunningTrial(browser);
      browser.await("the trial stopped from the page ends as stopped", LIVE, "return document.querySelector('#trials tr[data-trial=\"' + arguments[0] + '\"]').dataset.status === 'stopped'", stopped);
      browser.await("the sweep finishes", LIVE, "return document.getElementById('sweep-status').textContent === 'finished'");
      assertEquals(Boolean.TRUE, browser.js("return window.sameDocument === true"), "updated live, never reloaded");
      assertEquals(TrialStatus.STOPPED, server.store.trials("ui-live-1").stream().filter(t -> t.trialId().equals(stopped)).findFirst().orElseThrow().status());

      browser.await("every trial is selected", Duration.ofSeconds(10), "return document.querySelectorAll('#trials tbody input:checked').length === 4");
      browser.await("one curve per selected trial", Duration.ofSeconds(10), "return echarts.getInstanceByDom(document.getElementById('curves')).getOption().series.filter(s => s.data.length > 0).length === 4");
      assertTrue((Boolean) browser.js(
          "return echarts.getInstanceByDom(document.getElementById('curves')).getOption().series.find(s => s.name === arguments[0]).markPoint.data.length === 1", stopped),
          "the stopped trial is marked where it stopped");
      browser.await("the devices panel has each selected trial's worker memory", Duration.ofSeconds(10),
          "return !document.getElementById('devices').hidden"
              + " && [...document.querySelectorAll('#device-table td[data-metric=\"system/process_memory_rss_megabytes\"]')].filter(td => Number(td.textContent) > 1).length === 4");
      browser.click("#trials tbody input:checked");
      browser.await("one curve per selected trial, after unselecting one", Duration.ofSeconds(10),
          "return echarts.getInstanceByDom(document.getElementById('curves')).getOption().series.length === 3");
      assertEquals(4, browser.jsLong("return echarts.getInstanceByDom(document.getElementById('parallel')).getOption().series[0].data.length"), "one line per trial");

      browser.choose("curve-metric", "train/loss_d");
      browser.choose("curve-x", "epoch");
      browser.click("#curve-log");
      browser.await("train/loss_d by epoch, on a log scale: the last value of each epoch", Duration.ofSeconds(20),
          "const o = echarts.getInstanceByDom(document.getElementById('curves')).getOption(); return o.yAxis[0].type === 'log'"
              + " && o.series.length === 3 && o.series.every(s => s.data.length > 0 && s.data.length <= 6 && s.data.every(p => Number.isInteger(p[0])))");
      browser.click("#curve-log");
      browser.choose("curve-x", "step");
      browser.choose("curve-metric", "val/mean_error");

      browser.choose("sample-epoch", "1");
      browser.await("the sample grids of the selected trials load", Duration.ofSeconds(20),
          "const imgs = [...document.querySelectorAll('#samples img')]; return imgs.length === 3 && imgs.every(i => i.complete && i.naturalWidth > 0)");
      browser.click("#trials tbody input:not(:checked)");
      browser.choose("sample-epoch", "2");
      browser.await("four sample grids at epoch 2", Duration.ofSeconds(20),
          "const imgs = [...document.querySelectorAll('#samples img')]; return imgs.length === 4 && imgs.every(i => i.complete && i.naturalWidth > 0)");
      browser.screenshot("sweep-page-live");
    }
  }

}
