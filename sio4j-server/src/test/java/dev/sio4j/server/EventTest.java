package dev.sio4j.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sio4j.engine.EngineCloseReason;
import dev.sio4j.protocol.engineio.EngineIoPacket;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Events, typed arguments, binary, acknowledgements both ways, catch-all listeners, socket middlewares. */
class EventTest {
  record Chat(String user, String text) {}

  private final SocketIoServer io = SocketIoServer.create();
  private final BlockingQueue<Socket> sockets = new LinkedBlockingQueue<>();

  EventTest() {
    io.onConnection(sockets::add);
  }

  @AfterEach
  void close() {
    io.close();
  }

  private Socket connect(TestEngineSocket client) throws InterruptedException {
    client.connect("/");
    return sockets.poll(5, TimeUnit.SECONDS);
  }

  @Test
  void echoesThePlainTextAndBinaryPacketsOfTheProtocolSuite() throws Exception {
    io.onConnection(socket -> {
      socket.on("message", event -> socket.emit("message-back", event.args()));
      socket.on("message-with-ack", event -> event.ack(event.args()));
    });
    TestEngineSocket client = new TestEngineSocket(io.engineListener());
    connect(client);
    client.receive("2[\"message\",1,\"2\",{\"3\":[true]}]");
    assertEquals("2[\"message-back\",1,\"2\",{\"3\":[true]}]", client.nextText());
    client.receive("2456[\"message-with-ack\",1,\"2\",{\"3\":[false]}]");
    assertEquals("3456[1,\"2\",{\"3\":[false]}]", client.nextText());
    client.receive("52-[\"message\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]");
    client.receive(new byte[] {1, 2, 3}).receive(new byte[] {4, 5, 6});
    assertEquals("52-[\"message-back\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]",
        client.nextText());
    assertArrayEquals(new byte[] {1, 2, 3}, client.next().binary());
    assertArrayEquals(new byte[] {4, 5, 6}, client.next().binary());
    client.receive("52-789[\"message-with-ack\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]");
    client.receive(new byte[] {1, 2, 3}).receive(new byte[] {4, 5, 6});
    assertEquals("62-789[{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]", client.nextText());
    assertArrayEquals(new byte[] {1, 2, 3}, client.next().binary());
    assertArrayEquals(new byte[] {4, 5, 6}, client.next().binary());
  }

  @Test
  void bindsTypedArgumentsAndBinary() throws Exception {
    BlockingQueue<Object> got = new LinkedBlockingQueue<>();
    io.onConnection(socket -> socket.on("chat", event -> {
      got.add(event.arg(0, Chat.class));
      got.add(event.bytes(1));
      got.add(event.arg(2, ByteBuffer.class).remaining());
      got.add(event.arg(3, Integer.class));
      event.ack(new Chat("server", "ok"), new byte[] {9});
    }));
    TestEngineSocket client = new TestEngineSocket(io.engineListener());
    connect(client);
    client.receive("52-1[\"chat\",{\"user\":\"a\",\"text\":\"hi\"},{\"_placeholder\":true,\"num\":0},"
        + "{\"_placeholder\":true,\"num\":1},7]");
    client.receive(new byte[] {1}).receive(new byte[] {2, 3});
    assertEquals(new Chat("a", "hi"), got.poll(5, TimeUnit.SECONDS));
    assertArrayEquals(new byte[] {1}, (byte[]) got.poll(5, TimeUnit.SECONDS));
    assertEquals(2, got.poll(5, TimeUnit.SECONDS));
    assertEquals(7, got.poll(5, TimeUnit.SECONDS));
    assertEquals("61-1[{\"user\":\"server\",\"text\":\"ok\"},{\"_placeholder\":true,\"num\":0}]", client.nextText());
    assertArrayEquals(new byte[] {9}, client.next().binary());
  }

