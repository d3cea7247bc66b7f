package dev.sio4j.spring;

import dev.sio4j.server.ConnectionRefusedException;
import dev.sio4j.server.Middleware;
import dev.sio4j.server.Socket;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The application the starter's tests run: a REST endpoint, two controllers and two middleware beans. */
@SpringBootApplication
public class TestApplication {
  /** A chat message, bound from the client's JSON object. */
  public record Chat(String from, String text) {}

  /** What {@code chat} acknowledges. */
  public record Receipt(String from, int length) {}

  /** Refuses the token {@code bad}, second in line. */
  @Bean
  @Order(2)
  Middleware tokenCheck() {
    return (socket, next) -> {
      if ("bad".equals(socket.handshake().auth().path("token").asText())) {
        next.fail(new ConnectionRefusedException("forbidden", Map.of("reason", "bad token")));
      } else {
        next.proceed();
      }
    };
  }

  /** Runs first: marks the socket, so that the controller can tell that the middlewares ran in order. */
  @Bean
  @Order(1)
  Middleware first() {
    return (socket, next) -> {
      socket.data().put("order", "first");
      next.proceed();
    };
  }

  /**
   * Spring Security on the servlet stack: every request is allowed, and one with HTTP Basic credentials of
   * {@code ada:secret} is authenticated, so that the handshake carries a principal.
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
  static class Security {
    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
      return http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
          .httpBasic(Customizer.withDefaults())
          .csrf(csrf -> csrf.disable())
          .build();
    }

    @Bean
    UserDetailsService users() {
      return new InMemoryUserDetailsManager(User.withUsername("ada").password("{noop}secret").roles("USER").build());
    }
  }

  /**
   * Spring Security on the reactive stack: every exchange is allowed (the REST endpoint answers on WebFlux's port;
   * Socket.IO has its own server there, which Spring Security does not see).
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
  static class ReactiveSecurity {
    @Bean
    SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http) {
      return http.authorizeExchange(exchanges -> exchanges.anyExchange().permitAll())
          .csrf(csrf -> csrf.disable())
          .build();
    }
  }

  /** A REST endpoint on the same port as Socket.IO. */
  @RestController
  static class Rest {
    @GetMapping("/api/hello")
    Map<String, String> hello() {
      return Map.of("hello", "world");
    }
  }

  /** The main namespace's handlers: every parameter and return style the starter supports. */
  @SocketIoController
  static class MainHandlers {
    @OnConnect
    void connected(Socket socket) {
      socket.emit("welcome", Map.of("id", socket.id(), "order", socket.data().get("order")));
    }

    @OnEvent("chat")
    Receipt chat(Chat chat) {
      return new Receipt(chat.from(), chat.text().length());
    }

    @OnEvent("list")
    int list(List<Chat> chats) {
      return chats.stream().mapToInt(c -> c.text().length()).sum();
    }

    @OnEvent("binary")
    byte[] binary(byte[] bytes) {
      byte[] reversed = new byte[bytes.length];
      for (int i = 0; i < bytes.length; i++) {
        reversed[i] = bytes[bytes.length - 1 - i];
      }
      return reversed;
    }

    @OnEvent("future")
    CompletableFuture<String> future(int millis) {
      return CompletableFuture.supplyAsync(() -> "after " + millis + " ms",
          CompletableFuture.delayedExecutor(millis, TimeUnit.MILLISECONDS));
    }

    @OnEvent("param-ack")
    void paramAck(String value, Ack ack, Socket socket) {
      ack.send(value + "!", ack.requested());
    }

    @OnEvent("whoami")
    String whoami(Principal principal) {
      return principal == null ? "anonymous" : principal.getName();
    }

    @OnEvent("join")
    String join(Socket socket, String room) {
      socket.join(room);
      return "joined " + room;
    }

    @OnEvent("to-room")
    boolean toRoom(Socket socket, String room, String text) {
      return socket.to(room).emit("room-message", text);
    }
  }

  /** A second namespace. */
  @SocketIoController(namespace = "/admin")
  static class AdminHandlers {
    @OnEvent("status")
    Map<String, Object> status(Socket socket) {
      return Map.of("namespace", socket.namespace().name());
    }
  }
}
