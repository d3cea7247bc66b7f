package dev.sio4j.interop.browser;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

/**
 * Debian's headless Chromium driven by Playwright for Java, for the browser tests.
 *
 * <p>Playwright's own browser download is skipped ({@code PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1}, also set by surefire):
 * the driver bundled in the jar launches {@code /usr/bin/chromium} (system property {@code sio4j.chromium}). Each
 * {@link #newPage} gets its own browser context, so pages share no cookies or storage, as separate users would.
 * Not thread-safe: one test thread drives it. {@link #close()} closes the browser and the driver.
 */
final class Chromium implements AutoCloseable {
  static final List<String> ARGS = List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
      "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
      "--disable-dev-shm-usage");

  private final Playwright playwright;
  private final Browser browser;
  private final Path screenshots;

  private Chromium(Playwright playwright, Browser browser, Path screenshots) {
    this.playwright = playwright;
    this.browser = browser;
    this.screenshots = screenshots;
  }

  static Chromium launch() {
    // Generous for a loaded CI machine; assertions return as soon as they hold.
    PlaywrightAssertions.setDefaultAssertionTimeout(15_000);
    Playwright playwright = Playwright.create(
        new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    try {
      Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
          .setExecutablePath(Paths.get(System.getProperty("sio4j.chromium", "/usr/bin/chromium")))
          .setHeadless(true)
          .setArgs(ARGS));
      Path screenshots = Paths.get(System.getProperty("sio4j.screenshots", "target/screenshots"));
      return new Chromium(playwright, browser, screenshots);
    } catch (RuntimeException e) {
      playwright.close();
      throw e;
    }
  }

  /** A page in a fresh context (its own cookies and storage). */
  Page newPage() {
    BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1100, 760));
    return context.newPage();
  }

  /** Writes a full-page screenshot to {@code target/screenshots/<name>.png}. */
  Path screenshot(Page page, String name) {
    Path file = screenshots.resolve(name + ".png");
    page.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(true));
    return file;
  }

  @Override
  public void close() {
    try {
      browser.close();
    } finally {
      playwright.close();
    }
  }
}