  @Test
  void emitWithAckCompletesWithTheClientsAnswerOrTimesOut() throws Exception {
    TestEngineSocket client = new TestEngineSocket(io.engineListener());
    Socket socket = connect(client);
    CompletableFuture<Arguments> answer = socket.emitWithAck("question", 1);
    String sent = client.nextText();
    assertTrue(sent.matches("2\\d+\\[\"question\",1]"), sent);
    String ackId = sent.substring(1, sent.indexOf('['));
    client.receive("3" + ackId + "[\"yes\",{\"n\":2}]");
    Arguments args = answer.get(5, TimeUnit.SECONDS);
    assertEquals("yes", args.get(0, String.class));
    assertEquals(2, args.get(1).get("n").asInt());

    CompletableFuture<Arguments> unanswered = socket.timeout(100).emitWithAck("question", 2);
    ExecutionException e = assertThrows(ExecutionException.class, () -> unanswered.get(5, TimeUnit.SECONDS));
    assertTrue(e.getCause() instanceof AckTimeoutException, e.toString());

    CompletableFuture<Arguments> cut = socket.emitWithAck("question", 3);
    client.drop(EngineCloseReason.TRANSPORT_CLOSE);
    e = assertThrows(ExecutionException.class, () -> cut.get(5, TimeUnit.SECONDS));
    assertTrue(e.getCause() instanceof SocketDisconnectedException, e.toString());
    assertEquals(DisconnectReason.TRANSPORT_CLOSE, ((SocketDisconnectedException) e.getCause()).reason());
    // already disconnected: failed at once, no reason
    e = assertThrows(ExecutionException.class, () -> socket.emitWithAck("late").get(5, TimeUnit.SECONDS));
    assertEquals(null, ((SocketDisconnectedException) e.getCause()).reason());
  }

  @Test
  void aHandlerMayBlockOnAnAcknowledgement() throws Exception {
    io.onConnection(socket -> socket.on("ask", event -> {
      Arguments answer = socket.emitWithAck("q").get(5, TimeUnit.SECONDS);
      event.ack("client said " + answer.get(0, String.class));
    }));
    TestEngineSocket client = new TestEngineSocket(io.engineListener());
    connect(client);
    client.receive("27[\"ask\"]");
    String question = client.nextText();
    client.receive("3" + question.substring(1, question.indexOf('[')) + "[\"yes\"]");
    assertEquals("37[\"client said yes\"]", client.nextText());
  }

  @Test
  void catchAllListenersOnceAndOff() throws Exception {
    BlockingQueue<String> seen = new LinkedBlockingQueue<>();
    io.onConnection(socket -> {
      socket.onAny((name, args) -> seen.add("any " + name + args));
      socket.prependAny((name, args) -> seen.add("first " + name));
      socket.once("a", event -> seen.add("once a"));
      EventListener removed = event -> seen.add("removed");
      socket.on("a", removed);
      socket.off("a", removed);
      socket.onAnyOutgoing((name, args) -> seen.add("out " + name + args));
      socket.on("b", event -> socket.emit("c", 5));
    });
    TestEngineSocket client = new TestEngineSocket(io.engineListener());
    connect(client);
    client.receive("2[\"a\",1]").receive("2[\"a\",2]").receive("2[\"b\"]");
    List<String> expected = List.of("first a", "any a[1]", "once a", "first a", "any a[2]", "first b", "any b[]",
        "out c[5]");
    for (String line : expected) {
      assertEquals(line, seen.poll(5, TimeUnit.SECONDS));
    }
    assertEquals("2[\"c\",5]", client.nextText());
  }

