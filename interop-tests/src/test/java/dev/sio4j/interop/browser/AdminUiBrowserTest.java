package dev.sio4j.interop.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.sio4j.admin.AdminOptions;
import dev.sio4j.admin.SocketIoAdmin;
import dev.sio4j.engine.spi.ServerBinding;
import dev.sio4j.server.ServerOptions;
import dev.sio4j.server.SocketIoServer;
import dev.sio4j.testing.NodePeer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The official Admin UI, served by sio4j itself, in headless Chromium: it loads, logs in with basic auth and lists the
 * socket an official npm client holds.
 */
@Tag("environment")
class AdminUiBrowserTest {

  @Test
  void theServedUiLogsInAndShowsTheConnectedSockets() throws Exception {
    SocketIoServer io = SocketIoServer.create(ServerOptions.builder()
        .httpHandler(SocketIoAdmin.uiHandler("/admin")).build());
    SocketIoAdmin admin = SocketIoAdmin.instrument(io, AdminOptions.builder()
        .basicAuth("admin", SocketIoAdmin.hashPassword("s3cret")).build());
    ServerBinding binding = io.listen(0);
    String origin = "http://127.0.0.1:" + binding.address().getPort();
    try (NodePeer user = NodePeer.startScript("""
            const { io } = require("socket.io-client");
            const socket = io(process.argv[2], { reconnection: false });
            socket.on("connect", () => console.log("connected " + socket.id));
            """, origin);
        Chromium chromium = Chromium.launch()) {
      String id = user.awaitLine(l -> l.startsWith("connected "), Duration.ofSeconds(10)).substring(10);

      HttpResponse<String> redirect = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create(origin + "/admin")).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(301, redirect.statusCode());
      assertEquals("/admin/", redirect.headers().firstValue("Location").orElse(null));

      Page page = chromium.newPage();
      // the page links fonts and icons from CDNs, which a test machine need not reach
      page.route("**/*", route -> {
        if (route.request().url().startsWith(origin)) {
          route.resume();
        } else {
          route.abort();
        }
      });
      // the server URL the UI remembers, so that only the credentials are typed
      page.addInitScript("localStorage.setItem('server_url', '" + origin + "');");
      page.navigate(origin + "/admin/");
      assertThat(page).hasTitle("Socket.IO Admin UI");
      page.getByLabel("Username").fill("admin");
      page.getByLabel("Password").fill("s3cret");
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Connect")).click();
      page.navigate(origin + "/admin/#/sockets/");
      assertThat(page.getByText(id).first()).isVisible();
      chromium.screenshot(page, "admin-ui-sockets");
    } finally {
      admin.close();
      io.close();
    }
  }
}
