package dev.sio4j.interop.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The chat demo in headless Chromium: the official browser client, served by the demo's own server, against the
 * Socket.IO server. Each test starts the demo on a free port; screenshots go to {@code target/screenshots/}.
 */
@Tag("environment")
class ChatBrowserTest {
  private static Chromium chromium;
  private ChatDemo demo;

  @BeforeAll
  static void launch() {
    chromium = Chromium.launch();
  }

  @AfterAll
  static void quit() {
    if (chromium != null) {
      chromium.close();
    }
  }

  @BeforeEach
  void startDemo() throws Exception {
    demo = ChatDemo.start(0, "test-token");
  }

  @AfterEach
  void stopDemo() {
    if (demo != null) {
      demo.close();
    }
  }

  @Test
  void twoPagesChatInARoomAndAPageInAnotherRoomSeesNothing() {
    Page welcome = chromium.newPage();
    welcome.navigate(demo.url() + "/");
    assertThat(welcome.locator("#login-form")).isVisible();
    chromium.screenshot(welcome, "login");
    welcome.close();

    ChatPage ada = ChatPage.login(chromium.newPage(), demo.url(), "ada", "general");
    ChatPage bob = ChatPage.login(chromium.newPage(), demo.url(), "bob", "general");
    ChatPage cy = ChatPage.login(chromium.newPage(), demo.url(), "cy", "random");

    // Who is online, per room.
    assertThat(ada.members()).containsText("bob");
    assertThat(cy.members()).not().containsText("ada");

    // Typing is shown to the others in the room.
    bob.typeWithoutSending("hel");
    assertThat(ada.typing()).hasText("bob is typing…");

    // Each message is acknowledged: shown as delivered once the ack returns.
    Locator sent = ada.send("hello from ada");
    assertThat(sent).hasClass(Pattern.compile("\\bdelivered\\b"));
    assertThat(bob.messages("hello from ada")).hasCount(1);
    assertThat(bob.send("hi ada, bob here")).hasClass(Pattern.compile("\\bdelivered\\b"));
    assertThat(ada.messages("hi ada, bob here")).hasCount(1);
    assertThat(ada.typing()).hasText(""); // sending ends bob's typing

    // The page in the other room: its own message goes through (a barrier after the others), theirs never arrive.
    assertThat(cy.send("anyone in random?")).hasClass(Pattern.compile("\\bdelivered\\b"));
    assertThat(ada.messages("anyone in random?")).hasCount(0);
    assertThat(cy.messages("hello from ada")).hasCount(0);
    assertThat(cy.messages("hi ada, bob here")).hasCount(0);

    // A newcomer gets the room's recent history on join.
    ChatPage dee = ChatPage.login(chromium.newPage(), demo.url(), "dee", "general");
    assertThat(dee.messages("hello from ada")).hasCount(1);
    assertThat(dee.messages("hi ada, bob here")).hasCount(1);
    assertThat(dee.messages("anyone in random?")).hasCount(0);
    assertThat(ada.members()).containsText("dee");

    // Leaving: the others see it in the member list and as a notice.
    dee.page.click("#leave-button");
    assertThat(dee.page.locator("#room-title")).hasText("No room");
    assertThat(ada.members()).not().containsText("dee");
    assertThat(ada.page.locator(".room-messages:not([hidden]) .notice").last()).hasText("dee left");

    chromium.screenshot(ada.page, "chat-ada");
    chromium.screenshot(bob.page, "chat-bob");
    chromium.screenshot(cy.page, "chat-cy-other-room");
    chromium.screenshot(dee.page, "chat-dee-history");
  }

