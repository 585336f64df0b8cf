package io.gantry.orchestrator.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import io.gantry.orchestrator.view.ParetoSweep;
import io.gantry.orchestrator.view.PbtSweep;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebElement;

/**
 * The sweep page over a large sweep written straight into H2 ({@link LoadedSweep}): how soon it
 * becomes usable (printed, not asserted), that sorting and filtering work on it, and that markup
 * in its name, a parameter and an error message shows as text on both pages; and the panels that
 * only some sweeps have, the Pareto front ({@link ParetoSweep}) and the population ({@link PbtSweep}).
 */
class SweepPageLoadTest {

  private static final Duration READY = Duration.ofSeconds(30);

  @TempDir static Path dataDir;
  private static TestServer server;
  private static Browser browser;

  @BeforeAll
  static void start() {
    server =
        TestServer.loopback(
            dataDir,
            (spec, plan, observer, pages) -> {
              throw new AssertionError("nothing is submitted here");
            });
    long writing = System.nanoTime();
    LoadedSweep.write(server.store);
    ParetoSweep.write(server.store);
    PbtSweep.write(server.store);
    System.out.printf("LOAD: wrote %d trials x %d points of train/loss into H2 in %d ms%n", LoadedSweep.TRIALS, LoadedSweep.POINTS, (System.nanoTime() - writing) / 1_000_000);
    browser = new Browser(1500, 1300);
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    server.close();
  }

  @Test
  void aLargeSweepBecomesUsableAndShowsMarkupAsText() {
    String page = server.base + "/sweep.html?id=" + URLEncoder.encode(LoadedSweep.ID, StandardCharsets.UTF_8);
    for (String visit : new String[] {"first", "second"}) {
      browser.open(page);
      browser.await("the sweep page gets ready", READY, "return document.body.dataset.ready === 'true'");
      long usable = browser.jsLong("return Math.round(window.gantryReadyMs)");
      Object parts =
          browser.js(
              "const took = (test) => Math.round(performance.getEntriesByType('resource').filter(e => test(e.name)).reduce((t, e) => Math.max(t, e.duration), 0));"
                  + " return 'sweep JSON ' + took(n => n.includes('/api/sweeps/') && !n.includes('/trials/')) + ' ms, longest metrics request '"
                  + " + took(n => n.includes('/metrics')) + ' ms, echarts.min.js ' + took(n => n.includes('echarts')) + ' ms'");
      System.out.printf(
          "LOAD: sweep page with %d trials x %d points usable %d ms after navigation (%s visit; %s)%n",
          LoadedSweep.TRIALS, LoadedSweep.POINTS, usable, visit, parts);
    }
    assertEquals(LoadedSweep.TRIALS, browser.findAll("#trials tbody tr").size());
    assertEquals(LoadedSweep.TRIALS, browser.jsLong("return echarts.getInstanceByDom(document.getElementById('parallel')).getOption().series[0].data.length"));
    assertEquals(5, browser.jsLong("return echarts.getInstanceByDom(document.getElementById('curves')).getOption().series.length"));
    assertEquals(
        3,
        browser.jsLong("const box = document.getElementById('sweep-importance'); return box.offsetHeight > 0 ? box.querySelectorAll('.share').length : -1"),
        "what moved the metric shows, a bar for each varying parameter");
    browser.screenshot("sweep-page-200-trials");

    assertShownAsText();
    assertTrue(browser.find("#trials tbody").getText().contains("worker said " + LoadedSweep.HOSTILE), "the failure message shows as text");

    browser.click("#trials th[data-sort='trial']");
    assertEquals("t001", browser.find("#trials tbody tr").getAttribute("data-trial"));
    browser.choose("status-filter", "failed");
    assertEquals(LoadedSweep.TRIALS / 50, browser.findAll("#trials tbody tr").size());
    browser.choose("status-filter", "");
    browser.find("#param-filter").sendKeys("batch_size=32 activation!=relu");
    assertTrue(browser.findAll("#trials tbody tr").stream().allMatch(r -> r.getText().contains(" 32 ") && !r.getText().contains("relu")));

    browser.open(server.base + "/");
    browser.await("the sweeps page lists the three sweeps", READY, "return document.querySelectorAll('#sweeps tbody tr').length === 3");
    assertShownAsText();

    browser.find("#yaml").sendKeys("name: bad\nmodel: gan\n\"" + LoadedSweep.HOSTILE + "\": 1\n");
    browser.click("#submit");
    browser.await("the file's problems are listed", READY, "return document.querySelectorAll('#submit-errors li').length > 0");
    String problems = browser.find("#submit-errors").getText();
    assertTrue(problems.contains("line 3, column 1 · " + LoadedSweep.HOSTILE + ": unknown key"), problems);
    assertEquals(0, browser.jsLong("return document.querySelectorAll('img[src=\"x\"]').length"), "no element was made from the key");
    browser.screenshot("sweeps-page");
  }

