package dev.sio4j.examples.springchat;

import dev.sio4j.examples.chat.ChatOptions;
import dev.sio4j.examples.chat.ChatRooms;
import dev.sio4j.server.ConnectionRefusedException;
import dev.sio4j.server.Middleware;
import dev.sio4j.server.Socket;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The chat demo as a Spring Boot application ({@code scripts/spring-boot-chat.sh [PORT]}): the same page, admin
 * dashboard and official browser client as the Netty demo, with Socket.IO on the application's own port (Tomcat),
 * the chat's handlers as {@link ChatController} and {@link AdminController}, a REST endpoint with the last messages
 * ({@code GET /api/messages}) and Actuator ({@code /actuator/health}, {@code /actuator/metrics}).
 */
@SpringBootApplication
@EnableScheduling
public class SpringChatApplication implements WebMvcConfigurer {
  /** Room for a nickname in the handshake's auth. */
  static final int MAX_NAME = 24;

  /** The chat's limits and admin token: the Netty demo's defaults, the token from {@code CHAT_ADMIN_TOKEN}. */
  @Bean
  ChatOptions chatOptions() {
    ChatOptions.Builder options = ChatOptions.builder();
    String token = System.getenv("CHAT_ADMIN_TOKEN");
    if (token != null && !token.isBlank()) {
      options.adminToken(token);
    }
    return options.build();
  }

  /** The rooms, their members and recent history. */
  @Bean
  ChatRooms chatRooms(ChatOptions options) {
    return new ChatRooms(options.historySize(), options.maxRooms(), options.permanentRooms());
  }

  /** Lets a socket into the main namespace only with a nickname ({@code auth.name}); keeps it in its data. */
  @Bean
  Middleware nicknameRequired() {
    return (Socket socket, dev.sio4j.server.Next next) -> {
      String name = socket.handshake().auth().path("name").asText("").strip();
      if (name.isEmpty() || name.length() > MAX_NAME || name.chars().anyMatch(Character::isISOControl)) {
        next.fail(new ConnectionRefusedException("Please pick a nickname of 1 to " + MAX_NAME + " characters"));
        return;
      }
      socket.data().put("name", name);
      next.proceed();
    };
  }

  /** {@code /admin} serves the dashboard page, as in the Netty demo. */
  @Override
  public void addViewControllers(ViewControllerRegistry registry) {
    registry.addViewController("/admin").setViewName("forward:/admin.html");
  }

  /** Starts the application; the port is the first argument, else {@code PORT}, else 3000. */
  public static void main(String[] args) {
    if (args.length > 0 && args[0].matches("\\d+")) {
      // A command-line property: it wins over application.properties' ${PORT:3000}.
      String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
      args = java.util.stream.Stream.concat(java.util.stream.Stream.of("--server.port=" + args[0]),
          java.util.Arrays.stream(rest)).toArray(String[]::new);
    }
    SpringApplication.run(SpringChatApplication.class, args);
  }
}
