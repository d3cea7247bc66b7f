package dev.sio4j.interop.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sio4j.client.ClientOptions;
import dev.sio4j.client.ConnectionOptions;
import dev.sio4j.client.Socket;
import dev.sio4j.client.SocketIoClient;
import dev.sio4j.client.TransportType;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link ConnectionOptions} and {@code autoConnect} against the Node reference server, which reports each request:
 * timestamped polling URLs, the trailing slash, headers asked anew at each reconnection, closing on JVM shutdown, and
 * the user's own OkHttpClient.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConnectionOptionsClientTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @Test
  void timestampParameterOnPollingRequests() throws Exception {
    try (RecordingServer server = RecordingServer.start("{}")) {
      for (JsonNode r : polling(server, ConnectionOptions.builder().timestampParam("ts").build())) {
        assertTrue(r.get("url").asText().contains("&ts="), r.toString());
      }
      for (JsonNode r : polling(server, ConnectionOptions.builder().timestampRequests(false).build())) {
        assertFalse(r.get("url").asText().contains("&t="), r.toString());
      }
    }
  }

  @Test
  void pathWithoutTrailingSlash() throws Exception {
    try (RecordingServer server = RecordingServer.start("{\"addTrailingSlash\":false}")) {
      for (JsonNode r : polling(server, ConnectionOptions.builder().addTrailingSlash(false).build())) {
        assertTrue(r.get("url").asText().startsWith("/socket.io?EIO=4"), r.toString());
      }
    }
  }

  @Test
  void headersAreAskedAgainOnEachReconnection() throws Exception {
    try (RecordingServer server = RecordingServer.start("{}");
        SocketIoClient client = new SocketIoClient()) {
      AtomicInteger asked = new AtomicInteger();
      java.util.Set<String> askedOn = java.util.concurrent.ConcurrentHashMap.newKeySet();
      ConnectionOptions connection = ConnectionOptions.builder()
          .headers(() -> {
            askedOn.add(Thread.currentThread().getName());
            return Map.of("x-token", List.of("token-" + asked.incrementAndGet()));
          }).build();
      Socket socket = client.socket(server.url(), ClientOptions.builder().connection(connection)
          .transports(TransportType.WEBSOCKET).reconnectionDelay(Duration.ofMillis(50))
          .reconnectionDelayMax(Duration.ofMillis(100)).build());
      assertEquals("token-1", server.requestsUntil(r -> true, WAIT).get(0).get("token").asText());
      ClientScenarios.awaitConnected(socket);
      server.drop();
      assertEquals("token-2", server.requestsUntil(r -> true, WAIT).get(0).get("token").asText());
      ClientScenarios.awaitConnected(socket);
      assertEquals("again", socket.emitWithAck("ack", "again").get(10, TimeUnit.SECONDS).getString(0));
      // User code, which may block: asked where listeners run, never on the loop threads all managers share.
      askedOn.forEach(name -> assertTrue(name.startsWith("sio4j-client-events-"), name));
    }
  }

  @Test
  void theUsersHttpClientCarriesEveryRequestAndOutlivesTheClient() throws Exception {
    java.util.Set<String> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
    okhttp3.OkHttpClient http = new okhttp3.OkHttpClient.Builder().addInterceptor(chain -> {
      seen.add(chain.request().url().queryParameter("transport"));
      return chain.proceed(chain.request().newBuilder().header("x-token", "from-interceptor").build());
    }).build();
    try (RecordingServer server = RecordingServer.start("{}")) {
      try (SocketIoClient client = new SocketIoClient()) {
        Socket socket = client.socket(server.url(), ClientOptions.builder().httpClient(http).build());
        List<JsonNode> requests = server.requestsUntil(r -> r.get("transport").asText().equals("websocket"), WAIT);
        requests.forEach(r -> assertEquals("from-interceptor", r.get("token").asText(), r.toString()));
        assertEquals("mine", socket.emitWithAck("ack", "mine").get(10, TimeUnit.SECONDS).getString(0));
      }
      assertEquals(java.util.Set.of("polling", "websocket"), seen);
      assertFalse(http.dispatcher().executorService().isShutdown(), "the user's client is left running");
    } finally {
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
  }

  @Test
  void autoConnectOff() throws Exception {
    try (RecordingServer server = RecordingServer.start("{}");
        SocketIoClient client = new SocketIoClient()) {
      Socket socket = client.socket(server.url(), ClientOptions.builder().autoConnect(false).build());
      assertFalse(socket.connected());
      socket.connect();
      ClientScenarios.awaitConnected(socket);
    }
  }

  @Test
  void closeOnJvmShutdownSaysGoodbye() throws Exception {
    try (RecordingServer server = RecordingServer.start("{}")) {
      assertEquals("client namespace disconnect", exitingProbe(server, true));
      assertEquals("transport close", exitingProbe(server, false));
    }
  }

  private static String exitingProbe(RecordingServer server, boolean closeOnShutdown) throws Exception {
    String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), ShutdownProbe.class.getName(),
        server.url(), Boolean.toString(closeOnShutdown)).redirectErrorStream(true).start();
    try {
      String reason = server.awaitDisconnect(WAIT);
      assertTrue(p.waitFor(20, TimeUnit.SECONDS), "the probe did not exit");
      return reason;
    } finally {
      p.destroyForcibly();
    }
  }

  private static List<JsonNode> polling(RecordingServer server, ConnectionOptions connection) throws Exception {
    try (SocketIoClient client = new SocketIoClient()) {
      Socket socket = client.socket(server.url(), ClientOptions.builder().connection(connection)
          .path(connection.addTrailingSlash() ? "/socket.io/" : "/socket.io").transports(TransportType.POLLING)
          .build());
      ClientScenarios.awaitConnected(socket);
      List<JsonNode> requests = server.requestsUntil(r -> r.get("sid").isTextual(), WAIT);
      assertEquals("polled", socket.emitWithAck("ack", "polled").get(10, TimeUnit.SECONDS).getString(0));
      return requests;
    }
  }
}
