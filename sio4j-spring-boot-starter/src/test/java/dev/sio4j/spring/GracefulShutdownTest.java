package dev.sio4j.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sio4j.testing.NodePeer;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Closing the application (Spring Boot's graceful shutdown on) closes Socket.IO first: the clients' transports close,
 * the shutdown does not wait out the shutdown phase on held long-polling requests, and leaves no sio4j thread behind.
 */
class GracefulShutdownTest {
  @Test
  void closingTheContextDisconnectsClientsAndStopsEverySio4jThread() throws Exception {
    // Other test classes' cached contexts may run in this JVM: only the threads this application started count.
    Set<Thread> before = sio4jThreads();
    ConfigurableApplicationContext context = SpringApplication.run(TestApplication.class, "--server.port=0",
        "--server.shutdown=graceful", "--spring.lifecycle.timeout-per-shutdown-phase=20s");
    int port = ((WebServerApplicationContext) context).getWebServer().getPort();
    try (NodePeer polling = NodeScenarios.run("stay", "http://127.0.0.1:" + port, "polling", null);
        NodePeer websocket = NodeScenarios.run("stay", "http://127.0.0.1:" + port, "websocket", null)) {
      assertEquals("connected polling", polling.awaitLine(l -> true, NodeScenarios.TIMEOUT));
      assertEquals("connected websocket", websocket.awaitLine(l -> true, NodeScenarios.TIMEOUT));
      long start = System.nanoTime();
      context.close();
      long millis = (System.nanoTime() - start) / 1_000_000;
      System.out.println("context closed in " + millis + " ms");
      assertTrue(millis < 10_000, "closing took " + millis + " ms: a held long-polling request was waited for");
      // As the reference's io.close(): the sockets leave with "server shutting down" on the server side and the
      // transports close, so clients reconnect (to another instance in a rolling restart). A WebSocket client sees
      // "transport close". A polling client sees it when its GET was held at that moment (the GET is answered with
      // CLOSE); between two GETs its next one finds the port closed: "transport error", as with the reference, whose
      // HTTP server stops accepting connections too. Either way the official client reconnects.
      String pollingSaw = polling.awaitLine(l -> true, NodeScenarios.TIMEOUT);
      assertTrue(pollingSaw.equals("disconnected transport close") || pollingSaw.equals("disconnected transport error"),
          pollingSaw);
      assertEquals("disconnected transport close", websocket.awaitLine(l -> true, NodeScenarios.TIMEOUT));
    }
    Set<Thread> left = sio4jThreads();
    left.removeAll(before);
    assertEquals(List.of(), left.stream().map(Thread::getName).collect(Collectors.toList()),
        "sio4j threads still running after the context closed");
  }

  private static Set<Thread> sio4jThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().startsWith("sio4j"))
        .collect(Collectors.toCollection(HashSet::new));
  }
}
