package dev.sio4j.examples.nettysocketio;

import dev.sio4j.engine.spi.ServerBinding;
import dev.sio4j.server.ServerOptions;
import dev.sio4j.server.SocketIoServer;
import java.net.InetSocketAddress;

/**
 * netty-socketio's demo chat ({@code ChatLauncher} of {@code netty-socketio-demo}) written for sio4j: every
 * {@code chatevent} a client sends, a {@link ChatObject}, goes to every connected client, the sender included. The
 * server also serves the chat's page at {@code /} and the official browser client at {@code /socket.io/socket.io.js}
 * on its own port. {@code docs/migrating-from-netty-socketio.md} shows this class next to the original, from the tagged
 * regions below (a test keeps the two equal).
 *
 * <p>Lifecycle: {@link #start} binds and returns a running chat; {@link #close()} disconnects every client ("server
 * shutting down") and stops the server. Thread-safe.
 */
public final class ChatLauncher implements AutoCloseable {
  private final SocketIoServer io;
  private final ServerBinding binding;

  private ChatLauncher(SocketIoServer io, ServerBinding binding) {
    this.io = io;
    this.binding = binding;
  }

  /** Starts the chat on {@code address} (port 0: any free port). */
  public static ChatLauncher start(InetSocketAddress address) {
    // tag::server[]
    SocketIoServer io = SocketIoServer.create(ServerOptions.builder()
        .httpHandler(new ChatPage())                 // the chat's page at /, on the same port (optional)
        .build());

    io.onConnection(socket ->
        socket.on("chatevent", ChatObject.class, (chat, event) ->
            io.emit("chatevent", chat)));            // to every client, the sender included
    // end::server[]
    try {
      // tag::listen[]
      ServerBinding binding = io.listen(address);  // bound and serving when it returns; io.close() stops it
      // end::listen[]
      return new ChatLauncher(io, binding);
    } catch (RuntimeException e) {
      io.close();
      throw e;
    }
  }

  /** The port the chat listens on. */
  public int port() {
    return binding.address().getPort();
  }

  /** Disconnects every client and stops the server. */
  @Override
  public void close() {
    io.close();
  }

  /**
   * Runs the chat on {@code localhost:9092}, the original demo's address, until the process is stopped; the first
   * argument, when given, is another port.
   */
  public static void main(String[] args) {
    // tag::main[]
    int port = args.length > 0 ? Integer.parseInt(args[0].trim()) : 9092;       // the demo's port by default
    ChatLauncher chat = ChatLauncher.start(new InetSocketAddress("localhost", port));
    Runtime.getRuntime().addShutdownHook(new Thread(chat::close, "chat-shutdown"));
    // end::main[]
    System.out.println("netty-socketio's demo chat on sio4j: http://localhost:" + chat.port() + "/");
  }
}
