package dev.sio4j.interop.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sio4j.client.ClientOptions;
import dev.sio4j.client.DisconnectReason;
import dev.sio4j.client.EventArgs;
import dev.sio4j.client.Socket;
import dev.sio4j.client.SocketIoClient;
import dev.sio4j.client.TransportType;
import dev.sio4j.testing.NodePeer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Bad input from the server: a bare Engine.IO server (npm {@code engine.io}) accepts the namespace, sends one good
 * event, then a packet that is not Socket.IO. The client closes that connection with "parse error" and reconnects.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class NodeEngineBadInputTest {
  private static final String SCRIPT = String.join("\n",
      "const engine = require('engine.io');",
      "const server = engine.listen(0, { path: '/socket.io/' }, () => {",
      "  console.log('port ' + server.httpServer.address().port);",
      "});",
      "let connections = 0;",
      "server.on('connection', (socket) => {",
      "  const n = ++connections;",
      "  socket.on('message', (data) => {",
      "    if (data.startsWith('0')) {",
      "      socket.send('0{\"sid\":\"s' + n + '\"}');",
      "      socket.send('2[\"hello\",' + n + ']');",
      "      if (n === 1) socket.send('2[\"unterminated');",
      "    }",
      "  });",
      "});");

  @Test
  void malformedPacketClosesTheConnectionWithParseError() throws Exception {
    for (TransportType t : TransportType.values()) {
      try (NodePeer peer = NodePeer.startScript(SCRIPT)) {
        int port = Integer.parseInt(peer.awaitLine(l -> l.startsWith("port "), Duration.ofSeconds(20)).substring(5));
        try (SocketIoClient client = new SocketIoClient()) {
          Socket socket = client.socket("http://127.0.0.1:" + port, ClientOptions.builder().transports(t)
              .reconnectionDelay(Duration.ofMillis(100)).reconnectionDelayMax(Duration.ofMillis(200)).build());
          Inbox<EventArgs> hello = new Inbox<>();
          socket.on("hello", hello::add);
          Inbox<DisconnectReason> reasons = new Inbox<>();
          socket.onDisconnect((reason, cause) -> reasons.add(reason));
          assertEquals(1, hello.await().get(0, Integer.class));
          assertEquals(DisconnectReason.PARSE_ERROR, reasons.await(), t.name());
          assertEquals(2, hello.await().get(0, Integer.class), "reconnected after the parse error");
        }
      }
    }
  }
}
