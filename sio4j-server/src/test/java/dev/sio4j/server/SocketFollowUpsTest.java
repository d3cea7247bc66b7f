package dev.sio4j.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The outgoing catch-all listeners' order, and {@code handshake.time} with its typed twin. */
class SocketFollowUpsTest {
  private final SocketIoServer io = SocketIoServer.create();
  private final LinkedBlockingQueue<Socket> sockets = new LinkedBlockingQueue<>();

  SocketFollowUpsTest() {
    io.onConnection(sockets::add);
  }

  @AfterEach
  void close() {
    io.close();
  }

  @Test
  void prependAnyOutgoingRunsFirst() throws Exception {
    TestEngineSocket client = new TestEngineSocket(io.engineListener());
    client.connect("/");
    Socket socket = sockets.poll(5, TimeUnit.SECONDS);
    List<String> seen = new CopyOnWriteArrayList<>();
    AnyListener second = (event, args) -> seen.add("second " + event + " " + args.get(0, Integer.class));
    socket.onAnyOutgoing(second);
    socket.prependAnyOutgoing((event, args) -> seen.add("first " + event));
    socket.emit("hello", 1);
    assertEquals(List.of("first hello", "second hello 1"), seen);
    assertEquals("2[\"hello\",1]", client.nextText());
    socket.offAnyOutgoing(second);
    socket.asVolatile().prependAnyOutgoing((event, args) -> seen.add("zeroth " + event));
    socket.emit("again");
    assertEquals(List.of("first hello", "second hello 1", "zeroth again", "first again"), seen);
  }

  @Test
  void handshakeTimeReadsAsJavaScriptDateAndMatchesTheInstant() throws Exception {
    Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    TestEngineSocket client = new TestEngineSocket(io.engineListener());
    client.connect("/");
    Handshake handshake = sockets.poll(5, TimeUnit.SECONDS).handshake();
    String time = handshake.time();
    assertTrue(time.matches("(Mon|Tue|Wed|Thu|Fri|Sat|Sun) [A-Z][a-z]{2} \\d{2} \\d{4} \\d{2}:\\d{2}:\\d{2} "
        + "GMT[+-]\\d{4} \\(.+\\)"), time);
    ZonedDateTime parsed = ZonedDateTime.parse(time.substring(0, time.indexOf(" (")),
        DateTimeFormatter.ofPattern("EEE MMM dd yyyy HH:mm:ss 'GMT'xx", Locale.US));
    assertEquals(handshake.issuedAt().truncatedTo(ChronoUnit.SECONDS), parsed.toInstant());
    assertEquals(handshake.issued(), handshake.issuedAt().toEpochMilli());
    assertTrue(!handshake.issuedAt().isBefore(before.minusSeconds(5)), handshake.issuedAt().toString());
  }

  @Test
  void outgoingListenersSeeTheBroadcastsThatReachTheSocket() throws Exception {
    TestEngineSocket client = new TestEngineSocket(io.engineListener());
    client.connect("/");
    Socket socket = sockets.poll(5, TimeUnit.SECONDS);
    List<String> seen = new CopyOnWriteArrayList<>();
    socket.onAnyOutgoing((event, args) -> seen.add(event + " " + args.size()));
    io.emit("all", 1);
    io.to("elsewhere").emit("not-me");
    io.except(socket.id()).emit("not-me-either");
    io.to(socket.id()).emit("me", 1, 2);
    socket.emit("direct");
    assertEquals(List.of("all 1", "me 2", "direct 0"), seen);
  }

  @Test
  void withRecoveryAnEmitIsSeenOnceWithItsOffset() throws Exception {
    try (SocketIoServer recovering = SocketIoServer.create(ServerOptions.builder()
        .connectionStateRecovery(ConnectionStateRecovery.defaults()).build())) {
      LinkedBlockingQueue<Socket> connected = new LinkedBlockingQueue<>();
      recovering.onConnection(connected::add);
      TestEngineSocket client = new TestEngineSocket(recovering.engineListener());
      client.receive("0");
      client.nextText();
      Socket socket = connected.poll(5, TimeUnit.SECONDS);
      List<String> seen = new CopyOnWriteArrayList<>();
      socket.onAnyOutgoing((event, args) -> seen.add(event + " " + args.get(0, String.class) + " "
          + args.get(args.size() - 1, String.class).equals(args.get(0, String.class))));
      socket.emit("direct", "x");
      assertEquals(List.of("direct x false"), seen);
      assertTrue(client.nextText().startsWith("2[\"direct\",\"x\",\""));
    }
  }
}
