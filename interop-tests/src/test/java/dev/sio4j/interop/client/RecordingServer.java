package dev.sio4j.interop.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sio4j.testing.NodePeer;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** The Node reference server running {@code recording-server.js}: it reports each request it gets. */
final class RecordingServer implements AutoCloseable {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final NodePeer peer;
  final int port;

  private RecordingServer(NodePeer peer, int port) {
    this.peer = peer;
    this.port = port;
  }

  /** Starts with {@code serverOptions} (a JSON object, the socket.io {@code Server}'s options). */
  static RecordingServer start(String serverOptions) throws Exception {
    Path script = Paths.get("src/test/node/client/recording-server.js");
    NodePeer peer = NodePeer.start(script.toFile().exists() ? script
        : Paths.get("interop-tests/src/test/node/client/recording-server.js"), serverOptions);
    try {
      return new RecordingServer(peer, Integer.parseInt(
          peer.awaitLine(l -> l.startsWith("port "), Duration.ofSeconds(20)).substring(5).trim()));
    } catch (Throwable t) {
      peer.close();
      throw t;
    }
  }

  String url() {
    return "http://127.0.0.1:" + port;
  }

  /** The requests reported until one matching {@code last}, that one included. */
  List<JsonNode> requestsUntil(Predicate<JsonNode> last, Duration timeout) throws Exception {
    List<JsonNode> requests = new ArrayList<>();
    peer.awaitLine(line -> {
      if (!line.startsWith("request ")) {
        return false;
      }
      try {
        JsonNode r = MAPPER.readTree(line.substring("request ".length()));
        requests.add(r);
        return last.test(r);
      } catch (java.io.IOException e) {
        throw new IllegalStateException(line, e);
      }
    }, timeout);
    return requests;
  }

  /** The reason of the next socket disconnection the server reports. */
  String awaitDisconnect(Duration timeout) throws Exception {
    return peer.awaitLine(l -> l.startsWith("disconnect "), timeout).substring("disconnect ".length());
  }

  /** Closes every engine connection: the clients reconnect. */
  void drop() throws Exception {
    peer.sendLine("drop");
  }

  @Override
  public void close() {
    peer.close();
  }
}
