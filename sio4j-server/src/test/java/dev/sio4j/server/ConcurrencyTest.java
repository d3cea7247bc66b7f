package dev.sio4j.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Where and in which order handlers run; the bound on pending packets; option validation. */
class ConcurrencyTest {

  @Test
  void handlersRunOffTheCallingThreadOnTheConfiguredExecutorInOrder() throws Exception {
    ExecutorService executor = Executors.newFixedThreadPool(4, r -> new Thread(r, "app-handler"));
    List<Integer> order = Collections.synchronizedList(new ArrayList<>());
    BlockingQueue<String> threads = new LinkedBlockingQueue<>();
    CountDownLatch all = new CountDownLatch(200);
    try (SocketIoServer io = SocketIoServer.create(ServerOptions.builder().handlerExecutor(executor).build())) {
      io.onConnection(socket -> {
        threads.add(Thread.currentThread().getName());
        socket.on("n", event -> {
          order.add(event.arg(0, Integer.class));
          all.countDown();
        });
      });
      TestEngineSocket client = new TestEngineSocket(io.engineListener());
      client.connect("/");
      for (int i = 0; i < 200; i++) {
        client.receive("2[\"n\"," + i + "]");
      }
      assertTrue(all.await(5, TimeUnit.SECONDS));
      String thread = threads.poll(5, TimeUnit.SECONDS);
      assertEquals("app-handler", thread);
      assertNotEquals(Thread.currentThread().getName(), thread);
      for (int i = 0; i < 200; i++) {
        assertEquals(i, order.get(i));
      }
    } finally {
      executor.shutdownNow();
    }
  }

  @Test
  void theDefaultExecutorUsesVirtualThreadsWhereTheJvmHasThem() throws Exception {
    java.lang.reflect.Method isVirtual;
    try {
      isVirtual = Thread.class.getMethod("isVirtual");
    } catch (NoSuchMethodException e) {
      isVirtual = null; // JDK 17-20: a bounded pool of platform threads
    }
    BlockingQueue<Thread> threads = new LinkedBlockingQueue<>();
    try (SocketIoServer io = SocketIoServer.create()) {
      io.onConnection(socket -> threads.add(Thread.currentThread()));
      new TestEngineSocket(io.engineListener()).connect("/");
      Thread handler = threads.poll(5, TimeUnit.SECONDS);
      assertNotEquals(Thread.currentThread(), handler);
      if (isVirtual != null) {
        assertTrue((Boolean) isVirtual.invoke(handler), "handler thread " + handler + " is not virtual");
      } else {
        assertTrue(handler.getName().startsWith("sio4j-handler-"), handler.getName());
      }
    }
  }

  @Test
  void aSlowSocketDoesNotDelayAnother() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    BlockingQueue<String> seen = new LinkedBlockingQueue<>();
    try (SocketIoServer io = SocketIoServer.create()) {
      io.onConnection(socket -> {
        socket.on("block", event -> {
          release.await(10, TimeUnit.SECONDS);
          seen.add("unblocked");
        });
        socket.on("quick", event -> seen.add("quick"));
      });
      TestEngineSocket slow = new TestEngineSocket(io.engineListener());
      slow.connect("/");
      TestEngineSocket fast = new TestEngineSocket(io.engineListener());
      fast.connect("/");
      slow.receive("2[\"block\"]").receive("2[\"quick\"]");
      fast.receive("2[\"quick\"]");
      assertEquals("quick", seen.poll(5, TimeUnit.SECONDS));
      release.countDown();
      assertEquals("unblocked", seen.poll(5, TimeUnit.SECONDS));
      assertEquals("quick", seen.poll(5, TimeUnit.SECONDS));
    }
  }

  @Test
  void aClientPilingUpPacketsBehindABlockedHandlerIsDisconnected() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    BlockingQueue<DisconnectReason> reasons = new LinkedBlockingQueue<>();
    try (SocketIoServer io = SocketIoServer.create(ServerOptions.builder().maxPendingPackets(5).build())) {
      io.onConnection(socket -> {
        socket.on("block", event -> release.await(10, TimeUnit.SECONDS));
        socket.onDisconnect((s, reason) -> reasons.add(reason));
      });
      TestEngineSocket client = new TestEngineSocket(io.engineListener());
      client.connect("/");
      for (int i = 0; i < 10; i++) {
        client.receive("2[\"block\"]");
      }
      client.awaitClosed();
      release.countDown();
      assertEquals(DisconnectReason.FORCED_SERVER_CLOSE, reasons.poll(5, TimeUnit.SECONDS));
    }
  }

  @Test
  void optionsValidateEachSetter() {
    ServerOptions defaults = ServerOptions.defaults();
    assertEquals("/socket.io/", defaults.path());
    assertEquals("/socket.io/", defaults.engine().path());
    assertEquals(Duration.ofSeconds(45), defaults.connectTimeout());
    assertTrue(defaults.serveClient());
    assertEquals(10, defaults.maxAttachments());
    assertEquals("/custom/", ServerOptions.builder().path("/custom").build().engine().path());
    assertThrows(IllegalArgumentException.class, () -> ServerOptions.builder().path("nope"));
    assertThrows(IllegalArgumentException.class, () -> ServerOptions.builder().connectTimeout(Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> ServerOptions.builder().maxAttachments(0));
    assertThrows(IllegalArgumentException.class, () -> ServerOptions.builder().maxPendingPackets(0));
    assertThrows(NullPointerException.class, () -> ServerOptions.builder().adapterFactory(null));
  }
}
