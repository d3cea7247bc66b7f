package dev.sio4j.examples.nettysocketio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sio4j.client.ClientOptions;
import dev.sio4j.client.Socket;
import dev.sio4j.client.SocketIoClient;
import dev.sio4j.testing.NodePeer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The ported netty-socketio demo chat with real clients: two official Node clients (one over WebSocket, one over
 * long-polling) and the sio4j Java client, which binds the broadcast to {@link ChatObject}. Each {@code chatevent}
 * reaches every client, the sender included, with both fields.
 */
class ChatLauncherTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @Test
  void aChateventReachesEveryClientWithItsFields() throws Exception {
    try (ChatLauncher chat = ChatLauncher.start(new InetSocketAddress("127.0.0.1", 0));
        SocketIoClient client = new SocketIoClient()) {
      String url = "http://127.0.0.1:" + chat.port();
      BlockingQueue<ChatObject> received = new LinkedBlockingQueue<>();
      Socket java = client.socket(url, ClientOptions.builder().reconnection(false).build());
      java.on("chatevent", args -> received.add(args.get(0, ChatObject.class)));
      awaitConnected(java);

      try (NodePeer node = NodePeer.start(Paths.get("src/test/node/nettysocketio/chat.js"), url)) {
        node.awaitLine("ready", WAIT);

        node.sendLine("hello from Node");
        awaitAll(node, "alice got alice: hello from Node", "bob got alice: hello from Node");
        assertEquals(new ChatObject("alice", "hello from Node"), received.poll(WAIT.toSeconds(), TimeUnit.SECONDS));

        java.emit("chatevent", new ChatObject("java", "hello from Java"));
        awaitAll(node, "alice got java: hello from Java", "bob got java: hello from Java");
        assertEquals(new ChatObject("java", "hello from Java"), received.poll(WAIT.toSeconds(), TimeUnit.SECONDS));
      }
    }
  }

  @Test
  void servesThePageAndTheBrowserClientOnItsOwnPort() throws Exception {
    try (ChatLauncher chat = ChatLauncher.start(new InetSocketAddress("127.0.0.1", 0))) {
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> page = http.send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + chat.port() + "/")).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, page.statusCode());
      assertTrue(page.body().contains("socket.emit(\"chatevent\""), "the page emits chatevent");
      assertTrue(page.body().contains("<script src=\"/socket.io/socket.io.js\"></script>"), page.body());
      HttpResponse<String> script = http.send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + chat.port() + "/socket.io/socket.io.js")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, script.statusCode());
    }
  }

  /** Waits for each of {@code lines}, in any order: the two clients' transports deliver independently. */
  private static void awaitAll(NodePeer node, String... lines) throws InterruptedException {
    Set<String> missing = new HashSet<>(List.of(lines));
    while (!missing.isEmpty()) {
      missing.remove(node.awaitLine(missing::contains, WAIT));
    }
  }

  private static void awaitConnected(Socket socket) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!socket.connected()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the Java client did not connect within " + WAIT);
      }
      Thread.sleep(10);
    }
  }
}
