package dev.sio4j.interop.browser;

import dev.sio4j.examples.chat.ChatOptions;
import dev.sio4j.examples.chat.ChatServer;
import dev.sio4j.protocol.socketio.SocketIoParser;

/** The chat demo started by a test, in this JVM, on a given port (0: a free one). */
final class ChatDemo implements AutoCloseable {
  private final ChatServer server;

  private ChatDemo(ChatServer server) {
    this.server = server;
  }

  static ChatDemo start(int port, String token) {
    return start(port, token, SocketIoParser.json());
  }

  /** The demo speaking {@code parser}: its page then loads the browser bundle of that parser. */
  static ChatDemo start(int port, String token, SocketIoParser parser) {
    return new ChatDemo(ChatServer.start(ChatOptions.builder().port(port).adminToken(token).parser(parser).build()));
  }

  String url() {
    return "http://127.0.0.1:" + server.port();
  }

  int port() {
    return server.port();
  }

  String adminToken() {
    return server.adminToken();
  }

  @Override
  public void close() {
    server.close();
  }
}
