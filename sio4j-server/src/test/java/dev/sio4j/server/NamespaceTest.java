package dev.sio4j.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sio4j.engine.EngineCloseReason;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** CONNECT to namespaces: auth, custom and dynamic namespaces, middlewares, invalid namespace, connect timeout. */
class NamespaceTest {
  private final SocketIoServer io = SocketIoServer.create(
      ServerOptions.builder().connectTimeout(Duration.ofMillis(300)).build());

  @AfterEach
  void close() {
    io.close();
  }

  @Test
  void connectsToTheMainNamespaceWithAuth() throws Exception {
    BlockingQueue<Socket> connected = new LinkedBlockingQueue<>();
    io.onConnection(connected::add);
    TestEngineSocket client = new TestEngineSocket(io.engineListener(), Map.of("x", List.of("1")));
    client.receive("0{\"token\":\"123\"}");
    String answer = client.nextText();
    assertTrue(answer.matches("0\\{\"sid\":\"[A-Za-z0-9_-]{20}\"}"), answer);
    Socket socket = connected.poll(5, TimeUnit.SECONDS);
    assertEquals("123", socket.handshake().auth().get("token").asText());
    assertEquals("1", socket.handshake().queryParameter("x"));
    assertEquals("127.0.0.1", socket.handshake().address());
    assertEquals(answer.substring(9, 29), socket.id());
    assertEquals(Set.of(socket.id()), socket.rooms());
    assertEquals(socket, io.sockets().sockets().get(socket.id()));
  }

  @Test
  void connectsToACustomNamespaceWithoutComma() throws Exception {
    io.of("/custom").onConnection(s -> s.emit("auth", s.handshake().auth()));
    TestEngineSocket client = new TestEngineSocket(io.engineListener());
    client.receive("0/custom");
    assertTrue(client.nextText().startsWith("0/custom,{\"sid\":"));
    assertEquals("2/custom,[\"auth\",{}]", client.nextText());
  }

  @Test
  void refusesAnUnknownNamespace() throws Exception {
    TestEngineSocket client = new TestEngineSocket(io.engineListener());
    client.receive("0/random");
    assertEquals("4/random,{\"message\":\"Invalid namespace\"}", client.nextText());
    assertTrue(client.isOpen());
  }

  @Test
  void middlewareRefusesWithMessageAndData() throws Exception {
    io.of("/private").use((socket, next) -> {
      if (socket.handshake().auth().has("token")) {
        next.proceed();
      } else {
        next.fail(new ConnectionRefusedException("not authorized", Map.of("code", 401)));
      }
    });
    TestEngineSocket client = new TestEngineSocket(io.engineListener());
    client.receive("0/private,");
    assertEquals("4/private,{\"message\":\"not authorized\",\"data\":{\"code\":401}}", client.nextText());
    client.receive("0/private,{\"token\":\"t\"}");
    assertTrue(client.nextText().startsWith("0/private,{\"sid\":"));
  }

  @Test
  void middlewareMayThrowAndMayProceedLater() throws Exception {
    io.use((socket, next) -> new Thread(next::proceed).start());
    io.of("/throws").use((socket, next) -> {
      throw new IllegalStateException("boom");
    });
    TestEngineSocket client = new TestEngineSocket(io.engineListener());
    client.connect("/");
    client.receive("0/throws,");
    assertEquals("4/throws,{\"message\":\"boom\"}", client.nextText());
  }

  @Test
  void dynamicNamespacesShareTheParentsListenersAndMiddlewares() throws Exception {
    Namespace parent = io.of(Pattern.compile("/room-\\d+"));
    BlockingQueue<String> joined = new LinkedBlockingQueue<>();
    parent.use((socket, next) -> {
      socket.data().put("checked", true);
      next.proceed();
    });
    parent.onConnection(socket -> {
      joined.add(socket.namespace().name() + " " + socket.data().get("checked"));
      socket.on("hello", event -> socket.namespace().emit("hi", socket.namespace().name()));
    });
    TestEngineSocket client = new TestEngineSocket(io.engineListener());
    client.connect("/room-42");
    assertEquals("/room-42 true", joined.poll(5, TimeUnit.SECONDS));
    client.receive("2/room-42,[\"hello\"]");
    assertEquals("2/room-42,[\"hi\",\"/room-42\"]", client.nextText());
    parent.emit("all", 1);
    assertEquals("2/room-42,[\"all\",1]", client.nextText());
    client.receive("0/room-x,");
    assertEquals("4/room-x,{\"message\":\"Invalid namespace\"}", client.nextText());
  }

  @Test
  void emptyChildNamespacesAreCleanedUpWhenAskedTo() throws Exception {
    BlockingQueue<String> adapters = new LinkedBlockingQueue<>();
    SocketIoServer cleaning = SocketIoServer.create(ServerOptions.builder()
        .cleanupEmptyChildNamespaces(true)
        .adapterFactory(namespace -> new dev.sio4j.server.adapter.InMemoryAdapter(namespace) {
          @Override
          public void init() {
            adapters.add("init " + namespace.name());
          }

          @Override
          public void close() {
            adapters.add("close " + namespace.name());
          }
        })
        .build());
    try {
      assertEquals("init /", adapters.poll(5, TimeUnit.SECONDS));
      Namespace parent = cleaning.of(Pattern.compile("/tmp-\\d+"));
      BlockingQueue<Socket> joined = new LinkedBlockingQueue<>();
      parent.onConnection(joined::add);
      TestEngineSocket client = new TestEngineSocket(cleaning.engineListener());
      client.connect("/tmp-1");
      assertEquals("init /tmp-1", adapters.poll(5, TimeUnit.SECONDS));
      joined.poll(5, TimeUnit.SECONDS).disconnect();
      assertEquals("1/tmp-1,", client.nextText());
      assertEquals("close /tmp-1", adapters.poll(5, TimeUnit.SECONDS));
      // the name is served again by a fresh child
      client.connect("/tmp-1");
      assertEquals("init /tmp-1", adapters.poll(5, TimeUnit.SECONDS));
      assertTrue(joined.poll(5, TimeUnit.SECONDS).connected());
    } finally {
      cleaning.close();
    }
  }

  @Test
  void closesWhenNoNamespaceIsJoinedInTime() throws Exception {
    TestEngineSocket client = new TestEngineSocket(io.engineListener());
    client.awaitClosed();
    assertEquals(EngineCloseReason.FORCED_CLOSE, client.closeReason);
  }

  @Test
  void closesOnAPacketForANamespaceNotJoined() throws Exception {
    TestEngineSocket client = new TestEngineSocket(io.engineListener());
    client.connect("/");
    client.receive("2/other,[\"x\"]");
    client.awaitClosed();
  }

  @Test
  void closesOnASecondConnectToTheSameNamespace() throws Exception {
    TestEngineSocket client = new TestEngineSocket(io.engineListener());
    client.connect("/");
    client.receive("0");
    client.awaitClosed();
  }

  private static final class Set {
    static java.util.Set<String> of(String s) {
      return java.util.Set.of(s);
    }
  }
}
