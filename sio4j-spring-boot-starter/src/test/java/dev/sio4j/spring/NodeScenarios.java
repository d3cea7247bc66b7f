package dev.sio4j.spring;

import dev.sio4j.testing.NodePeer;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Runs the official socket.io-client scenarios of {@code src/test/node/client.js} and checks what they print. */
final class NodeScenarios {
  static final Duration TIMEOUT = Duration.ofSeconds(15);
  private static final Path SCRIPT = Paths.get("src/test/node/client.js");

  private NodeScenarios() {}

  /** Runs {@code scenario} against {@code url} over {@code mode}; {@code header} ("Name: value") may be null. */
  static NodePeer run(String scenario, String url, String mode, String header) throws IOException {
    List<String> args = new ArrayList<>(List.of(scenario, url, mode));
    if (header != null) {
      args.add(header);
    }
    return NodePeer.start(SCRIPT, args.toArray(String[]::new));
  }

  /** The lines {@code peer} prints up to {@code done}, failing on a {@code failed} line. */
  static List<String> linesUntilDone(NodePeer peer) throws InterruptedException {
    List<String> lines = new ArrayList<>();
    while (true) {
      String line = peer.awaitLine(l -> true, TIMEOUT);
      if (line.startsWith("failed")) {
        throw new AssertionError("node client: " + line + "\nafter " + lines + "\nstderr: " + peer.stderr());
      }
      if (line.equals("done")) {
        return lines;
      }
      lines.add(line);
    }
  }

  /** The events scenario over {@code mode}, as one expected transcript; {@code user} is who "whoami" answers. */
  static List<String> expectedEvents(String mode, String user) {
    List<String> lines = new ArrayList<>();
    lines.add("connected " + (mode.equals("websocket") ? "websocket" : "polling"));
    lines.add("welcome");
    if (mode.equals("upgrade")) {
      lines.add("upgraded websocket");
    }
    lines.addAll(List.of(
        "chat-ack {\"from\":\"ada\",\"length\":5}",
        "list-ack 3",
        "binary-ack true [250,3,2,1]",
        "future-ack after 20 ms",
        "param-ack x!",
        "whoami " + user,
        "bad-payload no ack: operation has timed out",
        "join-ack joined lobby",
        "room-message hi room",
        "admin-ack {\"namespace\":\"/admin\"}"));
    return lines;
  }

  /** The transcript with the welcome line's variable id cut, after checking the middlewares ran in order. */
  static List<String> normalized(List<String> lines) {
    List<String> out = new ArrayList<>();
    for (String line : lines) {
      if (line.startsWith("welcome ")) {
        if (!line.contains("\"order\":\"first\"")) {
          throw new AssertionError("the @Order(1) middleware did not run before the connection: " + line);
        }
        out.add("welcome");
      } else {
        out.add(line);
      }
    }
    return out;
  }
}
