package dev.sio4j.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sio4j.engine.spi.ServerBinding;
import dev.sio4j.server.SocketIoServer;
import dev.sio4j.testing.NodePeer;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The reference admin server's development mode: every event a watched socket receives and is sent goes to the UI
 * ({@code event_received}, {@code event_sent}: namespace, socket id, the event and its arguments, a date), and the
 * config says {@code ALL_EVENTS}. Driven by the official npm client as the UI's own client.
 */
class AdminEventsTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private SocketIoServer io;
  private SocketIoAdmin admin;

  @AfterEach
  void stop() {
    admin.close();
    io.close();
  }

  @Test
  void developmentModeSendsEveryEventToTheUi() throws Exception {
    io = SocketIoServer.create();
    admin = SocketIoAdmin.instrument(io, AdminOptions.builder().noAuth().development(true).build());
    io.onConnection(socket -> socket.on("hello", event -> socket.emit("hi", "there")));
    ServerBinding binding = io.listen(0);
    List<String> lines = new ArrayList<>();
    try (NodePeer ui = NodePeer.start(Paths.get("src/test/node/admin-events.js"),
        "http://127.0.0.1:" + binding.address().getPort())) {
      String line;
      while (!(line = ui.awaitLine(l -> true, TIMEOUT)).equals("done")) {
        lines.add(line);
      }
    }
    assertEquals(List.of(
        "config true",
        "event_received / true [\"hello\",1,{\"a\":[2]}] true",
        "event_sent / true [\"hi\",\"there\"] true"), lines);
  }
}
