package dev.sio4j.interop.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sio4j.client.ClientOptions;
import dev.sio4j.client.ConnectionOptions;
import dev.sio4j.client.ConnectErrorException;
import dev.sio4j.client.ProxyOptions;
import dev.sio4j.client.Socket;
import dev.sio4j.client.SocketIoClient;
import dev.sio4j.client.TransportType;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * {@link ProxyOptions} through real proxies to the sio4j server: tinyproxy (HTTP, with and without Basic
 * authentication) and microsocks (SOCKS5, with and without username/password authentication), over long-polling, WebSocket and the upgrade from one to the other.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ProxyClientTest {
  private Sio4jTestServer server;

  @BeforeAll
  void start() throws Exception {
    server = Sio4jTestServer.start(TestServer.Spec.defaults());
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void httpProxy() throws Exception {
    try (ProxyProcess proxy = ProxyProcess.tinyproxy(null, null)) {
      everyTransport(ProxyOptions.http("127.0.0.1", proxy.port));
      assertTrue(proxy.log().contains("GET http://127.0.0.1:" + server.port()),
          "long-polling requests went through the proxy: " + proxy.log());
      assertTrue(proxy.log().contains("CONNECT 127.0.0.1:" + server.port()),
          "the WebSocket went through a tunnel: " + proxy.log());
    }
  }

  @Test
  void httpProxyWithBasicAuthentication() throws Exception {
    try (ProxyProcess proxy = ProxyProcess.tinyproxy("sio4j", "s3cret")) {
      everyTransport(ProxyOptions.http("127.0.0.1", proxy.port).withCredentials("sio4j", "s3cret"));
      refused(ProxyOptions.http("127.0.0.1", proxy.port).withCredentials("sio4j", "wrong"));
      refused(ProxyOptions.http("127.0.0.1", proxy.port));
    }
  }

  @Test
  void socksProxy() throws Exception {
    try (ProxyProcess proxy = ProxyProcess.microsocks()) {
      everyTransport(ProxyOptions.socks("127.0.0.1", proxy.port));
    }
    // Nothing listens there any more: the client goes nowhere but through the proxy.
    refused(ProxyOptions.socks("127.0.0.1", ProxyProcess.freePort()));
  }

  @Test
  void socksProxyWithAuthentication() throws Exception {
    try (ProxyProcess proxy = ProxyProcess.microsocks("sio4j", "s3cret")) {
      everyTransport(ProxyOptions.socks("127.0.0.1", proxy.port).withCredentials("sio4j", "s3cret"));
      // the server by name: the proxy resolves it
      everyTransport(ProxyOptions.socks("127.0.0.1", proxy.port).withCredentials("sio4j", "s3cret"),
          "http://localhost:" + server.port());
      refused(ProxyOptions.socks("127.0.0.1", proxy.port).withCredentials("sio4j", "wrong"));
      refused(ProxyOptions.socks("127.0.0.1", proxy.port));
    }
  }

  private void everyTransport(ProxyOptions proxy) throws Exception {
    everyTransport(proxy, server.url());
  }

  private void everyTransport(ProxyOptions proxy, String url) throws Exception {
    for (List<TransportType> transports : List.of(List.of(TransportType.POLLING), List.of(TransportType.WEBSOCKET),
        List.of(TransportType.POLLING, TransportType.WEBSOCKET))) {
      try (SocketIoClient client = new SocketIoClient()) {
        Socket socket = client.socket(url, options(proxy).transports(transports).build());
        ClientScenarios.awaitConnected(socket);
        String expected = transports.get(transports.size() - 1).wireName();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!expected.equals(socket.io().transport()) && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
        assertEquals(expected, ClientScenarios.whoami(socket).get("transport").asText(), proxy + " " + transports);
        assertEquals("via", socket.emitWithAck("ack", "via").get(10, TimeUnit.SECONDS).getString(0));
      }
    }
  }

  private static ClientOptions.Builder options(ProxyOptions proxy) {
    return ClientOptions.builder().connection(ConnectionOptions.builder().proxy(proxy).build());
  }

  private void refused(ProxyOptions proxy) throws Exception {
    try (SocketIoClient client = new SocketIoClient()) {
      Socket socket = client.socket(server.url(), options(proxy).reconnection(false).build());
      Inbox<ConnectErrorException> errors = new Inbox<>();
      socket.onConnectError(errors::add);
      errors.await();
      assertFalse(socket.connected());
    }
  }
}
