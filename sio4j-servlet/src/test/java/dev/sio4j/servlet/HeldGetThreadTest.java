package dev.sio4j.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.sio4j.testing.binding.Http;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A held long-polling GET holds no container thread: with 2,000 clients each holding one on a container of 12
 * threads, a plain servlet beside the engine still answers, and every held GET is answered when the server sends.
 */
class HeldGetThreadTest {
  private static final int MAX_THREADS = 12;
  private static final int HELD = 2_000;

  /** A plain blocking servlet. */
  static final class Hello extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
      response.setContentType("text/plain");
      response.getWriter().write("hello");
    }
  }

  @ParameterizedTest
  @EnumSource(Container.class)
  void moreHeldGetsThanThreads(Container container) throws Exception {
    try (TestServer server = TestServer.start(container, b -> b.pingIntervalMillis(60_000).pingTimeoutMillis(60_000),
        Map.<String, HttpServlet>of("/hello", new Hello()), MAX_THREADS)) {
      server.events.echo = false;
      // one connection per GET: java.net.http opens a new HTTP/1.1 connection while the others are busy
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5)).build();
      List<String> sids = new ArrayList<>();
      List<CompletableFuture<HttpResponse<String>>> polls = new ArrayList<>();
      for (int i = 0; i < HELD; i++) {
        String sid = Http.handshake(server);
        sids.add(sid);
        polls.add(client.sendAsync(Http.request(server.pollingUrl(sid)).timeout(Duration.ofSeconds(30)).GET().build(),
            HttpResponse.BodyHandlers.ofString()));
      }
      Thread.sleep(500);
      for (CompletableFuture<HttpResponse<String>> poll : polls) {
        assertFalse(poll.isDone());
      }
      HttpResponse<String> hello = client.send(Http.request("http://127.0.0.1:" + server.port() + "/hello").GET()
          .build(), HttpResponse.BodyHandlers.ofString());
      assertEquals("hello", hello.body());
      for (String sid : sids) {
        server.engine.session(sid).send(dev.sio4j.protocol.engineio.EngineIoPacket.message("go"));
      }
      for (CompletableFuture<HttpResponse<String>> poll : polls) {
        assertEquals("4go", poll.get(10, TimeUnit.SECONDS).body());
      }
    }
  }
}
