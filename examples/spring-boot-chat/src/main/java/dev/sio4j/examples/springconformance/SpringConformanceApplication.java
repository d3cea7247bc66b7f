package dev.sio4j.examples.springconformance;

import dev.sio4j.examples.BindingArgs;
import dev.sio4j.server.Arguments;
import dev.sio4j.server.Socket;
import dev.sio4j.spring.OnConnect;
import dev.sio4j.spring.OnEvent;
import dev.sio4j.spring.SocketIoController;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The server of the official socket.io-protocol test-suite as a Spring Boot application with the starter: the same
 * behaviour as {@code SocketIoConformanceServer} (path {@code /socket.io/}, pingInterval 300, pingTimeout 200,
 * connectTimeout 1000, maxPayload 1000000, any origin), set by the {@code sio4j.*} properties of
 * {@code sio4j-conformance.properties}, with the handlers as annotated controllers on {@code /} and {@code /custom},
 * served by the application's embedded Tomcat.
 *
 * <p>Run: {@code scripts/socketio-conformance.sh [port] --binding=spring}; default port 3000. It reads
 * {@code sio4j-conformance.properties}, not the chat's {@code application.properties}, which shares this module.
 */
@SpringBootApplication
public class SpringConformanceApplication {
  /** What the suite expects on each namespace it uses. */
  abstract static class Handlers {
    @OnConnect
    void connected(Socket socket) {
      socket.emit("auth", socket.handshake().auth());
    }

    @OnEvent("message")
    void message(Socket socket, Arguments args) {
      socket.emit("message-back", args.toArray());
    }

    /** The acknowledgement is the return value: an array is sent as that many arguments. */
    @OnEvent("message-with-ack")
    Object[] messageWithAck(Arguments args) {
      return args.toArray();
    }
  }

  /** The main namespace. */
  @SocketIoController
  static class Main extends Handlers {}

  /** The suite's second namespace. */
  @SocketIoController(namespace = "/custom")
  static class Custom extends Handlers {}

  /** Starts the application on the port given as argument (default 3000); {@code --binding=spring} is accepted. */
  public static void main(String[] args) {
    BindingArgs parsed = BindingArgs.parse(args, "spring");
    if (parsed.allowEIO3()) {
      System.err.println("--allow-eio3 is for the netty, tomcat and jetty bindings of SocketIoConformanceServer");
      System.exit(2);
    }
    if (!parsed.parser().name().equals("json")) {
      System.err.println("the Spring Boot conformance application speaks the default JSON parser only");
      System.exit(2);
    }
    SpringApplication application = new SpringApplication(SpringConformanceApplication.class);
    application.setDefaultProperties(Map.of("spring.config.name", "sio4j-conformance"));
    application.run("--server.port=" + parsed.port());
  }
}
