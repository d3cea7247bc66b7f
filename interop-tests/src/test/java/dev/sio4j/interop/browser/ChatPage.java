package dev.sio4j.interop.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FilePayload;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** One user of the chat demo in a browser page: the actions a person takes, through the page's controls. */
final class ChatPage {
  final Page page;
  final String name;

  private ChatPage(Page page, String name) {
    this.page = page;
    this.name = name;
  }

  /** Opens the chat at {@code url}, picks {@code name}, and waits until the page is in {@code room}. */
  static ChatPage login(Page page, String url, String name, String room) {
    page.setDefaultTimeout(15_000);
    page.navigate(url + "/#" + URLEncoder.encode(room, StandardCharsets.UTF_8));
    page.fill("#name", name);
    page.click("#login-button");
    ChatPage chat = new ChatPage(page, name);
    assertThat(page.locator("#room-title")).hasText("# " + room);
    assertThat(chat.members()).containsText(name + " (you)");
    return chat;
  }

  /** Types {@code text} and presses Enter; returns the page's own message bubble. */
  Locator send(String text) {
    page.fill("#message-input", text);
    page.press("#message-input", "Enter");
    return mine(text);
  }

  /** This page's own message with {@code text}. */
  Locator mine(String text) {
    return page.locator(".room-messages:not([hidden]) .msg.mine").filter(new Locator.FilterOptions().setHasText(text));
  }

  /** Every message with {@code text} in any room this page has, own or others'. */
  Locator messages(String text) {
    return page.locator(".room-messages .msg .text").filter(new Locator.FilterOptions().setHasText(text));
  }

  /** Messages from other people (not the page's own) in the current room. */
  Locator fromOthers() {
    return page.locator(".room-messages:not([hidden]) .msg:not(.mine)");
  }

  Locator members() {
    return page.locator("#members");
  }

  Locator typing() {
    return page.locator("#typing");
  }

  Locator banner() {
    return page.locator("#banner");
  }

  Locator transport() {
    return page.locator("#transport");
  }

  /** Chooses an image file in the composer, which sends it to the room as binary. */
  Locator sendImage(String fileName, byte[] png) {
    page.setInputFiles("#image-input", new FilePayload(fileName, "image/png", png));
    return page.locator(".room-messages:not([hidden]) .msg.mine.image");
  }

  void typeWithoutSending(String text) {
    page.locator("#message-input").pressSequentially(text);
  }

  void join(String room) {
    page.fill("#room-input", room);
    page.press("#room-input", "Enter");
    assertThat(page.locator("#room-title")).hasText("# " + room);
  }
}
