package io.gantry.orchestrator.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compare page in headless Chromium over two stored sweeps ({@link ComparedSweeps}): a trial
 * of each side by side (their curves, their parameters with the differing ones highlighted, their
 * sample grids), the entries of its address it cannot show named on it, the picker adding a trial
 * of another sweep, and the sweep page's "compare selected" landing on the page of its selection;
 * and the link to one trial that its MLflow run carries, opening the sweep page on that trial.
 */
class ComparePageTest {

  private static final Duration READY = Duration.ofSeconds(20);
  private static final String A1 = ComparedSweeps.A + "/t001";
  private static final String B1 = ComparedSweeps.B + "/t001";

  @TempDir static Path dataDir;
  private static TestServer server;
  private static Browser browser;

  @BeforeAll
  static void start() {
    server = TestServer.loopback(dataDir, (spec, plan, observer, pages) -> false);
    ComparedSweeps.write(server.store, dataDir);
    browser = new Browser(1400, 1000);
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    server.close();
  }

  @Test
  void trialsOfTwoSweepsSideBySide() {
    openCompare(A1 + "," + B1);
    for (String metric : List.of("train/loss", "val/score")) {
      Object series =
          browser.js(
              "return echarts.getInstanceByDom(document.querySelector(`#compare-curves .chart[data-metric=\"${arguments[0]}\"]`)).getOption().series"
                  + ".filter(s => s.data.length > 0).map(s => s.name)",
              metric);
      assertEquals(List.of(A1, B1), series, metric + ": one curve per trial, named SWEEP/TRIAL");
    }
    assertEquals(List.of(A1, B1), browser.js("return [...document.querySelectorAll('#compare-params thead th[data-label]')].map(th => th.dataset.label)"));
    assertEquals(2, cells("loss", "td.differs"), "minimax and non_saturating are highlighted");
    for (String same : List.of("lr", "batch_size", "model", "seed")) {
      assertEquals(2, cells(same, "td"), same);
      assertEquals(0, cells(same, "td.differs"), same + " is the same in both, so not highlighted");
    }
    browser.await("both sample grids load", READY,
        "const imgs = [...document.querySelectorAll('#compare-samples img')]; return imgs.length === 2 && imgs.every(i => i.complete && i.naturalWidth > 0)");
    assertEquals(List.of(A1, B1), browser.js("return [...document.querySelectorAll('#compare-samples img')].map(i => i.dataset.trial)"));
    browser.screenshot("compare-page");
  }

  @Test
  void entriesItCannotShowAreNamed() {
    openCompare(A1 + "," + ComparedSweeps.A + "/t999,no-such-sweep/t001,t002");
    String message = browser.find("#compare-message").getText();
    assertTrue(message.contains(ComparedSweeps.A + "/t999: no trial 't999' in sweep '" + ComparedSweeps.A + "'"), message);
    assertTrue(message.contains("no-such-sweep/t001: no sweep 'no-such-sweep'"), message);
    assertTrue(message.contains("t002: not SWEEP/TRIAL"), message);
    assertEquals(1, browser.findAll("#compare-params thead th[data-label]").size(), "the trial that exists is shown");
  }

  @Test
  void thePickerAddsATrialOfAnotherSweep() {
    openCompare(A1);
    browser.choose("pick-sweep", ComparedSweeps.B);
    browser.await("the trials of the chosen sweep are offered", READY, "return document.querySelectorAll('#pick-trial option').length === 3");
    browser.choose("pick-trial", "t002");
    browser.click("#pick-add");
    awaitCompare(A1 + "," + ComparedSweeps.B + "/t002");
    assertEquals(2, browser.findAll("#compare-params thead th[data-label]").size());
    assertEquals(2, cells("lr", "td.differs"), "0.01 and 0.05");

    browser.click("#compare-params button.remove[data-label='" + A1 + "']");
    awaitCompare(ComparedSweeps.B + "/t002");
  }

  @Test
  void theSweepPageComparesItsSelection() {
    browser.open(server.base + "/sweep.html?id=" + ComparedSweeps.A);
    browser.await("the sweep page gets ready", READY, "return document.body.dataset.ready === 'true'");
    browser.click("#select-none");
    browser.click("#trials tr[data-trial='t002'] input[type=checkbox]");
    browser.click("#trials tr[data-trial='t001'] input[type=checkbox]");
    browser.click("#compare-selected");
    awaitCompare(ComparedSweeps.A + "/t002," + A1);
  }

  @Test
  void aTrialsLinkOpensTheSweepPageWithThatTrialAloneSelected() {
    browser.open(server.base + "/sweep.html?id=" + ComparedSweeps.A + "&trial=t002");
    browser.await("the sweep page gets ready", READY, "return document.body.dataset.ready === 'true'");
    List<String> selected = browser.findAll("#trials tr.selected").stream().map(row -> row.getAttribute("data-trial")).toList();
    assertEquals(List.of("t002"), selected);
  }

  private void openCompare(String trials) {
    browser.open(server.base + "/compare.html?trials=" + trials);
    awaitCompare(trials);
  }

  /** Waits for the compare page of these trials, at its own address, to be drawn. */
  private void awaitCompare(String trials) {
    browser.await("the compare page of " + trials + " gets ready", READY,
        "return location.pathname === '/compare.html' && location.search === '?trials=' + arguments[0] && document.body.dataset.ready === 'true'", trials);
  }

  /** How many cells of the parameters table's row {@code param} match {@code css}. */
  private long cells(String param, String css) {
    return browser.findAll("#compare-params tr[data-param='" + param + "'] " + css).size();
  }
}
