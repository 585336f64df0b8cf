package io.gantry.orchestrator.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium from Debian's {@code chromium} and {@code chromium-driver} packages, driven by
 * Selenium through the system chromedriver, so that nothing downloads a browser of its own. Each
 * browser has a fresh profile; screenshots go to {@code target/screenshots}.
 */
public final class Browser implements AutoCloseable {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path SCREENSHOTS = Path.of("target", "screenshots");

  private final ChromeDriver driver;
  private final Path profile;

  public Browser(int width, int height) {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      throw new IllegalStateException(
          "the browser tests need Debian's chromium and chromium-driver: run scripts/install-browser.sh (scripts/test.sh does)");
    }
    try {
      profile = Files.createTempDirectory("gantry-chromium-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + profile,
        "--window-size=" + width + "," + height);
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    driver = new ChromeDriver(service, options);
  }

  public void open(String url) {
    driver.get(url);
  }

  /** Runs {@code script} in the page (with {@code arguments}) and returns its value. */
  public Object js(String script, Object... arguments) {
    return ((JavascriptExecutor) driver).executeScript(script, arguments);
  }

  long jsLong(String script, Object... arguments) {
    return ((Number) js(script, arguments)).longValue();
  }

  /** Waits until {@code script} returns true in the page. */
  public void await(String what, Duration timeout, String script, Object... arguments) {
    new WebDriverWait(driver, timeout)
        .withMessage(() -> what + "; " + requests() + "; browser log: " + log())
        .until(d -> Boolean.TRUE.equals(js(script, arguments)));
  }

  /** Chooses {@code value} in the select element with id {@code selectId}, as a person would. */
  void choose(String selectId, String value) {
    js("const e = document.getElementById(arguments[0]); e.value = arguments[1]; e.dispatchEvent(new Event('change'))", selectId, value);
  }

  public WebElement find(String css) {
    return driver.findElement(By.cssSelector(css));
  }

  /**
   * Clicks the element that {@code css} finds. A live page may draw a row again between finding it
   * and clicking it, as it does when an update arrives; a person would click the new one, so this
   * finds it again.
   */
  public void click(String css) {
    for (int attempt = 1; ; attempt++) {
      try {
        find(css).click();
        return;
      } catch (StaleElementReferenceException redrawn) {
        if (attempt == 5) {
          throw redrawn;
        }
      }
    }
  }

  /** Clicks the element that {@code css} finds at {@code x}, {@code y} pixels from its top left corner, as a person would. */
  void clickAt(String css, long x, long y) {
    WebElement element = find(css);
    js("arguments[0].scrollIntoView({block: 'center'})", element);
    Dimension size = element.getSize();
    new Actions(driver).moveToElement(element, (int) x - size.getWidth() / 2, (int) y - size.getHeight() / 2).click().perform();
  }

  public List<WebElement> findAll(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  /** The browser's console so far, one entry per line. */
  /** The page's address and the requests it has finished, with their times, to tell a slow server from a stuck page. */
  private String requests() {
    return String.valueOf(js("return 'page ' + location.href + ', finished requests: '"
        + " + performance.getEntriesByType('resource').map(e => e.name + ' ' + Math.round(e.duration) + ' ms').join(', ')"));
  }

  String log() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::toString).reduce("", (a, b) -> a + "\n" + b);
  }

  /** Saves the whole page, not only the window, as {@code target/screenshots/NAME.png}; returns the file. */
  public Path screenshot(String name) {
    Dimension window = driver.manage().window().getSize();
    long height = jsLong("return document.documentElement.scrollHeight");
    driver.manage().window().setSize(new Dimension(window.getWidth(), (int) Math.max(window.getHeight(), height + 140)));
    try {
      Files.createDirectories(SCREENSHOTS);
      Path file = SCREENSHOTS.resolve(name + ".png");
      Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      driver.manage().window().setSize(window);
    }
  }

  @Override
  public void close() {
    driver.quit();
    try (Stream<Path> files = Files.walk(profile)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a profile left in the temp folder costs nothing but space
    }
  }
}
