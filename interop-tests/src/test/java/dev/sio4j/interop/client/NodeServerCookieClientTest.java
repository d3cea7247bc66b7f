package dev.sio4j.interop.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sio4j.client.ClientOptions;
import dev.sio4j.client.Socket;
import dev.sio4j.client.SocketIoClient;
import dev.sio4j.testing.NodePeer;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Cookies against the Node reference server with its {@code io} cookie on ({@code cookie-server.js}): the cookie set
 * on the handshake comes back on every long-polling request and on the WebSocket upgrade of the session, and on none
 * when the client's cookies are off.
 */
class NodeServerCookieClientTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private NodePeer server;
  private int port;

  @BeforeEach
  void start() throws Exception {
    Path script = Paths.get("src/test/node/client/cookie-server.js");
    server = NodePeer.start(script.toFile().exists() ? script
        : Paths.get("interop-tests/src/test/node/client/cookie-server.js"));
    port = Integer.parseInt(server.awaitLine(l -> l.startsWith("port "), WAIT).substring(5).trim());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void theEngineCookieComesBackOnEveryRequestAndTheUpgrade() throws Exception {
    List<String[]> requests = session(ClientOptions.defaults());
    String[] handshake = requests.get(0);
    assertEquals("-", handshake[3], "the handshake carries no cookie yet");
    String sid = requests.get(1)[2];
    for (String[] r : requests.subList(1, requests.size())) {
      assertEquals(sid, r[2], String.join(" ", r));
      assertTrue(r[3].contains("io=" + sid), "request without the session's cookie: " + String.join(" ", r));
    }
  }

  @Test
  void noCookieIsSentWhenCookiesAreOff() throws Exception {
    for (String[] r : session(ClientOptions.builder().cookies(false).build())) {
      assertEquals("-", r[3], "a cookie was sent: " + String.join(" ", r));
    }
  }

  /** Connects, upgrades to WebSocket, acknowledges once, and returns the requests the server saw until the upgrade. */
  private List<String[]> session(ClientOptions options) throws Exception {
    try (SocketIoClient client = new SocketIoClient()) {
      Socket socket = client.socket("http://127.0.0.1:" + port, options);
      List<String[]> requests = new ArrayList<>();
      server.awaitLine(line -> {
        if (!line.startsWith("request ")) {
          return false;
        }
        String[] r = line.split(" ", 4);
        requests.add(r);
        return r[1].equals("websocket");
      }, WAIT);
      assertEquals("over", socket.emitWithAck("ack", "over").get(10, TimeUnit.SECONDS).getString(0));
      assertTrue(requests.size() >= 3, "a handshake, a poll and the upgrade at least: " + requests.size());
      return requests;
    }
  }
}
