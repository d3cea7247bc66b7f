package dev.sio4j.examples.springchat;

import dev.sio4j.examples.chat.ChatOptions;
import dev.sio4j.server.ConnectionRefusedException;
import dev.sio4j.server.Namespace;
import dev.sio4j.server.Socket;
import dev.sio4j.server.SocketIoServer;
import dev.sio4j.spring.OnConnect;
import dev.sio4j.spring.SocketIoController;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The {@code /admin} namespace: a token middleware, and live figures pushed to the dashboards once a second. The
 * figures are computed from the rooms and the main namespace; thread-safe.
 */
@SocketIoController(namespace = "/admin")
public class AdminController {
  private static final Logger log = LoggerFactory.getLogger(AdminController.class);

  private final SocketIoServer io;
  private final ChatController chat;
  private final Namespace admin;
  private final String token;
  private final long startMillis = System.currentTimeMillis();
  private long lastPosted;
  private long lastSample = System.nanoTime();
  private double rate;

  /** The admin namespace of {@code io}, guarded by {@code options.adminToken()}. */
  public AdminController(SocketIoServer io, ChatController chat, ChatOptions options) {
    this.io = io;
    this.chat = chat;
    this.admin = io.of("/admin");
    byte[] token = options.adminToken().getBytes(StandardCharsets.UTF_8);
    // Namespace middlewares other than the main one's are added on the namespace itself.
    admin.use((socket, next) -> {
      String given = socket.handshake().auth().path("token").asText("");
      // Constant-time comparison: the token is a secret.
      if (MessageDigest.isEqual(token, given.getBytes(StandardCharsets.UTF_8))) {
        next.proceed();
      } else {
        log.info("admin connection refused from {}", socket.handshake().address());
        next.fail(new ConnectionRefusedException("unauthorized"));
      }
    });
    this.token = options.adminToken();
  }

  @OnConnect
  void connected(Socket socket) {
    socket.emit("stats", snapshot());
  }

  /** Samples the message rate and pushes the figures to every dashboard. */
  @Scheduled(fixedRate = 1000)
  void publish() {
    synchronized (this) {
      long now = System.nanoTime();
      long posted = chat.posted();
      rate = (posted - lastPosted) / Math.max(1e-9, (now - lastSample) / 1e9);
      lastPosted = posted;
      lastSample = now;
    }
    if (!admin.sockets().isEmpty()) {
      admin.emit("stats", snapshot());
    }
  }

  private synchronized Map<String, Object> snapshot() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("connections", io.sockets().sockets().size());
    out.put("rooms", chat.directory().get("rooms"));
    out.put("messagesPerSecond", Math.round(rate * 10) / 10.0);
    out.put("totalMessages", chat.posted());
    out.put("uptimeSeconds", (System.currentTimeMillis() - startMillis) / 1000);
    out.put("ts", System.currentTimeMillis());
    return out;
  }

  /** Prints where to point a browser once the application is ready. */
  @EventListener
  void ready(ApplicationReadyEvent event) {
    String port = event.getApplicationContext().getEnvironment().getProperty("local.server.port", "?");
    String base = "http://localhost:" + port;
    System.out.println();
    System.out.println("  sio4j Spring Boot chat   " + base + "/");
    System.out.println("  admin dashboard          " + base + "/admin?token=" + token);
    System.out.println("  last messages (REST)     " + base + "/api/messages");
    System.out.println("  health                   " + base + "/actuator/health");
    System.out.println();
  }
}
