package dev.sio4j.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sio4j.server.SocketIoServer;
import dev.sio4j.testing.NodePeer;
import jakarta.servlet.ServletRegistration;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link SocketIoServlet#servlet} registered by the application itself, as Spring Boot's
 * {@code ServletRegistrationBean} does, on a custom path: the official client connects and gets an ack.
 */
class SelfRegisteredServletTest {

  @ParameterizedTest
  @EnumSource(Container.class)
  void customPathAndOwnRegistration(Container container) throws Exception {
    SocketIoServer io = SocketIoServer.create(dev.sio4j.server.ServerOptions.builder().path("/realtime").build());
    io.onConnection(socket -> socket.on("hello", event -> event.ack("got " + event.arg(0).path("n").asInt()
        + " bytes " + event.bytes(1).length)));
    io.onConnection(socket -> socket.on("ping-me", event -> socket.emit("echo", "x", new byte[] {9, 8})));
    assertEquals("/realtime/*", SocketIoServlet.urlPattern(io));
    try (Container.Running running = container.start((classes, context) -> {
      ServletRegistration.Dynamic registration = context.addServlet("socket-io", SocketIoServlet.servlet(io));
      registration.setAsyncSupported(true);
      registration.addMapping(SocketIoServlet.urlPattern(io));
    }, Map.of(), 0);
        NodePeer client = NodePeer.startScript(
            "const { io } = require('socket.io-client');\n"
            + "const socket = io(process.argv[2], { path: '/realtime/', reconnection: false });\n"
            + "socket.on('connect', async () => {\n"
            + "  const answer = await socket.timeout(5000).emitWithAck('hello', { n: 7 }, Buffer.from([1]));\n"
            + "  console.log('ack ' + answer);\n"
            + "  socket.disconnect();\n"
            + "  process.exit(0);\n"
            + "});\n", "http://127.0.0.1:" + running.port())) {
      assertEquals("ack got 7 bytes 1", client.awaitLine(l -> l.startsWith("ack"), Duration.ofSeconds(10)));
    } finally {
      io.close();
    }
  }

}
