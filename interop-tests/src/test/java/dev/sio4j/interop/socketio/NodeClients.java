package dev.sio4j.interop.socketio;

import dev.sio4j.engine.spi.ServerBinding;
import dev.sio4j.server.SocketIoServer;
import dev.sio4j.testing.NodePeer;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;

/** Starts the official socket.io-client scenarios of {@code src/test/node/socketio/client.js} against a server. */
final class NodeClients {
  static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final Path SCRIPT = Paths.get("src/test/node/socketio/client.js");

  private NodeClients() {}

  /** The URL of a server listening through {@code binding}. */
  static String url(ServerBinding binding) {
    return "http://127.0.0.1:" + binding.address().getPort();
  }

  /** Runs {@code scenario} against {@code io}'s binding, with every transport or only {@code transport}. */
  static NodePeer run(String scenario, ServerBinding binding, String... transport) throws IOException {
    String[] args = new String[2 + transport.length];
    args[0] = scenario;
    args[1] = url(binding);
    System.arraycopy(transport, 0, args, 2, transport.length);
    return NodePeer.start(SCRIPT, args);
  }

  /** Waits until the script printed every line of {@code expected}, in any order (other lines are skipped). */
  static void expectLines(NodePeer peer, String... expected) throws InterruptedException {
    java.util.Set<String> missing = new java.util.HashSet<>(java.util.List.of(expected));
    while (!missing.isEmpty()) {
      String line = peer.awaitLine(missing::contains, TIMEOUT);
      missing.remove(line);
    }
  }

  /** A server on a free port. */
  static ServerBinding listen(SocketIoServer io) {
    return io.listen(0);
  }
}
