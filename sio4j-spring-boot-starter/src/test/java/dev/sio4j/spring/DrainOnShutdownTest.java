package dev.sio4j.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sio4j.server.DisconnectReason;
import dev.sio4j.server.SocketIoServer;
import dev.sio4j.spring.internal.SocketIoLifecycle;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code sio4j.drain-timeout}: the context's shutdown drains the server first, so its sockets leave with a transport
 * close (their clients reconnect elsewhere and are recovered) rather than "server shutting down";
 * {@code sio4j.trusted-proxies} reaches the server options.
 */
class DrainOnShutdownTest {
  @Test
  void shutdownDrainsFirst() throws Exception {
    ConfigurableApplicationContext context = new SpringApplicationBuilder(TestApplication.class)
        .web(WebApplicationType.NONE)
        .properties("sio4j.port=0", "sio4j.drain-timeout=200ms", "sio4j.trusted-proxies=127.0.0.1,10.0.0.0/8")
        .run();
    SocketIoServer io = context.getBean(SocketIoServer.class);
    assertTrue(io.options().trustedProxies().trusts(InetAddress.getByName("10.1.2.3")));
    BlockingQueue<DisconnectReason> reasons = new LinkedBlockingQueue<>();
    io.onConnection(socket -> socket.onDisconnect((s, reason) -> reasons.add(reason)));
    try {
      // an Engine.IO long-polling session and a CONNECT to "/", by hand
      String base = "http://127.0.0.1:" + context.getBean(SocketIoLifecycle.class).ownPort() + "/socket.io/?EIO=4"
          + "&transport=polling";
      HttpClient http = HttpClient.newHttpClient();
      String open = http.send(HttpRequest.newBuilder(URI.create(base)).build(), BodyHandlers.ofString()).body();
      Matcher sid = Pattern.compile("\"sid\":\"([^\"]+)\"").matcher(open);
      assertTrue(sid.find(), open);
      http.send(HttpRequest.newBuilder(URI.create(base + "&sid=" + sid.group(1)))
          .POST(HttpRequest.BodyPublishers.ofString("40")).build(), BodyHandlers.ofString());
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (io.sockets().sockets().isEmpty()) {
        assertTrue(System.nanoTime() < deadline, "connected");
        Thread.sleep(10);
      }
      context.close();
      assertEquals(DisconnectReason.TRANSPORT_CLOSE, reasons.poll(10, TimeUnit.SECONDS));
    } finally {
      context.close();
    }
  }
}
