package dev.sio4j.examples.springchat;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The Spring Boot chat in headless Chromium (Debian's, driven by Playwright): two pages served by the application
 * join a room with the official browser client from {@code /socket.io/socket.io.js}; a message typed in one arrives in
 * the other and comes back from the REST endpoint on the same port. Screenshots go to {@code target/screenshots/}.
 */
@Tag("environment")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SpringChatBrowserTest {
  /** The interop browser tests' flags: no GPU, sandbox, QUIC or background traffic in a container. */
  private static final List<String> ARGS = List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
      "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
      "--disable-dev-shm-usage");

  private static Playwright playwright;
  private static Browser browser;

  @LocalServerPort
  int port;

  @BeforeAll
  static void launch() {
    PlaywrightAssertions.setDefaultAssertionTimeout(15_000);
    playwright = Playwright.create(
        new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    // A plain launch gives the browser a fresh temporary profile (user-data-dir), removed when it closes.
    browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
        .setExecutablePath(Paths.get(System.getProperty("sio4j.chromium", "/usr/bin/chromium")))
        .setHeadless(true)
        .setArgs(ARGS));
  }

  @AfterAll
  static void quit() {
    if (playwright != null) {
      playwright.close();
    }
  }

  private String url() {
    return "http://127.0.0.1:" + port;
  }

  /** A page in its own browser context (no shared storage), logged in as {@code name} in room {@code room}. */
  private Page login(String name, String room) {
    Page page = browser.newContext(new Browser.NewContextOptions().setViewportSize(1100, 760)).newPage();
    page.setDefaultTimeout(15_000);
    page.navigate(url() + "/#" + room);
    page.fill("#name", name);
    page.click("#login-button");
    assertThat(page.locator("#room-title")).hasText("# " + room);
    assertThat(page.locator("#members")).containsText(name + " (you)");
    return page;
  }

  private static Locator messages(Page page, String text) {
    return page.locator(".room-messages .msg .text").filter(new Locator.FilterOptions().setHasText(text));
  }

  private static void screenshot(Page page, String name) {
    Path dir = Paths.get(System.getProperty("sio4j.screenshots", "target/screenshots"));
    page.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve(name + ".png")).setFullPage(true));
  }

  @Test
  void aMessageTypedInOnePageArrivesInTheOtherAndInTheRestEndpoint() throws Exception {
    Page ada = login("ada", "general");
    Page bob = login("bob", "general");
    assertThat(ada.locator("#members")).containsText("bob");
    // The page upgrades to WebSocket through the servlet container's WebSocket support.
    assertThat(ada.locator("#transport")).hasText("websocket");

    ada.fill("#message-input", "hello from chromium");
    ada.press("#message-input", "Enter");
    Locator mine = ada.locator(".room-messages:not([hidden]) .msg.mine")
        .filter(new Locator.FilterOptions().setHasText("hello from chromium"));
    // Delivered: the handler's return value came back as the acknowledgement.
    assertThat(mine).hasClass(Pattern.compile("\\bdelivered\\b"));
    assertThat(messages(bob, "hello from chromium")).hasCount(1);
    screenshot(ada, "spring-chat-ada");
    screenshot(bob, "spring-chat-bob");

    HttpResponse<String> rest = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(url() + "/api/messages")).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, rest.statusCode());
    JsonNode last = null;
    for (JsonNode message : new ObjectMapper().readTree(rest.body())) {
      last = message;
    }
    assertTrue(last != null, rest.body());
    assertEquals("hello from chromium", last.path("text").asText(), rest.body());
    assertEquals("ada", last.path("from").asText(), rest.body());
    assertEquals("general", last.path("room").asText(), rest.body());
  }
}
