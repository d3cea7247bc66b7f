package dev.sio4j.interop.client;

import dev.sio4j.testing.NodePeer;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;

/** The Node reference server ({@code socket.io} 4.8 from {@code node/}) running {@code server.js}. */
final class NodeTestServer implements TestServer {
  private static final Duration START = Duration.ofSeconds(20);
  private final NodePeer peer;
  private final int port;

  private NodeTestServer(NodePeer peer, int port) {
    this.peer = peer;
    this.port = port;
  }

  static NodeTestServer start(Spec spec) throws Exception {
    return start(spec, "");
  }

  /** Starts with {@code extraFields} (JSON members, each preceded by a comma) added to the script's options. */
  static NodeTestServer start(Spec spec, String extraFields) throws Exception {
    String json = "{\"pingInterval\":" + spec.pingInterval() + ",\"pingTimeout\":" + spec.pingTimeout()
        + ",\"recovery\":" + spec.recovery() + ",\"maxHttpBufferSize\":" + spec.maxHttpBufferSize()
        + ",\"port\":" + spec.port() + ",\"parser\":\"" + spec.parser() + "\"" + extraFields + "}";
    NodePeer peer = NodePeer.start(script(), json);
    try {
      String line = peer.awaitLine(l -> l.startsWith("port "), START);
      return new NodeTestServer(peer, Integer.parseInt(line.substring(5).trim()));
    } catch (Throwable t) {
      peer.close();
      throw t;
    }
  }

  static Path script() {
    Path p = Paths.get("src/test/node/client/server.js");
    return p.toFile().exists() ? p : Paths.get("interop-tests/src/test/node/client/server.js");
  }

  @Override
  public int port() {
    return port;
  }

  @Override
  public String awaitRecord(Duration timeout) throws Exception {
    return peer.awaitLine(l -> l.startsWith("record "), timeout).substring("record ".length());
  }

  String awaitLine(String prefix, Duration timeout) throws Exception {
    return peer.awaitLine(l -> l.startsWith(prefix), timeout);
  }

  @Override
  public void tick(int n) throws Exception {
    peer.sendLine("tick " + n);
  }

  /** Closes every engine connection: the clients see "transport close" and reconnect. */
  void drop() throws Exception {
    peer.sendLine("drop");
  }

  @Override
  public void dropAndTick(int n) throws Exception {
    peer.sendLine("dropAndTick " + n);
    peer.awaitLine("ticked " + n, Duration.ofSeconds(10));
  }

  @Override
  public void freeze() throws Exception {
    signal("STOP");
  }

  @Override
  public void thaw() throws Exception {
    signal("CONT");
  }

  private void signal(String name) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(peer.process().pid())).start();
    if (kill.waitFor() != 0) {
      throw new IllegalStateException("kill -" + name + " failed");
    }
  }

  @Override
  public void close() {
    try {
      thaw();
    } catch (Exception ignored) {
      // not frozen, or gone
    }
    peer.close();
  }
}
