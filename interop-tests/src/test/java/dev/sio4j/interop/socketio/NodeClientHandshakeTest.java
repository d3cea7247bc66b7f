package dev.sio4j.interop.socketio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sio4j.engine.spi.ServerBinding;
import dev.sio4j.server.Handshake;
import dev.sio4j.server.SocketIoServer;
import dev.sio4j.testing.NodePeer;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The handshake of a socket opened by the official npm client: headers, query, auth, address, time, secure, url. */
class NodeClientHandshakeTest {

  @Test
  void handshakeDetails() throws Exception {
    try (SocketIoServer io = SocketIoServer.create()) {
      io.onConnection(socket -> {
        Handshake h = socket.handshake();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("id", socket.id());
        details.put("header", h.header("X-App"));
        details.put("query", h.queryParameter("room"));
        details.put("auth", h.auth());
        details.put("address", h.address());
        details.put("secure", h.secure());
        details.put("url", h.url().startsWith("/socket.io/?") && h.url().contains("room=lobby"));
        details.put("time", Math.abs(Instant.parse(h.time()).toEpochMilli() - h.issued()) == 0);
        details.put("data", socket.data().isEmpty());
        socket.emit("handshake", details);
      });
      ServerBinding binding = io.listen(0);
      try (NodePeer client = NodeClients.run("handshake", binding)) {
        String line = client.awaitLine(l -> l.startsWith("handshake "), NodeClients.TIMEOUT);
        JsonNode details = new ObjectMapper().readTree(line.substring("handshake ".length()));
        assertEquals("demo", details.get("header").asText());
        assertEquals("lobby", details.get("query").asText());
        assertEquals("t1", details.get("auth").get("token").asText());
        assertEquals("127.0.0.1", details.get("address").asText());
        assertEquals(false, details.get("secure").asBoolean());
        assertTrue(details.get("url").asBoolean());
        assertTrue(details.get("time").asBoolean());
        assertTrue(details.get("data").asBoolean());
        client.awaitLine("same id true", NodeClients.TIMEOUT);
      }
    }
  }
}
