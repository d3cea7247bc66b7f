package dev.sio4j.examples.engineio;

import dev.sio4j.engine.CorsOptions;
import dev.sio4j.engine.EngineCloseReason;
import dev.sio4j.engine.EngineListener;
import dev.sio4j.engine.EngineOptions;
import dev.sio4j.engine.EngineServer;
import dev.sio4j.engine.EngineSocket;
import dev.sio4j.examples.BindingArgs;
import dev.sio4j.examples.servlet.EmbeddedContainer;
import dev.sio4j.netty.NettyServer;
import dev.sio4j.protocol.engineio.EngineIoPacket;
import dev.sio4j.servlet.SocketIoServlet;
import java.io.IOException;
import java.util.List;

/**
 * The Engine.IO echo server the official protocol test-suite ({@code socketio/engine.io-protocol},
 * {@code test-suite/}) runs against: path {@code /engine.io/}, pingInterval 300, pingTimeout 200, maxPayload
 * 1000000, CORS {@code *}; every message is sent back as it came, text as text and binary as binary.
 *
 * <p>Run: {@code scripts/engineio-echo.sh [port] [--binding=netty|tomcat|jetty]} (default port 3000, Netty).
 */
public final class EngineIoEchoServer {
  private EngineIoEchoServer() {}

  /** The options the test-suite expects. */
  public static EngineOptions options() {
    return EngineOptions.builder()
        .path("/engine.io/")
        .pingIntervalMillis(300)
        .pingTimeoutMillis(200)
        .maxPayload(1_000_000)
        .cors(CorsOptions.anyOrigin())
        .build();
  }

  /** Starts the echo server on {@code port} (0 for any free port). */
  public static NettyServer start(int port) throws IOException {
    return NettyServer.builder().engine(engine()).port(port).start();
  }

  /**
   * Starts the echo server in a Servlet container ({@code tomcat} or {@code jetty}) on {@code port}, through
   * {@link SocketIoServlet#register(jakarta.servlet.ServletContext, EngineServer, List)}.
   */
  public static EmbeddedContainer startInContainer(String container, int port) throws Exception {
    EngineServer engine = engine();
    return EmbeddedContainer.start(container, port,
        (classes, context) -> SocketIoServlet.register(context, engine, List.of()));
  }

  /** The echo engine, not yet served. */
  public static EngineServer engine() {
    return new EngineServer(options(), new EngineListener() {
      @Override
      public void onOpen(EngineSocket socket) {}

      @Override
      public void onMessage(EngineSocket socket, EngineIoPacket message) {
        socket.send(message);
      }

      @Override
      public void onClose(EngineSocket socket, EngineCloseReason reason, String description) {}
    });
  }

  /**
   * Starts the server on the port given as first argument (default 3000) and serves until the JVM stops; with
   * {@code --binding=tomcat} or {@code --binding=jetty} in a Servlet container instead of the embedded Netty server.
   */
  public static void main(String[] args) throws Exception {
    BindingArgs parsed = BindingArgs.parse(args, "netty", "tomcat", "jetty");
    if (parsed.binding().equals("netty")) {
      NettyServer server = start(parsed.port());
      Runtime.getRuntime().addShutdownHook(new Thread(server::close, "sio4j-shutdown"));
      System.out.println("Engine.IO echo server listening on " + server.address());
    } else {
      EmbeddedContainer container = startInContainer(parsed.binding(), parsed.port());
      Runtime.getRuntime().addShutdownHook(new Thread(container::close, "sio4j-shutdown"));
      System.out.println("Engine.IO echo server listening on " + container.address() + " (" + parsed.binding() + ")");
    }
    Thread.currentThread().join();
  }
}