  @Test
  void aSweepOfTwoMetricsDrawsItsParetoFrontAndClickingAPointSelectsItsTrial() {
    browser.open(server.base + "/sweep.html?id=" + ParetoSweep.ID);
    browser.await("the sweep page gets ready", READY, "return document.body.dataset.ready === 'true'");
    String series = "echarts.getInstanceByDom(document.getElementById('pareto')).getOption().series";
    assertEquals(ParetoSweep.FRONT.size(), browser.jsLong("return " + series + "[0].data.length"), "the front's trials");
    assertEquals(2, browser.jsLong("return " + series + "[2].data.length"), "t005 and t006 miss the constraint");
    assertEquals(24 - ParetoSweep.FRONT.size() - 2, browser.jsLong("return " + series + "[1].data.length"), "every other trial with both metrics");
    assertTrue(browser.find("#pareto-note").getText().startsWith("9 completed trials on the front; feasible: 0.5 ≤ val/recall"), browser.find("#pareto-note").getText());
    browser.screenshot("sweep-page-pareto");

    String t004 = "#trials tbody tr[data-trial='t004'] input[type=checkbox]";
    assertFalse(browser.find(t004).isSelected(), "the best five by val/f1 are selected at first");
    String pixel = "const chart = echarts.getInstanceByDom(document.getElementById('pareto'));"
        + " const point = chart.getOption().series[0].data.find(d => d.name === 't004').value;"
        + " return Math.round(chart.convertToPixel({seriesIndex: 0}, point)[arguments[0]])";
    browser.clickAt("#pareto", browser.jsLong(pixel, 0), browser.jsLong(pixel, 1));
    assertTrue(browser.find(t004).isSelected(), "a click on its point selects the trial");

    browser.open(server.base + "/sweep.html?id=" + LoadedSweep.ID);
    browser.await("the sweep page gets ready", READY, "return document.body.dataset.ready === 'true'");
    assertTrue(browser.find("#pareto-panel").getAttribute("hidden") != null, "a sweep of one metric has no front panel");
  }

  @Test
  void aPopulationSweepDrawsItsLineageAndClickingAMemberSelectsItsTrial() {
    browser.open(server.base + "/sweep.html?id=" + PbtSweep.ID);
    browser.await("the sweep page gets ready", READY, "return document.body.dataset.ready === 'true'");
    assertTrue(browser.find("#lineage-panel").isDisplayed(), "a sweep with exploits shows its population");
    String option = "echarts.getInstanceByDom(document.getElementById('lineage')).getOption()";
    assertEquals(4, browser.jsLong("return " + option + ".series[0].data.length"), "a band per member");
    assertEquals(
        PbtSweep.LAST_STEP, browser.jsLong("return " + option + ".series[0].data.find(d => d.name === 't003').coords[1][0]"), "to its last step");
    assertEquals(3, browser.jsLong("return " + option + ".series[1].data.length"), "an arrow per exploit");
    assertEquals(
        List.of(
            "300 t004 t001 lr_d 0.012 -> 0.008",
            "200 t003 t002 generator_loss minimax -> " + PbtSweep.HOSTILE + ", lr_d 0.02 -> 0.004, lr_g 0.004 -> 0.002",
            "100 t004 t001 lr_d 0.04 -> 0.012, lr_g 0.001 -> 0.002"),
        browser.findAll("#exploits tbody tr").stream().map(WebElement::getText).toList(),
        "newest first, only what changed, markup as text");
    assertEquals(0, browser.findAll("#exploits b").size(), "no element was made from a parameter's value");
    assertEquals(
        "<b>t003</b> copied <b>t002</b> at step 200<br>generator_loss minimax -&gt; &lt;b&gt;hinge&lt;/b&gt;<br>lr_d 0.02 -&gt; 0.004<br>lr_g 0.004 -&gt; 0.002",
        browser.js("const option = " + option + "; return option.tooltip[0].formatter({seriesId: 'exploits', data: option.series[1].data[1]})"),
        "an exploit's tooltip names both members, the step and the changes, escaped");
    browser.screenshot("sweep-page-lineage");

    browser.click("#select-none");
    String t002 = "#trials tbody tr[data-trial='t002'] input[type=checkbox]";
    assertFalse(browser.find(t002).isSelected());
    String pixel = "const chart = echarts.getInstanceByDom(document.getElementById('lineage'));"
        // past the last exploit, whose arrow would take the click
        + " const band = [350, chart.getOption().yAxis[0].data.indexOf('t002')];"
        + " return Math.round(chart.convertToPixel({gridIndex: 0}, band)[arguments[0]])";
    browser.clickAt("#lineage", browser.jsLong(pixel, 0), browser.jsLong(pixel, 1));
    assertTrue(browser.find(t002).isSelected(), "a click on its band selects the member");

    browser.open(server.base + "/sweep.html?id=" + ParetoSweep.ID);
    browser.await("the sweep page gets ready", READY, "return document.body.dataset.ready === 'true'");
    assertTrue(browser.find("#lineage-panel").getAttribute("hidden") != null, "a sweep without exploits has no population panel");
  }

  /** The markup is on the page as text, and never became an element. */
  private void assertShownAsText() {
    assertTrue(browser.find("body").getText().contains(LoadedSweep.HOSTILE), "the name shows as text");
    assertEquals(0, browser.jsLong("return document.querySelectorAll('img[src=\"x\"]').length"), "no element was made from markup");
  }
}
