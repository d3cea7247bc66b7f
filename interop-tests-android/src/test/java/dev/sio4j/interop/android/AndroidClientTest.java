package dev.sio4j.interop.android;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import dev.sio4j.client.ClientOptions;
import dev.sio4j.client.Socket;
import dev.sio4j.client.SocketIoClient;
import dev.sio4j.testing.NodePeer;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.RobolectricTestRunner;
import org.robolectric.annotation.Config;
import org.robolectric.annotation.ConscryptMode;

/**
 * The client's main path on the Android framework: Robolectric loads sio4j-client, OkHttp and Jackson through its
 * sandbox over the Android 14 system image, and the client connects to the Node reference server, upgrades to
 * WebSocket, emits with an acknowledgement, hands an event to the main thread as an app does, and reconnects after
 * the server drops its connection.
 */
@RunWith(RobolectricTestRunner.class)
@Config(sdk = 34)
// Robolectric installs Conscrypt as the security provider by default; Conscrypt reads the API level through the
// application class loader, which sees the system image uninstrumented. OkHttp uses the JDK's TLS instead.
@ConscryptMode(ConscryptMode.Mode.OFF)
public class AndroidClientTest {
  private static final long WAIT_SECONDS = 20;
  private static NodePeer server;
  private static String url;

  @BeforeClass
  public static void startServer() throws Exception {
    Path script = Paths.get("../interop-tests/src/test/node/client/server.js");
    server = NodePeer.start(script.toFile().exists() ? script
        : Paths.get("interop-tests/src/test/node/client/server.js"), "{}");
    String port = server.awaitLine(l -> l.startsWith("port "), Duration.ofSeconds(WAIT_SECONDS)).substring(5).trim();
    url = "http://127.0.0.1:" + port;
  }

  @AfterClass
  public static void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  public void connectsEmitsWithAckAndReconnects() throws Exception {
    assertEquals("the Android framework of the system image", 34, MainThreadInbox.sdkInt());
    try (SocketIoClient client = new SocketIoClient()) {
      Socket socket = client.socket(url, ClientOptions.builder()
          .reconnectionDelay(Duration.ofMillis(100)).reconnectionDelayMax(Duration.ofMillis(400)).build());
      CountDownLatch connected = new CountDownLatch(1);
      socket.onConnect(connected::countDown);
      assertTrue("connected", connected.await(WAIT_SECONDS, TimeUnit.SECONDS) || socket.connected());
      assertNotNull(socket.id());

      assertEquals("hello", socket.emitWithAck("ack", "hello").get(WAIT_SECONDS, TimeUnit.SECONDS).getString(0));
      awaitTransport(socket, "websocket");

      MainThreadInbox echoes = new MainThreadInbox(socket, "echo");
      socket.emit("echo", "to the main thread");
      assertEquals(List.of("to the main thread"), echoes.await(Duration.ofSeconds(WAIT_SECONDS)));
      assertTrue("handled on the main thread", echoes.allOnMainThread());

      CountDownLatch reconnected = new CountDownLatch(1);
      socket.io().onReconnect(attempts -> reconnected.countDown());
      String before = socket.id();
      server.sendLine("drop");
      assertTrue("reconnected", reconnected.await(WAIT_SECONDS, TimeUnit.SECONDS));
      assertEquals("again", socket.emitWithAck("ack", "again").get(WAIT_SECONDS, TimeUnit.SECONDS).getString(0));
      assertNotEquals("a new session after the drop", before, socket.id());
    }
  }

  private static void awaitTransport(Socket socket, String transport) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
    while (!transport.equals(socket.io().transport()) && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertEquals(transport, socket.io().transport());
  }
}
