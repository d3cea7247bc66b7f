package dev.sio4j.examples.engineio;

import dev.sio4j.engine.CorsOptions;
import dev.sio4j.engine.EngineCloseReason;
import dev.sio4j.engine.EngineListener;
import dev.sio4j.engine.EngineOptions;
import dev.sio4j.engine.EngineServer;
import dev.sio4j.engine.EngineSocket;
import dev.sio4j.netty.NettyServer;
import dev.sio4j.protocol.engineio.EngineIoPacket;
import java.io.IOException;

/**
 * The Engine.IO echo server the official protocol test-suite ({@code socketio/engine.io-protocol},
 * {@code test-suite/}) runs against: path {@code /engine.io/}, pingInterval 300, pingTimeout 200, maxPayload
 * 1000000, CORS {@code *}; every message is sent back as it came, text as text and binary as binary.
 *
 * <p>Run: {@code java ... dev.sio4j.examples.engineio.EngineIoEchoServer [port]} (default port 3000).
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
    EngineServer engine = new EngineServer(options(), new EngineListener() {
      @Override
      public void onOpen(EngineSocket socket) {}

      @Override
      public void onMessage(EngineSocket socket, EngineIoPacket message) {
        socket.send(message);
      }

      @Override
      public void onClose(EngineSocket socket, EngineCloseReason reason, String description) {}
    });
    return NettyServer.builder().engine(engine).port(port).start();
  }

  /** Starts the server on the port given as first argument (default 3000) and serves until the JVM stops. */
  public static void main(String[] args) throws Exception {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
    NettyServer server = start(port);
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "sio4j-shutdown"));
    System.out.println("Engine.IO echo server listening on " + server.address());
    Thread.currentThread().join();
  }
}
