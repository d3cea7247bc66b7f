package dev.sio4j.interop.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The chat demo survives a server restart: the pages show the reconnection banner, reconnect by themselves, and a
 * message typed while the server was down is sent on reconnection and arrives exactly once.
 */
@Tag("environment")
class ChatReconnectBrowserTest {
  private ChatDemo demo;

  @AfterEach
  void stop() {
    if (demo != null) {
      demo.close();
    }
  }

  @Test
  void pagesReconnectAfterARestartAndAMessageTypedOfflineArrivesOnce() throws Exception {
    demo = ChatDemo.start(0, "test-token");
    int port = demo.port();
    try (Chromium chromium = Chromium.launch()) {
      ChatPage ada = ChatPage.login(chromium.newPage(), demo.url(), "ada", "general");
      ChatPage bob = ChatPage.login(chromium.newPage(), demo.url(), "bob", "general");
      assertThat(ada.send("before the restart")).hasClass(Pattern.compile("\\bdelivered\\b"));
      assertThat(bob.messages("before the restart")).hasCount(1);

      demo.close();
      demo = null;
      assertThat(ada.banner()).isVisible();
      assertThat(ada.banner()).containsText("Reconnecting");
      assertThat(bob.banner()).isVisible();

      Locator offline = ada.send("typed while the server was down");
      assertThat(offline).hasClass(Pattern.compile("\\bqueued\\b"));
      chromium.screenshot(ada.page, "reconnect-offline-queued");

      demo = ChatDemo.start(port, "test-token");
      assertThat(ada.banner()).isHidden();
      assertThat(bob.banner()).isHidden();
      assertThat(offline).hasClass(Pattern.compile("\\bdelivered\\b"));
      assertThat(bob.messages("typed while the server was down")).hasCount(1);

      // A later message as a barrier: once it is in, any duplicate of the offline one would be too.
      assertThat(ada.send("after the restart")).hasClass(Pattern.compile("\\bdelivered\\b"));
      assertThat(bob.messages("after the restart")).hasCount(1);
      assertThat(bob.messages("typed while the server was down")).hasCount(1);
      assertThat(ada.messages("typed while the server was down")).hasCount(1);
      // Both are back in the room on the new server.
      assertThat(ada.members()).containsText("bob");
      chromium.screenshot(ada.page, "reconnect-ada");
      chromium.screenshot(bob.page, "reconnect-bob");
    }
  }
}
