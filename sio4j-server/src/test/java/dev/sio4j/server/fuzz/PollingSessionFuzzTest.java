package dev.sio4j.server.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sio4j.engine.EngineOptions;
import dev.sio4j.engine.EngineSocket;
import dev.sio4j.server.ServerOptions;
import dev.sio4j.server.SocketIoServer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * A client's HTTP requests to a running server, fuzzed: first one request of any method and query (the handshake's
 * checks), then a session that joins {@code /} and POSTs any bodies (the polling payload decoder, the Socket.IO
 * decoder and the namespaces and sockets behind them).
 *
 * <p>What must hold for every input: the engine answers each request exactly once (a request it cannot take with an
 * error status, never an exception), a body it refuses closes that session only, and the bystander, a session joined
 * before the first input, is never disturbed.
 */
class PollingSessionFuzzTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] METHODS = {"GET", "POST", "OPTIONS", "PUT", "HEAD"};
  private static SocketIoServer io;
  private static String bystander;

  @BeforeAll
  static void start() throws Exception {
    // a heartbeat slower than any fuzzing run: the bystander never answers PINGs, and must not time out
    io = SocketIoServer.create(ServerOptions.builder()
        .engine(EngineOptions.builder().pingIntervalMillis(24 * 3_600_000L).pingTimeoutMillis(3_600_000L).build())
        .build());
    io.onConnection(socket -> socket.on("echo", event -> event.ack(event.arguments().toArray())));
    bystander = handshake();
    assertEquals(200, post(bystander, "40".getBytes(StandardCharsets.UTF_8)));
  }

  @AfterAll
  static void stop() {
    io.close();
  }

  @FuzzTest(maxDuration = "5s")
  void requests(FuzzedDataProvider data) throws Exception {
    FuzzExchange any = new FuzzExchange(data.pickValue(METHODS), data.consumeString(120),
        data.consumeBytes(data.consumeInt(0, 256)));
    io.engine().handleRequest(any);
    int status = any.status();
    if (status == 200 && any.responseText().startsWith("0{")) {
      // the fuzzer found a valid handshake: that session goes too
      close(JSON.readTree(any.responseText().substring(1)).get("sid").asText());
    }

    String sid = handshake();
    post(sid, "40".getBytes(StandardCharsets.UTF_8));
    for (int i = 0; i < 4 && data.remainingBytes() > 0; i++) {
      int answer = post(sid, data.consumeBytes(data.consumeInt(0, 512)));
      assertTrue(answer == 200 || answer == 400 || answer == 413, "POST answered " + answer);
    }
    close(sid);
    assertNotNull(io.engine().session(bystander), "the bystander's session was closed");
  }

  private static String handshake() throws Exception {
    FuzzExchange open = new FuzzExchange("GET", "EIO=4&transport=polling", new byte[0]);
    io.engine().handleRequest(open);
    assertEquals(200, open.status(), open.responseText());
    return JSON.readTree(open.responseText().substring(1)).get("sid").asText();
  }

  private static int post(String sid, byte[] body) throws Exception {
    FuzzExchange post = new FuzzExchange("POST", "EIO=4&transport=polling&sid=" + sid, body);
    io.engine().handleRequest(post);
    return post.status();
  }

  private static void close(String sid) {
    EngineSocket session = io.engine().session(sid);
    if (session != null) {
      session.close();
    }
  }
}
