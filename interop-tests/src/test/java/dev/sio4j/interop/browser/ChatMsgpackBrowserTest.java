package dev.sio4j.interop.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import dev.sio4j.protocol.socketio.SocketIoParser;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The chat demo with the msgpack parser in headless Chromium: the page loads the served
 * {@code socket.io.msgpack.min.js} (the official bundle with {@code socket.io-msgpack-parser} built in), and two pages
 * exchange a message and an image (binary inline in the msgpack packet) through the sio4j server.
 */
@Tag("environment")
class ChatMsgpackBrowserTest {
  private static Chromium chromium;
  private static ChatDemo demo;

  @BeforeAll
  static void launch() {
    chromium = Chromium.launch();
    demo = ChatDemo.start(0, "test-token", SocketIoParser.msgpack());
  }

  @AfterAll
  static void quit() {
    if (demo != null) {
      demo.close();
    }
    if (chromium != null) {
      chromium.close();
    }
  }

  @Test
  void pagesChatAndShareAnImageOverMsgpack() throws Exception {
    Page probe = chromium.newPage();
    probe.navigate(demo.url() + "/");
    assertEquals(1, probe.locator("script[src='/socket.io/socket.io.msgpack.min.js']").count());
    probe.close();

    ChatPage ada = ChatPage.login(chromium.newPage(), demo.url(), "ada", "general");
    ChatPage bob = ChatPage.login(chromium.newPage(), demo.url(), "bob", "general");
    assertThat(ada.send("hello over msgpack")).hasClass(Pattern.compile("\\bdelivered\\b"));
    assertThat(bob.messages("hello over msgpack")).hasCount(1);

    assertThat(ada.sendImage("squares.png", ChatBrowserTest.png(64, 48)))
        .hasClass(Pattern.compile("\\bdelivered\\b"));
    Locator received = bob.page.locator(".room-messages:not([hidden]) .msg.image:not(.mine) img.picture");
    assertThat(received).hasCount(1);
    bob.page.waitForFunction("img => img.complete && img.naturalWidth > 0", received.elementHandle());
    assertEquals(64, ((Number) received.evaluate("img => img.naturalWidth")).intValue());
    assertEquals(48, ((Number) received.evaluate("img => img.naturalHeight")).intValue());
    chromium.screenshot(bob.page, "msgpack-image-received");
  }
}