  @Test
  void anImageSentFromOnePageAppearsInTheOther() throws IOException {
    ChatPage ada = ChatPage.login(chromium.newPage(), demo.url(), "ada", "pictures");
    ChatPage bob = ChatPage.login(chromium.newPage(), demo.url(), "bob", "pictures");

    byte[] png = png(120, 80);
    assertThat(ada.sendImage("squares.png", png)).hasClass(Pattern.compile("\\bdelivered\\b"));

    Locator received = bob.page.locator(".room-messages:not([hidden]) .msg.image:not(.mine) img.picture");
    assertThat(received).hasCount(1);
    // The bytes arrived intact: the browser decoded them into a picture of the original size.
    bob.page.waitForFunction("img => img.complete && img.naturalWidth > 0", received.elementHandle());
    assertEquals(120, ((Number) received.evaluate("img => img.naturalWidth")).intValue());
    assertEquals(80, ((Number) received.evaluate("img => img.naturalHeight")).intValue());
    chromium.screenshot(bob.page, "image-received");
  }

  @Test
  void aPageWithoutWebSocketFallsBackToLongPollingAndStillChats() {
    Page blocked = chromium.newPage();
    // As behind a proxy that refuses WebSocket: every WebSocket the page opens is closed at once.
    blocked.routeWebSocket(Pattern.compile(".*"), ws -> ws.close());
    ChatPage ada = ChatPage.login(blocked, demo.url(), "ada", "general");
    ChatPage bob = ChatPage.login(chromium.newPage(), demo.url(), "bob", "general");

    assertThat(bob.transport()).hasText("websocket");
    assertThat(ada.send("sent over polling")).hasClass(Pattern.compile("\\bdelivered\\b"));
    assertThat(bob.messages("sent over polling")).hasCount(1);
    assertThat(bob.send("received over polling")).hasClass(Pattern.compile("\\bdelivered\\b"));
    assertThat(ada.messages("received over polling")).hasCount(1);
    assertThat(ada.transport()).hasText("polling");
    chromium.screenshot(ada.page, "polling-only");
  }

  @Test
  void theAdminPageIsRefusedWithoutTheTokenAndShowsLiveCountsWithIt() {
    Page refused = chromium.newPage();
    refused.setDefaultTimeout(15_000);
    refused.navigate(demo.url() + "/admin");
    refused.fill("#token", "not-the-token");
    refused.click("#token-button");
    assertThat(refused.locator("#admin-error")).hasText("Refused: unauthorized");
    assertThat(refused.locator("#dashboard")).isHidden();
    chromium.screenshot(refused, "admin-refused");

    Page admin = chromium.newPage();
    admin.setDefaultTimeout(15_000);
    admin.navigate(demo.url() + "/admin?token=" + demo.adminToken());
    assertThat(admin.locator("#dashboard")).isVisible();
    assertThat(admin.locator("#stat-connections")).hasText("0");

    ChatPage ada = ChatPage.login(chromium.newPage(), demo.url(), "ada", "general");
    ChatPage bob = ChatPage.login(chromium.newPage(), demo.url(), "bob", "lounge");
    assertThat(admin.locator("#stat-connections")).hasText("2");
    assertThat(admin.locator("#room-rows tr[data-room=lounge] td").nth(1)).hasText("1");

    for (int i = 0; i < 5; i++) {
      assertThat(ada.send("message " + i)).hasClass(Pattern.compile("\\bdelivered\\b"));
    }
    assertThat(admin.locator("#stat-total")).hasText("5");
    // The rate is measured each second; the five messages show in one of the samples.
    admin.waitForFunction("() => parseFloat(document.querySelector('#stat-rate').textContent) > 0");
    int rooms = Integer.parseInt(admin.locator("#stat-rooms").textContent().trim());
    assertTrue(rooms >= 4, "general, random, java and lounge: " + rooms);
    chromium.screenshot(admin, "admin-dashboard");

    bob.page.close();
    assertThat(admin.locator("#stat-connections")).hasText("1");
  }

  /** A small PNG with some colour, made here so that the test carries no binary files. */
  static byte[] png(int width, int height) throws IOException {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(new Color(0x5b8cff));
    g.fillRect(0, 0, width, height);
    g.setColor(new Color(0x3ecf8e));
    g.fillRect(width / 4, height / 4, width / 2, height / 2);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }
}
