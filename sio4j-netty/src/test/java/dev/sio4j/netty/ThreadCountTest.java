package dev.sio4j.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sio4j.testing.binding.Http;
import dev.sio4j.testing.binding.WsClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** No thread per connection: hundreds of sessions are served by the same few threads. */
class ThreadCountTest {

  private static long serverThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("sio4j-"))
        .count();
  }

  @Test
  void threadCountDoesNotGrowWithSessions() throws Exception {
    try (TestServer server = TestServer.start()) {
      List<WsClient> clients = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        WsClient ws = WsClient.connect(server.ws(""));
        ws.handshake();
        clients.add(ws);
      }
      for (int i = 0; i < 10; i++) {
        Http.handshake(server);
      }
      long withFew = serverThreads();
      for (int i = 0; i < 300; i++) {
        WsClient ws = WsClient.connect(server.ws(""));
        ws.handshake();
        clients.add(ws);
      }
      for (int i = 0; i < 200; i++) {
        Http.handshake(server);
      }
      assertEquals(520, server.engine.sessionCount());
      long withMany = serverThreads();
      System.out.println("server threads: " + withFew + " with 20 sessions, " + withMany + " with 520 sessions");
      // the event loops start lazily, at most 2 x processors of them, plus the acceptor and the timer
      int bound = 2 * Runtime.getRuntime().availableProcessors() + 2;
      assertTrue(withMany <= bound, withMany + " server threads for 520 sessions, bound " + bound);
      assertTrue(withMany - withFew <= 2 * Runtime.getRuntime().availableProcessors(),
          "threads grew from " + withFew + " to " + withMany);
      for (WsClient ws : clients) {
        ws.send("4x");
      }
      for (WsClient ws : clients) {
        assertEquals("4x", ws.next());
      }
      clients.forEach(WsClient::abort);
    }
  }
}
