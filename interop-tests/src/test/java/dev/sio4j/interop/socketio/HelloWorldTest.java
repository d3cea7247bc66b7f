package dev.sio4j.interop.socketio;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.sio4j.engine.spi.ServerBinding;
import dev.sio4j.server.SocketIoServer;
import dev.sio4j.testing.NodePeer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The example every Socket.IO user knows, as short in Java, with two official npm clients; handlers off I/O threads. */
class HelloWorldTest {

  @Test
  void everyMessageGoesToEveryone() throws Exception {
    SocketIoServer io = SocketIoServer.create();
    io.onConnection(socket -> socket.on("message", event -> io.emit("message", event.args())));
    ServerBinding binding = io.listen(0);

    BlockingQueue<String> handlerThreads = new LinkedBlockingQueue<>();
    io.onConnection(socket -> socket.on("message", event -> handlerThreads.add(Thread.currentThread().getName())));
    try (NodePeer clients = NodeClients.run("hello", binding)) {
      NodeClients.expectLines(clients,
          "got 0 [\"hello\",{\"n\":1},\"bin:ff\"]",
          "got 1 [\"hello\",{\"n\":1},\"bin:ff\"]");
      String thread = handlerThreads.poll(5, TimeUnit.SECONDS);
      assertFalse(thread.startsWith("sio4j-io") || thread.startsWith("sio4j-boss"), thread);
    } finally {
      io.close();
    }
  }
}
