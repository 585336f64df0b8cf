package io.gantry.orchestrator.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A person opening a sweep's page on a server off loopback, in headless Chromium: without the
 * token the page asks for it; typed in, it opens the page (as the printed address with {@code
 * ?token=} does), leaves the address bar, and everything the page reads comes behind it.
 */
class SweepPageTokenTest {

  private static final SweepLauncher NEVER = (spec, plan, observer, pages) -> false;

  @TempDir Path dataDir;

  @Test
  void aPageWithoutTheTokenAsksForItAndOpensWithIt() {
    try (TestServer server = new TestServer(dataDir, WebSettings.of("0.0.0.0", 0, null), NEVER);
        Browser browser = new Browser(1200, 900)) {
      SmallSweep.write(server.store, dataDir);
      Matcher printed = Pattern.compile("\\?token=([0-9a-f]{32})").matcher(server.printed());
      assertTrue(printed.find(), server.printed());
      String token = printed.group(1);

      browser.open(server.base + "/sweep.html?id=" + SmallSweep.ID);
      browser.await("the page asks for the token", Duration.ofSeconds(10), "return !!document.querySelector('input[name=token]')");
      browser.find("input[name=token]").sendKeys(token);
      browser.click("button[type=submit]");
      browser.await("the sweep page gets ready", Duration.ofSeconds(30), "return document.body.dataset.ready === 'true'");
      assertEquals(3, browser.findAll("#trials tbody tr").size(), "its trials were read behind the token");
      String address = (String) browser.js("return location.href");
      assertTrue(address.endsWith("/sweep.html?id=" + SmallSweep.ID), address);
      assertFalse(address.contains(token), address);
      assertEquals("", browser.js("return document.cookie"), "the cookie is HttpOnly: no script on the page sees it");
      browser.js("fetch('/api/sweeps').then(r => { window.sweepsStatus = r.status; })");
      browser.await("the page's own reads carry the cookie", Duration.ofSeconds(10), "return window.sweepsStatus === 200");
      browser.screenshot("sweep-page-behind-token");
    }
  }
}
