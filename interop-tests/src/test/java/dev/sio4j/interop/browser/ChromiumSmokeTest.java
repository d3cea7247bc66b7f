package dev.sio4j.interop.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Page;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Proves the browser tests' setup: Playwright's bundled driver launches Debian's Chromium, which loads a page. */
@Tag("environment")
class ChromiumSmokeTest {

  @Test
  void chromiumRendersAPageAndRunsItsScript() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    byte[] html = ("<!doctype html><title>smoke</title><p id=out></p>"
        + "<script>document.getElementById('out').textContent = 'ran ' + (6 * 7);</script>")
        .getBytes(StandardCharsets.UTF_8);
    server.createContext("/", exchange -> {
      exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
      exchange.sendResponseHeaders(200, html.length);
      exchange.getResponseBody().write(html);
      exchange.close();
    });
    server.start();
    try (Chromium chromium = Chromium.launch()) {
      Page page = chromium.newPage();
      page.navigate("http://127.0.0.1:" + server.getAddress().getPort() + "/");
      assertEquals("ran 42", page.textContent("#out"));
      assertTrue(Files.size(chromium.screenshot(page, "smoke")) > 0);
    } finally {
      server.stop(0);
    }
  }
}