  @Test
  void manyEventNamesEachReachTheirOwnListenersAsTheyComeAndGo() throws Exception {
    BlockingQueue<String> seen = new LinkedBlockingQueue<>();
    io.onConnection(socket -> {
      // past the few names a socket's listeners are scanned through, and back below them
      for (int i = 0; i < 20; i++) {
        String name = "e" + i;
        socket.on(name, event -> seen.add("first " + name));
        socket.on(name, event -> seen.add("second " + name));
      }
      socket.on("gone", event -> seen.add("gone"));
      for (int i = 0; i < 20; i += 2) {
        socket.off("e" + i);
      }
      socket.off("gone");
      socket.once("late", event -> seen.add("late"));
      socket.on("e3", event -> seen.add("third e3"));
    });
    TestEngineSocket client = new TestEngineSocket(io.engineListener());
    connect(client);
    for (String name : List.of("e0", "gone", "e1", "e3", "e18", "e19", "late", "late", "e7")) {
      client.receive("2[\"" + name + "\"]");
    }
    List<String> expected = List.of("first e1", "second e1", "first e3", "second e3", "third e3", "first e19",
        "second e19", "late", "first e7", "second e7");
    for (String line : expected) {
      assertEquals(line, seen.poll(5, TimeUnit.SECONDS));
    }
    assertEquals(null, seen.poll(200, TimeUnit.MILLISECONDS));
  }

  @Test
  void socketMiddlewareMayRefuseAnEvent() throws Exception {
    BlockingQueue<String> seen = new LinkedBlockingQueue<>();
    io.onConnection(socket -> {
      socket.use((event, next) -> {
        if (event.name().equals("forbidden")) {
          next.fail(new IllegalArgumentException("not allowed"));
        } else {
          next.proceed();
        }
      });
      socket.onError(error -> seen.add("error " + error.getMessage()));
      socket.on("forbidden", event -> seen.add("forbidden ran"));
      socket.on("allowed", event -> seen.add("allowed ran"));
    });
    TestEngineSocket client = new TestEngineSocket(io.engineListener());
    connect(client);
    client.receive("2[\"forbidden\"]").receive("2[\"allowed\"]");
    assertEquals("error not allowed", seen.poll(5, TimeUnit.SECONDS));
    assertEquals("allowed ran", seen.poll(5, TimeUnit.SECONDS));
  }

  @Test
  void reservedNamesCannotBeEmitted() throws Exception {
    TestEngineSocket client = new TestEngineSocket(io.engineListener());
    Socket socket = connect(client);
    assertThrows(IllegalArgumentException.class, () -> socket.emit("disconnect"));
    assertThrows(IllegalArgumentException.class, () -> io.emit("connect"));
  }

  @Test
  void invalidPacketsCloseTheConnectionWithParseError() throws Exception {
    BlockingQueue<DisconnectReason> reasons = new LinkedBlockingQueue<>();
    io.onConnection(socket -> socket.onDisconnect((s, reason) -> reasons.add(reason)));
    for (String bad : List.of("2{}", "2abc[\"x\"]", "9", "2[\"disconnect\"]", "4{}", "6[]")) {
      TestEngineSocket client = new TestEngineSocket(io.engineListener());
      connect(client);
      client.receive(bad);
      client.awaitClosed();
      assertEquals(DisconnectReason.PARSE_ERROR, reasons.poll(5, TimeUnit.SECONDS), bad);
    }
  }

  @Test
  void volatileDropsWhenTheTransportIsBusyAndCompressReachesTheTransport() throws Exception {
    TestEngineSocket client = new TestEngineSocket(io.engineListener());
    Socket socket = connect(client);
    client.writable = false;
    assertTrue(!socket.asVolatile().emit("v", 1));
    socket.emit("kept", 2);
    EngineIoPacket packet = client.next();
    assertEquals("2[\"kept\",2]", packet.text());
    assertTrue(client.lastCompress);
    socket.compress(false).emit("plain");
    assertEquals("2[\"plain\"]", client.nextText());
    assertTrue(!client.lastCompress);
    io.compress(false).emit("all-plain");
    assertEquals("2[\"all-plain\"]", client.nextText());
    assertTrue(!client.lastCompress);
  }
}
