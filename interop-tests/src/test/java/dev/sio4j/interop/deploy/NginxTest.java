package dev.sio4j.interop.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sio4j.client.ClientOptions;
import dev.sio4j.client.SocketIoClient;
import dev.sio4j.client.TransportType;
import dev.sio4j.interop.deploy.Nginx.Stickiness;
import dev.sio4j.testing.NodePeer;
import dev.sio4j.testing.RedisServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Three sio4j nodes (Redis streams adapter) behind Debian's nginx running {@code examples/deploy/nginx.conf}: the
 * official npm client and the sio4j Java client connect through it with long-polling only, WebSocket only and
 * upgrade; every round trip of a client reaches the node holding its session (sticky by client address, and by
 * nginx's route cookie); the server sees the client's address, named by nginx in X-Forwarded-For.
 */
class NginxTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private static final Path CLIENTS = Paths.get("src/test/node/deploy/clients.js");
  private static final int NPM_CLIENTS = 12;
  private static final int ROUNDS = 3;
  private static final ObjectMapper JSON = new ObjectMapper();

  private static RedisServer redis;
  private static final List<TestNode> nodes = new ArrayList<>();
  private static final BlockingQueue<String> addresses = new LinkedBlockingQueue<>();

  @BeforeAll
  static void startCluster() {
    assumeTrue(Files.isExecutable(Nginx.BINARY), "Debian's nginx is not installed");
    redis = RedisServer.start();
    for (String name : List.of("a", "b", "c")) {
      nodes.add(TestNode.start(name, 0, redis.uri(), socket -> addresses.add(socket.handshake().address())));
    }
  }

  @AfterAll
  static void stopCluster() {
    nodes.forEach(TestNode::close);
    nodes.clear();
    if (redis != null) {
      redis.close();
    }
  }

  private static Nginx nginx(Stickiness stickiness) throws Exception {
    return Nginx.start(stickiness, nodes.stream().map(n -> n.port).toList());
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"IP_HASH, polling", "IP_HASH, websocket", "IP_HASH, 'polling,websocket'",
      "COOKIE, polling", "COOKIE, websocket", "COOKIE, 'polling,websocket'"})
  void npmClientsStayOnTheirNode(Stickiness stickiness, String transports) throws Exception {
    try (Nginx nginx = nginx(stickiness);
        NodePeer peer = NodePeer.start(CLIENTS, nginx.url(), String.valueOf(NPM_CLIENTS), transports,
            String.valueOf(stickiness == Stickiness.COOKIE), String.valueOf(ROUNDS))) {
      Set<String> nodesSeen = new HashSet<>();
      for (int i = 0; i < NPM_CLIENTS; i++) {
        String line = peer.awaitLine(l -> l.startsWith("client "), TIMEOUT);
        JsonNode client = JSON.readTree(line.substring(line.indexOf('{')));
        assertTrue(client.path("error").isMissingNode(), line + "\n" + nginx.errorLog());
        Set<String> answered = new HashSet<>();
        client.get("nodes").forEach(n -> answered.add(n.asText()));
        assertEquals(ROUNDS, client.get("nodes").size(), line);
        assertEquals(1, answered.size(), "one node answered every round trip: " + line);
        nodesSeen.addAll(answered);
        String expected = transports.endsWith("websocket") ? "websocket" : "polling";
        assertEquals(expected, client.get("transport").asText(), line);
        assertEquals("127.0.0.1", client.get("address").asText(), line);
      }
      peer.awaitLine("done", TIMEOUT);
      if (stickiness == Stickiness.IP_HASH) {
        // ip_hash: one address (one /24 even), one node
        assertEquals(1, nodesSeen.size(), nodesSeen.toString());
      } else {
        // a random route per client: twelve clients all on one node of three has a chance of 3 in 3^12
        assertTrue(nodesSeen.size() > 1, "the route cookie spreads the clients: " + nodesSeen);
      }
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"IP_HASH, POLLING", "IP_HASH, WEBSOCKET", "IP_HASH, BOTH", "COOKIE, POLLING", "COOKIE, BOTH"})
  void javaClientStaysOnItsNode(Stickiness stickiness, String transports) throws Exception {
    List<TransportType> types = switch (transports) {
      case "POLLING" -> List.of(TransportType.POLLING);
      case "WEBSOCKET" -> List.of(TransportType.WEBSOCKET);
      default -> List.of(TransportType.POLLING, TransportType.WEBSOCKET);
    };
    try (Nginx nginx = nginx(stickiness); SocketIoClient client = new SocketIoClient()) {
      Set<String> nodesSeen = new HashSet<>();
      for (int route = 0; route < 6; route++) {
        ClientOptions.Builder options = ClientOptions.builder().transports(types).forceNew(true)
            .reconnection(false);
        if (stickiness == Stickiness.COOKIE) {
          // what a browser would send back after nginx set it: a route of the client's own
          options.extraHeader("Cookie", "sio4j_route=route" + route);
        }
        dev.sio4j.client.Socket socket = client.socket(nginx.url(), options.build());
        Set<String> answered = new HashSet<>();
        for (int round = 0; round < ROUNDS; round++) {
          JsonNode who = socket.timeout(Duration.ofSeconds(10)).emitWithAck("whoami").get(20, TimeUnit.SECONDS).get(0);
          answered.add(who.get("node").asText());
          assertEquals("127.0.0.1", who.get("address").asText());
        }
        assertEquals(1, answered.size(), "one node answered every round trip: " + answered);
        nodesSeen.addAll(answered);
        socket.close();
      }
      if (stickiness == Stickiness.COOKIE) {
        assertTrue(nodesSeen.size() > 1, "six routes, more than one node: " + nodesSeen);
      }
    }
  }

  @Test
  void serverSeesTheClientsAddressNotNginxs() throws Exception {
    // a client on 127.0.0.2 (any 127/8 address is the loopback): nginx connects to the node from 127.0.0.1, the
    // trusted proxy, and names 127.0.0.2 in X-Forwarded-For
    try (Nginx nginx = nginx(Stickiness.IP_HASH)) {
      addresses.clear();
      String handshake = request(nginx.port(), "GET /socket.io/?EIO=4&transport=polling HTTP/1.1\r\n"
          + "Host: localhost\r\nConnection: close\r\n\r\n");
      Matcher sid = Pattern.compile("\"sid\":\"([^\"]+)\"").matcher(handshake);
      assertTrue(sid.find(), handshake);
      String connect = request(nginx.port(), "POST /socket.io/?EIO=4&transport=polling&sid=" + sid.group(1)
          + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain;charset=UTF-8\r\nContent-Length: 2\r\n"
          + "Connection: close\r\n\r\n40");
      assertTrue(connect.startsWith("HTTP/1.1 200"), connect);
      assertEquals("127.0.0.2", addresses.poll(10, TimeUnit.SECONDS));
    }
  }

  /** One raw HTTP/1.1 exchange from 127.0.0.2; the response as text. */
  private static String request(int port, String request) throws IOException {
    try (Socket socket = new Socket()) {
      socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0));
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      in.transferTo(out);
      return out.toString(StandardCharsets.UTF_8);
    }
  }
}
